"""Shared fixtures: the project checkout, the source texts, and one build of the real data."""

from __future__ import annotations

import os
import tempfile
from datetime import date
from pathlib import Path

import pytest

from sharinggraph.load.build import build_dataset

ROOT = Path(__file__).resolve().parents[1]
# commands build their compiled store here, not in the checkout's out/ (subprocesses inherit it)
os.environ.setdefault("SHARINGGRAPH_OUT", tempfile.mkdtemp(prefix="sharinggraph-tests-"))
# an empty SHARINGGRAPH_SOURCES (make with no ../shared) means no texts, as it does for the command
SOURCES = Path(os.environ.get("SHARINGGRAPH_SOURCES") or ROOT.parent / "shared" / "seeds")
DPV_VENDOR = ROOT.parent / "shared" / "vendor" / "dpv-2.3"
NOTICE_FILES = sorted((ROOT / "data" / "notices").glob("*/*.ttl"))

needs_sources = pytest.mark.skipif(
    not SOURCES.is_dir(), reason=f"source texts not found at {SOURCES}: set SHARINGGRAPH_SOURCES"
)


def copy_project(tmp_path: Path, monkeypatch) -> Path:
    """A copy of the project's ontology and data under ``tmp_path``, made the project root."""
    import shutil

    copy = tmp_path / "project"
    for folder in ("ontology", "data"):
        shutil.copytree(ROOT / folder, copy / folder)
    monkeypatch.setenv("SHARINGGRAPH_HOME", str(copy))
    return copy


@pytest.fixture(scope="session")
def built():
    """The real graph, built once with provenance verified (source texts required)."""
    if not SOURCES.is_dir():
        pytest.skip(f"source texts not found at {SOURCES}: set SHARINGGRAPH_SOURCES")
    return build_dataset(ROOT, SOURCES)


@pytest.fixture(scope="session")
def texts(built):
    """Source texts keyed by source IRI, as the build read them."""
    from sharinggraph.load.build import load_texts

    return load_texts(ROOT, SOURCES)[1]


#: The date the seed findings are judged on (the notices' review dates are read against it).
SEED_AS_OF = date(2026, 11, 22)


@pytest.fixture(scope="session")
def seed_cache(built, tmp_path_factory) -> Path:
    """A validation cache holding pyshacl's findings on every seed unit on SEED_AS_OF, with the texts' lines."""
    from sharinggraph.validate.units import validate_by_unit

    cache = tmp_path_factory.mktemp("validation") / "cache"
    validate_by_unit(ROOT, cache, SEED_AS_OF, "pyshacl", sources=SOURCES)
    return cache


@pytest.fixture(scope="session")
def seed_report(seed_cache):
    """pyshacl's findings on the seed notices on SEED_AS_OF, as `validate` gives them (validated once, by
    unit, for every test that reads them: a whole-graph pyshacl run takes minutes)."""
    from sharinggraph.validate.units import validate_by_unit

    return validate_by_unit(ROOT, seed_cache, SEED_AS_OF, "pyshacl", sources=SOURCES)


CHROMIUM_FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run", "--virtual-time-budget=20000")


def chromium_dom(url: str, profile: Path, offline: bool = False) -> str:
    """The DOM of ``url`` after its scripts ran in headless Debian chromium (fails in CI if absent)."""
    import shutil
    import subprocess

    binary = shutil.which("chromium")
    if binary is None:
        if os.environ.get("CI"):
            pytest.fail("chromium is not installed (.ci/run installs Debian chromium)")
        pytest.skip("chromium is not installed: apt-get install chromium")
    # a proxy on a closed port: an offline page must work with no network at all
    flags = [*CHROMIUM_FLAGS, f"--user-data-dir={profile}", *(["--proxy-server=127.0.0.1:9"] if offline else [])]
    return subprocess.run([binary, *flags, "--dump-dom", url], capture_output=True, text=True, timeout=120).stdout
