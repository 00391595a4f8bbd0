"""Reads a UN PDF from its characters into a `SourceDocument`, with either PDF engine.

`extract_text` flattens a page and reorders words in justified lines, so this reader works from
the characters: their font (italic lead phrases, bold headings), size (footnotes, superscript
markers) and position (running headers, footers, the footnote separator, indentation). An engine
(`engines`: pdfminer.six by default, or PDFium) gives each page's characters (`glyphs`); the
stages after that are shared (`layout`): characters -> lines -> page zones -> blocks and footnotes.

Bounded work (`limits`, `streams`): the input's size and page count, the bytes its streams may
inflate to; a PDF whose first page with text carries no UN masthead is refused after that page.
"""

from __future__ import annotations

import os
import warnings
from collections.abc import Iterator

from resolution_cli.errors import NotAResolution
from resolution_cli.forms import SYMBOL
from resolution_cli.parse.source import SourceBlock, SourceDocument, Span
from resolution_cli.readers.base import DEFAULT_OPTIONS, ReadOptions
from resolution_cli.readers.pdf import layout, limits, tables
from resolution_cli.readers.pdf.engines import ENGINES, Engine, available_engines, engine_name, load_engine
from resolution_cli.readers.pdf.glyphs import Page, Report

__all__ = ["ENGINES", "Engine", "available_engines", "engine_name", "read_pdf"]

ENV_PASSWORD = "RESOLUTION_PDF_PASSWORD"


def read_pdf(data: bytes, options: ReadOptions = DEFAULT_OPTIONS) -> SourceDocument:
    limits.check_size(len(data), options.max_bytes)
    body = layout.BodySize()
    document = _read(data, options, body)
    if document is None:  # a page was laid out with a body size that the later pages changed
        document = _read(data, options, layout.BodySize(body.final()))
        assert document is not None  # (a known body size is the final one)
    return document


def _read(data: bytes, options: ReadOptions, body: layout.BodySize) -> SourceDocument | None:
    """The document, each page laid out as the engine gives it (lines, zones, tables; its lines'
    spans computed and its characters let go), with the body size `body` gives for it; None when
    that was not the body size of the whole document."""
    report = Report()
    # (The engine's captures of warnings and log records stay on while a page is laid out, between
    # two pages: the stages after the characters write neither.)
    body_lines: list[layout.Line | SourceBlock] = []
    note_parts: list[tuple[str, list[Span]]] = []
    text = False
    for page in _read_pages(data, options, report):
        size = body.page(page.glyphs)
        text = text or bool(page.glyphs)
        lines = layout.page_lines(page.glyphs, page.number, size)
        page_body, notes = layout.Layout(size).split_page(lines, page.number, page.height)
        for item in tables.find_tables(page_body, size):
            if isinstance(item, layout.Line):
                item.settle()
            body_lines.append(item)
        note_parts.extend(layout.note_parts(notes))
    if not text:
        raise limits.no_text(report)
    if not body.consistent():
        return None
    return SourceDocument(
        blocks=tuple(layout.blocks(tables.join_pages(body_lines), layout.Layout(body.final()))),
        footnotes=tuple(layout.footnotes(note_parts)),
        diagnostics=report.diagnostics(),
        italics_known=True,
    )


def _read_pages(data: bytes, options: ReadOptions, report: Report) -> Iterator[Page]:
    """The pages as the engine gives them, its warnings captured into `report` (never on
    stderr); the masthead checked on the first page that has text."""
    engine = load_engine(options.engine)
    password = options.password or os.environ.get(ENV_PASSWORD, "")
    checked = not options.masthead_check
    with engine.captured(report), warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        for page in engine.pages(data, password, options.max_pages, report):
            if not checked and page.glyphs:
                _require_masthead(page)
                checked = True
            yield page
    for warning in caught:
        report.warn(str(warning.message))


def _require_masthead(page: Page) -> None:
    """A UN document names the United Nations or carries its symbol on its first page."""
    for line in layout.group_by_baseline(page.glyphs, page.number):
        squeezed = "".join(line.text.split())
        if "unitednations" in squeezed.lower() or SYMBOL.search(line.text) or SYMBOL.search(squeezed):
            return
    raise NotAResolution(
        f"page {page.number} carries no UN masthead (no 'United Nations', no document symbol): "
        "this does not look like a UN resolution (--no-masthead-check converts it anyway)"
    )
