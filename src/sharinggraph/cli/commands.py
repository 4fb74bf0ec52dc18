"""The commands other than ``query``: each calls the API, renders what it returns and gives the exit
code. ``compiled`` and ``check_output`` are shared with :mod:`.query`."""

from __future__ import annotations

from pathlib import Path

from ..errors import InputError
from .query import library


def build(args) -> int:
    """`sharinggraph build`: load, verify, derive; write the TriG and the compiled store; print the summary.
    When neither an input nor the outputs changed since the last build, it says so and prints that build's summary."""
    from ..load.build import build_dataset
    from ..store.compiled import STORE_NAME
    from ..store.folder import OUTPUT_NAME, check_output_dir, default_out, save_summary, saved_summary, write_output
    from .render import build_json, build_summary

    from ..load.build import STAGES
    from .status import progress, status

    args.out = args.out or default_out()
    check_output_dir(args.out)
    saved = None if args.force else saved_summary(args.out, args.sources)
    if saved is not None and args.format in saved:
        print(saved[args.format])
        status(f"{args.out / STORE_NAME} and {args.out / OUTPUT_NAME} are up to date: no input changed since they were built "
               f"(--force builds again)")
        return 0
    with progress("building", total=len(STAGES)) as step:
        result = build_dataset(sources_dir=args.sources, step=step)
    outputs = [str(path) for path in write_output(result, args.out)]
    summaries = {"json": build_json(result, outputs), "text": build_summary(result)}
    save_summary(args.out, summaries)
    print(summaries[args.format])
    for output in outputs:
        status(f"wrote {output}")
    return 0


def validate(args) -> int:
    """`sharinggraph validate`: the SHACL findings, by notice and in parallel, cached (exit 1 on any violation)."""
    from .. import resources
    from ..validate.engines import DEFAULT_ENGINE
    from ..validate.shacl import data_shapes, validate_dataset
    from dataclasses import replace

    from .render import validation_csv, validation_json, validation_text, write_or_print
    from .rules import check_rules, only_rules

    check_output(args.output)
    check_rules(args.rule)
    known = frozenset()
    if args.baseline is not None:
        from ..validate.baseline import read_baseline

        known = read_baseline(args.baseline)
    if args.format == "turtle" and args.engine == "rudof":
        raise InputError("--format turtle needs the pyshacl engine (rudof gives no SHACL report graph)")
    engine = args.engine or ("pyshacl" if args.format == "turtle" else DEFAULT_ENGINE)
    view = compiled(args)  # rebuilt (and its provenance verified) first when the inputs changed
    if args.format == "turtle":  # pyshacl's SHACL report graph: one whole-graph run, not cached
        from ..validate.evidence import source_texts

        root = resources.project_root()
        report = validate_dataset(view.to_dataset(), data_shapes(root), args.as_of, engine, source_texts(root, args.sources))
    else:
        from ..validate.units import CACHE_NAME, validate_by_unit
        from .status import progress

        with progress("validating", unit="unit") as step:
            report = validate_by_unit(resources.project_root(), view.folder.parent / CACHE_NAME, args.as_of, engine,
                                      args.jobs, args.sources, step)
    report = replace(report, findings=only_rules(report.findings, args.rule), known=known)
    if args.format == "turtle":
        from ..export.rdf import turtle

        text = turtle(report.report_graph)
    elif args.format == "json":
        text = validation_json(report, args.severity, args.as_of)
    elif args.format == "csv":
        text = validation_csv(report, args.severity)
    else:
        text = validation_text(report, args.severity)
    write_or_print(text, args.output)
    if args.output is not None:
        print(text.splitlines()[-1] if args.format == "text" else f"{report.violations} violations")
    return 1 if report.new_violations else 0


def compiled(args):
    """The compiled store for a command's ``--out`` and ``--sources`` (built first when missing or stale)."""
    from ..store.folder import compiled_store

    from ..load.build import STAGES
    from .status import progress, status

    with progress("building", total=len(STAGES)) as step:
        return compiled_store(getattr(args, "out", None), args.sources, announce=status, step=step)


def check_output(output: Path | None) -> None:
    """Refuse an output path the writer would refuse, before any work is done."""
    if output is not None:
        from ..output import check_target

        check_target(output)


def export(args) -> int:
    """`sharinggraph export FORMAT`: the graph or the sharing network for other tools."""
    from ..export import export_text
    from ..export.network import NetworkFilter
    from ..query.resolve import Resolver
    from .render import write_or_print
    from .status import waiting

    check_output(args.output)
    if args.render and (args.format != "dot" or args.output is None):
        raise InputError("--render goes with the dot format and -o FILE")
    dataset = compiled(args)
    resolver = Resolver(dataset)
    only = NetworkFilter(
        council=resolver.resolve("council", args.council) if args.council else None,
        notice=resolver.resolve("notice", args.notice) if args.notice else None,
        category=args.category,
    )
    with waiting(f"exporting {args.format}"):
        text = export_text(dataset, args.format, only)
    if args.render:
        from ..export.writers import render_dot
        from ..output import write_file

        write_file(args.output, render_dot(text, args.render))
        from .status import status

        status(f"wrote {args.output}")
        return 0
    write_or_print(text, args.output)
    return 0


def report_network(args) -> int:
    """`sharinggraph report network`: recipients ranked, council x recipient type, onward chains."""
    from dataclasses import asdict

    from ..export.network import project
    from ..export.report import analyse
    from .render import network_report_text, write_or_print
    from .status import waiting

    check_output(args.output)
    view = compiled(args)
    with waiting("analysing the network"):
        result = analyse(project(view))
    if args.format == "json":
        import json

        text = json.dumps(asdict(result), indent=2, ensure_ascii=False)
    else:
        text = network_report_text(result, args.top)
    write_or_print(text, args.output)
    return 0


def serve(args) -> int:
    """`sharinggraph serve`: the local read-only endpoint and query page, until stopped."""
    from ..query.resolve import Resolver
    from ..serve.server import ServerState, make_server, serve_until_stopped
    from ..serve.workers import Workers

    dataset = compiled(args)
    state = ServerState(dataset, library(), Resolver(dataset), args.timeout, args.memory_limit * 2**20, Workers(args.workers))
    try:
        server = make_server(state, args.host, args.port)
    except OSError as exc:
        raise InputError(f"cannot listen on {args.host}:{args.port}: {exc.strerror or exc}") from exc
    host, port = server.server_address[:2]
    print(f"serving http://{host}:{port}/ (query page) and http://{host}:{port}/sparql (read-only); Ctrl-C stops", flush=True)
    serve_until_stopped(server)
    return 0


def push(args) -> int:
    """`sharinggraph push`: replace the project's graphs on a SPARQL store and read them back."""
    from ..load.build import build_dataset
    from ..remote.push import push
    from ..remote.transport import redact

    dataset = build_dataset(sources_dir=args.sources).loaded.dataset
    count = push(dataset, args.endpoint, args.update_endpoint, args.timeout, args.deadline, args.protocol)
    print(f"pushed {count} graphs to {redact(args.endpoint)} (read back and checked)")
    return 0


def curate_offsets(args) -> int:
    """`sharinggraph curate offsets FILE`: set every selector's offsets from its quote."""
    from ..curate.offsets import rewrite_offsets
    from ..load.build import source_texts

    changed = rewrite_offsets(args.file, source_texts(args.sources))
    kept = f" (the previous version is {args.file}.bak)" if changed else ""
    print(f"{args.file}: {changed} selectors updated{kept}")
    return 0


def curate_locate(args) -> int:
    """`sharinggraph curate locate SOURCE QUOTE`: where a quote occurs (exit 1 when nowhere)."""
    from ..curate.locate import occurrences
    from ..load.build import source_texts
    from ..namespaces import SGSRC

    text = source_texts(args.sources).get(str(SGSRC[args.source]))
    if text is None:
        raise InputError(f"unknown source id '{args.source}'")
    found = occurrences(text, args.quote)
    for o in found:
        print(f"line {o.line}: oa:start {o.start} ; oa:end {o.end}")
    return 0 if found else 1
