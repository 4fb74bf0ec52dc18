"""Headless Chromium driven over the DevTools protocol (``--remote-debugging-pipe``), for browser tests
that need real input: a mouse click at a point, a hover, the Tab key, and every request the page makes.

The pipe is Chromium's own transport (file descriptors 3 and 4, JSON messages ending in NUL), so no
websocket library and no port are needed.
"""

from __future__ import annotations

import json
import os
import select
import shutil
import time
from pathlib import Path

import pytest

from conftest import CHROMIUM_FLAGS

_KEY_CODES = {"Enter": 13, "Tab": 9, "Escape": 27, "ArrowRight": 39, "ArrowLeft": 37}


class Browser:
    """One headless Chromium with one page, attached over the pipe."""

    def __init__(self, profile: Path, width: int = 1600, height: int = 1000):
        binary = shutil.which("chromium")
        if binary is None:
            if os.environ.get("CI"):
                pytest.fail("chromium is not installed (.ci/run installs Debian chromium)")
            pytest.skip("chromium is not installed: apt-get install chromium")
        to_browser, self._commands = os.pipe()
        self._replies, from_browser = os.pipe()
        flags = [flag for flag in CHROMIUM_FLAGS if not flag.startswith("--virtual-time-budget")]
        argv = [binary, *flags, f"--user-data-dir={profile}", "--proxy-server=127.0.0.1:9",
                f"--window-size={width},{height}", "--remote-debugging-pipe", "about:blank"]
        devnull = os.open(os.devnull, os.O_WRONLY)
        self.pid = os.posix_spawn(binary, argv, os.environ, file_actions=[
            (os.POSIX_SPAWN_DUP2, to_browser, 3), (os.POSIX_SPAWN_DUP2, from_browser, 4),
            (os.POSIX_SPAWN_DUP2, devnull, 1), (os.POSIX_SPAWN_DUP2, devnull, 2)])
        for fd in (to_browser, from_browser, devnull):
            os.close(fd)
        self._buffer, self._next, self.events = b"", 0, []
        target = next(t for t in self.send("Target.getTargets")["targetInfos"] if t["type"] == "page")
        self.session = self.send("Target.attachToTarget", targetId=target["targetId"], flatten=True)["sessionId"]

    def send(self, method: str, session: str | None = None, **params) -> dict:
        """Send one command and wait for its answer (events that arrive meanwhile are kept)."""
        self._next += 1
        message = {"id": self._next, "method": method, "params": params}
        if session:
            message["sessionId"] = session
        os.write(self._commands, json.dumps(message).encode() + b"\0")
        while True:
            reply = self._read()
            if reply.get("id") == self._next:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply.get("result", {})
            self.events.append(reply)

    def page(self, method: str, **params) -> dict:
        """A command to the page's session."""
        return self.send(method, session=self.session, **params)

    def _read(self, timeout: float = 60) -> dict:
        deadline = time.monotonic() + timeout
        while b"\0" not in self._buffer:
            ready, _, _ = select.select([self._replies], [], [], max(0.0, deadline - time.monotonic()))
            if not ready:
                raise TimeoutError("chromium did not answer")
            chunk = os.read(self._replies, 1 << 20)
            if not chunk:
                raise RuntimeError("chromium closed the pipe")
            self._buffer += chunk
        message, self._buffer = self._buffer.split(b"\0", 1)
        return json.loads(message)

    def open(self, url: str) -> None:
        """Load ``url`` and wait for its load event, recording every request it makes."""
        self.page("Network.enable")
        self.page("Page.enable")
        self.page("Page.navigate", url=url)
        while not any(e.get("method") == "Page.loadEventFired" for e in self.events):
            self.events.append(self._read())

    def requests(self) -> list[str]:
        """The addresses of every request the page made."""
        return [e["params"]["request"]["url"] for e in self.events if e.get("method") == "Network.requestWillBeSent"]

    def evaluate(self, expression: str):
        """The value of a JavaScript expression in the page."""
        return self.page("Runtime.evaluate", expression=expression, returnByValue=True)["result"].get("value")

    def centre_of(self, selector: str) -> tuple[float, float]:
        """Scroll the element into view and give the middle of its first line box."""
        box = self.evaluate(f"(function(){{var e=document.querySelector({json.dumps(selector)});e.scrollIntoView({{block:'center'}});"
                            "var r=e.getClientRects()[0];return [r.left+r.width/2,r.top+r.height/2];})()")
        return box[0], box[1]

    def click(self, x: float, y: float) -> None:
        """A left click at (x, y), as a mouse makes it: move, press, release."""
        self.page("Input.dispatchMouseEvent", type="mouseMoved", x=x, y=y)
        for kind in ("mousePressed", "mouseReleased"):
            self.page("Input.dispatchMouseEvent", type=kind, x=x, y=y, button="left", clickCount=1)

    def hover(self, x: float, y: float) -> None:
        """Move the mouse to (x, y)."""
        self.page("Input.dispatchMouseEvent", type="mouseMoved", x=x, y=y)

    def key(self, key: str, code: str, keycode: int) -> None:
        """Press and release one key (Tab, Escape ...)."""
        for kind in ("rawKeyDown", "keyUp"):
            self.page("Input.dispatchKeyEvent", type=kind, key=key, code=code, windowsVirtualKeyCode=keycode)

    def wait_for(self, expression: str, seconds: float = 30):
        """Wait until the expression is truthy in the page; return its value."""
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            value = self.evaluate(expression)
            if value:
                return value
            time.sleep(0.1)
        raise TimeoutError(expression)

    def type(self, text: str) -> None:
        """Type text into the focused element."""
        self.page("Input.insertText", text=text)

    def press(self, key: str) -> None:
        """Press and release a key (Enter, Tab, Escape, arrows) as the keyboard would, Enter with its text."""
        for kind in ("keyDown", "keyUp"):
            params = {"type": kind, "key": key, "code": key, "windowsVirtualKeyCode": _KEY_CODES[key]}
            if key == "Enter" and kind == "keyDown":
                params["text"] = "\r"
            self.page("Input.dispatchKeyEvent", **params)

    def close(self) -> None:
        """Close the browser and reap it."""
        try:
            self.send("Browser.close")
        except (RuntimeError, TimeoutError, OSError):
            pass
        os.close(self._commands)
        os.close(self._replies)
        try:
            os.waitpid(self.pid, 0)
        except ChildProcessError:
            pass
