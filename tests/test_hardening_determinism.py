"""The same inputs give the same bytes: two builds in two processes with different hash seeds (issue 10)."""

import os
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox

from conftest import ROOT, SOURCES, needs_sources

RUN = Path(__file__).with_name("determinism_run.py")


@needs_sources
def test_two_runs_write_byte_identical_outputs(tmp_path):
    runs = []
    for seed in ("1", "2"):  # the two runs go side by side
        env = {**os.environ, "PYTHONHASHSEED": seed, "SHARINGGRAPH_HOME": str(ROOT), "SHARINGGRAPH_SOURCES": str(SOURCES)}
        runs.append((tmp_path / seed, subprocess.Popen([sys.executable, str(RUN), str(tmp_path / seed)], env=env,
                                                       stderr=subprocess.PIPE, text=True)))
    try:
        for _, process in runs:
            assert process.wait(timeout=900) == 0, process.stderr.read()
    finally:  # a run that overran is ended here, not left to load the rest of the suite
        for _, process in runs:
            process.kill()
            process.wait()
    # the compiled store is a database (its files are not canonical): its stamp must be identical
    first, second = (sorted(p.name for p in folder.iterdir() if p.is_file()) for folder, _ in runs)
    assert first == second and len(first) == 17, first
    assert (runs[0][0] / "store" / "stamp.json").read_bytes() == (runs[1][0] / "store" / "stamp.json").read_bytes()
    different = [name for name in first if (runs[0][0] / name).read_bytes() != (runs[1][0] / name).read_bytes()]
    assert different == []
    for name, fmt in [("sharinggraph.trig", ox.RdfFormat.TRIG), ("export.trig", ox.RdfFormat.TRIG),
                      ("export.jsonld", ox.RdfFormat.JSON_LD), ("validation-pyshacl.ttl", ox.RdfFormat.TURTLE)]:
        assert sum(1 for _ in ox.parse(path=str(runs[0][0] / name), format=fmt)) > 0, name  # a strict parser reads it
