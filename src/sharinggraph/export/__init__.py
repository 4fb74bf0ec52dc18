"""Exports of the built graph: RDF serialisations and the sharing network for graph tools."""

from __future__ import annotations

from rdflib import Dataset

from .network import NetworkFilter, project
from .writers import EXPORTERS


def export_text(dataset: Dataset, fmt: str, only: NetworkFilter | None = None) -> str:
    """The export in format ``fmt`` (a key of EXPORTERS) as text."""
    writer, needs_network, _ = EXPORTERS[fmt]
    return writer(project(dataset, only)) if needs_network else writer(dataset)
