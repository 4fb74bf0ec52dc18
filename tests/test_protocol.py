"""Issue 14 item 2: /sparql follows the SPARQL 1.1 Protocol, on the compiled store, with real clients.

SPARQLWrapper and rdflib's SPARQLStore are the clients; every library query is run through the
endpoint and compared with the local answer; the status codes are asked for one by one.
"""

from __future__ import annotations

import csv
import io
import json
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

import pytest
from rdflib import Graph, URIRef
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from SPARQLWrapper import CSV, JSON, JSONLD, N3, POSTDIRECTLY, TSV, TURTLE, XML, SPARQLWrapper

from conftest import ROOT
from sharinggraph.query.library import QueryLibrary, with_values
from sharinggraph.query.resolve import Resolver
from sharinggraph.query.results import results_json
from sharinggraph.query.runner import bind, run_local
from sharinggraph.remote.endpoint import run_remote
from sharinggraph.serve.server import ServerState, make_server
from sharinggraph.export.rdf import trig
from sharinggraph.store.compiled import StoreView, read_stamp, write_store
from test_endpoint import _normalise

LIBRARY = QueryLibrary(ROOT / "queries")
PREFIX = "PREFIX dpv: <https://w3id.org/dpv#>\n"
NOTICES = "SELECT ?notice WHERE { ?notice a dpv:PrivacyNotice } ORDER BY ?notice"
POLICE = URIRef("https://w3id.org/sharinggraph/id/category/police")


@pytest.fixture(scope="module")
def compiled(built, tmp_path_factory):
    """The built graph compiled into an on-disk Oxigraph store, as `build` writes it."""
    data = trig(built.loaded.dataset).encode("utf-8")
    folder = write_store(data, tmp_path_factory.mktemp("store") / "store", {"inputs": "test"}, {})
    return StoreView(folder, read_stamp(folder))


@pytest.fixture(scope="module")
def endpoint(compiled):
    """`serve` over the compiled store with its default 30 s limit; yields the /sparql URL."""
    state = ServerState(compiled, LIBRARY, Resolver(compiled), timeout=30)
    httpd = make_server(state, "127.0.0.1", 0)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/sparql"
    httpd.shutdown()
    httpd.server_close()


def _request(url: str, method: str = "GET", body: bytes | None = None, headers: dict | None = None):
    """(status, headers, body) of one request."""
    request = urllib.request.Request(url, data=body, method=method, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.headers, exc.read()


def _local_notices(compiled) -> set[str]:
    """What `query run` reads for NOTICES: the compiled store, on Oxigraph."""
    return {str(row["notice"]) for row in compiled.query(PREFIX + NOTICES)}


def _wrapper(url: str, query: str, fmt: str, direct: bool = False):
    client = SPARQLWrapper(url)
    client.setQuery(PREFIX + query)
    client.setReturnFormat(fmt)
    if direct:
        client.setMethod("POST")
        client.setRequestMethod(POSTDIRECTLY)
    return client.query()


@pytest.mark.parametrize("direct", [False, True], ids=["GET", "POST-direct"])
def test_sparqlwrapper_reads_select_as_json_xml_csv_and_tsv(compiled, endpoint, direct):
    expected = _local_notices(compiled)
    assert len(expected) > 10
    answer = _wrapper(endpoint, NOTICES, JSON, direct)
    assert answer.response.headers["Content-Type"].startswith("application/sparql-results+json")
    assert {b["notice"]["value"] for b in answer.convert()["results"]["bindings"]} == expected
    document = _wrapper(endpoint, NOTICES, XML, direct).convert()
    assert {uri.firstChild.data for uri in document.getElementsByTagName("uri")} == expected  # a DOM document
    rows = list(csv.reader(io.StringIO(_wrapper(endpoint, NOTICES, CSV, direct).convert().decode())))
    assert rows[0] == ["notice"] and {r[0] for r in rows[1:]} == expected
    lines = _wrapper(endpoint, NOTICES, TSV, direct).convert().decode().splitlines()
    assert lines[0] == "?notice" and {line.strip("<>") for line in lines[1:]} == expected


def test_sparqlwrapper_reads_ask(endpoint):
    assert _wrapper(endpoint, "ASK { ?n a dpv:PrivacyNotice }", JSON).convert()["boolean"] is True
    assert _wrapper(endpoint, "ASK { ?n a dpv:NoSuchClass }", JSON).convert()["boolean"] is False


@pytest.mark.parametrize("fmt, media", [(TURTLE, "text/turtle"), (JSONLD, "application/ld+json"), (XML, "application/rdf+xml"),
                                        (N3, "text/turtle")])
def test_sparqlwrapper_reads_construct_as_rdf(compiled, endpoint, fmt, media):
    answer = _wrapper(endpoint, "CONSTRUCT { ?n a dpv:PrivacyNotice } WHERE { ?n a dpv:PrivacyNotice }", fmt)
    assert answer.response.headers["Content-Type"].startswith(media)
    graph = answer.convert()
    if not isinstance(graph, Graph):
        graph = Graph().parse(data=graph, format={"text/turtle": "turtle", "application/ld+json": "json-ld"}[media])
    assert {str(s) for s in graph.subjects()} == _local_notices(compiled)


def test_rdflib_sparqlstore_reads_select_ask_and_construct(compiled, endpoint):
    store = SPARQLStore(endpoint, returnFormat="xml")
    graph = Graph(store, identifier=URIRef("urn:x-rdflib:default"))
    assert {str(row.notice) for row in store.query(PREFIX + NOTICES)} == _local_notices(compiled)
    assert store.query(PREFIX + "ASK { ?n a dpv:PrivacyNotice }").askAnswer is True
    built = store.query(PREFIX + "CONSTRUCT { ?n a dpv:PrivacyNotice } WHERE { ?n a dpv:PrivacyNotice }").graph
    assert {str(s) for s in built.subjects()} == _local_notices(compiled)
    assert graph is not None


@pytest.mark.parametrize("spec", LIBRARY.list(), ids=lambda s: s.id)
def test_every_library_query_answers_as_query_run_does(compiled, endpoint, spec):
    bound = bind(spec, {name: str(value) for name, value in spec.example.items()}, Resolver(compiled))
    local = _normalise(results_json(run_local(compiled, bound)))
    # the project's own client, naming the project's graphs (default-graph-uri) and not (union)
    assert _normalise(run_remote(endpoint, spec.text, bound.bindings)) == local
    assert _normalise(run_remote(endpoint, spec.text, bound.bindings, union_default_graph=True)) == local


def test_a_dataset_of_some_graphs_is_read_as_named_and_of_every_graph_as_the_union(compiled, endpoint):
    graphs = sorted(str(graph.value) for graph in compiled.store.named_graphs())
    wandsworth = "https://w3id.org/sharinggraph/id/graph/wandsworth/childrens-social-care"
    every = _local_notices(compiled)

    def notices(default: list[str], named: list[str] = ()) -> set[str]:
        fields = [("query", PREFIX + NOTICES), *(("default-graph-uri", g) for g in default),
                  *(("named-graph-uri", g) for g in named)]
        status, _, body = _request(f"{endpoint}?" + urllib.parse.urlencode(fields))
        assert status == 200, body
        return {b["notice"]["value"] for b in json.loads(body)["results"]["bindings"]}

    assert notices([wandsworth]) == {n for n in every if n.endswith("/wandsworth/childrens-social-care")}
    assert len(notices([g for g in graphs if g != wandsworth])) == len(every) - 1
    assert notices(graphs) == notices(graphs, graphs) == every  # every graph: answered as the union
    assert notices(graphs, [wandsworth]) == every


def test_the_headline_query_is_answered_well_inside_the_default_limit(compiled, endpoint):
    spec = LIBRARY.get("who-may-receive")
    bound = bind(spec, {"category": "police", "gateway": "s.11 Children Act 2004"}, Resolver(compiled))
    started = time.monotonic()
    status, headers, body = _request(f"{endpoint}?query=" + urllib.parse.quote(with_values(spec.text, bound.bindings)))
    assert status == 200 and time.monotonic() - started < 10
    receivers = {b["receiver"]["value"] for b in json.loads(body)["results"]["bindings"]
                 if b["gatewayMatch"]["value"] == "exact"}
    # 004 lines 202-206 (the MASH asks the police) and 212 (the risk assessment goes to three front doors)
    assert receivers == {"Multi Agency Safeguarding Hub (MASH)", "Hammersmith and Fulham children's services front door",
                         "Kensington and Chelsea children's services front door", "Westminster children's services front door"}


def test_head_answers_the_headers_of_get_without_a_body(endpoint):
    query = f"{endpoint}?query=" + urllib.parse.quote(PREFIX + NOTICES)
    get_status, get_headers, get_body = _request(query, headers={"Accept": "text/csv"})
    head_status, head_headers, head_body = _request(query, "HEAD", headers={"Accept": "text/csv"})
    assert get_status == head_status == 200 and head_body == b"" and get_body
    assert head_headers["Content-Type"] == get_headers["Content-Type"] == "text/csv; charset=utf-8"
    assert head_headers["Content-Length"] == get_headers["Content-Length"]


def test_no_query_gets_the_service_description(endpoint):
    status, headers, body = _request(endpoint, headers={"Accept": "text/turtle"})
    assert status == 200 and headers["Content-Type"].startswith("text/turtle")
    graph = Graph().parse(data=body, format="turtle")
    sd = "http://www.w3.org/ns/sparql-service-description#"
    assert set(graph.objects(None, URIRef(sd + "endpoint"))) == {URIRef(endpoint)}


@pytest.mark.parametrize("method, body, headers, status, message", [
    ("GET", None, {}, 400, "does not parse"),  # a malformed query
    ("POST", b"query=SELECT+*+WHERE+%7B", {"Content-Type": "application/x-www-form-urlencoded"}, 400, "does not parse"),
    ("PUT", b"", {}, 405, "read-only"),
    ("DELETE", None, {}, 405, "read-only"),
    ("GET-accept", None, {"Accept": "image/png"}, 406, "Accept header allows none"),
    ("POST", b"SELECT * WHERE { ?s ?p ?o }", {"Content-Type": "text/plain"}, 415, "send the query as"),
    ("POST", b"SELECT * WHERE { ?s ?p ?o }", {"Content-Type": "application/x-www-form-urlencoded"}, 400, "no 'query'"),
    ("POST", b"update=DROP+ALL", {"Content-Type": "application/x-www-form-urlencoded"}, 403, "read-only"),
])
def test_status_codes(endpoint, method, body, headers, status, message):
    """(413, a body over 1 MiB refused unread, is asked over a raw socket in test_hardening_serve.py.)"""
    url = f"{endpoint}?query=" + urllib.parse.quote("SELECT * WHERE {" if method == "GET" else "SELECT * WHERE { ?s ?p ?o } LIMIT 1")
    got, answer_headers, answer = _request(url if method.startswith("GET") else endpoint, method.split("-")[0], body, headers)
    assert got == status and message in json.loads(answer)["error"]
    if status == 405:
        assert answer_headers["Allow"] == "GET, HEAD, POST"


def test_a_query_over_the_time_limit_is_a_503(built):
    state = ServerState(built.loaded.dataset, LIBRARY, Resolver(built.loaded.dataset), timeout=1)
    httpd = make_server(state, "127.0.0.1", 0)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        query = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
        status, _, body = _request(f"http://127.0.0.1:{httpd.server_address[1]}/sparql", "POST", query.encode(),
                                   {"Content-Type": "application/sparql-query"})
    finally:
        httpd.shutdown()
        httpd.server_close()
    assert status == 503 and "time limit" in json.loads(body)["error"]


def test_construct_as_jsonld_is_compacted_with_the_project_context(compiled, endpoint):
    query = PREFIX + "CONSTRUCT { ?n a dpv:PrivacyNotice } WHERE { ?n a dpv:PrivacyNotice }"
    status, headers, body = _request(f"{endpoint}?query=" + urllib.parse.quote(query), headers={"Accept": "application/ld+json"})
    document = json.loads(body)
    assert status == 200 and document["@context"]["dpv"] == "https://w3id.org/dpv#"
    assert {node["@id"].replace("sgid:", "https://w3id.org/sharinggraph/id/") for node in document["@graph"]} == \
        _local_notices(compiled)
