"""Status lines and progress on stderr: status lines unless -q, details with -v, and a progress bar
(tqdm) only on a terminal, so piped or redirected output stays clean."""

from __future__ import annotations

import sys
from contextlib import contextmanager

QUIET, NORMAL, VERBOSE = 0, 1, 2
_level = NORMAL


def configure(quiet: bool, verbose: bool) -> None:
    """Set how much goes to stderr for this run (-q wins over -v)."""
    global _level
    _level = QUIET if quiet else VERBOSE if verbose else NORMAL


def status(line: str) -> None:
    """A status line ("wrote FILE", "building the store"), unless quiet."""
    if _level >= NORMAL:
        print(line, file=sys.stderr, flush=True)


def detail(line: str) -> None:
    """A line only -v asks for."""
    if _level >= VERBOSE:
        print(line, file=sys.stderr, flush=True)


@contextmanager
def progress(description: str, total: int | None = None):
    """A function to call with each step's name (or nothing): a bar on a terminal, -v lines otherwise."""
    if _level == QUIET or not sys.stderr.isatty():
        yield detail
        return
    from tqdm import tqdm  # imported only on a terminal: it is the only user

    with tqdm(total=total, desc=description, unit="step", leave=False, file=sys.stderr) as bar:
        def step(name: str) -> None:
            bar.set_postfix_str(name)
            bar.update(1)

        yield step
