"""DOCX to text (python-docx): one line per paragraph and per table cell, in document order, with
headings (by style), list items (by style or numbering) and table rows as hints."""

from __future__ import annotations

import io
import re

from ..errors import InputError
from .reading import Document, TextBuilder

_HEADING_STYLE = re.compile(r"(?:heading|titre|überschrift)\s*(\d)|^title$", re.I)


def docx_document(data: bytes, name: str) -> Document:
    """The text of the Word file ``data``.

    :raises InputError: not a readable .docx file.
    """
    import zipfile

    from docx import Document as open_docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        word = open_docx(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise InputError(f"{name}: not a readable .docx file ({type(exc).__name__})") from None
    builder = TextBuilder()
    for element in word.element.body.iterchildren():
        tag = element.tag.rsplit("}", 1)[-1]
        if tag == "p":
            _paragraph(builder, Paragraph(element, word))
        elif tag == "tbl":
            for row in Table(element, word).rows:
                start = builder.mark()
                for cell in row.cells:
                    cell_start = builder.mark()
                    for paragraph in cell.paragraphs:
                        builder.line(paragraph.text)
                    builder.hint("cell", cell_start)
                builder.hint("row", start)
    title = word.core_properties.title or None
    return Document(builder.text(), "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                    tuple(builder.hints), title, name)


def _paragraph(builder: TextBuilder, paragraph) -> None:
    span = builder.line(paragraph.text)
    if span is None:
        return
    style = paragraph.style.name if paragraph.style is not None else ""
    heading = _HEADING_STYLE.search(style or "")
    numbered = paragraph._p.pPr is not None and paragraph._p.pPr.numPr is not None  # noqa: SLF001
    if heading:
        builder.hint("heading", span[0], int(heading.group(1) or 1))
    elif numbered or "list" in (style or "").lower():
        builder.hint("item", span[0])
    else:
        builder.hint("paragraph", span[0])
