"""Loads the ontology, vocabularies and notices into one rdflib Dataset, a named graph per file."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rdflib import Dataset, Graph, URIRef

from .. import resources
from ..errors import InputError
from ..namespaces import GRAPH, PREFIXES


@dataclass(frozen=True)
class LoadedDataset:
    """The Dataset, and for each named graph the file it was read from."""

    dataset: Dataset
    files: dict[URIRef, Path]


def new_dataset() -> Dataset:
    """An empty Dataset whose default graph is the union of its named graphs."""
    dataset = Dataset(default_union=True)
    for prefix, namespace in PREFIXES.items():
        dataset.bind(prefix, namespace)
    return dataset


def graph_iri_for(root: Path, path: Path) -> URIRef:
    """Named-graph IRI of a project file, from its place in the tree.

    ``data/notices/<council>/<notice>.ttl`` becomes ``sgid:graph/<council>/<notice>``;
    vocabularies ``sgid:graph/vocab/<name>``; ontology files ``sgid:graph/ontology/<name>``.
    """
    relative = path.resolve().relative_to(root.resolve())
    stem = path.name.removesuffix(".ttl")
    parts = relative.parts
    if parts[:2] == ("data", "notices"):
        return GRAPH[f"{parts[2]}/{stem}"]
    if parts[:2] == ("data", "vocab"):
        return GRAPH[f"vocab/{stem}"]
    return GRAPH[f"ontology/{stem}"]


def parse_turtle(path: Path, into: Graph, data: str | None = None) -> None:
    """Parse one Turtle file (or ``data``, its text as read) into ``into``.

    :raises InputError: one line naming the file and the syntax problem.
    """
    try:
        if data is None:
            into.parse(path, format="turtle")
        else:
            into.parse(data=data, format="turtle", publicID=path.resolve().as_uri())
    except FileNotFoundError as exc:
        raise InputError(f"{path}: file not found") from exc
    except Exception as exc:  # rdflib raises several unrelated types for bad syntax
        detail = " ".join(str(exc).split())
        raise InputError(f"{path}: malformed Turtle: {detail[:300]}") from exc


def project_files(root: Path) -> list[Path]:
    """Every Turtle file the build loads, in load order."""
    return [*resources.ontology_files(root), *resources.vocab_files(root), *resources.notice_files(root)]


def load_dataset(root: Path, files: list[Path] | None = None) -> LoadedDataset:
    """Load the project's Turtle files (or ``files``) into a fresh Dataset."""
    dataset = new_dataset()
    loaded: dict[URIRef, Path] = {}
    for path in files if files is not None else project_files(root):
        graph_iri = graph_iri_for(root, path)
        parse_turtle(path, dataset.graph(graph_iri))
        loaded[graph_iri] = path
    return LoadedDataset(dataset, loaded)
