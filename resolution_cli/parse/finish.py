"""The last stage every reader's result goes through, whichever reader it was.

A reader hands back a `SourceDocument` (PDF, text: built here into a `Resolution`) or a
`Resolution` (AKN, Markdown: the structure is in the file). Either way this stage then leaves out
dates that are no dates (with a diagnostic), finds the references each paragraph, heading, table,
annex and footnote makes, and runs the consistency checks, once, here.
"""

from __future__ import annotations

from dataclasses import replace

from resolution_cli.model import (
    Annex,
    Block,
    Cell,
    Footnote,
    Heading,
    Paragraph,
    PreambleItem,
    Resolution,
    Section,
    Table,
    TableNote,
)
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
    """`resolution` with the references of every paragraph, sub-paragraph, heading, table cell,
    annex and footnote filled in."""
    return replace(
        resolution,
        preamble=tuple(_preamble_item(p) for p in resolution.preamble),
        body=_blocks(resolution.body),
        footnotes=tuple(_footnote(f) for f in resolution.footnotes),
        annexes=tuple(_annex(a) for a in resolution.annexes),
    )


def _preamble_item(item: PreambleItem) -> PreambleItem:
    if isinstance(item, Paragraph):
        return _paragraph(item)
    if isinstance(item, Heading):
        return replace(item, refs=find_references(item.text))
    return item


def _blocks(blocks: tuple[Block, ...]) -> tuple[Block, ...]:
    return tuple(_block(b) for b in blocks)


def _block(block: Block) -> Block:
    if isinstance(block, Section):
        return replace(block, refs=find_references(block.heading), children=_blocks(block.children))
    if isinstance(block, Table):
        return _table(block)
    return _paragraph(block)


def _paragraph(para: Paragraph) -> Paragraph:
    refs = find_references(para.text)
    children = tuple(_paragraph(c) for c in para.children)
    if refs == para.refs and all(new is old for new, old in zip(children, para.children, strict=True)):
        return para  # nothing to fill in (most paragraphs cite nothing): no copy
    return replace(para, refs=refs, children=children)


def _table(table: Table) -> Table:
    return replace(
        table,
        caption_refs=find_references(table.caption),
        rows=tuple(tuple(_cell(c) for c in row) for row in table.rows),
        notes=tuple(_note(n) for n in table.notes),
    )


def _cell(cell: Cell) -> Cell:
    return replace(cell, refs=find_references(cell.text)) if cell.text else cell


def _note(note: TableNote) -> TableNote:
    return replace(note, refs=find_references(note.text))


def _annex(annex: Annex) -> Annex:
    return replace(
        annex,
        refs=find_references(annex.title),
        body=_blocks(annex.body),
        annexes=tuple(_annex(a) for a in annex.annexes),
    )


def _footnote(footnote: Footnote) -> Footnote:
    refs = find_references(footnote.text)
    return footnote if refs == footnote.refs else replace(footnote, refs=refs)
