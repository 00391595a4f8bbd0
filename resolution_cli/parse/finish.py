"""The last stage every reader's result goes through, whichever reader it was.

A reader hands back a `SourceDocument` (PDF, text: built here into a `Resolution`) or a
`Resolution` (AKN, Markdown: the structure is in the file). Either way this stage then leaves out
dates that are no dates (with a diagnostic), finds the references each paragraph and footnote
makes, and runs the consistency checks, once, here.
"""

from __future__ import annotations

from dataclasses import replace

from resolution_cli.model import Block, Footnote, Paragraph, Resolution, Section
from resolution_cli.parse.build import build
from resolution_cli.parse.checks import check
from resolution_cli.parse.dates import repair_dates
from resolution_cli.parse.source import SourceDocument
from resolution_cli.references import find_references


def finish(result: SourceDocument | Resolution) -> Resolution:
    resolution = build(result) if isinstance(result, SourceDocument) else result
    meta, repaired = repair_dates(resolution.meta)  # AKN and Markdown carry dates as written
    resolution = with_references(replace(resolution, meta=meta))
    return replace(resolution, diagnostics=(*resolution.diagnostics, *repaired, *check(resolution)))


def with_references(resolution: Resolution) -> Resolution:
    """`resolution` with the references of every paragraph, sub-paragraph and footnote filled in."""
    return replace(
        resolution,
        preamble=tuple(_paragraph(p) for p in resolution.preamble),
        body=tuple(_block(b) for b in resolution.body),
        footnotes=tuple(_footnote(f) for f in resolution.footnotes),
    )


def _block(block: Block) -> Block:
    if isinstance(block, Section):
        children = tuple(_block(c) for c in block.children)
        return replace(block, refs=find_references(block.heading), children=children)
    return _paragraph(block)


def _paragraph(para: Paragraph) -> Paragraph:
    return replace(para, refs=find_references(para.text), children=tuple(_paragraph(c) for c in para.children))


def _footnote(footnote: Footnote) -> Footnote:
    return replace(footnote, refs=find_references(footnote.text))
