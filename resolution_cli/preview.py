"""A resolution laid out for a person checking a conversion: Rich renderables, or plain lines.

Both views walk the document in the same order (metadata, title, formula, preamble, body,
footnotes, annexes, diagnostics) and label paragraphs as the diagnostics do ("preamble 3",
"operative 2 (a)", "annex 1 operative 4"), so that a diagnostic's `where` finds its paragraph in
either view. A table shows as a Rich table (header rows in bold, the table's notes under it); in
the plain view one line per row, its cells separated by " | ".
Document text only ever enters Rich as `Text` objects, never as markup: UN texts are full of
literal square brackets.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, fields

from rich.console import Group, RenderableType
from rich.rule import Rule
from rich.table import Table as RichTable
from rich.text import Text
from rich.tree import Tree

from resolution_cli.model import (
    Anchor,
    Annex,
    Block,
    Cell,
    Heading,
    Metadata,
    Paragraph,
    Resolution,
    Section,
    Separator,
    Severity,
    Table,
)
from resolution_cli.parse.checks import all_paragraphs, annex_labels, annex_paragraphs, section_label

LEAD = "bold italic yellow"
CALL = "cyan"
NUM = "bold"
HEADING = "bold magenta"
SEVERITY_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.NOTE: "blue"}
_SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


def call_mark(marker: str) -> str:
    """How a footnote call shows in running text: superscript digits, as the UN prints them."""
    return marker.translate(_SUPERSCRIPT) if marker.isdigit() else f"^{marker}"


def meta_rows(meta: Metadata) -> list[tuple[str, str]]:
    """(field, value) for every metadata field that has a value, in model order; one row per
    agenda item and per sponsor."""
    rows: list[tuple[str, str]] = []
    for spec in fields(Metadata):
        value = getattr(meta, spec.name)
        if spec.name == "agenda_items":
            rows.extend(("agenda_item", f"{a.number} {a.name}".strip()) for a in value)
        elif spec.name == "sponsors":
            rows.extend(("sponsor", s.label) for s in value)
        elif spec.name in ("title_anchors", "symbol_anchors"):
            continue  # shown with the title; the symbol's below
        elif spec.name == "symbol" and value:
            rows.append(("symbol", "".join(piece for piece, _ in with_calls(value, meta.symbol_anchors))))
        elif value:
            rows.append((spec.name, str(value)))
    return rows


# -- the walk both views share ----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Entry:
    label: str  # "preamble 3", "operative 2 (a)", "section I", "table 1", "preamble heading 1"
    depth: int  # nesting under the top level of its part (sections and sub-paragraphs)
    block: Paragraph | Section | Table | Heading | Separator


def outline(resolution: Resolution) -> tuple[list[Entry], list[Entry]]:
    """The preamble's and the body's sections, paragraphs, sub-paragraphs and tables, in reading order."""
    labels = {id(para): label for label, para in all_paragraphs(resolution)}
    preamble: list[Entry] = []
    headings = 0
    for item in resolution.preamble:
        if isinstance(item, Paragraph):
            preamble.extend(_paragraph_entries(item, 0, labels))
        elif isinstance(item, Heading):
            headings += 1
            preamble.append(Entry(f"preamble heading {headings}", 0, item))
        else:
            preamble.append(Entry("preamble separator", 0, item))
    return preamble, list(_block_entries(resolution.body, 0, labels, _Count()))


def annex_outline(resolution: Resolution) -> list[tuple[str, Annex, list[Entry]]]:
    """Each annex (an annex inside an annex after it) with its label and its body's entries."""
    labels = {id(para): label for label, para in annex_paragraphs(resolution)}
    return [
        (label, annex, list(_block_entries(annex.body, 0, labels, _Count(), label + " ")))
        for label, annex in annex_labels(resolution.annexes)
    ]


@dataclass(slots=True)
class _Count:
    """Tables numbered in reading order through one body, as parse.checks numbers them."""

    tables: int = 0


def _block_entries(
    blocks: tuple[Block, ...], depth: int, labels: dict[int, str], count: _Count, prefix: str = ""
) -> Iterator[Entry]:
    for block in blocks:
        if isinstance(block, Section):
            label = section_label(block, prefix)
            yield Entry(label, depth, block)
            yield from _block_entries(block.children, depth + 1, labels, count, label + " ")
        elif isinstance(block, Table):
            count.tables += 1
            yield Entry(f"{prefix}table {count.tables}".strip(), depth, block)
        else:
            yield from _paragraph_entries(block, depth, labels)


def _paragraph_entries(para: Paragraph, depth: int, labels: dict[int, str]) -> Iterator[Entry]:
    yield Entry(labels.get(id(para), para.num), depth, para)
    for child in para.children:
        yield from _paragraph_entries(child, depth + 1, labels)


def with_calls(text: str, anchors: tuple[Anchor, ...]) -> list[tuple[str, bool]]:
    """`text` cut at its footnote calls: (piece, is_call) in order, calls as `call_mark`s."""
    pieces: list[tuple[str, bool]] = []
    position = 0
    for anchor in sorted(anchors, key=lambda a: a.offset):
        offset = min(max(anchor.offset, position), len(text))
        pieces.extend([(text[position:offset], False), (call_mark(anchor.marker), True)])
        position = offset
    pieces.append((text[position:], False))
    return [p for p in pieces if p[0]]


# -- plain text: one line per paragraph ------------------------------------------------------------


def _one_line(text: str) -> str:
    return " ".join(text.split())


def plain_lines(resolution: Resolution) -> Iterator[str]:
    """'label<TAB>text' lines: grep for a label, `cut -f2` for the text."""
    for label, text in _plain_pairs(resolution):
        yield f"{_one_line(label)}\t{_one_line(text)}"


def _plain_pairs(resolution: Resolution) -> Iterator[tuple[str, str]]:
    yield from meta_rows(resolution.meta)
    if resolution.formula:
        yield "formula", resolution.formula
    preamble, body = outline(resolution)
    for entry in preamble + body:
        yield from _plain_entry(entry)
    for footnote in resolution.footnotes:
        yield f"footnote {footnote.marker}", footnote.text
    for label, annex, entries in annex_outline(resolution):
        yield label, " ".join(filter(None, (annex.heading, _with_marks(annex.title, annex.anchors))))
        for entry in entries:
            yield from _plain_entry(entry)
    for d in resolution.diagnostics:
        yield f"diagnostic {d.severity.value}", f"{d.code}{f' at {d.where}' if d.where else ''}: {d.message}"


def _plain_entry(entry: Entry) -> Iterator[tuple[str, str]]:
    block = entry.block
    if isinstance(block, Table):
        yield from _plain_table(entry.label, block)
    elif isinstance(block, Section):
        yield entry.label, " ".join(filter(None, (block.num, _with_marks(block.heading, block.anchors))))
    elif isinstance(block, Separator):
        yield entry.label, block.text
    elif isinstance(block, Heading):
        yield entry.label, _with_marks(block.text, block.anchors)
    else:
        yield entry.label, " ".join(filter(None, (block.num, _with_marks(block.text, block.anchors))))


def _plain_table(label: str, table: Table) -> Iterator[tuple[str, str]]:
    """'table 1' (the caption), 'table 1 header 1', 'table 1 row 3', 'table 1 note a'."""
    yield label, _with_marks(table.caption, table.caption_anchors)
    for index, row in enumerate(table.rows):
        kind, number = ("header", index + 1) if index < table.header_rows else ("row", index - table.header_rows + 1)
        yield f"{label} {kind} {number}", " | ".join(_with_marks(c.text, c.anchors) for c in row)
    for note in table.notes:
        yield f"{label} note {note.marker}", note.text


def _with_marks(text: str, anchors: tuple[Anchor, ...]) -> str:
    return "".join(piece for piece, _ in with_calls(text, anchors))


# -- Rich ------------------------------------------------------------------------------------------


def paragraph_text(para: Paragraph) -> Text:
    """Number, lead phrase highlighted, footnote calls marked."""
    out = Text()
    if para.num:
        out.append(para.num + " ", style=NUM)
    lead = len(para.lead) if para.lead and para.text.startswith(para.lead) else 0
    return _marked(out, para.text, para.anchors, lead)


def _marked(out: Text, text: str, anchors: tuple[Anchor, ...], lead: int = 0) -> Text:
    """Appends `text` to `out` with its first `lead` characters highlighted and calls marked."""
    position = 0
    for piece, is_call in with_calls(text, anchors):
        if is_call:
            out.append(piece, style=CALL)
            continue
        cut = min(max(lead - position, 0), len(piece))
        out.append(_shown(piece[:cut]), style=LEAD)
        out.append(_shown(piece[cut:]))
        position += len(piece)
    return out


def _shown(text: str) -> str:
    """`text` without the invisible characters (a BOM, a zero-width space, DEL) that a terminal
    gives no width but that would still count in a line's length."""
    return "".join(c for c in text if c in "\n\t" or unicodedata.category(c) not in ("Cf", "Cc"))


def _section_text(section: Section) -> Text:
    out = Text(style=HEADING)
    if section.num:
        out.append(section.num + " ")
    return _marked(out, section.heading, section.anchors)


def metadata_table(meta: Metadata) -> RichTable:
    table = RichTable(box=None, show_header=False, pad_edge=False, expand=False)
    table.add_column("field", style="dim", no_wrap=True)
    table.add_column("value", overflow="fold")
    for name, value in meta_rows(meta):
        if name != "title":  # shown as the heading below the table
            table.add_row(name.replace("_", " "), Text(value))
    return table


def _tree(label: str | Text, entries: list[Entry]) -> Tree:
    root = Tree(label if isinstance(label, Text) else Text(label, style="bold"), guide_style="dim")
    stack: list[Tree] = [root]
    for entry in entries:
        del stack[entry.depth + 1 :]
        stack.append(stack[-1].add(_node(entry.block)))
    return root


def _node(block: Paragraph | Section | Table | Heading | Separator) -> RenderableType:
    if isinstance(block, Section):
        return _section_text(block)
    if isinstance(block, Table):
        return table_view(block)
    if isinstance(block, Heading):
        return _marked(Text(style=HEADING), block.text, block.anchors)
    if isinstance(block, Separator):
        return Text(block.text, style="dim")
    return paragraph_text(block)


def table_view(table: Table) -> RichTable:
    """A Rich table: the caption above, the first header row as column headings (further header
    rows in bold), a cell that spans columns followed by empty ones, the notes below."""
    grid = [_grid_row(row) for row in table.rows]
    width = max((len(r) for r in grid), default=0)
    header = grid[0] if table.header_rows else []
    view = RichTable(
        title=_marked(Text(style="bold"), table.caption, table.caption_anchors) if table.caption else None,
        caption=Text("\n".join(f"{n.marker} {n.text}" for n in table.notes)) if table.notes else None,
        show_header=bool(table.header_rows),
        header_style="bold",
        caption_justify="left",
    )
    for column in range(width):
        view.add_column(header[column] if column < len(header) else Text(), overflow="fold")
    for index, row in enumerate(grid[1:] if table.header_rows else grid, 1 if table.header_rows else 0):
        cells = row + [Text()] * (width - len(row))
        view.add_row(*cells, style="bold" if index < table.header_rows else None)
    return view


def _grid_row(row: tuple[Cell, ...]) -> list[Text]:
    out: list[Text] = []
    for cell in row:
        out.append(_marked(Text(), cell.text, cell.anchors))
        out.extend(Text() for _ in range(cell.colspan - 1))
    return out


def _footnotes(resolution: Resolution) -> RichTable:
    table = RichTable(box=None, show_header=False, pad_edge=False)
    table.add_column("marker", style=CALL, no_wrap=True, justify="right")
    table.add_column("text", overflow="fold")
    for footnote in resolution.footnotes:
        table.add_row(call_mark(footnote.marker), Text(footnote.text))
    return table


def _diagnostics(resolution: Resolution) -> Group:
    lines = []
    for d in resolution.diagnostics:
        line = Text()
        line.append(f"{d.severity.value:<7} ", style=SEVERITY_STYLE[d.severity])
        line.append(d.code, style="bold")
        line.append(f" {d.where}: " if d.where else ": ", style="dim")
        line.append(d.message)
        lines.append(line)
    return Group(*lines)


def _annexes(resolution: Resolution) -> Group:
    """Each annex as a tree of its body, headed by its heading and title."""
    trees = []
    for _, annex, entries in annex_outline(resolution):
        label = Text(annex.heading or "Annex", style=HEADING)
        if annex.title:
            label.append("  ")
            _marked(label, annex.title, annex.anchors)
        trees.append(_tree(label, entries))
    return Group(*trees)


def annex_labels_list(resolution: Resolution) -> list[tuple[str, Annex]]:
    return list(annex_labels(resolution.annexes))


def _part(title: str, count: int) -> Rule:
    return Rule(Text(f"{title} · {count}", style="bold"), align="left", style="dim")


def render(resolution: Resolution) -> Group:
    """The whole preview, top to bottom."""
    meta = resolution.meta
    preamble, body = outline(resolution)
    parts: list[RenderableType] = [
        Rule(Text(" · ".join(filter(None, (meta.symbol, meta.kind.value))), style="bold")),
        metadata_table(meta),
    ]
    if meta.title:
        parts.append(_marked(Text(style="bold", justify="center"), meta.title, meta.title_anchors))
    if resolution.formula:
        parts.append(Text(resolution.formula, style="italic"))
    parts.extend([Text(), _tree(f"Preamble · {len(resolution.recitals())}", preamble)])
    parts.extend([Text(), _tree(f"Operative part · {len(resolution.operative())}", body)])
    for title, renderable, count in (
        ("Footnotes", _footnotes(resolution), len(resolution.footnotes)),
        ("Annexes", _annexes(resolution), len(annex_labels_list(resolution))),
        ("Diagnostics", _diagnostics(resolution), len(resolution.diagnostics)),
    ):
        if count:
            parts.extend([Text(), _part(title, count), renderable])
    if not resolution.diagnostics:
        parts.extend([Text(), Text("no diagnostics", style="green")])
    return Group(*parts)
