"""The query library against a real Oxigraph server on loopback: push, then local == remote."""

from __future__ import annotations

import pytest

from conftest import ROOT
from loopback import free_port, oxigraph_server
from sharinggraph.cli import main
from sharinggraph.remote.endpoint import project_graphs, run_remote
from sharinggraph.remote.push import push
from sharinggraph.errors import EndpointError
from sharinggraph.query.library import QueryLibrary
from sharinggraph.query.results import results_json
from sharinggraph.query.resolve import Resolver
from sharinggraph.query.runner import bind, run_local

LIBRARY = QueryLibrary(ROOT / "queries")


@pytest.fixture(scope="module")
def oxigraph():
    """A fresh in-memory Oxigraph server on 127.0.0.1, stopped after the module."""
    with oxigraph_server() as url:
        yield url


@pytest.fixture(scope="module")
def pushed(built, oxigraph):
    push(built.loaded.dataset, oxigraph)
    return oxigraph


def _normalise(results: dict) -> list:
    """Rows as sorted tuples; concatenated lists compared as sets (engines order them freely)."""
    rows = []
    for binding in results["results"]["bindings"]:
        row = []
        for name in sorted(results["head"]["vars"]):
            cell = binding.get(name)
            if cell is None:
                row.append(None)
                continue
            value = cell["value"]
            for separator in (" | ", "; "):
                if separator in value:
                    value = separator.join(sorted(set(value.split(separator))))
            row.append((cell["type"].replace("typed-literal", "literal"), value, cell.get("datatype"), cell.get("xml:lang")))
        rows.append(tuple(row))
    return sorted(rows, key=repr)


def test_push_is_idempotent(built, pushed):
    first = project_graphs(pushed)
    push(built.loaded.dataset, pushed)
    assert project_graphs(pushed) == first
    count = run_remote(pushed, "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }", {})
    assert int(count["results"]["bindings"][0]["n"]["value"]) == sum(len(g) for g in built.loaded.dataset.graphs())


@pytest.mark.parametrize("spec", LIBRARY.list(), ids=lambda s: s.id)
def test_local_and_remote_answers_are_identical(built, pushed, spec):
    dataset = built.loaded.dataset
    bound = bind(spec, {name: str(value) for name, value in spec.example.items()}, Resolver(dataset))
    local = _normalise(results_json(run_local(dataset, bound)))
    remote = _normalise(run_remote(pushed, spec.text, bound.bindings))
    assert local == remote


@pytest.fixture(scope="module")
def union_server(built):
    """An Oxigraph server whose default graph is the union of its graphs, with the project pushed."""
    with oxigraph_server("--union-default-graph") as url:
        push(built.loaded.dataset, url)
        yield url


@pytest.mark.parametrize("spec", LIBRARY.list(), ids=lambda s: s.id)
def test_a_union_default_graph_store_gives_the_same_answers_naming_no_graphs(built, union_server, spec):
    dataset = built.loaded.dataset
    bound = bind(spec, {name: str(value) for name, value in spec.example.items()}, Resolver(dataset))
    local = _normalise(results_json(run_local(dataset, bound)))
    assert _normalise(run_remote(union_server, spec.text, bound.bindings, union_default_graph=True)) == local


def test_cli_runs_the_headline_remotely(pushed, capsys):
    assert main(["query", "run", "who-may-receive", "-p", "category=police", "-p",
                 "gateway=s.11 Children Act 2004", "--endpoint", pushed]) == 0
    out = capsys.readouterr().out
    assert "Multi Agency Safeguarding Hub (MASH)" in out and "exact" in out


def test_unreachable_endpoint_exits_3(capsys):
    port = free_port()
    assert main(["query", "run", "lost-lists", "--endpoint", f"http://127.0.0.1:{port}/query"]) == 3
    err = capsys.readouterr().err
    assert err.startswith("sharinggraph: error: cannot reach endpoint") and err.count("\n") == 1


def test_endpoint_error_answer_exits_3(oxigraph, capsys):
    # A path the server does not serve: it answers with an HTTP error.
    assert main(["query", "run", "lost-lists", "--endpoint", oxigraph.replace("/query", "/nowhere")]) == 3
    err = capsys.readouterr().err
    assert "endpoint" in err and ("answered" in err or "refused" in err) and err.count("\n") == 1


def test_remote_error_is_an_endpoint_error(oxigraph):
    with pytest.raises(EndpointError):
        run_remote(oxigraph.replace("/query", "/nowhere"), "SELECT * WHERE { ?s ?p ?o }", {})


def test_failed_push_leaves_previous_graphs_intact(built, pushed, monkeypatch):
    import sharinggraph.remote.push as pushing

    before = run_remote(pushed, "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }", {})
    broken = pushing.switch_update

    def failing_switch(graphs, stale):
        # the switch fails at its end, after the moves it carries
        return broken(graphs, stale) + ' ;\nINSERT DATA { GRAPH <urn:x> { <urn:a> <urn:b> "unterminated } }'

    monkeypatch.setattr(pushing, "switch_update", failing_switch)
    with pytest.raises(EndpointError, match="the store's project graphs are as they were"):
        push(built.loaded.dataset, pushed)
    after = run_remote(pushed, "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }", {})
    assert after == before


def test_union_default_graph_requests_name_no_graph(union_server, monkeypatch):
    from sharinggraph.remote import endpoint

    sent = []
    real_post = endpoint.post

    def recording_post(target, fields, *rest):
        sent.append([name for name, _ in fields])
        return real_post(target, fields, *rest)

    monkeypatch.setattr(endpoint, "post", recording_post)
    run_remote(union_server, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", {}, union_default_graph=True)
    assert "default-graph-uri" not in sent[-1]
    run_remote(union_server, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", {})
    assert "default-graph-uri" in sent[-1]
