"""Every library query is well formed; parameters are bound as typed terms, never spliced."""

from __future__ import annotations

import pytest
from rdflib import Literal, URIRef
from rdflib.plugins.sparql import prepareQuery

from conftest import ROOT
from sharinggraph.cli import main
from sharinggraph.errors import InputError, QueryError
from sharinggraph.query.library import ParamSpec, QueryLibrary, parse_header, simple_term, with_values
from sharinggraph.query.resolve import Resolver
from sharinggraph.query.results import results_json
from sharinggraph.query.runner import answer_local, bind, run_local
from sharinggraph.query.sparql import guard

LIBRARY = QueryLibrary(ROOT / "queries")
SPECS = LIBRARY.list()


def test_library_has_the_promised_queries():
    ids = {s.id for s in SPECS}
    assert len(ids) >= 15
    assert {"who-may-receive", "notices-relying-on-consent", "notices-past-review", "onward-chains",
            "what-body-receives", "compare-councils", "statements-without-gateway"} <= ids


@pytest.mark.parametrize("spec", SPECS, ids=lambda s: s.id)
def test_query_is_well_formed(spec):
    prepared = guard(spec.text)  # parses, and refuses SERVICE and FROM: runs need not parse it again
    form = prepared.algebra.name
    expected = {"select": "SelectQuery", "check": "SelectQuery", "ask": "AskQuery", "construct": "ConstructQuery"}
    assert form == expected[spec.kind]
    if form == "SelectQuery":
        assert [str(v) for v in prepared.algebra["PV"]] == list(spec.returns)
    body = spec.text.split("\nSELECT", 1)[-1]
    for name, param in spec.params.items():
        assert f"?{name}" in body, f"parameter {name} is not a variable of the query"
        if param.required:
            assert name in spec.example, f"example lacks required parameter {name}"
    assert len(spec.summary) <= 100


@pytest.mark.parametrize("spec", [s for s in SPECS if s.kind == "check"], ids=lambda s: s.id)
def test_checks_project_focus_and_message(spec):
    assert spec.returns == ("focus", "message")


def test_header_errors_are_reported():
    with pytest.raises(QueryError, match="not valid YAML"):
        parse_header("#+ summary: a: b\nSELECT * WHERE {}", "x.rq")
    with pytest.raises(QueryError, match="unknown header keys"):
        parse_header("#+ summary: s\n#+ endpoint: http://example.org\nSELECT * WHERE {}", "x.rq")
    with pytest.raises(QueryError, match="no '#\\+' header"):
        parse_header("SELECT * WHERE {}", "x.rq")


@pytest.mark.parametrize("hostile", ['x" } ; DROP ALL', "> } ; DROP ALL", "a\nb } INSERT DATA { <a> <b> <c> }", "{ ?s ?p ?o }"])
def test_hostile_string_is_bound_as_one_literal(hostile):
    term = simple_term(ParamSpec("text", "string", ""), hostile)
    query = with_values("SELECT ?text WHERE { BIND(1 AS ?one) }", {"text": term})
    prepared = prepareQuery(query)
    from rdflib import Graph

    rows = list(Graph().query(prepared))
    assert rows == [(Literal(hostile),)]


@pytest.mark.parametrize("hostile", ["http://x/> } ; DROP ALL", "http://x/a b", 'http://x/"', "javascript:alert(1)"])
def test_hostile_iri_is_rejected(hostile):
    with pytest.raises(InputError, match="is not valid"):
        simple_term(ParamSpec("thing", "iri", ""), hostile)


def test_hostile_vocabulary_value_is_rejected(built):
    resolver = Resolver(built.loaded.dataset)
    spec = LIBRARY.get("who-may-receive")
    for hostile in ['police" } ; DROP ALL', "> } ; DROP ALL", "police\n}"]:
        with pytest.raises(InputError):
            bind(spec, {"category": hostile, "gateway": "s.11 Children Act 2004"}, resolver)


@pytest.mark.parametrize("value, expected", [
    ("s.11 Children Act 2004", "http://www.legislation.gov.uk/id/ukpga/2004/31/section/11"),
    ("Children Act 2004 section 11", "http://www.legislation.gov.uk/id/ukpga/2004/31/section/11"),
    ("section 47 of the Children Act 1989", "http://www.legislation.gov.uk/id/ukpga/1989/41/section/47"),
    ("Children Act 1989", "http://www.legislation.gov.uk/id/ukpga/1989/41"),
    ("Equalities Act 2010", "http://www.legislation.gov.uk/id/ukpga/2010/15"),
])
def test_friendly_gateways_resolve(built, value, expected):
    assert Resolver(built.loaded.dataset).resolve("gateway", value) == URIRef(expected)


@pytest.mark.parametrize("kind, value, expected", [
    ("category", "police", "https://w3id.org/sharinggraph/id/category/police-information"),
    ("council", "Waltham Forest", "https://w3id.org/sharinggraph/id/org/waltham-forest"),
    ("council", "E09000033", "https://w3id.org/sharinggraph/id/org/westminster"),
    ("recipient", "DWP", "https://w3id.org/sharinggraph/id/org/dwp"),
])
def test_friendly_values_resolve(built, kind, value, expected):
    assert Resolver(built.loaded.dataset).resolve(kind, value) == URIRef(expected)


def test_unknown_section_lists_what_the_register_has(built):
    with pytest.raises(InputError, match="section 99 .* not in the register.*s.47"):
        Resolver(built.loaded.dataset).resolve("gateway", "s.99 Children Act 1989")


def test_ambiguous_value_lists_candidates(built):
    with pytest.raises(InputError, match="ambiguous.*could be"):
        Resolver(built.loaded.dataset).resolve("category", "school")


@pytest.mark.parametrize("argv, message", [
    (["query", "run", "who-may-recieve"], "unknown query 'who-may-recieve'; did you mean who-may-receive"),
    (["query", "run", "who-may-receive", "-p", "category=police"], "needs parameter 'gateway'"),
    (["query", "run", "lost-lists", "-p", "colour=red"], "has no parameter colour"),
    (["query", "run", "notices-past-review", "-p", "asOf=22/11/2026"], "is not valid"),
    (["query", "run", "who-may-receive", "-p", "category"], "must be NAME=VALUE"),
    (["query", "show", "nothing-like-this"], "unknown query"),
    (["query", "run", "my/own.rq"], "unknown query 'my/own.rq'; to run a query file, give it with --file FILE"),
])
def test_bad_query_input_exits_2(argv, message, capsys):
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1


def test_query_list_and_show(capsys):
    assert main(["query", "list", "--tag", "headline"]) == 0
    listed = capsys.readouterr().out
    assert "who-may-receive" in listed and "lost-lists" not in listed
    assert main(["query", "show", "who-may-receive"]) == 0
    assert capsys.readouterr().out.startswith("#+ summary:")


@pytest.mark.parametrize("spec", SPECS, ids=lambda s: s.id)
def test_json_answer_is_the_rdflib_result_serialised(built, spec):
    """The renderers read Oxigraph's JSON directly; it must say exactly what the rdflib Result says."""
    dataset = built.loaded.dataset
    bound = bind(spec, {k: str(v) for k, v in spec.example.items()}, Resolver(dataset))
    assert answer_local(dataset, bound) == results_json(run_local(dataset, bound))
