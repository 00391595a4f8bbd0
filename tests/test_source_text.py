"""The running text of a reader's spans (`parse.source`): whitespace collapsed as `\\s+` -> " " says."""

from __future__ import annotations

import random
import re

from resolution_cli.parse.source import Span, clean_text, collapse_spaces

# Spaces in runs, the whitespace that is not printable (line feed, tab, no-break and em spaces), a
# character that is neither (zero-width space), words.
_PIECES = (" ", "  ", "   ", "a", "bc", "\n", "\t", "\u00a0", "\u2003", "\u200b", "x y")


def _texts(count: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(_PIECES) for _ in range(rng.randint(0, 8))) for _ in range(count)]


def test_collapse_spaces_is_one_space_for_each_run_of_whitespace() -> None:
    for text in _texts(5000, 1):
        assert collapse_spaces(text) == re.sub(r"\s+", " ", text), repr(text)


def test_clean_text_is_the_collapsed_text_with_the_calls_where_they_stand() -> None:
    """The spans' text joined, collapsed and stripped; each call at the length of the text before
    it (collapsed and stripped too), whatever the spans' boundaries cut."""
    rng = random.Random(2)
    texts = _texts(8000, 3)
    for start in range(0, len(texts), 4):
        spans = [Span(text, marker=rng.random() < 0.25) for text in texts[start : start + rng.randint(1, 4)]]
        expected_text = re.sub(r"\s+", " ", "".join(s.text for s in spans if not s.marker)).strip()
        offsets = [
            len(re.sub(r"\s+", " ", "".join(s.text for s in spans[:i] if not s.marker)).strip())
            for i, span in enumerate(spans)
            if span.marker
        ]
        text, anchors = clean_text(spans)
        assert text == expected_text, spans
        assert [(a.marker, a.offset) for a in anchors] == [
            (s.text, o) for s, o in zip([s for s in spans if s.marker], offsets, strict=True)
        ], spans
