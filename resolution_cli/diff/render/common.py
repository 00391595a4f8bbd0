"""What every report of a `Diff` shows, whatever its format: the parts in order, the operations
worth showing (a run of paragraphs only renumbered collapsed into one line), and the words that
name each operation ("operative 3 → 7", "moved, words changed", "lead phrase: *Requests* →
*Also requests*")."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from resolution_cli.diff.model import Address, Diff, Op, OpKind

PARTS = (("preamble", "Preamble"), ("body", "Operative part"), ("footnotes", "Footnotes"), ("annexes", "Annexes"))
ARROW = "→"
# A short sign before each operation: the same in the terminal, Markdown and HTML.
SIGNS = {
    OpKind.ADDED: "+",
    OpKind.DELETED: "-",
    OpKind.CHANGED: "~",
    OpKind.MOVED: "↕",
    OpKind.SPLIT: "⑂",
    OpKind.MERGED: "⑃",
    OpKind.RENUMBERED: "#",
    OpKind.UNCHANGED: " ",
}
FIELD_NAMES = {
    "issue_date": "issue date",
    "adoption_date": "adoption date",
    "originating_report": "originating report",
    "original_language": "original language",
    "agenda_items": "agenda items",
}


@dataclass(frozen=True, slots=True)
class Renumbered:
    """Consecutive paragraphs whose only change is their number."""

    ops: tuple[Op, ...]


Entry = Op | Renumbered


def parts(result: Diff) -> Iterator[tuple[str, str, tuple[Op, ...]]]:
    """(key, title, operations) of each part, in document order."""
    for key, title in PARTS:
        yield key, title, getattr(result, key)


def entries(ops: tuple[Op, ...], show_all: bool = False) -> list[Entry]:
    """What a report lists of `ops`: every change (all of them with `show_all`), consecutive
    renumberings as one entry."""
    out: list[Entry] = []
    for op in ops:
        if op.kind is OpKind.RENUMBERED and not show_all:
            if out and isinstance(out[-1], Renumbered):
                out[-1] = Renumbered((*out[-1].ops, op))
            else:
                out.append(Renumbered((op,)))
        elif op.is_change() or show_all:
            out.append(op)
    return out


def labels(addresses: tuple[Address, ...]) -> str:
    return ", ".join(a.label for a in addresses)


def where(op: Op) -> str:
    """Which unit, on which side: "operative 4", "operative 3 → 7", "operative 5 → operative 5, 6"."""
    if not op.old:
        return labels(op.new)
    if not op.new:
        return labels(op.old)
    old, new = labels(op.old), labels(op.new)
    return old if old == new else f"{old} {ARROW} {_short(old, new)}"


def _short(old: str, new: str) -> str:
    """ "operative 3" -> "operative 7" shown as "operative 3 → 7" (the common words once)."""
    old_words, new_words = old.split(" "), new.split(" ")
    if len(old_words) == len(new_words) and old_words[:-1] == new_words[:-1] and "," not in old + new:
        return new_words[-1]
    return new


def what(op: Op) -> str:
    """The operation in words: "changed", "moved, words changed", "split into 2", "renumbered"."""
    if op.kind is OpKind.SPLIT:
        name = f"split into {len(op.new)}"
    elif op.kind is OpKind.MERGED:
        name = f"{len(op.old)} merged"
    else:
        name = op.kind.value
    extras = []
    if op.kind in (OpKind.MOVED, OpKind.SPLIT, OpKind.MERGED) and op.text_changed:
        extras.append("words changed")
    if op.kind is OpKind.CHANGED and op.lead_changed and not op.text_changed:
        extras.append("lead phrase only")
    if op.renumbered and op.kind not in (OpKind.RENUMBERED, OpKind.ADDED, OpKind.DELETED):
        extras.append("renumbered")
    return ", ".join([name, *extras])


def run_where(run: Renumbered) -> str:
    """ "operative 5-12 → 6-13" for a run of renumbered paragraphs."""
    first, last = run.ops[0], run.ops[-1]
    if len(run.ops) == 1:
        return where(first)
    old = f"{first.old[0].label}–{last.old[0].num.rstrip('.') or last.old[0].label}"
    new = f"{first.new[0].num.rstrip('.') or first.new[0].label}–{last.new[0].num.rstrip('.') or last.new[0].label}"
    return f"{old} {ARROW} {new}"


def summary(result: Diff) -> str:
    """One line: "3 changed, 1 added, 2 renumbered; 4 metadata fields" or "no differences"."""
    if result.same:
        return "no differences"
    stat = result.stat()
    order = ("changed", "added", "deleted", "moved", "split", "merged", "renumbered")
    counts = [f"{stat[k]} {k}" for k in order if stat[k]]
    fields = stat["metadata"]
    tail = f"{fields} metadata field{'s' if fields != 1 else ''}" if fields else ""
    return "; ".join(filter(None, (", ".join(counts), tail)))


def field_name(name: str) -> str:
    return FIELD_NAMES.get(name, name)
