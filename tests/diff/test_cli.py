"""`resolution diff` as users run it: formats, options, standard input, exit codes, output files."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import jsonschema
import pytest

from resolution_cli.exporters import get
from resolution_cli.model import Resolution
from resolution_cli.readers import read
from tests.cli.test_convert_cli import run
from tests.conftest import ROOT, SAMPLES

AKN = SAMPLES / "akn" / "S_RES_2768_2025.xml"
SCHEMA = json.loads((ROOT / "resolution_cli" / "schemas" / "diff.schema.json").read_text())


def _edited(original: Resolution) -> Resolution:
    """Operative 2's lead phrase changed, a word of operative 3 changed, a paragraph added."""
    body = list(original.body)
    second, third = body[1], body[2]
    assert second.lead == "Reiterates"  # type: ignore[union-attr]
    body[1] = replace(second, lead="Also reiterates", text="Also reiterates" + second.text[len("Reiterates") :])  # type: ignore[union-attr]
    body[2] = replace(third, text=third.text.replace("the", "all the", 1))  # type: ignore[union-attr]
    body.append(replace(body[-1], num="7.", text="Decides to remain seized of the matter.", lead="Decides", anchors=()))
    return replace(original, body=tuple(body))


@pytest.fixture(scope="module")
def pair(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The UN's AKN of S/RES/2768 (2025) and an edited version of it, as our Markdown."""
    folder = tmp_path_factory.mktemp("pair")
    new = folder / "edited.md"
    new.write_bytes(get("md").render(_edited(read(AKN.read_bytes()))))
    return AKN, new


def test_same_document_exits_0(pair: tuple[Path, Path]) -> None:
    result = run("diff", str(AKN), str(AKN))
    assert result.returncode == 0, result.stderr
    assert b"no differences" in result.stdout


def test_different_documents_exit_1_with_a_redline(pair: tuple[Path, Path]) -> None:
    result = run("diff", *map(str, pair))
    assert result.returncode == 1, result.stderr
    out = result.stdout.decode()
    assert "\x1b" not in out  # piped: no escape codes, wdiff's marks instead
    assert "~ operative 2  changed" in out and "lead phrase: Reiterates → Also reiterates" in out
    assert "{+all+}" in out
    assert "+ operative 7  added" in out
    assert result.stderr == b""


def test_stdin_for_one_side(pair: tuple[Path, Path]) -> None:
    old, new = pair
    result = run("diff", str(old), "-", "--stat", stdin=new.read_bytes())
    assert result.returncode == 1
    assert result.stdout.decode().splitlines()[0] == "S/RES/2768 (2025) → S/RES/2768 (2025): 2 changed, 1 added"
    assert "added\t1" in result.stdout.decode()


def test_json_report_follows_its_schema(pair: tuple[Path, Path]) -> None:
    result = run("diff", *map(str, pair), "--format", "json")
    document = json.loads(result.stdout)
    jsonschema.validate(document, SCHEMA)
    changed = [op for op in document["body"] if op["op"] == "changed"]
    assert changed[0]["lead"] == {"old": "Reiterates", "new": "Also reiterates"}
    assert changed[0]["old"][0]["eid"] == changed[0]["new"][0]["eid"] == "para_2"
    assert document["stat"]["added"] == 1 and document["same"] is False


def test_json_stat_only(pair: tuple[Path, Path]) -> None:
    document = json.loads(run("diff", *map(str, pair), "-f", "json", "--stat").stdout)
    assert set(document) == {"$schema", "schema_version", "old", "new", "same", "stat"}


def test_markdown_and_side_by_side(pair: tuple[Path, Path]) -> None:
    markdown = run("diff", *map(str, pair), "-f", "md").stdout.decode()
    assert markdown.startswith("# S/RES/2768 (2025) → S/RES/2768 (2025)\n")
    assert "**all**" in markdown and "lead phrase *Reiterates* → *Also reiterates*" in markdown
    side = run("diff", *map(str, pair), "--side-by-side").stdout.decode()
    line = next(line for line in side.splitlines() if "{+all+}" in line)
    assert line.index("{+all+}") > 40  # the new text stands in the right-hand column


def test_all_lists_unchanged_paragraphs(pair: tuple[Path, Path]) -> None:
    terse = run("diff", *map(str, pair)).stdout.decode()
    full = run("diff", *map(str, pair), "--all").stdout.decode()
    assert "operative 1  unchanged" in full and "operative 1  unchanged" not in terse


def test_output_file_is_written_whole(pair: tuple[Path, Path], tmp_path: Path) -> None:
    target = tmp_path / "report.html"
    result = run("diff", *map(str, pair), "-f", "html", "-o", str(target))
    assert result.returncode == 1 and result.stdout == b""
    page = target.read_text()
    assert page.startswith("<!DOCTYPE html>") and "<ins>all</ins>" in page
    assert [p.name for p in tmp_path.iterdir()] == ["report.html"]  # no temporary file left


def test_unreadable_input_exits_3(tmp_path: Path) -> None:
    missing = run("diff", str(tmp_path / "missing.pdf"), str(AKN))
    assert missing.returncode == 3
    assert missing.stderr.decode().startswith(f"resolution: error: {tmp_path / 'missing.pdf'}: no such file")
    junk = tmp_path / "junk.txt"
    junk.write_text("shopping list\n")
    result = run("diff", str(AKN), str(junk))
    assert result.returncode == 3 and b"Traceback" not in result.stderr
    assert result.stderr.decode().count("\n") == 1


def test_usage_errors_exit_2() -> None:
    assert run("diff", "-", "-").returncode == 2
    assert run("diff", str(AKN)).returncode == 2
    assert run("diff", str(AKN), str(AKN), "--format", "docx").returncode == 2


def test_report_never_overwrites_an_input(pair: tuple[Path, Path], tmp_path: Path) -> None:
    old, new = pair
    copy = tmp_path / "new.md"
    copy.write_bytes(new.read_bytes())
    result = run("diff", str(old), str(copy), "-f", "md", "-o", str(copy))
    assert result.returncode == 2 and b"is one of the inputs" in result.stderr
    assert copy.read_bytes() == new.read_bytes()
