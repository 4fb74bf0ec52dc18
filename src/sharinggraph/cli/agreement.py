"""The `agreement` commands: check an agreement, or summarise a council's register, against the notices."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from ..errors import InputError
from . import options


def add_agreement_commands(commands, parser_class) -> None:
    """Register `agreement check|register` on the top-level subparsers."""
    agreement = commands.add_parser("agreement", help="check a data-sharing agreement against the published notices")
    agreement_commands = agreement.add_subparsers(dest="agreement_command", required=True, parser_class=parser_class)
    check = agreement_commands.add_parser("check", help="each flow's verdict: covered, vague, omitted or incorrect")
    check.add_argument("file", type=Path, help="an agreement (.yaml) or a register of flows (.csv)")
    check.add_argument("--format", choices=("text", "json", "csv", "html"), default="text")
    register = agreement_commands.add_parser("register", help="a council's sharing log against its notices, as one summary")
    register.add_argument("files", type=Path, nargs="+", help="agreements (.yaml) or registers (.csv)")
    register.add_argument("--council", required=True, help="the council whose log it is (a name or GSS code)")
    register.add_argument("--format", choices=("text", "json"), default="text")
    for command in (check, register):
        command.add_argument("--as-of", type=options.iso_date, help="judge dates by this day (YYYY-MM-DD; default today)")
        command.add_argument("-o", "--output", type=Path, help="write to FILE (atomically) instead of stdout")
        command.add_argument("--sources", type=Path, help="folder of source notice texts")
        command.add_argument("--out", type=Path, help="folder of the compiled store (default: $SHARINGGRAPH_OUT or out; built when missing or stale)")
    check.set_defaults(handler=_cmd_check)
    register.set_defaults(handler=_cmd_register)


def _checks(args, files: list[Path]):
    """Read every file first (bad input fails before the store is opened), then resolve and check."""
    from ..agreement.check import check_agreement
    from ..agreement.format import read_agreements
    from ..agreement.resolve import AgreementResolver, resolve_agreement
    from .commands import check_output, compiled

    specs = [spec for path in files for spec in read_agreements(path)]
    check_output(args.output)
    view = compiled(args)
    resolver = AgreementResolver(view)
    as_of = args.as_of or date.today()
    agreements = [resolve_agreement(spec, resolver) for spec in specs]
    return view, resolver, [check_agreement(view, agreement, as_of) for agreement in agreements]


def _cmd_check(args) -> int:
    from ..agreement.page import check_html
    from ..agreement.report import check_csv, check_text, checks_json
    from .render import write_or_print

    _, _, checks = _checks(args, [args.file])
    if args.format == "html" and len(checks) > 1:
        raise InputError(f"{args.file}: --format html shows one agreement; this register has {len(checks)}")
    text = {"json": lambda: checks_json(checks), "csv": lambda: check_csv(checks), "html": lambda: check_html(checks[0]),
            "text": lambda: "\n\n".join(check_text(check) for check in checks)}[args.format]()
    write_or_print(text, args.output)
    return 1 if any(v.verdict != "covered" for check in checks for v in check.flows) else 0


def _cmd_register(args) -> int:
    import json

    from rdflib.namespace import SKOS

    from ..agreement.register import summarise
    from .render import write_or_print
    from .table import fit, terminal_width

    view, resolver, checks = _checks(args, args.files)
    try:
        council = resolver.resolve("party", args.council)
    except InputError as exc:
        raise InputError(f"--council: {exc}") from None
    label = view.value(council, SKOS.prefLabel)
    summary = summarise(view, council, str(label) if label is not None else args.council, checks, args.as_of or date.today())
    if args.format == "json":
        text = json.dumps(summary.as_json(), indent=2, ensure_ascii=False)
    else:
        text = fit(["measure", "value"], summary.rows(), terminal_width(None) if args.output is None else 120)
        text += "\n\nAgreement flows no notice covers:\n" + "\n".join(
            f"  {verdict.upper()}: {title}: {flow}" for title, flow, verdict in summary.uncovered) if summary.uncovered else ""
    write_or_print(text, args.output)
    return 1 if summary.uncovered else 0
