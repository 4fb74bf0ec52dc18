"""Decides each agreement flow's verdict from the compiled store: covered, vague, omitted or incorrect.

The rules (README, "Checking a data-sharing agreement"):

- only notices published by a party of the flow count, and only flows whose discloser is the
  agreement's discloser (or a unit of it);
- the recipient: ``named`` (the notice names it or a unit of it) and ``type`` (the notice names a
  recipient type it is within, "the police" for the Metropolitan Police Service) can cover;
  ``narrower`` (the notice names only part of the agreement's party) and ``broad`` (a class that says
  nothing of who: "partner organisations", "any other relevant agency") make it at best vague;
- the data: a link to the category or one containing it, stated or notice-wide, covers; an implied link
  or one naming only a part of the category is vague; none is omitted. A flow with several categories
  takes the weakest category's verdict;
- incorrect: the agreement's gateway is law the register says is not a gateway for sharing (FOIA, the
  DPA 2018 as a whole), a notice flow that matches says the recipient gets anonymised data only, or
  every matching notice flow names a lawful basis and none is the agreement's.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from rdflib import URIRef

from ..namespaces import DPV, SG
from ..query.resolve import short_form
from .resolve import Agreement, Flow

VERDICTS = ("covered", "vague", "omitted", "incorrect")
_ORDER = {"covered": 0, "vague": 1, "omitted": 2, "incorrect": 3}
_GATEWAY_ROLES = {"sharing-gateway", "statutory-function"}
_QUERIES = Path(__file__).parent / "queries"


@cache
def query_text(name: str) -> str:
    """The text of one of the package's queries (``queries/NAME.rq``)."""
    return (_QUERIES / f"{name}.rq").read_text(encoding="utf-8")


@dataclass(frozen=True)
class Evidence:
    """A notice statement that bears on a flow, with the words and lines that decide it."""

    notice: str
    title: str
    statement: str
    receiver: str
    party_match: str
    data: str
    data_match: str
    support: str
    lines: str
    quote: str
    data_lines: str = ""
    data_quote: str = ""
    gateways: tuple[str, ...] = ()
    bases: tuple[str, ...] = ()
    anonymised: bool = False

    def as_json(self) -> dict:
        """The evidence as the JSON report gives it."""
        return {"notice": self.notice, "title": self.title, "statement": self.statement, "receiver": self.receiver,
                "recipient_match": self.party_match, "data": self.data, "data_match": self.data_match,
                "support": self.support, "line": self.lines, "quote": self.quote, "data_line": self.data_lines,
                "data_quote": self.data_quote, "gateways": list(self.gateways), "bases": list(self.bases),
                "anonymised_only": self.anonymised}


@dataclass
class FlowVerdict:
    """One direction of an agreement flow with its verdict, evidence and what is missing."""

    flow: Flow
    verdict: str
    evidence: list[Evidence] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    gateway_note: str | None = None  # what the register says of the agreement's gateway
    statements: set[URIRef] = field(default_factory=set)  # notice flows that name these parties


def check_flows(view, agreement: Agreement) -> list[FlowVerdict]:
    """The verdict of every flow of ``agreement``, in input order (a two-way flow gives two)."""
    return [_verdict(view, flow) for flow in agreement.flows]


def _label(view, iri: URIRef) -> str:
    label = view.value(iri, URIRef("http://www.w3.org/2004/02/skos/core#prefLabel"))
    return str(label) if label is not None else short_form(iri)


def _verdict(view, flow: Flow) -> FlowVerdict:
    result = FlowVerdict(flow, "omitted")
    candidates = view.query(query_text("candidates"), initBindings={"from": flow.source.iri, "to": flow.target.iri})
    result.statements = {row.flow for row in candidates if str(row.partyMatch) in ("named", "type", "narrower")}
    links = {row.flow: view.query(query_text("links"), initBindings={"flow": row.flow}) for row in candidates}
    verdicts, matched = [], []
    for term in flow.data:
        found = [(_evidence(row, data, links[row.flow]), links[row.flow]) for row in candidates
                 for data in view.query(query_text("data"), initBindings={"flow": row.flow, "category": term.iri})]
        matched += found
        verdicts.append(_category(result, flow, term, candidates, [evidence for evidence, _ in found]))
    result.verdict = max(verdicts, key=_ORDER.get)
    problems = _gateway_problems(view, result) + _anonymised_problems(result, candidates, matched)
    covering = [(evidence, flow_links) for evidence, flow_links in matched if _strength(evidence) == "covered"]
    problems += _basis_problems(view, flow, covering)
    result.missing += _gateway_gaps(view, flow, matched) + _stated_gaps(flow, covering, matched)
    if problems:
        result.verdict = "incorrect"
        result.missing[:0] = problems
    return result


def _category(result: FlowVerdict, flow: Flow, term, candidates, found: list[Evidence]) -> str:
    """One category's verdict; its deciding statements join the evidence, what it lacks the missing."""
    best = min((_strength(evidence) for evidence in found), key=_ORDER.get, default="omitted")
    source, target = flow.source.label, flow.target.label
    if best == "omitted":
        named = [row for row in candidates if str(row.partyMatch) in ("named", "type")]
        receivers = ", ".join(sorted({str(row.receiverLabel) for row in named}))
        where = f" (they describe flows from {source} to {receivers}, lines {_lines(named)}, but not this data)" if named else ""
        result.missing.append(f"no notice of the parties says {source} shares {term.label} with {target}{where}")
    elif best == "vague":
        result.missing.append(f"{term.label}: {_why_vague(found)}")
    # the statements that decide this category: the strongest ones only, each statement and data once
    deciding = {(e.notice, e.statement, e.data): e for e in sorted(found, key=lambda e: (e.data_lines, e.data_quote))
                if _strength(e) == best}
    shown = {(e.notice, e.statement, e.data) for e in result.evidence}
    result.evidence.extend(e for key, e in sorted(deciding.items()) if key not in shown)
    return best


def _anonymised_problems(result: FlowVerdict, candidates, matched) -> list[str]:
    """Incorrect when the notices' flows to this recipient carry anonymised data only, and none carries this data otherwise."""
    anonymised = [row for row in candidates if str(row.partyMatch) in ("named", "type") and row.anonymised.toPython() is True]
    if not anonymised or not all(evidence.anonymised for evidence, _ in matched):
        return []
    result.evidence.extend(_anonymised_evidence(row) for row in anonymised)
    places = f"{', '.join(sorted({short_form(row.notice) for row in anonymised}))} line {_lines(anonymised)}"
    flow = result.flow
    return [f"the notices say {flow.target.label} gets what {flow.source.label} shares in anonymised form only ({places})"]


def _stated_gaps(flow: Flow, covering, matched) -> list[str]:
    """The agreement's lawful basis and purpose, where no matching notice flow states one or it."""
    gaps = []
    if flow.basis is not None and covering and not any(row.property == DPV.hasLegalBasis for _, links in covering for row in links):
        gaps.append(f"no matching notice flow states a lawful basis; the agreement's is {flow.basis.written!r}")
    if flow.purpose is not None and matched and not any(
            row.value == flow.purpose.iri for _, links in matched for row in links if row.property == DPV.hasPurpose):
        gaps.append(f"no matching notice flow states the purpose {flow.purpose.label!r}")
    return gaps


def _evidence(row, data, links) -> Evidence:
    return Evidence(
        notice=short_form(row.notice), title=str(row.noticeLabel), statement=short_form(row.flow).rsplit("/", 1)[-1],
        receiver=str(row.receiverLabel), party_match=str(row.partyMatch),
        data=str(data.valueLabel) + (f" (via {data.viaLabel})" if data.viaLabel is not None else ""),
        data_match=str(data.dataMatch), support=str(data.tier), lines=str(row.lines), quote=str(row.quote),
        data_lines=str(data.lines), data_quote=str(data.quote) if str(data.quote) != str(row.quote) else "",
        gateways=tuple(dict.fromkeys(f"{l.valueLabel} ({l.tier})" for l in links if l.property == SG.hasGateway and int(l.rank) <= 2)),
        bases=tuple(dict.fromkeys(f"{l.valueLabel} ({l.tier})" for l in links if l.property == DPV.hasLegalBasis and int(l.rank) <= 2)),
        anonymised=row.anonymised.toPython() is True)


def _lines(rows) -> str:
    numbers = {int(n) for row in rows for n in str(row.lines).replace(" ", "").split(",") if n.isdigit()}
    return ", ".join(str(n) for n in sorted(numbers))


def _anonymised_evidence(row) -> Evidence:
    return Evidence(notice=short_form(row.notice), title=str(row.noticeLabel), statement=short_form(row.flow).rsplit("/", 1)[-1],
                    receiver=str(row.receiverLabel), party_match=str(row.partyMatch), data="anonymised data only", data_match="none",
                    support="stated", lines=str(row.lines), quote=str(row.quote), anonymised=True)


def _strength(evidence: Evidence) -> str:
    """What one notice statement alone makes of the flow: covered or vague."""
    if evidence.party_match in ("named", "type") and evidence.data_match != "narrower" and evidence.support != "implied":
        return "covered"
    return "vague"


def _why_vague(found: list[Evidence]) -> str:
    reasons = []
    for evidence in found:
        if evidence.party_match == "broad":
            reasons.append(f"named only as {evidence.receiver!r}")
        elif evidence.party_match == "narrower":
            reasons.append(f"the notice names only {evidence.receiver!r}, part of the agreement's party")
        if evidence.support == "implied":
            reasons.append("the notice holds the data and names the recipient but links them nowhere (implied)")
        if evidence.data_match == "narrower":
            reasons.append(f"the notice names only {evidence.data!r}, part of this category")
    return "; ".join(dict.fromkeys(reasons)) + " (" + ", ".join(sorted({f"{e.notice} line {e.lines}" for e in found})) + ")"


def _gateway_problems(view, result: FlowVerdict) -> list[str]:
    """Incorrect when the register says the agreement's gateway is not a gateway for sharing nor a function;
    otherwise the register's role and kind of authority become the flow's gateway note."""
    flow = result.flow
    if flow.gateway is None:
        return []
    rows = view.query(query_text("gateway"), initBindings={"gateway": flow.gateway.iri})
    roles = {str(row.role).rsplit("/", 1)[-1] for row in rows if row.role is not None}
    named = ", ".join(sorted({str(row.roleLabel) for row in rows if row.roleLabel is not None})) or "no recorded role"
    if not roles & _GATEWAY_ROLES:
        return [f"the gateway {flow.gateway.written!r} is not a gateway for sharing: the register records it as {named}"]
    authority = ", ".join(sorted({str(row.authority) for row in rows if row.authority is not None}))
    result.gateway_note = f"{flow.gateway.label}: {named}" + (f" ({authority})" if authority else "")
    return []


def _gateway_gaps(view, flow: Flow, matching) -> list[str]:
    if flow.gateway is None or not matching:
        return []
    rows = view.query(query_text("gateway"), initBindings={"gateway": flow.gateway.iri})
    instrument = rows[0].instrument if rows else None
    cited = [(row, evidence) for evidence, links in matching for row in links
             if row.property == SG.hasGateway and int(row.rank) <= 2]
    if any(row.value == flow.gateway.iri for row, _ in cited):
        return []
    if any(instrument is not None and row.instrument == instrument for row, _ in cited):
        return [f"the notices cite {_label(view, instrument)} for this flow, not {flow.gateway.written!r} itself"]
    if cited:
        others = ", ".join(sorted({str(row.valueLabel) for row, _ in cited}))
        return [f"the notices cite {others} for this flow, not {flow.gateway.written!r}"]
    return [f"no matching notice flow cites a gateway; the agreement's is {flow.gateway.written!r}"]


def _basis_problems(view, flow: Flow, covering) -> list[str]:
    """Incorrect when every covering notice flow names a lawful basis and none is the agreement's."""
    if flow.basis is None or not covering:
        return []
    per_flow = {}
    for evidence, links in covering:
        per_flow[evidence.statement] = {row.value for row in links if row.property == DPV.hasLegalBasis and int(row.rank) <= 2}
    if not any(per_flow.values()):
        return []
    if all(per_flow.values()) and not any(flow.basis.iri in bases for bases in per_flow.values()):
        named = ", ".join(sorted({_label(view, b) for bases in per_flow.values() for b in bases}))
        return [f"the notices name a different lawful basis ({named}), not {flow.basis.written!r}"]
    return []
