"""Command line: the parser, and ``main``, which dispatches to a command and turns errors into
exit codes. The commands are in :mod:`.commands` and :mod:`.query`, their output in :mod:`.render`.

Exit codes: 0 ok; 1 ran and found problems; 2 bad input or usage; 3 endpoint or network failure.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .. import __version__
from ..validate.engines import DEFAULT_ENGINE, ENGINES
from ..errors import InputError, ProvenanceError, SharingGraphError, SharingGraphWarning
from . import commands, options, status
from .agreement import add_agreement_commands
from .extract import add_extract_commands
from .query import add_query_commands
from .review import add_review_commands


class _Parser(argparse.ArgumentParser):
    """An ArgumentParser whose usage errors become one-line InputErrors (exit 2)."""

    def error(self, message: str):  # noqa: D102 - argparse hook
        raise InputError(f"{self.prog}: {message}")


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="sharinggraph", description="Build, check and query the sharinggraph knowledge graph.")
    parser.add_argument("--version", action="version", version=f"sharinggraph {__version__}")
    subcommands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    build = subcommands.add_parser("build", help="load, verify provenance, derive and write out/sharinggraph.trig")
    build.add_argument("--out", type=Path, default=None,
                       help="output folder for the TriG and the compiled store (default: $SHARINGGRAPH_OUT or out)")
    build.add_argument("--sources", type=Path, help="folder of source notice texts")
    build.add_argument("--format", choices=("text", "json"), default="text")
    build.add_argument("--force", action="store_true",
                       help="build even when no input changed since the last build (which is otherwise reused)")
    build.set_defaults(handler=commands.build)

    check = subcommands.add_parser("validate", help="check the built graph against the SHACL shapes")
    check.add_argument("--as-of", type=options.iso_date, help="judge currency by this date (YYYY-MM-DD; default today)")
    check.add_argument("--severity", choices=("violation", "warning", "info"), default="info",
                       help="show findings of this severity and above (default info: all)")
    check.add_argument("--format", choices=("text", "json", "csv", "turtle"), default="text",
                       help="text (counts by rule and by notice, then the findings), json, csv (one row per finding) or turtle")
    check.add_argument("--rule", action="append", metavar="NAME",
                       help="only this rule's findings (e.g. MisnamedLegislation; repeatable)")
    check.add_argument("--baseline", type=Path, metavar="FILE",
                       help="known findings (a `validate --format json` report, or finding ids one a line): reported as known, never failing the run")
    check.add_argument("--engine", choices=ENGINES,
                       help=f"SHACL engine: {DEFAULT_ENGINE} (the default; --format turtle runs pyshacl) or pyshacl "
                            "(the reference, the one that keeps the SHACL report graph); both give the same findings")
    check.add_argument("-o", "--output", type=Path, help="write the report to FILE (atomically)")
    check.add_argument("--jobs", type=options.positive_int, help="notices validated at once (default: the machine's cores)")
    check.add_argument("--sources", type=Path, help="folder of source notice texts")
    check.add_argument("--out", type=Path, help="folder of the compiled store (default: $SHARINGGRAPH_OUT or out; built when missing or stale)")
    check.set_defaults(handler=commands.validate)

    add_query_commands(subcommands, _Parser)
    add_agreement_commands(subcommands, _Parser)
    add_review_commands(subcommands, _Parser)

    export = subcommands.add_parser("export", help="write the graph or the sharing network in a format for other tools")
    export.add_argument("format", choices=("trig", "jsonld", "graphml", "gexf", "cytoscape", "dot", "csv", "html"),
                        help="RDF (trig, jsonld), network (graphml, gexf, cytoscape, dot, csv) or the offline map (html)")
    export.add_argument("-o", "--output", type=Path, help="file to write (atomically); default: standard output")
    export.add_argument("--council", help="only flows of this council's notices (network formats)")
    export.add_argument("--notice", help="only flows of this notice (network formats)")
    export.add_argument("--category", help="only flows whose data categories mention this text (network formats)")
    export.add_argument("--render", choices=("svg", "png"), help="with dot: render the drawing with Graphviz (needs -o)")
    export.add_argument("--sources", type=Path, help="folder of source notice texts")
    export.add_argument("--out", type=Path, help="folder of the compiled store (default: $SHARINGGRAPH_OUT or out; built when missing or stale)")
    export.set_defaults(handler=commands.export)

    report = subcommands.add_parser("report", help="analyses of the graph")
    report_commands = report.add_subparsers(dest="report_command", required=True, parser_class=_Parser)
    network_report = report_commands.add_parser("network", help="recipients ranked, council x recipient type, onward chains")
    network_report.add_argument("--format", choices=("text", "json"), default="text")
    network_report.add_argument("--top", type=options.positive_int, default=15, help="how many recipients to rank (default 15)")
    network_report.add_argument("-o", "--output", type=Path, help="write the report to FILE (atomically)")
    network_report.add_argument("--sources", type=Path, help="folder of source notice texts")
    network_report.add_argument("--out", type=Path, help="folder of the compiled store (default: $SHARINGGRAPH_OUT or out; built when missing or stale)")
    network_report.set_defaults(handler=commands.report_network)

    serve = subcommands.add_parser("serve", help="a local read-only SPARQL endpoint and query page")
    serve.add_argument("--port", type=options.port, default=8000, help="port (default 8000; 0 picks a free one)")
    serve.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1, this machine only)")
    serve.add_argument("--timeout", type=options.seconds, default=30.0, help="seconds a query may take, parsing included (default 30)")
    serve.add_argument("--memory-limit", type=options.mebibytes, default=2048, metavar="MIB",
                       help="memory a query's worker may take beyond the loaded graph, in MiB (default 2048)")
    serve.add_argument("--workers", type=options.workers, default=2, help="queries that may run at once (default 2)")
    serve.add_argument("--sources", type=Path, help="folder of source notice texts")
    serve.add_argument("--out", type=Path, help="folder of the compiled store (default: $SHARINGGRAPH_OUT or out; built when missing or stale)")
    serve.set_defaults(handler=commands.serve)

    push = subcommands.add_parser("push", help="replace the project's named graphs on a SPARQL endpoint")
    push.add_argument("--endpoint", required=True, help="query endpoint URL (read back; updates go to its /update sibling)")
    push.add_argument("--update-endpoint", help="update (or Graph Store) endpoint URL, when it is not the /update "
                                                "(or /store) sibling of a /query URL")
    push.add_argument("--protocol", choices=("update", "gsp"), default="update",
                      help="write with SPARQL Update (default; staged, then switched in one request) "
                           "or the Graph Store Protocol (one PUT per graph)")
    push.add_argument("--timeout", type=options.seconds, default=30.0, help="seconds the endpoint may stay silent (default 30)")
    push.add_argument("--deadline", type=options.seconds, default=300.0, help="seconds the whole push may take (default 300)")
    push.add_argument("--sources", type=Path, help="folder of source notice texts")
    push.set_defaults(handler=commands.push)

    curate = subcommands.add_parser("curate", help="curator aids for encoding notices")
    curate_commands = curate.add_subparsers(dest="curate_command", required=True, parser_class=_Parser)
    offsets = curate_commands.add_parser("offsets", help="set every selector's offsets from its quote (in place)")
    offsets.add_argument("file", type=Path, help="a data/notices/<council>/<notice>.ttl file")
    offsets.add_argument("--sources", type=Path, help="folder of source notice texts")
    offsets.set_defaults(handler=commands.curate_offsets)
    add_extract_commands(subcommands, curate_commands, _Parser)
    locate = curate_commands.add_parser("locate", help="print where a quote occurs in a source text")
    locate.add_argument("source", help="source id (data/sources/<id>.json)")
    locate.add_argument("quote")
    locate.add_argument("--sources", type=Path, help="folder of source notice texts")
    locate.set_defaults(handler=commands.curate_locate)
    return parser


def _add_common(parser: argparse.ArgumentParser, default=False) -> None:
    """``--debug``, ``-q`` and ``-v`` on the command and on every subcommand (they work anywhere)."""
    parser.add_argument("--debug", action="store_true", default=default,
                        help="on an unexpected error, show its traceback instead of one line")
    parser.add_argument("-q", "--quiet", action="store_true", default=default,
                        help="no status lines or progress on stderr (errors and warnings still)")
    parser.add_argument("-v", "--verbose", action="store_true", default=default,
                        help="more status lines on stderr (each build stage)")
    for action in parser._actions:  # noqa: SLF001 - argparse keeps its subcommands here
        if isinstance(action, argparse._SubParsersAction):  # noqa: SLF001
            for sub in dict.fromkeys(action.choices.values()):
                _add_common(sub, argparse.SUPPRESS)


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``sharinggraph`` command."""
    import logging
    import warnings

    parser = _parser()
    _add_common(parser)
    debug = False
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", SharingGraphWarning)
            try:
                args = parser.parse_args(argv)
                debug = args.debug
                status.configure(args.quiet, args.verbose)
                # rdflib logs ill-typed literals with a traceback; the checks that follow say it in one line
                logging.getLogger("rdflib").setLevel(logging.DEBUG if debug else logging.CRITICAL)
                return args.handler(args)
            finally:
                for warning in caught:
                    if issubclass(warning.category, SharingGraphWarning):
                        print(f"sharinggraph: warning: {warning.message}", file=sys.stderr)
                    elif debug:
                        warnings.showwarning(warning.message, warning.category, warning.filename, warning.lineno)
    except ProvenanceError as exc:
        for problem in exc.problems:
            print(f"sharinggraph: provenance: {problem}", file=sys.stderr)
        return exc.exit_code
    except SharingGraphError as exc:
        print(f"sharinggraph: error: {exc}", file=sys.stderr)
        return exc.exit_code
    except BrokenPipeError:  # the reader of our output went away (e.g. `| head`): not an error
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except KeyboardInterrupt:
        print("sharinggraph: interrupted", file=sys.stderr)
        return 130
    except Exception as exc:  # the last resort: one line, and how to see the traceback
        if debug:
            raise
        detail = " ".join(str(exc).split())[:200]
        print(f"sharinggraph: unexpected error: {type(exc).__name__}: {detail} (re-run with --debug for the traceback)",
              file=sys.stderr)
        return 2

