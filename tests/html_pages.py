"""The HTML pages the HTML tests look at: every bundled sample (A/RES/78/229 in its AKN form only:
its 28-page PDF would take ten seconds to read, for the same document) and diff reports of a
real pair, inline and side by side. Made once per test run, kept in build/test-artifacts/html/
(written by the run, not committed) so that a failure can be opened in a browser."""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from resolution_cli.addresses import addresses
from resolution_cli.diff import diff
from resolution_cli.diff.render import ReportFormat, ReportOptions, report
from resolution_cli.exporters import get
from resolution_cli.model import Resolution, Section
from resolution_cli.parse.checks import all_paragraphs
from tests.conftest import ROOT, SAMPLES
from tests.diff.pairs import model
from tests.documents import read_once

ARTIFACTS = ROOT / "build" / "test-artifacts" / "html"
SKIPPED_SAMPLES = {"A_RES_78_229.pdf"}  # the same document as samples/akn/A_RES_78_229.xml


@dataclass(frozen=True, slots=True)
class Page:
    name: str
    path: Path
    html: bytes
    resolution: Resolution | None  # None for a diff report


def sample_files() -> list[Path]:
    files = [p for kind in ("akn", "pdf", "text") for p in sorted((SAMPLES / kind).iterdir())]
    return [p for p in files if p.suffix in (".xml", ".pdf", ".txt") and p.name not in SKIPPED_SAMPLES]


@cache
def pages() -> tuple[Page, ...]:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    out = []
    for source in sample_files():
        resolution = read_once(source)
        out.append(_page(f"{source.parent.name}-{source.stem}", get("html").render(resolution), resolution))
    result = diff(model("A_RES_73_8"), model("A_RES_80_4"))
    for name, side in (("diff-A_RES_73_8-A_RES_80_4", False), ("diff-A_RES_73_8-A_RES_80_4-side", True)):
        out.append(_page(name, report(result, ReportOptions(ReportFormat.HTML, side_by_side=side)), None))
    return tuple(out)


def _page(name: str, html: bytes, resolution: Resolution | None) -> Page:
    path = ARTIFACTS / f"{name}.html"
    # Whole or not at all: each pytest-xdist worker writes the pages, and the W3C checker or the
    # browser of another may be reading them at that moment.
    partial = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    partial.write_bytes(html)
    os.replace(partial, path)
    return Page(name, path, html, resolution)


def paragraph_eids(resolution: Resolution) -> set[str]:
    """The eId of every paragraph, sub-paragraph and heading that has one (resolution_cli.addresses)."""
    found = addresses(resolution)
    parts: list[object] = [p for _, p in all_paragraphs(resolution)]
    stack = list(resolution.body)
    while stack:
        block = stack.pop()
        if isinstance(block, Section):
            parts.append(block)
            stack.extend(block.children)
    return {eid for part in parts if (eid := found.get(part))}  # type: ignore[arg-type]
