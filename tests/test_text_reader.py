"""The text reader on A/73/L.103: text as an extractor left it, furniture and footnotes interleaved."""

from __future__ import annotations

import re

import pytest

from resolution_cli.model import DocumentKind, Organ, Resolution
from resolution_cli.parse.checks import all_paragraphs
from resolution_cli.parse.source import Span
from resolution_cli.readers import read
from resolution_cli.readers.text import _ANY_CALLS, _CALLS, _spans, read_text
from tests.conftest import SAMPLES


@pytest.fixture(scope="module")
def draft() -> Resolution:
    return read((SAMPLES / "text" / "A_73_L.103.txt").read_bytes())


def test_masthead(draft: Resolution) -> None:
    meta = draft.meta
    assert meta.symbol == "A/73/L.103"
    assert meta.kind is DocumentKind.DRAFT_RESOLUTION
    assert meta.organ is Organ.GENERAL_ASSEMBLY
    assert meta.session == "73"
    assert [a.number for a in meta.agenda_items] == ["128 (t)"]
    assert meta.agenda_items[0].name.startswith("Cooperation between the United Nations and regional")
    assert meta.distribution == "Limited"
    assert meta.issue_date == "2019-07-19"
    assert tuple(s.name for s in meta.sponsors) == (
        "Armenia",
        "Belarus",
        "Equatorial Guinea",
        "Kazakhstan",
        "Kyrgyzstan",
        "Russian Federation",
        "Tajikistan",
    )
    assert meta.title == "Cooperation between the United Nations and the Collective Security Treaty Organization"


def test_paragraph_counts(draft: Resolution) -> None:
    assert draft.formula == "The General Assembly,"
    assert len(draft.preamble) == 15
    assert [p.num for p in draft.operative()] == [f"{n}." for n in range(1, 10)]


def test_page_split_paragraph_is_rejoined(draft: Resolution) -> None:
    fifth = draft.preamble[4].text
    assert "between the United Nations and regional and subregional organizations, in accordance" in fifth


def test_no_page_furniture_in_any_paragraph(draft: Resolution) -> None:
    furniture = re.compile(r"\b19-12425\b|\b\d/3\b|S/PRST/2013/12; see")
    for label, para in all_paragraphs(draft):
        assert not furniture.search(para.text), label


def test_footnotes_anchored_where_markers_stand(draft: Resolution) -> None:
    assert [f.marker for f in draft.footnotes] == ["1", "2", "3", "4", "5", "6", "7"]
    calls = {a.marker: (label, para.text[: a.offset]) for label, para in all_paragraphs(draft) for a in para.anchors}
    assert calls["1"][1].endswith("regional and other organizations,")
    assert calls["3"][1].endswith("13 January 2010")
    assert calls["4"][1].endswith("6 August 2013,")
    assert calls["5"][0] in ("preamble 9", "operative 5")
    assert "6" not in calls and "7" not in calls
    unanchored = [d.where for d in draft.diagnostics if d.code == "unanchored-footnote"]
    assert unanchored == ["footnote 6", "footnote 7"]


def test_lead_phrases_without_italics(draft: Resolution) -> None:
    assert draft.preamble[0].lead == "Having considered"
    assert draft.preamble[2].lead == "Referring also"
    assert draft.operative()[3].lead == "Invites"  # written *Invites* in the text
    assert draft.operative()[0].text.startswith("Takes note with appreciation of the report")


def test_text_has_no_markers(draft: Resolution) -> None:
    for label, para in all_paragraphs(draft):
        assert not re.search(r"[¹²³⁴⁵⁶⁷⁸⁹⁰*]", para.text), label


def test_every_kind_of_call_and_the_text_around_it() -> None:
    """A call glued to a word, a superscript, a 1990s "1/" and a number set off by spaces: each a
    marker span, the text before it ending at the word (the space that sets a call off is the call's)."""
    text = (
        "The Security Council,\n\nRecalling the Declaration 1/ signed at Geneva, and the report, 14 on standstill,\n\n"
        "Noting the letter,\u00b2 and the note,3\n\n1. Decides to remain seized of the matter.\n\n"
        "1/ S/24476, annex.\n\n14 One member abstained.\n\n3 A/78/1.\n"
    )
    blocks = read_text(text.encode()).blocks
    assert blocks[1].spans == (
        Span("Recalling the Declaration"),
        Span("1/", marker=True),
        Span(" signed at Geneva, and the report,"),
        Span("14", marker=True),
        Span(" on standstill,"),
    )
    assert blocks[2].spans == (
        Span("Noting the letter,"),
        Span("2", marker=True),
        Span(" and the note,"),
        Span("3", marker=True),
    )


def test_calls_of_footnote_numbers_of_more_than_three_digits_or_other_digits() -> None:
    """The calls scan of a document takes numbers of one to three ASCII digits, as UN footnotes
    have them: a document with a longer number or other digits is scanned for those too."""
    text = (
        "The General Assembly,\n\nRecalling the report,1234 and the note,\u0663\n\n"
        "1. Decides to remain seized of the matter.\n\n\u00b9\u00b2\u00b3\u2074 A/78/1.\n\n\u0663 A/78/2.\n"
    )
    blocks = read_text(text.encode()).blocks
    assert blocks[1].spans == (
        Span("Recalling the report,"),
        Span("1234", marker=True),
        Span(" and the note,"),
        Span("\u0663", marker=True),
    )


def test_both_calls_patterns_find_the_same_calls_of_ordinary_footnotes() -> None:
    """`_CALLS` (numbers of one to three ASCII digits) finds what `_ANY_CALLS` finds where the
    footnotes are so numbered, in every paragraph of a real text and for every kind of marker."""
    document = read_text((SAMPLES / "text" / "A_73_L.103.txt").read_bytes())
    texts = ["".join(span.text for span in block.spans) for block in document.blocks]
    texts += ["the report, 14 on it, 2023, and 7 of 120 x", "Declaration 1/ signed, note,3 and¹² 105/ x"]
    numbers = [str(n) for n in range(1, 130)]
    for markers in ({*numbers}, {f"_{n}" for n in numbers}, {f"{n}/" for n in numbers}, {"*", "1", "_2", "3/"}):
        for text in texts:
            assert _spans(text, markers, _CALLS) == _spans(text, markers, _ANY_CALLS.compiled)
