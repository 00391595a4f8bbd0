"""Hostile inputs (issue 9): each ends in a bounded run with the documented exit code and one line
on stderr; a failure writes nothing, and the input is never touched."""

from __future__ import annotations

import codecs
import json
import os
import re
import stat
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from resolution_cli import io
from resolution_cli.cli.app import app
from resolution_cli.errors import ExitCode
from resolution_cli.limits import MAX_NESTING, MAX_XML_DEPTH
from resolution_cli.schema import validate_bytes
from tests.conftest import SAMPLES

DATA = Path(__file__).parent / "data"

AKN = SAMPLES / "akn" / "A_RES_78_247.xml"
TEXT = SAMPLES / "text" / "A_73_L.103.txt"
ERROR_LINE = re.compile(r"resolution: error: [^\n]+\n")


def invoke(*args: str, env: dict[str, str] | None = None) -> Any:
    return CliRunner().invoke(app, list(args), env=env)


def refused(tmp_path: Path, name: str, data: bytes, code: ExitCode, words: str, **kwargs: Any) -> str:
    """Converts `data` to -o FILE: asserts the exit code, one error line that says `words`, no
    output written and the input unchanged; returns the line."""
    source = tmp_path / name
    source.write_bytes(data)
    out = tmp_path / "out.xml"
    result = invoke("convert", str(source), "-t", "akn", "-o", str(out), **kwargs)
    assert result.exit_code == code, (result.stderr, result.exception)
    assert ERROR_LINE.fullmatch(result.stderr), result.stderr
    assert words in result.stderr
    assert not out.exists()
    assert source.read_bytes() == data
    assert sorted(p.name for p in tmp_path.iterdir()) == [name]
    return str(result.stderr)


def converted(tmp_path: Path, name: str, data: bytes, *formats: str) -> dict[str, bytes]:
    """Converts `data` to each format with -o: exit 0, nothing on stderr, valid AKN, input unchanged."""
    source = tmp_path / name
    source.write_bytes(data)
    outputs: dict[str, bytes] = {}
    for fmt in formats or ("akn", "json", "md"):
        out = tmp_path / f"out.{fmt}"
        result = invoke("convert", str(source), "-t", fmt, "-o", str(out))
        assert result.exit_code == ExitCode.OK, (result.stderr, result.exception)
        assert result.stderr == ""
        outputs[fmt] = out.read_bytes()
    if "akn" in outputs:
        assert validate_bytes(outputs["akn"]) == []
    assert source.read_bytes() == data
    return outputs


def other_commands_work(path: Path, code: ExitCode = ExitCode.OK) -> None:
    """info, preview and check read the same input without a crash."""
    for command in (["info"], ["preview", "--plain"], ["check"]):
        result = invoke(*command, str(path))
        assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
        assert result.exit_code in (code, ExitCode.FINDINGS) if command == ["check"] else result.exit_code == code
        if code == ExitCode.UNREADABLE:
            assert ERROR_LINE.fullmatch(result.stderr) or "1 file" in result.stderr, result.stderr


def nested_akn(depth: int, tag: str = "i") -> bytes:
    inner = f"<{tag}>" * depth + "Recalls" + f"</{tag}>" * depth
    return AKN.read_bytes().replace(b'<span class="italic">Recalls</span>', inner.encode(), 1)


# --- recursion -----------------------------------------------------------------------------------


@pytest.mark.parametrize("depth", [MAX_XML_DEPTH + 1, 990, 2030])
def test_akn_nested_too_deep_is_refused(tmp_path: Path, depth: int) -> None:
    data = nested_akn(depth)
    assert b"<i><i>" in data
    refused(tmp_path, "deep.xml", data, ExitCode.UNREADABLE, f"nested more than {MAX_XML_DEPTH} levels deep")
    other_commands_work(tmp_path / "deep.xml", ExitCode.UNREADABLE)


def test_akn_nested_beyond_libxml2s_limit_is_refused(tmp_path: Path) -> None:
    line = refused(tmp_path, "deep.xml", nested_akn(2100), ExitCode.UNREADABLE, "Excessive depth in document")
    assert "XML_PARSE_HUGE" not in line


def test_akn_nested_to_the_limit_converts(tmp_path: Path) -> None:
    converted(tmp_path, "deep.xml", nested_akn(MAX_XML_DEPTH - 10))


@pytest.mark.parametrize("tag", ["authorialNote", "section"])
def test_akn_nested_notes_and_parts_near_the_limit(tmp_path: Path, tag: str) -> None:
    """The walks that recurse more than once per level (a note's text is walked as spans)."""
    data = nested_akn(MAX_XML_DEPTH - 12, tag)
    source = tmp_path / "deep.xml"
    source.write_bytes(data)
    result = invoke("convert", str(source), "-t", "akn")
    assert result.exit_code in (ExitCode.OK, ExitCode.UNREADABLE), result.exception
    if result.exit_code == ExitCode.OK:
        assert validate_bytes(result.stdout_bytes) == []


def test_text_with_thousands_of_sub_paragraph_markers_converts(tmp_path: Path) -> None:
    """Plain text has no nesting of its own: markers of every style, indented ever deeper, stay
    within the depths the exporters take, and the AKN is valid."""
    text = TEXT.read_text(encoding="utf-8")
    markers = ["(a)", "(i)", "(A)", "(1)", "a.", "i.", "-", "\u2022", "(aa)", "(I)"]
    deep = "\n".join(f"{'    ' * (d % 50)}{markers[d % len(markers)]} level {d};" for d in range(3000))
    at = text.index("\n- 2. ")  # before operative paragraph 2
    converted(tmp_path, "deep.txt", (text[:at] + "\n" + deep + text[at:]).encode())


def markdown_sample() -> str:
    return str(invoke("convert", str(TEXT), "-t", "md").stdout)


OPERATIVE_NUMBER = r"\d+\\?\. "  # the exporter escapes the full stop (1\. ), so that no renderer makes a list


def operative_line(lines: list[str], number: int) -> int:
    """The index of operative paragraph `number` in the lines of our Markdown."""
    return next(i for i, line in enumerate(lines) if re.match(rf"{number}\\?\. ", line))


def test_markdown_json_nested_too_deep_is_refused(tmp_path: Path) -> None:
    lines = markdown_sample().split("\n")
    first = operative_line(lines, 1)
    lines[first] += " <!-- anchors=" + "[" * 100_000 + "]" * 100_000 + " -->"
    refused(tmp_path, "deep.md", "\n".join(lines).encode(), ExitCode.UNREADABLE, "cannot read the value of 'anchors'")


def test_markdown_lists_nested_too_deep_are_refused(tmp_path: Path) -> None:
    lines = markdown_sample().split("\n")
    second = operative_line(lines, 2)
    lines[second + 1 : second + 1] = ["  " + "  " * d + f"- (a\\) level {d}" for d in range(1200)]
    refused(tmp_path, "deep.md", "\n".join(lines).encode(), ExitCode.UNREADABLE, f"more than {MAX_NESTING} levels")


def test_markdown_sections_nested_too_deep_are_refused(tmp_path: Path) -> None:
    lines = markdown_sample().split("\n")
    third = operative_line(lines, 3)
    lines[third:third] = ["#" * (d + 2) + f" {d}. Part\n" for d in range(1200)]
    refused(tmp_path, "deep.md", "\n".join(lines).encode(), ExitCode.UNREADABLE, f"more than {MAX_NESTING} levels")


@pytest.mark.parametrize("marker", ["²", "9" * 5000, "١"])
def test_odd_footnote_markers_convert(tmp_path: Path, marker: str) -> None:
    data = AKN.read_bytes().replace(b'marker="1"', f'marker="{marker}"'.encode(), 1)
    assert marker.encode() in data
    converted(tmp_path, "marker.xml", data)
    other_commands_work(tmp_path / "marker.xml")


def test_paragraph_number_of_thousands_of_digits(tmp_path: Path) -> None:
    data = AKN.read_bytes().replace(b"<num>1.</num>", ("<num>" + "7" * 5000 + ".</num>").encode(), 1)
    converted(tmp_path, "num.xml", data, "akn", "json")
    other_commands_work(tmp_path / "num.xml")


# --- patterns that used to backtrack (tests/test_patterns.py times every pattern) ----------------


def test_report_line_of_nested_parentheses(tmp_path: Path) -> None:
    text = TEXT.read_text(encoding="utf-8")
    line = "[on the report of the Third Committee (" + "((((a)" * 16
    data = text.replace("Seventy-third session", f"Seventy-third session\n\n{line}", 1).encode()
    converted(tmp_path, "report.txt", data, "json")


def test_formula_followed_by_100000_stops(tmp_path: Path) -> None:
    data = AKN.read_bytes().replace(
        b"The General Assembly</span>,", b"The General Assembly</span>" + b",." * 100_000 + b" x", 1
    )
    assert b",.,." in data
    outputs = converted(tmp_path, "formula.xml", data, "akn")
    assert b",.,.,." in outputs["akn"]


# --- validation ----------------------------------------------------------------------------------


def test_impossible_date_is_left_out_with_a_diagnostic(tmp_path: Path) -> None:
    data = AKN.read_bytes().replace(b'date="2023-12-22"', b'date="2023-13-99"')
    assert b"2023-13-99" in data
    outputs = converted(tmp_path, "date.xml", data, "akn", "json")
    assert b"2023-13-99" not in outputs["akn"]
    codes = [d["code"] for d in json.loads(outputs["json"])["diagnostics"]]
    assert "invalid-date" in codes
    check = invoke("check", str(tmp_path / "date.xml"))
    assert "adoption date '2023-13-99' is not a date" in check.stdout


def test_impossible_date_in_text_is_no_date() -> None:
    from resolution_cli.parse.dates import iso_date

    assert iso_date("31 February 2023") == ""
    assert iso_date("99 December 2023") == ""
    assert iso_date("29 February 2024") == "2024-02-29"


@pytest.mark.parametrize("where", ["after", "between"])
def test_markdown_preambular_among_operative_exports_valid_akn(tmp_path: Path, where: str) -> None:
    lines = markdown_sample().split("\n")
    if where == "after":
        last = max(i for i, line in enumerate(lines) if re.match(OPERATIVE_NUMBER, line))
        lines[last + 1 : last + 1] = ["", "*Recalling* a late paragraph,"]
    else:
        third = operative_line(lines, 3)
        lines[third:third] = ["*Noting* a paragraph in between,", ""]
    outputs = converted(tmp_path, "late.md", "\n".join(lines).encode(), "akn", "json")
    back = tmp_path / "back.xml"
    back.write_bytes(outputs["akn"])
    assert invoke("convert", str(back), "-t", "json").stdout_bytes == outputs["json"]  # the model survives


@pytest.mark.parametrize("value", ["99999999999999999999", "١٢٣", "12a", "-5"])
def test_bad_source_date_epoch_is_a_usage_error(tmp_path: Path, value: str) -> None:
    line = refused(
        tmp_path, "a.xml", AKN.read_bytes(), ExitCode.USAGE, "SOURCE_DATE_EPOCH=", env={"SOURCE_DATE_EPOCH": value}
    )
    assert "unset it" in line


def test_source_date_epoch_up_to_year_9999(tmp_path: Path) -> None:
    source = tmp_path / "a.xml"
    source.write_bytes(AKN.read_bytes())
    result = invoke("convert", str(source), "-t", "akn", env={"SOURCE_DATE_EPOCH": "253402300799"})
    assert result.exit_code == ExitCode.OK
    assert b'date="9999-12-31" name="markup"' in result.stdout_bytes


@pytest.mark.parametrize(
    ("bom", "encoding"),
    [
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
        (codecs.BOM_UTF32_LE, "utf-32-le"),
        (codecs.BOM_UTF32_BE, "utf-32-be"),
    ],
)
def test_utf16_and_utf32_with_a_bom_read_as_utf8(tmp_path: Path, bom: bytes, encoding: str) -> None:
    text = TEXT.read_text(encoding="utf-8")
    expected = invoke("convert", str(TEXT), "-t", "json").stdout_bytes
    assert converted(tmp_path, "wide.txt", bom + text.encode(encoding), "json")["json"] == expected


@pytest.mark.parametrize("encoding", ["utf-16", "utf-32"])  # Python writes the byte-order mark
@pytest.mark.parametrize("kind", ["akn", "md"])
def test_akn_and_markdown_in_utf16_and_utf32_read_as_in_utf8(tmp_path: Path, encoding: str, kind: str) -> None:
    """Windows saves "Unicode" files as UTF-16 with a BOM: they are sniffed and read as what they are."""
    utf8 = AKN.read_bytes() if kind == "akn" else invoke("convert", str(AKN), "-t", "md").stdout_bytes
    expected = invoke("convert", str(AKN), "-t", "json").stdout_bytes
    text = utf8.decode("utf-8")
    if kind == "akn":  # with the declaration an editor saving UTF-16 writes
        text = f'<?xml version="1.0" encoding="{encoding.upper()}"?>\n' + text
    wide = text.encode(encoding)
    assert converted(tmp_path, f"wide.{'xml' if kind == 'akn' else 'md'}", wide, "json")["json"] == expected


@pytest.mark.parametrize("encoding", ["UTF-16LE", "UTF-16BE", "UTF-32LE", "UTF-32BE"])
def test_utf16_and_utf32_without_a_bom_say_how_to_convert(tmp_path: Path, encoding: str) -> None:
    data = TEXT.read_text(encoding="utf-8").encode(encoding.lower())
    refused(tmp_path, "wide.txt", data, ExitCode.UNREADABLE, f"iconv -f {encoding} -t UTF-8")


def test_binary_is_binary(tmp_path: Path) -> None:
    refused(tmp_path, "b.txt", bytes(range(256)) * 8, ExitCode.UNREADABLE, "input is binary")


def test_a_report_with_neither_preamble_nor_operative_part_is_not_a_resolution(tmp_path: Path) -> None:
    report = (
        "United Nations\nA/53/999\nGeneral Assembly\nDistr.: General\n1 December 1998\n"
        "Fifty-third session\nAgenda item 99\n\nReport of the Third Committee\n\nThe General Assembly,\n\n"
        "Annex\n\nList of documents considered by the Committee\n"
    )
    refused(tmp_path, "report.txt", report.encode(), ExitCode.UNREADABLE, "neither preambular nor operative paragraphs")


def test_a_committee_report_recommending_a_draft_is_not_a_resolution(tmp_path: Path) -> None:
    """A Main Committee's report numbers its own paragraphs and ends by recommending a draft
    resolution, whose enacting formula follows them: the report is refused, not read as a
    resolution with the whole report for its masthead."""
    report = (
        "United Nations\nA/79/999\nGeneral Assembly\nDistr.: General\n1 December 2024\n"
        "Seventy-ninth session\nAgenda item 18\n\nReport of the Second Committee\n\n"
        "Rapporteur: Ms. A. B. (Ruritania)\n\n1. The Second Committee held a debate on item 18.\n\n"
        "2. The Second Committee recommends to the General Assembly the adoption of the following draft "
        "resolution:\n\nThe General Assembly,\n\nRecalling its resolutions,\n\n1. Decides to act.\n"
    )
    refused(tmp_path, "report.txt", report.encode(), ExitCode.UNREADABLE, "2 numbered paragraphs come before")
    pdf = (DATA / "pdf" / "A_48_653.pdf").read_bytes()
    (tmp_path / "pdf").mkdir()
    refused(tmp_path / "pdf", "A_48_653.pdf", pdf, ExitCode.UNREADABLE, "committee report that recommends")


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"\xff\xfe<\x00a\x00", "enacting formula"),  # UTF-16 with a BOM: read as text
        (b"<akomaNtoso>\n<a>\x01</a>", "not well-formed XML"),
        (b'<akomaNtoso xmlns="x"><statement name="a&#10;b&#27;"/></akomaNtoso>', "not well-formed XML"),
        (b"<akomaNtoso>\n<p>\xe9\xe9\xe9</p></akomaNtoso>", "not well-formed XML"),
    ],
)
def test_libxml2_messages_are_one_line_without_input_bytes(tmp_path: Path, data: bytes, words: str) -> None:
    line = refused(tmp_path, "bad.xml", data, ExitCode.UNREADABLE, words)
    assert "Bytes:" not in line and "0xE9" not in line
    result = invoke("validate", str(tmp_path / "bad.xml"))
    assert result.exit_code == ExitCode.UNREADABLE
    assert ERROR_LINE.fullmatch(result.stderr.split("1 file")[0])


def test_schema_messages_are_one_line(tmp_path: Path) -> None:
    data = AKN.read_bytes().replace(b'date="2023-12-22"', b'date="2023-&#10;12-22"', 1)
    path = tmp_path / "v.xml"
    path.write_bytes(data)
    result = invoke("validate", str(path))
    assert result.exit_code == ExitCode.FINDINGS
    assert all(line.startswith(str(path)) for line in result.stdout.splitlines())


def test_info_on_broken_markdown_in_worker_processes(tmp_path: Path) -> None:
    """The error crosses the process pool (it was rebuilt with the wrong arguments: exit 4)."""
    text = markdown_sample()
    paths = []
    for index in range(2):
        path = tmp_path / f"bad{index}.md"
        path.write_text(text.replace("\n1\\. ", "\n   1\\. ", 1), encoding="utf-8")
        paths.append(str(path))
    result = invoke("info", *paths)
    assert result.exit_code == ExitCode.UNREADABLE, result.stderr
    assert "internal error" not in result.stderr
    assert all(line.startswith("resolution: error: ") for line in result.stderr.splitlines())


# --- what stands at the paths: devices, FIFOs, links, names that are not UTF-8 --------------------
# Every one made here in tmp_path (we run as root: the system's /dev/null and /dev/stdout are
# never touched); the device nodes carry the numbers of null (1, 3), zero (1, 5) and full (1, 7).


def device(path: Path, minor: int) -> Path:
    if os.geteuid() != 0:
        pytest.skip("mknod of a character device needs root")
    os.mknod(path, 0o666 | stat.S_IFCHR, os.makedev(1, minor))
    return path


def run(*args: str | bytes, cwd: Path | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "resolution_cli", *args], capture_output=True, cwd=cwd, timeout=120)


def test_o_through_a_link_to_our_own_stdout_writes_to_it(tmp_path: Path) -> None:
    """`-o /dev/stdout` as the shell has it: a link to /proc/self/fd/1, which leads to a pipe and
    not to a path (it was followed as a path: 'cannot write (No such file or directory)')."""
    link = tmp_path / "stdout"
    link.symlink_to("/proc/self/fd/1")
    result = run("convert", str(TEXT), "-t", "md", "-o", str(link))
    assert (result.returncode, result.stderr) == (0, b"")
    assert result.stdout == invoke("convert", str(TEXT), "-t", "md").stdout_bytes
    assert link.is_symlink() and os.readlink(link) == "/proc/self/fd/1"


def test_o_onto_a_fifo_writes_through_it(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    with ThreadPoolExecutor(1) as reader:
        received = reader.submit(fifo.read_bytes)
        result = invoke("convert", str(TEXT), "-t", "json", "-o", str(fifo))
        assert result.exit_code == ExitCode.OK, result.stderr
        assert json.loads(received.result(30))["meta"]["symbol"] == "A/73/L.103"
    assert stat.S_ISFIFO(fifo.stat().st_mode)


def test_a_fifo_as_input_is_read_or_given_up_on(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    with ThreadPoolExecutor(1) as writer:
        written = writer.submit(fifo.write_bytes, TEXT.read_bytes())
        assert invoke("convert", str(fifo), "-t", "json").exit_code == ExitCode.OK
        written.result(30)
    monkeypatch.setattr(io, "FIFO_WAIT_SECONDS", 0.2)
    result = invoke("convert", str(fifo), "-t", "json", "-o", str(tmp_path / "out.json"))
    assert result.exit_code == ExitCode.UNREADABLE
    assert ERROR_LINE.fullmatch(result.stderr) and "a FIFO that nothing wrote to" in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pipe"]


def test_an_endless_device_as_input_is_read_to_the_limit(tmp_path: Path) -> None:
    zero = device(tmp_path / "zero", 5)
    result = invoke("convert", str(zero), "--max-bytes", "1M", "-o", str(tmp_path / "out.json"))
    assert result.exit_code == ExitCode.UNREADABLE
    assert ERROR_LINE.fullmatch(result.stderr) and "larger than 1 MB" in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["zero"]


def test_a_full_disk_under_a_batch_is_one_line_and_the_device_stays(tmp_path: Path) -> None:
    """ENOSPC in a batch: a full device (of our own) where the batch writes its output."""
    out = tmp_path / "out"
    out.mkdir()
    full = device(out / "A_73_L.103.json", 7)
    result = run("convert", str(TEXT), "-d", str(out))
    assert result.returncode == ExitCode.UNREADABLE
    assert result.stderr.decode().splitlines() == [
        f"resolution: error: {full}: cannot write (No space left on device)",
        "1 file: 1 failed.",
    ]
    assert stat.S_ISCHR(full.stat().st_mode) and [p.name for p in out.iterdir()] == [full.name]


def test_names_that_are_not_utf8(tmp_path: Path) -> None:
    """Bytes a name may hold on Linux that are no UTF-8: read, written, and told in one line."""
    folder = tmp_path / os.fsdecode(b"in\xff")
    folder.mkdir()
    good, bad = folder / os.fsdecode(b"draft\xfe.txt"), folder / os.fsdecode(b"eggs\xff.txt")
    good.write_bytes(TEXT.read_bytes())
    bad.write_bytes(b"eggs\n")
    out = tmp_path / os.fsdecode(b"out\xfe.json")
    assert run("convert", os.fsencode(good), "-o", os.fsencode(out)).returncode == ExitCode.OK
    assert json.loads(out.read_bytes())["meta"]["symbol"] == "A/73/L.103"
    result = run("convert", os.fsencode(folder), "-d", os.fsencode(tmp_path / "batch"))
    assert result.returncode == ExitCode.UNREADABLE
    lines = result.stderr.decode("utf-8").splitlines()  # what reaches the terminal is UTF-8
    assert len(lines) == 2 and lines[0].startswith("resolution: error: ")
    assert "in\\xff/eggs\\xff.txt: " in lines[0]  # the bytes as `ls -b` shows them
    assert [os.fsencode(p.name) for p in (tmp_path / "batch").iterdir()] == [b"draft\xfe.json"]


# --- XML that expands or reaches out ---------------------------------------------------------------


def _with_doctype(declarations: str, reference: str) -> bytes:
    body = AKN.read_bytes().replace(b"Recalls", f"Recalls {reference}".encode(), 1)
    assert reference.encode() in body
    return f'<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE akomaNtoso [\n{declarations}\n]>'.encode() + body


def test_an_xml_entity_bomb_is_refused(tmp_path: Path) -> None:
    """A billion laughs: ten entities of ten each (10^9 'ha's) are never expanded."""
    laughs = '<!ENTITY a0 "ha">' + "".join(
        f'<!ENTITY a{i} "{f"&a{i - 1};" * 10}">' for i in range(1, 10)
    )
    line = refused(tmp_path, "laughs.xml", _with_doctype(laughs, "&a9;"), ExitCode.UNREADABLE, "an XML entity bomb?")
    assert "xmlCtxtSetMaxAmplification" not in line


def test_external_entities_are_never_read(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("the-secret-words")
    data = _with_doctype(f'<!ENTITY x SYSTEM "file://{secret}">', "&x;")
    for fmt, output in converted(tmp_path, "outside.xml", data).items():
        assert b"the-secret-words" not in output, fmt
