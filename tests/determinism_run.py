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
for engine in ("pyshacl", "rudof"):
    checked = validate_dataset(dataset, data_shapes(resources.project_root()), as_of, engine)
    write_file(out / f"validation-{engine}.txt", validation_text(checked))
    write_file(out / f"validation-{engine}.json", validation_json(checked, "info", as_of))
    if checked.report_graph is not None:
        write_file(out / f"validation-{engine}.ttl", turtle(checked.report_graph))
