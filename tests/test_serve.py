"""The local endpoint and query page: read-only, loopback, time-limited, and working in Chromium."""

from __future__ import annotations

import json
import threading
import urllib.error
import urllib.parse
import urllib.request

import pytest

from conftest import ROOT, chromium_dom
from sharinggraph.query.library import QueryLibrary
from sharinggraph.query.resolve import Resolver
from sharinggraph.serve.server import ServerState, make_server



@pytest.fixture(scope="module")
def server(built):
    dataset = built.loaded.dataset
    state = ServerState(dataset, QueryLibrary(ROOT / "queries"), Resolver(dataset), timeout=20)
    httpd = make_server(state, "127.0.0.1", 0)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield state, f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def _get(url: str):
    try:
        with urllib.request.urlopen(url, timeout=60) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as exc:
        return exc.code, json.loads(exc.read())


def _post(url: str, data: dict):
    request = urllib.request.Request(url, data=urllib.parse.urlencode(data).encode(), method="POST")
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as exc:
        return exc.code, json.loads(exc.read())


def test_binds_loopback_only(server):
    _, base = server
    assert base.startswith("http://127.0.0.1:")


def test_sparql_endpoint_answers_queries(server):
    _, base = server
    status, data = _post(f"{base}/sparql", {"query": "ASK { ?n a <https://w3id.org/dpv#PrivacyNotice> }"})
    assert status == 200 and data["boolean"] is True


@pytest.mark.parametrize("data, status, message", [
    ({"update": "DROP ALL"}, 403, "read-only"),
    ({"query": "DROP ALL"}, 400, "does not parse"),
    ({"query": "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }"}, 400, "SERVICE is not allowed"),
    ({"query": "SELECT * FROM <file:///etc/passwd> WHERE { ?s ?p ?o }"}, 400, "FROM and FROM NAMED are not allowed"),
])
def test_writes_and_outside_reach_are_refused(server, data, status, message):
    _, base = server
    answer_status, answer = _post(f"{base}/sparql", data)
    assert answer_status == status and message in answer["error"]


def test_a_slow_query_is_stopped(server):
    state, base = server
    state.timeout = 1
    try:
        status, data = _post(f"{base}/sparql", {"query": "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"})
    finally:
        state.timeout = 20
    assert status == 503 and "time limit" in data["error"]


def test_library_runs_with_bound_parameters(server):
    _, base = server
    status, data = _get(f"{base}/api/run?" + urllib.parse.urlencode(
        {"id": "who-may-receive", "category": "police", "gateway": "s.11 Children Act 2004"}))
    assert status == 200
    exact = [b for b in data["results"]["bindings"] if b["gatewayMatch"]["value"] == "exact"]
    # 004 lines 202-206 (the MASH asks the police) and 212 (the risk assessment goes to three front doors)
    assert {b["receiver"]["value"] for b in exact} == {
        "Multi Agency Safeguarding Hub (MASH)", "Hammersmith and Fulham children's services front door",
        "Kensington and Chelsea children's services front door", "Westminster children's services front door"}


def test_bad_parameter_is_a_400(server):
    _, base = server
    status, data = _get(f"{base}/api/run?" + urllib.parse.urlencode({"id": "who-may-receive", "category": 'x" } ; DROP ALL'}))
    assert status == 400 and "error" in data


def test_page_uses_no_network_resources():
    for asset in sorted((ROOT / "src" / "sharinggraph" / "serve" / "assets").iterdir()):
        page = asset.read_text(encoding="utf-8")
        assert "http://" not in page and "https://" not in page and "//cdn" not in page, asset.name


def _chromium_dom(url: str, tmp_path) -> str:
    return chromium_dom(url, tmp_path)


def test_query_page_lists_the_library_in_chromium(server, tmp_path):
    _, base = server
    dom = _chromium_dom(f"{base}/", tmp_path)
    for spec in QueryLibrary(ROOT / "queries").list():
        assert f'data-id="{spec.id}"' in dom


def test_query_page_shows_a_result_in_chromium(server, tmp_path):
    _, base = server
    query = urllib.parse.urlencode({"run": "who-may-receive", "category": "police", "gateway": "s.11 Children Act 2004"})
    dom = _chromium_dom(f"{base}/?{query}", tmp_path)
    assert 'id="result-table"' in dom
    assert "Multi Agency Safeguarding Hub (MASH)" in dom
