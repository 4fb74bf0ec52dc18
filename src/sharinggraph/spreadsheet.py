"""Cells that a spreadsheet shows as text: every CSV the project writes passes its cells through here."""

from __future__ import annotations

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value) -> str:
    """A cell a spreadsheet shows as text: one starting = + - @ tab or CR gets a leading quote (OWASP)."""
    text = str(value)
    return f"'{text}" if text.startswith(_FORMULA_STARTS) else text
