"""Source-document records (data/sources/*.json) and the third-party texts they describe."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, XSD

from .errors import InputError
from .namespaces import SG, SGSRC

_REQUIRED = ("id", "file", "council", "title", "sha256", "dates")


@dataclass(frozen=True)
class SourceRecord:
    """Metadata of one source notice as retrieved; the text itself is never committed."""

    id: str
    file: str
    council: str
    title: str
    sha256: str
    dates: dict[str, str]
    dates_as_stated: dict[str, str] = field(default_factory=dict)
    controllers: tuple[str, ...] = ()
    note: str = ""

    @property
    def iri(self) -> URIRef:
        """The IRI selectors name with ``oa:hasSource``."""
        return SGSRC[self.id]


def load_records(folder: Path) -> dict[str, SourceRecord]:
    """Read every ``*.json`` record in ``folder``, keyed by IRI string.

    :raises InputError: a record that is not valid JSON or lacks a required key.
    """
    records: dict[str, SourceRecord] = {}
    for path in sorted(folder.glob("*.json")):
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError) as exc:
            raise InputError(f"{path}: not a readable JSON source record ({exc})") from exc
        missing = [key for key in _REQUIRED if key not in raw]
        if missing:
            raise InputError(f"{path}: source record lacks {', '.join(missing)}")
        record = SourceRecord(
            id=raw["id"],
            file=raw["file"],
            council=raw["council"],
            title=raw["title"],
            sha256=raw["sha256"],
            dates=raw["dates"],
            dates_as_stated=raw.get("dates_as_stated", {}),
            controllers=tuple(raw.get("controllers", ())),
            note=raw.get("note", ""),
        )
        records[str(record.iri)] = record
    return records


def sha256_of(path: Path) -> str:
    """Hex sha256 of a file's bytes."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def read_texts(records: dict[str, SourceRecord], folder: Path) -> dict[str, str]:
    """Read and checksum the text of every record from ``folder``, keyed like ``records``.

    Offsets in selectors count Unicode code points of the text read as UTF-8 with newlines kept.

    :raises InputError: the folder or a text is missing, or a text's sha256 differs from its record.
    """
    if not folder.is_dir():
        raise InputError(f"{folder}: sources folder does not exist")
    texts: dict[str, str] = {}
    for key, record in records.items():
        path = folder / record.file
        if not path.is_file():
            raise InputError(f"{path}: source text of '{record.id}' is missing")
        digest = sha256_of(path)
        if digest != record.sha256:
            raise InputError(
                f"{path}: source text of '{record.id}' was altered (sha256 {digest[:12]}…, record says {record.sha256[:12]}…)"
            )
        with path.open(encoding="utf-8", newline="") as handle:
            texts[key] = handle.read()
    return texts


def records_graph(records: dict[str, SourceRecord]) -> Graph:
    """The records as RDF: one ``prov:Entity`` per source document."""
    graph = Graph()
    for record in records.values():
        node = record.iri
        graph.add((node, RDF.type, PROV.Entity))
        graph.add((node, RDF.type, SG.SourceDocument))
        graph.add((node, DCTERMS.title, Literal(record.title, lang="en")))
        graph.add((node, SG.councilAsStated, Literal(record.council)))
        graph.add((node, SG.sha256, Literal(record.sha256)))
        graph.add((node, SG.fileName, Literal(record.file)))
        for controller in record.controllers:
            graph.add((node, DCTERMS.publisher, URIRef(controller)))
        for name, value in record.dates.items():
            prop = {"modified": DCTERMS.modified, "nextReview": SG.nextReviewDate}.get(name)
            if prop is not None:
                graph.add((node, prop, Literal(value, datatype=XSD.date)))
    return graph
