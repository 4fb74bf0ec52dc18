"""The build: load the source records and Turtle, verify provenance, derive the supported links.

Writing what a build produced (the TriG and the compiled store) is :mod:`sharinggraph.store.folder`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .. import resources
from ..errors import InputError, ProvenanceError
from ..namespaces import SOURCES_GRAPH
from .dataset import LoadedDataset, load_dataset
from .derive import derive
from .provenance import ProvenanceReport, verify
from .sources import load_records, read_texts, records_graph
from .summary import Summary, summarise


@dataclass(frozen=True)
class BuildResult:
    """What a build produced: the dataset, its provenance check and its summary."""

    loaded: LoadedDataset
    provenance: ProvenanceReport
    summary: Summary
    sources_dir: Path | None


def load_texts(root: Path, sources_dir: Path | None) -> tuple[dict, dict[str, str] | None, Path | None]:
    """Source records and, when a sources folder is known, their checked texts."""
    records = load_records(resources.source_records_dir(root))
    folder = sources_dir if sources_dir is not None else resources.default_sources_dir(root)
    if folder is None:
        return records, None, None
    return records, read_texts(records, folder), folder


def source_texts(sources_dir: Path | None) -> dict[str, str]:
    """The checked source texts, from ``sources_dir`` or where the project finds them.

    :raises InputError: there is no sources folder, or a text is missing or altered.
    """
    _, texts, _ = load_texts(resources.project_root(), sources_dir)
    if texts is None:
        raise InputError("no source texts: give --sources DIR or set SHARINGGRAPH_SOURCES")
    return texts


#: The build's stages, in order (a progress display counts them).
STAGES = ("reading the source texts", "parsing the Turtle", "verifying every selector", "deriving the supported links", "counting")


def build_dataset(root: Path | None = None, sources_dir: Path | None = None, step=None) -> BuildResult:
    """Load everything, check each selector against its source text and derive flow-level links.

    ``step`` (a function of one line) is told as each of :data:`STAGES` begins.

    :raises InputError: malformed Turtle, a missing or altered source text, a bad record.
    :raises ProvenanceError: a selector whose offsets do not hold its quote.
    """
    announce = step or (lambda _name: None)
    root = root or resources.project_root()
    announce(STAGES[0])
    records, texts, folder = load_texts(root, sources_dir)
    announce(STAGES[1])
    loaded = load_dataset(root)
    sources_graph = loaded.dataset.graph(SOURCES_GRAPH)
    sources_graph += records_graph(records)
    announce(STAGES[2])
    report = verify(loaded.dataset, loaded.files, texts)
    if report.problems:
        raise ProvenanceError(list(report.problems))
    announce(STAGES[3])
    derive(loaded.dataset, texts)
    announce(STAGES[4])
    return BuildResult(loaded, report, summarise(loaded.dataset), folder)
