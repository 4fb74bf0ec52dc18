"""UK legal citation parser: the law a notice cites, as legislation.gov.uk identifiers.

Contract: ``find_citations(text, register)`` returns one ``Citation`` per instrument or provision
cited, ordered by ``start``, with ``text[start:end] == phrase``. ``instrument`` is the Act, SI or
UK GDPR IRI (from the register when it knows the instrument); ``provision`` the section, article,
schedule part or paragraph IRI when one is cited, spelled as legislation.gov.uk and
``data/vocab/legislation.ttl`` spell them (``.../ukpga/2004/31/section/11``,
``.../eur/2016/679/article/6/1/e``, ``.../ukpga/2018/12/schedule/1/paragraph/18``); ``basis`` the
lawful-basis concept behind a cited UK GDPR article or DPA 2018 Schedule 1 paragraph
(``eu-gdpr:A6-1-e``, ``sg:DPA2018-Sch1-Para18``), as the notices encode ``dpv:hasLegalBasis``.
An Act with a year that the register does not know is kept with its title and year and
``known=False`` (its ``instrument`` is None), and so are regulations, orders, rules and measures
whose titles have two words or more before that word ("Care Order 2019" is a court order); a
title the register only holds the words of ("Leaving Care Act 2000" for the Children (Leaving
Care) Act 2000) is resolved with ``needs_review=True``. One phrase naming two instruments ("the
Children Act 1989, 2004") gives two citations over the same span.
``load_legislation(root, exclude_council=None)`` reads the register (``register.py``); the UK
GDPR's articles and names are read by ``gdpr.py``. Nothing is guessed: an article number with no
sign that it is the GDPR's ("article 6 of our charter"), a bare "s.47" with no Act in reach, "the
1989 Act" (which points back to an Act named before), or an Act named without a year that the
register does not list gives nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from rdflib import URIRef

from ..namespaces import LEGISLATION
from .gdpr import ARTICLE, GDPR_ACRONYM, GDPR_NAME, article_spans, name_spans, overlaps
from .register import UK_GDPR, LegislationRegister, load_legislation, normalise

__all__ = ["Citation", "LegislationRegister", "find_citations", "load_legislation"]


@dataclass(frozen=True)
class Citation:
    """One cited instrument or provision, with its span in the text given."""

    start: int
    end: int
    phrase: str
    instrument: URIRef | None
    provision: URIRef | None
    title: str
    year: int | None
    known: bool
    basis: URIRef | None = None
    needs_review: bool = False


_WORD = r"(?:[A-Z][\w'’\-]*|\((?:[A-Z][\w'’\-]*)(?:\s+(?:and|of|for|the|in|on|to|&|[A-Z][\w'’\-]*))*\))"
_CONNECTOR = r"(?:and|of|for|the|in|on|to|&)"
_KIND = r"(?:Acts|Act|Regulations|Regulation|Order|Rules|Measure)"
_TITLE = rf"(?:{_WORD}(?:,\s*|\s+)(?:{_CONNECTOR}\s+)*)*?{_KIND}"
_YEAR = r"(?:1[89]\d\d|20\d\d)"
_SECOND_YEAR = rf"(?:\s*(?:,|and|&)\s*(?:the\s+)?({_YEAR})\b(?!\s*/))"
# "Children Act 1989", "Children Act 1989 and 2004", "The Children Act 1989, 2004"
_TITLE_YEAR = re.compile(rf"(?P<title>{_TITLE})\s+(?P<year>{_YEAR})\b(?!\s*/){_SECOND_YEAR}?")
# "the 1989 Children Act", "the 1989 and 2004 Children Acts"
_YEAR_TITLE = re.compile(rf"\b(?P<year>{_YEAR})(?:\s*(?:,|and|&)\s*(?P<year2>{_YEAR}))?\s+(?P<title>{_TITLE})")
# any capitals: only titles the register knows are taken from these
_ANY_CASE_KIND_YEAR = re.compile(rf"\b(?P<kind>act|regulations|order)\s+(?P<year>{_YEAR})\b", re.IGNORECASE)
# "DPA 2018", "CA 1989", "DPA’18": abbreviations, resolved only through the register's labels
_ACRONYM_YEAR = re.compile(r"\b(?P<title>[A-Z]{2,6})(?:\s*|\s*['’])(?P<year>(?:19|20)\d\d|(?<=['’])\d\d)\b(?!\s*/)")
_SI = re.compile(rf"\b(?:SI|S\.I\.)\s*(?:No\.?\s*)?(?P<year>{_YEAR})/(?P<number>\d+)\b")
_SI_AFTER = re.compile(rf"\s*\((?P<si>(?:SI|S\.I\.)\s*{_YEAR}/\d+)\)")
_SECTION_NUMBER = r"\d+[A-Z]{0,2}(?:\(\d+[A-Z]?\))*"
# "s.11", "S47", "Section 17 of (the)", "Sections 10 and 11 of"
# a section mark and number, with a bracketed gloss after it: "S.47 (child protection investigation)"
_SECTION_MARK = r"(?:[Ss]ections?|[Ss]s?\.|[Ss]s?\s?(?=\d))\s*"
_GLOSS = r"(?:\s*\([a-z][^()]{0,60}\))?"
_SECTIONS_BEFORE = re.compile(
    rf"\b{_SECTION_MARK}(?P<numbers>{_SECTION_NUMBER}{_GLOSS}"
    rf"(?:\s*(?:,|and|&|or|or even|and also)\s*(?:{_SECTION_MARK})?{_SECTION_NUMBER}{_GLOSS})*)"
    rf"\s+(?:of\s+)?(?:the\s+)?$")
# "... Act 2012 section 134", "... Act 1989 s.17"
_SECTION_AFTER = re.compile(rf"^,?\s+(?:[Ss]ection|s\.)\s*(?P<numbers>{_SECTION_NUMBER})\b")
# within a schedule, "section 18" can only be meant as its paragraph 18 ("Schedule 1, Part 2, section 18, DPA 2018")
_SCHEDULE = (r"Schedule\s+(?P<schedule>\d+)(?:,?\s+Part\s+(?P<part>\d+))?"
             r"(?:,?\s+(?:paragraph|para\.?|section)\s+(?P<paragraph>\d+))?")
_PARAGRAPH_ITEM = r"(?P<number>\d+)(?:\s*\([^()]{1,80}\))?"
# after a schedule or part: "conditions are: paras 1 (Employment ...) and 2 (Health ...)"
_PARAGRAPH_LIST = re.compile(
    rf"[^.;\n]{{0,40}}?\b(?P<mark>(?:paragraphs?|paras?\.?)\s+)(?P<list>{_PARAGRAPH_ITEM.replace('?P<number>', '')}"
    rf"(?:\s*(?:,\s*and|,|and|&)\s*{_PARAGRAPH_ITEM.replace('?P<number>', '')})*)")
_SCHEDULE_BEFORE = re.compile(rf"\b{_SCHEDULE}(?:,\s*|\s+)(?:of\s+)?(?:the\s+)?$")
_SCHEDULE_AFTER = re.compile(rf"^,?\s+{_SCHEDULE}\b")


def find_citations(text: str, register: LegislationRegister) -> list[Citation]:
    """Every citation of law in ``text`` (see the module docstring), ordered by start."""
    taken: list[tuple[int, int]] = []
    found: list[Citation] = list(_gdpr_by_name(text, taken, GDPR_NAME))
    for citation in (*_instruments_with_years(text, register), *_statutory_instruments(text, register)):
        if not overlaps(citation.start, citation.end, taken) or _same_span(citation, found):
            found.append(citation)
            taken.append((citation.start, citation.end))
    found.extend(_articles(text, register, taken))
    found.extend(_gdpr_by_name(text, taken, GDPR_ACRONYM))
    found.extend(_labelled(text, register, taken))
    return sorted(found, key=lambda c: (c.start, c.end, str(c.provision or c.instrument or c.title)))




def _same_span(citation: Citation, found: list[Citation]) -> bool:
    """True for another instrument over the same words ("Children Act 1989, 2004"), not a repeat."""
    same = [c for c in found if (c.start, c.end) == (citation.start, citation.end)]
    return citation.known and bool(same) and all((c.instrument, c.provision) != (citation.instrument, citation.provision) for c in same)


def _trim_title(title: str, start: int) -> tuple[str, int]:
    """Drop leading words that open a sentence rather than a title ("The", "Under", "Legislation"),
    and everything up to another instrument's name ("Children Act, Education Act 2002")."""
    inner = list(re.finditer(rf"\b{_KIND},?\s+", title))
    if inner:
        start += inner[-1].end()
        title = title[inner[-1].end():]
    words = title.split(" ")
    while len(words) > 2 and words[0].lower() in _OPENERS:
        start += len(words[0]) + 1
        words = words[1:]
    return " ".join(words), start


_OPENERS = {"the", "under", "in", "by", "with", "and", "of", "for", "from", "to", "as", "our", "also",
            "this", "these", "see", "including", "legislation", "law", "laws", "section", "sections"}


def _resolve(title: str, year: int | None, register: LegislationRegister) -> tuple[URIRef | None, str, bool]:
    """The register's instrument for a title and year, trying shorter titles from the left.

    The third value is True when the title only holds words of the registered one (review it).
    """
    words = title.split(" ")
    for first in range(len(words)):
        candidate = " ".join(words[first:])
        iri = register.act(candidate, year)
        if iri is None and year is not None:
            labelled = register.lookup(f"{candidate} {year}")
            iri = next(iter(labelled)) if len(labelled) == 1 else None
        if iri is not None:
            return iri, register.titles.get(iri, candidate), False
    for first in range(len(words)):
        iri, review = register.act_by_words(" ".join(words[first:]), year)
        if iri is not None:
            return iri, register.titles.get(iri, title), review
    tidy = re.sub(r"\s*&\s*", " and ", title)
    return None, tidy if year is None else f"{tidy} {year}", False


def _instruments_with_years(text: str, register: LegislationRegister):
    """Acts and regulations written with their year, with any section or schedule cited with them."""
    matches = []
    for match in _TITLE_YEAR.finditer(text):
        title, start = _trim_title(match["title"], match.start("title"))
        if all(word.lower() in _OPENERS for word in title.split()[:-1]):
            continue  # "Act 2000", "The Act 2000": no title written in capitals (see _known_in_any_case)
        years = [int(match["year"])] + ([int(match.group(3))] if match.group(3) else [])
        matches.append((start, match.end(), title, years))
    for match in _YEAR_TITLE.finditer(text):
        if any(s <= match.start() < e for s, e, *_ in matches):
            continue
        title = re.sub(r"\bActs\b", "Act", match["title"])
        years = [int(match["year"])] + ([int(match["year2"])] if match["year2"] else [])
        # "the 1989 Children Act" only when the register knows it: "the 1989 Act" points back to an
        # Act named before, and "In 2019 Ofsted Regulations changed" has a date, not a title
        if all(_resolve(title, year, register)[0] is not None for year in years):
            matches.append((match.start(), match.end(), title, years))
    for match in _ACRONYM_YEAR.finditer(text):
        if not any(s <= match.start() < e for s, e, *_ in matches):
            matches.append((match.start(), match.end(), match["title"], [_full_year(match["year"])]))
    matches += _known_in_any_case(text, register, matches)
    for start, end, title, years in sorted(matches):
        numbered = _SI_AFTER.match(text, end)
        if numbered:  # "... Regulations 2006 (SI 2006/90)": the number says which instrument
            (si,) = _statutory_instruments(numbered.group("si"), register)
            yield replace(si, start=start, end=numbered.end(), phrase=text[start:numbered.end()],
                          title=si.title if si.known else title)
            continue
        for year in years:
            instrument, normal_title, review = _resolve(title, year, register)
            year = register.years.get(instrument, year) if instrument is not None else year
            if instrument is None and title.isupper():
                continue  # an abbreviation the register does not list: nothing to say which Act
            if instrument is None and not title.endswith(("Act", "Acts")) and len(title.split()) < 3:
                continue  # "Care Order 2019", "House Rules 2020": a one-word title is no instrument's
            if instrument is None and len(years) > 1 and year != years[0]:
                continue  # "Act 1989, 2004": the second year names another Act only if the register has it
            for citation in _with_provisions(text, start, end, instrument, normal_title, year, register):
                yield replace(citation, needs_review=review) if review else citation


def _known_in_any_case(text: str, register: LegislationRegister, matches: list) -> list:
    """Titles the register knows, written with other capitals ("Freedom of information Act 2000")."""
    found = []
    for kind in _ANY_CASE_KIND_YEAR.finditer(text):
        if any(s < kind.end() and kind.start() < e for s, e, *_ in matches):
            continue
        window_at = max(0, kind.start() - 100)
        words = list(re.finditer(r"[\w'’&()-]+", text[window_at:kind.start()]))[-8:]
        for first, word in enumerate(words):
            candidate_at = window_at + word.start()
            candidate = text[candidate_at:kind.end("kind")]
            if word.group().lower() != "the" and register.act(candidate, int(kind["year"])) is not None:
                found.append((candidate_at, kind.end(), candidate, [int(kind["year"])]))
                break
    return found


def _full_year(year: str) -> int:
    """'18 -> 2018, '98 -> 1998 (a two-digit year after an apostrophe); four digits unchanged."""
    number = int(year)
    return number if number > 99 else (2000 + number if number < 50 else 1900 + number)


def _with_provisions(text, start, end, instrument, title, year, register):
    """The citation of one instrument, or one per section or schedule paragraph cited with it."""
    before = text[max(0, start - 120):start]
    after = text[end:end + 80]
    sections = _SECTIONS_BEFORE.search(before)
    schedule = _SCHEDULE_BEFORE.search(before)
    if sections:
        start = start - len(before) + sections.start()
    elif schedule:
        start = start - len(before) + schedule.start()
    else:
        sections = _SECTION_AFTER.match(after)
        schedule = None if sections else _SCHEDULE_AFTER.match(after)
        end += (sections or schedule).end() if (sections or schedule) else 0
    known = instrument is not None
    paths = (_section_paths(sections["numbers"]) if sections
             else [_schedule_path(schedule)] if schedule else [None])
    for path in paths:
        provision = URIRef(f"{instrument}/{path}") if instrument is not None and path else None
        yield Citation(start, end, text[start:end], instrument, provision, title, year, known,
                       register.bases.get(provision) if provision else None)
    if schedule and not schedule["paragraph"] and instrument is not None:
        yield from _paragraph_list(text, end, instrument, schedule["schedule"], title, year, register)


def _paragraph_list(text, end, instrument, schedule, title, year, register):
    """"... Schedule 1 Part 1 conditions are: paras 1 (...) and 2 (...)": one citation per paragraph."""
    listed = _PARAGRAPH_LIST.match(text, end)
    if listed is None:
        return
    for item in re.finditer(_PARAGRAPH_ITEM, listed.group("list")):
        start = listed.start("list") + item.start()
        if item.start() == 0:
            start = listed.start("mark")  # the first item keeps its "paras"
        stop = listed.start("list") + item.end()
        provision = URIRef(f"{instrument}/schedule/{schedule}/paragraph/{item['number']}")
        yield Citation(start, stop, text[start:stop], instrument, provision, title, year, True,
                       register.bases.get(provision))


def _section_paths(numbers: str) -> list[str]:
    paths = []
    for number in re.findall(_SECTION_NUMBER, re.sub(r"\([a-z][^()]*\)", "", numbers)):
        head, *subsections = re.findall(r"\d+[A-Z]{0,2}", number)
        paths.append("/".join(["section", head, *subsections]))
    return paths


def _schedule_path(match: re.Match) -> str:
    if match["paragraph"]:
        return f"schedule/{match['schedule']}/paragraph/{match['paragraph']}"
    if match["part"]:
        return f"schedule/{match['schedule']}/part/{match['part']}"
    return f"schedule/{match['schedule']}"


def _statutory_instruments(text: str, register: LegislationRegister):
    """"SI 2006/90": the instrument by its number."""
    for match in _SI.finditer(text):
        number = f"{match['year']}/{match['number']}"
        instrument = register.by_si_number.get(number)
        title = register.titles.get(instrument, f"SI {number}") if instrument else f"SI {number}"
        yield Citation(match.start(), match.end(), match.group(), instrument or LEGISLATION[f"uksi/{number}"],
                       None, title, int(match["year"]), instrument is not None)


def _articles(text: str, register: LegislationRegister, taken: list[tuple[int, int]]):
    """UK GDPR articles 6, 9 and 10, only where the words show they are the GDPR's (``gdpr.py``)."""
    for start, end, path in article_spans(text, taken):
        provision = URIRef(f"{UK_GDPR}/{path}")
        yield Citation(start, end, text[start:end], UK_GDPR, provision, "UK GDPR", 2016, True, register.bases.get(provision))


def _gdpr_by_name(text: str, taken: list[tuple[int, int]], pattern: re.Pattern):
    """The Regulation by its own names (``gdpr.py``)."""
    for start, end in name_spans(text, taken, pattern):
        yield Citation(start, end, text[start:end], UK_GDPR, None, "UK GDPR", 2016, True)


def _labelled(text: str, register: LegislationRegister, taken: list[tuple[int, int]]):
    """Names the register lists without a year ("DPA'18", "GDPR", "the Children Acts").

    A name the register gives two instruments ("Children Acts": the 1989 and 2004 Acts, as the
    curators read it) gives a citation of each over the same words.
    """
    by_first_word = _yearless_names(register)
    for word in _WORD_START.finditer(text):
        for pattern in by_first_word.get(word.group().lower(), ()):
            match = pattern.match(text, word.start())
            if match is None:
                continue
            start, end = match.span()
            label = normalise(match.group())
            iris = register.labels.get(label)
            if not iris or overlaps(start, end, taken):
                continue
            if " " not in label and len(label) <= 6 and re.search(r"[a-z]", match.group()):
                continue  # a short acronym must be written in capitals ("GDPR", not "gdpr")
            taken.append((start, end))
            for iri in sorted(iris):
                instrument = register.instrument_of(iri)
                provision = None if iri == instrument else iri
                yield Citation(start, end, text[start:end], instrument, provision,
                               register.titles.get(instrument, ""), register.years.get(instrument), True,
                               register.bases.get(iri))
            break


_WORD_START = re.compile(r"(?<![\w'’])\w+")


def _yearless_names(register: LegislationRegister) -> dict[str, list[re.Pattern]]:
    """Patterns of every register name without a year, by first word, longest first (kept on the register)."""
    if "yearless" not in register.cache:
        names = [label for label, iris in register.labels.items()
                 if not (ARTICLE.search(label) or re.search(r"\d{4}", label) or len(label) < 3
                         or not re.search(r"[a-z]{3}", label) or (len(iris) > 1 and re.search(r"\d", label)))]
        by_first_word: dict[str, list[re.Pattern]] = {}
        for name in sorted(names, key=len, reverse=True):
            first = re.match(r"[\w]+", name)
            if first:
                by_first_word.setdefault(first.group(), []).append(_label_pattern(name))
        register.cache["yearless"] = by_first_word
    return register.cache["yearless"]


def _label_pattern(label: str) -> re.Pattern:
    """A pattern for a normalised label that accepts either apostrophe, '&' for 'and' and a leading 'the'."""
    parts = []
    for token in re.split(r"(\s+|')", label):
        if not token or token.isspace():
            parts.append(r"\s+" if token else "")
        elif token == "'":
            parts.append("['\u2019]")
        elif token == "and":
            parts.append(r"(?:and|&)")
        else:
            parts.append(re.escape(token))
    return re.compile(r"(?<![\w'’])" + "".join(parts) + r"(?![\w'’])", re.IGNORECASE)

