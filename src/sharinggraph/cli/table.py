"""Plain-text tables that fit a width: long cells truncated with an ellipsis, quotes shortened.

When a table would need its columns cut narrower than ``READABLE_COLUMN`` to fit, the rows are
shown as records instead (one field a line, values wrapped), as psql's expanded mode does.
"""

from __future__ import annotations

import os
import shutil
import sys
import textwrap

#: Columns holding notice text: shortened in tables (CSV and JSON keep them whole).
QUOTE_COLUMNS = frozenset({"quote", "quotes", "evidence", "wording"})
QUOTE_WIDTH = 60
MIN_COLUMN = 8
READABLE_COLUMN = 24
GAP = "  "


def terminal_width(requested: int | None) -> int | None:
    """The width to fit: ``--max-width``, else ``$COLUMNS``, else the terminal's; None when not on a terminal."""
    if requested is not None:
        return requested
    columns = os.environ.get("COLUMNS", "")
    if columns.isdigit() and int(columns) > 0:
        return int(columns)
    if sys.stdout.isatty():
        return shutil.get_terminal_size().columns
    return None


def shorten(text: str, width: int) -> str:
    """``text`` on one line, cut to ``width`` characters with an ellipsis."""
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: max(width - 1, 0)] + "…"


def _limit(widths: list[int], room: int) -> int:
    """The largest cap such that the capped widths fit ``room`` (never under MIN_COLUMN)."""
    low, high = MIN_COLUMN, max(widths, default=MIN_COLUMN)
    while low < high:
        middle = (low + high + 1) // 2
        if sum(min(w, middle) for w in widths) <= room:
            low = middle
        else:
            high = middle - 1
    return low


def fit(names: list[str], rows: list[list[str]], max_width: int | None) -> str:
    """Rows under a header and a rule, fitted to ``max_width`` characters when given."""
    cells = [
        [shorten(cell, QUOTE_WIDTH) if name in QUOTE_COLUMNS else " ".join(cell.split()) for name, cell in zip(names, row)]
        for row in rows
    ]
    widths = [max([len(name), *(len(row[i]) for row in cells)]) for i, name in enumerate(names)]
    if max_width is not None:
        room = max_width - len(GAP) * (len(names) - 1)
        if sum(widths) > room:
            cap = _limit(widths, room)
            if cap < min(READABLE_COLUMN, max(widths)):
                return records(names, cells, max_width)
            widths = [min(w, cap) for w in widths]

    def line(values: list[str]) -> str:
        return GAP.join(shorten(v, w).ljust(w) for v, w in zip(values, widths)).rstrip()

    return "\n".join([line(names), GAP.join("-" * w for w in widths), *(line(row) for row in cells)])


def records(names: list[str], rows: list[list[str]], max_width: int) -> str:
    """Each row as a block of ``name  value`` lines, values wrapped to ``max_width``."""
    label = max(len(name) for name in names)
    room = max(max_width - label - len(GAP), MIN_COLUMN)
    blocks = []
    for number, row in enumerate(rows, start=1):
        heading = f"-[ {number} ]"
        lines = [heading + "-" * max(max_width - len(heading), 0)]
        for name, value in zip(names, row):
            wrapped = textwrap.wrap(value, room) or [""]
            lines.append(f"{name.ljust(label)}{GAP}{wrapped[0]}".rstrip())
            lines += [f"{'':{label}}{GAP}{more}" for more in wrapped[1:]]
        blocks.append("\n".join(lines))
    return "\n".join(blocks)
