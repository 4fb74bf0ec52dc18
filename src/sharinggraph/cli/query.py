"""The `query` commands: list, show, values and run over the library (queries/README.md)."""

from __future__ import annotations

from pathlib import Path

from ..errors import InputError
from ..query.library import DOMAIN_TYPES
from . import options


def add_query_commands(commands, parser_class) -> None:
    """Register `query list|show|values|run` on the top-level subparsers."""
    query = commands.add_parser("query", help="the query library, and SPARQL over the built graph")
    query_commands = query.add_subparsers(dest="query_command", required=True, parser_class=parser_class)
    listing = query_commands.add_parser("list", help="list the library's queries")
    listing.add_argument("--tag", help="only queries with this tag")
    listing.set_defaults(handler=_cmd_query_list)
    show = query_commands.add_parser("show", help="show a query's header and text")
    show.add_argument("id")
    show.set_defaults(handler=_cmd_query_show)
    values = query_commands.add_parser("values", help="list the values a parameter type accepts (gateway, category, ...)")
    values.add_argument("type", choices=DOMAIN_TYPES)
    values.set_defaults(handler=_cmd_query_values)
    run = query_commands.add_parser("run", help="run a library query (or a .rq file) over the union of the graphs")
    run.add_argument("id", nargs="?", help="query id (see 'query list')")
    run.add_argument("--file", type=Path, help="run this .rq file instead of a library query")
    run.add_argument("-p", "--param", action="append", default=[], metavar="NAME=VALUE", help="a parameter value")
    run.add_argument("--format", choices=("table", "json", "csv", "tsv", "xml"), default="table",
                     help="table (default), SPARQL results json, csv, tsv or xml")
    run.add_argument("--endpoint", help="run against this SPARQL endpoint instead of the local graph")
    run.add_argument("--union-default-graph", action="store_true",
                     help="the endpoint's default graph is already the union of its graphs (Oxigraph serve "
                          "--union-default-graph, Virtuoso): name no graphs in the request")
    run.add_argument("-o", "--output", type=Path, help="write to FILE (atomically) instead of stdout")
    run.add_argument("--sources", type=Path, help="folder of source notice texts")
    run.add_argument("--out", type=Path, help="folder of the compiled store (default: $SHARINGGRAPH_OUT or out; built when missing or stale)")
    run.add_argument("--max-width", type=options.table_width, metavar="N",
                     help="fit the table to N columns (default: $COLUMNS or the terminal's width)")
    run.set_defaults(handler=_cmd_query_run)


def library():
    """The query library of this project."""
    from .. import resources
    from ..query.library import QueryLibrary

    return QueryLibrary(resources.queries_dir(resources.project_root()))


def _cmd_query_list(args) -> int:
    from .render import library_table

    print(library_table(library().list(args.tag)))
    return 0


def _cmd_query_values(args) -> int:
    from .. import resources
    from ..load.dataset import load_dataset
    from ..query.resolve import Resolver, short_form
    from .table import fit, terminal_width

    root = resources.project_root()
    files = resources.vocab_files(root) + (resources.notice_files(root) if args.type == "notice" else [])
    resolver = Resolver(load_dataset(root, [*resources.ontology_files(root), *files]).dataset)
    rows = [[label, short_form(iri), "; ".join(names)] for iri, label, names in resolver.values(args.type)]
    print(fit(["value", "identifier", "also accepted (case and punctuation ignored)"], rows, terminal_width(None)))
    return 0


def _cmd_query_show(args) -> int:
    print(library().get(args.id).text, end="")
    return 0


def _cmd_query_run(args) -> int:
    from ..query.runner import bind, check_parameters, parse_assignments
    from .render import rows_text, write_or_print
    from .status import waiting

    if (args.id is None) == (args.file is None):
        raise InputError("query run: give a query id or --file, not both")
    from ..query.library import file_query

    spec = library().get(args.id) if args.id else file_query(args.file)
    raw = parse_assignments(args.param)
    check_parameters(spec, raw)
    if args.output is not None:
        from ..output import check_target

        check_target(args.output)
    from ..query.resolve import Resolver

    if args.file is not None:  # library queries are guarded by the tests; a file from elsewhere here
        from ..query.sparql import guard

        guard(spec.text)
    if args.endpoint:
        from .. import resources
        from ..load.dataset import load_dataset
        from ..remote.endpoint import run_remote

        root = resources.project_root()
        bound = bind(spec, raw, Resolver(load_dataset(root, resources.vocab_files(root)).dataset))
        with waiting(f"running {spec.id} on {args.endpoint}"):
            results = run_remote(args.endpoint, spec.text, bound.bindings, args.union_default_graph)
    else:
        from ..query.runner import answer_local
        from .commands import compiled

        dataset = compiled(args)
        bound = bind(spec, raw, Resolver(dataset))
        with waiting(f"running {spec.id}"):
            results = answer_local(dataset, bound)
    from .table import terminal_width

    width = terminal_width(args.max_width) if args.output is None else args.max_width
    write_or_print(rows_text(results, args.format, width), args.output)
    return 0
