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
