"""The offline HTML map (`export html`): its grouping, its contrast, and what the page shows in headless
Chromium on the real data: search, selection, filters, the table of flows, no network request."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from html import unescape

import pytest
from rdflib import Graph
from rdflib.namespace import SKOS

from conftest import CHROMIUM_FLAGS, ROOT, chromium_dom
from sharinggraph.cli import main
from sharinggraph.export import export_text
from sharinggraph.export.map_data import map_data
from sharinggraph.export.map_style import BACKGROUND, COUNCIL_STYLE, EDGE, GROUP_STYLES, HIGHLIGHT, LABEL, contrast
from sharinggraph.export.network import NetworkFilter, project
from sharinggraph.namespaces import PREFIXES

ID = "https://w3id.org/sharinggraph/id/"
MET = f"{ID}org/metropolitan-police-service"
MASH = f"{ID}org/bi-borough-mash"
WESTMINSTER, KENSINGTON = f"{ID}org/westminster", f"{ID}org/kensington-and-chelsea"
# Waltham Forest's Troubled Families notice (seed 003) holds "details of criminal offences" (line 9) and
# shares with the "Metropolitan Police Service" (lines 17-18) without linking the two: an implied link.
TF_MET = f"{ID}notice/waltham-forest/troubled-families/share-met-police"


# ---- the grouping and the look (no source texts needed) ----------------------------------------

def test_every_recipient_type_is_in_exactly_one_group():
    types = set(Graph().parse(ROOT / "data" / "vocab" / "recipient-types.ttl").subjects(SKOS.inScheme, None))
    groups = Graph().parse(ROOT / "data" / "vocab" / "party-groups.ttl")
    members = [member for member in groups.objects(None, SKOS.member)]
    assert types <= set(members) and len(members) == len(set(members))
    names = {str(group).rsplit("/", 1)[-1] for group in groups.subjects(SKOS.member, None)}
    assert 10 <= len(names) <= 14 and names == set(GROUP_STYLES)


def test_each_group_has_its_own_colour_and_shape():
    styles = [*GROUP_STYLES.values(), COUNCIL_STYLE]
    assert len({colour for colour, _, _, _ in styles}) == len(styles)
    assert len({shape for _, shape, _, _ in styles}) == len(styles)
    # the DOT drawing's shapes (Graphviz's nearest) stay apart too
    assert len({dot_shape for _, _, _, dot_shape in styles}) == len(styles)


def test_contrast_follows_wcag():
    assert contrast("#000000", "#ffffff") == pytest.approx(21)
    assert contrast("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)  # the WCAG 2 worked figure
    assert contrast("#ffffff", "#ffffff") == pytest.approx(1)


def test_marks_and_labels_keep_three_to_one_against_the_page():
    for colour in [*(style[0] for style in GROUP_STYLES.values()), COUNCIL_STYLE[0], EDGE, HIGHLIGHT]:
        assert contrast(colour, BACKGROUND) >= 3, colour
    assert contrast(LABEL, BACKGROUND) >= 4.5


# ---- the map's data ------------------------------------------------------------------------

@pytest.fixture(scope="module")
def data(built):
    return map_data(built.loaded.dataset)


@pytest.fixture(scope="module")
def network(built):
    return project(built.loaded.dataset)


def test_the_map_has_the_network_exports_flows(data, network):
    assert sorted(flow["id"] for flow in data["flows"]) == sorted(key for _, _, key in network.edges(keys=True))
    assert {body["id"] for body in data["bodies"]} == set(network.nodes)


def test_bodies_sit_in_their_council_or_group(data):
    homes = {body["id"]: body["home"] for body in data["bodies"]}
    assert homes[MASH] == WESTMINSTER  # organisations.ttl: the MASH is org:unitOf Westminster
    assert homes[MET] == f"{ID}party-group/police"
    assert homes[f"{ID}org/brent"] == f"{ID}party-group/local-government"  # not a publishing council
    assert all(home.startswith(f"{ID}party-group/") or home in {c["id"] for c in data["councils"]} for home in homes.values())


def test_links_keep_their_tier(data):
    flow = next(flow for flow in data["flows"] if flow["id"] == TF_MET)
    criminal = [rank for term, rank, _ in flow["links"] if data["terms"][term].get("criminal")]
    assert criminal and set(criminal) == {3}  # implied, never stated for this flow
    assert flow["lines"] == "17, 18" and "Metropolitan Police Service" in flow["quote"]


# ---- the page in Chromium ------------------------------------------------------------------

@pytest.fixture(scope="module")
def page(built, tmp_path_factory):
    path = tmp_path_factory.mktemp("map") / "map.html"
    path.write_text(export_text(built.loaded.dataset, "html"), encoding="utf-8")
    return path


def _dom(path, fragment: str, profile) -> str:
    """The page's DOM after its script ran, in a window the size of the main job's screenshots."""
    if shutil.which("chromium") is None:
        chromium_dom("about:blank", profile)  # skips (or fails in CI) as the suite's other browser tests do
    body = subprocess.run([shutil.which("chromium"), *CHROMIUM_FLAGS, f"--user-data-dir={profile}", "--proxy-server=127.0.0.1:9",
                           "--window-size=1600,1000", "--dump-dom", f"file://{path}#{fragment}"],
                          capture_output=True, text=True, timeout=120).stdout
    assert 'data-ready="yes"' in body, "the page's script did not finish"
    return body


def _attribute(body: str, name: str) -> str:
    return unescape(re.search(rf'<body[^>]* data-{name}="([^"]*)"', body).group(1))


def _ids(body: str, name: str) -> set[str]:
    return set(_attribute(body, name).split())


def _table_flows(body: str) -> set[str]:
    table = body.split('<table id="flows-table"', 1)[1].split("</table>", 1)[0]
    return set(re.findall(r'<tr data-flow="([^"]+)"', table))


def _expected(network, keep) -> set[str]:
    return {key for source, target, key, edge in network.edges(keys=True, data=True) if keep(source, target, edge)}


def test_overview_shows_every_flow_in_graph_and_table_with_no_overlapping_label(page, network, tmp_path):
    body = _dom(page, "", tmp_path / "a")
    everything = _expected(network, lambda *_: True)
    assert _ids(body, "graph-flows") == _table_flows(body) == everything
    assert _attribute(body, "label-overlaps") == "0"
    assert float(_attribute(body, "label-pixels")) >= 11  # readable at the default zoom
    assert _attribute(body, "expanded") == ""  # the overview: every box closed
    head = body.split('<table id="flows-table"', 1)[1].split("</thead>", 1)[0]
    assert '<th scope="col" aria-sort="ascending"><button type="button">From</button></th>' in head


def test_search_finds_the_mash(page, tmp_path):
    body = _dom(page, "search=mash", tmp_path / "b")
    results = body.split('<ul id="search-results"', 1)[1].split("</ul>", 1)[0]
    assert f'data-id="{MASH}">Multi Agency Safeguarding Hub (MASH)</button>' in results


def test_selecting_the_police_highlights_its_flows(page, network, tmp_path):
    body = _dom(page, f"select={MET}", tmp_path / "c")
    expected = _expected(network, lambda source, target, _: MET in (source, target))
    assert TF_MET in expected
    assert _ids(body, "highlighted-flows") == expected
    panel = body.split('<aside id="panel"', 1)[1].split("</aside>", 1)[0]
    assert set(re.findall(r'<article class="flow" data-flow="([^"]+)"', panel)) == expected
    assert "<blockquote class=\"quote\">Metropolitan Police Service</blockquote>" in panel
    assert _attribute(body, "expanded") == f"box:{ID}party-group/police"  # the body's box opened to show it
    group = _dom(page, f"select={ID}party-group/police", tmp_path / "d")
    police = _expected(network, lambda s, t, _: "Police" in (network.nodes[s]["type"], network.nodes[t]["type"]))
    assert _ids(group, "highlighted-flows") == police and expected < police


def test_selecting_one_flow_shows_its_words_and_lines(page, tmp_path):
    body = _dom(page, f"select={TF_MET}", tmp_path / "flow")
    assert _attribute(body, "selected") == TF_MET and _ids(body, "highlighted-flows") == {TF_MET}
    panel = body.split('<aside id="panel"', 1)[1].split("</aside>", 1)[0]
    assert '<blockquote class="quote">Metropolitan Police Service</blockquote>' in panel and "Source lines 17, 18" in panel
    # no category is stated for this flow; the notice's categories reach it only as implied links
    assert "Data: no category at this support (" in panel and 'implied links: choose "Any, including implied")' in panel


def test_filters_narrow_graph_and_table_alike(page, network, tmp_path):
    body = _dom(page, f"council={KENSINGTON}&category=criminal", tmp_path / "e")
    expected = _expected(network, lambda s, t, edge: KENSINGTON in edge["councils"].split("; ") and edge["criminal"])
    assert expected and _ids(body, "graph-flows") == _table_flows(body) == expected
    shares = _dom(page, "direction=share", tmp_path / "f")
    assert _ids(shares, "graph-flows") == _table_flows(shares) == _expected(network, lambda s, t, edge: edge["kind"] == "share")


def test_the_tier_filter_admits_implied_links_only_when_asked(page, tmp_path):
    default = _dom(page, "category=criminal", tmp_path / "g")
    implied = _dom(page, "category=criminal&tier=3", tmp_path / "h")
    assert TF_MET not in _ids(default, "graph-flows") and TF_MET in _ids(implied, "graph-flows")
    assert _ids(default, "graph-flows") < _ids(implied, "graph-flows") == _table_flows(implied)


def test_a_gateway_act_matches_its_sections(built, page, tmp_path):
    act = "http://www.legislation.gov.uk/id/ukpga/2004/31"  # Children Act 2004
    rows = built.loaded.dataset.query("""
        SELECT DISTINCT ?flow WHERE { ?link sg:ofFlow ?flow ; sg:linkProperty sg:hasGateway ; sg:linkValue ?gateway ;
          sg:support/sg:tierRank ?rank . ?gateway sg:withinProvision <http://www.legislation.gov.uk/id/ukpga/2004/31> .
          FILTER (?rank <= 2) }""", initNs=PREFIXES)
    expected = {str(row.flow) for row in rows}
    body = _dom(page, f"gateway=act:{act}", tmp_path / "i")
    assert expected and _ids(body, "graph-flows") == _table_flows(body) == expected
    section = _dom(page, f"gateway=exact:{act}/section/11", tmp_path / "j")
    assert _ids(section, "graph-flows") < expected


def test_a_council_export_shows_its_council(tmp_path):
    target = tmp_path / "westminster.html"
    assert main(["export", "html", "--council", "Westminster", "-o", str(target)]) == 0
    body = _dom(target, "", tmp_path / "k")
    assert _attribute(body, "council-shown") == "Westminster City Council"
    assert _attribute(body, "expanded") == f"box:{WESTMINSTER}"
    assert _attribute(body, "label-overlaps") == "0"
    assert _view_hint(body) == "Exported for Westminster City Council only"


def test_a_filtered_export_says_what_it_was_limited_to(tmp_path):
    # a map exported for one category or one notice says so in sight: read as the whole picture it would say
    # more than the notices do (a filter that matches no flow writes nothing: exit 1)
    target = tmp_path / "police.html"
    assert main(["export", "html", "--category", "<b>Police</b>", "-o", str(target)]) == 1
    assert not target.exists()
    assert main(["export", "html", "--category", "Police information", "-o", str(target)]) == 0
    assert _view_hint(_dom(target, "", tmp_path / "m")) == "Exported for flows whose data categories mention “Police information” only"
    target = tmp_path / "mash.html"
    assert main(["export", "html", "--notice", "kensington-chelsea-westminster/mash", "--category", "Police", "-o", str(target)]) == 0
    hint = _view_hint(_dom(target, "", tmp_path / "n"))
    assert hint.startswith("Exported for the notice “") and "MASH" in hint and hint.endswith("; flows whose data categories mention “Police” only")
    everything = tmp_path / "all.html"
    assert main(["export", "html", "-o", str(everything)]) == 0
    assert _view_hint(_dom(everything, "", tmp_path / "o")) == ""


def test_a_link_filter_that_names_nothing_is_not_applied_and_says_so(page, tmp_path):
    # a council or category not on the map would blank its menu and show every flow as if filtered
    whole = _dom(page, "", tmp_path / "p")
    body = _dom(page, "council=https://example.org/nowhere&category=nonsense&direction=share", tmp_path / "q")
    assert _view_hint(body) == "The link's council and category filter names nothing on this map: not applied"
    assert _ids(body, "graph-flows") < _ids(whole, "graph-flows")  # the direction it names is applied
    assert _attribute(body, "summary") and _attribute(body, "summary") != _attribute(whole, "summary")


def _view_hint(body: str) -> str:
    return unescape(re.search(r'<span class="hint" id="view-hint">([^<]*)</span>', body).group(1))


def _page_requests(url: str, profile) -> list[str]:
    """The addresses a page asked for, from Chromium's network log (the browser's own requests have no origin)."""
    log = profile / "net.json"
    subprocess.run([shutil.which("chromium"), *CHROMIUM_FLAGS, f"--user-data-dir={profile}", "--proxy-server=127.0.0.1:9",
                    f"--log-net-log={log}", "--dump-dom", url], capture_output=True, timeout=120)
    events = json.loads(log.read_text(encoding="utf-8"))["events"]
    return [event["params"]["url"] for event in events
            if "method" in event.get("params", {}) and event["params"].get("initiator") != "not an origin"]


def test_the_page_makes_no_network_request(page, tmp_path):
    if shutil.which("chromium") is None:
        pytest.skip("chromium is not installed: apt-get install chromium")
    control = tmp_path / "control.html"
    control.write_text('<img src="http://example.org/x.png">', encoding="utf-8")
    assert _page_requests(f"file://{control}", tmp_path / "control") == ["http://example.org/x.png"]  # the check can fail
    assert _page_requests(f"file://{page}#select={MET}", tmp_path / "map") == []
    text = page.read_text(encoding="utf-8")
    assert not re.search(r"<script[^>]+src=", text) and not re.search(r"<link[^>]+href=", text)


def test_the_map_works_from_the_keyboard(page, tmp_path):
    if shutil.which("chromium") is None:
        pytest.skip("chromium is not installed: apt-get install chromium")
    from devtools import Browser

    browser = Browser(tmp_path / "keys")
    try:
        browser.open(f"file://{page}")
        browser.wait_for("document.body && document.body.dataset.ready === 'yes'")
        browser.evaluate("document.getElementById('search').focus()")
        browser.type("mash")
        browser.press("Enter")  # selects the first match
        assert browser.evaluate("document.body.dataset.selected") == MASH
        browser.press("Tab")
        assert browser.evaluate("document.activeElement.dataset.id") == MASH  # the matches are buttons
        browser.evaluate("[...document.querySelectorAll('#legend button')].find(b => b.textContent.startsWith('Police (')).focus()")
        browser.press("Enter")
        assert browser.evaluate("document.body.dataset.selected") == f"box:{ID}party-group/police"
        browser.evaluate("document.querySelector('#panel button').focus()")
        browser.press("Enter")  # "Open this box"
        # the MASH's box (Westminster) opened to show it; now the police box too
        assert browser.evaluate("document.body.dataset.expanded").split() == [f"box:{WESTMINSTER}", f"box:{ID}party-group/police"]
        browser.evaluate("document.getElementById('tab-map').focus()")
        browser.press("ArrowRight")
        assert browser.evaluate("document.body.dataset.view + ' ' + document.activeElement.id") == "table tab-table"
        browser.evaluate("[...document.querySelectorAll('#flows-table th button')].find(b => b.textContent === 'To').focus()")
        browser.press("Enter")
        browser.press("Enter")  # twice: Z to A
        to_column = "[...document.querySelectorAll('#flows-table th')].find(th => th.textContent === 'To')"
        assert browser.evaluate(f"{to_column}.getAttribute('aria-sort')") == "descending"
        assert browser.evaluate("""(() => { const to = [...document.querySelectorAll('#flows-table tbody tr')].map(r => r.cells[1].textContent);
            return to.length > 100 && to.every((name, i) => i === 0 || to[i - 1].localeCompare(name) >= 0); })()""")
    finally:
        browser.close()
