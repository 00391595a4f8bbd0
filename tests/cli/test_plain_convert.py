"""A plain `convert` command line, read without Typer (resolution_cli.cli.converting), gives the
command the same arguments as Typer does, and every other command line goes to Typer."""

from __future__ import annotations

import inspect
from pathlib import Path
from typing import Any

import pytest
import typer.main

from resolution_cli import cli
from resolution_cli.cli import app as application
from resolution_cli.cli import convert as declared
from resolution_cli.cli import converting
from tests.cli.test_convert_cli import TEXT

PLAIN = [
    ["convert", "x.pdf"],
    ["convert", "x.pdf", "-t", "akn", "-o", "x.xml"],
    ["convert", "-", "--to", "json", "--output", "-"],
    ["convert", "a.txt", "b.txt", "-d", "out", "-t", "akn", "-t", "json", "-j", "4", "-q"],
    ["convert", "-t", "md", "a.txt", "--to=akn", "--out-dir=out/sub", "--skip-unchanged", "--check", "--diff"],
    ["convert", "a.pdf", "-O", "indent=0", "--option", "json.indent=2", "--engine", "PDFium", "--password", "s e"],
    ["convert", "a.pdf", "--max-pages", "12", "--max-bytes", "2G", "--no-masthead-check", "-q", "--quiet"],
    ["convert", "a.pdf", "-d", "o", "--dask", "local:2", "--jobs=3", "--max-bytes=200m", "--max-pages= 7"],
]
NOT_PLAIN = [
    [], ["--version"], ["check", "x.pdf"], ["convert"], ["convert", "--help"], ["convert", "x.pdf", "--help"],
    ["convert", "x.pdf", "-takn"], ["convert", "x.pdf", "-qt", "akn"], ["convert", "x.pdf", "-t"],
    ["convert", "x.pdf", "-o", "a", "-o", "b"], ["convert", "x.pdf", "--quiet=1"], ["convert", "x.pdf", "--to="],
    ["convert", "x.pdf", "--out"], ["convert", "x.pdf", "--", "-y"], ["convert", "x.pdf", "-o", "--check"],
    ["convert", "x.pdf", "-j", "0"], ["convert", "x.pdf", "--max-bytes", "lots"], ["convert", "x.pdf", "--dask", "x"],
    ["convert", "x.pdf", "-x"], ["convert", "-d", "out"], ["--help", "convert", "x.pdf"],
]  # fmt: skip


def _typer_arguments(args: list[str], monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    """The arguments Typer hands the command's work for `args`."""
    seen: dict[str, Any] = {}

    def record(*values: Any, **named: Any) -> int:
        seen.update(inspect.signature(converting.convert).bind(*values, **named).arguments)
        return 0

    monkeypatch.setattr(declared, "converting", record)
    with pytest.raises(SystemExit) as exit_:
        application.main(args)
    assert exit_.value.code == 0, args
    return seen


def _with_defaults(arguments: dict[str, Any]) -> dict[str, Any]:
    bound = inspect.signature(converting.convert).bind(**arguments)
    bound.apply_defaults()
    return dict(bound.arguments)


@pytest.mark.parametrize("args", PLAIN, ids=" ".join)
def test_a_plain_command_line_gives_the_arguments_typer_gives(args: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    plain = converting.plain_arguments(args)
    assert plain is not None, args
    expected = _typer_arguments(args, monkeypatch)
    got = _with_defaults(plain)
    assert got == expected
    assert {k: type(v) for k, v in got.items()} == {k: type(v) for k, v in expected.items()}


@pytest.mark.parametrize("args", NOT_PLAIN, ids=" ".join)
def test_any_other_command_line_is_typer_s(args: list[str]) -> None:
    assert converting.plain_arguments(args) is None


def test_a_shell_completing_a_word_is_answered_by_typer(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("_RESOLUTION_COMPLETE", "bash_complete")
    assert converting.plain_arguments(["convert", "x.pdf"]) is None


def test_the_plain_options_are_the_options_typer_declares() -> None:
    """One list of the options, held against the other: the names, and what each takes."""
    command = typer.main.get_command(application.app).commands["convert"]  # type: ignore[attr-defined]
    declared_options: dict[str, tuple[str, str]] = {}
    for param in command.params:
        if param.param_type_name != "option" or param.name == "help":
            continue
        takes = "flag" if param.is_flag else "many" if param.multiple else "one"  # type: ignore[attr-defined]
        declared_options |= {name: (param.name or "", takes) for name in (*param.opts, *param.secondary_opts)}
    assert declared_options == converting.OPTIONS
    assert [p.name for p in command.params if p.param_type_name == "argument"] == ["inputs"]


@pytest.mark.parametrize(
    "args",
    [
        ["convert", "{tmp}/missing.txt", "-t", "akn"],
        ["convert", str(TEXT), "-t", "nope"],
        ["convert", str(TEXT), "-O", "indent"],
        ["convert", str(TEXT), "-o", "{tmp}/a.json", "-d", "{tmp}/out"],
        ["convert", str(TEXT), str(TEXT)],
        ["convert", str(TEXT), "--check"],
        ["convert", str(TEXT), "--dask", "local:1"],
        ["convert", str(TEXT), "-o", "{tmp}/a.json"],
        ["convert", str(TEXT), "-t", "md"],
    ],
)
def test_both_ways_say_the_same_and_exit_alike(
    args: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = [a.replace("{tmp}", str(tmp_path)) for a in args]
    assert converting.plain_arguments(args) is not None
    said = []
    for main in (cli.main, application.main):
        with pytest.raises(SystemExit) as exit_:
            main(args)
        said.append((exit_.value.code, capsys.readouterr()))
    assert said[0] == said[1]
