"""Issue 10, serve: parsing inside the time limit, a memory limit per worker, a body limit, socket
timeouts, a bounded pool answering 503 when full, the Host check, validated options, no orphans.

Everything runs on 127.0.0.1 and stops by itself; the load test is 50 queries, bounded in time.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor

import pytest

from conftest import ROOT, SOURCES
from sharinggraph.serve import server as serve
from sharinggraph.cli import main
from sharinggraph.query.library import QueryLibrary
from sharinggraph.query.resolve import Resolver
from sharinggraph.serve.server import ServerState, host_allowed, make_server
from sharinggraph.serve.workers import Workers

#: 457 KB that rdflib's parser needs tens of seconds for (the issue's first serve reproduction)
SLOW_TO_PARSE = "SELECT * WHERE { VALUES ?x { " + " ".join(f'"value {i:05}"' for i in range(35000)) + " } }"
#: under a kilobyte; each BIND quadruples the string, to 64 * 4**15 bytes
CONCAT_BOMB = ("SELECT (STRLEN(?v15) AS ?n) WHERE { BIND(\"" + "x" * 64 + "\" AS ?v0) "
               + " ".join(f"BIND(CONCAT(?v{i - 1},?v{i - 1},?v{i - 1},?v{i - 1}) AS ?v{i})" for i in range(1, 16)) + " }")
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"


@pytest.fixture(scope="module")
def base(built):
    dataset = built.loaded.dataset
    state = ServerState(dataset, QueryLibrary(ROOT / "queries"), Resolver(dataset), timeout=3,
                        memory=256 * 2**20, workers=Workers(2))
    httpd = make_server(state, "127.0.0.1", 0)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def _ask(url: str, query: str | None = None, headers: dict | None = None, timeout: float = 60):
    """(status, JSON answer) of a GET, or of a POST of ``query`` as application/sparql-query."""
    data = None if query is None else query.encode()
    request = urllib.request.Request(url, data=data, headers={"Content-Type": "application/sparql-query", **(headers or {})})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as exc:
        return exc.code, json.loads(exc.read())


def _raw(base: str, request: bytes, timeout: float = 10) -> bytes:
    """What the server answers to exactly these bytes."""
    port = int(base.rsplit(":", 1)[1])
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as sock:
        sock.sendall(request)
        chunks = []
        while chunk := sock.recv(65536):
            chunks.append(chunk)
    return b"".join(chunks)


def test_parsing_is_inside_the_time_limit(base):
    assert len(SLOW_TO_PARSE.encode()) > 450_000
    start = time.monotonic()
    with ThreadPoolExecutor(6) as pool:  # the issue: six in parallel took 90 s each
        slow = [pool.submit(_ask, f"{base}/sparql", SLOW_TO_PARSE) for _ in range(6)]
        time.sleep(0.5)
        assert _ask(f"{base}/api/queries")[0] == 200  # the server answers meanwhile
        answers = [future.result() for future in slow]
    assert all(status == 503 for status, _ in answers), answers
    assert {a["error"].split(":")[0] for _, a in answers} <= {"query stopped after the 3 s time limit", "the server is busy"}
    assert time.monotonic() - start < 12


def test_a_concat_bomb_meets_the_memory_limit(base):
    assert len(CONCAT_BOMB) < 906
    status, answer = _ask(f"{base}/sparql", CONCAT_BOMB)
    assert status == 503 and "256 MiB memory limit" in answer["error"]
    assert _ask(f"{base}/sparql", COUNT)[0] == 200


def test_an_oversized_body_is_refused_unread(base):
    answer = _raw(base, b"POST /sparql HTTP/1.1\r\nHost: " + base[7:].encode()
                  + b"\r\nContent-Type: application/sparql-query\r\nContent-Length: 200000000\r\n\r\n")
    assert answer.startswith(b"HTTP/1.0 413 ")


def test_a_chunked_body_is_refused(base):
    answer = _raw(base, b"POST /sparql HTTP/1.1\r\nHost: " + base[7:].encode()
                  + b"\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nASK{}\r\n0\r\n\r\n")
    assert answer.startswith(b"HTTP/1.0 411 ")


@pytest.mark.parametrize("host, status", [("evil.example", 421), ("evil.example:{port}", 421), ("localhost:{port}", 200),
                                          ("127.0.0.1:{port}", 200), ("127.0.0.1:1", 421), ("user@127.0.0.1:{port}", 421)])
def test_the_host_header_must_name_this_server(base, host, status):
    port = base.rsplit(":", 1)[1]
    assert _ask(f"{base}/api/queries", headers={"Host": host.format(port=port)})[0] == status


def test_a_request_without_host_is_refused(base):
    assert _raw(base, b"GET /api/queries HTTP/1.0\r\n\r\n").startswith(b"HTTP/1.0 421 ")


@pytest.mark.parametrize("header, bound, port, allowed", [
    ("127.0.0.1:80", "127.0.0.1", 80, True), ("127.0.0.1", "127.0.0.1", 80, True), ("LOCALHOST:8000", "127.0.0.1", 8000, True),
    ("localhost:8000", "192.168.1.5", 8000, False), ("192.168.1.5:8000", "0.0.0.0", 8000, True),
    ("rebind.example:8000", "0.0.0.0", 8000, False), ("127.0.0.1:x", "127.0.0.1", 8000, False), ("", "127.0.0.1", 80, False),
])
def test_host_allowed(header, bound, port, allowed):
    assert host_allowed(header, bound, port) is allowed


def test_slow_clients_hold_the_server_only_for_the_socket_timeout(base, monkeypatch):
    monkeypatch.setattr(serve._Base, "timeout", 1.0)
    port = int(base.rsplit(":", 1)[1])
    stalled = [socket.create_connection(("127.0.0.1", port), timeout=10) for _ in range(serve.THREADS + serve.REFUSERS + 4)]
    try:
        for sock in stalled:
            sock.sendall(b"GET /api/queries HTTP/1.1\r\nHost: ")  # and then nothing
        start = time.monotonic()
        status, _ = _ask(f"{base}/api/queries", timeout=20)
        assert status in (200, 503) and time.monotonic() - start < 6
    finally:
        for sock in stalled:  # read each to its end: the server has then answered (and logged) it, so no
            sock.shutdown(socket.SHUT_WR)  # log line of this test lands in the next test's stderr
            try:
                while sock.recv(4096):
                    pass
            except OSError:
                pass
            sock.close()
    start = time.monotonic()
    assert _ask(f"{base}/api/queries", timeout=20)[0] == 200 and time.monotonic() - start < 3


@pytest.mark.parametrize("option, value", [("--timeout", "nan"), ("--timeout", "inf"), ("--timeout", "-1"), ("--timeout", "0"),
                                           ("--port", "99999"), ("--port", "-1"), ("--memory-limit", "0"), ("--workers", "0")])
def test_numeric_options_are_validated(capsys, option, value):
    assert main(["serve", option, value]) == 2
    out, err = capsys.readouterr()
    assert out == "" and err.count("\n") == 1 and option in err


def _status(pid: int) -> dict[str, str]:
    with open(f"/proc/{pid}/status") as status:
        return dict(line.rstrip("\n").split(":\t", 1) for line in status if ":\t" in line)


def _children(pid: int) -> list[int]:
    found = []
    for task in os.listdir(f"/proc/{pid}/task"):
        with open(f"/proc/{pid}/task/{task}/children") as children:
            found += [int(child) for child in children.read().split()]
    return found


def _alive(pid: int) -> bool:
    try:
        return _status(pid)["State"][0] not in "ZX"
    except FileNotFoundError:
        return False


class Served:
    """`sharinggraph serve` in a subprocess on a free loopback port, stopped by :meth:`stop`."""

    def __init__(self, *options: str):
        env = {**os.environ, "SHARINGGRAPH_SOURCES": str(SOURCES)}
        self.process = subprocess.Popen([sys.executable, "-m", "sharinggraph", "serve", "--port", "0", *options],
                                        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, cwd=ROOT)
        timer = threading.Timer(60, self.process.kill)  # a server that never says it is up is stopped
        timer.start()
        line = self.process.stdout.readline()
        timer.cancel()
        assert line.startswith("serving http://127.0.0.1:"), line + self.process.stderr.read()
        self.base = line.split()[1].rstrip("/")

    def stop(self, signum: int = signal.SIGTERM) -> float:
        start = time.monotonic()
        self.process.send_signal(signum)
        try:
            self.process.wait(timeout=15)
        finally:
            self.process.kill()
        return time.monotonic() - start


@pytest.fixture(scope="module")
def served(built):
    server = Served("--timeout", "20")
    yield server
    server.stop()


def test_load_50_concurrent_queries_are_answered_or_refused_and_memory_returns(served):
    pid = served.process.pid
    for _ in range(3):
        assert _ask(f"{served.base}/sparql", COUNT)[0] == 200
    baseline = int(_status(pid)["VmRSS"].split()[0])

    def one(_):
        form = urllib.parse.urlencode({"query": COUNT}).encode()
        try:
            with urllib.request.urlopen(urllib.request.Request(f"{served.base}/sparql", data=form), timeout=60) as response:
                return response.status
        except urllib.error.HTTPError as exc:
            return exc.code
        except OSError as exc:  # a reset or a refused connection: what must not happen
            return type(exc).__name__

    start = time.monotonic()
    with ThreadPoolExecutor(50) as pool:
        statuses = list(pool.map(one, range(50)))
    seconds = time.monotonic() - start
    time.sleep(1)
    after = int(_status(pid)["VmRSS"].split()[0])
    counts = {status: statuses.count(status) for status in set(statuses)}
    print(f"load: 50 concurrent queries in {seconds:.1f} s: {counts}; server RSS {baseline} kB before, {after} kB after")
    assert set(counts) <= {200, 503} and counts.get(200, 0) >= 2, counts
    assert seconds < 60
    assert after < baseline + 50 * 1024, (baseline, after)
    assert [child for child in _children(pid) if _alive(child)] == []


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_stopping_the_server_ends_its_workers(built, signum):
    server = Served("--timeout", "60")
    answers = []
    asking = threading.Thread(target=lambda: answers.append(_ask(f"{server.base}/sparql", SLOW_TO_PARSE)), daemon=True)
    asking.start()
    deadline = time.monotonic() + 20
    while not (workers := _children(server.process.pid)) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert workers, "no worker started"
    assert server.stop(signum) < 10
    asking.join(5)
    assert answers == [(503, {"error": "the server is stopping"})]
    time.sleep(0.5)
    assert [worker for worker in workers if _alive(worker)] == []
