"""Argument types of the command line: each refuses what it cannot use with one line (exit 2)."""

from __future__ import annotations

import argparse
import math
from datetime import date


def seconds(text: str) -> float:
    """A finite number of seconds above 0 and at most a day (refuses nan, inf, 0 and negatives)."""
    try:
        value = float(text)
    except ValueError:
        value = math.nan
    if not (math.isfinite(value) and 0 < value <= 86400):
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of seconds above 0 and at most 86400")
    return value


def _whole(text: str, low: int, high: int, what: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = low - 1
    if not low <= value <= high:
        raise argparse.ArgumentTypeError(f"{text!r} is not {what} from {low} to {high}")
    return value


def port(text: str) -> int:
    """A TCP port number, 0 to 65535 (0 picks a free one)."""
    return _whole(text, 0, 65535, "a port number")


def workers(text: str) -> int:
    """How many queries may run at once, 1 to 64."""
    return _whole(text, 1, 64, "a number of workers")


def mebibytes(text: str) -> int:
    """A memory limit in MiB, 64 MiB to 1 TiB."""
    return _whole(text, 64, 2**20, "a number of MiB")


def iso_date(value: str) -> date:
    """A date written YYYY-MM-DD."""
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a date (YYYY-MM-DD)") from None


def positive_int(value: str) -> int:
    """A whole number of 1 or more."""
    if not value.isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError(f"{value!r} is not a positive whole number")
    return int(value)


def table_width(value: str) -> int:
    """A table width of at least 20 columns (argparse type)."""
    if not value.isdigit() or int(value) < 20:
        raise argparse.ArgumentTypeError(f"{value!r} is not a width of 20 columns or more")
    return int(value)
