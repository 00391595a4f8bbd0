"""The document model: the one contract between readers and exporters.

Names follow UN usage. Everything is frozen so a parsed resolution can be shared between
exporters (and processes) without anyone changing it under another's feet.

Text conventions: paragraph `text` is clean running text, lead phrase included, footnote
markers removed; `lead` is the italic opening phrase, a prefix of `text` (or "" when the
paragraph opens in roman); each `Anchor` records where a footnote marker stood as a character
offset into `text`.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from enum import StrEnum
from typing import NamedTuple


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


class Record:
    """What `@dataclass` would write into each class of the model, written once for them all:
    equality and a hash over the fields that take part in comparing (same class, same values of
    those fields, in order), and the repr ("Anchor(marker='1', offset=3)"). Each class says
    `eq=False, repr=False` to its `@dataclass`, which makes each method it writes by compiling its
    source: the 51 of these three cost 9 ms of every process's start-up (issue 12). The model's
    records are compared rarely (tests, diffs), so these are not on any path that counts."""

    __slots__ = ()

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        compared = _names(type(self)).compared  # as tuples, as dataclass compares (identity first)
        return tuple(getattr(self, n) for n in compared) == tuple(getattr(other, n) for n in compared)

    def __hash__(self) -> int:
        return hash(tuple(getattr(self, name) for name in _names(type(self)).hashed))

    def __repr__(self) -> str:
        shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in _names(type(self)).shown)
        return f"{type(self).__qualname__}({shown})"


class _Names(NamedTuple):
    shown: tuple[str, ...]
    compared: tuple[str, ...]
    hashed: tuple[str, ...]


_NAMES: dict[type, _Names] = {}


def _names(cls: type) -> _Names:
    """The names of `cls`'s fields that its repr shows, that it is compared by, and hashed by (as
    `dataclass` chooses them)."""
    names = _NAMES.get(cls)
    if names is None:
        own = fields(cls)
        names = _NAMES[cls] = _Names(
            tuple(f.name for f in own if f.repr),
            tuple(f.name for f in own if f.compare),
            tuple(f.name for f in own if (f.compare if f.hash is None else f.hash)),
        )
    return names


@dataclass(frozen=True, slots=True, eq=False, repr=False)
class Position(Record):
    """Where a part of the document stood in its input: a line (text, XML, Markdown) or a page
    (PDF); 0 where unknown. For reports only: it never takes part in equality."""

    line: int = 0
    page: int = 0


NOWHERE = Position()


@dataclass(frozen=True, slots=True, eq=False, repr=False)
class Reference(Record):
    """A UN document the text cites: characters `start:end` of the host text name `symbol`
    ("A/RES/46/182", "S/RES/2712 (2023)", "A/78/482"). Derived from the text when the model is
    built (references.py), so it takes no part in equality."""

    start: int
    end: int
    symbol: str


@dataclass(frozen=True, slots=True, eq=False, repr=False)
class Anchor(Record):
    """A footnote call: `marker` stood at character `offset` of the host text."""

    marker: str
    offset: int


@dataclass(frozen=True, slots=True, eq=False, repr=False)
class Footnote(Record):
    marker: str
    text: str
    anchors: tuple[Anchor, ...] = ()  # calls inside the footnote's own text (rare)
    refs: tuple[Reference, ...] = field(default=(), compare=False)
    position: Position = field(default=NOWHERE, compare=False)


@dataclass(frozen=True, slots=True, eq=False, repr=False)
class Paragraph(Record):
    role: Role
    text: str
    num: str = ""  # "1.", "(a)", "(i)"; "" for preambular paragraphs
    lead: str = ""
    anchors: tuple[Anchor, ...] = ()
    children: tuple[Paragraph, ...] = ()
    refs: tuple[Reference, ...] = field(default=(), compare=False)
    position: Position = field(default=NOWHERE, compare=False)


@dataclass(frozen=True, slots=True, eq=False, repr=False)
class Section(Record):
    """A heading that groups paragraphs: "I. Title", "A. Title", or an unnumbered heading."""

    num: str
    heading: str
    children: tuple[Block, ...] = ()
    anchors: tuple[Anchor, ...] = ()  # footnote calls in the heading
    refs: tuple[Reference, ...] = field(default=(), compare=False)  # citations in the heading
    position: Position = field(default=NOWHERE, compare=False)


@dataclass(frozen=True, slots=True, eq=False, repr=False)
class Cell(Record):
    """One cell of a table: its text (a cell that wraps over several lines is still one cell), the
    calls it makes (of the table's notes, or of the document's footnotes) and how many grid
    columns and rows it spans."""

    text: str
    anchors: tuple[Anchor, ...] = ()
    colspan: int = 1
    rowspan: int = 1
    refs: tuple[Reference, ...] = field(default=(), compare=False)


Row = tuple[Cell, ...]


@dataclass(frozen=True, slots=True, eq=False, repr=False)
class TableNote(Record):
    """A note of a table ("a See A/78/534."): called from its cells, printed under it."""

    marker: str
    text: str
    anchors: tuple[Anchor, ...] = ()  # footnote calls inside the note (rare)
    refs: tuple[Reference, ...] = field(default=(), compare=False)


@dataclass(frozen=True, slots=True, eq=False, repr=False)
class Table(Record):
    """A table (staffing tables, scales of assessment, budget figures): a caption ("A. Posts"),
    header rows, body rows (a "Total" row is a body row) and the table's own notes. A call in a
    cell whose marker is one of `notes` calls that note; any other call is a footnote call."""

    rows: tuple[Row, ...]
    header_rows: int = 0  # the first `header_rows` of `rows` are header rows (th)
    caption: str = ""
    caption_anchors: tuple[Anchor, ...] = ()
    notes: tuple[TableNote, ...] = ()
    caption_refs: tuple[Reference, ...] = field(default=(), compare=False)
    position: Position = field(default=NOWHERE, compare=False)

    @property
    def header(self) -> tuple[Row, ...]:
        return self.rows[: self.header_rows]

    @property
    def body(self) -> tuple[Row, ...]:
        return self.rows[self.header_rows :]

    def calls_note(self, marker: str) -> bool:
        """Whether a call of `marker` in this table is a call of one of its own notes."""
        return any(note.marker == marker for note in self.notes)


Block = Paragraph | Section | Table


@dataclass(frozen=True, slots=True, eq=False, repr=False)
class Heading(Record):
    """A heading among the preambular paragraphs ("Transport and transit corridors"): it heads the
    recitals after it without holding them (AKN has no grouping inside a preamble)."""

    text: str
    anchors: tuple[Anchor, ...] = ()
    refs: tuple[Reference, ...] = field(default=(), compare=False)
    position: Position = field(default=NOWHERE, compare=False)


@dataclass(frozen=True, slots=True, eq=False, repr=False)
class Separator(Record):
    """A centred "* * *" between preambular paragraphs: a break, not a paragraph."""

    text: str = "* * *"
    position: Position = field(default=NOWHERE, compare=False)


PreambleItem = Paragraph | Heading | Separator


@dataclass(frozen=True, slots=True, eq=False, repr=False)
class Annex(Record):
    """An annex (or appendix): its heading ("Annex", "Annex I"), title, and a body of the same
    blocks as a resolution's (sections, numbered paragraphs and their sub-paragraphs, tables).
    An annex inside an annex (an appendix to it) is one of its `annexes`."""

    heading: str
    title: str = ""
    body: tuple[Block, ...] = ()
    annexes: tuple[Annex, ...] = ()
    anchors: tuple[Anchor, ...] = ()  # footnote calls in the title (or, without a title, the heading)
    refs: tuple[Reference, ...] = field(default=(), compare=False)  # citations in the title
    position: Position = field(default=NOWHERE, compare=False)


@dataclass(frozen=True, slots=True, eq=False, repr=False)
class Sponsor(Record):
    """A sponsor of a draft, as the sponsors line names it; the group it acts for ("the States that
    are members of the Group of 77 and China"), which the UN gives in a footnote called after its
    name; and the footnote calls after its name ("Iraq:*": offset len(name))."""

    name: str
    on_behalf_of: str = ""
    anchors: tuple[Anchor, ...] = ()

    @property
    def label(self) -> str:
        """As a reader is shown it: "Uganda (on behalf of the Group of 77 and China)"."""
        return f"{self.name} (on behalf of {self.on_behalf_of})" if self.on_behalf_of else self.name


@dataclass(frozen=True, slots=True, eq=False, repr=False)
class AgendaItem(Record):
    number: str  # "128 (t)", "107"
    name: str = ""
    anchors: tuple[Anchor, ...] = ()  # footnote calls after the number ("Item 35 of the provisional agenda*")


@dataclass(frozen=True, slots=True, eq=False, repr=False)
class Metadata(Record):
    symbol: str = ""
    symbol_anchors: tuple[Anchor, ...] = ()  # footnote calls after the symbol ("A/RES/78/68*": reissued)
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
    title_anchors: tuple[Anchor, ...] = ()  # footnote calls in the title
    sponsors: tuple[Sponsor, ...] = ()
    committee: str = ""  # "Third Committee" for a committee report or draft
    originating_report: str = ""  # "A/78/482, para. 29"
    language: str = "en"
    original_language: str = ""


@dataclass(frozen=True, slots=True, eq=False, repr=False)
class Diagnostic(Record):
    code: str  # stable, kebab-case: "unanchored-footnote", "numbering-gap" ...
    message: str
    severity: Severity = Severity.WARNING
    where: str = ""  # "operative 3", "preamble 2", "footnote 6"
    position: Position = NOWHERE  # where in the input, when the reader knew


@dataclass(frozen=True, slots=True, eq=False, repr=False)
class Resolution(Record):
    meta: Metadata
    formula: str = ""  # "The General Assembly,"
    preamble: tuple[PreambleItem, ...] = ()
    body: tuple[Block, ...] = ()
    footnotes: tuple[Footnote, ...] = ()
    annexes: tuple[Annex, ...] = ()
    diagnostics: tuple[Diagnostic, ...] = field(default=(), compare=False)

    def operative(self) -> tuple[Paragraph, ...]:
        """Operative paragraphs in order, out of any sections that group them."""
        return tuple(p for p in iter_paragraphs(self.body) if p.role is Role.OPERATIVE)

    def recitals(self) -> tuple[Paragraph, ...]:
        """The preamble's paragraphs, without its headings and separators."""
        return tuple(p for p in self.preamble if isinstance(p, Paragraph))


def iter_paragraphs(blocks: tuple[Block, ...]) -> list[Paragraph]:
    """Top-level paragraphs of `blocks`, sections flattened (sub-paragraphs and tables not included)."""
    out: list[Paragraph] = []
    for block in blocks:
        if isinstance(block, Section):
            out.extend(iter_paragraphs(block.children))
        elif isinstance(block, Paragraph):
            out.append(block)
    return out


def iter_tables(blocks: tuple[Block, ...]) -> list[Table]:
    """The tables of `blocks`, sections flattened."""
    out: list[Table] = []
    for block in blocks:
        if isinstance(block, Section):
            out.extend(iter_tables(block.children))
        elif isinstance(block, Table):
            out.append(block)
    return out


def iter_annexes(annexes: tuple[Annex, ...]) -> list[Annex]:
    """Every annex, each followed by the annexes inside it."""
    out: list[Annex] = []
    for annex in annexes:
        out.append(annex)
        out.extend(iter_annexes(annex.annexes))
    return out
