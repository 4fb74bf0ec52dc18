"""The `extract` command (one notice, or a folder of them) and `curate accept` (issue 12)."""

from __future__ import annotations

import time
from pathlib import Path

from ..errors import InputError, SharingGraphError
from . import options

_KINDS = (".txt", ".html", ".htm", ".pdf", ".docx")


def add_extract_commands(commands, curate_commands, parser_class) -> None:
    """Register `extract` on the top-level subparsers and `accept` under `curate`."""
    extract = commands.add_parser("extract", help="draft an encoding of a notice (.txt, .html, .pdf, .docx, "
                                                  "an http(s) address, or a folder of files)")
    extract.add_argument("input", help="a notice file, an http(s) address, or a folder of notice files")
    extract.add_argument("--council", required=True, help="the council whose notice it is (its name)")
    extract.add_argument("--gss", type=_gss, help="the council's ONS GSS code (e.g. E09000031), for a council not yet in data/vocab")
    extract.add_argument("--service", help="the service the notice is about (names the notice)")
    extract.add_argument("-o", "--output", type=Path,
                         help="draft file (default <council>-<notice>.draft.ttl; the text as read and the "
                              "source record are written beside it as .txt and .source.json)")
    extract.add_argument("--out-dir", type=Path, help="with a folder: where the drafts go (default: the current folder)")
    extract.add_argument("--timeout", type=options.seconds, default=20.0, help="seconds an address may stay silent (default 20)")
    extract.set_defaults(handler=_cmd_extract)
    accept = curate_commands.add_parser("accept", help="file a reviewed draft as data/notices/<council>/<notice>.ttl "
                                                       "with its data/sources record")
    accept.add_argument("draft", type=Path, help="the reviewed DRAFT.ttl (DRAFT.txt and DRAFT.source.json beside it)")
    accept.add_argument("--allow-candidates", action="store_true",
                        help="accept although candidates flagged sg:needsReview remain")
    accept.add_argument("--sources", type=Path, help="folder of source notice texts the draft's text is copied to "
                                                      "(default: $SHARINGGRAPH_SOURCES or ../shared/seeds)")
    accept.set_defaults(handler=_cmd_accept)


def _gss(text: str) -> str:
    """An ONS GSS code: a letter (E, W, S, N) and eight digits."""
    import argparse
    import re

    if not re.fullmatch(r"[EWSN]\d{8}", text):
        raise argparse.ArgumentTypeError(f"{text!r} is not an ONS GSS code (a letter E, W, S or N and eight digits)")
    return text


def _vocabularies(root: Path):
    from ..extract.gazetteer import Gazetteer
    from ..extract.register import load_legislation

    return Gazetteer.from_vocab(root), load_legislation(root)


def _cmd_extract(args) -> int:
    from .. import resources
    from ..extract.files import extract_to_files
    from ..extract.reading import is_address
    from .status import status

    root = resources.project_root()
    folder = None if is_address(args.input) else Path(args.input)
    if folder is not None and folder.is_dir():
        return _batch(args, folder, root)
    if args.out_dir is not None:
        raise InputError("--out-dir is for a folder of notices; give -o for one notice")
    gazetteer, register = _vocabularies(root)
    draft, files = extract_to_files(args.input, args.council, root, args.output, args.gss, args.service,
                                    args.timeout, gazetteer, register)
    counts = ", ".join(f"{len(set(v))} {k}" for k, v in draft.found.items()) or "nothing recognised"
    print(f"{files.turtle}: {counts}; {draft.candidates} candidate(s) to review")
    for path in (files.text, files.record, files.turtle):
        status(f"wrote {path}")
    return 0


def _batch(args, folder: Path, root: Path) -> int:
    from ..extract.files import extract_to_files
    from .status import progress, status
    from .table import fit

    if args.output is not None:
        raise InputError("-o names one draft; give --out-dir for a folder of notices")
    out_dir = args.out_dir or Path(".")
    if not out_dir.is_dir():
        raise InputError(f"{out_dir}: --out-dir must be an existing folder")
    inputs = sorted(p for p in folder.iterdir() if p.suffix.lower() in _KINDS and p.is_file())
    if not inputs:
        raise InputError(f"{folder}: no .txt, .html, .pdf or .docx files in this folder")
    gazetteer, register = _vocabularies(root)
    rows, failed, started = [], 0, time.monotonic()
    kinds = ("recipients", "sources", "categories", "lawful bases", "gateways")
    with progress("extracting", total=len(inputs)) as step:
        for path in inputs:
            try:
                draft, files = extract_to_files(str(path), args.council, root, out_dir / f"{path.stem}.draft.ttl",
                                                args.gss, None, args.timeout, gazetteer, register)
            except SharingGraphError as exc:
                failed += 1
                rows.append([path.name, *("" for _ in kinds), "", f"error: {exc}"])
            else:
                rows.append([path.name, *(str(len(set(draft.found.get(k, [])))) for k in kinds), str(draft.candidates),
                             str(files.turtle)])
            step(path.name)
    print(fit(["input", *kinds, "candidates", "draft"], rows, None))
    status(f"{len(inputs) - failed} of {len(inputs)} notices drafted in {time.monotonic() - started:.1f} s")
    return 1 if failed else 0


def _cmd_accept(args) -> int:
    from .. import resources
    from ..curate.accept import accept_draft
    from .status import status

    root = resources.project_root()
    sources = args.sources or resources.default_sources_dir(root)
    if sources is None:
        raise InputError("no sources folder: give --sources or set SHARINGGRAPH_SOURCES")
    accepted = accept_draft(args.draft, root, sources, args.allow_candidates)
    for path in (accepted.text, accepted.record, accepted.notice):
        status(f"wrote {path}")
    print(f"accepted {args.draft} as {accepted.notice}" +
          (f" with {accepted.candidates} candidate(s) still flagged" if accepted.candidates else ""))
    return 0
