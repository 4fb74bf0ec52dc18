"""Shared fixtures: the project checkout, the source texts, and one build of the real data."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from sharinggraph.build import build_dataset

ROOT = Path(__file__).resolve().parents[1]
SOURCES = Path(os.environ.get("SHARINGGRAPH_SOURCES", ROOT.parent / "shared" / "seeds"))
DPV_VENDOR = ROOT.parent / "shared" / "vendor" / "dpv-2.3"
NOTICE_FILES = sorted((ROOT / "data" / "notices").glob("*/*.ttl"))

needs_sources = pytest.mark.skipif(
    not SOURCES.is_dir(), reason=f"source texts not found at {SOURCES}: set SHARINGGRAPH_SOURCES"
)


@pytest.fixture(scope="session")
def built():
    """The real graph, built once with provenance verified (source texts required)."""
    if not SOURCES.is_dir():
        pytest.skip(f"source texts not found at {SOURCES}: set SHARINGGRAPH_SOURCES")
    return build_dataset(ROOT, SOURCES)


@pytest.fixture(scope="session")
def texts(built):
    """Source texts keyed by source IRI, as the build read them."""
    from sharinggraph.build import load_texts

    return load_texts(ROOT, SOURCES)[1]
