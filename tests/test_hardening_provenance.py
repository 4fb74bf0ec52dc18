"""The build verifies every selector of every cited span, whatever order they come in (issue 10)."""

import itertools

import pytest

from conftest import ROOT, SOURCES, copy_project, needs_sources
from sharinggraph.load.build import load_texts
from sharinggraph.cli import main
from sharinggraph.load.dataset import load_dataset
from sharinggraph.load.provenance import verify

NOTICE = ("data", "notices", "waltham-forest", "troubled-families.ttl")
QUOTE = '[ a oa:TextQuoteSelector ; oa:exact "Last updated: 16 December 2024" ]'
POSITION = "[ a oa:TextPositionSelector ; oa:start 0 ; oa:end 30 ]"
SELECTORS = f"oa:hasSelector {QUOTE} , {POSITION} ."
INVENTED = '[ a oa:TextQuoteSelector ; oa:exact "The council sells your data." ]'
STATEMENT = "https://w3id.org/sharinggraph/id/notice/waltham-forest/troubled-families/modified"

pytestmark = needs_sources


@pytest.fixture
def project(tmp_path, monkeypatch):
    """A copy of the project whose source texts are the shared ones."""
    monkeypatch.setenv("SHARINGGRAPH_SOURCES", str(SOURCES))
    return copy_project(tmp_path, monkeypatch)


def _edit(project, selectors: str):
    notice = project.joinpath(*NOTICE)
    text = notice.read_text(encoding="utf-8")
    assert SELECTORS in text
    notice.write_text(text.replace(SELECTORS, f"oa:hasSelector {selectors} ."), encoding="utf-8")
    return notice


def _problems(project, notice):
    loaded = load_dataset(project, [notice])
    return list(verify(loaded.dataset, loaded.files, load_texts(ROOT, SOURCES)[1]).problems)


@pytest.mark.parametrize("order", list(itertools.permutations((QUOTE, POSITION, INVENTED))),
                         ids=lambda order: "-".join(s.split()[2].split(":")[1][4:9] for s in order))
def test_an_invented_quote_fails_in_every_order(project, order):
    notice = _edit(project, " , ".join(order))
    assert _problems(project, notice) == [
        f"{notice}: {STATEMENT}: quote 'The council sells your data.' is nowhere in the source"]


def test_an_invented_quote_fails_the_build_in_one_line(project, tmp_path, capsys):
    _edit(project, f"{INVENTED} , {QUOTE} , {POSITION}")
    assert main(["build", "--out", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "'The council sells your data.' is nowhere in the source" in err
    assert STATEMENT in err and not (tmp_path / "out").exists()


def test_a_real_quote_with_no_position_is_named(project):
    other = '[ a oa:TextQuoteSelector ; oa:exact "Metropolitan Police Service" ]'
    notice = _edit(project, f"{QUOTE} , {other} , {POSITION}")
    assert _problems(project, notice) == [
        f"{notice}: {STATEMENT}: quote 'Metropolitan Police Service' has no position selector that points at it"]


def test_a_second_position_must_hold_a_quote(project):
    notice = _edit(project, f"{QUOTE} , {POSITION} , [ a oa:TextPositionSelector ; oa:start 1 ; oa:end 5 ]")
    assert _problems(project, notice) == [f"{notice}: {STATEMENT}: at 1..5 found 'ast ', which none of its quotes is"]


@pytest.mark.parametrize("start, problem", [
    ('"zero"^^xsd:integer', "oa:start 'zero' is not an integer"),
    ('"0"', "oa:start '0' is not an integer"),
    ("0.0", "oa:start '0.0' is not an integer"),
    ("true", "oa:start 'true' is not an integer"),
])
def test_an_ill_typed_offset_is_one_line(project, start, problem):
    notice = _edit(project, f"{QUOTE} , {POSITION.replace('oa:start 0', f'oa:start {start}')}")
    assert _problems(project, notice) == [f"{notice}: {STATEMENT}: {problem}"]


def test_an_ill_typed_offset_in_the_build_is_one_line_without_traceback(project, tmp_path, capsys):
    _edit(project, QUOTE + " , " + POSITION.replace("oa:end 30", 'oa:end "x"^^xsd:integer'))
    assert main(["build", "--out", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "oa:end 'x' is not an integer" in err and "Traceback" not in err
