"""Every selector points at its quote; a wrong offset is reported with file, statement and text."""

import shutil
from pathlib import Path

import pytest

from conftest import NOTICE_FILES, ROOT, SOURCES, needs_sources
from sharinggraph.load.build import build_dataset
from sharinggraph.errors import ProvenanceError
from sharinggraph.load.provenance import Citation, check_citation


def _citation(start=4, end=10, exact="police") -> Citation:
    return Citation(file=Path("n.ttl"), statement="urn:x:s", target="urn:x:t", source="urn:x:src",
                    quotes=(exact,), positions=((start, end),))


def test_matching_span_passes():
    assert check_citation(_citation(), "....police....") == []


def test_mismatch_names_file_statement_expected_and_found():
    problems = check_citation(_citation(start=3, end=9), "....police....")
    assert problems == ["n.ttl: urn:x:s: at 3..9 expected 'police' but found '.polic'"]


def test_offsets_outside_the_text_are_reported():
    assert "outside the source" in check_citation(_citation(start=4, end=99), "....police")[0]


def test_unknown_source_is_reported():
    assert "unknown source" in check_citation(_citation(), None)[0]


def test_every_selector_is_verified(built):
    assert built.provenance.verified
    assert built.provenance.problems == ()
    assert built.provenance.checked >= 146


@needs_sources
def test_a_shifted_offset_fails_the_build(tmp_path):
    project = tmp_path / "project"
    for folder in ("ontology", "data"):
        shutil.copytree(ROOT / folder, project / folder)
    notice = project / "data" / "notices" / "waltham-forest" / "troubled-families.ttl"
    text = notice.read_text(encoding="utf-8")
    # "Metropolitan Police Service" (line 18): move its end one character on.
    marker = 'oa:exact "Metropolitan Police Service" ] , [ a oa:TextPositionSelector ; oa:start '
    head, tail = text.split(marker)
    start, rest = tail.split(" ; oa:end ", 1)
    end, rest = rest.split(" ", 1)
    notice.write_text(f"{head}{marker}{start} ; oa:end {int(end) + 1} {rest}", encoding="utf-8")
    with pytest.raises(ProvenanceError) as caught:
        build_dataset(project, SOURCES)
    message = caught.value.problems[0]
    assert "troubled-families.ttl" in message and "share-met-police" in message
    assert "expected 'Metropolitan Police Service' but found 'Metropolitan Police Service\\n'" in message


@pytest.mark.parametrize("path", NOTICE_FILES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_every_quote_is_cited_by_a_statement(path):
    from rdflib import Graph

    from sharinggraph.namespaces import OA, PROV

    graph = Graph().parse(path)
    quotes = set(graph.subjects(OA.hasSource, None))
    cited = set(graph.objects(None, PROV.wasDerivedFrom))
    assert sorted(quotes - cited) == []
