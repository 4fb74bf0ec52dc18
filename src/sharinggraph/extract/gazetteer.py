"""Party, category, purpose and other concept recognition against the SKOS vocabularies.

Contract: ``Gazetteer.from_vocab(root)`` reads every ``skos:prefLabel``, ``altLabel`` and
``hiddenLabel`` of ``data/vocab``, grouped by scheme name: "party" (recipient types and named
organisations), "category", "purpose", "subject", "condition", "basis", "anchor", "legislation",
"item". ``match(phrase, scheme)`` gives the best concept for a phrase: score 100 for a label equal
after normalisation (case, apostrophes, '&', a leading article), 97 for the same words in the
singular, otherwise the rapidfuzz score when it reaches ``FUZZY_THRESHOLD``; below that,
``Match(None, phrase, score, scheme)``: a candidate new concept the curator must review.
``find(text, scheme)`` finds every label of the scheme written in the text (longest first, whole
words, never overlapping) and returns ``(start, end, Match)`` spans ordered by start.

``exclude_council`` (a ``data/notices`` folder name such as "waltham-forest", or the council's
name as its source record gives it) drops every label whose only evidence is that council's
notices (see ``evidence.py`` for how evidence is read), so an evaluation on that council's notices
has not seen its answers. A concept left with no label is dropped with them.
Evidence is kept at the level the vocabularies record it: a label written by a curator for the
scheme (a preferred label, a hidden abbreviation) is general knowledge and stays; the citation
register (``citations.load_legislation``) is not filtered at all.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from rapidfuzz import fuzz, process
from rdflib import Graph, URIRef
from rdflib.namespace import SKOS

from ..errors import InputError
from ..resources import vocab_files
from .evidence import comment_evidence, council_names, notice_evidence

#: The lowest rapidfuzz score (0..100) that still names a concept; below it a phrase is a candidate.
FUZZY_THRESHOLD = 90.0

_SCHEME_OF_FILE = {
    "recipient-types": "party", "organisations": "party", "data-categories": "category",
    "purposes": "purpose", "data-subjects": "subject", "conditions": "condition",
    "lawful-bases": "basis", "retention-anchors": "anchor", "legislation": "legislation",
    "notice-items": "item",
}
_ARTICLES = re.compile(r"^(?:the|a|an|any|all)\s+")


@dataclass(frozen=True)
class Match:
    """The concept a phrase names (None: a candidate new concept), the label matched and the score."""

    concept: URIRef | None
    label: str
    score: float
    scheme: str


def normalise(text: str) -> str:
    """Lower case, straight apostrophes, 'and' for '&', single spaces, no leading article."""
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("\u00a0", " ")
    text = re.sub(r"\s*&\s*", " and ", text.lower())
    text = re.sub(r"\s+", " ", text).strip(" ,.;:()-–•")
    return _ARTICLES.sub("", text)


def singular(text: str) -> str:
    """Each word without a plural 's' (crude, but enough to meet 'schools' with 'school')."""
    return " ".join(re.sub(r"(?<=[a-z]{3})(?<!s)s$", "", word) for word in text.split(" "))


class Gazetteer:
    """Labels of the vocabularies by scheme, for exact and fuzzy lookups (see the module docstring)."""

    def __init__(self, labels: dict[str, list[tuple[str, URIRef]]]):
        self._labels = labels  # scheme -> [(label as written, concept)]
        self._exact: dict[str, dict[str, tuple[str, URIRef]]] = {}
        self._singular: dict[str, dict[str, tuple[str, URIRef]]] = {}
        self._patterns: dict[str, re.Pattern | None] = {}
        for scheme, entries in labels.items():
            exact, plain = {}, {}
            for label, concept in sorted(entries, key=lambda e: (e[0] != e[0].strip(), str(e[1]))):
                exact.setdefault(normalise(label), (label, concept))
                plain.setdefault(singular(normalise(label)), (label, concept))
            self._exact[scheme], self._singular[scheme] = exact, plain

    @classmethod
    def from_vocab(cls, root: Path, exclude_council: str | None = None) -> "Gazetteer":
        """Read ``root/data/vocab``; without the labels only ``exclude_council`` gave evidence for."""
        entries: dict[str, list[tuple[str, URIRef]]] = {}
        wordings: dict[str, set[str]] = {}  # concept -> its altLabels (normalised): the notices' wording
        for path in vocab_files(root):
            scheme = _SCHEME_OF_FILE.get(path.stem)
            if scheme is None:
                continue
            graph = Graph().parse(path, format="turtle")
            for predicate in (SKOS.prefLabel, SKOS.altLabel, SKOS.hiddenLabel):
                for concept, label in graph.subject_objects(predicate):
                    if isinstance(concept, URIRef) and not str(concept).endswith("/scheme/" + path.stem):
                        entries.setdefault(scheme, []).append((str(label), concept))
                        if predicate == SKOS.altLabel:
                            wordings.setdefault(str(concept), set()).add(normalise(str(label)))
        if exclude_council is not None:
            entries = _without_council(root, entries, wordings, exclude_council)
        return cls(entries)

    def schemes(self) -> list[str]:
        """The scheme names this gazetteer has labels for."""
        return sorted(self._labels)

    def labels(self, scheme: str) -> list[tuple[str, URIRef]]:
        """Every (label, concept) of a scheme."""
        return list(self._labels.get(scheme, []))

    def match(self, phrase: str, scheme: str) -> Match:
        """The concept of ``scheme`` the phrase names, or a candidate (concept None) when none does."""
        exact = self._exact.get(scheme, {})
        key = normalise(phrase)
        if key in exact:
            label, concept = exact[key]
            return Match(concept, label, 100.0, scheme)
        plain = self._singular.get(scheme, {})
        if singular(key) in plain:
            label, concept = plain[singular(key)]
            return Match(concept, label, 97.0, scheme)
        if key and exact:
            best = process.extractOne(key, list(exact), scorer=fuzz.ratio)
            if best is not None and best[1] >= FUZZY_THRESHOLD:
                label, concept = exact[best[0]]
                return Match(concept, label, float(best[1]), scheme)
            score = float(best[1]) if best else 0.0
            return Match(None, phrase, score, scheme)
        return Match(None, phrase, 0.0, scheme)

    def find(self, text: str, scheme: str) -> list[tuple[int, int, Match]]:
        """Every label of ``scheme`` written in ``text``, longest first, never overlapping."""
        pattern = self._pattern(scheme)
        if pattern is None:
            return []
        found: list[tuple[int, int, Match]] = []
        for hit in pattern.finditer(text):
            start, end = hit.span()
            match = self.match(hit.group(), scheme)
            if match.concept is not None and (" " in normalise(hit.group()) or not _is_lowercase_acronym(hit.group(), match.label)):
                found.append((start, end, match))
        return found

    def _pattern(self, scheme: str) -> re.Pattern | None:
        if scheme not in self._patterns:
            keys = sorted({normalise(label) for label, _ in self._labels.get(scheme, [])} - {""}, key=len, reverse=True)
            alternatives = [_label_regex(key) for key in keys]
            self._patterns[scheme] = (re.compile(r"(?<![\w'’])(?:" + "|".join(alternatives) + r")(?![\w'’])",
                                                 re.IGNORECASE) if alternatives else None)
        return self._patterns[scheme]


def _label_regex(key: str) -> str:
    """A normalised label as a pattern: any apostrophe, '&' or 'and', any run of spaces, plural 's'."""
    escaped = re.escape(key).replace("'", "['\u2019]").replace(r"\ and\ ", r"\s*(?:and|&)\s*")
    return re.sub(r"(\\ )+", r"\\s+", escaped) + "s?"


def _is_lowercase_acronym(written: str, label: str) -> bool:
    """True when a label written in capitals ("GP", "YOT") is met in lower case in the text."""
    return label.isupper() and len(label) <= 5 and not written.isupper()


def _without_council(root: Path, entries, wordings: dict[str, set[str]], council: str):
    """The entries without the labels whose only evidence is ``council``'s notices.

    Quoted words in the notices count as evidence for alternative labels only (the notices' own
    wording); line comments in the vocabularies count for any label.
    """
    names = council_names(root)
    folder = names.get(council.lower())
    if folder is None:
        raise InputError(f"unknown council {council!r}: expected one of {', '.join(sorted(set(names.values())))}")
    evidence = notice_evidence(root, wordings, normalise)
    for (concept, label), councils in comment_evidence(root).items():
        evidence.setdefault((concept, normalise(label)), set()).update(councils)
    kept = {}
    for scheme, scheme_entries in entries.items():
        kept[scheme] = [(label, concept) for label, concept in scheme_entries
                        if evidence.get((str(concept), normalise(label)), set()) != {folder}]
    return kept
