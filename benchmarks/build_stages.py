"""Time each stage of `sharinggraph build` (and validation) on the real data, in one run.

Usage: .venv/bin/python benchmarks/build_stages.py [--sources DIR] [--repeat N]
Prints the median of N runs per stage and each stage's share of the whole; compare figures only
within one run (ratios), never across machines.
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from sharinggraph import resources
from sharinggraph.load.build import load_texts
from sharinggraph.load.derive import derive
from sharinggraph.load.dataset import load_dataset
from sharinggraph.load.provenance import verify
from sharinggraph.load.summary import summarise
from sharinggraph.validate.shacl import data_shapes, validate_dataset


def _timed(stage, timings, function, *args):
    start = time.perf_counter()
    value = function(*args)
    timings.setdefault(stage, []).append(time.perf_counter() - start)
    return value


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sources", type=Path)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    root = resources.project_root()
    timings: dict[str, list[float]] = {}
    for _ in range(args.repeat):
        _, texts, _ = _timed("read sources", timings, load_texts, root, args.sources)
        loaded = _timed("parse Turtle", timings, load_dataset, root)
        _timed("verify selectors", timings, verify, loaded.dataset, loaded.files, texts)
        _timed("derive", timings, derive, loaded.dataset)
        _timed("summarise", timings, summarise, loaded.dataset)
        _timed("serialise TriG", timings, loaded.dataset.serialize, None, "trig")
        _timed("validate (SHACL)", timings, validate_dataset, loaded.dataset, data_shapes(root))
    medians = {stage: statistics.median(values) for stage, values in timings.items()}
    total = sum(medians.values())
    triples = sum(len(g) for g in loaded.dataset.graphs())
    print(f"{triples} triples, median of {args.repeat} runs")
    for stage, seconds in medians.items():
        print(f"{stage:20} {seconds * 1000:8.1f} ms  {seconds / total:6.1%}")
    print(f"{'total':20} {total * 1000:8.1f} ms")


if __name__ == "__main__":
    main()
