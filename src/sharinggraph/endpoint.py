"""Remote SPARQL endpoints: run library queries (VALUES-bound) and push the graphs, via SPARQLWrapper."""

from __future__ import annotations

import json
import os
import re
from urllib.error import HTTPError, URLError

from rdflib import Dataset, URIRef
from SPARQLWrapper import JSON, POST, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import SPARQLWrapperException

from .errors import EndpointError
from .namespaces import GRAPH
from .queries import with_values

TIMEOUT_SECONDS = 60
_UNSAFE_IRI = re.compile(r'[\s<>"{}|\\^`]')
_GRAPHS = f'SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ }} FILTER(STRSTARTS(STR(?g), "{GRAPH}")) }}'


def _client(endpoint: str, update_endpoint: str | None = None) -> SPARQLWrapper:
    client = SPARQLWrapper(endpoint, updateEndpoint=update_endpoint)
    client.setTimeout(TIMEOUT_SECONDS)
    client.setMethod(POST)
    user, password = os.environ.get("SHARINGGRAPH_ENDPOINT_USER"), os.environ.get("SHARINGGRAPH_ENDPOINT_PASSWORD")
    if user:
        client.setCredentials(user, password or "")
    return client


def _call(endpoint: str, action):
    """Run one request; turn every transport or protocol failure into one EndpointError line."""
    try:
        return action()
    except HTTPError as exc:
        raise EndpointError(f"endpoint {endpoint} answered {exc.code} {exc.reason}") from exc
    except URLError as exc:
        raise EndpointError(f"cannot reach endpoint {endpoint}: {exc.reason}") from exc
    except SPARQLWrapperException as exc:
        detail = " ".join(str(exc).split())[:300]
        raise EndpointError(f"endpoint {endpoint} refused the request: {detail}") from exc
    except (OSError, ValueError) as exc:
        raise EndpointError(f"endpoint {endpoint} failed: {exc}") from exc


def select(endpoint: str, query: str, dataset_graphs: list[str] | None = None) -> dict:
    """Run a query and return its SPARQL 1.1 Query Results JSON.

    ``dataset_graphs`` become both default-graph-uri and named-graph-uri, so the default graph is
    their union on any SPARQL 1.1 endpoint.
    """
    client = _client(endpoint)
    client.setQuery(query)
    client.setReturnFormat(JSON)
    for graph in dataset_graphs or ():
        client.addDefaultGraph(graph)
        client.addNamedGraph(graph)

    def action():
        response = client.query().response.read()
        return json.loads(response)

    return _call(endpoint, action)


def project_graphs(endpoint: str) -> list[str]:
    """The sharinggraph named graphs the endpoint holds."""
    results = select(endpoint, _GRAPHS)
    return sorted(b["g"]["value"] for b in results["results"]["bindings"])


def run_remote(endpoint: str, query_text: str, bindings: dict) -> dict:
    """Run a library query with its parameters bound by one VALUES block (see queries.with_values)."""
    graphs = project_graphs(endpoint)
    if not graphs:
        raise EndpointError(f"endpoint {endpoint} holds no sharinggraph graphs: run 'sharinggraph push' first")
    return select(endpoint, with_values(query_text, bindings), graphs)


def update_endpoint_for(endpoint: str) -> str:
    """Oxigraph-style servers answer updates at /update beside /query; others at the same URL."""
    return endpoint[: -len("/query")] + "/update" if endpoint.endswith("/query") else endpoint


def replace_graphs_update(dataset: Dataset, stale: list[str]) -> str:
    """One SPARQL Update that drops stale and current project graphs and inserts the current ones.

    Every term is written with ``n3()`` from the built dataset; the stale graph names the endpoint
    reported are used only when they are plain IRIs of the project's graph namespace.
    """
    parts = [f"DROP SILENT GRAPH {URIRef(graph).n3()}" for graph in stale if not _UNSAFE_IRI.search(graph)]
    for graph in dataset.graphs():
        if not len(graph) or not str(graph.identifier).startswith(str(GRAPH)):
            continue
        name = graph.identifier.n3()
        triples = "\n".join(f"{s.n3()} {p.n3()} {o.n3()} ." for s, p, o in graph)
        parts.append(f"DROP SILENT GRAPH {name}")
        parts.append(f"INSERT DATA {{ GRAPH {name} {{\n{triples}\n}} }}")
    return " ;\n".join(parts)


def push(dataset: Dataset, endpoint: str, update_endpoint: str | None = None) -> int:
    """Replace the project's graphs on the endpoint in one update request; return the graph count.

    One request is one transaction on stores that apply updates atomically (Oxigraph does), so a
    failed push leaves the previous graphs as they were.
    """
    local = {str(g.identifier) for g in dataset.graphs() if len(g) and str(g.identifier).startswith(str(GRAPH))}
    stale = [g for g in project_graphs(endpoint) if g not in local]
    client = _client(endpoint, update_endpoint or update_endpoint_for(endpoint))
    client.setQuery(replace_graphs_update(dataset, stale))
    _call(endpoint, lambda: client.query())
    return len(local)
