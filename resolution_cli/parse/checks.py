"""Consistency checks on a built resolution, reported as diagnostics (never as errors)."""

from __future__ import annotations

from collections.abc import Iterator

from resolution_cli import forms
from resolution_cli.model import (
    Diagnostic,
    DocumentKind,
    Organ,
    Paragraph,
    Position,
    Resolution,
    Role,
    Section,
    Severity,
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
    """Every paragraph and sub-paragraph with a human label ("preamble 3", "operative 2 (a)")."""
    for index, para in enumerate(resolution.preamble, 1):
        yield from _walk(para, f"preamble {index}")
    yield from _walk_blocks(resolution.body, "")


def _walk_blocks(blocks: tuple[Paragraph | Section, ...], prefix: str) -> Iterator[tuple[str, Paragraph]]:
    preambular = 0
    for block in blocks:
        if isinstance(block, Section):
            label = f"{prefix}section {block.num or block.heading[:20]}".strip()
            yield from _walk_blocks(block.children, label + " ")
        elif block.role is Role.PREAMBULAR:
            preambular += 1
            yield from _walk(block, f"{prefix}preamble {preambular}")
        else:
            yield from _walk(block, f"{prefix}operative {block.num.rstrip('.')}")


def _walk(para: Paragraph, label: str) -> Iterator[tuple[str, Paragraph]]:
    yield label, para
    for child in para.children:
        yield from _walk(child, f"{label} {child.num}")


def _footnotes(resolution: Resolution) -> Iterator[Diagnostic]:
    called: dict[str, Position] = {}  # marker -> where it is first called
    for _, para in all_paragraphs(resolution):
        for anchor in para.anchors:
            called.setdefault(anchor.marker, para.position)
    for section in _sections(resolution.body):
        for anchor in section.anchors:
            called.setdefault(anchor.marker, section.position)
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


def _sections(blocks: tuple[Paragraph | Section, ...]) -> Iterator[Section]:
    for block in blocks:
        if isinstance(block, Section):
            yield block
            yield from _sections(block.children)


def _numbering(resolution: Resolution) -> Iterator[Diagnostic]:
    previous: str | None = None
    for para in resolution.operative():
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
    Notes, not warnings: the vocabulary is what GA 78 and SC 2025 used, not all there is. Run by
    `resolution check`, not by every conversion."""
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
