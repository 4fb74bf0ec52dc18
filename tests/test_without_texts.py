"""A clone with no source texts answers every library query with the same rows, lines left empty.

Line numbers come from the texts; everything else a library query reports (parties, data,
gateways, tiers, quotes) comes from the Turtle. Issue 15 found 11 of the 27 queries returning no
rows at all without the texts, because their line columns were mandatory patterns.
"""

from __future__ import annotations

import pytest

from conftest import ROOT, copy_project
from sharinggraph.load.build import build_dataset
from sharinggraph.query.library import QueryLibrary
from sharinggraph.query.results import results_json
from sharinggraph.query.resolve import Resolver
from sharinggraph.query.runner import bind, run_local

LIBRARY = QueryLibrary(ROOT / "queries")
# the columns that carry source line numbers, the only thing the texts add to an answer
LINE_COLUMNS = {"lines", "line", "lineNumber"}


@pytest.fixture(scope="module")
def without_texts(tmp_path_factory):
    """The graph built from a copy of the project with no sources folder anywhere near it."""
    monkeypatch = pytest.MonkeyPatch()
    monkeypatch.delenv("SHARINGGRAPH_SOURCES", raising=False)
    project = copy_project(tmp_path_factory.mktemp("no-texts"), monkeypatch)
    result = build_dataset(project)
    yield result
    monkeypatch.undo()


def _answer(dataset, query_id: str) -> list[dict]:
    spec = LIBRARY.get(query_id)
    raw = {name: str(value) for name, value in spec.example.items()}
    rows = results_json(run_local(dataset, bind(spec, raw, Resolver(dataset))))["results"]["bindings"]
    return [{name: cell["value"] for name, cell in row.items()} for row in rows]


def _without_lines(rows: list[dict]) -> set[tuple]:
    """The distinct rows with their line columns left out (rows that differed only in lines merge)."""
    return {tuple(sorted((k, v) for k, v in row.items() if k not in LINE_COLUMNS)) for row in rows}


def test_the_build_says_provenance_was_not_verified(without_texts):
    assert without_texts.sources_dir is None
    assert not without_texts.provenance.verified


@pytest.mark.parametrize("query_id", [spec.id for spec in LIBRARY.list()])
def test_every_query_keeps_its_rows_without_the_texts(built, without_texts, query_id):
    with_texts = _answer(built.loaded.dataset, query_id)
    without = _answer(without_texts.loaded.dataset, query_id)
    assert _without_lines(without) == _without_lines(with_texts)
    # and no line number is made up where there was no text to count lines in
    assert not any(any(ch.isdigit() for ch in row.get(column, "")) for row in without for column in LINE_COLUMNS)
