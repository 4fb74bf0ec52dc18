"""Runs SPARQL queries on Oxigraph over the union of the built dataset's graphs.

rdflib stays the parser, the serialiser and the engine under pyshacl; queries run on Oxigraph
(pyoxigraph), which answers the library in a fraction of a second where rdflib's evaluator takes
minutes on the tiered joins. Answers come back as rdflib ``Result`` objects (through the SPARQL
JSON results format, or N-Triples for graphs), so every caller renders them as before.
Parameters are bound with :func:`sharinggraph.query.library.with_values` (RDF terms written with ``n3()``), the
binding remote runs use.
"""

from __future__ import annotations

import io
import json
import weakref

import pyoxigraph as ox
from rdflib import Dataset, Graph
from rdflib.query import Result
from rdflib.term import Node

from ..errors import QueryError
from ..query.library import with_values

_STORES: "weakref.WeakKeyDictionary[Dataset, ox.Store]" = weakref.WeakKeyDictionary()


def store_for(dataset) -> ox.Store:
    """The Oxigraph store of a compiled store's view, or an in-memory one holding an rdflib
    Dataset's quads (loaded once per dataset)."""
    from .compiled import StoreView

    if isinstance(dataset, StoreView):
        return dataset.store
    store = _STORES.get(dataset)
    if store is None:
        store = ox.Store()
        store.bulk_load(dataset.serialize(format="nquads", encoding="utf-8"), format=ox.RdfFormat.N_QUADS)
        _STORES[dataset] = store
    return store


def _evaluate(dataset: Dataset, text: str, bindings: dict[str, Node] | None):
    store = store_for(dataset)
    try:
        return store.query(with_values(text, bindings or {}), use_default_graph_as_union=True)
    except (SyntaxError, OSError, RuntimeError, ValueError) as exc:
        raise QueryError(f"query failed: {' '.join(str(exc).split())[:300]}") from exc


def query_json(dataset: Dataset, text: str, bindings: dict[str, Node] | None = None) -> dict:
    """Evaluate like :func:`query`, answering SELECT and ASK as SPARQL 1.1 Query Results JSON straight
    from Oxigraph (no rdflib round trip; CONSTRUCT: ``{"graph": Turtle}``), for the renderers.

    :raises QueryError: Oxigraph refuses or fails to evaluate the query.
    """
    answer = _evaluate(dataset, text, bindings)
    if isinstance(answer, (ox.QueryBoolean, ox.QuerySolutions)):
        return json.loads(answer.serialize(format=ox.QueryResultsFormat.JSON))
    from ..export.rdf import turtle

    return {"graph": turtle(_graph(answer))}


def _graph(triples) -> Graph:
    graph = Graph()
    graph.parse(data=ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b"", format="nt")
    return graph


def query(dataset: Dataset, text: str, bindings: dict[str, Node] | None = None) -> Result:
    """Evaluate a (guarded) query with its parameters bound, over the union default graph.

    :raises QueryError: Oxigraph refuses or fails to evaluate the query.
    """
    answer = _evaluate(dataset, text, bindings)
    if isinstance(answer, (ox.QueryBoolean, ox.QuerySolutions)):
        return Result.parse(io.BytesIO(answer.serialize(format=ox.QueryResultsFormat.JSON)), format="json")
    result = Result("CONSTRUCT")
    result.graph = _graph(answer)
    return result
