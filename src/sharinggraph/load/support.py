"""Which flows a declaration reaches, and with what support: the rules of GUIDE section 3.

A flow's own statement supports a link as **stated**. A declaration whose scope (``sg:appliesTo``)
covers the flow (names it, its purpose, its recipient or source, a category of data it states, or
its kind of processing) supports a link as **stated** too. A declaration with no scope, or scoped
to the notice itself, reaches only the notice's own-controller flows that do not state that
property, as **notice-wide**; a category declaration reaches them only as **implied** (the notice
holds the data and names the recipient, and links them nowhere) unless it is scoped to the notice
itself, and outside its scope a scoped category is still implied. A flow the notice says carries
anonymised data only (statistics) gets no category it does not state. Only gateways and functions
reach a flow as its gateway. Data that incorporates other data carries it to whoever receives it
("via").

Pure functions over plain records: ``derive.py`` reads the records and writes the links.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rdflib import URIRef
from rdflib.term import Node

from ..namespaces import DPV, SG, SGID

ROLE = SGID["legal-role/"]
#: A flow under this condition (or a narrower one) receives no person-level data it does not state.
ANONYMISED_ONLY = SGID["condition/anonymised-only"]
#: Roles of cited law that reach a flow as its gateway.
GATEWAY_ROLES = frozenset({URIRef(ROLE + "sharing-gateway"), URIRef(ROLE + "statutory-function")})
#: The properties a flow can be linked to, each with a support tier.
LINKED = (DPV.hasPersonalData, DPV.hasPurpose, DPV.hasLegalBasis, SG.hasGateway, DPV.hasDataSubject)
TIER_RANK = {SG.Stated: 1, SG.NoticeWide: 2, SG.Implied: 3}


@dataclass
class Notice:
    """A notice: its publishers (controllers) and the service it is about."""

    iri: Node
    publishers: set = field(default_factory=set)
    service: Node | None = None


@dataclass
class Flow:
    """A flow statement with what it states itself."""

    iri: Node
    notice: Node
    controllers: set = field(default_factory=set)
    processing: set = field(default_factory=set)
    recipients: set = field(default_factory=set)
    sources: set = field(default_factory=set)
    stated: dict = field(default_factory=dict)
    conditions: set = field(default_factory=set)
    role: Node | None = None


@dataclass
class Declaration:
    """A declaration with its values, scope, citation role and incorporated flows."""

    iri: Node
    notice: Node
    values: dict = field(default_factory=dict)
    scope: set = field(default_factory=set)
    role: Node | None = None
    incorporates: set = field(default_factory=set)


@dataclass(frozen=True)
class Link:
    """One supported link of a flow to a value."""

    flow: Node
    property: Node
    value: Node
    tier: Node
    supported_by: Node
    via: Node | None = None
    via_flow: Node | None = None
    role: Node | None = None


def receiving_parties(flow: Flow, notice: Notice) -> set:
    """The recipients of a disclosure; for a collection, the notice's service (for the notice's own
    collections) or the controllers (a recipient's onward collection)."""
    if flow.recipients:
        return set(flow.recipients)
    if flow.sources:
        if notice.service is not None and flow.controllers & notice.publishers:
            return {notice.service}
        return set(flow.controllers)
    return set()


def disclosing_parties(flow: Flow) -> set:
    """The controllers of a disclosure; the sources of a collection."""
    if flow.recipients:
        return set(flow.controllers)
    return set(flow.sources)


class Rules:
    """The derivation rules, given the closures and the legislation register's roles."""

    def __init__(self, notices: dict, concepts: dict, provisions: dict, legal_roles: dict):
        self.notices = notices
        self.concepts = concepts
        self.provisions = provisions
        self.legal_roles = legal_roles

    def within(self, term: Node) -> set:
        """The term and every concept above it."""
        return self.concepts.get(term, {term})

    def role_of(self, law: Node, stated_role: Node | None) -> Node | None:
        """The citation's role: as stated, else the register's for the law or the nearest law containing it."""
        if stated_role is not None:
            return stated_role
        chain = sorted(self.provisions.get(law, {law}), key=lambda p: -len(self.provisions.get(p, ())))
        return next((self.legal_roles[p] for p in chain if p in self.legal_roles), None)

    def own(self, flow: Flow) -> bool:
        """Whether the flow's controller publishes its notice (not an onward flow)."""
        return bool(flow.controllers & self.notices[flow.notice].publishers)

    def covers(self, declaration: Declaration, flow: Flow) -> bool:
        """Whether a scoped declaration's scope names this flow, its purpose, party or processing kind."""
        scope = declaration.scope - {flow.notice}
        if flow.iri in scope:
            return True
        if self.own(flow) and scope & flow.processing:
            return True
        purposes = set().union(*(self.within(p) for p in flow.stated.get(DPV.hasPurpose, ())))
        categories = set().union(*(self.within(c) for c in flow.stated.get(DPV.hasPersonalData, ())))
        notice = self.notices[flow.notice]
        parties = receiving_parties(flow, notice) | disclosing_parties(flow) | flow.controllers
        reach = set().union(*(self.within(p) for p in parties)) if parties else set()
        return bool(scope & (purposes | categories | reach))

    def anonymised(self, flow: Flow) -> bool:
        """Whether the notice says the flow carries only anonymised data (statistics, reports)."""
        return any(ANONYMISED_ONLY in self.within(c) for c in flow.conditions)

    def _gateway_role(self, prop: Node, value: Node, stated_role: Node | None) -> tuple[bool, Node | None]:
        if prop != SG.hasGateway:
            return True, None
        role = self.role_of(value, stated_role)
        return role in GATEWAY_ROLES, role

    def stated_links(self, flow: Flow) -> list[Link]:
        """What the flow states itself."""
        links = []
        for prop, values in flow.stated.items():
            for value in values:
                keep, role = self._gateway_role(prop, value, flow.role)
                if keep:
                    links.append(Link(flow.iri, prop, value, SG.Stated, flow.iri, role=role))
        return links

    def declared_links(self, declaration: Declaration, flow: Flow) -> list[Link]:
        """What a declaration gives this flow, within its scope, with its tier.

        Outside a declaration's scope its categories are still data the notice holds: an
        own-controller flow that states no categories gets them as implied, unless the notice
        says the flow carries anonymised data only.
        """
        scoped = bool(declaration.scope - {flow.notice})
        covered = not scoped or self.covers(declaration, flow)
        if not (scoped and covered) and not self.own(flow):
            return []
        whole_notice = flow.notice in declaration.scope
        links = []
        for prop, values in declaration.values.items():
            if scoped and covered:
                tier = SG.Stated
            elif covered:
                tier = unscoped_tier(prop, whole_notice)
            elif prop == DPV.hasPersonalData:
                tier = SG.Implied
            else:
                continue
            if tier != SG.Stated and (flow.stated.get(prop) or (prop == DPV.hasPersonalData and self.anonymised(flow))):
                continue
            for value in values:
                keep, role = self._gateway_role(prop, value, declaration.role)
                if keep:
                    links.append(Link(flow.iri, prop, value, tier, declaration.iri, role=role))
        return links

    def source_links(self, flow: Flow, related_sources: dict) -> list[Link]:
        """Data that is such by where it comes from: police information received from the police."""
        links = []
        # a category the flow already states (itself or through a narrower one) needs no second link
        stated = set().union(*(self.within(c) for c in flow.stated.get(DPV.hasPersonalData, ())))
        for source in flow.sources:
            for above in self.within(source):
                for category in related_sources.get(above, set()) - stated:
                    links.append(Link(flow.iri, DPV.hasPersonalData, category, SG.Stated, flow.iri, via=source))
        return links


def unscoped_tier(prop: Node, whole_notice: bool) -> Node:
    """Notice-wide; but a category only implied unless the text says it holds for all the notice's processing."""
    if prop == DPV.hasPersonalData and not whole_notice:
        return SG.Implied
    return SG.NoticeWide


def weaker(first: Node, second: Node) -> Node:
    """The weaker of two support tiers."""
    return first if TIER_RANK[first] >= TIER_RANK[second] else second


def incorporated_links(declaration: Declaration, links_by_flow: dict, flows_of_notice: list) -> list[Link]:
    """Categories received by the incorporated flows, carried to the flows that share the incorporating data."""
    carriers = declaration.values.get(DPV.hasPersonalData, set())
    carried = []
    for flow in flows_of_notice:
        for link in links_by_flow.get(flow, ()):
            if link.property != DPV.hasPersonalData or link.value not in carriers or link.tier == SG.Implied:
                continue
            for source_flow in sorted(declaration.incorporates, key=str):
                for received in links_by_flow.get(source_flow, ()):
                    if received.property == DPV.hasPersonalData and received.tier != SG.Implied and received.via_flow is None:
                        carried.append(Link(
                            flow, DPV.hasPersonalData, received.value, weaker(link.tier, received.tier),
                            declaration.iri, via=link.value, via_flow=source_flow,
                        ))
    return carried
