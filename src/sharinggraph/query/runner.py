"""Binds a library query's typed parameters and runs it locally (on Oxigraph) with them as RDF terms."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from rdflib import Dataset, Literal
from rdflib.namespace import XSD
from rdflib.term import Node

from ..errors import InputError
from .library import DOMAIN_TYPES, QuerySpec, simple_term
from .resolve import Resolver


@dataclass(frozen=True)
class BoundQuery:
    """A query with its parameters converted to RDF terms."""

    spec: QuerySpec
    bindings: dict[str, Node]


def parse_assignments(pairs: list[str]) -> dict[str, str]:
    """``NAME=VALUE`` strings into a mapping.

    :raises InputError: a pair without '=' or a name given twice.
    """
    values: dict[str, str] = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name:
            raise InputError(f"parameter {pair!r} must be NAME=VALUE")
        if name in values:
            raise InputError(f"parameter '{name}' given twice")
        values[name] = value
    return values


def _values(spec: QuerySpec, raw: dict[str, str]) -> dict[str, str]:
    """Each parameter's raw value (given or default), after checking names and required ones."""
    extra = sorted(set(raw) - set(spec.params))
    if extra:
        known = ", ".join(spec.params) or "none"
        raise InputError(f"query '{spec.id}' has no parameter {', '.join(extra)} (its parameters: {known})")
    values: dict[str, str] = {}
    for name, param in spec.params.items():
        if name in raw:
            values[name] = raw[name]
        elif param.default is not None:
            values[name] = str(param.default)
        elif param.required:
            raise InputError(f"query '{spec.id}' needs parameter '{name}' ({param.type}: {param.description})")
    return values


def _simple(param, value: str) -> Node:
    if param.type == "date" and value == "today":
        return Literal(date.today(), datatype=XSD.date)
    return simple_term(param, value)


def check_parameters(spec: QuerySpec, raw: dict[str, str]) -> None:
    """Everything about the parameters that needs no vocabulary: names, required ones, simple types.

    Run before anything is built, so a wrong value costs the user no wait.

    :raises InputError: an unknown or missing parameter, or a value that does not fit its type.
    """
    for name, value in _values(spec, raw).items():
        if spec.params[name].type not in DOMAIN_TYPES:
            _simple(spec.params[name], value)


def bind(spec: QuerySpec, raw: dict[str, str], resolver: Resolver) -> BoundQuery:
    """Check names against the header and convert each value to its declared type.

    :raises InputError: an unknown or missing parameter, or a value that does not fit its type.
    """
    bindings: dict[str, Node] = {}
    for name, value in _values(spec, raw).items():
        param = spec.params[name]
        bindings[name] = resolver.resolve(param.type, value) if param.type in DOMAIN_TYPES else _simple(param, value)
    return BoundQuery(spec, bindings)


def run_local(dataset: Dataset, bound: BoundQuery):
    """Run over the dataset on Oxigraph, parameters bound as RDF terms (``engine.query``).

    A library query is project code, checked by ``sparql.guard`` in the tests (test_query_library), so
    it is not parsed again here; a query text from anywhere else must be guarded by the caller first.
    """
    from ..store.engine import query

    return query(dataset, bound.spec.text, bound.bindings)


def answer_local(dataset: Dataset, bound: BoundQuery) -> dict:
    """Like :func:`run_local`, as SPARQL 1.1 Query Results JSON (the shape every renderer reads)."""
    from ..store.engine import query_json

    return query_json(dataset, bound.spec.text, bound.bindings)
