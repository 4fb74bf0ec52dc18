"""Every hand-edited Turtle file parses, and its named graph is where the design says."""

from pathlib import Path

import pytest
from rdflib import Graph

from conftest import ROOT
from sharinggraph.load.dataset import graph_iri_for

TURTLE = sorted([*ROOT.glob("ontology/**/*.ttl"), *ROOT.glob("data/**/*.ttl")])


@pytest.mark.parametrize("path", TURTLE, ids=lambda p: str(p.relative_to(ROOT)))
def test_parses(path: Path):
    graph = Graph().parse(path, format="turtle")
    assert len(graph) > 0


def test_notice_graph_names_follow_the_tree():
    path = ROOT / "data" / "notices" / "waltham-forest" / "troubled-families.ttl"
    assert str(graph_iri_for(ROOT, path)) == "https://w3id.org/sharinggraph/id/graph/waltham-forest/troubled-families"
    vocab = ROOT / "data" / "vocab" / "legislation.ttl"
    assert str(graph_iri_for(ROOT, vocab)) == "https://w3id.org/sharinggraph/id/graph/vocab/legislation"
