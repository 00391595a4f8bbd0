"""The reading options every command that reads documents takes (PDF engine, password, limits)."""

from __future__ import annotations

from typing import Annotated

import typer

from resolution_cli.readers.base import MEBIBYTE, ReadOptions

_DEFAULTS = ReadOptions()


def _engine_names() -> list[str]:
    """Shell completion of --engine."""
    from resolution_cli.readers.pdf.engines import ENGINES  # at completion time only

    return [engine.name for engine in ENGINES]


Engine = Annotated[
    str,
    typer.Option(
        "--engine",
        help="PDF engine: pdfminer (default) or pdfium (pip install 'resolution-cli[pdfium]'); "
        "also $RESOLUTION_PDF_ENGINE.",
        autocompletion=_engine_names,
    ),
]
Password = Annotated[
    str, typer.Option("--password", help="Password of an encrypted PDF; also $RESOLUTION_PDF_PASSWORD.")
]
NoMastheadCheck = Annotated[
    bool,
    typer.Option(
        "--no-masthead-check", help="Read a PDF whose first page carries no UN masthead (refused otherwise)."
    ),
]
MaxPages = Annotated[int, typer.Option("--max-pages", min=1, help="Refuse a PDF with more pages.")]
MaxBytes = Annotated[int, typer.Option("--max-bytes", min=1, help="Refuse a PDF larger than this many MiB.")]
DEFAULT_MAX_PAGES = _DEFAULTS.max_pages
DEFAULT_MAX_MIB = _DEFAULTS.max_bytes // MEBIBYTE


def read_options(
    engine: str = "",
    password: str = "",
    no_masthead_check: bool = False,
    max_pages: int = DEFAULT_MAX_PAGES,
    max_mib: int = DEFAULT_MAX_MIB,
) -> ReadOptions:
    return ReadOptions(
        engine=engine,
        password=password,
        masthead_check=not no_masthead_check,
        max_pages=max_pages,
        max_bytes=max_mib * MEBIBYTE,
    )
