"""Builds a `Resolution` from a reader's `SourceDocument`.

The stages: split the blocks at the enacting formula (masthead above, text below), classify each
block of the text (operative, sub-paragraph, heading, preambular, conclusion, annex), assemble the
paragraph tree, then attach footnotes and report what looks wrong as diagnostics. An annex gets
the same body as the resolution (`build_annexes`); a table block becomes a `Table` (`table_of`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from difflib import SequenceMatcher

from resolution_cli import forms
from resolution_cli.errors import NotAResolution, NotAUNDocument
from resolution_cli.model import (
    NOWHERE,
    Anchor,
    Annex,
    Block,
    Cell,
    Diagnostic,
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
    Severity,
    Table,
    TableNote,
    iter_paragraphs,
)
from resolution_cli.parse.dates import iso_date
from resolution_cli.parse.masthead import (
    DRAFT_LINE,
    NUMBERED_TITLE,
    SC_ADOPTED,
    SC_YEARBOOK_TITLE,
    SPONSORS,
    is_amendment,
    is_masthead_line,
    parse_masthead,
    with_masthead_calls,
)
from resolution_cli.parse.source import (
    SourceBlock,
    SourceDocument,
    SourceTable,
    Span,
    clean_text,
    collapsed_piece,
    leading_italic,
)
from resolution_cli.parse.vocabulary import FORMULA, find_lead

_MEETING = re.compile(r"^(?P<meeting>\d+(?:st|nd|rd|th) (?:\(resumed\) )?(?:plenary )?meeting)\.?$", re.I)
# The Security Council's yearbook texts close with "Adopted unanimously at the 731st meeting." or
# "Adopted at the 842nd meeting by 10 votes to none, with 1 abstention (France)."
_COUNCIL_CLOSING = re.compile(
    r"^Adopted\b[^.]{0,60}? at (?:the|its) "
    r"(?P<meeting>\d+(?:st|nd|rd|th) (?:\((?:resumed|closed|private)\) )?meeting)\b",
    re.I,
)
# "Annex", "Annex II", "Annex A – Items ...", "Annex Staffing table for 2024" (heading and title merged,
# however long the title), "Appendix 1"; "Annexe", "Anexo" ... in the UN's other languages.
_ANNEX_WORDS = r"Annex|Appendix|Annexe|Appendice|Anexo|Apéndice|Приложение|Добавление"
_ANNEX = re.compile(
    rf"^(?P<heading>(?:{_ANNEX_WORDS})\b(?: (?:[IVXLC]+|[A-Z]|\d+)\b)?)\.?(?:\s*[–—:-]\s+|\s+)?(?P<title>.*)$", re.S
)
# An annex inside an annex: an appendix to it.
_APPENDIX = re.compile(r"^(?:Appendix|Appendice|Apéndice|Добавление)\b")
# A centred "* * *" between paragraphs.
_SEPARATOR = re.compile(r"\*(?:\s*\*){2,}")
# "•", "–" opening a line: an item of a list under the paragraph or point above.
_BULLET = re.compile(r"^(?P<bullet>[•◦▪●○■–—-])\s+(?=\S)")
_DATE_ONLY = re.compile(r"^\d{1,2} [A-Z][a-z]+ \d{4}\.?$")
_PLENARY_AND_DATE = re.compile(r"^(?P<meeting>\d+(?:st|nd|rd|th) (?:\(resumed\) )?plenary meeting)\s+(?P<date>.+)$")
_CLOSES = re.compile(r"[.;:,]$")  # closing punctuation: no heading, no caption ends so


@dataclass(slots=True)
class _Node:
    """A paragraph under construction (its children grow while blocks arrive)."""

    role: Role
    num: str
    spans: list[Span]
    italics_known: bool
    kind: str = ""  # numbering kind of a sub-paragraph: letter, roman, capital, digit, dotted, bullet•, text
    children: list[_Node] = field(default_factory=list)
    position: Position = NOWHERE
    clean: tuple[str, tuple[Anchor, ...]] | None = None  # `clean_text(spans)` where already known

    def freeze(self) -> Paragraph:
        text, anchors = self.clean or clean_text(self.spans)
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
    children: list[_Node | _SectionNode | Table] = field(default_factory=list)
    position: Position = NOWHERE

    def freeze(self) -> Section:
        heading, anchors = clean_text(self.heading_spans)
        children = tuple(_freeze(c) for c in self.children)
        return Section(num=self.num, heading=heading, anchors=anchors, children=children, position=self.position)


def _freeze(node: _Node | _SectionNode | Table) -> Block:
    return node if isinstance(node, Table) else node.freeze()


def _freeze_preamble(item: _Node | Heading | Separator) -> Paragraph | Heading | Separator:
    return item.freeze() if isinstance(item, _Node) else item


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
    in_annex: bool = False  # an annex's body: no preamble, every heading opens a section
    preamble: list[_Node | Heading | Separator] = field(default_factory=list)
    body: list[_Node | _SectionNode | Table] = field(default_factory=list)
    sections: list[_SectionNode] = field(default_factory=list)  # open sections, outermost first
    current: _Node | None = None  # the last top-level paragraph
    sub_stack: list[_Node] = field(default_factory=list)  # open sub-paragraphs, outermost first
    diagnostics: list[Diagnostic] = field(default_factory=list)
    position: Position = NOWHERE  # of the block being placed

    def container(self) -> list[_Node | _SectionNode | Table]:
        return self.sections[-1].children if self.sections else self.body

    def add_operative(self, num: str, spans: list[Span], clean: tuple[str, tuple[Anchor, ...]] | None = None) -> None:
        if self._continues_numbered_list(num):
            node = _Node(Role.SUB, num, spans, self.italics_known, kind="dotted", position=self.position, clean=clean)
            if self.current is not None:
                self.current.children.append(node)
            return
        node = _Node(Role.OPERATIVE, num, spans, self.italics_known, position=self.position, clean=clean)
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
        return not self.in_annex and not self.sections and not self.body

    def add_unnumbered(self, spans: list[Span], clean: tuple[str, tuple[Anchor, ...]] | None = None) -> None:
        """An unnumbered block; `clean` is `clean_text(spans)` where the caller knows it (asked
        here three times over: computed once)."""
        clean = clean_text(spans) if clean is None else clean
        if self.in_preamble() and self._quotes(spans, clean):
            return
        if self.unnumbered_operative or _is_unnumbered_operative(spans, self.italics_known, clean[0]):
            self.add_operative("", spans, clean)
            return
        node = _Node(Role.PREAMBULAR, "", spans, self.italics_known, position=self.position, clean=clean)
        has_operative = any(isinstance(n, _Node) and n.role is Role.OPERATIVE for n in self.container())
        if self.in_preamble() and not has_operative:
            self.preamble.append(node)
        elif has_operative:
            # Text after a list or a quote closes the paragraph above it; the UN marks it as a
            # paragraph of its own, without a number.
            node = _Node(Role.OPERATIVE, "", spans, self.italics_known, position=self.position, clean=clean)
            self.container().append(node)
            self.current, self.sub_stack = node, []
            return
        else:
            self.container().append(node)
        self.current, self.sub_stack = node, []

    def add_sub(self, num: str, spans: list[Span], kind: str = "") -> None:
        if self.current is None:
            self.add_unnumbered([Span(num + " "), *spans])
            return
        last_letter = next((n.num for n in reversed(self.sub_stack) if n.kind == "letter"), None)
        kind = kind or forms.sub_kind(num, last_letter)
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
            text, anchors = clean_text(spans)
            self.preamble.append(Heading(text, anchors, position=self.position))
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

    # -- items 5 and 6 of issue 11: bullets, text between points, separators, quotes -----------------

    def add_bullet(self, bullet: str, spans: list[Span]) -> None:
        """A "•" / "–" item: one of a list under the paragraph or point that introduces it (items
        with another bullet nest inside it); numbering then resumes at the enclosing level."""
        if self.current is None:
            self.add_unnumbered([Span(bullet + " "), *spans])
            return
        self.add_sub(bullet, spans, kind=f"bullet{bullet}")

    def add_between_points(self, spans: list[Span]) -> None:
        """An unnumbered block between two points of a list ("Panel 1: ..." between (b) and (c)):
        text of the point above it, kept as an unnumbered item of that point."""
        parent = self.sub_stack[-1] if self.sub_stack else self.current
        if parent is None:
            self.add_unnumbered(spans)
            return
        parent.children.append(_Node(Role.SUB, "", spans, self.italics_known, kind="text", position=self.position))

    def add_separator(self, text: str) -> None:
        self.preamble.append(Separator(text, position=self.position))
        self.current, self.sub_stack = None, []

    def _quotes(self, spans: list[Span], clean: tuple[str, tuple[Anchor, ...]]) -> bool:
        """Whether `spans` is quoted text of the recital above it (one ending in ":", or already
        quoting): a block without a lead phrase, kept as an unnumbered item of that recital."""
        host = self.current
        if host is None or not self.preamble or self.preamble[-1] is not host:
            return False
        if _lead(spans, clean[0], Role.PREAMBULAR, self.italics_known):
            return False
        last = host.children[-1] if host.children else host
        quoting = bool(host.children) and all(c.kind == "quote" for c in host.children)
        if not (quoting or (last.clean or clean_text(last.spans))[0].endswith(":")):
            return False
        quote = _Node(Role.SUB, "", spans, self.italics_known, kind="quote", position=self.position, clean=clean)
        host.children.append(quote)
        return True

    def add_table(self, table: Table) -> None:
        self.container().append(table)


def _is_unnumbered_operative(spans: list[Span], italics_known: bool, text: str) -> bool:
    """A paragraph without a number that acts: it opens with an operative verb ("Takes note",
    "Resolves that:") and does not end as a preambular paragraph does (with a comma). `text` is
    the running text of `spans`."""
    if text.endswith(",") or not text:
        return False
    lead = leading_italic(spans) if italics_known else find_lead(text, "operative")
    if not lead:
        return False
    return bool(find_lead(lead, "operative")) and not find_lead(lead, "preambular")


def build(source: SourceDocument) -> Resolution:
    blocks = list(source.blocks)
    formula_index = _find_formula(blocks)
    if formula_index is None:
        _require_un_document(blocks)
        formula_index = _damaged_formula(blocks)
    formula_block = blocks[formula_index] if formula_index is not None else None
    formula = formula_block.text if formula_block else ""
    intended = _intended_formula(formula)  # "" unless the formula is damaged
    formula_problems = [_damaged_formula_error(formula_block, intended)] if formula_block and intended else []
    if formula_index is None:
        formula_index = _split_without_formula(blocks)
    if formula_index is None:
        raise NotAResolution(
            "no enacting formula ('The General Assembly,', 'The Security Council,' ...) found: "
            "this does not look like a UN resolution"
        )
    masthead = blocks[: formula_index + (0 if formula else 1)]
    _refuse_report(masthead)
    meta = with_masthead_calls(parse_masthead([b.text for b in masthead]), masthead, source.footnotes)
    # Without a formula, a decision's or an amendment's plain paragraphs are what it decides.
    acts_without_formula = not formula and meta.kind is not DocumentKind.RESOLUTION
    builder = _Builder(source.italics_known, unnumbered_operative=acts_without_formula)
    rest = blocks[formula_index + 1 :]
    body_end, conclusion = _find_conclusions(rest)
    _place_all(builder, rest[:body_end])
    annexes = build_annexes(rest[body_end:], source.italics_known)
    meta = _complete_meta(meta, intended or formula, conclusion)
    preamble = tuple(_freeze_preamble(n) for n in builder.preamble)
    body = tuple(_freeze(n) for n in builder.body)
    footnotes = tuple(Footnote(f.marker, clean_text(f.spans)[0], position=f.position) for f in source.footnotes)
    resolution = Resolution(
        meta=meta,
        formula=formula,
        preamble=preamble,
        body=body,
        footnotes=footnotes,
        annexes=annexes,
        diagnostics=(*source.diagnostics, *formula_problems, *builder.diagnostics),
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


def _refuse_report(masthead: list[SourceBlock]) -> None:
    """A masthead holds no numbered paragraphs: where the enacting formula follows some, the
    document is a report that ends by recommending a draft resolution (a Main Committee's report:
    "1. The Second Committee held ...", "19. The Second Committee recommends ... the adoption of
    the following draft resolution:"), not a resolution."""
    numbered = [block for block in masthead if forms.OPERATIVE_NUM.match(block.text)]
    if numbered:
        raise NotAResolution(
            f"{len(numbered)} numbered paragraphs come before the enacting formula: this looks like a "
            "committee report that recommends a draft resolution, not a resolution (convert the "
            "resolution adopted on it instead)"
        )


def _find_formula(blocks: list[SourceBlock]) -> int | None:
    for index, block in enumerate(blocks):
        if FORMULA.match(block.text):
            return index
    return None


# How far into a document its masthead (and so the evidence that it is a UN document) reaches.
_MASTHEAD_BLOCKS = 40


def _require_un_document(blocks: list[SourceBlock]) -> None:
    """A document with no enacting formula must at least carry a UN masthead (a symbol on a line
    of its own, the distribution or session line, the adoption line, a numbered title); without
    one it is no UN document at all, which `check` passes over and `convert` refuses."""
    if not any(is_masthead_line(b.text) for b in blocks[:_MASTHEAD_BLOCKS]):
        raise NotAUNDocument(
            "no UN document symbol, masthead or enacting formula ('The General Assembly,' ...) found: "
            "this is not a UN document"
        )


# The formulas of the organs the tool knows, as a damaged one is held against them.
_KNOWN_FORMULAS = tuple(f"The {form.name}," for form in forms.ORGANS if form.organ is not Organ.OTHER)
_FORMULA_LIKENESS = 0.85  # "The General Assemblyy" scores 0.95; "General Assembly" (furniture) is too short
_FORMULA_LENGTH_SLACK = 3


def _damaged_formula(blocks: list[SourceBlock]) -> int | None:
    """Where a line in the masthead's reach is almost an enacting formula ("The General
    Assemblyy", "The general assembly,"). Taking it as the formula keeps the preamble a preamble,
    so one typing error gives one finding instead of every paragraph below it turning into
    something else."""
    return next((i for i, b in enumerate(blocks[:_MASTHEAD_BLOCKS]) if _intended_formula(b.text)), None)


def _intended_formula(text: str) -> str:
    """The known formula that `text`, a near miss of it, was meant to be; "" for a formula of a
    known organ (or of a body the tool does not know) and for text that is no formula at all."""
    match = FORMULA.match(text)
    if match and forms.organ_named(match["organ"]) is not Organ.OTHER:
        return ""
    for formula in _KNOWN_FORMULAS:
        if _without_spaces(text) == _without_spaces(formula):
            return ""  # spaces lost by an old PDF's text layer: no typing error to report
        if abs(len(text) - len(formula)) > _FORMULA_LENGTH_SLACK:
            continue
        if SequenceMatcher(None, text.casefold(), formula.casefold()).ratio() >= _FORMULA_LIKENESS:
            return formula
    return ""


def _without_spaces(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _damaged_formula_error(block: SourceBlock, intended: str) -> Diagnostic:
    message = f"{block.text!r} stands where the enacting formula belongs: write {intended!r}"
    return Diagnostic("damaged-enacting-formula", message, Severity.ERROR, "formula", block.position)


def _split_without_formula(blocks: list[SourceBlock]) -> int | None:
    """Where the masthead ends when there is no formula (a resolution that lacks it, a draft
    decision, an amendment): at the numbered title, or at the title after the sponsors line."""
    for index, block in enumerate(blocks[:40]):
        if NUMBERED_TITLE.match(block.text) or SC_YEARBOOK_TITLE.match(block.text) or SC_ADOPTED.match(block.text):
            return index
        sponsors = SPONSORS.match(block.text)
        if sponsors and is_amendment(sponsors) and _instructs(blocks[index + 1 : index + 2]):
            return index  # the Council's amendments have no title: what to change follows at once
        if sponsors or DRAFT_LINE.match(block.text):
            return min(index + 1, len(blocks) - 1)
    return None


def _instructs(following: list[SourceBlock]) -> bool:
    """Whether the block after an amendment's sponsors line is an instruction ("In operative
    paragraph 2, replace:", "Delete the fourth preambular paragraph."), not the title of the draft
    it amends: a title ends with no full stop, colon or semicolon."""
    return bool(following) and following[0].text.rstrip("”’\"' ").endswith((".", ":", ";"))


def _place_all(builder: _Builder, blocks: list[SourceBlock]) -> None:
    """Places each block of a body (the resolution's, or an annex's) in `builder`."""
    blocks = _with_captions(blocks)
    for index, block in enumerate(blocks):
        between = builder.sub_stack and _resumes_list(blocks, index, builder)
        _place(builder, block, opens_body=_next_is_operative(blocks, index), between_points=bool(between))


def _next_is_operative(blocks: list[SourceBlock], index: int) -> bool:
    """Whether the first block after `index` that is not a heading is an operative paragraph."""
    for following in range(index + 1, len(blocks)):  # not a copy of the rest of the list per block
        block = blocks[following]
        if not _is_heading(block, block.text):
            return bool(forms.OPERATIVE_NUM.match(block.text))
    return False


def _resumes_list(blocks: list[SourceBlock], index: int, builder: _Builder) -> bool:
    """Whether the list open in `builder` carries on after the unnumbered blocks from `index`: the
    next numbered block is the next point of one of its open levels ((c) after (b))."""
    for block in blocks[index:]:
        text = block.text
        if block.table is not None or _is_heading(block, text) or forms.OPERATIVE_NUM.match(text):
            return False
        if match := forms.SUB_NUM.match(text):
            expected = {forms.expected_next(n.num) for n in builder.sub_stack}
            return match["num"] in expected
        if _BULLET.match(text):
            return False
    return False


def _place(builder: _Builder, block: SourceBlock, opens_body: bool = False, between_points: bool = False) -> None:
    builder.position = block.position
    if block.table is not None:
        builder.add_table(table_of(block.table, block.position))
        return
    spans = list(block.spans)
    text = block.text
    if _SEPARATOR.fullmatch(text) and builder.in_preamble():
        builder.add_separator(text)
    elif match := forms.OPERATIVE_NUM.match(text):
        builder.add_operative(match["num"], _strip_prefix(spans, match.end()))
    elif match := forms.SUB_NUM.match(text):
        builder.add_sub(match["num"], _strip_prefix(spans, match.end()))
    elif _is_heading(block, text):
        match = forms.HEADING_NUM.match(text)
        num = match["num"] if match and _looks_like_heading_num(text, match.end()) else ""
        builder.add_heading(num, _strip_prefix(spans, match.end()) if num and match else spans, opens_body)
    elif (bullet := _BULLET.match(text)) and builder.current is not None:
        builder.add_bullet(bullet["bullet"], _strip_prefix(spans, bullet.end()))
    elif between_points:
        builder.add_between_points(spans)
    else:
        builder.add_unnumbered(spans, block.clean)  # the block's own spans: its text is known


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
        return not _CLOSES.search(text)  # plain text: "II Activities of ..." is a part heading
    return len(text) < 150 and not _CLOSES.search(text) and not text[:1].islower() and block.centred


def _strip_prefix(spans: list[Span], length: int) -> list[Span]:
    """`spans` without their first `length` characters of (whitespace-collapsed) text."""
    out: list[Span] = []
    remaining = length
    consumed = ""  # the running text of the spans stripped so far (its end decides how a piece joins)
    for span in spans:
        if remaining <= 0 or span.marker:
            out.append(span)
            continue
        piece = collapsed_piece(consumed, span)
        if len(piece) <= remaining:
            remaining -= len(piece)
            consumed = (consumed + piece)[-1:]  # its last character is all `collapsed_piece` looks at
            continue
        out.append(Span(piece[remaining:], span.italic, span.bold, span.marker))  # `replace`, made direct
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
        if match := _PLENARY_AND_DATE.match(text):
            return index, (match["meeting"], iso_date(match["date"]))
        if match := _COUNCIL_CLOSING.match(text):
            return index, (match["meeting"], "")
    annex = next((i for i, b in enumerate(blocks) if _is_annex_heading(b)), len(blocks))
    return annex, ("", "")


def _is_annex_heading(block: SourceBlock) -> bool:
    """ "Annex", "Annex II", "Annex A – Items subject to ...": a heading on a line of its own (bold or
    centred in a PDF, however long the title that follows it on the same block)."""
    text = block.text
    if block.table is not None or not _ANNEX.match(text) or text.endswith((",", ";")):
        return False
    return block.bold or block.centred or len(text) < 12 or (block.size == 0.0 and len(text) < 120)


def build_annexes(blocks: list[SourceBlock], italics_known: bool, opens_annex: bool = False) -> tuple[Annex, ...]:
    """The annexes in `blocks` (what follows the resolution's closing lines, or an AKN attachment's
    text): each "Annex ..." heading line starts one, whatever follows it; an "Appendix" inside an
    annex is an annex of that annex. The blocks before the first heading are dropped (there are
    none after a resolution's closing lines), unless `opens_annex`: then the first block is the
    first annex's heading whatever it says (an attachment in another language)."""
    annexes: list[_AnnexNode] = []
    for index, block in enumerate(blocks):
        if block.table is None and (_is_annex_heading(block) or (opens_annex and index == 0)):
            node = _AnnexNode(block, italics_known)
            if _APPENDIX.match(block.text) and annexes:
                annexes[-1].inner.append(node)
            else:
                annexes.append(node)
        elif annexes:
            (annexes[-1].inner[-1] if annexes[-1].inner else annexes[-1]).blocks.append(block)
    return tuple(a.freeze() for a in annexes)


@dataclass(slots=True)
class _AnnexNode:
    """An annex while its blocks arrive: the heading block, then its text, then the appendices."""

    heading: SourceBlock
    italics_known: bool
    blocks: list[SourceBlock] = field(default_factory=list)
    inner: list[_AnnexNode] = field(default_factory=list)

    def freeze(self) -> Annex:
        heading, title, anchors, body = _annex_heading(self.heading, self.blocks)
        builder = _Builder(self.italics_known, unnumbered_operative=True, in_annex=True)
        _place_all(builder, body)
        return Annex(
            heading=heading,
            title=title,
            body=tuple(_freeze(n) for n in builder.body),
            annexes=tuple(a.freeze() for a in self.inner),
            anchors=anchors,
            position=self.heading.position,
        )


def _annex_heading(
    heading: SourceBlock, blocks: list[SourceBlock]
) -> tuple[str, str, tuple[Anchor, ...], list[SourceBlock]]:
    """(heading, title, the title's footnote calls, the body's blocks): the title is on the heading
    line ("Annex A – Items ...") or is the next block, when that is neither numbered nor a table."""
    text, anchors = clean_text(list(heading.spans))
    match = _ANNEX.match(text)
    if match and match["title"].strip():
        cut = match.start("title")
        shifted = tuple(Anchor(a.marker, max(a.offset - cut, 0)) for a in anchors)
        return match["heading"], match["title"].strip(), shifted, blocks
    if blocks and _is_annex_title(blocks[0]):
        title, title_anchors = clean_text(list(blocks[0].spans))
        return text.rstrip("."), title, title_anchors, blocks[1:]
    return text.rstrip("."), "", anchors, blocks


def _is_annex_title(block: SourceBlock) -> bool:
    text = block.text
    if block.table is not None or not text:
        return False
    return not (forms.OPERATIVE_NUM.match(text) or forms.SUB_NUM.match(text) or _BULLET.match(text))


# -- tables --------------------------------------------------------------------------------------------


def table_of(source: SourceTable, position: Position = NOWHERE) -> Table:
    """The model's `Table` from a reader's `SourceTable`: cell texts with their calls."""
    caption, caption_anchors = clean_text(list(source.caption))
    rows = tuple(tuple(_cell(c.spans, c.colspan, c.rowspan) for c in row) for row in source.rows)
    notes = tuple(TableNote(n.marker, *clean_text(list(n.spans))) for n in source.notes)
    header_rows = min(max(source.header_rows, 0), len(rows))
    return Table(rows, header_rows, caption, caption_anchors, notes, position=position)


def _cell(spans: tuple[Span, ...], colspan: int, rowspan: int) -> Cell:
    text, anchors = clean_text(list(spans))
    return Cell(text, anchors, max(colspan, 1), max(rowspan, 1))


def _with_captions(blocks: list[SourceBlock]) -> list[SourceBlock]:
    """`blocks` with a caption-like line just above a table that has no caption ("A. Posts",
    "B. Office of Investment Management") made that table's caption."""
    out: list[SourceBlock] = []
    for block in blocks:
        table = block.table
        if table is not None and not table.caption and out and _is_caption(out[-1]):
            above = out.pop()
            block = replace(block, table=replace(table, caption=above.spans))
        out.append(block)
    return out


def _is_caption(block: SourceBlock) -> bool:
    """A short line without closing punctuation, unnumbered or lettered ("A."), that is not a
    part heading of the resolution ("II. ...") nor the start of a list."""
    text = block.text
    if block.table is not None or not text or len(text) > 150 or _CLOSES.search(text):
        return False
    if forms.OPERATIVE_NUM.match(text) or forms.SUB_NUM.match(text) or _BULLET.match(text):
        return False
    match = forms.HEADING_NUM.match(text)
    return not (match and forms.heading_level(match["num"]) == 1)


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
