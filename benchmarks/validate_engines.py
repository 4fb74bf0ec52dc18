"""Time validation of the real notices under each SHACL engine, in one run.

Usage: .venv/bin/python benchmarks/validate_engines.py [--sources DIR] [--repeat N] [--whole] [--against REV]

By unit (what `sharinggraph validate` runs: each notice, then each council's notices together, on the
machine's cores, with no cache: the cold case) and, with --whole, the whole graph at once (what
`validate --format turtle` runs; pyshacl takes minutes there). With --against REV the same by-unit
validation of the project at git revision REV (checked out in a temporary worktree) runs in turn
with this checkout's, and the ratio of the medians is printed: compare ratios, not seconds, across
machines. Timings include the lookups that attach notices and quotes to the findings.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

from sharinggraph import resources
from sharinggraph.load.build import build_dataset
from sharinggraph.validate.engines import ENGINES
from sharinggraph.validate.shacl import data_shapes, validate_dataset

AS_OF = date(2026, 11, 22)
#: one cold by-unit validation in a fresh interpreter: prints seconds and the number of findings
_BY_UNIT = """
import json, sys, time
from datetime import date
from pathlib import Path
from sharinggraph.validate.units import validate_by_unit
if __name__ == "__main__":
    start = time.perf_counter()
    report = validate_by_unit(Path(sys.argv[1]), None, date.fromisoformat(sys.argv[2]), sys.argv[3], sources=Path(sys.argv[4]))
    print(json.dumps([time.perf_counter() - start, len(report.findings)]))
"""


def by_unit(checkout: Path, engine: str, sources: Path, script: Path) -> tuple[float, int]:
    """Seconds and findings of one cold by-unit validation of ``checkout``'s project."""
    env = {**os.environ, "PYTHONPATH": str(checkout / "src"), "SHARINGGRAPH_HOME": str(checkout)}
    done = subprocess.run([sys.executable, str(script), str(checkout), AS_OF.isoformat(), engine, str(sources)],
                          env=env, capture_output=True, text=True, check=True)
    seconds, findings = json.loads(done.stdout.strip().splitlines()[-1])
    return seconds, findings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sources", type=Path)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--whole", action="store_true", help="also time whole-graph validation (slow with pyshacl)")
    parser.add_argument("--against", metavar="REV", help="a git revision to compare with, in one run")
    args = parser.parse_args()
    root = resources.project_root()
    sources = (args.sources or resources.default_sources_dir(root) or Path("/nonexistent")).resolve()
    with tempfile.TemporaryDirectory() as scratch:
        script = Path(scratch) / "by_unit.py"
        script.write_text(_BY_UNIT, encoding="utf-8")
        checkouts = {"this checkout": root}
        if args.against:
            other = Path(scratch) / "against"
            subprocess.run(["git", "-C", str(root), "worktree", "add", "--detach", "-q", str(other), args.against], check=True)
            checkouts[args.against] = other
        try:
            print(f"cold validation by unit, median of {args.repeat} runs (each in a fresh interpreter), as of {AS_OF}")
            for engine in ENGINES:
                medians = {}
                for name, checkout in checkouts.items():
                    runs = [by_unit(checkout, engine, sources, script) for _ in range(args.repeat)]
                    medians[name] = statistics.median(seconds for seconds, _ in runs)
                    print(f"  {engine:8} {name:14} {medians[name]:7.2f} s  {runs[-1][1]} findings")
                if args.against:
                    print(f"  {engine:8} ratio {medians['this checkout'] / medians[args.against]:.2f} (this checkout / {args.against})")
        finally:
            if args.against:
                subprocess.run(["git", "-C", str(root), "worktree", "remove", "--force", str(checkouts[args.against])], check=True)
    if args.whole:
        dataset = build_dataset(root, args.sources).loaded.dataset
        shapes = data_shapes(root)
        print(f"whole graph: {sum(len(g) for g in dataset.graphs())} triples, median of {args.repeat} runs")
        for engine in ENGINES:
            times = []
            for _ in range(args.repeat):
                start = time.perf_counter()
                report = validate_dataset(dataset, shapes, AS_OF, engine)
                times.append(time.perf_counter() - start)
            print(f"  {engine:8} {statistics.median(times):7.2f} s  {len(report.findings)} findings")


if __name__ == "__main__":
    main()
