"""Remote SPARQL endpoints (SPARQL 1.1 Protocol): run library queries (VALUES-bound) and push the
graphs, then read them back, over :mod:`.transport` (no redirects, bounded in time, no leaked secrets)."""

from __future__ import annotations

import json
import os
import re

from rdflib import Dataset, Literal, URIRef

from ..errors import EndpointError, InputError
from ..namespaces import GRAPH
from ..query.library import with_values
from .transport import DEADLINE, READ_TIMEOUT, Budget, Endpoint, endpoint, origin, post

_UNSAFE_IRI = re.compile(r'[\s<>"{}|\\^`]')
_COUNTS = ("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } "
           f'FILTER(STRSTARTS(STR(?g), "{GRAPH}")) }} GROUP BY ?g')
_RESULTS = "application/sparql-results+json"
_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"})


def _target(url: str, given_for: str | None = None) -> Endpoint:
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
    return sorted(graph_counts(_target(url), Budget()))


def run_remote(url: str, query_text: str, bindings: dict, union_default_graph: bool = False) -> dict:
    """Run a library query with its parameters bound by one VALUES block (see queries.with_values).

    By default the project's graphs are named as default graphs, so the default graph is their union
    on any SPARQL 1.1 store; a store whose default graph already is the union of its graphs (Oxigraph
    with --union-default-graph, Virtuoso) is asked with ``union_default_graph``, which names none:
    listing every graph makes some engines' cost grow with the square of the corpus.
    """
    target, budget = _target(url), Budget()
    graphs = sorted(graph_counts(target, budget))
    if not graphs:
        raise EndpointError(f"endpoint {target} holds no sharinggraph graphs: run 'sharinggraph push' first")
    return select(target, with_values(query_text, bindings), budget, None if union_default_graph else graphs)


def update_endpoint_for(url: str) -> str:
    """Oxigraph-style servers answer updates at /update beside /query; others at the same URL."""
    return url[: -len("/query")] + "/update" if url.endswith("/query") else url


def replace_graphs_update(dataset: Dataset, stale: list[str]) -> str:
    """One SPARQL Update that drops stale and current project graphs and inserts the current ones.

    Every term is written from the built dataset (``_term``); the stale graph names the endpoint
    reported are used only when they are plain IRIs of the project's graph namespace.
    """
    parts = [f"DROP SILENT GRAPH {URIRef(graph).n3()}" for graph in stale if not _UNSAFE_IRI.search(graph)]
    for graph in dataset.graphs():
        if not len(graph) or not str(graph.identifier).startswith(str(GRAPH)):
            continue
        name = graph.identifier.n3()
        triples = "\n".join(f"{_term(s)} {_term(p)} {_term(o)} ." for s, p, o in graph)
        parts.append(f"DROP SILENT GRAPH {name}")
        parts.append(f"INSERT DATA {{ GRAPH {name} {{\n{triples}\n}} }}")
    return " ;\n".join(parts)


def _term(node) -> str:
    """A term as SPARQL writes it: literals always in the one-line form, with every escape it needs.

    :raises InputError: an IRI holding a character SPARQL cannot write.
    """
    if isinstance(node, Literal):
        text = str(node).translate(_ESCAPES)
        suffix = f"@{node.language}" if node.language else f"^^{_term(node.datatype)}" if node.datatype else ""
        return f'"{text}"{suffix}'
    if isinstance(node, URIRef) and _UNSAFE_IRI.search(node):
        raise InputError(f"cannot push the IRI {node!r}: SPARQL cannot write its characters")
    return node.n3()


def first_mismatch(sent: dict[str, int], held: dict[str, int]) -> str | None:
    """The first graph (in IRI order) the store holds differently from what was sent, described."""
    for graph in sorted(sent.keys() | held.keys()):
        if graph not in held:
            return f"graph <{graph}> is missing ({sent[graph]} triples were sent)"
        if graph not in sent:
            return f"graph <{graph}> is on the store but was not sent"
        if held[graph] != sent[graph]:
            return f"graph <{graph}> holds {held[graph]} triples, {sent[graph]} were sent"
    return None


def push(dataset: Dataset, url: str, update_url: str | None = None,
         timeout: float = READ_TIMEOUT, deadline: float = DEADLINE) -> int:
    """Replace the project's graphs on the endpoint in one update, read them back; return the graph count.

    One request is one transaction on stores that apply updates atomically (Oxigraph does), so a
    failed push leaves the previous graphs as they were.

    :raises EndpointError: a request failed, or the store does not hold exactly the graphs and
        triple counts that were sent (the first difference is named).
    """
    budget = Budget(timeout, deadline)
    target, updates = _target(url), _target(update_url or update_endpoint_for(url), given_for=url)
    sent = {str(g.identifier): len(g) for g in dataset.graphs() if len(g) and str(g.identifier).startswith(str(GRAPH))}
    stale = [g for g in graph_counts(target, budget) if g not in sent]
    post(updates, [("update", replace_graphs_update(dataset, stale))], "*/*", budget)
    mismatch = first_mismatch(sent, graph_counts(target, budget))
    if mismatch:
        raise EndpointError(f"push not confirmed: after the update, endpoint {target} says {mismatch}")
    return len(sent)
