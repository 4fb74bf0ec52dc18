"""Writes every output of one build into a folder (run by test_hardening_determinism.py in a subprocess)."""

import json
import sys
from dataclasses import asdict
from datetime import date
from pathlib import Path

from sharinggraph import resources
from sharinggraph.export.report import analyse
from sharinggraph.load.build import build_dataset
from sharinggraph.store.folder import write_output
from sharinggraph.export import EXPORTERS, export_text
from sharinggraph.export.network import project
from sharinggraph.output import write_file
from sharinggraph.export.rdf import turtle
from sharinggraph.cli.render import build_json, network_report_text, validation_json, validation_text
from sharinggraph.validate.shacl import data_shapes, validate_dataset
from sharinggraph.validate.units import unit_dataset, validate_by_unit


def main() -> None:
    out = Path(sys.argv[1])
    result = build_dataset()
    write_output(result, out)
    write_file(out / "build.json", build_json(result, ["out/sharinggraph.trig", "out/store"]))
    dataset = result.loaded.dataset
    for fmt in EXPORTERS:
        write_file(out / f"export.{fmt}", export_text(dataset, fmt))
    report = analyse(project(dataset))
    write_file(out / "report.txt", network_report_text(report, 15))
    write_file(out / "report.json", json.dumps(asdict(report), indent=2, ensure_ascii=False))
    as_of = date(2025, 6, 1)
    root = resources.project_root()
    for engine in ("pyshacl", "rudof"):  # as `validate` runs: unit by unit (one worker: the two runs go side by side)
        checked = validate_by_unit(root, None, as_of, engine, jobs=1)
        write_file(out / f"validation-{engine}.txt", validation_text(checked))
        write_file(out / f"validation-{engine}.json", validation_json(checked, "info", as_of))
    # the SHACL report graph (`validate --format turtle`) of one council's notices: a whole-graph pyshacl run
    # of the seed graph takes minutes
    notices = sorted((root / "data" / "notices" / "waltham-forest").glob("*.ttl"))
    report_graph = validate_dataset(unit_dataset(root, notices), data_shapes(root), as_of, "pyshacl").report_graph
    write_file(out / "validation-pyshacl.ttl", turtle(report_graph))


if __name__ == "__main__":  # validation's workers start from a fresh process that imports this file
    main()
