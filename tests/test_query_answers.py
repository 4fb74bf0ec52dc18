"""Expected answers of the library's examples, each derived from reading the notices (seed file, line)."""

from __future__ import annotations

import pytest

from conftest import ROOT
from sharinggraph.queries import QueryLibrary
from sharinggraph.render import results_json
from sharinggraph.resolve import Resolver
from sharinggraph.runner import bind, run_local

LIBRARY = QueryLibrary(ROOT / "queries")
WF_CSC = "https://w3id.org/sharinggraph/id/notice/waltham-forest/childrens-social-care"
WF_TF = "https://w3id.org/sharinggraph/id/notice/waltham-forest/troubled-families"
KCW = "https://w3id.org/sharinggraph/id/notice/kensington-chelsea-westminster/"


@pytest.fixture(scope="module")
def answer(built):
    dataset = built.loaded.dataset
    resolver = Resolver(dataset)

    def run(query_id: str, **params) -> list[dict]:
        spec = LIBRARY.get(query_id)
        raw = {k: str(v) for k, v in (params or spec.example).items()}
        rows = results_json(run_local(dataset, bind(spec, raw, resolver)))["results"]["bindings"]
        return [{k: v["value"] for k, v in row.items()} for row in rows]

    return run


def test_who_may_receive_police_data_under_s11(answer):
    # 004 line 211: CA 2004 ss.10 and 11 give the MASH the power to share; lines 196, 202 and 206:
    # the MASH requests information from the police (the Met is co-located in it).
    rows = answer("who-may-receive")
    exact = {(r["recipientLabel"], r["discloserLabel"]) for r in rows if r["gatewayMatch"] == "exact"}
    assert exact == {("Multi Agency Safeguarding Hub (MASH)", "Police"),
                     ("Multi Agency Safeguarding Hub (MASH)", "Metropolitan Police Service")}
    assert all(r["notice"] == KCW + "mash" for r in rows if r["gatewayMatch"] == "exact")
    # 000 line 43 cites the 2004 Children Act only as an Act, beside "police information" (line 31).
    assert any(r["notice"] == WF_CSC and r["gatewayMatch"] == "Act only" and r["recipientLabel"] == "Police" for r in rows)


def test_notices_past_review_on_22_november_2026(answer):
    # 000 line 3 "Next review: 25 September 2025"; 003 line 2 "Next review: 25 November 2025";
    # no other notice states a review date.
    rows = answer("notices-past-review", asOf="2026-11-22")
    assert [(r["notice"], r["nextReview"]) for r in rows] == [(WF_CSC, "2025-09-25"), (WF_TF, "2025-11-25")]
    # on 1 October 2025 only the first review date had passed
    assert [r["notice"] for r in answer("notices-past-review", asOf="2025-10-01")] == [WF_CSC]


def test_notices_relying_on_consent(answer):
    # 003 line 14: "The lawful basis ... will be consent"; 002 line 52: consent for consultations,
    # surveys, some consent-based research.
    rows = answer("notices-relying-on-consent")
    basis = {r["notice"] for r in rows if r["how"] == "consent is a lawful basis"}
    assert basis == {WF_TF, "https://w3id.org/sharinggraph/id/notice/wandsworth/childrens-social-care"}


def test_what_the_ons_receives(answer):
    # 003 lines 6, 26, 28 (Waltham Forest); 004 line 53 (Supporting Families, both councils named).
    rows = answer("what-body-receives", recipient="ONS")
    assert sorted((r["notice"].rsplit("/notice/", 1)[1], r["discloserLabel"]) for r in rows) == [
        ("kensington-chelsea-westminster/supporting-families", "Royal Borough of Kensington and Chelsea"),
        ("kensington-chelsea-westminster/supporting-families", "Westminster City Council"),
        ("waltham-forest/troubled-families", "London Borough of Waltham Forest"),
    ]
    assert all(r["rule"] == "Obligation" for r in rows)


def test_retention_rules_of_barking_and_dagenham(answer):
    # 001 lines 130-135: general criteria, then four record types, three with two alternatives.
    rows = answer("retention-rules", council="Barking and Dagenham")
    periods = sorted((r.get("recordType"), r.get("period"), r.get("anchor")) for r in rows if "period" in r)
    assert periods == [
        ("Adoption records", "P100Y", "Date of adoption"), ("Adoption records", "P15Y", "Date of death"),
        ("Child Protection", "P6Y", "Date of death"), ("Child Protection", "P75Y", "Date of birth"),
        ("Children Looked after and Leaving Care", "P15Y", "Date of death"),
        ("Children Looked after and Leaving Care", "P75Y", "Date of birth"),
        ("Children in Need (but not accommodated)", "P25Y", "Date of birth"),
    ]


def test_international_transfers(answer):
    # 001 line 139, 002 line 155, 004 line 24 (general): transfers may happen; 004 line 256: none.
    rows = {(r["notice"].rsplit("/notice/", 1)[1], r["statement"]) for r in answer("international-transfers")}
    assert rows == {
        ("barking-and-dagenham/childrens-social-care", "transfers may take place"),
        ("wandsworth/childrens-social-care", "transfers may take place"),
        ("kensington-chelsea-westminster/general", "transfers may take place"),
        ("kensington-chelsea-westminster/rescue-and-response", "no transfers"),
    }


def test_onward_chains_include_the_four_the_notices_describe(answer):
    # ONS (003 line 29; 004 line 54), Brent (004 line 255), Prospects to the Westminster Employment
    # Service (004 line 78), the Family Hub's services (004 line 48).
    rows = answer("onward-chains")
    pairs = {(r["onwardControllerLabel"], r["onwardRecipientLabel"]) for r in rows}
    assert ("Office for National Statistics", "Government department") in pairs
    assert ("Brent Council", "London Rescue and Response County Lines project") in pairs
    assert ("Westminster City Council", "Westminster Employment Service") in pairs


def test_lost_lists_are_those_of_the_captured_pages(answer):
    # 003 line 40 "Associated documents"; 004: e.g. line 126 "We may also share your personal data with:".
    headings = {r["heading"] for r in answer("lost-lists")}
    assert "Associated documents" in headings
    assert "We may also share your personal data with:" in headings


def test_recipients_common_to_five_councils(answer):
    # DWP: 003 line 22 (WF), 001 line 107 (B&D), 002 line 79 (Wandsworth), 004 line 14 (RBKC, WCC).
    rows = answer("recipients-common-to-councils", minCouncils=5)
    assert "Department for Work and Pensions" in {r["recipientLabel"] for r in rows}
    assert all(int(r["councils"]) >= 5 for r in rows)
