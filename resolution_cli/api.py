"""The Python API: everything the command line does, one import away.

    >>> import resolution_cli as rc
    >>> doc = rc.read("samples/pdf/A_RES_78_229.pdf")            # a path, bytes or a binary file
    >>> doc.meta.symbol
    'A/RES/78/229'
    >>> xml = rc.export(doc, "akn")                             # bytes, as `convert -t akn` writes
    >>> data = rc.convert("samples/text/A_73_L.103.txt", "json", indent=0)
    >>> [f.code for f in rc.check("samples/pdf/A_RES_78_229.pdf")]

Errors are the tool's own (`ResolutionError` and its kinds, see `errors.py`), whatever goes wrong:
an unreadable file, a document that is no resolution, an unknown format or option.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import fields
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO, TypedDict, Unpack

from resolution_cli import exporters, io, readers
from resolution_cli.errors import NotAUNDocument, ResolutionError, UsageError
from resolution_cli.model import Diagnostic, Resolution, Role, Severity, iter_paragraphs
from resolution_cli.parse.checks import lead_phrases
from resolution_cli.readers.base import DEFAULT_OPTIONS, ReadOptions
from resolution_cli.report import Finding

if TYPE_CHECKING:
    from resolution_cli.diff import Diff

Source = str | os.PathLike[str] | bytes | bytearray | memoryview | BinaryIO


class ReadArguments(TypedDict, total=False):
    """The keyword arguments of `read`: the fields of `ReadOptions` (a test keeps them equal)."""

    engine: str
    password: str
    max_pages: int
    max_bytes: int
    masthead_check: bool


def read(source: Source, *, kind: str | None = None, **options: Unpack[ReadArguments]) -> Resolution:
    """The resolution in `source`: a path (`str` or `Path`), the document's bytes, or a file object
    opened in binary mode. `kind` forces a reader ("pdf", "text", "akn", "markdown", or a plug-in's
    name) instead of sniffing; `options` are `ReadOptions` fields (`engine="pdfium"`, `password=...`)."""
    return read_source(source, read_options(**options), kind)


def read_options(**options: Unpack[ReadArguments]) -> ReadOptions:
    known = {f.name for f in fields(ReadOptions)}
    unknown = sorted(set(options) - known)
    if unknown:
        raise UsageError(f"unknown read option '{unknown[0]}': the options are {', '.join(sorted(known))}")
    return ReadOptions(**options) if options else DEFAULT_OPTIONS


def source_bytes(source: Source, max_bytes: int = DEFAULT_OPTIONS.max_bytes) -> bytes:
    """The bytes of `source` (see `read`); anything else is a `UsageError` that says what to give."""
    if isinstance(source, bytes | bytearray | memoryview):
        data = bytes(source)
        if len(data) > max_bytes:
            raise io.too_large("input", max_bytes)
        return data
    if isinstance(source, str | os.PathLike):
        return io.read_path(Path(source), max_bytes)
    read_method = getattr(source, "read", None)
    if callable(read_method):
        data = read_method(max_bytes + 1)
        if isinstance(data, str):
            raise UsageError("the file object is open in text mode: open it with 'rb'")
        if not isinstance(data, bytes):
            raise UsageError(f"the file object's read() gave {type(data).__name__}, not bytes")
        if len(data) > max_bytes:
            raise io.too_large(getattr(source, "name", "input"), max_bytes)
        return data
    raise UsageError(f"cannot read a {type(source).__name__}: give a path, bytes or a binary file object")


def export(resolution: Resolution, format: str, /, **options: object) -> bytes:
    """`resolution` as the bytes of `format` ("akn", "json", "md", or a plug-in's name); `options`
    are the format's own (see `resolution formats --long`), e.g. `export(doc, "akn", indent=False)`."""
    return exporters.get(format).render(resolution, **options)


def convert(
    source: Source, format: str, *, kind: str | None = None, reading: ReadOptions = DEFAULT_OPTIONS, **options: object
) -> bytes:
    """`read` then `export`: the same bytes `resolution convert SOURCE -t FORMAT` writes. The
    exporter's options are checked before anything is read."""
    exporter = exporters.get(format)
    chosen = exporter.make_options(options)
    return exporter.export(read_source(source, reading, kind), chosen)


def check(source: Source, *, kind: str | None = None, reading: ReadOptions = DEFAULT_OPTIONS) -> list[Finding]:
    """What `resolution check` reports for `source`: the reader's and the parser's diagnostics,
    lead phrases outside the UN's drafting vocabulary, and every schema error of the AKN that
    `convert -t akn` would write. An input that cannot be read raises, as `read` does."""
    resolution = read_source(source, reading, kind)
    return [finding(_name_of(source), d) for d in diagnostics_of(resolution)]


def diff(
    old: Source | Resolution, new: Source | Resolution, *, reading: ReadOptions = DEFAULT_OPTIONS
) -> Diff:
    """How `new` differs from `old`, paragraph by paragraph (what `resolution diff OLD NEW` shows);
    each side a source as `read` takes it, or a `Resolution` already read."""
    # here, not at the top: a convert or a check does not need the diff engine (about 35 ms of CPU
    # at start-up, `python -X importtime`; issue 12)
    from resolution_cli.diff import diff as compare

    sides = [side if isinstance(side, Resolution) else read_source(side, reading) for side in (old, new)]
    return compare(sides[0], sides[1])


def read_source(source: Source, reading: ReadOptions = DEFAULT_OPTIONS, kind: str | None = None) -> Resolution:
    """`read` with its options as one `ReadOptions`."""
    return readers.read(source_bytes(source, reading.max_bytes), kind, reading)


def diagnostics_of(resolution: Resolution) -> Iterator[Diagnostic]:
    """Everything `check` reports about a read resolution."""
    yield from resolution.diagnostics
    yield from lead_phrases(resolution)
    yield from _schema_errors(resolution)


def _schema_errors(resolution: Resolution) -> Iterator[Diagnostic]:
    """The AKN that `convert -t akn` would write, held against the OASIS schema."""
    from resolution_cli import (
        schema,  # here, not at the top: `resolution --help` must not load lxml (start-up budget, issue 12)
    )

    data = exporters.get("akn").render(resolution, validate=False)
    for problem in schema.validate_bytes(data, "AKN output"):
        message = f"the AKN output breaks the schema (its line {problem.line}): {problem.message}"
        yield Diagnostic("schema-error", message, Severity.ERROR)


def summary(name: str, resolution: Resolution) -> dict[str, Any]:
    """What `resolution info` shows of one document: its symbol, kind, date and counts."""
    meta = resolution.meta
    body_preambular = [p for p in iter_paragraphs(resolution.body) if p.role is Role.PREAMBULAR]
    return {
        "input": name,
        "symbol": meta.symbol,
        "kind": meta.kind.value,
        "date": meta.adoption_date or meta.issue_date,
        "preambular": len(resolution.preamble) + len(body_preambular),
        "operative": len(resolution.operative()),
        "footnotes": len(resolution.footnotes),
        "diagnostics": len(resolution.diagnostics),
    }


def passed_over(name: str, error: NotAUNDocument) -> Finding:
    """What `check` says of a file that is no UN document at all (a README, a pom.xml): a note,
    so a repository's other files never fail a run (`check` of the API raises instead)."""
    return Finding(name, Severity.NOTE.value, "not-a-un-document", f"{error}; passed over")


def finding(name: str, diagnostic: Diagnostic) -> Finding:
    where = diagnostic.where.rstrip(".")
    return Finding(
        name, diagnostic.severity.value, diagnostic.code, diagnostic.message, where, diagnostic.position.line
    )


def _name_of(source: Source) -> str:
    if isinstance(source, str | os.PathLike):
        return os.fspath(source)
    return str(getattr(source, "name", "")) if not isinstance(source, bytes | bytearray | memoryview) else ""


__all__ = [
    "ReadArguments",
    "ResolutionError",
    "Source",
    "check",
    "convert",
    "diff",
    "export",
    "read",
    "read_options",
    "source_bytes",
    "summary",
]
