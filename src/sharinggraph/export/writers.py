"""One writer per export format; every network format is written from the same projection."""

from __future__ import annotations

import csv
import io
import json
from collections import defaultdict

import networkx as nx
from rdflib import Dataset

#: Columns of the CSV export: one row per statement.
CSV_COLUMNS = ("id", "kind", "source", "source_label", "target", "target_label", "notice", "councils",
               "categories", "gateways", "conditions", "rule", "special", "criminal", "quote")


def graphml(network: nx.MultiDiGraph) -> str:
    """GraphML (networkx writer); edge ids are the flow IRIs."""
    return "\n".join(nx.generate_graphml(network, edge_id_from_attribute="id")) + "\n"


def gexf(network: nx.MultiDiGraph) -> str:
    """GEXF for Gephi (networkx writer); edge ids are the flow IRIs, so none collide."""
    return "\n".join(nx.generate_gexf(network)) + "\n"


def cytoscape(network: nx.MultiDiGraph) -> str:
    """cytoscape.js elements JSON (networkx's cytoscape_data), edge ids the flow IRIs."""
    data = nx.cytoscape_data(network)
    for edge in data["elements"]["edges"]:
        edge["data"]["id"] = edge["data"]["key"]
    return json.dumps(data, indent=1, ensure_ascii=False) + "\n"


def dot(network: nx.MultiDiGraph) -> str:
    """Graphviz DOT with parallel flows aggregated into one labelled edge (written by pydot)."""
    # DOT ids are n0, n1 ...: an IRI as an id would read as node:port; the IRI is kept in `URL`
    ids = {node: f"n{i}" for i, node in enumerate(sorted(network.nodes))}
    aggregated = nx.DiGraph(name="sharinggraph")
    for node, data in network.nodes(data=True):
        aggregated.add_node(ids[node], label=data["label"], tooltip=data["type"], URL=node)
    grouped = defaultdict(list)
    for source, target, data in network.edges(data=True):
        grouped[(ids[source], ids[target])].append(data)
    for (source, target), flows in grouped.items():
        kinds = sorted({f["kind"] for f in flows})
        aggregated.add_edge(source, target, label=f"{len(flows)} {'/'.join(kinds)}", penwidth=str(1 + min(len(flows), 8) / 2))
    return nx.nx_pydot.to_pydot(aggregated).to_string()


def statements_csv(network: nx.MultiDiGraph) -> str:
    """One row per statement (edge)."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for source, target, data in sorted(network.edges(data=True), key=lambda e: e[2]["id"]):
        writer.writerow({**{k: data.get(k, "") for k in CSV_COLUMNS}, "source": source, "target": target,
                         "source_label": network.nodes[source]["label"], "target_label": network.nodes[target]["label"]})
    return buffer.getvalue()


def trig(dataset: Dataset) -> str:
    """The whole dataset, named graphs kept."""
    return dataset.serialize(format="trig")


def jsonld(dataset: Dataset) -> str:
    """The whole dataset as JSON-LD (named graphs as @graph entries)."""
    return dataset.serialize(format="json-ld")


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
