"""The PDFium engine (optional extra `pdfium`): Chrome's C++ PDF engine through pypdfium2.

PDFium's text page gives each character's facts without a Python interpreter in the loop. Where
they differ from pdfminer's, they are brought to pdfminer's measure so that the stages after see
the same characters: `x0` is the character's origin (PDFium's loose box starts at the ink of
some glyphs, "j" and "N"), `y0` and `x1` the loose box's bottom and right; the soft hyphen PDFium
marks (U+0002) is the "-" the page shows; spaces PDFium generated in place of a space character
(after a raised footnote call) become that space again, with the facts of the character after it;
the line ends it generates are dropped.
"""

from __future__ import annotations

import ctypes
from collections.abc import Iterator
from contextlib import contextmanager

import pypdfium2 as pdfium
import pypdfium2.raw as raw

from resolution_cli.errors import UnreadableInput
from resolution_cli.readers.pdf import limits
from resolution_cli.readers.pdf.glyphs import MIN_SIZE, Glyph, Page, Report, font_style
from resolution_cli.readers.pdf.streams import Budget, scan

NAME = "pdfium"
_HYPHEN = "\x02"  # PDFium's mark for a hyphen that ends a line
_LINE_ENDS = ("\r", "\n")
_US_LETTER_HEIGHT = 792.0  # pdfminer's page height when a page has no MediaBox


def pages(data: bytes, password: str, max_pages: int, report: Report) -> Iterator[Page]:
    scan(data, Budget(), report)
    try:
        document = pdfium.PdfDocument(data, password=password or None)
    except pdfium.PdfiumError as error:
        if getattr(error, "err_code", None) == raw.FPDF_ERR_PASSWORD:
            raise UnreadableInput(limits.password_message(password)) from None
        raise UnreadableInput(limits.damaged_message(error)) from None
    try:
        count = len(document)
        limits.check_page_count(count, max_pages, declared=True)
        for index in range(count):
            page = document[index]
            try:
                yield Page(index + 1, _height(page), _glyphs(page, report))
            finally:
                page.close()
            report.pages = index + 1
    finally:
        document.close()


@contextmanager
def captured(report: Report) -> Iterator[None]:
    """PDFium writes nothing to stderr; pypdfium2's Python warnings are caught by the caller."""
    yield


def _height(page: pdfium.PdfPage) -> float:
    """The MediaBox's height, as pdfminer measures the page (rotated by the page's /Rotate)."""
    left, bottom, right, top = (ctypes.c_float() for _ in range(4))
    if not raw.FPDFPage_GetMediaBox(page, left, bottom, right, top):
        return _US_LETTER_HEIGHT
    if raw.FPDFPage_GetRotation(page) in (1, 3):
        return abs(right.value - left.value)
    return abs(top.value - bottom.value)


def _glyphs(page: pdfium.PdfPage, report: Report) -> list[Glyph]:
    textpage = page.get_textpage()
    try:
        report.images += _images(page)
        return list(_characters(textpage))
    finally:
        textpage.close()


def _images(page: pdfium.PdfPage) -> int:
    return sum(1 for _ in page.get_objects(filter=(raw.FPDF_PAGEOBJ_IMAGE,), max_depth=2))


def _characters(textpage: pdfium.PdfTextPage) -> Iterator[Glyph]:
    count = raw.FPDFText_CountChars(textpage)
    x, y = ctypes.c_double(), ctypes.c_double()
    box = raw.FS_RECTF()
    name = ctypes.create_string_buffer(256)
    flags = ctypes.c_int()
    styles: dict[int, tuple[bool, bool]] = {}
    pending_space: float | None = None  # x of a space PDFium generated, waiting for the next character
    for index in range(count):
        text = chr(raw.FPDFText_GetUnicode(textpage, index))
        raw.FPDFText_GetCharOrigin(textpage, index, x, y)
        if raw.FPDFText_IsGenerated(textpage, index):
            pending_space = x.value if text == " " else None
            continue
        raw.FPDFText_GetLooseCharBox(textpage, index, box)
        size = raw.FPDFText_GetFontSize(textpage, index)
        handle = ctypes.cast(raw.FPDFText_GetTextObject(textpage, index), ctypes.c_void_p).value or 0
        style = styles.get(handle)
        if style is None:
            raw.FPDFText_GetFontInfo(textpage, index, name, len(name), flags)
            style = styles[handle] = font_style(name.value.decode("utf-8", "replace"))
        if text == _HYPHEN:
            text = "-"
        if size < MIN_SIZE:
            pending_space = None
            continue
        if pending_space is not None:
            yield Glyph(" ", pending_space, x.value, box.bottom, size, *style)
            pending_space = None
        yield Glyph(text, x.value, box.right, box.bottom, size, *style)
