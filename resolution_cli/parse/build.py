"""Builds a `Resolution` from a reader's `SourceDocument`.

The stages: split the blocks at the enacting formula (masthead above, text below), classify each
block of the text (operative, sub-paragraph, heading, preambular, conclusion, annex), assemble the
paragraph tree, then attach footnotes and report what looks wrong as diagnostics.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from resolution_cli import forms
from resolution_cli.errors import NotAResolution
from resolution_cli.model import (
    NOWHERE,
    Annex,
    Diagnostic,
    DocumentKind,
    Footnote,
    Metadata,
    Organ,
    Paragraph,
    Position,
    Resolution,
    Role,
    Section,
    iter_paragraphs,
)
from resolution_cli.parse.dates import iso_date
from resolution_cli.parse.masthead import (
    DRAFT_LINE,
    NUMBERED_TITLE,
    SC_ADOPTED,
    SC_YEARBOOK_TITLE,
    SPONSORS,
    parse_masthead,
)
from resolution_cli.parse.source import SourceBlock, SourceDocument, Span, clean_text, leading_italic
from resolution_cli.parse.vocabulary import FORMULA, find_lead

_MEETING = re.compile(r"^(?P<meeting>\d+(?:st|nd|rd|th) (?:\(resumed\) )?(?:plenary )?meeting)\.?$", re.I)
# "Annex", "Annex II", "Annex A – Items ...", "Annex Staffing table for 2024" (heading and title merged).
_ANNEX = re.compile(
    r"^(?P<heading>(?:Annex|Appendix)\b(?: (?:[IVXLC]+|[A-Z]|\d+)\b)?)\.?(?:\s*[–—:-]\s+|\s+)?(?P<title>.{0,200})$"
)
_DATE_ONLY = re.compile(r"^\d{1,2} [A-Z][a-z]+ \d{4}\.?$")


@dataclass(slots=True)
class _Node:
    """A paragraph under construction (its children grow while blocks arrive)."""

    role: Role
    num: str
    spans: list[Span]
    italics_known: bool
    kind: str = ""  # numbering kind of a sub-paragraph: letter, roman, capital, digit
    children: list[_Node] = field(default_factory=list)
    position: Position = NOWHERE

    def freeze(self) -> Paragraph:
        text, anchors = clean_text(self.spans)
        lead = _lead(self.spans, text, self.role, self.italics_known)
        return Paragraph(
            role=self.role,
            text=text,
            num=self.num,
            lead=lead,
            anchors=anchors,
            children=tuple(c.freeze() for c in self.children),
            position=self.position,
        )


@dataclass(slots=True)
class _SectionNode:
    num: str
    heading_spans: list[Span]
    level: int
    children: list[_Node | _SectionNode] = field(default_factory=list)
    position: Position = NOWHERE

    def freeze(self) -> Section:
        heading, anchors = clean_text(self.heading_spans)
        children = tuple(c.freeze() for c in self.children)
        return Section(num=self.num, heading=heading, anchors=anchors, children=children, position=self.position)


def _lead(spans: list[Span], text: str, role: Role, italics_known: bool) -> str:
    lead = leading_italic(spans)
    if lead and text.startswith(lead):
        return lead
    if italics_known:
        return ""
    kind = "preambular" if role is Role.PREAMBULAR else "operative"
    return find_lead(text, kind)


@dataclass(slots=True)
class _Builder:
    italics_known: bool
    unnumbered_operative: bool = False  # no formula (decisions, amendments): plain paragraphs act
    preamble: list[_Node] = field(default_factory=list)
    body: list[_Node | _SectionNode] = field(default_factory=list)
    sections: list[_SectionNode] = field(default_factory=list)  # open sections, outermost first
    current: _Node | None = None  # the last top-level paragraph
    sub_stack: list[_Node] = field(default_factory=list)  # open sub-paragraphs, outermost first
    diagnostics: list[Diagnostic] = field(default_factory=list)
    position: Position = NOWHERE  # of the block being placed

    def container(self) -> list[_Node | _SectionNode]:
        return self.sections[-1].children if self.sections else self.body

    def add_operative(self, num: str, spans: list[Span]) -> None:
        if self._continues_numbered_list(num):
            node = _Node(Role.SUB, num, spans, self.italics_known, kind="dotted", position=self.position)
            if self.current is not None:
                self.current.children.append(node)
            return
        node = _Node(Role.OPERATIVE, num, spans, self.italics_known, position=self.position)
        self.container().append(node)
        self.current, self.sub_stack = node, []

    def _continues_numbered_list(self, num: str) -> bool:
        """Whether "1.", "2." ... is a list inside the current paragraph (a provisional agenda in
        paragraph 11) rather than the next paragraph: it restarts at 1, or follows such a list,
        and is not the number the paragraphs themselves expect next."""
        current = self.current
        if current is None or current.role is not Role.OPERATIVE or not current.num:
            return False
        if num == forms.expected_next(current.num):
            return False
        dotted = [c for c in current.children if c.kind == "dotted"]
        if dotted:
            return num == forms.expected_next(dotted[-1].num)
        return num == "1." and current.num != "1."

    def in_preamble(self) -> bool:
        return not self.sections and not self.body

    def add_unnumbered(self, spans: list[Span]) -> None:
        if self.unnumbered_operative or _is_unnumbered_operative(spans, self.italics_known):
            self.add_operative("", spans)
            return
        node = _Node(Role.PREAMBULAR, "", spans, self.italics_known, position=self.position)
        has_operative = any(isinstance(n, _Node) and n.role is Role.OPERATIVE for n in self.container())
        if self.in_preamble() and not has_operative:
            self.preamble.append(node)
        elif has_operative:
            # Text after a list or a quote closes the paragraph above it; the UN marks it as a
            # paragraph of its own, without a number.
            node = _Node(Role.OPERATIVE, "", spans, self.italics_known, position=self.position)
            self.container().append(node)
            self.current, self.sub_stack = node, []
            return
        else:
            self.container().append(node)
        self.current, self.sub_stack = node, []

    def add_sub(self, num: str, spans: list[Span]) -> None:
        if self.current is None:
            self.add_unnumbered([Span(num + " "), *spans])
            return
        last_letter = next((n.num for n in reversed(self.sub_stack) if n.kind == "letter"), None)
        kind = forms.sub_kind(num, last_letter)
        node = _Node(Role.SUB, num, spans, self.italics_known, kind=kind, position=self.position)
        levels = [n.kind for n in self.sub_stack]
        if kind in levels:
            del self.sub_stack[levels.index(kind) :]
        parent = self.sub_stack[-1] if self.sub_stack else self.current
        parent.children.append(node)
        self.sub_stack.append(node)

    def add_heading(self, num: str, spans: list[Span], opens_body: bool = False) -> None:
        if not num and self.in_preamble() and not opens_body:
            # An unnumbered heading among preambular paragraphs stays in the preamble, as the UN marks it.
            self.preamble.append(_Node(Role.PREAMBULAR, "", spans, self.italics_known, position=self.position))
            self.current, self.sub_stack = None, []
            return
        previous = next((s.num for s in reversed(self.sections) if s.level == 2), "")
        level = forms.heading_level(num, previous)
        while self.sections and self.sections[-1].level >= level:
            self.sections.pop()
        section = _SectionNode(num, spans, level, position=self.position)
        self.container().append(section)
        self.sections.append(section)
        self.current, self.sub_stack = None, []


def _is_unnumbered_operative(spans: list[Span], italics_known: bool) -> bool:
    """A paragraph without a number that acts: it opens with an operative verb ("Takes note",
    "Resolves that:") and does not end as a preambular paragraph does (with a comma)."""
    text, _ = clean_text(spans)
    if text.endswith(",") or not text:
        return False
    lead = leading_italic(spans) if italics_known else find_lead(text, "operative")
    if not lead:
        return False
    return bool(find_lead(lead, "operative")) and not find_lead(lead, "preambular")


def build(source: SourceDocument) -> Resolution:
    blocks = list(source.blocks)
    formula_index = _find_formula(blocks)
    formula = blocks[formula_index].text if formula_index is not None else ""
    if formula_index is None:
        formula_index = _split_without_formula(blocks)
    if formula_index is None:
        raise NotAResolution(
            "no enacting formula ('The General Assembly,', 'The Security Council,' ...) found: "
            "this does not look like a UN resolution"
        )
    meta = parse_masthead([b.text for b in blocks[: formula_index + (0 if formula else 1)]])
    # Without a formula, a decision's or an amendment's plain paragraphs are what it decides.
    acts_without_formula = not formula and meta.kind is not DocumentKind.RESOLUTION
    builder = _Builder(source.italics_known, unnumbered_operative=acts_without_formula)
    rest = blocks[formula_index + 1 :]
    body_end, conclusion = _find_conclusions(rest)
    body_blocks = rest[:body_end]
    for index, block in enumerate(body_blocks):
        _place(builder, block, opens_body=_next_is_operative(body_blocks, index))
    annexes = _annexes(rest[body_end:])
    meta = _complete_meta(meta, formula, conclusion)
    preamble = tuple(n.freeze() for n in builder.preamble)
    body = tuple(n.freeze() for n in builder.body)
    footnotes = tuple(Footnote(f.marker, clean_text(f.spans)[0], position=f.position) for f in source.footnotes)
    resolution = Resolution(
        meta=meta,
        formula=formula,
        preamble=preamble,
        body=body,
        footnotes=footnotes,
        annexes=annexes,
        diagnostics=(*source.diagnostics, *builder.diagnostics),
    )
    return require_paragraphs(resolution)


def require_paragraphs(resolution: Resolution) -> Resolution:
    """`resolution`, when it has a preambular or an operative paragraph; a text or PDF with neither
    (a committee report, a letter) is no resolution, whatever its masthead says. (An AKN file says
    what it is in its markup, and our Markdown holds whatever the model held.)"""
    if not resolution.preamble and not iter_paragraphs(resolution.body):
        raise NotAResolution(
            "neither preambular nor operative paragraphs found: this does not look like a UN resolution "
            "(a report or a letter?)"
        )
    return resolution


def _find_formula(blocks: list[SourceBlock]) -> int | None:
    for index, block in enumerate(blocks):
        if FORMULA.match(block.text):
            return index
    return None


def _split_without_formula(blocks: list[SourceBlock]) -> int | None:
    """Where the masthead ends when there is no formula (a resolution that lacks it, a draft
    decision, an amendment): at the numbered title, or at the title after the sponsors line."""
    for index, block in enumerate(blocks[:40]):
        if NUMBERED_TITLE.match(block.text) or SC_YEARBOOK_TITLE.match(block.text) or SC_ADOPTED.match(block.text):
            return index
        if SPONSORS.match(block.text) or DRAFT_LINE.match(block.text):
            return min(index + 1, len(blocks) - 1)
    return None


def _next_is_operative(blocks: list[SourceBlock], index: int) -> bool:
    """Whether the first block after `index` that is not a heading is an operative paragraph."""
    for block in blocks[index + 1 :]:
        if not _is_heading(block, block.text):
            return bool(forms.OPERATIVE_NUM.match(block.text))
    return False


def _place(builder: _Builder, block: SourceBlock, opens_body: bool = False) -> None:
    builder.position = block.position
    spans = list(block.spans)
    text = block.text
    if match := forms.OPERATIVE_NUM.match(text):
        builder.add_operative(match["num"], _strip_prefix(spans, match.end()))
    elif match := forms.SUB_NUM.match(text):
        builder.add_sub(match["num"], _strip_prefix(spans, match.end()))
    elif _is_heading(block, text):
        match = forms.HEADING_NUM.match(text)
        num = match["num"] if match and _looks_like_heading_num(text, match.end()) else ""
        builder.add_heading(num, _strip_prefix(spans, match.end()) if num and match else spans, opens_body)
    else:
        builder.add_unnumbered(spans)


def _looks_like_heading_num(text: str, end: int) -> bool:
    return end == len(text) or text[end - 1] in ". " or text[:end].strip().rstrip(".").isupper()


def _is_heading(block: SourceBlock, text: str) -> bool:
    """A heading: bold or centred, or short with no closing punctuation."""
    if block.bold and len(text) < 300:
        return True
    if forms.HEADING_ALONE.match(text):
        return True
    number = forms.HEADING_NUM.match(text)
    if block.size == 0.0 and number and text[number.end() : number.end() + 1].isupper() and len(text) < 150:
        return not re.search(r"[.;:,]$", text)  # plain text: "II Activities of ..." is a part heading
    return len(text) < 150 and not re.search(r"[.;:,]$", text) and not text[:1].islower() and block.centred


def _strip_prefix(spans: list[Span], length: int) -> list[Span]:
    """`spans` without their first `length` characters of (whitespace-collapsed) text."""
    out: list[Span] = []
    remaining = length
    for span in spans:
        if remaining <= 0 or span.marker:
            out.append(span)
            continue
        text = re.sub(r"\s+", " ", span.text)
        if not out:
            text = text.lstrip()
        if len(text) <= remaining:
            remaining -= len(text)
            continue
        out.append(replace(span, text=text[remaining:]))
        remaining = 0
    return out


def _find_conclusions(blocks: list[SourceBlock]) -> tuple[int, tuple[str, str]]:
    """Index where the closing "50th plenary meeting / 19 December 2023" starts, and its fields."""
    for index, block in enumerate(blocks):
        text = block.text
        if match := _MEETING.match(text):
            date = ""
            if index + 1 < len(blocks) and _DATE_ONLY.match(blocks[index + 1].text):
                date = iso_date(blocks[index + 1].text)
            return index, (match["meeting"], date)
        if match := re.match(
            r"^(?P<meeting>\d+(?:st|nd|rd|th) (?:\(resumed\) )?plenary meeting)\s+(?P<date>.+)$", text
        ):
            return index, (match["meeting"], iso_date(match["date"]))
    annex = next((i for i, b in enumerate(blocks) if _is_annex_heading(b)), len(blocks))
    return annex, ("", "")


def _is_annex_heading(block: SourceBlock) -> bool:
    """ "Annex", "Annex II", "Annex A – Items subject to ...": a heading on a line of its own."""
    text = block.text
    if not _ANNEX.match(text) or text.endswith((",", ";")):
        return False
    return block.bold or block.centred or len(text) < 12 or (block.size == 0.0 and len(text) < 120)


def _annexes(blocks: list[SourceBlock]) -> tuple[Annex, ...]:
    annexes: list[Annex] = []
    current: list[str] = []
    heading = ""
    for block in blocks:
        text = block.text
        if _is_annex_heading(block):
            if heading:
                annexes.append(_annex(heading, current))
            heading, current = text, []
        elif heading:
            current.append(text)
    if heading:
        annexes.append(_annex(heading, current))
    return tuple(annexes)


def _annex(heading: str, texts: list[str]) -> Annex:
    """An annex from its heading line and text; the title is on the heading line ("Annex A – Items
    ...") or is the next block."""
    match = _ANNEX.match(heading)
    if match and match["title"]:
        return Annex(heading=match["heading"], title=match["title"], blocks=tuple(texts))
    return Annex(heading=heading.rstrip("."), title=texts[0] if texts else "", blocks=tuple(texts[1:]))


def _organ_of(meta: Metadata) -> Organ:
    """The organ a symbol belongs to, for documents without a formula to name it."""
    return forms.organ_of_symbol(meta.symbol) or meta.organ


def _complete_meta(meta: Metadata, formula: str, conclusion: tuple[str, str]) -> Metadata:
    """Fills what the masthead leaves to the rest of the document: organ, kind, adoption."""
    organ_match = FORMULA.match(formula)
    organ = forms.organ_named(organ_match["organ"]) if organ_match else _organ_of(meta)
    meeting, date = conclusion
    kind = meta.kind
    if "/L." in meta.symbol and kind is DocumentKind.RESOLUTION and not meta.adoption_date:
        kind = DocumentKind.DRAFT_RESOLUTION
    return replace(
        meta,
        organ=organ,
        kind=kind,
        meeting=meta.meeting or meeting,
        adoption_date=meta.adoption_date or date,
    )
