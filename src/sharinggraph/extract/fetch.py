"""Fetches a notice from an http(s) address: one GET, no redirects, no credentials, a read
timeout, a total deadline and a size limit; the answer is kept with its address, retrieval date
and sha256 (the HTTP rules of :mod:`sharinggraph.remote.transport`)."""

from __future__ import annotations

import hashlib
import http.client
import threading
from dataclasses import dataclass
from datetime import datetime, timezone
from urllib.parse import urlsplit

from ..errors import EndpointError, InputError
from ..remote.transport import Budget, scrub
from ..remote.transport import _cut  # noqa: PLC2701 - the one deadline cut, shared with the SPARQL client

SIZE_LIMIT = 16 * 2**20
ACCEPT = "text/html, application/xhtml+xml, application/pdf, text/plain;q=0.9, */*;q=0.1"


@dataclass(frozen=True)
class Fetched:
    """The bytes an address answered with, and what the answer said they are."""

    address: str
    body: bytes
    content_type: str
    retrieved: str  # ISO date (UTC) of retrieval
    sha256: str


def check_address(address: str) -> str:
    """``address`` when it is an http(s) URL with a host and no user-info.

    :raises InputError: another scheme, no host, credentials in the address or a bad port.
    """
    parts = urlsplit(address)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise InputError(f"{address}: give an http:// or https:// address with a host")
    if "@" in parts.netloc:
        raise InputError("the address holds credentials (user@host): notices are public, give the address without them")
    try:
        parts.port
    except ValueError:
        raise InputError(f"{address}: the port is not a number from 0 to 65535") from None
    return parts._replace(fragment="").geturl()


def fetch(address: str, timeout: float = 20.0, deadline: float = 60.0, limit: int = SIZE_LIMIT) -> Fetched:
    """GET ``address`` and return its body.

    :raises InputError: the address itself cannot be used.
    :raises EndpointError: (exit 3) no connection, a redirect (never followed), an error status,
        silence longer than ``timeout``, no whole answer within ``deadline``, or more than ``limit`` bytes.
    """
    address = check_address(address)
    parts = urlsplit(address)
    budget = Budget(timeout, deadline)
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    kind = http.client.HTTPSConnection if parts.scheme == "https" else http.client.HTTPConnection
    connection = kind(parts.hostname, parts.port, timeout=timeout)
    expired = threading.Event()
    watchdog = threading.Timer(budget.left(), _cut, (connection, expired))
    watchdog.daemon = True
    watchdog.start()
    try:
        connection.request("GET", path, headers={"Accept": ACCEPT, "User-Agent": "sharinggraph", "Connection": "close"})
        response = connection.getresponse()
        body = response.read(limit + 1)
    except (OSError, http.client.HTTPException) as exc:
        if expired.is_set():
            raise EndpointError(f"{address}: no whole answer within the {deadline:g} s deadline") from None
        if isinstance(exc, TimeoutError):
            raise EndpointError(f"{address}: sent nothing for {timeout:g} s (read timeout)") from None
        reason = getattr(exc, "strerror", None) or type(exc).__name__
        raise EndpointError(f"cannot fetch {address}: {scrub(str(reason), (), 120)}") from None
    finally:
        watchdog.cancel()
        connection.close()
    if expired.is_set():
        raise EndpointError(f"{address}: no whole answer within the {deadline:g} s deadline")
    status = response.status
    if 300 <= status < 400:
        location = scrub(response.getheader("Location") or "nowhere", (), 120)
        raise EndpointError(f"{address} answered {status}, a redirect to {location}: redirects are not "
                            "followed; give the notice's own address")
    if not 200 <= status < 300:
        raise EndpointError(f"{address} answered {status} {scrub(response.reason or '', (), 60)}")
    if len(body) > limit:
        raise EndpointError(f"{address} answered with more than {limit // 2**20} MiB")
    return Fetched(address, body, response.getheader("Content-Type") or "",
                   datetime.now(timezone.utc).date().isoformat(), hashlib.sha256(body).hexdigest())

