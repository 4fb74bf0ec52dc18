"""Namespaces used by sharinggraph: the only module that spells namespace IRIs."""

from rdflib import Namespace
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SH, SKOS, XSD

SG = Namespace("https://w3id.org/sharinggraph/ontology#")
SGSH = Namespace("https://w3id.org/sharinggraph/shapes#")
SGID = Namespace("https://w3id.org/sharinggraph/id/")
SGSRC = Namespace("https://w3id.org/sharinggraph/id/source/")
GRAPH = Namespace("https://w3id.org/sharinggraph/id/graph/")
NOTICE = Namespace("https://w3id.org/sharinggraph/id/notice/")

DPV = Namespace("https://w3id.org/dpv#")
PD = Namespace("https://w3id.org/dpv/pd#")
EU_GDPR = Namespace("https://w3id.org/dpv/legal/eu/gdpr#")
LEGAL_GB = Namespace("https://w3id.org/dpv/legal/gb#")
LOC = Namespace("https://w3id.org/dpv/loc#")
OA = Namespace("http://www.w3.org/ns/oa#")
ORG = Namespace("http://www.w3.org/ns/org#")
SCHEMA = Namespace("https://schema.org/")
LEGISLATION = Namespace("http://www.legislation.gov.uk/id/")

#: Prefixes bound on every graph the package writes and offered to every query it runs.
PREFIXES: dict[str, Namespace] = {
    "sg": SG,
    "sgsh": SGSH,
    "sgid": SGID,
    "sgsrc": SGSRC,
    "dpv": DPV,
    "pd": PD,
    "eu-gdpr": EU_GDPR,
    "legal-gb": LEGAL_GB,
    "loc": LOC,
    "oa": OA,
    "org": ORG,
    "schema": SCHEMA,
    "prov": PROV,
    "dct": DCTERMS,
    "skos": SKOS,
    "rdf": RDF,
    "rdfs": RDFS,
    "owl": OWL,
    "sh": SH,
    "xsd": XSD,
}

#: The named graph that holds triples the build derives (never mixed into stated graphs).
DERIVED_GRAPH = GRAPH["derived"]
#: The named graph that holds the source-document records.
SOURCES_GRAPH = GRAPH["sources"]
