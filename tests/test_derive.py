"""Notice-wide declarations reach flows only through the derived graph."""

from rdflib import URIRef

from sharinggraph.namespaces import DERIVED_GRAPH, DPV, SG

CSC = "https://w3id.org/sharinggraph/id/notice/waltham-forest/childrens-social-care/"
CAT = "https://w3id.org/sharinggraph/id/category/"


def test_declared_categories_reach_flows_in_the_derived_graph_only(built):
    dataset = built.loaded.dataset
    police_flow = URIRef(CSC + "share-police")
    police_info = URIRef(CAT + "police-information")
    derived = dataset.graph(DERIVED_GRAPH)
    assert (police_flow, DPV.hasPersonalData, police_info) in derived
    assert (police_flow, SG.inheritsFrom, URIRef(CSC + "holds-police")) in derived
    stated = [g for g in dataset.graphs() if g.identifier != DERIVED_GRAPH]
    assert not any((police_flow, DPV.hasPersonalData, police_info) in g for g in stated)


def test_a_flow_that_states_its_categories_inherits_none(built):
    derived = built.loaded.dataset.graph(DERIVED_GRAPH)
    nhs_flow = URIRef(CSC + "collect-nhs-number")
    assert list(derived.objects(nhs_flow, DPV.hasPersonalData)) == []


def test_gateways_declared_once_reach_every_flow_of_the_notice(built):
    derived = built.loaded.dataset.graph(DERIVED_GRAPH)
    s11_act = URIRef("http://www.legislation.gov.uk/id/ukpga/2004/31")
    flows = set(derived.subjects(SG.hasGateway, s11_act))
    assert URIRef(CSC + "share-police") in flows
    assert not any("troubled-families" in str(flow) for flow in flows)


def test_onward_flows_of_another_controller_inherit_nothing(built):
    derived = built.loaded.dataset.graph(DERIVED_GRAPH)
    onward = URIRef("https://w3id.org/sharinggraph/id/notice/waltham-forest/troubled-families/ons-shares-results-government")
    assert list(derived.predicate_objects(onward)) == []
