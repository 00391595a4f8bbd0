"""The parser tells three things apart: a resolution, a UN document whose structure is broken (a
damaged enacting formula: one error, the rest read as usual), and a file that is no UN document
at all (`NotAUNDocument`, which `check` passes over)."""

from __future__ import annotations

import pytest

from resolution_cli.errors import NotAResolution, NotAUNDocument
from resolution_cli.model import Severity
from resolution_cli.parse.build import build
from resolution_cli.readers.text import read_text
from tests.conftest import SAMPLES

TEXT = SAMPLES / "text" / "A_73_L.103.txt"


def _read(text: str):  # type: ignore[no-untyped-def]
    return build(read_text(text.encode()))


@pytest.mark.parametrize("damaged", ["The General Assemblyy", "The general assembly,", "The Genral Assembly,"])
def test_a_damaged_formula_is_one_error_and_the_preamble_stays(damaged: str) -> None:
    original = TEXT.read_text()
    intact = _read(original)
    resolution = _read(original.replace("The General Assembly,", damaged))
    errors = [d for d in resolution.diagnostics if d.severity is Severity.ERROR]
    assert [(d.code, d.where) for d in errors] == [("damaged-enacting-formula", "formula")]
    assert "'The General Assembly,'" in errors[0].message
    assert resolution.formula == damaged  # the document's own text, kept
    assert resolution.preamble == intact.preamble and resolution.body == intact.body
    assert resolution.meta.organ == intact.meta.organ
    others = [d for d in resolution.diagnostics if d.severity is not Severity.ERROR]
    assert others == list(intact.diagnostics)


def test_masthead_lines_are_not_taken_for_a_damaged_formula() -> None:
    """'General Assembly' (the masthead's organ line) is close in letters but no formula."""
    resolution = _read(TEXT.read_text())
    assert resolution.formula == "The General Assembly,"
    assert not [d for d in resolution.diagnostics if d.code == "damaged-enacting-formula"]


@pytest.mark.parametrize(
    "text",
    [
        "eggs\nmilk\n",
        "# Our resolutions\n\nThe UN resolutions we follow, A/RES/78/229 and S/RES/2768 (2025) among them.\n",
        "requests>=2\nlxml>=5\n",
        '<?xml version="1.0"?>\n<project><modelVersion>4.0.0</modelVersion></project>\n',
        "",
    ],
)
def test_no_symbol_no_masthead_no_formula_is_no_un_document(text: str) -> None:
    with pytest.raises(NotAUNDocument):
        _read(text)


def test_a_un_masthead_without_formula_or_title_is_a_broken_un_document() -> None:
    with pytest.raises(NotAResolution) as raised:
        _read("United Nations A/78/L.99\n\nDistr.: Limited\n\neggs\n\nmilk\n")
    assert not isinstance(raised.value, NotAUNDocument)


def test_unnumbered_operative_paragraphs_are_no_duplicates_or_gaps() -> None:
    """A paragraph without a number has no place in the numbering: no 'paragraph  appears twice'."""
    text = TEXT.read_text()
    resolution = _read(text.replace("\n1. Takes note", "\nTakes note").replace("\n2. Notes", "\nNotes"))
    assert not [d for d in resolution.diagnostics if d.code in ("duplicate-number", "numbering-gap")]


def test_a_joint_symbol_and_an_organ_before_distr_are_a_masthead() -> None:
    """E/2025/L.16-E/HLPF/2025/L.1, as the text layer of the ECOSOC draft declaration gives it."""
    from resolution_cli.parse.masthead import is_masthead_line

    assert is_masthead_line("United Nations E/2025/L.16-E/HLPF/2025/L.1")
    assert is_masthead_line("Economic and Social Council Distr.: Limited")
    assert not is_masthead_line("See A/RES/78/229 for the text.")
    assert not is_masthead_line("General Assembly")


@pytest.mark.parametrize(
    "pieces",
    [
        ["1.", " ", "Decides", " to act."],  # a space glyph of its own between the number and the text
        ["1. ", " ", "Decides", " to act."],  # a space doubled across spans
        ["1.", "  \t ", "Decides", " to act."],
        ["  1.", " ", "Decides", " to act."],
        ["1. ", "Decides", " to act."],
    ],
)
def test_a_number_is_stripped_from_the_text_whatever_spans_carry_the_spaces(pieces: list[str]) -> None:
    """The number comes off the running text as `clean_text` collapses it: no letter of the text goes
    with it (a whitespace-only span after the number once cost the "D" of "Decides")."""
    from resolution_cli.parse.source import SourceBlock, SourceDocument, Span

    blocks = (
        SourceBlock((Span("A/RES/78/1"),)),
        SourceBlock((Span("The General Assembly,"),)),
        SourceBlock((Span("Recalling", italic=True), Span(" its resolutions,"))),
        SourceBlock(tuple(Span(p, italic=p == "Decides") for p in pieces)),
    )
    paragraph = build(SourceDocument(blocks, ())).body[0]
    assert (paragraph.num, paragraph.text, paragraph.lead) == ("1.", "Decides to act.", "Decides")
