"""Curator aids: find a quote in a source text, and set selector offsets in a notice file."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from .errors import InputError

_LINE_HINT = re.compile(r"#\s*line\s+(\d+)(?:,\s*occurrence\s+(\d+))?")
_EXACT = re.compile(r'oa:exact\s+"((?:[^"\\]|\\.)*)"')
_POSITION = re.compile(r"oa:start\s+(-?\d+)\s*;\s*oa:end\s+(-?\d+)")


@dataclass(frozen=True)
class Occurrence:
    """Where a quote occurs in a text: 1-based line and character offsets (end exclusive)."""

    line: int
    start: int
    end: int


def occurrences(text: str, quote: str) -> list[Occurrence]:
    """Every place ``quote`` occurs in ``text``; a space in the quote also matches a no-break space."""
    if not quote:
        return []
    pattern = re.compile("[ \u00a0]".join(re.escape(part) for part in quote.split(" ")))
    return [
        Occurrence(text.count("\n", 0, m.start()) + 1, m.start(), m.end())
        for m in pattern.finditer(text)
    ]


def locate(text: str, quote: str, line: int | None = None, occurrence: int | None = None) -> Occurrence:
    """The one occurrence of ``quote`` (on ``line`` when given; the n-th there when ``occurrence`` is).

    :raises InputError: the quote is absent, or occurs more than once and nothing settles which.
    """
    found = occurrences(text, quote)
    if line is not None:
        found = [o for o in found if o.line == line]
    if occurrence is not None and 1 <= occurrence <= len(found):
        found = [found[occurrence - 1]]
    if len(found) != 1:
        where = f" on line {line}" if line is not None else ""
        problem = "not found" if not found else f"found {len(found)} times"
        raise InputError(f"quote {quote!r} {problem}{where}")
    return found[0]


def _decode(escaped: str) -> str:
    return json.loads(f'"{escaped}"')


def _encode(exact: str) -> str:
    """A Turtle string body for ``exact``; no-break spaces are written as ``\\u00a0`` to stay visible."""
    return json.dumps(exact, ensure_ascii=False)[1:-1].replace("\u00a0", "\\u00a0")


def set_offsets(turtle: str, text: str) -> tuple[str, int]:
    """Rewrite the ``oa:start``/``oa:end`` that follows each ``oa:exact`` to point at its quote.

    A quote whose spaces stand for no-break spaces in the source is rewritten to the exact text.

    The nearest preceding ``# line N`` comment (written on the ``oa:SpecificResource`` line) says
    which line of the source the quote is on; ``# line N, occurrence K`` picks the K-th match there. Only the numbers
    change, so comments and layout survive. Returns the new text and how many pairs changed.
    """
    out: list[str] = []
    cursor = 0
    changed = 0
    for match in _EXACT.finditer(turtle):
        position = _POSITION.search(turtle, match.end())
        if position is None:
            raise InputError(f"no oa:start/oa:end after quote {match.group(1)!r}")
        hints = _LINE_HINT.findall(turtle, 0, match.start())
        line, occurrence = (int(hints[-1][0]), int(hints[-1][1]) if hints[-1][1] else None) if hints else (None, None)
        found = locate(text, _decode(match.group(1)), line, occurrence)
        exact = _encode(text[found.start : found.end])
        new = f"oa:start {found.start} ; oa:end {found.end}"
        if position.group(0) != new or exact != match.group(1):
            changed += 1
        out.append(turtle[cursor : match.start(1)])
        out.append(exact)
        out.append(turtle[match.end(1) : position.start()])
        out.append(new)
        cursor = position.end()
    out.append(turtle[cursor:])
    return "".join(out), changed
