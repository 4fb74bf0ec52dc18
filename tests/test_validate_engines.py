"""Portability: pyshacl and pyrudof (an independent Rust engine) give the same findings.

Every shape runs under both engines (Core and SPARQL-based constraints alike); no shape is
excluded. Compared: (shape, focus node, severity) for the real notices and for every fixture.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from rdflib import Dataset, URIRef

from conftest import ROOT, SEED_AS_OF, SOURCES
from sharinggraph.load.dataset import parse_turtle
from sharinggraph.validate.shacl import data_shapes, validate_dataset
from sharinggraph.validate.units import validate_by_unit

SHAPES = data_shapes(ROOT)
AS_OF = date(2026, 11, 22)
FIXTURES = sorted((ROOT / "tests" / "fixtures" / "shapes").glob("*/*.ttl"))


def _findings(dataset, engine: str) -> set[tuple[str, str, str]]:
    return {(f.rule, f.focus, f.severity) for f in validate_dataset(dataset, SHAPES, AS_OF, engine).findings}


def test_engines_agree_on_the_real_notices(seed_report, tmp_path):
    # unit by unit, as `validate` runs them (test_validate_units.py: the units give the whole graph's findings)
    pyshacl = {(f.rule, f.focus, f.severity) for f in seed_report.findings}
    assert pyshacl, "the real notices have findings"
    rudof = validate_by_unit(ROOT, tmp_path / "cache", SEED_AS_OF, "rudof", sources=SOURCES)
    assert {(f.rule, f.focus, f.severity) for f in rudof.findings} == pyshacl


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_engines_agree_on_fixture(path: Path):
    dataset = Dataset()
    parse_turtle(path, dataset.graph(URIRef(path.as_uri())))
    assert _findings(dataset, "rudof") == _findings(dataset, "pyshacl")
