"""Expected answers of the query library, each derived from reading the notices (seed file, line).

Seed files: 000 Waltham Forest children's social care (WF CSC), 001 Barking and Dagenham (B&D),
002 Wandsworth, 003 Waltham Forest Troubled Families (WF TF), 004 the Kensington and Chelsea /
Westminster page (KCW: a general notice, then eight service notices). Every test states rows that
must appear and rows that must NOT appear: the second kind is what issue 9 found the answers
overstating (notice-wide declarations smeared onto every flow).
"""

from __future__ import annotations

import re

import pytest

from conftest import ROOT
from sharinggraph.cli import main
from sharinggraph.query.library import QueryLibrary
from sharinggraph.query.resolve import Resolver
from sharinggraph.query.runner import answer_local, bind

LIBRARY = QueryLibrary(ROOT / "queries")
MASH = "Multi Agency Safeguarding Hub (MASH)"
FRONT_DOORS = {f"{borough} children's services front door" for borough in
               ("Hammersmith and Fulham", "Kensington and Chelsea", "Westminster")}
BI_BOROUGH = "Royal Borough of Kensington and Chelsea; Westminster City Council"
COUNCILS = {"London Borough of Waltham Forest", "London Borough of Barking and Dagenham", "Wandsworth Borough Council",
            "Royal Borough of Kensington and Chelsea", "Westminster City Council"}
NOT_GATEWAYS = ("Freedom of Information", "Environmental Information", "Data Protection Act", "UK GDPR",
                "Equality Act", "Human Rights Act")


def source(notice: str) -> str:
    """A short name for a notice label: WF CSC, B&D, Wandsworth, WF TF, KCW general or KCW <service>."""
    if "Troubled Families" in notice:
        return "WF TF"
    if "Waltham Forest" in notice:
        return "WF CSC"
    if "Barking and Dagenham" in notice:
        return "B&D"
    if "Wandsworth" in notice:
        return "Wandsworth"
    if "(general)" in notice:
        return "KCW general"
    match = re.match(r"Children’s Services privacy notice: (.*) \([^()]*\)$", notice)
    assert match, notice
    return "KCW " + match.group(1)


@pytest.fixture(scope="module")
def answer(built):
    dataset = built.loaded.dataset
    resolver = Resolver(dataset)

    def run(query_id: str, **params) -> list[dict]:
        spec = LIBRARY.get(query_id)
        raw = {k: str(v) for k, v in {**spec.example, **params}.items()}
        rows = answer_local(dataset, bind(spec, raw, resolver))["results"]["bindings"]
        return [{k: v["value"] for k, v in row.items()} for row in rows]

    return run


# --- who-may-receive (the headline) -----------------------------------------------------------


def test_headline_with_defaults_is_the_mash_and_its_front_doors(answer):
    rows = answer("who-may-receive", category="police", gateway="s.11 Children Act 2004")
    # 004 line 211: "Sections 10 and 11 of the Children Act 2004 ... gives the statutory power to share
    # information for the purposes of this agreement" (the MASH's); no other notice cites s.11.
    assert {source(r["notice"]) for r in rows} == {"KCW Multi Agency Safeguarding Hub (MASH)"}
    assert {(r["receiver"], r["discloser"]) for r in rows} == {
        # 004 lines 202, 206: the MASH requests information from the police; line 196: the Met is co-located
        (MASH, "Police"), (MASH, "Metropolitan Police Service"),
        # 004 line 212: the risk assessment built from partner information goes to the three front doors
        *((door, BI_BOROUGH) for door in FRONT_DOORS),
    }
    assert all(r["gatewayMatch"] == "exact" and r["cited"] == "Children Act 2004 s.11" for r in rows)
    assert all(r["authority"] == "Duty to safeguard" and "gateway 211" in r["lines"] for r in rows)
    for row in rows:
        if row["receiver"] in FRONT_DOORS:
            assert "via MASH risk assessment" in row["data"] and "212" in row["lines"]
        else:
            assert "202" in row["lines"] and row["rule"] == "may"
    # a source is never shown as a receiver of what it gives
    assert not any(r["receiver"] in ("Police", "Metropolitan Police Service") for r in rows)


def test_headline_exact_match_equals_within_and_act_match_adds_act_level_citations(answer):
    params = {"category": "police", "gateway": "s.11 Children Act 2004"}
    default = answer("who-may-receive", **params)
    assert answer("who-may-receive", match="exact", **params) == default
    wide = answer("who-may-receive", match="act", **params)
    assert len(wide) > len(default)
    act_rows = {(source(r["notice"]), r["receiver"], r["cited"]) for r in wide if r["gatewayMatch"] == "act"}
    # 000 line 43 cites the 2004 Children Act as a whole; line 73 the police exchange information with it
    assert ("WF CSC", "Waltham Forest Children's Social Care", "Children Act 2004") in act_rows
    # 001 line 84 "Children’s Act 2004" among the gateways; line 32 information given by the police
    assert ("B&D", "Barking and Dagenham Children's Services", "Children Act 2004") in act_rows
    # 004 line 211 cites s.10 beside s.11
    assert ("KCW Multi Agency Safeguarding Hub (MASH)", MASH, "Children Act 2004 s.10") in act_rows
    assert all(r["gatewayMatch"] in ("exact", "act") for r in wide)


def test_headline_implied_rows_only_when_asked(answer):
    params = {"category": "criminal offence data", "gateway": "Children Act 2004", "match": "act"}
    default = answer("who-may-receive", **params)
    implied = answer("who-may-receive", support="implied", **params)
    assert {r["dataSupport"] for r in default} <= {"stated", "notice-wide"}
    assert "implied" in {r["dataSupport"] for r in implied}
    # 001 lines 31 (criminal offence data held) and 107 (DWP named): linked nowhere, so implied only
    assert not any(source(r["notice"]) == "B&D" and r["receiver"] == "Department for Work and Pensions" for r in default)
    assert any(source(r["notice"]) == "B&D" and r["receiver"] == "Department for Work and Pensions"
               and r["dataSupport"] == "implied" for r in implied)


@pytest.mark.parametrize("name, value, accepted", [
    ("match", "fuzzy", "exact, within, act"),
    ("support", "strong", "stated, notice-wide, implied"),
])
def test_unknown_match_or_support_exits_2_listing_accepted_values(name, value, accepted, capsys):
    argv = ["query", "run", "who-may-receive", "-p", "category=police", "-p", "gateway=s.11 Children Act 2004",
            "-p", f"{name}={value}"]
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert accepted in err and err.count("\n") == 1


# --- criminal offence and special category data ----------------------------------------------


def test_criminal_offence_data_recipients(answer):
    rows = answer("criminal-offence-data-recipients")
    assert rows and all(r["dataSupport"] == "stated" for r in rows)
    found = {(source(r["notice"]), r["receiver"], r["discloser"]) for r in rows}
    # 000 line 73: police and social care "required to exchange all necessary information"
    assert ("WF CSC", "Waltham Forest Children's Social Care", "Police") in found
    # 001 line 32: information given to us by ... police
    assert ("B&D", "Barking and Dagenham Children's Services", "Police") in found
    # 004 lines 167, 171: the YOT requests information from the borough police and the Met
    assert ("KCW Westminster Youth Offending Team", "Westminster Youth Offending Team", "Metropolitan Police Service") in found
    assert {r["receiver"] for r in rows if source(r["notice"]) == "KCW Multi Agency Safeguarding Hub (MASH)"} == {MASH} | FRONT_DOORS
    # must not: the DWP (001 line 107, 002 line 79, 003 line 22) is linked to offence data nowhere
    assert not any(r["receiver"] == "Department for Work and Pensions" for r in rows)
    # a source is never its own receiver
    assert not any(r["receiver"] == r["discloser"] for r in rows)


def test_criminal_offence_data_implied_rows(answer):
    rows = answer("criminal-offence-data-recipients", support="implied")
    dwp = {(r["data"], r["dataSupport"]) for r in rows
           if source(r["notice"]) == "B&D" and r["receiver"] == "Department for Work and Pensions"}
    # 001 line 31: offences, proceedings, convictions held; line 107: DWP named; linked nowhere
    assert dwp == {("Criminal offences", "implied"), ("Criminal proceedings", "implied"), ("Convictions and sentences", "implied")}
    assert all("data 31" in r["lines"] for r in rows
               if source(r["notice"]) == "B&D" and r["receiver"] == "Department for Work and Pensions")
    # 004 line 165: statistics for the Home Office and the Youth Justice Board are not records about
    # a person (statistics only): no offence data reaches them even as implied
    yot = [r for r in rows if source(r["notice"]) == "KCW Westminster Youth Offending Team"]
    assert not any(r["receiver"] == "Home Office" for r in yot)
    assert not any(r["receiver"] == "Youth Justice Board for England and Wales" and r["lines"].startswith("statement 165;")
                   for r in yot)


def test_special_category_recipients(answer):
    rows = answer("special-category-recipients")
    assert rows and all(r["dataSupport"] == "stated" for r in rows)
    # 004 lines 200-201: the MASH may collect ethnicity from the agencies it contacts
    assert any(r["receiver"] == MASH and r["discloser"] == "Metropolitan Police Service"
               and r["data"] == "Racial or ethnic origin" and r["lines"].endswith("data 201") for r in rows)
    # must not: B&D's special category data (001 line 24) is linked to no recipient
    assert not any(source(r["notice"]) == "B&D" for r in rows)
    implied = answer("special-category-recipients", support="implied")
    dwp = {r["data"] for r in implied if source(r["notice"]) == "B&D" and r["receiver"] == "Department for Work and Pensions"}
    assert {"Sex life or sexual orientation", "Health information", "Racial or ethnic origin"} <= dwp
    assert {r["dataSupport"] for r in implied} == {"stated", "implied"}


# --- consent ----------------------------------------------------------------------------------


def test_notices_relying_on_consent(answer):
    rows = answer("notices-relying-on-consent")
    wandsworth = {(r["consentAs"], r["appliesTo"], r["lines"]) for r in rows if source(r["notice"]) == "Wandsworth"}
    # 002 line 52: "Consent – consultations, surveys, some consent-based research", and nothing more
    assert wandsworth == {("lawful basis: Consent, as a notice names it", f"purpose: {p}", "52")
                          for p in ("Consultation", "Surveys", "Research with consent")}
    # 003 line 14: "... for the purposes set out in this notice will be consent"
    assert ("WF TF", "lawful basis: Consent, as a notice names it", "the whole notice (as the notice says)", "14") in {
        (source(r["notice"]), r["consentAs"], r["appliesTo"], r["lines"]) for r in rows}
    conditions = {(source(r["notice"]), r["appliesTo"], r["lines"]) for r in rows if r["consentAs"].startswith("condition")}
    # 004 lines 103, 104, 106: the family plan, the Early Help panel, the Integrated Leadership Team, with agreement
    assert ("KCW Family Hubs", "flow: Westminster City Council to Family Hub Early Help panel", "104") in conditions
    # 004 line 78: Prospects gains verbal consent to refer to the Westminster Employment Service
    assert ("KCW tracking young people not in education, employment or training (NEET)",
            "flow: Westminster City Council to Westminster Employment Service", "78") in conditions
    # must not: B&D says consent is not a basis (001 line 96); no police or court flow relies on consent
    assert not any(source(r["notice"]) == "B&D" for r in rows)
    assert not any(re.search(r"Police|Court", r["appliesTo"]) for r in rows)


# --- what a body receives; who shares with a body -------------------------------------------


def test_what_the_ons_receives(answer):
    rows = answer("what-body-receives", recipient="ONS")
    disclosures = [r for r in rows if r["discloser"] != "Government department"]
    assert {(source(r["notice"]), r["discloser"]) for r in disclosures} == {
        ("WF TF", "London Borough of Waltham Forest"),  # 003 lines 6, 26, 28
        ("KCW Supporting Families", BI_BOROUGH),  # 004 line 53
    }
    assert {r["value"] for r in disclosures if r["aspect"] == "rule"} == {"must"}  # "requires us to share", "is required to share"
    data = {(source(r["notice"]), r["value"], r["linkSupport"]) for r in disclosures if r["aspect"] == "data"}
    assert data == {(n, v, "stated") for n in ("WF TF", "KCW Supporting Families") for v in ("Name", "Date of birth")}
    # 003 line 30: a data-sharing agreement was put in place (a condition of the flow)
    assert ("WF TF", "Under a data sharing agreement") in {(source(r["notice"]), r["value"]) for r in rows if r["aspect"] == "condition"}
    # 003 line 14: the TF notice's consent is stated for all its processing
    assert ("WF TF", "Consent, as a notice names it", "notice-wide") in {
        (source(r["notice"]), r["value"], r["linkSupport"]) for r in rows if r["aspect"] == "lawful basis"}
    # 004 line 54: the ONS links the data with information collected by government departments
    assert any(r["discloser"] == "Government department" and r["aspect"] == "statement" for r in rows)


def test_what_the_police_receive_has_no_wandsworth_consent(answer):
    rows = answer("what-body-receives", recipient="police")
    wandsworth = [r for r in rows if source(r["notice"]) == "Wandsworth"]
    # 002 line 66 names the police; line 37 gives "Legal obligation or public task" for all processing
    bases = {r["value"] for r in wandsworth if r["aspect"] == "lawful basis"}
    assert bases == {"Art 6(1-c) legal obligation", "Art 6(1-e) public interest or official authority"}
    # must not: the consent of line 52 (consultations, surveys, research) on the police flow
    assert not any("Consent" in r["value"] for r in rows if r["aspect"] == "lawful basis" and source(r["notice"]) == "Wandsworth")
    # must not: the access regimes and framework of lines 53-56 as gateways
    assert not any(r["value"].startswith(NOT_GATEWAYS) for r in rows if r["aspect"] == "gateway")
    # 000 lines 41, 43, 44 each give safeguarding children as a purpose: a row each, none dropped
    assert {r["lines"] for r in rows if source(r["notice"]) == "WF CSC" and r["value"] == "Safeguarding children"} == {
        "41", "43", "44"}


def test_what_the_dwp_receives_from_barking_and_dagenham(answer):
    rows = [r for r in answer("what-body-receives", recipient="DWP") if source(r["notice"]) == "B&D"]
    # 001 line 107: the DWP is named; line 50 scopes statistical returns to government departments
    assert ("purpose", "Statutory returns to government", "stated") in {(r["aspect"], r["value"], r["linkSupport"]) for r in rows}
    # must not: data (sexual orientation, offences: lines 24, 31) unless implied rows are asked for
    assert not any(r["aspect"] == "data" for r in rows)
    implied = [r for r in answer("what-body-receives", recipient="DWP", support="implied") if source(r["notice"]) == "B&D"]
    assert ("Sex life or sexual orientation", "implied", "24") in {(r["value"], r["linkSupport"], r["lines"]) for r in implied if r["aspect"] == "data"}


def test_councils_sharing_with_the_dwp(answer):
    rows = answer("councils-sharing-with", recipient="DWP")
    # 001 line 107, 002 line 79, 003 line 22, 004 line 14 (both councils)
    assert {r["council"] for r in rows} == COUNCILS
    gateways = {(r["council"], r["gateway"], r["authority"], r["gatewaySupport"]) for r in rows}
    # 004 line 14: "covered generally by Section 131 of the Welfare Reform Act 2012"
    assert ("Westminster City Council", "Welfare Reform Act 2012 s.131", "Express power to share", "stated") in gateways
    # 003: the TF notice cites no law for its sharing
    assert ("London Borough of Waltham Forest", "(no gateway stated)", "", "") in gateways
    # 001 lines 80-88: the seven children's Acts, notice-wide, as statutory functions
    assert {g for c, g, _, s in gateways if c == "London Borough of Barking and Dagenham"} == {
        "Children and Families Act 2014", "Children Act 1989", "Children Act 2004", "Adoption and Children Act 2002",
        "Children and Social Work Act 2017", "Children and Young Persons Act 2008", "Children (Leaving Care) Act 2000"}
    # must not: FOIA, EIR, DPA 2018, UK GDPR (002 lines 53-56), Equality and Human Rights Acts (001 lines 89-90)
    assert not any(r["gateway"].startswith(NOT_GATEWAYS) for r in rows)
    # 001 line 100: "We may share your information where required"; 003 states no condition
    assert {r["conditions"] for r in rows if r["council"] == "London Borough of Barking and Dagenham"} == {"When required by law"}
    assert {r["conditions"] for r in rows if r["council"] == "London Borough of Waltham Forest"} == {""}


def test_gateways_per_recipient_of_wandsworth(answer):
    rows = answer("gateways-per-recipient", council="Wandsworth")
    assert {source(r["notice"]) for r in rows} == {"Wandsworth"}
    # 002 line 42: the pupil information regulations, a duty to share
    assert any(r["receiver"] == "Police" and r["gateway"].startswith("Education (Information About Individual Pupils)")
               and r["authority"] == "Duty to share" and r["gatewaySupport"] == "notice-wide" for r in rows)
    assert not any(r["gateway"].startswith(NOT_GATEWAYS) for r in rows)
    # the notice cites no law for any one flow: with stated support only, no flow has a gateway
    assert {r["gateway"] for r in answer("gateways-per-recipient", council="Wandsworth", support="stated")} == {"(no gateway stated)"}


def test_statements_without_gateway(answer):
    rows = answer("statements-without-gateway")
    found = {(source(r["notice"]), r["receiver"]) for r in rows}
    # 003 lines 17-25: the TF notice cites no law for its sharing
    assert ("WF TF", "Department for Work and Pensions") in found and ("WF TF", "Metropolitan Police Service") in found
    # must not: B&D (001 lines 80-88) and Wandsworth (002 lines 37-51) cite Acts for all their processing
    assert not any(source(r["notice"]) in ("B&D", "Wandsworth", "WF CSC") for r in rows)
    stated_only = answer("statements-without-gateway", support="stated")
    assert ("B&D", "Department for Work and Pensions") in {(source(r["notice"]), r["receiver"]) for r in stated_only}


def test_sharing_without_lawful_basis(answer):
    rows = answer("sharing-without-lawful-basis")
    found = {(source(r["notice"]), r["receiver"]) for r in rows}
    # 004 lines 69, 76: statutory returns to the DfE; the NEET notice names no lawful basis
    assert ("KCW tracking young people not in education, employment or training (NEET)", "Department for Education") in found
    # must not: B&D (001 lines 61-62), Wandsworth (002 line 37), WF CSC (000 line 50), WF TF (003 line 14)
    assert not any(source(r["notice"]) in ("B&D", "Wandsworth", "WF CSC") for r in rows)
    assert not any(source(r["notice"]) == "WF TF" and r["discloser"] == "London Borough of Waltham Forest" for r in rows)


# --- gateways cited, and how ------------------------------------------------------------------


def test_notices_citing_section_11(answer):
    rows = answer("notices-citing-gateway", gateway="CA 2004 s11")
    exact = [r for r in rows if r["gatewayMatch"] == "exact"]
    # 004 line 211 is the only citation of s.11
    assert [(source(r["notice"]), r["asPhrased"], r["authority"], r["lines"]) for r in exact] == [
        ("KCW Multi Agency Safeguarding Hub (MASH)", "Sections 10 and 11 of the Children Act 2004", "Duty to safeguard", "211")]
    act = {(source(r["notice"]), r["cited"], r["lines"]) for r in rows if r["gatewayMatch"] == "act"}
    assert ("B&D", "Children Act 2004", "80, 84") in act  # "Children’s Act 2004"
    assert ("WF CSC", "Children Act 2004", "43") in act  # "the 1989 and 2004 Children Acts"
    assert all(r["citedAs"] == "gateway" for r in rows)
    assert answer("notices-citing-gateway", gateway="CA 2004 s11", match="exact") == exact


def test_notices_citing_foia_cite_it_as_an_access_regime(answer):
    rows = answer("notices-citing-gateway", gateway="Freedom of Information Act 2000")
    # 002 lines 37, 53: listed among the laws, but an access regime: never a gateway of any flow
    assert [(source(r["notice"]), r["citedAs"], r["role"], r["flows"], r["lines"]) for r in rows] == [
        ("Wandsworth", "cited law", "Access regime", "0", "37, 53")]


def test_legislation_misnamed(answer):
    rows = {(source(r["notice"]), r["cited"], r["asPhrased"], r["lines"]) for r in answer("legislation-misnamed")}
    for expected in [
        ("B&D", "Children Act 1989", "Children’s Act 1989", "83"),
        ("B&D", "Children Act 2004", "Children’s Act 2004", "84"),
        ("B&D", "Children (Leaving Care) Act 2000", "Leaving Care Act 2000", "88"),
        ("B&D", "Equality Act 2010", "Equalities Act 2010", "90"),
        ("B&D", "UK GDPR Art 9(2)(b)", "Article 9(b)", "68"),
        ("WF CSC", "UK GDPR Art 6(1)(e)", "Article 6(e)", "50"),
        ("Wandsworth", "Environmental Information Regulations 2004", "Environmental Regulation 2004", "54"),
        ("Wandsworth", "UK GDPR", "General Data Protection Regulation 2018", "56"),
        ("Wandsworth", "Local Safeguarding Children Boards Regulations 2006",
         "Local Safeguarding Children & Adults Boards Regulations 2006 (SI 2006/90)", "47"),
        ("KCW general", "Digital Economy Act 2017", "The Digital Economy Act", "16"),
        ("KCW Children’s Centres", "Children and Families Act 2014", "The Children and Families Act", "121"),
    ]:
        assert expected in rows
    phrased = {r[2] for r in rows}
    # must not: names that are the title ("The", "&" aside) or a quote that also gives the title
    for fine in ("The Care Act 2014", "Freedom of information Act 2000", "The Health & Social Care Act 2012",
                 "the Children Act 2004", "Article 6(1)(c)", "GDPR Article 9(2)(i)"):
        assert fine not in phrased
    assert ("WF CSC", "Data Protection Act 2018", "Data Protection Act", "48") not in rows  # 000 line 48 gives the title


def test_special_or_criminal_data_without_condition(answer):
    answers = answer("special-data-without-condition")
    rows = {(source(r["notice"]), r["kind"]) for r in answers}
    # 000 lines 19-33 hold religion, health, police information; line 50 gives Art 6(e) only
    assert {("WF CSC", "special category data"), ("WF CSC", "criminal offence data")} <= rows
    # 002 lines 137-147 hold health, ethnicity, offences; lines 37-56 give no Art 9 or Art 10 condition
    assert {("Wandsworth", "special category data"), ("Wandsworth", "criminal offence data")} <= rows
    # 003 line 9 holds details of criminal offences; consent (line 14) is no Art 10 condition
    assert ("WF TF", "criminal offence data") in rows
    # must not: B&D gives Art 9(2)(b), (g), (h) (001 lines 68-70) and Art 10 (line 78); the YOT
    # Art 9(2)(i) and Art 10 (004 lines 158-159)
    assert not any(n in ("B&D", "KCW Westminster Youth Offending Team") for n, _ in rows)
    # one row per statement naming such data, with its lines: 000 lines 19 (religion, ethnic origin),
    # 20 (disability), 24 (health), 29 (GP), 33 (mental health); not the span 19 to 33
    assert sorted((r["example"], r["lines"], r["quote"]) for r in answers
                  if source(r["notice"]) == "WF CSC" and r["kind"] == "special category data") == [
        ("Disability", "20", "disability"), ("GP details", "29", "GP"), ("Health information", "24", "health information"),
        ("Mental health information", "33", "mental health information"), ("Racial or ethnic origin", "19", "ethnic origin"),
        ("Religion", "19", "religion")]


# --- currency -------------------------------------------------------------------------------


def test_notices_past_review_on_22_november_2026(answer):
    # 000 line 3 "Next review: 25 September 2025"; 003 line 2 "Next review: 25 November 2025";
    # no other notice states a review date.
    rows = answer("notices-past-review", asOf="2026-11-22")
    assert [(source(r["notice"]), r["nextReview"], r["lines"], r["monthsOverdue"]) for r in rows] == [
        ("WF CSC", "2025-09-25", "3", "14"), ("WF TF", "2025-11-25", "2", "12")]
    assert [source(r["notice"]) for r in answer("notices-past-review", asOf="2025-10-01")] == ["WF CSC"]
    assert answer("notices-past-review", asOf="2025-01-01") == []


def test_bodies_no_longer_existing(answer):
    answers = answer("bodies-no-longer-existing", asOf="2026-11-22")
    rows = {(source(r["notice"]), r["body"], r["successor"]) for r in answers}
    # the register of abolished and renamed bodies (issue 11) gives successors and knows CRCs and the NPS
    assert rows == {
        ("WF TF", "National Probation Trust", "National Probation Service"),  # 003 line 19
        ("WF TF", "Community rehabilitation company", "The Probation Service"),  # 003 line 20
        ("WF TF", "Public Health England", "UK Health Security Agency"),  # 003 line 23
        ("WF TF", "Public Health England", "Office for Health Improvement and Disparities"),  # 003 line 23
        ("KCW Multi Agency Safeguarding Hub (MASH)", "UK Border Agency", "Home Office"),  # 004 lines 196, 202, 209
        ("Wandsworth", "Department for Levelling Up, Housing and Communities",
         "Ministry of Housing, Communities and Local Government"),  # 002 line 93
        ("KCW Westminster Youth Offending Team", "Independent Inquiry into Child Sexual Abuse", ""),  # 004 line 185
        ("KCW Westminster Youth Offending Team", "National Probation Service", "The Probation Service"),  # 004 line 175
    }
    # 004 line 196 "UK Boarder Agency", line 202 "the UK Border Agency", line 209 "the UKBA": the
    # statement's lines, the middle one included, and its quotes in source order
    ukba = [r for r in answers if r["body"] == "UK Border Agency"]
    assert [r["lines"] for r in ukba] == ["196, 202, 209"]
    assert ukba[0]["quote"].startswith("The MASH also has virtual links with other partner agencies")
    assert ukba[0]["quote"].endswith("pending application with the Home Office.")
    # on 1 January 2020 Public Health England, DLUHC and the inquiry still existed
    early = {r["body"] for r in answer("bodies-no-longer-existing", asOf="2020-01-01")}
    assert early == {"National Probation Trust", "UK Border Agency"}


def test_notice_overview_and_checks(answer):
    rows = {source(r["notice"]): r for r in answer("notice-overview")}
    assert len(rows) == 13
    assert (rows["WF CSC"]["lastUpdated"], rows["WF CSC"]["nextReview"]) == ("2024-09-25", "2025-09-25")  # 000 lines 1, 3
    assert (rows["B&D"]["lastUpdated"], rows["B&D"]["nextReview"]) == ("2025-05-17", "")  # 001 line 155
    assert sum(int(r["lostText"]) for r in rows.values()) == len(answer("lost-lists"))
    undated = {source(r["message"].split(": the notice")[0]) for r in answer("notice-without-date-violation")}
    # 000 line 1, 001 line 155, 003 line 1 give dates; 002 and the 004 page give none
    assert undated == {"Wandsworth"} | {k for k in rows if k.startswith("KCW")}


# --- recipients ------------------------------------------------------------------------------


def test_recipients_every_council_names(answer):
    rows = answer("recipients-common-to-councils")
    assert all(r["councils"] == r["ofCouncils"] == "5" for r in rows)
    found = {(r["level"], r["recipient"]) for r in rows}
    # the DWP: 003 line 22, 001 line 107, 002 line 79, 004 line 14
    assert ("named body", "Department for Work and Pensions") in found
    assert sorted(r["council"] for r in rows if r["recipient"] == "Department for Work and Pensions") == [
        "London Borough of Barking and Dagenham", "London Borough of Waltham Forest",
        "Royal Borough of Kensington and Chelsea", "Wandsworth Borough Council", "Westminster City Council"]
    # the police: 000 line 56, 001 line 109, 002 line 66, 003 line 18 (the Met), 004 line 22
    assert ("recipient type", "Police") in found
    # must not: the ONS is named by Waltham Forest (003) and the bi-borough (004 line 53) only
    assert ("named body", "Office for National Statistics") not in found
    three = {(r["level"], r["recipient"]): r["councils"] for r in answer("recipients-common-to-councils", minCouncils=3)}
    assert three[("named body", "Office for National Statistics")] == "3"


def test_recipients_by_council_and_notice(answer):
    rows = answer("recipients-by-council", council="Waltham Forest")
    assert {source(r["notice"]) for r in rows} == {"WF CSC", "WF TF"}
    found = {(source(r["notice"]), r["recipientType"], r["receiver"], r["rule"]) for r in rows}
    assert ("WF CSC", "Government department", "Home Office", "may") in found  # 000 line 68
    assert ("WF TF", "Police", "Metropolitan Police Service", "") in found  # 003 line 18
    assert ("WF TF", "Statistics or research body", "Office for National Statistics", "must") in found  # 003 line 6
    by_notice = answer("recipients-by-notice", notice="waltham-forest/troubled-families")
    assert {r["receiver"] for r in by_notice if r["rule"] == "must"} == {"Office for National Statistics"}
    ons = [r for r in by_notice if r["receiver"] == "Office for National Statistics"]
    # 003 lines 30-37: the data-sharing agreement and its terms are conditions of the sharing with the ONS
    assert len(ons) == 1 and {"Under a data sharing agreement", "Research use only", "Linked data anonymised",
                              "Securely destroyed after use"} <= set(ons[0]["conditions"].split("; "))
    assert "30" in ons[0]["lines"].split(", ") and "37" in ons[0]["lines"].split(", ")
    # 003 line 29: the ONS shares the results with the government only in depersonalised form
    assert {r["conditions"] for r in by_notice if r["discloser"] == "Office for National Statistics"} == {
        "Anonymised or de-identified form only"}
    # 003 lines 17-25: the partner list states no condition
    assert next(r for r in by_notice if r["receiver"] == "Metropolitan Police Service")["conditions"] == ""
    assert {r["receiver"] for r in by_notice if r["discloser"] == "London Borough of Waltham Forest"} >= {
        "Metropolitan Police Service", "National Probation Trust", "Department for Work and Pensions", "Public Health England"}


def test_sources_of_barking_and_dagenham(answer):
    rows = answer("sources-by-council", council="Barking and Dagenham")
    # 001 line 13 (from you), line 30 (care providers, carers, relatives), line 32 (GP, police, schools)
    assert {"Police", "General practitioner", "Carer", "Family member", "Care provider"} <= {r["source"] for r in rows}
    assert {r["receiver"] for r in rows} == {"Barking and Dagenham Children's Services"}
    assert any(r["source"] == "Police" and r["lines"] == "21, 32" for r in rows)


def test_compare_waltham_forest_and_wandsworth(answer):
    rows = {r["recipient"]: (r["namedByFirst"], r["namedBySecond"]) for r in answer("compare-councils")}
    assert rows["Court"] == ("yes", "yes")  # 000 line 65; 002 line 65
    assert rows["Home Office"] == ("yes", "no")  # 000 line 68
    assert rows["Information Commissioner's Office"] == ("no", "yes")  # 002 line 64


def test_onward_chains(answer):
    rows = {(r["firstDiscloser"], r["firstReceiver"], r["onwardController"], r["onwardParty"]) for r in answer("onward-chains")}
    # 004 line 255: shared with the project via Brent Council
    assert ("Royal Borough of Kensington and Chelsea", "Brent Council", "Brent Council",
            "London Rescue and Response County Lines project") in rows
    # 003 line 29: the ONS shares the results with the government in depersonalised form
    assert ("London Borough of Waltham Forest", "Office for National Statistics", "Office for National Statistics",
            "Government department") in rows
    # 004 line 78: Prospects refers residents to the Westminster Employment Service
    assert any(r[3] == "Westminster Employment Service" for r in rows)


# --- retention, transfers, agreements, lost text --------------------------------------------


def test_retention_rules_of_barking_and_dagenham(answer):
    rows = answer("retention-rules", council="Barking and Dagenham")
    # 001 lines 130-135: general criteria, then four record types, three with two alternatives
    assert sorted((r["recordType"], r["keptFor"], r["lines"]) for r in rows) == [
        ("Adoption records", "100 years from date of adoption", "135"), ("Adoption records", "15 years from date of death", "135"),
        ("All personal information", "not fixed", "130"),
        ("Child Protection", "6 years from date of death", "133"), ("Child Protection", "75 years from date of birth", "133"),
        ("Children Looked after and Leaving Care", "15 years from date of death", "134"),
        ("Children Looked after and Leaving Care", "75 years from date of birth", "134"),
        ("Children in Need (but not accommodated)", "25 years from date of birth", "132"),
    ]
    # 004 line 185: the Goddard Inquiry's restriction suspends deletion of the YOT's records
    assert any("Goddard" in r["hold"] for r in answer("retention-rules", council="Westminster"))


def test_international_transfers(answer):
    # 001 line 139, 002 line 155, 004 line 24 (general): transfers may happen; 004 line 256: none.
    rows = {(source(r["notice"]), r["statement"], r["lines"]) for r in answer("international-transfers")}
    assert rows == {
        ("B&D", "transfers may take place", "139"),
        ("Wandsworth", "transfers may take place", "155"),
        ("KCW general", "transfers may take place", "24"),
        ("KCW London Rescue and Response County Lines project", "no transfers", "256"),
    }


def test_data_sharing_agreements(answer):
    rows = {(source(r["notice"]), r["covers"]) for r in answer("data-sharing-agreements")}
    assert rows == {
        ("WF TF", "London Borough of Waltham Forest to Office for National Statistics"),  # 003 line 30
        ("KCW Supporting Families", f"{BI_BOROUGH} to Office for National Statistics"),  # 004 line 55
        ("B&D", "some sharing (the notice does not say which)"),  # 001 line 98
    }


def test_lost_lists_are_those_of_the_captured_pages(answer):
    rows = {(source(r["notice"]), r["heading"], r["line"]) for r in answer("lost-lists")}
    assert ("WF TF", "Associated documents", "40") in rows  # 003 line 40
    assert ("KCW Children’s Centres", "We may also share your personal data with:", "126") in rows  # 004 line 126
    assert ("WF CSC", "you contact him by email at", "97") in rows  # 000 line 97


# --- no solutions, no rows --------------------------------------------------------------------


@pytest.mark.parametrize("query_id, params", [
    ("retention-rules", {"council": "Brent"}),
    ("recipients-common-to-councils", {"minCouncils": 99}),
    ("compare-councils", {"council": "Brent", "other": "Brent"}),
    ("gateways-per-recipient", {"council": "Brent"}),
    ("notices-past-review", {"asOf": "2000-01-01"}),
    ("bodies-no-longer-existing", {"asOf": "2000-01-01"}),
])
def test_an_answer_with_no_solutions_has_no_rows(answer, query_id, params):
    assert answer(query_id, **params) == []
