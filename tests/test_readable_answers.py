"""Answers a person can read: parameter forms officers type, fitted tables, empty answers, values."""

from __future__ import annotations

import csv
import io
import json

import pytest
from rdflib import URIRef

from sharinggraph.cli import main
from sharinggraph.errors import InputError
from sharinggraph.query.resolve import Resolver
from sharinggraph.cli.table import fit

S11 = URIRef("http://www.legislation.gov.uk/id/ukpga/2004/31/section/11")


@pytest.fixture(scope="module")
def resolver(built):
    return Resolver(built.loaded.dataset)


@pytest.mark.parametrize("typed", [
    "s.11 Children Act 2004", "Children Act 2004 section 11", "CA 2004 s11", "s.11 CA 2004", "ca2004 s 11",
    "ukpga/2004/31/section/11",
    "https://www.legislation.gov.uk/ukpga/2004/31/section/11",
    "http://legislation.gov.uk/ukpga/2004/31/section/11/enacted",
    "https://www.legislation.gov.uk/ukpga/2004/31/section/11?view=plain",
    "http://www.legislation.gov.uk/id/ukpga/2004/31/section/11",
])
def test_gateway_as_officers_type_it(resolver, typed):
    assert resolver.resolve("gateway", typed) == S11


def test_an_act_address_with_contents_is_the_act(resolver):
    assert resolver.resolve("gateway", "https://www.legislation.gov.uk/ukpga/2004/31/contents") == URIRef(
        "http://www.legislation.gov.uk/id/ukpga/2004/31")


@pytest.mark.parametrize("typed, iri", [
    ("special category", "https://w3id.org/dpv#SpecialCategoryPersonalData"),
    ("Special category data", "https://w3id.org/dpv#SpecialCategoryPersonalData"),
    ("criminal offence data", "https://w3id.org/dpv/pd#Criminal"),
    ("police", "https://w3id.org/sharinggraph/id/category/police-information"),
])
def test_category_groups(resolver, typed, iri):
    assert resolver.resolve("category", typed) == URIRef(iri)


def test_every_notice_id_build_prints_is_accepted(built, resolver):
    for row in built.summary.per_notice:
        shown = str(row.notice).removeprefix("https://w3id.org/sharinggraph/id/notice/")
        assert resolver.resolve("notice", shown) == URIRef(row.notice)


def test_an_ambiguous_gateway_lists_each_candidate_once(resolver):
    with pytest.raises(InputError) as caught:
        resolver.resolve("gateway", "Children Act")
    message = str(caught.value)
    assert "ambiguous" in message and "\n" not in message
    named = [part.strip() for part in message.split("could be", 1)[1].split(",")]
    assert len(named) == len(set(named))


def test_an_unknown_value_names_the_values_command(resolver):
    with pytest.raises(InputError, match="query values category"):
        resolver.resolve("category", "zebra crossings")


def test_tables_fit_the_width_and_fall_back_to_records():
    names = ["notice", "receiver", "quote"]
    rows = [["A notice with a long title " * 3, "The front door", "x" * 300]]
    table = fit(names, rows, 200)
    assert max(len(line) for line in table.splitlines()) <= 200
    assert "…" in table  # the quote is shortened in a table
    narrow = fit(names, rows, 40)
    assert narrow.startswith("-[ 1 ]") and max(len(line) for line in narrow.splitlines()) <= 40


def test_headline_table_fits_and_keeps_quotes_whole_in_csv(capsys, monkeypatch):
    monkeypatch.setenv("COLUMNS", "120")
    assert main(["query", "run", "who-may-receive", "-p", "category=police", "-p", "gateway=CA 2004 s11"]) == 0
    shown = capsys.readouterr().out
    assert max(len(line) for line in shown.splitlines()) <= 120
    assert main(["query", "run", "who-may-receive", "-p", "category=police", "-p", "gateway=CA 2004 s11", "--format", "csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    # 004 line 212, whole
    assert any(r["quote"].endswith("front door teams in Hammersmith and Fulham, Kensington and Chelsea, and Westminster.") for r in rows)


@pytest.mark.parametrize("value, accepted", [("support=sometimes", "stated, notice-wide, implied"), ("match=roughly", "exact, within, act")])
def test_unknown_support_or_match_is_one_line(capsys, value, accepted):
    assert main(["query", "run", "who-may-receive", "-p", "category=police", "-p", "gateway=CA 2004 s11", "-p", value]) == 2
    err = capsys.readouterr().err.strip()
    assert accepted in err and "\n" not in err


AGGREGATE_OVER_NOTHING = """SELECT (GROUP_CONCAT(?label; separator=", ") AS ?labels)
WHERE { ?x <https://w3id.org/sharinggraph/ontology#noSuchProperty> ?label }"""


@pytest.mark.parametrize("fmt, expected", [("table", "(no rows)"), ("csv", "labels"), ("json", None)])
def test_no_solutions_is_zero_rows_in_every_format(tmp_path, capsys, fmt, expected):
    query = tmp_path / "nothing.rq"
    query.write_text(AGGREGATE_OVER_NOTHING, encoding="utf-8")
    assert main(["query", "run", "--file", str(query), "--format", fmt]) == 0
    out = capsys.readouterr().out.strip()
    if fmt == "json":
        assert json.loads(out)["results"]["bindings"] == []
    else:
        assert out == expected


def test_query_values_lists_what_parameters_accept(capsys):
    assert main(["query", "values", "gateway"]) == 0
    out = capsys.readouterr().out
    assert "Children Act 2004 s.11" in out and "ukpga/2004/31/section/11" in out
    assert main(["query", "values", "colour"]) == 2


def test_query_csv_cells_cannot_start_a_formula(tmp_path, capsys):
    query = tmp_path / "formula.rq"
    query.write_text('SELECT ?cell WHERE { VALUES ?cell { "=HYPERLINK(1)" "+1" "@SUM(1)" "plain" } } ORDER BY ?cell', encoding="utf-8")
    assert main(["query", "run", "--file", str(query), "--format", "csv"]) == 0
    cells = capsys.readouterr().out.splitlines()[1:]
    assert cells == ["'+1", "'=HYPERLINK(1)", "'@SUM(1)", "plain"]
