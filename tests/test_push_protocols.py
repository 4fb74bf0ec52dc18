"""Issue 14 item 4 on a real Oxigraph: push over the Graph Store Protocol, staged SPARQL Update
that leaves nothing behind, and blank nodes skolemised to the same IRIs on every push."""

from __future__ import annotations

from rdflib import BNode, Dataset

from loopback import oxigraph_server
from sharinggraph.cli import main
from sharinggraph.export.rdf import trig
from sharinggraph.namespaces import GRAPH
from sharinggraph.remote.endpoint import graph_counts, select
from sharinggraph.remote.push import STAGING
from sharinggraph.remote.skolem import GENID, skolemised
from sharinggraph.remote.transport import Budget, endpoint

EVERY_GRAPH = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"
BLANK = "SELECT ?s WHERE { GRAPH ?g { ?s ?p ?o } FILTER(isBlank(?s) || isBlank(?o)) } LIMIT 1"


def _sent(built) -> dict[str, int]:
    return {str(g.identifier): len(g) for g in built.loaded.dataset.graphs() if len(g) and str(g.identifier).startswith(str(GRAPH))}


def test_push_over_the_graph_store_protocol(built, monkeypatch, capsys):
    monkeypatch.setattr("sharinggraph.load.build.build_dataset", lambda **_: built)
    with oxigraph_server() as url:
        assert main(["push", "--endpoint", url, "--protocol", "gsp"]) == 0  # writes to the /store sibling
        assert graph_counts(endpoint(url), Budget()) == _sent(built)
        assert select(endpoint(url), BLANK, Budget())["results"]["bindings"] == []
    assert capsys.readouterr().out.startswith(f"pushed {len(_sent(built))} graphs to {url}")


def test_gsp_to_a_url_with_no_store_sibling_needs_the_endpoint(built, monkeypatch, capsys):
    monkeypatch.setattr("sharinggraph.load.build.build_dataset", lambda **_: built)
    with oxigraph_server() as url:
        code = main(["push", "--endpoint", url.replace("/query", "/sparql"), "--protocol", "gsp"])
    assert code == 2 and "give the Graph Store endpoint with --update-endpoint" in capsys.readouterr().err


def test_an_update_push_leaves_no_staged_graph_and_no_blank_node(built):
    from sharinggraph.remote.push import push

    with oxigraph_server() as url:
        push(built.loaded.dataset, url)
        push(built.loaded.dataset, url)  # a second push replaces the graphs with identical ones
        graphs = {row["g"]["value"] for row in select(endpoint(url), EVERY_GRAPH, Budget())["results"]["bindings"]}
        assert graphs == set(_sent(built)) and not any(g.startswith(STAGING) for g in graphs)
        assert select(endpoint(url), BLANK, Budget())["results"]["bindings"] == []
        genids = select(endpoint(url), f'SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE {{ GRAPH ?g {{ ?s ?p ?o }} '
                                       f'FILTER(STRSTARTS(STR(?s), "{GENID}")) }}', Budget())
    subjects = {s for g in built.loaded.dataset.graphs() for s in g.subjects() if isinstance(s, BNode)}
    assert int(genids["results"]["bindings"][0]["n"]["value"]) == len(subjects) > 0  # one IRI per blank node


def test_skolem_iris_do_not_depend_on_the_parse():
    """The same graph parsed twice (new blank node ids) gets the same skolem IRIs."""
    source = Dataset()
    graph = source.graph(GRAPH["example"])
    graph.parse(data="""@prefix oa: <http://www.w3.org/ns/oa#> .
        <https://w3id.org/sharinggraph/id/flow/a> oa:hasSelector [ oa:exact "one" ], [ oa:exact "two" ] .""", format="turtle")
    again = Dataset()
    again.parse(data=trig(source), format="trig")
    first = sorted(skolemised(graph))
    second = sorted(skolemised(again.graph(GRAPH["example"])))
    assert first == second and all(not isinstance(t, BNode) for triple in first for t in triple)
    assert len({o for _, _, o in first if str(o).startswith(GENID)}) == 2


def test_the_run_push_first_check_asks_whether_the_store_holds_the_data():
    import pytest

    from sharinggraph.errors import EndpointError
    from sharinggraph.remote.endpoint import run_remote
    from sharinggraph.remote.transport import post

    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    with oxigraph_server("--union-default-graph") as url:
        with pytest.raises(EndpointError, match="its default graph holds no privacy notice: run 'sharinggraph push' first"):
            run_remote(url, count, {}, union_default_graph=True)
        # the data loaded some other way, in a graph outside the project's names: the store holds it
        post(endpoint(url.replace("/query", "/update")), [("update", "INSERT DATA { GRAPH <urn:elsewhere> { "
             "<urn:notice> a <https://w3id.org/dpv#PrivacyNotice> } }")], "*/*", Budget())
        assert run_remote(url, count, {}, union_default_graph=True)["results"]["bindings"][0]["n"]["value"] == "1"
        with pytest.raises(EndpointError, match="give --union-default-graph if its default graph holds the data"):
            run_remote(url, count, {})
