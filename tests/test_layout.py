"""The UN layouts of issue 11, each on real documents (tests/data/layout, with its README) and on a
constructed case: tables, structured annexes, lists broken by bullets and by unnumbered blocks,
headings and separators in the preamble, footnotes called in the masthead, the Security Council's
old plain texts."""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path

import jsonschema
import pytest
from lxml import etree

from resolution_cli.exporters import get
from resolution_cli.model import (
    Anchor,
    Cell,
    Heading,
    Paragraph,
    Resolution,
    Section,
    Separator,
    Table,
    TableNote,
    iter_paragraphs,
    iter_tables,
)
from resolution_cli.parse.build import build
from resolution_cli.parse.source import (
    SourceBlock,
    SourceCell,
    SourceDocument,
    SourceFootnote,
    SourceTable,
    Span,
    table_block,
)
from resolution_cli.preview import plain_lines
from resolution_cli.readers import read
from resolution_cli.readers.markdown import read_markdown
from resolution_cli.schema import validate_bytes
from tests.measure import akn_signature

DATA = Path(__file__).parent / "data" / "layout"
AKN = "{http://docs.oasis-open.org/legaldocml/ns/akn/3.0}"
NS = {"a": AKN[1:-1]}
SCHEMA = json.loads((Path(__file__).parents[1] / "resolution_cli" / "schemas" / "resolution.schema.json").read_text())


@cache
def document(name: str) -> Resolution:
    return read((DATA / name).read_bytes())


def export(resolution: Resolution, fmt: str) -> bytes:
    return get(fmt).render(resolution)


def assert_round_trips(resolution: Resolution) -> None:
    """AKN (schema-valid) and Markdown read back to the same model; JSON holds to its schema."""
    akn = export(resolution, "akn")
    assert validate_bytes(akn) == []
    assert read(akn) == resolution
    assert read_markdown(export(resolution, "md")) == resolution
    jsonschema.validate(json.loads(export(resolution, "json")), SCHEMA)


def _normal(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


# -- tables --------------------------------------------------------------------------------------------


def un_tables(name: str) -> list[list[list[tuple[str, str, int]]]]:
    """Each `table` of the UN's file as it marks it: rows of (th or td, text, colspan), the rows
    without any text (Word's border rows) left out. An independent reading, with lxml alone."""
    tables = []
    for table in etree.parse(str(DATA / name)).iter(f"{AKN}table"):
        rows = []
        for tr in table.iter(f"{AKN}tr"):
            cells = [(etree.QName(c).localname, _normal("".join(c.itertext())), int(c.get("colspan") or 1)) for c in tr]
            if any(text for _, text, _ in cells):
                rows.append(cells)
        tables.append(rows)
    return tables


def with_calls(cell: Cell) -> str:
    """The cell's text with each call's marker where it stood, as the UN's `sup` leaves it."""
    text = cell.text
    for anchor in sorted(cell.anchors, key=lambda a: -a.offset):
        text = text[: anchor.offset] + anchor.marker + text[anchor.offset :]
    return text


def model_tables(resolution: Resolution) -> list[Table]:
    return iter_tables(resolution.body) + [t for annex in resolution.annexes for t in iter_tables(annex.body)]


@pytest.mark.parametrize(("name", "count"), [("A_RES_78_252.xml", 1), ("A_RES_78_253.xml", 3), ("A_RES_78_249.xml", 1)])
def test_un_tables_are_read_cell_by_cell(name: str, count: int) -> None:
    tables = model_tables(document(name))
    expected = un_tables(name)
    assert len(tables) == len(expected) == count
    for table, rows in zip(tables, expected, strict=True):
        ours = [
            [("th" if r < table.header_rows else "td", with_calls(c), c.colspan) for c in row]
            for r, row in enumerate(table.rows)
        ]
        assert ours == rows


def test_staffing_tables_where_the_un_puts_them() -> None:
    """78/252: the annex's table under its title; 78/253: tables among the operative paragraphs."""
    annex = document("A_RES_78_252.xml").annexes[0]
    assert (annex.heading, annex.title) == ("Annex", "Staffing table for 2024")
    table = annex.body[0]
    assert isinstance(table, Table) and table.header_rows == 1
    assert [c.text for c in table.rows[0]] == [
        "Category",
        "Number of posts (excluding special political missions)",
        "Number of posts (special political missions)",
        "Total",
    ]
    assert [c.text for c in table.rows[-1]] == ["Total", "10 415", "4 079", "14 494"]  # a row, not a heading
    body = document("A_RES_78_253.xml").body
    placed = [i for i, b in enumerate(body) if isinstance(b, Table)]
    assert len(placed) == 3 and all(isinstance(body[i - 1], Paragraph) for i in placed)


def test_table_notes_and_their_calls() -> None:
    """78/249: the notes "a", "b", "c" under the table are its notes; "2024a" in a cell calls "a"."""
    table = model_tables(document("A_RES_78_249.xml"))[0]
    assert [(n.marker, n.text) for n in table.notes] == [
        ("a", "See A/78/534."),
        ("b", "See A/78/634."),
        ("c", "Reflects amounts after recosting."),
    ]
    first = table.body[0][0]
    assert (first.text, first.anchors) == ("Estimated appropriation for 2024", (Anchor("a", 32),))
    assert table.calls_note("a") and not table.calls_note("1")
    assert [c.colspan for c in table.header[1]] == [1, 3]  # "(United States dollars)" spans three columns
    assert table.notes[0].refs[0].symbol == "A/78/534"  # references found in table notes too


@pytest.mark.parametrize("name", ["A_RES_78_252.xml", "A_RES_78_253.xml", "A_RES_78_249.xml"])
def test_tables_round_trip_in_every_format(name: str) -> None:
    assert_round_trips(document(name))


def test_table_akn_json_markdown_and_preview_shapes() -> None:
    resolution = document("A_RES_78_249.xml")
    root = etree.fromstring(export(resolution, "akn"))
    container = root.xpath("//a:attachment//a:hcontainer[@name='table']", namespaces=NS)[0]
    assert container.get("eId") == "att_1__table_1"
    assert [etree.QName(c).localname for c in container.xpath("a:content/*", namespaces=NS)] == ["table", "p", "p", "p"]
    assert container.xpath("string(.//a:tr[3]/a:td[1]/a:p/a:sup)", namespaces=NS) == "a"
    assert container.xpath(".//a:th[@colspan='3']", namespaces=NS)
    block = json.loads(export(resolution, "json"))["annexes"][0]["body"][0]
    assert block["type"] == "table" and block["eid"] == "att_1__table_1"
    assert len(block["header"]) == 2 and block["rows"][0][2] == {
        "text": "58 552 400",
        "colspan": 2,
        "rowspan": 1,
        "footnote_calls": [],
        "refs": [],
    }
    markdown = export(resolution, "md").decode().splitlines()
    assert "| Estimated appropriation for 2024<sup>a</sup> | 63 930 800 | 58 552 400 |  |" in markdown
    assert "<sup>c</sup> Reflects amounts after recosting." in markdown
    plain = list(plain_lines(resolution))
    assert "annex 1 table 1 row 1\tEstimated appropriation for 2024^a | 63 930 800 | 58 552 400" in plain
    assert "annex 1 table 1 note a\tSee A/78/534." in plain


def test_a_source_table_becomes_a_table() -> None:
    """The seam a reader hands tables over by: a SourceTable block. A cell that wrapped is one
    cell; the line above a caption-less table is its caption; calls of its notes stay calls."""
    table = SourceTable(
        rows=(
            (SourceCell((Span("Action"),)), SourceCell((Span("Title of "), Span("post"))),
             SourceCell((Span("Number"),))),
            (SourceCell((Span("Redeployment from Contracts Management Unit"),)), SourceCell((Span("Legal Officer"),)),
             SourceCell((Span("1"), Span("a", marker=True)))),
            (SourceCell((Span("Total net changes"),), colspan=2), SourceCell((Span("4"),))),
        ),  # fmt: skip
        header_rows=1,
        notes=(SourceFootnote("a", (Span("Including one temporary position."),)),),
    )
    blocks = (
        SourceBlock((Span("The General Assembly,", italic=True),)),
        SourceBlock((Span("1. "), Span("Approves", italic=True), Span(" the changes as set out below:"))),
        SourceBlock((Span("A. Pension Administration"),), bold=True),
        table_block(table),
        SourceBlock((Span("2. "), Span("Decides", italic=True), Span(" to keep them under review."))),
    )
    resolution = build(SourceDocument(blocks))
    placed = resolution.body[1]
    assert isinstance(placed, Table)
    assert placed.caption == "A. Pension Administration"  # the caption, not a part heading
    assert [c.text for c in placed.header[0]] == ["Action", "Title of post", "Number"]
    assert placed.body[0][2].anchors == (Anchor("a", 1),) and placed.notes == (
        TableNote("a", "Including one temporary position."),
    )
    assert placed.body[1][0].colspan == 2
    assert [p.num for p in resolution.operative()] == ["1.", "2."]
    assert_round_trips(resolution)


# -- annexes -------------------------------------------------------------------------------------------


def test_annexes_run_together_by_the_un_are_two() -> None:
    """S/RES/2776: the UN's one attachment holds Annex A and Annex B; they are two annexes, each a
    body of numbered paragraphs with their points; their AKN is two attachments."""
    annexes = document("S_RES_2776_2025.xml").annexes
    assert [(a.heading, a.title) for a in annexes] == [
        ("Annex A", "Items subject to a no-objection process"),
        ("Annex B", "Improvised Explosive Devices (IED) Components"),
    ]
    second = annexes[0].body[1]
    assert isinstance(second, Paragraph) and second.num == "2." and second.children[0].num == "(a)"
    root = etree.fromstring(export(document("S_RES_2776_2025.xml"), "akn"))
    attachments = root.xpath("/a:akomaNtoso/a:statement/a:attachments/a:attachment", namespaces=NS)
    assert [a.get("eId") for a in attachments] == ["att_1", "att_2"]
    assert attachments[0].xpath("a:doc[@name='annex']/a:mainBody/a:paragraph/@eId", namespaces=NS)[:2] == [
        "att_1__para_1",
        "att_1__para_2",
    ]


def test_annexes_from_the_pdf() -> None:
    """The same annexes from the PDF: the footnote called on "Annex A – ..." is the title's, "(b)."
    is point (b) and (c) follows it at the same level."""
    resolution = document("S_RES_2776_2025.pdf")
    first, second = resolution.annexes
    assert first.heading == "Annex A" and first.anchors == (Anchor("1", len(first.title)),)
    assert "unanchored-footnote" not in {d.code for d in resolution.diagnostics}
    part = next(b for b in second.body if isinstance(b, Section) and b.heading == "Part I")
    points = part.children[0].children  # type: ignore[union-attr]
    assert [p.num for p in points] == ["(a)", "(b)", "(c)", "(d)", "(e)"]
    pdf_numbers = [b.num for b in first.body if isinstance(b, Paragraph)]
    assert pdf_numbers == [b.num for b in document("S_RES_2776_2025.xml").annexes[0].body if isinstance(b, Paragraph)]


def test_a_structured_annex_and_one_inside_it() -> None:
    """Constructed: "Annex" on its own line starts an annex however long its title; its body is the
    resolution's kind of body (headings, numbered paragraphs, sub-paragraphs, footnote calls); an
    "Appendix" inside it is its annex."""
    title = "Political declaration of the high-level meeting " + "on a very long subject " * 12
    blocks = (
        SourceBlock((Span("The General Assembly,", italic=True),)),
        SourceBlock((Span("1. "), Span("Adopts", italic=True), Span(" the declaration annexed hereto;"))),
        SourceBlock((Span("50th plenary meeting"),)),
        SourceBlock((Span("Annex " + title),), bold=True),
        SourceBlock((Span("I. Commitments"),), bold=True),
        SourceBlock((Span("1. We recall resolution 70/1,"), Span("1", marker=True), Span(" and commit to:"))),
        SourceBlock((Span("(a) Act;"),)),
        SourceBlock((Span("Appendix"),), bold=True),
        SourceBlock((Span("List of participants"),)),
        SourceBlock((Span("1. Member States."),)),
    )
    notes = (SourceFootnote("1", (Span("A/RES/70/1."),)),)
    resolution = build(SourceDocument(blocks, notes))
    (annex,) = resolution.annexes
    assert (annex.heading, annex.title) == ("Annex", title.strip())
    (section,) = annex.body
    assert isinstance(section, Section) and section.num == "I."
    paragraph = section.children[0]
    assert isinstance(paragraph, Paragraph) and paragraph.anchors == (Anchor("1", 26),)
    assert [c.num for c in paragraph.children] == ["(a)"]
    (appendix,) = annex.annexes
    assert (appendix.heading, appendix.title) == ("Appendix", "List of participants")
    root = etree.fromstring(export(resolution, "akn"))
    assert root.xpath("//a:attachment/a:doc/a:attachments/a:attachment/@eId", namespaces=NS) == ["att_1__att_1"]
    assert root.xpath("//a:attachment//a:authorialNote/@eId", namespaces=NS)  # called in the annex, noted there
    from resolution_cli.parse.finish import finish

    finished = finish(SourceDocument(blocks, notes))
    cited = finished.annexes[0].body[0].children[0].refs  # type: ignore[union-attr]
    assert [r.symbol for r in cited] == ["A/RES/70/1"]  # the annex's references come from the model
    assert "unanchored-footnote" not in {d.code for d in finished.diagnostics}
    assert_round_trips(finished)


def test_an_annex_line_stands_alone_in_extracted_text() -> None:
    text = (
        b"The General Assembly,\n\n1. Adopts the programme annexed;\n\n50th plenary meeting\n19 December 2023\n\n"
        b"Annex\nProgramme of action for a very long decade of work\n\n1. We commit to act.\n"
    )
    (annex,) = read(text).annexes
    assert (annex.heading, annex.title) == ("Annex", "Programme of action for a very long decade of work")
    assert [b.num for b in annex.body if isinstance(b, Paragraph)] == ["1."]


# -- lists broken by bullets and by unnumbered blocks ---------------------------------------------------


def test_bullets_form_a_list_under_the_point_that_introduces_them() -> None:
    """S/2025/270, paragraph 3 (a) (i): four "•" items, then (ii) at the level of (i)."""
    paragraph = next(p for p in document("S_2025_270.pdf").operative() if p.num == "3.")
    point = paragraph.children[0]
    assert point.num == "(a)"
    first, second = point.children[:2]
    assert (first.num, second.num) == ("(i)", "(ii)")
    assert [b.num for b in first.children] == ["•"] * 4
    assert first.children[0].text.startswith("To prevent, deter, and stop violence")


def test_text_between_points_and_bullets_constructed() -> None:
    """ "Panel 1: ..." between (b) and (c) belongs to (b); "–" items under (c); (d) follows (c)."""
    lines = [
        "The General Assembly,",
        "1. Decides that the panels will be as follows:",
        "(a) Two panels will be held;",
        "(b) The panels will address the following themes:",
        "Panel 1: Addressing the urgent global risk;",
        "Panel 2: Addressing human health;",
        "(c) Each panel will be co-chaired by:",
        "– a representative of a developed country;",
        "– a representative of a developing country;",
        "(d) The panels will be webcast;",
        "2. Requests the President to make the arrangements.",
    ]
    blocks = tuple(SourceBlock((Span(line),)) for line in lines)
    resolution = build(SourceDocument(blocks, italics_known=False))
    first = resolution.operative()[0]
    assert [c.num for c in first.children] == ["(a)", "(b)", "(c)", "(d)"]
    assert [(c.num, c.text[:7]) for c in first.children[1].children] == [("", "Panel 1"), ("", "Panel 2")]
    assert [c.num for c in first.children[2].children] == ["–", "–"]
    assert [p.num for p in resolution.operative()] == ["1.", "2."]
    assert_round_trips(resolution)


# -- the preamble: headings, separators, quoted text ----------------------------------------------------


def test_preamble_headings_and_separators_from_the_pdf() -> None:
    resolution = document("A_RES_78_148.pdf")
    headings = [p.text for p in resolution.preamble if isinstance(p, Heading)]
    assert headings[:2] == ["Transport and transit corridors", "Countries in special situations"]
    assert sum(isinstance(p, Separator) for p in resolution.preamble) == 2
    labels = [line.split("\t")[0] for line in plain_lines(resolution) if line.startswith("preamble")]
    assert labels[9:11] == ["preamble heading 1", "preamble 10"]  # recitals are counted without the headings


def test_preamble_headings_keep_the_un_measure_perfect(tmp_path: Path) -> None:
    """The AKN (blockContainer > crossHeading, decoration) scores as the UN's own markup."""
    ours = tmp_path / "ours.xml"
    ours.write_bytes(export(document("A_RES_78_148.pdf"), "akn"))
    assert akn_signature.score(str(ours), str(DATA / "A_RES_78_148.xml"))["perfect"]
    root = etree.parse(str(ours)).getroot()
    assert root.xpath("//a:preamble/a:blockContainer/a:crossHeading", namespaces=NS)
    assert root.xpath("//a:preamble/a:p/a:decoration", namespaces=NS)


def test_preamble_headings_in_the_uns_markup() -> None:
    items = document("A_RES_78_148.xml").preamble
    assert [type(i).__name__ for i in items].count("Heading") == 4
    assert [type(i).__name__ for i in items].count("Separator") == 2
    assert_round_trips(document("A_RES_78_148.xml"))


def test_quoted_text_after_a_recital_ending_in_a_colon() -> None:
    lines = [
        "The General Assembly,",
        "Recalling its decision, which reads as follows:",
        "“The General Assembly decides to convene the conference in 2026.”",
        "Noting the report of the Secretary-General,",
        "Transport and transit corridors",
        "Recognizing the role of transport,",
        "1. Decides to act.",
    ]
    blocks = [SourceBlock((Span(line, italic=line.startswith(("Recalling", "Noting", "Recognizing", "Decides"))),))
              for line in lines]  # fmt: skip
    blocks[4] = SourceBlock((Span(lines[4]),), bold=True)
    resolution = build(SourceDocument(tuple(blocks)))
    first, second, heading, third = resolution.preamble
    assert isinstance(first, Paragraph) and first.children[0].text.startswith("“The General Assembly decides")
    assert isinstance(heading, Heading) and heading.text == "Transport and transit corridors"
    assert [type(p).__name__ for p in (second, third)] == ["Paragraph", "Paragraph"]
    assert_round_trips(resolution)


# -- footnotes called in the masthead -------------------------------------------------------------------


def test_sponsor_line_call_and_the_group_it_acts_for() -> None:
    resolution = document("A_C.2_80_L.11.pdf")
    (sponsor,) = resolution.meta.sponsors
    assert sponsor.name == "Iraq" and sponsor.anchors == (Anchor("*", 4),)
    assert sponsor.on_behalf_of == "the States that are members of the Group of 77 and China"
    assert "unanchored-footnote" not in {d.code for d in resolution.diagnostics}
    root = etree.fromstring(export(resolution, "akn"))
    proponent = root.xpath("//a:preface//a:docProponent", namespaces=NS)[0]
    assert proponent.get("title") == f"on behalf of {sponsor.on_behalf_of}"
    assert etree.QName(proponent.getnext()).localname == "authorialNote"
    assert json.loads(export(resolution, "json"))["meta"]["sponsors"][0]["on_behalf_of"] == sponsor.on_behalf_of
    front_matter = export(resolution, "md").decode()
    assert "    on_behalf_of: the States that are members of the Group of 77 and China" in front_matter
    assert_round_trips(resolution)


def test_draft_resolution_alone_ends_the_agenda_name() -> None:
    """A/C.6/80/L.17: no sponsors line; "Draft resolution" stands alone, in the bold of the agenda
    item's name above it and of the title below it: it ends the name, and the title follows."""
    name = (
        "Report of the Special Committee on the Charter of the United Nations"
        " and on the Strengthening of the Role of the Organization"
    )
    resolution = document("A_C.6_80_L.17.pdf")
    assert [item.name for item in resolution.meta.agenda_items] == [name]
    assert resolution.meta.title == name
    assert "missing-title" not in {d.code for d in resolution.diagnostics}
    text = (
        b"United Nations A/C.6/80/L.99\nSixth Committee\nAgenda item 80\nRule of law\n\nDraft resolution\n\n"
        b"The rule of law at the national level\n\nThe General Assembly,\n\n1. Decides to act.\n"
    )
    constructed = read(text, kind="text")
    assert [item.name for item in constructed.meta.agenda_items] == ["Rule of law"]
    assert constructed.meta.title == "The rule of law at the national level"


def test_an_amendment_without_a_title_keeps_its_instructions() -> None:
    """S/2025/117: the Council's amendments have no title; the instruction after the sponsors line
    is what the amendment does (it was taken for the title, and the document refused as empty).
    A General Assembly amendment repeats the title of the draft it amends: that stays the title."""
    instruction = (
        "In the operative paragraph, after “swift end of the conflict” insert “including addressing its root causes”."
    )
    resolution = document("S_2025_117.pdf")
    assert resolution.meta.title == "Amendment to the draft resolution contained in document S/2025/112"
    assert [p.text for p in iter_paragraphs(resolution.body)] == [instruction]
    council = read(
        b"United Nations S/2025/999\nSecurity Council Distr.: General\n\nRuritania: amendment to the draft resolution "
        b"contained in document S/2025/998\n\nIn preambular paragraph 1, replace:\n\n\"war\"\n",
        kind="text",
    )
    assert council.meta.title == "Amendment to the draft resolution contained in document S/2025/998"
    assert [p.text for p in iter_paragraphs(council.body)][0] == "In preambular paragraph 1, replace:"
    assembly = read(
        b"United Nations A/80/L.99\nGeneral Assembly Distr.: Limited\n\n"
        b"Ruritania: amendment to draft resolution A/80/L.98\n\n"
        b"Rule of law at the national level\n\n1. Delete the fourth preambular paragraph.\n",
        kind="text",
    )
    assert assembly.meta.title == "Rule of law at the national level"


def test_title_call_constructed() -> None:
    blocks = (
        SourceBlock((Span("A/80/L.99"),)),
        SourceBlock((Span("Ruritania: draft resolution"),)),
        SourceBlock((Span("International day of something"), Span("1", marker=True)), bold=True),
        SourceBlock((Span("The General Assembly,", italic=True),)),
        SourceBlock((Span("1. "), Span("Decides", italic=True), Span(" to proclaim the day."))),
    )
    notes = (SourceFootnote("1", (Span("Reissued for technical reasons."),)),)
    resolution = build(SourceDocument(blocks, notes))
    assert resolution.meta.title == "International day of something"
    assert resolution.meta.title_anchors == (Anchor("1", 30),)
    root = etree.fromstring(export(resolution, "akn"))
    title = root.xpath("//a:preface//a:docTitle", namespaces=NS)[0]
    assert title.xpath("string()") == resolution.meta.title  # the title alone: the note stands after it
    assert etree.QName(title.getnext()).localname == "authorialNote"
    markdown = export(resolution, "md").decode()  # the title is in the front matter, its call beside it
    assert 'title: International day of something\ntitle_anchors: [["1", 30]]\n' in markdown
    assert_round_trips(resolution)


def test_symbol_and_agenda_calls() -> None:
    """S/RES/2776 (2025)*: a reissue's note called after the symbol, anchored there (AKN: after the
    cover's docNumber, which keeps the symbol alone); a call after an agenda item's number."""
    resolution = document("S_RES_2776_2025.pdf")
    assert resolution.meta.symbol == "S/RES/2776 (2025)"
    assert resolution.meta.symbol_anchors == (Anchor("*", len(resolution.meta.symbol)),)
    root = etree.fromstring(export(resolution, "akn"))
    number = root.xpath("//a:coverPage//a:docNumber[@refersTo='#symbol']", namespaces=NS)[0]
    assert number.xpath("string()") == resolution.meta.symbol
    assert etree.QName(number.getnext()).localname == "authorialNote"
    text = (
        b"United Nations A/80/L.99\nItem 35 of the provisional agenda*\nQuestion of Palestine\n\n"
        b"Ruritania: draft decision\n\nThe General Assembly,\n\n1. Decides to act.\n\n* A/80/150.\n"
    )
    drafted = read(text)
    assert [(a.number, a.anchors) for a in drafted.meta.agenda_items] == [("35", (Anchor("*", 2),))]
    assert "unanchored-footnote" not in {d.code for d in drafted.diagnostics}
    assert_round_trips(drafted)


# -- the Security Council's old texts ---------------------------------------------------------------


def test_admission_of_new_members() -> None:
    """An operative paragraph on the line right after the recital; its footnote call "Republic, 30"."""
    for name, marker in (("S_RES_0153_1960_EN_GOLD.txt", "30"), ("S_RES_0115_1956_EN_GOLD.txt", "15")):
        resolution = document(name)
        (recital,) = resolution.preamble
        assert isinstance(recital, Paragraph) and recital.text.endswith(",")
        assert recital.anchors == (Anchor(marker, len(recital.text)),)
        (operative,) = resolution.operative()
        assert operative.text.startswith("Recommends to the General Assembly that")
        assert resolution.meta.meeting.endswith("meeting") and not resolution.meta.title
        assert not [d for d in resolution.diagnostics if d.severity.value == "warning"]


def test_calls_set_off_by_spaces_inside_a_sentence() -> None:
    """Constructed on S/RES/55 (1948)'s text: "1948, 13 third interim report, 14 report" holds two
    calls; a number that belongs to a word ("Article 17") is text, whatever footnote 17 says."""
    text = (
        b"The Security Council,\n\nHaving considered the report of 27 May 1948, 13 third interim report, 14 and\n"
        b"Article 17 of the Charter,\n\nCalls upon the parties to observe the truce. 19\n\n"
        b"13 Ibid., document S/842.\n14 Ibid., document S/848.\n17 Ibid.\n19 Ibid., appendix VIII.\n"
    )
    resolution = read(text)
    (recital,) = resolution.recitals()
    assert [a.marker for a in recital.anchors] == ["13", "14"]
    assert "Article 17 of the Charter" in recital.text
    assert resolution.operative()[0].anchors == (Anchor("19", len(resolution.operative()[0].text)),)
    assert [d.where for d in resolution.diagnostics if d.code == "unanchored-footnote"] == ["footnote 17"]


def test_a_resolution_without_a_formula() -> None:
    whereas = document("S_RES_0017_1947_EN_GOLD.txt")
    assert [p.text[:8] for p in whereas.recitals()] == ["Whereas "]
    assert whereas.operative()[0].text.startswith("It is resolved that the Security Council request")
    plain = document("S_RES_0781_1992_EN_GOLD.txt")
    assert plain.meta.symbol == "S/RES/781 (1992)" and plain.meta.adoption_date == "1992-10-09"
    assert len(plain.recitals()) == 9 and [p.num for p in plain.operative()][-1] == "7."
    assert [f.marker for f in plain.footnotes] == ["1/", "2/", "3/"]
    assert "unanchored-footnote" not in {d.code for d in plain.diagnostics}
    assert document("S_RES_0589_1986_EN_GOLD.txt").meta.meeting == "2714th (closed) meeting"


def test_every_layout_document_round_trips() -> None:
    for name in sorted(p.name for p in DATA.iterdir() if p.suffix in (".txt", ".xml")):
        assert_round_trips(document(name))
