"""Every documented exit code, for every command that can give it (resolution_cli.errors.ExitCode)."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from resolution_cli.cli.app import app, main
from resolution_cli.errors import ExitCode
from tests.cli.test_convert_cli import TEXT, run
from tests.conftest import ROOT

SC_TEXT = ROOT / "tests" / "data" / "sc-text"


def invoke(*args: str) -> Any:
    """The command in this process (so a test can plant a bug); stdout and stderr apart."""
    return CliRunner().invoke(app, list(args))


def test_0_success(tmp_path: Path) -> None:
    assert run("convert", str(TEXT), "-o", str(tmp_path / "a.json")).returncode == ExitCode.OK
    assert run("convert", str(SC_TEXT), "-d", str(tmp_path / "out")).returncode == ExitCode.OK
    assert run("check", str(TEXT)).returncode == ExitCode.OK
    assert run("formats").returncode == ExitCode.OK


def test_1_findings_and_differences(tmp_path: Path) -> None:
    assert run("check", "--strict", str(TEXT)).returncode == ExitCode.FINDINGS
    out = tmp_path / "a.json"
    out.write_text("old\n")
    assert run("convert", str(TEXT), "-o", str(out), "--check").returncode == ExitCode.FINDINGS
    assert run("convert", str(SC_TEXT), "-d", str(tmp_path / "none"), "--diff").returncode == ExitCode.FINDINGS


@pytest.mark.parametrize(
    "args",
    [
        ["convert", str(TEXT), "--no-such-option"],
        ["convert", str(TEXT), "-t", "docx"],
        ["convert", str(SC_TEXT), str(TEXT), "-o", "x.json"],
        ["convert", str(SC_TEXT), "-d", "out", "-j", "0"],
        ["convert", str(TEXT), "--check"],
        ["convert", str(TEXT), "-o", "x.json", "-d", "out"],
        ["convert"],
        ["check", "--format", "xml", str(TEXT)],
        ["check"],
        ["no-such-command"],
    ],
)
def test_2_usage(args: list[str], tmp_path: Path) -> None:
    result = run(*args, cwd=tmp_path)
    assert result.returncode == ExitCode.USAGE, result.stderr
    assert b"Traceback" not in result.stderr
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    "args",
    [
        ["convert", "{tmp}/missing.pdf"],
        ["convert", "{tmp}/missing.pdf", "-o", "{tmp}/out.json"],
        ["convert", "{tmp}/missing.pdf", str(SC_TEXT), "-d", "{tmp}/out"],
        ["convert", "{tmp}/list.txt", "-d", "{tmp}/out"],
        ["check", "{tmp}/broken.txt"],  # a UN masthead, no formula, no title (a list is no UN document: a note)
        ["check", "{tmp}/missing.pdf", str(TEXT)],
    ],
)
def test_3_unreadable_input(args: list[str], tmp_path: Path) -> None:
    (tmp_path / "list.txt").write_text("eggs\nmilk\n")
    (tmp_path / "broken.txt").write_text("United Nations A/78/L.99\n\nDistr.: Limited\n\neggs\n\nmilk\n")
    result = run(*[a.replace("{tmp}", str(tmp_path)) for a in args])
    assert result.returncode == ExitCode.UNREADABLE, result.stderr
    assert b"Traceback" not in result.stderr


def test_3_unwritable_output(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("")
    result = run("convert", str(SC_TEXT), "-d", str(blocker / "out"))
    assert result.returncode == ExitCode.UNREADABLE
    assert result.stderr.decode().count("cannot write") == 6


def _bug(*args: object, **kwargs: object) -> None:
    raise RuntimeError("planted bug")


@pytest.mark.parametrize("command", [["convert", "-d", "{tmp}/out"], ["check"]])
def test_4_internal_error_in_one_file_of_a_batch(
    command: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import resolution_cli.readers

    monkeypatch.setattr(resolution_cli.readers, "read", _bug)
    folder = tmp_path / "in"
    shutil.copytree(SC_TEXT, folder)
    args = [a.replace("{tmp}", str(tmp_path)) for a in command]
    result = invoke(*args, str(folder), "-j", "1")
    assert result.exit_code == ExitCode.INTERNAL
    assert result.stderr.count("internal error: RuntimeError: planted bug (please report this)") == 6


def test_4_internal_error_outside_a_batch(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    import resolution_cli.readers

    monkeypatch.setattr(resolution_cli.readers, "read", _bug)
    monkeypatch.setattr(sys, "argv", ["resolution", "convert", str(TEXT)])
    with pytest.raises(SystemExit) as exit_:
        main()
    assert exit_.value.code == ExitCode.INTERNAL
    expected = "resolution: error: internal error: RuntimeError: planted bug (please report this)\n"
    assert capsys.readouterr().err == expected


@pytest.mark.parametrize("command", [[], ["convert"], ["check"]])
def test_help_documents_the_exit_codes(command: list[str]) -> None:
    result = run(*command, "--help")
    assert result.returncode == 0
    text = " ".join(result.stdout.decode().split())
    assert "Exit codes: 0 success; 1 findings or differences" in text
    assert "3 unreadable input" in text
