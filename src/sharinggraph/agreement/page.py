"""The check of an agreement as one offline HTML page: no scripts, no fonts, nothing fetched.

Every string from the agreement or a notice is escaped with :func:`html.escape`.
"""

from __future__ import annotations

from html import escape

from .check import Check
from .report import by_statement, summary
from .verdict import VERDICTS

_STYLE = """
body { font: 15px/1.45 system-ui, sans-serif; margin: 2em auto; max-width: 70em; color: #222; padding: 0 1em; }
h1 { font-size: 1.5em; } h2 { font-size: 1.15em; margin-top: 1.6em; border-bottom: 1px solid #ccc; }
.flow { border: 1px solid #ddd; border-left: 6px solid #999; border-radius: 4px; padding: .5em 1em; margin: 1em 0; }
.covered { border-left-color: #2e7d32; } .vague { border-left-color: #f9a825; }
.omitted { border-left-color: #c62828; } .incorrect { border-left-color: #6a1b9a; }
.verdict { font-weight: bold; text-transform: uppercase; letter-spacing: .05em; padding: .1em .5em; border-radius: 3px; color: #fff; }
.verdict.covered { background: #2e7d32; } .verdict.vague { background: #9a6a00; }
.verdict.omitted { background: #c62828; } .verdict.incorrect { background: #6a1b9a; }
blockquote { margin: .3em 0 .3em 1em; padding-left: .8em; border-left: 3px solid #ccc; color: #444; }
table { border-collapse: collapse; } td, th { border: 1px solid #ccc; padding: .25em .6em; text-align: left; vertical-align: top; }
.missing, .status-missing, .status-past, .status-partial { color: #8a1c1c; } .small { color: #555; font-size: .9em; }
"""


def _anchor(verdict) -> str:
    return f"flow-{verdict.flow.number}{'-reverse' if verdict.flow.reverse else ''}"


def _overview(check: Check) -> str:
    rows = "".join(
        f'<tr><td><a href="#{_anchor(v)}">{v.flow.number}{" (reverse)" if v.flow.reverse else ""}</a></td>'
        f"<td>{escape(v.flow.source.shown)} &rarr; {escape(v.flow.target.shown)}</td>"
        f"<td>{escape(', '.join(t.shown for t in v.flow.data))}</td>"
        f'<td><span class="verdict {v.verdict}">{v.verdict}</span></td></tr>' for v in check.flows)
    return f"<table><tr><th>flow</th><th>parties</th><th>data</th><th>verdict</th></tr>{rows}</table>"


def _flow(verdict) -> str:
    flow = verdict.flow
    extra = "; ".join(f"{name} {escape(term.written)}" for name, term in
                      (("purpose", flow.purpose), ("gateway", flow.gateway), ("basis", flow.basis)) if term)
    parts = [(f'<section id="{_anchor(verdict)}" class="flow {verdict.verdict}"><h3>Flow {flow.number}{" (reverse)" if flow.reverse else ""}: '
             f"{escape(flow.source.shown)} &rarr; {escape(flow.target.shown)}: "
             f"{escape(', '.join(t.shown for t in flow.data))}</h3>"),
             f'<p><span class="verdict {verdict.verdict}">{verdict.verdict}</span>{" &middot; " + extra if extra else ""}</p>']
    if verdict.gateway_note:
        parts.append(f"<p class=small>Gateway, as the register records it: {escape(verdict.gateway_note)}</p>")
    for evidence, data in by_statement(verdict.evidence):
        parts.append(f"<p class=small>{escape(evidence.title)} [{escape(evidence.notice)}], line {escape(evidence.lines)}: "
                     f"recipient {escape(evidence.receiver)} ({escape(evidence.party_match)}); data {escape('; '.join(data))}</p>"
                     f"<blockquote>{escape(evidence.quote)}</blockquote>")
    parts += [f'<p class="missing">Missing: {escape(missing)}</p>' for missing in verdict.missing]
    return "\n".join(parts) + "</section>"


def check_html(check: Check) -> str:
    """One self-contained page: the memo's summary, each flow, the unlisted flows and the checklist."""
    spec, counts = check.agreement.spec, summary(check)
    unlisted = "".join(f"<tr><td>{escape(u.source)}</td><td>{escape(u.target)}</td><td>{escape(', '.join(u.data) or 'no category stated')}</td>"
                       f"<td>{escape(u.title)} [{escape(u.notice)}], line {escape(u.lines)}<blockquote>{escape(u.quote)}"
                       "</blockquote></td></tr>" for u in check.unlisted) or "<tr><td colspan=4>none</td></tr>"
    items = "".join(f'<tr><td>{escape(i.item)}</td><td class="status-{i.status}">{escape(i.status)}</td><td>{escape(i.note)}</td></tr>'
                    for i in check.checklist)
    verdicts = ", ".join(f"{counts[word]} {word}" for word in VERDICTS)
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>Agreement check: {escape(spec.title)}</title><style>{_STYLE}</style></head>
<body><h1>Agreement check: {escape(spec.title)}</h1>
<p>File {escape(str(spec.path))}; as of {check.as_of.isoformat()}. Parties: {escape('; '.join(p.shown for p in check.agreement.parties))}.</p>
<p><strong>{verdicts}</strong>; {counts['unlisted']} notice flows between the parties are not in the agreement.</p>
<p class=small>Covered: the discloser's or recipient's notice names this recipient, or a type that contains it, for this data
(stated or notice-wide). Vague: only through a broad class or an implied link. Omitted: no notice says it.
Incorrect: a notice contradicts it, or the gateway is not a gateway for sharing. Quote the notices' words, not this page.</p>
{_overview(check)}
<h2>Flows</h2>
{''.join(_flow(v) for v in check.flows)}
<h2>Notice flows between the parties not in the agreement</h2>
<table><tr><th>from</th><th>to</th><th>data</th><th>notice</th></tr>{unlisted}</table>
<h2>ICO data sharing code checklist</h2>
<table><tr><th>item</th><th>status</th><th>note</th></tr>{items}</table>
</body></html>
"""
