"""Bad and hostile PDFs, with each installed engine: one clear error, bounded work, no stray stderr.

The PDFs are made here (tests/pdfmaker.py): a decompression bomb, damaged and image-only pages,
a form that draws itself, a PDF with no UN masthead, one encrypted with a user password.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from resolution_cli.errors import NeedsOCR, NotAResolution, UnreadableInput, UsageError
from resolution_cli.exporters import get
from resolution_cli.parse.finish import finish
from resolution_cli.readers.base import MEBIBYTE, ReadOptions
from resolution_cli.readers.pdf import available_engines, read_pdf
from resolution_cli.readers.pdf import engines as engine_registry
from resolution_cli.readers.pdf.streams import MAX_INFLATED
from tests.cli.test_convert_cli import run
from tests.conftest import SAMPLES
from tests.pdfmaker import (
    bad_checksum,
    damaged,
    make_pdf,
    resolution_page,
    text_page,
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
