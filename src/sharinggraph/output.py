"""The one writer of every file a command writes: regular files only, each replaced atomically.

A target that is absent or a regular file (or a symbolic link to one) is replaced by a temporary
file written in the same folder, synced and renamed over it, so a reader sees the old file or
the new one, never a part. Folders, devices, named pipes and sockets are refused, and so is a
link to one of them or to nothing: output never goes into anything but a regular file.
"""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path

from .errors import InputError

_KINDS = ((stat.S_ISDIR, "a folder"), (stat.S_ISCHR, "a device"), (stat.S_ISBLK, "a device"),
          (stat.S_ISFIFO, "a named pipe"), (stat.S_ISSOCK, "a socket"))


def _kind(mode: int) -> str:
    return next((name for test, name in _KINDS if test(mode)), "not a regular file")


def _status(path: Path) -> os.stat_result | None:
    """``lstat`` of ``path``, None when nothing is there."""
    try:
        return os.lstat(path)
    except (FileNotFoundError, NotADirectoryError):
        return None  # the folder check says what is wrong
    except OSError as exc:
        raise InputError(f"{path}: cannot be used as output ({exc.strerror})") from exc


def check_target(path: Path) -> Path:
    """The regular file (or free name) that writing ``path`` replaces; call it before any work.

    :raises InputError: the path is, or links to, anything but a regular file; the link leads
        nowhere; or its folder is missing, not a folder or not writable.
    """
    path = Path(path)
    info = _status(path)
    if info is not None and stat.S_ISLNK(info.st_mode):
        real = Path(os.path.realpath(path))
        info = _status(real)
        if info is None:
            raise InputError(f"{path}: a symbolic link to nothing ({real}); output goes only to a regular file")
        if not stat.S_ISREG(info.st_mode):
            raise InputError(f"{path}: a symbolic link to {_kind(info.st_mode)}; output goes only to a regular file")
        path = real
    if info is not None and not stat.S_ISREG(info.st_mode):
        raise InputError(f"{path}: is {_kind(info.st_mode)}; output goes only to a regular file")
    folder = path.parent
    if not folder.is_dir():
        problem = "is not a folder" if folder.exists() else "does not exist"
        raise InputError(f"{path}: cannot write: {folder} {problem}")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise InputError(f"{path}: cannot write: folder {folder} is not writable")
    return path


def _cannot(path: Path, exc: OSError) -> InputError:
    return InputError(f"{path}: cannot write ({exc.strerror or exc})")


def _mode(existing: os.stat_result | None) -> int:
    """The existing file's permissions, else what the umask leaves of rw-rw-rw-."""
    if existing is not None:
        return stat.S_IMODE(existing.st_mode)
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def write_file(path: Path, content: str | bytes) -> Path:
    """Replace ``path`` with ``content`` (text is written as UTF-8); returns the file written.

    :raises InputError: what :func:`check_target` refuses, or the write fails (a full disk,
        permission denied); the target is then left as it was and no temporary file remains.
    """
    final = check_target(path)
    data = content.encode("utf-8") if isinstance(content, str) else content
    try:
        handle, temporary = tempfile.mkstemp(dir=final.parent, prefix=f".{final.name}.", suffix=".tmp")
    except OSError as exc:
        raise _cannot(final, exc) from exc
    try:
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(handle, view):]
            os.fchmod(handle, _mode(_status(final)))
            os.fsync(handle)
        finally:
            os.close(handle)
        check_target(final)  # still a regular file or absent: a rename never writes into a device
        os.replace(temporary, final)
    except BaseException as exc:
        Path(temporary).unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise _cannot(final, exc) from exc
        raise
    _sync_folder(final.parent)
    return final


def _sync_folder(folder: Path) -> None:
    """Make the rename durable; some file systems cannot sync a folder, which is no error."""
    try:
        handle = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(handle)
    except OSError:
        pass
    finally:
        os.close(handle)
