"""`agreement check` and `register` on bad input: one line naming the file, flow or row and field; exit 2;
no output file. And the file format's reader on its own (no store needed)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from conftest import ROOT, needs_sources

from sharinggraph.agreement.format import read_agreements
from sharinggraph.cli import main
from sharinggraph.errors import InputError

GOOD_FLOW = "  - {from: Westminster City Council, to: NHS, data: [name]}\n"
HEAD = "title: x\nparties: [Westminster City Council, NHS]\n"


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _refused(tmp_path: Path, capsys, path: Path, *extra: str) -> str:
    target = tmp_path / "report.txt"
    assert main(["agreement", "check", str(path), "-o", str(target), "-q", *extra]) == 2
    assert not target.exists()
    error = capsys.readouterr().err.strip()
    assert len(error.splitlines()) == 1 and "Traceback" not in error
    return error


# --- no store needed: refused while the file is read -----------------------------------------------

@pytest.mark.parametrize(("text", "expected"), [
    ("title: x\nparties: [a, b\nflows: []\n", "malformed YAML (line 3, column 6)"),
    (HEAD + "flows: []\n", "field 'flows': the agreement has no flows"),
    (HEAD + "review_date: 2026-02-30\nflows:\n" + GOOD_FLOW, "field 'review_date': '2026-02-30' is not a date"),
    (HEAD + "end_date: next year\nflows:\n" + GOOD_FLOW, "field 'end_date': 'next year' is not a date"),
    (HEAD + "flows:\n  - {from: Westminster City Council, to: NHS}\n", "flow 1, field 'data': a category or a list"),
    (HEAD + "flows:\n" + GOOD_FLOW + "  - {from: NHS, data: [name]}\n", "flow 2, field 'to': required"),
    (HEAD + "flows:\n  - {from: NHS, to: NHS, data: [name], colour: red}\n", "flow 1, field 'colour': unknown"),
    (HEAD + "flows:\n  - {from: NHS, to: NHS, data: [name], direction: sideways}\n", "flow 1, field 'direction'"),
    ("parties: [Westminster City Council, NHS]\nflows:\n" + GOOD_FLOW, "field 'title': required"),
    ("- just a list\n", "an agreement is a YAML mapping"),
])
def test_bad_yaml_is_one_line(tmp_path, capsys, text, expected):
    path = _write(tmp_path, "agreement.yaml", text)
    with pytest.raises(InputError, match=None) as caught:
        read_agreements(path)
    assert expected in str(caught.value) and str(path) in str(caught.value)
    assert expected in _refused(tmp_path, capsys, path)


@pytest.mark.parametrize(("text", "expected"), [
    ("agreement,from,to,data\nA,Westminster City Council,NHS,name\nA,Westminster City Council,,name\n", "row 3, field 'to': required"),
    ("agreement,from,to,data,review_date\nA,Westminster City Council,NHS,name,31/12/2026\n", "row 2, field 'review_date': '31/12/2026' is not a date"),
    ("agreement,from,to,data\n,Westminster City Council,NHS,name\n", "row 2, field 'agreement': empty"),
    ("agreement,from,to\nA,Westminster City Council,NHS\n", "row 1: the register has no column 'data'"),
    ("agreement,from,to,data,colour\nA,Westminster City Council,NHS,name,red\n", "row 1: unknown column 'colour'"),
    ("agreement,from,to,data\n", "the register has no rows"),
])
def test_bad_csv_names_row_and_field(tmp_path, capsys, text, expected):
    path = _write(tmp_path, "register.csv", text)
    assert expected in _refused(tmp_path, capsys, path)


def test_other_suffix_and_missing_file_and_bad_as_of(tmp_path, capsys):
    assert "a .yaml/.yml file or a .csv register" in _refused(tmp_path, capsys, _write(tmp_path, "a.txt", "x"))
    assert "cannot read agreement" in _refused(tmp_path, capsys, tmp_path / "none.yaml")
    good = _write(tmp_path, "good.yaml", HEAD + "flows:\n" + GOOD_FLOW)
    assert "is not a date" in _refused(tmp_path, capsys, good, "--as-of", "2026-13-01")


def test_register_reader_groups_rows_by_agreement():
    specs = read_agreements(ROOT / "examples" / "agreements" / "westminster-register.csv")
    assert [spec.title for spec in specs] == ["Youth justice information sharing protocol (example)",
                                              "Family Hubs referrals (example)", "Schools admissions data (example)"]
    protocol = specs[0]
    assert [flow.where for flow in protocol.flows] == ["row 2", "row 3"]
    assert protocol.flows[0].data == ("convictions and sentences", "criminal offences")
    assert protocol.review_date == date(2027, 6, 30) and specs[2].end_date == date(2025, 8, 31)


# --- names resolved against the vocabularies (the store is built) -----------------------------------

@needs_sources
@pytest.mark.parametrize(("text", "expected"), [
    (("title: x\nparties: [Westminster City Council, Metropolitan Polise]\nflows:\n"
     "  - {from: Westminster City Council, to: Metropolitan Polise, data: [name]}\n"),
     "field 'parties': unknown recipient 'Metropolitan Polise'; closest: Metropolitan Police Service"),
    (HEAD + "flows:\n  - {from: Westminster City Council, to: NHS, data: [helth]}\n",
     "flow 1, field 'data': unknown category 'helth'; closest: Health information"),
    (HEAD + "flows:\n  - {from: Westminster City Council, to: DWP, data: [name]}\n",
     "flow 1, field 'to': 'DWP' is not one of the agreement's parties"),
    ("title: x\nparties: [E09999999, NHS]\nflows:\n" + GOOD_FLOW, "GSS code 'E09999999' is not a council"),
    (HEAD + "flows:\n  - {from: Westminster City Council, to: NHS, data: [name], gateway: s.99 Children Act 2004}\n",
     "flow 1, field 'gateway': gateway 's.99 Children Act 2004': section 99"),
    (HEAD + "flows:\n  - {from: Westminster City Council, to: NHS, data: [name], basis: consent}\n",
     "flow 1, field 'basis': basis 'consent' is ambiguous"),
])
def test_unknown_names_get_suggestions(tmp_path, capsys, text, expected):
    assert expected in _refused(tmp_path, capsys, _write(tmp_path, "agreement.yaml", text))


@needs_sources
def test_register_refuses_an_unknown_council(tmp_path, capsys):
    example = ROOT / "examples" / "agreements" / "supporting-families.yaml"
    assert main(["agreement", "register", str(example), "--council", "Westminstr", "-q"]) == 2
    assert "--council: unknown recipient 'Westminstr'; closest: Westminster City Council" in capsys.readouterr().err
