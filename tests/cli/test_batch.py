"""`resolution convert` over many inputs: folders, several formats, -j, --skip-unchanged, --check/--diff."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from resolution_cli import exporters
from tests.cli.test_convert_cli import run
from tests.conftest import ROOT, SAMPLES

SC_TEXT = ROOT / "tests" / "data" / "sc-text"  # six real Security Council resolutions as text
TEXT = SAMPLES / "text" / "A_73_L.103.txt"


def tree(folder: Path) -> dict[str, bytes]:
    """Every file below `folder` by relative path, with its bytes."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def every_format() -> list[str]:
    return [arg for e in exporters.exporters() for arg in ("-t", e.name)]


def suffix(name: str) -> str:
    return exporters.get(name).suffix


def documents(tmp_path: Path, *names: str) -> Path:
    """A folder holding copies of the given sc-text documents (all six by default)."""
    folder = tmp_path / "in"
    folder.mkdir()
    for source in sorted(SC_TEXT.glob("*.txt")):
        if not names or source.stem in names:
            shutil.copy(source, folder / source.name)
    return folder


def test_parallel_run_writes_the_same_bytes_as_a_serial_run(tmp_path: Path) -> None:
    inputs = [str(SAMPLES / "pdf"), str(SAMPLES / "text"), str(SC_TEXT)]
    serial = run("convert", *inputs, "-d", str(tmp_path / "j1"), "-j", "1", *every_format())
    parallel = run("convert", *inputs, "-d", str(tmp_path / "j2"), "-j", "2", *every_format())
    assert serial.returncode == 0, serial.stderr
    assert parallel.returncode == 0, parallel.stderr
    serial_tree = tree(tmp_path / "j1")
    expected_count = (len(list((SAMPLES / "pdf").glob("*.pdf"))) + 1 + 6) * len(exporters.exporters())
    assert len(serial_tree) == expected_count
    assert serial_tree == tree(tmp_path / "j2")
    assert parallel.stderr == serial.stderr  # the same summary, in the same words


def test_out_dir_names_stem_and_format_suffix_mirroring_folders(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = run("convert", str(SAMPLES / "text"), str(TEXT), str(SC_TEXT), "-d", str(out), *every_format(), "-j", "1")
    assert result.returncode == 0, result.stderr
    names = set(tree(out))
    for exporter in exporters.exporters():
        assert f"A_73_L.103{exporter.suffix}" in names  # folder argument: relative path kept
        assert f"S_RES_0081_1950_EN_GOLD{exporter.suffix}" in names
    assert len(names) == 7 * len(exporters.exporters())  # the text sample named twice is converted once
    assert result.stdout == b""


def test_output_equals_single_file_conversion(tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert run("convert", str(SC_TEXT), "-d", str(out), "-j", "2").returncode == 0
    single = run("convert", str(SC_TEXT / "S_RES_0573_1985_EN_GOLD.txt"), "-t", "json")
    assert (out / "S_RES_0573_1985_EN_GOLD.json").read_bytes() == single.stdout


def test_one_bad_file_is_reported_and_the_batch_goes_on(tmp_path: Path) -> None:
    folder = documents(tmp_path)
    (folder / "a_shopping_list.txt").write_text("eggs\nmilk\n")
    (folder / "b_empty.pdf").write_bytes(b"%PDF-1.4\n%%EOF\n")
    out = tmp_path / "out"
    result = run("convert", str(folder), "-d", str(out), "-j", "2")
    assert result.returncode == 3
    errors = [line for line in result.stderr.decode().splitlines() if line.startswith("resolution: error:")]
    assert len(errors) == 2
    assert "a_shopping_list.txt" in errors[0] and "b_empty.pdf" in errors[1]  # input order, whatever the finish
    assert result.stderr.decode().splitlines()[-1] == "8 files: 6 converted, 2 failed."
    assert len(tree(out)) == 6
    assert b"Traceback" not in result.stderr


def test_missing_input_in_a_batch_is_unreadable(tmp_path: Path) -> None:
    result = run("convert", str(SC_TEXT), str(tmp_path / "gone.txt"), "-d", str(tmp_path / "out"))
    assert result.returncode == 3
    assert b"gone.txt: no such file" in result.stderr
    assert len(tree(tmp_path / "out")) == 6


def test_stdin_in_a_batch_is_named_stdin(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = run("convert", "-", str(SC_TEXT), "-d", str(out), stdin=TEXT.read_bytes())
    assert result.returncode == 0, result.stderr
    assert json.loads((out / "stdin.json").read_bytes())["meta"]["symbol"] == "A/73/L.103"


def test_piped_stderr_has_a_summary_and_no_progress_bar(tmp_path: Path) -> None:
    result = run("convert", str(SC_TEXT), "-d", str(tmp_path / "out"))
    assert result.stderr == b"6 files: 6 converted.\n"  # no escape codes, no bar
    quiet = run("convert", str(SC_TEXT), "-d", str(tmp_path / "out"), "-q")
    assert quiet.returncode == 0 and quiet.stderr == b""


@pytest.mark.parametrize(
    "args",
    [
        ["-o", "x.json"],  # -o with several inputs
        ["-t", "json", "-t", "json", "-t", "no-such-format"],
    ],
)
def test_several_inputs_without_out_dir_are_usage_errors(tmp_path: Path, args: list[str]) -> None:
    result = run("convert", str(SC_TEXT), str(TEXT), *args, cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.decode().count("\n") == 1
    assert not (tmp_path / "x.json").exists()


def test_o_with_several_inputs_says_to_use_out_dir(tmp_path: Path) -> None:
    result = run("convert", str(SC_TEXT), "-o", str(tmp_path / "x.json"))
    assert result.returncode == 2
    assert b"--out-dir DIR (-d)" in result.stderr


def test_two_inputs_writing_one_output_is_a_usage_error(tmp_path: Path) -> None:
    other = tmp_path / "other"
    other.mkdir()
    shutil.copy(TEXT, other / "S_RES_0081_1950_EN_GOLD.txt")
    out = tmp_path / "out"
    result = run("convert", str(SC_TEXT), str(other / "S_RES_0081_1950_EN_GOLD.txt"), "-d", str(out))
    assert result.returncode == 2
    assert b"would both write" in result.stderr
    assert not out.exists()  # nothing written before the plan was checked


def test_an_output_that_would_overwrite_an_input_is_a_usage_error(tmp_path: Path) -> None:
    folder = documents(tmp_path)
    (folder / "S_RES_0081_1950_EN_GOLD.json").write_text("{}")  # not an input suffix: not converted
    md = folder / "notes.md"
    shutil.copy(TEXT, md)
    formats = [e.name for e in exporters.exporters() if e.suffix == ".md"]
    if not formats:
        pytest.skip("no exporter writes .md yet")
    result = run("convert", str(md), "-d", str(folder), "-t", formats[0])
    assert result.returncode == 2
    assert b"overwritten by its own output" in result.stderr


def test_skip_unchanged_skips_outputs_newer_than_their_input(tmp_path: Path) -> None:
    folder = documents(tmp_path)
    out = tmp_path / "out"
    assert run("convert", str(folder), "-d", str(out)).returncode == 0
    target = out / "S_RES_0145_1960_EN_GOLD.json"
    target.write_text("hand-edited")  # newer than its input: a skip leaves it alone
    again = run("convert", str(folder), "-d", str(out), "--skip-unchanged")
    assert again.returncode == 0
    assert again.stderr == b"6 files: 6 skipped (up to date).\n"
    assert target.read_text() == "hand-edited"
    source = folder / "S_RES_0145_1960_EN_GOLD.txt"
    later = target.stat().st_mtime + 10
    os.utime(source, (later, later))  # the input changed after the output was written
    third = run("convert", str(folder), "-d", str(out), "--skip-unchanged")
    assert third.stderr == b"6 files: 1 converted, 5 skipped (up to date).\n"
    assert json.loads(target.read_bytes())["meta"]["organ"] == "Security Council"


def test_skip_unchanged_converts_missing_outputs(tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert run("convert", str(SC_TEXT), "-d", str(out)).returncode == 0
    (out / "S_RES_0693_1991_EN_GOLD.json").unlink()
    again = run("convert", str(SC_TEXT), "-d", str(out), "--skip-unchanged")
    assert again.stderr == b"6 files: 1 converted, 5 skipped (up to date).\n"
    assert (out / "S_RES_0693_1991_EN_GOLD.json").exists()


def test_check_reports_would_change_and_writes_nothing(tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert run("convert", str(SC_TEXT), "-d", str(out)).returncode == 0
    clean = run("convert", str(SC_TEXT), "-d", str(out), "--check")
    assert clean.returncode == 0
    assert clean.stderr == b"6 files: 6 unchanged.\n"
    changed = out / "S_RES_0235_1967_EN_GOLD.json"
    changed.write_bytes(changed.read_bytes().replace(b'"Security Council"', b'"General Assembly"', 1))
    (out / "S_RES_0693_1991_EN_GOLD.json").unlink()
    before = tree(out)
    result = run("convert", str(SC_TEXT), "-d", str(out), "--check")
    assert result.returncode == 1
    lines = result.stderr.decode().splitlines()
    assert f"would change {changed}" in lines
    assert f"would create {out / 'S_RES_0693_1991_EN_GOLD.json'}" in lines
    assert lines[-1] == "6 files: 4 unchanged, 2 would change."
    assert result.stdout == b""
    assert tree(out) == before


def test_diff_prints_a_unified_diff_on_stdout(tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert run("convert", str(SC_TEXT), "-d", str(out)).returncode == 0
    changed = out / "S_RES_0235_1967_EN_GOLD.json"
    changed.write_bytes(changed.read_bytes().replace(b'"Security Council"', b'"General Assembly"', 1))
    result = run("convert", str(SC_TEXT), "-d", str(out), "--diff")
    assert result.returncode == 1
    diff = result.stdout.decode()
    assert diff.startswith(f"--- a/{changed}\n+++ b/{changed}\n@@ ")
    assert '-    "organ": "General Assembly",\n+    "organ": "Security Council",\n' in diff
    assert b"General Assembly" in changed.read_bytes()  # --diff writes nothing


def test_check_with_one_output_file(tmp_path: Path) -> None:
    out = tmp_path / "a.json"
    assert run("convert", str(TEXT), "-o", str(out)).returncode == 0
    assert run("convert", str(TEXT), "-o", str(out), "--check").returncode == 0
    out.write_text("{}\n")
    result = run("convert", str(TEXT), "-o", str(out), "--check")
    assert result.returncode == 1
    assert result.stderr.decode() == f"would change {out}\n"
    assert out.read_text() == "{}\n"


def test_check_needs_an_output_to_compare_with() -> None:
    result = run("convert", str(TEXT), "--check")
    assert result.returncode == 2
    assert b"give -o FILE or -d DIR" in result.stderr


def test_folder_readme_is_not_an_input(tmp_path: Path) -> None:
    folder = tmp_path / "docs"
    folder.mkdir()
    shutil.copy(SAMPLES / "text" / "A_73_L.103.txt", folder)
    (folder / "README.md").write_text("# Our resolutions\n\nNotes, not a resolution.\n")
    result = run("convert", str(folder), "-d", str(tmp_path / "out"), "-t", "json", "-q")
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["A_73_L.103.json"]
