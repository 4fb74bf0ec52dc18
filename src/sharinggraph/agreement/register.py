"""Register mode: a council's whole sharing log against its notices, as one summary."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from rdflib import URIRef

from ..query.resolve import short_form
from .check import Check
from .checklist import is_current
from .verdict import query_text


@dataclass(frozen=True)
class RegisterSummary:
    """The council's notice flows with and without a current agreement, the agreements past review
    or ended, and the agreement flows that no notice covers."""

    council: str
    as_of: date
    notice_flows: list[tuple[str, str, str, str]]  # notice, statement, receiver, lines
    with_agreement: set[str]
    past_review: list[str]
    uncovered: list[tuple[str, str, str]]  # agreement title, flow, verdict

    @property
    def share(self) -> str:
        """'n of m (p%)' of the council's notice flows with a current agreement."""
        total = len(self.notice_flows)
        covered = sum(1 for flow in self.notice_flows if flow[1] in self.with_agreement)
        return f"{covered} of {total} ({round(100 * covered / total) if total else 0}%)"

    def as_json(self) -> dict:
        """The summary as the JSON report gives it."""
        return {"council": self.council, "as_of": self.as_of.isoformat(), "share_with_current_agreement": self.share,
                "notice_flows": [{"notice": n, "statement": s, "receiver": r, "line": l,
                                  "current_agreement": s in self.with_agreement} for n, s, r, l in self.notice_flows],
                "past_review": self.past_review,
                "uncovered_agreement_flows": [{"agreement": a, "flow": f, "verdict": v} for a, f, v in self.uncovered]}

    def rows(self) -> list[list[str]]:
        """The one summary table: measure, value."""
        return [["council", self.council], ["as of", self.as_of.isoformat()],
                ["notice flows with a current agreement", self.share],
                ["agreements past review or ended", ", ".join(self.past_review) or "none"],
                ["agreement flows no notice covers", str(len(self.uncovered))]]


def summarise(view, council: URIRef, council_name: str, checks: list[Check], as_of: date) -> RegisterSummary:
    """The register summary of ``council`` from its agreements' checks."""
    rows = view.query(query_text("council-flows"), initBindings={"council": council})
    notice_flows = [(short_form(r.notice), short_form(r.flow), str(r.receiverLabel), str(r.lines)) for r in rows]
    with_agreement = {short_form(statement) for check in checks if is_current(check.agreement.spec, as_of)
                      for verdict in check.flows for statement in verdict.statements}
    past = [check.agreement.spec.title for check in checks if not is_current(check.agreement.spec, as_of)]
    uncovered = [(check.agreement.spec.title, (f"{v.flow.where}{' (reverse)' if v.flow.reverse else ''}: "
                  f"{v.flow.source.written} -> {v.flow.target.written}: {', '.join(t.written for t in v.flow.data)}"), v.verdict)
                 for check in checks for v in check.flows if v.verdict in ("omitted", "incorrect")]
    return RegisterSummary(council_name, as_of, notice_flows, with_agreement, past, uncovered)
