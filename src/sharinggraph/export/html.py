"""An offline, self-contained HTML sharing map: cytoscape.js, the page's script and the map's data
inlined at export time, so the page makes no network request."""

from __future__ import annotations

import json
import re
from importlib import resources as package_resources

from rdflib import Dataset

from .. import resources
from ..errors import InputError
from .map_data import map_data
from .network import NetworkFilter

_LIBRARY = ("node_modules", "cytoscape", "dist", "cytoscape.min.js")
_IN_SCRIPT = re.compile("[<>&\u2028\u2029]")


def _library_text() -> str:
    path = resources.project_root().joinpath(*_LIBRARY)
    if not path.is_file():
        raise InputError(f"{path}: cytoscape.js is not installed (run `make run`, which runs `npm ci`)")
    return path.read_text(encoding="utf-8")


def _packaged(name: str) -> str:
    return package_resources.files("sharinggraph.export").joinpath(name).read_text(encoding="utf-8")


def html(dataset: Dataset, only: NetworkFilter | None = None) -> str:
    """The map page: no network access needed; nothing in the data can end or alter its script element.

    The JSON is embedded with ``<``, ``>``, ``&``, U+2028 and U+2029 as ``\\u`` escapes, which JSON
    reads back as the same characters: ``</script>`` or ``<!--<script`` in a label stays text. The
    page's script puts data into the page as text only, never as markup.

    :raises NoMatchingFlows: the filter matches no flow (exit code 1).
    """
    data = _IN_SCRIPT.sub(lambda m: f"\\u{ord(m.group()):04x}", json.dumps(map_data(dataset, only), ensure_ascii=False))
    parts = {
        "/*CYTOSCAPE*/": _library_text().replace("</script", "<\\/script"),
        "/*DATA*/": data,
        "/*MAP*/": _packaged("map.js"),
    }
    page = _packaged("map_template.html")
    pattern = re.compile("|".join(re.escape(marker) for marker in parts))
    return pattern.sub(lambda m: parts[m.group()], page, count=len(parts))
