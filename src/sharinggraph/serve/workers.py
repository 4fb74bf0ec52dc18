"""Forked query workers for the local endpoint: a bounded number at once, each with a time limit
(parsing included) and a memory limit, ended early when its client leaves, and every one still
running ended when the server stops."""

from __future__ import annotations

import faulthandler
import math
import multiprocessing
import resource
import signal
import threading
import time
from collections.abc import Callable

from ..errors import SharingGraphError

_FORK = multiprocessing.get_context("fork")
Answer = tuple[int, dict]
#: Seconds between checks that the client of a running query is still there.
CLIENT_CHECK = 0.25


def _address_space() -> int:
    """Bytes of address space this process maps now (what a forked worker inherits)."""
    with open("/proc/self/statm", encoding="ascii") as statm:
        return int(statm.read().split()[0]) * resource.getpagesize()


def _work(connection, job: Callable[[], Answer], memory: int, timeout: float) -> None:
    """The worker: bounded, then the job; every failure becomes an answer, never a traceback."""
    faulthandler.disable()  # an engine abort at the memory limit is an answer (503), not a crash to dump
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C reaches the server, which ends its workers
    signal.alarm(math.ceil(timeout) + 1)  # an orphan (the server killed outright) outlives it by a second at most
    limit = _address_space() + memory
    hard = resource.getrlimit(resource.RLIMIT_AS)[1]
    resource.setrlimit(resource.RLIMIT_AS, (limit if hard == resource.RLIM_INFINITY else min(limit, hard), hard))
    try:
        answer = job()
    except SharingGraphError as exc:
        answer = 400, {"error": str(exc)}
    except MemoryError:
        answer = 503, {"error": f"query stopped: it needed more than the {memory // 2**20} MiB memory limit"}
    except RecursionError:
        answer = 400, {"error": "query is nested too deeply"}
    except Exception as exc:  # noqa: BLE001 - any engine failure becomes a 500 answer, not a dead worker
        answer = 500, {"error": f"query failed: {' '.join(str(exc).split())[:300]}"}
    connection.send(answer)
    connection.close()


def _end(process) -> None:
    if process.is_alive():
        process.terminate()
        process.join(1)
    if process.is_alive():
        process.kill()
    process.join(1)


class Workers:
    """At most ``size`` forked workers at once; :meth:`stop` ends those running and refuses new ones."""

    def __init__(self, size: int):
        self.size = size
        self._live: set = set()
        self._stopped = False
        self._changed = threading.Condition()

    @property
    def running(self) -> int:
        """How many workers are running now."""
        with self._changed:
            return len(self._live)

    def run(self, job: Callable[[], Answer], timeout: float, memory: int,
            gone: Callable[[], bool] = lambda: False) -> Answer:
        """Run ``job`` in a worker; 503 when none is free within ``timeout`` or it overruns the limits.

        ``gone`` is asked every CLIENT_CHECK seconds: when it says the client left, the worker is ended.
        """
        receiver, sender = _FORK.Pipe(duplex=False)
        process = _FORK.Process(target=_work, args=(sender, job, memory, timeout), daemon=True)
        with self._changed:
            if not self._changed.wait_for(lambda: self._stopped or len(self._live) < self.size, timeout):
                return 503, {"error": "the server is busy: every query worker is in use; try again shortly"}
            if self._stopped:
                return 503, {"error": "the server is stopping"}
            process.start()
            self._live.add(process)
        sender.close()
        try:
            deadline = time.monotonic() + timeout
            while not receiver.poll(max(0.0, min(CLIENT_CHECK, deadline - time.monotonic()))):
                if time.monotonic() >= deadline:
                    return 503, {"error": f"query stopped after the {timeout:g} s time limit"}
                if gone():
                    return 499, {"error": "query stopped: the client went away"}
            return receiver.recv()
        except EOFError:
            _end(process)
            if self._stopped:
                return 503, {"error": "the server is stopping"}
            if process.exitcode == -signal.SIGABRT:  # the query engine (Rust) aborts when an allocation fails
                return 503, {"error": f"query stopped: it needed more than the {memory // 2**20} MiB memory limit"}
            return 500, {"error": f"query worker ended without an answer (exit code {process.exitcode})"}
        finally:
            receiver.close()
            _end(process)
            with self._changed:
                self._live.discard(process)
                self._changed.notify_all()

    def stop(self, grace: float = 3.0) -> None:
        """End every running worker (SIGTERM, then SIGKILL after ``grace`` seconds) and accept no more."""
        with self._changed:
            self._stopped = True
            live = list(self._live)
            self._changed.notify_all()
        for process in live:  # terminate() signals only a worker not yet reaped; no waitpid races here
            process.terminate()
        with self._changed:
            self._changed.wait_for(lambda: not self._live, grace)
            left = list(self._live)
        for process in left:
            process.kill()
