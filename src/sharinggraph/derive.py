"""Propagates what a notice declares once for all its processing to each of its flows.

Only flows whose controller publishes the notice inherit: a declaration speaks for the
publisher's own processing, not for what a recipient does next (an onward flow).

The output goes to its own named graph (``sgid:graph/derived``) and never into a stated graph,
so every answer can say whether it rests on a per-flow statement or a notice-wide declaration.
"""

from __future__ import annotations

from rdflib import Dataset, Graph

from .namespaces import DERIVED_GRAPH, PREFIXES

#: Properties a notice-wide declaration passes on to flows that do not state their own.
_PROPAGATED = ("dpv:hasPersonalData", "dpv:hasPurpose", "dpv:hasLegalBasis", "sg:hasGateway", "dpv:hasDataSubject")

_CONSTRUCT = """
CONSTRUCT {{
  ?flow {prop} ?value .
  ?flow sg:inheritsFrom ?declaration .
}}
WHERE {{
  ?notice dpv:hasProcess ?flow ;
          sg:declares ?declaration ;
          dct:publisher ?controller .
  ?flow a dpv:PersonalDataProcess ;
        dpv:hasDataController ?controller .
  ?declaration {prop} ?value .
  FILTER NOT EXISTS {{ ?flow {prop} ?stated }}
}}
"""


def derive(dataset: Dataset) -> Graph:
    """Add the derived graph to ``dataset`` (replacing any earlier one) and return it."""
    dataset.remove_graph(DERIVED_GRAPH)
    derived = dataset.graph(DERIVED_GRAPH)
    for prop in _PROPAGATED:
        for triple in dataset.query(_CONSTRUCT.format(prop=prop), initNs=PREFIXES):
            derived.add(triple)
    return derived
