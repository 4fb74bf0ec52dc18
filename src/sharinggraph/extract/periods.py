"""Dates, review dates and retention periods, encoded exactly as the text states them.

Contract:

* ``find_dates(text)`` gives ``(start, end, StatedDate)`` for "1 April 2023", "1st April 2023",
  "April 1, 2023", "April 2023", "01/04/2023" (UK day/month order) and "2023-04-01". A
  ``StatedDate`` is a ``datetime.date`` that also knows how much the text said: ``precision``
  "day" or "month"; "April 2023" is ``StatedDate(2023, 4, 1, precision="month")`` and its
  ``literal()`` is ``"2023-04"``, an ``xsd:gYearMonth``, so no day is invented.
* ``find_notice_dates(text)`` gives the dates a notice states about itself, each a ``NoticeDate``
  with ``kind`` "modified" ("Last updated: 25 September 2024", "Last reviewed" then "Date: 17 May
  2025" on a later line) or "next-review" ("Next review: 25 November 2025", "review date"), as
  ``dct:modified`` and ``sg:nextReviewDate`` encode them; ``label`` is the span of the words that
  say which (they may stand on an earlier line, up to ``LABEL_REACH`` characters before).
* ``find_retention(text)`` gives one ``Retention`` per period stated: ``duration`` an
  ``xsd:duration`` ("P25Y", "P6M") when a length of time is stated, ``anchor`` the words it counts
  from or after ("from the date of a child's death", "after the end of the programme"),
  ``anchor_concept`` the ``data/vocab/retention-anchors.ttl`` concept those words name (None when
  none fits), ``until_age`` for "until they reach the age of 25" (an anchor, never a duration;
  "until the child is 18 plus a further three years" is ``until_age=18`` with ``duration="P3Y"``)
  and ``until`` for "until December 2021" / "by 2022" (a ``StatedDate``, precision "year" for a
  year alone). A length of time is a retention period only where the sentence speaks of keeping,
  holding, storing, retaining, archiving or deleting records, or where the length is counted from
  an anchor ("25 years from date of birth"); "aged 16 and 17 years" gives nothing. Two periods
  joined by "or" are two ``Retention`` values: the text does not say which applies.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from rdflib import URIRef

from ..namespaces import SGID

_MONTHS = {name: number for number, names in enumerate(
    [("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",), ("june", "jun"),
     ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"), ("october", "oct"),
     ("november", "nov"), ("december", "dec")], start=1) for name in names}
_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_DATE_FORMS = [
    re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MONTH}\s*,?\s+{_YEAR}\b", re.IGNORECASE),
    re.compile(rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}\b", re.IGNORECASE),
    re.compile(rf"\b(?P<day>[0-3]?\d)/(?P<monthnumber>[01]?\d)/{_YEAR}\b"),
    re.compile(rf"\b{_YEAR}-(?P<monthnumber>[01]\d)-(?P<day>[0-3]\d)\b"),
    re.compile(rf"\b{_MONTH}\s+{_YEAR}\b", re.IGNORECASE),
]


class StatedDate(date):
    """A date with the precision the text gave it ("day", "month" or "year")."""

    precision: str

    def __new__(cls, year: int, month: int = 1, day: int = 1, precision: str = "day"):
        stated = super().__new__(cls, year, month, day)
        stated.precision = precision
        return stated

    def literal(self) -> str:
        """The lexical form as stated: xsd:date "2023-04-01", xsd:gYearMonth "2023-04" or xsd:gYear "2023"."""
        return {"day": self.isoformat(), "month": self.isoformat()[:7], "year": self.isoformat()[:4]}[self.precision]

    def __repr__(self) -> str:
        return f"StatedDate({self.literal()!r})"


def find_dates(text: str) -> list[tuple[int, int, date]]:
    """Every calendar date written in ``text``, ordered by start (see the module docstring)."""
    found: list[tuple[int, int, date | None]] = []  # None: "31 February 2023", kept so no shorter form takes it
    for pattern in _DATE_FORMS:
        for match in pattern.finditer(text):
            if any(s < match.end() and match.start() < e for s, e, _ in found):
                continue
            found.append((match.start(), match.end(), _stated(match)))
    return sorted((item for item in found if item[2] is not None), key=lambda item: item[0])


def _stated(match: re.Match) -> StatedDate | None:
    groups = match.groupdict()
    month = _MONTHS[groups["month"].lower()] if groups.get("month") else int(groups["monthnumber"])
    try:
        if groups.get("day"):
            return StatedDate(int(groups["year"]), month, int(groups["day"]))
        return StatedDate(int(groups["year"]), month, 1, precision="month")
    except ValueError:
        return None  # "31 February 2023", "13/13/2023": not a date


#: How far before a date (in characters) the words that say what it is may stand.
LABEL_REACH = 40
_DATE_LABELS = [
    (re.compile(r"\b(?:next|date of next|due for|to be reviewed by|for) review(?: date)?\b|\breview(?: due)? (?:date|by)\b",
                re.IGNORECASE), "next-review"),
    (re.compile(r"\blast (?:updated|reviewed|revised|modified|amended)\b|\b(?:updated|reviewed|revised)(?: on)?\s*:?$"
                r"|\bdate of (?:last )?(?:update|review)\b|\bpublished(?: on)?\b", re.IGNORECASE), "modified"),
]


@dataclass(frozen=True)
class NoticeDate:
    """A date a notice states about itself: when it was last modified or is next reviewed."""

    start: int
    end: int
    phrase: str
    kind: str
    date: date
    label: tuple[int, int]


def find_notice_dates(text: str) -> list[NoticeDate]:
    """Every date a notice gives for its own update or review (see the module docstring)."""
    found = []
    for start, end, stated in find_dates(text):
        before_at = max(0, start - LABEL_REACH)
        before = text[before_at:start]
        for pattern, kind in _DATE_LABELS:
            labels = list(pattern.finditer(before))
            if labels and not re.search(r"[.!?]\s", before[labels[-1].end():]):
                label = (before_at + labels[-1].start(), before_at + labels[-1].end())
                found.append(NoticeDate(start, end, text[start:end], kind, stated, label))
                break
    return found


@dataclass(frozen=True)
class Retention:
    """One retention period or end point, as stated (see the module docstring)."""

    start: int
    end: int
    phrase: str
    duration: str | None
    anchor: str | None
    anchor_concept: URIRef | None = None
    until_age: int | None = None
    until: date | None = None


_NUMBER_WORDS = {word: number for number, word in enumerate(
    ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
     "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty"])}
_NUMBER_WORDS.update({"thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
                      "ninety": 90, "hundred": 100, "a": 1, "an": 1})
_NUMBER = (r"(?P<number>\d{1,3}|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ](?:one|two|three|"
           r"four|five|six|seven|eight|nine))?|one hundred|a hundred|" + "|".join(
               sorted((w for w in _NUMBER_WORDS if w not in {"a", "an"}), key=len, reverse=True)) + r"|an?)")
_UNIT = r"(?P<unit>years?|months?|weeks?|days?)"
_ANCHOR = (r"(?P<anchor>(?:from|after|following|since|for(?=\s+(?:the\s+)?date\s+of))\s+"
           r"(?:the\s+)?(?!(?:them|it|this)\b)[^.;:()\n]{2,80}?)(?=\s*(?:[.;:()\n]|,|\s+or\s+\d|\s+or\s+[a-z]+\s+(?:years?|months?)|"
           r"\s+to\s+allow|\s+unless|\s+if\s|\s+whichever|\s+and\s+then|$))")
_PERIOD = re.compile(rf"\b{_NUMBER}\s+{_UNIT}(?:\s+{_ANCHOR})?", re.IGNORECASE)
_UNTIL_AGE = re.compile(
    r"\buntil\s+(?P<anchor>[^.;\n]{0,80}?\b(?:reach(?:es)?\s+(?:the\s+)?age\s+of|is|turns|turn|are)\s+"
    r"(?P<age>\d{1,2})(?:\s+years(?:\s+of\s+age|\s+old)?)?)\b"
    rf"(?:\s+plus\s+(?:a\s+)?(?:further\s+)?{_NUMBER.replace('?P<number>', '?P<more>')}\s+(?P<unit>years?|months?))?",
    re.IGNORECASE)
_UNTIL_DATE = re.compile(r"\b(?:up\s+)?(?:until|till|by|before)\s+(?:the\s+end\s+of\s+)?(?P<when>[A-Za-z0-9 ,/-]{4,24})")
_RETENTION_WORDS = re.compile(r"\b(?:keep|kept|keeps|retain\w*|retention|hold|held|holds|store[sd]?|storing|"
                              r"delet\w*|destroy\w*|dispos\w*|archiv\w*|records?)\b", re.IGNORECASE)
_NOT_RETENTION = re.compile(r"\b(?:aged|age[sd]?\s+(?:\d|between)|of\s+age|old\b|ago\b|olds\b)", re.IGNORECASE)
_WHEN = re.compile(r"\s+(?P<anchor>(?:when|once|after)\s+[^.;\n]{3,80}?)(?=[.;\n]|$)", re.IGNORECASE)
_ANCHOR_CONCEPTS = [
    (re.compile(r"\b(?:date of )?birth|birthday", re.IGNORECASE), "date-of-birth"),
    (re.compile(r"\bdeath|died", re.IGNORECASE), "date-of-death"),
    (re.compile(r"\badoption", re.IGNORECASE), "date-of-adoption"),
    (re.compile(r"\blast\s+(?:contact|involvement)|\bcase\s+(?:is\s+|was\s+|has\s+been\s+|being\s+)?closed|closure",
                re.IGNORECASE), "last-involvement"),
    (re.compile(r"\bend of the programme|programme (?:is|has) (?:over|ended)", re.IGNORECASE), "end-of-programme"),
]


def find_retention(text: str) -> list[Retention]:
    """Every retention period, age or end date stated in ``text``, ordered by start."""
    found: list[Retention] = []
    for sentence_start, sentence in _sentences(text):
        retention_sentence = bool(_RETENTION_WORDS.search(sentence))
        for match in _PERIOD.finditer(sentence):
            anchor = match["anchor"]
            if not anchor and not retention_sentence:
                continue
            if _NOT_RETENTION.search(sentence[max(0, match.start() - 12):match.end() + 10]):
                continue
            number = _number(match["number"])
            if number is None:
                continue
            start, end = sentence_start + match.start(), sentence_start + match.end()
            found.append(Retention(start, end, text[start:end], _duration(number, match["unit"]), anchor,
                                   _anchor_concept(anchor)))
        if not retention_sentence:
            continue
        for match in _UNTIL_AGE.finditer(sentence):
            start, end = sentence_start + match.start(), sentence_start + match.end()
            # "until the child is 18 plus a further three years": three years counted from that age
            more = _number(match["more"]) if match["more"] else None
            duration = _duration(more, match["unit"]) if more is not None else None
            found = [r for r in found if not (start <= r.start and r.end <= end)]  # not the "three years" again
            found.append(Retention(start, end, text[start:end], duration, match["anchor"],
                                   SGID["retention-anchor/age-reached"], until_age=int(match["age"])))
        found.extend(_until_dates(text, sentence_start, sentence))
    return sorted(found, key=lambda r: (r.start, r.end))


def _sentences(text: str):
    """(offset, sentence) pairs: cut at full stops followed by a space, and at line ends."""
    start = 0
    for match in re.finditer(r"(?<=[.!?])\s+(?=[A-Z(])|\n+", text):
        yield start, text[start:match.start()]
        start = match.end()
    yield start, text[start:]


def _until_dates(text: str, sentence_start: int, sentence: str):
    """"until December 2021", "by 2022": the date records are kept until, at the precision stated."""
    for match in _UNTIL_DATE.finditer(sentence):
        when_at = match.start("when")
        dates = [d for d in find_dates(match["when"]) if d[0] == 0]
        if dates:
            stated = dates[0][2]
            end = when_at + dates[0][1]
        else:
            year = re.match(r"(?:19|20)\d\d\b(?!\s*[/-])", match["when"])
            if year is None:
                continue
            stated = StatedDate(int(year.group()), precision="year")
            end = when_at + year.end()
        when = _WHEN.match(sentence, end)
        anchor = when["anchor"] if when else None
        start = sentence_start + match.start()
        end = sentence_start + (when.end() if when else end)
        yield Retention(start, end, text[start:end], None, anchor, _anchor_concept(anchor), until=stated)


def _number(word: str) -> int | None:
    word = word.lower().replace("-", " ")
    if word.isdigit():
        return int(word)
    if word in {"one hundred", "a hundred"}:
        return 100
    parts = word.split()
    if all(part in _NUMBER_WORDS for part in parts):
        return sum(_NUMBER_WORDS[part] for part in parts)
    return None


def _duration(number: int, unit: str) -> str:
    unit = unit.lower()
    if unit.startswith("week"):
        return f"P{number * 7}D"
    return f"P{number}{ {'year': 'Y', 'month': 'M', 'day': 'D'}[unit.rstrip('s')] }"


def _anchor_concept(anchor: str | None) -> URIRef | None:
    if not anchor:
        return None
    for pattern, slug in _ANCHOR_CONCEPTS:
        if pattern.search(anchor):
            return SGID[f"retention-anchor/{slug}"]
    return None
