"""What a notice encodes, read from the built graph: each statement with its spans, properties and links.

A *statement* is a node of the notice's graph that a quote supports (``prov:wasDerivedFrom`` a
selector pair): a flow, a declaration, a lost list, the notice itself. Its *spans* are the
``oa:TextPositionSelector`` offsets (with the ``oa:exact`` quote) that the build verified; its
*properties* are its own triples, with the nodes it owns (a retention rule, a DPO role) shown
inside it; its *links* are the derived ``sg:SupportedLink`` nodes of a flow, each with its tier.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rdflib import BNode, URIRef
from rdflib.namespace import PROV, RDF

from ..namespaces import DPV, OA, PREFIXES, SG

_NOTICE = """
SELECT ?graph ?title ?source WHERE {
  GRAPH ?graph { ?notice a dpv:PrivacyNotice }
  OPTIONAL { ?notice dct:title ?title }
  OPTIONAL { ?notice dct:source ?source }
}"""
_TRIPLES = "SELECT ?s ?p ?o WHERE { GRAPH ?graph { ?s ?p ?o } }"
_LINKS = """
SELECT ?flow ?property ?value ?tier ?by ?via WHERE {
  ?notice dpv:hasProcess ?flow .
  ?link sg:ofFlow ?flow ; sg:linkProperty ?property ; sg:linkValue ?value ; sg:support ?tier ; sg:supportedBy ?by .
  OPTIONAL { ?link sg:via ?via }
}"""
_LABEL_OF = """
  { ?term skos:prefLabel ?label BIND(1 AS ?rank) } UNION { ?term rdfs:label ?label BIND(2 AS ?rank) }
  UNION { ?term dct:title ?label BIND(3 AS ?rank) } UNION { ?term skos:notation ?label BIND(4 AS ?rank) }"""
_LABELS = """
SELECT DISTINCT ?term ?label ?rank WHERE {
  { SELECT DISTINCT ?term WHERE { GRAPH ?graph { { ?s ?p ?term } UNION { ?term ?p ?o } UNION { ?s ?term ?o } } } }
""" + _LABEL_OF + "\n}"
_LINK_LABELS = """
SELECT DISTINCT ?term ?label ?rank WHERE {
  { SELECT DISTINCT ?term WHERE { ?notice dpv:hasProcess ?flow . ?link sg:ofFlow ?flow .
    { ?link sg:linkValue ?term } UNION { ?link sg:support ?term } UNION { ?link sg:via ?term } } }
""" + _LABEL_OF + "\n}"

#: Notice-item (ICO checklist) concepts by the kind of highlight their statements get.
_ITEM_KINDS = {
    "categories": "category", "purposes": "purpose", "lawful-basis": "basis", "recipients": "recipient",
    "source": "source", "retention": "retention", "controller-identity": "contact", "dpo-contact": "contact",
    "complaint": "contact", "rights": "rights", "withdraw-consent": "rights", "international-transfers": "transfers",
}
#: The kinds a statement without a notice item gets from what it states, in order of preference.
_PROPERTY_KINDS = ((SG.hasGateway, "gateway"), (DPV.hasLegalBasis, "basis"), (DPV.hasStorageCondition, "retention"),
                   (DPV.hasContact, "contact"), (DPV.hasDataProtectionOfficer, "contact"),
                   (DPV.hasPersonalData, "category"), (DPV.hasPurpose, "purpose"))
#: Kinds, in the order a reader meets them in a legend and in the list grouped by section.
KINDS = ("recipient", "source", "category", "purpose", "basis", "gateway", "retention", "contact", "rights",
         "transfers", "lost", "other")
_HIDDEN = {PROV.wasDerivedFrom}
#: Nodes that are statements (or the notice) in their own right: linked to, never shown inside another.
_STATEMENT_TYPES = {DPV.PrivacyNotice, DPV.PersonalDataProcess, SG.Declaration}


@dataclass(frozen=True)
class Span:
    """A verified selector: character offsets into the source text (end exclusive) and the quote."""

    start: int
    end: int
    exact: str


@dataclass(frozen=True)
class Value:
    """One property of a statement: the property and its value, with labels where the graph has them."""

    property: str
    property_label: str
    value: str
    value_label: str
    parts: tuple[Value, ...] = ()


@dataclass(frozen=True)
class Link:
    """A derived link of a flow, with its support tier and what supports it."""

    property_label: str
    value: str
    value_label: str
    tier: str
    via: str
    supported_by: tuple[str, ...]  # the flows or declarations whose words support it


@dataclass
class Statement:
    """One statement of the notice: what kind of thing it says, where, and how it is encoded."""

    iri: str
    kind: str
    section: str
    types: list[str]
    values: list[Value] = field(default_factory=list)
    spans: list[Span] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    supports: dict[str, int] = field(default_factory=dict)  # tier -> links this statement supports
    lost: str = ""  # "list" for an sg:OmittedList, "passage" for other sg:OmittedText


@dataclass
class NoticeEncoding:
    """A notice's statements, in the order of their first span."""

    iri: str
    title: str
    source: str | None
    statements: list[Statement]

    def by_iri(self) -> dict[str, Statement]:
        """The statements keyed by IRI."""
        return {statement.iri: statement for statement in self.statements}


def _labeller(rows) -> dict:
    """Each term's label: a preferred label before a label, a title or a notation; English first; then the shortest."""
    best: dict = {}
    for row in rows:
        label = str(row.label)
        key = (int(row.rank), getattr(row.label, "language", None) not in (None, "en"), len(label), label)
        if row.term not in best or key < best[row.term][0]:
            best[row.term] = (key, label)
    return {term: label for term, (_, label) in best.items()}


def _short(term, labels: dict) -> str:
    if term in labels:
        return labels[term]
    text = str(term)
    for prefix, namespace in sorted(PREFIXES.items(), key=lambda item: -len(str(item[1]))):
        if text.startswith(str(namespace)) and len(text) > len(str(namespace)):
            return f"{prefix}:{text[len(str(namespace)):]}"
    return text if not isinstance(term, BNode) else ""


def _kind(types: set, properties: dict) -> tuple[str, str]:
    """The highlight kind of a statement, and the section it is listed under."""
    if SG.OmittedText in types or SG.OmittedList in types:
        return "lost", "Lost from the captured page"
    if DPV.PrivacyNotice in types:
        return "other", "The notice"
    if DPV.PersonalDataProcess in types:
        if DPV.hasRecipient in properties:
            return "recipient", "Sharing (recipients)"
        if DPV.hasDataSource in properties:
            return "source", "Collection (sources)"
        return "other", "Other processing"
    items = [str(item).rsplit("/", 1)[-1] for item in properties.get(SG.aboutItem, ())]
    kind = next((_ITEM_KINDS[item] for item in sorted(items) if item in _ITEM_KINDS), None)
    if kind == "basis" and SG.hasGateway in properties:
        kind = "gateway"
    kind = kind or next((name for prop, name in _PROPERTY_KINDS if prop in properties), "other")
    return kind, {"category": "Categories of data", "purpose": "Purposes", "basis": "Lawful bases",
                  "gateway": "Gateways (cited law)", "retention": "Retention", "contact": "Contacts",
                  "rights": "Rights", "transfers": "Transfers abroad", "recipient": "Recipients",
                  "source": "Sources"}.get(kind, "Other statements")


def read_encoding(dataset, notice: URIRef) -> NoticeEncoding:
    """Everything the review page shows about ``notice`` from the built graph (``dataset`` or a store view)."""
    found = dataset.query(_NOTICE, initNs=PREFIXES, initBindings={"notice": notice})
    graph = next(row.graph for row in found)
    title = next((str(row.title) for row in found if row.title is not None), str(notice))
    source = next((str(row.source) for row in found if row.source is not None), None)
    triples: dict = {}
    for row in dataset.query(_TRIPLES, initNs=PREFIXES, initBindings={"graph": graph}):
        triples.setdefault(row.s, {}).setdefault(row.p, []).append(row.o)
    labels = _labeller(dataset.query(_LABELS, initNs=PREFIXES, initBindings={"graph": graph}))
    labels.update(_labeller(dataset.query(_LINK_LABELS, initNs=PREFIXES, initBindings={"notice": notice})))
    statements = {s: _statement(s, triples, labels) for s, props in triples.items()
                  if PROV.wasDerivedFrom in props and OA.hasSelector not in props}
    links: dict[tuple, set[str]] = {}  # one link per flow, property, value, tier and via, with all that support it
    for row in dataset.query(_LINKS, initNs=PREFIXES, initBindings={"notice": notice}):
        tier = _short(row.tier, labels)
        via = _short(row.via, labels) if row.via is not None else ""
        links.setdefault((row.flow, row.property, row.value, tier, via), set()).add(str(row.by))
        if row.by in statements:
            supports = statements[row.by].supports
            supports[tier] = supports.get(tier, 0) + 1
    for (flow, prop, value, tier, via), supporters in links.items():
        statements[flow].links.append(Link(_short(prop, labels), str(value), _short(value, labels), tier, via,
                                           tuple(sorted(supporters))))
    for statement in statements.values():
        statement.links.sort(key=lambda link: (link.property_label, link.value_label, link.tier, link.via))
    ordered = sorted(statements.values(), key=lambda s: (min((span.start for span in s.spans), default=-1), s.iri))
    return NoticeEncoding(str(notice), title, source, ordered)


def _statement(subject, triples: dict, labels: dict) -> Statement:
    properties = triples[subject]
    types = set(properties.get(RDF.type, ()))
    kind, section = _kind(types, properties)
    spans = set()
    for resource in properties.get(PROV.wasDerivedFrom, ()):
        selectors = [triples.get(node, {}) for node in triples.get(resource, {}).get(OA.hasSelector, ())]
        exact = next((str(s[OA.exact][0]) for s in selectors if OA.exact in s), "")
        spans |= {Span(int(s[OA.start][0]), int(s[OA.end][0]), exact) for s in selectors if OA.start in s and OA.end in s}
    lost = "list" if SG.OmittedList in types else "passage" if SG.OmittedText in types else ""
    return Statement(str(subject), kind, section, sorted(_short(t, labels) for t in types),
                     _values(subject, triples, labels, {subject}), sorted(spans, key=lambda s: (s.start, s.end)), lost=lost)


def _values(subject, triples: dict, labels: dict, seen: set) -> list[Value]:
    """The statement's own triples (not its type or provenance), owned nodes shown nested."""
    values = []
    for prop, objects in sorted(triples[subject].items()):
        if prop in _HIDDEN or prop == RDF.type:
            continue
        for value in sorted(objects, key=str):
            owned = value in triples and value not in seen and PROV.wasDerivedFrom not in triples[value] \
                and not set(triples[value].get(RDF.type, ())) & _STATEMENT_TYPES
            parts = tuple(_values(value, triples, labels, seen | {value})) if owned else ()
            values.append(Value(str(prop), _short(prop, labels), str(value), _short(value, labels), parts))
    return values

