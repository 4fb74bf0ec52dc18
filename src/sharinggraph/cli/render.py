"""Pure functions that turn results and summaries into text, CSV or JSON."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import TYPE_CHECKING

from rdflib.term import Literal, Node, URIRef

from ..namespaces import PREFIXES

if TYPE_CHECKING:  # annotations only: rendering a query's rows need not import the build or SHACL
    from ..load.build import BuildResult
    from ..validate.shacl import ValidationReport


def _short(term: Node | None) -> str:
    if term is None:
        return ""
    if isinstance(term, URIRef):
        text = str(term)
        for prefix, namespace in sorted(PREFIXES.items(), key=lambda item: -len(str(item[1]))):
            if text.startswith(str(namespace)):
                return f"{prefix}:{text[len(str(namespace)):]}"
        return text
    if isinstance(term, Literal):
        return str(term)
    return str(term)


def _cell(binding: dict | None) -> str:
    if binding is None:
        return ""
    if binding["type"] == "uri":
        return _short(URIRef(binding["value"]))
    return binding["value"]


def _solutions(results: dict) -> list[dict]:
    """The result rows, less any with no bound value (an aggregate over no solutions)."""
    return [b for b in results["results"]["bindings"] if any(v.get("value", "") != "" for v in b.values())]


def rows_text(results: dict, fmt: str, max_width: int | None = None) -> str:
    """Render SPARQL JSON results as ``table`` (fitted to ``max_width``), ``csv`` (no cell can start a
    spreadsheet formula), ``json``, or the SPARQL results ``tsv`` or ``xml`` formats.

    A query with no solutions gives zero rows in every format and "(no rows)" in a table.
    """
    if "graph" in results:
        return results["graph"]
    if fmt in ("tsv", "xml"):
        from ..query.results import serialised

        return serialised(results if "boolean" in results else {**results, "results": {"bindings": _solutions(results)}}, fmt)
    if "boolean" in results:
        return json.dumps(results, indent=2) if fmt == "json" else ("yes" if results["boolean"] else "no")
    names = results["head"]["vars"]
    solutions = _solutions(results)
    if fmt == "json":
        return json.dumps({**results, "results": {"bindings": solutions}}, indent=2, ensure_ascii=False)
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(names)
        from ..spreadsheet import csv_cell

        writer.writerows([[csv_cell(b.get(n, {}).get("value", "")) for n in names] for b in solutions])
        return buffer.getvalue().rstrip("\n")
    if not solutions:
        return "(no rows)"
    from .table import fit

    rows = [[_cell(b.get(name)) for name in names] for b in solutions]
    return fit(names, rows, max_width) + f"\n({len(rows)} row{'s' if len(rows) != 1 else ''})"


def write_or_print(text: str, output: Path | None) -> None:
    """Print, or write atomically to ``output`` and say so."""
    if output is None:
        print(text)
        return
    from ..output import write_file

    write_file(output, text if text.endswith("\n") else text + "\n")
    from .status import status

    status(f"wrote {output}")


def library_table(specs) -> str:
    """One line per query: id, parameters, summary."""
    lines = []
    for spec in specs:
        params = " ".join(f"{name}:{p.type}" + ("" if p.required else "?") for name, p in spec.params.items())
        lines.append(f"{spec.id:34} {params:38} {spec.summary}")
    return "\n".join(lines)


def build_summary(result: BuildResult) -> str:
    """The build report: provenance status, totals, and a row per notice."""
    s = result.summary
    if result.provenance.verified:
        provenance = f"provenance: {result.provenance.checked} selectors verified against {result.sources_dir}"
    else:
        provenance = "provenance: NOT verified (no source texts; give --sources DIR or set SHARINGGRAPH_SOURCES)"
    lines = [
        provenance,
        f"summary: {s.notices} notices, {s.councils} councils, {s.statements} statements, "
        f"{s.recipients} distinct recipients, {s.gateways} gateways, {s.triples} triples",
        "",
        f"{'notice':60} {'flows':>5} {'share':>5} {'coll':>5} {'decl':>5} {'recip':>5} {'srcs':>5} {'cats':>5} {'gways':>5}",
    ]
    for n in s.per_notice:
        lines.append(
            f"{_short(URIRef(n.notice)).removeprefix('sgid:notice/'):60} {n.statements:>5} {n.sharing:>5} {n.collection:>5} "
            f"{n.declarations:>5} {n.recipients:>5} {n.sources:>5} {n.categories:>5} {n.gateways:>5}"
        )
    return "\n".join(lines)


def build_json(result: BuildResult, outputs: list[str]) -> str:
    """The build report as JSON."""
    return json.dumps(
        {
            "provenance": {"verified": result.provenance.verified, "selectors": result.provenance.checked},
            "summary": result.summary.as_dict(),
            "output": outputs[0] if outputs else None,
            "store": outputs[1] if len(outputs) > 1 else None,
        },
        indent=2,
    )


_SEVERITIES = ("Violation", "Warning", "Info")


def _shown(report: ValidationReport, minimum: str):
    keep = _SEVERITIES[: _SEVERITIES.index(minimum.capitalize()) + 1]
    return [f for f in report.findings if f.severity in keep]


def _counts(report: ValidationReport) -> dict[str, int]:
    return {s: sum(1 for f in report.findings if f.severity == s) for s in _SEVERITIES}


def validation_text(report: ValidationReport, minimum: str = "info") -> str:
    """Counts by rule and by notice, then the findings grouped by notice: rule, provision, message, evidence with lines."""
    shown = _shown(report, minimum)
    lines = _count_tables(shown)
    current = None
    for f in shown:
        if f.notice != current:
            current = f.notice
            lines.append(_notice_name(f.notice))
        known = " (known)" if f.id in report.known else ""
        lines.append(f"  {f.severity:9} {f.rule_name} [{f.provision}] {f.id}{known}")
        lines.append(f"            {f.message}")
        lines += [f'            line {n or "?"}: "{q}"' for q, n in zip(f.quotes, f.lines or (0,) * len(f.quotes))]
    counts = _counts(report)
    verdict = "conforms" if not counts["Violation"] else "does not conform"
    known = sum(1 for f in report.findings if f.id in report.known)
    tail = f"; {known} known from the baseline" if report.known else ""
    lines.append(f"validation: {verdict} ({counts['Violation']} violations, {counts['Warning']} warnings, {counts['Info']} info{tail})")
    return "\n".join(lines)


def _notice_name(notice: str) -> str:
    return _short(URIRef(notice)).removeprefix("sgid:notice/") if notice else "(not tied to a notice)"


def _count_tables(findings) -> list[str]:
    """Two tables: findings by rule, and by notice, each with its Violation / Warning / Info counts."""
    lines = []
    for title, key in (("rule", lambda f: f.rule_name), ("notice", lambda f: _notice_name(f.notice))):
        groups: dict[str, dict[str, int]] = {}
        for f in findings:
            groups.setdefault(key(f), dict.fromkeys(_SEVERITIES, 0))[f.severity] += 1
        width = max([len(title), *map(len, groups)])
        lines.append(f"{title:<{width}}  violations  warnings  info  total")
        for name in sorted(groups):
            c = groups[name]
            lines.append(f"{name:<{width}}  {c['Violation']:>10}  {c['Warning']:>8}  {c['Info']:>4}  {sum(c.values()):>5}")
        lines.append("")
    return lines


def _finding_row(report: ValidationReport, f) -> dict:
    return {"id": f.id, "known": f.id in report.known, "notice": f.notice, "severity": f.severity, "rule": f.rule,
            "provision": f.provision, "source": f.source, "focus": f.focus, "path": f.path, "value": f.value,
            "message": f.message, "quote": f.quote, "line": f.line, "quotes": list(f.quotes), "lines": list(f.lines)}


def validation_json(report: ValidationReport, minimum: str, as_of) -> str:
    """The findings as a versioned JSON document (a baseline for ``--baseline``)."""
    counts = _counts(report)
    return json.dumps({
        "sharinggraph_result_version": "1",
        "command": "validate",
        "as_of": str(as_of) if as_of else None,
        "conforms": counts["Violation"] == 0,
        "counts": counts,
        "findings": [_finding_row(report, f) for f in _shown(report, minimum)],
    }, indent=2, ensure_ascii=False)


VALIDATION_CSV_COLUMNS = ("id", "known", "notice", "severity", "rule", "provision", "line", "quote", "message", "value", "focus")


def validation_csv(report: ValidationReport, minimum: str = "info") -> str:
    """One row per finding; every cell through ``csv_cell``, so no cell can start a spreadsheet formula."""
    from ..spreadsheet import csv_cell

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(VALIDATION_CSV_COLUMNS)
    for f in _shown(report, minimum):
        row = {**_finding_row(report, f), "rule": f.rule_name, "known": "yes" if f.id in report.known else ""}
        writer.writerow([csv_cell(row[column]) for column in VALIDATION_CSV_COLUMNS])
    return buffer.getvalue()


def network_report_text(report, top: int) -> str:
    """The network analyses as plain text tables."""
    lines = ["Recipients ranked by councils reaching them, then statements:"]
    lines += [f"  {r['councils']:>2} councils {r['statements']:>4} statements  {r['recipient']}" for r in report.ranking[:top]]
    types = sorted({t for row in report.matrix.values() for t in row})
    lines += ["", "Sharing statements by council (rows) and recipient type (columns):"]
    for council, row in report.matrix.items():
        cells = ", ".join(f"{t}: {row[t]}" for t in types if t in row)
        lines.append(f"  {council}: {cells}")
    lines += ["", "Onward chains (discloser -> first recipient -> onward):"]
    lines += [f"  {c['discloser']} -> {c['first_recipient']} -> {c['onward']} {c['onward_party']}" for c in report.chains]
    lines += ["", "Organisations receiving special category (S) or criminal offence (C) data:"]
    lines += [f"  {'S' if r['special'] else ' '}{'C' if r['criminal'] else ' '} {r['recipient']}" for r in report.sensitive]
    return "\n".join(lines)
