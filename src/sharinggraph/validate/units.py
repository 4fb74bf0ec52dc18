"""Validation by unit: each notice on its own, each council's notices together, in parallel, cached.

A notice is validated with what it needs (its own graph, the ontology, the vocabularies and the
source records) against every shape that looks at one notice. The shapes that compare a notice
with the others (their SPARQL names ``?other``) run once per council or bundle folder, on that
folder's notices only, never all notices against all. Each unit's findings are cached under the
output folder, keyed by the sha256 of everything the unit reads (its files, the shared files,
the shapes, the validation code, the engine and the as-of date), so a notice whose inputs did not
change is not validated again. The findings are those of whole-graph validation (a test holds it).
"""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import asdict
from datetime import date
from pathlib import Path

from rdflib import Dataset, Graph, URIRef
from rdflib.namespace import RDF, SH

from .. import resources
from ..load.dataset import graph_iri_for, load_dataset, new_dataset, parse_turtle
from ..load.sources import load_records, records_graph
from ..namespaces import SOURCES_GRAPH
from .engines import DEFAULT_ENGINE
from .evidence import source_texts
from .shacl import Finding, ValidationReport, data_shapes, ordered, validate_graph, validation_context

CACHE_NAME = "validation-cache"
#: Workers start from a fresh server process, never forked from this one: a process forked after an
#: engine (rudof, Oxigraph) has started its threads can wait forever on a lock one of them held.
_WORKERS = multiprocessing.get_context("forkserver")
_CODE = Path(__file__).resolve().parent


def split_shapes(shapes: Graph) -> tuple[Graph, Graph]:
    """The shapes that look at one notice, and those that compare notices (their SPARQL names ?other)."""
    comparing = {
        shape for shape in set(shapes.subjects(SH.sparql, None))
        if any("?other" in str(shapes.value(c, SH.select) or "") for c in shapes.objects(shape, SH.sparql))
    }
    single, across = Graph(), Graph()
    for prefix, namespace in shapes.namespaces():
        single.bind(prefix, namespace)
        across.bind(prefix, namespace)
    comparing_nodes = {node for shape in comparing for node in _reachable(shapes, shape)}
    shape_nodes = {node for shape in shapes.subjects(RDF.type, SH.NodeShape) for node in _reachable(shapes, shape)}
    for triple in shapes:
        if triple[0] in comparing_nodes:
            across.add(triple)
        elif triple[0] in shape_nodes:
            single.add(triple)
        else:  # shared declarations (the prefixes SPARQL constraints use)
            single.add(triple)
            across.add(triple)
    return single, across


def _reachable(shapes: Graph, start) -> set:
    """A shape and every node hanging from it (property shapes, constraints, lists)."""
    seen, stack = {start}, [start]
    while stack:
        for value in shapes.objects(stack.pop(), None):
            if not isinstance(value, URIRef) and value not in seen:
                seen.add(value)
                stack.append(value)
    return seen


def _digest(*parts: bytes) -> str:
    digest = hashlib.sha256()
    for part in parts:
        digest.update(hashlib.sha256(part).digest())
    return digest.hexdigest()


def _shared_files(root: Path) -> list[Path]:
    return [*resources.ontology_files(root), *resources.vocab_files(root), *sorted(resources.source_records_dir(root).glob("*.json"))]


def _units(root: Path) -> list[tuple[str, str, list[Path]]]:
    """(name, which shapes, notice files) for every notice, and for every folder of two or more notices."""
    notices = resources.notice_files(root)
    units = [(str(path.relative_to(root)), "single", [path]) for path in notices]
    folders: dict[Path, list[Path]] = {}
    for path in notices:
        folders.setdefault(path.parent, []).append(path)
    units += [(str(folder.relative_to(root)), "across", files) for folder, files in sorted(folders.items()) if len(files) > 1]
    return units


_WORKER_CACHE: dict[tuple, tuple] = {}


def _shared(base: Path, sources: str | None) -> tuple:
    """What every unit of a worker reads, parsed once per process: the shared graphs, the split shapes, the texts."""
    if (str(base), sources) not in _WORKER_CACHE:
        loaded = load_dataset(base, [*resources.ontology_files(base), *resources.vocab_files(base)])
        graphs = [(graph.identifier, graph) for graph in loaded.dataset.graphs() if len(graph)]
        records = records_graph(load_records(resources.source_records_dir(base)))
        texts = source_texts(base, Path(sources) if sources else None)
        _WORKER_CACHE[(str(base), sources)] = (graphs, records, split_shapes(data_shapes(base)), texts)
    return _WORKER_CACHE[(str(base), sources)]


_MERGED: dict[tuple, tuple[Graph, bytes | None]] = {}


def _merged_shared(base: Path, sources: str | None, as_of: date, engine: str) -> tuple[Graph, bytes | None]:
    """The shared graphs merged into one graph with their validation context, as validation reads them,
    once per worker (and, for rudof, that graph as N-Triples): each unit adds its own triples to it."""
    key = (str(base), sources, as_of, engine)
    if key not in _MERGED:
        graphs, records, _, _ = _shared(base, sources)
        merged = Graph()
        for _, graph in graphs:
            merged += graph
        merged += records
        merged += validation_context(merged, as_of)
        _MERGED[key] = (merged, merged.serialize(format="nt", encoding="utf-8") if engine == "rudof" else None)
    return _MERGED[key]


def _run_unit(root: str, kind: str, files: list[str], as_of: str, engine: str, sources: str | None = None) -> list[dict]:
    """Validate one unit in a worker: its notice files added to the merged shared graphs (and taken out
    again after), against its shapes; the same graph :func:`validate_dataset` would merge, without
    copying the shared graphs for every unit."""
    base, day = Path(root), date.fromisoformat(as_of)
    _, _, (single, across), texts = _shared(base, sources)
    merged, merged_ntriples = _merged_shared(base, sources, day, engine)
    own = Graph()  # the unit's notices, merged as validation reads them (their graph names play no part)
    for path in files:
        parse_turtle(Path(path), own)
    own += validation_context(own, day)
    added = [triple for triple in own if triple not in merged]  # taken out after: only what was not there
    for triple in added:
        merged.add(triple)
    try:
        ntriples = None
        if merged_ntriples is not None:
            extra = Graph()
            for triple in added:
                extra.add(triple)
            ntriples = (merged_ntriples, extra.serialize(format="nt", encoding="utf-8"))
        report = validate_graph(merged, single if kind == "single" else across, engine, texts, ntriples)
    finally:
        for triple in added:
            merged.remove(triple)
    return [asdict(finding) for finding in report.findings]


def unit_dataset(root: Path, files: list[Path], sources: str | None = None) -> Dataset:
    """What a unit is validated on: its notice files, the ontology, the vocabularies and the source records."""
    graphs, records, _, _ = _shared(root, sources)
    dataset = new_dataset()
    for identifier, graph in graphs:
        copy = dataset.graph(identifier)
        copy += graph
    records_copy = dataset.graph(SOURCES_GRAPH)
    records_copy += records
    for path in files:
        parse_turtle(path, dataset.graph(graph_iri_for(root, path)))
    return dataset


def unit_keys(root: Path, as_of: date, engine: str, sources: Path | None = None) -> dict[str, str]:
    """Each unit's cache key: the sha256 of everything its findings depend on, by unit name."""
    folder = sources or resources.default_sources_dir(root)
    texts_seen = str(folder).encode() if folder is not None and folder.is_dir() else b"no texts"
    shared = b"".join(path.read_bytes() for path in _shared_files(root))
    shapes = b"".join(path.read_bytes() for path in sorted(resources.shapes_dir(root).glob("*.shacl.ttl")))
    code = b"".join(path.read_bytes() for path in sorted(_CODE.rglob("*.py")))
    common = _digest(engine.encode(), as_of.isoformat().encode(), texts_seen, shared, shapes, code).encode()  # once, not per unit
    return {name: _digest(name.encode(), kind.encode(), common, *(path.read_bytes() for path in files))
            for name, kind, files in _units(root)}


def validate_by_unit(root: Path, cache_dir: Path | None, as_of: date | None = None, engine: str = DEFAULT_ENGINE,
                     jobs: int | None = None, sources: Path | None = None, step=None) -> ValidationReport:
    """Every unit's findings (from the cache where its inputs are unchanged), merged and ordered.

    ``sources`` is the folder of source texts (default: the project's); with them each quote has its line.
    ``step``, when given, is called with each unit's name (``council/notice``, or the council's folder)
    as its validation ends; if it has an
    ``expect`` method, that is told first how many units are to be validated (the others are cached).
    """
    as_of = as_of or date.today()
    folder = sources or resources.default_sources_dir(root)
    keys = unit_keys(root, as_of, engine, sources)
    pending, findings = [], []
    for name, kind, files in _units(root):
        cached = cache_dir / f"{keys[name]}.json" if cache_dir is not None else None
        if cached is not None and cached.is_file():
            findings += [_finding(row) for row in json.loads(cached.read_text(encoding="utf-8"))]
        else:
            pending.append((name, cached, kind, [str(path) for path in files]))
    if pending and hasattr(step, "expect"):
        step.expect(len(pending))
    if pending:
        workers = max(1, min(jobs or os.cpu_count() or 1, len(pending)))
        with ProcessPoolExecutor(max_workers=workers, mp_context=_WORKERS) as pool:
            running = {pool.submit(_run_unit, str(root), kind, files, as_of.isoformat(), engine, str(folder) if folder else None):
                       (name, cached) for name, cached, kind, files in pending}
            for done in as_completed(running):
                name, cached = running[done]
                rows = done.result()
                findings += [_finding(row) for row in rows]
                if cached is not None:
                    cached.parent.mkdir(parents=True, exist_ok=True)
                    temporary = cached.with_suffix(".tmp")
                    temporary.write_text(json.dumps(rows, sort_keys=True), encoding="utf-8")
                    os.replace(temporary, cached)
                if step is not None:
                    step(name.removeprefix("data/notices/").removesuffix(".ttl"))
    return ValidationReport(ordered(findings), None)


def _finding(row: dict) -> Finding:
    return Finding(**{**row, "quotes": tuple(row["quotes"]), "lines": tuple(row["lines"])})
