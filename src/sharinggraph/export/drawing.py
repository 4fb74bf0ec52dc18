"""How the network is drawn in the formats that carry a drawing: a colour and a size for each node
(GEXF's ``viz``), and DOT with a cluster per council laid out left to right. A node takes its group's
colour and shape from the map's table (``map_style``): the councils, then about a dozen kinds of body."""

from __future__ import annotations

import math
import re
from collections import defaultdict

import networkx as nx

from .map_style import group_style

#: graph attributes of the whole-network DOT: left to right, so the width grows with the flow chains
#: (a handful of ranks), not with the number of organisations; ``size`` caps the drawing at 50 inches (4,800 px at 96 dpi)
DOT_GRAPH = 'rankdir=LR, ranksep=0.6, nodesep=0.08, newrank=true, size="50,50", fontname="Helvetica"'


def node_style(network: nx.MultiDiGraph, node: str) -> dict[str, str]:
    """A node's colour and shapes: its group's, as the map draws it (``map_style``)."""
    return group_style(network.nodes[node]["group"])


def node_size(network: nx.MultiDiGraph, node: str) -> float:
    """A node's size: grows with the square root of its flows (in and out)."""
    return round(4 + 3 * math.sqrt(network.degree(node)), 2)


def rgb(colour: str) -> tuple[int, int, int]:
    """``#RRGGBB`` as three integers."""
    return tuple(int(colour[i:i + 2], 16) for i in (1, 3, 5))


def clusters(network: nx.MultiDiGraph) -> dict[str | None, list[str]]:
    """Nodes grouped by council, a council with its services (None: organisations of no council),
    each group in IRI order."""
    councils = {data["council"] for _, data in network.nodes(data=True) if data.get("council")}
    grouped = defaultdict(list)
    for node in sorted(network.nodes):
        grouped[network.nodes[node].get("council") or (node if node in councils else None)].append(node)
    return dict(grouped)


def dot_id(text: str) -> str:
    """A string DOT reads as one quoted id: backslashes and quotes escaped, line breaks as ``\\n``."""
    text = text.replace("\\", "\\\\").replace('"', '\\"')
    return '"' + re.sub(r"\r\n?|\n", r"\\n", text) + '"'
