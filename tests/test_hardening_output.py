"""The one output writer: regular files only, atomic, one line for anything it cannot write."""

import errno
import os
import socket
import stat

import pytest

from sharinggraph.cli import main
from sharinggraph.errors import InputError
from sharinggraph import output
from sharinggraph.output import check_target, write_file


def _one_line_error(capsys) -> str:
    """The one error line on stderr (a status line such as "building the store" may precede it)."""
    err = capsys.readouterr().err
    problems = [line for line in err.splitlines() if line.startswith("sharinggraph:")]
    assert len(problems) == 1 and "Traceback" not in err, err
    return problems[0] + "\n"


def _device(path):
    try:
        os.mknod(path, 0o644 | stat.S_IFCHR, os.makedev(1, 3))  # the null device
    except PermissionError:
        pytest.skip("making a device node needs CAP_MKNOD")


def test_query_run_refuses_a_device_and_leaves_it_alone(tmp_path, monkeypatch, capsys):
    """Issue 10: `mknod ./null c 1 3; sharinggraph query run lost-lists -o ./null`."""
    monkeypatch.chdir(tmp_path)
    _device(tmp_path / "null")
    assert main(["query", "run", "lost-lists", "-o", "./null"]) == 2
    assert "null: is a device" in _one_line_error(capsys)
    assert stat.S_ISCHR(os.lstat(tmp_path / "null").st_mode)
    assert sorted(os.listdir(tmp_path)) == ["null"]


def test_a_link_to_a_device_is_refused(tmp_path):
    (tmp_path / "out").symlink_to("/dev/null")
    with pytest.raises(InputError, match="symbolic link to a device"):
        write_file(tmp_path / "out", "x")
    assert os.path.islink(tmp_path / "out")


def test_folders_pipes_sockets_and_dangling_links_are_refused(tmp_path):
    (tmp_path / "folder").mkdir()
    os.mkfifo(tmp_path / "pipe")
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(tmp_path / "sock"))
    (tmp_path / "dangling").symlink_to(tmp_path / "absent")
    (tmp_path / "to-folder").symlink_to(tmp_path / "folder")
    try:
        for name, problem in [("folder", "is a folder"), ("pipe", "is a named pipe"), ("sock", "is a socket"),
                              ("dangling", "link to nothing"), ("to-folder", "link to a folder")]:
            with pytest.raises(InputError, match=problem):
                write_file(tmp_path / name, "x")
    finally:
        server.close()
    assert not (tmp_path / "absent").exists()
    assert sorted(os.listdir(tmp_path / "folder")) == []


def test_missing_parent_and_a_file_as_parent_are_refused(tmp_path):
    (tmp_path / "file").write_text("keep")
    with pytest.raises(InputError, match="does not exist"):
        check_target(tmp_path / "nowhere" / "out.csv")
    with pytest.raises(InputError, match="is not a folder"):
        check_target(tmp_path / "file" / "out.csv")


def test_a_regular_file_is_replaced_keeping_its_permissions(tmp_path):
    target = tmp_path / "report.txt"
    target.write_text("old")
    target.chmod(0o640)
    write_file(target, "new\n")
    assert target.read_text() == "new\n"
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert os.listdir(tmp_path) == ["report.txt"]


def test_a_link_to_a_regular_file_writes_the_file_and_keeps_the_link(tmp_path):
    (tmp_path / "real.txt").write_text("old")
    (tmp_path / "link.txt").symlink_to("real.txt")
    assert write_file(tmp_path / "link.txt", b"new") == tmp_path / "real.txt"
    assert os.path.islink(tmp_path / "link.txt") and (tmp_path / "real.txt").read_bytes() == b"new"


def _failing_write(code):
    def write(handle, data):
        raise OSError(code, os.strerror(code))
    return write


def test_a_full_disk_is_one_line_and_leaves_the_old_file(tmp_path, monkeypatch):
    target = tmp_path / "out.trig"
    target.write_text("old")
    with monkeypatch.context() as patch:
        patch.setattr(output.os, "write", _failing_write(errno.ENOSPC))
        with pytest.raises(InputError) as caught:
            write_file(target, "new")
    assert str(caught.value) == f"{target}: cannot write (No space left on device)"
    assert target.read_text() == "old" and os.listdir(tmp_path) == ["out.trig"]


def test_an_unwritable_folder_is_one_line(tmp_path, monkeypatch):
    def refuse(**_):
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(output.tempfile, "mkstemp", refuse)
    with pytest.raises(InputError, match=r"out.csv: cannot write \(Permission denied\)"):
        write_file(tmp_path / "out.csv", "x")


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into any folder")
def test_a_read_only_folder_is_refused_before_any_work(tmp_path):
    tmp_path.chmod(0o500)
    try:
        with pytest.raises(InputError, match="not writable"):
            check_target(tmp_path / "out.csv")
    finally:
        tmp_path.chmod(0o700)


@pytest.mark.parametrize("command", [
    ["query", "run", "lost-lists", "-o"],
    ["validate", "-o"],
    ["report", "network", "-o"],
    ["export", "csv", "-o"],
    ["export", "dot", "--render", "svg", "-o"],
    ["build", "--out"],
])
def test_every_command_refuses_a_folder_before_any_work(command, tmp_path, capsys):
    folder = tmp_path / "taken"
    (folder / "sharinggraph.trig").mkdir(parents=True)  # the build writes here; others write the folder
    assert main([*command, str(folder)]) == 2
    assert "is a folder" in _one_line_error(capsys)


def test_a_full_disk_in_a_command_is_one_line(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(output.os, "write", _failing_write(errno.ENOSPC))
    assert main(["report", "network", "-o", str(tmp_path / "report.txt")]) == 2
    assert "No space left on device" in _one_line_error(capsys)
    assert os.listdir(tmp_path) == []
