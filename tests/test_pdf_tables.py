"""Tables read from a PDF's column alignment (readers/pdf/tables.py), with both engines: held cell
by cell against the UN's own markup of the same resolutions (tests/data/layout, its README), and on
constructed pages (tests/pdfmaker.py) for what the corpus shows only once."""

from __future__ import annotations

from functools import cache

import pytest

from resolution_cli.model import Paragraph, Resolution, Section, Table
from resolution_cli.readers import read
from resolution_cli.readers.base import ReadOptions
from resolution_cli.readers.pdf import available_engines, read_pdf
from tests.pdfmaker import MASTHEAD, make_pdf, text_page
from tests.test_layout import DATA, assert_round_trips, model_tables, un_tables, with_calls

ENGINES = [engine.name for engine in available_engines()]


@cache
def pdf_document(name: str, engine: str) -> Resolution:
    return read((DATA / name).read_bytes(), options=ReadOptions(engine=engine))


def cells(table: Table) -> list[list[tuple[str, str, int]]]:
    """Rows as the UN's markup gives them: (th or td, text with its calls, colspan)."""
    return [
        [("th" if r < table.header_rows else "td", with_calls(c), c.colspan) for c in row]
        for r, row in enumerate(table.rows)
    ]


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize(("name", "count"), [("A_RES_78_252", 1), ("A_RES_78_253", 3)])
def test_staffing_tables_match_the_uns_markup_cell_by_cell(name: str, count: int, engine: str) -> None:
    """78/252: one table over two pages, its header repeated on the second and kept once, two-line
    header cells, "Subtotal" and "Total" rows; 78/253: three tables, cells wrapped over four
    lines, a header of ten tight columns ("GS (PL)  GS (OL)") over an empty first cell."""
    tables = model_tables(pdf_document(f"{name}.pdf", engine))
    expected = un_tables(f"{name}.xml")
    assert len(tables) == len(expected) == count
    for table, rows in zip(tables, expected, strict=True):
        assert cells(table) == rows


@pytest.mark.parametrize("engine", ENGINES)
def test_table_captions_and_placement(engine: str) -> None:
    """78/253: "A. Pension Administration" is the first table's caption; the tables stand among
    the operative paragraphs, numbering going on after them; 78/252: the annex's table."""
    resolution = pdf_document("A_RES_78_253.pdf", engine)
    assert [t.caption for t in model_tables(resolution)] == [
        "A. Pension Administration",
        "B. Office of Investment Management",
        "",
    ]
    (part,) = [s for s in resolution.body if isinstance(s, Section) and any(isinstance(c, Table) for c in s.children)][
        :1
    ]
    kinds = [c.num if isinstance(c, Paragraph) else "table" for c in part.children]
    at = kinds.index("table")
    assert kinds[at - 1 : at + 2] == ["6.", "table", "table"] and "7." in kinds[at + 2 : at + 4]
    annex = pdf_document("A_RES_78_252.pdf", engine).annexes[0]
    assert (annex.heading, annex.title) == ("Annex", "Staffing table for 2024")
    assert isinstance(annex.body[0], Table)


@pytest.mark.parametrize("engine", ENGINES)
def test_table_notes_and_spanning_cells(engine: str) -> None:
    """78/249: the notes "a", "b", "c" under the table are its notes, "2024a" calls note a, and
    "(United States dollars)" spans the two figure columns. (The UN's markup has a third, empty
    spacer column of Word's between them, which the page does not show.)"""
    table = model_tables(pdf_document("A_RES_78_249.pdf", engine))[0]
    assert [(n.marker, n.text) for n in table.notes] == [
        ("a", "See A/78/534."),
        ("b", "See A/78/634."),
        ("c", "Reflects amounts after recosting."),
    ]
    assert table.header_rows == 2
    assert [(c.text, c.colspan) for c in table.header[1]] == [("", 1), ("(United States dollars)", 2)]
    assert [with_calls(c) for c in table.body[0]] == ["Estimated appropriation for 2024a", "63 930 800", "58 552 400"]
    assert table.body[0][0].text == "Estimated appropriation for 2024"
    theirs = [[text for _, text, _ in row if text] for row in un_tables("A_RES_78_249.xml")[0]]
    ours = [[with_calls(c) for c in row if c.text] for row in table.rows]
    assert ours == theirs  # the same texts, row by row, once the empty cells are left aside


@pytest.mark.parametrize("name", ["A_RES_78_252.pdf", "A_RES_78_249.pdf"])
def test_pdf_tables_round_trip(name: str) -> None:
    assert_round_trips(pdf_document(name, "pdfminer"))


# -- constructed ------------------------------------------------------------------------------------

COLUMNS = (123, 300, 420)  # left edges: a text column, two figure columns


def _row(y: float, *texts: str, size: float = 8.5) -> list[tuple[float, float, float, str]]:
    return [(x, y, size, text) for x, text in zip(COLUMNS, texts, strict=False) if text]


HEADER = [
    *_row(428, "", "Number of", "Number of", size=7),
    *_row(420, "Category", "posts (regular)", "posts (other)", size=7),
]
# Body text, so that the 10 pt size is the page's body size and the 8.5 pt table stands out.
RECITAL = [
    (
        147 if i == 0 else 123,
        670 - 12 * i,
        10,
        "Recalling its resolutions on the programme budget of the United Nations,",
    )
    for i in range(12)
]


def constructed() -> bytes:
    first = [
        *MASTHEAD,
        (123, 690, 10, "The General Assembly,"),
        *RECITAL,
        (147, 490, 10, "1. Approves the staffing table below:"),
        (123, 460, 10, "A. Posts"),
        *HEADER,
        *_row(398, "Professional and higher"),
        *_row(383, "Under-Secretary-General", "37", "17"),
        (222, 386, 5.5, "a"),
        *_row(368, "Assistant Secretary-General and", "34", "19"),
        (123, 357.5, 8.5, "Director-General"),
        *_row(343, "Subtotal", "71", "36"),
    ]
    second = [
        *[(x, y + 280, size, text) for x, y, size, text in HEADER],
        *_row(670, "Total", "71", "36"),
        (127, 645, 8.5, "See A/99/1."),
        (123, 648, 5.5, "a"),
        (147, 610, 10, "2. Decides to keep the table under review."),
    ]
    return make_pdf([text_page(first), text_page(second)])


@pytest.mark.parametrize("engine", ENGINES)
def test_a_constructed_table_over_two_pages(engine: str) -> None:
    """Caption, a two-line header repeated on the next page (kept once), a body cell wrapped
    over two lines, a call of note "a", "Subtotal" and "Total" rows, the note under the table;
    the paragraphs around it stay paragraphs."""
    document = read_pdf(constructed(), ReadOptions(engine=engine))
    tables = [b.table for b in document.blocks if b.table is not None]
    assert len(tables) == 1
    resolution = read(constructed(), options=ReadOptions(engine=engine))
    (table,) = model_tables(resolution)
    assert table.caption == "A. Posts"
    assert cells(table) == [
        [("th", "Category", 1), ("th", "Number of posts (regular)", 1), ("th", "Number of posts (other)", 1)],
        [("td", "Professional and higher", 1), ("td", "", 1), ("td", "", 1)],
        [("td", "Under-Secretary-Generala", 1), ("td", "37", 1), ("td", "17", 1)],
        [("td", "Assistant Secretary-General and Director-General", 1), ("td", "34", 1), ("td", "19", 1)],
        [("td", "Subtotal", 1), ("td", "71", 1), ("td", "36", 1)],
        [("td", "Total", 1), ("td", "71", 1), ("td", "36", 1)],
    ]
    assert [(n.marker, n.text) for n in table.notes] == [("a", "See A/99/1.")]
    assert [p.num for p in resolution.body if not isinstance(p, Table)] == ["1.", "2."]
    assert_round_trips(resolution)


def test_paragraphs_in_columns_of_their_own_are_not_a_table() -> None:
    """Numbered one-line paragraphs (number, gap, text) at the body size line up, but are text."""
    lines = [*MASTHEAD, (123, 690, 10, "The General Assembly,")]
    for i in range(6):
        lines += [(147, 660 - 18 * i, 10, f"{i + 1}."), (171, 660 - 18 * i, 10, f"Decides to act on item {i};")]
    document = read_pdf(make_pdf([text_page(lines)]))
    assert all(b.table is None for b in document.blocks)
