"""Issue 14 item 5: JSON-LD compacted with the project's @context, GraphML that igraph and networkx
read without warnings, GEXF with viz colour and size, DOT with a cluster per council drawn under
5,000 px wide, and query results as SPARQL TSV and XML from the command line."""

from __future__ import annotations

import io
import json
import re
import shutil
import subprocess
import warnings

import networkx as nx
import pytest
from rdflib.query import Result

from sharinggraph.cli import main
from sharinggraph.export import export_text
from sharinggraph.export.map_style import GROUP_STYLES, group_style
from sharinggraph.export.network import NetworkFilter, project
from sharinggraph.namespaces import PREFIXES

MET = "https://w3id.org/sharinggraph/id/org/metropolitan-police-service"
WESTMINSTER = "https://w3id.org/sharinggraph/id/org/westminster"
HEADLINE = ["query", "run", "who-may-receive", "-p", "category=police", "-p", "gateway=s.11 Children Act 2004"]


@pytest.fixture(scope="module")
def network(built):
    return project(built.loaded.dataset)


def test_jsonld_is_compacted_with_the_project_prefixes(built):
    document = json.loads(export_text(built.loaded.dataset, "jsonld"))
    assert {prefix: str(ns) for prefix, ns in PREFIXES.items()}.items() <= document["@context"].items()
    nodes = [node for graph in document["@graph"] for node in graph.get("@graph", [graph])]
    notices = [node for node in nodes if "dpv:PrivacyNotice" in node.get("@type", ())]
    # one title each, in English: a value object, not a list of one
    assert notices and all(node["dct:title"]["@language"] == "en" for node in notices)
    plain = [value for node in nodes for value in node.values() if isinstance(value, str)]
    assert any(not value.startswith(("sgid:", "_:")) for value in plain)  # plain literals as JSON strings
    assert not any(isinstance(value, list) and len(value) == 1 for node in nodes for value in node.values())


def test_graphml_reads_back_without_warnings(built, network, tmp_path):
    path = tmp_path / "network.graphml"
    path.write_text(export_text(built.loaded.dataset, "graphml"), encoding="utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        graph = nx.read_graphml(path)
    assert {key for *_, key in graph.edges(keys=True)} == {key for *_, key in network.edges(keys=True)}
    names = re.findall(r'<key id="[^"]+" for="(\w+)" attr.name="([^"]+)"', path.read_text(encoding="utf-8"))
    assert len(names) == len(set(names)) and ("edge", "id") not in names


def test_igraph_reads_the_graphml_without_warnings(built, network, tmp_path):
    igraph = pytest.importorskip("igraph", reason="python-igraph is not installed")
    path = tmp_path / "network.graphml"
    path.write_text(export_text(built.loaded.dataset, "graphml"), encoding="utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # igraph's "there is already an 'id' edge attribute" is a RuntimeWarning
        graph = igraph.Graph.Read_GraphML(str(path))
    assert graph.ecount() == network.number_of_edges() and graph.vcount() == network.number_of_nodes()


def test_gexf_nodes_have_the_maps_colour_by_group_and_size_by_flows(built, network, tmp_path):
    path = tmp_path / "network.gexf"
    path.write_text(export_text(built.loaded.dataset, "gexf"), encoding="utf-8")
    graph = nx.read_gexf(path)
    colours = {}
    for node, data in graph.nodes(data=True):
        colour = data["viz"]["color"]
        colours.setdefault(data["group"], set()).add("#%02x%02x%02x" % (colour["r"], colour["g"], colour["b"]))
    # one colour per group, the map's (map_style); the publishing councils and about a dozen kinds of body
    assert colours == {group: {group_style(group)["colour"]} for group in colours}
    assert "council" in colours and 8 <= len(colours) <= len(GROUP_STYLES) + 1
    assert graph.nodes[MET]["group"] == "police" and graph.nodes[WESTMINSTER]["group"] == "council"
    busiest = max(network.nodes, key=network.degree)
    quietest = min(network.nodes, key=network.degree)
    assert graph.nodes[busiest]["viz"]["size"] > graph.nodes[quietest]["viz"]["size"]


@pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz (Debian graphviz) is not installed")
def test_dot_nodes_have_the_maps_colour_and_a_shape_graphviz_knows(built, network):
    text = export_text(built.loaded.dataset, "dot")
    drawn = dict(re.findall(r'URL="([^"]+)", color="(#[0-9a-f]{6})", shape=\w+', text))
    assert drawn == {node: group_style(data["group"])["colour"] for node, data in network.nodes(data=True)}
    assert re.search(r'URL="%s", color="#[0-9a-f]{6}", shape=house' % re.escape(MET), text)
    # a key names each group drawn, in its colour and shape
    key = re.findall(r'legend_\w+ \[label="([^"]+)", color="(#[0-9a-f]{6})", shape=(\w+)\]', text)
    assert ("Police", group_style("police")["colour"], "house") in key  # party-groups.ttl's labels
    assert ("Courts, probation and youth justice", group_style("justice")["colour"], "invtrapezium") in key
    assert len(key) == len({data["group"] for _, data in network.nodes(data=True)})
    done = subprocess.run(["dot", "-Tsvg"], input=text, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0 and "Warning" not in done.stderr, done.stderr  # an unknown shape is a warning


def _svg_width_px(dot_text: str) -> float:
    svg = subprocess.run(["dot", "-Tsvg"], input=dot_text, capture_output=True, text=True, check=True, timeout=300).stdout
    return float(re.search(r'<svg width="([0-9.]+)pt"', svg).group(1)) * 4 / 3  # 1 pt = 4/3 px at 96 dpi


@pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz (Debian graphviz) is not installed")
def test_dot_draws_the_whole_network_under_5000_px_wide_with_a_cluster_per_council(built, network):
    text = export_text(built.loaded.dataset, "dot")
    assert _svg_width_px(text) < 5000
    councils = {data["council"] for _, data in network.nodes(data=True) if data["council"]}
    titles = set(re.findall(r'subgraph cluster_\d+ \{\n    label="([^"]+)"', text))
    # a council drawn only through its services is titled by its name (003: the bi-borough front doors)
    assert titles == {network.nodes[c]["label"] for c in councils if c in network} | {
        data["council_label"] for _, data in network.nodes(data=True) if data["council"] and data["council"] not in network}
    assert "London Borough of Hammersmith and Fulham" in titles


@pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz (Debian graphviz) is not installed")
def test_a_per_council_drawing_on_request(built, tmp_path, capsys):
    out = tmp_path / "westminster.svg"
    assert main(["export", "dot", "--council", "Westminster City Council", "--render", "svg", "-o", str(out)]) == 0
    whole = tmp_path / "all.svg"
    assert main(["export", "dot", "--render", "svg", "-o", str(whole)]) == 0
    drawing = out.read_text(encoding="utf-8")
    assert "Westminster City Council" in drawing and "Barking and Dagenham Adult Services" not in drawing
    assert drawing.count("<g id=\"node") < whole.read_text(encoding="utf-8").count("<g id=\"node")


@pytest.mark.parametrize("fmt", ["tsv", "xml"])
def test_query_results_as_tsv_and_xml_match_json(built, fmt, capsys):
    assert main([*HEADLINE, "--format", "json"]) == 0
    expected = json.loads(capsys.readouterr().out)
    assert main([*HEADLINE, "--format", fmt]) == 0
    parsed = Result.parse(io.StringIO(capsys.readouterr().out), format=fmt)
    rows = {tuple(str(row[v]) if row[v] is not None else None for v in expected["head"]["vars"]) for row in parsed}
    want = {tuple(b[v]["value"] if v in b else None for v in expected["head"]["vars"]) for b in expected["results"]["bindings"]}
    assert rows == want
    # 004 lines 202-206: the MASH may receive police data under s.11, cited exactly
    assert any("Multi Agency Safeguarding Hub (MASH)" in row for row in rows)
