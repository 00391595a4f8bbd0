"""Reads the Markdown that `exporters/markdown.py` writes back into the same `Resolution`.

The grammar is the exporter's (see its docstring): one line per paragraph, nesting by indentation,
regions in a fixed order (front matter, formula, preamble, body, annexes, footnotes). The syntax
rules themselves live in the exporter; this module only inverts them. What the exporter derives
for renderers (`pagetitle:`, the calls for uncalled footnotes) is read past. Files in the earlier
form (a `# Title` heading, `12. ` list items, bare `(a)` numbers) still read. Input that breaks
the grammar is refused with the line number, never guessed at.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field, fields, replace
from typing import Any

from resolution_cli.errors import UnreadableInput
from resolution_cli.exporters.markdown import (
    ANNEX_BREAK,
    ANNEX_SECTION_BASE,
    BODY_START,
    BOLD,
    END_SECTION,
    FRONT_MATTER,
    NO_FORMULA,
    NOTE_CALL,
    PAGE_TITLE,
    PLAIN_INDENT,
    ROW_START,
    SEPARATOR,
    TABLE_START,
    UNCALLED_FOOTNOTES,
    WRITTEN_BULLET_NUM,
    WRITTEN_ORDERED_NUM,
    Place,
    default_role,
    split_section,
)
from resolution_cli.limits import MAX_NESTING
from resolution_cli.model import (
    AgendaItem,
    Anchor,
    Annex,
    Block,
    Cell,
    DocumentKind,
    Footnote,
    Heading,
    Metadata,
    Organ,
    Paragraph,
    Position,
    Resolution,
    Role,
    Section,
    Separator,
    Sponsor,
    Table,
    TableNote,
)
from resolution_cli.readers.base import DEFAULT_OPTIONS, ReadOptions, wide_encoding


def markdown_error(line: int, message: str) -> UnreadableInput:
    """The error for Markdown that breaks the grammar. (A plain UnreadableInput, built from its one
    message as every ResolutionError is: it crosses process pools and gets the file name put
    before it, `type(error)(message)`.)"""
    return UnreadableInput(f"Markdown line {line}: {message}")


def read_markdown(data: bytes, options: ReadOptions = DEFAULT_OPTIONS) -> Resolution:
    encoding = wide_encoding(data) or "utf-8-sig"  # UTF-16/32 with a byte-order mark, as Windows saves it
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        raise UnreadableInput(f"Markdown input is not {encoding.upper()}: save it as UTF-8") from None
    lines = text.replace("\r\n", "\n").split("\n")
    meta, first = _front_matter(lines)
    parser = _Parser(meta)
    for number, line in enumerate(lines[first:], first + 1):
        if line.strip():
            parser.feed(number, line)
    return parser.result()


# -- front matter ----------------------------------------------------------------------------------

_YAML_ESCAPES = {"\\": "\\", '"': '"', "/": "/", "n": "\n", "t": "\t", "r": "\r", "0": "\0", " ": " "}
_YAML_HEX = {"x": 2, "u": 4, "U": 8}
_KEY = re.compile(r"(?P<indent> *)(?P<dash>- )?(?P<key>[a-z_]+):(?: (?P<value>.*))?$")


def yaml_string(raw: str, line: int) -> str:
    """A plain or double-quoted YAML scalar, as written by `exporters.markdown.yaml_scalar`."""
    raw = raw.strip()
    if not raw.startswith('"'):
        return raw
    if len(raw) < 2 or not raw.endswith('"'):
        raise markdown_error(line, "unterminated quoted string in the front matter")
    out: list[str] = []
    body, i = raw[1:-1], 0
    while i < len(body):
        char = body[i]
        if char == '"':
            raise markdown_error(line, "unescaped '\"' in a quoted string: write \\\"")
        if char != "\\":
            out.append(char)
            i += 1
            continue
        code = body[i + 1 : i + 2]
        if code in _YAML_HEX:
            digits = body[i + 2 : i + 2 + _YAML_HEX[code]]
            if len(digits) != _YAML_HEX[code] or not re.fullmatch(r"[0-9A-Fa-f]+", digits):
                raise markdown_error(line, f"bad escape \\{code}{digits} in a quoted string")
            out.append(code_point(int(digits, 16), line))
            i += 2 + len(digits)
        elif code in _YAML_ESCAPES:
            out.append(_YAML_ESCAPES[code])
            i += 2
        else:
            raise markdown_error(line, f"unknown escape \\{code} in a quoted string")
    return "".join(out)


def code_point(value: int, line: int) -> str:
    if value > 0x10FFFF or 0xD800 <= value <= 0xDFFF:
        raise markdown_error(line, f"character number {value} is not a Unicode character")
    return chr(value)


def _front_matter(lines: list[str]) -> tuple[Metadata, int]:
    if not lines or lines[0] != FRONT_MATTER:
        raise markdown_error(1, "no YAML front matter: the file must open with '---'")
    try:
        end = lines.index(FRONT_MATTER, 1)
    except ValueError:
        raise markdown_error(1, "the front matter is never closed with '---'") from None
    values: dict[str, Any] = {}
    current: str | None = None
    for number, line in enumerate(lines[1:end], 2):
        current = _front_matter_line(values, current, number, line)
    return _metadata(values, end), end + 1


_META_FIELDS = {spec.name: spec for spec in fields(Metadata)}
_LIST_FIELDS = {"agenda_items", "sponsors"}


def _front_matter_line(values: dict[str, Any], current: str | None, number: int, line: str) -> str | None:
    """Adds one front matter line to `values`; returns the list key the next lines may extend."""
    if not line.strip():
        return current
    match = _KEY.fullmatch(line)
    if current == "sponsors" and (match is None or not match["indent"]) and line.startswith("  - "):
        values[current].append({"name": yaml_string(line[4:], number)})
        return current
    if not match:
        raise markdown_error(number, f"cannot read front matter line {line.strip()[:40]!r}")
    key, value, nested = match["key"], match["value"], bool(match["indent"])
    if key == PAGE_TITLE and not nested and not match["dash"]:
        return None  # derived from the symbol, for renderers
    if nested and current == "agenda_items":
        _agenda_line(values[current], key, value or "", bool(match["dash"]), number)
        return current
    if nested and current == "sponsors":
        _sponsor_line(values[current], key, value or "", bool(match["dash"]), number)
        return current
    if nested or match["dash"] or key not in _META_FIELDS:
        raise markdown_error(number, f"unknown front matter key {key!r}")
    if key in _LIST_FIELDS:
        values[key] = []
        return key
    if key in ("title_anchors", "symbol_anchors"):
        values[key] = _calls_value(value or "", number)
        return None
    values[key] = yaml_string(value or "", number)
    return None


def _agenda_line(items: list[dict[str, Any]], key: str, value: str, starts_item: bool, number: int) -> None:
    known = key in ("number", "name", "footnote_calls")
    if not known or starts_item != (key == "number") or not (starts_item or items):
        raise markdown_error(number, "an agenda item is '- number: ...' then optionally 'name: ...', 'footnote_calls:'")
    if starts_item:
        items.append({})
    items[-1][key] = _calls_value(value, number) if key == "footnote_calls" else yaml_string(value, number)


def _sponsor_line(sponsors: list[dict[str, Any]], key: str, value: str, starts_item: bool, number: int) -> None:
    """A sponsor written as a mapping: '- name: ...', then 'on_behalf_of: ...', 'footnote_calls: [...]'."""
    known = key in ("name", "on_behalf_of", "footnote_calls")
    if not known or starts_item != (key == "name") or not (starts_item or sponsors):
        raise markdown_error(number, "a sponsor is '- Name', or '- name: ...' then 'on_behalf_of:', 'footnote_calls:'")
    if starts_item:
        sponsors.append({})
    if key == "footnote_calls":
        sponsors[-1][key] = _calls_value(value, number)
    else:
        sponsors[-1][key] = yaml_string(value, number)


def _calls_value(value: str, number: int) -> tuple[Anchor, ...]:
    """Footnote calls in the front matter: a flow sequence of [marker, offset] pairs."""
    try:
        pairs = json.loads(value)
    except json.JSONDecodeError:
        pairs = None
    if not isinstance(pairs, list) or not all(_is_anchor(pair) for pair in pairs):
        raise markdown_error(number, "footnote calls are a list of [marker, offset] pairs")
    return _anchors(pairs)


def _metadata(values: dict[str, Any], line: int) -> Metadata:
    try:
        kind = DocumentKind(values.pop("kind", DocumentKind.RESOLUTION.value))
        organ = Organ(values.pop("organ", Organ.GENERAL_ASSEMBLY.value))
    except ValueError as error:
        raise markdown_error(line, f"front matter: {error}") from None
    agenda = tuple(
        AgendaItem(i["number"], i.get("name", ""), i.get("footnote_calls", ())) for i in values.pop("agenda_items", [])
    )
    sponsors = tuple(
        Sponsor(s["name"], s.get("on_behalf_of", ""), s.get("footnote_calls", ())) for s in values.pop("sponsors", [])
    )
    return Metadata(kind=kind, organ=organ, agenda_items=agenda, sponsors=sponsors, **values)


# -- inline text -----------------------------------------------------------------------------------

_ENTITY = re.compile(r"&#(\d{1,7});")
_HATCH_ATTRIBUTE = re.compile(r"\s*([a-z]+)=")


@dataclass(frozen=True, slots=True)
class Inline:
    text: str
    lead: str
    anchors: tuple[Anchor, ...]


def parse_inline(raw: str, line: int, lead_allowed: bool = True) -> Inline:
    """Inverts `exporters.markdown.inline`: escapes, entities, `*lead*` and `[^marker]` calls."""
    out: list[str] = []
    anchors: list[Anchor] = []
    lead: str | None = None
    italic = False
    i = 0
    while i < len(raw):
        char = raw[i]
        if char == "\\" and i + 1 < len(raw):
            out.append(raw[i + 1])
            i += 2
        elif char == "&" and (entity := _ENTITY.match(raw, i)):
            out.append(code_point(int(entity.group(1)), line))
            i = entity.end()
        elif raw.startswith("[^", i):
            marker, i = _label(raw, i + 2, line)
            anchors.append(Anchor(marker, len(out)))
        elif char == "*":
            if lead_allowed and i == 0:
                italic = True
            elif italic:
                italic, lead = False, "".join(out)
            else:
                raise markdown_error(line, "unexpected '*': only the lead phrase is in italics (escape it: \\*)")
            i += 1
        else:
            out.append(char)
            i += 1
    if italic:
        raise markdown_error(line, "the italic lead phrase is never closed with '*'")
    return Inline("".join(out), lead or "", tuple(anchors))


def _label(raw: str, start: int, line: int) -> tuple[str, int]:
    """A footnote label from `start` to its unescaped ']', unescaped, and the index after it."""
    out: list[str] = []
    i = start
    while i < len(raw):
        if raw[i] == "]":
            return parse_inline("".join(out), line, lead_allowed=False).text, i + 1
        step = 2 if raw[i] == "\\" else 1
        out.append(raw[i : i + step])
        i += step
    raise markdown_error(line, "a footnote call '[^' is never closed with ']'")


def split_hatch(raw: str, line: int) -> tuple[str, dict[str, Any]]:
    """`raw` without its trailing `<!-- key=value ... -->` comment, and that comment's values."""
    start = raw.rfind("<!--")
    if not raw.endswith("-->") or start < 0 or (start > 0 and raw[start - 1] != " "):
        return raw, {}
    body, attributes, i = raw[start + 4 : -3].rstrip(), {}, 0
    decoder = json.JSONDecoder()
    while i < len(body):
        key = _HATCH_ATTRIBUTE.match(body, i)
        if not key:
            raise markdown_error(line, f"cannot read the comment {raw[start:][:60]!r}")
        try:
            value, i = decoder.raw_decode(body, key.end())
        except (json.JSONDecodeError, RecursionError):  # RecursionError: arrays nested a thousand deep
            raise markdown_error(line, f"cannot read the value of {key.group(1)!r} in a comment") from None
        attributes[key.group(1)] = _attribute(key.group(1), value, line, body[key.end() : i])
    return raw[: max(start - 1, 0)], attributes


_STRING_ATTRIBUTES = ("num", "lead", "text")


def _attribute(key: str, value: Any, line: int, written: str) -> Any:
    """`value` if it is what the exporter writes under `key`; else the line is refused (quoting
    what was `written`, not the value dumped again, which could nest too deep to dump)."""
    if key in _STRING_ATTRIBUTES and isinstance(value, str):
        return value
    if key == "role" and value in {role.value for role in Role}:
        return value
    if key == "anchors" and isinstance(value, list) and all(_is_anchor(pair) for pair in value):
        return value
    if key in ("header", "level") and _is_count(value, 0 if key == "header" else 1):
        return value
    if key == "spans" and isinstance(value, list) and all(_is_span(item) for item in value):
        return value
    if key == "caption" and isinstance(value, list) and all(_is_anchor(pair) for pair in value):
        return value
    if key == "cells" and isinstance(value, list) and all(_is_cell_calls(item) for item in value):
        return value
    raise markdown_error(line, f"unexpected {key}={written.strip()[:40]} in a comment")


def _is_count(value: Any, least: int) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= least


def _is_span(item: Any) -> bool:
    """[row, cell, colspan, rowspan]"""
    return isinstance(item, list) and len(item) == 4 and all(_is_count(v, 0) for v in item) and min(item[2:]) >= 1


def _is_cell_calls(item: Any) -> bool:
    """[row, cell, [[marker, offset], ...]]"""
    if not (isinstance(item, list) and len(item) == 3 and _is_count(item[0], 0) and _is_count(item[1], 0)):
        return False
    return isinstance(item[2], list) and all(_is_anchor(pair) for pair in item[2])


def _is_anchor(pair: Any) -> bool:
    return (
        isinstance(pair, list)
        and len(pair) == 2
        and isinstance(pair[0], str)
        and isinstance(pair[1], int)
        and not isinstance(pair[1], bool)
    )


# -- the document ----------------------------------------------------------------------------------

_HEADING = re.compile(r"(?P<hashes>#+)(?: (?P<content>.*))?$")
_ORDERED = re.compile(rf"(?P<num>{WRITTEN_ORDERED_NUM.pattern})(?: (?P<content>.*))?$")
_BULLET = re.compile(r"-(?: (?P<content>.*))?$")
_CALL = r"\[\^(?:[^\]\\]|\\.)*\]"
_DEFINITION = re.compile(r"\[\^(?P<label>(?:[^\]\\]|\\.)*)\]:(?: (?P<content>.*))?$")
# The calls the exporter writes for footnotes the text never calls: derived, so read past.
_UNCALLED = re.compile(rf"{re.escape(UNCALLED_FOOTNOTES)}(?: {_CALL})+")


def _bare_num(written: str) -> str:
    """A number as the model holds it: "12\\." -> "12.", "(a\\)" -> "(a)" (older files: as is)."""
    return written.replace("\\", "")


@dataclass(slots=True)
class _Para:
    role: Role
    num: str
    inline: Inline
    attributes: dict[str, Any]
    children: list[_Para] = field(default_factory=list)
    line: int = 0

    def freeze(self) -> Paragraph:
        attributes = self.attributes
        anchors = _anchors(attributes["anchors"]) if "anchors" in attributes else self.inline.anchors
        return Paragraph(
            role=Role(attributes.get("role", self.role.value)),
            text=attributes.get("text", self.inline.text),
            num=attributes.get("num", self.num),
            lead=attributes.get("lead", self.inline.lead),
            anchors=anchors,
            children=tuple(c.freeze() for c in self.children),
            position=Position(line=self.line),
        )


@dataclass(slots=True)
class _Section:
    num: str
    heading: str
    anchors: tuple[Anchor, ...]
    children: list[_Para | _Section | _Table] = field(default_factory=list)
    line: int = 0

    def freeze(self) -> Section:
        children = tuple(c.freeze() for c in self.children)
        return Section(self.num, self.heading, children, self.anchors, position=Position(line=self.line))


@dataclass(slots=True)
class _Table:
    """A table while its lines arrive: caption line, header row, delimiter, rows, notes."""

    caption: Inline
    header_rows: int
    spans: dict[tuple[int, int], tuple[int, int]]  # (row, cell index) -> (colspan, rowspan)
    line: int
    calls: dict[tuple[int, int], tuple[Anchor, ...]]  # (row, cell index) -> calls out of reading order
    rows: list[list[Cell]] = field(default_factory=list)
    header_seen: bool = False  # the pipe header line (the first header row, or a blank filler)
    delimiter_seen: bool = False
    notes: list[TableNote] = field(default_factory=list)

    def freeze(self) -> Table:
        return Table(
            rows=tuple(tuple(row) for row in self.rows),
            header_rows=self.header_rows,
            caption=self.caption.text,
            caption_anchors=self.caption.anchors,
            notes=tuple(self.notes),
            position=Position(line=self.line),
        )


@dataclass(slots=True)
class _Body:
    """Where blocks go: the resolution's body, or an annex's (whose sections start at '####')."""

    blocks: list[_Para | _Section | _Table] = field(default_factory=list)
    sections: list[_Section] = field(default_factory=list)  # open sections, outermost first
    heading_base: int = 2

    def container(self) -> list[_Para | _Section | _Table]:
        return self.sections[-1].children if self.sections else self.blocks

    def freeze(self) -> tuple[Block, ...]:
        return tuple(b.freeze() for b in self.blocks)


@dataclass(slots=True)
class _Annex:
    heading: str
    heading_anchors: tuple[Anchor, ...]
    line: int
    title: str = ""
    title_anchors: tuple[Anchor, ...] = ()
    titled: bool = False  # the title line was read (or the body began)
    body: _Body = field(default_factory=lambda: _Body(heading_base=ANNEX_SECTION_BASE))
    inner: list[_Annex] = field(default_factory=list)

    def freeze(self) -> Annex:
        return Annex(
            heading=self.heading,
            title=self.title,
            body=self.body.freeze(),
            annexes=tuple(a.freeze() for a in self.inner),
            anchors=self.title_anchors if self.title else self.heading_anchors,
            position=Position(line=self.line),
        )


def _anchors(pairs: Any) -> tuple[Anchor, ...]:
    return tuple(Anchor(str(marker), int(offset)) for marker, offset in pairs)


class _Region:
    START, FORMULA, PREAMBLE, BODY, ANNEXES, FOOTNOTES = range(6)


@dataclass(slots=True)
class _Parser:
    meta: Metadata
    region: int = _Region.START
    formula: str = ""
    preamble: list[_Para | Heading | Separator] = field(default_factory=list)
    body: _Body = field(default_factory=_Body)
    target: _Body | None = None  # where blocks go now: `body`, or the open annex's
    open_items: list[tuple[int, _Para]] = field(default_factory=list)  # (children's indent, paragraph)
    table: _Table | None = None  # the table whose rows and notes may follow
    annexes: list[_Annex] = field(default_factory=list)
    annex_path: list[_Annex] = field(default_factory=list)  # the open annex and those around it
    annex_heading_next: int = 0  # just after an annex break: the level of the annex it opens
    footnotes: list[Footnote] = field(default_factory=list)

    def result(self) -> Resolution:
        return Resolution(
            meta=self.meta,
            formula=self.formula,
            preamble=tuple(p.freeze() if isinstance(p, _Para) else p for p in self.preamble),
            body=self.body.freeze(),
            footnotes=tuple(self.footnotes),
            annexes=tuple(a.freeze() for a in self.annexes),
        )

    def feed(self, number: int, line: str) -> None:
        content = line.lstrip(" ")
        indent = len(line) - len(content)
        if indent:
            self._child(number, indent, content)
            return
        self.open_items = []
        if self._table_line(number, content):
            return
        self.table = None
        if self.region < _Region.FOOTNOTES and _UNCALLED.fullmatch(content):
            self.region = _Region.FOOTNOTES  # only definitions follow
        elif self.region == _Region.FOOTNOTES or _DEFINITION.match(content):
            self._footnote(number, content)
        elif self.region == _Region.ANNEXES or content == ANNEX_BREAK or content.startswith(ANNEX_BREAK + " <!--"):
            self._annex_line(number, content)
        elif self.region <= _Region.FORMULA and self._opening(number, content):
            return
        else:
            self._block(number, content)

    def _opening(self, number: int, content: str) -> bool:
        """Title and enacting formula; False when `content` is already past them."""
        heading = _HEADING.match(content)
        if self.region == _Region.START and heading and len(heading["hashes"]) == 1:
            if self.meta.title:
                raise markdown_error(number, "the title is in the front matter: a '# ' heading is not expected")
            # Files written before the title moved into the front matter carry it as this heading.
            title = parse_inline(heading["content"] or "", number, lead_allowed=False).text
            self.meta = replace(self.meta, title=title)
            self.region = _Region.FORMULA
            return True
        self.region = _Region.PREAMBLE
        if content == NO_FORMULA:
            return True
        if _plain(content):
            self.formula = parse_inline(content, number, lead_allowed=False).text
            return True
        return False

    def _block(self, number: int, content: str) -> None:
        body = self.target or self.body
        if self.region == _Region.PREAMBLE and self._preamble_line(number, content):
            return
        if content == BODY_START and self.region == _Region.PREAMBLE:
            self.region = _Region.BODY
        elif content == END_SECTION and self.region in (_Region.BODY, _Region.ANNEXES) and body.sections:
            body.sections.pop()
        elif content.startswith(TABLE_START):
            self._enter_body()
            self._table_start(number, content[len(TABLE_START) :])
        elif heading := _HEADING.match(content):
            self._enter_body()
            self._section(number, len(heading["hashes"]) - body.heading_base, heading["content"] or "")
        elif _plain(content):
            place = Place.PREAMBLE if self.region == _Region.PREAMBLE else Place.BODY
            self._top(_paragraph(number, content, default_role(place, False), "", PLAIN_INDENT))
        else:
            self._enter_body()
            self._top(_list_item(number, content, default_role(Place.BODY, True)))

    def _enter_body(self) -> None:
        if self.region < _Region.BODY:
            self.region = _Region.BODY

    def _preamble_line(self, number: int, content: str) -> bool:
        """A heading (**...**) or a separator (- - -) among the preambular paragraphs."""
        if not content.startswith((SEPARATOR, BOLD)):
            return False
        raw, attributes = split_hatch(content, number)
        if raw == SEPARATOR:
            self.preamble.append(Separator(attributes.get("text", "* * *"), position=Position(line=number)))
            return True
        if raw.startswith(BOLD) and raw.endswith(BOLD) and len(raw) >= 2 * len(BOLD):
            parsed = parse_inline(raw[len(BOLD) : -len(BOLD)], number, lead_allowed=False)
            anchors = _anchors(attributes["anchors"]) if "anchors" in attributes else parsed.anchors
            self.preamble.append(Heading(parsed.text, anchors, position=Position(line=number)))
            return True
        return False

    def _top(self, item: tuple[int, _Para]) -> None:
        if self.region == _Region.PREAMBLE:
            self.preamble.append(item[1])
        else:
            (self.target or self.body).container().append(item[1])
        self.open_items = [item]

    def _child(self, number: int, indent: int, content: str) -> None:
        while self.open_items and self.open_items[-1][0] > indent:
            self.open_items.pop()
        if not self.open_items or self.open_items[-1][0] != indent or _plain(content):
            raise markdown_error(number, "an indented line must be a sub-paragraph ('- (a\\) ...') under a paragraph")
        if len(self.open_items) + len((self.target or self.body).sections) >= MAX_NESTING:
            raise markdown_error(number, f"sub-paragraphs nested more than {MAX_NESTING} levels deep")
        item = _list_item(number, content, default_role(Place.CHILD, True), indent)
        self.open_items[-1][1].children.append(item[1])
        self.open_items.append(item)

    def _section(self, number: int, depth: int, content: str) -> None:
        body = self.target or self.body
        if depth < 0 or depth > len(body.sections):
            level = depth + body.heading_base
            raise markdown_error(number, f"heading level {level} does not follow from the headings above it")
        if depth >= MAX_NESTING:
            raise markdown_error(number, f"sections nested more than {MAX_NESTING} levels deep")
        raw, attributes = split_hatch(content, number)
        num, rest = (attributes["num"], raw) if "num" in attributes else split_section(raw)
        parsed = parse_inline(rest, number, lead_allowed=False)
        anchors = _anchors(attributes["anchors"]) if "anchors" in attributes else parsed.anchors
        del body.sections[depth:]
        section = _Section(num, parsed.text, anchors, line=number)
        body.container().append(section)
        body.sections.append(section)

    # -- tables ------------------------------------------------------------------------------------

    def _table_start(self, number: int, rest: str) -> None:
        raw, attributes = split_hatch(rest.lstrip(" "), number)
        header = attributes.get("header", 1)
        spans = {(r, c): (colspan, rowspan) for r, c, colspan, rowspan in attributes.get("spans", [])}
        caption = _table_text(raw, number)
        if "caption" in attributes:
            caption = Inline(caption.text, "", _anchors(attributes["caption"]))
        calls = {(r, c): _anchors(pairs) for r, c, pairs in attributes.get("cells", [])}
        self.table = _Table(caption, header, spans, number, calls)
        (self.target or self.body).container().append(self.table)

    def _table_line(self, number: int, content: str) -> bool:
        """A row, the delimiter or a note of the table just opened; False for any other line."""
        table = self.table
        if table is None:
            if content.startswith(ROW_START):
                raise markdown_error(number, f"a table opens with a '{TABLE_START}' line (its caption, maybe empty)")
            return False
        if content.startswith(NOTE_CALL[0]) and table.delimiter_seen:
            table.notes.append(_table_note(content, number))
            return True
        if not content.startswith(ROW_START) or table.notes:
            return False
        cells = _split_row(content, number)
        if not table.header_seen:
            table.header_seen = True
            if table.header_rows:
                table.rows.append(self._cells(table, cells, number))
        elif not table.delimiter_seen:
            if not all(re.fullmatch(r":?-+:?", c.strip()) for c in cells):
                raise markdown_error(number, "the second line of a table is its delimiter row ('| --- | --- |')")
            table.delimiter_seen = True
        else:
            table.rows.append(self._cells(table, cells, number))
        return True

    def _cells(self, table: _Table, raw_cells: list[str], number: int) -> list[Cell]:
        """The cells of the row `len(table.rows)`: a spanning cell's empty followers dropped."""
        row = len(table.rows)
        cells: list[Cell] = []
        skip = 0
        for raw in raw_cells:
            if skip:
                skip -= 1
                continue
            colspan, rowspan = table.spans.get((row, len(cells)), (1, 1))
            parsed = _table_text(raw.strip(" "), number)
            anchors = table.calls.get((row, len(cells)), parsed.anchors)
            cells.append(Cell(parsed.text, anchors, colspan, rowspan))
            skip = colspan - 1
        return cells

    # -- annexes -----------------------------------------------------------------------------------

    def _annex_line(self, number: int, content: str) -> None:
        self.region = _Region.ANNEXES
        raw, attributes = split_hatch(content, number) if content.startswith(ANNEX_BREAK) else (content, {})
        heading = _HEADING.match(content)
        level = len(heading["hashes"]) if heading else 0
        if raw == ANNEX_BREAK:
            nesting = attributes.get("level", 1)
            if not isinstance(nesting, int) or not 1 <= nesting <= len(self.annex_path) + 1:
                raise markdown_error(number, f"an annex at level {nesting} has no annex around it")
            if nesting > MAX_NESTING:
                raise markdown_error(number, f"annexes nested more than {MAX_NESTING} levels deep")
            self.annex_heading_next = nesting
        elif self.annex_heading_next:
            if level != 2:
                raise markdown_error(number, f"after '{ANNEX_BREAK}' comes the annex's '## ' heading")
            text, anchors = _heading_calls((heading["content"] or "") if heading else "", number)
            self._open_annex(_Annex(text, anchors, line=number))
        elif not self.annex_path:
            raise markdown_error(number, f"an annex opens with '{ANNEX_BREAK}'")
        elif level == 3 and not self.annex_path[-1].titled:
            annex = self.annex_path[-1]
            annex.title, annex.title_anchors = _heading_calls((heading["content"] or "") if heading else "", number)
            annex.titled = True
        else:
            self.annex_path[-1].titled = True
            self._block(number, content)

    def _open_annex(self, annex: _Annex) -> None:
        nesting = self.annex_heading_next
        del self.annex_path[nesting - 1 :]
        (self.annex_path[-1].inner if self.annex_path else self.annexes).append(annex)
        self.annex_path.append(annex)
        self.target = annex.body
        self.annex_heading_next = 0

    def _footnote(self, number: int, content: str) -> None:
        self.region = _Region.FOOTNOTES
        match = _DEFINITION.fullmatch(content)
        if not match:
            raise markdown_error(number, "after the first footnote definition only '[^n]: text' lines may follow")
        marker = parse_inline(match["label"], number, lead_allowed=False).text
        raw, attributes = split_hatch(match["content"] or "", number)
        parsed = parse_inline(raw, number, lead_allowed=False)
        anchors = _anchors(attributes["anchors"]) if "anchors" in attributes else parsed.anchors
        self.footnotes.append(Footnote(marker, parsed.text, anchors, position=Position(line=number)))


def _calls(content: str, number: int) -> Inline:
    """A line's text and footnote calls: inline, or as the trailing comment gives them."""
    raw, attributes = split_hatch(content, number)
    parsed = parse_inline(raw, number, lead_allowed=False)
    if "anchors" in attributes:
        return Inline(parsed.text, "", _anchors(attributes["anchors"]))
    return parsed


def _heading_calls(content: str, number: int) -> tuple[str, tuple[Anchor, ...]]:
    parsed = _calls(content, number)
    return parsed.text, parsed.anchors


def _split_row(content: str, number: int) -> list[str]:
    """The raw cells of a pipe row '| a | b |' (an escaped '\\|' is text)."""
    body = content.strip()
    if len(body) < 2 or not body.endswith(ROW_START) or body.endswith("\\" + ROW_START):
        raise markdown_error(number, "a table row opens and closes with '|'")
    cells: list[str] = []
    current: list[str] = []
    i = 1
    while i < len(body) - 1:
        if body[i] == "\\" and i + 1 < len(body) - 1:
            current.append(body[i : i + 2])
            i += 2
            continue
        if body[i] == ROW_START:
            cells.append("".join(current))
            current = []
        else:
            current.append(body[i])
        i += 1
    cells.append("".join(current))
    return cells


def _table_text(raw: str, number: int) -> Inline:
    """A cell's or caption's text: escapes as elsewhere, [^m] footnote calls, <sup>m</sup> calls
    of the table's own notes."""
    out: list[str] = []
    anchors: list[Anchor] = []
    position = 0
    for piece, marker in _note_calls(raw, number):
        parsed = parse_inline(piece, number, lead_allowed=False)
        anchors.extend(Anchor(a.marker, a.offset + position) for a in parsed.anchors)
        out.append(parsed.text)
        position += len(parsed.text)
        if marker is not None:
            anchors.append(Anchor(marker, position))
    return Inline("".join(out), "", tuple(anchors))


def _note_calls(raw: str, number: int) -> list[tuple[str, str | None]]:
    """`raw` cut at its unescaped <sup>m</sup>: (text before, marker or None for the last piece)."""
    pieces: list[tuple[str, str | None]] = []
    start = i = 0
    opening, closing = NOTE_CALL
    while i < len(raw):
        if raw[i] == "\\":
            i += 2
            continue
        if raw.startswith(opening, i):
            end = _unescaped(raw, closing, i + len(opening), number)
            marker = parse_inline(raw[i + len(opening) : end], number, lead_allowed=False).text
            pieces.append((raw[start:i], marker))
            start = i = end + len(closing)
            continue
        i += 1
    pieces.append((raw[start:], None))
    return pieces


def _table_note(content: str, number: int) -> TableNote:
    """'<sup>a</sup> Note text.'"""
    opening, closing = NOTE_CALL
    end = _unescaped(content, closing, len(opening), number)
    marker = parse_inline(content[len(opening) : end], number, lead_allowed=False).text
    rest = content[end + len(closing) :]
    parsed = _calls(rest[1:] if rest.startswith(" ") else rest, number)
    return TableNote(marker, parsed.text, parsed.anchors)


def _unescaped(raw: str, token: str, start: int, number: int) -> int:
    """Where `token` first stands in `raw` from `start` outside a backslash escape."""
    i = start
    while i < len(raw):
        if raw[i] == "\\":
            i += 2
            continue
        if raw.startswith(token, i):
            return i
        i += 1
    raise markdown_error(number, f"'{NOTE_CALL[0]}' is never closed with '{token}'")


def _text(raw: str, number: int) -> str:
    return parse_inline(raw, number, lead_allowed=False).text


def _plain(content: str) -> bool:
    """A line that is no list item, heading, break, table, preamble heading or marker: a paragraph."""
    if _ORDERED.match(content) or _BULLET.match(content) or _HEADING.match(content) or content == ANNEX_BREAK:
        return False
    if content.startswith((TABLE_START, ROW_START, NOTE_CALL[0], BOLD, ANNEX_BREAK + " <!--")):
        return False
    return content not in (BODY_START, END_SECTION, NO_FORMULA)


def _paragraph(number: int, content: str, role: Role, num: str, child_indent: int) -> tuple[int, _Para]:
    raw, attributes = split_hatch(content, number)
    return child_indent, _Para(role, num, parse_inline(raw, number), attributes, line=number)


def _list_item(number: int, content: str, role: Role, indent: int = 0) -> tuple[int, _Para]:
    """A numbered paragraph ("12\\. ...") or a bullet item ("- (a\\) ..."); the indent its children take."""
    if ordered := _ORDERED.match(content):
        written = ordered["num"]
        # "12\\. " is a paragraph opening with its number, its children after a blank line;
        # an older file's "12. " was a list item, its children under its text.
        child_indent = PLAIN_INDENT if "\\" in written else len(written) + 1
        return _paragraph(number, ordered["content"] or "", role, _bare_num(written), indent + child_indent)
    bullet = _BULLET.match(content)
    if not bullet:
        raise markdown_error(number, "expected a numbered paragraph ('1\\. ...') or a list item ('- (a\\) ...')")
    rest = bullet["content"] or ""
    num_match = WRITTEN_BULLET_NUM.match(rest)
    num = ""
    if num_match and rest[num_match.end() : num_match.end() + 1] in ("", " "):
        num, rest = _bare_num(num_match.group(0)), rest[num_match.end() + 1 :]
    return _paragraph(number, rest, role, num, indent + 2)
