"""Status lines and progress on stderr: status lines unless -q, details with -v, and a progress bar
(tqdm) only on a terminal, so piped or redirected output stays clean."""

from __future__ import annotations

import sys
import threading
import time
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


class Steps:
    """What :func:`progress` yields: call it with each step's name as the step ends; ``expect(n)`` says
    how many steps there are once that is known (a bar on a terminal, -v lines otherwise)."""

    def __init__(self, bar=None):
        self._bar = bar

    def __call__(self, name: str) -> None:
        if self._bar is None:
            detail(name)
            return
        self._bar.set_postfix_str(name)
        self._bar.update(1)

    def expect(self, total: int) -> None:
        """Set the number of steps (when it was not known when the display began)."""
        if self._bar is not None:
            self._bar.total = total
            self._bar.refresh()


@contextmanager
def progress(description: str, total: int | None = None, unit: str = "step"):
    """A :class:`Steps` to call with each step's name: a bar on a terminal, -v lines otherwise."""
    if _level == QUIET or not sys.stderr.isatty():
        yield Steps()
        return
    from tqdm import tqdm  # imported only on a terminal: it is the only user

    with tqdm(total=total, desc=description, unit=unit, leave=False, file=sys.stderr) as bar:
        yield Steps(bar)


@contextmanager
def waiting(description: str, after: float = 1.0):
    """While one long step runs (a query, an export), its elapsed time on a terminal once it has taken
    ``after`` seconds, refreshed twice a second and cleared at the end; nothing when piped or -q."""
    if _level == QUIET or not sys.stderr.isatty():
        yield
        return
    from tqdm import tqdm

    done, shown, started = threading.Event(), [], time.time()

    def tick() -> None:
        if done.wait(after):
            return
        # shown first by the refresh below, with the step's time (tqdm's clock is time.time), not 00:00
        bar = tqdm(total=None, desc=description, bar_format="{desc}: {elapsed}", leave=False, file=sys.stderr, delay=after)
        bar.start_t, bar.delay = started, 0
        bar.refresh()
        shown.append(bar)
        while not done.wait(0.5):
            bar.refresh()

    ticker = threading.Thread(target=tick, daemon=True)
    ticker.start()
    try:
        yield
    finally:
        done.set()
        ticker.join()
        for bar in shown:
            bar.close()
