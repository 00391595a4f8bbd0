"""`resolution validate` as a user runs it: exit codes, `file:line: message` lines, stdin."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from tests.conftest import SAMPLES

VALID = SAMPLES / "akn" / "A_RES_78_229.xml"


def run(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "resolution_cli", "validate", *args], input=stdin, capture_output=True, timeout=120
    )


def broken(tmp_path: Path) -> tuple[Path, int]:
    """A copy of a valid file with an element the schema forbids, and the line it stands on."""
    lines = VALID.read_text("utf-8").splitlines(keepends=True)
    at = next(i for i, line in enumerate(lines) if "<mainBody>" in line)
    lines.insert(at + 1, "<bogus>not an Akoma Ntoso element</bogus>\n")
    path = tmp_path / "broken.xml"
    path.write_text("".join(lines), "utf-8")
    return path, at + 2


def test_valid_files_exit_0_and_print_nothing_on_stdout() -> None:
    result = run(*map(str, sorted(SAMPLES.glob("akn/*.xml"))))
    assert result.returncode == 0, result.stderr
    assert result.stdout == b""
    assert result.stderr.decode() == "3 files: 3 valid.\n"


def test_invalid_file_exit_1_with_file_line_message(tmp_path: Path) -> None:
    path, line = broken(tmp_path)
    result = run(str(VALID), str(path))
    assert result.returncode == 1
    out = result.stdout.decode().splitlines()
    assert out and all(re.match(rf"^{re.escape(str(path))}:\d+: ", x) for x in out)
    assert out[0].startswith(f"{path}:{line}: Element 'bogus': This element is not expected.")
    assert "1 invalid" in result.stderr.decode() and b"Traceback" not in result.stderr


def test_unreadable_and_malformed_exit_3(tmp_path: Path) -> None:
    malformed = tmp_path / "bad.xml"
    malformed.write_text("<akomaNtoso>\n<statement>\n</akomaNtoso>\n")
    result = run(str(malformed), str(tmp_path / "missing.xml"), "-q")
    assert result.returncode == 3
    errors = result.stderr.decode().splitlines()
    assert errors[0].startswith(f"resolution: error: {malformed}:3: not well-formed XML")
    assert errors[1] == f"resolution: error: {tmp_path / 'missing.xml'}: no such file: check the path"
    assert len(errors) == 2  # -q: no summary


def test_worst_outcome_wins(tmp_path: Path) -> None:
    path, _ = broken(tmp_path)
    assert run(str(path), str(tmp_path / "missing.xml")).returncode == 3


def test_stdin_and_pipe_from_convert() -> None:
    converted = subprocess.run(
        [sys.executable, "-m", "resolution_cli", "convert", str(SAMPLES / "text" / "A_73_L.103.txt"), "-t", "akn"],
        capture_output=True,
        timeout=120,
    )
    assert converted.returncode == 0, converted.stderr
    result = run("-", stdin=converted.stdout)
    assert result.returncode == 0 and result.stderr == b"1 file: 1 valid.\n"


def test_no_file_is_a_usage_error() -> None:
    assert run().returncode == 2
