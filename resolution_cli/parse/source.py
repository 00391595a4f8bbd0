"""What a reader hands to the parser: styled blocks of running text, and footnotes.

A reader knows its file format; the parser knows UN document structure. Between them sits this
small vocabulary: a `SourceBlock` is one paragraph-like unit of text (a masthead line, a title,
a paragraph re-joined across pages) made of `Span`s that keep what typography told the reader
(italic lead phrases, footnote call markers, bold headings).
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
class SourceBlock:
    spans: tuple[Span, ...]
    bold: bool = False  # the whole block is set in bold (titles, headings)
    size: float = 0.0  # font size in points, 0 where unknown (text input)
    centred: bool = False
    page: int = 0  # the PDF page the block starts on, 0 where unknown
    indent: float = 0.0  # left edge of the first line, points from the left margin
    line: int = 0  # the input line the block starts on (text input), 0 where unknown

    @property
    def position(self) -> Position:
        return Position(line=self.line, page=self.page)

    @property
    def text(self) -> str:
        return clean_text(self.spans)[0]


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


def clean_text(spans: tuple[Span, ...] | list[Span]) -> tuple[str, tuple[Anchor, ...]]:
    """Running text of `spans` with whitespace collapsed, and where each footnote marker stood."""
    text = ""
    anchors: list[Anchor] = []
    for span in spans:
        if span.marker:
            anchors.append(Anchor(span.text, len(text.rstrip())))
            continue
        piece = _SPACES.sub(" ", span.text)
        if text.endswith(" ") and piece.startswith(" "):
            piece = piece[1:]
        if not text:
            piece = piece.lstrip()
        text += piece
    stripped = text.rstrip()
    return stripped, tuple(Anchor(a.marker, min(a.offset, len(stripped))) for a in anchors)


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
