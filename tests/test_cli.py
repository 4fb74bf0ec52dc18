"""The command line, run in-process: outputs, exit codes and one-line errors."""

import json
import shutil

import pytest
from rdflib import Dataset

from conftest import NOTICE_FILES, ROOT, SOURCES, copy_project, needs_sources
from sharinggraph.cli import main

QUERY = """PREFIX dpv: <https://w3id.org/dpv#>
SELECT ?notice (COUNT(?flow) AS ?flows) WHERE { ?notice dpv:hasProcess ?flow } GROUP BY ?notice ORDER BY ?notice
"""


@pytest.fixture
def project(tmp_path, monkeypatch):
    """A copy of the project with no sources folder beside it."""
    monkeypatch.delenv("SHARINGGRAPH_SOURCES", raising=False)
    return copy_project(tmp_path, monkeypatch)


def _one_line_error(capsys) -> str:
    err = capsys.readouterr().err
    assert err.count("\n") == 1, err
    assert "Traceback" not in err
    return err


@needs_sources
def test_build_prints_summary_and_writes_trig(built, tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["build", "--out", str(out), "--sources", str(SOURCES)]) == 0
    printed = capsys.readouterr().out
    s = built.summary
    assert f"provenance: {built.provenance.checked} selectors verified" in printed
    assert (f"summary: {s.notices} notices, {s.councils} councils, {s.statements} statements, "
            f"{s.recipients} distinct recipients, {s.gateways} gateways, {s.triples} triples") in printed
    for path in NOTICE_FILES:
        assert f"{path.parent.name}/{path.stem}" in printed
    reloaded = Dataset()
    reloaded.parse(out / "sharinggraph.trig", format="trig")
    names = {str(g.identifier) for g in reloaded.graphs()}
    assert "https://w3id.org/sharinggraph/id/graph/waltham-forest/childrens-social-care" in names
    assert "https://w3id.org/sharinggraph/id/graph/derived" in names


@needs_sources
def test_build_json_report(tmp_path, capsys):
    assert main(["build", "--out", str(tmp_path), "--sources", str(SOURCES), "--format", "json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["provenance"]["verified"] is True
    assert report["summary"]["notices"] == len(NOTICE_FILES)


def test_build_without_texts_says_provenance_was_not_verified(project, tmp_path, capsys):
    assert main(["build", "--out", str(tmp_path / "out")]) == 0
    assert "provenance: NOT verified" in capsys.readouterr().out


def test_build_again_rebuilds_only_when_an_input_or_an_output_changed_or_forced(project, tmp_path, capsys):
    out = tmp_path / "out"

    def build(*extra: str) -> tuple[str, str]:
        assert main(["build", "--out", str(out), *extra]) == 0
        return capsys.readouterr()

    first, err = build()
    assert "wrote" in err and "summary:" in first
    stamp = (out / "store" / "stamp.json").stat().st_mtime_ns
    again, err = build()  # nothing changed: the same summary, and nothing written
    assert again == first and "up to date" in err and "wrote" not in err
    assert (out / "store" / "stamp.json").stat().st_mtime_ns == stamp
    printed, _ = build("--format", "json")
    assert json.loads(printed)["summary"]["notices"] == 13
    notice = project / "data" / "notices" / "wandsworth" / "childrens-social-care.ttl"
    notice.write_text(notice.read_text(encoding="utf-8") + "\n# an edit\n", encoding="utf-8")
    assert "wrote" in build()[1]  # an input changed
    with (out / "sharinggraph.trig").open("a", encoding="utf-8") as trig:
        trig.write("\n# edited by hand\n")
    assert "wrote" in build()[1]  # the TriG is not the one the store was built with
    assert "wrote" in build("--force")[1]


def test_malformed_turtle_exits_2_naming_the_file(project, tmp_path, capsys):
    broken = project / "data" / "vocab" / "purposes.ttl"
    broken.write_text(broken.read_text(encoding="utf-8") + "\npurpose:x a .\n", encoding="utf-8")
    assert main(["build", "--out", str(tmp_path / "out")]) == 2
    assert "purposes.ttl: malformed Turtle" in _one_line_error(capsys)
    assert not (tmp_path / "out").exists()


@needs_sources
def test_altered_source_exits_2(tmp_path, capsys):
    seeds = tmp_path / "seeds"
    shutil.copytree(SOURCES, seeds)
    (seeds / "000_417e6ee113b7d9fc.txt").write_text("changed", encoding="utf-8")
    assert main(["build", "--out", str(tmp_path / "out"), "--sources", str(seeds)]) == 2
    assert "altered" in _one_line_error(capsys)
    assert not (tmp_path / "out").exists()


def test_missing_out_parent_exits_2_and_writes_nothing(project, tmp_path, capsys):
    target = tmp_path / "absent" / "out"
    assert main(["build", "--out", str(target)]) == 2
    assert "does not exist" in _one_line_error(capsys)
    assert not target.parent.exists()


def test_unknown_option_exits_2_with_one_line(capsys):
    assert main(["build", "--frobnicate"]) == 2
    assert "unrecognized arguments: --frobnicate" in _one_line_error(capsys)


def test_query_json_is_sparql_results_json(project, tmp_path, capsys):
    query = tmp_path / "q.rq"
    query.write_text(QUERY, encoding="utf-8")
    assert main(["query", "run", "--file", str(query), "--format", "json"]) == 0
    results = json.loads(capsys.readouterr().out)
    assert results["head"]["vars"] == ["notice", "flows"]
    rows = {b["notice"]["value"].split("/notice/")[1]: int(b["flows"]["value"]) for b in results["results"]["bindings"]}
    # 33 and 15 flows: see tests/test_notice_counts.py for how they were counted from the texts
    assert rows["waltham-forest/childrens-social-care"] == 33
    assert rows["waltham-forest/troubled-families"] == 15
    assert len(rows) == len(NOTICE_FILES)
    assert results["results"]["bindings"][0]["notice"]["type"] == "uri"


def test_query_csv_and_table(project, tmp_path, capsys):
    query = tmp_path / "q.rq"
    query.write_text(QUERY, encoding="utf-8")
    assert main(["query", "run", "--file", str(query), "--format", "csv"]) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    assert lines[0].strip() == "notice,flows" and len(lines) == 1 + len(NOTICE_FILES)
    assert main(["query", "run", "--file", str(query)]) == 0
    assert f"({len(NOTICE_FILES)} rows)" in capsys.readouterr().out


@pytest.mark.parametrize("text, expected", [
    ("SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }", "SERVICE is not allowed"),
    ("SELECT * FROM <http://example.org/data.ttl> WHERE { ?s ?p ?o }", "FROM and FROM NAMED are not allowed"),
    ("SELECT * WHERE { ?s ?p }", "query does not parse"),
    ("DROP ALL", "query does not parse"),
])
def test_refused_queries_exit_2(project, tmp_path, capsys, text, expected):
    query = tmp_path / "q.rq"
    query.write_text(text, encoding="utf-8")
    assert main(["query", "run", "--file", str(query)]) == 2
    assert expected in _one_line_error(capsys)


def test_query_output_file(project, tmp_path, capsys):
    query = tmp_path / "q.rq"
    query.write_text(QUERY, encoding="utf-8")
    target = tmp_path / "rows.csv"
    assert main(["query", "run", "--file", str(query), "--format", "csv", "-o", str(target)]) == 0
    assert target.read_text(encoding="utf-8").splitlines()[0].strip() == "notice,flows"
    assert f"wrote {target}" in capsys.readouterr().err  # a status line, on stderr
    assert main(["query", "run", "--file", str(query), "-o", str(tmp_path / "no" / "rows.csv")]) == 2
    assert "does not exist" in _one_line_error(capsys)


def test_missing_query_file_exits_2(project, tmp_path, capsys):
    assert main(["query", "run", "--file", str(tmp_path / "none.rq")]) == 2
    assert "cannot read query file" in _one_line_error(capsys)


@needs_sources
def test_curate_locate_and_offsets(tmp_path, capsys):
    assert main(["curate", "locate", "waltham-forest-troubled-families", "Public Health England",
                 "--sources", str(SOURCES)]) == 0
    assert capsys.readouterr().out.startswith("line 23: oa:start")
    copy = tmp_path / "notice.ttl"
    shutil.copy(ROOT / "data" / "notices" / "waltham-forest" / "troubled-families.ttl", copy)
    assert main(["curate", "offsets", str(copy), "--sources", str(SOURCES)]) == 0
    assert "0 selectors updated" in capsys.readouterr().out
    original = copy.read_text(encoding="utf-8")
    marker = 'oa:exact "Public Health England" ] , [ a oa:TextPositionSelector ; oa:start '
    head, tail = original.split(marker)
    numbers, rest = tail.split(" ]", 1)
    copy.write_text(f"{head}{marker}0 ; oa:end 0 ]{rest}", encoding="utf-8")
    assert main(["curate", "offsets", str(copy), "--sources", str(SOURCES)]) == 0
    assert "1 selectors updated" in capsys.readouterr().out
    assert copy.read_text(encoding="utf-8") == original
