"""The check of an agreement as JSON (the stable shape), a reviewer's memo in text, and CSV."""

from __future__ import annotations

import csv
import io
import json
import textwrap
from collections import Counter

from ..spreadsheet import csv_cell
from .check import Check
from .verdict import VERDICTS, Evidence, FlowVerdict

CSV_COLUMNS = ("flow", "direction", "from", "to", "data", "purpose", "gateway", "basis", "verdict", "evidence", "missing")


def _flow_fields(verdict: FlowVerdict) -> dict:
    flow = verdict.flow
    return {"flow": flow.number, "where": flow.where, "direction": "reverse" if flow.reverse else "as written",
            "from": flow.source.written, "to": flow.target.written, "data": [term.written for term in flow.data],
            "resolved": {"from": flow.source.label, "to": flow.target.label, "data": [term.label for term in flow.data]},
            "purpose": flow.purpose.written if flow.purpose else None,
            "gateway": flow.gateway.written if flow.gateway else None,
            "basis": flow.basis.written if flow.basis else None}


def by_statement(evidence: list[Evidence]) -> list[tuple[Evidence, list[str]]]:
    """The evidence grouped by notice statement, in order: each statement once, with every data link it decides."""
    groups: dict[tuple[str, str], tuple[Evidence, list[str]]] = {}
    for item in evidence:
        line = f", line {item.data_lines}" if item.data_lines and item.data_lines != item.lines else ""
        groups.setdefault((item.notice, item.statement), (item, []))[1].append(
            f"{item.data} ({item.data_match}, {item.support}{line})")
    return list(groups.values())


def summary(check: Check) -> dict:
    """Counts of each verdict, of unlisted notice flows and of checklist items not present."""
    counts = Counter(verdict.verdict for verdict in check.flows)
    return {**{word: counts.get(word, 0) for word in VERDICTS}, "unlisted": len(check.unlisted),
            "checklist_gaps": [item.item for item in check.checklist if item.status != "present"]}


def check_json(check: Check) -> dict:
    """The check as one JSON object: ``flows`` in input order, ``unlisted``, ``checklist``."""
    spec = check.agreement.spec
    return {
        "agreement": {"file": str(spec.path), "title": spec.title,
                      "parties": [{"name": p.written, "label": p.label, "iri": str(p.iri)} for p in check.agreement.parties],
                      "review_date": spec.review_date.isoformat() if spec.review_date else None,
                      "end_date": spec.end_date.isoformat() if spec.end_date else None},
        "as_of": check.as_of.isoformat(),
        "flows": [{**_flow_fields(v), "verdict": v.verdict, "evidence": [e.as_json() for e in v.evidence],
                   "missing": v.missing, "gateway_authority": v.gateway_note} for v in check.flows],
        "unlisted": [u.as_json() for u in check.unlisted],
        "checklist": [item.as_json() for item in check.checklist],
        "summary": summary(check),
    }


def checks_json(checks: list[Check]) -> str:
    """One check as an object; several (a CSV register) as a list of them."""
    body = check_json(checks[0]) if len(checks) == 1 else [check_json(check) for check in checks]
    return json.dumps(body, indent=2, ensure_ascii=False)


def _wrap(text: str, indent: str) -> list[str]:
    return textwrap.wrap(text, width=100, initial_indent=indent, subsequent_indent=indent + "  ") or [indent]


def check_text(check: Check) -> str:
    """A reviewer's memo: the summary, each flow's verdict with its evidence, the unlisted flows, the checklist."""
    spec, counts = check.agreement.spec, summary(check)
    lines = [f"Agreement check: {spec.title}", f"File: {spec.path}    As of: {check.as_of.isoformat()}",
             f"Parties: {'; '.join(p.shown for p in check.agreement.parties)}",
             "Verdicts: " + ", ".join(f"{counts[word]} {word}" for word in VERDICTS)
             + f"; {counts['unlisted']} notice flows between the parties are not in the agreement"
             + (f"; checklist gaps: {', '.join(counts['checklist_gaps'])}" if counts["checklist_gaps"] else ""), ""]
    for verdict in check.flows:
        fields = _flow_fields(verdict)
        extra = ", ".join(f"{key} {fields[key]}" for key in ("purpose", "gateway", "basis") if fields[key])
        flow = verdict.flow
        lines.append(f"Flow {fields['flow']}{' (reverse)' if flow.reverse else ''}: {flow.source.shown} -> {flow.target.shown}: "
                     f"{', '.join(term.shown for term in flow.data)}" + (f" ({extra})" if extra else ""))
        lines.append(f"  Verdict: {verdict.verdict.upper()}")
        if verdict.gateway_note:
            lines += _wrap(f"Gateway, as the register records it: {verdict.gateway_note}", "  ")
        statements = by_statement(verdict.evidence)
        for evidence, data in statements[:6]:
            lines += _wrap(f"- {evidence.title} [{evidence.notice}], line {evidence.lines}: recipient {evidence.receiver} "
                           f"({evidence.party_match}); data {'; '.join(data)}", "  ")
            lines += _wrap(f'"{evidence.quote}"', "      ")
            if evidence.gateways:
                lines += _wrap(f"gateways: {'; '.join(evidence.gateways)}", "      ")
            if evidence.bases:
                lines += _wrap(f"lawful bases: {'; '.join(evidence.bases)}", "      ")
        if len(statements) > 6:
            lines.append(f"  ... and {len(statements) - 6} more statements (--format json lists them all)")
        for missing in verdict.missing:
            lines += _wrap(f"Missing: {missing}", "  ")
        lines.append("")
    lines.append("Notice flows between the parties that the agreement does not list:")
    for unlisted in check.unlisted:
        lines += _wrap(f"- {unlisted.source} -> {unlisted.target} ({unlisted.recipient_match}): "
                       f"{', '.join(unlisted.data) or 'no data category stated'}; {unlisted.title} [{unlisted.notice}], "
                       f"line {unlisted.lines}", "  ")
    if not check.unlisted:
        lines.append("  (none)")
    lines += ["", "ICO data sharing code checklist:"]
    for item in check.checklist:
        lines += _wrap(f"- {item.item}: {item.status.upper()}: {item.note}", "  ")
    return "\n".join(lines)


def check_csv(checks: list[Check]) -> str:
    """One row per flow direction; no cell can start a spreadsheet formula."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=("agreement", *CSV_COLUMNS), lineterminator="\n")
    writer.writeheader()
    for check in checks:
        for verdict in check.flows:
            fields = _flow_fields(verdict)
            row = {**{key: fields[key] or "" for key in ("flow", "direction", "from", "to", "purpose", "gateway", "basis")},
                   "agreement": check.agreement.spec.title, "data": "; ".join(fields["data"]), "verdict": verdict.verdict,
                   "evidence": "; ".join(f"{e.notice} line {e.lines}: {e.quote}" for e in verdict.evidence),
                   "missing": "; ".join(verdict.missing)}
            writer.writerow({key: csv_cell(value) for key, value in row.items()})
    return buffer.getvalue()
