"""Status lines go to stderr, never stdout; -q silences them, -v adds each build stage."""

from __future__ import annotations

from sharinggraph.cli import main
from sharinggraph.load.build import STAGES


def test_wrote_lines_go_to_stderr_and_quiet_silences_them(tmp_path, capsys):
    target = tmp_path / "lost.csv"
    assert main(["query", "run", "lost-lists", "--format", "csv", "-o", str(target)]) == 0
    out, err = capsys.readouterr()
    assert out == "" and f"wrote {target}" in err
    assert main(["query", "run", "lost-lists", "--format", "csv", "-o", str(target), "-q"]) == 0
    assert capsys.readouterr() == ("", "")
    assert main(["-q", "query", "run", "lost-lists", "--format", "csv", "-o", str(target)]) == 0
    assert capsys.readouterr() == ("", "")


def test_verbose_names_each_build_stage_and_the_summary_stays_on_stdout(tmp_path, capsys):
    assert main(["build", "--out", str(tmp_path / "out"), "-v"]) == 0
    out, err = capsys.readouterr()
    assert out.startswith("provenance:") and "wrote" not in out
    lines = err.splitlines()
    assert [line for line in lines if line in STAGES] == list(STAGES)  # no progress bar: stderr is not a terminal
    assert f"wrote {tmp_path / 'out' / 'store'}" in lines


def _on_a_terminal(monkeypatch, step) -> str:
    """What ``step`` writes to stderr when stderr is a terminal (a pseudo-terminal here)."""
    import fcntl
    import os
    import pty
    import select
    import struct
    import sys
    import termios

    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 100, 0, 0))  # 100 columns, as a terminal has
    shown = b""
    with os.fdopen(follower, "w", buffering=1) as terminal, monkeypatch.context() as patched:
        patched.setattr(sys, "stderr", terminal)
        step()
        terminal.flush()
        # read what the terminal holds before its last writer closes (then it reads as EIO); a pty passes
        # writes on asynchronously, so wait a moment for each chunk
        while select.select([leader], [], [], 0.5)[0]:
            shown += os.read(leader, 65536)
    os.close(leader)
    return shown.decode("utf-8", "replace")


def test_a_long_step_shows_its_elapsed_time_on_a_terminal_and_clears_it(monkeypatch, capsys):
    import time

    from sharinggraph.cli.status import waiting

    def long_step():
        with waiting("exporting html", after=0.3):
            time.sleep(1.9)  # refreshed at 0.3, 0.8, 1.3 and 1.8 s

    def short_step():
        with waiting("exporting csv", after=0.3):
            time.sleep(0.05)

    shown = _on_a_terminal(monkeypatch, long_step)
    assert "exporting html: 00:01" in shown  # the step's own time, counted from its start
    assert shown.rstrip(" ").endswith("\r")  # cleared at the end: the next line starts clean
    assert _on_a_terminal(monkeypatch, short_step) == ""  # a quick step shows nothing
    with waiting("exporting html", after=0.0):  # not a terminal (pytest's capture): nothing at all
        time.sleep(0.6)
    assert capsys.readouterr() == ("", "")
