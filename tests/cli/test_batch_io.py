"""`write_atomic`, on Linux's unnamed temporary files and on the named fallback: whole files or nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from resolution_cli import io


@pytest.fixture(params=["unnamed", "named"])
def way(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    if request.param == "named":  # as on systems without O_TMPFILE
        monkeypatch.setattr(io, "_write_unnamed", lambda directory, name, data: None)
    return str(request.param)


def test_replaces_the_file_and_leaves_nothing_else(tmp_path: Path, way: str) -> None:
    target = tmp_path / "deep" / "out.json"
    io.write_atomic(target, b"first")
    io.write_atomic(target, b"second")
    assert target.read_bytes() == b"second"
    assert [p.name for p in target.parent.iterdir()] == ["out.json"]
    assert target.stat().st_mode & 0o777 == 0o644


def test_a_failed_write_keeps_the_old_file_and_leaves_no_temporary(
    tmp_path: Path, way: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "out.json"
    target.write_bytes(b"old")

    def interrupted(fd: int, data: bytes) -> None:
        raise KeyboardInterrupt  # as Ctrl-C or SIGTERM arrives mid-write

    monkeypatch.setattr(io, "_fill", interrupted)
    with pytest.raises(KeyboardInterrupt):
        io.write_atomic(target, b"new")
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.json"]


def test_unwritable_folder_is_one_line_error(tmp_path: Path, way: str) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("")
    with pytest.raises(io.UnreadableInput, match="cannot write"):
        io.write_atomic(blocker / "out.json", b"x")
