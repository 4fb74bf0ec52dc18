"""Known findings: a baseline file of finding ids that a reviewer has accepted.

A baseline is either the JSON report of an earlier run (``sharinggraph validate --format json -o
baseline.json``: every finding's ``id`` is known) or a text file with one finding id per line
(blank lines and lines starting with ``#`` are ignored). Known findings are still reported, marked
as known, and do not fail the run.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from ..errors import InputError
from ..inputs import read_text

_ID = re.compile(r"^[0-9a-f]{16}$")


def read_baseline(path: Path) -> frozenset[str]:
    """The finding ids in a baseline file.

    :raises InputError: the file cannot be read, or is neither a validate JSON report nor a list of ids.
    """
    text = read_text(path, "baseline file")
    if text.lstrip().startswith("{"):
        return _from_report(path, text)
    ids = [line.strip() for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]
    bad = next((line for line in ids if not _ID.match(line)), None)
    if bad is not None:
        raise InputError(f"{path}: not a baseline: {bad[:40]!r} is not a finding id (16 hex digits), "
                         "and the file is not a `validate --format json` report")
    return frozenset(ids)


def _from_report(path: Path, text: str) -> frozenset[str]:
    try:
        report = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(f"{path}: not a baseline: invalid JSON at line {exc.lineno} ({exc.msg})") from None
    findings = report.get("findings") if isinstance(report, dict) else None
    if not isinstance(report, dict) or report.get("command") != "validate" or not isinstance(findings, list):
        raise InputError(f"{path}: not a baseline: a JSON baseline is the report of `sharinggraph validate --format json`")
    ids = [finding.get("id") if isinstance(finding, dict) else None for finding in findings]
    if not all(isinstance(i, str) and _ID.match(i) for i in ids):
        raise InputError(f"{path}: not a baseline: a finding in it has no id (a report from an older version?)")
    return frozenset(ids)
