"""Source-document records (data/sources/*.json) and the third-party texts they describe."""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, XSD

from ..errors import InputError
from ..inputs import MEGABYTE, decode, read_bytes, read_text
from ..namespaces import SG, SGSRC

_REQUIRED = ("id", "file", "council", "title", "sha256", "dates")
_ID = re.compile(r"[A-Za-z0-9_-]+")
_SHA256 = re.compile(r"[0-9a-f]{64}")
_DATES = ("modified", "nextReview")
_TEXT_LIMIT = 64 * MEGABYTE


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
    address: str | None = None
    retrieved: str | None = None

    @property
    def iri(self) -> URIRef:
        """The IRI selectors name with ``oa:hasSource``."""
        return SGSRC[self.id]


def _checked(raw: object, path: Path) -> dict:
    """A parsed record whose keys have the types the build relies on.

    :raises InputError: one line naming the record and the first key that is wrong.
    """
    if not isinstance(raw, dict):
        raise InputError(f"{path}: a source record must be a JSON object")
    missing = [key for key in _REQUIRED if key not in raw]
    if missing:
        raise InputError(f"{path}: source record lacks {', '.join(missing)}")
    problems = [f"'{key}' must be a non-empty string" for key in _REQUIRED[:-1]
                if not isinstance(raw[key], str) or not raw[key]]
    if not problems and not _ID.fullmatch(raw["id"]):
        problems.append("'id' must be letters, digits, '-' and '_'")
    if not problems and (Path(raw["file"]).name != raw["file"] or raw["file"] in (".", "..")):
        problems.append("'file' must be a file name in the sources folder, not a path")
    if not problems and not _SHA256.fullmatch(raw["sha256"]):
        problems.append("'sha256' must be 64 hexadecimal digits")
    for key in ("dates", "dates_as_stated"):
        value = raw.get(key, {})
        if not isinstance(value, dict) or not all(isinstance(v, str) for v in value.values()):
            problems.append(f"'{key}' must map names to strings")
    for name, value in raw["dates"].items() if isinstance(raw["dates"], dict) else ():
        if name in _DATES and isinstance(value, str) and not _is_date(value):
            problems.append(f"dates.{name} {value!r} is not a date (YYYY-MM-DD)")
    controllers = raw.get("controllers", [])
    if not isinstance(controllers, list) or not all(isinstance(c, str) and c.startswith("https://") for c in controllers):
        problems.append("'controllers' must be a list of https IRIs")
    if not isinstance(raw.get("note", ""), str):
        problems.append("'note' must be a string")
    address = raw.get("address")
    if address is not None and not (isinstance(address, str) and re.fullmatch(r"https?://[^\s<>\"]+", address)):
        problems.append("'address' must be the notice's http(s) address, or null when it was not recorded")
    retrieved = raw.get("retrieved")
    if retrieved is not None and not (isinstance(retrieved, str) and _is_date(retrieved)):
        problems.append("'retrieved' must be the retrieval date (YYYY-MM-DD), or null when it was not recorded")
    if problems:
        raise InputError(f"{path}: {problems[0]}")
    return raw


def _is_date(value: str) -> bool:
    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return True


def load_records(folder: Path) -> dict[str, SourceRecord]:
    """Read every ``*.json`` record in ``folder``, keyed by IRI string.

    :raises InputError: a record that is not readable UTF-8 JSON, lacks a key or has one of the wrong type.
    """
    records: dict[str, SourceRecord] = {}
    for path in sorted(folder.glob("*.json")):
        try:
            raw = json.loads(read_text(path, "source record", MEGABYTE))
        except json.JSONDecodeError as exc:
            raise InputError(f"{path}: not a readable JSON source record ({exc})") from exc
        raw = _checked(raw, path)
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
            address=raw.get("address"),
            retrieved=raw.get("retrieved"),
        )
        records[str(record.iri)] = record
    return records


def sha256_of(path: Path) -> str:
    """Hex sha256 of a file's bytes."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def read_texts(records: dict[str, SourceRecord], folder: Path) -> dict[str, str]:
    """Read and checksum the text of every record from ``folder``, keyed like ``records``.

    Offsets in selectors count Unicode code points of the text read as UTF-8 with newlines kept.

    :raises InputError: the folder or a text is missing, a text's sha256 differs from its record,
        or it is not UTF-8.
    """
    if not folder.is_dir():
        raise InputError(f"{folder}: sources folder does not exist")
    texts: dict[str, str] = {}
    for key, record in records.items():
        path = folder / record.file
        if not path.is_file():
            raise InputError(f"{path}: source text of '{record.id}' is missing")
        data = read_bytes(path, f"source text of '{record.id}'", _TEXT_LIMIT)
        digest = hashlib.sha256(data).hexdigest()
        if digest != record.sha256:
            raise InputError(
                f"{path}: source text of '{record.id}' was altered (sha256 {digest[:12]}…, record says {record.sha256[:12]}…)"
            )
        texts[key] = decode(data, path, f"source text of '{record.id}'")
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
        if record.address:  # the copy was taken from the published page, on the retrieval date
            graph.add((node, PROV.hadPrimarySource, URIRef(record.address)))
        if record.retrieved:
            graph.add((node, PROV.generatedAtTime, Literal(record.retrieved, datatype=XSD.date)))
        for name, value in record.dates.items():
            prop = {"modified": DCTERMS.modified, "nextReview": SG.nextReviewDate}.get(name)
            if prop is not None:
                graph.add((node, prop, Literal(value, datatype=XSD.date)))
    return graph
