"""A bold title that wraps: its lines go on across a wider gap than the body's line pitch when a
line ends mid-sentence (";" or ","), constructed with tests/pdfmaker.py for both engines."""

from __future__ import annotations

import pytest

from resolution_cli.readers import read
from resolution_cli.readers.base import ReadOptions
from resolution_cli.readers.pdf import available_engines
from tests.pdfmaker import BOLD, MASTHEAD, make_pdf, text_page

ENGINES = [engine.name for engine in available_engines()]
BODY = [
    (
        147 if i == 0 else 123,
        560 - 12 * i,
        10,
        "Recalling its resolutions on the rights of the child and on cooperation,",
    )
    for i in range(8)
]


def titled(second_line_y: float, first_line: str) -> bytes:
    lines = [
        *MASTHEAD,
        (72, 620, 12, BOLD + "99/1."),
        (123, 620, 12, BOLD + first_line),
        (123, second_line_y, 12, BOLD + "and the protection of civilians"),
        (147, 580, 10, "The General Assembly,"),
        *BODY,
        (147, 450, 10, "1. Decides to remain seized of the matter."),
    ]
    return make_pdf([text_page(lines)])


@pytest.mark.parametrize("engine", ENGINES)
def test_a_title_ending_in_a_semicolon_goes_on_across_a_wide_gap(engine: str) -> None:
    resolution = read(titled(598, "Strengthening cooperation;"), options=ReadOptions(engine=engine))
    assert resolution.meta.title == "Strengthening cooperation; and the protection of civilians"


@pytest.mark.parametrize("engine", ENGINES)
def test_a_title_line_that_ends_a_sentence_does_not(engine: str) -> None:
    """A complete bold line followed by another bold line after a wide gap stays apart."""
    resolution = read(titled(598, "Strengthening cooperation"), options=ReadOptions(engine=engine))
    assert resolution.meta.title == "Strengthening cooperation"
