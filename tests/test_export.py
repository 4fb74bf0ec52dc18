"""Exports re-import with one edge per statement and no id collisions; filters and bad input."""

from __future__ import annotations

import csv
import io
import json

import networkx as nx
import pydot
import pytest
from rdflib import Dataset
from rdflib.compare import isomorphic

from sharinggraph.cli import main
from sharinggraph.export import export_text
from sharinggraph.export.network import NetworkFilter, NoMatchingFlows, project
from sharinggraph.store.compiled import STORE_NAME, StoreView, read_stamp
from sharinggraph.store.folder import OUTPUT_NAME, write_output


@pytest.fixture(scope="module")
def network(built):
    return project(built.loaded.dataset)


def test_one_edge_per_statement(built, network):
    # every flow statement of every notice is one edge, keyed by its IRI
    assert network.number_of_edges() == built.summary.statements
    keys = [key for _, _, key in network.edges(keys=True)]
    assert len(set(keys)) == len(keys)


@pytest.mark.parametrize("fmt, reader", [("graphml", nx.parse_graphml), ("gexf", None)])
def test_network_xml_formats_reimport(built, network, fmt, reader, tmp_path):
    text = export_text(built.loaded.dataset, fmt)
    path = tmp_path / f"network.{fmt}"
    path.write_text(text, encoding="utf-8")
    graph = nx.read_graphml(path) if fmt == "graphml" else nx.read_gexf(path)
    assert graph.number_of_nodes() == network.number_of_nodes()
    assert graph.number_of_edges() == network.number_of_edges()
    ids = [data.get("id") for _, _, data in graph.edges(data=True)] if fmt == "gexf" else \
        [key for _, _, key in graph.edges(keys=True)]
    assert len(set(ids)) == len(ids) == network.number_of_edges()


def test_cytoscape_elements(built, network):
    data = json.loads(export_text(built.loaded.dataset, "cytoscape"))
    nodes, edges = data["elements"]["nodes"], data["elements"]["edges"]
    assert len(nodes) == network.number_of_nodes() and len(edges) == network.number_of_edges()
    node_ids = {n["data"]["id"] for n in nodes}
    assert all({"id", "source", "target"} <= set(e["data"]) for e in edges)
    assert all(e["data"]["source"] in node_ids and e["data"]["target"] in node_ids for e in edges)
    assert len({e["data"]["id"] for e in edges}) == len(edges)
    assert all(isinstance(e["data"]["categories"], str) for e in edges)  # lists flattened


def test_dot_aggregates_parallel_edges(built, network):
    graphs = pydot.graph_from_dot_data(export_text(built.loaded.dataset, "dot"))
    pairs = {(s, t) for s, t in network.edges()}
    assert len(graphs[0].get_edges()) == len(pairs) < network.number_of_edges()
    nodes = graphs[0].get_nodes() + [n for cluster in graphs[0].get_subgraphs() for n in cluster.get_nodes()]
    urls = {node.get("URL").strip('"') for node in nodes if node.get("URL")}
    assert urls == set(network.nodes)


def test_csv_has_a_row_per_statement(built, network):
    rows = list(csv.DictReader(io.StringIO(export_text(built.loaded.dataset, "csv"))))
    assert len(rows) == network.number_of_edges()
    # 000 holds police information (line 31) and names the police (line 56) but links them nowhere:
    # implied only, so the edge is not flagged; the MASH's request to the police states it (004 line 206)
    police = [r for r in rows if r["id"].endswith("waltham-forest/childrens-social-care/share-police")]
    assert police and police[0]["quote"].count("police") >= 1 and police[0]["criminal"] == "False"
    mash = [r for r in rows if r["id"].endswith("kensington-chelsea-westminster/mash/request-police")]
    assert mash and mash[0]["criminal"] == "True" and "Police information" in mash[0]["categories"]


@pytest.mark.parametrize("fmt", ["trig", "jsonld"])
def test_rdf_exports_are_isomorphic_to_the_dataset(built, fmt):
    reloaded = Dataset()
    reloaded.parse(data=export_text(built.loaded.dataset, fmt), format="trig" if fmt == "trig" else "json-ld")
    original = {g.identifier: g for g in built.loaded.dataset.graphs() if len(g)}
    copied = {g.identifier: g for g in reloaded.graphs() if len(g)}
    assert set(copied) == set(original)
    for name, graph in original.items():
        assert isomorphic(graph, copied[name]), name


def test_rdf_exports_from_the_compiled_store_are_those_of_the_built_dataset(built, tmp_path):
    """`export trig|jsonld` read the store's quads straight (no rdflib Dataset in between) and declare
    the prefixes the build bound: the TriG is byte for byte the one `build` wrote, the JSON-LD the
    one the built dataset gives."""
    write_output(built, tmp_path)
    view = StoreView(tmp_path / STORE_NAME, read_stamp(tmp_path / STORE_NAME))
    assert export_text(view, "trig") == (tmp_path / OUTPUT_NAME).read_text(encoding="utf-8")
    from_store = export_text(view, "jsonld")
    assert from_store == export_text(built.loaded.dataset, "jsonld")
    assert '"body": "https://w3id.org/sharinggraph/id/org/"' in from_store  # a notice file's own prefix, kept


def test_filters(built):
    dataset = built.loaded.dataset
    ww = project(dataset, NetworkFilter(notice=__import__("rdflib").URIRef(
        "https://w3id.org/sharinggraph/id/notice/wandsworth/childrens-social-care")))
    assert ww.number_of_edges() == 47  # 002: 42 sharing + 5 collection flows (tests/test_notice_counts.py)
    police = project(dataset, NetworkFilter(category="Police information"))
    assert police.number_of_edges() >= 1
    assert all("Police information" in d["categories"] for _, _, d in police.edges(data=True))
    with pytest.raises(NoMatchingFlows):
        project(dataset, NetworkFilter(category="no such category"))


def test_export_command_errors(tmp_path, capsys):
    assert main(["export", "csv", "--category", "no such category", "-o", str(tmp_path / "x.csv")]) == 1
    assert "no flow matches" in capsys.readouterr().err
    assert not (tmp_path / "x.csv").exists()
    assert main(["export", "png"]) == 2
    assert main(["export", "dot", "-o", str(tmp_path / "missing" / "x.dot")]) == 2
    assert capsys.readouterr().err.count("\n") == 2


def test_dot_render(tmp_path, capsys):
    import shutil

    target = tmp_path / "map.svg"
    code = main(["export", "dot", "--render", "svg", "-o", str(target)])
    if shutil.which("dot") is None:
        assert code == 2 and "Graphviz" in capsys.readouterr().err and not target.exists()
    else:
        assert code == 0 and target.read_text(encoding="utf-8").lstrip().startswith(("<?xml", "<svg"))
    assert main(["export", "csv", "--render", "svg", "-o", str(tmp_path / "x.svg")]) == 2
