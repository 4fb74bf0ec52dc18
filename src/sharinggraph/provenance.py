"""Checks that every text selector points at the exact span of its source text that it quotes."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rdflib import Dataset, URIRef

from .namespaces import PREFIXES

_SELECTORS = """
SELECT ?g ?target ?source ?exact ?start ?end WHERE {
  GRAPH ?g {
    ?target oa:hasSource ?source ;
            oa:hasSelector ?quote, ?position .
    ?quote oa:exact ?exact .
    ?position oa:start ?start ; oa:end ?end .
  }
}
"""

_CITING = "SELECT ?target ?statement WHERE { ?statement prov:wasDerivedFrom ?target }"


@dataclass(frozen=True)
class Selector:
    """One quote-and-position pair, with where it was written and what it supports."""

    file: Path | None
    statement: str
    target: str
    source: str
    exact: str
    start: int
    end: int


@dataclass(frozen=True)
class ProvenanceReport:
    """Outcome of checking every selector: how many were checked and what did not match."""

    checked: int
    problems: tuple[str, ...]
    verified: bool

    @property
    def ok(self) -> bool:
        """True when every selector was checked against its text and matched."""
        return self.verified and not self.problems


def selectors(dataset: Dataset, files: dict[URIRef, Path]) -> list[Selector]:
    """Every selector pair in the dataset (one SPARQL SELECT)."""
    citing = {row.target: str(row.statement) for row in dataset.query(_CITING, initNs=PREFIXES)}
    found = {}
    for row in dataset.query(_SELECTORS, initNs=PREFIXES):
        found[(row.g, row.target)] = Selector(
            file=files.get(row.g),
            statement=citing.get(row.target, str(row.target)),
            target=str(row.target),
            source=str(row.source),
            exact=str(row.exact),
            start=int(row.start),
            end=int(row.end),
        )
    return sorted(found.values(), key=lambda s: (str(s.file), s.start))


def check_selector(selector: Selector, text: str | None) -> str | None:
    """Return a one-line problem description, or None when the span matches the quote."""
    where = f"{selector.file}: {selector.statement}"
    if text is None:
        return f"{where}: cites unknown source {selector.source}"
    if not 0 <= selector.start < selector.end <= len(text):
        return f"{where}: offsets {selector.start}..{selector.end} fall outside the source ({len(text)} characters)"
    found = text[selector.start : selector.end]
    if found != selector.exact:
        return f"{where}: at {selector.start}..{selector.end} expected {selector.exact!r} but found {found!r}"
    return None


def verify(dataset: Dataset, files: dict[URIRef, Path], texts: dict[str, str] | None) -> ProvenanceReport:
    """Check every selector against ``texts`` (keyed by source IRI); unverified when texts is None."""
    found = selectors(dataset, files)
    if texts is None:
        return ProvenanceReport(checked=0, problems=(), verified=False)
    problems = [p for p in (check_selector(s, texts.get(s.source)) for s in found) if p]
    return ProvenanceReport(checked=len(found), problems=tuple(problems), verified=True)
