"""resolution_cli.lazy: a pattern compiled on first use behaves as the pattern compiled at once."""

from __future__ import annotations

import itertools
import re

from resolution_cli.lazy import LazyPattern


def test_a_lazy_pattern_is_compiled_on_first_use_and_then_kept() -> None:
    lazy = LazyPattern(r"^A/(?P<session>\d+)/", re.I)
    assert lazy._compiled is None
    first = lazy.compiled
    assert first is lazy.compiled
    assert (first.pattern, first.flags & re.I) == (r"^A/(?P<session>\d+)/", re.I)


def _span(match: re.Match[str] | None) -> tuple[int, int] | None:
    return match.span() if match else None


def test_a_lazy_pattern_matches_as_its_pattern_compiled() -> None:
    source = r"(?<![\w/])S/RES/\d+(?: \(\d{4}\))?"
    lazy, eager = LazyPattern(source), re.compile(source)
    for text in ("S/RES/2768 (2025)", "see S/RES/2768 (2025).", "XS/RES/1", "", "S/RES/"):
        for method, window in itertools.product(("match", "search", "fullmatch"), ((), (4, 12))):
            got, expected = getattr(lazy, method)(text, *window), getattr(eager, method)(text, *window)
            assert _span(got) == _span(expected), (method, text, window)


def test_converting_a_resolution_leaves_the_masthead_line_pattern_uncompiled() -> None:
    """Only a document without an enacting formula needs it (the start-up budget of issue 12)."""
    from resolution_cli import api
    from resolution_cli.parse import masthead
    from tests.conftest import ROOT

    masthead._SYMBOL_LINE._compiled = None
    api.read(ROOT / "samples" / "pdf" / "A_RES_78_229.pdf")
    assert masthead._SYMBOL_LINE._compiled is None
