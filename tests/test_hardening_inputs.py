"""Bad input is one line on stderr and exit 2, never a traceback (issue 10)."""

import hashlib
import json
import os
import shutil

import pytest

from conftest import ROOT, SOURCES, copy_project, needs_sources
from sharinggraph.cli import query as query_cli
from sharinggraph.cli import main

RECORD = "waltham-forest-troubled-families.json"


def _one_line(capsys, expected: str) -> None:
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err and "--debug" not in err, err
    assert expected in err, err


@pytest.fixture
def project(tmp_path, monkeypatch):
    """A copy of the project, with a copy of the source texts as its sources folder."""
    copy = copy_project(tmp_path, monkeypatch)
    shutil.copytree(ROOT / "queries", copy / "queries")
    if SOURCES.is_dir():
        shutil.copytree(SOURCES, tmp_path / "seeds")
    monkeypatch.setenv("SHARINGGRAPH_SOURCES", str(tmp_path / "seeds"))
    return copy


def _record(project) -> dict:
    return json.loads((project / "data" / "sources" / RECORD).read_text(encoding="utf-8"))


@pytest.mark.parametrize("change, expected", [
    (lambda r: [r], "a source record must be a JSON object"),
    (lambda r: 5, "a source record must be a JSON object"),
    (lambda r: {**r, "id": 5}, "'id' must be a non-empty string"),
    (lambda r: {**r, "id": "a b>"}, "'id' must be letters"),
    (lambda r: {**r, "file": "../../etc/passwd"}, "'file' must be a file name"),
    (lambda r: {**r, "sha256": "abc"}, "'sha256' must be 64 hexadecimal digits"),
    (lambda r: {**r, "dates": ["2024-12-16"]}, "'dates' must map names to strings"),
    (lambda r: {**r, "dates": {"modified": "16 December"}}, "dates.modified '16 December' is not a date"),
    (lambda r: {**r, "controllers": "https://example.org/c"}, "'controllers' must be a list of https IRIs"),
    (lambda r: {**r, "note": 1}, "'note' must be a string"),
])
def test_a_malformed_source_record_is_one_line(project, tmp_path, capsys, change, expected):
    path = project / "data" / "sources" / RECORD
    path.write_text(json.dumps(change(_record(project))), encoding="utf-8")
    assert main(["build", "--out", str(tmp_path / "out")]) == 2
    _one_line(capsys, f"{RECORD}: {expected}")


@pytest.mark.parametrize("content, expected", [(b"{", "not a readable JSON source record"),
                                               (b'{"id": "caf\xe9"}', "source record is not UTF-8 text (byte 11 is 0xe9)")])
def test_an_unreadable_source_record_is_one_line(project, tmp_path, capsys, content, expected):
    (project / "data" / "sources" / RECORD).write_bytes(content)
    assert main(["build", "--out", str(tmp_path / "out")]) == 2
    _one_line(capsys, expected)


@needs_sources
def test_a_non_utf8_source_text_is_one_line(project, tmp_path, capsys):
    record = _record(project)
    text = tmp_path / "seeds" / record["file"]
    text.write_bytes(text.read_bytes().replace(b"Waltham", b"W\xe4ltham", 1))
    record["sha256"] = hashlib.sha256(text.read_bytes()).hexdigest()
    (project / "data" / "sources" / RECORD).write_text(json.dumps(record), encoding="utf-8")
    assert main(["build", "--out", str(tmp_path / "out")]) == 2
    _one_line(capsys, f"source text of '{record['id']}' is not UTF-8 text")


def test_a_non_utf8_query_file_is_one_line(project, tmp_path, capsys):
    query = tmp_path / "q.rq"
    query.write_bytes(b"SELECT * WHERE { ?s ?p \"caf\xe9\" }")
    assert main(["query", "run", "--file", str(query)]) == 2
    _one_line(capsys, "query file is not UTF-8 text")


def test_a_non_utf8_library_query_is_one_line(project, capsys):
    library = next((project / "queries").glob("*/*.rq"))
    library.write_bytes(library.read_bytes() + b"\n# caf\xe9\n")
    assert main(["query", "list"]) == 2
    _one_line(capsys, f"{library.name}: library query is not UTF-8 text")


def test_query_file_must_be_a_small_regular_file(project, tmp_path, capsys):
    """Issue 10: `query run --file /dev/zero` exhausted memory."""
    assert main(["query", "run", "--file", "/dev/zero"]) == 2
    _one_line(capsys, "/dev/zero: cannot read query file: not a regular file")
    os.mkfifo(tmp_path / "pipe")  # opened without blocking: no writer is needed to refuse it
    assert main(["query", "run", "--file", str(tmp_path / "pipe")]) == 2
    _one_line(capsys, "not a regular file")
    big = tmp_path / "big.rq"
    big.write_text("# " + "x" * (1 << 20), encoding="utf-8")
    assert main(["query", "run", "--file", str(big)]) == 2
    _one_line(capsys, "query file is larger than the 1024 KB this command reads")


@pytest.mark.parametrize("top", ["-3", "0", "many"])
def test_report_top_must_be_positive(top, capsys):
    """Issue 10: `report network --top -3` silently dropped three recipients."""
    assert main(["report", "network", "--top", top]) == 2
    _one_line(capsys, f"argument --top: '{top}' is not a positive whole number")


def test_an_unexpected_error_is_one_line_that_points_at_debug(monkeypatch, capsys):
    def broken(args):
        raise KeyError("surprise")

    monkeypatch.setattr(query_cli, "_cmd_query_list", broken)
    assert main(["query", "list"]) == 2
    err = capsys.readouterr().err
    assert err == "sharinggraph: unexpected error: KeyError: 'surprise' (re-run with --debug for the traceback)\n"
    with pytest.raises(KeyError):
        main(["query", "list", "--debug"])
    with pytest.raises(KeyError):
        main(["--debug", "query", "list"])
