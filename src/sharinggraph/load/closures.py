"""Closures the build materialises so that queries join plain triples instead of walking paths.

``sg:withinConcept`` is the reflexive, transitive closure of ``skos:broader`` (and, for a named
body, ``org:classification`` then ``skos:broader``; a DPV term typed special category counts as
within ``dpv:SpecialCategoryPersonalData``); ``sg:withinProvision`` the reflexive,
transitive closure of ``dct:isPartOf`` over the legislation register; ``sg:ofInstrument`` the
Act, SI or regulation a provision belongs to.
"""

from __future__ import annotations

from collections.abc import Iterable

from rdflib import Dataset, Graph
from rdflib.term import Node

from ..namespaces import PREFIXES, SG

_CONCEPT_EDGES = """
SELECT ?narrower ?broader WHERE {
  { ?narrower skos:broader ?broader } UNION { ?narrower org:classification ?broader }
  UNION { ?narrower a dpv:SpecialCategoryPersonalData . BIND(dpv:SpecialCategoryPersonalData AS ?broader) }
}
"""

_PROVISION_EDGES = """
SELECT ?part ?whole WHERE {
  { ?part a sg:Provision } UNION { ?part a dpv:Law }
  OPTIONAL { ?part dct:isPartOf ?whole . { ?whole a sg:Provision } UNION { ?whole a dpv:Law } }
}
"""


def ancestors(edges: dict[Node, set[Node]]) -> dict[Node, set[Node]]:
    """For each node, itself and every node reachable through ``edges`` (cycles tolerated)."""
    closed: dict[Node, set[Node]] = {}
    for start in list(edges):
        seen = {start}
        stack = [start]
        while stack:
            for parent in edges.get(stack.pop(), ()):
                if parent not in seen:
                    seen.add(parent)
                    stack.append(parent)
        closed[start] = seen
    return closed


def _edges(rows: Iterable, child: str, parent: str) -> dict[Node, set[Node]]:
    edges: dict[Node, set[Node]] = {}
    for row in rows:
        edges.setdefault(row[child], set())
        if row[parent] is not None:
            edges[row[child]].add(row[parent])
            edges.setdefault(row[parent], set())
    return edges


def concept_closure(dataset: Dataset) -> dict[Node, set[Node]]:
    """Each concept or classified body with itself and everything above it."""
    return ancestors(_edges(dataset.query(_CONCEPT_EDGES, initNs=PREFIXES), "narrower", "broader"))


def provision_closure(dataset: Dataset) -> dict[Node, set[Node]]:
    """Each registered law or provision with itself and everything it is part of."""
    return ancestors(_edges(dataset.query(_PROVISION_EDGES, initNs=PREFIXES), "part", "whole"))


def write_closures(into: Graph, concepts: dict[Node, set[Node]], provisions: dict[Node, set[Node]]) -> None:
    """Add ``sg:withinConcept``, ``sg:withinProvision`` and ``sg:ofInstrument`` triples."""
    for concept, above in concepts.items():
        for ancestor in above:
            into.add((concept, SG.withinConcept, ancestor))
    for provision, above in provisions.items():
        for ancestor in above:
            into.add((provision, SG.withinProvision, ancestor))
        tops = [a for a in above if not (provisions.get(a, set()) - {a})]
        for top in tops:
            into.add((provision, SG.ofInstrument, top))
