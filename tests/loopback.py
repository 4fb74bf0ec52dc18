"""Servers on 127.0.0.1 for the tests: a real Oxigraph, scripted HTTP endpoints and raw TCP peers.

Each one stops itself when its ``with`` block ends; the raw peers also stop after a bounded number
of bytes, so a test that goes wrong cannot leave one running.
"""

from __future__ import annotations

import contextlib
import json
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

EMPTY_RESULTS = json.dumps({"head": {"vars": ["g", "n"]}, "results": {"bindings": []}}).encode()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until_answering(url: str, process: subprocess.Popen, seconds: float) -> None:
    """Wait until the SPARQL endpoint at ``url`` answers ASK {}; raise if ``process`` ends or time runs out."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            urllib.request.urlopen(f"{url}?query=ASK%7B%7D", timeout=2)
            return
        except OSError:
            if time.monotonic() > deadline or process.poll() is not None:
                raise RuntimeError(f"the server for {url} did not start") from None
            time.sleep(0.3)


@contextlib.contextmanager
def oxigraph_server(*options: str):
    """A fresh in-memory Oxigraph server (the `oxigraph` CLI of the test extra); yields its /query URL."""
    binary = shutil.which("oxigraph") or str(Path(sys.executable).parent / "oxigraph")
    port = free_port()
    process = subprocess.Popen([binary, "serve", "--bind", f"127.0.0.1:{port}", *options],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_answering(f"{base}/query", process, 20)
        yield f"{base}/query"
    finally:
        process.terminate()
        process.wait(timeout=10)


@dataclass
class Seen:
    """One request a scripted endpoint received."""

    method: str
    path: str
    headers: dict
    body: bytes = field(repr=False)


@contextlib.contextmanager
def scripted_endpoint(routes: dict):
    """An HTTP server answering ``routes[path] = (status, headers, body)``; yields (base URL, requests seen)."""
    seen: list[Seen] = []

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args):
            return

        def _answer(self):
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length)
            seen.append(Seen(self.command, self.path, dict(self.headers), body))
            status, headers, payload = routes.get(self.path.split("?")[0], (404, {}, b"no such path"))
            if callable(payload):
                payload = payload(self)
            self.send_response(status)
            for name, value in headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

        do_GET = do_POST = _answer  # noqa: N815

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", seen
    finally:
        server.shutdown()
        server.server_close()


@contextlib.contextmanager
def raw_peer(script, max_seconds: float = 30):
    """A TCP server that runs ``script(connection, stop)`` for each connection; yields its base URL.

    ``stop`` is an Event set when the block ends or ``max_seconds`` pass, whichever comes first.
    """
    stop = threading.Event()
    listener = socket.create_server(("127.0.0.1", 0))
    listener.settimeout(0.2)

    def accept_loop():
        while not stop.is_set():
            try:
                connection, _ = listener.accept()
            except TimeoutError:
                continue
            with connection:
                with contextlib.suppress(OSError):
                    script(connection, stop)

    thread = threading.Thread(target=accept_loop, daemon=True)
    timer = threading.Timer(max_seconds, stop.set)
    thread.start()
    timer.start()
    try:
        yield f"http://127.0.0.1:{listener.getsockname()[1]}"
    finally:
        stop.set()
        timer.cancel()
        thread.join(5)
        listener.close()


def drip(data: bytes, interval: float = 0.1):
    """A raw-peer script that sends ``data`` one byte at a time, ``interval`` seconds apart."""

    def script(connection, stop):
        for byte in data:
            if stop.wait(interval):
                return
            connection.sendall(bytes([byte]))

    return script


VIRTUOSO_INI = """[Database]
DatabaseFile = {folder}/virtuoso.db
ErrorLogFile = {folder}/virtuoso.log
LockFile = {folder}/virtuoso.lck
TransactionFile = {folder}/virtuoso.trx
xa_persistent_file = {folder}/virtuoso.pxa
[TempDatabase]
DatabaseFile = {folder}/virtuoso-temp.db
TransactionFile = {folder}/virtuoso-temp.trx
[Parameters]
ServerPort = 127.0.0.1:{sql_port}
DisableUnixSocket = 1
NumberOfBuffers = 20000
MaxDirtyBuffers = 15000
MaxQueryMem = 1G
DirsAllowed = .
[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerRoot = {folder}
ServerThreads = 4
[SPARQL]
ResultSetMaxRows = 1000000
MaxQueryExecutionTime = 120
MaxQueryCostEstimationTime = 0
"""


@contextlib.contextmanager
def virtuoso_server(folder: Path, grant: bool = True):
    """A fresh Virtuoso 7 (Debian virtuoso-opensource) in ``folder``, on loopback only, with the
    SPARQL user granted SPARQL_UPDATE (unless not ``grant``); yields its /sparql URL. Skips the test
    when Virtuoso is not installed."""
    import pytest

    binary, isql = shutil.which("virtuoso-t"), shutil.which("isql-vt") or shutil.which("isql")
    if not (binary and isql):
        pytest.skip("Virtuoso is not installed (Debian package virtuoso-opensource; .ci/run installs it)")
    sql_port, http_port = free_port(), free_port()
    ini = folder / "virtuoso.ini"
    ini.write_text(VIRTUOSO_INI.format(folder=folder, sql_port=sql_port, http_port=http_port))
    process = subprocess.Popen([binary, "-f", "-c", str(ini)], cwd=folder,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{http_port}/sparql"
    try:
        wait_until_answering(url, process, 60)
        if grant:
            subprocess.run([isql, f"127.0.0.1:{sql_port}", "dba", "dba", 'exec=GRANT SPARQL_UPDATE TO "SPARQL";'],
                           check=True, capture_output=True, timeout=30)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)
