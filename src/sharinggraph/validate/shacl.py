"""SHACL validation of the built graph against the data shapes in ontology/shapes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, SH, XSD

from .. import resources
from ..errors import InputError
from ..load.dataset import parse_turtle
from ..namespaces import DPV, PREFIXES, SG

#: Shapes that check the ontology itself, not the data (run by the test suite).
_META_SHAPES = ("ontology-qc.shacl.ttl",)

_RESULTS = """
SELECT ?severity ?focus ?path ?message ?shape ?value WHERE {
  ?result a sh:ValidationResult ;
          sh:resultSeverity ?severity ;
          sh:focusNode ?focus ;
          sh:sourceShape ?shape .
  OPTIONAL { ?result sh:resultPath ?path }
  OPTIONAL { ?result sh:resultMessage ?message }
  OPTIONAL { ?result sh:value ?value }
}
ORDER BY ?severity ?focus
"""

# Where a finding sits and what shows it: the notice a focus belongs to, and quotes from the
# focus itself, from the statement that holds it (a retention rule, a hold), or from the notice's
# declarations that state the finding's value. Three small queries; a value is bound only when known.
_NOTICE = """
SELECT ?notice WHERE {
  { ?focus a dpv:PrivacyNotice . BIND(?focus AS ?notice) }
  UNION { ?notice (sg:declares|dpv:hasProcess) ?focus }
  UNION { ?notice sg:declares/dpv:hasStorageCondition ?focus }
  UNION { ?notice sg:declares/dpv:hasStorageCondition/sg:suspendedBy ?focus }
}
"""
_OWN_QUOTES = """
SELECT ?quote WHERE {
  { ?focus prov:wasDerivedFrom/oa:hasSelector/oa:exact ?quote }
  UNION { ?holder dpv:hasStorageCondition ?focus ; prov:wasDerivedFrom/oa:hasSelector/oa:exact ?quote }
  UNION { ?rule sg:suspendedBy ?focus . ?holder dpv:hasStorageCondition ?rule ; prov:wasDerivedFrom/oa:hasSelector/oa:exact ?quote }
}
"""
_VALUE_QUOTES = """
SELECT ?quote WHERE {
  ?notice sg:declares ?declaration .
  ?declaration ?property ?value ; prov:wasDerivedFrom/oa:hasSelector/oa:exact ?quote .
}
"""
_STATEMENT_QUOTES = """
SELECT ?quote WHERE { ?value prov:wasDerivedFrom/oa:hasSelector/oa:exact ?quote }
"""
_REVIEW_QUOTES = """
SELECT ?quote WHERE { ?notice sg:declares ?d . ?d sg:nextReviewDate ?date ; prov:wasDerivedFrom/oa:hasSelector/oa:exact ?quote }
"""


@dataclass(frozen=True)
class Finding:
    """One SHACL result: how serious, about what, what the shape says, and which node shape said it."""

    severity: str
    focus: str
    path: str
    message: str
    shape: str
    source: str = ""
    notice: str = ""
    quotes: tuple[str, ...] = ()

    @property
    def rule(self) -> str:
        """The shape's local name, e.g. ``SpecialCategoryNeedsArt9Shape``."""
        return self.shape.rsplit("#", 1)[-1]


@dataclass(frozen=True)
class ValidationReport:
    """All findings, and the SHACL report graph they came from."""

    findings: tuple[Finding, ...]
    report_graph: Graph | None

    @property
    def violations(self) -> int:
        """How many findings have severity Violation."""
        return sum(1 for f in self.findings if f.severity == "Violation")


def data_shapes(root: Path) -> Graph:
    """All data shapes (``ontology/shapes/*.shacl.ttl`` except the ontology QC shapes) in one graph."""
    shapes = Graph()
    for path in sorted(resources.shapes_dir(root).glob("*.shacl.ttl")):
        if path.name not in _META_SHAPES:
            parse_turtle(path, shapes)
    return shapes


def _node_shape(shapes: Graph, shape):
    """The named node shape a (possibly blank) property shape belongs to."""
    owner = shapes.value(predicate=SH.property, object=shape)
    return owner if owner is not None else shape


def validation_context(dataset: Dataset, as_of: date) -> Graph:
    """The validation date on every notice and retention rule (a graph of its own, never stored)."""
    context = Graph()
    for graph in dataset.graphs():
        for kind in (DPV.PrivacyNotice, SG.RetentionRule, SG.RetentionHold):
            for node in graph.subjects(RDF.type, kind):
                context.add((node, SG.validationDate, Literal(as_of, datatype=XSD.date)))
    return context


ENGINES = ("pyshacl", "rudof")


def validate_dataset(dataset: Dataset, shapes: Graph, as_of: date | None = None, engine: str = "pyshacl") -> ValidationReport:
    """Validate the union of the dataset's graphs, without inference (it would hide sh:class errors).

    Currency shapes judge by ``as_of`` (default today). ``engine`` is ``pyshacl`` (the reference,
    whose SHACL report graph is kept) or ``rudof`` (pyrudof, an independent Rust engine).
    """
    data = Graph()
    for graph in dataset.graphs():
        data += graph
    data += validation_context(dataset, as_of or date.today())
    results, report_graph = (_rudof if engine == "rudof" else _pyshacl)(data, shapes)
    findings = []
    for severity, focus, path, message, shape, value in results:
        shape = _node_shape(shapes, shape)
        notice, quotes = _context(dataset, focus, value, path)
        findings.append(Finding(
            severity=severity, focus=str(focus), path=str(path or ""), message=message, shape=str(shape),
            source=str(shapes.value(shape, DCTERMS.source) or ""), notice=notice, quotes=quotes,
        ))
    return ValidationReport(ordered(findings), report_graph)


def ordered(findings) -> tuple[Finding, ...]:
    """Findings without repeats, by notice, severity, rule, focus and message."""
    unique = {(f.severity, f.focus, f.path, f.message, f.shape): f for f in findings}
    return tuple(sorted(unique.values(), key=lambda f: (f.notice, _RANK[f.severity], f.rule, f.focus, f.message)))


def _pyshacl(data: Graph, shapes: Graph):
    from pyshacl import validate  # imported here: it is slow to import and only validation needs it

    _, report_graph, text = validate(data, shacl_graph=shapes, inference="none", allow_warnings=True)
    if not isinstance(report_graph, Graph):  # pyshacl returns a failure object for broken shapes
        raise InputError(f"the shapes could not be applied: {' '.join(str(text).split())[:300]}")
    results = [
        (str(row.severity).rsplit("#", 1)[-1], row.focus, row.path, str(row.message or ""), row.shape, row.value)
        for row in report_graph.query(_RESULTS, initNs=PREFIXES)
    ]
    return results, report_graph


def _rudof(data: Graph, shapes: Graph):
    """Validate with pyrudof. Blank-node shapes are skolemised first so results map back to them."""
    import pyrudof

    skolem, back = _name_property_shapes(shapes)
    engine = pyrudof.Rudof(pyrudof.RudofConfig())
    try:
        engine.read_data(data.serialize(format="nt"), format=pyrudof.RDFFormat.NTriples)
        engine.read_shacl(skolem.serialize(format="turtle"))
        report = engine.validate_shacl()
    except Exception as exc:  # pyrudof raises its own error classes
        raise InputError(f"rudof could not validate: {' '.join(str(exc).split())[:300]}") from exc
    results = []
    for entry in report.violations:
        shape = back.get(str(entry.source_shape)) or URIRef(str(entry.source_shape))
        message = str(entry.message or "").strip('"')
        if not message or message.endswith("not satisfied"):  # rudof's own wording: use the shape's
            message = str(shapes.value(shape, SH.message) or message)
        results.append((str(entry.severity).rsplit("#", 1)[-1].removeprefix("sh:"), _term(entry.focus_node),
                        _term(entry.path) if entry.path else None, message,
                        shape, _term(entry.value) if entry.value else None))
    return results, None


def _name_property_shapes(shapes: Graph) -> tuple[Graph, dict[str, BNode]]:
    """A copy of ``shapes`` whose blank-node property shapes have IRIs, and the way back.

    pyrudof reports a blank-node shape under a label of its own; naming the property shapes (and
    nothing else: RDF lists must stay blank nodes) lets its results map back to our shapes.
    """
    names = {b: URIRef(f"urn:sharinggraph:property-shape:{i}")
             for i, b in enumerate(sorted({o for o in shapes.objects(None, SH.property) if isinstance(o, BNode)}))}
    named = Graph()
    for triple in shapes:
        named.add(tuple(names.get(t, t) for t in triple))
    return named, {str(iri): b for b, iri in names.items()}


def _term(text: str):
    text = str(text)
    if text.startswith(("http://", "https://", "urn:")):
        return URIRef(text)
    return Literal(text.strip('"'))


_RANK = {"Violation": 0, "Warning": 1, "Info": 2}


def _context(dataset: Dataset, focus, value, path) -> tuple[str, tuple[str, ...]]:
    notices = [row.notice for row in dataset.query(_NOTICE, initNs=PREFIXES, initBindings={"focus": focus})]
    notice = min(notices) if notices else None
    quotes = {str(r.quote) for r in dataset.query(_OWN_QUOTES, initNs=PREFIXES, initBindings={"focus": focus})}
    if not quotes and notice is not None:
        if path == SG.validationDate:
            rows = dataset.query(_REVIEW_QUOTES, initNs=PREFIXES, initBindings={"notice": notice})
        elif value is not None:
            rows = list(dataset.query(_STATEMENT_QUOTES, initNs=PREFIXES, initBindings={"value": value}))
            rows = rows or dataset.query(_VALUE_QUOTES, initNs=PREFIXES, initBindings={"notice": notice, "value": value})
        else:
            rows = []
        quotes = {str(r.quote) for r in rows}
    return str(notice or ""), tuple(sorted(quotes, key=lambda quote: (len(quote), quote))[:3])
