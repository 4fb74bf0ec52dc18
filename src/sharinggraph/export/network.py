"""The RDF-to-network projection, done once: organisations as nodes, one edge per flow statement."""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx
from rdflib import Dataset, URIRef

from ..errors import SharingGraphError
from ..namespaces import PREFIXES

# The flows, then each list attribute in a query of its own: joining them in one pattern would
# multiply rows (categories x gateways x quotes per flow).
_FLOWS = """
SELECT ?flow ?notice ?kind ?from ?to ?publisher WHERE {
  ?notice a dpv:PrivacyNotice ; dpv:hasProcess ?flow ; dct:publisher ?publisher .
  {
    ?flow dpv:hasProcessing dpv:Share ; dpv:hasDataController ?from ; dpv:hasRecipient ?to .
    BIND("share" AS ?kind)
  } UNION {
    # collections, and linking or use of data from a source: the data comes to the collecting
    # service (the notice's service where it names one, else the controller)
    ?notice dpv:hasProcess ?flow .
    ?flow dpv:hasProcessing ?processing ; dpv:hasDataSource ?from ; dpv:hasDataController ?controller .
    FILTER (?processing != dpv:Share)
    OPTIONAL { ?notice sg:aboutService ?service }
    BIND(COALESCE(?service, ?controller) AS ?to)
    BIND(LCASE(STRAFTER(STR(?processing), "#")) AS ?kind)
  }
}
"""

# Categories and gateways are the flow's links stated for it or notice-wide (never implied),
# read from the derived graph's supported links (tier rank 1 or 2).
_LINKED = """SELECT ?flow ?value WHERE {{ ?link sg:ofFlow ?flow ; sg:linkProperty {prop} ; sg:linkValue ?v ; sg:support ?tier .
                 ?tier sg:tierRank ?rank . FILTER (?rank <= 2) {extra} }}"""

_ATTRIBUTES = {
    "categories": _LINKED.format(prop="dpv:hasPersonalData", extra="?v skos:prefLabel ?value"),
    "gateways": _LINKED.format(prop="sg:hasGateway", extra="?v skos:prefLabel ?value"),
    "conditions": "SELECT ?flow ?value WHERE { ?flow a dpv:PersonalDataProcess ; sg:condition/skos:prefLabel ?value }",
    "rule": "SELECT ?flow ?value WHERE { ?flow a dpv:PersonalDataProcess ; dpv:hasRule/skos:prefLabel ?value }",
    "quotes": "SELECT ?flow ?value WHERE { ?flow a dpv:PersonalDataProcess ; prov:wasDerivedFrom/oa:hasSelector/oa:exact ?value }",
    "special": _LINKED.format(prop="dpv:hasPersonalData", extra="?v sg:withinConcept dpv:SpecialCategoryPersonalData . BIND(true AS ?value)"),
    "criminal": _LINKED.format(prop="dpv:hasPersonalData", extra="?v sg:withinConcept pd:Criminal . BIND(true AS ?value)"),
    "onward_from": "SELECT ?flow ?value WHERE { ?flow a dpv:PersonalDataProcess ; sg:onwardFrom ?value }",
}

_NODES = """
SELECT ?node ?label ?type ?council WHERE {
  ?node skos:prefLabel ?label .
  OPTIONAL { ?node org:classification/skos:prefLabel ?classified }
  OPTIONAL { ?node org:unitOf ?council }
  OPTIONAL { ?node skos:inScheme <https://w3id.org/sharinggraph/id/scheme/recipient-types> ; skos:prefLabel ?ownType }
  BIND(IF(EXISTS { ?node schema:areaServed ?area }, "council",
       IF(EXISTS { ?node org:unitOf ?c }, "council service",
       IF(EXISTS { ?node skos:inScheme <https://w3id.org/sharinggraph/id/scheme/recipient-types> }, "type of organisation",
       IF(EXISTS { ?node a dpv:DataSubjectDataSource }, "the person", "named organisation")))) AS ?kindOfNode)
  BIND(COALESCE(?classified, ?ownType, ?kindOfNode) AS ?type)
}
"""

# the groups of data/vocab/party-groups.ttl: a named body is in its classification's group, a recipient
# type (or the person) in its own
_GROUP_MEMBERS = """
SELECT ?group ?label ?member WHERE {
  ?group a skos:Collection ; skos:prefLabel ?label ; skos:member ?member .
  FILTER STRSTARTS(STR(?group), "https://w3id.org/sharinggraph/id/party-group/")
}
"""
_CLASSIFICATIONS = "SELECT ?node ?kind WHERE { ?node org:classification ?kind }"
_PUBLISHERS = "SELECT DISTINCT ?council WHERE { ?notice a dpv:PrivacyNotice ; dct:publisher ?council }"

LIST_SEPARATOR = "; "
#: the group of the publishing councils and their services (the others are data/vocab/party-groups.ttl's)
COUNCIL_GROUP_LABEL = "Publishing council or its service"


@dataclass(frozen=True)
class NetworkFilter:
    """Restrict the projection to one council's, one notice's or one data category's flows."""

    council: URIRef | None = None
    notice: URIRef | None = None
    category: str | None = None


def _joined(values: set[str]) -> str:
    """A list attribute as one string, sorted so every export is deterministic."""
    return LIST_SEPARATOR.join(sorted(values))


def project(dataset: Dataset, only: NetworkFilter | None = None) -> nx.MultiDiGraph:
    """The sharing network: a node per organisation or type, an edge (key = flow IRI) per flow.

    :raises SharingGraphError: the filter matches no flow (exit code 1).
    """
    only = only or NetworkFilter()
    edges: dict[str, dict] = {}
    for row in dataset.query(_FLOWS, initNs=PREFIXES):
        if only.notice is not None and row.notice != only.notice:
            continue
        edge = edges.setdefault(str(row.flow), {
            "source": str(row["from"]), "target": str(row.to), "kind": str(row.kind), "notice": str(row.notice),
            "councils": set(), **{name: set() for name in _ATTRIBUTES},
        })
        edge["councils"].add(str(row.publisher))
    for name, query in _ATTRIBUTES.items():
        for row in dataset.query(query, initNs=PREFIXES):
            if str(row.flow) in edges:
                edges[str(row.flow)][name].add(str(row.value))
    selected = {
        flow: edge for flow, edge in edges.items()
        if (only.council is None or str(only.council) in edge["councils"])
        and (only.category is None or any(only.category.casefold() in c.casefold() for c in edge["categories"]))
    }
    if not selected:
        raise NoMatchingFlows("no flow matches the filter")
    nodes: dict[str, tuple[str, str, str]] = {}
    for row in dataset.query(_NODES, initNs=PREFIXES):  # a node with two labels or types: the first, every run
        found = (str(row.label), str(row.type), str(row.council or ""))
        nodes[str(row.node)] = min(nodes.get(str(row.node), found), found)
    groups = _groups(dataset)
    network = nx.MultiDiGraph(name="sharinggraph")
    for flow in sorted(selected):
        edge = selected[flow]
        for end in (edge["source"], edge["target"]):
            label, kind, council = nodes.get(end, (end.rsplit("/", 1)[-1], "unknown", ""))
            council_label = nodes.get(council, (council.rsplit("/", 1)[-1],))[0] if council else ""
            group, group_label = groups(end, council)
            network.add_node(end, label=label, type=kind, council=council, council_label=council_label,
                             group=group, group_label=group_label)
        network.add_edge(
            edge["source"], edge["target"], key=flow, id=flow, kind=edge["kind"], notice=edge["notice"],
            councils=_joined(edge["councils"]), categories=_joined(edge["categories"]),
            gateways=_joined(edge["gateways"]), conditions=_joined(edge["conditions"]),
            rule=_joined(edge["rule"]), quote=" | ".join(sorted(edge["quotes"])),
            special=bool(edge["special"]), criminal=bool(edge["criminal"]), onward_from=_joined(edge["onward_from"]),
        )
    return network


class NoMatchingFlows(SharingGraphError):
    """A filter that matches nothing: the command ran and found nothing to export (exit code 1)."""

    exit_code = 1


def _groups(dataset: Dataset):
    """A node's group and its label: ``council`` for a publishing council and its services, else the
    last segment of its party group's IRI (``police``, ``health`` …), ``unnamed`` for a body no group lists."""
    publishers = {str(row.council) for row in dataset.query(_PUBLISHERS, initNs=PREFIXES)}
    group_of: dict[str, str] = {}
    labels = {"council": COUNCIL_GROUP_LABEL, "unnamed": "Not in a group"}
    for row in dataset.query(_GROUP_MEMBERS, initNs=PREFIXES):  # a kind in two groups: the first by name, every run
        name = str(row.group).rsplit("/", 1)[-1]
        group_of[str(row.member)] = min(group_of.get(str(row.member), name), name)
        labels[name] = str(row.label)
    kind_of: dict[str, str] = {}
    for row in dataset.query(_CLASSIFICATIONS, initNs=PREFIXES):  # two classifications: the first, every run
        kind_of[str(row.node)] = min(kind_of.get(str(row.node), str(row.kind)), str(row.kind))

    def group(node: str, council: str) -> tuple[str, str]:
        name = "council" if node in publishers or council in publishers else group_of.get(kind_of.get(node, node), "unnamed")
        return name, labels[name]

    return group
