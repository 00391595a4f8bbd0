"""Reads the Markdown that `exporters/markdown.py` writes back into the same `Resolution`.

The grammar is the exporter's (see its docstring): one line per paragraph, nesting by indentation,
regions in a fixed order (title, formula, preamble, body, annexes, footnotes). The syntax rules
themselves live in the exporter; this module only inverts them. Input that breaks the grammar is
refused with the line number, never guessed at.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field, fields, replace
from typing import Any

from resolution_cli.errors import UnreadableInput
from resolution_cli.exporters.markdown import (
    ANNEX_BREAK,
    BODY_START,
    BULLET_NUM,
    END_SECTION,
    FRONT_MATTER,
    NO_FORMULA,
    ORDERED_NUM,
    PLAIN_INDENT,
    Place,
    default_role,
    split_section,
)
from resolution_cli.limits import MAX_NESTING
from resolution_cli.model import (
    AgendaItem,
    Anchor,
    Annex,
    DocumentKind,
    Footnote,
    Metadata,
    Organ,
    Paragraph,
    Position,
    Resolution,
    Role,
    Section,
)
from resolution_cli.readers.base import DEFAULT_OPTIONS, ReadOptions


def markdown_error(line: int, message: str) -> UnreadableInput:
    """The error for Markdown that breaks the grammar. (A plain UnreadableInput, built from its one
    message as every ResolutionError is: it crosses process pools and gets the file name put
    before it, `type(error)(message)`.)"""
    return UnreadableInput(f"Markdown line {line}: {message}")


def read_markdown(data: bytes, options: ReadOptions = DEFAULT_OPTIONS) -> Resolution:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise UnreadableInput("Markdown input is not UTF-8: save it as UTF-8") from None
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
    if line.startswith("  - ") and current == "sponsors":
        values[current].append(yaml_string(line[4:], number))
        return current
    match = _KEY.fullmatch(line)
    if not match:
        raise markdown_error(number, f"cannot read front matter line {line.strip()[:40]!r}")
    key, value, nested = match["key"], match["value"], bool(match["indent"])
    if nested and current == "agenda_items":
        _agenda_line(values[current], key, value or "", bool(match["dash"]), number)
        return current
    if nested or match["dash"] or key not in _META_FIELDS or key == "title":
        raise markdown_error(number, f"unknown front matter key {key!r}")
    if key in _LIST_FIELDS:
        values[key] = []
        return key
    values[key] = yaml_string(value or "", number)
    return None


def _agenda_line(items: list[dict[str, str]], key: str, value: str, starts_item: bool, number: int) -> None:
    if key not in ("number", "name") or starts_item != (key == "number") or not (starts_item or items):
        raise markdown_error(number, "an agenda item is '- number: ...' then optionally 'name: ...'")
    if starts_item:
        items.append({})
    items[-1][key] = yaml_string(value, number)


def _metadata(values: dict[str, Any], line: int) -> Metadata:
    try:
        kind = DocumentKind(values.pop("kind", DocumentKind.RESOLUTION.value))
        organ = Organ(values.pop("organ", Organ.GENERAL_ASSEMBLY.value))
    except ValueError as error:
        raise markdown_error(line, f"front matter: {error}") from None
    agenda = tuple(AgendaItem(i["number"], i.get("name", "")) for i in values.pop("agenda_items", []))
    sponsors = tuple(values.pop("sponsors", []))
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
    raise markdown_error(line, f"unexpected {key}={written.strip()[:40]} in a comment")


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
_ORDERED = re.compile(rf"(?P<num>{ORDERED_NUM.pattern})(?: (?P<content>.*))?$")
_BULLET = re.compile(r"-(?: (?P<content>.*))?$")
_DEFINITION = re.compile(r"\[\^(?P<label>(?:[^\]\\]|\\.)*)\]:(?: (?P<content>.*))?$")


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
    children: list[_Para | _Section] = field(default_factory=list)
    line: int = 0

    def freeze(self) -> Section:
        children = tuple(c.freeze() for c in self.children)
        return Section(self.num, self.heading, children, self.anchors, position=Position(line=self.line))


def _anchors(pairs: Any) -> tuple[Anchor, ...]:
    return tuple(Anchor(str(marker), int(offset)) for marker, offset in pairs)


class _Region:
    START, FORMULA, PREAMBLE, BODY, ANNEXES, FOOTNOTES = range(6)


@dataclass(slots=True)
class _Parser:
    meta: Metadata
    region: int = _Region.START
    title: str = ""
    formula: str = ""
    preamble: list[_Para] = field(default_factory=list)
    body: list[_Para | _Section] = field(default_factory=list)
    sections: list[_Section] = field(default_factory=list)  # open sections, outermost first
    open_items: list[tuple[int, _Para]] = field(default_factory=list)  # (children's indent, paragraph)
    annexes: list[Annex] = field(default_factory=list)
    annex_heading_next: bool = False  # just after an annex break
    footnotes: list[Footnote] = field(default_factory=list)

    def result(self) -> Resolution:
        return Resolution(
            meta=replace(self.meta, title=self.title),
            formula=self.formula,
            preamble=tuple(p.freeze() for p in self.preamble),
            body=tuple(b.freeze() for b in self.body),
            footnotes=tuple(self.footnotes),
            annexes=tuple(self.annexes),
        )

    def feed(self, number: int, line: str) -> None:
        content = line.lstrip(" ")
        indent = len(line) - len(content)
        if indent:
            self._child(number, indent, content)
            return
        self.open_items = []
        if self.region == _Region.FOOTNOTES or _DEFINITION.match(content):
            self._footnote(number, content)
        elif self.region == _Region.ANNEXES or content == ANNEX_BREAK:
            self._annex_line(number, content)
        elif self.region <= _Region.FORMULA and self._opening(number, content):
            return
        else:
            self._block(number, content)

    def _opening(self, number: int, content: str) -> bool:
        """Title and enacting formula; False when `content` is already past them."""
        heading = _HEADING.match(content)
        if self.region == _Region.START and heading and len(heading["hashes"]) == 1:
            self.title = parse_inline(heading["content"] or "", number, lead_allowed=False).text
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
        if content == BODY_START and self.region == _Region.PREAMBLE:
            self.region = _Region.BODY
        elif content == END_SECTION and self.region == _Region.BODY and self.sections:
            self.sections.pop()
        elif heading := _HEADING.match(content):
            self.region = _Region.BODY
            self._section(number, len(heading["hashes"]) - 2, heading["content"] or "")
        elif _plain(content):
            place = Place.PREAMBLE if self.region == _Region.PREAMBLE else Place.BODY
            self._top(_paragraph(number, content, default_role(place, False), "", PLAIN_INDENT))
        else:
            self.region = _Region.BODY
            self._top(_list_item(number, content, default_role(Place.BODY, True)))

    def _top(self, item: tuple[int, _Para]) -> None:
        if self.region == _Region.PREAMBLE:
            self.preamble.append(item[1])
        else:
            (self.sections[-1].children if self.sections else self.body).append(item[1])
        self.open_items = [item]

    def _child(self, number: int, indent: int, content: str) -> None:
        while self.open_items and self.open_items[-1][0] > indent:
            self.open_items.pop()
        if not self.open_items or self.open_items[-1][0] != indent or _plain(content):
            raise markdown_error(number, "an indented line must be a sub-paragraph ('- (a) ...') under a paragraph")
        if len(self.open_items) + len(self.sections) >= MAX_NESTING:
            raise markdown_error(number, f"sub-paragraphs nested more than {MAX_NESTING} levels deep")
        item = _list_item(number, content, default_role(Place.CHILD, True), indent)
        self.open_items[-1][1].children.append(item[1])
        self.open_items.append(item)

    def _section(self, number: int, depth: int, content: str) -> None:
        if depth < 0 or depth > len(self.sections):
            raise markdown_error(number, f"heading level {depth + 2} does not follow from the headings above it")
        if depth >= MAX_NESTING:
            raise markdown_error(number, f"sections nested more than {MAX_NESTING} levels deep")
        raw, attributes = split_hatch(content, number)
        num, rest = (attributes["num"], raw) if "num" in attributes else split_section(raw)
        parsed = parse_inline(rest, number, lead_allowed=False)
        anchors = _anchors(attributes["anchors"]) if "anchors" in attributes else parsed.anchors
        del self.sections[depth:]
        section = _Section(num, parsed.text, anchors, line=number)
        (self.sections[-1].children if self.sections else self.body).append(section)
        self.sections.append(section)

    def _annex_line(self, number: int, content: str) -> None:
        self.region = _Region.ANNEXES
        heading = _HEADING.match(content)
        level = len(heading["hashes"]) if heading else 0
        if content == ANNEX_BREAK:
            self.annex_heading_next = True
        elif self.annex_heading_next:
            if level != 2:
                raise markdown_error(number, f"after '{ANNEX_BREAK}' comes the annex's '## ' heading")
            self.annexes.append(Annex(heading=_text((heading["content"] if heading else "") or "", number)))
            self.annex_heading_next = False
        elif level == 3 and not self.annexes[-1].title and not self.annexes[-1].blocks:
            self._amend_annex(title=_text((heading["content"] if heading else "") or "", number))
        else:
            raw, attributes = split_hatch(content, number)
            block = attributes.get("text", _text(raw, number))
            self._amend_annex(blocks=(*self.annexes[-1].blocks, block))

    def _amend_annex(self, **changes: Any) -> None:
        self.annexes[-1] = replace(self.annexes[-1], **changes)

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


def _text(raw: str, number: int) -> str:
    return parse_inline(raw, number, lead_allowed=False).text


def _plain(content: str) -> bool:
    """A line that is no list item, heading, break or marker: a paragraph of its own."""
    return not (
        _ORDERED.match(content) or _BULLET.match(content) or _HEADING.match(content) or content == ANNEX_BREAK
    ) and content not in (BODY_START, END_SECTION, NO_FORMULA)


def _paragraph(number: int, content: str, role: Role, num: str, child_indent: int) -> tuple[int, _Para]:
    raw, attributes = split_hatch(content, number)
    return child_indent, _Para(role, num, parse_inline(raw, number), attributes, line=number)


def _list_item(number: int, content: str, role: Role, indent: int = 0) -> tuple[int, _Para]:
    """An ordered ("12. ...") or bullet ("- (a) ...") item; the indent its children take."""
    if ordered := _ORDERED.match(content):
        num = ordered["num"]
        return _paragraph(number, ordered["content"] or "", role, num, indent + len(num) + 1)
    bullet = _BULLET.match(content)
    if not bullet:
        raise markdown_error(number, "expected a list item ('1. ...' or '- (a) ...')")
    rest = bullet["content"] or ""
    num_match = BULLET_NUM.match(rest)
    num = ""
    if num_match and rest[num_match.end() : num_match.end() + 1] in ("", " "):
        num, rest = num_match.group(0), rest[num_match.end() + 1 :]
    return _paragraph(number, rest, role, num, indent + 2)
