"""A local, read-only SPARQL endpoint over the built graph, with a query page that needs no network.

Routes: ``/`` the query workbench (workbench.py); ``/api/queries`` the library as JSON;
``/api/run?id=ID&NAME=VALUE`` runs a library query with bound parameters; ``/api/values?kind=KIND``,
``/api/prefixes``, ``/api/describe?iri=IRI`` and POST ``/api/labels`` answer the workbench; ``/sparql``
is a SPARQL 1.1 Protocol query endpoint (protocol.py: GET, POST form or direct, HEAD, content
negotiation). Updates, SERVICE and FROM are refused.
Every query is parsed and run in a forked worker bounded in time and memory (workers.py); requests
are bounded in size and in time, a Host header that does not name this server is refused (DNS
rebinding), and a bounded pool of threads answers, with 503 when it is full. Each request is logged
on stderr; a query whose client hangs up is stopped (its worker ended).
"""

from __future__ import annotations

import ipaddress
import json
import select
import signal
import socket
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, HTTPServer
from urllib.parse import parse_qs, urlparse, urlsplit

from rdflib import Dataset

from ..errors import SharingGraphError
from ..query.library import QueryLibrary
from ..query.resolve import Resolver
from ..query.runner import answer_local, bind
from . import protocol, workbench
from .workers import Workers

MAX_BODY = 2**20
SOCKET_TIMEOUT = 10.0
THREADS = 16
REFUSERS = 4
BACKLOG = 128
MEMORY = 2 * 2**30
WORKERS = 2
#: The connection of the request this thread is answering, so a query can stop when its client leaves.
_REQUEST = threading.local()


def client_gone() -> bool:
    """Whether the client of this thread's request has closed its connection."""
    connection = getattr(_REQUEST, "connection", None)
    if connection is None:
        return False
    try:
        readable, _, _ = select.select([connection], [], [], 0)
        return bool(readable) and connection.recv(1, socket.MSG_PEEK) == b""
    except (OSError, ValueError):
        return True


@dataclass
class ServerState:
    """What every request reads: the dataset, the library, the resolver, and the limits of a query."""

    dataset: Dataset
    library: QueryLibrary
    resolver: Resolver
    timeout: float
    memory: int = MEMORY
    workers: Workers = field(default_factory=lambda: Workers(WORKERS))

    def run(self, job) -> tuple[int, dict]:
        """Run ``job`` in a worker within the time and memory limits, ended if the client leaves."""
        return self.workers.run(job, self.timeout, self.memory, client_gone)


def _library_job(state: ServerState, query_id: str, raw: dict):
    return lambda: (200, answer_local(state.dataset, bind(state.library.get(query_id), raw, state.resolver)))


def host_allowed(header: str | None, bound: str, port: int) -> bool:
    """Whether a Host header names this server: its bound address, or localhost when that is loopback."""
    if not header or "@" in header:
        return False
    try:
        parts = urlsplit(f"//{header}")
        name, given = parts.hostname, parts.port or 80
        address = ipaddress.ip_address(bound)
    except ValueError:
        return False
    if given != port or not name:
        return False
    if address.is_unspecified:  # bound to every interface: any address literal of this machine
        try:
            return bool(ipaddress.ip_address(name)) or name == "localhost"
        except ValueError:
            return name == "localhost"
    return name == bound.lower() or (address.is_loopback and name == "localhost")


class _Base(BaseHTTPRequestHandler):
    """Answers in JSON or HTML, quietly, with a socket timeout for clients that stall."""

    server_version = "sharinggraph"
    timeout = SOCKET_TIMEOUT

    def parse_request(self) -> bool:  # noqa: D102 - http.server hook: the clock of the request log
        self._started = time.monotonic()
        return super().parse_request()

    def log_request(self, code="-", size="-") -> None:  # noqa: D102 - one line a request on stderr
        took = (time.monotonic() - getattr(self, "_started", time.monotonic())) * 1000
        line = self.requestline if len(self.requestline) <= 200 else f"{self.requestline[:200]}…"
        status = getattr(code, "value", code)
        print(f"sharinggraph serve: {self.client_address[0]} \"{line}\" {status} {took:.0f} ms", file=sys.stderr, flush=True)

    def log_message(self, format, *args) -> None:  # noqa: A002 - http.server's name; its errors, on stderr
        print(f"sharinggraph serve: {self.client_address[0]} {format % args}"[:400], file=sys.stderr, flush=True)

    def _send(self, status: int, body: bytes, content_type: str, *headers: tuple[str, str]) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Content-Security-Policy", "default-src 'self'; script-src 'unsafe-inline'; style-src 'unsafe-inline'")
        for name, value in headers:
            self.send_header(name, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _json(self, status: int, payload, *headers: tuple[str, str]) -> None:
        content_type = "application/sparql-results+json" if "head" in payload or "boolean" in payload else "application/json"
        self._send(status, json.dumps(payload).encode("utf-8"), content_type, *headers)

    def _answer(self, status: int, payload, *headers: tuple[str, str]) -> None:
        """A SPARQL answer (a serialised :class:`protocol.Body`) or an error (JSON)."""
        if isinstance(payload, protocol.Body):
            self._send(status, payload.data, payload.content_type, ("Vary", "Accept"), *headers)
        else:
            self._json(status, payload, *headers)

    def _body(self) -> bytes | None:
        """The request body, or None once an error has been answered (no length, or over MAX_BODY)."""
        if self.headers.get("Transfer-Encoding"):
            self._json(411, {"error": "send the body with a Content-Length"})
            return None
        try:
            length = int(self.headers.get("Content-Length") or 0)
        except ValueError:
            length = -1
        if not 0 <= length <= MAX_BODY:
            status = 413 if length > MAX_BODY else 400
            self._json(status, {"error": f"the request body must be 0 to {MAX_BODY} bytes"}, ("Connection", "close"))
            return None
        return self.rfile.read(length)


class _Busy(_Base):
    """Every pool thread is busy: read the request (so the connection closes cleanly), answer 503."""

    def parse_request(self) -> bool:  # noqa: D102 - http.server hook
        if super().parse_request() and self._body() is not None:
            self._json(503, {"error": "the server is busy: try again shortly"}, ("Retry-After", "1"))
        return False


def make_handler(state: ServerState):
    """A request handler class bound to ``state``."""

    class Handler(_Base):
        def parse_request(self) -> bool:  # noqa: D102 - http.server hook: the Host check for every method
            if not super().parse_request():
                return False
            if host_allowed(self.headers.get("Host"), *self.server.server_address[:2]):
                _REQUEST.connection = self.connection
                return True
            self._json(421, {"error": "the Host header does not name this server"})
            return False

        def do_GET(self):  # noqa: N802 - http.server API
            url = urlparse(self.path)
            params = {k: v[-1] for k, v in parse_qs(url.query, keep_blank_values=True).items()}
            if url.path == "/":
                self._send(200, workbench.page(), "text/html; charset=utf-8")
            elif url.path == "/api/queries":
                self._json(200, workbench.library_json(state.library))
            elif url.path == "/api/prefixes":
                self._json(200, workbench.prefixes_json())
            elif url.path == "/api/values":
                self._api(lambda: workbench.values_json(state.resolver, params.get("kind", "")))
            elif url.path == "/api/describe":
                self._api(lambda: workbench.neighbourhood_json(_store(state), params.get("iri", "")))
            elif url.path == "/api/run":
                self._json(*state.run(_library_job(state, params.pop("id", ""), params)))
            elif url.path == "/sparql":
                self._sparql(protocol.parse_get(url.query))
            else:
                self._json(404, {"error": f"no such page: {url.path}"})

        def do_POST(self):  # noqa: N802 - http.server API
            body = self._body()
            if body is None:
                return
            url = urlparse(self.path)
            if url.path == "/api/labels":
                self._api(lambda: workbench.labels_json(_store(state), workbench.json_body(body)))
            elif url.path != "/sparql":
                self._json(405, {"error": "this server is read-only"}, ("Allow", "GET, HEAD"))
            else:
                self._sparql(protocol.parse_post(self.headers.get("Content-Type", ""), url.query, body))

        do_HEAD = do_GET  # noqa: N815 - the GET answer's headers; _send writes no body

        def do_PUT(self):  # noqa: N802 - http.server API
            allowed = "GET, HEAD, POST" if urlparse(self.path).path == "/sparql" else "GET, HEAD"
            self._json(405, {"error": "this server is read-only"}, ("Allow", allowed))

        do_DELETE = do_PATCH = do_PUT  # noqa: N815

        def _api(self, make) -> None:
            """200 with what ``make`` returns, or 400 with its error's one line."""
            try:
                self._json(200, make())
            except SharingGraphError as exc:
                self._json(400, {"error": str(exc)})

        def _sparql(self, request: protocol.Request | protocol.Refusal) -> None:
            accept = self.headers.get("Accept")
            if isinstance(request, protocol.Refusal):
                self._json(request.status, {"error": request.message})
            elif request.query is None:
                self._answer(*protocol.service_description(f"http://{self.headers['Host']}/sparql", accept))
            else:
                from ..store.engine import store_for

                self._answer(*state.run(protocol.query_job(store_for(state.dataset), request, accept)))

    return Handler


def _store(state: ServerState):
    from ..store.engine import store_for

    return store_for(state.dataset)


class BoundedServer(HTTPServer):
    """An HTTP server on a bounded pool of threads; when all are busy, a few more answer 503."""

    request_queue_size = BACKLOG

    def __init__(self, address, handler, workers: Workers, threads: int = THREADS):
        super().__init__(address, handler)
        self.workers = workers
        self._pool, self._free = ThreadPoolExecutor(threads), threading.BoundedSemaphore(threads)
        self._refusers, self._refusers_free = ThreadPoolExecutor(REFUSERS), threading.BoundedSemaphore(REFUSERS)
        self._open: set[socket.socket] = set()
        self._changed = threading.Condition()

    def process_request(self, request, client_address) -> None:  # noqa: D102 - socketserver hook
        if self._free.acquire(blocking=False):
            self._pool.submit(self._handle, self.RequestHandlerClass, request, client_address, self._free)
        else:  # waits for a refuser; meanwhile new connections queue in the listen backlog
            self._refusers_free.acquire()
            self._refusers.submit(self._handle, _Busy, request, client_address, self._refusers_free)

    def _handle(self, handler, request, client_address, free) -> None:
        with self._changed:
            self._open.add(request)
        try:
            handler(request, client_address, self)
        except Exception:  # noqa: BLE001 - one request's failure must not stop the server
            self.handle_error(request, client_address)
        finally:
            with self._changed:
                self._open.discard(request)
                self._changed.notify_all()
            self.shutdown_request(request)
            free.release()

    def handle_error(self, request, client_address) -> None:  # noqa: D102 - a client that left is not news
        error = sys.exc_info()[1]
        if not isinstance(error, OSError):
            print(f"sharinggraph serve: a request failed: {error!r}"[:300], file=sys.stderr)

    def server_close(self) -> None:
        """Stop listening, end the workers, let requests answer for a second, then cut the rest."""
        super().server_close()
        self.workers.stop()
        with self._changed:
            self._changed.wait_for(lambda: not self._open, 1.0)
            for request in self._open:
                try:
                    request.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass
        for pool in (self._pool, self._refusers):
            pool.shutdown(wait=False, cancel_futures=True)


def make_server(state: ServerState, host: str, port: int) -> BoundedServer:
    """A server for ``state`` bound to ``host:port`` (port 0 picks a free one).

    The Oxigraph query store is loaded first, so every forked worker inherits it.
    """
    from ..store.engine import store_for

    store_for(state.dataset)
    return BoundedServer((host, port), make_handler(state), state.workers)


def serve_until_stopped(server: BoundedServer) -> None:
    """Serve until SIGINT or SIGTERM; then end the workers and close the server."""

    def interrupt(signum, frame):
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, interrupt)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        signal.signal(signal.SIGTERM, previous)
        server.server_close()
