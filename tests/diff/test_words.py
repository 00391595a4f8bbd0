"""Word-level comparison: what counts as a change, and redlines that give back both texts."""

from __future__ import annotations

import random

from resolution_cli.diff.words import SegmentKind, same_text, tokens, word_diff
from resolution_cli.readers import read
from tests.conftest import SAMPLES


def test_typesetting_is_not_a_change() -> None:
    assert same_text("non-intervention", "non\u2011intervention")  # non-breaking hyphen
    assert same_text("the “Helms-Burton Act”", 'the "Helms-Burton Act"')
    assert same_text("2015– 2030", "2015–2030")  # a line broken after the dash
    assert same_text("well- being", "well-being")  # ... or after a hyphen
    assert same_text("Secretary-General,\nto", "Secretary-General, to")
    assert not same_text("Requests", "Also requests")
    assert not same_text("resolution 72/4", "resolution 79/7")


def test_tokens_keep_symbols_and_numbers_whole() -> None:
    assert tokens("A/73/85. and 1.3 billion, Secretary-General") == (
        "A/73/85", ".", "and", "1.3", "billion", ",", "Secretary-General",
    )  # fmt: skip


def test_redline_reads_as_words() -> None:
    segments = word_diff("at its seventy-fourth session;", "at its eighty-first session;")
    assert [(s.kind.value, s.text) for s in segments] == [
        ("equal", "at its "),
        ("delete", "seventy-fourth"),
        ("insert", "eighty-first"),
        ("equal", " session;"),
    ]


def _join(segments: tuple, keep: SegmentKind) -> str:  # type: ignore[type-arg]
    return "".join(s.text for s in segments if s.kind in (SegmentKind.EQUAL, keep))


def test_segments_give_back_both_texts_on_real_paragraphs() -> None:
    """Random word edits of every paragraph of a real resolution: the equal and inserted
    segments are the new text, the equal and deleted ones the old (whitespace aside)."""
    rng = random.Random(7)
    resolution = read((SAMPLES / "akn" / "A_RES_78_229.xml").read_bytes())
    for para in (*resolution.preamble, *resolution.operative()):
        words = para.text.split(" ")
        for _ in range(3):
            k = rng.randrange(len(words))
            words[k : k + rng.randrange(3)] = rng.choice([[], ["further"], ["all", "relevant"]])
        new = " ".join(words)
        segments = word_diff(para.text, new)
        assert _join(segments, SegmentKind.INSERT).split() == new.split()
        assert _join(segments, SegmentKind.DELETE).split() == para.text.split()
