"""The Markdown exporter and reader: goldens, escaping of text that looks like markup, the YAML
front matter, errors on malformed input, and the CLI."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from resolution_cli.errors import UnreadableInput
from resolution_cli.exporters.markdown import yaml_scalar
from resolution_cli.model import (
    AgendaItem,
    Anchor,
    Annex,
    Cell,
    DocumentKind,
    Footnote,
    Heading,
    Metadata,
    Paragraph,
    Resolution,
    Role,
    Section,
    Separator,
    Sponsor,
    Table,
    TableNote,
)
from resolution_cli.readers import read
from resolution_cli.readers.markdown import read_markdown, yaml_string
from tests.cli.test_convert_cli import run
from tests.conftest import GOLDEN, SAMPLES, compare_golden
from tests.test_markdown_roundtrip import assert_round_trip, to_markdown

GOLDEN_SAMPLES = [SAMPLES / "text" / "A_73_L.103.txt", *sorted((SAMPLES / "akn").glob("*.xml"))]


@pytest.mark.parametrize("path", GOLDEN_SAMPLES, ids=lambda p: p.name)
def test_golden_samples(path: Path, accept: bool) -> None:
    try:
        resolution = read(path.read_bytes())
    except ModuleNotFoundError as missing:  # a reader not built yet
        pytest.skip(str(missing))
    compare_golden(to_markdown(resolution), GOLDEN / f"md-{path.stem}" / "expected.md", accept)


def _para(text: str, lead: str = "", **kwargs: object) -> Paragraph:
    return Paragraph(Role.PREAMBULAR, text, lead=lead, **kwargs)  # type: ignore[arg-type]


# Every paragraph here opens or carries something Markdown would read as markup.
NASTY = Resolution(
    meta=Metadata(
        symbol="A/RES/78/999",
        kind=DocumentKind.RESOLUTION,
        session="78",
        agenda_items=(AgendaItem("12 (a)", "Item: with a colon # and a hash"),),
        issue_date="2024-01-02",
        number="78/999",
        title="# Not a heading [draft] *really*",
        sponsors=(
            Sponsor("Côte d’Ivoire"),
            Sponsor("yes", "the States: members of the [Group] # of 77", (Anchor("*", 3),)),
            Sponsor('The "quoted" one'),
        ),
    ),
    formula="The General Assembly,",
    preamble=(
        _para("1. Starts like a numbered list,", "1."),
        _para("# starts like a heading, and ends with #", anchors=(Anchor("1", 0), Anchor("2", 40))),
        _para("Recalling [brackets], *stars*, _underscores_, `backticks`, <tags> and back\\slashes,", "Recalling"),
        _para("- a dash, & an &amp; entity, ~~strike~~ and a | pipe,"),
        Heading("**Bold** heading - - -", (Anchor("2", 4),)),
        Separator("***"),
        Separator(),
        _para("| Table: a pipe and a colon,"),
    ),
    body=(
        Section(
            "I.",
            "Heading with a call",
            (
                Paragraph(
                    Role.OPERATIVE,
                    "Decides that (a) is not a number:",
                    "1.",
                    "Decides",
                    children=(
                        Paragraph(Role.SUB, "(b) looks like a number;", "(a)"),
                        Paragraph(
                            Role.SUB,
                            "[^1]: is not a footnote definition;",
                            "(c)",
                            children=(Paragraph(Role.SUB, "> not a quote.", "(i)"),),
                        ),
                    ),
                ),
            ),
            anchors=(Anchor("3", 7),),
        ),
        Paragraph(Role.OPERATIVE, "2. Requests twice over.", "2.", "2. Requests"),
        Table(
            rows=(
                (Cell("| Action |"), Cell("<sup>a</sup> not a call", colspan=2), Cell("")),
                (Cell("Total", (Anchor("a", 5),)), Cell("12 | 3", (Anchor("1", 0),), rowspan=2), Cell("- dash")),
                (Cell("\\"), Cell("edge &amp; more")),
            ),
            header_rows=1,
            caption="Table: A. Posts",
            caption_anchors=(Anchor("a", 0),),
            notes=(TableNote("a", "* See A/78/534 | with a pipe.", (Anchor("2", 3),)), TableNote("</sup>", "")),
        ),
    ),
    footnotes=(
        Footnote("1", "* not a bullet."),
        Footnote("2", "See A/78/1 [in preparation]."),
        Footnote("3", "Numbered 3. and <b>bold</b>."),
    ),
    annexes=(
        Annex(
            "Annex",
            "[Title in brackets]",
            (
                Paragraph(Role.OPERATIVE, "First block.", "1."),
                Paragraph(Role.OPERATIVE, "## Second block", children=(Paragraph(Role.SUB, "| a pipe", "•"),)),
                Section("I.", "#### In the annex", (Paragraph(Role.OPERATIVE, "Table: not a table.", "2."),)),
            ),
            annexes=(Annex("Appendix", "<sup>x</sup> inside", anchors=(Anchor("1", 0),)),),
        ),
    ),
)


def test_nasty_text_round_trips_exactly() -> None:
    assert_round_trip(NASTY)


def test_golden_nasty(accept: bool) -> None:
    compare_golden(to_markdown(NASTY), GOLDEN / "md-nasty" / "expected.md", accept)


def test_nasty_text_is_escaped_not_marked_up() -> None:
    lines = to_markdown(NASTY).decode().splitlines()
    assert "*1.* Starts like a numbered list," in lines  # '*' then '1': no list marker
    assert "[^1]\\# starts like a heading, and ends with \\#[^2]" in lines
    assert (
        "*Recalling* \\[brackets\\], \\*stars\\*, \\_underscores\\_, \\`backticks\\`, \\<tags> and back\\\\slashes,"
        in lines
    )
    assert "\\- a dash, \\& an \\&amp; entity, \\~\\~strike\\~\\~ and a | pipe," in lines
    assert "## I. Heading[^3] with a call" in lines
    assert "  - (a\\) (b\\) looks like a number;" in lines  # the number is read first
    assert "  - (c\\) \\[^1\\]: is not a footnote definition;" in lines
    assert "    - (i\\) \\> not a quote." in lines
    assert "[^1]: \\* not a bullet." in lines
    assert "- \\#\\# Second block" in lines and "  - • \\| a pipe" in lines  # an annex's body, as the resolution's
    assert "**\\*\\*Bo[^2]ld\\*\\* heading - - -**" in lines  # a preamble heading: bold, its own '*' escaped
    assert "\\| Table: a pipe and a colon," in lines  # text never opens a table
    assert "| \\| Action \\| | \\<sup>a\\</sup> not a call |  |  |" in lines  # a cell's pipes escaped, spans padded
    assert "| Total<sup>a</sup> | [^1]12 \\| 3 | - dash |" in lines  # a table note's call, a footnote call
    assert "2\\. Table\\: not a table." in lines


def test_unnumbered_sub_paragraph_that_looks_numbered() -> None:
    child = Paragraph(Role.SUB, "(b) is text, not a number;")
    para = Paragraph(Role.OPERATIVE, "Decides:", "1.", "Decides", children=(child,))
    resolution = Resolution(Metadata(), "The General Assembly,", body=(para,))
    assert "  - &#40;b) is text, not a number;" in to_markdown(resolution).decode().splitlines()
    assert_round_trip(resolution)


def test_lead_in_italics_and_calls_at_their_offsets() -> None:
    para = Paragraph(Role.OPERATIVE, "Decides, in principle, to act;", "1.", "Decides", (Anchor("4", 7),))
    markdown = to_markdown(Resolution(Metadata(), "The General Assembly,", body=(para,))).decode()
    assert "1\\. *Decides*[^4], in principle, to act;" in markdown.splitlines()


def test_whitespace_and_control_characters_become_entities() -> None:
    para = _para(" two\nlines\t ")
    markdown = to_markdown(Resolution(Metadata(), "The General Assembly,", preamble=(para,))).decode()
    assert "&#32;two&#10;lines&#9;&#32;" in markdown.splitlines()
    assert read_markdown(markdown.encode()).preamble == (para,)


def test_windows_line_endings_read_the_same() -> None:
    assert read_markdown(to_markdown(NASTY).replace(b"\n", b"\r\n")) == NASTY


def test_output_is_deterministic() -> None:
    assert to_markdown(NASTY) == to_markdown(NASTY)


# -- YAML front matter ----------------------------------------------------------------------------

YAML_CASES = {
    "A/RES/78/229": "A/RES/78/229",
    "General Assembly": "General Assembly",
    "Côte d’Ivoire": "Côte d’Ivoire",
    "S/RES/2768 (2025)": "S/RES/2768 (2025)",
    "yes": '"yes"',
    "Null": '"Null"',
    "2023-12-19": '"2023-12-19"',
    "78": '"78"',
    "128 (t)": '"128 (t)"',
    "Item: colon": '"Item: colon"',
    "a #hash": '"a #hash"',
    "trailing ": '"trailing "',
    "": '""',
    'say "hi"': '"say \\"hi\\""',
    "back\\slash": '"back\\\\slash"',
    "line\nbreak\ttab": '"line\\nbreak\\ttab"',
    "\x07bell\u2028\ufeff\U0001f600": '"\\x07bell\\u2028\\ufeff\U0001f600"',
    "- dash": '"- dash"',
    "[list]": '"[list]"',
    "{map}": '"{map}"',
    "&anchor": '"&anchor"',
    "*alias": '"*alias"',
    "!tag": '"!tag"',
    "|": '"|"',
}


@pytest.mark.parametrize("value", YAML_CASES, ids=repr)
def test_yaml_scalars_are_quoted_where_yaml_would_misread_them(value: str) -> None:
    assert yaml_scalar(value) == YAML_CASES[value]
    assert yaml_string(yaml_scalar(value), 1) == value


def test_front_matter_keeps_model_order_and_omits_empty_fields() -> None:
    markdown = to_markdown(NASTY).decode()
    front = markdown.split("---\n")[1].splitlines()
    keys = [line.split(":")[0] for line in front if not line.startswith(" ")]
    assert keys == [
        "symbol",
        "kind",
        "organ",
        "session",
        "agenda_items",
        "issue_date",
        "number",
        "title",
        "sponsors",
        "language",
    ]
    assert 'title: "# Not a heading [draft] *really*"' in front


# -- malformed input -----------------------------------------------------------------------------

GOOD = to_markdown(NASTY).decode()


@pytest.mark.parametrize(
    ("broken", "message"),
    [
        ("no front matter\n", "line 1: no YAML front matter"),
        ("---\nkind: resolution\n", "never closed"),
        ("---\ncolour: blue\n---\n", "line 2: unknown front matter key 'colour'"),
        ("---\nkind: motion\n---\n", "'motion' is not a valid DocumentKind"),
        ('---\nsymbol: "open\n---\n', "line 2: unterminated quoted string"),
        (GOOD.replace("*Recalling*", "*Recalling"), "never closed with '*'"),
        (GOOD.replace("*Recalling*", "*Recalling* *twice*"), "unexpected '*'"),
        (GOOD.replace("  - (a\\)", " - (a\\)"), "an indented line must be a sub-paragraph"),
        (GOOD.replace("## I.", "#### I."), "heading level 4"),
        (GOOD + "\nA paragraph after the footnotes.\n", "only '[^n]: text' lines may follow"),
    ],
)
def test_malformed_markdown_is_refused_with_a_line_number(broken: str, message: str) -> None:
    with pytest.raises(UnreadableInput, match=message.replace("*", r"\*").replace("[", r"\[").replace("^", r"\^")):
        read_markdown(broken.encode())


# -- the command line ------------------------------------------------------------------------------

TEXT = SAMPLES / "text" / "A_73_L.103.txt"


def test_cli_convert_to_markdown_and_back_to_json(tmp_path: Path) -> None:
    markdown = tmp_path / "draft.md"
    assert run("convert", str(TEXT), "-t", "markdown", "-o", str(markdown)).returncode == 0
    direct = run("convert", str(TEXT), "-t", "json")
    via_markdown = run("convert", str(markdown), "-t", "json")
    assert via_markdown.returncode == 0, via_markdown.stderr
    assert json.loads(via_markdown.stdout) == json.loads(direct.stdout)


def test_cli_formats_lists_md() -> None:
    result = run("formats")
    assert "md" in result.stdout.decode().split()


def test_cli_broken_markdown_is_one_line_exit_3(tmp_path: Path) -> None:
    broken = tmp_path / "broken.md"
    broken.write_text(GOOD.replace("*Recalling*", "*Recalling"), encoding="utf-8")
    result = run("convert", str(broken), "-t", "json")
    assert result.returncode == 3
    assert result.stdout == b""
    assert result.stderr.decode().count("\n") == 1
    assert b"Markdown line" in result.stderr and b"Traceback" not in result.stderr


# -- renderers: the UN's numbers as text, the title in the front matter, every footnote kept ------


def test_numbers_are_written_as_text_not_list_markers() -> None:
    lines = to_markdown(NASTY).decode().splitlines()
    assert "1\\. *Decides* that (a) is not a number:" in lines  # a paragraph: no renumbering list
    assert lines[lines.index("1\\. *Decides* that (a) is not a number:") + 1] == ""  # its list after a blank line
    assert "  - (a\\) (b\\) looks like a number;" in lines  # no ordered list of type "a" inside the bullet


def test_text_that_opens_like_a_number_opens_with_a_character_reference() -> None:
    body = (
        Paragraph(Role.PREAMBULAR, "12. is text in the body,"),
        Paragraph(Role.OPERATIVE, "(a) is text too;", children=(Paragraph(Role.SUB, "iv) text;"),)),
    )
    resolution = Resolution(Metadata(), "The General Assembly,", body=body)
    lines = to_markdown(resolution).decode().splitlines()
    assert "&#49;2. is text in the body," in lines
    assert "- &#40;a) is text too;" in lines and "  - &#105;v) text;" in lines
    assert_round_trip(resolution)


def test_footnotes_the_text_never_calls_get_calls_of_their_own() -> None:
    uncalled = (Footnote("4", "Never called."), Footnote("*", "Nor this."))
    resolution = replace(NASTY, footnotes=(*NASTY.footnotes, *uncalled))
    lines = to_markdown(resolution).decode().splitlines()
    holder = "Footnotes not called in the text: [^4] [^\\*]"
    assert holder in lines and lines.index(holder) < lines.index("[^1]: \\* not a bullet.")
    assert_round_trip(resolution)


def test_a_title_heading_next_to_a_front_matter_title_is_refused() -> None:
    broken = GOOD.replace("---\n\nThe General Assembly,", "---\n\n# A second title\n\nThe General Assembly,")
    with pytest.raises(UnreadableInput, match="the title is in the front matter"):
        read_markdown(broken.encode())


def test_files_written_in_the_earlier_form_still_read() -> None:
    """Before numbers became text: '# Title', '1. ' list items, children under their text, bare '(a)'."""
    earlier = (
        "---\nsymbol: A/RES/78/999\nkind: resolution\norgan: General Assembly\nlanguage: en\n---\n\n"
        "# The title\n\nThe General Assembly,\n\n*Recalling* its resolutions,\n\n"
        "12. *Decides*:\n    - (a) To act;\n      - (i) now;\n\n- *Also decides* to stay seized.\n"
    )
    resolution = read_markdown(earlier.encode())
    decides = resolution.body[0]
    assert resolution.meta.title == "The title"
    assert isinstance(decides, Paragraph) and (decides.num, decides.lead) == ("12.", "Decides")
    assert [(c.num, c.text, [g.num for g in c.children]) for c in decides.children] == [("(a)", "To act;", ["(i)"])]
    assert read_markdown(to_markdown(resolution)) == resolution
