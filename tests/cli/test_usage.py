"""Usage as a person meets it: help that reads as written by one, usage errors as one line with a
hint and exit 2, and every output rule that protects the user's files, from the command line."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from tests.cli.test_convert_cli import TEXT, run

COMMANDS = ["convert", "check", "preview", "diff", "info", "validate", "formats"]


@pytest.mark.parametrize("command", [[], *([c] for c in COMMANDS)])
def test_help_shows_no_python_types_and_ends_with_every_exit_code(command: list[str]) -> None:
    result = run(*command, "--help")
    assert result.returncode == 0
    text = result.stdout.decode()
    for machine in ("{", "<list", "<str>", "<int", "<path>", "<bool>"):
        assert machine not in text, f"{machine!r} in `resolution {' '.join(command)} --help`"
    flat = " ".join(text.split())
    assert "Exit codes: 0 success;" in flat and "130 interrupted" in flat and "143 terminated" in flat
    if not command:  # the summaries of the commands are whole, not cut short with "..."
        assert not [line for line in text.split("Commands:")[1].splitlines() if line.endswith("...")]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["convert", "--bogus"], "no option --bogus: see 'resolution convert --help'"),
        (["check", "--format", "yaml", "x"], "--format: 'yaml' is not a report format: choose human, json, github"),
        (["convert", "-j", "0", "x"], "--jobs: '0' is not a whole number of 1 or more"),
        (["convert", "-j", "two", "x"], "--jobs: 'two' is not a whole number of 1 or more"),
        (["convert", "--max-bytes", "lots", "x"], "--max-bytes: 'lots' is not a size such as 200M"),
        (["convert"], "missing INPUT...: see 'resolution convert --help'"),
        (["no-such-command"], "no such command 'no-such-command': see 'resolution --help'"),
        (["convert", str(TEXT), "-O", "indent"], "write it KEY=VALUE"),
        (["convert", str(TEXT), "-O", "colour=red"], "format 'json' has no option 'colour' (its options: indent)"),
        (["convert", str(TEXT), "-t", "akn", "-O", "indent=maybe"], "takes true or false, not 'maybe'"),
        (["convert", str(TEXT), "-t", "akn", "-t", "json", "-O", "indent=0", "-d", "out"], "name the format"),
        (["convert", str(TEXT), "-o", ""], "-o was given an empty name"),
        (["convert", str(TEXT), "-o", "."], ".: is a folder"),
        (["convert", str(TEXT), "--diff", "-o", "."], ".: is a folder"),
    ],
)
def test_usage_errors_are_one_line_with_a_hint(args: list[str], message: str, tmp_path: Path) -> None:
    result = run(*args, cwd=tmp_path)
    assert result.returncode == 2, result.stderr
    lines = result.stderr.decode().splitlines()
    assert len(lines) == 1 and lines[0].startswith("resolution: error: "), lines
    assert message in lines[0]
    assert list(tmp_path.iterdir()) == []


def test_bare_resolution_prints_the_help_and_exits_2() -> None:
    result = run()
    assert result.returncode == 2
    assert result.stderr.decode().startswith("Usage: resolution [OPTIONS] COMMAND [ARGS]...")


def test_o_naming_the_input_is_refused_before_anything_is_read(tmp_path: Path) -> None:
    source = tmp_path / "same.txt"
    source.write_bytes(TEXT.read_bytes())
    os.link(source, tmp_path / "hard.txt")
    (tmp_path / "soft.txt").symlink_to(source)
    for output in ("same.txt", "hard.txt", "soft.txt", "./same.txt"):
        result = run("convert", "same.txt", "-t", "md", "-o", output, cwd=tmp_path)
        assert result.returncode == 2, result.stderr
        assert b"would be overwritten by its own output" in result.stderr
    assert source.read_bytes() == TEXT.read_bytes()
    assert (tmp_path / "soft.txt").is_symlink()


def test_o_through_a_symlink_keeps_the_link_and_the_mode(tmp_path: Path) -> None:
    target = tmp_path / "real.json"
    target.write_text("old")
    target.chmod(0o600)
    (tmp_path / "link.json").symlink_to("real.json")
    result = run("convert", str(TEXT), "-o", "link.json", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "link.json").is_symlink()
    assert target.read_text().startswith("{")
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


def test_o_to_a_device_of_our_own_writes_through_it(tmp_path: Path) -> None:
    if os.geteuid() != 0:
        pytest.skip("mknod of a character device needs root")
    null = tmp_path / "null"
    os.mknod(null, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
    full = tmp_path / "full"
    os.mknod(full, 0o666 | stat.S_IFCHR, os.makedev(1, 7))
    assert run("convert", str(TEXT), "-o", str(null)).returncode == 0
    assert stat.S_ISCHR(null.stat().st_mode)
    result = run("convert", str(TEXT), "-o", str(full))
    assert result.returncode == 3
    assert result.stderr.decode() == f"resolution: error: {full}: cannot write (No space left on device)\n"
    assert stat.S_ISCHR(full.stat().st_mode)


def test_stdout_on_a_full_device_is_exit_3_and_one_line(tmp_path: Path) -> None:
    if os.geteuid() != 0:
        pytest.skip("mknod of a character device needs root")
    full = tmp_path / "full"
    os.mknod(full, 0o666 | stat.S_IFCHR, os.makedev(1, 7))
    with full.open("wb") as sink:
        import subprocess
        import sys

        result = subprocess.run(
            [sys.executable, "-m", "resolution_cli", "convert", str(TEXT)], stdout=sink, stderr=subprocess.PIPE
        )
    assert result.returncode == 3
    assert result.stderr.decode() == "resolution: error: standard output: cannot write (No space left on device)\n"


def test_skip_unchanged_with_o_says_what_it_did(tmp_path: Path) -> None:
    out = tmp_path / "out.json"
    assert run("convert", str(TEXT), "-o", str(out)).returncode == 0
    result = run("convert", str(TEXT), "-o", str(out), "--skip-unchanged")
    assert result.returncode == 0
    assert b"left as it is (--skip-unchanged)" in result.stderr


def test_a_symlink_cycle_in_a_folder_is_passed_over(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "draft.txt").write_bytes(TEXT.read_bytes())
    (folder / "loop").symlink_to(folder)  # a folder that contains itself
    (folder / "self.txt").symlink_to("self.txt")  # a link to itself
    result = run("convert", str(folder), "-d", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    assert [p.name for p in (tmp_path / "out").iterdir()] == ["draft.json"]


def test_a_folder_readme_with_front_matter_is_not_an_input(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "draft.txt").write_bytes(TEXT.read_bytes())
    (folder / "README.md").write_text("---\nlayout: page\ntitle: Drafts\n---\n\nOur drafts.\n")
    (folder / "pom.xml").write_text("<project><modelVersion>4.0.0</modelVersion></project>\n")
    result = run("convert", str(folder), "-d", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    assert [p.name for p in (tmp_path / "out").iterdir()] == ["draft.json"]


def test_a_file_name_with_a_newline_stays_on_one_line(tmp_path: Path) -> None:
    odd = tmp_path / "two\nlines.txt"
    odd.write_text("eggs\n")
    result = run("convert", str(odd), "-d", str(tmp_path / "out"))
    assert result.returncode == 3
    assert result.stderr.decode().count("\n") == 2  # the error and the summary
    assert "two\\nlines.txt" in result.stderr.decode()


# What `--help` and `--version` may import of the package: the command line, its option types and
# the light records they name (errors, outcomes' counts, the options' defaults, the registries'
# packages); not the batch runner, the API, the readers, the parser, the model, the exporters or the
# diff engine (issue 12: the start-up budget; `python -X importtime -m resolution_cli --help`).
START_UP_MODULES = {
    "resolution_cli", "resolution_cli.__main__", "resolution_cli.lazy", "resolution_cli.errors", "resolution_cli.io",
    "resolution_cli.dask", "resolution_cli.report", "resolution_cli.readers", "resolution_cli.readers.base",
    "resolution_cli.diff", "resolution_cli.diff.formats",
}  # fmt: skip
# ... nor these libraries, which only the work itself needs (Typer imports pydantic to convert the
# values of options, which `--help` and `--version` never do).
HEAVY_LIBRARIES = ("lxml", "pdfminer", "pypdfium2", "rich", "pydantic", "pydantic_core", "multiprocessing")


@pytest.mark.parametrize("flag", ["--help", "--version"])
def test_help_and_version_load_only_the_command_line(flag: str) -> None:
    """The start-up budget: `--help` and `--version` must not pay for the work they do not do."""
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "resolution_cli", flag], capture_output=True, text=True
    )
    assert result.returncode == 0
    loaded = {line.split("|")[-1].strip() for line in result.stderr.splitlines() if "|" in line}
    ours = {m for m in loaded if m.split(".")[0] == "resolution_cli" and not m.startswith("resolution_cli.cli")}
    assert ours <= START_UP_MODULES, sorted(ours - START_UP_MODULES)
    heavy = {m for m in loaded if m.split(".")[0] in HEAVY_LIBRARIES or m == "importlib.metadata"}
    assert not heavy, sorted(heavy)
    assert "resolution_cli.cli.app" in loaded  # the probe saw the command line itself
