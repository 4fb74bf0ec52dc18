"""Mechanical completeness: every list item of a source text is covered by a cited selector."""

from __future__ import annotations

from rdflib import Dataset

from ..namespaces import PREFIXES
from .listitems import Span, list_items

# Spans cited by what notices state (their flows and declarations), per source document. A page
# that bundles several notices (one source, several graphs) is covered by all of them together.
_CITED_SPANS = """
SELECT DISTINCT ?source ?start ?end WHERE {
  GRAPH ?g {
    ?notice (dpv:hasProcess|sg:declares) ?statement .
    ?statement prov:wasDerivedFrom ?target .
    ?target oa:hasSource ?source ;
            oa:hasSelector [ a oa:TextPositionSelector ; oa:start ?start ; oa:end ?end ] .
  }
}
"""


def cited_spans(dataset: Dataset) -> dict[str, list[tuple[int, int]]]:
    """Offsets cited by the statements of every notice, keyed by source IRI."""
    spans: dict[str, list[tuple[int, int]]] = {}
    for row in dataset.query(_CITED_SPANS, initNs=PREFIXES):
        spans.setdefault(str(row.source), []).append((int(row.start), int(row.end)))
    return spans


def uncovered_items(text: str, spans: list[tuple[int, int]]) -> list[Span]:
    """List items of ``text`` that no span overlaps."""
    return [
        item for item in list_items(text)
        if not any(start < item.end and end > item.start for start, end in spans)
    ]
