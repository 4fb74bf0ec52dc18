"""A local, read-only SPARQL endpoint over the built graph, with a query page that needs no network.

Routes: ``/`` the query page; ``/api/queries`` the library as JSON; ``/api/run?id=ID&NAME=VALUE``
runs a library query with bound parameters; ``/sparql`` is a SPARQL 1.1 query endpoint (GET
``query=``, or POST ``application/sparql-query`` / form). Updates, SERVICE and FROM are refused.
Every query runs in a forked worker that is stopped when the time limit passes.
"""

from __future__ import annotations

import json
import multiprocessing
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib import resources as package_resources
from urllib.parse import parse_qs, urlparse

from rdflib import Dataset

from .errors import SharingGraphError
from .queries import QueryLibrary
from .render import results_json
from .resolve import Resolver
from .runner import bind, run_local
from .sparql import guard, run

_FORK = multiprocessing.get_context("fork")


@dataclass
class ServerState:
    """What every request reads: the dataset, the library, the resolver and the time limit."""

    dataset: Dataset
    library: QueryLibrary
    resolver: Resolver
    timeout: float


def _worker(connection, state: ServerState, query_id: str | None, text: str | None, raw: dict) -> None:
    try:
        if query_id is not None:
            bound = bind(state.library.get(query_id), raw, state.resolver)
            result = run_local(state.dataset, bound)
        else:
            result = run(state.dataset, text)
        connection.send((200, results_json(result)))
    except SharingGraphError as exc:
        connection.send((400, {"error": str(exc)}))
    except Exception as exc:  # noqa: BLE001 - any engine failure becomes a 500 answer, not a dead worker
        connection.send((500, {"error": f"query failed: {' '.join(str(exc).split())[:300]}"}))
    finally:
        connection.close()


def run_with_time_limit(state: ServerState, query_id: str | None, text: str | None, raw: dict) -> tuple[int, dict]:
    """Run one query in a forked worker; stop it and answer 503 when it exceeds the time limit."""
    receiver, sender = _FORK.Pipe(duplex=False)
    process = _FORK.Process(target=_worker, args=(sender, state, query_id, text, raw), daemon=True)
    process.start()
    sender.close()
    try:
        if receiver.poll(state.timeout):
            return receiver.recv()
        return 503, {"error": f"query stopped after the {state.timeout:g} s time limit"}
    except EOFError:
        return 500, {"error": "query worker ended without an answer"}
    finally:
        if process.is_alive():
            process.terminate()
        process.join(1)
        receiver.close()


def library_json(library: QueryLibrary) -> list[dict]:
    """The library as the query page shows it."""
    return [
        {
            "id": spec.id,
            "summary": spec.summary,
            "description": spec.description,
            "kind": spec.kind,
            "tags": list(spec.tags),
            "example": {k: str(v) for k, v in spec.example.items()},
            "params": {
                name: {"type": p.type, "description": p.description, "required": p.required,
                       "default": None if p.default is None else str(p.default)}
                for name, p in spec.params.items()
            },
        }
        for spec in library.list()
    ]


def _page() -> bytes:
    return package_resources.files("sharinggraph").joinpath("query_page.html").read_bytes()


def make_handler(state: ServerState):
    """A request handler class bound to ``state``."""

    class Handler(BaseHTTPRequestHandler):
        server_version = "sharinggraph"

        def log_message(self, *args):  # quiet: the CLI prints one line at start-up
            return

        def _send(self, status: int, body: bytes, content_type: str) -> None:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Content-Security-Policy", "default-src 'self'; script-src 'unsafe-inline'; style-src 'unsafe-inline'")
            self.end_headers()
            self.wfile.write(body)

        def _json(self, status: int, payload) -> None:
            content_type = "application/sparql-results+json" if "head" in payload or "boolean" in payload else "application/json"
            self._send(status, json.dumps(payload).encode("utf-8"), content_type)

        def do_GET(self):  # noqa: N802 - http.server API
            url = urlparse(self.path)
            params = {k: v[-1] for k, v in parse_qs(url.query, keep_blank_values=True).items()}
            if url.path == "/":
                self._send(200, _page(), "text/html; charset=utf-8")
            elif url.path == "/api/queries":
                self._json(200, library_json(state.library))
            elif url.path == "/api/run":
                query_id = params.pop("id", "")
                self._json(*run_with_time_limit(state, query_id, None, params))
            elif url.path == "/sparql":
                self._sparql(params)
            else:
                self._json(404, {"error": f"no such page: {url.path}"})

        def do_POST(self):  # noqa: N802 - http.server API
            url = urlparse(self.path)
            if url.path != "/sparql":
                self._json(405, {"error": "this server is read-only"})
                return
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length).decode("utf-8", "replace")
            if self.headers.get("Content-Type", "").startswith("application/sparql-query"):
                params = {"query": body}
            else:
                params = {k: v[-1] for k, v in parse_qs(body, keep_blank_values=True).items()}
            self._sparql(params)

        def do_PUT(self):  # noqa: N802 - http.server API
            self._json(405, {"error": "this server is read-only"})

        do_DELETE = do_PATCH = do_PUT  # noqa: N815

        def _sparql(self, params: dict) -> None:
            if "update" in params:
                self._json(403, {"error": "this server is read-only: SPARQL Update is refused"})
                return
            if "query" not in params:
                self._json(400, {"error": "missing 'query' parameter"})
                return
            try:
                guard(params["query"])
            except SharingGraphError as exc:
                self._json(400, {"error": str(exc)})
                return
            self._json(*run_with_time_limit(state, None, params["query"], {}))

    return Handler


def make_server(state: ServerState, host: str, port: int) -> ThreadingHTTPServer:
    """A server for ``state`` on ``host:port``; the query store is loaded first, so workers inherit it."""
    from .engine import store_for

    store_for(state.dataset)
    return _server(state, host, port)


def _server(state: ServerState, host: str, port: int) -> ThreadingHTTPServer:
    """An HTTP server for ``state`` bound to ``host:port`` (port 0 picks a free one)."""
    return ThreadingHTTPServer((host, port), make_handler(state))
