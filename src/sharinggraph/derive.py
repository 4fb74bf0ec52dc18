"""Propagates what a notice declares once for all its processing to each of its flows.

Only flows whose controller publishes the notice inherit: a declaration speaks for the
publisher's own processing, not for what a recipient does next (an onward flow). A flow that
states a property itself inherits nothing for that property.

The output goes to its own named graph (``sgid:graph/derived``) and never into a stated graph,
so every answer can say whether it rests on a per-flow statement or a notice-wide declaration.
"""

from __future__ import annotations

from rdflib import Dataset, Graph

from .namespaces import DERIVED_GRAPH, PREFIXES, SG

#: Properties a notice-wide declaration passes on to flows that do not state their own.
_PROPAGATED = "dpv:hasPersonalData dpv:hasPurpose dpv:hasLegalBasis sg:hasGateway dpv:hasDataSubject"

# Two small selections joined in Python: rdflib evaluates the one-pattern join far more slowly.
_OWN_FLOWS = """
SELECT ?notice ?flow WHERE {
  ?notice dpv:hasProcess ?flow ; dct:publisher ?controller .
  ?flow dpv:hasDataController ?controller .
}
"""

_DECLARED = f"""
SELECT ?notice ?declaration ?property ?value WHERE {{
  VALUES ?property {{ {_PROPAGATED} }}
  ?notice sg:declares ?declaration .
  ?declaration ?property ?value .
}}
"""

_STATED = f"""
SELECT DISTINCT ?flow ?property WHERE {{
  VALUES ?property {{ {_PROPAGATED} }}
  ?notice dpv:hasProcess ?flow .
  ?flow ?property ?value .
}}
"""


def derive(dataset: Dataset) -> Graph:
    """Add the derived graph to ``dataset`` (replacing any earlier one) and return it."""
    dataset.remove_graph(DERIVED_GRAPH)
    flows: dict = {}
    for row in dataset.query(_OWN_FLOWS, initNs=PREFIXES):
        flows.setdefault(row.notice, []).append(row.flow)
    stated = {(row.flow, row.property) for row in dataset.query(_STATED, initNs=PREFIXES)}
    derived = dataset.graph(DERIVED_GRAPH)
    for row in dataset.query(_DECLARED, initNs=PREFIXES):
        for flow in flows.get(row.notice, ()):
            if (flow, row.property) not in stated:
                derived.add((flow, row.property, row.value))
                derived.add((flow, SG.inheritsFrom, row.declaration))
    return derived
