"""Export: the built graph in formats for other tools (RDF serialisations, the sharing network for
graph tools, an offline map), and the network report."""

from __future__ import annotations

from rdflib import Dataset

from .html import html
from .network import NetworkFilter, project
from .writers import cytoscape, dot, gexf, graphml, jsonld, statements_csv, trig

#: format name -> (writer, whether it writes the network projection rather than the dataset)
EXPORTERS = {
    "trig": (trig, False),
    "jsonld": (jsonld, False),
    "graphml": (graphml, True),
    "gexf": (gexf, True),
    "cytoscape": (cytoscape, True),
    "dot": (dot, True),
    "csv": (statements_csv, True),
    "html": (html, True),
}


def export_text(dataset: Dataset, fmt: str, only: NetworkFilter | None = None) -> str:
    """The export in format ``fmt`` (a key of EXPORTERS) as text."""
    if fmt == "html":  # the map reads more than the projection: every tier of each flow's links
        return html(dataset, only)
    writer, needs_network = EXPORTERS[fmt]
    if needs_network:
        return writer(project(dataset, only))
    return writer(dataset)
