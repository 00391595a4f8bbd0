"""What a reader hands to the parser: styled blocks of running text, and footnotes.

A reader knows its file format; the parser knows UN document structure. Between them sits this
small vocabulary: a `SourceBlock` is one paragraph-like unit of text (a masthead line, a title,
a paragraph re-joined across pages) made of `Span`s that keep what typography told the reader
(italic lead phrases, footnote call markers, bold headings). A table is a block too: a
`SourceBlock` whose `table` holds its rows of cells, as a reader that sees the columns found them
(the AKN reader from the UN's `table` markup; the PDF reader, later, from column alignment).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from resolution_cli.model import Anchor, Diagnostic, Position


@dataclass(frozen=True, slots=True)
class Span:
    text: str
    italic: bool = False
    bold: bool = False
    marker: bool = False  # a footnote call: `text` is the marker ("1", "*")


@dataclass(frozen=True, slots=True)
class SourceCell:
    """One cell: its text as spans (a cell that wraps over several lines is one cell; a footnote or
    table-note call in it is a marker span), and the grid columns and rows it spans."""

    spans: tuple[Span, ...]
    colspan: int = 1
    rowspan: int = 1


@dataclass(frozen=True, slots=True)
class SourceTable:
    """A table as a reader found it. `rows` in reading order, the first `header_rows` of them the
    header (a header repeated at the top of each page given once); `caption` its caption ("A. Posts")
    when the reader saw one; `notes` the table's own notes ("a See A/78/534."), by their markers.
    `parse.build` turns it into a `model.Table` (and takes a caption-like heading just above the
    table as its caption when the reader gave none)."""

    rows: tuple[tuple[SourceCell, ...], ...]
    header_rows: int = 0
    caption: tuple[Span, ...] = ()
    notes: tuple[SourceFootnote, ...] = ()


@dataclass(frozen=True, slots=True)
class SourceBlock:
    spans: tuple[Span, ...]
    bold: bool = False  # the whole block is set in bold (titles, headings)
    size: float = 0.0  # font size in points, 0 where unknown (text input)
    centred: bool = False
    page: int = 0  # the PDF page the block starts on, 0 where unknown
    indent: float = 0.0  # left edge of the first line, points from the left margin
    line: int = 0  # the input line the block starts on (text input), 0 where unknown
    table: SourceTable | None = None  # a table: then `spans` is empty
    _clean: tuple[str, tuple[Anchor, ...]] | None = field(default=None, init=False, repr=False, compare=False)

    @property
    def position(self) -> Position:
        return Position(line=self.line, page=self.page)

    @property
    def text(self) -> str:
        return self.clean[0]

    @property
    def clean(self) -> tuple[str, tuple[Anchor, ...]]:
        """`clean_text(spans)`: the running text and its footnote calls. The parser asks a block
        for them several times over: computed once."""
        clean = self._clean
        if clean is None:
            clean = clean_text(self.spans)
            object.__setattr__(self, "_clean", clean)
        return clean


def table_block(table: SourceTable, page: int = 0, line: int = 0, indent: float = 0.0) -> SourceBlock:
    """The block that stands for `table` in a reader's sequence of blocks."""
    return SourceBlock(spans=(), page=page, line=line, indent=indent, table=table)


@dataclass(frozen=True, slots=True)
class SourceFootnote:
    marker: str
    spans: tuple[Span, ...]
    page: int = 0
    line: int = 0

    @property
    def position(self) -> Position:
        return Position(line=self.line, page=self.page)


@dataclass(frozen=True, slots=True)
class SourceDocument:
    blocks: tuple[SourceBlock, ...]
    footnotes: tuple[SourceFootnote, ...] = ()
    diagnostics: tuple[Diagnostic, ...] = field(default=())
    italics_known: bool = True  # False where the reader cannot see italics (plain text)


_SPACES = re.compile(r"\s+")


def collapsed_piece(text_so_far: str, span: Span) -> str:
    """What a text span adds to the running text `text_so_far`: its whitespace collapsed, no space
    doubled across the boundary, none at the start. The one rule `clean_text` and the prefix
    stripping of the builder share (so offsets into the running text are offsets into the spans)."""
    piece = collapse_spaces(span.text)
    if text_so_far.endswith(" ") and piece.startswith(" "):
        piece = piece[1:]
    return piece.lstrip() if not text_so_far else piece


def clean_text(spans: tuple[Span, ...] | list[Span]) -> tuple[str, tuple[Anchor, ...]]:
    """Running text of `spans` with whitespace collapsed, and where each footnote marker stood."""
    if len(spans) == 1 and not spans[0].marker:  # most blocks: one span, no call
        return collapse_spaces(spans[0].text).strip(), ()
    text = ""
    anchors: list[Anchor] = []
    for span in spans:
        if span.marker:
            anchors.append(Anchor(span.text, len(text.rstrip())))
            continue
        text += collapsed_piece(text, span)
    stripped = text.rstrip()
    return stripped, tuple(Anchor(a.marker, min(a.offset, len(stripped))) for a in anchors)


def collapse_spaces(text: str) -> str:
    """`text` with each run of whitespace as one space: `_SPACES.sub(" ", text)`, three times faster
    (`str.split` splits where `\\s` matches: at the characters `str.isspace` knows). Printable text
    has no whitespace but the plain space: its runs of spaces are halved until none is left (a text
    set justified has runs of two or three: one or two passes, in half the time of a list of its
    words; a run of n spaces takes log n passes)."""
    if text.isprintable():
        while "  " in text:
            text = text.replace("  ", " ")
        return text
    words = text.split()
    if not words:
        return " " if text else ""
    return (" " if text[0].isspace() else "") + " ".join(words) + (" " if text[-1].isspace() else "")


def leading_italic(spans: tuple[Span, ...] | list[Span]) -> str:
    """The italic run that opens the spans (markers skipped), whitespace collapsed."""
    out = ""
    for span in spans:
        if span.marker:
            continue
        if not span.italic:
            if span.text.strip():
                break
            out += span.text
            continue
        out += span.text
    return _SPACES.sub(" ", out).strip()
