"""One party per body named: split a recipient or source phrase into the bodies it names.

Contract: ``split_parties(phrase, start=0, keep=None)`` returns ``(start, end, text)`` spans, in
order, where ``text == phrase[s - start:e - start]`` (so, given the phrase's offset in a document,
the spans are offsets into that document). It splits a list at commas, semicolons, "and", "or",
"and/or", "&" (an Oxford comma is one separator), and two single words joined by a slash
("education/schools"); it gives the head and each example of "such as", "e.g.", "for example",
"including" and a bracketed list ("Health professionals (GPs, health visitors)"); a bracket that
is not a list ("Youth Offending Team (YOT)", "Elected Members (as your representative)") stays
with the party before it. A shared-head phrase, whose first item is an adjective ("Medical,
educational or social care professionals", "Domiciliary, Residential and Day Care Providers"),
stays one party, and so do two record nouns sharing a complement ("details and records of your
child's care, support and wellbeing"), a shared prefix ("pre- and post-16") and a proper name whose words
are all capitalised and end in an organisation noun ("Disclosure & Barring Service",
"Department for Levelling Up, Housing and Communities"). ``keep``, when given, is asked about
each part before it is split: True keeps it whole (pass the gazetteer, so that a known name such
as "Kensington and Chelsea" stays one). A short clause that qualifies the list ("as allowed by
law", "where required": under ``CLAUSE_WORDS`` words) is not a party and gives no span. Nothing
is added: every span is words of the phrase. ``match_parties`` splits and matches in one call.
Around the split: ``without_clauses`` leaves out the clauses that qualify a body, ``first_sentence_end``
where an item's names stop, ``example_spans`` and ``without_unknown_head`` the examples a phrase gives
and the unknown kind they stand for, ``names_no_body`` the words that name none ("agencies"), and
``lookup_variants`` the shorter forms of a phrase to look up.
"""

from __future__ import annotations

import re
from collections.abc import Callable

# examples start, or a second named body the information passes through ("the project via Camden Council")
_INTRODUCERS = re.compile(r"\s*(?:,\s*)?\b(?:such as|e\.g\.?|eg|for example|including|includes?|like)\b:?\s*|:\s+|"
                          r"\s+via\s+(?=(?:the\s+)?(?-i:[A-Z]))", re.IGNORECASE)
_SEPARATOR = re.compile(r"\s*(?:,\s*(?:and/or|and|or|as well as)\s+|,\s*|;\s*|\s+and/or\s+|\s+and\s+|\s+or\s+|"
                        r"\s+as well as\s+|\s*&\s*)", re.IGNORECASE)
_ADJECTIVE = re.compile(r"^[A-Za-z]+(?:al|ial|ic|ical|ary|ory|ive|ous|ent|ant|ile)$", re.IGNORECASE)
# "as allowed by law", "where required": a condition on the list, not a body
_QUALIFYING_CLAUSE = re.compile(r"(?:as|where|when|if|unless|which|who|that|in accordance|subject to)\b", re.IGNORECASE)
_CONNECTORS = re.compile(r"\b(?:and/or|and|or|the)\b", re.IGNORECASE)
_TRIM = " \t\n,.;:•-–[]"
_LEADING_FILLER = re.compile(r"(?:and|or|also|other than|with)\s+", re.IGNORECASE)  # matched at a position: no "^"


def split_parties(phrase: str, start: int = 0,
                  keep: Callable[[str], bool] | None = None) -> list[tuple[int, int, str]]:
    """The bodies a phrase names, as spans offset by ``start`` (see the module docstring)."""
    spans = [(start + s, start + e, phrase[s:e]) for s, e in _split(phrase, 0, len(phrase), keep)]
    return [span for span in spans if re.search(r"[A-Za-z]{2}", _CONNECTORS.sub("", span[2]))]


def _split(text: str, lo: int, hi: int, keep: Callable[[str], bool] | None) -> list[tuple[int, int]]:
    """Spans of the parties in ``text[lo:hi]``."""
    lo, hi = _trimmed(text, lo, hi)
    leading = _INTRODUCERS.match(text, lo, hi)
    if leading is not None and leading.end() > lo:  # "(such as early years settings, schools ...)"
        lo, hi = _trimmed(text, leading.end(), hi)
    if lo >= hi or (_QUALIFYING_CLAUSE.match(text, lo, hi) and len(text[lo:hi].split()) < CLAUSE_WORDS):
        return []
    if keep is not None and keep(text[lo:hi]):
        return [(lo, hi)]
    introducer = _first_outside_brackets(_INTRODUCERS, text, lo, hi)
    if introducer is not None:
        return _split(text, lo, introducer.start(), keep) + _split(text, introducer.end(), hi, keep)
    bracket = _list_bracket(text, lo, hi)
    if bracket is not None:
        open_at, close_at = bracket
        return (_split(text, lo, open_at, keep) + _split(text, open_at + 1, close_at, keep)
                + _split(text, close_at + 1, hi, keep))
    if _SHARED_COMPLEMENT.match(text, lo, hi):  # "details and records of your child's care, support ..."
        return [(lo, hi)]
    items = _record_complements(text, _conjuncts(text, lo, hi), keep)
    if len(items) > 1 and (_shared_head(text, items) or _proper_name(text, items, keep)):
        return [(lo, hi)]
    paired = _adjective_pairs(text, items, keep)
    if len(paired) > 1:
        return [span for s, e in _kept_runs(text, paired, keep) for span in _split(text, s, e, keep)]
    return [(lo, hi)]


def _adjective_pairs(text: str, items: list[tuple[int, int]], keep: Callable[[str], bool] | None) -> list[tuple[int, int]]:
    """Items with a lone adjective joined by "and" / "or" to the next item, whose head it shares
    ("racial or ethnic origin", "physical or mental health"), unless ``keep`` knows the word alone;
    and a lone word that begins the next item ("Housing & Housing Support providers")."""
    joined: list[tuple[int, int]] = []
    for item in items:
        lone = joined and " " not in text[joined[-1][0]:joined[-1][1]].strip()
        repeated = lone and text[item[0]:item[1]].split()[0].lower() == text[joined[-1][0]:joined[-1][1]].strip().lower()
        if joined and (_lone_adjective(text, joined[-1], keep) or repeated) and re.fullmatch(
                r"\s*(?:and|or|&)\s*", text[joined[-1][1]:item[0]], re.I) and len(text[item[0]:item[1]].split()) >= 2:
            joined[-1] = (joined[-1][0], item[1])
        else:
            joined.append(item)
    return joined


def _lone_adjective(text: str, item: tuple[int, int], keep: Callable[[str], bool] | None) -> bool:
    word = text[item[0]:item[1]].strip()
    return " " not in word and _adjective(word) and (keep is None or not keep(word))


def _kept_runs(text: str, items: list[tuple[int, int]], keep: Callable[[str], bool] | None) -> list[tuple[int, int]]:
    """Items with each longest run of them that ``keep`` accepts as one name joined back together."""
    if keep is None:
        return items
    runs, i = [], 0
    while i < len(items):
        j = next((j for j in range(len(items) - 1, i, -1) if keep(text[items[i][0]:items[j][1]])), i)
        runs.append((items[i][0], items[j][1]))
        i = j + 1
    return runs


def _trimmed(text: str, lo: int, hi: int) -> tuple[int, int]:
    while lo < hi and text[lo] in _TRIM:
        lo += 1
    while hi > lo and text[hi - 1] in _TRIM:
        hi -= 1
    if hi > lo and text[hi - 1] == "(" or (hi > lo and text[hi - 1] == ")" and "(" not in text[lo:hi]):
        hi -= 1
    filler = _LEADING_FILLER.match(text, lo, hi)
    if filler:
        lo = filler.end()
    if lo < hi and text[lo] == "(" and ")" not in text[lo:hi]:
        lo += 1
    return lo, hi


def _depths(text: str, lo: int, hi: int) -> list[int]:
    """Bracket depth at each position of ``text[lo:hi]``."""
    depth, depths = 0, []
    for char in text[lo:hi]:
        if char == "(":
            depth += 1
        depths.append(depth)
        if char == ")":
            depth = max(0, depth - 1)
    return depths


def _first_outside_brackets(pattern: re.Pattern, text: str, lo: int, hi: int) -> re.Match | None:
    depths = _depths(text, lo, hi)
    for match in pattern.finditer(text, lo, hi):
        if depths[match.start() - lo] == 0 and match.start() > lo and match.end() < hi:
            return match
    return None


def _list_bracket(text: str, lo: int, hi: int) -> tuple[int, int] | None:
    """The first bracket at depth 0 whose content is a list of two or more parties, or examples
    ("government departments (e.g. the Home Office)")."""
    for match in re.finditer(r"\(([^()]*)\)", text[lo:hi]):
        content = match.group(1)
        examples = _INTRODUCERS.match(content) is not None and _INTRODUCERS.match(content).end() > 0
        if examples or _SEPARATOR.search(content) and not re.match(r"\s*(?:for|as|in|on|of|to|with|who|which|where)\b",
                                                                    content, re.IGNORECASE):
            return lo + match.start(), lo + match.end() - 1
    return None


_RECORD_NOUN = r"(?:details|records|information|data|copies|reports|notes)"
# two record nouns sharing what follows: one record, whatever the list after "of" holds
_SHARED_COMPLEMENT = re.compile(rf"{_RECORD_NOUN}\s+(?:and|or|and/or)\s+{_RECORD_NOUN}\s+(?:of|about|on)\b", re.IGNORECASE)
# a record and what it is of: "details of family", "sensitive information about you"
_RECORD_OF = re.compile(rf"(?:[\w’'-]+\s+){{0,2}}?{_RECORD_NOUN}\s+(?:of|about|on|regarding|concerning|relating to)\s", re.IGNORECASE)


def _record_complements(text: str, items: list[tuple[int, int]],
                        keep: Callable[[str], bool] | None) -> list[tuple[int, int]]:
    """Items with those that continue a record's complement joined to it: "details of family and close
    relations", "sensitive information about you and your family" are one record each; an item with a
    record noun of its own ("details of family, contact details"), or that ``keep`` knows ("details
    of any special educational needs and any exclusions"), starts another."""
    joined: list[tuple[int, int]] = []
    for item in items:
        words = text[item[0]:item[1]]
        continues = joined and _RECORD_OF.match(text, *joined[-1]) and not re.search(
            rf"\b{_RECORD_NOUN}\b", words, re.IGNORECASE) and (keep is None or not keep(words.strip()))
        joined[-1:] = [(joined[-1][0], item[1])] if continues else [*joined[-1:], item]
    return joined


_SLASHED_WORDS = re.compile(r"\s*([A-Za-z]+)/([A-Za-z]+)\s*")


def _conjuncts(text: str, lo: int, hi: int) -> list[tuple[int, int]]:
    """``text[lo:hi]`` cut at list separators outside brackets, not after a hyphen ("pre- and post-16")."""
    depths = _depths(text, lo, hi)
    items, begin = [], lo
    for match in _SEPARATOR.finditer(text, lo, hi):
        if depths[match.start() - lo] or text[match.start() - 1] == "-" or match.start() == lo:
            continue
        items.append((begin, match.start()))
        begin = match.end()
    items.append((begin, hi))
    return [piece for item in items for piece in _slashed(text, *item)]


def _slashed(text: str, lo: int, hi: int) -> list[tuple[int, int]]:
    """"education/schools": two words with a slash and nothing else are two parties."""
    pair = _SLASHED_WORDS.fullmatch(text, lo, hi)
    if pair is None or pair[1].lower() in {"and", "or"}:
        return [(lo, hi)]
    return [pair.span(1), pair.span(2)]


def _shared_head(text: str, items: list[tuple[int, int]]) -> bool:
    """True when the first item is a lone adjective modifying the last item's head noun: every
    item but the last is a lone adjective ("Medical, educational or social care professionals"),
    or the head is plural ("Domiciliary, Residential, Nursing Home and Day Care Care Providers");
    not "racial or ethnic origin, sex life or sexual orientation, and health information"."""
    leading = [text[s:e].strip() for s, e in items[:-1]]
    last = text[items[-1][0]:items[-1][1]].strip().split()
    if not _adjective(leading[0]) or len(last) < 2:
        return False
    return all(_adjective(word) for word in leading) or bool(re.search(r"[^s]s$", last[-1]))


# words that qualify a kind of body without an adjective's ending ("Private and voluntary sector partners")
_ATTRIBUTIVE = {"private", "public", "independent", "voluntary", "statutory", "local", "national", "external",
                "internal", "specialist"}


def _adjective(word: str) -> bool:
    return bool(_ADJECTIVE.match(word)) or word.lower() in _ATTRIBUTIVE


_ORGANISATION_NOUNS = {"service", "board", "commission", "council", "trust", "agency", "department", "team",
                       "office", "partnership", "authority", "unit", "foundation", "centre", "court", "tribunal", "project"}
_NAME_CONNECTORS = {"and", "&", "of", "for", "the", "in", "on"}


def _proper_name(text: str, items: list[tuple[int, int]], keep: Callable[[str], bool] | None = None) -> bool:
    """True for one body's name written with 'and' or commas ("Disclosure & Barring Service", "the
    Rescue and Response team": its last word, an organisation noun, may be in lower case); not when
    ``keep`` knows the first item as a body of its own ("Police and Youth Offending Team")."""
    if len(items) > 2 and not re.match(r"(?:Department|Ministry|Office) (?:for|of)\b", text[items[0][0]:]):
        return False  # "Police, Health and Probation Service" is a list
    if any(text[s:e].startswith("the ") for s, e in items[1:]):
        return False  # "Borough Police and the Metropolitan Police Service": a second body, with its article
    if keep is not None and keep(text[items[0][0]:items[0][1]].strip()):
        return False
    words = [w for s, e in items for w in re.findall(r"[\w'’]+", text[s:e])]
    if words and words[-1].lower() in _ORGANISATION_NOUNS:
        words = words[:-1]
    if not words or any(not w[0].isupper() and w.lower() not in _NAME_CONNECTORS for w in words):
        return False
    first = text[items[0][0]:items[0][1]].split()
    last_word = text[items[-1][0]:items[-1][1]].split()[-1].lower()
    if re.match(r"(?:Department|Ministry|Office|Secretary of State) (?:for|of)\b", " ".join(first)):
        return True
    return last_word in _ORGANISATION_NOUNS and first[-1].lower() not in _ORGANISATION_NOUNS


_QUALIFIER = re.compile(r"(?P<name>[^()]+?)\s*\([^()]*\)\s*$")
# a clause that qualifies the body before it: a relative clause, a purpose, a condition, or a participle
# ("Contractors providing IT and research services", "agencies involved in your care")
_RELATIVE = re.compile(r"\s+(?:(?i:who|whom|which|whose|from whom|with whom|that (?:are|is|have|has|may|will|we|you)|"
                       r"in order to|so that|to carry out|where|when|if|unless)|providing|working|involved|deemed(?!\s+(?:to be\s+)?relevant)|acting|"
                       r"delivering|commissioned|contracted|attending|based|known)\b")
_EXAMPLES = re.compile(r"\b(?:including|such as|for example|e\.g\.)", re.I)
# the end of a sentence: "e.g." and "i.e." end none
_SENTENCE_END = re.compile(r"(?<!\be\.g)(?<!\bi\.e)[.!?]\s+(?=[A-Z])")


def without_clauses(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """``text[start:end]`` without the clauses that qualify a body ("who ...", "providing ..."),
    each up to the examples that follow it ("individuals involved in your child's care, including
    health and other care providers": the individuals, then the examples), as spans."""
    clause = _RELATIVE.search(text, start, end)
    if clause is None:
        return [(start, end)]
    examples = _EXAMPLES.search(text, clause.end(), end)
    return [(start, clause.start())] + (without_clauses(text, examples.start(), end) if examples else [])


def first_sentence_end(text: str, start: int, end: int) -> int:
    """Where the first sentence of ``text[start:end]`` ends ("Legal Services. This is so that ...":
    after "Legal Services"), or ``end``."""
    stop = _SENTENCE_END.search(text, start, end)
    return stop.start() if stop else end
#: Words from which ``match_parties`` treats an unmatched part as a clause and looks for labels inside it.
CLAUSE_WORDS = 6


def match_parties(phrase: str, start: int, gazetteer, council=None, scheme: str = "party") -> list[tuple[int, int, object]]:
    """Each body a phrase names with its ``gazetteer.Match`` (concept None: a candidate to review).

    ``scheme`` "category" (or another scheme) reads a list of data categories the same way.

    Splits with ``split_parties`` and matches each part in the "party" scheme for ``council``. A
    part stays whole when the gazetteer knows it exactly, or when it is "X and Y Z" whose lone
    first word names nothing while the whole names a concept ("Drug and Alcohol support
    services": one service for both; "police and secure units" splits, police being a body). A
    part that matches nothing is searched for the labels written inside it when it is as long as
    a clause (``CLAUSE_WORDS`` words or more, and not a capitalised name: the draft writer may hand
    over a sentence), and stays a candidate otherwise: in a short phrase a label inside a name
    ("Housing" in "Department for Levelling Up, Housing and Communities") is not a body named. A
    bracketed qualifier is left out of the lookup when the whole names nothing ("Universities
    (social workers training)"); the span keeps it.
    """
    found = []
    def match(words: str):
        return gazetteer.match(words, scheme, council)

    for s, e, part in split_parties(phrase, start, lambda part: one_body(part, match)):
        match = gazetteer.match(part, scheme, council)
        qualified = _QUALIFIER.match(part)
        if match.concept is None and qualified:  # "Universities (social workers training)"
            match = gazetteer.match(qualified["name"], scheme, council)
        clause = len(part.split()) >= CLAUSE_WORDS and not _proper_name(part, [(0, len(part))])
        inner = gazetteer.find(part, scheme, council) if match.concept is None and clause else []
        if inner:
            found += [(s + i, s + j, inner_match) for i, j, inner_match in inner]
        else:
            found.append((s, e, match))
    return found


def one_body(part: str, match: Callable[[str], object]) -> bool:
    """Whether a part of a list is one body: a label the vocabularies know (``match(words)`` scores
    97 or more), or "(the) X and Y Z" whose lone first word names nothing while the whole names a
    concept ("Drug and Alcohol support services", "the child and adolescent mental health team")."""
    if re.search(r"\svia\s", part):
        return False  # "the project via Camden Council": two bodies
    whole = match(part)
    if whole.score >= 97:
        return True
    shared = re.fullmatch(r"(?:the\s+)?([A-Za-z]+)\s+(?:and|&|or)\s+([\w'’-]+(?:\s+[\w'’-]+)+)", part.strip())
    return bool(shared and whole.concept is not None and match(shared[1]).concept is None)


_GENERIC_TAIL = re.compile(r"\s+(?:information|data|details|records?)$", re.I)
_LOOKUP_QUALIFIER = re.compile(r"\s+(?:\(|e\.g\.|who\b|whom\b|from whom\b|that\b|which\b|with whom\b|involved\b|"
                               r"your family\b|deemed\b|in\s+[A-Z]).*$")
_JUDGED_RELEVANT = re.compile(r"(?P<noun>[A-Za-z]+)\s+(?:deemed|considered|thought|judged)\s+(?:to be\s+)?relevant\b", re.I)
_LEADING = re.compile(r"^(?:any|other|all|relevant|your|their|the|a|an|some|details of|information about|such as|"
                      r"including|includes|e\.g\.|for example)\s+", re.I)


def lookup_variants(phrase: str) -> list[str]:
    """``phrase``, then without what qualifies it, its leading 'other'/'any' and a generic last
    word ("information", "data"): the lookups tried in turn, the quote staying the whole phrase."""
    shorter = _LOOKUP_QUALIFIER.sub("", phrase)
    while _LEADING.match(shorter):
        shorter = _LEADING.sub("", shorter, count=1)
    plain = _GENERIC_TAIL.sub("", shorter)
    judged = _JUDGED_RELEVANT.search(phrase)  # "agency deemed relevant to the enquiry": a relevant agency
    relevant = [f"relevant {judged['noun']}"] if judged else []
    return [words for words in dict.fromkeys([phrase, *relevant, shorter, plain, _last_word_singular(plain)]) if words.strip()]


def _last_word_singular(words: str) -> str:
    """``words`` with its last word in the singular ("addresses" -> "address", "bodies" -> "body")."""
    for plural, single in (("sses", "ss"), ("ies", "y"), ("xes", "x"), ("ches", "ch"), ("shes", "sh"), ("s", "")):
        if words.lower().endswith(plural) and not words.lower().endswith("ss"):
            return words[: len(words) - len(plural)] + single
    return words


# words that name no body, not even a kind of one: "others", bare "agencies" or "services", "someone else"
_NO_BODY = re.compile(r"(?:others|other people|other parties|agencies|services|organisations|bodies|"
                      r"(?:a number|a range|a variety) of (?:agencies|services|organisations|bodies)|someone(?: else)?|"
                      r"any(?:one| other person)(?: else)?)", re.I)


def names_no_body(words: str) -> bool:
    """Whether ``words`` name no body at all ("agencies", "a number of services", "someone else")."""
    return _NO_BODY.fullmatch(words.strip()) is not None


# words that introduce examples: "such as", "including", "for example", "e.g."
_EXAMPLES_START = re.compile(r"\b(?:such as|including|includes|for example|e\.g\.?|like)\b", re.I)


def example_spans(phrase: str, start: int) -> list[tuple[int, int]]:
    """Where ``phrase`` (at ``start``) gives examples: inside each bracket, and after "such as",
    "including" ... outside brackets, to the end of the phrase."""
    spans = [(start + m.start(), start + m.end()) for m in re.finditer(r"\([^()]*\)?", phrase)]
    for match in _EXAMPLES_START.finditer(phrase):
        if not any(lo <= start + match.start() < hi for lo, hi in spans):
            return spans + [(start + match.end(), start + len(phrase))]
    return spans


def without_unknown_head(parts: list[tuple[int, int, str]], examples: list[tuple[int, int]],
                         known: Callable[[str], bool]) -> list[tuple[int, int, str]]:
    """``parts`` (spans with their words) without the kind that heads ``examples`` ("Judicial
    Agencies e.g. Courts") when ``known`` knows none of its words and knows an example: the
    examples name the bodies."""
    if not examples:
        return parts
    first = min(lo for lo, _ in examples)
    before = [part for part in parts if part[1] <= first]
    named = [part for part in parts if part[0] >= first and known(part[2])]
    if before and named and not known(before[-1][2]):
        return [part for part in parts if part is not before[-1]]
    return parts
