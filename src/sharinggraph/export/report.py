"""Network analysis of the sharing network (networkx): who is reached, by whom, and onward chains."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass

import networkx as nx


@dataclass(frozen=True)
class NetworkReport:
    """The analyses `sharinggraph report network` prints."""

    ranking: list[dict]
    matrix: dict[str, dict[str, int]]
    chains: list[dict]
    sensitive: list[dict]


def _label(network: nx.MultiDiGraph, node: str) -> str:
    return network.nodes[node].get("label", node)


def analyse(network: nx.MultiDiGraph) -> NetworkReport:
    """Rank recipients, cross councils with recipient types, follow onward chains, list sensitive receivers."""
    shares = [(s, t, d) for s, t, d in network.edges(data=True) if d["kind"] == "share"]
    reach: dict[str, dict] = defaultdict(lambda: {"councils": set(), "statements": 0})
    matrix: dict[str, Counter] = defaultdict(Counter)
    for _, target, data in shares:
        councils = [c for c in data["councils"].split("; ") if c]
        reach[target]["councils"].update(councils)
        reach[target]["statements"] += 1
        for council in councils:
            matrix[_label(network, council) if council in network else council.rsplit("/", 1)[-1]][network.nodes[target]["type"]] += 1
    ranking = sorted(
        ({"recipient": _label(network, node), "councils": len(r["councils"]), "statements": r["statements"]}
         for node, r in reach.items()),
        key=lambda row: (-row["councils"], -row["statements"], row["recipient"]),
    )
    by_flow = {key: (s, t) for s, t, key in network.edges(keys=True)}
    chains = []
    for source, target, data in network.edges(data=True):
        for first in filter(None, data.get("onward_from", "").split("; ")):
            if first in by_flow:
                discloser, first_recipient = by_flow[first]
                chains.append({"discloser": _label(network, discloser), "first_recipient": _label(network, first_recipient),
                               "onward": data["kind"], "onward_party": _label(network, target if data["kind"] == "share" else source)})
    sensitive = sorted(
        ({"recipient": _label(network, t), "special": any(d["special"] for _, tt, d in shares if tt == t),
          "criminal": any(d["criminal"] for _, tt, d in shares if tt == t)}
         for t in {t for _, t, d in shares if d["special"] or d["criminal"]}),
        key=lambda row: row["recipient"],
    )
    return NetworkReport(ranking, {c: dict(v) for c, v in sorted(matrix.items())}, sorted(chains, key=lambda c: tuple(c.values())), sensitive)
