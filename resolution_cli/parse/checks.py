"""Consistency checks on a built resolution, reported as diagnostics (never as errors)."""

from __future__ import annotations

from collections.abc import Iterator

from resolution_cli import forms
from resolution_cli.model import (
    NOWHERE,
    Anchor,
    Annex,
    Block,
    Diagnostic,
    DocumentKind,
    Heading,
    Organ,
    Paragraph,
    Position,
    Resolution,
    Role,
    Section,
    Severity,
    Table,
)
from resolution_cli.parse import vocabulary


def check(resolution: Resolution) -> tuple[Diagnostic, ...]:
    return (*_metadata(resolution), *_footnotes(resolution), *_numbering(resolution), *_endings(resolution))


def _metadata(resolution: Resolution) -> Iterator[Diagnostic]:
    meta = resolution.meta
    if not meta.symbol:
        yield Diagnostic("missing-symbol", "no document symbol found in the masthead", Severity.WARNING)
    if not meta.title and meta.organ is not Organ.SECURITY_COUNCIL:  # SC resolutions have no title
        yield Diagnostic("missing-title", "no title found", Severity.WARNING)
    if meta.kind is DocumentKind.RESOLUTION and not meta.adoption_date:
        yield Diagnostic("missing-adoption-date", "no adoption date found", Severity.WARNING)
    if not resolution.operative():
        yield Diagnostic("no-operative-paragraphs", "no numbered operative paragraph found", Severity.WARNING)


def all_paragraphs(resolution: Resolution) -> Iterator[tuple[str, Paragraph]]:
    """Every paragraph and sub-paragraph of the resolution itself (its annexes aside) with a human
    label ("preamble 3", "operative 2 (a)"); preambular paragraphs are counted without the headings
    and separators among them."""
    for index, para in enumerate(resolution.recitals(), 1):
        yield from _walk(para, f"preamble {index}")
    yield from _walk_blocks(resolution.body, "")


def annex_paragraphs(resolution: Resolution) -> Iterator[tuple[str, Paragraph]]:
    """Every paragraph of every annex, labelled by the annex's place ("annex 2 operative 3",
    "annex 1 annex 1 operative 2 (a)" for an annex inside the first annex)."""
    for label, annex in annex_labels(resolution.annexes):
        yield from _walk_blocks(annex.body, label + " ")


def every_paragraph(resolution: Resolution) -> Iterator[tuple[str, Paragraph]]:
    """`all_paragraphs`, then `annex_paragraphs`."""
    yield from all_paragraphs(resolution)
    yield from annex_paragraphs(resolution)


def annex_labels(annexes: tuple[Annex, ...], prefix: str = "") -> Iterator[tuple[str, Annex]]:
    for index, annex in enumerate(annexes, 1):
        label = f"{prefix}annex {index}"
        yield label, annex
        yield from annex_labels(annex.annexes, label + " ")


def table_labels(blocks: tuple[Block, ...], prefix: str = "") -> Iterator[tuple[str, Table]]:
    """Every table of `blocks` with its label ("table 1", "section VII table 2"), as the preview
    names them: numbered in document order within `blocks`."""
    count = 0
    for label, block in _labelled_blocks(blocks, prefix):
        if isinstance(block, Table):
            count += 1
            yield f"{label}table {count}".strip(), block


def _labelled_blocks(blocks: tuple[Block, ...], prefix: str) -> Iterator[tuple[str, Block]]:
    """Each block with the label prefix of the sections around it ("section VII ")."""
    for block in blocks:
        yield prefix, block
        if isinstance(block, Section):
            yield from _labelled_blocks(block.children, section_label(block, prefix) + " ")


def section_label(section: Section, prefix: str = "") -> str:
    return f"{prefix}section {section.num or section.heading[:20]}".strip()


def _walk_blocks(blocks: tuple[Block, ...], prefix: str) -> Iterator[tuple[str, Paragraph]]:
    preambular = 0
    for block in blocks:
        if isinstance(block, Section):
            yield from _walk_blocks(block.children, section_label(block, prefix) + " ")
        elif isinstance(block, Table):
            continue
        elif block.role is Role.PREAMBULAR:
            preambular += 1
            yield from _walk(block, f"{prefix}preamble {preambular}")
        else:
            yield from _walk(block, f"{prefix}operative {block.num.rstrip('.')}")


def _walk(para: Paragraph, label: str) -> Iterator[tuple[str, Paragraph]]:
    yield label, para
    for child in para.children:
        yield from _walk(child, f"{label} {child.num}")


def labelled_calls(resolution: Resolution) -> Iterator[tuple[str, Anchor, Position]]:
    """Every footnote call in the document with the label of the place that makes it and where that
    stands: the masthead ("title", "sponsor Iraq"), preambular headings and paragraphs, the body's
    headings, paragraphs and tables ("table 1", calls of a table's own notes aside), annexes."""
    meta = resolution.meta
    yield from (("symbol", a, NOWHERE) for a in meta.symbol_anchors)
    yield from (("title", a, NOWHERE) for a in meta.title_anchors)
    for agenda_item in meta.agenda_items:
        yield from ((f"agenda item {agenda_item.number}", a, NOWHERE) for a in agenda_item.anchors)
    for sponsor in meta.sponsors:
        yield from ((f"sponsor {sponsor.name}", a, NOWHERE) for a in sponsor.anchors)
    headings = 0
    for item in resolution.preamble:
        if isinstance(item, Heading):
            headings += 1
            yield from ((f"preamble heading {headings}", a, item.position) for a in item.anchors)
    for label, para in all_paragraphs(resolution):
        yield from ((label, a, para.position) for a in para.anchors)
    yield from _block_calls(resolution.body, "")
    for label, annex in annex_labels(resolution.annexes):
        yield from ((label, a, annex.position) for a in annex.anchors)
        for para_label, para in _walk_blocks(annex.body, label + " "):
            yield from ((para_label, a, para.position) for a in para.anchors)
        yield from _block_calls(annex.body, label + " ")


def _block_calls(blocks: tuple[Block, ...], prefix: str) -> Iterator[tuple[str, Anchor, Position]]:
    """The calls in the headings and tables of `blocks` (paragraphs are walked apart)."""
    for label, block in _labelled_blocks(blocks, prefix):
        if isinstance(block, Section):
            yield from ((section_label(block, label), a, block.position) for a in block.anchors)
    for label, table in table_labels(blocks, prefix):
        yield from ((label, a, table.position) for a in table_calls(table) if not table.calls_note(a.marker))


def table_calls(table: Table) -> Iterator[Anchor]:
    """Every call in a table: caption, cells, notes."""
    yield from table.caption_anchors
    for row in table.rows:
        for cell in row:
            yield from cell.anchors
    for note in table.notes:
        yield from note.anchors


def _footnotes(resolution: Resolution) -> Iterator[Diagnostic]:
    called: dict[str, Position] = {}  # marker -> where it is first called
    for _, anchor, position in labelled_calls(resolution):
        called.setdefault(anchor.marker, position)
    markers = [f.marker for f in resolution.footnotes]
    for footnote in resolution.footnotes:
        if footnote.marker not in called:
            yield Diagnostic(
                "unanchored-footnote",
                f"footnote {footnote.marker} is never called in the text",
                Severity.WARNING,
                f"footnote {footnote.marker}",
                footnote.position,
            )
    for marker, position in called.items():
        if marker not in markers:
            yield Diagnostic(
                "orphan-footnote-call",
                f"footnote call {marker} has no footnote text",
                Severity.WARNING,
                f"footnote {marker}",
                position,
            )


def _sections(blocks: tuple[Block, ...]) -> Iterator[Section]:
    for block in blocks:
        if isinstance(block, Section):
            yield block
            yield from _sections(block.children)


def _numbering(resolution: Resolution) -> Iterator[Diagnostic]:
    previous: str | None = None
    for para in resolution.operative():
        if not para.num:
            continue  # an unnumbered paragraph (text after a list, a one-paragraph decision) has no place in the count
        expected = forms.expected_next(previous) if previous else None
        if previous == para.num:
            yield Diagnostic(
                "duplicate-number",
                f"operative paragraph {para.num} appears twice",
                Severity.WARNING,
                f"operative {para.num}",
                para.position,
            )
        elif expected and para.num != expected and para.num != "1.":
            yield Diagnostic(
                "numbering-gap",
                f"operative paragraph {para.num} follows {previous}",
                Severity.WARNING,
                f"operative {para.num}",
                para.position,
            )
        previous = para.num


def _endings(resolution: Resolution) -> Iterator[Diagnostic]:
    """UN style: preambular paragraphs end with a comma, operative ones with ';' or '.'."""
    for label, para in all_paragraphs(resolution):
        text = para.text.rstrip('\u201d"’)')
        if para.role is Role.PREAMBULAR and not text.endswith((",", ";", ":")):
            yield Diagnostic(
                "unusual-ending",
                f"preambular paragraph ends with {text[-1:]!r}, not ','",
                Severity.NOTE,
                label,
                para.position,
            )
        elif para.role is Role.OPERATIVE and not para.children and not text.endswith((";", ".", ":")):
            message = f"operative paragraph ends with {text[-1:]!r}"
            yield Diagnostic("unusual-ending", message, Severity.NOTE, label, para.position)


def lead_phrases(resolution: Resolution) -> Iterator[Diagnostic]:
    """Lead phrases outside the UN drafting vocabulary: a misspelling, or a phrase to add to it.
    Notes, not warnings: the vocabulary is what the UN's markup in the corpus used, not all there
    is (`tools/lead_vocabulary.py` rebuilds it). The vocabulary is English: a French or Arabic
    text is not held against it. Run by `resolution check`, not by every conversion."""
    if resolution.meta.language != vocabulary.LANGUAGE:
        return
    for label, para in all_paragraphs(resolution):
        if para.role is Role.SUB or not para.lead:
            continue
        if para.lead not in vocabulary.lead_phrases(para.role.value):
            yield Diagnostic(
                "unknown-lead-phrase",
                f"{para.role.value} lead phrase {para.lead!r} is not in the UN drafting vocabulary",
                Severity.NOTE,
                label,
                para.position,
            )
