"""What every reader is: a `Reader` record in the registry, and the `ReadOptions` all of them take.

A reader turns the bytes of one input format into a `SourceDocument` (styled blocks that the
parser builds a `Resolution` from) or, for formats that already carry the structure (AKN, our
Markdown), into a `Resolution` directly. Either way the pipeline in `readers/__init__.py` finishes
the result the same way, so what follows a reader never depends on which one ran.
"""

from __future__ import annotations

import codecs
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # for the annotations only: `--help` imports this module for the options' defaults (issue 12)
    from resolution_cli.model import Resolution
    from resolution_cli.parse.source import SourceDocument

MEBIBYTE = 1024 * 1024

# Byte-order marks of the wide encodings (UTF-32 first: its little-endian mark begins with UTF-16's),
# which Windows tools write (PowerShell's `>`, Notepad's "Unicode").
_WIDE_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def wide_encoding(data: bytes) -> str | None:
    """"utf-16" or "utf-32" when `data` opens with that encoding's byte-order mark, else None."""
    return next((name for bom, name in _WIDE_BOMS if data.startswith(bom)), None)


def as_utf8(head: bytes) -> bytes:
    """The first bytes of an input as UTF-8, for sniffing: a UTF-16 or UTF-32 head (marked by its
    BOM) decoded, the character the cut may have split dropped; any other head as it is."""
    encoding = wide_encoding(head)
    if encoding is None:
        return head
    return codecs.getincrementaldecoder(encoding)(errors="replace").decode(head).encode("utf-8")


@dataclass(frozen=True, slots=True)
class ReadOptions:
    """Options for reading one input; each reader takes what concerns it and ignores the rest.

    The limits fit every UN document with room to spare (the longest in the corpus are a few
    hundred pages and a few MB): they exist so that a hostile or broken file ends with an error
    instead of exhausting the machine.
    """

    engine: str = ""  # PDF engine; "" = $RESOLUTION_PDF_ENGINE, else the default (pdfminer)
    password: str = ""  # PDF user password; "" = $RESOLUTION_PDF_PASSWORD, else none
    max_pages: int = 2000
    max_bytes: int = 200 * MEBIBYTE
    masthead_check: bool = True  # refuse a PDF whose first page carries no UN masthead


@dataclass(frozen=True, slots=True)
class Reader:
    """One input format. `sniff` looks at the first bytes of an input and says whether they are
    this format; `read` turns the whole input into a `SourceDocument` or a `Resolution`."""

    name: str
    suffixes: tuple[str, ...]  # what a folder is searched for, with the dot: (".pdf",)
    description: str
    sniff: Callable[[bytes], bool]
    read: Callable[[bytes, ReadOptions], SourceDocument | Resolution]


DEFAULT_OPTIONS = ReadOptions()
