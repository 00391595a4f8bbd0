"""Small glyphs (issue 11, item 3), with both engines: no visible character is dropped for its
size, a blank of another line does not split a word, word spaces come from the gaps between
characters, and a footnote call is told by its raise and its characters, not by its size alone.
Real documents in tests/data/glyphs (see its README) and constructed cases (tests/pdfmaker.py)."""

from __future__ import annotations

from dataclasses import replace
from functools import cache
from pathlib import Path

import pytest
from lxml import etree

from resolution_cli.model import Resolution
from resolution_cli.parse.source import SourceDocument, clean_text
from resolution_cli.readers import read
from resolution_cli.readers.base import ReadOptions
from resolution_cli.readers.pdf import available_engines, layout, read_pdf
from resolution_cli.readers.pdf.engines import load_engine
from resolution_cli.readers.pdf.glyphs import Glyph, Page, Report
from tests.pdfmaker import BOLD, ITALIC, MASTHEAD, make_pdf, text_page

ENGINES = [engine.name for engine in available_engines()]
DATA = Path(__file__).parent / "data"
GLYPHS = DATA / "glyphs"
RECITAL = "Recalling its resolutions on the rights of the child and on cooperation,"


@cache
def read_with(path: Path, engine: str) -> Resolution:
    return read(path.read_bytes(), options=ReadOptions(engine=engine))


def pages(data: bytes, engine: str) -> list[Page]:
    return list(load_engine(engine).pages(data, "", 100, Report()))


def resolution(lines: list[tuple[float, float, float, str]], engine: str, shown: bytes = b"") -> Resolution:
    """A one-page resolution: the masthead, a bold title, the formula, `lines`, a paragraph; `shown`,
    a text-showing operator (`TJ`), draws a recital in 10 pt Times-Roman at (147, 500)."""
    page = [
        *MASTHEAD,
        (72, 620, 12, BOLD + "99/1."),
        (123, 620, 12, BOLD + "Strengthening cooperation"),
        (147, 580, 10, "The General Assembly,"),
        *[(147 if i == 0 else 123, 560 - 12 * i, 10, RECITAL) for i in range(4)],
        *lines,
        (147, 450, 10, "1. Decides to remain seized of the matter."),
    ]
    extra = b"BT /F1 10 Tf 1 0 0 1 147 500 Tm %s ET\n" % shown if shown else b""
    return read(make_pdf([text_page(page, extra)]), options=ReadOptions(engine=engine))


# -- no letter dropped for its size ------------------------------------------------------------------


@pytest.mark.parametrize("engine", ENGINES)
def test_a_lead_phrase_set_under_one_point_is_read_into_its_line(engine: str) -> None:
    """"Noting" at 0.9 pt (2.6 pt wide), then " also" and the rest at 10 pt on the same baseline."""
    tiny = [
        (147, 500, 0.9, ITALIC + "Noting"),
        (149.6, 500, 10, ITALIC + " also"),
        (149.6 + 19.17, 500, 10, " the report of the Secretary-General,"),  # " also" is 19.17 pt wide
    ]
    recital = resolution(tiny, engine).preamble[-1]
    assert (recital.lead, recital.text) == ("Noting also", "Noting also the report of the Secretary-General,")


@pytest.mark.parametrize("engine", ENGINES)
def test_only_blanks_are_left_out_as_spacers(engine: str) -> None:
    """A 1 pt blank is a spacer (left out); a 1 pt letter is a character of the page."""
    drawn = pages(make_pdf([text_page([*MASTHEAD, (60, 580, 1, " "), (300, 580, 1, "x")])]), engine)[0]
    small = [(g.text, round(g.size, 1)) for g in drawn.glyphs if g.size < 2]
    assert small == [("x", 1.0)]


@cache
def source(path: Path, engine: str) -> SourceDocument:
    """What the PDF reader gives the parser (A/48/653 is a committee report, which the parser refuses)."""
    return read_pdf(path.read_bytes(), ReadOptions(engine=engine))


@pytest.mark.parametrize("engine", ENGINES)
def test_text_set_at_one_point_in_a_scaling_matrix_is_read(engine: str) -> None:
    """A/48/653 (1993) sets its text at `1 Tf` in a text matrix that scales it to 12-16 pt: PDFium
    gives the size set, which left every character under the spacer size (the document read as
    a scan without text); both engines now measure the size drawn."""
    texts = [clean_text(block.spans)[0] for block in source(GLYPHS / "A_48_653.pdf", engine).blocks]
    assert "A/48/653" in texts and any(text.startswith("ACTIVITIES OF THOSE FOREIGN ECONOMIC") for text in texts)
    sizes = {round(g.size) for page in pages((GLYPHS / "A_48_653.pdf").read_bytes(), engine) for g in page.glyphs}
    assert min(sizes) >= 9


@pytest.mark.skipif(len(ENGINES) < 2, reason="the pdfium extra is not installed")
def test_both_engines_read_the_one_point_document_alike() -> None:
    """The text of all 111 blocks alike but the masthead's "UNITED NATIONS", set bold by printing
    each letter twice: PDFium drops a character drawn again where it stands, pdfminer reads
    "UUNNIITTEEDD" (and the indents differ by PDFium's box of the first letter)."""
    pdfminer, pdfium = (source(GLYPHS / "A_48_653.pdf", engine) for engine in ("pdfminer", "pdfium"))
    assert [clean_text(b.spans)[0] for b in pdfminer.blocks[:2]] == ["UUNNIITTEEDD", "NNAATTIIOONNSS A"]
    assert [clean_text(b.spans)[0] for b in pdfium.blocks[:2]] == ["UNITED", "NATIONS A"]
    assert [b.spans for b in pdfminer.blocks[2:]] == [b.spans for b in pdfium.blocks[2:]]
    assert pdfminer.footnotes == pdfium.footnotes


# -- a blank of another line does not split a word ---------------------------------------------------


@pytest.mark.parametrize("engine", ENGINES)
def test_a_blank_of_a_neighbouring_line_does_not_split_the_title(engine: str) -> None:
    """A 5 pt blank (an empty line's) at the title's first letter, within its baseline's reach."""
    assert resolution([(123, 617.5, 5, " ")], engine).meta.title == "Strengthening cooperation"


def _moved(glyph: Glyph, by: float) -> Glyph:
    return replace(glyph, y0=glyph.y0 + by)


def test_the_spacers_under_a_council_title_do_not_split_it() -> None:
    """S/RES/2769 (2025): under "Resolution 2769 (2025)" (14 pt) the masthead draws two empty lines
    of 5 pt blanks starting at the title's "R", 5.9 pt below its baseline, just out of reach. Set
    2 pt higher (as in S/RES/2789 (2025), which read "R esolution 2789"), they join the title's
    line by baseline and sort after its "R"; the title still reads whole. (The characters as
    pdfminer draws them; PDFium does not report those blanks, and the lines are the shared stage.)"""
    page = pages((DATA / "pdf" / "S_RES_2769_2025.pdf").read_bytes(), "pdfminer")[0]
    title = next(g for g in page.glyphs if g.text == "R" and g.size > 13)
    spacers = [g for g in page.glyphs if not g.text.strip() and g.x0 == title.x0 and 5 < title.y0 - g.y0 < 14]
    assert spacers, "the masthead's spacers under the title"
    moved = [_moved(g, 2.0) if g in spacers else g for g in page.glyphs]
    texts = [line.text for line in layout.page_lines(moved, 1, layout.body_size([page]))]
    assert "Resolution 2769 (2025)" in texts


# -- word spaces from the gaps between characters ----------------------------------------------------


@pytest.mark.parametrize("engine", ENGINES)
def test_a_space_taken_back_by_the_line_is_no_word_space(engine: str) -> None:
    """`[(well-) ( ) 250 (being)] TJ`: the space's advance is taken back, the hyphen and "b" touch."""
    kerned = b"[(Stressing the well-) ( ) 250 (being of all,)] TJ"
    assert resolution([], engine, kerned).preamble[-1].text == "Stressing the well-being of all,"


@pytest.mark.parametrize("engine", ENGINES)
def test_a_blank_taken_back_after_a_hyphen_in_a_real_document(engine: str) -> None:
    """A/RES/78/268, preambular paragraph: the page shows "well-being" (the blank after the hyphen
    taken back, the "b" 0.05 em after the hyphen), as the UN's markup reads it."""
    un = etree.parse(GLYPHS / "A_RES_78_268.xml").xpath("string(//*[local-name()='preamble'])")
    phrase = "essential to the health and well-being of children"
    assert phrase in " ".join(un.split())
    texts = [p.text for p in read_with(GLYPHS / "A_RES_78_268.pdf", engine).preamble]
    assert any(phrase in text for text in texts)
    assert not any("well- being" in text for text in texts)


@pytest.mark.parametrize("engine", ENGINES)
def test_kerned_word_spaces_are_kept(engine: str) -> None:
    """A word space that a kerning narrows (`( ) 60 (Assembly)`: the next word starts 0.19 em on)."""
    kerned = b"[(Noting the General) ( ) 60 (Assembly,)] TJ"
    assert resolution([], engine, kerned).preamble[-1].text == "Noting the General Assembly,"


# -- footnote calls by their raise and characters ----------------------------------------------------


def with_notes(first_line_size: float) -> bytes:
    """Two calls in the body and two notes, the second note's first line set at `first_line_size`."""
    lines = [
        *MASTHEAD,
        (72, 620, 12, BOLD + "99/1."),
        (123, 620, 12, BOLD + "Strengthening cooperation"),
        (147, 580, 10, "The General Assembly,"),
        (147, 560, 10, "Recalling its resolutions on the rights of the child,"),
        (364.6, 564.2, 6.5, "1"),
        (147, 540, 10, "1. Decides to remain seized of the matter."),
        (318.5, 544.2, 6.5, "2"),
        (72, 140, 8, "__________________"),
        (123, 123.2, 5.5, "1"),
        (130, 120, 8.5, "Resolution 76/181, annex."),
        (123, 111.2, 5.5, "2"),
        (130, 108, first_line_size, "See the report of the Secretary-General on the"),
        (130, 98, 8.5, "rights of the child (A/78/100)."),
    ]
    return make_pdf([text_page(lines)])


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("size", [8.5, 7.5, 7.0])
def test_a_footnote_whose_first_line_is_set_smaller_is_a_footnote(engine: str, size: float) -> None:
    """Under 0.8 of the body size the first line's characters are small; they are a line of their
    own (no line of the page's text reaches up to them), its raised "2" its call."""
    document = read(with_notes(size), options=ReadOptions(engine=engine))
    assert [(note.marker, note.text) for note in document.footnotes] == [
        ("1", "Resolution 76/181, annex."),
        ("2", "See the report of the Secretary-General on the rights of the child (A/78/100)."),
    ]


@pytest.mark.parametrize("engine", ENGINES)
def test_small_digits_on_the_baseline_are_text_not_calls(engine: str) -> None:
    """A digit set small on the line's baseline is not raised: text of the line, not a call."""
    lines = [(147, 500, 10, "Noting the report in document A/78/"), (293.4, 500, 6.5, "100"), (303.2, 500, 10, ",")]
    recital = resolution(lines, engine).preamble[-1]
    assert recital.text == "Noting the report in document A/78/100,"
    assert not recital.anchors


@pytest.mark.parametrize("engine", ENGINES)
def test_a_long_raised_run_of_digits_is_text(engine: str) -> None:
    """Calls are a short run ("12", "***"); five raised digits are a superscript of the text."""
    lines = [(147, 500, 10, "Noting the figure of 10"), (239.3, 504.2, 6.5, "12345"), (255.6, 500, 10, " in it,")]
    recital = resolution(lines, engine).preamble[-1]
    assert recital.text == "Noting the figure of 1012345 in it,"
    assert not recital.anchors


# -- the same spaces from both engines ----------------------------------------------------------------
# A word processor writes a space between two runs of different style as a text object of its own.
# Such an object has an empty box, and PDFium's text page leaves it out (pdfminer reads the space);
# the PDFium engine puts it back. A space in a call's font is raised with the call, too far above
# its line to join it by baseline: it is given to the line below, as the call is.


@pytest.mark.parametrize("engine", ENGINES)
def test_a_space_drawn_in_another_style_between_two_words_is_read(engine: str) -> None:
    """"Calls" and "for" in italic, the space between them in roman and kerned (the words 0.19 em
    apart, under the 0.3 em at which a gap is a space of itself)."""
    lead = [(147, 500, 10, ITALIC + "Calls"), (168.1, 500, 10, " "), (170.0, 500, 10, ITALIC + "for deep cuts,")]
    recital = resolution(lead, engine).preamble[-1]
    assert recital.text == "Calls for deep cuts,"


@pytest.mark.parametrize("engine", ENGINES)
def test_a_tab_drawn_under_the_text_after_a_list_number_is_a_space(engine: str) -> None:
    """A tab object after "(mm)" that ends inside the "D" it is followed by (the list's point
    starts at the tab stop): the point's number stands apart from its text."""
    point = [(147, 500, 10, "(mm)"), (169.6, 500, 10, " "), (170.0, 500, 10, "Designing laws;")]
    page = pages(make_pdf([text_page([*MASTHEAD, *point])]), engine)[0]
    assert [line.text for line in layout.page_lines(page.glyphs, 1, 10.0)][-1] == "(mm) Designing laws;"


@pytest.mark.parametrize("engine", ENGINES)
def test_the_space_raised_with_a_call_is_the_word_space_after_it(engine: str) -> None:
    """"2011," then the call "7" and a space in its 6.5 pt font, raised 4.2 pt, and "and" 0.18 em
    after the call: the space after the call is kept."""
    lines = [
        (123, 500, 10, "Recalling 2011,"),
        (186.4, 504.2, 6.5, "7"),
        (189.65, 504.2, 6.5, " "),
        (191.4, 500, 10, "and 21/33 of 2012,"),
    ]
    page = pages(make_pdf([text_page([*MASTHEAD, *lines])]), engine)[0]
    last = layout.page_lines(page.glyphs, 1, 10.0)[-1]
    assert [(span.text, span.marker) for span in layout.line_spans(last)] == [
        ("Recalling 2011,", False),
        ("7", True),
        (" and 21/33 of 2012,", False),
    ]


@pytest.mark.parametrize("engine", ENGINES)
def test_the_spaces_of_real_documents_are_read_as_the_un_marks_them(engine: str) -> None:
    """A/RES/78/301, operative paragraph 5: a raised space after "76/238," where no call stands;
    A/HRC/RES/59/25, operative paragraph 6: "Calls for" with the space in roman."""
    cases = [
        ("A_RES_78_301", "in its resolution 76/238, subject to a decision of the Security Council"),
        ("A_HRC_RES_59_25", "Calls for deep and rapid cuts in global emissions"),
    ]
    for name, phrase in cases:
        un = etree.parse(GLYPHS / f"{name}.xml").xpath("string(//*[local-name()='mainBody'])")
        assert phrase in " ".join(un.split())
        texts = [p.text for p in read_with(GLYPHS / f"{name}.pdf", engine).operative()]
        assert any(phrase in text for text in texts), name
