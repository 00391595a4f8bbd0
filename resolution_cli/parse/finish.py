"""The last stage every reader's result goes through, whichever reader it was.

A reader hands back a `SourceDocument` (PDF, text: built here into a `Resolution`) or a
`Resolution` (AKN, Markdown: the structure is in the file). Either way this stage then finds the
references each paragraph and footnote makes, and runs the consistency checks, once, here.
"""

from __future__ import annotations

import re
from dataclasses import replace

from resolution_cli.frbr import document_links
from resolution_cli.model import Block, Footnote, Paragraph, Reference, Resolution, Section
from resolution_cli.parse.build import build
from resolution_cli.parse.checks import check
from resolution_cli.parse.source import SourceDocument

_UNDOCS = re.compile(r"^https://undocs\.org/[a-z]{2}/")


def finish(result: SourceDocument | Resolution) -> Resolution:
    resolution = build(result) if isinstance(result, SourceDocument) else result
    resolution = with_references(resolution)
    return replace(resolution, diagnostics=(*resolution.diagnostics, *check(resolution)))


def references_in(text: str) -> tuple[Reference, ...]:
    """The UN documents `text` cites, with where each citation stands."""
    return tuple(Reference(link.start, link.end, _UNDOCS.sub("", link.href)) for link in document_links(text))


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
        return replace(block, children=tuple(_block(c) for c in block.children))
    return _paragraph(block)


def _paragraph(para: Paragraph) -> Paragraph:
    return replace(para, refs=references_in(para.text), children=tuple(_paragraph(c) for c in para.children))


def _footnote(footnote: Footnote) -> Footnote:
    return replace(footnote, refs=references_in(footnote.text))
