"""The SPARQL 1.1 Protocol of the local endpoint: what a request asks, in which format, and the answer.

A query comes by GET (``?query=``), by POST as a form (``application/x-www-form-urlencoded``) or
directly (``application/sparql-query``); ``default-graph-uri`` and ``named-graph-uri`` choose the
dataset, otherwise the default graph is the union of every graph. The ``Accept`` header chooses the
format: SELECT and ASK as SPARQL results JSON, XML, CSV or TSV; CONSTRUCT and DESCRIBE as Turtle,
N-Triples, JSON-LD or RDF/XML. A request that asks nothing gets the service description.
Queries run on the Oxigraph store, in a worker (``workers.py``), serialised there by Oxigraph.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import parse_qs

import pyoxigraph as ox

from ..errors import QueryError
from ..namespaces import PREFIXES
from ..query.sparql import guard

#: media type -> Oxigraph format, the first of each table being the default
RESULT_FORMATS = {
    "application/sparql-results+json": ox.QueryResultsFormat.JSON,
    "application/sparql-results+xml": ox.QueryResultsFormat.XML,
    "text/csv": ox.QueryResultsFormat.CSV,
    "text/tab-separated-values": ox.QueryResultsFormat.TSV,
}
GRAPH_FORMATS = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "application/ld+json": ox.RdfFormat.JSON_LD,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
}
#: other names clients send for the same formats
_ALIASES = {
    "application/json": "application/sparql-results+json",
    "application/xml": "application/sparql-results+xml",
    "text/xml": "application/sparql-results+xml",
    "application/x-turtle": "text/turtle",
    "application/turtle": "text/turtle",
    "text/plain": "application/n-triples",
    "application/x-json+ld": "application/ld+json",
}
_TEXTUAL = ("text/", "application/n-triples")
_PREFIXES = {prefix: str(namespace) for prefix, namespace in PREFIXES.items()}
FORM = "application/x-www-form-urlencoded"
DIRECT = "application/sparql-query"


@dataclass(frozen=True)
class Body:
    """An answer's bytes and their media type."""

    content_type: str
    data: bytes


@dataclass(frozen=True)
class Refusal:
    """A request the protocol refuses before any query runs: its status and message."""

    status: int
    message: str


@dataclass(frozen=True)
class Request:
    """A query request: the text and the dataset it names (empty: the union of every graph)."""

    query: str | None
    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()


def parse_get(query_string: str) -> Request | Refusal:
    """A GET request's parameters."""
    return _from_fields(parse_qs(query_string, keep_blank_values=True))


def parse_post(content_type: str, query_string: str, body: bytes) -> Request | Refusal:
    """A POST request: a form, or the query itself with the dataset in the URL's parameters."""
    media = content_type.split(";")[0].strip().lower()
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        return Refusal(400, "the request body is not UTF-8")
    if media == FORM:
        request = _from_fields(parse_qs(text, keep_blank_values=True))
        return Refusal(400, "the form has no 'query' field") if getattr(request, "query", "") is None else request
    if media == DIRECT:
        fields = parse_qs(query_string, keep_blank_values=True)
        if "query" in fields or "update" in fields:
            return Refusal(400, "a direct POST carries the query in its body, not in a 'query' parameter")
        return _from_fields({**fields, "query": [text]})
    return Refusal(415, f"send the query as {FORM} or {DIRECT}, not {media or 'a body without a Content-Type'}")


def _from_fields(fields: dict[str, list[str]]) -> Request | Refusal:
    if "update" in fields:
        return Refusal(403, "this server is read-only: SPARQL Update is refused")
    queries = fields.get("query", [])
    if len(queries) > 1:
        return Refusal(400, "give one 'query' parameter, not several")
    return Request(queries[0] if queries else None, tuple(fields.get("default-graph-uri", ())),
                   tuple(fields.get("named-graph-uri", ())))


def _accepted(header: str | None) -> list[tuple[float, int, str]]:
    """The media ranges of an Accept header, best first (by q, then by the order given)."""
    ranges = []
    for position, part in enumerate((header or "*/*").split(",")):
        media, *parameters = (piece.strip() for piece in part.split(";"))
        quality = 1.0
        for parameter in parameters:
            name, _, value = parameter.partition("=")
            if name.strip().lower() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        if media and quality > 0:
            ranges.append((-quality, position, _ALIASES.get(media.lower(), media.lower())))
    return sorted(ranges)


def negotiate(header: str | None, offered: dict) -> str | None:
    """The offered media type the Accept header prefers, or None when it accepts none of them."""
    for _, _, media in _accepted(header):
        if media in offered:
            return media
        kind = media.split("/")[0]
        for candidate in offered:
            if media == "*/*" or (media.endswith("/*") and candidate.startswith(f"{kind}/")):
                return candidate
    return None


def _kind(query: str) -> str:
    """SelectQuery, AskQuery, ConstructQuery or DescribeQuery (the query is guarded on the way)."""
    return guard(query).algebra.name


def query_job(store: ox.Store, request: Request, accept: str | None):
    """A worker job: guard the query, choose the format, run it on ``store``, serialise the answer."""

    def job():
        kind = _kind(request.query)
        offered = GRAPH_FORMATS if kind in ("ConstructQuery", "DescribeQuery") else RESULT_FORMATS
        media = negotiate(accept, offered)
        if media is None:
            return 406, {"error": f"this query's answer is available as {', '.join(offered)}; "
                                  f"the Accept header allows none of them"}
        try:
            answer = store.query(request.query, prefixes=_PREFIXES, **_dataset(request, store))
        except (SyntaxError, ValueError) as exc:  # a query rdflib parses and Oxigraph does not, a bad graph IRI
            raise QueryError(f"query refused: {' '.join(str(exc).split())[:300]}") from None
        if isinstance(answer, ox.QueryTriples) and media == "application/ld+json":
            data = _compacted_jsonld(answer)
        elif isinstance(answer, ox.QueryTriples):
            data = ox.serialize(answer, format=offered[media], prefixes=_PREFIXES) or b""
        else:
            data = answer.serialize(format=offered[media])
        return 200, Body(media + ("; charset=utf-8" if media.startswith(_TEXTUAL) else ""), data)

    return job


def _compacted_jsonld(triples: ox.QueryTriples) -> bytes:
    """A graph answer as the JSON-LD ``export jsonld`` writes: compacted, with the project's @context."""
    from rdflib import Dataset

    from ..export.rdf import jsonld

    dataset = Dataset()
    dataset.parse(data=ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b"", format="nt")
    return jsonld(dataset).encode("utf-8")


def _dataset(request: Request, store: ox.Store) -> dict:
    """Oxigraph's arguments for the dataset a request names (none: the union of every graph).

    A request naming every graph of the store as its default graph (as ``query --endpoint`` does) gets
    the union default graph: the same dataset when the store's own default graph is empty, and
    Oxigraph answers it many times faster than a default graph listed graph by graph.
    """
    if not (request.default_graphs or request.named_graphs):
        return {"use_default_graph_as_union": True}
    every = {str(graph.value) for graph in store.named_graphs()}
    if (set(request.default_graphs) == every and set(request.named_graphs or every) == every
            and not any(True for _ in store.quads_for_pattern(None, None, None, ox.DefaultGraph()))):
        return {"use_default_graph_as_union": True}
    chosen = {"default_graph": [ox.NamedNode(g) for g in request.default_graphs] or ox.DefaultGraph()}
    if request.named_graphs:
        chosen["named_graphs"] = [ox.NamedNode(g) for g in request.named_graphs]
    return chosen


_SD = "http://www.w3.org/ns/sparql-service-description#"
_FORMAT_NAMES = ("SPARQL_Results_JSON", "SPARQL_Results_XML", "SPARQL_Results_CSV", "SPARQL_Results_TSV",
                 "Turtle", "N-Triples", "JSON-LD", "RDF_XML")


def service_description(endpoint: str, accept: str | None) -> tuple[int, Body]:
    """The SPARQL 1.1 Service Description of this endpoint, for a request that asks no query."""
    media = negotiate(accept, GRAPH_FORMATS) or "text/turtle"
    service, sd = ox.BlankNode("service"), lambda local: ox.NamedNode(_SD + local)
    triples = [
        ox.Triple(service, ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"), sd("Service")),
        ox.Triple(service, sd("endpoint"), ox.NamedNode(endpoint)),
        ox.Triple(service, sd("supportedLanguage"), sd("SPARQL11Query")),
        ox.Triple(service, sd("feature"), sd("UnionDefaultGraph")),
        *(ox.Triple(service, sd("resultFormat"), ox.NamedNode(f"http://www.w3.org/ns/formats/{name}"))
          for name in _FORMAT_NAMES),
    ]
    data = ox.serialize(triples, format=GRAPH_FORMATS[media], prefixes={"sd": _SD}) or b""
    return 200, Body(media + ("; charset=utf-8" if media.startswith(_TEXTUAL) else ""), data)
