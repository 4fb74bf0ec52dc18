"""The compiled store: what `build` writes once and every other command opens without re-parsing.

An on-disk Oxigraph store (pyoxigraph, RocksDB) holding every quad of the built dataset, the
derived graph included, beside a stamp that records the store format and a digest of its inputs
(the project's Turtle and source records, the package's code, and whether provenance was
verified against which texts). A store whose digest differs from the inputs is stale and is
rebuilt; one of another format, or one that cannot be opened, is refused with one line that says
what to run. The build writes the store into a temporary folder and renames it into place, so an
interrupted build leaves the previous store whole.

:class:`StoreView` gives the store the small part of rdflib's Dataset API the commands use
(``query`` with ``initNs``/``initBindings``, ``value``), answering on Oxigraph with rdflib terms,
gives the RDF writers each graph's triples (``graph_triples``), and loads an rdflib Dataset from it
only where rdflib is needed (SHACL).
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from pathlib import Path

import pyoxigraph as ox
from rdflib import BNode, Dataset, Literal, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.term import Node

from .. import __version__, resources
from ..errors import InputError

FORMAT = 1
STAMP = "stamp.json"
STORE_NAME = "store"
_PACKAGE = Path(__file__).resolve().parents[1]  # the sharinggraph package: its code is an input


def _input_files(root: Path) -> list[Path]:
    return sorted(_PACKAGE.rglob("*.py")) + [
        *resources.ontology_files(root), *resources.vocab_files(root), *resources.notice_files(root),
        *sorted(resources.source_records_dir(root).glob("*.json")),
    ]


def _header(sources_dir: Path | None, verified: bool) -> str:
    return f"format {FORMAT}\nversion {__version__}\nverified {verified}\nsources {sources_dir.resolve() if sources_dir else None}\n"


def inputs_digest(root: Path, sources_dir: Path | None, verified: bool) -> str:
    """sha256 over the store format, the package's code, every project input file and the texts used."""
    digest = hashlib.sha256(_header(sources_dir, verified).encode())
    for path in _input_files(root):
        digest.update(f"{path.name}\n".encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def inputs_fingerprint(root: Path, sources_dir: Path | None, verified: bool) -> str:
    """sha256 over the same inputs as :func:`inputs_digest` by each file's path, size and mtime (reads no file).

    Equal fingerprints mean the inputs are unchanged; a different one only means "hash to be sure".
    """
    digest = hashlib.sha256(_header(sources_dir, verified).encode())
    for path in _input_files(root):
        status = path.stat()
        digest.update(f"{path}\t{status.st_size}\t{status.st_mtime_ns}\n".encode())
    return digest.hexdigest()


def is_current(stamp: dict, root: Path, sources_dir: Path | None) -> bool:
    """True when the store of ``stamp`` was built from today's inputs: sizes and mtimes first, hashes if they moved."""
    verified = sources_dir is not None
    if stamp.get("fingerprint") == inputs_fingerprint(root, sources_dir, verified):
        return True
    return stamp.get("inputs") == inputs_digest(root, sources_dir, verified)


def write_store(dataset_trig: bytes, folder: Path, inputs: dict, provenance: dict, prefixes: dict[str, str] | None = None) -> Path:
    """Compile the dataset, given as the build's TriG (UTF-8), into ``folder`` (replacing any store there, atomically).

    The store is bulk-loaded from the TriG the build writes anyway (Oxigraph's parser), which costs
    about half of serialising the rdflib Dataset to N-Quads again and loading those.

    ``inputs`` is the stamp's record of what the store was built from: its ``inputs`` digest and
    ``fingerprint`` (see :func:`is_current`). ``prefixes`` are the namespaces the built dataset bound
    (the notices' own prefixes among them), kept so what is written from the store declares the same.
    """
    folder.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{folder.name}-", dir=folder.parent))
    try:
        store = ox.Store(str(staging / "db"))
        store.bulk_load(dataset_trig, format=ox.RdfFormat.TRIG)
        store.optimize()  # compacts what the bulk load wrote: reads 1.2-1.6x faster at 50 councils, for about 4% of the build
        store.flush()
        quads = len(store)
        del store
        stamp = {"format": FORMAT, "version": __version__, **inputs, "quads": quads, "provenance": provenance,
                 "prefixes": prefixes or {}}
        (staging / STAMP).write_text(json.dumps(stamp, indent=2, sort_keys=True) + "\n", encoding="utf-8")
        old = folder.with_name(f".{folder.name}-old")
        shutil.rmtree(old, ignore_errors=True)
        if folder.exists():
            os.replace(folder, old)
        os.replace(staging, folder)
        shutil.rmtree(old, ignore_errors=True)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return folder


def read_stamp(folder: Path) -> dict | None:
    """The store's stamp, or None when there is no store.

    :raises InputError: a store of another format, or one whose stamp is unreadable.
    """
    path = folder / STAMP
    if not folder.exists():
        return None
    try:
        stamp = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise InputError(f"{folder}: not a sharinggraph store (no readable {STAMP}); run 'sharinggraph build'") from exc
    if not isinstance(stamp, dict) or stamp.get("format") != FORMAT:
        raise InputError(f"{folder}: a store of another format ({stamp.get('format') if isinstance(stamp, dict) else '?'}); "
                         "run 'sharinggraph build'")
    return stamp


def _to_rdflib(term) -> Node:
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if term.language:
        return Literal(term.value, lang=term.language)
    if term.datatype.value == "http://www.w3.org/2001/XMLSchema#string":
        return Literal(term.value)
    return Literal(term.value, datatype=URIRef(term.datatype.value))


def _converter():
    """:func:`_to_rdflib` (None for None) that converts a term met again only once: rdflib checks every
    IRI it makes, and an answer or a dump meets the same terms many times."""
    terms: dict = {None: None}

    def term(node) -> Node | None:
        found = terms.get(node, terms)
        if found is terms:
            found = terms[node] = _to_rdflib(node)
        return found

    return term


class Row(dict):
    """One solution: values by variable name, as attributes too (as rdflib's rows are)."""

    def __getattr__(self, name: str):
        return self.get(name)


class StoreView:
    """A read-only compiled store, queried on Oxigraph with answers in rdflib terms."""

    def __init__(self, folder: Path, stamp: dict):
        self.folder = folder
        self.stamp = stamp
        self._store: ox.Store | None = None
        self._pid = None

    @property
    def store(self) -> ox.Store:
        """The Oxigraph store, opened read-only once per process (a forked worker opens its own)."""
        if self._store is None or self._pid != os.getpid():
            try:
                self._store = ox.Store.read_only(str(self.folder / "db"))
            except OSError as exc:
                raise InputError(f"{self.folder}: the store cannot be opened ({' '.join(str(exc).split())[:160]}); "
                                 "run 'sharinggraph build'") from exc
            self._pid = os.getpid()
        return self._store

    def query(self, text: str, initNs: dict | None = None, initBindings: dict | None = None) -> list[Row]:  # noqa: N803 - rdflib's names
        """Rows of a SELECT over the union of the graphs, parameters bound as RDF terms."""
        from ..query.library import with_values

        prefixes = {name: str(namespace) for name, namespace in (initNs or {}).items()}
        solutions = self.store.query(with_values(text, initBindings or {}), prefixes=prefixes, use_default_graph_as_union=True)
        names = [variable.value for variable in solutions.variables]
        term = _converter()
        return [Row({name: term(solution[name]) for name in names}) for solution in solutions]

    def value(self, subject: Node, predicate: Node) -> Node | None:
        """One object of ``subject predicate ?``, or None (the smallest, so the answer is stable)."""
        found = sorted((_to_rdflib(q.object) for q in self.store.quads_for_pattern(
            ox.NamedNode(str(subject)), ox.NamedNode(str(predicate)), None)), key=str)
        return found[0] if found else None

    def namespaces(self) -> list[tuple[str, URIRef]]:
        """The prefixes the built dataset bound (the RDF writers declare those they use), as rdflib's
        ``namespaces()`` gives them; a store stamped without them gives the project's."""
        from ..load.dataset import new_dataset

        kept = self.stamp.get("prefixes")
        if isinstance(kept, dict) and kept:
            return [(str(prefix), URIRef(str(namespace))) for prefix, namespace in kept.items()]
        return list(new_dataset().namespaces())

    def graph_triples(self) -> dict[Node, list[tuple[Node, Node, Node]]]:
        """Every graph's triples in rdflib terms, by graph name (the default graph under rdflib's name
        for it): what the RDF writers read, without loading an rdflib Dataset."""
        term, graphs = _converter(), {}
        for quad in self.store.quads_for_pattern(None, None, None):
            name = DATASET_DEFAULT_GRAPH_ID if isinstance(quad.graph_name, ox.DefaultGraph) else term(quad.graph_name)
            graphs.setdefault(name, []).append((term(quad.subject), term(quad.predicate), term(quad.object)))
        return graphs

    def to_dataset(self) -> Dataset:
        """The whole store as an rdflib Dataset (for pyshacl's whole-graph report, validate --format turtle)."""
        from ..load.dataset import new_dataset

        dataset = new_dataset()
        dataset.parse(data=self.store.dump(format=ox.RdfFormat.N_QUADS), format="nquads")
        return dataset
