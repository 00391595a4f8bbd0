"""A `Diff` as a Markdown report: a summary, the metadata as a table, and each part's changes
as a list, with ~~deleted~~ and **inserted** words. Document text is escaped as the Markdown
exporter escapes it, so that a bracket or an asterisk in a resolution stays text."""

from __future__ import annotations

import unicodedata

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
from resolution_cli.exporters.markdown import ESCAPED


def escape(text: str) -> str:
    """Running text as Markdown that shows as the text: markup characters escaped, one line."""
    flat = " ".join(text.split())
    return "".join("\\" + char if char in ESCAPED else char for char in flat)


def render(result: Diff, show_all: bool = False) -> str:
    old, new = result.old.symbol or "old", result.new.symbol or "new"
    lines = [f"# {escape(old)} {ARROW} {escape(new)}", "", escape(summary(result)), ""]
    if result.metadata or result.lists:
        lines.extend(["## Metadata", "", "| field | old | new |", "|---|---|---|"])
        for change in result.metadata:
            lines.append(f"| {field_name(change.name)} | {_cell(change.old)} | {_cell(change.new)} |")
        for listed in result.lists:
            withdrawn, added = _cell(", ".join(listed.removed)), _cell(", ".join(listed.added))
            lines.append(f"| {listed.name} | withdrawn: {withdrawn} | added: {added} |")
        lines.append("")
    for _, title, ops in parts(result):
        shown = entries(ops, show_all)
        if shown:
            lines.extend([f"## {title}", ""])
            lines.extend(line for entry in shown for line in _entry(entry, 0))
            lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"


def _cell(text: str) -> str:
    return escape(text).replace("|", "\\|") or "—"


def _entry(entry: Entry, depth: int) -> list[str]:
    indent = "  " * depth
    if isinstance(entry, Renumbered):
        return [f"{indent}- `{SIGNS[OpKind.RENUMBERED]}` **{escape(run_where(entry))}** renumbered, text unchanged"]
    head = f"{indent}- `{SIGNS[entry.kind]}` **{escape(where(entry))}** {what(entry)}"
    if entry.lead_changed:
        head += f"; lead phrase *{escape(entry.old_lead) or '(none)'}* {ARROW} *{escape(entry.new_lead) or '(none)'}*"
    lines = [head]
    text = _text(entry)
    if text:
        lines.extend(["", f"{indent}  {text}"])
    lines.extend(f"{indent}  - {escape(note)}" for note in entry.notes)
    for child in entries(entry.children):
        lines.extend(_entry(child, depth + 1))
    return lines


def _text(op: Op) -> str:
    if op.kind is OpKind.ADDED:
        return f"**{escape(op.new_text)}**" if op.new_text.strip() else ""
    if op.kind is OpKind.DELETED:
        return f"~~{escape(op.old_text)}~~" if op.old_text.strip() else ""
    return redline(op.words)


def redline(segments: tuple[Segment, ...]) -> str:
    """~~deleted~~ and **inserted** words; where CommonMark would not read the marks as
    emphasis (a change that starts with punctuation glued to a word: "5**, 6**"), the same
    change as <del> and <ins>, which Markdown renderers pass through."""
    pieces: list[tuple[SegmentKind, str]] = []
    for segment in segments:
        text = escape(segment.text)
        if segment.kind is SegmentKind.EQUAL:
            pieces.append((segment.kind, _spaced(segment.text, text)))
        elif text:
            if pieces and pieces[-1][0] is SegmentKind.DELETE and segment.kind is SegmentKind.INSERT:
                pieces.append((SegmentKind.EQUAL, " "))
            pieces.append((segment.kind, text))
    out = []
    for index, (kind, text) in enumerate(pieces):
        if kind is SegmentKind.EQUAL:
            out.append(text)
            continue
        before = "".join(out)[-1:]
        after = pieces[index + 1][1][:1] if index + 1 < len(pieces) else ""
        out.append(_marked(kind, text, before, after))
    return "".join(out).strip()


def _marked(kind: SegmentKind, text: str, before: str, after: str) -> str:
    mark, tag = ("~~", "del") if kind is SegmentKind.DELETE else ("**", "ins")
    opens = not _punctuation(text[0]) or not before or before.isspace() or _punctuation(before)
    closes = not _punctuation(text[-1]) or not after or after.isspace() or _punctuation(after)
    if opens and closes and not text[0].isspace() and not text[-1].isspace():
        return f"{mark}{text}{mark}"
    return f"<{tag}>{text}</{tag}>"


def _punctuation(char: str) -> bool:
    return unicodedata.category(char)[0] in "PS"


def _spaced(raw: str, escaped: str) -> str:
    """An equal segment keeps a space at either end (the redline's words need their gaps)."""
    return (" " if raw[:1].isspace() else "") + escaped + (" " if raw[-1:].isspace() and escaped else "")
