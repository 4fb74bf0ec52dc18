"""Screenshots of the query workbench running the headline query (`make run`).

Starts `sharinggraph serve` on a free loopback port, has headless Chromium open the workbench at the
address that runs who-may-receive (police data, s.11 Children Act 2004), writes OUT.png at
1600x1000 and OUT-1024.png at 1024x768, then stops the server with SIGTERM. Chromium gets a proxy
on a closed port, so a request off the server would fail. Usage: screenshot_workbench.py OUT.png
"""

from __future__ import annotations

import re
import shutil
import signal
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import urlencode

HEADLINE = {"run": "who-may-receive", "category": "police", "gateway": "s.11 Children Act 2004"}
SIZES = {"": "1600,1000", "-1024": "1024,768"}
START_TIMEOUT = 600


def _address(server: subprocess.Popen) -> str:
    """The workbench address the server prints when it is ready."""
    line = server.stdout.readline()
    found = re.search(r"serving (http://\S+/) ", line)
    if not found:
        raise SystemExit(f"screenshot_workbench: the server did not start: {line.strip() or 'no output'}")
    return found.group(1)


def _screenshot(browser: str, url: str, size: str, path: Path) -> None:
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(
            [browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run",
             f"--user-data-dir={profile}", "--proxy-server=127.0.0.1:9", "--virtual-time-budget=20000",
             f"--window-size={size}", f"--screenshot={path}", url],
            check=True, capture_output=True, timeout=180)
    print(f"wrote {path}", file=sys.stderr)


def main(target: str) -> int:
    browser = shutil.which("chromium")
    if browser is None:
        print("chromium not installed: no screenshot of the workbench", file=sys.stderr)
        return 0
    out = Path(target)
    server = subprocess.Popen([sys.executable, "-m", "sharinggraph", "serve", "--port", "0"],
                              stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        url = f"{_address(server)}?{urlencode(HEADLINE)}"
        for suffix, size in SIZES.items():
            _screenshot(browser, url, size, out.with_name(f"{out.stem}{suffix}{out.suffix}"))
    finally:
        server.send_signal(signal.SIGTERM)
        code = server.wait(timeout=30)
    if code != 0:
        print(f"screenshot_workbench: the server stopped with exit code {code}", file=sys.stderr)
    return code


if __name__ == "__main__":
    if len(sys.argv) != 2:
        raise SystemExit("usage: screenshot_workbench.py OUT.png")
    sys.exit(main(sys.argv[1]))
