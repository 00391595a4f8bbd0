"""A resolution laid out for a person checking a conversion: Rich renderables, or plain lines.

Both views walk the document in the same order (metadata, title, formula, preamble, body,
footnotes, annexes, diagnostics) and label paragraphs as the diagnostics do ("preamble 3",
"operative 2 (a)"), so that a diagnostic's `where` finds its paragraph in either view.
Document text only ever enters Rich as `Text` objects, never as markup: UN texts are full of
literal square brackets.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, fields

from rich.console import Group, RenderableType
from rich.rule import Rule
from rich.table import Table
from rich.text import Text
from rich.tree import Tree

from resolution_cli.model import Anchor, Block, Metadata, Paragraph, Resolution, Section, Severity

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
            rows.extend(("sponsor", s) for s in value)
        elif value:
            rows.append((spec.name, str(value)))
    return rows


# -- the walk both views share ----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Entry:
    label: str  # "preamble 3", "operative 2 (a)", "section I"
    depth: int  # nesting under the top level of its part (sections and sub-paragraphs)
    block: Paragraph | Section


def outline(resolution: Resolution) -> tuple[list[Entry], list[Entry]]:
    """The preamble's and the body's sections, paragraphs and sub-paragraphs, in reading order."""
    from resolution_cli.parse.checks import all_paragraphs

    labels = {id(para): label for label, para in all_paragraphs(resolution)}
    preamble = [e for para in resolution.preamble for e in _paragraph_entries(para, 0, labels)]
    return preamble, list(_block_entries(resolution.body, 0, labels))


def _block_entries(blocks: tuple[Block, ...], depth: int, labels: dict[int, str], prefix: str = "") -> Iterator[Entry]:
    for block in blocks:
        if isinstance(block, Section):
            label = f"{prefix}section {block.num or block.heading[:20]}".strip()  # as parse.checks labels it
            yield Entry(label, depth, block)
            yield from _block_entries(block.children, depth + 1, labels, label + " ")
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
        block = entry.block
        text = block.heading if isinstance(block, Section) else _with_marks(block.text, block.anchors)
        yield entry.label, " ".join(filter(None, (block.num, text)))
    for footnote in resolution.footnotes:
        yield f"footnote {footnote.marker}", footnote.text
    for index, annex in enumerate(resolution.annexes, 1):
        yield f"annex {index}", " ".join(filter(None, (annex.heading, annex.title)))
        yield from ((f"annex {index} block {n}", b) for n, b in enumerate(annex.blocks, 1))
    for d in resolution.diagnostics:
        yield f"diagnostic {d.severity.value}", f"{d.code}{f' at {d.where}' if d.where else ''}: {d.message}"


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
        out.append(piece[:cut], style=LEAD)
        out.append(piece[cut:])
        position += len(piece)
    return out


def _section_text(section: Section) -> Text:
    out = Text(style=HEADING)
    if section.num:
        out.append(section.num + " ")
    return _marked(out, section.heading, section.anchors)


def metadata_table(meta: Metadata) -> Table:
    table = Table(box=None, show_header=False, pad_edge=False, expand=False)
    table.add_column("field", style="dim", no_wrap=True)
    table.add_column("value", overflow="fold")
    for name, value in meta_rows(meta):
        if name != "title":  # shown as the heading below the table
            table.add_row(name.replace("_", " "), Text(value))
    return table


def _tree(label: str, entries: list[Entry]) -> Tree:
    root = Tree(Text(label, style="bold"), guide_style="dim")
    stack: list[Tree] = [root]
    for entry in entries:
        del stack[entry.depth + 1 :]
        block = entry.block
        node_text = _section_text(block) if isinstance(block, Section) else paragraph_text(block)
        stack.append(stack[-1].add(node_text))
    return root


def _footnotes(resolution: Resolution) -> Table:
    table = Table(box=None, show_header=False, pad_edge=False)
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
    lines = []
    for annex in resolution.annexes:
        line = Text(annex.heading or "Annex", style=HEADING)
        if annex.title:
            line.append(f"  {annex.title}", style="bold")
        line.append(f"  ({len(annex.blocks)} blocks)", style="dim")
        lines.append(line)
    return Group(*lines)


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
        parts.append(Text(meta.title, style="bold", justify="center"))
    if resolution.formula:
        parts.append(Text(resolution.formula, style="italic"))
    parts.extend([Text(), _tree(f"Preamble · {len(resolution.preamble)}", preamble)])
    parts.extend([Text(), _tree(f"Operative part · {len(resolution.operative())}", body)])
    for title, renderable, count in (
        ("Footnotes", _footnotes(resolution), len(resolution.footnotes)),
        ("Annexes", _annexes(resolution), len(resolution.annexes)),
        ("Diagnostics", _diagnostics(resolution), len(resolution.diagnostics)),
    ):
        if count:
            parts.extend([Text(), _part(title, count), renderable])
    if not resolution.diagnostics:
        parts.extend([Text(), Text("no diagnostics", style="green")])
    return Group(*parts)
