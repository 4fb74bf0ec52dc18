"""One writer per export format; every network format is written from the same projection."""

from __future__ import annotations

import csv
import io
import json
import re
import warnings
from collections import defaultdict

import networkx as nx
from rdflib import Dataset

from ..errors import SharingGraphWarning
from ..spreadsheet import csv_cell
from . import drawing, rdf
from .map_style import group_order, group_style

#: Columns of the CSV export: one row per statement.
CSV_COLUMNS = ("id", "kind", "source", "source_label", "target", "target_label", "notice", "councils",
               "categories", "gateways", "conditions", "rule", "special", "criminal", "quote")
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_GEXF_DATE = re.compile(r' lastmodifieddate="[^"]*"')


def _xml_safe(network: nx.MultiDiGraph, fmt: str) -> nx.MultiDiGraph:
    """A copy of the network without the characters XML 1.0 cannot hold; a warning says how many."""
    removed = 0

    def clean(value):
        nonlocal removed
        if not isinstance(value, str):
            return value
        value, count = _NOT_XML.subn("", value)
        removed += count
        return value

    copy = nx.MultiDiGraph(name=network.graph.get("name"))
    for node, data in network.nodes(data=True):
        copy.add_node(clean(node), **{k: clean(v) for k, v in data.items()})
    for source, target, key, data in network.edges(keys=True, data=True):
        copy.add_edge(clean(source), clean(target), key=clean(key), **{k: clean(v) for k, v in data.items()})
    if removed:
        warnings.warn(SharingGraphWarning(f"{fmt}: removed {removed} control characters that XML cannot hold"), stacklevel=3)
    return copy


def graphml(network: nx.MultiDiGraph) -> str:
    """GraphML (networkx writer); each edge's id is its flow IRI, written once: as the edge's id, not
    also as an ``id`` attribute, which igraph would read as a duplicate of it."""
    copy = _xml_safe(network, "graphml")
    for *_, data in copy.edges(keys=True, data=True):
        del data["id"]
    return "\n".join(nx.generate_graphml(copy)) + "\n"


def gexf(network: nx.MultiDiGraph) -> str:
    """GEXF for Gephi (networkx writer), each node with a ``viz`` colour (its group's, as on the map) and
    size (by its flows) and its ``group`` attribute; edge ids are the flow IRIs, so none collide; no date,
    so runs agree."""
    copy = _xml_safe(network, "gexf")
    for node, data in copy.nodes(data=True):
        red, green, blue = drawing.rgb(drawing.node_style(copy, node)["colour"])
        data["viz"] = {"color": {"r": red, "g": green, "b": blue, "a": 1.0}, "size": drawing.node_size(copy, node)}
    text = "\n".join(nx.generate_gexf(copy)) + "\n"
    return _GEXF_DATE.sub("", text, count=1)


def cytoscape(network: nx.MultiDiGraph) -> str:
    """cytoscape.js elements JSON (networkx's cytoscape_data), edge ids the flow IRIs."""
    data = nx.cytoscape_data(network)
    for edge in data["elements"]["edges"]:
        edge["data"]["id"] = edge["data"]["key"]
    return json.dumps(data, indent=1, ensure_ascii=False) + "\n"


def dot(network: nx.MultiDiGraph) -> str:
    """Graphviz DOT: a cluster per council, parallel flows aggregated into one labelled edge, each
    node coloured and shaped by its group as on the map, laid out left to right (``drawing.DOT_GRAPH``)."""
    # DOT ids are n0, n1 ...: an IRI as an id would read as node:port; the IRI is kept in `URL`
    number = {node: i for i, node in enumerate(sorted(network.nodes))}
    lines = ["digraph sharinggraph {", f"  graph [{drawing.DOT_GRAPH}];",
             '  node [style="rounded,filled", fontname="Helvetica", fontsize=10, fillcolor=white, penwidth=2];',
             '  edge [fontname="Helvetica", fontsize=9];']
    for index, (council, nodes) in enumerate(sorted(drawing.clusters(network).items(), key=lambda c: c[0] or "~")):
        indent = "    " if council else "  "
        if council:
            title = network.nodes[council]["label"] if council in network else network.nodes[nodes[0]]["council_label"]
            lines += [f"  subgraph cluster_{index} {{", f"    label={drawing.dot_id(title)}; style=rounded; color=grey60;"]
        for node in nodes:
            data, style = network.nodes[node], drawing.node_style(network, node)
            lines.append(f"{indent}n{number[node]} [label={drawing.dot_id(data['label'])}, tooltip={drawing.dot_id(data['type'])}, "
                         f"URL={drawing.dot_id(node)}, color={drawing.dot_id(style['colour'])}, "
                         f"shape={style['dotShape']}];")
        if council:
            lines.append("  }")
    lines += _dot_legend(network)
    grouped = defaultdict(list)
    for source, target, data in network.edges(data=True):
        grouped[(number[source], number[target])].append(data)
    for (source, target), flows in sorted(grouped.items()):
        label = f"{len(flows)} {'/'.join(sorted({f['kind'] for f in flows}))}"
        lines.append(f"  n{source} -> n{target} [label={drawing.dot_id(label)}, penwidth={1 + min(len(flows), 8) / 2}];")
    return "\n".join([*lines, "}"]) + "\n"


def _dot_legend(network: nx.MultiDiGraph) -> list[str]:
    """A boxed key of the groups drawn: each group's colour and shape beside its name."""
    lines = ["  subgraph cluster_legend {", '    label="Key"; style=rounded; color=grey60;']
    drawn = {data["group"]: data["group_label"] for _, data in network.nodes(data=True)}
    for group in sorted(drawn, key=group_order):
        style = group_style(group)
        lines.append(f"    legend_{group.replace('-', '_')} [label={drawing.dot_id(drawn[group])}, "
                     f"color={drawing.dot_id(style['colour'])}, shape={style['dotShape']}];")
    return [*lines, "  }"]


def statements_csv(network: nx.MultiDiGraph) -> str:
    """One row per statement (edge); no cell can start a spreadsheet formula."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for source, target, data in sorted(network.edges(data=True), key=lambda e: e[2]["id"]):
        row = {**{k: data.get(k, "") for k in CSV_COLUMNS}, "source": source, "target": target,
               "source_label": network.nodes[source]["label"], "target_label": network.nodes[target]["label"]}
        writer.writerow({k: csv_cell(v) for k, v in row.items()})
    return buffer.getvalue()


def trig(dataset: Dataset) -> str:
    """The whole dataset, named graphs kept (sorted; the same bytes every run)."""
    return rdf.trig(dataset)


def jsonld(dataset: Dataset) -> str:
    """The whole dataset as JSON-LD (named graphs as @graph entries; sorted)."""
    return rdf.jsonld(dataset)


def render_dot(dot_text: str, image_format: str) -> bytes:
    """Render DOT with Graphviz's ``dot`` program (``svg`` or ``png``).

    :raises InputError: Graphviz is not installed, or fails.
    """
    import shutil
    import subprocess

    from ..errors import InputError

    program = shutil.which("dot")
    if program is None:
        raise InputError("--render needs Graphviz's dot program (Debian package graphviz), which is not installed")
    done = subprocess.run([program, f"-T{image_format}"], input=dot_text.encode("utf-8"), capture_output=True, timeout=300)
    if done.returncode != 0:
        raise InputError(f"Graphviz failed: {done.stderr.decode('utf-8', 'replace').strip()[:300]}")
    return done.stdout
