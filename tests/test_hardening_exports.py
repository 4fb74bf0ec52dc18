"""Exports stay valid for their readers whatever the labels hold (issue 10)."""

import csv
import io
import json
import re
import shutil
import subprocess
import warnings
import xml.dom.minidom

import networkx as nx
import pydot
import pyoxigraph as ox
import pytest
from rdflib import BNode, Dataset, Literal, URIRef

from conftest import ROOT, SOURCES, chromium_dom, copy_project, needs_sources
from sharinggraph.load.build import build_dataset
from sharinggraph.errors import SharingGraphWarning
from sharinggraph.export import export_text, rdf
from sharinggraph.export.network import project

pytestmark = needs_sources

SCRIPT = "Metropolitan <!--<script Police</script> \u2028Service & co"
QUOTED = '"Department for Work and Pensions"'
BACKSLASH = "Office for National Statistics \\"
CONTROL = "Pol\x01ice\x0b"
FORMULA = '=HYPERLINK("http://example.org","Housing")'
NEWLINE = 'line one\nends in a backslash and a quote \\"'
LABELS = {  # label in the vocabularies -> hostile label
    '"Metropolitan Police Service"@en': SCRIPT, '"Department for Work and Pensions"@en': QUOTED,
    '"Office for National Statistics"@en': BACKSLASH, '"Police"@en': CONTROL, '"Housing"@en': FORMULA,
}


def _turtle(text: str) -> str:
    return json.dumps(text) + "@en"  # a JSON string is a valid Turtle string for these


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    """The real graph with hostile labels on five organisations and a hostile literal."""
    monkeypatch = pytest.MonkeyPatch()
    project_dir = copy_project(tmp_path_factory.mktemp("hostile"), monkeypatch)
    for name in ("organisations", "recipient-types"):
        path = project_dir / "data" / "vocab" / f"{name}.ttl"
        text = path.read_text(encoding="utf-8")
        for old, new in LABELS.items():
            text = text.replace(f"skos:prefLabel {old}", f"skos:prefLabel {_turtle(new)}")
        path.write_text(text + f"\n<urn:x:hostile> <urn:x:note> {_turtle(NEWLINE)} .\n", encoding="utf-8")
    (project_dir / "node_modules").symlink_to(ROOT / "node_modules")  # cytoscape.js for the map
    yield build_dataset(project_dir, SOURCES).loaded.dataset
    monkeypatch.undo()


def test_the_map_data_cannot_end_or_alter_its_script(hostile, tmp_path):
    page = export_text(hostile, "html")
    data = page.split('<script type="application/json" id="data">', 1)[1].split("</script>", 1)[0]
    assert not re.search("[<>&\u2028\u2029]", data)
    labels = {body["label"] for body in json.loads(data)["bodies"]}
    assert SCRIPT in labels
    (tmp_path / "map.html").write_text(page, encoding="utf-8")
    body = chromium_dom(f"file://{tmp_path / 'map.html'}", tmp_path / "profile", offline=True)
    assert 'data-visible-flows="' in body and 'data-visible-flows="0"' not in body  # the map drew
    assert "Metropolitan &lt;!--&lt;script Police&lt;/script&gt;" in body  # the label is text in the page


def test_dot_labels_are_escaped_by_the_writer(hostile):
    text = export_text(hostile, "dot")
    network = project(hostile)
    graph = pydot.graph_from_dot_data(text)[0]
    assert len(graph.get_edges()) == len({(s, t) for s, t in network.edges()})
    labels = {node.get("label") for node in graph.get_nodes()}
    assert '"\\"Department for Work and Pensions\\""' in labels and '"Office for National Statistics \\\\"' in labels
    if shutil.which("dot"):
        plain = subprocess.run(["dot", "-Tplain"], input=text, capture_output=True, text=True, check=True).stdout
        assert sum(line.startswith("edge ") for line in plain.splitlines()) == len(graph.get_edges())


@pytest.mark.parametrize("fmt, reader", [("graphml", nx.parse_graphml), ("gexf", None)])
def test_xml_exports_drop_control_characters_with_a_warning(hostile, fmt, reader):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", SharingGraphWarning)
        text = export_text(hostile, fmt)
    ours = [str(w.message) for w in caught if w.category is SharingGraphWarning]
    assert len(ours) == 1 and re.fullmatch(rf"{fmt}: removed \d+ control characters that XML cannot hold", ours[0])
    assert not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f]", text)
    xml.dom.minidom.parseString(text.encode("utf-8"))
    graph = reader(text) if reader else nx.read_gexf(io.BytesIO(text.encode("utf-8")))
    labels = {data.get("label") for _, data in graph.nodes(data=True)}
    assert "Police" in labels and SCRIPT in labels


def test_csv_cells_cannot_start_a_formula(hostile):
    rows = list(csv.reader(io.StringIO(export_text(hostile, "csv"))))
    assert all(not cell.startswith(("=", "+", "-", "@", "\t", "\r")) for row in rows[1:] for cell in row)
    assert any(cell == "'" + FORMULA for row in rows for cell in row)


def test_every_rdf_output_is_read_by_a_strict_parser(hostile):
    """A literal with a newline ending in a backslash and a quote: Oxigraph refused rdflib's TriG."""
    count = sum(len(graph) for graph in hostile.graphs())
    for text, fmt in [(rdf.trig(hostile), ox.RdfFormat.TRIG), (rdf.jsonld(hostile), ox.RdfFormat.JSON_LD),
                      (export_text(hostile, "trig"), ox.RdfFormat.TRIG)]:
        quads = list(ox.parse(text, format=fmt))
        assert len(quads) == count
        assert any(q.object.value == NEWLINE for q in quads if isinstance(q.object, ox.Literal))
    graph = next(g for g in hostile.graphs() if (URIRef("urn:x:hostile"), None, None) in g)
    assert len(list(ox.parse(rdf.turtle(graph), format=ox.RdfFormat.TURTLE))) == len(graph)


def test_blank_nodes_that_cannot_be_nested_get_labels_from_their_content():
    dataset = Dataset()
    graph = dataset.graph(URIRef("urn:x:g"))
    shared, loop_a, loop_b = BNode(), BNode(), BNode()
    graph.add((URIRef("urn:x:a"), URIRef("urn:x:p"), shared))
    graph.add((URIRef("urn:x:b"), URIRef("urn:x:p"), shared))
    graph.add((shared, URIRef("urn:x:q"), Literal("v")))
    graph.add((loop_a, URIRef("urn:x:next"), loop_b))
    graph.add((loop_b, URIRef("urn:x:next"), loop_a))
    text = rdf.trig(dataset)
    assert len(set(re.findall(r"_:\w+", text))) == 3
    assert len(list(ox.parse(text, format=ox.RdfFormat.TRIG))) == 5
    assert len(list(ox.parse(rdf.jsonld(dataset), format=ox.RdfFormat.JSON_LD))) == 5


def test_alike_blank_nodes_of_two_graphs_stay_apart():
    dataset = Dataset()
    for name in ("urn:x:g1", "urn:x:g2"):
        shared = BNode()
        for subject in ("urn:x:a", "urn:x:b"):
            dataset.graph(URIRef(name)).add((URIRef(subject), URIRef("urn:x:p"), shared))
    for text, fmt in [(rdf.trig(dataset), ox.RdfFormat.TRIG), (rdf.jsonld(dataset), ox.RdfFormat.JSON_LD)]:
        assert len({q.object for q in ox.parse(text, format=fmt)}) == 2


def test_the_command_prints_the_warning_as_one_line(hostile, tmp_path, capsys):
    from sharinggraph.cli import main

    assert main(["export", "gexf", "-o", str(tmp_path / "map.gexf")]) == 0
    # one warning line (a status line saying the store is being rebuilt for the hostile data may precede it)
    warnings = [line for line in capsys.readouterr().err.splitlines() if line.startswith("sharinggraph:")]
    assert len(warnings) == 1 and warnings[0].startswith("sharinggraph: warning: gexf: removed ")
