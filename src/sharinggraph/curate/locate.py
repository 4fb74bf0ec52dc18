"""Finds a quote in a source text: every occurrence, or the one a line hint settles."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..errors import InputError


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
