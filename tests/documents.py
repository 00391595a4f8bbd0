"""The models of the test documents, each read once per test run (once per pytest-xdist worker).

Reading a PDF is the slow part of many tests (A/RES/78/229, 28 pages: three seconds with
pdfminer), and a dozen modules look at the same few documents: the JSON, AKN, Markdown, HTML and
pandoc tests, the PDF reader's own. A `Resolution` is immutable (frozen dataclasses and tuples),
so one read serves them all. Tests whose subject is the reading itself (the same bytes twice,
errors, options from the environment, the API's `read` and `convert`) read for themselves.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from resolution_cli.model import Resolution
from resolution_cli.readers import read
from resolution_cli.readers.base import ReadOptions


@cache
def read_once(path: Path, engine: str = "") -> Resolution:
    """`read(path.read_bytes())` with the PDF `engine` ("" = the default), read the first time only."""
    return read(path.read_bytes(), options=ReadOptions(engine=engine))
