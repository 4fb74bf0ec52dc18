"""Reads the list structure of a source text: bulleted items, and headings whose list was lost."""

from __future__ import annotations

import re
from dataclasses import dataclass

_BULLET = re.compile(r"^[ \t\u00a0]*(?:[•·▪◦*]|-(?=\s))[ \t\u00a0]*(?P<item>\S.*?)[ \t\u00a0]*$", re.MULTILINE)


@dataclass(frozen=True)
class Span:
    """A stretch of a text: 1-based line, character offsets (end exclusive) and the text itself."""

    line: int
    start: int
    end: int
    text: str


def list_items(text: str) -> list[Span]:
    """Every bulleted list item (``•``, ``-``, ``*``, ``·`` …) in ``text``, without its bullet."""
    return [
        Span(text.count("\n", 0, m.start()) + 1, m.start("item"), m.end("item"), m.group("item"))
        for m in _BULLET.finditer(text)
    ]


def lost_list_headings(text: str) -> list[Span]:
    """Candidate headings of lost lists: lines ending in ':' whose next non-blank line is no list item.

    In the captured pages such a line often introduced a bulleted list that was lost; some are
    followed by a paragraph instead, so a curator decides which are lost lists.
    """
    lines = text.split("\n")
    items = {span.line for span in list_items(text)}
    found = []
    offset = 0
    for number, line in enumerate(lines, start=1):
        stripped = line.rstrip(" \t\u00a0")
        following = next((n for n in range(number + 1, len(lines) + 1) if lines[n - 1].strip()), None)
        if stripped.endswith(":") and following is not None and following not in items:
            start = offset + (len(line) - len(line.lstrip(" \t\u00a0")))
            found.append(Span(number, start, offset + len(stripped), stripped.strip()))
        offset += len(line) + 1
    return found
