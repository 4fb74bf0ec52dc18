"""Time each stage of `sharinggraph build` and its peak memory, for this tree and optionally an older commit, in one run.

Usage: .venv/bin/python benchmarks/build_stages.py [--root DIR] [--sources DIR] [--repeat N]
                                                  [--against COMMIT] [--validate]

Each run is a fresh child process: build_dataset (its stages as it announces them), then
write_output (the TriG and the compiled store), and the child's peak resident memory.
``--root`` builds a corpus from benchmarks/corpus.py instead of the project; ``--against``
runs the same children on a ``git archive`` of COMMIT, alternating with this tree, prints both
and the ratios, and says whether the two TriG files are byte-identical. Compare figures only
within one run (ratios), never across machines.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parents[1]
_CHILD = """
import json, resource, sys, time
from pathlib import Path
from sharinggraph.load.build import build_dataset
from sharinggraph.store.folder import write_output
root, sources, out, validate = Path(sys.argv[1]), sys.argv[2], Path(sys.argv[3]), sys.argv[4] == "1"
marks = [("start", time.perf_counter())]
result = build_dataset(root, Path(sources) if sources else None, step=lambda name: marks.append((name, time.perf_counter())))
marks.append(("write (TriG and store)", time.perf_counter()))
write_output(result, out)
marks.append(("end", time.perf_counter()))
if validate:
    from sharinggraph.validate.shacl import data_shapes, validate_dataset
    validate_dataset(result.loaded.dataset, data_shapes(root))
    marks.append(("end validate", time.perf_counter()))
times = {name: later - at for (name, at), (_, later) in zip(marks[1:], marks[2:])}
if validate:
    times["validate (SHACL)"] = times.pop("end")
times["total build"] = marks[-1 if not validate else -2][1] - marks[0][1]
print(json.dumps({"times": times, "peak_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def _last_line(text: str) -> str:
    lines = text.strip().splitlines()
    return lines[-1] if lines else "no message"


def _fail(message: str) -> None:
    print(message, file=sys.stderr)
    raise SystemExit(2)


def _run(src: Path, root: Path, sources: Path | None, out: Path, validate: bool) -> dict:
    env = {**os.environ, "PYTHONPATH": str(src), "SHARINGGRAPH_HOME": str(root)}
    done = subprocess.run([sys.executable, "-c", _CHILD, str(root), str(sources or ""), str(out), "1" if validate else "0"],
                          env=env, capture_output=True, text=True, check=False)
    if done.returncode:
        _fail(f"{src}: the build failed: {_last_line(done.stderr)}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def _snapshot(commit: str, into: Path) -> Path:
    done = subprocess.run(["git", "-C", str(HERE), "archive", commit, "src"], capture_output=True, check=False)
    if done.returncode:
        _fail(f"{commit}: not a commit of this repository ({_last_line(done.stderr.decode())})")
    archive = done.stdout
    subprocess.run(["tar", "-x", "-C", str(into)], input=archive, check=True)
    return into / "src"


def _medians(runs: list[dict]) -> dict:
    stages = runs[0]["times"].keys()
    found = {stage: statistics.median(run["times"].get(stage, 0.0) for run in runs) for stage in stages}
    found["peak memory (MiB)"] = statistics.median(run["peak_mib"] for run in runs)
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=HERE, help="project root to build (default: this checkout)")
    parser.add_argument("--sources", type=Path, help="source texts (default: none, provenance not verified)")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--against", metavar="COMMIT", help="also time this commit's code, alternating runs")
    parser.add_argument("--validate", action="store_true", help="also time SHACL validation of the built dataset")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="build-stages-") as work:
        work = Path(work)
        trees = {"this tree": HERE / "src"}
        if args.against:
            (work / "against").mkdir()
            trees[args.against] = _snapshot(args.against, work / "against")
        runs: dict[str, list[dict]] = {name: [] for name in trees}
        for number in range(args.repeat):
            for index, (name, src) in enumerate(trees.items()):
                runs[name].append(_run(src, args.root, args.sources, work / f"out-{index}", args.validate))
                print(f"run {number + 1}/{args.repeat} {name}: {runs[name][-1]['times']['total build']:.2f} s",
                      file=sys.stderr)
        medians = {name: _medians(found) for name, found in runs.items()}
        print(f"{args.root} ({'texts ' + str(args.sources) if args.sources else 'no texts'}), median of {args.repeat}")
        names = list(trees)
        print(f"{'stage':32}" + "".join(f"{name:>14}" for name in names) + ("       ratio" if len(names) > 1 else ""))
        for stage in medians[names[0]]:
            values = [medians[name].get(stage, 0.0) for name in names]
            ratio = f"{values[0] / values[1]:12.2f}" if len(values) > 1 and values[1] else ""
            unit = "" if "MiB" in stage else " s"
            print(f"{stage:32}" + "".join(f"{value:12.2f}{unit:2}" for value in values) + ratio)
        if len(names) > 1:
            same = (work / "out-0" / "sharinggraph.trig").read_bytes() == (work / "out-1" / "sharinggraph.trig").read_bytes()
            print(f"TriG byte-identical to {args.against}'s: {'yes' if same else 'NO'}")


if __name__ == "__main__":
    main()
