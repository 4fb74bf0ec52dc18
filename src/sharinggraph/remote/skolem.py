"""Blank nodes replaced by stable IRIs before a push (RDF 1.1 skolemisation, section 3.5).

Stores differ on blank nodes in ``INSERT DATA`` and over the Graph Store Protocol; an IRI is the
same on every store, so a pushed graph reads back the same everywhere. Each IRI is derived from
what surrounds the blank node in its graph (the labels the RDF writers use), so the same build
gives the same IRIs on every push and an unchanged graph is replaced by an identical one.
"""

from __future__ import annotations

from rdflib import BNode, Graph, URIRef

from ..export.rdf import blank_node_labels
from ..namespaces import SGID

#: where skolem IRIs live: the project's instance namespace, under the RDF 1.1 well-known path
GENID = f"{SGID}.well-known/genid/"


def skolemised(graph: Graph) -> list[tuple]:
    """The triples of ``graph`` with each blank node replaced by its skolem IRI."""
    triples = list(graph)
    if not any(isinstance(term, BNode) for triple in triples for term in (triple[0], triple[2])):
        return triples
    labels = blank_node_labels(triples, str(graph.identifier))
    iri = {node: URIRef(GENID + label) for node, label in labels.items()}
    return [(iri.get(s, s), p, iri.get(o, o)) for s, p, o in triples]
