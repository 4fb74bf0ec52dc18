"""`curate offsets` reads comments and strings as wholes, checks what it writes, keeps a backup."""

import re
import shutil

import pyoxigraph as ox
import pytest

from conftest import ROOT, SOURCES, needs_sources
from sharinggraph.curate import offsets as curate
from sharinggraph.cli import main

pytestmark = needs_sources

NOTICE = ROOT / "data" / "notices" / "waltham-forest" / "troubled-families.ttl"
RESOURCE = ":l4 a oa:SpecificResource"


def _zeroed(text: str) -> str:
    return re.sub(r"oa:start \d+ ; oa:end \d+", "oa:start 0 ; oa:end 0", text)


def _run(path, capsys) -> tuple[int, str, str]:
    code = main(["curate", "offsets", str(path), "--sources", str(SOURCES)])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def notice(tmp_path):
    copy = tmp_path / "notice.ttl"
    shutil.copy(NOTICE, copy)
    return copy


def test_a_quote_in_a_comment_is_left_alone(notice, capsys):
    """Issue 10: a comment holding oa:exact "…" gave wrong offsets and duplicated text, exit 0."""
    comment = '# was: oa:exact "Next review: 25 November 2025" ; oa:start 31 ; oa:end 60 (a "quote\\" too)\n'
    original = NOTICE.read_text(encoding="utf-8")
    zeroed = _zeroed(original).replace(RESOURCE, comment + RESOURCE)
    notice.write_text(zeroed, encoding="utf-8")
    code, out, _ = _run(notice, capsys)
    assert code == 0 and "selectors updated" in out
    assert notice.read_text(encoding="utf-8") == original.replace(RESOURCE, comment + RESOURCE)
    assert len(list(ox.parse(path=str(notice), format=ox.RdfFormat.TURTLE))) > 0  # a strict parser reads it
    assert notice.with_name("notice.ttl.bak").read_text(encoding="utf-8") == zeroed


def test_a_quote_it_cannot_place_changes_nothing(notice, capsys):
    text = _zeroed(NOTICE.read_text(encoding="utf-8")).replace(
        '"Metropolitan Police Service"', '"Metropolitan Police Force"')
    notice.write_text(text, encoding="utf-8")
    code, out, err = _run(notice, capsys)
    assert code == 2 and out == "" and err.count("\n") == 1
    assert "'Metropolitan Police Force' not found on line 18" in err and "notice.ttl: line " in err
    assert notice.read_text(encoding="utf-8") == text
    assert not notice.with_name("notice.ttl.bak").exists()


def test_a_backup_it_cannot_write_changes_nothing(notice, capsys):
    text = _zeroed(NOTICE.read_text(encoding="utf-8"))
    notice.write_text(text, encoding="utf-8")
    notice.with_name("notice.ttl.bak").mkdir()
    code, _, err = _run(notice, capsys)
    assert code == 2 and "notice.ttl.bak: is a folder" in err
    assert notice.read_text(encoding="utf-8") == text


@pytest.mark.parametrize("corrupt, problem", [
    (lambda t: t.replace("Troubled Families Programme 2015-2020\"@en", "Troubled Families\"@en", 1),
     "would change more than offsets"),
    (lambda t: t.replace(" .\n", " \n", 1), "in the rewritten text"),
    (lambda t: t.replace("oa:start 31 ; oa:end 60", "oa:start 30 ; oa:end 59", 1), "expected 'Next review"),
])
def test_a_rewrite_that_does_not_check_out_is_not_written(notice, capsys, monkeypatch, corrupt, problem):
    """What is written is parsed first: a rewriting bug can never reach the file."""
    text = _zeroed(NOTICE.read_text(encoding="utf-8"))
    notice.write_text(text, encoding="utf-8")
    set_offsets = curate.set_offsets
    monkeypatch.setattr(curate, "set_offsets", lambda *a: (corrupt(set_offsets(*a)[0]), 1))
    code, _, err = _run(notice, capsys)
    assert code == 2 and err.count("\n") == 1 and problem in err and "file not changed" in err
    assert notice.read_text(encoding="utf-8") == text


def test_long_and_single_quoted_strings_and_typed_offsets_are_read(notice, capsys):
    text = NOTICE.read_text(encoding="utf-8")
    old = 'oa:exact "Last updated: 16 December 2024" ] , [ a oa:TextPositionSelector ; oa:start 0 ; oa:end 30 ]'
    new = ("oa:exact '''Last updated: 16 December 2024''' ] , [ a oa:TextPositionSelector ; "
           'oa:start "7"^^<http://www.w3.org/2001/XMLSchema#integer> ; oa:end "x"^^xsd:integer ]')
    notice.write_text(text.replace(old, new), encoding="utf-8")
    code, out, _ = _run(notice, capsys)
    assert code == 0 and "1 selectors updated" in out
    assert notice.read_text(encoding="utf-8") == text.replace(old, old.replace('"', "'''", 2))


def test_a_non_utf8_notice_is_one_line(notice, capsys):
    notice.write_bytes(NOTICE.read_bytes() + b"\n# caf\xe9\n")
    code, _, err = _run(notice, capsys)
    assert code == 2 and err.count("\n") == 1 and "not UTF-8" in err
