"""The notice-level statements of a draft: dates, lawful bases and cited law (each citation with
its role from the legislation register), retention, rights, contacts, transfers, automated
decisions, lost lists and deferrals to another document; each quoted where the text states it."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from .sections import (AUTOMATED, BASIS, CONTACTS, HOLDS, PURPOSES, RECIPIENTS, RETENTION, RIGHTS, SOURCES,
                       TRANSFERS, Section)
from .turtle import Entry, iri, literal

ROLE = "https://w3id.org/sharinggraph/id/legal-role/"
_GATEWAY_ROLES = {f"{ROLE}sharing-gateway", f"{ROLE}statutory-function"}
_EMAIL = re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")
_DEFERS = re.compile(r"(?:(?:please )?see|(?:are |is )?(?:included|set out|found|given|described) in|refer to) "
                     r"(?:the |our )?(?:relevant section of (?:the |our )?)?(?P<doc>(?:[A-Z][\w’'-]*\s+)*"
                     r"(?:privacy notice|privacy policy|Privacy Notice|Privacy Policy))", re.I)
_ITEMS = {RETENTION: ("Retention", "item:retention"), RIGHTS: ("Rights", "item:rights"),
          HOLDS: ("Information held", "item:categories"), PURPOSES: ("Purposes", "item:purposes"),
          BASIS: ("Lawful basis", "item:lawful-basis"), RECIPIENTS: ("Who the information is shared with", "item:recipients"),
          SOURCES: ("Where the information comes from", "item:source"),
          TRANSFERS: ("Transfers outside the UK", "item:international-transfers"),
          AUTOMATED: ("Automated decisions", "item:automated-decision-making")}
_DATE_LABELS = (("modified", re.compile(r"(?:last\s+(?:updated|reviewed|revised|modified)|updated|reviewed|"
                                        r"published|date)\b\s*(?:on|date)?\s*:?\s*$", re.I)),
                ("nextReview", re.compile(r"(?:next\s+review|review\s+date|to be reviewed)\b\s*(?:date)?\s*(?:by|on)?\s*:?\s*$", re.I)))


def add_statements(context, found: list[Section], citations, register) -> None:
    """Add the notice-level statements of ``found`` and ``citations`` to the draft ``context``."""
    _dates(context)
    _citations(context, found, citations, register)
    _worded_bases(context, found, [(c.start, c.end) for c in citations if c.basis is not None])
    for section in found:
        _section_items(context, section)
        if section.role != RETENTION:
            _retention(context, section, None)
    _lost_lists(context)
    _cut_off(context, found)
    _deferrals(context)


def _section_of(found: list[Section], offset: int) -> Section | None:
    section = None
    for candidate in found:
        first = candidate.heading or (candidate.body[0] if candidate.body else None)
        if first is not None and first.start <= offset:
            section = candidate
    return section


def _dates(context) -> None:
    """Dates the text states with a label ("Last updated: 25 September 2024"), each quoted."""
    from .periods import find_dates

    for start_of_date, end, stated in find_dates(context.text):
        line_start = context.text.rfind("\n", 0, start_of_date) + 1
        label = context.text[line_start:start_of_date]
        kind = next((name for name, pattern in _DATE_LABELS if pattern.search(label)), None)
        if kind is None or kind in context.dates or getattr(stated, "precision", "day") != "day":
            continue  # a date without its label, a second one, or no day stated: not encoded
        start = line_start + len(label) - len(label.lstrip())
        context.dates[kind] = stated.isoformat()
        context.dates_as_stated[kind] = context.text[start:end]
        predicate = "dct__modified" if kind == "modified" else "sg__nextReviewDate"
        context.declare("Dates", kind, [(start, end)], None,
                        **{predicate: literal(stated.isoformat(), datatype="xsd:date")})


@lru_cache(maxsize=4)
def _roles(root: Path) -> dict[str, str]:
    from rdflib import Graph, URIRef

    graph = Graph().parse(root / "data" / "vocab" / "legislation.ttl")
    role = URIRef("https://w3id.org/sharinggraph/ontology#legalRole")
    return {str(s): str(o) for s, o in graph.subject_objects(role)}


def _citations(context, found: list[Section], citations, register) -> None:
    """One declaration per citation: a lawful basis, a gateway, other law, or an unknown Act flagged."""
    from ..resources import project_root

    roles = _roles(project_root())
    for citation in citations:
        section = _section_of(found, citation.start)
        in_basis = section is not None and section.role == BASIS
        spans = [(citation.start, citation.end)]
        if citation.basis is not None:
            scope = {"sg__appliesTo": iri(context.notice)} if in_basis else {}
            term = iri(str(citation.basis))
            context.found.setdefault("lawful bases", []).append(str(citation.basis))
            context.declare("Lawful basis", f"basis-{citation.phrase}", spans, f"basis {citation.basis} {in_basis}",
                            sg__aboutItem="item:lawful-basis",
                            dpv__hasLegalBasis=term, **scope)
            continue
        law = citation.provision or citation.instrument
        if law is None:
            term = context.concept(f"{citation.title} {citation.year or ''}".strip(), "legislation", "law")
            context.declare("Cited law", f"law-{citation.phrase}", spans, f"law {term}",
                            sg__aboutItem="item:lawful-basis", sg__citesLaw=term)
            continue
        role = roles.get(str(law)) or roles.get(str(citation.instrument or ""), "")
        if role in _GATEWAY_ROLES:
            context.found.setdefault("gateways", []).append(str(law))
            context.declare("Gateways", f"gateway-{citation.phrase}", spans, f"gateway {law}", sg__aboutItem="item:lawful-basis",
                            sg__hasGateway=iri(str(law)))
        else:
            context.declare("Cited law", f"law-{citation.phrase}", spans, f"law {law}", sg__aboutItem="item:lawful-basis",
                            sg__citesLaw=iri(str(law)), **({"sg__citationRole": iri(role)} if role else {}))


_GDPR = "https://w3id.org/dpv/legal/eu/gdpr#"
# UK GDPR Art 6 bases named in words, and consent where the text says it is the basis relied on
_WORDED_BASES = (
    (re.compile(r"\bpublic task\b|\btask (?:carried out )?in the public interest\b|\bofficial authority\b", re.I), f"{_GDPR}A6-1-e"),
    (re.compile(r"\blegal obligations?\b", re.I), f"{_GDPR}A6-1-c"),
    (re.compile(r"\bvital interests?\b", re.I), f"{_GDPR}A6-1-d"),
    (re.compile(r"\blegitimate interests?\b", re.I), f"{_GDPR}A6-1-f"),
    (re.compile(r"\b(?:basis|bases)\b[^.]{0,120}\b(?:is|will be|are)\s+(?:your\s+)?consent\b|\brel(?:y|ies|ying) on "
                r"(?:your\s+)?consent\b", re.I), "https://w3id.org/sharinggraph/ontology#ConsentAsStated"),
)


def _worded_bases(context, found: list[Section], cited: list[tuple[int, int]]) -> None:
    """Lawful bases a lawful-basis section names in words ("Legal obligation or public task"),
    outside the spans of citations already read ("Article 6(e) Public task" is one statement)."""
    for section in found:
        if section.role != BASIS:
            continue
        for block in section.body:
            for pattern, basis in _WORDED_BASES:
                for match in pattern.finditer(context.text, block.start, block.end):
                    if any(s <= match.start() and match.end() <= e or (s >= block.start and e <= block.end
                           and match.start() - e < 3) for s, e in cited):
                        continue
                    context.found.setdefault("lawful bases", []).append(basis)
                    context.declare("Lawful basis", f"basis-{match.group()}", [(match.start(), match.end())],
                                    f"basis {basis} True", sg__aboutItem="item:lawful-basis",
                                    dpv__hasLegalBasis=iri(basis), sg__appliesTo=iri(context.notice))


def _contact_item(heading: str) -> str:
    """The notice item a contacts heading is about."""
    if re.search(r"complain|commissioner|\bico\b", heading, re.I):
        return "item:complaint"
    if re.search(r"data protection officer|\bdpo\b", heading, re.I):
        return "item:dpo-contact"
    return "item:controller-identity"


def _section_items(context, section: Section) -> None:
    """A declaration of the item each recognised section is about, quoting its heading and first
    line (deferring to another document when that line does); e-mail addresses given as contacts;
    retention rules."""
    text = context.text
    if section.heading is None or section.role is None:
        return
    heading = section.heading
    group, item = _ITEMS[section.role] if section.role in _ITEMS else ("Contacts", _contact_item(heading.text(text)))
    first = next((b for b in section.body if b.kind != "heading"), None)
    deferral = _DEFERS.search(text, first.start, first.end) if first is not None else None
    spans = [(heading.start, heading.end)]
    if deferral is not None:
        spans.append((deferral.start(), deferral.end()))
    elif first is not None and section.role in _ITEMS:  # contacts: the heading only, a line may name a person
        spans.append((first.start, first.end))
    properties = {"sg__aboutItem": item}
    if deferral is not None:
        properties["sg__defersTo"] = _document(context, deferral)
        context.deferred.add((deferral.start(), deferral.end()))
    if item == "item:complaint" and re.search(r"commissioner|\bico\b", text[heading.start:spans[-1][1]], re.I):
        properties.update(dpv__hasRight="eu-gdpr:A77")
    entry = context.declare(group, section.role if section.role in _ITEMS else item[5:], spans, None, **properties)
    if section.role == RETENTION:
        _retention(context, section, entry)
    for block in section.body:
        for email in _EMAIL.finditer(text, block.start, block.end):
            context.declare("Contacts", f"contact-{email.group()}", [(email.start(), email.end())], None,
                            sg__aboutItem=_contact_item(heading.text(text)) if section.role == CONTACTS
                            else "item:controller-identity", dpv__hasContact=literal(email.group()))


def _retention(context, section: Section, entry: Entry | None) -> None:
    """Retention periods stated in the section, as ``sg:RetentionRule`` nodes with their anchor; in
    a section not about retention (``entry`` None), each stating sentence gets its own declaration."""
    from .periods import find_retention

    for block in section.body:
        for rule in find_retention(context.text[block.start:block.end]):
            if entry is None:
                entry = context.declare("Retention", "retention", [(block.start, block.end)], None,
                                        sg__aboutItem="item:retention")
            name = context.writer.name("retention-rule")
            node = Entry(name, ["sg:RetentionRule"])
            node.add("sg:wording", literal(context.text[block.start + rule.start:block.start + rule.end]))
            if rule.duration:
                node.add("sg:retentionPeriod", literal(rule.duration, datatype="xsd:duration"))
            if rule.anchor_concept is not None:
                node.add("sg:retentionAnchor", iri(str(rule.anchor_concept)))
            elif rule.anchor:
                node.add("skos:editorialNote", literal(f"Counted from, as stated: {rule.anchor} (no anchor concept fits)", "en"))
            if rule.until_age is not None:
                node.add("sg:untilAge", str(rule.until_age))
            if rule.until is not None:
                datatype = {"day": "xsd:date", "month": "xsd:gYearMonth", "year": "xsd:gYear"}[rule.until.precision]
                node.add("sg:retainUntil", literal(rule.until.literal(), datatype=datatype))
            entry.add("dpv:hasStorageCondition", name)
            context.writer.add("Retention", node, [(block.start + rule.start, block.start + rule.end)])
            stated = rule.duration or (rule.until.literal() if rule.until is not None else None)
            context.found.setdefault("retention rules", []).append(stated or f"until age {rule.until_age}"
                                                                   if rule.until_age is not None else stated or "unstated")


def _lost_lists(context) -> None:
    """Lines ending in ':' with no list after them: lists lost when the page was captured."""
    from ..curate.listitems import lost_list_headings

    for span in lost_list_headings(context.text):
        entry = Entry(context.writer.name(f"lost-list-line-{span.line}"), ["sg:OmittedList"])
        entry.add("skos:editorialNote", literal("The line ends with ':' and no list follows: a list lost in capture, "
                                                "or a sentence that runs on. Check the page; never fill it in.", "en"))
        context.declares.append(entry.subject)
        context.writer.add("Lost or empty lists", entry, [(span.start, span.end)])


_CUT_OFF = re.compile(r"\b(?:at|to|on|by|via|of|the|is|are|and|or|email|e-mail|contact|telephone|phone|call)\s*$", re.I)


def _cut_off(context, found: list[Section]) -> None:
    """Sentences that stop where an address or a name should follow ("you contact him by email at"):
    text lost in capture. The quote is the last clause only (the line may name a person)."""
    for section in found:
        for block in section.body:
            words = block.text(context.text)
            if block.kind != "paragraph" or not _CUT_OFF.search(words):
                continue
            clause = max(words.rfind(", "), words.rfind(". ")) + 2 if re.search(r"[,.] ", words) else 0
            entry = Entry(context.writer.name(f"cut-off-line-{block.line}"), ["sg:OmittedText"])
            entry.add("skos:editorialNote", literal("The sentence stops where something should follow (an address, "
                                                    "a name, a list): lost in capture. Never fill it in.", "en"))
            context.declares.append(entry.subject)
            context.writer.add("Lost or empty lists", entry, [(block.start + clause, block.end)])


def _document(context, match: re.Match) -> str:
    """The node of the document a deferral names, made once per title."""
    title = " ".join(match.group("doc").split())
    if title.lower() not in context.documents:
        name = context.writer.name(f"document-{title}")
        context.documents[title.lower()] = name
        node = Entry(name, ["sg:ExternalDocument"])
        node.add("dct:title", literal(title, "en"))
        context.writer.group("Deferrals").entries.append(node)
    return context.documents[title.lower()]


def _deferrals(context) -> None:
    """"Please see the Corporate Privacy Notice" where no section's declaration already says it."""
    for match in _DEFERS.finditer(context.text):
        if (match.start(), match.end()) in context.deferred:
            continue
        context.declare("Deferrals", f"defers-{match.group('doc')}", [(match.start(), match.end())], None,
                        sg__defersTo=_document(context, match))
