"""Runs SPARQL over the built dataset, refusing anything that could reach the network or files."""

from __future__ import annotations

from rdflib import Dataset
from rdflib.plugins.sparql import prepareQuery
from rdflib.plugins.sparql.parserutils import CompValue
from rdflib.query import Result

from ..errors import QueryError
from ..namespaces import PREFIXES


def _walk(node):
    """Yield every CompValue in a parsed query tree."""
    if isinstance(node, CompValue):
        yield node
        for value in node.values():
            yield from _walk(value)
    elif isinstance(node, (list, tuple)):
        for value in node:
            yield from _walk(value)


def guard(query_text: str):
    """Parse a query and refuse SERVICE and FROM/FROM NAMED, which would fetch remote or local data.

    :raises QueryError: the query does not parse, is an update, or reaches outside the dataset.
    """
    try:
        prepared = prepareQuery(query_text, initNs=PREFIXES)
    except Exception as exc:  # pyparsing and rdflib raise several types
        detail = " ".join(str(exc).split())
        raise QueryError(f"query does not parse: {detail[:300]}") from exc
    for node in _walk(prepared.algebra):
        if node.name == "ServiceGraphPattern":
            raise QueryError("SERVICE is not allowed: queries run only over the built graph")
    if getattr(prepared.algebra, "datasetClause", None):
        raise QueryError("FROM and FROM NAMED are not allowed: queries run only over the built graph")
    return prepared


def run(dataset: Dataset, query: str, bindings: dict | None = None) -> Result:
    """Run a read-only query over the union of the graphs (guarded, then evaluated on Oxigraph)."""
    from ..store.engine import query as evaluate

    guard(query)
    return evaluate(dataset, query, bindings)
