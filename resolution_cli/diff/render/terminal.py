"""A `Diff` for the terminal: Rich renderables, inline redline or old and new side by side.

In colour, deleted words are struck out in red and inserted ones underlined in green; without
colour (piped, NO_COLOR) the same redline is written as wdiff does, `[-deleted-]` and
`{+inserted+}`, so that it reads in a log. Document text only ever enters Rich as `Text`
objects, never as markup (UN texts are full of square brackets).
"""

from __future__ import annotations

from io import StringIO

from rich.console import Console, Group, RenderableType
from rich.padding import Padding
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from resolution_cli.diff.model import Diff, FieldChange, Op, OpKind
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

DELETED = "red strike"
INSERTED = "green underline"
KIND_STYLE = {
    OpKind.ADDED: "bold green",
    OpKind.DELETED: "bold red",
    OpKind.CHANGED: "bold yellow",
    OpKind.MOVED: "bold cyan",
    OpKind.SPLIT: "bold magenta",
    OpKind.MERGED: "bold magenta",
    OpKind.RENUMBERED: "dim",
    OpKind.UNCHANGED: "dim",
}
_PLAIN_MARKS = {SegmentKind.DELETE: ("[-", "-]"), SegmentKind.INSERT: ("{+", "+}")}


def render(result: Diff, color: bool, side_by_side: bool = False, show_all: bool = False) -> Group:
    """The whole report: heading, summary, metadata, then each part's operations."""
    sides = f"{result.old.symbol or 'old'} {ARROW} {result.new.symbol or 'new'}"
    out: list[RenderableType] = [Rule(Text(sides, style="bold")), Text(summary(result))]
    if result.metadata or result.lists:
        out.extend([Text(), _part_rule("Metadata"), _metadata(result, color)])
    for _, title, ops in parts(result):
        shown = entries(ops, show_all)
        if shown:
            out.extend([Text(), _part_rule(f"{title} · {len(shown)}")])
            out.extend(_entry(e, color, side_by_side, 0) for e in shown)
    return Group(*out)


def _part_rule(title: str) -> Rule:
    return Rule(Text(title, style="bold"), align="left", style="dim")


def _metadata(result: Diff, color: bool) -> Table:
    table = Table(box=None, show_header=False, pad_edge=False)
    table.add_column("field", style="dim", no_wrap=True)
    table.add_column("change", overflow="fold")
    for change in result.metadata:
        table.add_row(field_name(change.name), _field(change, color))
    for listed in result.lists:
        if listed.added:
            table.add_row(f"{listed.name} added", _styled(", ".join(listed.added), INSERTED, color, "{+", "+}"))
        if listed.removed:
            table.add_row(f"{listed.name} withdrawn", _styled(", ".join(listed.removed), DELETED, color, "[-", "-]"))
    return table


def _field(change: FieldChange, color: bool) -> Text:
    if change.words:
        return redline(change.words, color)
    out = _styled(change.old or "(none)", DELETED, color, "[-", "-]")
    out.append(f" {ARROW} ")
    return out.append_text(_styled(change.new or "(none)", INSERTED, color, "{+", "+}"))


def _styled(text: str, style: str, color: bool, before: str, after: str) -> Text:
    return Text(text, style=style) if color else Text(f"{before}{text}{after}")


def redline(segments: tuple[Segment, ...], color: bool, keep: tuple[SegmentKind, ...] = ()) -> Text:
    """Segments as one text; `keep` limits it to some kinds (one side of a side-by-side view)."""
    out = Text()
    previous = SegmentKind.EQUAL
    for segment in segments:
        if keep and segment.kind not in keep:
            continue
        if previous is SegmentKind.DELETE and segment.kind is SegmentKind.INSERT:
            out.append(" ")
        previous = segment.kind
        if segment.kind is SegmentKind.EQUAL:
            out.append(segment.text)
        elif color:
            out.append(segment.text, style=DELETED if segment.kind is SegmentKind.DELETE else INSERTED)
        else:
            before, after = _PLAIN_MARKS[segment.kind]
            out.append(f"{before}{segment.text}{after}")
    return out


def _entry(entry: Entry, color: bool, side_by_side: bool, depth: int) -> RenderableType:
    if isinstance(entry, Renumbered):
        return _heading_line(OpKind.RENUMBERED, run_where(entry), "renumbered, text unchanged", depth)
    lines: list[RenderableType] = [_heading_line(entry.kind, where(entry), what(entry), depth)]
    if entry.lead_changed:
        lead = Text("    " * depth + "  lead phrase: ", style="dim")
        lead.append(entry.old_lead or "(none)", style="italic")
        lead.append(f" {ARROW} ")
        lines.append(lead.append(entry.new_lead or "(none)", style="italic"))
    body = _body(entry, color, side_by_side, depth)
    if body is not None:
        lines.append(body)
    lines.extend(Text("    " * depth + f"  {note}", style="dim") for note in entry.notes)
    lines.extend(_entry(child, color, side_by_side, depth + 1) for child in entries(entry.children))
    return Group(*lines)


def _heading_line(kind: OpKind, place: str, description: str, depth: int) -> Text:
    line = Text("    " * depth)
    line.append(f"{SIGNS[kind]} {place}", style=KIND_STYLE[kind])
    return line.append(f"  {description}", style="dim")


def _body(op: Op, color: bool, side_by_side: bool, depth: int) -> RenderableType | None:
    """The text: the redline of a change, the text of an added or deleted unit."""
    indent = "    " * depth + "  "
    if op.kind is OpKind.ADDED:
        return _indented(indent, _styled(op.new_text, INSERTED, color, "{+", "+}"))
    if op.kind is OpKind.DELETED:
        return _indented(indent, _styled(op.old_text, DELETED, color, "[-", "-]"))
    if not op.words:
        return None
    if not side_by_side:
        return _indented(indent, redline(op.words, color))
    table = Table(box=None, show_header=False, pad_edge=False, expand=True, padding=(0, 1))
    table.add_column("old", ratio=1, overflow="fold")
    table.add_column("new", ratio=1, overflow="fold")
    old = redline(op.words, color, (SegmentKind.EQUAL, SegmentKind.DELETE))
    new = redline(op.words, color, (SegmentKind.EQUAL, SegmentKind.INSERT))
    table.add_row(old, new)
    return _indented(indent, table)


def _indented(indent: str, renderable: RenderableType) -> RenderableType:
    return Padding(renderable, (0, 0, 0, len(indent)))


def plain(result: Diff, side_by_side: bool = False, show_all: bool = False, width: int = 100) -> str:
    """The terminal report as plain text (wdiff's marks, no escape codes): for a file or a pipe."""
    buffer = StringIO()
    console = Console(file=buffer, width=width, no_color=True, highlight=False, emoji=False, force_terminal=False)
    console.print(render(result, False, side_by_side, show_all))
    return "".join(line.rstrip() + "\n" for line in buffer.getvalue().splitlines())
