"""The query library: `#+` YAML headers, typed parameters, and the one place values meet query text."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import yaml
from rdflib import Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Node

from ..errors import InputError, QueryError
from ..inputs import MEGABYTE, read_text

KINDS = ("select", "construct", "ask", "check")
#: Parameter types; the domain types are resolved through the vocabularies (resolve.py).
SIMPLE_TYPES = ("iri", "string", "integer", "date", "boolean", "enum")
DOMAIN_TYPES = ("gateway", "category", "council", "notice", "recipient")
_KEYS = {"summary", "description", "kind", "params", "returns", "example", "tags", "portable", "severity"}
_PARAM_KEYS = {"type", "description", "required", "default", "values"}
_UNSAFE_IRI = re.compile(r'[\s<>"{}|\\^`]')
#: libyaml's safe loader where PyYAML was built with it (about 10x faster), else the pure-Python one
_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True)
class ParamSpec:
    """One declared parameter: its type, whether it is required, its default and allowed values."""

    name: str
    type: str
    description: str
    required: bool = True
    default: object = None
    values: tuple = ()


@dataclass(frozen=True)
class QuerySpec:
    """A library query: its id (the file stem), header fields and body."""

    id: str
    path: Path
    group: str
    summary: str
    kind: str
    params: dict[str, ParamSpec]
    returns: tuple[str, ...]
    example: dict
    tags: tuple[str, ...]
    description: str
    text: str = field(repr=False)


def parse_header(text: str, where: str) -> dict:
    """The YAML mapping in the leading block of ``#+`` lines.

    :raises QueryError: no header, YAML that does not parse, or an unknown key.
    """
    lines = []
    for line in text.splitlines():
        if not line.startswith("#+"):
            break
        lines.append(line[3:] if line.startswith("#+ ") else line[2:])
    if not lines:
        raise QueryError(f"{where}: no '#+' header")
    try:
        header = yaml.load("\n".join(lines), Loader=_SAFE_LOADER)
    except yaml.YAMLError as exc:
        raise QueryError(f"{where}: header is not valid YAML ({' '.join(str(exc).split())[:200]})") from exc
    if not isinstance(header, dict):
        raise QueryError(f"{where}: header must be a mapping")
    unknown = set(header) - _KEYS
    if unknown:
        raise QueryError(f"{where}: unknown header keys {sorted(unknown)}")
    return header


def _param(name: str, raw: object, where: str) -> ParamSpec:
    if not isinstance(raw, dict) or set(raw) - _PARAM_KEYS or "type" not in raw:
        raise QueryError(f"{where}: parameter '{name}' needs a mapping with 'type' (and only {sorted(_PARAM_KEYS)})")
    if raw["type"] not in SIMPLE_TYPES + DOMAIN_TYPES:
        raise QueryError(f"{where}: parameter '{name}' has unknown type '{raw['type']}'")
    return ParamSpec(
        name=name,
        type=raw["type"],
        description=str(raw.get("description", "")),
        required=bool(raw.get("required", "default" not in raw)),
        default=raw.get("default"),
        values=tuple(raw.get("values", ())),
    )


def load_query(path: Path, root: Path) -> QuerySpec:
    """Read one ``.rq`` file into a QuerySpec.

    :raises QueryError: a malformed header, or a required key missing.
    :raises InputError: the file is not a regular file of UTF-8 text of at most 1 MB.
    """
    text = read_text(path, "library query", MEGABYTE)
    where = str(path.relative_to(root)) if path.is_relative_to(root) else str(path)
    header = parse_header(text, where)
    for key in ("summary", "kind"):
        if key not in header:
            raise QueryError(f"{where}: header lacks '{key}'")
    if header["kind"] not in KINDS:
        raise QueryError(f"{where}: kind must be one of {KINDS}")
    params = {name: _param(name, raw, where) for name, raw in (header.get("params") or {}).items()}
    if params and "example" not in header:
        raise QueryError(f"{where}: a query with parameters needs an 'example'")
    return QuerySpec(
        id=path.stem,
        path=path,
        group=path.parent.name,
        summary=str(header["summary"]),
        kind=header["kind"],
        params=params,
        returns=tuple(header.get("returns") or ()),
        example=dict(header.get("example") or {}),
        tags=tuple(header.get("tags") or ()),
        description=str(header.get("description", "")).strip(),
        text=text,
    )


def file_query(path: Path) -> QuerySpec:
    """A ``.rq`` file outside the library, as a select query with no header or parameters.

    :raises InputError: the file is not a regular file of UTF-8 text of at most 1 MB.
    """
    return QuerySpec(id=path.stem, path=path, group="", summary="", kind="select", params={}, returns=(),
                     example={}, tags=(), description="", text=read_text(path, "query file", MEGABYTE))


class QueryLibrary:
    """Every ``queries/<group>/<id>.rq`` file; ids are unique across groups."""

    def __init__(self, folder: Path):
        self.folder = folder
        self._specs: dict[str, QuerySpec] = {}
        for path in sorted(folder.glob("*/*.rq")):
            spec = load_query(path, folder.parent)
            if spec.id in self._specs:
                raise QueryError(f"{path}: query id '{spec.id}' is used twice")
            self._specs[spec.id] = spec

    def list(self, tag: str | None = None) -> list[QuerySpec]:
        """All queries, or those carrying ``tag``, in id order."""
        return [s for s in sorted(self._specs.values(), key=lambda s: s.id) if tag is None or tag in s.tags]

    def get(self, query_id: str) -> QuerySpec:
        """The query with this id.

        :raises InputError: no such query (the message lists the closest ids).
        """
        if query_id not in self._specs:
            from difflib import get_close_matches

            close = get_close_matches(query_id, self._specs, n=3, cutoff=0.4)
            hint = f"; did you mean {', '.join(close)}?" if close else ""
            if query_id.endswith(".rq") or "/" in query_id:
                hint = "; to run a query file, give it with --file FILE"
            raise InputError(f"unknown query '{query_id}'{hint}")
        return self._specs[query_id]


def simple_term(spec: ParamSpec, value: str) -> Node:
    """Convert a raw string to the RDF term a simple-typed parameter declares.

    :raises InputError: the value does not fit the type.
    """
    try:
        if spec.type == "iri":
            if _UNSAFE_IRI.search(value) or not re.match(r"^(https?|urn):", value):
                raise ValueError("not an absolute http(s) or urn IRI")
            return URIRef(value)
        if spec.type == "integer":
            return Literal(int(value), datatype=XSD.integer)
        if spec.type == "date":
            return Literal(date.fromisoformat(value), datatype=XSD.date)
        if spec.type == "boolean":
            if value.lower() not in ("true", "false"):
                raise ValueError("expected true or false")
            return Literal(value.lower() == "true", datatype=XSD.boolean)
        if spec.type == "enum":
            if value not in spec.values:
                raise ValueError(f"expected one of {', '.join(map(str, spec.values))}")
            return Literal(value)
        return Literal(value)
    except ValueError as exc:
        raise InputError(f"parameter '{spec.name}' ({spec.type}): {value!r} is not valid: {exc}") from exc


_WHERE = re.compile(r"\bWHERE\s*\{", re.IGNORECASE)


def with_values(query: str, bindings: dict[str, Node]) -> str:
    """The query with ``bindings`` as a VALUES block opening each of its WHERE clauses.

    This is the only place a parameter value meets query text. Every value is an rdflib term
    rendered with ``n3()``, which escapes literals and IRIs. The block opens the WHERE clause
    rather than trailing the query: a trailing VALUES is joined after FILTERs and GROUP BY, so it
    could not bind a parameter that a filter or an aggregate uses. It opens every WHERE clause,
    subqueries' included: a subquery is evaluated on its own, so a parameter it uses must be bound
    inside it (a query can then match the few rows it needs before joining labels onto them).

    :raises QueryError: the query has no WHERE clause to bind into.
    """
    if not bindings:
        return query
    positions = [
        m for m in _WHERE.finditer(query) if not query[query.rfind("\n", 0, m.start()) + 1 : m.start()].lstrip().startswith("#")
    ]
    if not positions:
        raise QueryError("query has no WHERE clause to bind parameters into")
    names = sorted(bindings)
    variables = " ".join(f"?{name}" for name in names)
    row = " ".join(bindings[name].n3() for name in names)
    for position in reversed(positions):
        query = f"{query[: position.end()]}\n  VALUES ({variables}) {{ ({row}) }}{query[position.end():]}"
    return query
