"""SPARQL constraints: each query text is parsed once per process, and answers as rdflib's own processor does."""

from __future__ import annotations

from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.plugins.sparql.processor import SPARQLProcessor

from sharinggraph.validate.prepared import PreparedSPARQLProcessor, _prepared, use_prepared_queries

EX = Namespace("https://example.org/")
QUERY = "SELECT ?s ?label WHERE { ?s ex:label ?label . FILTER(?s != $this) } ORDER BY ?s"


def _graph() -> Graph:
    graph = Graph()
    for name in ("a", "b", "c"):
        graph.add((EX[name], EX.label, Literal(name.upper())))
    return graph


def _rows(answer) -> list[dict]:
    """A processor's answer (rdflib's result mapping) as its solutions, by variable name."""
    return [{str(name): value for name, value in solution.items()} for solution in answer["bindings"]]


def test_a_cached_query_answers_as_rdflib_parses_it_afresh_each_call():
    graph, namespaces = _graph(), {"ex": EX}
    before = _prepared.cache_info()
    for this in (EX.a, EX.b, URIRef("https://example.org/none")):  # pyshacl's way: one text, $this bound each call
        fresh = _rows(SPARQLProcessor(graph).query(QUERY, initBindings={"this": this}, initNs=namespaces))
        cached = _rows(PreparedSPARQLProcessor(graph).query(QUERY, initBindings={"this": this}, initNs=namespaces))
        assert cached == fresh and len(cached) == (2 if this in (EX.a, EX.b) else 3)
        assert this not in {row["s"] for row in cached}
    after = _prepared.cache_info()
    assert after.misses == before.misses + 1 and after.hits == before.hits + 2
    # other prefixes are another translation: the text alone is not the key
    other = {"ex": Namespace("https://example.org/other/")}
    assert _rows(PreparedSPARQLProcessor(graph).query(QUERY, initBindings={"this": EX.a}, initNs=other)) == []


def test_graph_query_uses_it_once_installed():
    use_prepared_queries()
    graph = _graph()
    before = _prepared.cache_info().hits
    text = "PREFIX ex: <https://example.org/> SELECT (COUNT(*) AS ?n) WHERE { ?s ex:label ?o }"
    assert [int(row[0]) for row in graph.query(text)] == [3]
    assert [int(row[0]) for row in graph.query(text)] == [3]
    assert _prepared.cache_info().hits == before + 1
