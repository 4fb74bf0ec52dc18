"""rdflib's SPARQL processor, with each query text parsed and translated once per process.

pyshacl evaluates every SPARQL-based constraint by handing rdflib the query's text, which rdflib
parses (pyparsing) and translates to its algebra on every call: for the same few dozen texts, once
per shape and unit, most of a unit's time in SPARQL constraints. A translated query is what
rdflib's own ``prepareQuery`` returns for reuse, so evaluating a cached one gives the same answer.
"""

from __future__ import annotations

from functools import lru_cache

from rdflib import plugin
from rdflib.plugins.sparql.algebra import translateQuery
from rdflib.plugins.sparql.parser import parseQuery
from rdflib.plugins.sparql.processor import SPARQLProcessor
from rdflib.query import Processor


@lru_cache(maxsize=512)
def _prepared(text: str, base: str | None, namespaces: tuple | None):
    return translateQuery(parseQuery(text), base, dict(namespaces) if namespaces is not None else None)


class PreparedSPARQLProcessor(SPARQLProcessor):
    """rdflib's SPARQL processor, evaluating a cached translation of each query text."""

    def query(self, strOrQuery, initBindings=None, initNs=None, base=None, DEBUG=False):  # noqa: N803 - rdflib's names
        if isinstance(strOrQuery, str):
            strOrQuery = _prepared(strOrQuery, base, tuple(sorted(initNs.items())) if initNs else None)
        return super().query(strOrQuery, initBindings, initNs, base, DEBUG)


def use_prepared_queries() -> None:
    """Make rdflib's "sparql" processor the caching one, for this process."""
    plugin.register("sparql", Processor, __name__, PreparedSPARQLProcessor.__name__)
