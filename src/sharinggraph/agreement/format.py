"""The agreement file format: YAML for one agreement, CSV for a register with one flow per row.

Each problem is one :class:`InputError` naming the file, the flow (YAML) or row (CSV) and the field.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import yaml

from ..errors import InputError
from ..inputs import read_text

#: Fields of an agreement (YAML top level); text fields feed the ICO checklist.
AGREEMENT_KEYS = ("title", "parties", "review_date", "end_date", "purpose", "gateway", "basis",
                  "retention", "security", "rights", "flows")
FLOW_KEYS = ("from", "to", "data", "purpose", "gateway", "basis", "direction")
#: Columns of a register (CSV): one flow a row; rows with the same agreement title form one agreement.
REGISTER_COLUMNS = ("agreement", "review_date", "end_date", *FLOW_KEYS)


@dataclass(frozen=True)
class FlowSpec:
    """One flow as the agreement states it (names, not yet resolved)."""

    where: str  # "flow 3" or "row 4", for messages and reports
    source: str
    target: str
    data: tuple[str, ...]
    purpose: str | None
    gateway: str | None
    basis: str | None
    both: bool


@dataclass(frozen=True)
class AgreementSpec:
    """One agreement as written: its parties, dates, checklist fields and flows in input order."""

    path: Path
    title: str
    parties: tuple[str, ...]
    review_date: date | None
    end_date: date | None
    purpose: str | None
    gateway: str | None
    basis: str | None
    retention: str | None
    security: str | None
    rights: str | None
    flows: tuple[FlowSpec, ...]


def read_agreements(path: Path) -> list[AgreementSpec]:
    """The agreements in a YAML file (one) or a CSV register (one per agreement title).

    :raises InputError: the file cannot be read or parsed, or a field is missing or malformed.
    """
    text = read_text(path, "agreement")
    if path.suffix.lower() == ".csv":
        return _read_register(path, text)
    if path.suffix.lower() in (".yaml", ".yml"):
        return [_read_yaml(path, text)]
    raise InputError(f"{path}: an agreement is a .yaml/.yml file or a .csv register")


class _Loader(yaml.SafeLoader):
    """YAML's safe loader that leaves dates as text, so a date that is not one is our one-line error."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, pattern) for tag, pattern in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _read_yaml(path: Path, text: str) -> AgreementSpec:
    try:
        raw = yaml.load(text, Loader=_Loader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (line {mark.line + 1}, column {mark.column + 1})" if mark else ""
        problem = getattr(exc, "problem", None) or "not valid YAML"
        raise InputError(f"{path}: malformed YAML{where}: {problem}") from None
    if not isinstance(raw, dict):
        raise InputError(f"{path}: an agreement is a YAML mapping with title, parties and flows")
    _refuse_unknown(path, "", raw, AGREEMENT_KEYS)
    flows = raw.get("flows")
    if not isinstance(flows, list) or not flows:
        raise InputError(f"{path}: field 'flows': the agreement has no flows (a list of from/to/data)")
    parties = raw.get("parties")
    if not isinstance(parties, list) or not parties or not all(isinstance(p, (str, int)) for p in parties):
        raise InputError(f"{path}: field 'parties': a list of organisation names or GSS codes is required")
    specs = []
    for number, flow in enumerate(flows, 1):
        where = f"flow {number}"
        if not isinstance(flow, dict):
            raise InputError(f"{path} {where}: a flow is a mapping with from, to and data")
        _refuse_unknown(path, f"{where}, ", flow, FLOW_KEYS)
        specs.append(_flow(path, where, flow))
    return AgreementSpec(
        path=path, title=_text(path, "", raw, "title", required=True), parties=tuple(str(p).strip() for p in parties),
        review_date=_date(path, "", raw.get("review_date"), "review_date"),
        end_date=_date(path, "", raw.get("end_date"), "end_date"),
        **{key: _text(path, "", raw, key) for key in ("purpose", "gateway", "basis", "retention", "security", "rights")},
        flows=tuple(specs))


def _read_register(path: Path, text: str) -> list[AgreementSpec]:
    reader = csv.DictReader(io.StringIO(text))
    columns = [c.strip() for c in reader.fieldnames or []]
    missing = [c for c in ("agreement", "from", "to", "data") if c not in columns]
    if missing:
        raise InputError(f"{path} row 1: the register has no column {', '.join(repr(m) for m in missing)} "
                         f"(columns: {', '.join(REGISTER_COLUMNS)})")
    unknown = [c for c in columns if c not in REGISTER_COLUMNS]
    if unknown:
        raise InputError(f"{path} row 1: unknown column {unknown[0]!r} (columns: {', '.join(REGISTER_COLUMNS)})")
    grouped: dict[str, list] = {}
    for number, row in enumerate(reader, 2):
        row = {(k or "").strip(): (v or "").strip() for k, v in row.items() if k is not None}
        where = f"row {number}"
        title = row.get("agreement")
        if not title:
            raise InputError(f"{path} {where}, field 'agreement': empty (each row names its agreement)")
        dates = (_date(path, f"{where}, ", row.get("review_date") or None, "review_date"),
                 _date(path, f"{where}, ", row.get("end_date") or None, "end_date"))
        entry = grouped.setdefault(title, [dates, []])
        if entry[0] != dates and any(dates):
            raise InputError(f"{path} {where}, field 'review_date': the agreement {title!r} has other dates on an earlier row")
        flow = {k: v for k, v in row.items() if k in FLOW_KEYS and v}
        if "data" in flow:
            flow["data"] = [item.strip() for item in flow["data"].split(";") if item.strip()]
        entry[1].append(_flow(path, where, flow))
    if not grouped:
        raise InputError(f"{path}: the register has no rows")
    return [AgreementSpec(path=path, title=title, parties=_parties_of(flows), review_date=dates[0], end_date=dates[1],
                          purpose=None, gateway=None, basis=None, retention=None, security=None, rights=None,
                          flows=tuple(flows)) for title, (dates, flows) in grouped.items()]


def _parties_of(flows: list[FlowSpec]) -> tuple[str, ...]:
    """A register names no parties: they are the flows' ends, in order of appearance."""
    return tuple(dict.fromkeys(name for flow in flows for name in (flow.source, flow.target)))


def _flow(path: Path, where: str, raw: dict) -> FlowSpec:
    data = raw.get("data")
    if isinstance(data, str):
        data = [data]
    if not isinstance(data, list) or not data or not all(isinstance(d, str) and d.strip() for d in data):
        raise InputError(f"{path} {where}, field 'data': a category or a list of categories is required")
    direction = raw.get("direction")
    if direction not in (None, "both", "one-way"):
        raise InputError(f"{path} {where}, field 'direction': {direction!r} is not 'both' or 'one-way'")
    return FlowSpec(where=where, source=_text(path, f"{where}, ", raw, "from", required=True),
                    target=_text(path, f"{where}, ", raw, "to", required=True), data=tuple(d.strip() for d in data),
                    purpose=_text(path, f"{where}, ", raw, "purpose"), gateway=_text(path, f"{where}, ", raw, "gateway"),
                    basis=_text(path, f"{where}, ", raw, "basis"), both=direction == "both")


def _text(path: Path, where: str, raw: dict, key: str, required: bool = False) -> str | None:
    value = raw.get(key)
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            raise InputError(f"{path} {where}field '{key}': required")
        return None
    if not isinstance(value, (str, int, float)):
        raise InputError(f"{path} {where}field '{key}': expected text, got a {type(value).__name__}")
    return str(value).strip()


def _date(path: Path, where: str, value, key: str) -> date | None:
    if value is None or isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value).strip())
    except ValueError:
        raise InputError(f"{path} {where}field '{key}': {value!r} is not a date (YYYY-MM-DD)") from None


def _refuse_unknown(path: Path, where: str, raw: dict, known: tuple[str, ...]) -> None:
    unknown = [str(key) for key in raw if key not in known]
    if unknown:
        raise InputError(f"{path} {where}field {unknown[0]!r}: unknown (fields: {', '.join(known)})")
