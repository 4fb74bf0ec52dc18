"""PDF to text: the text layer of every page (pypdf), one line per line of the layout; a PDF with
no text layer (a scan) is refused. Structure comes later from layout and wording (structure.py)."""

from __future__ import annotations

import io

from ..errors import InputError
from .reading import Document, normalise


def pdf_document(data: bytes, name: str) -> Document:
    """The text layer of the PDF ``data``.

    :raises InputError: not a readable PDF, encrypted, or with no text layer.
    """
    import logging

    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise InputError(f"{name}: the PDF is encrypted; save an unprotected copy")
        pages = [page.extract_text() or "" for page in reader.pages]
    except InputError:
        raise
    except (PyPdfError, ValueError, KeyError, TypeError, OSError) as exc:
        raise InputError(f"{name}: not a readable PDF ({type(exc).__name__})") from None
    lines = [line.rstrip() for page in pages for line in normalise(page).split("\n")]
    text = "\n".join(lines).strip("\n")
    if not text.strip():
        raise InputError(f"{name}: the PDF has no text layer (a scanned image?); run OCR on it first")
    title = (reader.metadata or {}).get("/Title") if reader.metadata else None
    return Document(text, "application/pdf", (), str(title) if title else None, name)
