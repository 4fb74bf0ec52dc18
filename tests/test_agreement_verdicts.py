"""`agreement check` on the example agreements: every verdict, decided by reading the notices.

The notices are seed file 004 (Kensington and Chelsea and Westminster, one page of service notices);
the line numbers in the comments are that file's.
"""

from __future__ import annotations

import json

import pytest
from conftest import ROOT, needs_sources

from sharinggraph.cli import main

EXAMPLES = ROOT / "examples" / "agreements"
AS_OF = "2026-12-01"
pytestmark = needs_sources


def _check(tmp_path_factory, name: str) -> dict:
    target = tmp_path_factory.mktemp("agreement") / f"{name}.json"
    code = main(["agreement", "check", str(EXAMPLES / f"{name}.yaml"), "--as-of", AS_OF, "--format", "json", "-o", str(target), "-q"])
    assert code == 1  # some flows are not covered
    return json.loads(target.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def mash(tmp_path_factory) -> dict:
    return _check(tmp_path_factory, "bi-borough-mash")


@pytest.fixture(scope="module")
def families(tmp_path_factory) -> dict:
    return _check(tmp_path_factory, "supporting-families")


def _flow(report: dict, number: int, direction: str = "as written") -> dict:
    return next(f for f in report["flows"] if f["flow"] == number and f["direction"] == direction)


def _statements(flow: dict) -> set[tuple[str, str]]:
    return {(e["statement"], e["line"]) for e in flow["evidence"]}


def test_mash_verdicts_in_input_order(mash):
    assert [(f["flow"], f["verdict"]) for f in mash["flows"]] == [
        (1, "covered"),    # police -> MASH, line 206: "They will share any relevant information with children's services"
        (2, "omitted"),    # NHS: line 196 and 204 name the NHS and health organisations, no line says health data
        (3, "covered"),    # line 212: the risk assessment "shared with the relevant front door teams in Hammersmith and Fulham"
        (4, "omitted"),    # line 212 sends the assessment to the three front doors only, never to the police
        (5, "omitted"),    # Hammersmith and Fulham publishes no notice in the corpus; the MASH notice never says it shares
        (6, "incorrect"),  # FOIA 2000 is an access regime, not a gateway for sharing (legal-roles.ttl)
        (7, "vague"),      # YOT notice: line 171 names the Met, line 153 lists convictions, nothing links them
    ]


def test_mash_police_information_is_covered_by_the_mash_notice(mash):
    flow = _flow(mash, 1)
    # line 206: "The police ... will share any relevant information with children's services"
    assert ("police-share-with-childrens-services", "206") in _statements(flow)
    assert all(e["support"] in ("stated", "notice-wide") for e in flow["evidence"])
    assert all(e["recipient_match"] in ("named", "type") for e in flow["evidence"])
    assert flow["missing"] == []


def test_mash_health_from_the_nhs_is_omitted_though_the_nhs_is_named(mash):
    flow = _flow(mash, 2)
    assert flow["evidence"] == []
    # lines 196 (NHS co-located in the MASH), 202 and 204 (health organisations) describe flows with no data category
    assert "196, 202, 204" in flow["missing"][0] and "but not this data" in flow["missing"][0]


def test_mash_front_door_receives_police_information_via_the_risk_assessment(mash):
    flow = _flow(mash, 3)
    # lines 197 and 212: the assessment goes to the Hammersmith and Fulham front door; line 212: it brings
    # together "all of the information received", the police's included
    assert {e["data"] for e in flow["evidence"]} == {"MASH risk assessment", "Police information (via MASH risk assessment)"}
    assert _statements(flow) == {("share-front-door-hammersmith-and-fulham", "197, 212")}
    # lines 210-211 cite CA 2004 ss.10 and 11 for all the MASH's sharing (notice-wide), so s.11 is cited
    assert "Children Act 2004 s.11 (notice-wide)" in flow["evidence"][0]["gateways"]
    assert not any("gateway" in m for m in flow["missing"])
    # legislation.ttl: s.11 is a duty to safeguard, recorded as a statutory function, not a power to share
    assert flow["gateway_authority"] == "Children Act 2004 s.11: Statutory function (Duty to safeguard)"


def test_mash_risk_assessment_to_the_police_and_from_hammersmith_are_omitted(mash):
    for number in (4, 5):
        flow = _flow(mash, number)
        assert flow["evidence"] == [] and flow["missing"][0].startswith("no notice of the parties says")


def test_mash_foia_gateway_is_incorrect(mash):
    flow = _flow(mash, 6)
    assert "not a gateway for sharing" in flow["missing"][0] and "Access regime" in flow["missing"][0]


def test_mash_convictions_to_the_met_are_only_implied(mash):
    flow = _flow(mash, 7)
    # YOT notice line 171 names "Borough Police and the Metropolitan Police Service"; line 153 lists
    # convictions among what it holds; no sentence links the two: implied
    assert ("share-met-police", "167, 171") in _statements(flow)
    assert {e["support"] for e in flow["evidence"]} == {"implied"}
    assert "implied" in flow["missing"][0]


def test_families_verdicts_in_input_order(families):
    assert [(f["flow"], f["direction"], f["verdict"]) for f in families["flows"]] == [
        (1, "as written", "covered"),    # line 53: required to share with the ONS "(such as names and dates of birth)"
        (2, "as written", "incorrect"),  # line 54: results go to local authorities "in an 'anonymised' form"
        (3, "as written", "covered"),    # line 14: sharing with the DWP on worklessness and benefits under s.131 WRA 2012
        (4, "as written", "vague"),      # line 52: addresses go to partner organisations whose list was lost (line 51)
        (4, "reverse", "covered"),       # line 123: "We receive personal information (names and addresses) from the DWP"
        (5, "as written", "incorrect"),  # the DPA 2018 is the data-protection framework, not a gateway
    ]


def test_families_ons_flows(families):
    to_ons = _flow(families, 1)
    assert _statements(to_ons) == {("share-ons", "53, 55, 59")}
    assert {e["data"] for e in to_ons["evidence"]} == {"Name", "Date of birth"}
    back = _flow(families, 2)
    assert back["evidence"][0]["anonymised_only"] is True and back["evidence"][0]["line"] == "54"
    assert "anonymised form only" in back["missing"][0]


def test_families_dwp_flows(families):
    benefits = _flow(families, 3)
    assert _statements(benefits) == {("dwp-s131-share", "14")}
    assert benefits["evidence"][0]["gateways"] == ["Welfare Reform Act 2012 s.131 (stated)"]
    assert benefits["missing"] == []
    assert benefits["gateway_authority"] == "Welfare Reform Act 2012 s.131: Gateway for sharing (Express power to share)"
    addresses = _flow(families, 4)
    # lines 46, 51, 58: "partner organisations"; the named recipients after line 51 were lost
    assert {e["recipient_match"] for e in addresses["evidence"]} == {"broad"}
    assert ("share-partners", "46, 51, 58") in _statements(addresses)
    assert "Partner organisations" in addresses["missing"][0]
    assert _statements(_flow(families, 4, "reverse")) == {("collect-dwp", "123")}


def test_families_dpa_gateway_is_incorrect(families):
    assert "Data-protection framework" in _flow(families, 5)["missing"][0]


def test_json_shape(mash, families):
    for report in (mash, families):
        assert set(report) >= {"flows", "unlisted", "checklist"}
        for flow in report["flows"]:
            assert flow["verdict"] in ("covered", "vague", "omitted", "incorrect")
            assert isinstance(flow["missing"], list)
            for evidence in flow["evidence"]:
                assert {"notice", "quote", "line"} <= set(evidence) and evidence["quote"]
        for item in report["checklist"]:
            assert set(item) == {"item", "status", "note"}
    assert mash["agreement"]["parties"][1] == {
        "name": "E09000020", "label": "Royal Borough of Kensington and Chelsea",
        "iri": "https://w3id.org/sharinggraph/id/org/kensington-and-chelsea"}


def test_unlisted_notice_flows_between_the_parties(mash, families):
    unlisted = {(u["statement"], u["line"]) for u in mash["unlisted"]}
    # lines 11 and 22: the councils share with health authorities / organisations (the NHS is one): the
    # agreement has no council -> NHS flow
    assert unlisted == {("crime-disorder-health", "11"), ("share-health-organisations", "22, 23")}
    # listed by the agreement, or a joint notice's flow to its own councils' front doors: not unlisted
    listed = {u["statement"] for u in mash["unlisted"]}
    assert not listed & {"share-front-door-hammersmith-and-fulham", "share-front-door-westminster", "share-police"}
    # supporting families: the Crime and Disorder Act flow to local authorities (line 11) names no DWP or ONS flow
    assert {u["statement"] for u in families["unlisted"]} == {"crime-disorder-local-authorities"}


def test_checklist_and_dates(mash, families):
    mash_items = {i["item"]: i["status"] for i in mash["checklist"]}
    assert mash_items["review date"] == "past" and mash_items["end date"] == "present"
    assert mash_items["security"] == mash_items["gateway"] == "present"
    family_items = {i["item"]: i["status"] for i in families["checklist"]}
    assert family_items["security"] == family_items["individuals' rights"] == "missing"
    assert family_items["lawful basis"] == "partial" and family_items["review date"] == "past"


def test_how_a_recipient_named_by_type_is_judged():
    """The candidates query on the real store: the Met is within 'the police' (organisations register)."""
    from rdflib import URIRef

    from sharinggraph.agreement.verdict import query_text
    from sharinggraph.store.folder import compiled_store

    view = compiled_store(sources_dir=None)
    ids = "https://w3id.org/sharinggraph/id/"

    def matches(target: str) -> set[tuple[str, str, str]]:
        rows = view.query(query_text("candidates"), initBindings={"from": URIRef(ids + "org/westminster"), "to": URIRef(ids + target)})
        return {(str(r.flow).rsplit("/", 2)[-2] + "/" + str(r.flow).rsplit("/", 1)[-1], str(r.partyMatch), str(r.lines)) for r in rows}

    met = matches("org/metropolitan-police-service")
    # general notice line 22: "...government bodies, the police, health and social care organisations...": by type
    assert ("general/share-police", "type", "22, 23") in met
    # YOT notice line 171: "Borough Police and the Metropolitan Police Service": named
    assert ("youth-offending-team/share-met-police", "named", "167, 171") in met
    # line 22's "our partners": a broad class, never more than vague
    assert ("general/share-partners", "broad", "22, 23") in met
    police = matches("recipient-type/police")
    # an agreement naming only "the police": line 22 names it; line 171's Met is narrower than the agreement's party
    assert ("general/share-police", "named", "22, 23") in police
    assert ("youth-offending-team/share-met-police", "narrower", "167, 171") in police
