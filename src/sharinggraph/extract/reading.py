"""Reads a notice (a .txt, .html, .pdf or .docx file, or an http(s) address) into plain text
exactly as it will be quoted, with the structure the format marks (headings, list items, table
rows, paragraphs) as hints on spans of that text."""

from __future__ import annotations

import hashlib
import io
import re
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError
from ..inputs import MEGABYTE, read_bytes

FILE_LIMIT = 32 * MEGABYTE
_KINDS = {".txt": "text/plain", ".text": "text/plain", ".html": "text/html", ".htm": "text/html",
          ".xhtml": "text/html", ".pdf": "application/pdf",
          ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document"}


@dataclass(frozen=True)
class Hint:
    """A span of the text that the format marks as a ``heading`` (with its level), ``item``,
    ``row``, ``cell`` or ``paragraph``."""

    kind: str
    start: int
    end: int
    level: int = 0


@dataclass(frozen=True)
class Document:
    """A notice as read: its text (what every selector quotes), structure hints and origin."""

    text: str
    media_type: str
    hints: tuple[Hint, ...] = ()
    title: str | None = None
    name: str = ""
    address: str | None = None
    retrieved: str | None = None
    original_sha256: str = ""

    @property
    def sha256(self) -> str:
        """sha256 of the text as read, encoded as UTF-8: what the source record checks."""
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()


def is_address(value: str) -> bool:
    """Whether ``value`` is given as a URL rather than a file name."""
    return re.match(r"[A-Za-z][A-Za-z0-9+.-]*://", value) is not None


def read_input(value: str, timeout: float = 20.0) -> Document:
    """Read a file or fetch an address (see :func:`read_file` and :mod:`.fetch`).

    :raises InputError: unreadable, empty, of an unknown kind, in another encoding, or a PDF with no text.
    :raises EndpointError: the address cannot be fetched (exit 3).
    """
    if not is_address(value):
        return read_file(Path(value))
    from .fetch import fetch

    fetched = fetch(value, timeout=timeout)
    media = _media_of(fetched.content_type, value)
    charset = re.search(r"charset=[\"']?([\w.:-]+)", fetched.content_type, re.I)
    document = parse(fetched.body, media, value, charset.group(1) if charset else None)
    return Document(document.text, document.media_type, document.hints, document.title, value,
                    fetched.address, fetched.retrieved, fetched.sha256)


def read_file(path: Path) -> Document:
    """Read a .txt, .html, .pdf or .docx file (regular files only, at most 32 MiB)."""
    media = _KINDS.get(path.suffix.lower())
    if media is None:
        raise InputError(f"{path}: give a .txt, .html, .pdf or .docx file, or an http(s) address")
    data = read_bytes(path, "notice", FILE_LIMIT)
    document = parse(data, media, str(path))
    return Document(document.text, document.media_type, document.hints, document.title, path.name,
                    original_sha256=hashlib.sha256(data).hexdigest())


def parse(data: bytes, media: str, name: str, charset: str | None = None) -> Document:
    """The text and hints of ``data`` of media type ``media``; ``name`` is for messages."""
    if not data.strip():
        raise InputError(f"{name}: the notice is empty")
    if media == "application/pdf":
        from .pdffile import pdf_document

        document = pdf_document(data, name)
    elif media.endswith("wordprocessingml.document"):
        from .wordfile import docx_document

        document = docx_document(data, name)
    elif media == "text/html":
        from .webpage import html_document

        document = html_document(decode(data, name, charset, html=True), name)
    else:
        document = Document(normalise(decode(data, name, charset)), "text/plain")
    if not document.text.strip():
        raise InputError(f"{name}: no text in the notice")
    return document


def normalise(text: str) -> str:
    """``text`` with Windows and old Mac line ends made ``\\n`` and trailing spaces kept."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def decode(data: bytes, name: str, charset: str | None = None, html: bool = False) -> str:
    """``data`` as text: UTF-8 (a byte-order mark dropped), or the charset the page declares.

    :raises InputError: other bytes: one line naming the encoding detected and how to convert it.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    if html and charset is None:
        declared = re.search(rb"<meta[^>]+charset=[\"']?([\w.:-]+)", data[:4096], re.I)
        charset = declared.group(1).decode("ascii") if declared else None
    if b"\x00" in data and not (charset or "").lower().startswith("utf-16"):
        raise InputError(f"{name}: not text (it holds NUL bytes: UTF-16 or a binary file); save it as UTF-8")
    try:
        return data.decode(charset or "utf-8")
    except (UnicodeDecodeError, LookupError):
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data[:65536]).best()
    guess = best.encoding if best is not None else "an unknown encoding"
    raise InputError(f"{name}: not UTF-8 text (it looks like {guess}); convert it first, e.g. "
                     f"iconv -f {guess if best else 'ENCODING'} -t UTF-8")


def _media_of(content_type: str, address: str) -> str:
    media = content_type.split(";")[0].strip().lower()
    if media in ("text/html", "application/xhtml+xml"):
        return "text/html"
    if media in ("application/pdf", "text/plain") or media.endswith("wordprocessingml.document"):
        return media
    suffix = Path(address.split("?")[0]).suffix.lower()
    if suffix in _KINDS:
        return _KINDS[suffix]
    raise InputError(f"{address}: answered with {media or 'no content type'}, not HTML, PDF, DOCX or plain text")


class TextBuilder:
    """Builds a text line by line, each line's spaces collapsed, and hints on its spans."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.length = 0
        self.hints: list[Hint] = []

    def line(self, words: str) -> tuple[int, int] | None:
        """Append ``words`` (spaces collapsed) as a new line; its span, or None when it is blank."""
        words = " ".join(words.split())
        if not words:
            return None
        if self.parts:
            self.parts.append("\n")
            self.length += 1
        start = self.length
        self.parts.append(words)
        self.length += len(words)
        return start, self.length

    def mark(self) -> int:
        """Where the next line will start."""
        return self.length + 1 if self.parts else 0

    def hint(self, kind: str, start: int, level: int = 0) -> None:
        """Mark the lines from ``start`` (a :meth:`mark`) to here as a ``kind``, when there are any."""
        if self.length > start:
            self.hints.append(Hint(kind, start, self.length, level))

    def text(self) -> str:
        """The text built so far."""
        return "".join(self.parts)
