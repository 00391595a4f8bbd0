"""Markdown round trip: model -> Markdown -> model is the identity, on real samples and on
generated documents full of text that Markdown would otherwise turn into markup."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from resolution_cli.errors import UnreadableInput
from resolution_cli.exporters import get
from resolution_cli.model import (
    AgendaItem,
    Anchor,
    Annex,
    Block,
    Cell,
    DocumentKind,
    Footnote,
    Heading,
    Metadata,
    Organ,
    Paragraph,
    PreambleItem,
    Resolution,
    Role,
    Section,
    Separator,
    Sponsor,
    Table,
    TableNote,
)
from resolution_cli.readers import sniff
from resolution_cli.readers.markdown import read_markdown
from tests.conftest import SAMPLES
from tests.documents import read_once

INPUTS = sorted(p for p in SAMPLES.rglob("*") if p.suffix in (".txt", ".pdf", ".xml"))


def to_markdown(resolution: Resolution) -> bytes:
    return get("md").render(resolution)


def assert_round_trip(resolution: Resolution) -> None:
    markdown = to_markdown(resolution)
    assert sniff(markdown).name == "markdown"
    again = read_markdown(markdown)
    assert again == resolution, markdown.decode()
    assert to_markdown(again) == markdown


@pytest.mark.parametrize("path", INPUTS, ids=lambda p: p.name)
def test_every_sample_round_trips(path: Path) -> None:
    try:
        resolution = read_once(path)
    except ModuleNotFoundError as missing:  # a reader not built yet
        pytest.skip(str(missing))
    assert_round_trip(resolution)


# Pieces of text chosen to collide with Markdown and with this format's own syntax.
NASTY = [
    "1. Decides",
    "12) item",
    "# heading",
    "## not a section",
    "- dash",
    "+ plus",
    "> quote",
    "= equals",
    "[^1]: not a footnote",
    "[bracketed]",
    "*stars*",
    "**bold**",
    "_under_",
    "`code`",
    "<tag>",
    "<!-- comment -->",
    '<!-- role="sub" -->',
    "&amp;",
    "&#42;",
    "back\\slash",
    "trailing\\",
    "(a)",
    "(a) lettered",
    "a) b",
    "I. Roman",
    "A",
    "* * *",
    "---",
    "~~strike~~",
    " leading space",
    "trailing space ",
    "two  spaces",
    "tab\there",
    "new\nline",
    "nbsp\u00a0",
    "\u2028sep",
    "émigré “quotes” – dash",
    "yes",
    "null",
    "12",
    "2023-12-19",
    "key: value",
    "# not a comment",
    '"quoted"',
    "'single'",
    "",
    "[^",
    "]",
    "\\*",
    "|pipe|",
    "\x7f\x85\ufeff",
]


def _text(rng: random.Random) -> str:
    return "".join(rng.choice(NASTY + ["word ", "Recalling ", ", ", "."]) for _ in range(rng.randint(0, 4)))


def _marker(rng: random.Random) -> str:
    return rng.choice(["1", "2", "12", "*", "**", "a", "]", "[^x]", " ", "\\"])


def _anchors(rng: random.Random, text: str) -> tuple[Anchor, ...]:
    offsets = [rng.randint(-1 if rng.random() < 0.05 else 0, len(text) + (1 if rng.random() < 0.05 else 0))]
    offsets += [rng.randint(0, len(text)) for _ in range(rng.randint(0, 2))]
    if rng.random() < 0.8:
        offsets.sort()
    return tuple(Anchor(_marker(rng), o) for o in offsets[: rng.randint(0, 3)])


def _num(rng: random.Random) -> str:
    return rng.choice(["", "", "1.", "12.", "(a)", "(iv)", "a)", "a.", "(aa)", "1 bis.", "I.", "•", "(a", "1)"])


def _paragraph(rng: random.Random, depth: int) -> Paragraph:
    text = _text(rng)
    lead = rng.choice(["", text[: rng.randint(0, len(text))], "Not a prefix"]) if text else rng.choice(["", "x"])
    children = tuple(_paragraph(rng, depth + 1) for _ in range(rng.randint(0, 2) if depth < 3 else 0))
    return Paragraph(rng.choice(list(Role)), text, _num(rng), lead, _anchors(rng, text), children)


def _table(rng: random.Random) -> Table:
    notes = tuple(TableNote(_marker(rng), (text := _text(rng)), _anchors(rng, text)) for _ in range(rng.randint(0, 2)))
    rows = tuple(
        tuple(
            Cell((text := _text(rng)), _anchors(rng, text), rng.choice([1, 1, 2, 3]), rng.choice([1, 1, 2]))
            for _ in range(rng.randint(1, 4))
        )
        for _ in range(rng.randint(0, 4))
    )
    caption = _text(rng)
    return Table(rows, rng.randint(0, len(rows)), caption, _anchors(rng, caption), notes)


def _preamble_item(rng: random.Random) -> PreambleItem:
    roll = rng.random()
    if roll < 0.1:
        text = _text(rng)
        return Heading(text, _anchors(rng, text))
    if roll < 0.15:
        return Separator(rng.choice(["* * *", "***", _text(rng)]))
    return _paragraph(rng, 0)


def _annex(rng: random.Random, depth: int) -> Annex:
    title = _text(rng)
    return Annex(
        _text(rng),
        title,
        tuple(_block(rng, 0) for _ in range(rng.randint(0, 3))),
        tuple(_annex(rng, depth + 1) for _ in range(rng.randint(0, 1) if depth < 2 else 0)),
        _anchors(rng, title),
    )


def _block(rng: random.Random, depth: int) -> Block:
    if rng.random() < 0.1:
        return _table(rng)
    if depth < 3 and rng.random() < 0.25:
        num = rng.choice(["", "I.", "A.", "II", "1 bis", "I am"])
        children = tuple(_block(rng, depth + 1) for _ in range(rng.randint(0, 3)))
        heading = _text(rng)
        return Section(num, heading, children, _anchors(rng, heading))
    return _paragraph(rng, 0)


def _metadata(rng: random.Random) -> Metadata:
    return Metadata(
        symbol=_text(rng),
        kind=rng.choice(list(DocumentKind)),
        organ=rng.choice(list(Organ)),
        session=rng.choice(["", "78", "ES-11"]),
        agenda_items=tuple(AgendaItem(_text(rng), _text(rng)) for _ in range(rng.randint(0, 2))),
        issue_date=rng.choice(["", "2023-12-19"]),
        title=(title := _text(rng)),
        title_anchors=_anchors(rng, title) if rng.random() < 0.3 else (),
        sponsors=tuple(_sponsor(rng) for _ in range(rng.randint(0, 3))),
        language=rng.choice(["en", "", "fr"]),
        original_language=_text(rng),
    )


def _sponsor(rng: random.Random) -> Sponsor:
    name = _text(rng)
    if rng.random() < 0.6:
        return Sponsor(name)
    return Sponsor(name, rng.choice(["", _text(rng)]), _anchors(rng, name))


def generated(seed: int) -> Resolution:
    rng = random.Random(seed)
    footnotes = []
    for _ in range(rng.randint(0, 3)):
        text = _text(rng)
        footnotes.append(Footnote(_marker(rng), text, _anchors(rng, text) if rng.random() < 0.3 else ()))
    return Resolution(
        meta=_metadata(rng),
        formula=rng.choice(["The General Assembly,", "", _text(rng)]),
        preamble=tuple(_preamble_item(rng) for _ in range(rng.randint(0, 3))),
        body=tuple(_block(rng, 0) for _ in range(rng.randint(0, 4))),
        footnotes=tuple(footnotes),
        annexes=tuple(_annex(rng, 0) for _ in range(rng.randint(0, 2))),
    )


@pytest.mark.parametrize("seed", range(400))
def test_generated_documents_round_trip(seed: int) -> None:
    assert_round_trip(generated(seed))


def _mutated(markdown: str, rng: random.Random) -> str:
    """`markdown` with a few random edits of the kind a careless hand makes."""
    lines = markdown.splitlines()
    for _ in range(rng.randint(1, 3)):
        index = rng.randrange(len(lines))
        line = lines[index]
        position = rng.randint(0, len(line))
        edit = rng.choice(["delete", "insert", "duplicate", "drop", "indent"])
        if edit == "delete" and line:
            lines[index] = line[:position] + line[position + 1 :]
        elif edit == "insert":
            lines[index] = (
                line[:position]
                + rng.choice(["*", "\\", "[^", "]", "&#1114112;", "<!-- role=1 -->", "`"])
                + line[position:]
            )
        elif edit == "duplicate":
            lines.insert(index, line)
        elif edit == "drop":
            del lines[index]
        else:
            lines[index] = " " * rng.randint(1, 5) + line
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("seed", range(1000))
def test_edited_markdown_reads_or_is_refused_in_one_line(seed: int) -> None:
    rng = random.Random(seed)
    markdown = _mutated(to_markdown(generated(seed)).decode(), rng)
    try:
        read_markdown(markdown.encode())
    except UnreadableInput as error:
        assert "\n" not in str(error)


def test_benchmark_script_reports_the_round_trip(capsys: pytest.CaptureFixture[str]) -> None:
    import runpy

    script = runpy.run_path(str(SAMPLES.parent / "benchmarks" / "md_roundtrip.py"))
    assert script["main"]([str(SAMPLES / "text")]) == 0
    assert "roundtrip 1/1 (100.0%)" in capsys.readouterr().out


def test_text_that_merely_opens_with_a_rule_is_not_taken_for_markdown() -> None:
    assert sniff(b"---\nThe General Assembly,\n").name == "text"
