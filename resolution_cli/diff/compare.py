"""Two resolutions compared: units aligned (align.py), each match turned into an `Op`."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import fields

from resolution_cli.diff.align import Item, Match, align
from resolution_cli.diff.model import Diff, FieldChange, ListChange, Op, OpKind, Side
from resolution_cli.diff.units import Unit, annex_units, document_units, footnote_units, number
from resolution_cli.diff.words import fold, same_text, word_diff
from resolution_cli.model import Metadata, Resolution

# Fields compared one by one (sponsors are a list: added and withdrawn; agenda items one text).
# Footnote calls in the metadata (`*_anchors`) are no text a reader compares: the footnotes are.
_SCALAR_FIELDS = tuple(
    f.name for f in fields(Metadata) if f.name not in ("sponsors", "agenda_items") and not f.name.endswith("_anchors")
)


def diff(old: Resolution, new: Resolution) -> Diff:
    """How `new` differs from `old`: metadata, paragraphs, headings, footnotes and annexes."""
    footnotes = compare_units(footnote_units(old), footnote_units(new), {})
    markers = _marker_map(footnotes)
    old_preamble, old_body = document_units(old)
    new_preamble, new_body = document_units(new)
    return Diff(
        old=_side(old),
        new=_side(new),
        metadata=_metadata(old, new),
        lists=_lists(old.meta, new.meta),
        preamble=compare_units(old_preamble, new_preamble, markers),
        body=compare_units(old_body, new_body, markers),
        footnotes=footnotes,
        annexes=compare_units(annex_units(old), annex_units(new), {}),
    )


def compare_units(old: Sequence[Unit], new: Sequence[Unit], markers: dict[str, str]) -> tuple[Op, ...]:
    """The operations that turn the `old` units into the `new` ones, in reading order."""
    matches = align([_item(u) for u in old], [_item(u) for u in new])
    return tuple(_op(match, old, new, markers) for match in matches)


def _item(unit: Unit) -> Item:
    return Item(unit.key, unit.bag, len(unit.full_text))


def _op(match: Match, old: Sequence[Unit], new: Sequence[Unit], markers: dict[str, str]) -> Op:
    olds = [old[i] for i in match.old]
    news = [new[j] for j in match.new]
    if not olds:
        return _alone(OpKind.ADDED, news[0])
    if not news:
        return _alone(OpKind.DELETED, olds[0])
    if len(olds) == len(news) == 1:
        return _pair(olds[0], news[0], match, markers)
    return _group(olds, news, match)


def _alone(kind: OpKind, unit: Unit) -> Op:
    """An added or deleted unit, with its sub-paragraphs as added or deleted too."""
    children = tuple(_alone(kind, c) for c in unit.children)
    if kind is OpKind.ADDED:
        return Op(kind, unit.kind, (), (unit.address,), new_text=unit.text, children=children)
    return Op(kind, unit.kind, (unit.address,), (), old_text=unit.text, children=children)


def _pair(o: Unit, n: Unit, match: Match, markers: dict[str, str]) -> Op:
    text_changed = not same_text(o.text, n.text)
    lead_changed = fold(o.lead).strip() != fold(n.lead).strip()
    notes = _call_notes(o, n, markers)
    children = compare_units(o.children, n.children, markers)
    changed = text_changed or lead_changed or bool(notes) or any(c.is_change() for c in children)
    renumbered = number(o.address.num) != number(n.address.num)
    kind = (
        OpKind.MOVED
        if match.moved
        else OpKind.CHANGED
        if changed
        else OpKind.RENUMBERED
        if renumbered
        else OpKind.UNCHANGED
    )
    return Op(
        kind,
        o.kind,
        (o.address,),
        (n.address,),
        o.text,
        n.text,
        word_diff(o.text, n.text) if text_changed else (),
        text_changed=text_changed,
        renumbered=renumbered,
        moved=match.moved,
        old_lead=o.lead if lead_changed else "",
        new_lead=n.lead if lead_changed else "",
        similarity=round(match.score, 3),
        children=children,
        notes=notes,
    )


def _group(olds: list[Unit], news: list[Unit], match: Match) -> Op:
    """A split (one old unit, several new) or a merge (several old, one new), shown as the
    word-level changes between the texts taken whole."""
    old_text = " ".join(u.full_text for u in olds)
    new_text = " ".join(u.full_text for u in news)
    text_changed = not same_text(old_text, new_text)
    return Op(
        OpKind.SPLIT if len(olds) == 1 else OpKind.MERGED,
        olds[0].kind,
        tuple(u.address for u in olds),
        tuple(u.address for u in news),
        old_text,
        new_text,
        word_diff(old_text, new_text) if text_changed else (),
        text_changed=text_changed,
        renumbered=number(olds[0].address.num) != number(news[0].address.num),
        moved=match.moved,
    )


def _call_notes(o: Unit, n: Unit, markers: dict[str, str]) -> tuple[str, ...]:
    """Footnote calls added to or taken out of a paragraph (renumbered footnotes followed)."""
    before = Counter(markers.get(m, m) for m in o.calls)
    after = Counter(n.calls)
    added = [f"footnote call {m} added" for m in (after - before)]
    removed = [f"footnote call {m} removed" for m in (before - after)]
    return tuple(added + removed)


def _marker_map(footnotes: tuple[Op, ...]) -> dict[str, str]:
    """Old footnote marker -> the marker of the same footnote in the new document."""
    return {op.old[0].num: op.new[0].num for op in footnotes if op.old and op.new}


def _side(resolution: Resolution) -> Side:
    meta = resolution.meta
    return Side(meta.symbol, meta.kind.value, meta.title, meta.adoption_date or meta.issue_date)


def _metadata(old: Resolution, new: Resolution) -> tuple[FieldChange, ...]:
    changes: list[FieldChange] = []
    for name in _SCALAR_FIELDS:
        a, b = str(getattr(old.meta, name)), str(getattr(new.meta, name))
        if not same_text(a, b) and not _not_printed(b, old.meta, new.meta):
            changes.append(FieldChange(name, a, b, word_diff(a, b) if name == "title" else ()))
    agenda = [_agenda(old.meta), _agenda(new.meta)]
    if not same_text(*agenda):
        changes.append(FieldChange("agenda_items", agenda[0], agenda[1], word_diff(*agenda)))
    if not same_text(old.formula, new.formula):
        changes.append(FieldChange("formula", old.formula, new.formula, word_diff(old.formula, new.formula)))
    return tuple(changes)


def _agenda(meta: Metadata) -> str:
    return "; ".join(" ".join(filter(None, (item.number, item.name))) for item in meta.agenda_items)


def _not_printed(value: str, old: Metadata, new: Metadata) -> bool:
    """A field the new document leaves empty because its form does not print it (an adopted
    resolution has no "Original: English" line and no sponsors): not a change to report."""
    return not value and old.kind is not new.kind


def _lists(old: Metadata, new: Metadata) -> tuple[ListChange, ...]:
    if not new.sponsors and _not_printed("", old, new):
        return ()
    before = {fold(s.name).casefold(): s.label for s in old.sponsors}
    after = {fold(s.name).casefold(): s.label for s in new.sponsors}
    added = tuple(after[k] for k in after if k not in before)
    removed = tuple(before[k] for k in before if k not in after)
    return (ListChange("sponsors", added, removed),) if added or removed else ()
