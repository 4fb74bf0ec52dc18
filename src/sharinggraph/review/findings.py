"""Validation findings for the review pages: run per unit (cached), and placed at their focus node's span.

A finding sits at the first span of its focus node's selector; a focus with no selector of its
own (a retention rule, a DPO role) sits at the span of the statement that holds it; a finding
about the notice as a whole, or about nothing quoted, sits at the notice's top (an improved
record's evidence quote, when it has one, places it at that quote's span instead). The ``Finding``
record is growing fields (notice, provision, quote, line, a stable id): they are read with
``getattr`` so the page works with the record before and after.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ..validate.engines import DEFAULT_ENGINE
from .encoding import NoticeEncoding, Span, Value


@dataclass(frozen=True)
class PlacedFinding:
    """What the margin shows of one finding, and the span it is placed at (None: the notice's top)."""

    severity: str
    rule: str
    message: str
    focus: str
    path: str
    value: str
    provision: str
    quotes: tuple[str, ...]
    line: int | None
    id: str
    span: Span | None


def run_validation(root: Path, cache_dir: Path | None, as_of: date | None = None, engine: str = DEFAULT_ENGINE,
                   jobs: int | None = None, sources: Path | None = None, step=None) -> tuple:
    """Every finding of the per-unit validation (units whose inputs did not change come from the cache),
    with the source texts in ``sources`` (default: the project's); ``step`` as ``validate_by_unit`` takes it."""
    from ..validate.units import validate_by_unit

    return validate_by_unit(root, cache_dir, as_of, engine, jobs, sources, step).findings


def _contains(values: list[Value] | tuple[Value, ...], iri: str) -> bool:
    return any(value.value == iri or _contains(value.parts, iri) for value in values)


def _span_of(finding, encoding: NoticeEncoding, statements: dict) -> Span | None:
    """The focus node's first span, else its holder's, else (new records) the span of its evidence quote."""
    focus = str(finding.focus)
    if focus != encoding.iri:  # a finding about the notice as a whole is not placed at its date line
        holder = statements.get(focus)
        if holder is None or not holder.spans:
            holder = next((s for s in encoding.statements if s.spans and _contains(s.values, focus)), holder)
        if holder is not None and holder.spans:
            return holder.spans[0]
    quote = getattr(finding, "quote", None)  # the evidence sentence of the improved record, when present
    if isinstance(quote, str) and quote:
        return min((span for s in encoding.statements for span in s.spans if span.exact == quote),
                   key=lambda span: (span.start, span.end), default=None)
    return None


def place(findings, encoding: NoticeEncoding, provision_labels: dict[str, str] | None = None) -> list[PlacedFinding]:
    """The findings about ``encoding``'s notice, each at its focus node's span, in text order.

    ``provision_labels`` names the provisions the findings cite (by IRI) where the graph has a label.
    """
    statements = encoding.by_iri()
    labels = provision_labels or {}
    placed = []
    for finding in findings:
        if str(getattr(finding, "notice", "") or "") != encoding.iri:
            continue
        quote = getattr(finding, "quote", None)
        quotes = (quote,) if isinstance(quote, str) and quote else tuple(getattr(finding, "quotes", ()) or ())
        line = getattr(finding, "line", None)
        provision = getattr(finding, "provision", None)  # the improved record names it; else the graph's label
        provision = str(provision) if provision else labels.get(str(getattr(finding, "source", "") or ""), "")
        placed.append(PlacedFinding(
            severity=str(finding.severity), rule=str(finding.rule), message=str(finding.message), focus=str(finding.focus),
            path=str(getattr(finding, "path", "") or ""), value=str(getattr(finding, "value", None) or ""),
            provision=provision,
            quotes=quotes, line=line if isinstance(line, int) else None, id=str(getattr(finding, "id", None) or ""),
            span=_span_of(finding, encoding, statements),
        ))
    return sorted(placed, key=lambda f: (f.span.start if f.span else -1, _RANK.get(f.severity, 3), f.rule, f.message))


_RANK = {"Violation": 0, "Warning": 1, "Info": 2}
