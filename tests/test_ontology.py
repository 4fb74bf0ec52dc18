"""Ontology and vocabulary quality: annotation rules (SHACL), and no undeclared sg: terms."""

from pathlib import Path

import pytest
from pyshacl import validate
from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF

from conftest import ROOT
from sharinggraph.namespaces import SG

QC_SHAPES = ROOT / "ontology" / "shapes" / "ontology-qc.shacl.ttl"
ONTOLOGY = ROOT / "ontology" / "sharinggraph.ttl"
VOCABS = sorted((ROOT / "data" / "vocab").glob("*.ttl"))


def _qc(graph: Graph) -> tuple[bool, str]:
    conforms, _, text = validate(graph, shacl_graph=Graph().parse(QC_SHAPES), inference="none")
    return conforms, text


@pytest.mark.parametrize("path", [ONTOLOGY, *VOCABS], ids=lambda p: p.name)
def test_annotation_rules_hold(path: Path):
    conforms, report = _qc(Graph().parse(path))
    assert conforms, report


def test_qc_shapes_catch_an_undocumented_term():
    graph = Graph().parse(data="""
        @prefix sg: <https://w3id.org/sharinggraph/ontology#> .
        @prefix owl: <http://www.w3.org/2002/07/owl#> .
        @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
        sg:Undocumented a owl:Class ; rdfs:label "Undocumented"@en .
    """, format="turtle")
    conforms, report = _qc(graph)
    assert not conforms
    assert "skos:definition" in report and "isDefinedBy" in report


def test_qc_shapes_catch_an_orphan_concept():
    graph = Graph().parse(data="""
        @prefix skos: <http://www.w3.org/2004/02/skos/core#> .
        <urn:x:c> a skos:Concept ; skos:prefLabel "C"@en ; skos:definition "d"@en ; skos:inScheme <urn:x:s> .
    """, format="turtle")
    conforms, report = _qc(graph)
    assert not conforms and "parent" in report


def test_ontology_declares_itself_with_version_and_licence():
    graph = Graph().parse(ONTOLOGY)
    ontology = URIRef(str(SG))
    assert (ontology, RDF.type, OWL.Ontology) in graph
    assert graph.value(ontology, OWL.versionInfo) is not None
    assert graph.value(ontology, URIRef("http://purl.org/dc/terms/license")) is not None


def test_every_sg_term_used_is_defined():
    defined = set(Graph().parse(ONTOLOGY).subjects()) | {
        s for path in VOCABS for s in Graph().parse(path).subjects() if str(s).startswith(str(SG))
    }
    used = set()
    for path in [*VOCABS, *ROOT.glob("data/notices/*/*.ttl")]:
        for triple in Graph().parse(path):
            used |= {term for term in triple if isinstance(term, URIRef) and str(term).startswith(str(SG))}
    assert sorted(used - defined - {URIRef(str(SG))}) == []
