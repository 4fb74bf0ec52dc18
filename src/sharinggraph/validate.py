"""SHACL validation of the built graph against the data shapes in ontology/shapes."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rdflib import Dataset, Graph
from rdflib.namespace import SH

from . import resources
from .graph import parse_turtle
from .namespaces import PREFIXES

#: Shapes that check the ontology itself, not the data (run by the test suite).
_META_SHAPES = ("ontology-qc.shacl.ttl",)

_RESULTS = """
SELECT ?severity ?focus ?path ?message ?shape WHERE {
  ?result a sh:ValidationResult ;
          sh:resultSeverity ?severity ;
          sh:focusNode ?focus ;
          sh:sourceShape ?shape .
  OPTIONAL { ?result sh:resultPath ?path }
  OPTIONAL { ?result sh:resultMessage ?message }
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


@dataclass(frozen=True)
class ValidationReport:
    """All findings, and the SHACL report graph they came from."""

    findings: tuple[Finding, ...]
    report_graph: Graph

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


def validate_dataset(dataset: Dataset, shapes: Graph) -> ValidationReport:
    """Validate the union of the dataset's graphs, without inference (it would hide sh:class errors)."""
    from pyshacl import validate  # imported here: it is slow to import and only this needs it

    data = Graph()
    for graph in dataset.graphs():
        data += graph
    _, report_graph, _ = validate(data, shacl_graph=shapes, inference="none", allow_warnings=True)
    findings = tuple(
        Finding(
            severity=str(row.severity).rsplit("#", 1)[-1],
            focus=str(row.focus),
            path=str(row.path or ""),
            message=str(row.message or ""),
            shape=str(_node_shape(shapes, row.shape)),
        )
        for row in report_graph.query(_RESULTS, initNs=PREFIXES)
    )
    return ValidationReport(findings, report_graph)
