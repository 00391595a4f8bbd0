"""`resolution preview`: what a person checking a conversion sees, in colour and in plain text."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from rich.console import Console

from resolution_cli.cli.preview import stdout_console
from resolution_cli.model import Anchor, Diagnostic, Metadata, Paragraph, Resolution, Role, Section, Severity
from resolution_cli.preview import plain_lines, render
from resolution_cli.readers import read
from tests.cli.test_convert_cli import run
from tests.conftest import SAMPLES

TEXT = SAMPLES / "text" / "A_73_L.103.txt"
ESC = "\x1b["

DOCUMENT = Resolution(
    meta=Metadata(symbol="A/RES/78/1", title="A [bracketed] title", adoption_date="2023-12-19"),
    formula="The General Assembly,",
    preamble=(Paragraph(Role.PREAMBULAR, "Recalling [bold] and [/] markup-like text,", lead="Recalling"),),
    body=(
        Section(
            "I.",
            "Part one",
            (
                Paragraph(
                    Role.OPERATIVE,
                    "Decides to act:",
                    "1.",
                    "Decides",
                    (Anchor("1", 7),),
                    (Paragraph(Role.SUB, "first [i];", "(a)"),),
                ),
            ),
        ),
    ),
    diagnostics=(
        Diagnostic("numbering-gap", "operative paragraph 3 follows 1.", Severity.WARNING, "operative 3"),
        Diagnostic("broken", "something is badly wrong", Severity.ERROR),
    ),
)


def recorded(resolution: Resolution, **options: object) -> Console:
    console = Console(record=True, width=80, file=io.StringIO(), **options)  # type: ignore[arg-type]
    console.print(render(resolution))
    return console


def test_preview_shows_metadata_structure_footnote_calls_and_diagnostics() -> None:
    text = recorded(DOCUMENT).export_text()
    for expected in (
        "A/RES/78/1",
        "adoption date",
        "A [bracketed] title",
        "The General Assembly,",
        "Recalling [bold] and [/] markup-like text,",  # brackets shown literally, not read as markup
        "I. Part one",
        "1. Decides¹ to act:",
        "(a) first [i];",
        "warning numbering-gap operative 3: operative paragraph 3 follows 1.",
        "error   broken: something is badly wrong",
    ):
        assert expected in text, expected
    assert all(len(line) <= 80 for line in text.splitlines())


def test_lead_phrase_and_severities_are_styled_on_a_terminal() -> None:
    styled = recorded(DOCUMENT, force_terminal=True, color_system="truecolor").export_text(styles=True)
    assert ESC in styled
    lead_start = styled.index("Recalling")
    assert "\x1b[1;3;33m" in styled[lead_start - 20 : lead_start]  # bold italic yellow
    error_start = styled.index("error")
    assert "\x1b[1;31m" in styled[error_start - 20 : error_start]  # bold red


def test_real_document_fits_80_columns() -> None:
    text = recorded(read(TEXT.read_bytes())).export_text()
    assert "Cooperation between the United Nations and the Collective Security Treaty" in text
    assert "Takes note with appreciation" in text
    assert all(len(line) <= 80 for line in text.splitlines())


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize("no_color", ["", "1"])
def test_no_color_on_a_terminal_means_no_escape_codes(monkeypatch: pytest.MonkeyPatch, no_color: str) -> None:
    terminal = _Terminal()
    monkeypatch.setattr("sys.stdout", terminal)
    monkeypatch.setenv("TERM", "xterm-256color")
    for name in ("FORCE_COLOR", "TTY_COMPATIBLE", "TTY_INTERACTIVE", "COLUMNS"):
        monkeypatch.delenv(name, raising=False)
    if no_color:
        monkeypatch.setenv("NO_COLOR", no_color)
    else:
        monkeypatch.delenv("NO_COLOR", raising=False)
    stdout_console().print(render(DOCUMENT))
    assert (ESC in terminal.getvalue()) is not bool(no_color)


def test_plain_labels_nested_sections_as_the_diagnostics_do() -> None:
    inner = Section("A.", "Inner", (Paragraph(Role.OPERATIVE, "Decides;", "1."),))
    resolution = Resolution(Metadata(), "The General Assembly,", body=(Section("I.", "Outer", (inner,)),))
    lines = list(plain_lines(resolution))
    assert "section I. section A.\tA. Inner" in lines
    assert "section I. section A. operative 1\t1. Decides;" in lines


def test_plain_is_one_labelled_line_per_paragraph() -> None:
    lines = list(plain_lines(DOCUMENT))
    assert "symbol\tA/RES/78/1" in lines
    assert "preamble 1\tRecalling [bold] and [/] markup-like text," in lines
    assert "section I.\tI. Part one" in lines
    assert "section I. operative 1\t1. Decides¹ to act:" in lines
    assert "section I. operative 1 (a)\t(a) first [i];" in lines
    assert "diagnostic error\tbroken: something is badly wrong" in lines
    assert all(line.count("\t") == 1 for line in lines)


def test_cli_preview_piped_has_no_escape_codes() -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR", "TTY_COMPATIBLE")}
    result = subprocess.run(
        [sys.executable, "-m", "resolution_cli", "preview", str(TEXT)], capture_output=True, env=env, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert ESC.encode() not in result.stdout
    assert b"Takes note with appreciation" in result.stdout
    assert result.stderr == b""


def test_cli_preview_plain_from_stdin_greps() -> None:
    result = run("preview", "--plain", "-", stdin=TEXT.read_bytes())
    assert result.returncode == 0, result.stderr
    operative = [line for line in result.stdout.decode().splitlines() if line.startswith("operative ")]
    assert len(operative) == 9
    assert operative[0].startswith("operative 1\t1. Takes note with appreciation")


def test_cli_preview_bad_input_is_one_line_on_stderr(tmp_path: Path) -> None:
    bad = tmp_path / "not.txt"
    bad.write_text("not a resolution")
    result = run("preview", str(bad))
    assert result.returncode == 3
    assert result.stdout == b""
    assert result.stderr.decode().count("\n") == 1


@pytest.mark.parametrize("seed", range(100))
def test_any_document_renders_within_80_columns(seed: int) -> None:
    from tests.test_markdown_roundtrip import generated

    resolution = generated(seed)
    assert all(len(line) <= 80 for line in recorded(resolution).export_text().splitlines())
    assert all(line.count("\t") == 1 and "\n" not in line for line in plain_lines(resolution))
