"""Lawful bases named in words, as the curated notices encode them (dpv:hasLegalBasis)."""

from __future__ import annotations

import pytest

from sharinggraph.extract.bases import find_named_bases
from sharinggraph.namespaces import EU_GDPR, SG


def named(text):
    return [(b.phrase, b.basis) for b in find_named_bases(text)]


@pytest.mark.parametrize(("text", "expected"), [
    # 002 line 37 -> wandsworth :basis-legal-obligation, :basis-public-task
    ("Legal obligation or public task under various UK laws including but not limited to:",
     [("Legal obligation", EU_GDPR["A6-1-c"]), ("public task", EU_GDPR["A6-1-e"])]),
    # 003 line 15 -> waltham-forest/troubled-families: consent as the basis, no article cited
    (("The lawful basis on which we rely in order to use the information which we collect about you for the "
     "purposes set out in this notice will be consent."), [("consent", SG.ConsentAsStated)]),
    # 002 line 52: "Consent – consultations, surveys, some consent-based research"
    ("Consent – consultations, surveys, some consent-based research", [("Consent", SG.ConsentAsStated)]),
    # 004 line 231
    ("to carry out tasks in the public interest.", [("tasks in the public interest", EU_GDPR["A6-1-e"])]),
    # 004 line 15 -> kensington-chelsea-westminster/general: the Ministers' common law power
    ("Ministers of the Crown have ordinary common law power to do whatever a natural person may do.",
     [("common law power", SG.CommonLawPowers)]),
    ("processing necessary for our legitimate interests or to protect vital interests",
     [("legitimate interests", EU_GDPR["A6-1-f"]), ("vital interests", EU_GDPR["A6-1-d"])]),
])
def test_bases_named_in_words(text, expected):
    assert named(text) == expected


@pytest.mark.parametrize("text", [
    "Article 9(g) Reasons of substantial public interest (with a basis in law)",   # 001 line 69: Art 9, by article
    "with your consent we will share your information with your GP",              # a condition, not the basis
    "some consent-based research",
    "we have a contractor who runs the system",
])
def test_words_that_name_no_basis_give_nothing(text):
    assert find_named_bases(text) == []
