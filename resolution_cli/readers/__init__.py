"""Readers: bytes of one input format -> `SourceDocument` (or, for AKN, a `Resolution`).

The input kind is sniffed from the bytes, never trusted from a file name: `%PDF-` is a PDF,
an XML document with an `akomaNtoso` root is AKN, YAML front matter naming a `kind` is our
Markdown, anything else is text.
"""

from __future__ import annotations

from enum import StrEnum

from resolution_cli.model import Resolution
from resolution_cli.parse.build import build
from resolution_cli.readers.base import DEFAULT_OPTIONS, ReadOptions


class InputKind(StrEnum):
    PDF = "pdf"
    AKN = "akn"
    MARKDOWN = "markdown"
    TEXT = "text"


def sniff(data: bytes) -> InputKind:
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n")
    if data[:1024].find(b"%PDF-") != -1:
        return InputKind.PDF
    if head.startswith(b"<") and b"akomaNtoso" in data[:8192]:
        return InputKind.AKN
    if head.startswith((b"---\n", b"---\r\n")) and b"\nkind: " in data[:8192]:
        return InputKind.MARKDOWN  # our own Markdown: YAML front matter naming the document kind
    return InputKind.TEXT


def read(data: bytes, options: ReadOptions = DEFAULT_OPTIONS) -> Resolution:
    """Any supported input, as a `Resolution` (`options` concern PDFs: engine, password, limits)."""
    kind = sniff(data)
    if kind is InputKind.PDF:
        from resolution_cli.readers.pdf import read_pdf

        return build(read_pdf(data, options))
    if kind is InputKind.AKN:
        from resolution_cli.readers.akn import read_akn

        return read_akn(data)
    if kind is InputKind.MARKDOWN:
        from resolution_cli.readers.markdown import read_markdown

        return read_markdown(data)
    from resolution_cli.readers.text import read_text

    return build(read_text(data))
