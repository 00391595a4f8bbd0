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

    ## I. Heading                         sections; a section inside a section gets one more '#'

    * * *                                 each annex: a break, its heading, title and text

    ## Annex

    ### Title

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
    Footnote,
    Metadata,
    Paragraph,
    Resolution,
    Role,
    Section,
)

# The syntax shared with the reader (readers/markdown.py): one place for each rule.
ESCAPED = frozenset("\\`*_[]<&~#")  # always backslash-escaped in text
ORDERED_NUM = re.compile(r"\d{1,9}\.")  # "12.": a numbered paragraph
BULLET_NUM = re.compile(r"\([0-9A-Za-z]{1,10}\)|[0-9A-Za-z]{1,10}[.)]")  # "(a)" "(iv)" "a)" after "- "
# A number as written: a backslash before its last character ("12\.", "(a\)"), which keeps it text
# for renderers; files written before that form carried the bare number, which still reads.
WRITTEN_ORDERED_NUM = re.compile(r"\d{1,9}\\?\.")
WRITTEN_BULLET_NUM = re.compile(r"\([0-9A-Za-z]{1,10}\\?\)|[0-9A-Za-z]{1,10}\\?[.)]")
# pandoc's name for a page title that is not the document's own: an untitled resolution (the
# Security Council's) is named by its symbol. Derived, so the reader reads past it.
PAGE_TITLE = "pagetitle"
UNCALLED_FOOTNOTES = "Footnotes not called in the text:"  # then a call for each, so renderers keep them
SECTION_NUM = re.compile(r"(?:[IVXLCDM]+|[A-Z]|\d{1,3})\.?(?= |$)")  # "I." "A" "2." before a heading
NO_FORMULA = "<!-- no formula -->"
BODY_START = "<!-- body -->"
END_SECTION = "<!-- end section -->"
ANNEX_BREAK = "* * *"
FRONT_MATTER = "---"
PLAIN_INDENT = 2  # children of a top-level paragraph that is no list item (after a blank line)


def export_markdown(resolution: Resolution, options: NoOptions) -> bytes:
    del options  # nothing to choose: one canonical form
    blocks = [front_matter(resolution.meta)]
    blocks.append(protect_start(escape(resolution.formula), LineStart.PLAIN) if resolution.formula else NO_FORMULA)
    blocks.extend(_paragraph_lines(p, 0, Place.PREAMBLE) for p in resolution.preamble)
    blocks.extend(_body(resolution.body))
    blocks.extend(_annex(annex) for annex in resolution.annexes)
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
        if spec.name == "agenda_items":
            lines.append(f"{spec.name}:")
            lines.extend(_agenda_item(item) for item in value)
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
    line = f"  - number: {yaml_scalar(item.number)}"
    return line + f"\n    name: {yaml_scalar(item.name)}" if item.name else line


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
    if line[:1] in ("-", "+", ">", "=", ":", "|"):
        return "\\" + line
    if match := _FOOTNOTE_DEF_START.match(line):
        return line[: match.end()] + "\\" + line[match.end() :]
    return line


def written_num(num: str) -> str:
    """A paragraph's number as the line writes it: a backslash before its last character."""
    return num[:-1] + "\\" + num[-1]


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


def _body(blocks: tuple[Block, ...]) -> list[str]:
    out: list[str] = []
    if blocks and isinstance(blocks[0], Paragraph) and not item_form(blocks[0], Place.BODY).marker:
        out.append(BODY_START)  # else the reader would take it for the last preambular paragraph
    open_depth = _Open()
    for block, depth in _walk(blocks, 0):
        if isinstance(block, Section):
            out.append(_section_line(block, depth))
            open_depth.value = depth + 1
            continue
        out.extend([END_SECTION] * (open_depth.value - depth))  # back out of sections it is not in
        open_depth.value = depth
        out.append(_paragraph_lines(block, 0, Place.BODY))
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


def _section_line(section: Section, depth: int) -> str:
    attributes: dict[str, Any] = {}
    fits = anchors_fit(section.heading, section.anchors)
    if not fits:
        attributes["anchors"] = [[a.marker, a.offset] for a in section.anchors]
    heading = inline(section.heading, section.anchors if fits else ())
    content = f"{section.num} {heading}" if section.num and heading else section.num or heading
    if split_section(content) != (section.num, heading):
        content = heading
        attributes["num"] = section.num
    return _with_hatch(("#" * (depth + 2) + " " + content).rstrip(), attributes)


# -- annexes and footnotes ---------------------------------------------------------------------------


def uncalled_markers(resolution: Resolution) -> list[str]:
    """Markers of the footnotes the text (paragraphs and headings) never calls, in document order:
    renderers drop a footnote definition nothing refers to, so these get calls of their own."""
    called = {a.marker for a in _text_anchors(resolution.preamble)} | {a.marker for a in _text_anchors(resolution.body)}
    return list(dict.fromkeys(f.marker for f in resolution.footnotes if f.marker not in called))


def _text_anchors(blocks: Iterable[Block]) -> Iterable[Anchor]:
    for block in blocks:
        yield from block.anchors
        yield from _text_anchors(block.children)



def _annex(annex: Annex) -> str:
    lines = [ANNEX_BREAK, ("## " + escape(annex.heading)).rstrip()]
    if annex.title:
        lines.append("### " + escape(annex.title))
    lines.extend(protect_start(escape(b)) if b else hatch({"text": ""}) for b in annex.blocks)
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
