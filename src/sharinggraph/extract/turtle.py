"""Writes a draft as commented Turtle a curator can read and edit: the prefixes, a header, then
one group per section of the notice, each block preceded by a comment quoting its line."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

PREFIXES = (
    ("sg", "https://w3id.org/sharinggraph/ontology#"), ("dpv", "https://w3id.org/dpv#"),
    ("eu-gdpr", "https://w3id.org/dpv/legal/eu/gdpr#"), ("oa", "http://www.w3.org/ns/oa#"),
    ("prov", "http://www.w3.org/ns/prov#"), ("dct", "http://purl.org/dc/terms/"),
    ("skos", "http://www.w3.org/2004/02/skos/core#"), ("xsd", "http://www.w3.org/2001/XMLSchema#"),
    ("org", "http://www.w3.org/ns/org#"), ("schema", "https://schema.org/"),
    ("src", "https://w3id.org/sharinggraph/id/source/"), ("body", "https://w3id.org/sharinggraph/id/org/"),
    ("item", "https://w3id.org/sharinggraph/id/notice-item/"),
)
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")
_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}


def literal(value: str, lang: str | None = None, datatype: str | None = None) -> str:
    """``value`` as a Turtle string literal, every quote, backslash and control character escaped."""
    body = "".join(_ESCAPES.get(c, f"\\u{ord(c):04X}" if _CONTROL.match(c) else c) for c in value)
    return f'"{body}"' + (f"@{lang}" if lang else f"^^{datatype}" if datatype else "")


def iri(value: str) -> str:
    """``value`` as a Turtle IRI reference (characters Turtle forbids in an IRI are %-escaped)."""
    return "<" + re.sub(r'[\x00-\x20<>"{}|^`\\]', lambda m: f"%{ord(m.group()):02X}", value) + ">"


def comment(words: str, limit: int = 150) -> str:
    """``words`` made safe for one Turtle comment line (controls dropped, cut at ``limit``)."""
    words = " ".join(_CONTROL.sub(" ", words).split())
    return words if len(words) <= limit else words[: limit - 1] + "…"


@dataclass
class Entry:
    """One subject: its term, types, (predicate, objects) pairs and the comment lines before it."""

    subject: str
    types: list[str]
    properties: list[tuple[str, list[str]]] = field(default_factory=list)
    comments: list[str] = field(default_factory=list)

    def add(self, predicate: str, *objects: str) -> Entry:
        """Add ``predicate`` with ``objects`` (Turtle terms), merged with earlier ones; returns self."""
        for index, (existing, values) in enumerate(self.properties):
            if existing == predicate:
                self.properties[index] = (existing, values + [o for o in objects if o not in values])
                return self
        self.properties.append((predicate, list(dict.fromkeys(objects))))
        return self


@dataclass
class Group:
    """A section of the draft: a title and its entries."""

    title: str
    entries: list[Entry] = field(default_factory=list)


def render(base: str, header: list[str], groups: list[Group]) -> str:
    """The whole draft: header comments, prefixes (``:`` is ``base``), then each non-empty group."""
    lines = [f"# {comment(line, 200)}" if line else "#" for line in header]
    lines += ["", f"@prefix : {iri(base)} ."]
    lines += [f"@prefix {name}: {iri(value)} ." for name, value in PREFIXES]
    for group in groups:
        if not group.entries:
            continue
        lines += ["", f"# --- {comment(group.title, 90)} " + "-" * max(3, 90 - len(comment(group.title, 90)))]
        for entry in group.entries:
            lines.append("")
            lines += [f"# {comment(line)}" for line in entry.comments]
            lines.append(_statement(entry))
    return "\n".join(lines) + "\n"


def _statement(entry: Entry) -> str:
    parts = [f"{entry.subject} a {', '.join(entry.types)}"] if entry.types else [entry.subject]
    for predicate, objects in entry.properties:
        if objects:
            parts.append(f"{predicate} {', '.join(objects)}")
    head, *rest = parts
    if not rest:
        return head + " ."
    return head + " ;\n    " + " ;\n    ".join(rest) + " ."


def write_draft(path: Path, text: str) -> Path:
    """Write the draft to ``path`` atomically (see :mod:`sharinggraph.output`)."""
    from ..output import write_file

    return write_file(path, text)
