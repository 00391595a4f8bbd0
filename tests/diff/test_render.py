"""The reports' own rules: colour only where asked, Markdown marks that CommonMark reads as marks."""

from __future__ import annotations

from io import StringIO

from rich.console import Console

from resolution_cli.diff import diff
from resolution_cli.diff.render import terminal
from resolution_cli.diff.render.markdown import redline
from resolution_cli.diff.words import word_diff
from tests.diff.pairs import model


def test_colour_on_a_terminal_marks_in_a_pipe() -> None:
    result = diff(model("A_RES_73_8"), model("A_RES_80_4"))
    buffer = StringIO()
    Console(file=buffer, force_terminal=True, color_system="standard", width=100).print(terminal.render(result, True))
    coloured = buffer.getvalue()
    assert "\x1b[" in coloured and "[-" not in coloured  # struck out and underlined, not bracketed
    assert "\x1b[9" in coloured  # strike-through (SGR 9) for deleted words
    plain = terminal.plain(result)
    assert "\x1b" not in plain and "[-seventy-fourth-] {+eighty-first+}" in plain
    assert all(line == line.rstrip() for line in plain.splitlines())


def test_markdown_marks_fall_back_to_tags_where_emphasis_cannot_open() -> None:
    assert redline(word_diff("the old text", "the new text")) == "the ~~old~~ **new** text"
    glued = redline(word_diff("resolutions 71/5 and 79/7", "resolutions 71/5, 72/4 and 79/7"))
    assert glued == "resolutions 71/5<ins>, 72/4</ins> and 79/7"  # "5**, 72/4**" would not be bold
    assert redline(word_diff("a *starred* [note]", "a *starred* [note] too")) == r"a \*starred\* \[note\] **too**"
