"""Dates and retention periods, encoded exactly as stated."""

from __future__ import annotations

from datetime import date

import pytest
from conftest import ROOT, SOURCES, needs_sources
from rdflib import Graph
from rdflib.namespace import SKOS

from sharinggraph.extract.periods import find_dates, find_retention
from sharinggraph.namespaces import SGID

ANCHOR = SGID["retention-anchor/"]


@pytest.mark.parametrize(("text", "expected", "literal"), [
    ("Last reviewed Date: 17 May 2025", date(2025, 5, 17), "2025-05-17"),   # 001 line 155
    ("last updated 25 September 2024", date(2024, 9, 25), "2024-09-25"),
    ("reviewed 1st April 2023.", date(2023, 4, 1), "2023-04-01"),
    ("from 01/04/2023", date(2023, 4, 1), "2023-04-01"),
    ("in April 2023", date(2023, 4, 1), "2023-04"),   # a month: no day is invented
])
def test_dates_as_written(text, expected, literal):
    ((start, end, found),) = find_dates(text)
    assert found == expected and found.literal() == literal and text[start:end] in text


def test_impossible_dates_give_nothing():
    assert find_dates("31 February 2023, 13/13/2023, the 2023 programme") == []


def retention(text):
    return [(r.phrase, r.duration, r.anchor, r.anchor_concept, r.until_age, r.until and r.until.literal())
            for r in find_retention(text)]


def test_two_periods_joined_by_or_are_two_rules():
    # 001 line 133
    text = "Child Protection - 75 years from date of birth or 6 years from the date of a child’s death"
    assert retention(text) == [
        ("75 years from date of birth", "P75Y", "from date of birth", ANCHOR + "date-of-birth", None, None),
        ("6 years from the date of a child’s death", "P6Y", "from the date of a child’s death",
         ANCHOR + "date-of-death", None, None)]


def test_an_age_is_an_anchor_not_a_duration():
    assert retention("Records are kept until the child is 25.") == [
        ("until the child is 25", None, "the child is 25", ANCHOR + "age-reached", 25, None)]


def test_an_end_date_keeps_the_precision_stated():
    assert retention("Data will be retained up until December 2021.") == [
        ("up until December 2021", None, None, None, None, "2021-12")]


def test_words_for_numbers_and_anchors_after_an_event():
    assert retention("information will be held for seven years after the case is closed.") == [
        ("seven years after the case is closed", "P7Y", "after the case is closed", ANCHOR + "last-involvement",
         None, None)]


@pytest.mark.parametrize("text", [
    "young people aged 16 and 17 years at the start of each academic year",   # 004 line 68
    "children and young people aged 10-17 years who have attended court",     # 004 line 139
    "We have worked with families for 20 years.",
    "The Troubled Families Programme 2015-2020",
])
def test_lengths_of_time_that_are_not_retention_give_nothing(text):
    assert find_retention(text) == []


def test_every_anchor_concept_is_in_the_vocabulary():
    anchors = set(Graph().parse(ROOT / "data" / "vocab" / "retention-anchors.ttl").subjects(SKOS.inScheme, None))
    text = ("kept 1 year from birth, 2 years after death, 3 years after adoption, 4 years after last contact, "
            "5 years after the end of the programme, until they reach the age of 25")
    found = {r.anchor_concept for r in find_retention("We keep records " + text)}
    assert found and found <= anchors


@needs_sources
def test_the_seed_retention_rules_are_found():
    # 001 lines 132-135: seven periods, each with its anchor, as the curated encoding has them
    text = "\n".join((SOURCES / "001_58618d6735e90a87.txt").read_text(encoding="utf-8").splitlines()[131:135])
    assert [(r.duration, str(r.anchor_concept).rsplit("/", 1)[1]) for r in find_retention(text)] == [
        ("P25Y", "date-of-birth"), ("P75Y", "date-of-birth"), ("P6Y", "date-of-death"), ("P75Y", "date-of-birth"),
        ("P15Y", "date-of-death"), ("P100Y", "date-of-adoption"), ("P15Y", "date-of-death")]


@needs_sources
@pytest.mark.parametrize(("seed", "expected"), [
    # 000 lines 1-2 -> waltham-forest/childrens-social-care :modified, :next-review
    ("000_417e6ee113b7d9fc.txt", [("modified", "2024-09-25", "Last updated"), ("next-review", "2025-09-25", "Next review")]),
    # 001 lines 153-155: "Last reviewed", a blank line, "Date: 17 May 2025" -> :modified
    ("001_58618d6735e90a87.txt", [("modified", "2025-05-17", "Last reviewed")]),
    # 004 states no date (data/sources record: "The captured text states no date")
    ("004_2d7eb2bdda8ad05d.txt", []),
])
def test_the_seed_notices_own_dates(seed, expected):
    from sharinggraph.extract.periods import find_notice_dates

    text = (SOURCES / seed).read_text(encoding="utf-8")
    found = [(d.kind, d.date.literal(), text[d.label[0]:d.label[1]]) for d in find_notice_dates(text)]
    assert found == expected


def test_a_date_with_no_words_about_the_notice_is_not_a_notice_date():
    from sharinggraph.extract.periods import find_notice_dates

    assert find_notice_dates("The programme ran from 1 April 2015. We review it every year.") == []
    (review,) = find_notice_dates("Published. Next review date: March 2026")
    assert (review.kind, review.date.literal()) == ("next-review", "2026-03")


# Forms from other councils' retention statements (development set; texts not committed):
# Devon https://beta.devon.gov.uk/recordretention/children-social-care/
# North Somerset https://n-somerset.gov.uk./council-democracy/privacy-cookies/privacy-notices-people-communities/privacy-notice-support-safeguarding
# Essex https://www.essex.gov.uk/privacy-notices/childrens/Pages/how-long-will-we-keep-your-personal-information.aspx
def test_other_councils_retention_forms():
    assert retention("Children in need: kept until child is 18 plus a further three years of inactivity") == [
        ("until child is 18 plus a further three years", "P3Y", "child is 18", ANCHOR + "age-reached", 18, None)]
    assert retention("These records will be kept for 35 years after a case has been closed.") == [
        ("35 years after a case has been closed", "P35Y", "after a case has been closed", ANCHOR + "last-involvement",
         None, None)]
    # a condition after the anchor is not part of it
    assert retention("deleted after a period of 10 years from the date of the allegation if that is longer.") == [
        ("10 years from the date of the allegation", "P10Y", "from the date of the allegation", None, None, None)]
    assert retention("35 years from last contact (General Social Care Services)") == [
        ("35 years from last contact", "P35Y", "from last contact", ANCHOR + "last-involvement", None, None)]
