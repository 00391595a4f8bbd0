"""A `Diff` as one self-contained HTML page, in the HTML exporter's style (its CSS, its page):
a summary at the top, the metadata changes as a table, then each part's operations as a
redline (`<del>`, `<ins>`), inline or with old and new side by side. Each operation's box
carries the new eId (else the old) as its `id`, so a report can be linked to paragraph by
paragraph, as the exporter's pages are."""

from __future__ import annotations

from lxml import etree

from resolution_cli.diff.model import Diff, Op, OpKind
from resolution_cli.diff.render.common import (
    ARROW,
    SIGNS,
    Entry,
    Renumbered,
    entries,
    field_name,
    parts,
    run_where,
    summary,
    what,
    where,
)
from resolution_cli.diff.words import Segment, SegmentKind
from resolution_cli.exporters.html import append_text, new_page, serialize, sub

_TAGS = {SegmentKind.DELETE: "del", SegmentKind.INSERT: "ins"}


def render(result: Diff, side_by_side: bool = False, show_all: bool = False) -> bytes:
    old, new = result.old.symbol or "old", result.new.symbol or "new"
    html, main = new_page(f"{old} {ARROW} {new}", "en")
    if side_by_side:
        main.set("class", "wide")
    sub(main, "h1", f"{old} {ARROW} {new}")
    box = sub(main, "section", class_="summary", **{"aria-label": "Summary"})
    sub(box, "p", summary(result))
    for side, label in ((result.old, "Old"), (result.new, "New")):
        line = sub(box, "p")
        sub(line, "strong", f"{label}: ")
        append_text(line, " · ".join(filter(None, (side.symbol, side.kind, side.date, side.title))))
    if result.metadata or result.lists:
        _metadata(main, result)
    used: set[str] = set()
    for key, title, ops in parts(result):
        shown = entries(ops, show_all)
        if shown:
            part = sub(main, "section", class_=f"part part-{key}", **{"aria-label": title})
            sub(part, "h2", title)
            for entry in shown:
                _entry(part, entry, side_by_side, used)
    return serialize(html)


def _metadata(main: etree._Element, result: Diff) -> None:
    part = sub(main, "section", class_="part part-metadata", **{"aria-label": "Metadata"})
    sub(part, "h2", "Metadata")
    table = sub(part, "table", class_="meta")
    head = sub(sub(table, "thead"), "tr")
    for name in ("field", "old", "new"):
        sub(head, "th", name, scope="col")
    body = sub(table, "tbody")
    for change in result.metadata:
        row = sub(body, "tr")
        sub(row, "th", field_name(change.name), scope="row")
        sub(sub(row, "td"), "del", change.old) if change.old else sub(row, "td", "—")
        sub(sub(row, "td"), "ins", change.new) if change.new else sub(row, "td", "—")
    for listed in result.lists:
        row = sub(body, "tr")
        sub(row, "th", listed.name, scope="row")
        old, new = sub(row, "td"), sub(row, "td")
        append_text(old, "withdrawn: ")
        sub(old, "del", ", ".join(listed.removed) or "—")
        append_text(new, "added: ")
        sub(new, "ins", ", ".join(listed.added) or "—")


def _entry(parent: etree._Element, entry: Entry, side_by_side: bool, used: set[str]) -> None:
    if isinstance(entry, Renumbered):
        box = sub(parent, "div", class_="op op-renumbered")
        _head(box, OpKind.RENUMBERED, run_where(entry), "renumbered, text unchanged")
        return
    box = sub(parent, "div", class_=f"op op-{entry.kind.value}")
    eid = (entry.new or entry.old)[0].eid
    if eid and eid not in used:  # the first operation on a unit takes its eId (annex blocks share one)
        box.set("id", eid)
        used.add(eid)
    _head(box, entry.kind, where(entry), what(entry))
    if entry.lead_changed:
        lead = sub(box, "p", "lead phrase: ", class_="op-head")
        sub(lead, "i", entry.old_lead or "(none)")
        append_text(lead, f" {ARROW} ")
        sub(lead, "i", entry.new_lead or "(none)")
    _text(box, entry, side_by_side)
    for note in entry.notes:
        sub(box, "p", note, class_="op-head")
    for child in entries(entry.children):
        _entry(box, child, side_by_side, used)


def _head(box: etree._Element, kind: OpKind, place: str, description: str) -> None:
    head = sub(box, "p", f"{SIGNS[kind]} ", class_="op-head")
    sub(head, "strong", place)
    append_text(head, f" {description}")


def _text(box: etree._Element, op: Op, side_by_side: bool) -> None:
    if op.kind is OpKind.ADDED:
        if op.new_text:
            sub(sub(box, "p"), "ins", op.new_text)
        return
    if op.kind is OpKind.DELETED:
        if op.old_text:
            sub(sub(box, "p"), "del", op.old_text)
        return
    if not op.words:
        return
    if not side_by_side:
        redline(sub(box, "p"), op.words)
        return
    sides = sub(box, "div", class_="sides")
    for label, keep in (("old", SegmentKind.DELETE), ("new", SegmentKind.INSERT)):
        column = sub(sides, "div", **{"aria-label": label})
        redline(sub(column, "p"), tuple(s for s in op.words if s.kind in (SegmentKind.EQUAL, keep)))


def redline(parent: etree._Element, segments: tuple[Segment, ...]) -> None:
    for segment in segments:
        if segment.kind is SegmentKind.EQUAL:
            append_text(parent, segment.text)
        else:
            if segment.kind is SegmentKind.INSERT and len(parent) and parent[-1].tag == "del" and not parent[-1].tail:
                append_text(parent, " ")
            sub(parent, _TAGS[segment.kind], segment.text)
