"""Validation by unit (each notice, each council's notices together), in parallel and cached."""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path

from rdflib import URIRef
from rdflib.namespace import SH

from sharinggraph.validate.shacl import data_shapes, validate_dataset
from conftest import SEED_AS_OF, SOURCES
from sharinggraph.cli import main
from sharinggraph.validate.units import CACHE_NAME, split_shapes, unit_keys, validate_by_unit

ROOT = Path(__file__).resolve().parents[1]
AS_OF = date(2026, 11, 22)
SGSH = "https://w3id.org/sharinggraph/shapes#"


def _key(finding):
    return (finding.notice, finding.severity, finding.rule, finding.focus, finding.message, finding.quotes)


def test_by_unit_gives_the_findings_of_whole_graph_validation(built, tmp_path):
    # rudof, which validates the whole seed graph in seconds (pyshacl takes minutes; the engines agree
    # unit by unit: test_validate_engines.py)
    whole = validate_dataset(built.loaded.dataset, data_shapes(ROOT), AS_OF, "rudof")
    progress = _Progress()
    units = validate_by_unit(ROOT, tmp_path / "cache", AS_OF, "rudof", step=progress)
    assert [_key(f) for f in units.findings] == [_key(f) for f in whole.findings]
    assert len(units.findings) > 50
    # the progress display was told the 15 units (13 notices, 2 folders of several) and then each as it ended
    assert progress.expected == [15] and len(progress.names) == 15 == len(set(progress.names))
    assert "waltham-forest" in progress.names and "wandsworth/childrens-social-care" in progress.names
    again = _Progress()  # every unit cached: nothing to show
    assert validate_by_unit(ROOT, tmp_path / "cache", AS_OF, "rudof", step=again).findings == units.findings
    assert again.expected == [] and again.names == []


class _Progress:
    """Records what validation tells a progress display."""

    def __init__(self):
        self.expected, self.names = [], []

    def __call__(self, name: str) -> None:
        self.names.append(name)

    def expect(self, total: int) -> None:
        self.expected.append(total)


def test_a_unit_whose_inputs_did_not_change_is_read_from_the_cache(seed_cache, seed_report, tmp_path):
    cache = tmp_path / "cache"
    shutil.copytree(seed_cache, cache)
    files = sorted(cache.glob("*.json"))
    # one per notice (13) and one per folder of several notices (Waltham Forest, the bi-borough page)
    assert len(files) == 15
    # a finding planted in one unit's cached answer (a copy of a real one, so it has every field)
    victim = next(f for f in files if json.loads(f.read_text()))
    cached = json.loads(victim.read_text())
    planted = {**cached[0], "focus": "urn:planted", "message": "planted in the cache", "id": "0" * 16,
               "shape": SGSH + "PlantedShape", "notice": "urn:planted"}
    victim.write_text(json.dumps([*cached, planted]), encoding="utf-8")
    second = validate_by_unit(ROOT, cache, SEED_AS_OF, "pyshacl", sources=SOURCES)
    assert [f.message for f in second.findings if f.focus == "urn:planted"] == ["planted in the cache"]
    assert len(second.findings) == len(seed_report.findings) + 1
    # another as-of date, engine or folder of texts is another key: every unit is looked for elsewhere
    for other in (dict(as_of=date(2020, 1, 1)), dict(engine="rudof"), dict(sources=tmp_path)):
        arguments = {"as_of": SEED_AS_OF, "engine": "pyshacl", "sources": SOURCES, **other}
        keys = unit_keys(ROOT, arguments["as_of"], arguments["engine"], arguments["sources"])
        assert len(keys) == 15 and not {f"{key}.json" for key in keys.values()} & {f.name for f in files}, other
    assert {f"{key}.json" for key in unit_keys(ROOT, SEED_AS_OF, "pyshacl", SOURCES).values()} == {f.name for f in files}


def test_only_the_shapes_that_compare_notices_run_across_a_council():
    single, across = split_shapes(data_shapes(ROOT))
    comparing = {URIRef(SGSH + name) for name in (
        "ConsentAndPublicTaskShape", "ConsentDeniedElsewhereShape", "TransfersContradictedShape",
        "BasisDiffersForSameRecipientShape", "ContactAddressesDifferShape")}
    assert set(across.subjects(SH.sparql, None)) == comparing
    assert not comparing & set(single.subjects(None, None))
    # the prefixes their SPARQL uses travel with both halves
    prefixes = URIRef(SGSH + "prefixes")
    assert (prefixes, None, None) in single and (prefixes, None, None) in across


def test_validate_runs_rudof_unless_told_otherwise(tmp_path):
    # the command's cache is keyed by engine: its files are those of rudof's units, none of pyshacl's
    out = tmp_path / "out"
    assert main(["validate", "-q", "--as-of", AS_OF.isoformat(), "--rule", "LostList", "--out", str(out)]) in (0, 1)
    cached = {f.name for f in (out / CACHE_NAME).glob("*.json")}
    assert cached == {f"{key}.json" for key in unit_keys(ROOT, AS_OF, "rudof").values()}
    assert not cached & {f"{key}.json" for key in unit_keys(ROOT, AS_OF, "pyshacl").values()}
