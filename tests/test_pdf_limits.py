"""Bad and hostile PDFs, with each installed engine: one clear error, bounded work, no stray stderr.

The PDFs are made here (tests/pdfmaker.py): a decompression bomb, damaged and image-only pages,
a form that draws itself, a PDF with no UN masthead, one encrypted with a user password.
"""

from __future__ import annotations

import io
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from pdfminer import pdffont, pdfinterp
from pdfminer.cmapdb import CMapParser, FileUnicodeMap
from pdfminer.pdffont import Type1FontHeaderParser
from pdfminer.pdfinterp import PDFContentParser
from pdfminer.pdftypes import PDFStream
from pdfminer.psparser import PSEOF, PSStackParser

from resolution_cli.errors import NeedsOCR, NotAResolution, UnreadableInput, UsageError
from resolution_cli.exporters import get
from resolution_cli.parse.finish import finish
from resolution_cli.readers.base import MEBIBYTE, ReadOptions
from resolution_cli.readers.pdf import available_engines, drawn, fontmaps, limits, read_pdf
from resolution_cli.readers.pdf import engines as engine_registry
from resolution_cli.readers.pdf.engine_pdfminer import BoundedParser
from resolution_cli.readers.pdf.glyphs import Report
from resolution_cli.readers.pdf.lexer import LinearCMapParser, LinearContentParser
from resolution_cli.readers.pdf.streams import MAX_INFLATED, Budget
from tests.cli.test_convert_cli import run
from tests.conftest import SAMPLES
from tests.pdfmaker import (
    bad_checksum,
    cid_font_pdf,
    cmap,
    damaged,
    deep_page_tree,
    drawing_form,
    format_4,
    format_12,
    make_pdf,
    nested,
    resolution_page,
    text_page,
    truetype_with_cmap,
    zeros_bomb,
)

ENGINES = [engine.name for engine in available_engines()]
SAMPLE = SAMPLES / "pdf" / "S_RES_2768_2025.pdf"


@pytest.fixture(params=ENGINES)
def engine(request: pytest.FixtureRequest) -> str:
    return str(request.param)


def options(engine: str, **more: object) -> ReadOptions:
    return ReadOptions(engine=engine, **more)  # type: ignore[arg-type]


def test_decompression_bomb_is_refused(engine: str) -> None:
    """A stream that inflates to 1 GiB (6 MB of Flate) stops at the budget, not at the machine's end."""
    pdf = make_pdf([resolution_page(1)], raw_streams=[zeros_bomb(1 << 30)])
    with pytest.raises(UnreadableInput, match=r"inflate to more than 128 MiB \(a decompression bomb\?\)"):
        read_pdf(pdf, options(engine))


def test_stream_within_the_budget_reads(engine: str) -> None:
    """A big stream under the budget is no bomb: the page in it reads as usual. (Blank space, not
    a comment: pdfminer's lexer gathers a comment by concatenation, quadratic in its length, which
    would make this test of the budget a test of minutes.)"""
    page = resolution_page(1) + b"\n" + b" " * (MAX_INFLATED // 4) + b"\n"
    document = read_pdf(make_pdf([page]), options(engine))
    assert document.blocks[0].text == "United Nations A/RES/99/1"


def test_bomb_on_the_command_line_is_exit_3_and_one_line(tmp_path: Path) -> None:
    path = tmp_path / "bomb.pdf"
    path.write_bytes(make_pdf([resolution_page(1)], raw_streams=[zeros_bomb(1 << 30)]))
    result = run("convert", str(path), "-t", "akn", "-o", str(tmp_path / "out.xml"))
    assert result.returncode == 3
    assert result.stderr.decode().count("\n") == 1 and "decompression bomb" in result.stderr.decode()
    assert not (tmp_path / "out.xml").exists()


def character_bomb(characters: int) -> bytes:
    """A page that draws `characters` letters, in strings of a thousand (PDFium reads at most 32 KB
    of one string): Flate makes a million of them 2 KB."""
    strings = (b"(" + b"x" * 1000 + b") Tj ") * (characters // 1000)
    return make_pdf([resolution_page(1) + b"\nBT /F1 10 Tf 1 0 0 1 50 50 Tm " + strings + b"ET\n"])


def test_character_bomb_is_refused_at_the_page(engine: str) -> None:
    """Each character costs hundreds of bytes once drawn: a 2 KB PDF drawing a million of them
    took 32 s and 400 MB (ten million: gigabytes), and the stream budget never saw it."""
    pdf = character_bomb(1_000_000)
    assert len(pdf) < 4096
    with pytest.raises(UnreadableInput, match=r"^page 1 draws more than 50,000 characters \(a UN page"):
        read_pdf(pdf, options(engine))


def test_characters_in_all_are_bounded(engine: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """The document's budget: each page under the page's bound, the pages together over it."""
    monkeypatch.setattr(limits, "MAX_CHARACTERS", 2_500)
    pdf = make_pdf([resolution_page(n) for n in (1, 2, 3, 4)])  # about 1,100 characters a page
    with pytest.raises(UnreadableInput, match=r"^the PDF draws more than 2,500 characters by page 3 .*qpdf"):
        read_pdf(pdf, options(engine))
    monkeypatch.setattr(limits, "MAX_CHARACTERS", 5_000)
    assert read_pdf(pdf, options(engine)).blocks


def test_character_bomb_on_the_command_line_is_exit_3_and_one_line(tmp_path: Path) -> None:
    path = tmp_path / "letters.pdf"
    path.write_bytes(character_bomb(200_000))
    result = run("convert", str(path), "-t", "akn", "-o", str(tmp_path / "out.xml"))
    assert result.returncode == 3
    assert result.stderr.decode().count("\n") == 1 and "draws more than 50,000 characters" in result.stderr.decode()
    assert not (tmp_path / "out.xml").exists()


def test_a_form_drawn_a_hundred_times_is_refused_before_it_is_drawn(engine: str) -> None:
    """A kilobyte whose page draws a form of 30,000 letters: PDFium held 11 GB for it drawn 2,000
    times. The form's strings are counted (`drawn`) before PDFium opens the page."""
    pdf = drawing_form(100, 30_000)
    assert len(pdf) < 2048
    with pytest.raises(UnreadableInput, match=r"^page 1 draws more than 50,000 characters"):
        read_pdf(pdf, options(engine))
    assert read_pdf(drawing_form(1, 3_000), options(engine)).blocks  # a form drawn once is a form


def _bound(pdf: bytes) -> int:
    bounds = drawn.page_bounds(pdf, "", 10**9)
    assert bounds is not None and len(bounds) == 1
    return bounds[0]


def test_page_bounds_count_strings_and_forms_as_drawn() -> None:
    page_alone = _bound(drawing_form(0, 0))
    assert page_alone >= sum(len(text) for *_, text in resolution_page_lines())
    assert _bound(drawing_form(3, 2_000)) - page_alone == 6_000
    for content, letters in [
        (b"BT (a(b)c) Tj ET", 5),  # a string nested in a string: PDFium draws all of it
        (b"BT (a\\)b) Tj (\\() Tj ET", 6),  # escaped parentheses
        (b"BT <414243> Tj [<4142> -20 (x)] TJ ET", 6),  # hex strings, a TJ array
        (b"BT (open to the end Tj ET", 21),  # a string left open
        (b"/Fm Do BT (x) Tj ET", 1),  # a form that draws itself draws nothing more (PDFium refuses it)
    ]:
        assert _bound(drawing_form(1, 0, content)) - page_alone == letters, content


def resolution_page_lines() -> list[tuple[float, float, float, str]]:
    from tests.pdfmaker import MASTHEAD

    return [*MASTHEAD, (0, 0, 0, "The General Assembly,")]


def test_a_page_tree_nested_thousands_deep_is_one_error(engine: str) -> None:
    with pytest.raises(UnreadableInput, match="nest too deeply|cannot be read"):
        read_pdf(deep_page_tree(5_000), options(engine))
    assert read_pdf(deep_page_tree(3), options(engine)).blocks


def test_a_keyword_in_the_page_tree_is_damage_not_an_internal_error(engine: str) -> None:
    """The fuzz run's pdf case 1477: a page tree whose /Kids holds a bare keyword. pdfminer's page
    walk raised AttributeError ('PSKeyword' object has no attribute 'objid'), exit 4; an error raised
    inside pdfminer's own code is damage to the file (exit 3). PDFium reads the page beside it."""
    damaged = deep_page_tree(1).replace(b"/Kids [5 0 R]", b"/Kids [5 0 R kid]")
    if engine == "pdfminer":
        with pytest.raises(UnreadableInput, match=r"cannot be read \(AttributeError\)"):
            read_pdf(damaged, options(engine))
    else:
        assert read_pdf(damaged, options(engine)).blocks


RUN = b"x" * 100
PATHOLOGICAL_TOKENS: dict[str, tuple[str, Callable[[int], bytes]]] = {
    # pdfminer built each by `bytes +=`, a copy of all of it at each step: once per 4 KB buffer (a
    # 32 MiB comment, a 32 KB PDF, took 80 s), once per escape, nested parenthesis or `E` of an
    # inline image's data (a string of 10,000 escapes between runs of 100 letters took 3 s).
    "a comment": ("content", lambda n: b"% " + b" " * (n * 1000) + b"\n"),
    "escapes in a string": ("content", lambda n: b"(" + (b"\\n" + RUN) * n + b")"),
    "nested parentheses": ("content", lambda n: b"(" + (b"()" + RUN) * n + b")"),
    "inline image data of Es": ("content", lambda n: b"BI /W 1 /H 1 /BPC 8 /CS /G ID " + (b"E" + RUN) * n + b" EI"),
    "escapes in the file": ("file", lambda n: b"<< /Junk (" + (b"\\n" + RUN) * n + b") >>"),
    "escapes in a ToUnicode map": ("cmap", lambda n: b"(" + (b"\\n" + RUN) * n + b") pop " + cmap(b"<00> <FF> <41>")),
    # a damaged file's lines, read to find its objects, and from its end to find `startxref`
    "a line without a break": ("lines", lambda n: b"a" * (n * 1000) + b"\r\nshort\n"),
    "a line without a break, from the end": ("lines from the end", lambda n: b"short\n" + b"a" * (n * 1000)),
}


@pytest.mark.parametrize("kind", PATHOLOGICAL_TOKENS)
def test_long_tokens_are_read_in_linear_time(kind: str) -> None:
    """Four times the token costs under ten times the time (linear is 4, quadratic 16): the least
    of three runs each, in CPU time, as tests/test_patterns.py measures the patterns."""
    where, make = PATHOLOGICAL_TOKENS[kind]
    small, large = (min(_cpu_to_lex(where, make(n)) for _ in range(3)) for n in (2_500, 10_000))
    assert large < 10 * max(small, 0.01), (kind, small, large)


def _cpu_to_lex(where: str, data: bytes) -> float:
    started = time.process_time()
    if where == "content":
        _objects(LinearContentParser([PDFStream({}, data)]))
    elif where == "cmap":
        LinearCMapParser(FileUnicodeMap(), io.BytesIO(data)).run()
    elif where == "lines":
        parser = BoundedParser(io.BytesIO(data), Budget(), Report())
        assert [parser.nextline()[1] for _ in range(2)][1] == b"short\n"
    elif where == "lines from the end":
        assert list(BoundedParser(io.BytesIO(data), Budget(), Report()).revreadlines())[0] == b"\n" + data[6:]
    else:
        _objects(BoundedParser(io.BytesIO(data), Budget(), Report()))
    return time.process_time() - started


def test_pages_are_read_with_the_linear_lexer_and_then_pdfminers_own_is_back(monkeypatch: pytest.MonkeyPatch) -> None:
    made: list[LinearContentParser] = []

    def spy(self: LinearContentParser, streams: list[object]) -> None:
        made.append(self)
        PDFContentParser.__init__(self, streams)

    monkeypatch.setattr(LinearContentParser, "__init__", spy)
    assert read_pdf(make_pdf([resolution_page(1)]), ReadOptions(engine="pdfminer")).blocks
    assert made
    assert pdfinterp.PDFContentParser is PDFContentParser
    assert (pdffont.CMapParser, pdffont.Type1FontHeaderParser) == (CMapParser, Type1FontHeaderParser)


def test_the_linear_lexer_gives_pdfminers_tokens() -> None:
    """Strings with escapes, nested parentheses and line continuations, hex strings, names with
    #-escapes, comments and inline images, over many 4 KB buffers: the same objects at the same
    places as pdfminer's own content parser."""
    piece = (
        b"BT /F1 10 Tf (plain) Tj (a\\(b\\)c\\\\d\\n\\101\\7x\\\r\ny) Tj (nested (paren) here) Tj <48656c6c6f> Tj "
        b"[(A) -20 <4 2> 3.5 (C)] TJ /Name#20With#23Hash /N#4 % a comment\n ET "
        b"BI /W 2 /H 2 /BPC 8 /CS /G ID \x00EE\xffEIx\x01 EI Q 1 0 0 1 .5 -3 cm true false null "
    )
    data = piece * 200
    expected = _objects(PDFContentParser([PDFStream({}, data)]))
    assert len(expected) == 6000
    assert _objects(LinearContentParser([PDFStream({}, data)])) == expected


def _objects(parser: PSStackParser[Any]) -> list[tuple[int, object]]:
    found: list[tuple[int, object]] = []
    while True:
        try:
            position, obj = parser.nextobject()
        except PSEOF:
            return found
        found.append((position, (obj.attrs, obj.get_rawdata()) if isinstance(obj, PDFStream) else obj))


@pytest.mark.parametrize("shape", ["arrays", "dictionaries", "array object", "dictionary object", "forms"])
def test_structure_nested_thousands_deep_reads_or_is_one_error(engine: str, shape: str) -> None:
    """Python's stack takes about a thousand frames: a walk that recursed per level would crash.
    (pdfminer stops the chain of forms as nested too deeply; PDFium, whose parser stops at 64
    levels, reads a page whose dictionary nests deeper as a page with nothing on it.)"""
    try:
        document = read_pdf(nested(shape, 5_000), options(engine))
    except UnreadableInput as error:
        assert "\n" not in str(error) and str(error).startswith(("the PDF's objects nest", "the PDF's pages carry"))
    else:
        assert document.blocks[0].text == "United Nations A/RES/99/1"


FONT_BOMBS = {
    # 1.4 KB each; pdfminer made a dictionary entry per code: gigabytes, or minutes (format 4)
    "a ToUnicode bfrange over 2^32 codes": cid_font_pdf(to_unicode=cmap(b"<00000000> <FFFFFFFF> <0041>")),
    "a ToUnicode cidrange over 2^32 codes": cid_font_pdf(to_unicode=cmap(b"<00000000> <FFFFFFFF> 0", b"cid")),
    "a /W range over 2^32 codes": cid_font_pdf(widths=b"0 4294967295 500"),
    "a TrueType cmap group over 2^32 codes": cid_font_pdf(font_file=truetype_with_cmap(format_12([(0, 2**32 - 1, 0)]))),
    "3,000 TrueType cmap segments of 2^16": cid_font_pdf(font_file=truetype_with_cmap(format_4([(0, 0xFFFF)] * 3000))),
}


@pytest.mark.parametrize("bomb", FONT_BOMBS)
def test_font_maps_that_expand_without_end_are_refused(bomb: str) -> None:
    """Counted before pdfminer builds the font (PDFium keeps ranges as ranges, and reads them)."""
    refusal = r"^the PDF's fonts map [\d,]+ character codes, over the limit of 1,048,576 "
    with pytest.raises(UnreadableInput, match=refusal):
        read_pdf(FONT_BOMBS[bomb], ReadOptions(engine="pdfminer"))


def test_font_maps_of_every_two_byte_code_read() -> None:
    full = cid_font_pdf(
        to_unicode=cmap(b"<00000000> <0000FFFF> <0041>"),
        widths=b"0 65535 500",
        font_file=truetype_with_cmap(format_4([(0x20, 0x7E), (0xFFFF, 0xFFFF)])),
    )
    for engine in ENGINES:
        assert read_pdf(full, options(engine)).blocks[0].text == "United Nations A/RES/99/1"


def test_font_codes_are_counted_as_pdfminer_expands_them() -> None:
    assert fontmaps.cmap_codes(cmap(b"<00000010> <0000001F> <0041> <00000100> <00000101> [<0041> <0042>]")) == 18
    assert fontmaps.cmap_codes(cmap(b"<0010> <001F> 7", b"cid") + b" beginbfrange <00> <FF> <41>") == 16  # no end
    assert fontmaps.truetype_codes(truetype_with_cmap(format_4([(0x20, 0x7E), (0xFFFF, 0xFFFF)]))) == 96
    assert fontmaps.truetype_codes(truetype_with_cmap(format_12([(0x41, 0x5A, 1), (0x61, 0x7A, 27)]))) == 52
    assert fontmaps.truetype_codes(b"not a font") == 0


def test_damaged_content_is_not_called_a_scan(engine: str) -> None:
    pdf = make_pdf([resolution_page(1)])
    broken = make_pdf([resolution_page(1)], raw_streams=[damaged(_flate_of(pdf))])
    with pytest.raises(UnreadableInput, match="damaged"):
        read_pdf(broken, options(engine))


def test_image_only_pages_need_ocr(engine: str) -> None:
    with pytest.raises(NeedsOCR, match="OCR"):
        read_pdf(make_pdf([b""], image=True), options(engine))


def test_blank_pages_are_neither_damage_nor_a_scan(engine: str) -> None:
    with pytest.raises(UnreadableInput, match="no text and no images"):
        read_pdf(make_pdf([b"", b""]), options(engine))


def test_pdfminer_warnings_become_diagnostics(capfd: pytest.CaptureFixture[str]) -> None:
    """'Refusing to execute circular reference' and 'Data-loss while decompressing corrupted data':
    diagnostics of the document, never lines on stderr."""
    second = resolution_page(2)
    pdf = make_pdf(
        [resolution_page(1), second], raw_streams=[None, bad_checksum(_flate(second))], self_drawing_form=True
    )
    document = read_pdf(pdf, ReadOptions(engine="pdfminer"))
    messages = [d.message for d in document.diagnostics]
    assert any("Data-loss while decompressing corrupted data" in m for m in messages), messages
    assert any("Refusing to execute circular reference" in m for m in messages), messages
    assert all(d.code == "pdf-engine-warning" for d in document.diagnostics)
    assert document.blocks[0].text == "United Nations A/RES/99/1"
    assert "Paragraph 19 of page 2" in document.blocks[-1].text  # the damaged stream's text is all there
    assert capfd.readouterr().err == ""


def test_no_stray_stderr_on_the_command_line(tmp_path: Path, engine: str) -> None:
    second = resolution_page(2)
    path = tmp_path / "warns.pdf"
    path.write_bytes(
        make_pdf([resolution_page(1), second], raw_streams=[None, bad_checksum(_flate(second))], self_drawing_form=True)
    )
    result = run("convert", str(path), "-t", "json", "--engine", engine)
    assert (result.returncode, result.stderr) == (0, b"")


def test_page_limit(engine: str) -> None:
    pdf = make_pdf([resolution_page(n) for n in (1, 2, 3)])
    with pytest.raises(UnreadableInput, match="has 3 pages, over the limit of 2: raise it with --max-pages"):
        read_pdf(pdf, options(engine, max_pages=2))
    assert read_pdf(pdf, options(engine, max_pages=3)).blocks


def test_a_page_count_the_file_cannot_hold_is_not_believed(engine: str) -> None:
    """A page tree that says 999,999,999 pages in a file of six objects: the pages are counted as
    they come (pdfminer refused it as over the page limit)."""
    pdf = make_pdf([resolution_page(1)]).replace(b"/Count 1 ", b"/Count 999999999 ", 1)
    assert b"/Count 999999999" in pdf
    assert read_pdf(pdf, options(engine)).blocks


def test_size_limit(engine: str) -> None:
    data = SAMPLE.read_bytes()
    with pytest.raises(UnreadableInput, match="over the limit of 0.1 MiB: raise it with --max-bytes"):
        read_pdf(data, options(engine, max_bytes=MEBIBYTE // 10))


def test_no_masthead_is_refused_after_the_first_page(engine: str) -> None:
    letter = text_page([(72, 700 - 14 * i, 10, f"Line {i} of a letter that is no resolution.") for i in range(40)])
    pdf = make_pdf([letter] * 3)
    with pytest.raises(NotAResolution, match="page 1 carries no UN masthead"):
        read_pdf(pdf, options(engine))
    with pytest.raises(NotAResolution, match="enacting formula"):  # read to the end, then refused
        finish(read_pdf(pdf, options(engine, masthead_check=False)))


def _encrypted(password: str) -> bytes:
    pypdf = pytest.importorskip("pypdf")
    writer = pypdf.PdfWriter(clone_from=io.BytesIO(SAMPLE.read_bytes()))
    writer.encrypt(user_password=password, owner_password="owner-" + password, algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_encrypted_pdf_needs_its_password(engine: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("RESOLUTION_PDF_PASSWORD", raising=False)
    data = _encrypted("s3cret")
    with pytest.raises(UnreadableInput, match=r"^encrypted: needs a password \(--password\)$"):
        read_pdf(data, options(engine))
    with pytest.raises(UnreadableInput, match="the password given does not open it"):
        read_pdf(data, options(engine, password="wrong"))
    plain = _akn(SAMPLE.read_bytes(), options(engine))
    assert _akn(data, options(engine, password="s3cret")) == plain
    monkeypatch.setenv("RESOLUTION_PDF_PASSWORD", "s3cret")
    assert _akn(data, options(engine)) == plain


def test_encrypted_on_the_command_line(tmp_path: Path) -> None:
    path = tmp_path / "locked.pdf"
    path.write_bytes(_encrypted("s3cret"))
    result = run("convert", str(path), "-t", "json")
    assert result.returncode == 3
    assert result.stderr.decode().endswith("encrypted: needs a password (--password)\n")
    assert run("convert", str(path), "-t", "json", "--password", "s3cret").returncode == 0


def test_engine_choice(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RESOLUTION_PDF_ENGINE", "nonesuch")
    with pytest.raises(UsageError, match="unknown PDF engine 'nonesuch'"):
        read_pdf(SAMPLE.read_bytes())
    monkeypatch.setattr(engine_registry.Engine, "available", property(lambda self: self.name != "pdfium"))
    with pytest.raises(UsageError, match=r"not installed: pip install 'resolution-cli\[pdfium\]'"):
        read_pdf(SAMPLE.read_bytes(), ReadOptions(engine="pdfium"))


def _akn(data: bytes, read_options: ReadOptions) -> bytes:
    return get("akn").render(finish(read_pdf(data, read_options)))


def _flate(content: bytes) -> bytes:
    import zlib

    return zlib.compress(content)


def _flate_of(pdf: bytes) -> bytes:
    """The Flate data of the first content stream of a PDF made by `make_pdf`."""
    start = pdf.index(b"stream\n", pdf.index(b"/Filter /FlateDecode >>")) + len(b"stream\n")
    return pdf[start : pdf.index(b"\nendstream", start)]
