"""The PDF reader lays each page out as the engine gives it and lets its characters go, so that a
document's characters are never all held at once (issue 12: a batch's memory stays flat); a page
laid out with a body size that the later pages change is laid out again, knowing it."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from typing import Any

import pytest

from resolution_cli.readers.base import ReadOptions
from resolution_cli.readers.pdf import _read, available_engines, layout, load_engine, read_pdf
from resolution_cli.readers.pdf.glyphs import Glyph, Report
from tests.pdfmaker import MASTHEAD, make_pdf, resolution_page, text_page

ENGINES = [engine.name for engine in available_engines()]


@pytest.fixture(params=ENGINES)
def options(request: pytest.FixtureRequest) -> ReadOptions:
    return ReadOptions(engine=str(request.param))


def live_glyphs() -> int:
    return sum(1 for item in gc.get_objects() if type(item) is Glyph)


def test_only_the_page_being_laid_out_holds_characters(options: ReadOptions, monkeypatch: pytest.MonkeyPatch) -> None:
    pdf = make_pdf([resolution_page(n) for n in range(1, 7)])
    seen: list[tuple[int, int]] = []  # (the page's characters, the characters alive) as each page is laid out
    page_lines = layout.page_lines

    def counting(glyphs: list[Glyph], page: int, size: float) -> list[layout.Line]:
        seen.append((len(glyphs), live_glyphs()))
        return page_lines(glyphs, page, size)

    monkeypatch.setattr(layout, "page_lines", counting)
    document = read_pdf(pdf, options)
    assert len(seen) == 6 and "Paragraph 19 of page 6" in document.blocks[-1].text
    for own, alive in seen[1:]:
        assert alive < own * 1.5  # this page's characters, not those of the pages before it


def pages_of(pdf: bytes, options: ReadOptions) -> Iterator[Any]:
    return load_engine(options.engine).pages(pdf, "", 100, Report())


def test_a_body_size_that_the_later_pages_change(options: ReadOptions) -> None:
    # Page 1 is mostly 8 pt (a table of figures), the two pages after it 10 pt: the document's body
    # size is 10 pt, which page 1 alone does not say.
    small = [(123, 650 - 10 * i, 8, f"Row {i} of the scale of assessments, figures 0.001 and 0.002") for i in range(30)]
    pdf = make_pdf([text_page([*MASTHEAD, *small]), resolution_page(2), resolution_page(3)])
    whole = layout.body_size(list(pages_of(pdf, options)))
    assert whole == 10.0
    first_pass = layout.BodySize()
    assert _read(pdf, options, first_pass) is None  # page 1 was laid out with 8 pt
    assert first_pass.final() == whole
    assert read_pdf(pdf, options) == _read(pdf, options, layout.BodySize(whole))


def test_body_size_page_by_page() -> None:
    def glyphs(*sizes: float) -> list[Glyph]:
        space = Glyph(" ", 1.0, 2.0, 0.0, 3.0, False, False)  # not visible: not counted
        return [*(Glyph("a", 0.0, 1.0, 0.0, size, False, False) for size in sizes), space]

    body = layout.BodySize()
    assert body.page(glyphs(10.0, 10.04, 8.0)) == 10.0
    assert body.page([]) == 10.0  # no characters: nothing laid out with it
    assert body.page(glyphs(8.0, 8.0)) == 8.0  # three 8 pt against two 10 pt (10.04 is 10.0)
    assert body.final() == 8.0 and not body.consistent()
    assert body.final() == layout.most_common_size([10.0, 10.04, 8.0, 8.0, 8.0])
    known = layout.BodySize(8.0)
    assert known.page(glyphs(10.0)) == 8.0 and known.consistent()


def test_a_settled_line_keeps_its_facts_and_spans() -> None:
    text = [Glyph(c, 100 + 5 * i, 105 + 5 * i, 600.0, 10.0, i < 4, False) for i, c in enumerate("Notes the plan")]
    call = Glyph("1", 171.0, 174.0, 604.0, 6.0, False, False)
    line = layout.Line(text, 1, [call])
    facts = (line.y, line.x0, line.x1, line.size, line.bold, line.text)
    spans = layout.line_spans(line)
    assert [s.text for s in spans] == ["Note", "s the plan", "1"] and spans[-1].marker
    line.settle()
    assert line.glyphs == [] and line.markers == []
    assert (line.y, line.x0, line.x1, line.size, line.bold, line.text) == facts
    assert layout.line_spans(line) == spans
