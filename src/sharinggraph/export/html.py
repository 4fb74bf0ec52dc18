"""An offline, self-contained HTML sharing map: cytoscape.js and the network inlined at export time."""

from __future__ import annotations

import re
from importlib import resources as package_resources

import networkx as nx

from .. import resources
from ..errors import InputError
from .writers import cytoscape

_LIBRARY = ("node_modules", "cytoscape", "dist", "cytoscape.min.js")
_IN_SCRIPT = re.compile("[<>&\u2028\u2029]")


def _library_text() -> str:
    path = resources.project_root().joinpath(*_LIBRARY)
    if not path.is_file():
        raise InputError(f"{path}: cytoscape.js is not installed (run `make run`, which runs `npm ci`)")
    return path.read_text(encoding="utf-8")


def html(network: nx.MultiDiGraph) -> str:
    """The map page: no network access needed; nothing in the data can end or alter its script element.

    The JSON is embedded with ``<``, ``>``, ``&``, U+2028 and U+2029 as ``\\u`` escapes, which JSON
    reads back as the same characters: ``</script>`` or ``<!--<script`` in a label stays text.
    """
    template = package_resources.files("sharinggraph.export").joinpath("map_template.html").read_text(encoding="utf-8")
    data = _IN_SCRIPT.sub(lambda m: f"\\u{ord(m.group()):04x}", cytoscape(network))
    library = _library_text().replace("</script", "<\\/script")
    before, rest = template.split("/*CYTOSCAPE*/", 1)
    middle, after = rest.split("/*DATA*/", 1)
    return before + library + middle + data + after
