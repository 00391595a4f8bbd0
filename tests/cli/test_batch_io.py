"""Writing outputs (io.write_file): whole files or nothing, and nothing harmed that was not asked for.

Every path here is one the test made in its own temporary folder: files, symlinks, FIFOs and device
nodes made with mknod (we may run as root: the system's /dev/null is never touched).
"""

from __future__ import annotations

import os
import signal
import stat
import threading
from pathlib import Path

import pytest

from resolution_cli import io
from resolution_cli.errors import OutputError, UsageError


@pytest.fixture(params=["unnamed", "named"])
def way(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    if request.param == "named":  # as on systems without O_TMPFILE
        monkeypatch.setattr(io, "_unnamed_file", lambda directory, data, mode: None)
    return str(request.param)


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM])
def test_a_signal_while_the_temporary_has_a_name_comes_after_the_rename(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, signum: int
) -> None:
    """Ctrl-C or `kill` just after the temporary got its name: the file is written whole and the
    signal unwinds after the rename, leaving no `.part` (it used to be left there)."""
    linked = io._link

    def link_then_signal(fd: int, directory: Path, name: str) -> Path | None:
        named = linked(fd, directory, name)
        os.kill(os.getpid(), signum)
        return named

    def interrupted(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(io, "_link", link_then_signal)
    previous = signal.signal(signum, interrupted)
    try:
        with pytest.raises(KeyboardInterrupt):
            io.write_file(tmp_path / "out.json", b"whole")
    finally:
        signal.signal(signum, previous)
    assert [p.name for p in tmp_path.iterdir()] == ["out.json"]
    assert (tmp_path / "out.json").read_bytes() == b"whole"


def test_replaces_the_file_and_leaves_nothing_else(tmp_path: Path, way: str) -> None:
    target = tmp_path / "deep" / "out.json"
    io.write_file(target, b"first")
    io.write_file(target, b"second")
    assert target.read_bytes() == b"second"
    assert [p.name for p in target.parent.iterdir()] == ["out.json"]


def test_a_new_file_gets_the_umask_mode(tmp_path: Path, way: str) -> None:
    previous = os.umask(0o027)
    try:
        io.write_file(tmp_path / "out.json", b"x")
    finally:
        os.umask(previous)
    assert stat.S_IMODE((tmp_path / "out.json").stat().st_mode) == 0o640


def test_an_existing_file_keeps_its_mode(tmp_path: Path, way: str) -> None:
    target = tmp_path / "out.json"
    target.write_bytes(b"old")
    target.chmod(0o600)
    io.write_file(target, b"new")
    assert target.read_bytes() == b"new"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


def test_a_symlink_is_followed_and_kept(tmp_path: Path, way: str) -> None:
    real = tmp_path / "real" / "out.json"
    real.parent.mkdir()
    real.write_bytes(b"old")
    link = tmp_path / "link.json"
    link.symlink_to(Path("real") / "out.json")
    io.write_file(link, b"new")
    assert link.is_symlink() and os.readlink(link) == str(Path("real") / "out.json")
    assert real.read_bytes() == b"new"


def test_a_dangling_symlink_creates_its_target(tmp_path: Path, way: str) -> None:
    link = tmp_path / "link.json"
    link.symlink_to(tmp_path / "made" / "out.json")
    io.write_file(link, b"new")
    assert link.is_symlink() and (tmp_path / "made" / "out.json").read_bytes() == b"new"


def test_a_device_node_is_written_in_place_not_replaced(tmp_path: Path) -> None:
    if os.geteuid() != 0:
        pytest.skip("mknod of a character device needs root")
    null = tmp_path / "null"
    os.mknod(null, 0o666 | stat.S_IFCHR, os.makedev(1, 3))  # a null device of our own
    io.write_file(null, b"discarded")
    assert stat.S_ISCHR(null.stat().st_mode)


def test_a_full_device_is_a_one_line_output_error(tmp_path: Path) -> None:
    if os.geteuid() != 0:
        pytest.skip("mknod of a character device needs root")
    full = tmp_path / "full"
    os.mknod(full, 0o666 | stat.S_IFCHR, os.makedev(1, 7))  # writes fail with ENOSPC
    with pytest.raises(OutputError, match=r"full: cannot write \(No space left on device\)"):
        io.write_file(full, b"x" * 10)
    assert stat.S_ISCHR(full.stat().st_mode)


def test_a_fifo_is_written_to_not_replaced(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    io.write_file(fifo, b"through the pipe")
    reader.join(10)
    assert received == [b"through the pipe"]
    assert stat.S_ISFIFO(fifo.stat().st_mode)


def test_a_failed_write_keeps_the_old_file_and_leaves_no_temporary(
    tmp_path: Path, way: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "out.json"
    target.write_bytes(b"old")

    def interrupted(fd: int, data: bytes, mode: int) -> None:
        raise KeyboardInterrupt  # as Ctrl-C or SIGTERM arrives mid-write

    monkeypatch.setattr(io, "_fill", interrupted)
    with pytest.raises(KeyboardInterrupt):
        io.write_file(target, b"new")
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.json"]


def test_a_file_in_the_way_of_the_folder_is_one_line(tmp_path: Path, way: str) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("")
    with pytest.raises(OutputError, match="is a file, not a folder"):
        io.write_file(blocker / "out.json", b"x")
    assert blocker.read_text() == ""


@pytest.mark.parametrize("name", ["", ".", "..", "folder", "folder/"])
def test_output_names_that_cannot_be_files_are_usage_errors(
    name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "folder").mkdir()
    monkeypatch.chdir(tmp_path)
    with pytest.raises(UsageError):
        io.check_output_path(name)


def test_same_file_sees_hard_links_and_symlinks(tmp_path: Path) -> None:
    original = tmp_path / "a.txt"
    original.write_text("x")
    os.link(original, tmp_path / "hard.txt")
    (tmp_path / "soft.txt").symlink_to(original)
    assert io.same_file(original, tmp_path / "hard.txt")
    assert io.same_file(original, tmp_path / "soft.txt")
    assert not io.same_file(original, tmp_path / "missing.txt")


def test_reading_a_device_is_bounded(tmp_path: Path) -> None:
    if os.geteuid() != 0:
        pytest.skip("mknod of a character device needs root")
    zero = tmp_path / "zero"
    os.mknod(zero, 0o666 | stat.S_IFCHR, os.makedev(1, 5))  # endless zeros
    with pytest.raises(io.UnreadableInput, match="larger than 1 MB"):
        io.read_path(zero, 1024 * 1024)


def test_a_fifo_without_a_writer_is_not_waited_for_forever(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    monkeypatch.setattr(io, "FIFO_WAIT_SECONDS", 0.2)
    with pytest.raises(io.UnreadableInput, match="nothing wrote to"):
        io.read_path(fifo, 1024)


def test_a_large_regular_file_is_refused_before_reading(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    with big.open("wb") as handle:
        handle.truncate(3 * 1024 * 1024)  # sparse: costs no disk
    with pytest.raises(io.UnreadableInput, match="larger than 2 MB"):
        io.read_path(big, 2 * 1024 * 1024)


def test_printable_escapes_newlines_and_controls() -> None:
    assert io.printable("a\nb\x1b[31mc") == "a\\nb\\x1b[31mc"
    assert io.printable("résolution 2 (2025).pdf") == "résolution 2 (2025).pdf"
