"""Local answers in the SPARQL 1.1 Query Results JSON format, the one shape every consumer reads
(the command line's renderers, the query page, the comparison with remote runs)."""

from __future__ import annotations

import json

from rdflib.query import Result


def results_json(result: Result) -> dict:
    """A local result as SPARQL 1.1 Query Results JSON (CONSTRUCT: ``{"graph": Turtle}``)."""
    if result.type in ("CONSTRUCT", "DESCRIBE"):
        from ..export.rdf import turtle

        return {"graph": turtle(result.graph)}
    return json.loads(result.serialize(format="json"))


#: SPARQL 1.1 results formats the command line writes besides JSON and CSV
SERIALISED = {"tsv": "TSV", "xml": "XML"}


def serialised(results: dict, fmt: str) -> str:
    """SPARQL JSON results in the SPARQL 1.1 TSV or XML results format (``fmt``: tsv or xml), by Oxigraph."""
    import pyoxigraph as ox

    parsed = ox.parse_query_results(json.dumps(results).encode("utf-8"), format=ox.QueryResultsFormat.JSON)
    return parsed.serialize(format=getattr(ox.QueryResultsFormat, SERIALISED[fmt])).decode("utf-8")
