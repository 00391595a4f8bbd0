"""Properties that hold for every input, real, broken or made up (issue 9):

- reading ends in a `Resolution` or a `ResolutionError` (one line, no line break), nothing else;
- what reads exports to every format, the Akoma Ntoso valid against the schema, the same bytes
  twice;
- our Markdown of it reads back to the same document.

A short, derandomised run here (CI sets CI=true: the same examples every run); HYPOTHESIS_PROFILE=long
runs 300 examples of each; the long run through the command itself is `make fuzz` (tests/fuzz/run.py).
"""

from __future__ import annotations

import os
from dataclasses import replace

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from resolution_cli.errors import ResolutionError
from resolution_cli.exporters import exporters, get
from resolution_cli.model import Resolution
from resolution_cli.readers import read
from resolution_cli.schema import validate_bytes
from tests.fuzz.mutators import case_bytes
from tests.fuzz.strategies import akn_documents, mutated, text_documents

settings.register_profile(
    "ci", derandomize=True, deadline=None, max_examples=15, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile("dev", deadline=None, max_examples=15, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("long", deadline=None, max_examples=300, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("ci" if os.environ.get("CI") else os.environ.get("HYPOTHESIS_PROFILE", "dev"))


def read_or_refuse(data: bytes) -> Resolution | None:
    """The document, or None when it is refused as it should be: with one line."""
    try:
        return read(data)
    except ResolutionError as error:
        message = str(error)
        assert message and "\n" not in message and "\r" not in message, repr(message)
        return None


def holds(data: bytes) -> None:
    resolution = read_or_refuse(data)
    if resolution is None:
        return
    for exporter in exporters():
        first = exporter.render(resolution)
        assert exporter.render(resolution) == first, exporter.name
        if exporter.name == "akn":
            assert validate_bytes(first) == [], [p.message for p in validate_bytes(first)][:3]
    again = read(get("md").render(resolution))
    assert replace(again, diagnostics=()) == replace(resolution, diagnostics=())


@given(mutated("text"))
def test_mutated_text(data: bytes) -> None:
    holds(data)


@given(mutated("akn"))
def test_mutated_akn(data: bytes) -> None:
    holds(data)


@given(mutated("md"))
def test_mutated_markdown(data: bytes) -> None:
    holds(data)


@given(text_documents())
def test_generated_text(data: bytes) -> None:
    holds(data)


@given(akn_documents())
def test_generated_akn(data: bytes) -> None:
    holds(data)


@settings(max_examples=4)
@given(st.integers(0, 10_000))
def test_mutated_pdf(seed: int) -> None:
    """Few: a PDF case costs seconds. (Cases come from the fuzz script's own numbering, so a
    failure here reruns there: python -m tests.fuzz.run --kinds pdf --case SEED --keep /tmp/case)."""
    holds(case_bytes("pdf", seed)[1])
