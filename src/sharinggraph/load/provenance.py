"""Checks every selector of every cited span: each quote is in its source, at the offsets given."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rdflib import Dataset, URIRef
from rdflib.term import Node

from ..namespaces import OA, PREFIXES

_SELECTOR_VALUES = {"exact": OA.exact, "start": OA.start, "end": OA.end}

_CITING = "SELECT ?target ?statement WHERE { ?statement prov:wasDerivedFrom ?target }"


@dataclass(frozen=True)
class Citation:
    """One cited span (an ``oa:SpecificResource``): its source and all of its selectors.

    ``quotes`` are the ``oa:exact`` texts, ``positions`` the ``(start, end)`` pairs (end
    exclusive); ``malformed`` says what could not be read (an offset that is not an integer).
    """

    file: Path | None
    statement: str
    target: str
    source: str
    quotes: tuple[str, ...]
    positions: tuple[tuple[int, int], ...]
    malformed: tuple[str, ...] = ()

    @property
    def selectors(self) -> int:
        """How many selector values this citation has."""
        return len(self.quotes) + len(self.positions)


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


def _offset(name: str, term: Node, malformed: list[str]) -> int | None:
    value = term.toPython() if hasattr(term, "toPython") else None
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    malformed.append(f"oa:{name} {str(term)!r} is not an integer")
    return None


def citations(dataset: Dataset, files: dict[URIRef, Path]) -> list[Citation]:
    """Every cited span in the dataset with all of its selectors, in file and target order."""
    citing: dict[Node, str] = {}
    for row in dataset.query(_CITING, initNs=PREFIXES):
        citing[row.target] = min(citing.get(row.target, str(row.statement)), str(row.statement))
    found: dict[tuple, dict] = {}
    # each (graph, target) once, every selector value read in that graph alone: one pass over the
    # oa:hasSource quads and indexed look-ups, not a GRAPH ?g query per graph (quadratic in rdflib)
    for target, _, source, graph in dataset.quads((None, OA.hasSource, None, None)):
        selectors = list(dataset.quads((target, OA.hasSelector, None, graph)))
        if not selectors:
            continue
        entry = found.setdefault((graph, target), {"sources": set(), "selectors": {}})
        entry["sources"].add(str(source))
        for _, _, selector, _ in selectors:
            values = entry["selectors"].setdefault(selector, {name: set() for name in _SELECTOR_VALUES})
            for name, prop in _SELECTOR_VALUES.items():
                values[name].update(o for _, _, o, _ in dataset.quads((selector, prop, None, graph)))
    result = []
    for (graph, target), entry in found.items():
        quotes, positions, malformed = [], [], []
        if len(entry["sources"]) != 1:
            malformed.append(f"cites {len(entry['sources'])} sources ({', '.join(sorted(entry['sources']))})")
        for values in entry["selectors"].values():
            quotes += sorted(str(exact) for exact in values["exact"])
            if len(values["start"]) > 1 or len(values["end"]) > 1 or len(values["start"]) != len(values["end"]):
                malformed.append("a position selector needs exactly one oa:start and one oa:end")
            elif values["start"]:
                start = _offset("start", next(iter(values["start"])), malformed)
                end = _offset("end", next(iter(values["end"])), malformed)
                if start is not None and end is not None:
                    positions.append((start, end))
            elif not values["exact"]:
                malformed.append("a selector has neither oa:exact nor oa:start/oa:end")
        result.append(Citation(
            file=files.get(graph), statement=citing.get(target, str(target)), target=str(target),
            source=min(entry["sources"]), quotes=tuple(sorted(quotes)), positions=tuple(sorted(positions)),
            malformed=tuple(sorted(set(malformed))),
        ))
    return sorted(result, key=lambda c: (str(c.file), c.positions, c.target))


def check_citation(citation: Citation, text: str | None) -> list[str]:
    """One-line problems with a citation's selectors against its source ``text`` (none: it holds).

    Every quote must occur in the source and be the text at one of the citation's positions;
    every position must lie inside the source and hold one of its quotes.
    """
    where = f"{citation.file}: {citation.statement}"
    if citation.malformed:
        return [f"{where}: {problem}" for problem in citation.malformed]
    if text is None:
        return [f"{where}: cites unknown source {citation.source}"]
    problems = []
    if not citation.quotes:
        problems.append(f"{where}: has no oa:TextQuoteSelector")
    if not citation.positions:
        problems.append(f"{where}: has no oa:TextPositionSelector")
    spans = []
    for start, end in citation.positions:
        if 0 <= start < end <= len(text):
            spans.append((start, end, text[start:end]))
        else:
            problems.append(f"{where}: offsets {start}..{end} fall outside the source ({len(text)} characters)")
    unplaced = [q for q in citation.quotes if not any(found == q for _, _, found in spans)]
    unquoted = [span for span in spans if span[2] not in citation.quotes]
    for quote in unplaced:
        if quote not in text:
            problems.append(f"{where}: quote {quote!r} is nowhere in the source")
        elif unquoted:
            start, end, found = unquoted.pop(0)
            problems.append(f"{where}: at {start}..{end} expected {quote!r} but found {found!r}")
        else:
            problems.append(f"{where}: quote {quote!r} has no position selector that points at it")
    problems += [f"{where}: at {start}..{end} found {found!r}, which none of its quotes is"
                 for start, end, found in unquoted]
    return problems


def verify(dataset: Dataset, files: dict[URIRef, Path], texts: dict[str, str] | None) -> ProvenanceReport:
    """Check every selector against ``texts`` (keyed by source IRI); unverified when texts is None."""
    found = citations(dataset, files)
    if texts is None:
        return ProvenanceReport(checked=0, problems=(), verified=False)
    problems = [p for c in found for p in check_citation(c, texts.get(c.source))]
    return ProvenanceReport(checked=sum(c.selectors for c in found), problems=tuple(problems), verified=True)
