"""The document model: the one contract between readers and exporters.

Names follow UN usage. Everything is frozen so a parsed resolution can be shared between
exporters (and processes) without anyone changing it under another's feet.

Text conventions: paragraph `text` is clean running text, lead phrase included, footnote
markers removed; `lead` is the italic opening phrase, a prefix of `text` (or "" when the
paragraph opens in roman); each `Anchor` records where a footnote marker stood as a character
offset into `text`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class DocumentKind(StrEnum):
    RESOLUTION = "resolution"
    DRAFT_RESOLUTION = "draftResolution"
    DECISION = "decision"


class Organ(StrEnum):
    GENERAL_ASSEMBLY = "General Assembly"
    SECURITY_COUNCIL = "Security Council"
    HUMAN_RIGHTS_COUNCIL = "Human Rights Council"
    ECONOMIC_AND_SOCIAL_COUNCIL = "Economic and Social Council"
    OTHER = "other"


class Role(StrEnum):
    PREAMBULAR = "preambular"
    OPERATIVE = "operative"
    SUB = "sub"  # a sub-paragraph: (a), (i) ...


class Severity(StrEnum):
    NOTE = "note"  # as compilers say it; GitHub annotations call it "notice"
    WARNING = "warning"
    ERROR = "error"


@dataclass(frozen=True, slots=True)
class Position:
    """Where a part of the document stood in its input: a line (text, XML, Markdown) or a page
    (PDF); 0 where unknown. For reports only: it never takes part in equality."""

    line: int = 0
    page: int = 0


NOWHERE = Position()


@dataclass(frozen=True, slots=True)
class Reference:
    """A UN document the text cites: characters `start:end` of the host text name `symbol`
    ("A/RES/46/182", "S/RES/2712 (2023)", "A/78/482"). Derived from the text when the model is
    built (references.py), so it takes no part in equality."""

    start: int
    end: int
    symbol: str


@dataclass(frozen=True, slots=True)
class Anchor:
    """A footnote call: `marker` stood at character `offset` of the host text."""

    marker: str
    offset: int


@dataclass(frozen=True, slots=True)
class Footnote:
    marker: str
    text: str
    anchors: tuple[Anchor, ...] = ()  # calls inside the footnote's own text (rare)
    refs: tuple[Reference, ...] = field(default=(), compare=False)
    position: Position = field(default=NOWHERE, compare=False)


@dataclass(frozen=True, slots=True)
class Paragraph:
    role: Role
    text: str
    num: str = ""  # "1.", "(a)", "(i)"; "" for preambular paragraphs
    lead: str = ""
    anchors: tuple[Anchor, ...] = ()
    children: tuple[Paragraph, ...] = ()
    refs: tuple[Reference, ...] = field(default=(), compare=False)
    position: Position = field(default=NOWHERE, compare=False)


@dataclass(frozen=True, slots=True)
class Section:
    """A heading that groups paragraphs: "I. Title", "A. Title", or an unnumbered heading."""

    num: str
    heading: str
    children: tuple[Block, ...] = ()
    anchors: tuple[Anchor, ...] = ()  # footnote calls in the heading
    refs: tuple[Reference, ...] = field(default=(), compare=False)  # citations in the heading
    position: Position = field(default=NOWHERE, compare=False)


Block = Paragraph | Section


@dataclass(frozen=True, slots=True)
class Annex:
    """An annex (or appendix): its heading ("Annex", "Annex I"), title and text blocks."""

    heading: str
    title: str = ""
    blocks: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class AgendaItem:
    number: str  # "128 (t)", "107"
    name: str = ""


@dataclass(frozen=True, slots=True)
class Metadata:
    symbol: str = ""
    kind: DocumentKind = DocumentKind.RESOLUTION
    organ: Organ = Organ.GENERAL_ASSEMBLY
    session: str = ""  # "78", "ES-11", "59"; "" for the Security Council
    agenda_items: tuple[AgendaItem, ...] = ()
    distribution: str = ""  # "General", "Limited"
    issue_date: str = ""  # ISO 8601
    adoption_date: str = ""  # ISO 8601
    meeting: str = ""  # "50th plenary meeting", "9836th meeting"
    number: str = ""  # "78/229", "2768 (2025)"
    title: str = ""
    sponsors: tuple[str, ...] = ()
    committee: str = ""  # "Third Committee" for a committee report or draft
    originating_report: str = ""  # "A/78/482, para. 29"
    language: str = "en"
    original_language: str = ""


@dataclass(frozen=True, slots=True)
class Diagnostic:
    code: str  # stable, kebab-case: "unanchored-footnote", "numbering-gap" ...
    message: str
    severity: Severity = Severity.WARNING
    where: str = ""  # "operative 3", "preamble 2", "footnote 6"
    position: Position = NOWHERE  # where in the input, when the reader knew


@dataclass(frozen=True, slots=True)
class Resolution:
    meta: Metadata
    formula: str = ""  # "The General Assembly,"
    preamble: tuple[Paragraph, ...] = ()
    body: tuple[Block, ...] = ()
    footnotes: tuple[Footnote, ...] = ()
    annexes: tuple[Annex, ...] = ()
    diagnostics: tuple[Diagnostic, ...] = field(default=(), compare=False)

    def operative(self) -> tuple[Paragraph, ...]:
        """Operative paragraphs in order, out of any sections that group them."""
        return tuple(p for p in iter_paragraphs(self.body) if p.role is Role.OPERATIVE)


def iter_paragraphs(blocks: tuple[Block, ...]) -> list[Paragraph]:
    """Top-level paragraphs of `blocks`, sections flattened (sub-paragraphs not included)."""
    out: list[Paragraph] = []
    for block in blocks:
        if isinstance(block, Section):
            out.extend(iter_paragraphs(block.children))
        else:
            out.append(block)
    return out
