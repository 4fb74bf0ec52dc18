"""Push: replace the project's named graphs on a SPARQL store, then read them back.

Blank nodes go as stable IRIs (:mod:`.skolem`). With SPARQL Update (``--protocol update``) the
graphs are first written under staging names, in requests of bounded size (Virtuoso refuses a
request over 10 MB), and then one small update drops the stale graphs and MOVEs each staged graph
onto its name; until that last request the project's graphs are untouched, and a failure before
it leaves them as they were (the staged copies are dropped). With the Graph Store Protocol
(``--protocol gsp``) each graph is PUT whole and stale ones DELETEd: a failure part-way says which
graphs were replaced. Either way the store is read back, and any difference is named.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator

from rdflib import Dataset, URIRef

from ..errors import EndpointError, InputError
from ..namespaces import GRAPH, SGID
from .endpoint import graph_counts, plain_iri, remote_target, sparql_term
from .skolem import skolemised
from .transport import DEADLINE, READ_TIMEOUT, Budget, Endpoint, post, send

#: staged copies of the graphs while a push is under way (not in the project's graph namespace)
STAGING = f"{SGID}.well-known/staging/"
#: triples and bytes of N-Triples in one INSERT DATA request (Virtuoso compiles each request to SQL
#: and refuses one of more than 10,000 lines of it, or of more than 10 MB)
BATCH, CHUNK = 1000, 2**20
PROTOCOLS = ("update", "gsp")
_REFUSED = ("SR186", "No permission", "SPARQL_UPDATE")


def sibling(url: str, name: str) -> str | None:
    """The ``name`` endpoint beside an Oxigraph-style ``/query`` URL (``/update``, ``/store``)."""
    return url[: -len("/query")] + f"/{name}" if url.endswith("/query") else None


def project_graphs_of(dataset: Dataset) -> dict[str, list[str]]:
    """Each non-empty project graph's name and its triples as N-Triples lines (blank nodes skolemised)."""
    return {
        str(graph.identifier): [f"{sparql_term(s)} {sparql_term(p)} {sparql_term(o)} ." for s, p, o in skolemised(graph)]
        for graph in sorted(dataset.graphs(), key=lambda g: str(g.identifier))
        if len(graph) and str(graph.identifier).startswith(str(GRAPH))
    }


def staging_name(graph: str) -> str:
    """The staging graph of ``graph`` (a digest of its name: always a plain IRI)."""
    return STAGING + hashlib.sha256(graph.encode()).hexdigest()[:32]


def insert_requests(lines: list[str], into: str) -> Iterator[str]:
    """INSERT DATA requests that put ``lines`` into graph ``into``, each at most BATCH triples or about CHUNK bytes."""
    graph = sparql_term(URIRef(into))  # written like every other term, though a staging name is always plain
    batch, size = [], 0
    for line in lines:
        if batch and (size + len(line) > CHUNK or len(batch) == BATCH):
            yield f"INSERT DATA {{ GRAPH {graph} {{\n" + "\n".join(batch) + "\n} }"
            batch, size = [], 0
        batch.append(line)
        size += len(line) + 1
    if batch:
        yield f"INSERT DATA {{ GRAPH {graph} {{\n" + "\n".join(batch) + "\n} }"


def switch_update(graphs: list[str], stale: list[str]) -> str:
    """The one update that puts every staged graph in place and drops the stale graphs."""
    drops = [f"DROP SILENT GRAPH {sparql_term(URIRef(graph))}" for graph in stale]
    moves = [f"MOVE SILENT GRAPH {sparql_term(URIRef(staging_name(graph)))} TO GRAPH {sparql_term(URIRef(graph))}" for graph in graphs]
    return " ;\n".join(drops + moves)


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


def _state(target: Endpoint, before: dict[str, int], budget: Budget, replaced: list[str] | None = None) -> str:
    """What the store holds after a failed push, in words."""
    try:
        after = graph_counts(target, Budget(budget.timeout, max(budget.timeout, 30.0)))
    except EndpointError:
        return "what the store now holds could not be read back"
    if after == before:
        return f"the store's project graphs are as they were ({len(before)} graphs)"
    if replaced is not None:
        return f"{len(replaced)} graphs were replaced before the failure, up to <{replaced[-1]}>" if replaced \
            else "no graph was replaced, but " + (first_mismatch(before, after) or "the store changed")
    return f"the store was left changed: {first_mismatch(before, after)}"


def _refusal(exc: EndpointError) -> EndpointError:
    """A store's refusal of the update, with what to do when it is the missing update grant."""
    message = str(exc)
    if any(sign in message for sign in _REFUSED):
        message += " (the store refuses updates: on Virtuoso, GRANT SPARQL_UPDATE TO \"SPARQL\"; see README)"
    elif "SR553" in message:  # Virtuoso 7's SPARQL compiler refuses some typed literals in INSERT DATA
        message += (" (Virtuoso's SPARQL compiler refuses some of the graph's literals: push with --protocol gsp "
                    "--update-endpoint .../sparql-graph-crud, which sends each graph as N-Triples; see README)")
    return EndpointError(message)


def _by_update(graphs: dict[str, list[str]], stale: list[str], updates: Endpoint, budget: Budget) -> None:
    clear = [("update", " ;\n".join(f"DROP SILENT GRAPH {sparql_term(URIRef(staging_name(graph)))}" for graph in graphs))]
    post(updates, clear, "*/*", budget)  # copies an interrupted push left
    try:
        for graph, lines in graphs.items():
            for request in insert_requests(lines, staging_name(graph)):
                post(updates, [("update", request)], "*/*", budget)
    except EndpointError:
        try:
            post(updates, clear, "*/*", Budget(budget.timeout))
        except EndpointError:
            pass
        raise
    post(updates, [("update", switch_update(list(graphs), stale))], "*/*", budget)


def _by_graph_store(graphs: dict[str, list[str]], stale: list[str], store: Endpoint, budget: Budget,
                    replaced: list[str]) -> None:
    for graph, lines in graphs.items():
        body = ("\n".join(lines) + "\n").encode("utf-8")
        send(store, "PUT", body, "application/n-triples", "*/*", budget, [("graph", graph)])
        replaced.append(graph)
    for graph in stale:
        send(store, "DELETE", None, None, "*/*", budget, [("graph", graph)])


def push(dataset: Dataset, url: str, update_url: str | None = None, timeout: float = READ_TIMEOUT,
         deadline: float = DEADLINE, protocol: str = "update") -> int:
    """Replace the project's graphs on the store at ``url``, read them back; return the graph count.

    ``update_url`` is the SPARQL Update endpoint (``update``; default: the /update sibling of a
    /query URL, else ``url``) or the Graph Store Protocol endpoint (``gsp``; default: the /store
    sibling of a /query URL).

    :raises EndpointError: a request failed (the message says what the store then holds), or the
        store does not hold exactly the graphs and triple counts that were sent.
    :raises InputError: ``gsp`` without a Graph Store endpoint.
    """
    budget = Budget(timeout, deadline)
    default = sibling(url, "update") or url if protocol == "update" else sibling(url, "store")
    if not (update_url or default):
        raise InputError("push --protocol gsp: give the Graph Store endpoint with --update-endpoint")
    target, writes = remote_target(url), remote_target(update_url or default, given_for=url)
    before = graph_counts(target, budget)  # first: an unreachable store is said before any work
    graphs = project_graphs_of(dataset)
    stale = [graph for graph in before if graph not in graphs and plain_iri(graph)]
    replaced: list[str] = []
    try:
        if protocol == "gsp":
            _by_graph_store(graphs, stale, writes, budget, replaced)
        else:
            _by_update(graphs, stale, writes, budget)
    except EndpointError as exc:
        state = _state(target, before, budget, replaced if protocol == "gsp" else None)
        raise EndpointError(f"push failed: {_refusal(exc)}; {state}") from None
    sent = {graph: len(set(lines)) for graph, lines in graphs.items()}
    mismatch = first_mismatch(sent, graph_counts(target, budget))
    if mismatch:
        raise EndpointError(f"push not confirmed: after the update, endpoint {target} says {mismatch}")
    return len(graphs)
