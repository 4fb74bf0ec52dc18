"""Measure build, store, library queries, validation and exports on a synthetic national corpus, in one run.

Usage: .venv/bin/python benchmarks/national.py [--sizes 1x,10,50,150,national] [--step-budget 600]
           [--groups core,pyshacl,rudof] [--all-exports-up-to 50] [--export-formats graphml,csv,html,trig]
           [--sources DIR] [--national-copies N]
           [--json FILE] [--markdown FILE] [--seed-root DIR] [--workdir DIR]

Sizes are councils (5 per copy of the seed, benchmarks/corpus.py); "national" is as many copies as
make about 3.7M triples after derivation (worked out from the 1x and 10-council builds unless
--national-copies is given). Every size is built without source texts (provenance unverified)
unless --sources names the seed's texts, which every copy then cites. The "derive" step derives
on a freshly loaded dataset without texts (no line numbers) either way; the build step is the real one.

Each (size, step group) runs in a child process of its own, so peaks are per size and group, under
a wall-clock limit, so a slow step cannot hang the run. Two paths are measured side by side:

  store    what the commands do now: build once (build_dataset, then the TriG and the compiled
           store written), open the store, bind every library query's header example, run every
           library query on the store, write every export from the store;
  units-pyshacl, units-rudof
           validation by unit as `validate` runs it (each notice, and each council's notices
           together, in parallel on the machine's cores): cold (empty cache), warm (all cached),
           and again after one notice changed;
  core     the path before the compiled store, which every command paid each time: load (parse),
           derive, build_dataset, an in-memory Oxigraph store loaded from the rdflib Dataset,
           every library query and export on it (run up to --core-up-to councils; the
           "ratio" table divides the store path's time by this one's, in the same run);
  pyshacl, rudof
           build, then whole-graph validation (the validation before units).
A step whose time, extrapolated from the smaller sizes with its measured growth, would exceed
--step-budget is not run at that size ("not run: over budget"). Each cell is seconds and the
ratio to the 1x time; compare that ratio with the data factor (triples / triples at 1x): linear
growth gives a ratio close to the data factor. Compare ratios, not seconds, across machines.
"""

from __future__ import annotations

import argparse
import gc
import json
import math
import os
import platform
import resource
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from datetime import date
from pathlib import Path
from types import SimpleNamespace

sys.path.insert(0, str(Path(__file__).resolve().parent))
import corpus  # benchmarks/corpus.py, the generator

AS_OF = date(2026, 11, 22)
#: steps faster than this are timed three times (median): at small sizes noise is most of the time
REPEAT_BELOW = 3.0
NATIONAL_TRIPLES = 3_700_000
#: steps the later ones need: never skipped
BUILD_STEP = "build (build_dataset)"
EXPORTS = ("graphml", "gexf", "cytoscape", "dot", "csv", "html", "trig", "jsonld")
#: exports run at every size; the others (which share graphml's network projection, or jsonld,
#: which serialises the dataset like trig) only up to --all-exports-up-to councils, to keep the run short
EXPORTS_ALWAYS = ("graphml", "csv", "html", "trig")
NETWORK_EXPORTS = ("graphml", "gexf", "cytoscape", "dot", "csv", "html")
GROUPS = ("store", "units-pyshacl", "units-rudof", "core", "pyshacl", "rudof")
DEFAULT_GROUPS = ("store", "units-pyshacl", "units-rudof", "core")
#: the store path's steps: the same names as the core path's, prefixed
STORE = "store: "
STORE_BUILD = f"{STORE}build (build_dataset, write TriG and store)"
ESSENTIAL = (BUILD_STEP, "store load (engine.store_for)", "bind examples (Resolver, all queries)", STORE_BUILD,
             f"{STORE}open (compiled_store, first query)", f"{STORE}bind examples (Resolver, all queries)")
#: the step without which a group has nothing to measure: predicted over budget, the group is not run
GATE = {"pyshacl": "validate (pyshacl)", "rudof": "validate (rudof)",
        "units-pyshacl": "units (pyshacl): validate, cold (no cache)", "units-rudof": "units (rudof): validate, cold (no cache)"}


def api() -> SimpleNamespace:
    """The package's public API: the one place this benchmark names its modules (update here if they move).

    The layout by stage (issue 15) first; the flat layout of the baseline (commit a14b8ec) otherwise,
    so the same script measures both.
    """
    from sharinggraph import resources
    from sharinggraph.export import export_text

    try:
        from sharinggraph.load.build import build_dataset
        from sharinggraph.load.dataset import load_dataset
        from sharinggraph.load.derive import derive
        from sharinggraph.query.library import QueryLibrary
        from sharinggraph.query.resolve import Resolver
        from sharinggraph.query.runner import bind, run_local
        from sharinggraph.store.engine import store_for
        from sharinggraph.validate.shacl import data_shapes, validate_dataset
        from sharinggraph.store.folder import compiled_store, write_output
        from sharinggraph.validate.units import validate_by_unit
    except ImportError:  # the flat layout has no compiled store and no validation by unit: core, pyshacl, rudof only
        compiled_store = write_output = validate_by_unit = None
        from sharinggraph.build import build_dataset
        from sharinggraph.derive import derive
        from sharinggraph.engine import store_for
        from sharinggraph.graph import load_dataset
        from sharinggraph.queries import QueryLibrary
        from sharinggraph.resolve import Resolver
        from sharinggraph.runner import bind, run_local

        from sharinggraph.validate import data_shapes, validate_dataset

    return SimpleNamespace(
        resources=resources, build_dataset=build_dataset, derive=derive, store_for=store_for,
        export_text=export_text, load_dataset=load_dataset, QueryLibrary=QueryLibrary, Resolver=Resolver,
        bind=bind, run_local=run_local, data_shapes=data_shapes, validate_dataset=validate_dataset,
        compiled_store=compiled_store, write_output=write_output, validate_by_unit=validate_by_unit,
    )


# --- The child: one step group on one corpus, one JSON line per step -------------------------

def _peak_mib() -> float:
    """The largest resident set of this process or any worker it waited for (validation's pool)."""
    return max(resource.getrusage(who).ru_maxrss for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)) / 1024


def _triples(dataset) -> int:
    return sum(len(g) for g in dataset.graphs())


def _rows(result) -> int | str:
    if result.type == "ASK":
        return str(bool(result.askAnswer))
    if result.type == "CONSTRUCT":
        return len(result.graph)
    return len(result.bindings)


class Recorder:
    def __init__(self, path: Path, skip: set[str]):
        self.path, self.skip = path, skip

    def write(self, step: str, seconds: float | None, **info) -> None:
        entry = {"step": step, "seconds": seconds, "peak_mib": round(_peak_mib(), 1), **info}
        with self.path.open("a", encoding="utf-8") as out:
            out.write(json.dumps(entry, default=str) + "\n")

    def timed(self, step: str, function, *args, repeat: bool = True, **info):
        """Run and record a step (or record it skipped); returns its (last) value, or None when skipped.

        A step that takes under REPEAT_BELOW seconds is run three times and its median recorded.
        """
        if step in self.skip:
            self.write(step, None, status="not run: over budget")
            return None
        times = []
        while True:
            value = None
            gc.collect()
            start = time.perf_counter()
            value = function(*args)
            times.append(time.perf_counter() - start)
            if not repeat or times[0] >= REPEAT_BELOW or len(times) == 3:
                break
        self.write(step, statistics.median(times), runs=len(times), **info)
        return value


def _core(sg, root: Path, shapes_root: Path, rec: Recorder, exports: tuple[str, ...], sources: Path | None) -> None:
    loaded = rec.timed("load (parse Turtle)", sg.load_dataset, root)
    if loaded is not None:
        rec.write("triples loaded", None, count=_triples(loaded.dataset), graphs=len(loaded.files))
        derived = rec.timed("derive (no texts)", sg.derive, loaded.dataset)
        if derived is not None:
            rec.write("triples derived", None, count=len(derived))
        del derived  # it holds the first dataset's store: free it before the build
    del loaded
    gc.collect()
    built = rec.timed(BUILD_STEP, sg.build_dataset, root, sources)
    dataset = built.loaded.dataset
    rec.write("triples built", None, count=_triples(dataset), verified=built.provenance.verified,
              notices=built.summary.notices, councils=built.summary.councils)
    rec.write("provenance", None, verified=built.provenance.verified, selectors_checked=built.provenance.checked)
    rec.timed("store load (engine.store_for)", sg.store_for, dataset, repeat=False)  # cached per dataset
    _queries_and_exports(sg, dataset, shapes_root, rec, exports, "")


def _queries_and_exports(sg, dataset, shapes_root: Path, rec: Recorder, exports: tuple[str, ...], prefix: str) -> None:
    """Bind every library query's header example, run each query, write each export: on ``dataset``
    (an rdflib Dataset or the compiled store's view), each step's name after ``prefix``."""
    library = sg.QueryLibrary(sg.resources.queries_dir(shapes_root))
    bound = {}

    def bind_all():
        resolver = sg.Resolver(dataset)
        for spec in library.list():
            start = time.perf_counter()
            bound[spec.id] = (sg.bind(spec, {k: str(v) for k, v in spec.example.items()}, resolver),
                              time.perf_counter() - start)

    rec.timed(f"{prefix}bind examples (Resolver, all queries)", bind_all, repeat=False)  # the Resolver caches
    for query_id, (query, bind_seconds) in bound.items():
        step = f"{prefix}query {query_id}"
        if step in rec.skip:
            rec.write(step, None, status="not run: over budget")
            continue
        times, rows = [], None
        while len(times) < 3:
            start = time.perf_counter()
            result = sg.run_local(dataset, query)
            times.append(time.perf_counter() - start)
            rows = _rows(result)
            if times[0] > 1.0:  # slow queries are timed once
                break
        rec.write(step, statistics.median(times), runs=len(times), rows=rows, bind_seconds=round(bind_seconds, 4),
                  bindings={k: v.n3() for k, v in query.bindings.items()})
    for fmt in EXPORTS:
        if fmt not in exports:
            continue
        text = rec.timed(f"{prefix}export {fmt}", sg.export_text, dataset, fmt)
        if text is not None:
            rec.write(f"{prefix}export {fmt} size", None, chars=len(text))
        del text


def _store(sg, root: Path, shapes_root: Path, rec: Recorder, exports: tuple[str, ...], sources: Path | None,
           out_dir: Path) -> None:
    """The commands' path: build once into ``out_dir``, then open the compiled store and answer from it."""
    def build():
        result = sg.build_dataset(root, sources)
        sg.write_output(result, out_dir)
        return result.summary

    summary = rec.timed(STORE_BUILD, build, repeat=False)
    gc.collect()
    rec.write(f"{STORE}store size", None, quads=json.loads((out_dir / "store" / "stamp.json").read_text())["quads"],
              notices=summary.notices, councils=summary.councils,
              megabytes=round(sum(f.stat().st_size for f in (out_dir / "store").rglob("*") if f.is_file()) / 2**20, 1))

    def open_store():  # what a command does before its first answer: check the stamp, open read-only, ask
        view = sg.compiled_store(out_dir, sources)
        view.query("SELECT ?s WHERE { ?s ?p ?o } LIMIT 1")
        return view

    rec.timed(f"{STORE}open (compiled_store, first query)", open_store)
    _queries_and_exports(sg, sg.compiled_store(out_dir, sources), shapes_root, rec, exports, STORE)


def _units(sg, engine: str, root: Path, rec: Recorder, sources: Path | None, cache: Path) -> None:
    """Validation by unit as `validate` runs it: cold, warm, and after one notice changed."""
    prefix = f"units ({engine}): "
    shutil.rmtree(cache, ignore_errors=True)
    report = rec.timed(f"{prefix}validate, cold (no cache)", sg.validate_by_unit, root, cache, AS_OF, engine, None, sources,
                       repeat=False)
    if report is None:
        return
    rec.write(f"{prefix}findings", None, count=len(report.findings), violations=report.violations,
              cached_units=len(list(cache.glob("*.json"))))
    rec.timed(f"{prefix}validate, warm (every unit cached)", sg.validate_by_unit, root, cache, AS_OF, engine, None, sources)
    changed = sorted((root / "data" / "notices").glob("*/*.ttl"))[-1]
    with changed.open("a", encoding="utf-8") as notice:
        notice.write("\n# benchmarks/national.py: this notice changed\n")
    rec.timed(f"{prefix}validate, one notice changed", sg.validate_by_unit, root, cache, AS_OF, engine, None, sources,
              repeat=False)
    rec.write(f"{prefix}changed notice", None, file=str(changed.relative_to(root)))


def _validate(sg, engine: str, root: Path, shapes_root: Path, rec: Recorder, sources: Path | None) -> None:
    step = f"validate ({engine})"
    if step in rec.skip:
        rec.write(step, None, status="not run: over budget")
        return
    start = time.perf_counter()
    dataset = sg.build_dataset(root, sources).loaded.dataset
    rec.write(f"build before {engine}", time.perf_counter() - start)
    shapes = sg.data_shapes(shapes_root)
    report = rec.timed(step, sg.validate_dataset, dataset, shapes, AS_OF, engine, repeat=False)
    rec.write(f"{engine} findings", None, count=len(report.findings), violations=report.violations)


def child(group: str, root: Path, shapes_root: Path, report: Path, skip: set[str], exports: tuple[str, ...],
          sources: Path | None) -> None:
    sg = api()
    rec = Recorder(report, skip)
    rec.write("start", None, group=group, load_average=os.getloadavg())
    os.environ["SHARINGGRAPH_HOME"] = str(root)  # the store's stamp digests the corpus's inputs, not this checkout's
    if group == "core":
        _core(sg, root, shapes_root, rec, exports, sources)
    elif group == "store":
        _store(sg, root, shapes_root, rec, exports, sources, report.with_suffix(".out"))
        shutil.rmtree(report.with_suffix(".out"), ignore_errors=True)
    elif group.startswith("units-"):
        _units(sg, group.removeprefix("units-"), root, rec, sources, report.with_suffix(".cache"))
        shutil.rmtree(report.with_suffix(".cache"), ignore_errors=True)
    else:
        _validate(sg, group, root, shapes_root, rec, sources)
    rec.write("end", None, group=group, load_average=os.getloadavg())


# --- The parent: sizes, budgets, children, tables --------------------------------------------

def _copies_for(size: str, copies_national: int | None) -> int:
    if size == "1x":
        return 1
    if size == "national":
        return copies_national or 0
    councils = int(size)
    if councils % len(corpus.SEED_COUNCILS):
        raise SystemExit(f"size {size}: councils must be a multiple of {len(corpus.SEED_COUNCILS)}")
    return councils // len(corpus.SEED_COUNCILS)


def predict(history: list[tuple[float, float]], factor: float) -> float | None:
    """Seconds a step should take at data factor ``factor``, from (factor, seconds) at smaller sizes.

    The growth exponent is measured between the two largest earlier sizes (at least 1: fixed costs
    make small sizes look sub-linear); with one earlier size growth is taken as linear.
    """
    points = [(f, s) for f, s in history if s is not None and s > 0]
    if not points:
        return None
    (f1, s1), (f2, s2) = (points[-2], points[-1]) if len(points) > 1 else (points[-1], points[-1])
    exponent = max(1.0, math.log(s2 / s1) / math.log(f2 / f1)) if f2 > f1 * 1.05 else 1.0
    return s2 * (factor / f2) ** exponent


class GroupMemory(threading.Thread):
    """Samples the resident memory of a child's whole session (the child, a forkserver, its workers)
    every 0.2 s: validation by unit runs in worker processes this process never waits for, whose
    peaks getrusage does not see."""

    def __init__(self, session: int):
        super().__init__(daemon=True)
        self.session, self.peak, self._done = session, 0, threading.Event()

    def _total(self) -> int:
        page, total = os.sysconf("SC_PAGE_SIZE"), 0
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[3]) == self.session:  # the session id (the fields after the name start at state)
                total += int(fields[21]) * page
        return total

    def run(self) -> None:
        while not self._done.wait(0.2):
            self.peak = max(self.peak, self._total())

    def stop(self) -> None:
        self._done.set()
        self.join()


def run_group(group: str, root: Path, shapes_root: Path, workdir: Path, label: str, skip: set[str],
              limit: float, env: dict, exports: tuple[str, ...], sources: Path | None) -> list[dict]:
    report = workdir / f"{label}-{group}.jsonl"
    report.unlink(missing_ok=True)
    command = [sys.executable, str(Path(__file__).resolve()), "--child", group, "--root", str(root),
               "--seed-root", str(shapes_root), "--report", str(report), "--skip", json.dumps(sorted(skip)),
               "--exports", ",".join(exports)] + (["--sources", str(sources)] if sources else [])
    start = time.perf_counter()
    process = subprocess.Popen(command, env=env, start_new_session=True, stderr=subprocess.PIPE, text=True)
    sampler = GroupMemory(process.pid)
    sampler.start()
    status = "ok"
    try:
        _, stderr = process.communicate(timeout=limit)
        if process.returncode != 0:
            status = f"failed (exit {process.returncode}): {stderr.strip().splitlines()[-1] if stderr.strip() else ''}"
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.communicate()
        status = f"stopped at the group's wall-clock limit ({limit:.0f} s)"
    wall = time.perf_counter() - start
    sampler.stop()
    entries = [json.loads(line) for line in report.read_text(encoding="utf-8").splitlines()] if report.exists() else []
    loads = [e["load_average"] for e in entries if e["step"] in ("start", "end")]
    entries.append({"step": "group", "group": group, "status": status, "wall": wall,
                    "peak_mib": max((e.get("peak_mib", 0) for e in entries), default=None),
                    "peak_all_mib": round(sampler.peak / 2**20), "load_average": loads})
    print(f"  {group}: {status}, {wall:.1f} s wall, peak {entries[-1]['peak_mib']} MiB", file=sys.stderr, flush=True)
    return entries


def _group_limit(group: str, steps: dict, skip: set[str], factor: float, budget: float) -> float:
    """Wall-clock limit for a group: its predicted steps (capped at the budget each) twice over, plus slack."""
    predicted = 0.0
    for step, history in steps.items():
        if _group_of(step) != group or step in skip:
            continue
        guess = predict(history, factor)
        predicted += min(guess if guess is not None else 60.0, budget)
    return max(300.0, 2 * predicted + 120.0)


def _group_of(step: str) -> str:
    if step.startswith("validate ("):
        return step[len("validate ("):-1]
    if step.startswith(STORE):
        return "store"
    if step.startswith("units ("):
        return "units-" + step[len("units ("):step.index(")")]
    return "core"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1x,10,50,150,national")
    parser.add_argument("--step-budget", type=float, default=600.0, help="seconds a single step may take")
    parser.add_argument("--national-copies", type=int)
    parser.add_argument("--groups", default=",".join(DEFAULT_GROUPS), help=f"of {', '.join(GROUPS)}")
    parser.add_argument("--core-up-to", type=int, default=50, metavar="COUNCILS",
                        help="run the core group (the path before the store) up to this size only")
    parser.add_argument("--all-exports-up-to", type=int, default=50, metavar="COUNCILS",
                        help="run every export format up to this size; above it only --export-formats")
    parser.add_argument("--export-formats", default=",".join(EXPORTS_ALWAYS),
                        help="formats exported at every size ('none': no exports above --all-exports-up-to)")
    parser.add_argument("--json", type=Path, help="write every measurement here")
    parser.add_argument("--markdown", type=Path, help="write the tables here")
    parser.add_argument("--seed-root", type=Path, default=corpus.MAIN_ROOT,
                        help="project root whose notices, vocabularies, shapes and queries are used")
    parser.add_argument("--workdir", type=Path, help="folder for the corpora (default: a temporary folder)")
    parser.add_argument("--sources", type=Path, help="build with these source texts (every copy cites the seed's "
                        "texts); default: none, provenance unverified")
    parser.add_argument("--child", choices=GROUPS, help=argparse.SUPPRESS)
    parser.add_argument("--root", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--report", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--skip", default="[]", help=argparse.SUPPRESS)
    parser.add_argument("--exports", default=",".join(EXPORTS), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child, args.root, args.seed_root, args.report, set(json.loads(args.skip)),
              tuple(args.exports.split(",")), args.sources)
        return

    sizes = args.sizes.split(",")
    groups = args.groups.split(",")
    env = {k: v for k, v in os.environ.items() if k != "SHARINGGRAPH_SOURCES"}
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="sharinggraph-national-"))
    workdir.mkdir(parents=True, exist_ok=True)
    if (workdir / "shared" / "seeds").exists():
        raise SystemExit(f"{workdir}/shared/seeds exists: the corpora would be built with source texts")
    results = {"machine": machine(), "started": time.strftime("%Y-%m-%d %H:%M:%S"), "budget": args.step_budget,
               "sources": str(args.sources) if args.sources else None, "sizes": {}}
    history: dict[str, list[tuple[float, float]]] = {}
    base_triples = None
    national_copies = args.national_copies
    run_start = time.perf_counter()
    for size in sizes:
        if size == "national" and national_copies is None:
            national_copies = _national_copies(results)
        copies = _copies_for(size, national_copies)
        root = workdir / f"corpus-{size}"
        start = time.perf_counter()
        made = corpus.generate(root, copies, args.seed_root)
        if (args.seed_root / "node_modules").is_dir():  # export html inlines cytoscape.js from the project's node_modules
            (root / "node_modules").symlink_to((args.seed_root / "node_modules").resolve())
        print(f"{size}: {copies} copies, {made['councils']} councils, {made['notices']} notices, generated in "
              f"{time.perf_counter() - start:.1f} s", file=sys.stderr, flush=True)
        # the data factor is known after the build; before it, copies stand in for it
        factor = copies
        entry = {"copies": copies, "councils": made["councils"], "notices": made["notices"], "steps": {}, "groups": {}}
        for group in groups:
            if group == "core" and made["councils"] > args.core_up_to:
                continue
            skip = set()
            for step, steps_history in history.items():
                guess = predict(steps_history, factor)
                if _group_of(step) == group and step not in ESSENTIAL and guess is not None and guess > args.step_budget:
                    skip.add(step)
                    entry["steps"][step] = {"seconds": None, "status": f"not run: over budget (predicted {guess:.0f} s)"}
            if group != "core" and GATE.get(group) in skip:
                entry["groups"][group] = {"status": "not run: over budget", "peak_mib": None, "wall": 0}
                print(f"  {group}: not run (predicted over budget)", file=sys.stderr, flush=True)
                continue
            limit = _group_limit(group, history, skip, factor, args.step_budget)
            always = tuple(f for f in args.export_formats.split(",") if f in EXPORTS)
            exports = EXPORTS if made["councils"] <= args.all_exports_up_to else always
            for record in run_group(group, root, args.seed_root, workdir, size, skip, limit, env, exports, args.sources):
                if record["step"] == "group":
                    entry["groups"][group] = {k: record[k] for k in ("status", "wall", "peak_mib", "peak_all_mib", "load_average")}
                elif record["step"] in ("start", "end"):
                    continue
                elif record.get("seconds") is not None or record["step"] not in entry["steps"]:
                    entry["steps"][record["step"]] = record
            prefix = {"core": "", "store": STORE}.get(group)
            for fmt in EXPORTS if prefix is not None else ():
                if fmt not in exports:
                    entry["steps"][f"{prefix}export {fmt}"] = {"seconds": None, "status": _not_exported(fmt, exports)}
            built = entry["steps"].get(f"{STORE}store size", {}).get("quads") or entry["steps"].get("triples built", {}).get("count")
            if built and entry.get("triples") is None:
                entry["triples"] = built
                base_triples = base_triples or built
                factor = built / base_triples
        entry["factor"] = factor
        for step, record in entry["steps"].items():
            if record.get("seconds") is not None and not step.startswith("build before"):
                history.setdefault(step, []).append((factor, record["seconds"]))
        results["sizes"][size] = entry
        if args.json:  # after every size, so an interrupted run keeps what it measured
            args.json.write_text(json.dumps(results, indent=1, default=str), encoding="utf-8")
        print(f"  total so far {time.perf_counter() - run_start:.0f} s", file=sys.stderr, flush=True)
        shutil.rmtree(root, ignore_errors=True)
    results["wall"] = time.perf_counter() - run_start
    if args.json:
        args.json.write_text(json.dumps(results, indent=1, default=str), encoding="utf-8")
    tables = markdown(results)
    if args.markdown:
        args.markdown.write_text(tables, encoding="utf-8")
    print(tables)


def _not_exported(fmt: str, exports: tuple[str, ...]) -> str:
    if fmt in NETWORK_EXPORTS and "graphml" in exports:
        return "not run (same network projection as graphml)"
    if fmt == "jsonld" and "trig" in exports:
        return "not run (serialises the dataset like trig)"
    return "not run (not selected)"


def _national_copies(results: dict) -> int:
    """Copies giving about NATIONAL_TRIPLES after derivation, from the two smallest built sizes."""
    built = sorted((e["copies"], e["triples"]) for e in results["sizes"].values() if e.get("triples"))
    if len(built) < 2:
        raise SystemExit("national size: run two smaller sizes first (e.g. 1x,10) or give --national-copies")
    (c1, t1), (c2, t2) = built[0], built[1]
    per_copy = (t2 - t1) / (c2 - c1)
    return max(c2, round(c1 + (NATIONAL_TRIPLES - t1) / per_copy))


def machine() -> dict:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    memory = next((line.split()[1] for line in Path("/proc/meminfo").read_text().splitlines()
                   if line.startswith("MemTotal")), "0")
    return {"cpu": cpu, "cores": os.cpu_count(), "memory_gib": round(int(memory) / 1024 / 1024, 1),
            "python": platform.python_version(), "system": platform.platform(), "load_average": os.getloadavg()}


# --- Tables ------------------------------------------------------------------------------------

def _cell(seconds: float | None, base: float | None, status: str | None) -> str:
    if seconds is None:
        return status or "not run"
    text = f"{seconds:.3f} s" if seconds < 10 else f"{seconds:.1f} s"
    if base:
        text += f" (x{seconds / base:.1f})"
    return text


def ratio_table(results: dict) -> list[str]:
    """Each store-path step's time over the same step's time on the path before the store (core), in
    the same run, at every size where both ran; opening the store is compared with rebuilding plus
    loading the in-memory store, which is what every command paid before its first answer."""
    sizes = [s for s, e in results["sizes"].items() if BUILD_STEP in e["steps"] and STORE_BUILD in e["steps"]]
    if not sizes:
        return []
    lines = ["| store path / path before it (same run) | " + " | ".join(sizes) + " |", "|---" * (len(sizes) + 1) + "|"]

    def seconds(entry: dict, step: str) -> float | None:
        return entry["steps"].get(step, {}).get("seconds")

    pairs = [(STORE_BUILD, [BUILD_STEP]), (f"{STORE}open (compiled_store, first query)", [BUILD_STEP, "store load (engine.store_for)"])]
    steps = [k for k in results["sizes"][sizes[0]]["steps"] if k.startswith(STORE + "query ") or k.startswith(STORE + "export ")]
    pairs += [(step, [step.removeprefix(STORE)]) for step in steps if not step.endswith(" size")]
    for new, old in pairs:
        cells = []
        for size in sizes:
            entry = results["sizes"][size]
            before = [seconds(entry, step) for step in old]
            after = seconds(entry, new)
            cells.append(f"{after / sum(before):.2f}" if after is not None and None not in before and sum(before) else "-")
        lines.append(f"| {new.removeprefix(STORE)} | " + " | ".join(cells) + " |")
    return lines


def markdown(results: dict) -> str:
    sizes = list(results["sizes"])
    entries = [results["sizes"][s] for s in sizes]
    header = "| step | " + " | ".join(
        f"{s} ({e['councils']} councils, {e['copies']} cop{'y' if e['copies'] == 1 else 'ies'})" for s, e in zip(sizes, entries)) + " |"
    lines = [header, "|---" * (len(sizes) + 1) + "|"]
    lines.append("| triples after derivation (data factor) | " + " | ".join(
        f"{e['triples']:,} (x{e['factor']:.1f})" if e.get("triples") else "?" for e in entries) + " |")
    order = []
    for e in entries:
        for step, record in e["steps"].items():
            timed = record.get("seconds") is not None or str(record.get("status", "")).startswith("not run")
            if step not in order and timed and not step.startswith("build before"):
                order.append(step)
    base = entries[0]["steps"]
    for step in order:
        first = base.get(step, {}).get("seconds")
        cells = []
        for e in entries:
            record = e["steps"].get(step)
            if record is None:
                group = e["groups"].get(_group_of(step), {})
                status = group.get("status") if group.get("status", "ok") != "ok" else "not measured"
                cells.append(status)
            else:
                cells.append(_cell(record.get("seconds"), first, record.get("status")))
        lines.append(f"| {step} | " + " | ".join(cells) + " |")
    lines += ["", *ratio_table(results)]
    lines += ["", "| peak memory, MiB: largest process / all the group's processes together (sampled) | "
              + " | ".join(sizes) + " |", "|---" * (len(sizes) + 1) + "|"]
    ran = [group for group in GROUPS if any(group in e["groups"] for e in entries)]
    for group in ran:
        cells = []
        for e in entries:
            g = e["groups"].get(group)
            cells.append("-" if g is None or g.get("peak_mib") is None else
                         f"{g['peak_mib']:,.0f} / {g.get('peak_all_mib') or 0:,.0f}")
        lines.append(f"| {group} | " + " | ".join(cells) + " |")
    lines.append("| max over groups (all processes) | " + " | ".join(
        f"{max((g.get('peak_all_mib') or g.get('peak_mib') or 0) for g in e['groups'].values()):,.0f}" for e in entries) + " |")
    lines += ["", "| group: wall seconds (load average at start, end) | " + " | ".join(sizes) + " |",
              "|---" * (len(sizes) + 1) + "|"]
    for group in ran:
        cells = []
        for e in entries:
            g = e["groups"].get(group)
            if g is None:
                cells.append("-")
                continue
            loads = ", ".join(f"{la[0]:.1f}" for la in g.get("load_average") or [])
            cells.append(f"{g['wall']:.0f} s ({loads})" + ("" if g["status"] == "ok" else f": {g['status']}"))
        lines.append(f"| {group} | " + " | ".join(cells) + " |")
    lines += ["", "| rows answered (header example) | " + " | ".join(sizes) + " |", "|---" * (len(sizes) + 1) + "|"]
    changed = []
    queries = [step for step in order if step.startswith("query ")] or [
        step.removeprefix(STORE) for step in order if step.startswith(STORE + "query ")]
    for step in queries:  # the store path's answer where it ran (the same as the core path's: a test holds it)
        records = [e["steps"].get(STORE + step) or e["steps"].get(step, {}) for e in entries]
        cells = [str(record.get("rows", "-")) for record in records]
        lines.append(f"| {step.removeprefix('query ')} | " + " | ".join(cells) + " |")
        bound = [record.get("bindings") for record in records]
        if any(b is not None and b != bound[0] for b in bound):
            changed.append(step.removeprefix("query "))
    lines += ["", "Parameters bound from the header examples: " + (
        "the same RDF terms at every size." if not changed else f"DIFFERENT from 1x for {', '.join(changed)}.")]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    main()
