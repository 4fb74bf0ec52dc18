"""The draft encoding of one notice, in the model of data/notices/: the notice, one
``dpv:PersonalDataProcess`` per body named as a recipient or a source, declarations for
categories and purposes (here) and for dates, lawful bases, gateways, retention, rights,
contacts, transfers, automated decisions, lost text and deferrals (:mod:`.statements`).
Every node cites its words: ``oa:exact`` is ``text[start:end]``.
Phrases the vocabularies do not know become candidate concepts flagged ``sg:needsReview``."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from pathlib import Path

from .inline import last_sentence_start, named_in, sources_in_item
from .reading import Document
from .sections import (EXCHANGE, HOLDS, PURPOSES, RECIPIENTS, SOURCES, ItemList, Section, item_lists, lead_role,
                       notice_sections)
from .structure import lead_in
from .turtle import Entry, Group, iri, literal, render

ID = "https://w3id.org/sharinggraph/id/"
_SLUG = re.compile(r"[^a-z0-9]+")
# the person the information is about: "you", and the children and young people a children's notice is about
_DATA_SUBJECT = re.compile(r"(?:you|yourself|you directly|you or your (?:child|family|parents?)|the data subject|"
                           r"(?:the |your )?(?:child|children|young person|young people)(?: themselves| directly)?)", re.I)
# "the Council", "our council", "us": the notice's own council (the controller), not another local authority
_OWN_COUNCIL = re.compile(r"(?:the|this|our) (?:council|local authority|authority)|us|we|ourselves", re.I)
_SHARED_WITH = re.compile(r"\b(?:share|shares|shared|sharing)\b[^.]*?\bwith\s+(?!them\b|us\b|you\b)", re.I)
_PREPOSITION = re.compile(r"(?:in|for|to|under|where|when|if|as|so|because|with|without|on|at|by|in line)\b", re.I)
_INTRODUCER = re.compile(r"^(?:such as|including|includes|e\.g\.?|for example)[\s:]+", re.I)
_CLAUSE = re.compile(r"\b(?:is|are|will|can|must|should|was|were|be|has|have)\b", re.I)


def slug(words: str, limit: int = 48) -> str:
    """``words`` as a lower-case, hyphenated name ("Children’s Social Care" -> "childrens-social-care")."""
    plain = _SLUG.sub("-", words.lower().replace("’", "").replace("'", "")).strip("-")
    return plain[:limit].rstrip("-") or "x"


@dataclass
class Draft:
    """A draft: its Turtle, the source record it needs, and what was found, by kind."""

    turtle: str
    notice: str
    council_slug: str
    notice_slug: str
    record: dict
    found: dict[str, list[str]] = field(default_factory=dict)
    candidates: int = 0


class _Writer:
    """Collects entries by group, names them uniquely and adds their selectors after them."""

    def __init__(self, document: Document, source: str) -> None:
        self.text = document.text
        self.source = source
        self.groups: dict[str, Group] = {}
        self.names: set[str] = set()
        self.quoted: set[tuple[int, int]] = set()
        self.line_starts = [0] + [i + 1 for i, c in enumerate(self.text) if c == "\n"]

    def name(self, stem: str) -> str:
        """A new local name ``:stem`` (``:stem-2``… when taken)."""
        candidate, number = slug(stem), 1
        while candidate in self.names:
            number += 1
            candidate = f"{slug(stem)}-{number}"
        self.names.add(candidate)
        return f":{candidate}"

    def group(self, title: str) -> Group:
        """The group called ``title``, made when first asked for."""
        return self.groups.setdefault(title, Group(title))

    def line_of(self, offset: int) -> int:
        """1-based line number of ``offset``."""
        return bisect.bisect_right(self.line_starts, offset)

    def add(self, group: str, entry: Entry, spans: list[tuple[int, int]]) -> Entry:
        """Add ``entry`` to ``group`` deriving from ``spans`` of the text, each cited by a selector."""
        bucket = self.group(group)
        if not entry.comments:
            entry.comments = [f'line {self.line_of(s)}: "{self.text[s:e]}"' for s, e in spans[:3]]
        entry.add("prov:wasDerivedFrom", *(self.selector_name(s, e) for s, e in spans))
        bucket.entries.append(entry)
        for start, end in spans:
            if (start, end) not in self.quoted:
                self.quoted.add((start, end))
                bucket.entries.append(self.selector(start, end))
        return entry

    @staticmethod
    def selector_name(start: int, end: int) -> str:
        """The local name of the selector of ``start``..``end``."""
        return f":q{start}-{end}"

    def selector(self, start: int, end: int) -> Entry:
        """The ``oa:SpecificResource`` quoting ``text[start:end]`` with both selectors."""
        exact = self.text[start:end]
        entry = Entry(self.selector_name(start, end), ["oa:SpecificResource"])
        entry.add("oa:hasSource", self.source)
        entry.add("oa:hasSelector", f"[ a oa:TextQuoteSelector ; oa:exact {literal(exact)} ]",
                  f"[ a oa:TextPositionSelector ; oa:start {start} ; oa:end {end} ]")
        return entry


def draft_notice(document: Document, council: str, root: Path, gss: str | None = None,
                 service: str | None = None, gazetteer=None, register=None) -> Draft:
    """The draft encoding of ``document``, a notice of ``council`` (about ``service`` when given).

    :raises InputError: the text is not a privacy notice (no recognisable section).
    """
    from .citations import find_citations
    from .gazetteer import Gazetteer
    from .register import load_legislation

    found = notice_sections(document)
    gazetteer = gazetteer or Gazetteer.from_vocab(root)
    register = register or load_legislation(root)
    stated = service or document.title or _first_heading(document, found)
    title = stated or "Privacy notice (untitled: give --service)"
    controller = gazetteer.match(council, "party")
    known = controller.concept is not None and controller.score >= 97 and "/org/" in str(controller.concept)
    council_slug = str(controller.concept).rsplit("/", 1)[1] if known else slug(council)
    notice_slug = slug(stated or Path(document.name).stem or "notice")  # untitled: named after its file
    source_id = f"{council_slug}-{notice_slug}"
    notice = f"{ID}notice/{council_slug}/{notice_slug}"
    writer = _Writer(document, f"src:{source_id}")
    context = _Context(document, writer, gazetteer, notice, council, gss, str(controller.concept) if known else None)
    context.categories_and_parties(item_lists(document, found), found)
    from .statements import add_statements

    add_statements(context, found, find_citations(document.text, register), register)
    notice_entry = context.notice_entry(title, source_id)
    groups = [Group("The notice", [notice_entry, *context.controller_entries]),
              *writer.groups.values()]
    header = [f"Draft encoding of: {title}", f"Council: {council}" + (f" (GSS {gss})" if gss else ""),
              f"Source: data/sources/{source_id}.json (written by `sharinggraph curate accept`)",
              f"Named graph: sgid:graph/{council_slug}/{notice_slug}",
              "Made by `sharinggraph extract`: review every block against its quoted line before accepting.",
              f"Candidates flagged sg:needsReview: {context.candidates}",
              "Hand-edited after review: keep the comments."]
    record = {"id": source_id, "council": council, "title": title, "dates": context.dates,
              "dates_as_stated": context.dates_as_stated, "sha256": document.sha256,
              "characters": len(document.text), "format": "text/plain; charset=utf-8",
              "address": document.address, "retrieved": document.retrieved,
              "original_sha256": document.original_sha256,
              "controllers": [context.controller] if context.controller.startswith("https://") else [],
              "note": f"Text as read from {document.name or 'the input'} ({document.media_type}) by sharinggraph extract; "
                      "sha256 is that of this text, original_sha256 that of the file or answer it was read from."}
    return Draft(render(notice + "/", header, groups), notice, council_slug, notice_slug, record,
                 context.found, context.candidates)


def _first_heading(document: Document, found: list[Section]) -> str | None:
    """The first heading that names a notice ("Children's social care privacy notice"), if any."""
    for section in found:
        if section.heading is not None and re.search(r"privacy|notice", section.heading.text(document.text), re.I):
            return section.heading.text(document.text)
    return None


class _Context:
    """What the parts of a draft share: the text, the writer, the vocabularies, the controller."""

    def __init__(self, document: Document, writer: _Writer, gazetteer, notice: str, council: str,
                 gss: str | None, known: str | None) -> None:
        self.document, self.writer, self.gazetteer, self.notice = document, writer, gazetteer, notice
        self.text = document.text
        self.declares: list[str] = []
        self.processes: list[str] = []
        self.candidates = 0
        self.found: dict[str, list[str]] = {}
        self.dates: dict[str, str] = {}
        self.dates_as_stated: dict[str, str] = {}
        self.flows: dict[tuple[str, str], Entry] = {}
        self.keyed: dict[str, Entry] = {}
        self.matches: dict[tuple[str, str], object] = {}
        self.documents: dict[str, str] = {}  # title of a document deferred to -> its node
        self.deferred: set[tuple[int, int]] = set()  # spans whose deferral a section's declaration carries
        self.candidate_terms: dict[tuple[str, str], str] = {}
        self.controller_entries: list[Entry] = []
        self.controller = known or self._candidate_council(council, gss)

    def _candidate_council(self, council: str, gss: str | None) -> str:
        term = f"body:{slug(council)}"
        entry = Entry(term, ["org:FormalOrganization", "dpv:PublicSectorBody", "schema:GovernmentOrganization"],
                      comments=["The council, not yet in data/vocab/organisations.ttl: move it there on review."])
        entry.add("skos:prefLabel", literal(council, "en")).add("sg:needsReview", "true")
        if gss:
            entry.add("dct:identifier", literal(gss))
            entry.add("schema:areaServed", iri(f"http://statistics.data.gov.uk/id/statistical-geography/{gss}"))
        self.controller_entries.append(entry)
        self.candidates += 1
        return term

    def match(self, phrase: str, scheme: str):
        """The gazetteer's match for ``phrase``, asked once per phrase and scheme; councils'
        services match only for the notice's own council (none when the council is not known)."""
        key = (phrase, scheme)
        if key not in self.matches:
            self.matches[key] = self.gazetteer.match(phrase, scheme, self.controller)
        return self.matches[key]

    def term(self, value: str) -> str:
        """A concept IRI or a ``body:``/``:`` name as a Turtle term."""
        return iri(value) if value.startswith("http") else value

    def concept(self, phrase: str, scheme: str, kind: str) -> str:
        """The Turtle term of the concept ``phrase`` names in ``scheme``, or of a new candidate."""
        if scheme == "party" and _OWN_COUNCIL.fullmatch(phrase):
            return self.term(self.controller)
        if scheme == "party" and _DATA_SUBJECT.fullmatch(phrase):
            return iri("https://w3id.org/dpv#DataSubjectDataSource" if kind == "source" else "https://w3id.org/dpv#DataSubject")
        known = self.known_concept(phrase, scheme)
        if known is not None:
            return known
        key = (scheme, phrase.lower())
        if key not in self.candidate_terms:
            name = self.writer.name(f"candidate-{kind}-{phrase}")
            entry = Entry(name, ["skos:Concept"], comments=[f"Candidate {kind}: no concept of data/vocab matches this phrase"])
            entry.add("skos:prefLabel", literal(phrase, "en")).add("sg:needsReview", "true")
            self.writer.group("Candidate concepts (review each one)").entries.append(entry)
            self.candidate_terms[key] = name
            self.candidates += 1
        return self.candidate_terms[key]

    def known_concept(self, phrase: str, scheme: str) -> str | None:
        """The Turtle term of the concept of ``scheme`` that ``phrase`` (or a shorter form of it) names, or None."""
        from .parties import lookup_variants

        for variant in lookup_variants(phrase):
            match = self.match(variant, scheme)
            if match.concept is not None:
                return self.term(str(match.concept))
        return None

    def declare(self, group: str, stem: str, spans: list[tuple[int, int]], key: str | None = None,
                **properties) -> Entry:
        """A new ``sg:Declaration`` of the notice with ``properties`` (``__`` for ':' in a predicate);
        a second declaration with the same ``key`` only adds its quotes to the first."""
        if key is not None and key in self.keyed:
            entry = self.keyed[key]
            entry.add("prov:wasDerivedFrom", *(self.writer.selector_name(s, e) for s, e in spans))
            for start, end in spans:
                if (start, end) not in self.writer.quoted:
                    self.writer.quoted.add((start, end))
                    self.writer.group(group).entries.append(self.writer.selector(start, end))
            return entry
        entry = Entry(self.writer.name(stem), ["sg:Declaration"])
        if key is not None:
            self.keyed[key] = entry
        for predicate, objects in properties.items():
            entry.add(predicate.replace("__", ":"), *([objects] if isinstance(objects, str) else objects))
        self.declares.append(entry.subject)
        return self.writer.add(group, entry, spans)

    def categories_and_parties(self, lists: list[ItemList], found: list[Section]) -> None:
        """Categories from lists of what is held; one flow per body in lists of recipients and
        sources, and in sentences that name them (see :mod:`.inline`)."""
        from .parties import first_sentence_end

        for listed in lists:
            for item in listed.items:
                if listed.role == PURPOSES:
                    self._purpose(item.start, item.end, listed.lead)
                elif listed.role == HOLDS:
                    held_from = sources_in_item(self.text, item.start, item.end)
                    self._categories(item.start, item.end, None, split=not held_from)
                    for named in held_from:
                        self._parties(SOURCES, None, named.start, named.end)
                elif listed.role in (RECIPIENTS, SOURCES, EXCHANGE):
                    phrase = self.text[item.start:first_sentence_end(self.text, item.start, item.end)]
                    lead = listed.lead
                    if _CLAUSE.search(phrase) and (lead is None or lead_role(lead.text(self.text)) != listed.role):
                        continue  # a sentence (a condition, a term of an agreement), not a body named
                    for role in ((RECIPIENTS, SOURCES) if listed.role == EXCHANGE else (listed.role,)):
                        self._parties(role, (lead.start, lead.end) if lead is not None else None, item.start,
                                      item.start + len(phrase))
        for section in found:  # every section: a sentence that states sharing states it under any heading
            for block in section.body:
                if block.kind not in ("paragraph", "cell"):
                    continue
                end = last_sentence_start(self.text, block.start, block.end) if lead_in(block, self.text) else block.end
                for named in named_in(self.text, block.start, end, section.role):
                    if named.role == HOLDS:
                        self._categories(named.start, named.end, named.sentence)
                    else:
                        self._parties(named.role, named.sentence, named.start, named.end)

    def _categories(self, start: int, end: int, sentence: tuple[int, int] | None, split: bool = True) -> None:
        """Each category ``text[start:end]`` names; one (``split`` False) for an item that says where
        its information comes from: the bodies after "from" are sources, not categories. An example
        of a category ("safeguarding information (such as court orders ...)") is a category of its
        own only where the vocabularies know it: the category it exemplifies, quoted with it, covers it;
        and an umbrella the vocabularies do not know ("Personal data (names, dates of birth ...)") gives
        way to the examples they know."""
        from .parties import example_spans, split_parties, without_unknown_head

        phrase = self.text[start:end]
        parts = []
        for part_start, part_end, words in (split_parties(phrase, start, self._known("category")) if split
                                            else [(start, end, phrase)]):
            introducer = _INTRODUCER.match(words)
            if introducer:
                part_start, words = part_start + introducer.end(), words[introducer.end():]
            if words.rstrip(" .;,"):
                parts.append((part_start, part_end, words.rstrip(" .;,")))
        examples = example_spans(phrase, start)
        for part_start, _, words in without_unknown_head(parts, examples, self._known_concept("category")):
            if any(lo <= part_start < hi for lo, hi in examples) and self.known_concept(words, "category") is None:
                continue
            term = self.concept(words, "category", "category")
            spans = ([sentence] if sentence else []) + [(part_start, part_start + len(words))]
            if f"holds {term}" in self.keyed:
                self.declare("Information held", "", spans, f"holds {term}")
                continue
            self.found.setdefault("categories", []).append(term)
            self.declare("Information held", f"holds-{words}", spans, f"holds {term}",
                         sg__aboutItem="item:categories", dpv__hasPersonalData=term)

    def _purpose(self, start: int, end: int, lead) -> None:
        """A purpose the notice lists, as the vocabularies name it or as a candidate."""
        words = self.text[start:end].rstrip(" .;,")
        if not words:
            return
        term = self.concept(words, "purpose", "purpose")
        spans = ([(lead.start, lead.end)] if lead is not None else []) + [(start, start + len(words))]
        self.found.setdefault("purposes", []).append(term)
        self.declare("Purposes", f"purpose-{words}", spans, f"purpose {term}", sg__aboutItem="item:purposes",
                     dpv__hasPurpose=term)

    def _known_concept(self, scheme: str):
        """Whether a phrase names a concept of ``scheme`` (or a shorter form of it does)."""
        return lambda words: self.known_concept(words, scheme) is not None

    def _known(self, scheme: str):
        """Whether a part of a phrase is one name the vocabularies know (kept whole, not split; see
        :func:`.parties.one_body`)."""
        from .parties import one_body

        return lambda part: one_body(part, lambda words: self.match(words, scheme))

    def _parties(self, role: str, lead: tuple[int, int] | None, start: int, end: int) -> None:
        from .parties import example_spans, names_no_body, split_parties, without_clauses, without_unknown_head

        whole = self.text[start:end].rstrip(" .;,")
        if self._known("party")(whole):  # a label the vocabularies know, as written: one body
            self._flow(role, lead, start, start + len(whole), whole)
            return
        inner = _SHARED_WITH.search(self.text, start, end)
        if inner is not None:  # "we also share information with agencies involved ...": the bodies only
            start = inner.end()
        for piece_start, piece_end in without_clauses(self.text, start, end):
            phrase = self.text[piece_start:piece_end].rstrip(" .;,")
            parts = []
            for part_start, part_end, words in split_parties(phrase, piece_start, self._known("party")):
                if _PREPOSITION.match(words):
                    continue  # "Ofsted, in line with the inspection of ...": a condition, not a body
                introducer = _INTRODUCER.match(words)
                if introducer:
                    part_start, words = part_start + introducer.end(), words[introducer.end():]
                if not names_no_body(words):  # "agencies", "someone else"
                    parts.append((part_start, part_end, words))
            for part_start, part_end, words in without_unknown_head(parts, example_spans(phrase, piece_start),
                                                                    self._known_concept("party")):
                self._flow(role, lead, part_start, part_end, words)

    def _flow(self, role: str, lead: tuple[int, int] | None, part_start: int, part_end: int, words: str) -> None:
        """One flow to or from the body ``words`` names (quoted at ``part_start``..``part_end``)."""
        recipient = role == RECIPIENTS
        group = "Who the information is shared with" if recipient else "Where the information comes from"
        term = self.concept(words, "party", "recipient" if recipient else "source")
        if term == self.term(self.controller):
            return  # the controller is never its own recipient or source
        spans = ([lead] if lead is not None else []) + [(part_start, part_end)]
        key = ("share" if recipient else "collect", term)
        if key in self.flows:
            self.flows[key].add("prov:wasDerivedFrom", *(self.writer.selector_name(s, e) for s, e in spans))
            for s, e in spans:
                if (s, e) not in self.writer.quoted:
                    self.writer.quoted.add((s, e))
                    self.writer.group(group).entries.append(self.writer.selector(s, e))
            return
        entry = Entry(self.writer.name(f"{key[0]}-{words}"), ["dpv:PersonalDataProcess"])
        entry.add("dpv:hasDataController", self.term(self.controller))
        if recipient:
            entry.add("dpv:hasProcessing", "dpv:Share").add("dpv:hasRecipient", term)
        else:
            entry.add("dpv:hasProcessing", "dpv:Collect").add("dpv:hasDataSource", term)
        self.flows[key] = entry
        self.processes.append(entry.subject)
        self.found.setdefault("recipients" if recipient else "sources", []).append(term)
        self.writer.add(group, entry, spans)

    def notice_entry(self, title: str, source_id: str) -> Entry:
        """The notice itself, declaring everything found."""
        entry = Entry(iri(self.notice), ["dpv:PrivacyNotice"],
                      comments=["The notice; its title comes from the input (check it against the page)."])
        entry.add("dct:title", literal(title, "en")).add("dct:publisher", self.term(self.controller))
        entry.add("dct:source", f"src:{source_id}")
        for name, predicate in (("modified", "dct:modified"), ("nextReview", "sg:nextReviewDate")):
            if name in self.dates:
                entry.add(predicate, literal(self.dates[name], datatype="xsd:date"))
        entry.add("sg:declares", *self.declares)
        entry.add("dpv:hasProcess", *self.processes)
        return entry
