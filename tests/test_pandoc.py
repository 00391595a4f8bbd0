"""Our Markdown as renderers show it: pandoc (the binary `pypandoc-binary` ships) and CommonMark,
GitHub's grammar (markdown-it-py, which rich brings along).

For every sample, and the test documents whose sub-paragraphs go down to "(i)": the HTML's text
carries each paragraph's own number ("1.", "(a)", "(i)") before its first word, in document
order, as the PDF prints it (no list renumbering it, no ordered list of type "a" inside a bullet);
`pandoc -s` titles the page with the document's title (or, untitled, its symbol) without a warning;
and every footnote, called in the text or not, is in the page.
"""

from __future__ import annotations

import re
import subprocess
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import pypandoc
import pytest
from lxml import html
from markdown_it import MarkdownIt

from resolution_cli.exporters import get
from resolution_cli.model import Paragraph, Resolution, Section
from tests.conftest import ROOT, SAMPLES
from tests.documents import read_once

DOCUMENTS = sorted(p for p in SAMPLES.rglob("*") if p.suffix in (".pdf", ".txt", ".xml")) + [
    ROOT / "tests" / "data" / "akn" / "A_RES_78_218.xml",  # (a) > (i) ... (vii); and a letter "(i)"
    ROOT / "tests" / "data" / "akn" / "A_RES_78_255.xml",
]
# pandoc's "smart" typography, undone so that the page's text compares with the document's.
_SMART = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'", "–": "-", "—": "-", "…": "..."})


@cache
def _document(path: Path) -> tuple[Resolution, str]:
    resolution = read_once(path)
    return resolution, get("md").render(resolution).decode()


def _pandoc(markdown: str) -> tuple[str, str]:
    """`pandoc -s -t html` of `markdown`: the page, and what pandoc said on stderr."""
    done = subprocess.run(
        [pypandoc.get_pandoc_path(), "--standalone", "--from", "markdown", "--to", "html"],
        input=markdown.encode(),
        capture_output=True,
        check=True,
    )
    return done.stdout.decode(), done.stderr.decode()


def _text(fragment: str) -> str:
    return " ".join(html.fromstring(fragment).text_content().split()).translate(_SMART)


def _numbered(blocks: tuple[Paragraph | Section, ...]) -> Iterator[Paragraph]:
    for block in blocks:
        if isinstance(block, Section):
            yield from _numbered(block.children)
            continue
        if block.num:
            yield block
        yield from _numbered(block.children)


def _assert_numbers_in_order(resolution: Resolution, text: str) -> None:
    cursor = 0
    for para in _numbered(resolution.body):
        first_word = para.text.translate(_SMART).split()[0]
        found = re.compile(re.escape(para.num) + r"\s*" + re.escape(first_word)).search(text, cursor)
        assert found, f"{para.num} {first_word} ... not in the page after offset {cursor}"
        cursor = found.end()


@pytest.mark.parametrize("path", DOCUMENTS, ids=lambda p: p.name)
def test_pandoc_shows_the_un_numbers_the_title_and_every_footnote(path: Path) -> None:
    resolution, markdown = _document(path)
    page, warnings = _pandoc(markdown)
    body = _text(page.split("<body>", 1)[1])
    _assert_numbers_in_order(resolution, body)
    assert "<ol" not in page.split('id="footnotes"')[0]  # numbers are text, never list markers
    assert "[WARNING]" not in warnings, warnings
    title = _text(re.search(r"<title>(.*?)</title>", page, re.S).group(1))  # type: ignore[union-attr]
    assert title == (resolution.meta.title or resolution.meta.symbol).translate(_SMART)
    notes = _text(page.split('id="footnotes"')[-1]) if resolution.footnotes else ""
    for footnote in resolution.footnotes:  # (pandoc gives a note called twice two entries)
        assert " ".join(footnote.text.translate(_SMART).split()[:6]) in notes, footnote


def test_the_samples_have_every_kind_of_number() -> None:
    """The test above is worth what its documents hold: "1.", "(a)" and "(i)" among them."""
    numbers = {p.num for path in DOCUMENTS for p in _numbered(_document(path)[0].body)}
    assert {"1.", "(a)", "(i)", "(vii)"} <= numbers


@pytest.mark.parametrize("path", DOCUMENTS, ids=lambda p: p.name)
def test_commonmark_shows_the_un_numbers_too(path: Path) -> None:
    """GitHub's grammar (CommonMark; it reads the front matter apart, so it is left out here)."""
    resolution, markdown = _document(path)
    page = MarkdownIt("commonmark").render(markdown.split("\n---\n", 1)[1])
    assert "<ol" not in page
    _assert_numbers_in_order(resolution, _text(f"<div>{page}</div>"))
