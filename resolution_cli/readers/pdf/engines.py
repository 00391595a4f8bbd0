"""The PDF engines: which exist, which are installed, which one a read uses.

An engine turns a PDF into the characters of its pages (`glyphs.Page`); everything after that
is shared (`layout`). pdfminer.six is the default and always installed; PDFium (through
`pypdfium2`, the optional extra `pdfium`) reads the same facts several times faster. An engine
module is imported only when a PDF is read with it (pdfminer and PDFium are never imported by
`--help`, text or Markdown conversion).
"""

from __future__ import annotations

import importlib
import importlib.util
import os
from collections.abc import Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import Protocol, cast

from resolution_cli.errors import UsageError
from resolution_cli.readers.pdf.glyphs import Page, Report

ENV_ENGINE = "RESOLUTION_PDF_ENGINE"


class EngineModule(Protocol):
    """What an engine module provides (`engine_pdfminer`, `engine_pdfium`)."""

    NAME: str

    def pages(self, data: bytes, password: str, max_pages: int, report: Report) -> Iterator[Page]: ...

    def captured(self, report: Report) -> AbstractContextManager[None]: ...


@dataclass(frozen=True, slots=True)
class Engine:
    name: str
    module: str  # the engine module, under resolution_cli.readers.pdf
    requires: str  # the package it is built on, as imported
    description: str
    install: str  # how to get it when it is missing

    @property
    def available(self) -> bool:
        return importlib.util.find_spec(self.requires) is not None


ENGINES = (
    Engine(
        "pdfminer",
        "engine_pdfminer",
        "pdfminer",
        "pdfminer.six, pure Python (the default)",
        "pip install pdfminer.six",
    ),
    Engine(
        "pdfium",
        "engine_pdfium",
        "pypdfium2",
        "PDFium (Chrome's engine) through pypdfium2, several times faster",
        "pip install 'resolution-cli[pdfium]'",
    ),
)
DEFAULT_ENGINE = "pdfminer"


def available_engines() -> list[Engine]:
    """The engines that are installed, the default first."""
    return [engine for engine in ENGINES if engine.available]


def engine_name(requested: str = "") -> str:
    """The engine a read uses: the one asked for, else $RESOLUTION_PDF_ENGINE, else the default."""
    return (requested or os.environ.get(ENV_ENGINE, "") or DEFAULT_ENGINE).strip().lower()


def load_engine(requested: str = "") -> EngineModule:
    """The engine module for `requested` (see `engine_name`); an unknown or missing engine is a
    usage error that says what to do."""
    name = engine_name(requested)
    engine = next((e for e in ENGINES if e.name == name), None)
    if engine is None:
        known = ", ".join(e.name for e in ENGINES)
        raise UsageError(f"unknown PDF engine {name!r} (from --engine or ${ENV_ENGINE}): choose one of {known}")
    if not engine.available:
        raise UsageError(f"the PDF engine {name!r} is not installed: {engine.install}")
    return cast(EngineModule, importlib.import_module(f"resolution_cli.readers.pdf.{engine.module}"))
