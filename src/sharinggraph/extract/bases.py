"""Lawful bases a notice names in words ("public task", "legal obligation"), not by article.

Contract: ``find_named_bases(text)`` returns ``NamedBasis`` spans ordered by start, each with the
concept the notices encode it with (``dpv:hasLegalBasis``): ``eu-gdpr:A6-1-b`` to ``A6-1-f`` for
the UK GDPR Art 6(1) bases named by their usual names, ``sg:ConsentAsStated`` for consent named
as the basis (no article cited: the text does not say Art 6(1)(a) or Art 9(2)(a)), and
``sg:CommonLawPowers`` for the common law powers of Ministers of the Crown. The words are the
only evidence, so call it on the text a notice gives as its lawful basis (the draft writer's
lawful-basis section): elsewhere "to meet our legal obligations" is a purpose and "with your
consent" a condition of sharing. Consent counts only in a lawful-basis statement ("the lawful
basis ... will be consent") or as a listed basis ("Consent – consultations, surveys"); "substantial
public interest" is the Art 9(2)(g) condition and gives nothing here (cite it by article).
Citations by article ("Article 6(1)(e)") are ``citations.find_citations``'s.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rdflib import URIRef

from ..namespaces import EU_GDPR, SG


@dataclass(frozen=True)
class NamedBasis:
    """A lawful basis named in words, with its span in the text given."""

    start: int
    end: int
    phrase: str
    basis: URIRef


_NAMES: list[tuple[re.Pattern, URIRef]] = [
    (re.compile(r"\bpublic[- ]task\b|\b(?<!substantial )(?:a |tasks? )?(?:carried out )?in the public interest\b"
                r"|\bofficial (?:authority|functions)\b", re.IGNORECASE), EU_GDPR["A6-1-e"]),
    (re.compile(r"\blegal obligations?\b|\blegal duty\b|\bcompl(?:y|iance) with (?:the|a|our) (?:law|legal)\b",
                re.IGNORECASE), EU_GDPR["A6-1-c"]),
    (re.compile(r"\bvital interests?\b", re.IGNORECASE), EU_GDPR["A6-1-d"]),
    (re.compile(r"\blegitimate interests?\b", re.IGNORECASE), EU_GDPR["A6-1-f"]),
    (re.compile(r"\b(?:performance of a|perform a|under a|enter into a) contract\b", re.IGNORECASE),
     EU_GDPR["A6-1-b"]),
    (re.compile(r"\blawful basis\b[^.;\n]{0,120}?\b(?:is|will be|are)\s+(?P<consent>(?:your\s+)?consent)\b"
                r"|(?<![\w-])(?P<listed>Consent)\s*[–—:-]\s", re.IGNORECASE), SG.ConsentAsStated),
    (re.compile(r"\bcommon law powers?\b", re.IGNORECASE), SG.CommonLawPowers),
]


def find_named_bases(text: str) -> list[NamedBasis]:
    """Every lawful basis named in words in ``text`` (see the module docstring)."""
    found = []
    for pattern, basis in _NAMES:
        for match in pattern.finditer(text):
            group = next((g for g in ("consent", "listed") if basis == SG.ConsentAsStated and match.group(g)), 0)
            start, end = match.span(group)
            found.append(NamedBasis(start, end, text[start:end], basis))
    return sorted(found, key=lambda named: (named.start, named.end))
