"""The pdfminer.six engine (the default): pdfminer's interpreter without its layout analysis.

`extract_pages` builds an `LTChar` per character and then groups them into text lines and boxes
that this reader never uses; here a device of our own takes each character as the interpreter
draws it and keeps only the facts the shared stages need, measured exactly as `LTChar` measures
them (same arithmetic, so the same floats). Streams are decoded against a budget
(`streams.inflate`), and pdfminer's log records become the report's warnings.
"""

from __future__ import annotations

import io
import logging
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import Any

from pdfminer.lzw import LZWDecoder
from pdfminer.pdfdevice import PDFTextDevice
from pdfminer.pdfdocument import PDFDocument, PDFEncryptionError, PDFPasswordIncorrect
from pdfminer.pdffont import PDFFont, PDFUnicodeNotDefined
from pdfminer.pdfinterp import PDFGraphicState, PDFPageInterpreter, PDFResourceManager
from pdfminer.pdfpage import PDFPage
from pdfminer.pdfparser import PDFParser, PDFSyntaxError
from pdfminer.pdftypes import (
    LITERALS_DCT_DECODE,
    LITERALS_FLATE_DECODE,
    LITERALS_LZW_DECODE,
    PDFStream,
    resolve1,
)
from pdfminer.psparser import PSKeyword
from pdfminer.utils import Matrix, apply_matrix_pt, apply_matrix_rect

from resolution_cli.errors import UnreadableInput
from resolution_cli.readers.pdf import fontmaps, lexer, limits
from resolution_cli.readers.pdf.glyphs import Glyph, Page, Report, font_style, is_spacer
from resolution_cli.readers.pdf.streams import Budget, inflate

NAME = "pdfminer"


def pages(data: bytes, password: str, max_pages: int, report: Report) -> Iterator[Page]:
    """Each page's characters, in page order; a damaged file or a wrong password is one clear error."""
    try:
        yield from _pages(data, password, max_pages, report)
    except PDFPasswordIncorrect:
        raise UnreadableInput(limits.password_message(password)) from None
    except PDFEncryptionError as error:
        raise UnreadableInput(f"encrypted in a way the pdfminer engine cannot open ({error})") from None
    except RecursionError:
        raise UnreadableInput("the PDF's objects nest too deeply to be read: is the file damaged?") from None
    except (PDFSyntaxError, ValueError, KeyError, TypeError, AssertionError, IndexError) as error:
        raise UnreadableInput(limits.damaged_message(error)) from None
    except Exception as error:  # pdfminer raises many private types for damaged files
        if type(error).__module__.startswith("pdfminer") or _raised_in_pdfminer(error):
            raise UnreadableInput(limits.damaged_message(error)) from None
        raise


def _raised_in_pdfminer(error: BaseException) -> bool:
    """Whether pdfminer's own code raised `error` (an AttributeError where a damaged page tree
    holds a keyword for a reference): damage to the file, not a fault of ours, whose code (the
    device pdfminer calls) would be the innermost frame."""
    trace = error.__traceback__
    while trace is not None and trace.tb_next is not None:
        trace = trace.tb_next
    return trace is not None and str(trace.tb_frame.f_globals.get("__name__", "")).startswith("pdfminer.")


def _pages(data: bytes, password: str, max_pages: int, report: Report) -> Iterator[Page]:
    budget = Budget()
    parser = BoundedParser(io.BytesIO(data), budget, report)
    document = PDFDocument(parser, password=password)
    limits.check_page_count(_declared_pages(document), max_pages, declared=True)
    resources = _BoundedResources()
    device = _GlyphDevice(resources, report)
    interpreter = PDFPageInterpreter(resources, device)
    with lexer.linear_parsers():
        for number, page in enumerate(PDFPage.create_pages(document), 1):
            limits.check_page_count(number, max_pages)
            interpreter.process_page(page)
            report.pages = number
            report.characters += device.drawn
            yield Page(number, device.height, device.take())


def _declared_pages(document: PDFDocument) -> int:
    """The page count the page tree declares (0 when it does not say, or says more pages than
    the file has objects: a damaged tree's count, which PDFium too passes over)."""
    try:
        count = resolve1(resolve1(document.catalog["Pages"]).get("Count", 0))
        objects = sum(1 for xref in document.xrefs for _ in xref.get_objids())
    except Exception:  # a damaged page tree: counted as the pages come
        return 0
    return count if isinstance(count, int) and count <= objects else 0


@contextmanager
def captured(report: Report) -> Iterator[None]:
    """pdfminer's log records of warning level and above go to `report`, none to stderr."""
    logger = logging.getLogger("pdfminer")
    handler = _ReportHandler(report)
    propagate = logger.propagate
    logger.addHandler(handler)
    logger.propagate = False
    try:
        yield
    finally:
        logger.removeHandler(handler)
        logger.propagate = propagate


class _ReportHandler(logging.Handler):
    def __init__(self, report: Report) -> None:
        super().__init__(logging.WARNING)
        self.report = report

    def emit(self, record: logging.LogRecord) -> None:
        try:
            self.report.warn(record.getMessage())
        except Exception:  # a record whose arguments do not format: its template is enough
            self.report.warn(str(record.msg))


class _BoundedResources(PDFResourceManager):
    """pdfminer's resources, whose fonts' maps are counted (`fontmaps`) before pdfminer builds them."""

    def __init__(self) -> None:
        super().__init__(caching=True)
        self.codes = 0

    def get_font(self, objid: object, spec: Mapping[str, object]) -> PDFFont:
        if not (objid and objid in self._cached_fonts):
            self.codes += fontmaps.font_codes(spec)
            if self.codes > limits.MAX_FONT_CODES:
                raise limits.too_many_font_codes(self.codes)
        return super().get_font(objid, spec)


class _GlyphDevice(PDFTextDevice):
    """Takes each character the interpreter draws, measured as `LTChar` measures it."""

    def __init__(self, resources: PDFResourceManager, report: Report) -> None:
        super().__init__(resources)
        self.report = report
        self.height = 0.0
        self.glyphs: list[Glyph] = []
        self.drawn = 0  # characters the page drew, against `allowed`
        self.allowed = 0

    def take(self) -> list[Glyph]:
        glyphs, self.glyphs = self.glyphs, []
        return glyphs

    def begin_page(self, page: PDFPage, ctm: Matrix) -> None:
        (x0, y0, x1, y1) = page.mediabox
        (x0, y0) = apply_matrix_pt(ctm, (x0, y0))
        (x1, y1) = apply_matrix_pt(ctm, (x1, y1))
        self.height = abs(y0 - y1)
        self.drawn = 0
        self.allowed = limits.characters_allowed(self.report)

    def render_image(self, name: str, stream: PDFStream) -> None:
        self.report.images += 1

    def render_char(
        self,
        matrix: Matrix,
        font: PDFFont,
        fontsize: float,
        scaling: float,
        rise: float,
        cid: int,
        ncs: Any,
        graphicstate: PDFGraphicState,
    ) -> float:
        self.drawn += 1
        if self.drawn > self.allowed:
            raise limits.too_many_characters(self.report)
        try:
            text = font.to_unichr(cid)
        except PDFUnicodeNotDefined:
            text = f"(cid:{cid})"
        adv: float = font.char_width(cid) * fontsize * scaling
        vertical = font.is_vertical()
        if vertical:
            (vx, vy) = font.char_disp(cid)  # type: ignore[misc]
            vx = fontsize * 0.5 if vx is None else vx * fontsize * 0.001
            vy = (1000 - vy) * fontsize * 0.001
            bbox = (-vx, vy + rise + adv, -vx + fontsize, vy + rise)
        else:
            descent = font.get_descent() * fontsize
            bbox = (0, descent + rise, adv, descent + rise + fontsize)
        (x0, y0, x1, y1) = apply_matrix_rect(matrix, bbox)
        if x1 < x0:
            (x0, x1) = (x1, x0)
        if y1 < y0:
            (y0, y1) = (y1, y0)
        size = x1 - x0 if vertical else y1 - y0
        if not is_spacer(text, size):
            italic, bold = font_style(font.fontname)
            self.glyphs.append(Glyph(text, x0, x1, y0, size, italic, bold))
        return adv


class BoundedParser(lexer.LinearLexer, PDFParser):
    """pdfminer's parser, whose streams decode against the document's budget (and whose tokens are
    built in linear time)."""

    def __init__(self, fp: io.BytesIO, budget: Budget, report: Report) -> None:
        super().__init__(fp)
        self.budget = budget
        self.report = report

    def do_keyword(self, pos: int, token: PSKeyword) -> None:
        super().do_keyword(pos, token)
        if token is self.KEYWORD_STREAM and self.curstack:
            at, stream = self.curstack[-1]
            if type(stream) is PDFStream:
                self.curstack[-1] = (at, _BoundedStream(stream, self.budget, self.report))


class _BoundedStream(PDFStream):
    """A stream whose Flate and LZW filters stop at the budget. The other filters and the
    predictors are pdfminer's own: each runs as a one-filter stream of pdfminer's."""

    def __init__(self, stream: PDFStream, budget: Budget, report: Report) -> None:
        super().__init__(stream.attrs, stream.rawdata, stream.decipher)  # type: ignore[arg-type]
        self.budget = budget
        self.report = report

    def decode(self) -> None:
        data = self.rawdata
        assert data is not None
        if self.decipher:
            assert self.objid is not None and self.genno is not None
            data = self.decipher(self.objid, self.genno, data, self.attrs)
        for name, params in self.get_filters():
            if name in LITERALS_FLATE_DECODE:
                data = _with_predictor(inflate(data, self.budget, self.report), params)
            elif name in LITERALS_LZW_DECODE:
                data = _with_predictor(self._lzw(data), params)
            else:
                data = _pdfminer_filter(data, name, params)
                self.budget.take(len(data))
        self.data = data
        self.rawdata = None

    def _lzw(self, data: bytes) -> bytes:
        out = bytearray()
        for piece in LZWDecoder(io.BytesIO(data)).run():
            self.budget.take(len(piece))
            out += piece
        return bytes(out)


def _pdfminer_filter(data: bytes, name: Any, params: Any) -> bytes:
    """One filter (and its predictor) decoded by pdfminer itself."""
    attrs: dict[str, Any] = {"Filter": name}
    if params:
        attrs["DecodeParms"] = params
    stream = PDFStream(attrs, data)
    stream.decode()
    return stream.data or b""


def _with_predictor(data: bytes, params: Any) -> bytes:
    """The predictor of a Flate or LZW filter, applied by pdfminer (a one-filter stream whose filter
    passes the data through, as pdfminer's DCT filter does: it leaves JPEG data to the caller)."""
    if not params or "Predictor" not in params:
        return data
    return _pdfminer_filter(data, LITERALS_DCT_DECODE[0], params)
