"""The output folder (``out/``): what a build writes there, and the compiled store opened from it.

A build writes ``sharinggraph.trig`` (the whole dataset, sorted) and the compiled store (see
:mod:`.compiled`). The other commands open the store through :func:`compiled_store`, which
builds it first when it is missing or its inputs changed.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from .. import resources
from ..errors import InputError
from ..load.build import BuildResult, build_dataset
from ..output import check_target, write_file
from .compiled import STORE_NAME, StoreView, inputs_digest, inputs_fingerprint, is_current, read_stamp, write_store

OUTPUT_NAME = "sharinggraph.trig"
#: what the last `build` printed, with what it was built from, so a build of unchanged inputs can say it again
SUMMARY_NAME = "build-summary.json"


def check_output_dir(out_dir: Path) -> None:
    """Refuse an output folder that cannot be created or used, before any work is done.

    :raises InputError: its parent does not exist, it exists and is not a folder, or the file
        the build writes there could not be written (see :func:`check_target`).
    """
    if not out_dir.parent.is_dir():
        raise InputError(f"{out_dir}: parent folder does not exist")
    if out_dir.exists() and not out_dir.is_dir():
        raise InputError(f"{out_dir}: not a folder")
    check_target(out_dir / OUTPUT_NAME if out_dir.is_dir() else out_dir)


def write_output(result: BuildResult, out_dir: Path) -> list[Path]:
    """Write the TriG and the compiled store into ``out_dir`` (created when its parent exists)."""
    # imported here, not at the top: the export package imports networkx (~1 s), which opening the store never needs
    from ..export.rdf import trig

    check_output_dir(out_dir)
    try:
        out_dir.mkdir(exist_ok=True)
    except OSError as exc:
        raise InputError(f"{out_dir}: cannot create the folder ({exc.strerror})") from exc
    root = resources.project_root()
    verified = result.provenance.verified
    inputs = {"fingerprint": inputs_fingerprint(root, result.sources_dir, verified),
              "inputs": inputs_digest(root, result.sources_dir, verified)}
    provenance = {"verified": result.provenance.verified, "selectors": result.provenance.checked}
    data = trig(result.loaded.dataset).encode("utf-8")  # one copy in memory, for the store and the file
    try:
        prefixes = {str(prefix): str(namespace) for prefix, namespace in result.loaded.dataset.namespaces()}
        store = write_store(data, out_dir / STORE_NAME, inputs, provenance, prefixes)
    except OSError as exc:
        raise InputError(f"{out_dir / STORE_NAME}: cannot write the store ({' '.join(str(exc).split())[:160]})") from exc
    return [write_file(out_dir / OUTPUT_NAME, data), store]


def default_out() -> Path:
    """The output folder commands build into and read the store from: $SHARINGGRAPH_OUT, else ./out."""
    return Path(os.environ.get("SHARINGGRAPH_OUT") or "out")


def compiled_store(out_dir: Path | None = None, sources_dir: Path | None = None, announce=None, step=None) -> StoreView:
    """The compiled store in ``out_dir``, built first when it is missing or its inputs changed.

    ``announce`` (a function of one line) is told when a build is needed and why; ``step`` is
    told as each build stage begins (see ``build_dataset``).

    :raises InputError: a store of another format, or one that cannot be opened.
    """
    out_dir = out_dir or default_out()
    root = resources.project_root()
    folder = out_dir / STORE_NAME
    texts_folder = sources_dir if sources_dir is not None else resources.default_sources_dir(root)
    stamp = read_stamp(folder)
    if stamp is None or not is_current(stamp, root, texts_folder):
        if announce is not None:
            announce(f"{folder}: {'no compiled store' if stamp is None else 'inputs changed since the last build'}; building it")
        write_output(build_dataset(root, sources_dir, step), out_dir)
        stamp = read_stamp(folder)
    return StoreView(folder, stamp)


def _digest_of(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def save_summary(out_dir: Path, summaries: dict[str, str]) -> None:
    """Keep what ``build`` printed (by format) beside the store and the TriG it wrote."""
    stamp = read_stamp(out_dir / STORE_NAME) or {}
    record = {"inputs": stamp.get("inputs"), "trig": _digest_of(out_dir / OUTPUT_NAME), "summaries": summaries}
    write_file(out_dir / SUMMARY_NAME, json.dumps(record, indent=1, sort_keys=True) + "\n")


def saved_summary(out_dir: Path, sources_dir: Path | None = None) -> dict[str, str] | None:
    """What the last ``build`` printed, when the store and the TriG it wrote are still those of today's
    inputs (the same texts included); None when anything must be built again."""
    root = resources.project_root()
    texts_folder = sources_dir if sources_dir is not None else resources.default_sources_dir(root)
    stamp = read_stamp(out_dir / STORE_NAME)
    if stamp is None or not (out_dir / OUTPUT_NAME).is_file() or not is_current(stamp, root, texts_folder):
        return None
    try:
        record = json.loads((out_dir / SUMMARY_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(record, dict) or record.get("inputs") != stamp.get("inputs") or not isinstance(record.get("summaries"), dict):
        return None
    return record["summaries"] if record.get("trig") == _digest_of(out_dir / OUTPUT_NAME) else None

