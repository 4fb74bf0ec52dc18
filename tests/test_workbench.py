"""The query workbench in headless Chromium (Playwright driving Debian's chromium), and the server
behaviour it relies on: request log, a query stopped when its client leaves, a clean stop on SIGTERM.

Expected answers come from the MASH notice (seed 004): lines 196 and 202-206 (the MASH holds and
asks for police information), 211 (s.10/s.11 Children Act 2004) and 212 (its risk assessment goes
to the three councils' front doors).
"""

from __future__ import annotations

import csv
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

import pytest
from conftest import ROOT, needs_sources
from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, SKOS

from sharinggraph.query.library import QueryLibrary
from sharinggraph.serve.workbench import EDITOR_BUNDLE

# the endpoint's fixture "server": the built graph served on a free loopback port
pytest_plugins = ["test_serve"]

HEADLINE = {"category": "police", "gateway": "s.11 Children Act 2004"}
# 004 lines 202-206 (the MASH asks the police) and 212 (the assessment goes to three front doors)
HEADLINE_RECEIVERS = {"Multi Agency Safeguarding Hub (MASH)", "Hammersmith and Fulham children's services front door",
                      "Kensington and Chelsea children's services front door", "Westminster children's services front door"}
SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
PREFIX_DPV = "PREFIX dpv: <https://w3id.org/dpv#>\n"


def _get(url: str, data: bytes | None = None):
    try:
        with urllib.request.urlopen(urllib.request.Request(url, data=data), timeout=60) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as exc:
        return exc.code, json.loads(exc.read())


@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api")
    binary = shutil.which("chromium")
    if binary is None:
        if os.environ.get("CI"):
            pytest.fail("chromium is not installed (.ci/run installs Debian chromium)")
        pytest.skip("chromium is not installed: apt-get install chromium")
    with sync_api.sync_playwright() as playwright:
        # a proxy on a closed port: any request off the loopback server fails
        chromium = playwright.chromium.launch(executable_path=binary, args=["--no-sandbox", "--disable-gpu",
                                                                            "--proxy-server=127.0.0.1:9"])
        yield chromium
        chromium.close()


@pytest.fixture
def workbench(browser, server):
    """A fresh page, the base address, and every address the page requested."""
    _, base = server
    context = browser.new_context(viewport={"width": 1600, "height": 1000}, accept_downloads=True)
    page = context.new_page()
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    yield page, base, requested
    context.close()


def _column(page, name: str) -> list[str]:
    """The texts of one result column, in the order shown."""
    index = page.locator("#result-table thead th").evaluate_all("(ths, name) => ths.findIndex(th => th.dataset.var === name)", name)
    return page.locator(f"#result-table tbody.result > tr:first-child > td:nth-child({index + 1})").all_inner_texts()


def _run_headline(page, base: str) -> None:
    page.goto(f"{base}/")
    page.fill("#search", "who may")
    page.click('#library button[data-id="who-may-receive"]')
    page.fill("#p-category", HEADLINE["category"])
    page.fill("#p-gateway", HEADLINE["gateway"])
    page.click("#run")
    page.wait_for_selector("#result-table tbody.result")


def test_headline_query_runs_from_the_page(workbench, server):
    page, base, _ = workbench
    _run_headline(page, base)
    status, api = _get(f"{base}/api/run?" + urllib.parse.urlencode({"id": "who-may-receive", **HEADLINE}))
    assert status == 200
    receivers = _column(page, "receiver")
    assert len(receivers) == len(api["results"]["bindings"])
    assert set(receivers) == HEADLINE_RECEIVERS
    # the police themselves receive nothing here: the notice says the police share with the MASH (202-206)
    assert "Metropolitan Police Service" not in receivers
    # compact rows: each quote on one line of its own, with its statement's line numbers; expandable
    first_quote = page.locator("tr.quote").first
    assert re.match(r"line \d+", first_quote.locator(".line").inner_text())
    assert first_quote.bounding_box()["height"] < 40
    first_quote.locator("button").click()
    assert first_quote.locator("button").get_attribute("aria-expanded") == "true"
    assert first_quote.bounding_box()["height"] > 40


def test_sort_and_filter(workbench):
    page, base, _ = workbench
    _run_headline(page, base)
    page.click('th[data-var="receiver"] button')
    ascending = _column(page, "receiver")
    assert ascending == sorted(ascending, key=str.casefold)
    assert page.get_attribute('th[data-var="receiver"]', "aria-sort") == "ascending"
    page.click('th[data-var="receiver"] button')
    assert _column(page, "receiver") == ascending[::-1]
    page.fill("#filter", "westminster children")
    kept = _column(page, "receiver")
    assert kept and set(kept) == {"Westminster children's services front door"}
    assert f"filtered from {len(ascending)}" in page.inner_text("#page-info")


def test_paging(workbench, built):
    page, base, _ = workbench
    text = "PREFIX skos: <http://www.w3.org/2004/02/skos/core#>\nSELECT DISTINCT ?concept WHERE { ?concept a skos:Concept }"
    total = len(set(built.loaded.dataset.subjects(RDF.type, SKOS.Concept)))
    assert total > 50
    page.goto(f"{base}/?" + urllib.parse.urlencode({"sparql": text}))
    page.wait_for_selector("#result-table tbody.result")
    assert page.inner_text("#page-info") == f"Rows 1–50 of {total}" and page.is_disabled("#previous")
    first = page.locator("#result-table a.iri").first.get_attribute("title")
    page.click("#next")
    assert page.inner_text("#page-info") == f"Rows 51–{min(100, total)} of {total}"
    assert page.locator("#result-table a.iri").first.get_attribute("title") != first


def _read_download(path, format: str) -> list[dict]:
    text = path.read_bytes().decode("utf-8")
    if format == "json":
        data = json.loads(text)
        return [{v: b[v]["value"] for v in data["head"]["vars"] if v in b} for b in data["results"]["bindings"]]
    if format == "tsv":  # tabs and newlines inside a value are written as \\t and \\n
        header, *lines = text.rstrip("\r\n").split("\r\n")
        return [dict(zip(header.split("\t"), line.split("\t"))) for line in lines]
    return list(csv.DictReader(text.splitlines()))


@pytest.mark.parametrize("format", ["csv", "tsv", "json"])
def test_download_holds_the_rows_shown(workbench, tmp_path, format):
    page, base, _ = workbench
    _run_headline(page, base)
    page.fill("#filter", "front door")
    with page.expect_download() as info:
        page.click(f'.downloads button[data-format="{format}"]')
    saved = tmp_path / f"rows.{format}"
    info.value.save_as(saved)
    assert info.value.suggested_filename == f"who-may-receive.{format}"
    rows = _read_download(saved, format)
    assert len(rows) == len(_column(page, "receiver")) == 6
    assert {row["receiver"] for row in rows} == HEADLINE_RECEIVERS - {"Multi Agency Safeguarding Hub (MASH)"}
    assert all(row["quote"] for row in rows)


def test_downloads_cannot_start_a_spreadsheet_formula(workbench):
    page, base, _ = workbench
    page.goto(f"{base}/")
    page.wait_for_selector("#library button")
    assert page.evaluate("['=1+1', '+1', '-1', '@SUM(A1)', 'plain', 'a,\"b\"'].map(csvCell)") == [
        "'=1+1", "'+1", "'-1", "'@SUM(A1)", "plain", '"a,""b"""']
    assert page.evaluate("text => tsvCell(text)", "=HYPERLINK(x)\tnext\nline") == "'=HYPERLINK(x)\\tnext\\nline"


def test_an_error_replaces_stale_results_and_is_announced(workbench):
    page, base, _ = workbench
    _run_headline(page, base)
    page.fill("#p-category", "polise")
    page.click("#run")
    error = page.locator("#error")
    error.wait_for(state="visible")
    assert error.get_attribute("role") == "alert" and error.get_attribute("aria-live") == "assertive"
    assert "unknown category 'polise'; closest: Police information" in error.inner_text()
    assert page.locator("#result-table").count() == 0 and page.locator("#results-area").is_hidden()
    assert page.get_attribute("#p-category", "aria-invalid") == "true"


def test_malformed_sparql_gives_its_position_and_no_traceback(workbench):
    page, base, _ = workbench
    page.goto(f"{base}/?" + urllib.parse.urlencode({"sparql": f"{PREFIX_DPV}SELECT ?n WHERE {{ ?n a dpv:PrivacyNotice }}"}))
    page.wait_for_selector("#result-table")
    page.goto(f"{base}/?" + urllib.parse.urlencode({"sparql": f"{PREFIX_DPV}SELECT ?n WHERE {{ ?n a }}"}))
    page.locator("#error").wait_for(state="visible")
    message = page.inner_text("#error")
    assert re.match(r"Line 2, column \d+: query does not parse", message) and "Traceback" not in message
    column = int(re.match(r"Line 2, column (\d+)", message).group(1))
    excerpt = page.inner_text("#error pre.excerpt").split("\n")
    assert excerpt[0] == "2 | SELECT ?n WHERE { ?n a }" and excerpt[1].index("^") == len("2 | ") + column - 1
    assert page.locator("#result-table").count() == 0


def test_the_url_reproduces_the_run(workbench):
    page, base, _ = workbench
    _run_headline(page, base)
    address = urllib.parse.urlsplit(page.url)
    given = dict(urllib.parse.parse_qsl(address.query))
    assert given["run"] == "who-may-receive" and {k: given[k] for k in HEADLINE} == HEADLINE
    shown = _column(page, "receiver")
    again = page.context.new_page()
    again.goto(page.url)
    again.wait_for_selector("#result-table tbody.result")
    assert _column(again, "receiver") == shown
    assert again.input_value("#p-gateway") == HEADLINE["gateway"]


def _labels(dataset, iri: URIRef) -> set[str]:
    return {str(o) for p in (SKOS.prefLabel, RDFS.label, DCTERMS.title, SKOS.altLabel)
            for o in dataset.objects(iri, p) if isinstance(o, Literal)}


def test_iris_show_labels_and_open_their_neighbourhood(workbench, built):
    page, base, requested = workbench
    page.goto(f"{base}/?" + urllib.parse.urlencode({"sparql": f"{PREFIX_DPV}SELECT ?notice WHERE {{ ?notice a dpv:PrivacyNotice }}"}))
    link = page.locator("#result-table a.iri").first
    link.wait_for()
    iri = URIRef(link.get_attribute("title"))
    dataset = built.loaded.dataset
    assert link.inner_text() in _labels(dataset, iri)
    link.click()
    dialog = page.locator("#entity")
    dialog.wait_for(state="visible")
    page.wait_for_selector("#entity-body table")
    assert page.inner_text("#entity-title") == link.inner_text()
    outgoing = {(p, o) for _, p, o, _ in dataset.quads((iri, None, None, None))}
    assert page.locator("#entity-body table").first.locator("tbody tr").count() == len(outgoing)
    page.keyboard.press("Escape")
    assert dialog.is_hidden()
    assert all(url.startswith(f"{base}/") for url in requested), [u for u in requested if not u.startswith(base)]


def test_the_page_makes_no_request_off_the_server(workbench):
    page, base, requested = workbench
    _run_headline(page, base)
    page.click("#sparql-box summary")
    page.click("#run-sparql")
    page.wait_for_timeout(500)
    assert requested and all(url.startswith(f"{base}/") for url in requested), [u for u in requested if not u.startswith(base)]


@pytest.mark.parametrize("viewport", [{"width": 1600, "height": 1000}, {"width": 1024, "height": 768}])
def test_keyboard_choice_keeps_the_form_in_view(workbench, viewport):
    page, base, _ = workbench
    page.set_viewport_size(viewport)
    page.goto(f"{base}/")
    page.wait_for_selector("#library button")
    last = page.locator("#library button").last
    last.focus()  # keyboard focus scrolls the library to its last query
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "query-title"
    assert page.inner_text("#query-title") == last.get_attribute("data-id")
    for selector in ("#query-title", "#run"):
        box = page.locator(selector).bounding_box()
        if selector == "#run" and not page.locator("#form").is_visible():
            continue
        assert 0 <= box["y"] and box["y"] + box["height"] <= viewport["height"], selector


def test_search_then_enter_chooses_the_first_match(workbench):
    page, base, _ = workbench
    page.goto(f"{base}/")
    page.wait_for_selector("#library button")
    page.focus("#search")
    page.keyboard.type("consent")
    shown = page.locator("#library button").evaluate_all("buttons => buttons.map(b => b.dataset.id)")
    library = QueryLibrary(ROOT / "queries").list()
    named = [q.id for q in library if "consent" in " ".join([q.id, q.summary, *q.tags, *q.params]).lower()]
    assert shown and sorted(shown) == sorted(named)
    page.keyboard.press("Enter")
    assert page.inner_text("#query-title") == shown[0]
    assert page.evaluate("document.activeElement.id") == "query-title"


def test_the_editor_highlights_sparql(workbench):
    if not ROOT.joinpath(*EDITOR_BUNDLE).is_file():
        pytest.skip("the editor bundle is not built: npm ci && npm run build (make does both)")
    page, base, _ = workbench
    page.goto(f"{base}/?query=who-may-receive")
    page.click("#sparql-box summary")
    page.wait_for_selector("#editor .cm-editor")
    keyword = page.locator("#editor .cm-line span", has_text=re.compile(r"^SELECT$")).first
    assert keyword.evaluate("node => getComputedStyle(node).color") != page.locator("#editor .cm-content").evaluate(
        "node => getComputedStyle(node).color")


def test_workbench_json_answers(server):
    _, base = server
    status, values = _get(f"{base}/api/values?kind=category")
    assert status == 200 and any(v["label"] == "Police information" for v in values)
    status, answer = _get(f"{base}/api/values?kind=nonsense")
    assert status == 400 and "no values for parameter type" in answer["error"]
    status, answer = _get(f"{base}/api/describe?iri=" + urllib.parse.quote("not an iri> { DROP ALL"))
    assert status == 400 and answer["error"].endswith("is not an IRI")
    status, answer = _get(f"{base}/api/labels", data=b"{not json")
    assert status == 400 and answer["error"] == "the request body is not JSON"


def test_requests_are_logged_on_stderr(server, capfd):
    _, base = server
    _get(f"{base}/api/queries")
    assert re.search(r'sharinggraph serve: 127\.0\.0\.1 "GET /api/queries HTTP/1\.1" 200 \d+ ms', capfd.readouterr().err)


def _wait_for(condition, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return False


_CLIENT = """
import socket, sys, time
client = socket.create_connection(("127.0.0.1", int(sys.argv[1])))
client.sendall(sys.argv[2].encode())
time.sleep(60)  # hangs up when it is ended
"""


def test_a_query_whose_client_left_is_stopped(server):
    state, base = server
    port = base.rsplit(":", 1)[1]
    request = f"GET /sparql?{urllib.parse.urlencode({'query': SLOW})} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n"
    # the client is another process, as a browser is: a socket of this process would be inherited by the forked worker
    client = subprocess.Popen([sys.executable, "-c", _CLIENT, port, request])
    try:
        assert _wait_for(lambda: state.workers.running == 1, 10)
        client.terminate()
        client.wait(5)
        started = time.monotonic()
        assert _wait_for(lambda: state.workers.running == 0, 5)
        assert time.monotonic() - started < 2  # ended at the next check, not at the 30 s limit
    finally:
        client.kill()


@needs_sources
def test_serve_stops_cleanly_on_sigterm():
    command = [sys.executable, "-m", "sharinggraph", "serve", "--port", "0"]
    server = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT,
                              env={**os.environ, "PYTHONPATH": str(ROOT / "src")})
    try:
        address = re.search(r"serving (http://\S+/) ", server.stdout.readline()).group(1)
        threading.Thread(target=_get, args=(f"{address}sparql?" + urllib.parse.urlencode({"query": SLOW}),), daemon=True).start()
        time.sleep(1)
        server.send_signal(signal.SIGTERM)
        assert server.wait(timeout=10) == 0
    finally:
        if server.poll() is None:
            server.kill()
    assert "Traceback" not in server.stderr.read()
