"""Counts that describe a built graph: overall and per notice."""

from __future__ import annotations

from dataclasses import asdict, dataclass

from rdflib import Dataset

from ..namespaces import PREFIXES

_NOTICES = """
SELECT ?notice ?title ?council WHERE {
  ?notice a dpv:PrivacyNotice ; dct:publisher ?council .
  OPTIONAL { ?notice dct:title ?title }
}
"""

#: One small query per count: joining them all in one pattern multiplies rows.
_COUNTS = {
    "statements": "SELECT ?notice (COUNT(DISTINCT ?x) AS ?n) WHERE { ?notice dpv:hasProcess ?x } GROUP BY ?notice",
    "sharing": "SELECT ?notice (COUNT(DISTINCT ?x) AS ?n) WHERE { ?notice dpv:hasProcess ?x . ?x dpv:hasProcessing dpv:Share } GROUP BY ?notice",
    "collection": "SELECT ?notice (COUNT(DISTINCT ?x) AS ?n) WHERE { ?notice dpv:hasProcess ?x . ?x dpv:hasProcessing dpv:Collect } GROUP BY ?notice",
    "declarations": "SELECT ?notice (COUNT(DISTINCT ?x) AS ?n) WHERE { ?notice sg:declares ?x } GROUP BY ?notice",
    "recipients": "SELECT ?notice (COUNT(DISTINCT ?x) AS ?n) WHERE { ?notice dpv:hasProcess/dpv:hasRecipient ?x } GROUP BY ?notice",
    "sources": "SELECT ?notice (COUNT(DISTINCT ?x) AS ?n) WHERE { ?notice dpv:hasProcess/dpv:hasDataSource ?x } GROUP BY ?notice",
    "categories": "SELECT ?notice (COUNT(DISTINCT ?x) AS ?n) WHERE { ?notice (dpv:hasProcess|sg:declares)/dpv:hasPersonalData ?x } GROUP BY ?notice",
    "gateways": "SELECT ?notice (COUNT(DISTINCT ?x) AS ?n) WHERE { ?notice (dpv:hasProcess|sg:declares)/sg:hasGateway ?x } GROUP BY ?notice",
}

_DISTINCT = {
    "recipients": "SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE { ?notice a dpv:PrivacyNotice ; dpv:hasProcess/dpv:hasRecipient ?x }",
    "gateways": "SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE { ?notice a dpv:PrivacyNotice ; (dpv:hasProcess|sg:declares)/sg:hasGateway ?x }",
}


@dataclass(frozen=True)
class NoticeCounts:
    """What one notice states: flows by kind, declarations and distinct values."""

    notice: str
    title: str
    statements: int
    sharing: int
    collection: int
    declarations: int
    recipients: int
    sources: int
    categories: int
    gateways: int


@dataclass(frozen=True)
class Summary:
    """Headline counts of a built graph."""

    notices: int
    councils: int
    statements: int
    recipients: int
    gateways: int
    triples: int
    per_notice: tuple[NoticeCounts, ...]

    def as_dict(self) -> dict:
        """Plain data for JSON output."""
        return asdict(self)


def _count(dataset: Dataset, query: str) -> int:
    return int(next(iter(dataset.query(query, initNs=PREFIXES))).n)


def summarise(dataset: Dataset) -> Summary:
    """Count notices, councils, statements, distinct recipients and gateways, and triples."""
    rows = list(dataset.query(_NOTICES, initNs=PREFIXES))
    notices = {row.notice: str(row.title or "") for row in rows}
    councils = {row.council for row in rows}
    counts = {name: {} for name in _COUNTS}
    for name, query in _COUNTS.items():
        for row in dataset.query(query, initNs=PREFIXES):
            counts[name][row.notice] = int(row.n)
    per_notice = tuple(
        NoticeCounts(notice=str(notice), title=title, **{name: counts[name].get(notice, 0) for name in _COUNTS})
        for notice, title in sorted(notices.items())
    )
    return Summary(
        notices=len(notices),
        councils=len(councils),
        statements=sum(n.statements for n in per_notice),
        recipients=_count(dataset, _DISTINCT["recipients"]),
        gateways=_count(dataset, _DISTINCT["gateways"]),
        triples=sum(len(graph) for graph in dataset.graphs()),
        per_notice=per_notice,
    )
