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


def bind(spec: QuerySpec, raw: dict[str, str], resolver: Resolver) -> BoundQuery:
    """Check names against the header and convert each value to its declared type.

    :raises InputError: an unknown or missing parameter, or a value that does not fit its type.
    """
    extra = sorted(set(raw) - set(spec.params))
    if extra:
        known = ", ".join(spec.params) or "none"
        raise InputError(f"query '{spec.id}' has no parameter {', '.join(extra)} (its parameters: {known})")
    bindings: dict[str, Node] = {}
    for name, param in spec.params.items():
        if name in raw:
            value = raw[name]
        elif param.default is not None:
            value = str(param.default)
        elif param.required:
            raise InputError(f"query '{spec.id}' needs parameter '{name}' ({param.type}: {param.description})")
        else:
            continue
        if param.type == "date" and value == "today":
            bindings[name] = Literal(date.today(), datatype=XSD.date)
        elif param.type in DOMAIN_TYPES:
            bindings[name] = resolver.resolve(param.type, value)
        else:
            bindings[name] = simple_term(param, value)
    return BoundQuery(spec, bindings)


def run_local(dataset: Dataset, bound: BoundQuery):
    """Run over the dataset on Oxigraph, parameters bound as RDF terms (``engine.query``)."""
    from ..store.engine import query
    from .sparql import guard

    guard(bound.spec.text)
    return query(dataset, bound.spec.text, bound.bindings)
