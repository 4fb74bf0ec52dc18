"""Document structure: the text as a sequence of blocks (headings, list items, paragraphs, table
cells), each a span of the text as read. Where the format marked them (HTML, DOCX) the marks
decide; where it did not (plain text, PDF), layout and wording do: bullets and numbers make list
items, and a short line that reads like a title (no closing punctuation, no comma) a heading."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .reading import Document

_BULLET = re.compile(r"[ \t]*(?:[•●▪◦‣∙·*–—-]|\(?\d{1,2}[.)]|\(?[a-z][.)]|\(?[ivx]{1,4}[.)])[ \t]+(?=\S)")
_HEADING_END = re.compile(r"[.,;:!…\"”’]$")
_NOT_HEADING = re.compile(r"[,:@]|^(?:please|see|if|these|this|we|you|it)\b", re.I)
_HEADING_WORDS = 16
_HEADING_CHARS = 110


@dataclass(frozen=True)
class Block:
    """One line or marked block: its ``kind`` (heading, item, paragraph, cell), the span of its
    words (a bullet excluded), its heading level and its 1-based line number in the text."""

    kind: str
    start: int
    end: int
    line: int
    level: int = 0

    def text(self, source: str) -> str:
        """The block's words in ``source``."""
        return source[self.start:self.end]


def lead_in(block: Block, source: str) -> bool:
    """Whether ``block`` introduces what follows (it ends with a colon, or 'include' / 'such as')."""
    words = block.text(source).rstrip()
    return words.endswith((":", ";", "include", "includes", "such as", "following", "-", "–"))


def blocks(document: Document) -> list[Block]:
    """The blocks of ``document``, in text order, blank lines skipped."""
    text = document.text
    marked = _marks(document)
    result: list[Block] = []
    position = 0
    for number, line in enumerate(text.split("\n"), start=1):
        start, end = position, position + len(line)
        position = end + 1
        words = line.strip()
        if not words:
            continue
        start += len(line) - len(line.lstrip())
        end = start + len(words)
        kind, level = marked.get(start, (None, 0))
        bullet = _BULLET.match(text, start, end)
        if bullet and kind in (None, "paragraph", "item"):
            result.append(Block("item", bullet.end(), end, number))
        elif kind is not None and kind != "paragraph":
            result.append(Block(kind, start, end, number, level))
        elif _reads_like_heading(words, kind):
            result.append(Block("heading", start, end, number, 2))
        else:
            result.append(Block("paragraph", start, end, number))
    return _numbered_headings(result, text)


def _numbered_headings(found: list[Block], text: str) -> list[Block]:
    """"2. What personal information does this service use?": a numbered line that reads like a
    title (or asks a question) and is followed by no list item is a numbered heading, not an item."""
    result = list(found)
    for index, block in enumerate(found):
        following = found[index + 1] if index + 1 < len(found) else None
        line_start = text.rfind("\n", 0, block.start) + 1
        numbered = block.kind == "item" and re.match(r"[ \t]*\(?\d{1,2}[.)]", text[line_start:block.start])
        words = block.text(text)
        if numbered and (following is None or following.kind != "item") and (
                words.endswith("?") or _reads_like_heading(words, None)):
            result[index] = Block("heading", line_start + len(text[line_start:block.start]) - len(
                text[line_start:block.start].lstrip()), block.end, block.line, 2)
    return result


def _marks(document: Document) -> dict[int, tuple[str, int]]:
    """Kind and level of each line start that a hint covers (the innermost hint wins)."""
    marks: dict[int, tuple[str, int]] = {}
    text = document.text
    for hint in sorted(document.hints, key=lambda h: h.end - h.start, reverse=True):
        position = hint.start
        while position < hint.end:
            marks[position] = (hint.kind, hint.level)
            following = text.find("\n", position, hint.end)
            if following < 0:
                break
            position = following + 1
    return marks


def _reads_like_heading(words: str, kind: str | None) -> bool:
    if kind == "paragraph" and len(words.split()) > 10:
        return False
    if len(words) > _HEADING_CHARS or len(words.split()) > _HEADING_WORDS:
        return False
    if _HEADING_END.search(words) or _NOT_HEADING.search(words):
        return False
    return words[0].isupper() or words[0].isdigit()


def sections(found: list[Block]) -> list[tuple[Block | None, list[Block]]]:
    """The blocks grouped under their headings: (heading or None for what precedes the first, body)."""
    groups: list[tuple[Block | None, list[Block]]] = [(None, [])]
    for block in found:
        if block.kind == "heading":
            groups.append((block, []))
        else:
            groups[-1][1].append(block)
    return [group for group in groups if group[0] is not None or group[1]]
