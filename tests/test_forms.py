"""The rules of the UN's document form (resolution_cli.forms), one decision per test where readers
used to disagree."""

from __future__ import annotations

import pytest

from resolution_cli import forms
from resolution_cli.model import Organ


@pytest.mark.parametrize("num", ["(a)", "(z)", "(aa)", "(bb)", "(aaa)", "(i)", "(iv)", "(xxiv)", "(A)", "(1)", "(12)"])
def test_sub_paragraph_numbers(num: str) -> None:
    assert forms.SUB_NUM.match(f"{num} text")["num"] == num  # type: ignore[index]
    assert forms.NUMBERED_LINE.match(f"{num} text")
    assert forms.BARE_NUMBER.match(num)


@pytest.mark.parametrize("text", ["(ab) text", "(see) annex", "(abcd) x", "(2024) was", "(ibid.) x"])
def test_words_in_brackets_are_no_numbers(text: str) -> None:
    """Letters are one letter, doubled or tripled after (z); not any run of up to four letters."""
    assert not forms.SUB_NUM.match(text)
    assert not forms.NUMBERED_LINE.match(text)


def test_i_after_h_is_a_letter_and_alone_a_numeral() -> None:
    assert forms.sub_kind("(i)", "(h)") == "letter"
    assert forms.sub_kind("(v)", "(u)") == "letter"
    assert forms.sub_kind("(ii)", "(hh)") == "letter"
    assert forms.sub_kind("(i)", None) == "roman"
    assert forms.sub_kind("(ii)", "(a)") == "roman"
    assert forms.sub_kind("(A)", None) == "capital"
    assert forms.sub_kind("(3)", None) == "digit"


@pytest.mark.parametrize(
    ("num", "previous", "level"),
    [
        ("I.", "", 1), ("IV", "", 1), ("XL.", "", 1), ("V", "", 1), ("X.", "", 1),
        ("A.", "", 2), ("B", "", 2),
        ("C.", "", 2), ("D", "", 2), ("L.", "", 2),  # C, D and L alone are letters: no resolution has 50 parts
        ("I", "H", 2), ("V", "U", 2),  # the letter after H is I
        ("1.", "", 3), ("", "", 3),
    ],
)  # fmt: skip
def test_heading_levels(num: str, previous: str, level: int) -> None:
    assert forms.heading_level(num, previous) == level


def test_expected_next() -> None:
    assert forms.expected_next("9.") == "10."
    assert forms.expected_next("(b)") == "(c)"
    assert forms.expected_next("(z)") == "(aa)"
    assert forms.expected_next("II") is None


@pytest.mark.parametrize(
    ("line", "symbol"),
    [
        ("United Nations A/RES/78/229", "A/RES/78/229"),
        ("S/RES/2768 (2025)", "S/RES/2768 (2025)"),
        ("A/C.3/80/L.11", "A/C.3/80/L.11"),
        ("A/HRC/RES/59/25", "A/HRC/RES/59/25"),
        ("A/ES-11/L.1/Rev.1", "A/ES-11/L.1/Rev.1"),
        ("E/2023/L.5 Distr.: Limited", "E/2023/L.5"),
    ],
)
def test_document_symbols(line: str, symbol: str) -> None:
    match = forms.SYMBOL.search(line)
    assert match and match.group(0) == symbol


@pytest.mark.parametrize(
    "text",
    [
        "23-25976 (E)",
        "GE.25-11220 (E)",
        "2/5",
        "*2325976*",
        "Please recycle",
        "*1345517* Please recycle",  # A/RES/68/262: the barcode and the note on one baseline
        "95-37106 (E) 011295 /...",
        "2/5 23-25976 (E)",
    ],
)
def test_page_furniture(text: str) -> None:
    assert forms.is_furniture(text)


@pytest.mark.parametrize("text", ["The 2/5 rule", "12/15 of the States", "*1345517* of the text", "Please recycle it"])
def test_text_that_holds_furniture_is_no_furniture(text: str) -> None:
    assert not forms.is_furniture(text)


def test_the_symbol_alone_is_a_running_header_except_at_the_top() -> None:
    assert forms.is_furniture("A/78/L.5", "A/78/L.5")
    assert not forms.is_furniture("A/78/L.5", "A/78/L.5", first=True)


@pytest.mark.parametrize(("text", "rule"), [("_____", True), ("_", True), ("_ _ _", True), ("a_b", False), ("", False)])
def test_the_footnote_rule(text: str, rule: bool) -> None:
    assert forms.is_footnote_rule(text) is rule


def test_one_row_per_organ() -> None:
    assert {form.organ for form in forms.ORGANS} == set(Organ)
    assert forms.organ_named("Security Council") is Organ.SECURITY_COUNCIL
    assert forms.organ_named("Commission for Social Development") is Organ.OTHER
    assert forms.organ_of_body("unga-hrc") is Organ.HUMAN_RIGHTS_COUNCIL
    assert forms.organ_of_symbol("A/HRC/RES/59/25") is Organ.HUMAN_RIGHTS_COUNCIL  # the longer prefix wins
    assert forms.organ_of_symbol("A/RES/78/229") is Organ.GENERAL_ASSEMBLY
    assert forms.organ_of_symbol("FCCC/CP/2015/10") is None
    assert forms.organ_form(Organ.ECONOMIC_AND_SOCIAL_COUNCIL).actor == "ecosoc"
