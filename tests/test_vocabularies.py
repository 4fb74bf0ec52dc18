"""The registers keep the notices' own wording, misnamed forms included, beside the right entry."""

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import SKOS

from conftest import ROOT, SOURCES, needs_sources

LEGISLATION = Graph().parse(ROOT / "data" / "vocab" / "legislation.ttl")
ID = "http://www.legislation.gov.uk/id/"

# (wording as printed, seed file, legislation.gov.uk identifier of what it means)
MISNAMED = [
    ("Equalities Act 2010", "001_58618d6735e90a87.txt", "ukpga/2010/15"),
    ("Leaving Care Act 2000", "001_58618d6735e90a87.txt", "ukpga/2000/35"),
    ("Environmental Regulation 2004", "002_31cb65f2aeb5f986.txt", "uksi/2004/3391"),
    ("General Data Protection Regulation 2018", "002_31cb65f2aeb5f986.txt", "eur/2016/679"),
    ("Children’s Act 1989", "001_58618d6735e90a87.txt", "ukpga/1989/41"),
    ("Article 6(e)", "000_417e6ee113b7d9fc.txt", "eur/2016/679/article/6/1/e"),
]


@pytest.mark.parametrize("wording, seed, identifier", MISNAMED, ids=[m[0] for m in MISNAMED])
def test_misnamed_citation_is_kept_on_the_right_entry(wording, seed, identifier):
    assert (URIRef(ID + identifier), SKOS.altLabel, Literal(wording, lang="en")) in LEGISLATION


@needs_sources
@pytest.mark.parametrize("wording, seed, identifier", MISNAMED, ids=[m[0] for m in MISNAMED])
def test_misnamed_wording_is_in_the_notice(wording, seed, identifier):
    assert wording in (SOURCES / seed).read_text(encoding="utf-8")


def test_every_provision_belongs_to_an_act():
    from rdflib.namespace import DCTERMS, RDF

    provisions = set(LEGISLATION.subjects(RDF.type, URIRef("https://w3id.org/sharinggraph/ontology#Provision")))
    assert provisions
    law = URIRef("https://w3id.org/dpv#Law")
    for provision in provisions:
        chain = list(LEGISLATION.transitive_objects(provision, DCTERMS.isPartOf))[1:]
        acts = [node for node in chain if (node, RDF.type, law) in LEGISLATION]
        assert len(acts) == 1 and str(provision).startswith(str(acts[0])), provision


def test_councils_carry_gss_codes():
    organisations = Graph().parse(ROOT / "data" / "vocab" / "organisations.ttl")
    area = URIRef("https://schema.org/areaServed")
    served = {str(o).rsplit("/", 1)[1] for o in organisations.objects(None, area)}
    assert served == {"E09000031", "E09000002", "E09000032", "E09000020", "E09000033", "E09000013", "E09000005"}
