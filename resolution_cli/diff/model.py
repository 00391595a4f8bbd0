"""The result of comparing two resolutions: `Diff` and its parts (frozen, like the document model).

A `Diff` lists operations in the new document's reading order (deleted paragraphs where they
stood in the old one). Each operation names what happened to one paragraph, heading, footnote
or annex block, with the addresses of both sides; a changed text carries its word-level
`Segment`s (words.py), a changed lead phrase is named as such.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from enum import StrEnum

from resolution_cli.diff.words import Segment


class OpKind(StrEnum):
    """What happened to one unit, the strongest first when several hold (a moved paragraph whose
    words changed is MOVED, with `text_changed` set)."""

    UNCHANGED = "unchanged"
    ADDED = "added"
    DELETED = "deleted"
    MOVED = "moved"
    SPLIT = "split"  # one old unit became several new ones
    MERGED = "merged"  # several old units became one
    CHANGED = "changed"
    RENUMBERED = "renumbered"


class Part(StrEnum):
    PREAMBLE = "preamble"
    BODY = "body"  # operative paragraphs, headings and preambular paragraphs inside a part
    FOOTNOTES = "footnotes"
    ANNEXES = "annexes"


@dataclass(frozen=True, slots=True)
class Address:
    """Where a unit stands in one document."""

    label: str  # "preamble 3", "operative 5", "operative 2 (a)", "section II", "footnote 4", "annex 1 block 3"
    num: str = ""  # as printed: "5.", "(a)", "II.", a footnote's marker
    eid: str = ""  # its AKN eId as `resolution convert -t akn` writes it ("para_5__list_1__point_a")
    section: str = ""  # the heading the unit stands under ("II. Activities"), "" outside any
    index: int = 0  # 1-based position among the units of its part (and parent, for sub-paragraphs)


@dataclass(frozen=True, slots=True)
class Op:
    """One paragraph, sub-paragraph, heading, footnote or annex block, compared."""

    kind: OpKind
    unit: str  # "paragraph", "heading", "footnote", "annex block"
    old: tuple[Address, ...]  # none when added; several when merged
    new: tuple[Address, ...]  # none when deleted; several when split
    old_text: str = ""
    new_text: str = ""
    words: tuple[Segment, ...] = ()  # the word-level changes when the text changed
    text_changed: bool = False
    renumbered: bool = False
    moved: bool = False
    old_lead: str = ""  # both set only when the lead phrase changed
    new_lead: str = ""
    similarity: float = 1.0
    children: tuple[Op, ...] = ()  # the sub-paragraphs, aligned within their paragraph
    notes: tuple[str, ...] = ()  # further changes in words: "footnote call 3 added"

    @property
    def lead_changed(self) -> bool:
        return bool(self.old_lead or self.new_lead)

    def is_change(self) -> bool:
        return self.kind is not OpKind.UNCHANGED


@dataclass(frozen=True, slots=True)
class FieldChange:
    """A metadata field (or the enacting formula, the title) that differs."""

    name: str  # "symbol", "title", "agenda_items", "formula" ...
    old: str
    new: str
    words: tuple[Segment, ...] = ()


@dataclass(frozen=True, slots=True)
class ListChange:
    """Members added to or taken off a list (sponsors)."""

    name: str
    added: tuple[str, ...]
    removed: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Side:
    """What identifies one of the two documents in a report."""

    symbol: str
    kind: str
    title: str
    date: str  # adoption date, else issue date


@dataclass(frozen=True, slots=True)
class Diff:
    old: Side
    new: Side
    metadata: tuple[FieldChange, ...] = ()
    lists: tuple[ListChange, ...] = ()
    preamble: tuple[Op, ...] = ()
    body: tuple[Op, ...] = ()
    footnotes: tuple[Op, ...] = ()
    annexes: tuple[Op, ...] = ()

    @property
    def same(self) -> bool:
        """No difference but typesetting: nothing added, deleted, moved, changed or renumbered."""
        return not (self.metadata or self.lists or any(op.is_change() for op in self.all_ops()))

    def all_ops(self) -> list[Op]:
        """Every operation, sub-paragraphs included, in report order."""
        out: list[Op] = []
        for ops in (self.preamble, self.body, self.footnotes, self.annexes):
            for op in ops:
                out.extend(_walk(op))
        return out

    def stat(self) -> dict[str, int]:
        """How many units of each kind, over paragraphs, headings, footnotes and annex blocks
        (sub-paragraphs included), and how many metadata fields changed."""
        counts = Counter(op.kind.value for op in self.all_ops())
        table = {kind.value: counts.get(kind.value, 0) for kind in OpKind}
        table["text changed"] = sum(op.text_changed for op in self.all_ops())
        table["lead changed"] = sum(op.lead_changed for op in self.all_ops())
        table["metadata"] = len(self.metadata) + sum(bool(c.added) + bool(c.removed) for c in self.lists)
        return table


def _walk(op: Op) -> list[Op]:
    out = [op]
    for child in op.children:
        out.extend(_walk(child))
    return out
