"""Findings on the real notices, judged on 22 November 2026; each expected one read from the texts."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from sharinggraph.cli import main
from sharinggraph.validate.units import CACHE_NAME

N = "https://w3id.org/sharinggraph/id/notice/"
WF_CSC, WF_TF = N + "waltham-forest/childrens-social-care", N + "waltham-forest/troubled-families"
BD, WW = N + "barking-and-dagenham/childrens-social-care", N + "wandsworth/childrens-social-care"
KCW = N + "kensington-chelsea-westminster/"


@pytest.fixture(scope="module")
def report(seed_report):
    return seed_report


def _fired(report, rule: str) -> set[str]:
    return {f.notice for f in report.findings if f.rule == rule}


def test_review_dates_passed(report):
    # 000 line 3 "Next review: 25 September 2025"; 003 line 2 "Next review: 25 November 2025".
    assert _fired(report, "NextReviewPassedShape") == {WF_CSC, WF_TF}


def test_retention_periods_ended(report):
    # 003 line 39 "delete ... by 2022"; 004 line 108 "retained up until December 2021".
    assert _fired(report, "RetentionEndPassedShape") == {WF_TF, KCW + "family-hubs"}


def test_consent_beside_public_task_in_waltham_forest(report):
    # 003 line 14 relies on consent; 000 line 50 on public task; both share with schools
    # (000 lines 58, 63; 003 line 24).
    findings = [f for f in report.findings if f.rule == "ConsentAndPublicTaskShape"]
    assert {f.notice for f in findings} == {WF_TF}
    assert WF_CSC in findings[0].message
    assert any("will be consent" in q for q in findings[0].quotes)


def test_special_category_without_art_9(report):
    # Health etc. held with no Art 9(2) condition: 000 lines 19-24; 002 lines 139-147; 004 line 96
    # (Family Hubs form) and line 201 (MASH, ethnicity). Barking and Dagenham gives Art 9(2)(b),
    # (g), (h) (001 lines 68-70) and the Youth Offending Team Art 9(2)(i) (004 line 158).
    assert _fired(report, "SpecialCategoryNeedsArt9Shape") == {WF_CSC, WW, KCW + "family-hubs", KCW + "mash"}


def test_criminal_offence_data_without_art_10(report):
    # 000 line 31 "police information"; 003 line 9 "details of criminal offences"; 002 lines 144-146;
    # 004 line 206 (MASH, police). Barking and Dagenham (001 line 78) and the YOT (004 line 159) give Art 10.
    assert _fired(report, "CriminalOffenceDataNeedsArt10Shape") == {WF_CSC, WF_TF, WW, KCW + "mash"}


def test_art_9_2_i_without_schedule_1_condition(report):
    # 004 line 158 relies on Art 9(2)(i) and names no DPA 2018 Schedule 1 condition.
    assert _fired(report, "Schedule1ConditionShape") == {KCW + "youth-offending-team"}


def test_malformed_article_citations(report):
    # 000 line 50 "Article 6(e)"; 001 lines 68-70 "Article 9(b)", "9(g)", "9(h)": each labelled with
    # the article it miscites (Art 6(1) for the basis, Art 9(2) for the conditions).
    def cited(rule):
        return {q.split(" ")[1] for f in report.findings if f.rule == rule for q in f.quotes}

    assert cited("ArticleCitationShape") == {"6(e)"}
    assert cited("Art9CitationShape") == {"9(b)", "9(g)", "9(h)"}
    assert {f.provision for f in report.findings if f.rule == "Art9CitationShape"} == {"UK GDPR Art 9(2)"}


def test_misspelt_complaint_address(report):
    # 004 line 42 "For WCC: dataprotection@westminter.gov.uk".
    findings = [f for f in report.findings if f.rule == "ContactDomainShape"]
    assert [f.notice for f in findings] == [KCW + "general"]
    assert "dataprotection@westminter.gov.uk" in findings[0].message
    assert "For WCC: dataprotection@westminter.gov.uk" in findings[0].quotes


def test_programme_described_after_its_end(report):
    # 003 line 4 "is taking part in ... Troubled Families Programme 2015-2020"; line 1 updated 2024.
    assert _fired(report, "ProgrammeAfterItsEndShape") == {WF_TF}


def test_bodies_that_no_longer_exist(report):
    # Gone since the notice: 004 lines 196-209 (UK Border Agency, 2013; the MASH notice has no date);
    # 004 line 175 (National Probation Service, renamed 2021; the YOT notice has no date); 002 line 93
    # (Department for Levelling Up, Housing and Communities, renamed 2024; Wandsworth has no date).
    assert _fired(report, "BodyNoLongerExistsShape") == {KCW + "mash", KCW + "youth-offending-team", WW}
    # Gone before the notice's own date: 003 lines 19, 20, 23 (National Probation Trust, 2014;
    # Community Rehabilitation Companies, 2021; Public Health England, 2021), updated 16 December 2024 (line 1).
    gone = [f for f in report.findings if f.rule == "BodyGoneBeforeNoticeDateShape"]
    assert {f.notice for f in gone} == {WF_TF}
    assert {f.message.split(" had ")[0] for f in gone} == {
        "National Probation Trust", "Community rehabilitation company", "Public Health England"}


def test_hold_by_the_closed_goddard_inquiry(report):
    # 004 line 185: no children's records deleted until the Goddard Enquiry issues guidance.
    assert _fired(report, "HoldByClosedBodyShape") == {KCW + "youth-offending-team"}


def test_withdrawal_of_consent(report):
    # 002 line 52 relies on consent for research without saying it can be withdrawn; 003 line 15 says it can.
    assert _fired(report, "WithdrawConsentShape") == {WW}


def test_deferrals_are_reported_not_passed(report):
    # 003 lines 45-46 and 001 line 151 give rights only by deferring to another notice; 000 defers
    # them too (line 105) but also states a right itself (line 87, the NHS number), so it passes.
    assert _fired(report, "RightsDeferredShape") == {WF_TF, BD}


def test_validate_command(built, seed_cache, seed_report, capsys):
    # the command's cache (beside its store) starts with the units the seed fixture validated: same keys
    shutil.copytree(seed_cache, Path(os.environ["SHARINGGRAPH_OUT"]) / CACHE_NAME, dirs_exist_ok=True)
    assert main(["validate", "--as-of", "2026-11-22", "--format", "json", "--severity", "violation"]) == 1
    document = json.loads(capsys.readouterr().out)
    assert document["conforms"] is False and document["counts"]["Violation"] > 0
    assert {f["severity"] for f in document["findings"]} == {"Violation"}
    assert sorted(f["id"] for f in document["findings"]) == sorted(f.id for f in seed_report.findings if f.severity == "Violation")
