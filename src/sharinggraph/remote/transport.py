"""HTTP to SPARQL endpoints: one POST per request, no redirects, credentials kept to their origin,
every request bounded by a read timeout and a total deadline, and nothing secret in a message."""

from __future__ import annotations

import base64
import http.client
import re
import socket
import threading
import time
from dataclasses import dataclass, field
from urllib.parse import unquote, urlencode, urlsplit

from ..errors import EndpointError, InputError

READ_TIMEOUT = 30.0
DEADLINE = 300.0
EXCERPT = 200
MAX_ANSWER = 256 * 2**20
_USERINFO = re.compile(r"(?<=://)\S*@")  # to the last @: a password may hold an unescaped @ or /
_AUTH_HEADER = re.compile(r"(?i)\b((?:proxy-)?authori[sz]ation)\b[\"']?\s*[:=]\s*[\"']?\S*(?:[ \t]+[\w.~+/=-]+)?")
_AUTH_TOKEN = re.compile(r"(?i)\b(basic|bearer|digest|negotiate)\s+[\w.~+/=-]{4,}")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]+")


@dataclass(frozen=True)
class Endpoint:
    """An endpoint URL without user-info, and the credentials given for its origin only."""

    url: str
    shown: str
    authorization: str | None = field(default=None, repr=False)
    secrets: tuple[str, ...] = field(default=(), repr=False)

    def __str__(self) -> str:
        return self.shown


class Budget:
    """A read timeout for each socket operation and one deadline for every request made under it."""

    def __init__(self, timeout: float = READ_TIMEOUT, deadline: float = DEADLINE):
        self.timeout, self.deadline = timeout, deadline
        self._end = time.monotonic() + deadline

    def left(self) -> float:
        """Seconds left before the deadline (0 when it has passed)."""
        return max(0.0, self._end - time.monotonic())


def redact(text: str) -> str:
    """``text`` with the user-info of every URL in it replaced by ``***``."""
    return _USERINFO.sub("***@", text)


def origin(url: str) -> tuple[str, str, int | None]:
    """Scheme, host and port of ``url``: where credentials given for it may go."""
    parts = urlsplit(url)
    try:
        port = parts.port
    except ValueError:
        port = None
    return parts.scheme.lower(), (parts.hostname or "").lower(), port or {"http": 80, "https": 443}.get(parts.scheme.lower())


def endpoint(url: str, user: str | None = None, password: str | None = None) -> Endpoint:
    """An :class:`Endpoint` for ``url``: user-info in it wins over ``user``/``password``.

    :raises InputError: not an http(s) URL with a host, or a port that is not a number.
    """
    parts = urlsplit(url)
    try:
        parts.port
    except ValueError:
        raise InputError(f"endpoint {redact(url)}: the port is not a number from 0 to 65535") from None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise InputError(f"endpoint {redact(url)}: give an http:// or https:// URL with a host")
    netloc = parts.netloc.rpartition("@")[2]
    plain = parts._replace(netloc=netloc, fragment="").geturl()
    if "@" in parts.netloc:
        user, password = unquote(parts.username or ""), unquote(parts.password or "")
    shown = redact(parts._replace(fragment="").geturl())
    if not user:
        return Endpoint(plain, shown)
    token = base64.b64encode(f"{user}:{password or ''}".encode()).decode("ascii")
    secrets = tuple(s for s in (token, password, f"{user}:{password}") if s)
    return Endpoint(plain, shown, f"Basic {token}", secrets)


def scrub(text: str, secrets: tuple[str, ...] = (), limit: int = EXCERPT) -> str:
    """One line of at most ``limit`` characters from text an endpoint sent: no credentials, no controls."""
    for secret in sorted(secrets, key=len, reverse=True):
        text = text.replace(secret, "***")
    text = _AUTH_TOKEN.sub(r"\1 ***", _AUTH_HEADER.sub(r"\1: ***", redact(text)))
    text = " ".join(_CONTROL.sub(" ", text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def post(target: Endpoint, fields: list[tuple[str, str]], accept: str, budget: Budget) -> bytes:
    """POST ``fields`` form-encoded to ``target`` and return the body of a 2xx answer (see :func:`send`)."""
    return send(target, "POST", urlencode(fields).encode("utf-8"), "application/x-www-form-urlencoded", accept, budget)


def send(target: Endpoint, method: str, body: bytes | None, content_type: str | None, accept: str, budget: Budget,
         parameters: list[tuple[str, str]] = ()) -> bytes:
    """Send one request to ``target`` (``parameters`` added to its URL) and return the body of a 2xx answer.

    :raises EndpointError: no connection, a redirect (never followed), an error status, an answer
        that is not HTTP, silence longer than the read timeout, or no whole answer by the deadline.
    """
    if budget.left() <= 0:
        raise EndpointError(f"endpoint {target}: the {budget.deadline:g} s deadline passed before the request")
    parts = urlsplit(target.url)
    query = "&".join(part for part in (parts.query, urlencode(parameters)) if part)
    path = (parts.path or "/") + (f"?{query}" if query else "")
    headers = {"Accept": accept, "User-Agent": "sharinggraph", "Connection": "close"}
    if content_type:
        headers["Content-Type"] = content_type
    if target.authorization:
        headers["Authorization"] = target.authorization
    kind = http.client.HTTPSConnection if parts.scheme == "https" else http.client.HTTPConnection
    connection = kind(parts.hostname, parts.port, timeout=min(budget.timeout, budget.left()))
    expired = threading.Event()
    watchdog = threading.Timer(budget.left(), _cut, (connection, expired))
    watchdog.daemon = True
    watchdog.start()
    try:
        connection.request(method, path, body, headers)
        response = connection.getresponse()
        answer = response.read(MAX_ANSWER + 1)
    except (OSError, http.client.HTTPException) as exc:
        raise EndpointError(_failure(target, exc, budget, expired.is_set())) from None
    finally:
        watchdog.cancel()
        connection.close()
    if expired.is_set():
        raise EndpointError(f"endpoint {target} gave no whole answer within the {budget.deadline:g} s deadline")
    _check_status(target, response, answer)
    return answer


def _cut(connection: http.client.HTTPConnection, expired: threading.Event) -> None:
    """At the deadline: end the connection, which wakes a read that is waiting on it."""
    expired.set()
    if connection.sock is not None:
        try:
            connection.sock.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass


def _check_status(target: Endpoint, response: http.client.HTTPResponse, body: bytes) -> None:
    status, reason = response.status, scrub(response.reason or "", target.secrets, 60)
    if 300 <= status < 400:
        location = scrub(response.getheader("Location") or "nowhere", target.secrets, 120)
        raise EndpointError(f"endpoint {target} answered {status} {reason}, a redirect to {location}: "
                            "redirects are not followed; give the endpoint's own address")
    if not 200 <= status < 300:
        detail = scrub(body.decode("utf-8", "replace"), target.secrets)
        raise EndpointError(f"endpoint {target} answered {status} {reason}" + (f": {detail}" if detail else ""))
    if len(body) > MAX_ANSWER:
        raise EndpointError(f"endpoint {target} answered with more than {MAX_ANSWER // 2**20} MiB")


def _failure(target: Endpoint, exc: Exception, budget: Budget, expired: bool) -> str:
    if expired:
        return f"endpoint {target} gave no whole answer within the {budget.deadline:g} s deadline"
    if isinstance(exc, TimeoutError):
        return f"endpoint {target} sent nothing for {budget.timeout:g} s (read timeout)"
    if isinstance(exc, http.client.RemoteDisconnected):
        return f"endpoint {target} closed the connection without answering"
    if isinstance(exc, http.client.BadStatusLine):
        return f"endpoint {target} did not answer in HTTP (it sent {scrub(str(exc), target.secrets, 60)!r})"
    if isinstance(exc, http.client.HTTPException):
        return f"endpoint {target} sent a malformed HTTP answer ({type(exc).__name__})"
    reason = getattr(exc, "strerror", None) or str(exc)
    return f"cannot reach endpoint {target}: {scrub(reason, target.secrets, 120)}"

