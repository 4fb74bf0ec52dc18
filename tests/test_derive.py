"""Derivation within scope, with support tiers: on small fixtures, then on the real notices.

The fixture notice has one council flow to the police (purpose: safeguarding), one to the DWP
(no purpose), one collection from the police, and one onward flow of the police's own.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Literal, URIRef

from sharinggraph import resources
from sharinggraph.load.derive import derive
from sharinggraph.load.dataset import load_dataset
from sharinggraph.namespaces import DERIVED_GRAPH, DPV, GRAPH, PREFIXES, SG

ROOT = Path(__file__).resolve().parents[1]
N = "https://w3id.org/sharinggraph/id/notice/fixture/scoped/"
CAT = "https://w3id.org/sharinggraph/id/category/"
LEG = "http://www.legislation.gov.uk/id/"

FIXTURE = """
@prefix :        <https://w3id.org/sharinggraph/id/notice/fixture/scoped/> .
@prefix sg:      <https://w3id.org/sharinggraph/ontology#> .
@prefix dpv:     <https://w3id.org/dpv#> .
@prefix dct:     <http://purl.org/dc/terms/> .
@prefix body:    <https://w3id.org/sharinggraph/id/org/> .
@prefix rtype:   <https://w3id.org/sharinggraph/id/recipient-type/> .
@prefix cat:     <https://w3id.org/sharinggraph/id/category/> .
@prefix purpose: <https://w3id.org/sharinggraph/id/purpose/> .
@prefix cond:    <https://w3id.org/sharinggraph/id/condition/> .
@prefix role:    <https://w3id.org/sharinggraph/id/legal-role/> .

<https://w3id.org/sharinggraph/id/notice/fixture/scoped> a dpv:PrivacyNotice ;
    dct:title "Fixture notice"@en ; dct:publisher body:waltham-forest ;
    sg:declares :holds-health, :holds-police-for-police, :consent-for-surveys, :basis-whole-notice,
        :gateway-ca2004, :foia, :purpose-all, :assessment ;
    dpv:hasProcess :share-police, :share-dwp, :collect-police, :police-onward, :share-statistics, :share-assessment .

:share-police a dpv:PersonalDataProcess ; dpv:hasDataController body:waltham-forest ;
    dpv:hasProcessing dpv:Share ; dpv:hasRecipient rtype:police ; dpv:hasPurpose purpose:safeguarding .
:share-dwp a dpv:PersonalDataProcess ; dpv:hasDataController body:waltham-forest ;
    dpv:hasProcessing dpv:Share ; dpv:hasRecipient body:dwp .
:collect-police a dpv:PersonalDataProcess ; dpv:hasDataController body:waltham-forest ;
    dpv:hasProcessing dpv:Collect ; dpv:hasDataSource rtype:police .
:police-onward a dpv:PersonalDataProcess ; dpv:hasDataController rtype:police ;
    dpv:hasProcessing dpv:Share ; dpv:hasRecipient body:dwp .
:share-statistics a dpv:PersonalDataProcess ; dpv:hasDataController body:waltham-forest ;
    dpv:hasProcessing dpv:Share ; dpv:hasRecipient body:home-office ; sg:condition cond:statistics-only .
:share-assessment a dpv:PersonalDataProcess ; dpv:hasDataController body:waltham-forest ;
    dpv:hasProcessing dpv:Share ; dpv:hasRecipient body:ofsted ; dpv:hasPersonalData cat:risk-assessment .

:holds-health a sg:Declaration ; dpv:hasPersonalData cat:health .
:holds-police-for-police a sg:Declaration ; dpv:hasPersonalData cat:police-information ; sg:appliesTo rtype:police .
:consent-for-surveys a sg:Declaration ; dpv:hasLegalBasis sg:ConsentAsStated ; sg:appliesTo purpose:survey .
:basis-whole-notice a sg:Declaration ; dpv:hasLegalBasis <https://w3id.org/dpv/legal/eu/gdpr#A6-1-e> ;
    sg:appliesTo <https://w3id.org/sharinggraph/id/notice/fixture/scoped> .
:gateway-ca2004 a sg:Declaration ; sg:hasGateway <http://www.legislation.gov.uk/id/ukpga/2004/31/section/11> .
:foia a sg:Declaration ; sg:hasGateway <http://www.legislation.gov.uk/id/ukpga/2000/36> .
:purpose-all a sg:Declaration ; dpv:hasPurpose purpose:service-delivery .
:assessment a sg:Declaration ; dpv:hasPersonalData cat:risk-assessment ; sg:incorporatesDataFrom :collect-police .
"""


@pytest.fixture(scope="module")
def fixture_links(tmp_path_factory):
    """(flow local name, property, value, tier, via) for every link derived from the fixture."""
    folder = tmp_path_factory.mktemp("scoped")
    (folder / "scoped.ttl").write_text(FIXTURE, encoding="utf-8")
    files = [*resources.ontology_files(ROOT), *resources.vocab_files(ROOT)]
    dataset = load_dataset(ROOT, files).dataset
    dataset.graph(GRAPH["fixture/scoped"]).parse(folder / "scoped.ttl", format="turtle")
    derived = derive(dataset)
    rows = dataset.query("""SELECT ?flow ?p ?v ?tier ?via WHERE { GRAPH ?g {
        ?l sg:ofFlow ?flow ; sg:linkProperty ?p ; sg:linkValue ?v ; sg:support ?tier . OPTIONAL { ?l sg:via ?via } } }""",
                         initNs=PREFIXES, initBindings={"g": DERIVED_GRAPH})
    links = {(str(r.flow).removeprefix(N), r.p, r.v, r.tier, r.via) for r in rows}
    return links, derived


def tiers(links, flow, prop, value):
    return {tier for f, p, v, tier, _ in links if (f, p, v) == (flow, prop, URIRef(value))}


def test_held_categories_are_only_implied(fixture_links):
    links, _ = fixture_links
    assert tiers(links, "share-dwp", DPV.hasPersonalData, CAT + "health") == {SG.Implied}


def test_a_category_scoped_to_a_recipient_is_stated_there_and_implied_elsewhere(fixture_links):
    links, _ = fixture_links
    assert tiers(links, "share-police", DPV.hasPersonalData, CAT + "police-information") == {SG.Stated}
    assert tiers(links, "share-dwp", DPV.hasPersonalData, CAT + "police-information") == {SG.Implied}


def test_consent_scoped_to_surveys_reaches_no_flow_without_that_purpose(fixture_links):
    links, _ = fixture_links
    assert not any(v == SG.ConsentAsStated for _, _, v, _, _ in links)


def test_a_basis_stated_for_the_whole_notice_is_notice_wide_on_own_flows_only(fixture_links):
    links, _ = fixture_links
    public_task = "https://w3id.org/dpv/legal/eu/gdpr#A6-1-e"
    assert tiers(links, "share-dwp", DPV.hasLegalBasis, public_task) == {SG.NoticeWide}
    assert tiers(links, "police-onward", DPV.hasLegalBasis, public_task) == set()


def test_only_gateways_and_functions_reach_a_flow_as_its_gateway(fixture_links):
    links, _ = fixture_links
    assert tiers(links, "share-dwp", SG.hasGateway, LEG + "ukpga/2004/31/section/11") == {SG.NoticeWide}
    assert tiers(links, "share-dwp", SG.hasGateway, LEG + "ukpga/2000/36") == set()


def test_a_flow_that_states_a_purpose_inherits_no_notice_wide_purpose(fixture_links):
    links, _ = fixture_links
    assert tiers(links, "share-police", DPV.hasPurpose, "https://w3id.org/sharinggraph/id/purpose/service-delivery") == set()
    assert tiers(links, "share-dwp", DPV.hasPurpose, "https://w3id.org/sharinggraph/id/purpose/service-delivery") == {SG.NoticeWide}


def test_police_information_comes_from_the_police_and_travels_inside_the_assessment(fixture_links):
    links, _ = fixture_links
    assert tiers(links, "collect-police", DPV.hasPersonalData, CAT + "police-information") == {SG.Stated}
    carried = {(t, via) for f, p, v, t, via in links if f == "share-assessment" and v == URIRef(CAT + "police-information")}
    assert carried == {(SG.Stated, URIRef(CAT + "risk-assessment"))}


def test_statistics_flows_receive_no_unstated_categories(fixture_links):
    links, _ = fixture_links
    assert not any(f == "share-statistics" and p == DPV.hasPersonalData for f, p, _, _, _ in links)


def test_parties_are_explicit_and_a_source_is_never_a_receiver(fixture_links):
    _, derived = fixture_links
    collect = URIRef(N + "collect-police")
    police = URIRef("https://w3id.org/sharinggraph/id/recipient-type/police")
    assert (collect, SG.disclosingParty, police) in derived
    assert (collect, SG.receivingParty, police) not in derived
    assert (collect, SG.receivingParty, URIRef("https://w3id.org/sharinggraph/id/org/waltham-forest")) in derived


# --- the real notices ----------------------------------------------------------------------

def _links(built, query: str, **bindings):
    return list(built.loaded.dataset.query(query, initNs=PREFIXES, initBindings=bindings))


def test_the_derived_graph_holds_no_bare_flow_triples(built):
    derived = built.loaded.dataset.graph(DERIVED_GRAPH)
    for prop in (DPV.hasPersonalData, DPV.hasLegalBasis, SG.hasGateway, DPV.hasPurpose):
        assert next(derived.triples((None, prop, None)), None) is None


def test_no_access_regime_or_data_protection_framework_is_ever_a_gateway_link(built):
    # Wandsworth 002 lines 53-56 (FOIA, EIR, DPA 2018, GDPR) and line 52 (Equality Act 2010)
    for law in ("ukpga/2000/36", "uksi/2004/3391", "ukpga/2018/12", "eur/2016/679", "ukpga/2010/15"):
        rows = _links(built, "SELECT ?l WHERE { ?l sg:linkProperty sg:hasGateway ; sg:linkValue ?law }", law=URIRef(LEG + law))
        assert rows == [], law


def test_wandsworth_consent_is_scoped_to_consultations_surveys_and_research(built):
    # 002 line 52: "Consent – consultations, surveys, some consent-based research"
    rows = _links(built, """SELECT ?flow WHERE { ?l sg:ofFlow ?flow ; sg:linkValue sg:ConsentAsStated ;
        sg:supportedBy <https://w3id.org/sharinggraph/id/notice/wandsworth/childrens-social-care/basis-consent-research> }""")
    assert rows == []


def test_the_mash_front_doors_receive_police_information_via_the_risk_assessment(built):
    # 004 lines 206 (police share with children's services) and 212 (assessment to the front doors)
    rows = _links(built, """SELECT ?flow ?tier WHERE { ?l sg:ofFlow ?flow ; sg:linkValue ?police ; sg:via ?via ; sg:support ?tier }""",
                  police=URIRef(CAT + "police-information"), via=URIRef(CAT + "risk-assessment"))
    doors = {str(r.flow).rsplit("/", 1)[-1] for r in rows}
    assert doors == {f"share-front-door-{c}" for c in ("hammersmith-and-fulham", "kensington-and-chelsea", "westminster")}
    assert {r.tier for r in rows} == {SG.Stated}


def test_quotes_carry_their_line_numbers(built):
    # 004 line 211: "Sections 10 and 11 of the Children Act 2004 place obligations ..."
    rows = _links(built, """SELECT ?line WHERE { ?decl prov:wasDerivedFrom ?r . ?r sg:lineNumber ?line }""",
                  decl=URIRef("https://w3id.org/sharinggraph/id/notice/kensington-chelsea-westminster/mash/gateway-ca2004-s11"))
    assert {r.line for r in rows} == {Literal(211)}
