"""The findings report without a graph: ids, baselines, --rule, CSV and the counts tables."""

from __future__ import annotations

import json

import pytest

from sharinggraph.cli import main
from sharinggraph.cli.render import validation_csv, validation_json, validation_text
from sharinggraph.cli.rules import check_rules, only_rules, rule_names
from sharinggraph.errors import InputError
from sharinggraph.validate.baseline import read_baseline
from sharinggraph.validate.shacl import Finding, ValidationReport, citation, finding_id

SHAPES = "https://w3id.org/sharinggraph/shapes#"
NOTICE = "https://w3id.org/sharinggraph/id/notice/example/one"


def _finding(rule="MisnamedLegislationShape", severity="Warning", quote="=HYPERLINK(\"x\")", message="m") -> Finding:
    return Finding(severity=severity, focus=NOTICE, path="", message=message, shape=SHAPES + rule,
                   source="http://www.legislation.gov.uk/id/eur/2016/679/article/9/2", notice=NOTICE,
                   quotes=(quote,), value="Equalities Act 2010", lines=(90,),
                   id=finding_id(SHAPES + rule, NOTICE, NOTICE, "Equalities Act 2010", quote))


def test_the_id_is_a_hash_of_what_the_finding_is_about_not_its_wording():
    assert _finding(message="one wording").id == _finding(message="another wording").id
    assert _finding(quote="line a").id != _finding(quote="line b").id
    assert len(_finding().id) == 16 and int(_finding().id, 16) >= 0


def test_provisions_are_cited_as_a_reader_cites_them():
    assert citation("http://www.legislation.gov.uk/id/eur/2016/679/article/9/2") == "UK GDPR Art 9(2)"
    assert citation("http://www.legislation.gov.uk/id/ukpga/2018/12/section/10") == "DPA 2018 s.10"
    assert citation("https://ico.org.uk/for-organisations/uk-gdpr-guidance-and-resources/data-sharing/"
                    "data-sharing-a-code-of-practice/") == "ICO data sharing code"


def test_baseline_from_a_json_report_and_from_a_list_of_ids(tmp_path):
    report = ValidationReport((_finding(), _finding(rule="LostListShape")), None)
    as_json = tmp_path / "baseline.json"
    as_json.write_text(validation_json(report, "info", None), encoding="utf-8")
    assert read_baseline(as_json) == {f.id for f in report.findings}
    as_ids = tmp_path / "baseline.txt"
    as_ids.write_text(f"# accepted on review\n{report.findings[0].id}\n\n", encoding="utf-8")
    assert read_baseline(as_ids) == {report.findings[0].id}


@pytest.mark.parametrize("text", ["not-an-id\n", "{\"command\": \"query\", \"findings\": []}", "{broken", "[1, 2]"])
def test_a_malformed_baseline_is_one_line_exit_2(tmp_path, capsys, text):
    path = tmp_path / "baseline"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError):
        read_baseline(path)
    assert main(["validate", "--baseline", str(path)]) == 2
    error = capsys.readouterr().err.strip()
    assert "not a baseline" in error and "\n" not in error and "Traceback" not in error


def test_known_findings_do_not_fail_the_run_and_are_marked():
    violation = _finding(rule="DpoContactShape", severity="Violation")
    report = ValidationReport((violation,), None, known=frozenset({violation.id}))
    assert report.violations == 1 and report.new_violations == 0
    assert f"{violation.id} (known)" in validation_text(report)


def test_unknown_rule_is_one_line_with_suggestions(capsys):
    assert "MisnamedLegislation" in rule_names() and "LostList" in rule_names()
    with pytest.raises(InputError, match="did you mean MisnamedLegislation"):
        check_rules(["MisnamedLegislaton"])
    assert main(["validate", "--rule", "NoSuchRuleAtAll"]) == 2
    assert "no rule named 'NoSuchRuleAtAll'" in capsys.readouterr().err
    assert only_rules((_finding(), _finding(rule="LostListShape")), ["LostList"])[0].rule == "LostListShape"


def test_turtle_report_from_rudof_is_refused_in_one_line_before_anything_runs(tmp_path, capsys):
    # --format turtle alone runs pyshacl (the engine that keeps the SHACL report graph); rudof asked for is refused
    assert main(["validate", "--format", "turtle", "--engine", "rudof", "--out", str(tmp_path / "out")]) == 2
    error = capsys.readouterr().err.strip()
    assert "--format turtle needs the pyshacl engine" in error and "\n" not in error and "Traceback" not in error
    assert not (tmp_path / "out").exists()  # refused before a store was built


def test_as_of_that_is_not_a_date_is_one_line_exit_2(capsys):
    assert main(["validate", "--as-of", "2026-13-01"]) == 2
    assert "is not a date" in capsys.readouterr().err


def test_csv_has_one_row_per_finding_and_no_formula_cells():
    report = ValidationReport((_finding(), _finding(rule="LostListShape")), None)
    rows = validation_csv(report).splitlines()
    assert rows[0].startswith("id,known,notice,severity,rule,provision,line,quote")
    assert len(rows) == 3
    assert all("'=HYPERLINK" in row for row in rows[1:])


def test_text_report_opens_with_counts_by_rule_and_by_notice():
    report = ValidationReport((_finding(), _finding(rule="LostListShape"), _finding(rule="LostListShape", quote="b")), None)
    lines = validation_text(report).splitlines()
    assert lines[0].split() == ["rule", "violations", "warnings", "info", "total"]
    assert lines[1].split() == ["LostList", "0", "2", "0", "2"]
    assert lines[2].split() == ["MisnamedLegislation", "0", "1", "0", "1"]
    assert lines[4].split()[0] == "notice" and lines[5].split()[-1] == "3"
    assert 'line 90: "=HYPERLINK' in "\n".join(lines)


def test_json_findings_carry_the_issue_11_fields():
    document = json.loads(validation_json(ValidationReport((_finding(),), None), "info", None))
    finding = document["findings"][0]
    assert {"id", "notice", "rule", "provision", "severity", "quote", "line", "known"} <= set(finding)
    assert finding["provision"] == "UK GDPR Art 9(2)" and finding["line"] == 90
