"""Remote SPARQL endpoints (SPARQL 1.1 Protocol): run library queries (VALUES-bound) and count the
project's graphs (push.py writes them), over :mod:`.transport` (no redirects, bounded in time, no
leaked secrets)."""

from __future__ import annotations

import json
import os
import re

from rdflib import Literal, URIRef

from ..errors import EndpointError, InputError
from ..namespaces import DPV, GRAPH
from ..query.library import with_values
from .transport import Budget, Endpoint, endpoint, origin, post

_UNSAFE_IRI = re.compile(r'[\s<>"{}|\\^`]')
_COUNTS = ("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } "
           f'FILTER(STRSTARTS(STR(?g), "{GRAPH}")) }} GROUP BY ?g')
_HOLDS_NOTICES = f"SELECT ?notice WHERE {{ ?notice a <{DPV.PrivacyNotice}> }} LIMIT 1"
_RESULTS = "application/sparql-results+json"
_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"})


def remote_target(url: str, given_for: str | None = None) -> Endpoint:
    """``url`` with the credentials given for it: its user-info, else SHARINGGRAPH_ENDPOINT_USER and
    _PASSWORD, which are given for the origin of ``given_for`` (default: ``url`` itself) only."""
    if origin(url) != origin(given_for or url):
        return endpoint(url)
    return endpoint(url, os.environ.get("SHARINGGRAPH_ENDPOINT_USER"), os.environ.get("SHARINGGRAPH_ENDPOINT_PASSWORD"))


def select(target: Endpoint, query: str, budget: Budget, dataset_graphs: list[str] | None = None) -> dict:
    """Run a query and return its SPARQL 1.1 Query Results JSON.

    ``dataset_graphs`` become both default-graph-uri and named-graph-uri, so the default graph is
    their union on any SPARQL 1.1 endpoint.

    :raises EndpointError: the request failed or the answer is not SPARQL results JSON.
    """
    fields = [("query", query)]
    for graph in dataset_graphs or ():
        fields += [("default-graph-uri", graph), ("named-graph-uri", graph)]
    body = post(target, fields, _RESULTS, budget)
    try:
        results = json.loads(body)
    except (ValueError, RecursionError):  # not JSON, or nested past what the parser follows
        results = None
    bindings = results.get("results", {}).get("bindings") if isinstance(results, dict) else None
    if not (isinstance(results, dict) and isinstance(results.get("head"), dict)
            and (isinstance(bindings, list) or isinstance(results.get("boolean"), bool))):
        raise EndpointError(f"endpoint {target} did not answer with SPARQL results JSON")
    return results


def graph_counts(target: Endpoint, budget: Budget) -> dict[str, int]:
    """The project's named graphs on the endpoint and the number of triples in each."""
    counts = {}
    for row in select(target, _COUNTS, budget)["results"]["bindings"]:
        try:
            counts[row["g"]["value"]] = int(row["n"]["value"])
        except (KeyError, TypeError, ValueError):
            raise EndpointError(f"endpoint {target} answered the graph count with a malformed row") from None
    return counts


def project_graphs(url: str) -> list[str]:
    """The sharinggraph named graphs the endpoint at ``url`` holds."""
    return sorted(graph_counts(remote_target(url), Budget()))


def run_remote(url: str, query_text: str, bindings: dict, union_default_graph: bool = False) -> dict:
    """Run a library query with its parameters bound by one VALUES block (see queries.with_values).

    By default the project's graphs are named as default graphs, so the default graph is their union
    on any SPARQL 1.1 store; a store whose default graph already is the union of its graphs (Oxigraph
    with --union-default-graph, Virtuoso) is asked with ``union_default_graph``, which names none:
    listing every graph makes some engines' cost grow with the square of the corpus.
    """
    target, budget = remote_target(url), Budget()
    if union_default_graph:  # the question is whether the default graph holds the notices
        if not select(target, _HOLDS_NOTICES, budget)["results"]["bindings"]:
            raise EndpointError(f"endpoint {target}: its default graph holds no privacy notice: "
                                "run 'sharinggraph push' first")
        return select(target, with_values(query_text, bindings), budget)
    graphs = sorted(graph_counts(target, budget))
    if not graphs:
        raise EndpointError(f"endpoint {target} holds no graph named under <{GRAPH}>: run 'sharinggraph push' "
                            "first, or give --union-default-graph if its default graph holds the data")
    return select(target, with_values(query_text, bindings), budget, graphs)


def plain_iri(text: str) -> bool:
    """Whether ``text`` (say, a graph name a store reported) can be written as a SPARQL IRI."""
    return not _UNSAFE_IRI.search(text)


def sparql_term(node) -> str:
    """A term as SPARQL writes it: literals always in the one-line form, with every escape it needs.

    :raises InputError: an IRI holding a character SPARQL cannot write.
    """
    if isinstance(node, Literal):
        text = str(node).translate(_ESCAPES)
        suffix = f"@{node.language}" if node.language else f"^^{sparql_term(node.datatype)}" if node.datatype else ""
        return f'"{text}"{suffix}'
    if isinstance(node, URIRef) and _UNSAFE_IRI.search(node):
        raise InputError(f"cannot push the IRI {node!r}: SPARQL cannot write its characters")
    return node.n3()
