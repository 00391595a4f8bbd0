"""The reader registry: every input format is a `Reader` record, found by name or sniffed from the bytes.

The input kind is sniffed from the bytes, never trusted from a file name: `%PDF-` is a PDF, an XML
document with an `akomaNtoso` root is AKN, YAML front matter naming a `kind` is our Markdown, and
anything else is text. Plug-in readers come from the entry-point group `resolution_cli.readers`
(each entry point names a `Reader`); they are sniffed after the built-in formats and before text,
which takes whatever no other reader claims.

The built-in readers' modules are imported only when a document of theirs is read, so that listing
the formats (shell completion, `--help`) never loads pdfminer or lxml.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from importlib import import_module
from typing import TYPE_CHECKING

from resolution_cli.errors import UsageError
from resolution_cli.readers.base import DEFAULT_OPTIONS, Reader, ReadOptions, as_utf8

if TYPE_CHECKING:  # the model is not imported here: `--help` imports this package for the options' defaults
    from resolution_cli.model import Resolution
    from resolution_cli.parse.source import SourceDocument

ENTRY_POINT_GROUP = "resolution_cli.readers"
SNIFF_BYTES = 8192  # how much of an input sniffing looks at
TEXT = "text"  # the reader that takes what no other claims

ReadFunction = Callable[[bytes, ReadOptions], "SourceDocument | Resolution"]


def _deferred(module: str, function: str) -> ReadFunction:
    """`module.function`, imported on the first call (see the module docstring)."""

    def read(data: bytes, options: ReadOptions) -> SourceDocument | Resolution:
        target: ReadFunction = getattr(import_module(module), function)
        return target(data, options)

    return read


def _is_pdf(head: bytes) -> bool:
    return head[:1024].find(b"%PDF-") != -1


def _is_akn(head: bytes) -> bool:
    """XML (UTF-8, or UTF-16/32 with a byte-order mark, which libxml2 reads too) with an AKN root."""
    head = as_utf8(head)
    return head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<") and b"akomaNtoso" in head


def _is_markdown(head: bytes) -> bool:
    """Our own Markdown: YAML front matter that names the document kind (a README's does not)."""
    stripped = as_utf8(head).lstrip(b"\xef\xbb\xbf")
    return stripped.startswith((b"---\n", b"---\r\n")) and b"\nkind: " in stripped


def _anything(head: bytes) -> bool:
    return True


_BUILTIN = (
    Reader(
        "pdf", (".pdf",), "PDF as the UN publishes it (text layer needed)", _is_pdf,
        _deferred("resolution_cli.readers.pdf", "read_pdf"),
    ),
    Reader(
        "akn", (".xml",), "Akoma Ntoso XML (the UN's AKN4UN files, and this tool's)", _is_akn,
        _deferred("resolution_cli.readers.akn", "read_akn"),
    ),
    Reader(
        "markdown", (".md",), "this tool's Markdown (front matter with `kind:`)", _is_markdown,
        _deferred("resolution_cli.readers.markdown", "read_markdown"),
    ),
)  # fmt: skip
_TEXT_READER = Reader(
    TEXT, (".txt",), "text extracted from a UN PDF", _anything, _deferred("resolution_cli.readers.text", "read_text")
)


@cache
def _plugins() -> tuple[Reader, ...]:
    """The plug-in readers, those a built-in's name does not shadow. Looked up only when no
    built-in reader settles the question: importing importlib.metadata and scanning the installed
    distributions costs 20-30 ms of CPU, a tenth of the start-up of `resolution convert` (issue 12)."""
    from importlib import metadata

    builtin_names = {r.name for r in (*_BUILTIN, _TEXT_READER)}
    found = (ep.load() for ep in metadata.entry_points(group=ENTRY_POINT_GROUP))
    return tuple(r for r in found if r.name not in builtin_names)


def readers() -> tuple[Reader, ...]:
    """Every reader in sniffing order: built-ins, plug-ins (a built-in name wins), text last."""
    return (*_BUILTIN, *_plugins(), _TEXT_READER)


def reader_named(name: str) -> Reader:
    for reader in (*_BUILTIN, _TEXT_READER):  # a built-in name wins: no need to look for plug-ins
        if reader.name == name:
            return reader
    for reader in _plugins():
        if reader.name == name:
            return reader
    known = ", ".join(r.name for r in readers())
    raise UsageError(f"unknown input kind '{name}': choose one of {known}")


def sniff(data: bytes) -> Reader:
    """The reader whose format `data` is in: the first of `readers()` that claims it (the plug-ins
    are looked up only when no built-in format does)."""
    head = data[:SNIFF_BYTES]
    builtin = next((r for r in _BUILTIN if r.sniff(head)), None)
    if builtin is not None:
        return builtin
    return next((r for r in _plugins() if r.sniff(head)), _TEXT_READER)


def suffixes() -> tuple[str, ...]:
    """The file suffixes a folder is searched for, in reader order."""
    return tuple(dict.fromkeys(s for r in readers() for s in r.suffixes))


def claims(suffix: str, head: bytes, only: str = "") -> bool:
    """Whether a file found in a folder, with this suffix and these first bytes, is an input: its
    suffix is a reader's (the one `only` names, if given) and, where that reader is not the
    catch-all text reader, the reader recognises the bytes (a folder's README.md or pom.xml is not
    a resolution)."""
    owners = [r for r in readers() if suffix.lower() in r.suffixes and (not only or r.name == only)]
    return any(r.name == TEXT or r.sniff(head[:SNIFF_BYTES]) for r in owners)


def read(data: bytes, kind: str | None = None, options: ReadOptions = DEFAULT_OPTIONS) -> Resolution:
    """The `Resolution` in `data`: read by the reader `kind` names, else by the one sniffing picks,
    then finished the same way whatever the reader (built, references found, checks run)."""
    from resolution_cli.parse.finish import (
        finish,  # here, not at the top: `resolution --help` must not load it (start-up budget, issue 12)
    )

    reader = reader_named(kind) if kind else sniff(data)
    return finish(reader.read(data, options))
