"""`resolution convert` as a user runs it: a real process, stdin/stdout, stderr, exit codes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.conftest import SAMPLES

TEXT = SAMPLES / "text" / "A_73_L.103.txt"


def run(*args: str, stdin: bytes | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "resolution_cli", *args],
        input=stdin,
        capture_output=True,
        cwd=cwd,
        timeout=120,
    )


def test_convert_stdin_to_stdout() -> None:
    result = run("convert", "-", "-t", "json", stdin=TEXT.read_bytes())
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["meta"]["symbol"] == "A/73/L.103"
    assert result.stderr == b""


def test_convert_to_file_is_atomic_and_quiet(tmp_path: Path) -> None:
    out = tmp_path / "sub" / "out.json"
    result = run("convert", str(TEXT), "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert result.stdout == b""
    assert json.loads(out.read_bytes())["meta"]["kind"] == "draftResolution"
    assert [p.name for p in out.parent.iterdir()] == ["out.json"]


def test_missing_file_is_one_line_exit_3(tmp_path: Path) -> None:
    result = run("convert", str(tmp_path / "nope.pdf"))
    assert result.returncode == 3
    assert result.stderr.decode().count("\n") == 1
    assert b"no such file" in result.stderr and b"Traceback" not in result.stderr


def test_not_a_resolution_exit_3_and_no_output_file(tmp_path: Path) -> None:
    source = tmp_path / "shopping.txt"
    source.write_text("eggs\nmilk\n")
    out = tmp_path / "out.json"
    result = run("convert", str(source), "-o", str(out))
    assert result.returncode == 3
    assert b"this is not a UN document" in result.stderr
    assert not out.exists()
    assert source.read_text() == "eggs\nmilk\n"


def test_unknown_format_is_usage_error() -> None:
    result = run("convert", str(TEXT), "-t", "docx")
    assert result.returncode == 2
    assert b"unknown format 'docx'" in result.stderr


def test_failed_conversion_keeps_previous_output(tmp_path: Path) -> None:
    out = tmp_path / "out.json"
    out.write_text("previous")
    bad = tmp_path / "bad.txt"
    bad.write_text("not a resolution")
    assert run("convert", str(bad), "-o", str(out)).returncode == 3
    assert out.read_text() == "previous"


def test_version() -> None:
    result = run("--version")
    assert result.returncode == 0
    assert result.stdout.startswith(b"resolution ")
