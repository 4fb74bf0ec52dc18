"""SHACL validation of the built graph against the data shapes in ontology/shapes."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path

from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, SH, XSD

from .. import resources
from ..errors import InputError
from ..load.dataset import parse_turtle
from ..namespaces import DPV, PREFIXES, SG
from .engines import DEFAULT_ENGINE
from .evidence import finding_context

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
    #: the term the finding is about (an address, a phrase, a body), as text
    value: str = ""
    #: the source lines of ``quotes``, in the same order (0 where the text was not available)
    lines: tuple[int, ...] = ()
    #: the stable id: a hash of rule, notice, focus and evidence (never of the message's wording)
    id: str = ""

    @property
    def rule(self) -> str:
        """The shape's local name, e.g. ``SpecialCategoryNeedsArt9Shape``."""
        return self.shape.rsplit("#", 1)[-1]

    @property
    def rule_name(self) -> str:
        """The rule as ``--rule`` takes it: the shape's name without ``Shape``, e.g. ``SpecialCategoryNeedsArt9``."""
        return self.rule.removesuffix("Shape")

    @property
    def provision(self) -> str:
        """The provision or guidance the rule enforces, as a reader cites it (UK GDPR Art 13(1)(b))."""
        return citation(self.source)

    @property
    def quote(self) -> str:
        """The evidence: the sentence that shows the problem, or where an absent item was expected."""
        return self.quotes[0] if self.quotes else ""

    @property
    def line(self) -> int:
        """The source line of the evidence (0 when unknown)."""
        return self.lines[0] if self.lines else 0


def finding_id(rule: str, notice: str, focus: str, value: str, quote: str) -> str:
    """A finding's stable id: 16 hex digits of the sha256 of what it is about, not of how it is worded."""
    text = "\x1f".join((rule, notice, focus, value, quote))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def citation(iri: str) -> str:
    """A provision's IRI as a reader cites it: UK GDPR Art 13(1)(b), ukpga/2018/12 s.10; guidance by its address."""
    path = iri.removeprefix("http://www.legislation.gov.uk/id/")
    if path.startswith("eur/2016/679/article/"):
        number, *parts = path.removeprefix("eur/2016/679/article/").split("/")
        return "UK GDPR Art " + number + "".join(f"({part})" for part in parts)
    if path == "ukpga/2018/12" or path.startswith("ukpga/2018/12/"):
        return " ".join(("DPA 2018", _section(path.removeprefix("ukpga/2018/12").lstrip("/")))).strip()
    if "/section/" in path:
        act, section = path.split("/section/")
        return f"{act} s.{section.replace('/', '')}"
    return _GUIDANCE.get(iri, path)


def _section(path: str) -> str:
    """``section/10`` -> ``s.10``; ``schedule/1/part/2/paragraph/18`` -> ``Sch 1 Part 2 para 18``."""
    words = {"section": "s.", "schedule": "Sch ", "part": "Part ", "paragraph": "para "}
    parts = path.split("/")
    return " ".join(words.get(kind, kind + " ") + number for kind, number in zip(parts[::2], parts[1::2]))


#: ICO guidance the rules cite, by address.
_GUIDANCE = {
    "https://ico.org.uk/for-organisations/uk-gdpr-guidance-and-resources/individual-rights/the-right-to-be-informed/":
        "ICO right to be informed",
    "https://ico.org.uk/for-organisations/uk-gdpr-guidance-and-resources/individual-rights/the-right-to-be-informed/what-privacy-information-should-we-provide/":
        "ICO right to be informed checklist",
    "https://ico.org.uk/for-organisations/uk-gdpr-guidance-and-resources/data-sharing/data-sharing-a-code-of-practice/":
        "ICO data sharing code",
}


@dataclass(frozen=True)
class ValidationReport:
    """All findings, and the SHACL report graph they came from."""

    findings: tuple[Finding, ...]
    report_graph: Graph | None
    #: ids of findings a reviewer accepted (``--baseline``)
    known: frozenset[str] = frozenset()

    @property
    def violations(self) -> int:
        """How many findings have severity Violation."""
        return sum(1 for f in self.findings if f.severity == "Violation")

    @property
    def new_violations(self) -> int:
        """How many Violation findings are not known from the baseline (these fail the run)."""
        return sum(1 for f in self.findings if f.severity == "Violation" and f.id not in self.known)


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


def validation_context(data: Graph, as_of: date) -> Graph:
    """The validation date on every notice and retention rule in ``data`` (a graph of its own, never stored)."""
    context = Graph()
    for kind in (DPV.PrivacyNotice, SG.RetentionRule, SG.RetentionHold):
        for node in data.subjects(RDF.type, kind):
            context.add((node, SG.validationDate, Literal(as_of, datatype=XSD.date)))
    return context


def validate_dataset(dataset: Dataset, shapes: Graph, as_of: date | None = None, engine: str = DEFAULT_ENGINE,
                     texts: dict[str, str] | None = None) -> ValidationReport:
    """Validate the union of the dataset's graphs, without inference (it would hide sh:class errors).

    Currency shapes judge by ``as_of`` (default today). ``engine`` is ``rudof`` (pyrudof, a Rust
    engine, the default) or ``pyshacl`` (the reference, whose SHACL report graph is kept).
    ``texts`` (source texts by document IRI) give each quote its line.
    """
    data = Graph()
    for graph in dataset.graphs():
        data += graph
    data += validation_context(data, as_of or date.today())
    return validate_graph(data, shapes, engine, texts)


def validate_graph(data: Graph, shapes: Graph, engine: str = DEFAULT_ENGINE, texts: dict[str, str] | None = None,
                   data_ntriples: tuple[bytes, bytes] | None = None) -> ValidationReport:
    """Validate one graph that holds everything (the union of the graphs and their validation context,
    see :func:`validate_dataset`); each finding's notice and evidence are looked up in it.

    ``data_ntriples``, when given, is ``data`` already written as N-Triples in two parts, for rudof: a
    part shared by many calls (read once per process and kept) and this call's own triples.
    """
    results, report_graph = _rudof(data, shapes, data_ntriples) if engine == "rudof" else _pyshacl(data, shapes)
    findings = []
    for severity, focus, path, message, shape, value in results:
        shape = _node_shape(shapes, shape)
        notice, spans = finding_context(data, focus, value, path, texts)
        # the validation date (--as-of) is not what a finding is about: it stays out of the id
        shown = "" if value is None or value == focus or path == SG.validationDate else str(value)
        findings.append(Finding(
            severity=severity, focus=str(focus), path=str(path or ""), message=message, shape=str(shape),
            source=str(shapes.value(shape, DCTERMS.source) or ""), notice=notice,
            quotes=tuple(span.quote for span in spans), value=shown, lines=tuple(span.line for span in spans),
            id=finding_id(str(shape), notice, str(focus), shown, spans[0].quote if spans else ""),
        ))
    return ValidationReport(ordered(findings), report_graph)


def ordered(findings) -> tuple[Finding, ...]:
    """Findings without repeats, by notice, severity, rule, focus, message and evidence.

    Of two results that say the same thing (the same id), the first in this order is kept, so
    the example a finding names is the same on every run, whatever order the engine gave them in.
    """
    unique: dict[str, Finding] = {}
    for f in sorted(findings, key=_order):
        unique.setdefault(f.id or repr((f.severity, f.focus, f.path, f.message, f.shape)), f)
    return tuple(sorted(unique.values(), key=_order))


def _order(f: Finding) -> tuple:
    return (f.notice, _RANK[f.severity], f.rule, f.focus, f.message, f.value, f.lines, f.quotes)


def _pyshacl(data: Graph, shapes: Graph):
    from pyshacl import validate  # imported here: it is slow to import and only validation needs it

    from .prepared import use_prepared_queries

    use_prepared_queries()

    _, report_graph, text = validate(data, shacl_graph=shapes, inference="none", allow_warnings=True)
    if not isinstance(report_graph, Graph):  # pyshacl returns a failure object for broken shapes
        raise InputError(f"the shapes could not be applied: {' '.join(str(text).split())[:300]}")
    results = [
        (str(row.severity).rsplit("#", 1)[-1], row.focus, row.path, str(row.message or ""), row.shape, row.value)
        for row in report_graph.query(_RESULTS, initNs=PREFIXES)
    ]
    return results, report_graph


def _rudof(data: Graph, shapes: Graph, data_ntriples: tuple[bytes, bytes] | None = None):
    """Validate with pyrudof. Blank-node shapes are skolemised first so results map back to them."""
    import pyrudof

    skolem, back = _rudof_shapes(shapes)
    try:
        if data_ntriples is None:  # one graph, read for this call only
            engine, own = _rudof_session(data.serialize(format="nt", encoding="utf-8"), skolem), b""
        else:
            engine, own = _kept_rudof_session(data_ntriples[0], skolem), data_ntriples[1]
        engine.begin_staging()  # this call's triples, taken out again after: the shared part stays read
        try:
            if own:
                engine.read_data(own.decode("utf-8"), format=pyrudof.RDFFormat.NTriples, merge=True)
            report = engine.validate_shacl()
        finally:
            engine.rollback_staging()
    except Exception as exc:  # pyrudof raises its own error classes
        raise InputError(f"rudof could not validate: {' '.join(str(exc).split())[:300]}") from exc
    results = []
    for entry in report.violations:
        shape = back.get(str(entry.source_shape)) or URIRef(str(entry.source_shape))
        # the shape's own sh:message where it has one (as pyshacl reports it), never rudof's wording;
        # a SPARQL constraint's message, with its variables filled in, comes from rudof
        authored = shapes.value(shape, SH.message)
        message = str(authored) if authored is not None else str(entry.message or "").strip('"')
        results.append((str(entry.severity).rsplit("#", 1)[-1].removeprefix("sh:"), _term(entry.focus_node),
                        _term(entry.path) if entry.path else None, message,
                        shape, _term(entry.value) if entry.value else None))
    return results, None


def _rudof_session(ntriples: bytes, shapes_turtle: str):
    """A rudof session with the data read and the shapes loaded."""
    import pyrudof

    engine = pyrudof.Rudof(pyrudof.RudofConfig())
    engine.read_data(ntriples.decode("utf-8"), format=pyrudof.RDFFormat.NTriples)
    engine.read_shacl(shapes_turtle)
    return engine


#: a session per shared part and shapes, kept for the process: reading the shared graphs was most of
#: rudof's time for a unit; each unit's own triples are staged on it and rolled back after
_kept_rudof_session = lru_cache(maxsize=4)(_rudof_session)


@lru_cache(maxsize=8)
def _rudof_shapes(shapes: Graph) -> tuple[str, dict[str, BNode]]:
    """The shapes as rudof reads them (Turtle, property shapes named) and the way back: once per shapes graph."""
    skolem, back = _name_property_shapes(shapes)
    return skolem.serialize(format="turtle"), back


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


_LITERAL = re.compile(r'^"(.*)"(?:@([A-Za-z0-9-]+)|\^\^<?([^>]*)>?)?$', re.S)


def _term(text: str):
    """A term from pyrudof's text: an IRI, or a literal with its language or datatype ("x"@en, "d"^^xsd:date)."""
    text = str(text)
    if text.startswith(("http://", "https://", "urn:")):
        return URIRef(text)
    match = _LITERAL.match(text)
    if match is None:
        return Literal(text)
    lexical, language, datatype = match.groups()
    if datatype and datatype.startswith("xsd:"):
        datatype = str(XSD) + datatype.removeprefix("xsd:")
    return Literal(lexical, lang=language, datatype=URIRef(datatype) if datatype else None)


_RANK = {"Violation": 0, "Warning": 1, "Info": 2}
