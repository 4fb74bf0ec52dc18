"""Resolves an agreement's names to IRIs: parties (names or GSS codes), categories, purposes,
gateways and lawful bases, through the query library's :class:`Resolver` and its suggestion lists."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from rdflib import URIRef
from rdflib.namespace import SKOS

from ..errors import InputError
from ..namespaces import EU_GDPR, PREFIXES
from ..query.resolve import Resolver, normalise
from .format import AgreementSpec, FlowSpec

_GSS = re.compile(r"^[EWSN]\d{8}$")
_AREA = "http://statistics.data.gov.uk/id/statistical-geography/"
_COUNCIL_BY_AREA = "SELECT ?council WHERE { ?council schema:areaServed ?area }"
#: "UK GDPR Art 6(1)(e)", "Article 9(2)(g)", "6(1)(e)", "A6-1-e": an Art 6 or 9 basis.
_ARTICLE = re.compile(r"^(?:(?:uk\s*)?gdpr\s*)?(?:art(?:icle)?\.?\s*|a)?([69])\s*[(\-]\s*([12])\s*[)\-]?\s*\(?\s*([a-j])\s*\)?$",
                      re.IGNORECASE)
_EXTRA = {
    "basis": """SELECT ?iri ?label WHERE {
        { ?iri skos:inScheme <https://w3id.org/sharinggraph/id/scheme/lawful-bases> }
        UNION { <https://w3id.org/sharinggraph/id/scheme/lawful-bases> skos:hasTopConcept ?iri }
        OPTIONAL { ?iri skos:prefLabel|skos:altLabel ?label } }""",
    "purpose": """SELECT ?iri ?label WHERE {
        ?iri skos:inScheme <https://w3id.org/sharinggraph/id/scheme/purposes> ; skos:prefLabel|skos:altLabel ?label }""",
}


@dataclass(frozen=True)
class Term:
    """A resolved name: its IRI, the name as the agreement wrote it, and the register's label."""

    iri: URIRef
    written: str
    label: str

    @property
    def shown(self) -> str:
        """The name as written, with the register's label when that differs ("E09000020 (Royal Borough ...)")."""
        return self.written if normalise(self.written) == normalise(self.label) else f"{self.written} ({self.label})"


@dataclass(frozen=True)
class Flow:
    """One direction of an agreement flow, resolved."""

    number: int  # position in the agreement (1-based), shared by both directions of a two-way flow
    where: str
    reverse: bool
    source: Term
    target: Term
    data: tuple[Term, ...]
    purpose: Term | None
    gateway: Term | None
    basis: Term | None


@dataclass(frozen=True)
class Agreement:
    """An agreement with every name resolved; ``spec`` keeps what was written."""

    spec: AgreementSpec
    parties: tuple[Term, ...]
    flows: tuple[Flow, ...]


class AgreementResolver(Resolver):
    """The query library's resolver, with lawful bases, purposes and GSS codes besides."""

    def labels(self, kind: str) -> dict[URIRef, set[str]]:
        if kind in _EXTRA and kind not in self._labels:
            found: dict[URIRef, set[str]] = {}
            for row in self.dataset.query(_EXTRA[kind], initNs=PREFIXES):
                names = found.setdefault(row.iri, {normalise(str(row.iri).rsplit("/", 1)[-1].rsplit("#", 1)[-1].replace("-", " "))})
                if row.label is not None:
                    names.add(normalise(str(row.label)))
            self._labels[kind] = found
        return super().labels(kind)

    def resolve(self, kind: str, value: str) -> URIRef:
        if kind == "party" and _GSS.match(value.strip().upper()):
            return self._council(value.strip().upper())
        if kind == "party":
            kind = "recipient"
        if kind == "basis":
            article = _ARTICLE.match(value.strip())
            if article:
                iri = EU_GDPR[f"A{article.group(1)}-{article.group(2)}-{article.group(3).lower()}"]
                if iri in self.labels("basis"):
                    return iri
        if kind in _EXTRA:
            try:
                return self._match(kind, normalise(value), self.labels(kind), value)
            except InputError as exc:  # 'query values' lists no bases or purposes: drop its hint
                raise InputError(str(exc).replace(f" (see 'sharinggraph query values {kind}')", "")) from None
        return super().resolve(kind, value)

    def _council(self, code: str) -> URIRef:
        rows = self.dataset.query(_COUNCIL_BY_AREA, initNs=PREFIXES, initBindings={"area": URIRef(_AREA + code)})
        if not rows:
            raise InputError(f"GSS code {code!r} is not a council in the organisations register "
                             "(see 'sharinggraph query values council')")
        return rows[0].council


def resolve_agreement(spec: AgreementSpec, resolver: AgreementResolver) -> Agreement:
    """Every name of ``spec`` as an IRI; a two-way flow becomes two directions.

    :raises InputError: a name that resolves to nothing or to several terms (with suggestions),
        or a flow whose end is not one of the agreement's parties.
    """
    parties = tuple(_term(resolver, "party", name, spec, "", "parties") for name in spec.parties)
    flows: list[Flow] = []
    for number, flow in enumerate(spec.flows, 1):
        source = _term(resolver, "party", flow.source, spec, flow.where, "from")
        target = _term(resolver, "party", flow.target, spec, flow.where, "to")
        for end, field in ((source, "from"), (target, "to")):
            if end.iri not in {p.iri for p in parties}:
                raise InputError(f"{spec.path} {flow.where}, field '{field}': {end.written!r} is not one of the agreement's parties")
        forward = Flow(
            number=number, where=flow.where, reverse=False, source=source, target=target,
            data=tuple(_term(resolver, "category", name, spec, flow.where, "data") for name in flow.data),
            purpose=_optional(resolver, "purpose", flow.purpose or spec.purpose, spec, flow, "purpose"),
            gateway=_optional(resolver, "gateway", flow.gateway or spec.gateway, spec, flow, "gateway"),
            basis=_optional(resolver, "basis", flow.basis or spec.basis, spec, flow, "basis"))
        flows.append(forward)
        if flow.both:
            flows.append(replace(forward, reverse=True, source=target, target=source))
    return Agreement(spec, parties, tuple(flows))


def _optional(resolver, kind: str, value: str | None, spec: AgreementSpec, flow: FlowSpec, field: str) -> Term | None:
    if value is None:
        return None
    where = flow.where if getattr(flow, field) else ""
    return _term(resolver, kind, value, spec, where, field)


def _term(resolver, kind: str, value: str, spec: AgreementSpec, where: str, field: str) -> Term:
    try:
        iri = resolver.resolve(kind, value)
    except InputError as exc:
        place = f"{where}, " if where else ""
        raise InputError(f"{spec.path} {place}field '{field}': {exc}") from None
    label = resolver.dataset.value(iri, SKOS.prefLabel)
    return Term(iri, value, str(label) if label is not None else value)
