r"""Markdown export: a document a person wants to read and diff, and that reads back to the same model.

Layout (every paragraph on one line; blocks separated by blank lines):

    ---                                   YAML front matter: the metadata, title included
    symbol: A/RES/78/229
    title: ...
    ---

    The General Assembly,                 the enacting formula

    *Recalling* its resolution ...,[^1]   preambular paragraphs, lead phrase in italics

    1\. *Decides* ...:                    operative paragraphs keep the UN's own numbers, as text

      - (a\) sub-paragraph;              sub-paragraphs nest by indentation
        - (i\) ...

    - *Decides* ...                       an unnumbered operative paragraph

    **Heading**                           a heading among the preambular paragraphs

    - - -                                 a "* * *" separator among them

    ## I. Heading                         sections; a section inside a section gets one more '#'

    Table: A. Posts                       a table: its caption line (always there, maybe empty),
                                          a pipe table (header row, delimiter, body rows),
    | Action | Post | Number |            a call of a table note as <sup>a</sup>,
    | --- | --- | --- |                   the table's notes under it
    | New post<sup>a</sup> | P-4 | 1 |

    <sup>a</sup> Note text.

    * * *                                 each annex: a break, its heading, title and body (the
                                          same blocks as the resolution's; its sections from '####')
    ## Annex

    ### Title

    1\. We ...

    * * * <!-- level=2 -->                an annex inside the annex above

    Footnotes not called in the text: [^6]   calls for the footnotes the text never calls

    [^1]: Footnote text.                  footnote definitions, in document order

Numbers are written with a backslash before their last character (`1\.`, `(a\)`) so that
renderers (pandoc, GitHub) show them as the text the UN printed instead of renumbering them as
list markers; text that merely opens like a number opens with a character reference instead
(`&#40;a) ...`). Text is backslash-escaped so that it never turns into markup; characters Markdown
would eat (whitespace at either end, line breaks, control characters) are written as `&#N;`.
What plain Markdown cannot say (a paragraph whose role or number is not what its place implies, a
lead phrase that is not a prefix of the text, an empty paragraph) goes into a trailing HTML
comment, `<!-- role="sub" -->`, which renderers hide. `readers/markdown.py` reads all of this back.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, fields
from typing import Any

from resolution_cli.exporters import Exporter, NoOptions
from resolution_cli.model import (
    AgendaItem,
    Anchor,
    Annex,
    Block,
    Cell,
    Footnote,
    Heading,
    Metadata,
    Paragraph,
    PreambleItem,
    Resolution,
    Role,
    Section,
    Separator,
    Sponsor,
    Table,
)

# The syntax shared with the reader (readers/markdown.py): one place for each rule.
ESCAPED = frozenset("\\`*_[]<&~#")  # always backslash-escaped in text
ORDERED_NUM = re.compile(r"\d{1,9}\.")  # "12.": a numbered paragraph
BULLETS = "•◦▪●○■–—"  # printed bullets, kept as an item's number
BULLET_NUM = re.compile(rf"\([0-9A-Za-z]{{1,10}}\)|[0-9A-Za-z]{{1,10}}[.)]|[{BULLETS}]")  # "(a)" "a)" "•" after "- "
# A number as written: a backslash before its last character ("12\.", "(a\)"), which keeps it text
# for renderers; files written before that form carried the bare number, which still reads. A
# printed bullet needs none ("- • ..." is an item whose text opens with the bullet).
WRITTEN_ORDERED_NUM = re.compile(r"\d{1,9}\\?\.")
WRITTEN_BULLET_NUM = re.compile(rf"\([0-9A-Za-z]{{1,10}}\\?\)|[0-9A-Za-z]{{1,10}}\\?[.)]|[{BULLETS}]")
# pandoc's name for a page title that is not the document's own: an untitled resolution (the
# Security Council's) is named by its symbol. Derived, so the reader reads past it.
PAGE_TITLE = "pagetitle"
UNCALLED_FOOTNOTES = "Footnotes not called in the text:"  # then a call for each, so renderers keep them
SECTION_NUM = re.compile(r"(?:[IVXLCDM]+|[A-Z]|\d{1,3})\.?(?= |$)")  # "I." "A" "2." before a heading
NO_FORMULA = "<!-- no formula -->"
BODY_START = "<!-- body -->"
END_SECTION = "<!-- end section -->"
ANNEX_BREAK = "* * *"
SEPARATOR = "- - -"  # a "* * *" among the preambular paragraphs (a thematic break, not an annex)
BOLD = "**"  # around a heading among the preambular paragraphs
TABLE_START = "Table:"  # the caption line that opens every table (pandoc's syntax)
ROW_START = "|"
NOTE_CALL = ("<sup>", "</sup>")  # a call of a table's own note, in a cell or a caption
ANNEX_SECTION_BASE = 4  # '#'s of a section at the top of an annex body (2 in the resolution's)
FRONT_MATTER = "---"
PLAIN_INDENT = 2  # children of a top-level paragraph that is no list item (after a blank line)


def export_markdown(resolution: Resolution, options: NoOptions) -> bytes:
    del options  # nothing to choose: one canonical form
    blocks = [front_matter(resolution.meta)]
    blocks.append(protect_start(escape(resolution.formula), LineStart.PLAIN) if resolution.formula else NO_FORMULA)
    blocks.extend(_preamble_item(p) for p in resolution.preamble)
    blocks.extend(_body(resolution.body))
    blocks.extend(_annexes(resolution.annexes, 1))
    if uncalled := uncalled_markers(resolution):
        blocks.append(" ".join([UNCALLED_FOOTNOTES, *(footnote_ref(m) for m in uncalled)]))
    blocks.extend(_footnote(footnote) for footnote in resolution.footnotes)
    return ("\n\n".join(blocks) + "\n").encode("utf-8")


# -- front matter: a tiny YAML emitter for strings and lists of strings ---------------------------

_YAML_PLAIN = re.compile(r"[^\W\d_][\w ,.()/'’-]*")
_YAML_RESERVED = frozenset({"y", "n", "yes", "no", "on", "off", "true", "false", "null"})
_YAML_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t", "\r": "\\r"}


def yaml_scalar(value: str) -> str:
    """`value` as a YAML scalar that every YAML parser reads back as the same string."""
    plain = _YAML_PLAIN.fullmatch(value) and not value.endswith(" ") and value.lower() not in _YAML_RESERVED
    return value if plain else '"' + "".join(_yaml_char(c) for c in value) + '"'


def _yaml_char(char: str) -> str:
    if char in _YAML_ESCAPES:
        return _YAML_ESCAPES[char]
    if yaml_printable(char):
        return char
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def yaml_printable(char: str) -> bool:
    """YAML's printable set, less the characters YAML 1.1 reads as line breaks or a BOM."""
    code = ord(char)
    if code in (0x2028, 0x2029, 0xFEFF):
        return False
    return 0x20 <= code <= 0x7E or 0xA0 <= code <= 0xD7FF or 0xE000 <= code <= 0xFFFD or code >= 0x10000


def front_matter(meta: Metadata) -> str:
    """Every metadata field in model order; a field left empty (and empty by default) is omitted.
    The title is here too, where pandoc and static-site tools look for it."""
    lines = [FRONT_MATTER]
    for spec in fields(Metadata):
        value = getattr(meta, spec.name)
        if value == spec.default and not value:
            continue
        if spec.name in ("title_anchors", "symbol_anchors"):  # calls in text the front matter holds
            lines.append(f"{spec.name}: {_json([[a.marker, a.offset] for a in value])}")  # YAML and JSON alike
        elif spec.name == "agenda_items":
            lines.append(f"{spec.name}:")
            lines.extend(_agenda_item(item) for item in value)
        elif spec.name == "sponsors":
            lines.append(f"{spec.name}:")
            lines.extend(_sponsor(sponsor) for sponsor in value)
        elif isinstance(value, tuple):
            lines.append(f"{spec.name}:")
            lines.extend(f"  - {yaml_scalar(v)}" for v in value)
        else:
            lines.append(f"{spec.name}: {yaml_scalar(str(value))}")
    if not meta.title and (name := meta.symbol or meta.number):
        lines.append(f"{PAGE_TITLE}: {yaml_scalar(name)}")
    lines.append(FRONT_MATTER)
    return "\n".join(lines)


def _agenda_item(item: AgendaItem) -> str:
    lines = [f"  - number: {yaml_scalar(item.number)}"]
    if item.name:
        lines.append(f"    name: {yaml_scalar(item.name)}")
    if item.anchors:
        lines.append(f"    footnote_calls: {_json([[a.marker, a.offset] for a in item.anchors])}")
    return "\n".join(lines)


def _sponsor(sponsor: Sponsor) -> str:
    """A name alone; with the group it acts for or footnote calls, a mapping (`footnote_calls` a
    flow sequence of [marker, offset] pairs, which YAML and JSON read alike)."""
    if not (sponsor.on_behalf_of or sponsor.anchors):
        return f"  - {yaml_scalar(sponsor.name)}"
    lines = [f"  - name: {yaml_scalar(sponsor.name)}"]
    if sponsor.on_behalf_of:
        lines.append(f"    on_behalf_of: {yaml_scalar(sponsor.on_behalf_of)}")
    if sponsor.anchors:
        lines.append(f"    footnote_calls: {_json([[a.marker, a.offset] for a in sponsor.anchors])}")
    return "\n".join(lines)


# -- inline text ----------------------------------------------------------------------------------


def _entity_needed(char: str, at_edge: bool) -> bool:
    code = ord(char)
    return code < 0x20 or 0x7F <= code <= 0x9F or char in "\u2028\u2029" or (at_edge and char.isspace())


def escape(text: str) -> str:
    """`text` as Markdown that renders (and reads back) as exactly `text`."""
    return "".join(_escape_char(text, i) for i in range(len(text)))


def _escape_char(text: str, index: int) -> str:
    char = text[index]
    if char in ESCAPED:
        return "\\" + char
    if _entity_needed(char, index in (0, len(text) - 1)):
        return f"&#{ord(char)};"
    return char


_FOOTNOTE_DEF_START = re.compile(r"(?:\[\^(?:[^\]\\]|\\.)*\])+(?=:)")
# What opens an ordered list for CommonMark ("12.", "3)") or pandoc ("(a)", "b.", "iv)", "IV.").
_LIST_MARKER = re.compile(
    r"(?:\((?:\d{1,9}|[A-Za-z]|[ivxlcdm]{1,8}|[IVXLCDM]{1,8})\)|(?:\d{1,9}|[A-Za-z]|[ivxlcdm]{1,8}|[IVXLCDM]{1,8})[.)])"
    r"(?= |$)"
)


class LineStart:
    TEXT = "text"  # formula, annex text, footnote text, text after a paragraph's number
    PLAIN = "plain"  # a paragraph line with no number: "12\." there would be its number
    BULLET = "bullet"  # after "- ": "(a\)" there would be its number


_NUMBER_LIKE = {  # per kind of line, what the reader would take for the paragraph's own number
    LineStart.PLAIN: ORDERED_NUM,
    LineStart.BULLET: BULLET_NUM,
}


def protect_start(line: str, start: str = LineStart.TEXT) -> str:
    """`line` made safe to open a line: not a list item, quote, heading, line block, definition
    or footnote definition. Where a backslash-escaped number would be the paragraph's own, text
    that opens like a number opens with a character reference instead (`&#40;a) ...`)."""
    number_like = _NUMBER_LIKE.get(start)
    if number_like and (match := number_like.match(line)) and line[match.end() : match.end() + 1] in ("", " "):
        return f"&#{ord(line[0])};" + line[1:]
    if match := _LIST_MARKER.match(line):
        return line[: match.end() - 1] + "\\" + line[match.end() - 1 :]
    if line[:1] in ("-", "+", ">", "=", ":", ROW_START):
        return "\\" + line
    if line.startswith(TABLE_START):
        return line[: len(TABLE_START) - 1] + "\\" + line[len(TABLE_START) - 1 :]
    if match := _FOOTNOTE_DEF_START.match(line):
        return line[: match.end()] + "\\" + line[match.end() :]
    return line


def written_num(num: str) -> str:
    """A paragraph's number as the line writes it: a backslash before its last character (not
    before a printed bullet, where a backslash would be text)."""
    return num[:-1] + "\\" + num[-1] if num[-1] in ".)" else num


def footnote_ref(marker: str) -> str:
    return f"[^{escape(marker)}]"


def anchors_fit(text: str, anchors: tuple[Anchor, ...]) -> bool:
    """Whether the calls can stand inline: inside the text and in reading order."""
    offsets = [a.offset for a in anchors]
    return all(0 <= o <= len(text) for o in offsets) and offsets == sorted(offsets)


def inline(text: str, anchors: tuple[Anchor, ...] = (), lead: str = "") -> str:
    """`text` escaped, with `*lead*` in italics and `[^marker]` calls at their offsets."""
    inserts: dict[int, list[str]] = {}
    if lead:
        inserts.setdefault(0, []).append("*")
        inserts.setdefault(len(lead), []).append("*")
    for anchor in anchors:
        inserts.setdefault(anchor.offset, []).append(footnote_ref(anchor.marker))
    pieces = [_escape_char(text, i) for i in range(len(text))] + [""]
    return "".join("".join(inserts.get(i, ())) + piece for i, piece in enumerate(pieces))


def hatch(attributes: dict[str, Any]) -> str:
    """The trailing comment for what plain Markdown cannot say; '' when there is nothing to say."""
    if not attributes:
        return ""
    body = " ".join(f"{key}={_json(value)}" for key, value in attributes.items())
    return f"<!-- {body} -->"


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False).replace("<", "\\u003c").replace(">", "\\u003e")


def _with_hatch(line: str, attributes: dict[str, Any]) -> str:
    comment = hatch(attributes)
    if not comment:
        return line
    return f"{line} {comment}" if line else comment


# -- paragraphs ------------------------------------------------------------------------------------


class Place:
    PREAMBLE = "preamble"  # a top-level paragraph of the preamble: always plain
    BODY = "body"  # a top-level block of the body: plain when unnumbered
    CHILD = "child"  # a sub-paragraph: always a list item


@dataclass(frozen=True, slots=True)
class ItemForm:
    """How a paragraph opens its line: `marker` ("12\\. ", "- (a\\) ", "- " or "" for plain), how
    its text must start, and the indentation its children take relative to it."""

    marker: str
    num: str  # the number the reader will see in `marker`
    child_indent: int
    start: str = LineStart.TEXT  # how the text after the marker is protected

    @property
    def bullet(self) -> bool:
        return self.marker.startswith("- ")


def item_form(para: Paragraph, place: str) -> ItemForm:
    """Preambular paragraphs stand plain; a top-level "12." is a paragraph that opens with its
    number (as the UN prints it); other numbers open `- ` items, as does an unnumbered one."""
    num = para.num
    if place == Place.PREAMBLE or (place == Place.BODY and not num and para.role is Role.PREAMBULAR):
        return ItemForm("", "", PLAIN_INDENT, LineStart.PLAIN)
    if place != Place.CHILD and ORDERED_NUM.fullmatch(num):
        return ItemForm(f"{written_num(num)} ", num, PLAIN_INDENT)
    if BULLET_NUM.fullmatch(num):
        return ItemForm(f"- {written_num(num)} ", num, 2)
    return ItemForm("- ", "", 2, LineStart.BULLET)


def default_role(place: str, listed: bool) -> Role:
    """The role a paragraph's place, and whether it is a list item, imply (the reader assumes it
    unless a comment says otherwise)."""
    if place == Place.CHILD:
        return Role.SUB
    if place == Place.BODY and listed:
        return Role.OPERATIVE
    return Role.PREAMBULAR


def _paragraph_lines(para: Paragraph, indent: int, place: str) -> str:
    form = item_form(para, place)
    attributes = _paragraph_attributes(para, form, place)
    fits = "anchors" not in attributes
    lead = "" if "lead" in attributes else para.lead
    text = protect_start(inline(para.text, para.anchors if fits else (), lead), form.start)
    if not text and not form.marker:
        attributes["text"] = ""
    line = " " * indent + _with_hatch(form.marker + text if text else form.marker.rstrip(), attributes)
    children = "\n".join(_paragraph_lines(c, indent + form.child_indent, Place.CHILD) for c in para.children)
    if not children:
        return line.rstrip()
    # A list right below a paragraph line would continue that paragraph for pandoc: a blank line ends it.
    return line.rstrip() + ("\n" if form.bullet else "\n\n") + children


def _paragraph_attributes(para: Paragraph, form: ItemForm, place: str) -> dict[str, Any]:
    attributes: dict[str, Any] = {}
    if para.role is not default_role(place, bool(form.marker)):
        attributes["role"] = para.role.value
    if para.num != form.num:
        attributes["num"] = para.num
    if para.lead and not para.text.startswith(para.lead):
        attributes["lead"] = para.lead
    if not anchors_fit(para.text, para.anchors):
        attributes["anchors"] = [[a.marker, a.offset] for a in para.anchors]
    return attributes


# -- body and sections ------------------------------------------------------------------------------


def _preamble_item(item: PreambleItem) -> str:
    if isinstance(item, Heading):
        return _with_calls(BOLD, item.text, item.anchors, BOLD)
    if isinstance(item, Separator):
        return _with_hatch(SEPARATOR, {"text": item.text} if item.text != "* * *" else {})
    return _paragraph_lines(item, 0, Place.PREAMBLE)


def _with_calls(prefix: str, text: str, anchors: tuple[Anchor, ...], suffix: str = "") -> str:
    """`prefix`, `text` with its footnote calls inline (or, out of order, in a trailing comment), `suffix`."""
    if anchors_fit(text, anchors):
        return (prefix + inline(text, anchors) + suffix).rstrip()
    return _with_hatch((prefix + escape(text) + suffix).rstrip(), {"anchors": [[a.marker, a.offset] for a in anchors]})


def _body(blocks: tuple[Block, ...], heading_base: int = 2, opening: bool = True) -> list[str]:
    """The blocks of the resolution's body (or, `heading_base` 4 and no `opening`, an annex's)."""
    out: list[str] = []
    first = blocks[0] if blocks else None
    if opening and isinstance(first, Paragraph) and not item_form(first, Place.BODY).marker:
        out.append(BODY_START)  # else the reader would take it for the last preambular paragraph
    open_depth = _Open()
    for block, depth in _walk(blocks, 0):
        if isinstance(block, Section):
            out.append(_section_line(block, depth, heading_base))
            open_depth.value = depth + 1
            continue
        out.extend([END_SECTION] * (open_depth.value - depth))  # back out of sections it is not in
        open_depth.value = depth
        out.append(_table(block) if isinstance(block, Table) else _paragraph_lines(block, 0, Place.BODY))
    return out


@dataclass(slots=True)
class _Open:
    """How many sections the reader has open at this point."""

    value: int = 0


def _walk(blocks: Iterable[Block], depth: int) -> Iterable[tuple[Block, int]]:
    for block in blocks:
        yield block, depth
        if isinstance(block, Section):
            yield from _walk(block.children, depth + 1)


def split_section(content: str) -> tuple[str, str]:
    """A section heading's raw content as (number, rest): "I. Title" -> ("I.", "Title")."""
    match = SECTION_NUM.match(content)
    if not match:
        return "", content
    return match.group(0), content[match.end() + 1 :]


def _section_line(section: Section, depth: int, heading_base: int = 2) -> str:
    attributes: dict[str, Any] = {}
    fits = anchors_fit(section.heading, section.anchors)
    if not fits:
        attributes["anchors"] = [[a.marker, a.offset] for a in section.anchors]
    heading = inline(section.heading, section.anchors if fits else ())
    content = f"{section.num} {heading}" if section.num and heading else section.num or heading
    if split_section(content) != (section.num, heading):
        content = heading
        attributes["num"] = section.num
    return _with_hatch(("#" * (depth + heading_base) + " " + content).rstrip(), attributes)


# -- tables ---------------------------------------------------------------------------------------


def _table(table: Table) -> str:
    """The caption line (what pipes cannot say in its comment: how many header rows when not one,
    the cells that span, calls out of reading order), the pipe rows, then the notes. A cell
    spanning columns is followed by empty cells for the columns it covers, so that the pipe table
    stays aligned."""
    attributes = _table_attributes(table)
    caption_anchors = () if "caption" in attributes else table.caption_anchors
    caption = _table_text(table, table.caption, caption_anchors)
    rows = [_row_cells(table, row) for row in table.rows]
    width = max((len(r) for r in rows), default=1) or 1
    header, body = (rows[0], rows[1:]) if table.header_rows and rows else ([""] * width, rows)
    pipes = [_pipe_row(header), _pipe_row(["---"] * max(len(header), 1)), *(_pipe_row(cells) for cells in body)]
    notes = [_table_note(note.marker, note.text, note.anchors) for note in table.notes]
    # Blank lines around the pipe rows: a renderer takes a line next to them for a row.
    return "\n\n".join([_with_hatch(f"{TABLE_START} {caption}".rstrip(), attributes), "\n".join(pipes), *notes])


def _table_attributes(table: Table) -> dict[str, Any]:
    attributes: dict[str, Any] = {}
    if table.header_rows != 1:
        attributes["header"] = table.header_rows
    cells = [(r, c, cell) for r, row in enumerate(table.rows) for c, cell in enumerate(row)]
    spans = [[r, c, cell.colspan, cell.rowspan] for r, c, cell in cells if (cell.colspan, cell.rowspan) != (1, 1)]
    if spans:
        attributes["spans"] = spans
    if not anchors_fit(table.caption, table.caption_anchors):
        attributes["caption"] = [[a.marker, a.offset] for a in table.caption_anchors]
    unfit = [[r, c, [[a.marker, a.offset] for a in cell.anchors]] for r, c, cell in cells if not _fits(cell)]
    if unfit:
        attributes["cells"] = unfit
    return attributes


def _row_cells(table: Table, row: tuple[Cell, ...]) -> list[str]:
    cells: list[str] = []
    for cell in row:
        anchors = cell.anchors if anchors_fit(cell.text, cell.anchors) else ()
        cells.append(_table_text(table, cell.text, anchors).replace("|", "\\|"))
        cells.extend([""] * (cell.colspan - 1))
    return cells


def _pipe_row(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |" if cells else "| |"


def _table_text(table: Table, text: str, anchors: tuple[Anchor, ...]) -> str:
    """Text of a caption or cell (its calls in reading order): calls of the table's notes as
    <sup>m</sup>, others as [^m]."""
    pieces: list[str] = []
    position = 0
    for anchor in anchors:
        offset = anchor.offset
        pieces.append(escape(text[position:offset]) if position < offset else "")
        pieces.append(
            _note_call(anchor.marker) if table.calls_note(anchor.marker) else footnote_ref(anchor.marker)
        )
        position = offset
    pieces.append(escape(text[position:]))
    return "".join(pieces)


def _note_call(marker: str) -> str:
    return f"{NOTE_CALL[0]}{escape(marker)}{NOTE_CALL[1]}"


def _fits(cell: Cell) -> bool:
    return anchors_fit(cell.text, cell.anchors)


def _table_note(marker: str, text: str, anchors: tuple[Anchor, ...]) -> str:
    return _with_calls(_note_call(marker) + " ", text, anchors)


# -- annexes and footnotes ---------------------------------------------------------------------------


def uncalled_markers(resolution: Resolution) -> list[str]:
    """Markers of the footnotes the text never calls (the calls in the front matter, of the title,
    symbol, agenda items and sponsors, are no text a renderer shows), in document order: renderers
    drop a footnote definition nothing refers to, so these get calls of their own."""
    called = {a.marker for a in _text_anchors(resolution)}
    return list(dict.fromkeys(f.marker for f in resolution.footnotes if f.marker not in called))


def _text_anchors(resolution: Resolution) -> Iterable[Anchor]:
    """The footnote calls the Markdown's text carries: of the preamble, the body and the annexes."""
    for item in resolution.preamble:
        if not isinstance(item, Separator):
            yield from _block_anchors(item)
    for block in resolution.body:
        yield from _block_anchors(block)
    yield from _annex_anchors(resolution.annexes)


def _annex_anchors(annexes: Iterable[Annex]) -> Iterable[Anchor]:
    for annex in annexes:
        yield from annex.anchors
        for block in annex.body:
            yield from _block_anchors(block)
        yield from _annex_anchors(annex.annexes)


def _block_anchors(block: Block | Heading) -> Iterable[Anchor]:
    if isinstance(block, Table):
        yield from block.caption_anchors
        for row in block.rows:
            for cell in row:
                yield from cell.anchors
        for note in block.notes:
            yield from note.anchors
        return
    yield from block.anchors
    if not isinstance(block, Heading):
        for child in block.children:
            yield from _block_anchors(child)


def _annexes(annexes: tuple[Annex, ...], level: int) -> list[str]:
    out: list[str] = []
    for annex in annexes:
        out.append(_annex(annex, level))
        out.extend(_annexes(annex.annexes, level + 1))
    return out


def _annex(annex: Annex, level: int) -> str:
    """The break (its level in a comment for an annex inside an annex), the heading, the title
    (the footnote calls with the title, or with the heading when there is none), the body."""
    lines = [_with_hatch(ANNEX_BREAK, {"level": level} if level > 1 else {})]
    heading_anchors = () if annex.title else annex.anchors
    lines.append(_with_calls("## ", annex.heading, heading_anchors))
    if annex.title:
        lines.append(_with_calls("### ", annex.title, annex.anchors))
    lines.extend(_body(annex.body, ANNEX_SECTION_BASE, opening=False))
    return "\n\n".join(lines)


def _footnote(footnote: Footnote) -> str:
    fits = anchors_fit(footnote.text, footnote.anchors)
    text = protect_start(inline(footnote.text, footnote.anchors if fits else ()))
    attributes = {} if fits else {"anchors": [[a.marker, a.offset] for a in footnote.anchors]}
    return _with_hatch(f"{footnote_ref(footnote.marker)}: {text}".rstrip(), attributes)


EXPORTER = Exporter(
    name="md",
    aliases=("markdown",),
    suffix=".md",
    media_type="text/markdown",
    description="Markdown with YAML front matter, for reading and diffing (reads back losslessly)",
    export=export_markdown,
)
