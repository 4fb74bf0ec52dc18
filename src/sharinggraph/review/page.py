"""The review page of one notice, and the index of every page: self-contained offline HTML.

Everything taken from the data (notice text, quotes, labels, IRIs, messages) is escaped here,
in Python, once; the page's script only moves these ready elements around (it never turns data
into markup), so nothing in a notice can end up as code.
"""

from __future__ import annotations

import html
from collections import Counter
from dataclasses import dataclass
from importlib import resources as package_resources

from .encoding import KINDS, NoticeEncoding, Statement, Value
from .findings import PlacedFinding
from .markup import Highlight, line_of, line_starts, marked_text, visible_lines

_KIND_NAMES = {"recipient": "recipient", "source": "source", "category": "category of data", "purpose": "purpose",
               "basis": "lawful basis", "gateway": "gateway (cited law)", "retention": "retention",
               "contact": "contacts", "rights": "rights", "transfers": "transfers abroad", "lost": "lost list or passage",
               "other": "other statement"}
_SEVERITIES = ("Violation", "Warning", "Info")


@dataclass(frozen=True)
class NoticePage:
    """What the index says about one written page."""

    file: str
    title: str
    notice: str
    council: str
    statements: int
    highlighted: int
    findings: dict[str, int]
    lost: int
    has_text: bool


def _e(text) -> str:
    return html.escape(str(text), quote=True)


def _template(name: str) -> str:
    return package_resources.files("sharinggraph.review").joinpath(name).read_text(encoding="utf-8")


def _value_html(value: Value) -> str:
    label = _e(value.value_label or value.value)
    shown = label if value.value_label == value.value else f'{label} <code class="iri">{_e(value.value)}</code>'
    parts = "".join(_value_html(part) for part in value.parts)
    nested = f"<dl>{parts}</dl>" if parts else ""
    return f"<dt>{_e(value.property_label)}</dt><dd>{shown}{nested}</dd>"


def _statement_html(number: int, statement: Statement, findings: list[PlacedFinding], starts: list[int] | None) -> str:
    """One statement's encoding: kind, IRI, quotes (with lines), properties, links with their tiers, findings."""
    out = [f'<section class="enc k-{statement.kind}" id="s{number}">',
           f'<h3><span class="chip k-{statement.kind}">{_e(_KIND_NAMES[statement.kind])}</span> '
           f'{_e(", ".join(statement.types))}</h3>',
           f'<code class="iri">{_e(statement.iri)}</code>']
    for span in statement.spans:
        where = f"line {line_of(starts, span.start)}, " if starts else ""
        out.append(f'<blockquote>{_e(span.exact)}<cite>{where}characters {span.start}–{span.end}</cite></blockquote>')
    out.append("<dl>" + "".join(_value_html(value) for value in statement.values) + "</dl>")
    if statement.links:
        rows = "".join(
            f'<tr><td>{_e(link.property_label)}</td><td>{_e(link.value_label)}<code class="iri">{_e(link.value)}</code></td>'
            f'<td><span class="tier t-{_e(link.tier)}">{_e(link.tier)}</span>'
            f'{" via " + _e(link.via) if link.via else ""}</td>'
            f'<td>{_supporters(link.supported_by)}</td></tr>'
            for link in statement.links)
        out.append('<table class="links"><caption>Derived links of this flow (sg:SupportedLink)</caption>'
                   f'<tr><th>link</th><th>value</th><th>support</th><th>supported by</th></tr>{rows}</table>')
    if statement.supports and statement.kind != "recipient" and statement.kind != "source":
        reach = ", ".join(f"{count} {tier}" for tier, count in sorted(statement.supports.items()))
        out.append(f'<p class="reach">Supports links of flows: {_e(reach)}.</p>')
    out += [_finding_html(finding, None) for finding in findings if finding.focus == statement.iri]
    out.append("</section>")
    return "".join(out)


def _supporters(iris: tuple[str, ...]) -> str:
    """The statements that support a link, by local name: three, and how many more."""
    names = [iri.rsplit("/", 1)[-1] for iri in iris]
    more = f" and {len(names) - 3} more" if len(names) > 3 else ""
    return f'<span title="{_e(" ".join(iris))}">{_e(", ".join(names[:3]))}{more}</span>'


def _finding_html(finding: PlacedFinding, anchor: int | None) -> str:
    """A finding as a margin note (at highlight ``anchor``) or, with no anchor, as a note in the encoding panel."""
    at = f' data-at="h{anchor}"' if anchor is not None else ""
    quotes = "".join(f"<q>{_e(quote)}</q>" for quote in finding.quotes[:2])
    return (f'<div class="note sev-{finding.severity.lower()}"{at}{_id(finding)}>{_finding_head(finding)}'
            f'<p>{_e(finding.message)}</p>{quotes}</div>')


def _finding_head(finding: PlacedFinding) -> str:
    """Severity, rule, and the provision and line where the finding's record gives them."""
    provision = f' <span class="prov">{_e(finding.provision)}</span>' if finding.provision else ""
    line = f' <span class="line">line {finding.line}</span>' if finding.line else ""
    return f'<b>{_e(finding.severity)}</b> <span class="rule">{_e(finding.rule.removesuffix("Shape"))}</span>{provision}{line}'


def _top_findings(findings: list[PlacedFinding], title: str = "findings about the notice as a whole (not tied to one statement)") -> str:
    """The findings about the notice as a whole (or about nothing quoted), one line each, above the text."""
    rows = "".join(f'<li class="sev-{f.severity.lower()}"{_id(f)}>{_finding_head(f)} <span class="msg">{_e(f.message)}</span>'
                   + "".join(f"<q>{_e(quote)}</q>" for quote in f.quotes[:1]) + "</li>" for f in findings)
    return (f'<details class="top-notes" open><summary>{len(findings)} {_e(title)}</summary>'
            f'<ul>{rows}</ul></details>') if findings else ""


def _id(finding: PlacedFinding) -> str:
    return f' data-id="{_e(finding.id)}"' if finding.id else ""


def _highlights(encoding: NoticeEncoding, findings: list[PlacedFinding]) -> list[Highlight]:
    """One highlight per distinct span, with the statements it encodes (a span may be quoted by several)."""
    by_span: dict[tuple[int, int], list[int]] = {}
    for number, statement in enumerate(encoding.statements):
        for span in statement.spans:
            by_span.setdefault((span.start, span.end), []).append(number)
    worst: dict[tuple[int, int], str] = {}
    for finding in findings:
        if finding.span is not None:
            key = (finding.span.start, finding.span.end)
            if key not in worst or _SEVERITIES.index(finding.severity) < _SEVERITIES.index(worst[key]):
                worst[key] = finding.severity
    highlights = []
    for hid, ((start, end), numbers) in enumerate(sorted(by_span.items())):
        kinds = [encoding.statements[n].kind for n in numbers]
        kind = min(kinds, key=KINDS.index)
        lost = min((encoding.statements[n].lost for n in numbers if encoding.statements[n].lost), default="")
        highlights.append(Highlight(start, end, hid, kind, lost, worst.get((start, end), ""), tuple(numbers)))
    return highlights


def notice_page(encoding: NoticeEncoding, findings: list[PlacedFinding], text: str | None, context: dict) -> tuple[str, NoticePage]:
    """The review page of one notice, and its index entry.

    ``text`` is the source text (None when it is not available: the encoding is then listed by
    section); ``context`` has ``source_title``, ``council``, ``address``, ``shared_by`` (how many
    notices the source text holds) and ``file`` (the page's file name, for the index).
    """
    highlights = _highlights(encoding, findings)
    starts = line_starts(text) if text is not None else None
    counts = Counter(f.severity for f in findings)
    encodings = "".join(_statement_html(n, s, findings, starts) for n, s in enumerate(encoding.statements))
    lost = sum(1 for s in encoding.statements if s.kind == "lost")
    if text is not None:
        first, last = visible_lines(text, [(h.start, h.end) for h in highlights], context["shared_by"] <= 1)
        body = marked_text(text, highlights, first, last)
        shown = (f"lines {first}–{last} of the source text (it holds {context['shared_by']} notices)"
                 if context["shared_by"] > 1 else f"the whole source text ({last} lines)")
        anchor = {(h.start, h.end): h.id for h in highlights}
        notes = "".join(_finding_html(f, anchor[(f.span.start, f.span.end)]) for f in findings if f.span is not None)
        top = _top_findings([f for f in findings if f.span is None])
        main = (f'<p class="shown">Showing {_e(shown)}. Hover, click or tab to a highlight to see its encoding; '
                f'Esc clears.</p>{top}'
                f'<div class="reading{"" if notes else " no-notes"}"><div class="text" id="text">{body}</div><div class="margin" id="margin">{notes}'
                f'</div></div>')
    else:
        main = (f'<p class="no-text">The source text is not available (no ../shared/seeds or SHARINGGRAPH_SOURCES), '
                f'so the encoding is listed by section instead of on the text.</p>{_by_section(encoding, findings)}')
    legend = "".join(f'<span class="chip k-{kind}">{_e(_KIND_NAMES[kind])} {count}</span>'
                     for kind, count in sorted(Counter(s.kind for s in encoding.statements).items(),
                                               key=lambda item: KINDS.index(item[0])))
    severity = " · ".join(f'<span class="sev-{s.lower()}">{counts[s]} {s.lower()}{"s" if counts[s] != 1 else ""}</span>'
                          for s in _SEVERITIES)
    address = context.get("address")
    source_line = _e(context.get("source_title") or "") + (f' — <code>{_e(address)}</code>' if address else "")
    page = _template("page_template.html")
    filled = page.replace("<!--TITLE-->", _e(encoding.title)).replace("<!--HEADER-->", (
        f'<h1>{_e(encoding.title)}</h1><p class="meta">{_e(context.get("council") or "")} · <code class="iri">'
        f'{_e(encoding.iri)}</code><br>Source: {source_line}</p>'
        f'<p class="meta">{len(encoding.statements)} statements at {len(highlights)} spans · {severity} · '
        f'{lost} lost lists or passages</p><p class="legend">{legend}</p>'
    )).replace("<!--MAIN-->", main).replace("<!--ENCODINGS-->", encodings)
    entry = NoticePage(context.get("file", ""), encoding.title, encoding.iri, context.get("council") or "",
                       len(encoding.statements), len(highlights),
                       {s: counts[s] for s in _SEVERITIES}, lost, text is not None)
    return filled, entry


#: The property whose value names a statement of each kind in the list by section.
_HEADLINES = {"recipient": "hasRecipient", "source": "hasDataSource", "category": "hasPersonalData",
              "purpose": "hasPurpose", "basis": "hasLegalBasis", "gateway": "hasGateway", "contact": "hasContact",
              "retention": "hasStorageCondition"}


def _headline(statement: Statement) -> str:
    """What the statement is about in a few words: its recipient, source, category ... (as labelled)."""
    wanted = _HEADLINES.get(statement.kind)
    names = [v.value_label or v.value for v in statement.values if wanted and v.property.endswith(("#" + wanted, "/" + wanted))]
    return ", ".join(names) if names and statement.kind != "retention" else ""


def _by_section(encoding: NoticeEncoding, findings: list[PlacedFinding]) -> str:
    """The encoding as a list grouped by section (when there is no text to show it on); an item shows its encoding."""
    sections: dict[str, list[str]] = {}
    order = {s.section: KINDS.index(s.kind) for s in encoding.statements}
    for number, statement in enumerate(encoding.statements):
        shortest = min(statement.spans, key=lambda span: (span.end - span.start, span.start), default=None)
        quote = shortest.exact if shortest else statement.iri.rsplit("/", 1)[-1]  # the most specific quote
        headline = _headline(statement)
        sections.setdefault(statement.section, []).append(
            f'<li tabindex="0" role="button" data-s="s{number}"><span class="chip k-{statement.kind}">'
            f'{_e(_KIND_NAMES[statement.kind])}</span> {f"<b>{_e(headline)}</b> " if headline else ""}'
            f'<q>{_e(quote)}</q></li>')
    return _top_findings(findings, "findings") + "".join(
        f"<h2>{_e(name)}</h2><ul class='listed'>{''.join(items)}</ul>"
        for name, items in sorted(sections.items(), key=lambda item: (order[item[0]], item[0])))


def index_page(entries: list[NoticePage]) -> str:
    """The index of every review page: a row per notice, by council, with its counts."""
    def number(value: int, css: str = "") -> str:
        return f'<td class="n {css if value else "zero"}">{value}</td>'

    ordered = sorted(entries, key=lambda e: (e.council, e.title))
    rows = "".join(  # the council is named on its first row only
        f'<tr><td>{_e(e.council) if i == 0 or ordered[i - 1].council != e.council else ""}</td>'
        f'<td><a href="{_e(e.file)}">{_e(e.title)}</a>'
        f'<code class="iri">{_e(e.file.removesuffix(".html").replace("--", "/"))}</code></td>'
        + number(e.statements) + (number(e.highlighted) if e.has_text else '<td class="n zero">no text</td>')
        + "".join(number(e.findings[s], f"sev-{s.lower()}") for s in _SEVERITIES) + number(e.lost) + "</tr>"
        for i, e in enumerate(ordered))
    table = ("<table class='index'><tr><th>council</th><th>notice</th><th>statements</th><th>highlighted spans</th>"
             f"<th>violations</th><th>warnings</th><th>info</th><th>lost lists or passages</th></tr>{rows}</table>")
    total = sum(e.findings[s] for e in entries for s in _SEVERITIES)
    page = _template("page_template.html")
    return (page.replace("<!--TITLE-->", "Notice reviews").replace(
        "<!--HEADER-->", f"<h1>Notice reviews</h1><p class='meta'>{len(entries)} notices, {total} findings, "
                         f"{sum(e.lost for e in entries)} lost lists or passages. Each page shows the notice text with "
                         "every encoded statement highlighted and each validation finding in the margin.</p>")
            .replace("<!--MAIN-->", table).replace("<!--ENCODINGS-->", ""))
