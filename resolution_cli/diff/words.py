"""Words: how two texts are compared and how their word-level changes are cut.

Texts are compared as sequences of tokens (words, with their inner hyphens, slashes and
points, as in "Secretary-General", "A/73/85", "1.3"; and single punctuation marks), folded
so that what only typesetting changes does not count as a change: Unicode compatibility
forms, the non-breaking hyphen and the other hyphens, curly and straight quotes, and all
whitespace (a PDF line break after "2015–" is not an edit). A segment keeps the characters of
its own side, so a redline shows the text as printed.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from enum import StrEnum
from functools import lru_cache

# A hyphen may be followed by one space inside a word: a PDF line broken after "well-" gives
# "well- being", the same word as "well-being" (the space is dropped from the token).
_TOKEN = re.compile(r"\w+(?:(?:[-\u2010\u2011] ?|['’/.])\w+)*|[^\w\s]")
_FOLD = {
    "\u2010": "-",  # hyphen
    "\u2011": "-",  # non-breaking hyphen
    "\u2012": "-",  # figure dash
    "\u00ad": "",  # soft hyphen
    "‘": "'",
    "’": "'",
    "“": '"',
    "”": '"',
}
_FOLDED = re.compile("[" + "".join(_FOLD) + "]")
# Below this many tokens a text is compared character by character (footnotes such as
# "A/73/85." -> "A/80/83." share no word, yet are the same footnote).
SHORT = 8


def fold(text: str) -> str:
    """The form in which two texts are compared: typographic variants made one."""
    normal = unicodedata.normalize("NFKC", text)
    return _FOLDED.sub(lambda m: _FOLD[m[0]], normal)


class _BoundaryForm(dict[int, str]):
    """A `str.translate` table that maps each character to one character of the same class
    (letter, digit, punctuation, space) as its folded form: tokens are cut on this form, whose
    offsets are the original text's."""

    def __missing__(self, code: int) -> str:
        folded = fold(chr(code))
        value = "-" if code == 0xAD else (folded[:1] if folded else chr(code))
        self[code] = value
        return value


_BOUNDARY = _BoundaryForm()


def spans(text: str) -> list[tuple[int, int]]:
    """Where each token of `text` stands, as (start, end) in `text` itself."""
    return [m.span() for m in _TOKEN.finditer(_same_length_form(text))]


@lru_cache(maxsize=8192)  # a paragraph's tokens serve its alignment, comparison and word diff
def tokens(text: str) -> tuple[str, ...]:
    """The folded tokens of `text`, one per span of `spans(text)`."""
    if text.isascii():
        found = _TOKEN.findall(text)
    elif len(folded := fold(text)) == len(text):  # the usual case: folding kept every offset
        found = _TOKEN.findall(folded)
    else:
        found = [fold(text[start:end]) for start, end in spans(text)]
    return tuple(token.replace(" ", "") for token in found)


def _same_length_form(text: str) -> str:
    if text.isascii():
        return text
    folded = fold(text)
    return folded if len(folded) == len(text) else text.translate(_BOUNDARY)


def same_text(a: str, b: str) -> bool:
    """True when `a` and `b` differ at most in typesetting."""
    return tokens(a) == tokens(b)


@dataclass(frozen=True, slots=True)
class Bag:
    """The tokens of a text counted, for similarity between paragraphs."""

    counts: Counter[str]
    size: int
    folded: str

    @classmethod
    def of(cls, text: str) -> Bag:
        found = tokens(text)
        return cls(Counter(found), len(found), " ".join(found))


def similarity(a: Bag, b: Bag) -> float:
    """0 (nothing in common) to 1 (the same words): the Dice coefficient of the two token bags;
    for two short texts, the character-level ratio of their folded forms."""
    if not a.size and not b.size:
        return 1.0
    if not a.size or not b.size:
        return 0.0
    if a.size < SHORT and b.size < SHORT:
        return SequenceMatcher(None, a.folded, b.folded, autojunk=False).ratio()
    common = sum((a.counts & b.counts).values())
    return 2 * common / (a.size + b.size)


def containment(part: Bag, whole: Bag) -> float:
    """How much of `part`'s tokens `whole` holds (1: all of them)."""
    if not part.size:
        return 1.0
    return sum((part.counts & whole.counts).values()) / part.size


class SegmentKind(StrEnum):
    EQUAL = "equal"
    DELETE = "delete"
    INSERT = "insert"


@dataclass(frozen=True, slots=True)
class Segment:
    kind: SegmentKind
    text: str


def word_diff(old: str, new: str) -> tuple[Segment, ...]:
    """The word-level changes from `old` to `new`, in reading order. The equal and inserted
    segments joined give `new`, the equal and deleted ones give `old` (both up to whitespace)."""
    old_spans, new_spans = spans(old), spans(new)
    matcher = SequenceMatcher(None, tokens(old), tokens(new), autojunk=False)
    segments: list[Segment] = []
    for tag, i1, i2, j1, j2 in _without_slivers(matcher.get_opcodes()):
        if tag == "equal":
            piece = _piece(new, new_spans, j1, j2)
            if segments and not piece[:1].isspace() and i1 and old[old_spans[i1][0] - 1 : old_spans[i1][0]].isspace():
                piece = " " + piece  # after a change at the very start of the new text: the old side's gap
            segments.append(Segment(SegmentKind.EQUAL, piece))
            continue
        changed = [
            Segment(kind, _piece(text, where, a, b))
            for kind, text, where, a, b in (
                (SegmentKind.DELETE, old, old_spans, i1, i2),
                (SegmentKind.INSERT, new, new_spans, j1, j2),
            )
            if b > a
        ]
        _add_change(segments, changed)
    return tuple(s for s in segments if s.text)


Opcode = tuple[str, int, int, int, int]
SLIVER = 2  # an unchanged run of this many tokens or fewer between two changes ...


def _without_slivers(opcodes: Sequence[Opcode]) -> list[Opcode]:
    """Opcodes with each sliver of unchanged text between two larger changes folded into them,
    as diff-match-patch's semantic clean-up does: "~~a new~~ **an old** text", not
    "~~a~~ **an** ~~new~~ **old** text" when only a word or two stood still in between."""
    out: list[Opcode] = []
    for code in opcodes:
        out.append(code)
        while len(out) >= 3 and out[-1][0] != "equal" and out[-2][0] == "equal" and out[-3][0] != "equal":
            before, still, after = out[-3], out[-2], out[-1]
            kept = still[2] - still[1]
            sizes = (max(before[2] - before[1], before[4] - before[3]), max(after[2] - after[1], after[4] - after[3]))
            if kept > SLIVER or kept > min(sizes):  # ... folded in when each change beside it is at least as large
                break
            out[-3:] = [("replace", before[1], after[2], before[3], after[4])]
    return out


def _piece(text: str, where: list[tuple[int, int]], first: int, last: int) -> str:
    """Tokens `first` to `last` of `text` with the whitespace before them; the last token of the
    text takes whatever follows it."""
    start = where[first - 1][1] if first else 0
    end = len(text) if last == len(where) else where[last - 1][1]
    return text[start:end]


def _add_change(segments: list[Segment], changed: list[Segment]) -> None:
    """Appends a deletion and/or insertion, their leading whitespace moved onto the equal text
    before them, so a redline reads "the ~~old~~ **new** words", not "the~~ old~~** new** words"."""
    space = ""
    for segment in changed:
        stripped = segment.text.lstrip()
        space = segment.text[: len(segment.text) - len(stripped)] or space
    if space and segments:
        last = segments[-1]
        segments[-1] = Segment(last.kind, last.text + space) if last.kind is SegmentKind.EQUAL else last
    segments.extend(Segment(s.kind, s.text.lstrip()) for s in changed)
