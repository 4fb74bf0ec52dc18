"""Sets every selector's offsets in a notice file from its quote, checking the rewrite before it is written."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.compare import isomorphic

from ..errors import InputError
from ..inputs import MEGABYTE, decode, read_bytes
from ..load.dataset import parse_turtle
from ..load.provenance import check_citation, citations
from ..namespaces import OA
from ..output import write_file
from .locate import locate

_LINE_HINT = re.compile(r"#\s*line\s+(\d+)(?:,\s*occurrence\s+(\d+))?")
# Turtle read only as far as setting offsets needs: a comment or a string is one token, so
# nothing inside one is taken for a quote or an offset.
_TOKEN = re.compile(r'''
    (?P<space>\s+)
  | (?P<comment>\#[^\r\n]*)
  | (?P<string>"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^'\\]|\\.|'(?!''))*\'\'\'
              |"(?:[^"\\\r\n]|\\.)*"|'(?:[^'\\\r\n]|\\.)*')
  | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
  | (?P<word>[^\s\#"'<>()\[\],;]+)
  | (?P<punct>[()\[\],;])
''', re.VERBOSE | re.DOTALL)
_ESCAPE = re.compile(r"\\(?:u([0-9A-Fa-f]{4})|U([0-9A-Fa-f]{8})|(.))", re.DOTALL)
_ECHAR = {"t": "\t", "b": "\b", "n": "\n", "r": "\r", "f": "\f", '"': '"', "'": "'", "\\": "\\"}


@dataclass(frozen=True)
class _Token:
    kind: str
    text: str
    start: int
    hint: tuple[int | None, int | None] = (None, None)


def _tokens(turtle: str, where: str) -> list[_Token]:
    """The Turtle's tokens other than spaces and comments, each with the ``# line`` hint before it."""
    tokens, position, hint = [], 0, (None, None)
    while position < len(turtle):
        match = _TOKEN.match(turtle, position)
        if match is None:
            raise InputError(f"{where}: line {_line(turtle, position)}: cannot read the Turtle here (an unclosed string?)")
        if match.lastgroup == "comment":
            found = _LINE_HINT.search(match.group())
            hint = (int(found[1]), int(found[2]) if found[2] else None) if found else hint
        elif match.lastgroup != "space":
            tokens.append(_Token(match.lastgroup, match.group(), position, hint))
        position = match.end()
    return tokens


def _line(turtle: str, position: int) -> int:
    return turtle.count("\n", 0, position) + 1


def _unescape(match: re.Match) -> str:
    code = match.group(1) or match.group(2)
    if code is not None and int(code, 16) <= 0x10FFFF:
        return chr(int(code, 16))
    if match.group(3) in _ECHAR:
        return _ECHAR[match.group(3)]
    raise InputError(f"{match.group()!r} is not a Turtle string escape")


def _string_value(token: str) -> str:
    """The text a Turtle string token stands for."""
    body = token[3:-3] if token[:3] in ('"""', "'''") else token[1:-1]
    return _ESCAPE.sub(_unescape, body)


def _encode(exact: str) -> str:
    """A Turtle string for ``exact``; no-break spaces are written as ``\\u00a0`` to stay visible."""
    return json.dumps(exact, ensure_ascii=False).replace("\u00a0", "\\u00a0")


def _value(tokens: list[_Token], index: int, name: str, where: str) -> tuple[int, int]:
    """Token indexes (first, last) of the value after ``oa:start``/``oa:end``, with any ``^^type``."""
    if index >= len(tokens) or tokens[index].kind not in ("word", "string"):
        raise InputError(f"{where}: {name} needs a value")
    last = index
    if last + 1 < len(tokens) and tokens[last + 1].text.startswith(("^^", "@")):
        last += 2 if tokens[last + 1].text == "^^" else 1  # "^^" then an <IRI>
    return index, min(last, len(tokens) - 1)


def set_offsets(turtle: str, text: str, where: str = "notice") -> tuple[str, int]:
    """Set the ``oa:start ... ; oa:end ...`` that follows each ``oa:exact`` to where its quote is.

    A quote whose spaces stand for no-break spaces in the source is rewritten to the exact text.
    The nearest ``# line N`` comment before a quote (written on the ``oa:SpecificResource`` line)
    says which line of the source it is on; ``# line N, occurrence K`` picks the K-th match there.
    Comments and strings are read as wholes, so a quote in a comment is left alone; only the
    numbers (and a quote made exact) change. Returns the new text and how many selectors changed.

    :raises InputError: a quote that cannot be placed, or a quote without offsets after it.
    """
    tokens = _tokens(turtle, where)
    edits: list[tuple[int, int, str]] = []
    quote, changed = None, 0
    for index, token in enumerate(tokens):
        at = f"{where}: line {_line(turtle, token.start)}"
        if token.kind == "word" and token.text == "oa:exact":
            if quote is not None:
                raise InputError(f"{at}: the quote before this one has no oa:start/oa:end after it")
            if index + 1 >= len(tokens) or tokens[index + 1].kind != "string":
                raise InputError(f"{at}: oa:exact needs a string")
            quote = tokens[index + 1]
        elif token.kind == "word" and token.text == "oa:start":
            start = _value(tokens, index + 1, "oa:start", at)
            if start[1] + 2 >= len(tokens) or [t.text for t in tokens[start[1] + 1 : start[1] + 3]] != [";", "oa:end"]:
                raise InputError(f"{at}: expected 'oa:start N ; oa:end M'")
            end = _value(tokens, start[1] + 3, "oa:end", at)
            if quote is None:
                raise InputError(f"{at}: oa:start/oa:end with no oa:exact before it")
            try:
                found = locate(text, _string_value(quote.text), *quote.hint)
            except InputError as exc:
                raise InputError(f"{where}: line {_line(turtle, quote.start)}: {exc}") from None
            exact = text[found.start : found.end]
            before = len(edits)
            if exact != _string_value(quote.text):
                edits.append((quote.start, quote.start + len(quote.text), _encode(exact)))
            for (first, last), number in ((start, found.start), (end, found.end)):
                span = (tokens[first].start, tokens[last].start + len(tokens[last].text))
                if turtle[span[0] : span[1]] != str(number):
                    edits.append((*span, str(number)))
            changed += len(edits) > before
            quote = None
    if quote is not None:
        raise InputError(f"{where}: line {_line(turtle, quote.start)}: this quote has no oa:start/oa:end after it")
    out, cursor = [], 0
    for first, last, replacement in edits:
        out += [turtle[cursor:first], replacement]
        cursor = last
    return "".join(out) + turtle[cursor:], changed


def _without_offsets(graph: Graph) -> Graph:
    """``graph`` without offsets, no-break spaces in quotes read as spaces: what setting offsets keeps."""
    kept = Graph()
    for s, p, o in graph:
        if p in (OA.start, OA.end):
            continue
        if p == OA.exact and isinstance(o, Literal):
            o = Literal(str(o).replace("\u00a0", " "), lang=o.language, datatype=o.datatype)
        kept.add((s, p, o))
    return kept


def _check_rewrite(path: Path, before: Graph, after_text: str, texts: dict[str, str]) -> None:
    """Refuse a rewrite that does not parse, changes more than offsets, or that the build would refuse."""
    after = Graph()
    try:
        parse_turtle(path, after, data=after_text)
    except InputError as exc:
        raise InputError(f"{exc} (in the rewritten text; file not changed)") from None
    if not isomorphic(_without_offsets(before), _without_offsets(after)):
        raise InputError(f"{path}: setting offsets would change more than offsets; file not changed")
    dataset = Dataset()
    graph = dataset.graph(URIRef(path.resolve().as_uri()))
    graph += after
    problems = [p for c in citations(dataset, {graph.identifier: path}) for p in check_citation(c, texts.get(c.source))]
    if problems:
        raise InputError(f"{problems[0]} (after setting offsets; file not changed)")


def rewrite_offsets(path: Path, texts: dict[str, str]) -> int:
    """Set every selector's offsets in the notice file ``path`` from its quote; how many changed.

    The new text is parsed before it is written: it must be Turtle whose graph is the old one
    but for offsets (and quotes made exact), with every selector as the build checks it. Then
    the previous file is kept as ``FILE.bak`` and the file replaced atomically.

    :raises InputError: anything that stops that; the file is then left as it was.
    """
    original = read_bytes(path, "notice file", 64 * MEGABYTE)
    turtle = decode(original, path, "notice file")
    before = Graph()
    parse_turtle(path, before, data=turtle)
    cited = {str(o) for o in before.objects(None, OA.hasSource)}
    if len(cited) != 1:
        raise InputError(f"{path}: selectors must cite exactly one source, found {len(cited)}")
    source = cited.pop()
    if source not in texts:
        raise InputError(f"{path}: cites unknown source {source}")
    updated, changed = set_offsets(turtle, texts[source], str(path))
    if changed:
        _check_rewrite(path, before, updated, texts)
        write_file(path.with_name(f"{path.name}.bak"), original)
        write_file(path, updated)
    return changed
