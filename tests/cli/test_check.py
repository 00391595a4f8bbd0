"""`resolution check`: findings on stdout in three formats, severities, --strict, exit codes."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from tests.cli.test_batch import SC_TEXT, TEXT
from tests.cli.test_convert_cli import run
from tests.cli.test_exit_codes import invoke

# A GitHub Actions workflow command: ::error|warning|notice file=F[,line=N],title=T::message
ANNOTATION = re.compile(r"^::(error|warning|notice) file=([^,:]+)(?:,line=(\d+))?,title=([a-z-]+)::(\S.*)$")


def test_human_findings_name_file_line_severity_and_code() -> None:
    result = run("check", str(TEXT))
    assert result.returncode == 0  # warnings and notes do not fail without --strict
    lines = result.stdout.decode().splitlines()
    assert f"{TEXT}:65: warning unanchored-footnote: footnote 6 is never called in the text" in lines
    assert f"{TEXT}:23: note unusual-ending: preambular paragraph ends with '.', not ',' (preamble 2)" in lines
    assert not any("unknown-lead-phrase" in line for line in lines)  # 'Referring' is in the vocabulary
    assert result.stderr.decode().startswith("1 file: 1 checked; 2 warnings, ")


def test_line_numbers_point_at_the_paragraph(tmp_path: Path) -> None:
    text = TEXT.read_text().splitlines()
    result = run("check", str(TEXT), "--format", "json")
    for finding in json.loads(result.stdout)["findings"]:
        if finding["where"] == "preamble 2":
            assert text[finding["line"] - 1].startswith("Referring to the Articles of the Charter")
        if finding["where"] == "footnote 6":
            assert text[finding["line"] - 1].startswith("⁶ See Official Records")


def test_strict_turns_warnings_into_failure() -> None:
    result = run("check", "--strict", str(TEXT))
    assert result.returncode == 1
    assert b"warning unanchored-footnote" in result.stdout


def test_notes_alone_never_fail_even_strict(tmp_path: Path) -> None:
    result = run("check", "--strict", "--format", "json", str(SC_TEXT / "S_RES_0873_1993_EN_GOLD.txt"))
    findings = json.loads(result.stdout)["findings"]
    severities = {f["severity"] for f in findings}
    assert "note" in severities
    assert result.returncode == (1 if "warning" in severities or "error" in severities else 0)


def test_github_annotations(tmp_path: Path) -> None:
    no_symbol = tmp_path / "no-symbol.txt"  # a finding about the whole document: no line to point at
    no_symbol.write_text(TEXT.read_text("utf-8").replace("United Nations A/73/L.103", "United Nations"), "utf-8")
    result = run("check", "--format", "github", str(TEXT), str(SC_TEXT), str(no_symbol))
    lines = result.stdout.decode().splitlines()
    assert lines
    for line in lines:
        assert ANNOTATION.match(line), line
    assert f"::warning file={TEXT},line=65,title=unanchored-footnote::footnote 6 is never called in the text" in lines
    assert any(line.startswith("::notice ") for line in lines)  # notes are notices
    no_line = [line for line in lines if "title=missing-symbol" in line]
    assert no_line and all(",line=" not in line for line in no_line)  # no place in the file: no line


def test_github_annotation_escapes_commas_colons_and_newlines(tmp_path: Path) -> None:
    odd = tmp_path / "a,b:c.txt"
    shutil.copy(TEXT, odd)
    result = run("check", "--format", "github", str(odd))
    first = result.stdout.decode().splitlines()[0]
    escaped = str(odd).replace(":", "%3A").replace(",", "%2C")
    assert first.startswith(f"::warning file={escaped},line=65,")


def test_json_format(tmp_path: Path) -> None:
    result = run("check", "--format", "json", "-q", str(TEXT), str(SC_TEXT / "S_RES_0235_1967_EN_GOLD.txt"))
    assert result.returncode == 0
    assert result.stderr == b""  # -q: no summary
    document = json.loads(result.stdout)
    files = [f["file"] for f in document["findings"]]
    assert files == sorted(files, key=lambda name: name != str(TEXT))  # input order
    assert set(document["findings"][0]) == {"file", "line", "severity", "code", "message", "where"}
    assert document["summary"]["files"] == {"checked": 2}
    assert document["summary"]["findings"]["warning"] >= 2
    assert document["exit_code"] == 0


def test_parallel_check_prints_the_same_as_serial() -> None:
    serial = run("check", "-j", "1", str(TEXT), str(SC_TEXT))
    parallel = run("check", "-j", "2", str(TEXT), str(SC_TEXT))
    assert serial.stdout == parallel.stdout and serial.stderr == parallel.stderr


# A UN masthead over text with neither an enacting formula nor a title: a UN document that is
# no resolution the tool can read (as opposed to a file that is no UN document at all).
BROKEN_UN_DOCUMENT = "United Nations A/78/L.99\n\nDistr.: Limited\n\neggs\n\nmilk\n"


def test_unreadable_input_is_exit_3_and_the_rest_is_checked(tmp_path: Path) -> None:
    bad = tmp_path / "list.txt"
    bad.write_text(BROKEN_UN_DOCUMENT)
    result = run("check", str(bad), str(TEXT))
    assert result.returncode == 3
    assert f"resolution: error: {bad}: ".encode() in result.stderr
    assert f"{TEXT}:65: warning".encode() in result.stdout


def test_schema_errors_are_errors_and_always_fail(monkeypatch: pytest.MonkeyPatch) -> None:
    """The AKN a conversion would write is validated: an invalid one is an error even without --strict."""
    from resolution_cli import schema

    clean = invoke("check", "-j", "1", str(TEXT))
    assert clean.exit_code == 0 and "schema-error" not in clean.stdout
    problem = schema.Problem(7, "Element 'p': This element is not expected.")
    monkeypatch.setattr(schema, "validate_bytes", lambda data, name="": [problem])
    broken = invoke("check", "-j", "1", str(TEXT))
    assert broken.exit_code == 1
    assert f"{TEXT}: error schema-error: the AKN output breaks the schema (its line 7)" in broken.stdout


def test_unreadable_input_is_an_annotation_too(tmp_path: Path) -> None:
    bad = tmp_path / "list.txt"
    bad.write_text(BROKEN_UN_DOCUMENT)
    github = run("check", "--format", "github", str(bad))
    assert github.returncode == 3
    assert github.stdout.decode().startswith(f"::error file={bad},title=unreadable-input::no enacting formula")
    document = json.loads(run("check", "--format", "json", str(bad)).stdout)
    assert [(f["code"], f["severity"]) for f in document["findings"]] == [("unreadable-input", "error")]
    assert document["exit_code"] == 3


def test_a_file_that_is_no_un_document_is_passed_over_with_a_note(tmp_path: Path) -> None:
    """A repository's README, requirements.txt or pom.xml among the documents: a note, exit 0."""
    readme = tmp_path / "README.md"
    readme.write_text("# Our resolutions\n\nThe UN resolutions we follow, A/RES/78/229 among them.\n")
    pom = tmp_path / "pom.xml"
    pom.write_text('<?xml version="1.0"?>\n<project><modelVersion>4.0.0</modelVersion></project>\n')
    result = run("check", "--strict", str(readme), str(pom), str(TEXT))
    lines = result.stdout.decode().splitlines()
    for path in (readme, pom):
        assert f"{path}: note not-a-un-document: " in "\n".join(lines)
        assert any(line.startswith(f"{path}: note") and line.endswith("passed over") for line in lines)
    assert result.returncode == 1  # TEXT's warnings under --strict; the two notes never fail
    assert run("check", "--strict", str(readme), str(pom)).returncode == 0


def damaged_formula(tmp_path: Path) -> Path:
    damaged = tmp_path / TEXT.name
    damaged.write_text(TEXT.read_text().replace("The General Assembly,", "The General Assemblyy"))
    return damaged


def test_a_damaged_enacting_formula_is_one_error_that_names_it(tmp_path: Path) -> None:
    """One cause, one finding: the preamble stays a preamble (no cascade of duplicate numbers)."""
    damaged = damaged_formula(tmp_path)
    result = run("check", "--format", "json", str(damaged))
    assert result.returncode == 1  # an error: fails without --strict
    findings = json.loads(result.stdout)["findings"]
    errors = [f for f in findings if f["severity"] == "error"]
    assert [(f["code"], f["where"], f["line"]) for f in errors] == [("damaged-enacting-formula", "formula", 19)]
    assert "'The General Assembly,'" in errors[0]["message"]
    clean = json.loads(run("check", "--format", "json", str(TEXT)).stdout)["findings"]
    assert [f for f in findings if f["severity"] != "error"] == [dict(f, file=str(damaged)) for f in clean]
