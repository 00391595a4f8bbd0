"""The bounds of one PDF read and the one-line messages for what stops it (both engines)."""

from __future__ import annotations

from resolution_cli.errors import NeedsOCR, UnreadableInput
from resolution_cli.readers.base import MEBIBYTE
from resolution_cli.readers.pdf.glyphs import Report

# Characters drawn: each costs a few hundred bytes once drawn, and Flate makes a million of them
# 2 KB of file, far inside the stream budget. The densest page of the corpus draws 4,374, its
# longest resolution (A/RES/78/69, 57 pages) 208,526.
MAX_PAGE_CHARACTERS = 50_000
MAX_CHARACTERS = 1_000_000

# Character codes a document's fonts map, as pdfminer expands them, one dictionary entry each
# (`fontmaps`): sixteen times every code of two bytes.
MAX_FONT_CODES = 1 << 20


def check_size(size: int, max_bytes: int) -> None:
    if size > max_bytes:
        raise UnreadableInput(
            f"the PDF is {_mib(size)} MiB, over the limit of {_mib(max_bytes)} MiB: "
            "raise it with --max-bytes if the file is genuine"
        )


def check_page_count(count: int, max_pages: int, declared: bool = False) -> None:
    """`count` pages declared by the page tree, or reached while reading."""
    if count > max_pages:
        how_many = f"{count}" if declared else f"more than {max_pages}"
        raise UnreadableInput(
            f"the PDF has {how_many} pages, over the limit of {max_pages}: "
            "raise it with --max-pages if the file is genuine"
        )


def characters_allowed(report: Report) -> int:
    """How many characters the next page may draw: the page's bound, or what is left of the document's."""
    return min(MAX_PAGE_CHARACTERS, MAX_CHARACTERS - report.characters)


def too_many_characters(report: Report) -> UnreadableInput:
    """The error for the page after `report.pages`, which would draw more than it is allowed."""
    page = report.pages + 1
    if MAX_CHARACTERS - report.characters >= MAX_PAGE_CHARACTERS:
        return UnreadableInput(
            f"page {page} draws more than {MAX_PAGE_CHARACTERS:,} characters (a UN page draws at most "
            "about 5,000): is the file damaged?"
        )
    return UnreadableInput(
        f"the PDF draws more than {MAX_CHARACTERS:,} characters by page {page} (the longest UN resolutions "
        "draw about 200,000): if it is genuine, convert it in parts (qpdf in.pdf --pages . 1-100 -- part.pdf)"
    )


def too_many_font_codes(codes: int) -> UnreadableInput:
    return UnreadableInput(
        f"the PDF's fonts map {codes:,} character codes, over the limit of {MAX_FONT_CODES:,} "
        "(a font made to exhaust memory?): is the file damaged?"
    )


def password_message(password: str) -> str:
    if password:
        return "encrypted: the password given does not open it (--password)"
    return "encrypted: needs a password (--password)"


def damaged_message(error: Exception) -> str:
    return f"the PDF cannot be read ({type(error).__name__}): is the file complete?"


def no_text(report: Report) -> Exception:
    """Why a PDF gave no characters at all: a scan (images, no text layer) needs OCR; damaged
    streams are damage, not a scan; pages with neither text nor images hold nothing to convert."""
    if report.damaged_streams:
        return UnreadableInput(
            f"the PDF is damaged: {report.damaged_streams} compressed stream(s) do not decompress and "
            "no page gives any text: is the file complete?"
        )
    if report.images:
        return NeedsOCR(
            "the PDF has no text layer (a scanned image): run it through OCR first "
            "(e.g. `ocrmypdf in.pdf out.pdf`), then convert the result"
        )
    return UnreadableInput("the PDF's pages carry no text and no images: nothing to convert")


def _mib(size: int) -> str:
    return f"{size / MEBIBYTE:.1f}".rstrip("0").rstrip(".")
