"""The `review` command: annotated notice pages (one notice to a file, or every notice and an index)."""

from __future__ import annotations

from pathlib import Path

from ..errors import InputError
from ..validate.engines import DEFAULT_ENGINE, ENGINES
from . import options


def add_review_commands(commands, parser_class) -> None:
    """Register `review NOTICE -o FILE.html` and `review --all DIR` on the top-level subparsers."""
    review = commands.add_parser("review", help="the notice text with its encoding highlighted and findings in the margin")
    review.add_argument("notice", nargs="?", help="notice id (council/notice), title, IRI or data/notices file")
    review.add_argument("-o", "--output", type=Path, help="the page to write (atomically), e.g. mash.html")
    review.add_argument("--all", type=Path, metavar="DIR", dest="all_dir",
                        help="write every notice's page and index.html into DIR instead")
    review.add_argument("--as-of", type=options.iso_date, help="judge currency by this date (YYYY-MM-DD; default today)")
    review.add_argument("--engine", choices=ENGINES, default=DEFAULT_ENGINE,
                        help=f"SHACL engine of the findings (default {DEFAULT_ENGINE}; both give the same findings)")
    review.add_argument("--jobs", type=options.positive_int, help="notices validated at once (default: the machine's cores)")
    review.add_argument("--sources", type=Path, help="folder of source notice texts")
    review.add_argument("--out", type=Path, help="folder of the compiled store (default: $SHARINGGRAPH_OUT or out; built when missing or stale)")
    review.set_defaults(handler=_cmd_review)


def _cmd_review(args) -> int:
    from .. import resources
    from ..load.build import load_texts
    from ..review.build import resolve_notice, review_all, review_notice
    from ..review.findings import run_validation
    from ..validate.units import CACHE_NAME
    from .commands import check_output, compiled
    from .status import progress, status

    if args.notice is None and args.all_dir is None:
        raise InputError("review: give a NOTICE with -o FILE.html, or --all DIR")
    if args.notice is not None and args.all_dir is not None:
        raise InputError("review: give a NOTICE or --all DIR, not both")
    if args.notice is not None and args.output is None:
        raise InputError("review: give -o FILE.html for the page")
    if args.all_dir is not None and args.output is not None:
        raise InputError("review: --all writes into DIR; -o goes with a single NOTICE")
    if args.all_dir is not None and args.all_dir.exists() and not args.all_dir.is_dir():
        raise InputError(f"{args.all_dir}: not a folder")
    check_output(args.output)
    view = compiled(args)
    notice = resolve_notice(view, args.notice) if args.notice is not None else None
    root = resources.project_root()
    records, texts, _ = load_texts(root, args.sources)
    if texts is None:
        status("no source texts (no ../shared/seeds or SHARINGGRAPH_SOURCES): pages list the encoding by section")
    with progress("validating", unit="unit") as step:
        findings = run_validation(root, view.folder.parent / CACHE_NAME, args.as_of, args.engine, args.jobs, args.sources, step)
    if notice is None:
        written = review_all(view, args.all_dir, records, texts, findings)
        status(f"wrote {len(written) - 1} notice pages and {written[-1]}")
        return 0
    from ..output import write_file

    page, _ = review_notice(view, notice, records, texts, findings)
    status(f"wrote {write_file(args.output, page)}")
    return 0
