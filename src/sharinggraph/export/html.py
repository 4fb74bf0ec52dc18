"""An offline, self-contained HTML sharing map: cytoscape.js and the network inlined at export time."""

from __future__ import annotations

from importlib import resources as package_resources

import networkx as nx

from .. import resources
from ..errors import InputError
from .writers import cytoscape

_LIBRARY = ("node_modules", "cytoscape", "dist", "cytoscape.min.js")


def _library_text() -> str:
    path = resources.project_root().joinpath(*_LIBRARY)
    if not path.is_file():
        raise InputError(f"{path}: cytoscape.js is not installed (run `make run`, which runs `npm ci`)")
    return path.read_text(encoding="utf-8")


def html(network: nx.MultiDiGraph) -> str:
    """The map page: no network access needed; '</' in data is escaped so it cannot close the script."""
    template = package_resources.files("sharinggraph.export").joinpath("map_template.html").read_text(encoding="utf-8")
    data = cytoscape(network).replace("</", "<\\/")
    library = _library_text().replace("</script", "<\\/script")
    return template.replace("/*CYTOSCAPE*/", library, 1).replace("/*DATA*/", data, 1)
