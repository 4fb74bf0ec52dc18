"""Party, category, purpose and other concept recognition against the SKOS vocabularies.

Contract: ``Gazetteer.from_vocab(root)`` reads every ``skos:prefLabel``, ``altLabel`` and
``hiddenLabel`` of ``data/vocab``, grouped by scheme name: "party" (recipient types and named
organisations), "category", "purpose", "subject", "condition", "basis", "anchor", "legislation",
"item". ``match(phrase, scheme)`` gives the best concept for a phrase: score 100 for a label equal
after normalisation (case, apostrophes, '&', a leading article), 97 for the same words in the
singular, otherwise the rapidfuzz score when it reaches ``FUZZY_THRESHOLD``, otherwise
``CONTAINMENT_SCORE`` when content words meet (see ``_containing``); a name followed by its
abbreviation in brackets ("Youth Offending Team (YOT)") scores as the name when the brackets hold
its initials or a label of the same concept; below that,
``Match(None, phrase, score, scheme)``: a candidate new concept the curator must review.
``find(text, scheme)`` finds every label of the scheme written in the text (longest first, whole
words, never overlapping) and returns ``(start, end, Match)`` spans ordered by start. Both take an
optional ``council``: with it, councils' own services match only for that council.

``exclude_council`` (a ``data/notices`` folder name such as "waltham-forest", or the council's
name as its source record gives it) drops every label whose only evidence is that council's
notices, and every concept only that council's notices link to (see ``evidence.py`` for how
evidence is read), so an evaluation on that council's notices has not seen its answers. A label
with no evidence at all (a preferred label of a concept several councils use, a hidden
abbreviation, a wording no quote contains) is general and stays; ``load_legislation`` takes the
same ``exclude_council`` for the register's wording.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from rapidfuzz import fuzz, process
from rdflib import URIRef

from ..namespaces import SGID
from .evidence import (
    comment_evidence,
    general_labels,
    council_folder,
    notice_evidence,
    read_vocabularies,
)

#: The lowest rapidfuzz score (0..100) that still names a concept; below it a phrase is a candidate.
#: Measured with benchmarks/extract_parse_eval.py (leave one council out, seeds): 80 drops list-item
#: precision (parties 94.8% -> 90.0%, categories 95.8% -> 90.1%) for no recall; 85 costs category
#: precision (93.8%); 88 to 95 give the same figures, so 90 stays.
FUZZY_THRESHOLD = 90.0
#: The score of a match by content words (one side's words all in the other's), below any fuzzy match.
CONTAINMENT_SCORE = 89.0

_SCHEME_OF_FILE = {
    "recipient-types": "party", "organisations": "party", "data-categories": "category",
    "purposes": "purpose", "data-subjects": "subject", "conditions": "condition",
    "lawful-bases": "basis", "retention-anchors": "anchor", "legislation": "legislation",
    "notice-items": "item",
}
_ARTICLES = re.compile(r"^(?:the|a|an|any|all)\s+")


@dataclass(frozen=True)
class Match:
    """The concept a phrase names (None: a candidate new concept), the label matched and the score."""

    concept: URIRef | None
    label: str
    score: float
    scheme: str


def normalise(text: str) -> str:
    """Lower case, straight apostrophes, 'and' for '&', single spaces, no leading article."""
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("\u00a0", " ")
    text = re.sub(r"\s*&\s*", " and ", text.lower())
    text = re.sub(r"\s+", " ", text).strip(" ,.;:()-–•")
    return _ARTICLES.sub("", text)


def singular(text: str) -> str:
    """Each word without its plural ending (crude, but enough: 'schools', 'bodies', 'universities')."""
    return " ".join(re.sub(r"(?<=[a-z]{3})(?<!s)s$", "", re.sub(r"(?<=[a-z]{2})ies$", "y", word))
                    for word in text.split(" "))


class _Index:
    """The labels of one scheme that one council may use, keyed for each kind of lookup."""

    def __init__(self, entries: list[tuple[str, URIRef]], bodies: frozenset[URIRef] = frozenset(),
                 last: frozenset[URIRef] = frozenset()):
        self.bodies = bodies
        self.exact: dict[str, tuple[str, URIRef]] = {}
        self.plain: dict[str, tuple[str, URIRef]] = {}
        self.kinds: dict[str, tuple[str, URIRef]] = {}  # the same keys, kinds of body only
        # where two concepts share a key, the project's own (sgid:) before a DPV term's hidden label,
        # and any before one of ``last`` (councils' services when no council is named)
        for label, concept in sorted(entries, key=lambda e: (not str(e[1]).startswith(str(SGID)), e[1] in last, str(e[1]))):
            self.exact.setdefault(normalise(label), (label, concept))
            self.plain.setdefault(singular(normalise(label)), (label, concept))
            if concept not in bodies:
                self.kinds.setdefault(normalise(label), (label, concept))
        self.keys = list(self.exact)
        self.plain_keys = list(self.plain)
        keys = sorted(set(self.keys) - {""}, key=len, reverse=True)
        self.pattern = (re.compile(r"(?<![\w'’])(?:" + "|".join(_label_regex(k) for k in keys) + r")(?![\w'’])",
                                   re.IGNORECASE) if keys else None)


class Gazetteer:
    """Labels of the vocabularies by scheme, for exact and fuzzy lookups (see the module docstring)."""

    def __init__(self, labels: dict[str, list[tuple[str, URIRef]]], units: dict[URIRef, URIRef] | None = None,
                 councils: dict[str, URIRef] | None = None, bodies: set[URIRef] | None = None):
        self._labels = labels                # scheme -> [(label as written, concept)]
        self._units = units or {}            # council service (org:unitOf) -> its council
        self._bodies = frozenset(bodies or ())  # named bodies: met by content words only when all are the same
        self._councils = councils or {}      # a council's name or GSS code (normalised) -> its IRI
        self._indexes: dict[tuple[str, frozenset], _Index] = {}

    @classmethod
    def from_vocab(cls, root: Path, exclude_council: str | None = None) -> Gazetteer:
        """Read ``root/data/vocab``; without the labels only ``exclude_council`` gave evidence for."""
        entries, wordings, units, councils, bodies = read_vocabularies(root, _SCHEME_OF_FILE, normalise)
        if exclude_council is not None:
            entries = _without_council(root, entries, wordings, exclude_council, set(councils.values()))
        return cls(entries, units, councils, bodies)

    def schemes(self) -> list[str]:
        """The scheme names this gazetteer has labels for."""
        return sorted(self._labels)

    def labels(self, scheme: str) -> list[tuple[str, URIRef]]:
        """Every (label, concept) of a scheme."""
        return list(self._labels.get(scheme, []))

    def council_iris(self, council: str | URIRef | Iterable[str] | None) -> frozenset[URIRef] | None:
        """The councils named (by IRI, name as the vocabulary labels it, or GSS code); unknown names give none.

        None for None: no council given.
        """
        if council is None:
            return None
        names = [council] if isinstance(council, str) else list(council)
        found = set()
        for name in names:
            if URIRef(str(name)) in self._councils.values():  # rdflib terms never equal plain strings
                found.add(URIRef(str(name)))
            elif normalise(str(name)) in self._councils:
                found.add(self._councils[normalise(str(name))])
        return frozenset(found)

    def match(self, phrase: str, scheme: str, council: str | URIRef | Iterable[str] | None = None) -> Match:
        """The concept of ``scheme`` the phrase names, or a candidate (concept None) when none does.

        Pass the notice's council (IRI, name or GSS code; several for a joint notice): a council's
        own services (``org:unitOf``) are then matched only for that council, so one council's
        "Housing Services" is never another's. Without it every service may match (the first
        version's behaviour, kept for its callers), but a kind of body or a named body sharing the
        words wins ("Housing" is the recipient type, not Westminster's housing service).
        """
        index = self._index(scheme, self.council_iris(council))
        key = normalise(phrase)
        if not key or not index.keys:
            return Match(None, phrase, 0.0, scheme)
        if key in index.exact:
            label, concept = index.exact[key]
            if concept in index.bodies and key in index.kinds and phrase == phrase.lower():
                label, concept = index.kinds[key]  # "the probation service": the kind, not The Probation Service
            return Match(concept, label, 100.0, scheme)
        abbreviated = _ABBREVIATED.fullmatch(phrase.strip())  # "Youth Offending Team (YOT)"
        if abbreviated is not None:
            named = self.match(abbreviated["name"], scheme, council)
            if named.score >= 97 and (_initials(abbreviated["name"]) == abbreviated["abbreviation"].upper()
                                      or self.match(abbreviated["abbreviation"], scheme, council).concept == named.concept):
                return named
        acronym_plural = re.fullmatch(r"[A-Z]{2,5}['’]?s", phrase.strip())  # "GPs", "GP's"
        plain = singular(re.sub(r"^([a-z]{2,5})'?s$", r"\1", key) if acronym_plural else key)
        if plain in index.plain:
            return Match(index.plain[plain][1], index.plain[plain][0], 97.0, scheme)
        best = process.extractOne(key, index.keys, scorer=fuzz.ratio)
        if best is not None and best[1] >= FUZZY_THRESHOLD:
            return Match(index.exact[best[0]][1], index.exact[best[0]][0], float(best[1]), scheme)
        contained = _containing(singular(normalise(_BRACKETED.sub(" ", phrase))), index)
        if contained is not None:
            return Match(contained[1], contained[0], CONTAINMENT_SCORE, scheme)
        return Match(None, phrase, float(best[1]) if best else 0.0, scheme)

    def find(self, text: str, scheme: str, council: str | URIRef | Iterable[str] | None = None
             ) -> list[tuple[int, int, Match]]:
        """Every label of ``scheme`` written in ``text``, longest first, never overlapping."""
        index = self._index(scheme, self.council_iris(council))
        if index.pattern is None:
            return []
        found: list[tuple[int, int, Match]] = []
        for hit in index.pattern.finditer(text):
            key = normalise(hit.group())
            label, concept = index.exact.get(key) or index.plain.get(singular(key), (None, None))
            if concept is None or (" " not in key and _is_lowercase_acronym(hit.group(), label)):
                continue
            found.append((hit.start(), hit.end(), Match(concept, label, 100.0 if key in index.exact else 97.0, scheme)))
        return found

    def _index(self, scheme: str, councils: frozenset[URIRef] | None) -> _Index:
        """The index of ``scheme`` for these councils (None: every council's services)."""
        if (scheme, councils) not in self._indexes:
            entries = [(label, concept) for label, concept in self._labels.get(scheme, [])
                       if councils is None or concept not in self._units or self._units[concept] in councils]
            self._indexes[(scheme, councils)] = _Index(entries, self._bodies, frozenset(self._units) if councils is None else frozenset())
        return self._indexes[(scheme, councils)]


_STOPWORDS = {"and", "or", "of", "the", "for", "in", "with", "to", "other", "our", "your", "any", "all", "some"}
# words that say what kind of body or record, not which: "Youth Offending Team" and "Youth offending
# Service" meet, and so do "details of criminal offences" and "Criminal offences"
_GENERIC_HEADS = {"service", "team", "unit", "department", "support", "provider", "organisation", "organization",
                  "agency", "body", "staff", "office", "information", "detail", "data", "record", "status"}


# heads that say only "a body" or "a record", so that one stands for another: "government bodies" are
# "government departments", "educational data" is "educational records"
_INTERCHANGEABLE_HEADS = ({"organisation", "organization", "agency", "body", "department"},
                          {"information", "data", "detail", "record"})


def _content_words(key: str) -> frozenset[str]:
    return frozenset(word for word in re.findall(r"[a-z0-9']+", key) if word not in _STOPWORDS | _GENERIC_HEADS)


def _containing(plain: str, index: _Index) -> tuple[str, URIRef] | None:
    """The one concept with a label whose content words are the phrase's, or all among the phrase's.

    Content words leave out linking words and generic heads (service, team, support ...); the
    label needs two or more, or one and the phrase's last word, or the same one word when both end
    in a word for a body, or a record, of any kind ("government bodies" meets "Government departments",
    "Educational data" meets "educational records"; "Borough Police" meets "Police",
    "Registered Housing Providers" and "other care providers" meet "Housing provider" and "Care
    provider") ("Drug and alcohol services" meets "Drug and Alcohol support services",
    "youth offending team" meets "Youth offending Service", "the drug and alcohol support services
    team" meets "Drug and alcohol services"; "Legal services" meets nothing, and "National
    Probation Service" does not meet "National Probation Trust", a word of which it lacks). A named
    body (an organisation, not a kind of one) is met only by the same content words: "National
    Probation Trust" does not meet the National Probation Service. A tie between concepts gives
    no match, unless one alone has the phrase's last word ("third party contractors" is a
    contractor, not a third party), or, of those that have it, one alone meets the most of the
    phrase's words ("voluntary sector partners" before "partners"), or one alone is the project's
    own (``sgid:``) rather than a DPV term.
    """
    words = _content_words(plain)
    if not words:
        return None
    head = plain.rsplit(" ", 1)[-1]
    hits, headed, covered = {}, {}, {}
    for key in index.plain_keys:
        label_words = _content_words(key)
        concept = index.plain[key][1]
        if concept in index.bodies and label_words != words:
            continue  # a named body: "National Probation Trust" is not the National Probation Service
        label_head = key.rsplit(" ", 1)[-1]
        kinds_of_body = any({head, label_head} <= heads for heads in _INTERCHANGEABLE_HEADS)
        if label_words and label_words <= words and (len(label_words) >= 2 or label_head == head
                                                     or kinds_of_body and label_words == words):
            hits.setdefault(concept, index.plain[key])
            if label_head == head or kinds_of_body:
                headed.setdefault(concept, index.plain[key])
                covered[concept] = max(covered.get(concept, 0), len(label_words))
    most = max(covered.values(), default=0)
    for narrowed in (headed, {concept: hit for concept, hit in headed.items() if covered[concept] == most},
                     {concept: hit for concept, hit in hits.items() if str(concept).startswith(str(SGID))}):
        if len(hits) > 1 and len(narrowed) == 1:
            hits = narrowed  # the label with the phrase's head (the most of its words); the project's own concept
    return next(iter(hits.values())) if len(hits) == 1 else None


# a bracket and what it holds, or an unclosed one to the end: a qualifier, not words of the name
_BRACKETED = re.compile(r"\([^()]*(?:\)|$)")
_ABBREVIATED = re.compile(r"(?P<name>[^()]+?)\s*\((?P<abbreviation>[A-Za-z&]{2,8})\)")
_NOT_INITIALS = {"and", "of", "the", "for", "in", "&"}


def _initials(name: str) -> str:
    """"Multi-Agency Safeguarding Hub" -> "MASH": the first letter of each word but linking words."""
    return "".join(word[0] for word in re.split(r"[\s-]+", name) if word and word.lower() not in _NOT_INITIALS).upper()


def _label_regex(key: str) -> str:
    """A normalised label as a pattern: any apostrophe, '&' or 'and', any run of spaces, plural 's'."""
    escaped = re.escape(key).replace("'", "['\u2019]").replace(r"\ and\ ", r"\s*(?:and|&)\s*")
    return re.sub(r"(\\ )+", r"\\s+", escaped) + "s?"


def _is_lowercase_acronym(written: str, label: str) -> bool:
    """True when a label written in capitals ("GP", "YOT") is met in lower case in the text."""
    return label.isupper() and len(label) <= 5 and not written.isupper()


def _without_council(root: Path, entries, wordings: dict[str, set[str]], council: str, councils: set[URIRef]):
    """The entries without what only ``council``'s notices gave the vocabularies.

    A label goes when its only evidence is that council's (quoted words in the notices count for
    alternative labels, the notices' own wording; line comments in the vocabularies for any
    label); a concept goes with all its labels, preferred label included, when only that
    council's notices link to it (it was made for them). A label marked general in the
    vocabularies (``general_labels``) stays, and so does its concept. Councils themselves stay,
    with all their names: the command line names the notice's council.
    """
    folder = council_folder(root, council)
    concepts = {str(concept) for scheme_entries in entries.values() for _, concept in scheme_entries}
    evidence, users = notice_evidence(root, wordings, normalise, concepts)
    for (concept, label), sources in comment_evidence(root).items():
        evidence.setdefault((concept, normalise(label)), set()).update(sources)
    general = {(concept, normalise(label)) for concept, label in general_labels(root)}
    known_in_general = {concept for concept, _ in general}
    made_for_it = {concept for concept, used in users.items() if used == {folder}} - known_in_general
    kept = {}
    for scheme, scheme_entries in entries.items():
        kept[scheme] = [(label, concept) for label, concept in scheme_entries
                        if concept in councils or (str(concept), normalise(label)) in general
                        or (str(concept) not in made_for_it
                            and evidence.get((str(concept), normalise(label)), set()) != {folder})]
    return kept
