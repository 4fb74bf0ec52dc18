"""The UK GDPR as notices cite it: its articles 6, 9 and 10, and its own names.

Contract: ``article_spans(text, taken)`` yields ``(start, end, path)`` for each article citation
whose words show it is the GDPR's, ``path`` spelled as legislation.gov.uk spells it under the
Regulation ("article/6/1/e"). A point letter makes an Art 6 or Art 9 citation the GDPR's on its
own ("Article 6(e)" is Art 6(1)(e), "Art 9(2)(h)"); a bare article number needs the GDPR named
before or after it ("UK GDPR Art 10", "article 6 of the GDPR"); an article "of" something else
("article 6 of our charter"), a point the article does not have ("Article 6(z)") or another
article number ("Article 8 of the Convention") gives nothing. ``name_spans(text, taken, pattern)``
yields the spans of ``GDPR_NAME`` ("General Data Protection Regulation(s)", any capitals, with a
bracketed "(GDPR)" or a year after it) or ``GDPR_ACRONYM`` ("GDPR", "UK GDPR", in capitals).
Both skip spans overlapping ``taken`` and add what they yield to it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

ARTICLE = re.compile(
    r"\b(?P<gdpr>(?:UK\s+|EU\s+)?GDPR\s+)?(?:(?:Article|Art\.?)\s*(?P<number>\d+)|(?<=GDPR )(?P<bare>\d+)(?=\())"
    r"(?P<paragraph>\(\d+\))?(?P<point>\([a-z]\))?", re.IGNORECASE)
GDPR_NAME = re.compile(r"\b(?:(?:UK|EU)\s+)?General\s+Data\s+Protection\s+Regulations?\b"
                       r"(?:\s*\((?:(?:UK|EU)\s+)?GDPR\)|\s+\(EU\)\s+2016/679|\s+20(?:16|18)\b)?", re.IGNORECASE)
GDPR_ACRONYM = re.compile(r"\b(?:(?:UK|EU)\s+)?GDPR\b")
_GDPR_AFTER = re.compile(r"^\s*(?:of\s+)?(?:the\s+)?(?:UK\s+|EU\s+)?(?:GDPR|General Data Protection Regulation)", re.IGNORECASE)
_OF_SOMETHING_ELSE = re.compile(r"^\s+of\s+", re.IGNORECASE)
_ARTICLE_POINTS = {"6": ("1", "abcdef"), "9": ("2", "abcdefghij")}


def overlaps(start: int, end: int, taken: list[tuple[int, int]]) -> bool:
    """True when ``start..end`` overlaps a span in ``taken``."""
    return any(start < other_end and other_start < end for other_start, other_end in taken)


def article_spans(text: str, taken: list[tuple[int, int]]) -> Iterator[tuple[int, int, str]]:
    """(start, end, path) of each UK GDPR article cited (see the module docstring)."""
    for match in ARTICLE.finditer(text):
        number = match["number"] or match["bare"]
        after = text[match.end():match.end() + 60]
        gdpr_after = _GDPR_AFTER.match(after)
        if overlaps(match.start(), match.end(), taken):
            continue
        if _OF_SOMETHING_ELSE.match(after) and not gdpr_after:
            continue  # "article 6 of our charter"
        path = _article_path(number, match["paragraph"], match["point"], bool(match["gdpr"] or gdpr_after))
        if path is None:
            continue
        end = match.end() + (gdpr_after.end() if gdpr_after and not match["gdpr"] else 0)
        taken.append((match.start(), end))
        yield match.start(), end, path


def name_spans(text: str, taken: list[tuple[int, int]], pattern: re.Pattern) -> Iterator[tuple[int, int]]:
    """Spans of the Regulation's names (``GDPR_NAME`` or ``GDPR_ACRONYM``) not already taken."""
    for match in pattern.finditer(text):
        if not overlaps(match.start(), match.end(), taken):
            taken.append(match.span())
            yield match.span()


def _article_path(number: str, paragraph: str | None, point: str | None, named_gdpr: bool) -> str | None:
    """legislation.gov.uk path of a GDPR article, or None when the words do not make it one."""
    paragraph = paragraph.strip("()") if paragraph else None
    point = point.strip("()").lower() if point else None
    if number in _ARTICLE_POINTS and point:
        expected, points = _ARTICLE_POINTS[number]
        if point not in points or paragraph not in (None, expected):
            return None
        return f"article/{number}/{expected}/{point}"
    if named_gdpr and number in {"6", "9", "10"} and not point:
        return f"article/{number}" + (f"/{paragraph}" if paragraph else "")
    return None
