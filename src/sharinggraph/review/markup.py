"""The notice text as HTML with highlights at character offsets, nested however the spans overlap.

Spans may nest (a category inside the sentence that declares it) or cross (two sentences quoted
by different statements that share words). HTML elements can only nest, so a span that crosses
another is closed where the other ends and reopened after it: every piece carries the span's id,
and only its first piece is focusable. The text itself is always escaped: it is data.
"""

from __future__ import annotations

import html
from dataclasses import dataclass


@dataclass(frozen=True)
class Highlight:
    """A span to highlight: offsets (end exclusive), its id on the page, its kind, and what was lost after it."""

    start: int
    end: int
    id: int
    kind: str
    lost_after: str = ""  # "list" or "passage" when one was lost after this span
    severity: str = ""  # the most serious finding placed at this span, if any
    statements: tuple[int, ...] = ()  # the numbers of the statements this span supports


def line_starts(text: str) -> list[int]:
    """The offset at which each line begins (line n begins at index n-1)."""
    return [0] + [i + 1 for i, char in enumerate(text) if char == "\n"]


def visible_lines(text: str, spans: list[tuple[int, int]], whole: bool) -> tuple[int, int]:
    """The first and last line (1-based) to show: every line, or the lines the spans cover."""
    starts = line_starts(text)
    if whole or not spans:
        return 1, len(starts) - (1 if text.endswith("\n") and len(starts) > 1 else 0)  # no empty line after the last
    first = max(1, line_of(starts, min(start for start, _ in spans)))
    last = line_of(starts, max(end for _, end in spans) - 1)
    return first, last


def line_of(starts: list[int], offset: int) -> int:
    """The line (1-based) that holds ``offset``, given :func:`line_starts`."""
    from bisect import bisect_right

    return bisect_right(starts, offset)


def _open_tag(highlight: Highlight, depth: int, first: bool) -> str:
    classes = f"hl k-{highlight.kind}" + (f" f-{highlight.severity.lower()}" if highlight.severity else "")
    focus = f' id="h{highlight.id}" tabindex="0" role="button"' if first else ""
    members = " ".join(f"s{number}" for number in highlight.statements)
    return f'<mark class="{classes}" data-h="{highlight.id}" data-s="{members}" style="--d:{depth}"{focus}>'


def marked_text(text: str, highlights: list[Highlight], first_line: int, last_line: int) -> str:
    """HTML of lines ``first_line``..``last_line`` of ``text`` with every highlight in them, nested."""
    starts = line_starts(text)
    window_start = starts[first_line - 1]
    window_end = starts[last_line] - 1 if last_line < len(starts) else len(text)
    shown = [h for h in highlights if window_start <= h.start < h.end <= window_end]
    line_at = {starts[n - 1]: n for n in range(first_line, last_line + 1)}
    positions = sorted({window_start, window_end, *line_at, *(h.start for h in shown), *(h.end for h in shown)})
    starting: dict[int, list[Highlight]] = {}
    for h in shown:
        starting.setdefault(h.start, []).append(h)
    out: list[str] = []
    stack: list[Highlight] = []
    opened: set[int] = set()
    for index, position in enumerate(positions):
        reopen: list[Highlight] = []
        while any(h.end == position for h in stack):  # close down to the last span ending here
            top = stack.pop()
            out.append("</mark>")
            if top.end != position:
                reopen.append(top)
        out += [f'<span class="lost" title="the {h.lost_after} that followed was lost when the page was captured">'
                f'{h.lost_after} lost</span>' for h in shown if h.end == position and h.lost_after]
        if position in line_at:
            out.append(f'<span class="ln" data-n="{line_at[position]}" aria-hidden="true"></span>')
        for h in sorted(reopen + starting.get(position, []), key=lambda h: (-h.end, h.id)):
            out.append(_open_tag(h, len(stack), h.id not in opened))
            opened.add(h.id)
            stack.append(h)
        following = positions[index + 1] if index + 1 < len(positions) else position
        out.append(html.escape(text[position:following], quote=True))
    out += ["</mark>"] * len(stack)
    return "".join(out)
