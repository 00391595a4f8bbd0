"""What an engine hands to the shared stages: the characters of each page, and what it noticed.

Every engine (pdfminer.six, PDFium) turns a page into `Glyph`s with the same facts measured the
same way: `x0` where the character starts (its origin), `x1` where its advance ends, `y0` the
bottom of its box (baseline plus the font's descent: raised characters sit higher), `size` the
height of that box (the font size times the text matrix's scale), and the style its font name
says. Everything after this point is engine-independent.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from resolution_cli.model import Diagnostic, Severity

# A blank smaller than this (points) is an invisible spacer (the 1 pt blanks between masthead lines).
# Only blanks: a visible character is text whatever its size (a lead phrase set under 1 pt by
# mistake is still the text of its line).
MIN_SIZE = 2.0


# Not frozen: a frozen dataclass's __init__ sets each field through object.__setattr__, and every
# character of a document is a Glyph (a third of the PDFium engine's cost per character). Glyphs are
# never changed once made; they compare and hash by their facts, as a frozen one does.
@dataclass(slots=True, unsafe_hash=True)
class Glyph:
    text: str
    x0: float
    x1: float
    y0: float
    size: float
    italic: bool
    bold: bool


@dataclass(frozen=True, slots=True)
class Page:
    number: int  # from 1
    height: float
    glyphs: list[Glyph]


def is_spacer(text: str, size: float) -> bool:
    """Whether a character is an invisible spacer an engine leaves out: a blank under `MIN_SIZE`."""
    return size < MIN_SIZE and not text.strip()


@lru_cache(maxsize=512)
def font_style(fontname: str) -> tuple[bool, bool]:
    """(italic, bold) from a font's name, its subset prefix ("ABCDEF+") dropped."""
    font = fontname.split("+")[-1].lower()
    italic = "italic" in font or "oblique" in font or font.endswith("-it")
    bold = "bold" in font or font.endswith("-bd") or "black" in font
    return italic, bold


@dataclass(slots=True)
class Report:
    """What an engine noticed while reading, besides the characters: its warnings (counted, in the
    order they first came), streams that would not decompress, and whether pages draw images;
    and the pages read so far, and the characters they drew (`limits.characters_allowed`)."""

    warnings: Counter[str] = field(default_factory=Counter)
    damaged_streams: int = 0
    images: int = 0
    pages: int = 0
    characters: int = 0

    def warn(self, message: str) -> None:
        self.warnings[" ".join(message.split())] += 1  # one line, however the engine wrote it

    def diagnostics(self) -> tuple[Diagnostic, ...]:
        out = []
        for message, count in self.warnings.items():
            times = f" ({count} times)" if count > 1 else ""
            out.append(Diagnostic("pdf-engine-warning", f"PDF engine: {message}{times}", Severity.WARNING))
        return tuple(out)
