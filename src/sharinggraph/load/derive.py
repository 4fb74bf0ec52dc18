"""The derived graph: supported links within each declaration's scope, parties, closures, labels.

Everything here goes to its own named graph (``sgid:graph/derived``) and never into a stated
graph. Each flow-to-category, -purpose, -basis, -gateway and -subject link is an
``sg:SupportedLink`` node with its tier (``support.py`` holds the rules); the derived graph holds
no bare ``flow property value`` triple, so a query that ignores tiers sees only what the notices
state for each flow. Closures, parties, notice labels and quote line numbers are materialised so
that library queries are joins over plain triples.
"""

from __future__ import annotations

import hashlib
from bisect import bisect_left

from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import PROV, RDF, RDFS, SKOS, XSD
from rdflib.term import Node

from ..namespaces import DERIVED_GRAPH, DPV, OA, PREFIXES, SG, SGID
from .closures import concept_closure, provision_closure, write_closures
from .support import LINKED, Declaration, Flow, Link, Notice, Rules, disclosing_parties, incorporated_links, receiving_parties

_LINKED_VALUES = " ".join(p.n3() for p in LINKED)

_NOTICES = """
SELECT ?notice ?publisher ?service ?title ?publisherName WHERE {
  ?notice a dpv:PrivacyNotice ; dct:publisher ?publisher .
  OPTIONAL { ?notice sg:aboutService ?service }
  OPTIONAL { ?notice dct:title ?title }
  OPTIONAL { ?publisher skos:prefLabel ?publisherName }
}
"""

_FLOW_FIELDS = {
    DPV.hasDataController: "controllers", DPV.hasProcessing: "processing",
    DPV.hasRecipient: "recipients", DPV.hasDataSource: "sources", SG.condition: "conditions",
}

_FLOWS = f"""
SELECT ?notice ?flow ?property ?value WHERE {{
  VALUES ?property {{ {" ".join(p.n3() for p in _FLOW_FIELDS)} {_LINKED_VALUES} sg:citationRole }}
  ?notice dpv:hasProcess ?flow .
  ?flow ?property ?value .
}}
"""

_DECLARATIONS = f"""
SELECT ?notice ?declaration ?property ?value WHERE {{
  VALUES ?property {{ {_LINKED_VALUES} sg:appliesTo sg:citationRole sg:incorporatesDataFrom }}
  ?notice sg:declares ?declaration .
  ?declaration ?property ?value .
}}
"""

_ROLES = "SELECT ?law ?role WHERE { ?law sg:legalRole ?role }"

_RELATED_SOURCES = """
SELECT ?category ?type WHERE {
  ?category skos:inScheme <https://w3id.org/sharinggraph/id/scheme/data-categories> ; skos:related ?type .
  ?type skos:inScheme <https://w3id.org/sharinggraph/id/scheme/recipient-types> .
}
"""

_SCOPES = """
SELECT DISTINCT ?scope ?name ?isNotice ?isProcessing ?isPurpose ?isData ?receiverName ?disclosers WHERE {
  ?statement sg:appliesTo ?scope .
  OPTIONAL { ?scope skos:prefLabel ?name }
  OPTIONAL { ?scope a dpv:PrivacyNotice . BIND(true AS ?isNotice) }
  OPTIONAL { ?scope a dpv:Processing . BIND(true AS ?isProcessing) }
  OPTIONAL { ?scope skos:inScheme <https://w3id.org/sharinggraph/id/scheme/purposes> . BIND(true AS ?isPurpose) }
  OPTIONAL { ?scope skos:inScheme <https://w3id.org/sharinggraph/id/scheme/data-categories> . BIND(true AS ?isData) }
  OPTIONAL { ?scope sg:receivingParty ?receiver ; sg:disclosersLabel ?disclosers . ?receiver skos:prefLabel ?receiverName }
}
"""

def _read_flows(dataset: Dataset, notices: dict) -> dict[Node, Flow]:
    flows: dict[Node, Flow] = {}
    for row in dataset.query(_FLOWS, initNs=PREFIXES):
        if row.notice not in notices:
            continue
        flow = flows.setdefault(row.flow, Flow(row.flow, row.notice))
        if row.property == SG.citationRole:
            flow.role = row.value
        elif row.property in _FLOW_FIELDS:
            getattr(flow, _FLOW_FIELDS[row.property]).add(row.value)
        else:
            flow.stated.setdefault(row.property, set()).add(row.value)
    return flows


def _read_declarations(dataset: Dataset) -> list[Declaration]:
    declarations: dict[Node, Declaration] = {}
    for row in dataset.query(_DECLARATIONS, initNs=PREFIXES):
        declaration = declarations.setdefault(row.declaration, Declaration(row.declaration, row.notice))
        if row.property == SG.appliesTo:
            declaration.scope.add(row.value)
        elif row.property == SG.citationRole:
            declaration.role = row.value
        elif row.property == SG.incorporatesDataFrom:
            declaration.incorporates.add(row.value)
        else:
            declaration.values.setdefault(row.property, set()).add(row.value)
    return sorted(declarations.values(), key=lambda d: str(d.iri))


def _link_iri(link: Link) -> URIRef:
    key = "|".join(str(part) for part in (link.flow, link.property, link.value, link.tier, link.supported_by, link.via, link.via_flow))
    return SGID[f"link/{hashlib.sha1(key.encode('utf-8')).hexdigest()[:20]}"]


# the link properties, looked up once (a Namespace attribute costs a lookup on every use)
_LINK_TYPE, _OF_FLOW, _PROPERTY, _VALUE, _SUPPORT, _SUPPORTED_BY = (
    SG.SupportedLink, SG.ofFlow, SG.linkProperty, SG.linkValue, SG.support, SG.supportedBy)
_OPTIONAL = (SG.via, SG.viaFlow, SG.citationRole)
_INHERITS, _EVIDENCE = SG.inheritsFrom, SG.evidenceLines


def _write_link(into: Graph, link: Link, lines: dict[Node, set[int]]) -> None:
    node = _link_iri(link)
    triples = [(node, RDF.type, _LINK_TYPE), (node, _OF_FLOW, link.flow), (node, _PROPERTY, link.property),
               (node, _VALUE, link.value), (node, _SUPPORT, link.tier), (node, _SUPPORTED_BY, link.supported_by)]
    if link.supported_by != link.flow:
        triples.append((link.flow, _INHERITS, link.supported_by))
    triples += [(node, prop, value) for prop, value in zip(_OPTIONAL, (link.via, link.via_flow, link.role)) if value is not None]
    evidence = set().union(*(lines.get(n, set()) for n in (link.supported_by, link.via_flow)))
    if evidence:
        triples.append((node, _EVIDENCE, Literal(_joined_lines(evidence))))
    into.addN((s, p, o, into) for s, p, o in triples)


def derive_links(dataset: Dataset, notices: dict, flows: dict, rules: Rules) -> list[Link]:
    """Every supported link of every flow, by the rules of ``support.py``."""
    related: dict[Node, set] = {}
    for row in dataset.query(_RELATED_SOURCES, initNs=PREFIXES):
        related.setdefault(row.type, set()).add(row.category)
    by_notice: dict[Node, list[Flow]] = {}
    for flow in flows.values():
        by_notice.setdefault(flow.notice, []).append(flow)
    links: list[Link] = []
    for flow in flows.values():
        links += rules.stated_links(flow) + rules.source_links(flow, related)
    declarations = _read_declarations(dataset)
    for declaration in declarations:
        for flow in by_notice.get(declaration.notice, ()):
            links += rules.declared_links(declaration, flow)
    links_by_flow: dict[Node, list[Link]] = {}
    for link in links:
        links_by_flow.setdefault(link.flow, []).append(link)
    for declaration in declarations:
        if declaration.incorporates:
            own = [f.iri for f in by_notice.get(declaration.notice, ())]
            links += incorporated_links(declaration, links_by_flow, own)
    return links


def _notice_label(titles: dict, publishers: dict) -> dict:
    return {
        notice: f"{title} ({' and '.join(sorted(publishers.get(notice, ())))})" if publishers.get(notice) else title
        for notice, title in titles.items()
    }


def derive(dataset: Dataset, texts: dict[str, str] | None = None) -> Graph:
    """Add the derived graph to ``dataset`` (replacing any earlier one) and return it.

    ``texts`` (source IRI -> verified text) gives each quoted span its line number.
    """
    dataset.remove_graph(DERIVED_GRAPH)
    notices: dict[Node, Notice] = {}
    titles: dict[Node, str] = {}
    publisher_names: dict[Node, set] = {}
    for row in dataset.query(_NOTICES, initNs=PREFIXES):
        notice = notices.setdefault(row.notice, Notice(row.notice))
        notice.publishers.add(row.publisher)
        notice.service = row.service if row.service is not None else notice.service
        if row.title is not None:
            titles[row.notice] = str(row.title)
        if row.publisherName is not None:
            publisher_names.setdefault(row.notice, set()).add(str(row.publisherName))
    concepts = concept_closure(dataset)
    provisions = provision_closure(dataset)
    roles = {row.law: row.role for row in dataset.query(_ROLES, initNs=PREFIXES)}
    rules = Rules(notices, concepts, provisions, roles)
    flows = _read_flows(dataset, notices)

    derived = dataset.graph(DERIVED_GRAPH)
    write_closures(derived, concepts, provisions)
    for flow in flows.values():
        for party in receiving_parties(flow, notices[flow.notice]):
            derived.add((flow.iri, SG.receivingParty, party))
        for party in disclosing_parties(flow):
            derived.add((flow.iri, SG.disclosingParty, party))
    lines = _line_numbers(dataset, texts, derived) if texts is not None else {}
    links = derive_links(dataset, notices, flows, rules)
    for link in links:
        _write_link(derived, link, lines)
    for statement, numbers in lines.items():
        derived.add((statement, SG.evidenceLines, Literal(_joined_lines(numbers))))
    for notice, label in _notice_label(titles, publisher_names).items():
        derived.add((notice, RDFS.label, Literal(label, lang="en")))
    disclosers = _write_statement_texts(dataset, derived)
    _write_scope_labels(dataset, derived)
    _write_value_labels(dataset, derived, links, disclosers)
    for rule, period in dataset.subject_objects(SG.retentionPeriod):  # as written, whatever a store makes of durations
        derived.add((rule, SG.retentionPeriodText, Literal(str(period))))
    return derived


def _labels(dataset: Dataset, predicate: Node) -> dict[Node, set]:
    found: dict[Node, set] = {}
    for subject, _, value in dataset.triples((None, predicate, None)):
        found.setdefault(subject, set()).add(value)
    return found


def _write_value_labels(dataset: Dataset, derived: Graph, links: list[Link], disclosers: dict[Node, str]) -> None:
    """Name each link's value as the answers show it (``sg:valueLabel``): its label, then the data it
    came via and from whom ("Police information (via MASH risk assessment, from ...)"), then a
    gateway's kind of authority ("(Duty to safeguard)"). One value per label of the value."""
    names = _labels(dataset, SKOS.prefLabel)
    kinds = _labels(dataset, SG.authorityKind)
    for link in links:
        via = ""
        if link.via is not None:
            for via_name in sorted(names.get(link.via, ()))[:1]:
                source = disclosers.get(link.via_flow) if link.via_flow is not None else None
                via = f" (via {via_name}{f', from {source}' if source else ''})"
        kind_names = sorted(str(name) for kind in kinds.get(link.value, ()) for name in names.get(kind, ()))
        suffixes = [f" ({name})" for name in kind_names] or [""]
        node = _link_iri(link)
        for name in names.get(link.value, ()):
            for suffix in suffixes:
                derived.add((node, SG.valueLabel, Literal(f"{name}{via}{suffix}")))


def _write_scope_labels(dataset: Dataset, derived: Graph) -> None:
    """Name each scope a declaration applies to (``sg:scopeLabel``), as the answers show it.

    "the whole notice (as the notice says)"; "flow: <disclosers> to <receiver>" (one label per
    receiving party); "processing: ...", "purpose: ...", "data: ..." or "party: ..." by what it is.
    """
    for row in dataset.query(_SCOPES, initNs=PREFIXES):
        if row.isNotice is not None:
            label = "the whole notice (as the notice says)"
        elif row.receiverName is not None:
            label = f"flow: {row.disclosers} to {row.receiverName}"
        elif row.name is None:
            continue
        else:
            kind = ("processing" if row.isProcessing is not None else "purpose" if row.isPurpose is not None
                    else "data" if row.isData is not None else "party")
            label = f"{kind}: {row.name}"
        derived.add((row.scope, SG.scopeLabel, Literal(label)))


def _names(dataset: Dataset, term: Node) -> list[str]:
    """Each skos:prefLabel of ``term`` (the term itself for an empty one), or the term when it has none."""
    return [str(label) or str(term) for label in dataset.objects(term, SKOS.prefLabel)] or [str(term)]


def _write_statement_texts(dataset: Dataset, derived: Graph) -> dict[Node, str]:
    """Sorted one-cell labels: each flow's disclosers and conditions; each statement's quotes in source
    order. Returns the disclosers label of each flow.

    Read by indexed triple look-ups over the union of the graphs (an rdflib SPARQL UNION of
    OPTIONALs here cost about a quarter of derive).
    """
    disclosers: dict[Node, set[str]] = {}
    conditions: dict[Node, set[str]] = {}
    quotes: dict[Node, set[tuple[int, str]]] = {}
    for statement, party in dataset.subject_objects(SG.disclosingParty):
        disclosers.setdefault(statement, set()).update(_names(dataset, party))
    for statement, condition in dataset.subject_objects(SG.condition):
        if (statement, RDF.type, DPV.PersonalDataProcess) in dataset:
            conditions.setdefault(statement, set()).update(_names(dataset, condition))
    for statement, target in dataset.subject_objects(PROV.wasDerivedFrom):
        selectors = list(dataset.objects(target, OA.hasSelector))
        exacts = [str(exact) for selector in selectors for exact in dataset.objects(selector, OA.exact)]
        starts = [start.toPython() for selector in selectors for start in dataset.objects(selector, OA.start)]
        spans = {(start, exact) for start in starts if isinstance(start, int) for exact in exacts}
        if spans:
            quotes.setdefault(statement, set()).update(spans)
    for prop, values in ((SG.disclosersLabel, disclosers), (SG.conditionsLabel, conditions)):
        for statement, names in values.items():
            derived.add((statement, prop, Literal("; ".join(sorted(names)))))
    for statement, spans in quotes.items():
        derived.add((statement, SG.quoteText, Literal(" | ".join(text for _, text in sorted(spans)))))
    return {statement: "; ".join(sorted(names)) for statement, names in disclosers.items()}


def _line_numbers(dataset: Dataset, texts: dict[str, str], derived: Graph) -> dict[Node, set[int]]:
    """Give each quoted span its line (``sg:lineNumber``); return the lines of each statement.

    Each text's newline offsets are listed once; a span's line is a binary search among them
    (counting the newlines before every span grew with the corpus times the text).
    """
    lines: dict[Node, set[int]] = {}
    newlines: dict[str, list[int]] = {}
    for target, source in list(dataset.subject_objects(OA.hasSource)):
        text = texts.get(str(source))
        if text is None:
            continue
        if str(source) not in newlines:
            newlines[str(source)] = [at for at, char in enumerate(text) if char == "\n"]
        statements = list(dataset.subjects(PROV.wasDerivedFrom, target))
        for position in list(dataset.objects(target, OA.hasSelector)):
            for start in list(dataset.objects(position, OA.start)):
                offset = start.toPython()
                if not isinstance(offset, int) or not 0 <= offset <= len(text):
                    continue
                line = bisect_left(newlines[str(source)], offset) + 1
                derived.add((target, SG.lineNumber, Literal(line, datatype=XSD.integer)))
                for statement in statements:
                    lines.setdefault(statement, set()).add(line)
    return lines


def _joined_lines(lines: set[int]) -> str:
    return ", ".join(str(n) for n in sorted(lines))
