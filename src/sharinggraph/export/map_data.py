"""What the HTML map reads: the sharing network's flows and bodies, each body placed under its council
or its kind of body (data/vocab/party-groups.ttl), and each flow's categories and gateways with their
support tier, notice, quote and source lines."""

from __future__ import annotations

import networkx as nx
from rdflib import Dataset

from ..namespaces import PREFIXES, SGID
from .map_style import group_order, style_table
from .network import LIST_SEPARATOR, NetworkFilter, project

_GROUPS = """
SELECT ?group ?label ?definition ?member WHERE {
  ?group a skos:Collection ; skos:prefLabel ?label ; skos:definition ?definition ; skos:member ?member .
  FILTER STRSTARTS(STR(?group), "https://w3id.org/sharinggraph/id/party-group/")
}
"""

_PUBLISHERS = """
SELECT DISTINCT ?council ?label WHERE { ?notice a dpv:PrivacyNotice ; dct:publisher ?council . ?council skos:prefLabel ?label }
"""

# every tier: the page filters by tier itself (default: stated and notice-wide)
_LINKS = """
SELECT ?flow ?property ?value ?label ?rank ?lines WHERE {
  VALUES ?property { dpv:hasPersonalData sg:hasGateway }
  ?link sg:ofFlow ?flow ; sg:linkProperty ?property ; sg:linkValue ?value ; sg:support ?tier .
  ?tier sg:tierRank ?rank .
  ?value skos:prefLabel ?label .
  OPTIONAL { ?link sg:evidenceLines ?lines }
}
"""

_WITHIN = """
SELECT ?value ?within WHERE {
  VALUES ?within { dpv:SpecialCategoryPersonalData pd:Criminal }
  ?value sg:withinConcept ?within .
}
"""

_INSTRUMENTS = "SELECT ?value ?instrument ?label WHERE { ?value sg:ofInstrument ?instrument . ?instrument skos:prefLabel ?label }"

_FLOW_TEXT = """
SELECT ?flow ?title ?quote ?lines WHERE {
  ?notice a dpv:PrivacyNotice ; dpv:hasProcess ?flow ; dct:title ?title .
  OPTIONAL { ?flow sg:quoteText ?quote }
  OPTIONAL { ?flow sg:evidenceLines ?lines }
}
"""

_SPECIAL, _CRIMINAL = str(PREFIXES["dpv"]["SpecialCategoryPersonalData"]), str(PREFIXES["pd"]["Criminal"])


def _first_by_key(rows, key: str, value) -> dict:
    """``{row[key]: value(row)}`` keeping the smallest value per key, so every export is the same."""
    found: dict = {}
    for row in rows:
        item = value(row)
        name = str(row[key])
        found[name] = min(found.get(name, item), item)
    return found


def _groups(dataset: Dataset) -> list[dict]:
    """The groups in the overview's order."""
    styles = style_table()["groups"]
    groups: dict[str, dict] = {}
    for row in dataset.query(_GROUPS, initNs=PREFIXES):
        name = str(row.group).rsplit("/", 1)[-1]
        groups[name] = {"id": str(row.group), "key": name, "label": str(row.label), "definition": str(row.definition),
                        **styles.get(name, {})}
    return sorted(groups.values(), key=lambda g: group_order(g["key"]))


def _terms(dataset: Dataset) -> tuple[dict[str, set[str]], dict[str, tuple[str, str]]]:
    """Which categories are special or criminal, and the instrument (IRI, label) of each provision."""
    within: dict[str, set[str]] = {}
    for row in dataset.query(_WITHIN, initNs=PREFIXES):
        within.setdefault(str(row.value), set()).add(str(row.within))
    instruments = _first_by_key(dataset.query(_INSTRUMENTS, initNs=PREFIXES), "value",
                                lambda row: (str(row.instrument), str(row.label)))
    return within, instruments


def _links(dataset: Dataset, flows: set[str]) -> tuple[list[dict], dict[str, list[list]]]:
    """The categories and gateways as a term table, and each flow's links as [term, tier rank, lines]."""
    within, instruments = _terms(dataset)
    index: dict[str, int] = {}
    terms: list[dict] = []
    links: dict[str, dict[tuple[int, int], str]] = {}
    for row in sorted(dataset.query(_LINKS, initNs=PREFIXES), key=lambda r: (str(r.flow), str(r.value), str(r.label))):
        if str(row.flow) not in flows:
            continue
        value = str(row.value)
        if value not in index:
            index[value] = len(terms)
            term = {"id": value, "label": str(row.label)}
            if row.property == PREFIXES["dpv"]["hasPersonalData"]:
                term.update(kind="category", special=_SPECIAL in within.get(value, ()), criminal=_CRIMINAL in within.get(value, ()))
            else:
                instrument, instrument_label = instruments.get(value, (value, str(row.label)))
                term.update(kind="gateway", instrument=instrument, instrumentLabel=instrument_label, exact=instrument != value)
            terms.append(term)
        key = (index[value], int(row.rank))
        lines = links.setdefault(str(row.flow), {})
        lines[key] = min(lines.get(key, str(row.lines or "")), str(row.lines or ""))
    return terms, {flow: [[term, rank, lines] for (term, rank), lines in sorted(found.items())] for flow, found in links.items()}


def _bodies(network: nx.MultiDiGraph, councils: dict[str, str]) -> list[dict]:
    """Each body of the network with its home: its publishing council, else its group of kinds."""
    bodies = []
    for node, data in sorted(network.nodes(data=True)):
        council = node if node in councils else data.get("council") if data.get("council") in councils else None
        bodies.append({"id": node, "label": data["label"], "type": data["type"],
                       "home": council or str(SGID["party-group/" + data["group"]]), "council": council is not None})
    return bodies


def _exported_for(only: NetworkFilter | None, publishers: dict[str, str], flows: list[dict]) -> str | None:
    """What an export was limited to, in words the page shows (None for the whole network): a filtered
    map read as the whole picture would say more than the notices do."""
    if only is None:
        return None
    parts = []
    if only.council is not None:
        parts.append(publishers.get(str(only.council), str(only.council)))
    if only.notice is not None:
        title = next((flow["noticeTitle"] for flow in flows if flow["notice"] == str(only.notice) and flow["noticeTitle"]), str(only.notice))
        parts.append(f"the notice “{title}”")
    if only.category:
        parts.append(f"flows whose data categories mention “{only.category}”")
    return f"Exported for {'; '.join(parts)} only" if parts else None


def map_data(dataset: Dataset, only: NetworkFilter | None = None) -> dict:
    """The map's data: the same flows as the network exports, with every tier of their links kept apart."""
    network = project(dataset, only)
    publishers = _first_by_key(dataset.query(_PUBLISHERS, initNs=PREFIXES), "council", lambda row: str(row.label))
    groups = _groups(dataset)
    flow_ids = {key for _, _, key in network.edges(keys=True)}
    terms, links = _links(dataset, flow_ids)
    texts = _first_by_key(dataset.query(_FLOW_TEXT, initNs=PREFIXES), "flow",
                          lambda row: (str(row.title), str(row.quote or ""), str(row.lines or "")))
    flows = []
    for source, target, key, data in sorted(network.edges(keys=True, data=True), key=lambda edge: edge[2]):
        title, quote, lines = texts.get(key, ("", data["quote"], ""))
        flows.append({
            "id": key, "source": source, "target": target, "kind": data["kind"], "notice": data["notice"],
            "noticeTitle": title, "councils": data["councils"].split(LIST_SEPARATOR), "rule": data["rule"],
            "conditions": data["conditions"], "onwardFrom": data["onward_from"], "quote": quote, "lines": lines,
            "links": links.get(key, []),
        })
    exported = str(only.council) if only is not None and only.council is not None else None
    used = {council for flow in flows for council in flow["councils"]}
    return {
        "councils": [{"id": iri, "label": label} for iri, label in sorted(publishers.items(), key=lambda kv: kv[1]) if iri in used],
        "exportedCouncil": exported,
        "exportedFor": _exported_for(only, publishers, flows),
        "groups": groups,
        "bodies": _bodies(network, publishers),
        "terms": terms,
        "flows": flows,
        "style": style_table(),
    }
