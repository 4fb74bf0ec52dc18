"""The agreement against the ICO data sharing code's checklist, and its dates against --as-of.

The code of practice (ICO, 2021, "Data sharing agreements") says an agreement should set out the
purpose, the parties, the data items, the lawful basis, any gateway, retention and deletion,
security, how individuals' rights are met, and when the agreement is reviewed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .format import AgreementSpec

SOURCE = "ICO data sharing code of practice (2021), section 'Data sharing agreements'"


@dataclass(frozen=True)
class Item:
    """One checklist item: present, partial (some flows only) or missing, with a note."""

    item: str
    status: str
    note: str

    def as_json(self) -> dict:
        """The item as the JSON report gives it."""
        return {"item": self.item, "status": self.status, "note": self.note}


def _per_flow(spec: AgreementSpec, key: str, label: str) -> Item:
    if getattr(spec, key):
        return Item(label, "present", f"stated for the whole agreement: {getattr(spec, key)}")
    stated = [flow.where for flow in spec.flows if getattr(flow, key)]
    if len(stated) == len(spec.flows):
        return Item(label, "present", "stated for every flow")
    if stated:
        return Item(label, "partial", f"stated for {', '.join(stated)} only")
    return Item(label, "missing", "not stated for the agreement or any flow")


def _text(spec: AgreementSpec, key: str, label: str) -> Item:
    value = getattr(spec, key)
    return Item(label, "present", value) if value else Item(label, "missing", f"the agreement has no '{key}' section")


def checklist(spec: AgreementSpec, as_of: date) -> list[Item]:
    """The ICO checklist items of ``spec``, and its review and end dates judged on ``as_of``."""
    items = [
        _per_flow(spec, "purpose", "purpose"),
        Item("parties", "present" if len(spec.parties) >= 2 else "missing", ", ".join(spec.parties)),
        Item("data items", "present", f"{sum(len(flow.data) for flow in spec.flows)} categories over {len(spec.flows)} flows"),
        _per_flow(spec, "basis", "lawful basis"),
        _per_flow(spec, "gateway", "gateway"),
        _text(spec, "retention", "retention"),
        _text(spec, "security", "security"),
        _text(spec, "rights", "individuals' rights"),
    ]
    if spec.review_date is None:
        items.append(Item("review date", "missing", "the agreement gives no review date"))
    elif spec.review_date < as_of:
        items.append(Item("review date", "past", f"review was due {spec.review_date.isoformat()} (as of {as_of.isoformat()})"))
    else:
        items.append(Item("review date", "present", f"review due {spec.review_date.isoformat()}"))
    if spec.end_date is not None and spec.end_date < as_of:
        items.append(Item("end date", "past", f"the agreement ended {spec.end_date.isoformat()} (as of {as_of.isoformat()})"))
    elif spec.end_date is not None:
        items.append(Item("end date", "present", f"ends {spec.end_date.isoformat()}"))
    return items


def is_current(spec: AgreementSpec, as_of: date) -> bool:
    """Neither ended nor past its review date on ``as_of``."""
    return not ((spec.end_date and spec.end_date < as_of) or (spec.review_date and spec.review_date < as_of))
