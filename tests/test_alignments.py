"""ontology/alignments/dpv.ttl says of each DPV term exactly what DPV 2.3 says, and covers every use."""

from functools import lru_cache

import pytest
from rdflib import Graph, URIRef

from conftest import DPV_VENDOR, ROOT

ALIGNMENT = ROOT / "ontology" / "alignments" / "dpv.ttl"
#: DPV modules vendored under shared/vendor/dpv-2.3 (loc: is not among them).
CHECKED = ("https://w3id.org/dpv#", "https://w3id.org/dpv/pd#", "https://w3id.org/dpv/legal/",
           "https://w3id.org/dpv/sector/")

needs_vendor = pytest.mark.skipif(not DPV_VENDOR.is_dir(), reason=f"DPV 2.3 reference copy not found at {DPV_VENDOR}")


@lru_cache(maxsize=1)
def _dpv() -> Graph:
    graph = Graph()
    for path in sorted(DPV_VENDOR.glob("*.ttl")):
        graph.parse(path)
    return graph


def _is_dpv(term) -> bool:
    return isinstance(term, URIRef) and str(term).startswith(CHECKED)


@needs_vendor
def test_every_declaration_matches_dpv_2_3():
    alignment = Graph().parse(ALIGNMENT)
    wrong = [triple for triple in alignment if triple not in _dpv()]
    assert wrong == [], f"{len(wrong)} declarations differ from DPV 2.3, e.g. {wrong[:3]}"


@needs_vendor
def test_declarations_carry_label_and_parents():
    alignment, dpv = Graph().parse(ALIGNMENT), _dpv()
    skos = "http://www.w3.org/2004/02/skos/core#"
    for term in set(alignment.subjects()):
        assert (term, URIRef(skos + "prefLabel"), None) in alignment, term
        for prop in (URIRef(skos + "broader"), URIRef("http://www.w3.org/2000/01/rdf-schema#subClassOf")):
            expected = set(dpv.objects(term, prop))
            assert set(alignment.objects(term, prop)) == expected, (term, prop)


def test_every_dpv_term_used_is_declared():
    declared = set(Graph().parse(ALIGNMENT).subjects())
    used = set()
    for path in [ROOT / "ontology" / "sharinggraph.ttl", *ROOT.glob("data/**/*.ttl")]:
        for triple in Graph().parse(path):
            used |= {term for term in triple if _is_dpv(term)}
    assert sorted(used - declared) == []
