"""One agreement checked: each flow's verdict, the notice flows it leaves out, and the ICO checklist."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from itertools import permutations

from ..namespaces import DPV
from ..query.resolve import short_form
from .checklist import Item, checklist
from .resolve import Agreement
from .verdict import FlowVerdict, check_flows, query_text


@dataclass(frozen=True)
class Unlisted:
    """A notice flow between two of the agreement's parties that no agreement flow lists."""

    notice: str
    title: str
    statement: str
    source: str
    target: str
    recipient_match: str
    data: tuple[str, ...]
    lines: str
    quote: str

    def as_json(self) -> dict:
        """The flow as the JSON report gives it."""
        return {"notice": self.notice, "title": self.title, "statement": self.statement, "from": self.source,
                "to": self.target, "recipient_match": self.recipient_match, "data": list(self.data),
                "line": self.lines, "quote": self.quote}


@dataclass(frozen=True)
class Check:
    """What ``agreement check`` reports for one agreement."""

    agreement: Agreement
    as_of: date
    flows: list[FlowVerdict]
    unlisted: list[Unlisted]
    checklist: list[Item]


def check_agreement(view, agreement: Agreement, as_of: date) -> Check:
    """Check every flow of ``agreement`` against the notices, find the notice flows it leaves out, and
    check it against the ICO checklist and ``as_of``."""
    flows = check_flows(view, agreement)
    listed = set().union(*(verdict.statements for verdict in flows))
    return Check(agreement, as_of, flows, unlisted_flows(view, agreement, listed), checklist(agreement.spec, as_of))


def unlisted_flows(view, agreement: Agreement, listed: set) -> list[Unlisted]:
    """Notice flows from one party to another (named, or by a type that contains it; not a joint notice's
    flow to its own controllers' teams) that are not among the statements the agreement's flows were matched with."""
    found: dict = {}
    for source, target in permutations(agreement.parties, 2):
        rows = view.query(query_text("candidates"), initBindings={"from": source.iri, "to": target.iri})
        for row in rows:
            if str(row.partyMatch) not in ("named", "type") or row.internal.toPython() or row.flow in listed or row.flow in found:
                continue
            links = view.query(query_text("links"), initBindings={"flow": row.flow})
            data = tuple(sorted({f"{link.valueLabel} ({link.tier})" for link in links
                                 if link.property == DPV.hasPersonalData and int(link.rank) <= 2}))
            found[row.flow] = Unlisted(
                notice=short_form(row.notice), title=str(row.noticeLabel), statement=short_form(row.flow).rsplit("/", 1)[-1],
                source=str(row.disclosers), target=str(row.receiverLabel), recipient_match=str(row.partyMatch),
                data=data, lines=str(row.lines), quote=str(row.quote))
    return sorted(found.values(), key=lambda u: (u.notice, u.statement))
