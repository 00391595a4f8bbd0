"""The Python API (resolution_cli.api, re-exported by the package): the README's example runs, the
library gives the bytes the CLI gives, every kind of source reads, and mistakes are the tool's errors."""

from __future__ import annotations

import dataclasses
import io
import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from lxml import etree

import resolution_cli as rc
from resolution_cli.api import ReadArguments
from tests.conftest import ROOT, SAMPLES
from tests.documents import read_once

SAMPLE_FILES = sorted(p for p in SAMPLES.rglob("*") if p.suffix in (".pdf", ".txt", ".xml"))
NS = {"a": "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"}
AKN = "{" + NS["a"] + "}"


def test_the_readme_example_runs() -> None:
    readme = (ROOT / "README.md").read_text("utf-8")
    example = re.search(r"## Python API.*?```python\n(.*?)```", readme, re.S)
    assert example, "the README's Python API section lost its example"
    result = subprocess.run([sys.executable, "-c", example.group(1)], cwd=ROOT, capture_output=True, timeout=300)
    assert result.returncode == 0, result.stderr.decode()[-2000:]


@pytest.mark.parametrize("path", SAMPLE_FILES, ids=lambda p: p.name)
def test_convert_gives_the_bytes_the_cli_writes(path: Path) -> None:
    cli = subprocess.run(
        [sys.executable, "-m", "resolution_cli", "convert", str(path), "-t", "akn"], capture_output=True, timeout=300
    )
    assert cli.returncode == 0, cli.stderr
    assert rc.convert(path, "akn") == cli.stdout


def test_every_kind_of_source_reads_the_same() -> None:
    path = SAMPLES / "text" / "A_73_L.103.txt"
    expected = rc.read(path)
    assert rc.read(str(path)) == expected
    assert rc.read(path.read_bytes()) == expected
    assert rc.read(bytearray(path.read_bytes())) == expected
    with path.open("rb") as handle:
        assert rc.read(handle) == expected
    assert rc.read(io.BytesIO(path.read_bytes()), kind="text") == expected


@pytest.mark.parametrize(
    ("source", "message"),
    [
        (12, "cannot read a int"),
        (None, "cannot read a NoneType"),
        (io.StringIO("The General Assembly,"), "open it with 'rb'"),
    ],
)
def test_a_source_of_the_wrong_type_is_a_usage_error(source: object, message: str) -> None:
    with pytest.raises(rc.UsageError, match=message):
        rc.read(source)  # type: ignore[arg-type]


def test_a_missing_path_is_the_tools_error_not_python_s(tmp_path: Path) -> None:
    with pytest.raises(rc.UnreadableInput, match="no such file"):
        rc.read(tmp_path / "missing.pdf")
    with pytest.raises(rc.UsageError, match="unknown input kind 'docx'"):
        rc.read(SAMPLES / "text" / "A_73_L.103.txt", kind="docx")


def test_read_options_are_the_fields_of_read_options() -> None:
    assert set(ReadArguments.__annotations__) == {f.name for f in dataclasses.fields(rc.ReadOptions)}
    with pytest.raises(rc.UsageError, match="unknown read option 'colour'"):
        rc.read(SAMPLES / "text" / "A_73_L.103.txt", colour="red")  # type: ignore[call-arg]


def test_export_options_are_checked_and_reach_the_exporter() -> None:
    doc = rc.read(SAMPLES / "text" / "A_73_L.103.txt")
    assert rc.export(doc, "json", indent=0).count(b"\n") == 1
    assert rc.export(doc, "akn", indent=False).count(b"\n") <= 1
    with pytest.raises(rc.UsageError, match="has no option 'colour'"):
        rc.export(doc, "json", colour="red")
    with pytest.raises(rc.UsageError, match="takes a whole number"):
        rc.export(doc, "json", indent="wide")
    with pytest.raises(rc.UsageError, match="unknown format 'docx'"):
        rc.export(doc, "docx")


def test_check_returns_findings_at_their_lines() -> None:
    path = SAMPLES / "text" / "A_73_L.103.txt"
    findings = rc.check(path)
    lines = path.read_text("utf-8").splitlines()
    unanchored = [f for f in findings if f.code == "unanchored-footnote"]
    assert [f.where for f in unanchored] == ["footnote 6", "footnote 7"]
    assert all(lines[f.line - 1].startswith(("⁶", "⁷")) for f in unanchored)
    assert {f.file for f in findings} == {str(path)}


@pytest.mark.parametrize("path", SAMPLE_FILES, ids=lambda p: p.name)
def test_json_names_and_links_every_paragraph_as_the_akn_does(path: Path) -> None:
    doc = read_once(path)
    data = json.loads(rc.export(doc, "json"))
    root = etree.fromstring(rc.export(doc, "akn"))
    from_json = dict(_json_paragraphs(data))
    from_akn = dict(_akn_paragraphs(root))
    assert from_json == from_akn
    assert from_json, "no paragraphs compared"


def test_the_side_by_side_comparison_has_links_to_compare() -> None:
    akn = rc.export(read_once(SAMPLES / "pdf" / "A_RES_78_229.pdf"), "akn")
    linked = sum(len(refs) for _, refs in _akn_paragraphs(etree.fromstring(akn)))
    assert linked > 50  # 78/229 cites dozens of documents: the comparison above compares something


def _json_paragraphs(data: dict[str, Any]) -> list[tuple[str, list[tuple[str, str]]]]:
    """(eid, [(cited text, url)]) of every paragraph and sub-paragraph the AKN has an element for."""
    found: list[tuple[str, list[tuple[str, str]]]] = []

    def walk(node: dict[str, Any]) -> None:
        if node["type"] == "paragraph" and node["eid"] and not node["eid"].split("__")[-1].startswith("crossHeading"):
            text = node["text"]
            found.append((node["eid"], [(text[r["start"] : r["end"]], r["url"]) for r in node["refs"]]))
        for child in node["children"]:
            walk(child)

    for block in [*data["preamble"], *data["operative"]]:
        walk(block)
    return found


def _akn_paragraphs(root: etree._Element) -> list[tuple[str, list[tuple[str, str]]]]:
    """(eid, [(ref text, href)]) of every container, paragraph, point and item of the body and
    preamble: the refs of its own text (not of its points, nor of its footnotes)."""
    found: list[tuple[str, list[tuple[str, str]]]] = []
    for element in root.xpath(
        "//a:preamble//*[self::a:container or self::a:item] | //a:mainBody//*[self::a:paragraph or self::a:point]",
        namespaces=NS,
    ):
        own = element.xpath("./a:p | ./a:content/a:p | ./a:list/a:intro/a:p", namespaces=NS)
        refs = [
            ("".join(r.itertext()), r.get("href"))
            for p in own
            for r in p.iter(f"{AKN}ref")
            if not r.xpath("ancestor::a:authorialNote", namespaces=NS)
        ]
        found.append((element.get("eId"), refs))
    return found
