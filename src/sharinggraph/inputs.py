"""Reads the files a command is given or finds: regular files only, of bounded size, as UTF-8."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from .errors import InputError

MEGABYTE = 1 << 20


def read_bytes(path: Path, what: str, limit: int) -> bytes:
    """The bytes of the regular file ``path``, refused when larger than ``limit``.

    The file is opened without blocking and checked before it is read, so a device, a named
    pipe or a folder is refused rather than read for ever.

    :raises InputError: it cannot be opened, is not a regular file, or is larger than ``limit``.
    """
    try:
        handle = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    except OSError as exc:
        raise InputError(f"{path}: cannot read {what} ({exc.strerror})") from exc
    with os.fdopen(handle, "rb") as stream:
        if not stat.S_ISREG(os.fstat(stream.fileno()).st_mode):
            raise InputError(f"{path}: cannot read {what}: not a regular file")
        try:
            data = stream.read(limit + 1)
        except OSError as exc:
            raise InputError(f"{path}: cannot read {what} ({exc.strerror})") from exc
    if len(data) > limit:
        raise InputError(f"{path}: {what} is larger than the {limit // 1024} KB this command reads")
    return data


def decode(data: bytes, path: Path, what: str) -> str:
    """``data`` read from ``path`` as UTF-8, newlines kept as they are.

    :raises InputError: the bytes are not UTF-8 (the message gives the offset of the first bad one).
    """
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(f"{path}: {what} is not UTF-8 text (byte {exc.start} is {data[exc.start]:#04x})") from None


def read_text(path: Path, what: str, limit: int = MEGABYTE) -> str:
    """The UTF-8 text of the regular file ``path`` (see :func:`read_bytes` and :func:`decode`)."""
    return decode(read_bytes(path, what, limit), path, what)
