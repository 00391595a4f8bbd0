"""`resolution info`: a table or a JSON array, one row per document; bad inputs reported, not fatal."""

from __future__ import annotations

import json
from pathlib import Path

from resolution_cli.api import summary
from resolution_cli.cli.info import COLUMNS
from resolution_cli.readers import read
from tests.cli.test_convert_cli import run
from tests.conftest import SAMPLES

TEXT = SAMPLES / "text" / "A_73_L.103.txt"

EXPECTED_TEXT_ROW = {
    "input": str(TEXT),
    "symbol": "A/73/L.103",
    "kind": "draftResolution",
    "date": "2019-07-19",
    "preambular": 15,
    "operative": 9,
    "footnotes": 7,
}


def test_summary_counts() -> None:
    row = summary(str(TEXT), read(TEXT.read_bytes()))
    assert list(row) == [key for key, _ in COLUMNS]
    assert {k: row[k] for k in EXPECTED_TEXT_ROW} == EXPECTED_TEXT_ROW
    assert row["diagnostics"] == len(read(TEXT.read_bytes()).diagnostics)


def test_cli_json_is_a_deterministic_array(tmp_path: Path) -> None:
    markdown = tmp_path / "draft.md"
    run("convert", str(TEXT), "-t", "md", "-o", str(markdown))
    first = run("info", "--json", str(TEXT), str(markdown))
    assert first.returncode == 0, first.stderr
    rows = json.loads(first.stdout)
    assert [r["input"] for r in rows] == [str(TEXT), str(markdown)]
    assert {k: v for k, v in rows[1].items() if k != "input"} == {k: v for k, v in rows[0].items() if k != "input"}
    assert run("info", "--json", str(TEXT), str(markdown)).stdout == first.stdout


def test_cli_table_has_one_row_per_document() -> None:
    result = run("info", str(TEXT), "-", stdin=TEXT.read_bytes())
    assert result.returncode == 0, result.stderr
    lines = result.stdout.decode().splitlines()
    assert any(line.split()[:2] == ["input", "symbol"] for line in lines)
    rows = [line for line in lines if "A/73/L.103" in line]
    assert len(rows) == 2
    diagnostics = len(read(TEXT.read_bytes()).diagnostics)
    assert rows[0].split()[-4:] == ["15", "9", "7", str(diagnostics)]
    assert all(len(line) <= 80 for line in lines)


def test_cli_bad_input_among_good_ones(tmp_path: Path) -> None:
    bad = tmp_path / "shopping.txt"
    bad.write_text("eggs\nmilk\n")
    copy = tmp_path / "copy.txt"
    copy.write_bytes(TEXT.read_bytes())
    result = run("info", "--json", str(TEXT), str(bad), str(tmp_path / "missing.pdf"), str(copy))
    assert result.returncode == 3
    assert [r["input"] for r in json.loads(result.stdout)] == [str(TEXT), str(copy)]
    errors = result.stderr.decode().splitlines()
    assert len(errors) == 2
    assert errors[0].startswith(f"resolution: error: {bad}: ")
    assert errors[1].startswith(f"resolution: error: {tmp_path / 'missing.pdf'}: no such file")


def test_cli_all_bad_gives_empty_json_and_exit_3(tmp_path: Path) -> None:
    result = run("info", "--json", str(tmp_path / "missing.pdf"))
    assert result.returncode == 3
    assert json.loads(result.stdout) == []
