"""Time whole-graph validation of the real notices under each SHACL engine, in one run.

Usage: .venv/bin/python benchmarks/validate_engines.py [--sources DIR] [--repeat N]
Prints the median of N runs per engine and their ratio (compare ratios, not seconds, across
machines). Timings include the lookups that attach notices and quotes to the findings.
"""

from __future__ import annotations

import argparse
import statistics
import time
from datetime import date
from pathlib import Path

from sharinggraph import resources
from sharinggraph.load.build import build_dataset
from sharinggraph.validate.shacl import ENGINES, data_shapes, validate_dataset


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sources", type=Path)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    root = resources.project_root()
    dataset = build_dataset(root, args.sources).loaded.dataset
    shapes = data_shapes(root)
    medians, counts = {}, {}
    for engine in ENGINES:
        times = []
        for _ in range(args.repeat):
            start = time.perf_counter()
            report = validate_dataset(dataset, shapes, date(2026, 11, 22), engine)
            times.append(time.perf_counter() - start)
        medians[engine], counts[engine] = statistics.median(times), len(report.findings)
    triples = sum(len(g) for g in dataset.graphs())
    print(f"{triples} triples, {sum(1 for _ in shapes.subjects())} shape-graph subjects, median of {args.repeat} runs")
    for engine in ENGINES:
        print(f"{engine:8} {medians[engine]:7.2f} s  {counts[engine]} findings")
    print(f"pyshacl / rudof: {medians['pyshacl'] / medians['rudof']:.1f}x")


if __name__ == "__main__":
    main()
