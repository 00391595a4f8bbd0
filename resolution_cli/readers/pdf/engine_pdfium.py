"""The PDFium engine (optional extra `pdfium`): Chrome's C++ PDF engine through pypdfium2.

PDFium's text page gives each character's facts without a Python interpreter in the loop. Where
they differ from pdfminer's, they are brought to pdfminer's measure so that the stages after see
the same characters: `x0` is the character's origin (PDFium's loose box starts at the ink of
some glyphs, "j" and "N"), `y0` and `x1` the loose box's bottom and right; the soft hyphen PDFium
marks (U+0002) is the "-" the page shows; spaces PDFium generated in place of a space character
(after a raised footnote call) become that space again, with the facts of the character after it;
the line ends it generates are dropped; the spaces it leaves out of its text page, drawn as text
objects of their own, are put back from the page's objects (`_PageObjects`). Where it drops the
second of two spaces, or the spaces that open and close a line, the shared stages take one space
for a run (`layout.normal_spans`).
"""

from __future__ import annotations

import ctypes
import math
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import pypdfium2 as pdfium
import pypdfium2.raw as raw

from resolution_cli.errors import UnreadableInput
from resolution_cli.readers.pdf import drawn, limits
from resolution_cli.readers.pdf.glyphs import Glyph, Page, Report, font_style, is_spacer
from resolution_cli.readers.pdf.streams import Budget, scan

NAME = "pdfium"
_HYPHEN = "\x02"  # PDFium's mark for a hyphen that ends a line
_US_LETTER_HEIGHT = 792.0  # pdfminer's page height when a page has no MediaBox
_SPACE_WIDTH = 0.15  # of the font size: a gap narrower than this is kerning (a Times space is 0.25 em)
# A page whose strings could draw more characters than this is not opened (`drawn`); one under it
# is counted exactly once drawn. Loose, for a bound that counts inline images' data as strings.
_BOUND_CAP = 4 * limits.MAX_PAGE_CHARACTERS


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
        bounds = drawn.page_bounds(data, password, _BOUND_CAP) or []
        for index in range(count):
            if _bound(bounds, index, count) > _BOUND_CAP:
                raise limits.too_many_characters(report)  # before PDFium holds them all
            page = _load(document, index)
            try:
                yield Page(index + 1, _height(page), _glyphs(page, report))
            finally:
                page.close()
            report.pages = index + 1
    finally:
        document.close()


def _bound(bounds: list[int], index: int, count: int) -> int:
    """Page `index`'s bound; the largest of all when pdfminer's page tree differs from PDFium's."""
    return bounds[index] if len(bounds) == count else max(bounds, default=0)


def _load(document: pdfium.PdfDocument, index: int) -> pdfium.PdfPage:
    try:
        return document[index]
    except pdfium.PdfiumError as error:  # a page tree that PDFium counts but cannot load
        raise UnreadableInput(limits.damaged_message(error)) from None


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
        objects = _page_objects(page)
        report.images += objects.images
        handle = _handle(textpage)
        count = _count_chars(handle)
        if count > limits.characters_allowed(report):
            raise limits.too_many_characters(report)
        report.characters += count
        return _characters(handle, count, objects)
    finally:
        textpage.close()


@dataclass(slots=True)
class _PageObjects:
    """What the characters of PDFium's text page do not say, from the page's objects: the images
    it draws, and the spaces PDFium leaves out of its text page. A text object that draws only a
    space has an empty box, and PDFium's text page skips it; word processors write each space
    between two runs of different style as an object of its own ("(mm)<tab>Designing", "Calls
    for" with the space in roman), which pdfminer reads as a space character. Those objects are
    found by their width (none) and put back as the space pdfminer reads, in their place in the
    page's order."""

    images: int = 0
    order: dict[int, int] = field(default_factory=dict)  # a text object's handle: its index on the page
    empty: list[tuple[int, int]] = field(default_factory=list)  # (index, handle) of text objects without width
    passed: int = 0  # how many of `empty` are put back or passed over
    fonts: dict[tuple[int, float], _SpaceFacts | None] = field(default_factory=dict)  # by (font, size)

    def spaces_before(self, handle: int | None) -> list[Glyph]:
        """The spaces left out before the object `handle` (at its first character), those not yet
        given; an object without width whose characters PDFium kept is passed over."""
        at = self.order.get(handle or 0, -1)
        empty, spaces = self.empty, []
        while self.passed < len(empty) and empty[self.passed][0] <= at:
            index, address = empty[self.passed]
            if index < at and (space := self._space(address)) is not None:
                spaces.append(space)
            self.passed += 1
        return spaces

    def spaces_left(self) -> list[Glyph]:
        """The spaces left out after the page's last character."""
        spaces = [space for _, address in self.empty[self.passed :] if (space := self._space(address)) is not None]
        self.passed = len(self.empty)
        return spaces

    def _space(self, address: int) -> Glyph | None:
        """The space an object without width draws, with the facts pdfminer gives it: its origin,
        its advance, the bottom of its font's descent; None where the object says too little (or
        it is a spacer, which is no text)."""
        obj = ctypes.c_void_p(address)
        matrix = raw.FS_MATRIX()
        set_size = ctypes.c_float()
        if not _object_matrix(obj, ctypes.byref(matrix)) or not _object_font_size(obj, ctypes.byref(set_size)):
            return None
        size = set_size.value * _upright_scale(matrix)
        font = _object_font(obj) or 0
        key = (font, size)
        if key not in self.fonts:
            self.fonts[key] = _space_facts(font, size)
        facts = self.fonts[key]
        if facts is None:
            return None
        width, descent, italic, bold = facts
        return Glyph(" ", matrix.e, matrix.e + width, matrix.f + descent, size, italic, bold)


_SpaceFacts = tuple[float, float, bool, bool]  # a font's space at a size: advance, descent, italic, bold


def _space_facts(font: int, size: float) -> _SpaceFacts | None:
    if not font or is_spacer(" ", size):
        return None
    handle, points = ctypes.c_void_p(font), ctypes.c_float(size)
    width, descent = ctypes.c_float(), ctypes.c_float()
    if not _glyph_width(handle, _SPACE, points, ctypes.byref(width)):
        return None
    if not _descent(handle, points, ctypes.byref(descent)):
        return None
    name = ctypes.create_string_buffer(_FONT_NAME_BYTES)
    _base_font_name(handle, name, ctypes.c_size_t(len(name)))
    return (width.value, descent.value, *_style(name))


def _page_objects(page: pdfium.PdfPage) -> _PageObjects:
    """The page's objects, and those of the forms it draws (one level down) for its images,
    through PDFium's handles (pypdfium2's `get_objects` wraps every object of the page first)."""
    handle = ctypes.c_void_p(ctypes.cast(page.raw, ctypes.c_void_p).value)
    found = _PageObjects()
    box = [ctypes.c_float() for _ in range(4)]  # left, bottom, right, top of each text object in turn
    box_refs = [ctypes.byref(side) for side in box]
    left, right = box[0], box[2]
    for index, (kind, obj) in enumerate(_objects(_count_objects, _get_object, handle)):
        if kind == raw.FPDF_PAGEOBJ_TEXT:
            address = obj.value or 0
            found.order[address] = index
            if _bounds(obj, *box_refs) and right.value - left.value < _NO_WIDTH:
                found.empty.append((index, address))
        elif kind == raw.FPDF_PAGEOBJ_IMAGE:
            found.images += 1
        elif kind == raw.FPDF_PAGEOBJ_FORM:
            inner = _objects(_count_form_objects, _get_form_object, obj)
            found.images += sum(k == raw.FPDF_PAGEOBJ_IMAGE for k, _ in inner)
    return found


def _objects(count: Any, get: Any, parent: ctypes.c_void_p) -> Iterator[tuple[int, ctypes.c_void_p]]:
    """(type, handle) of each object of a page or form."""
    total = count(parent)
    if total < 0:
        raise pdfium.PdfiumError("Failed to get number of pageobjects.")
    for index in range(total):
        address = get(parent, index)
        if not address:
            raise pdfium.PdfiumError("Failed to get pageobject.")
        handle = ctypes.c_void_p(address)
        yield _object_type(handle), handle


def _handle(textpage: pdfium.PdfTextPage) -> ctypes.c_void_p:
    return ctypes.c_void_p(ctypes.cast(textpage.raw, ctypes.c_void_p).value)


def _function(name: str, result: Any) -> Any:
    """PDFium's `name` returning `result`, called with plain C arguments (the handle as a
    `c_void_p`, an index as a Python int, pointers by `byref`). Without declared argument types
    ctypes converts nothing through a prototype: a call costs ~480 ns instead of ~800 with
    pypdfium2's own typed prototypes, and the hot loop makes four of them per character."""
    address = ctypes.cast(getattr(raw, name), ctypes.c_void_p).value
    assert address is not None, name
    return ctypes.CFUNCTYPE(result)(address)


_INT, _DOUBLE = ctypes.c_int, ctypes.c_double
_count_chars = _function("FPDFText_CountChars", _INT)
_unicode = _function("FPDFText_GetUnicode", ctypes.c_uint)
_is_generated = _function("FPDFText_IsGenerated", _INT)
_origin = _function("FPDFText_GetCharOrigin", _INT)
_loose_box = _function("FPDFText_GetLooseCharBox", _INT)
_font_size = _function("FPDFText_GetFontSize", _DOUBLE)
_text_object = _function("FPDFText_GetTextObject", ctypes.c_void_p)
_font_info = _function("FPDFText_GetFontInfo", ctypes.c_ulong)
_matrix = _function("FPDFText_GetMatrix", _INT)
_count_objects = _function("FPDFPage_CountObjects", _INT)
_get_object = _function("FPDFPage_GetObject", ctypes.c_void_p)
_count_form_objects = _function("FPDFFormObj_CountObjects", _INT)
_get_form_object = _function("FPDFFormObj_GetObject", ctypes.c_void_p)
_object_type = _function("FPDFPageObj_GetType", _INT)
_bounds = _function("FPDFPageObj_GetBounds", _INT)
_object_matrix = _function("FPDFPageObj_GetMatrix", _INT)
_object_font_size = _function("FPDFTextObj_GetFontSize", _INT)
_object_font = _function("FPDFTextObj_GetFont", ctypes.c_void_p)
_glyph_width = _function("FPDFFont_GetGlyphWidth", _INT)
_descent = _function("FPDFFont_GetDescent", _INT)
_base_font_name = _function("FPDFFont_GetBaseFontName", ctypes.c_size_t)
_SPACE = ctypes.c_uint32(ord(" "))
_FONT_NAME_BYTES = 256  # room for a font's name as PDFium writes it
_NO_WIDTH = 0.01  # points: a text object narrower than this draws nothing PDFium's text page keeps

# The only characters PDFium generates (FPDFText_IsGenerated): the spaces and line breaks it puts
# between words and lines (9.4 million characters of the corpus: 65,446 spaces, 135,078 of each
# line-break character, nothing else). Only these need asking.
_MAYBE_GENERATED = frozenset(" \r\n")


def _characters(textpage: ctypes.c_void_p, count: int, objects: _PageObjects) -> list[Glyph]:
    x, y = _DOUBLE(), _DOUBLE()
    x_ref, y_ref = ctypes.byref(x), ctypes.byref(y)
    box = raw.FS_RECTF()
    box_ref = ctypes.byref(box)
    # The binding's functions as locals: the loop runs once per character (~3,000 a page).
    origin, unicode, is_generated, text_object, loose_box = _origin, _unicode, _is_generated, _text_object, _loose_box
    # A text object's characters share its font and size (PDFium takes both from the object): each
    # object's facts are asked for once, at its first character.
    facts: dict[int | None, tuple[float, bool, bool]] = {}
    glyphs: list[Glyph] = []
    append = glyphs.append
    pending_space: float | None = None  # x of a break PDFium generated, waiting for the next character
    last_y = 0.0  # the origin of the last character read
    for index in range(count):
        origin(textpage, index, x_ref, y_ref)
        x0 = x.value
        text = chr(unicode(textpage, index))
        if text in _MAYBE_GENERATED and is_generated(textpage, index):
            pending_space = x0
            continue
        handle = text_object(textpage, index)
        fact = facts.get(handle)
        if fact is None:
            fact = facts[handle] = _object_facts(textpage, index)
            if objects.empty and (spaces := objects.spaces_before(handle)):
                glyphs.extend(spaces)  # the spaces PDFium left out before this object
                pending_space = None  # the space it generated stands for one of them
        size, italic, bold = fact
        if is_spacer(text, size):
            pending_space = None
            continue
        loose_box(textpage, index, box_ref)
        bottom = box.bottom
        if text == _HYPHEN:
            text = "-"
        # A space or line break PDFium generated stands for the space character it dropped (after
        # a raised call) when the text goes on to the right on the same line, with room for a
        # space; a narrower gap is a kerning PDFium took for a word break.
        if pending_space is not None:
            if x0 - pending_space >= size * _SPACE_WIDTH and abs(y.value - last_y) <= size * 0.5:
                append(Glyph(" ", pending_space, x0, bottom, size, italic, bold))
            pending_space = None
        last_y = y.value
        append(Glyph(text, x0, box.right, bottom, size, italic, bold))
    glyphs.extend(objects.spaces_left())
    return glyphs


def _object_facts(textpage: ctypes.c_void_p, index: int) -> tuple[float, bool, bool]:
    """(size, italic, bold) of the character at `index`, as its text object gives them."""
    name = ctypes.create_string_buffer(_FONT_NAME_BYTES)
    flags = _INT()
    _font_info(textpage, index, name, ctypes.c_ulong(len(name)), ctypes.byref(flags))
    return (_font_size(textpage, index) * _scale(textpage, index), *_style(name))


def _style(name: ctypes.Array[ctypes.c_char]) -> tuple[bool, bool]:
    """(italic, bold) from a font name PDFium wrote into `name`."""
    return font_style(name.value.decode("utf-8", "replace"))


def _scale(textpage: ctypes.c_void_p, index: int) -> float:
    """How much the character's matrix scales its font size upright: PDFium's font size is the one
    set (`Tf`), pdfminer's the height it is drawn at. The 1990s documents set text at `1 Tf` in
    a matrix that scales it to 12 pt (1.0 exactly for the usual `Tf 10` in a unit matrix)."""
    matrix = raw.FS_MATRIX()
    if not _matrix(textpage, index, ctypes.byref(matrix)):
        return 1.0
    return _upright_scale(matrix)


def _upright_scale(matrix: raw.FS_MATRIX) -> float:
    """How much `matrix` scales a font size upright (a character's or a text object's)."""
    return math.hypot(matrix.c, matrix.d)
