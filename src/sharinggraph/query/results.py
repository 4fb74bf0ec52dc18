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
