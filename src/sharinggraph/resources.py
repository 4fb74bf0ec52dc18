"""Locates the project's ontology, data and query folders; no other module builds those paths."""

from __future__ import annotations

import os
from pathlib import Path

from .errors import InputError

_CHECKOUT = Path(__file__).resolve().parents[2]


def project_root() -> Path:
    """Return the folder holding ``ontology/``, ``data/`` and ``queries/``.

    ``SHARINGGRAPH_HOME`` overrides the default, which is the checkout this package runs from.
    """
    root = Path(os.environ.get("SHARINGGRAPH_HOME", _CHECKOUT))
    if not (root / "ontology").is_dir() or not (root / "data").is_dir():
        raise InputError(f"{root}: not a sharinggraph project (no ontology/ and data/ folders)")
    return root


def ontology_files(root: Path) -> list[Path]:
    """The ontology and its alignment files (shapes excluded)."""
    return [root / "ontology" / "sharinggraph.ttl", *sorted((root / "ontology" / "alignments").glob("*.ttl"))]


def shapes_dir(root: Path) -> Path:
    """Folder of SHACL shapes files (``*.shacl.ttl``)."""
    return root / "ontology" / "shapes"


def vocab_files(root: Path) -> list[Path]:
    """The SKOS vocabularies and registers under ``data/vocab``."""
    return sorted((root / "data" / "vocab").glob("*.ttl"))


def notice_files(root: Path) -> list[Path]:
    """Every curated notice encoding, ``data/notices/<council>/<notice>.ttl``."""
    return sorted((root / "data" / "notices").glob("*/*.ttl"))


def queries_dir(root: Path) -> Path:
    """Folder of the query library (``queries/<group>/<id>.rq``)."""
    return root / "queries"


def source_records_dir(root: Path) -> Path:
    """Folder of source-document records (``data/sources/*.json``)."""
    return root / "data" / "sources"


def default_sources_dir(root: Path) -> Path | None:
    """Folder of source texts: ``SHARINGGRAPH_SOURCES``, else ``../shared/seeds`` when it exists."""
    configured = os.environ.get("SHARINGGRAPH_SOURCES")
    if configured:
        return Path(configured)
    fallback = root.parent / "shared" / "seeds"
    return fallback if fallback.is_dir() else None
