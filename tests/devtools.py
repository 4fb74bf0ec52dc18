"""Headless Chromium driven over the DevTools protocol on a pipe, for tests that press keys in a page.

No extra package and no port: Chromium reads commands from fd 3 and answers on fd 4
(``--remote-debugging-pipe``), one JSON message per NUL-terminated record.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import time
from pathlib import Path

_KEY_CODES = {"Enter": 13, "Tab": 9, "ArrowRight": 39, "ArrowLeft": 37}


class Page:
    """One page in a fresh offline headless Chromium (a closed proxy: no request can leave)."""

    def __init__(self, url: str, profile: Path, timeout: float = 60):
        commands_read, self._commands = os.pipe()
        self._answers, answers_write = os.pipe()

        def onto_fds_3_and_4():  # via fresh copies, so that neither end is overwritten before it is moved
            read, write = os.dup(commands_read), os.dup(answers_write)
            os.dup2(read, 3)
            os.dup2(write, 4)

        self._process = subprocess.Popen(
            [shutil.which("chromium"), "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
             "--disable-background-networking", f"--user-data-dir={profile}", "--proxy-server=127.0.0.1:9",
             "--window-size=1600,1000", "--remote-debugging-pipe", "about:blank"],
            close_fds=False, preexec_fn=onto_fds_3_and_4, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(commands_read)
        os.close(answers_write)
        self._pending, self._last_id, self._deadline = b"", 0, time.monotonic() + timeout
        target = self._send("Target.createTarget", url=url)["targetId"]
        self._session = self._send("Target.attachToTarget", targetId=target, flatten=True)["sessionId"]

    def _send(self, method: str, session: str | None = None, **params) -> dict:
        self._last_id += 1
        message = {"id": self._last_id, "method": method, "params": params, **({"sessionId": session} if session else {})}
        os.write(self._commands, json.dumps(message).encode() + b"\0")
        while True:
            while b"\0" not in self._pending:
                if time.monotonic() > self._deadline:
                    raise TimeoutError(f"chromium did not answer {method}")
                chunk = os.read(self._answers, 65536)
                if not chunk:
                    raise RuntimeError("chromium closed the DevTools pipe")
                self._pending += chunk
            record, self._pending = self._pending.split(b"\0", 1)
            answer = json.loads(record)
            if answer.get("id") == self._last_id:
                if "error" in answer:
                    raise RuntimeError(f"{method}: {answer['error']}")
                return answer["result"]

    def evaluate(self, expression: str):
        """The value of a JavaScript expression in the page."""
        return self._send("Runtime.evaluate", self._session, expression=expression, returnByValue=True)["result"].get("value")

    def wait_for(self, expression: str, seconds: float = 30):
        """Wait until the expression is truthy; return its value."""
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            value = self.evaluate(expression)
            if value:
                return value
            time.sleep(0.1)
        raise TimeoutError(expression)

    def type(self, text: str) -> None:
        """Type text into the focused element."""
        self._send("Input.insertText", self._session, text=text)

    def press(self, key: str) -> None:
        """Press and release a key (Enter, Tab, arrows) as the keyboard would."""
        for kind in ("keyDown", "keyUp"):
            params = {"type": kind, "key": key, "code": key, "windowsVirtualKeyCode": _KEY_CODES[key]}
            if key == "Enter" and kind == "keyDown":
                params["text"] = "\r"
            self._send("Input.dispatchKeyEvent", self._session, **params)

    def close(self) -> None:
        self._process.kill()
        self._process.wait()
        os.close(self._commands)
        os.close(self._answers)
