"""Akoma Ntoso 3.0 export in the UN's AKN4UN profile, in the shape of the UN's own files.

`statement` (name resolution, draftResolution or decision) > meta (FRBR identification, workflow,
references to every TLC the document refers to), coverPage (symbol, distribution, issue date,
session, agenda items, adoption line, committee report; the Security Council's number and adoption
meeting), preface (number, title; a draft's sponsors), preamble (enacting formula, one container
per preambular paragraph, lead phrase in italics; a heading among them as blockContainer >
crossHeading, a "* * *" as a decoration), mainBody (paragraph > num + content, sub-paragraphs as
list > point, headings as section > num + heading, preambular paragraphs inside a section as
crossHeading refersTo="#preamble", tables as hcontainer name="table" > content > table, their notes
after them), conclusions (adoption meeting and date), attachments (one per annex, each a doc
name="annex" with the heading and title in its preface and a mainBody of the same blocks; an annex
inside an annex in the doc's own attachments). Footnotes are `authorialNote`s at the call site (a
second call of the same footnote is a `noteRef`; a footnote never called sits in meta/notes; one
called in the title or after a sponsor's name stands there, in the preface). Documents cited in the text are `ref`s that
wrap the citation's own characters, so the running text is exactly the model's.

A pure function of the `Resolution`: no clock (frbr.py), eIds from the model (addresses.py).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cache
from typing import NamedTuple

from lxml import etree

from resolution_cli.addresses import Addresses, EIdGenerator, addresses
from resolution_cli.errors import InvalidOutput
from resolution_cli.exporters import Exporter
from resolution_cli.forms import ORGANS, organ_form
from resolution_cli.frbr import Identification, identify
from resolution_cli.model import (
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
    Reference,
    Resolution,
    Role,
    Section,
    Separator,
    Sponsor,
    Table,
)
from resolution_cli.parse.masthead import join_agenda_numbers
from resolution_cli.parse.vocabulary import MONTHS, ordinal_word
from resolution_cli.references import undocs_url
from resolution_cli.schema import require_valid, safe_parser

AKN_NS = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
_SOURCE = "resolutionCli"

# The TLC (Top Level Class) behind each refersTo/href the exporter writes: element, IRI, label.
_TLC: dict[str, tuple[str, str, str]] = {
    _SOURCE: ("TLCOrganization", "/akn/ontology/organization/resolution-cli", "resolution-cli"),
    "publisher": ("TLCRole", "/akn/ontology/role/un/publisher", "Publisher"),
    "issuingBody": ("TLCRole", "/akn/ontology/role/un/issuingBody", "Issuing body"),
    "author": ("TLCRole", "/akn/ontology/role/un/author", "Author"),
    "editor": ("TLCRole", "/akn/ontology/role/un/editor", "Editor"),
    "sponsor": ("TLCRole", "/akn/ontology/role/un/sponsor", "Sponsor"),
    "symbol": ("TLCConcept", "/akn/ontology/reference/un/symbol", "Symbol"),
    "dateOfIssuance": ("TLCConcept", "/akn/ontology/concept/un/dateOfIssuance", "Date of issuance"),
    "adoptionDate": ("TLCConcept", "/akn/ontology/concept/un/dateOfAdoption", "Date of adoption"),
    "adoptionMeeting": ("TLCEvent", "/akn/ontology/event/un/adoptionMeeting", "Adoption meeting"),
    "adoption": ("TLCEvent", "/akn/ontology/event/un/adoption", "Adoption"),
    "generalDistribution": ("TLCConcept", "/akn/ontology/concept/un/generalDistribution", "General distribution"),
    "limitedDistribution": ("TLCConcept", "/akn/ontology/concept/un/limitedDistribution", "Limited distribution"),
    "restrictedDistribution": ("TLCConcept", "/akn/ontology/concept/un/restrictedDistribution", "Restricted"),
    "originalLanguage": ("TLCConcept", "/akn/ontology/concept/un/originalLanguage", "Original language"),
    "resolutionTitle": ("TLCTerm", "/akn/ontology/reference/un/resolutionTitle", "Resolution title"),
    "resolutionNumber": ("TLCTerm", "/akn/ontology/reference/un/resolutionNumber", "Resolution number"),
    "preamble": ("TLCConcept", "/akn/ontology/concept/un/preambularParagraph", "Preambular paragraph"),
    "noMainCommittee": ("TLCConcept", "/akn/ontology/concept/un/noMainCommittee", "No Main Committee"),
    "draftResolution": ("TLCConcept", "/akn/ontology/concept/un/draftResolution", "Draft resolution"),
    "draftDecision": ("TLCConcept", "/akn/ontology/concept/un/draftDecision", "Draft decision"),
    **{form.actor: ("TLCOrganization", form.tlc_href, form.tlc_label) for form in ORGANS},
}
# "Resolution 2768 (2025)" on a Security Council resolution's cover, in the UN's six languages.
COUNCIL_NUMBER: dict[str, str] = {
    "en": "Resolution {}",
    "fr": "Résolution {}",
    "es": "Resolución {}",
    "ru": "Резолюция {}",
    "ar": "القرار {}",
    "zh": "第{}号决议",
}
_TLC_ORDER = ("TLCOrganization", "TLCRole", "TLCEvent", "TLCConcept", "TLCTerm")
# The class of an unnumbered paragraph whose text would read as a heading (short, no closing
# punctuation: the UN's markup gives its headings that way), so that it reads back as a paragraph.
UNNUMBERED = "unnumberedParagraph"


def reads_as_heading(text: str) -> bool:
    """Whether an unnumbered paragraph of `text` reads as a heading in the UN's markup."""
    return bool(text) and len(text) < 150 and not re.search(r"[.;:,]\s*$", text)


def concept_id(name: str) -> str:
    """A TLC eId from a name: "Third Committee" -> "thirdCommittee"."""
    words: list[str] = re.findall(r"[^\W_]+", name)
    if not words:
        return "unnamed"
    return words[0].lower() + "".join(w[:1].upper() + w[1:] for w in words[1:])


class _Node:
    """An element of the document being written, open while children can still come (in document
    order): what `_sub`, `_leaf` and `_append_text` write into, where an lxml element stood."""

    __slots__ = ("xml", "tag", "parent", "index", "children", "open")

    def __init__(self, xml: _Xml, tag: str, parent: _Node | None, index: int) -> None:
        self.xml = xml
        self.tag = tag
        self.parent = parent
        self.index = index  # among the parent's children
        self.children = 0
        self.open = True

    def __len__(self) -> int:
        return self.children


@dataclass(slots=True)
class _Xml:
    """The XML of a document as text, element by element in document order: an element is closed
    when its parent gets its next child or text (or at the end). lxml parses it once
    (`parse_written`). (An lxml `SubElement` with its attributes cost 2-6 us, about 290 of them a
    document: written as text and parsed once, the tree costs 0.7-0.8 of what it did.)

    `pointers` are the values of the attributes that point at a TLC (what meta/references lists);
    `empty` the places where the text given was only characters XML cannot hold: an empty text node
    there, as lxml made it, changes how lxml indents the element (`parse_written` puts it back)."""

    parts: list[str] = field(default_factory=list)
    stack: list[_Node] = field(default_factory=list)
    pointers: set[str] = field(default_factory=set)
    empty: list[tuple[_Node, int]] = field(default_factory=list)  # (element, child index or -1 for its text)
    careful: bool = False  # whether texts are searched for the characters XML cannot hold (`written_tree`)

    def fork(self) -> _Xml:
        """A writer of its own (for a part written out of order, as meta), sharing what is collected."""
        return _Xml(pointers=self.pointers, empty=self.empty, careful=self.careful)

    def root(self, start: str, tag: str, parent: _Node | None = None, index: int = 0) -> _Node:
        node = _Node(self, tag, parent, index)
        self.parts.append(start)
        self.stack.append(node)
        return node

    def close_to(self, node: _Node) -> None:
        """Closes the elements opened after `node`, so that what comes next goes into `node`."""
        if not node.open:
            raise RuntimeError(f"<{node.tag}> is closed: the AKN writer wrote out of document order")
        stack = self.stack
        while stack[-1] is not node:
            closed = stack.pop()
            closed.open = False
            self.parts.append(f"</{closed.tag}>")

    def text(self) -> str:
        """The document's XML, every element closed."""
        for node in reversed(self.stack):
            node.open = False
            self.parts.append(f"</{node.tag}>")
        self.stack.clear()
        return "".join(self.parts)


# The attributes whose values point at a TLC of meta/references (and FRBRauthor's href).
_POINTER_ATTRIBUTES = frozenset(("refersTo", "by", "as", "source"))


def _sub(parent: _Node, tag: str, text: str = "", **attributes: str) -> _Node:
    """A child element, open for children of its own (`_leaf` writes one that gets none)."""
    xml = parent.xml
    stack = xml.stack
    if stack[-1] is not parent:
        xml.close_to(parent)
    node = _Node(xml, tag, parent, parent.children)
    parent.children += 1
    stack.append(node)
    start = _start_tag(xml, tag, attributes) if attributes else f"<{tag}>"
    if text:
        safe = _text(text, xml.careful)
        if not safe:
            xml.empty.append((node, -1))
        start += safe
    xml.parts.append(start)
    return node


def _leaf(parent: _Node, tag: str, text: str = "", **attributes: str) -> None:
    """A child element that gets no children: written whole at once (most elements are)."""
    _started_leaf(parent, tag, _start_tag(parent.xml, tag, attributes) if attributes else f"<{tag}>", text)


def _italic(parent: _Node, text: str) -> None:
    """`<span class="italic">`: a lead phrase (the commonest element with attributes, whose start
    tag is the same each time)."""
    _started_leaf(parent, "span", _ITALIC_START, text)


def _started_leaf(parent: _Node, tag: str, start: str, text: str) -> None:
    """`_leaf` of the element whose start tag is `start`."""
    xml = parent.xml
    if xml.stack[-1] is not parent:
        xml.close_to(parent)
    if text:
        safe = _text(text, xml.careful)
        if not safe:
            xml.empty.append((_Node(xml, tag, parent, parent.children), -1))
        start += safe
    parent.children += 1
    xml.parts.append(f"{start}</{tag}>")


# Attributes named by Python keywords, as the keyword arguments that write them spell them.
_KEYWORD_ATTRIBUTES = {"class_": "class", "as_": "as"}


def _start_tag(xml: _Xml, tag: str, attributes: dict[str, str]) -> str:
    """`<tag attributes>`; a structural eId gets its wId twin (this is the master expression). An
    empty attribute is left out; `class_` and `as_` are `class` and `as`."""
    start = "<" + tag
    eid = None
    for key, value in attributes.items():
        if not value:
            continue
        name = _KEYWORD_ATTRIBUTES.get(key, key)
        if name in _POINTER_ATTRIBUTES or name == "href" and tag.startswith("FRBRauthor"):
            xml.pointers.add(xml_safe(value) if xml.careful else value)
        if "&" in value or "<" in value or ">" in value or '"' in value or xml.careful:
            value = _attribute(value, xml.careful)
        if name == "eId":
            eid = value
        start += f' {name}="{value}"'
    if eid is not None and not tag.startswith("TLC"):
        start += f' wId="{eid}"'
    return start + ">"


def _written_leaf(parent: _Node, leaf: str) -> None:
    """A child element `_leaf` wrote before (as `_fixed_tlc`): one with no text, no pointer to a TLC."""
    xml = parent.xml
    if xml.stack[-1] is not parent:
        xml.close_to(parent)
    parent.children += 1
    xml.parts.append(leaf)


@cache
def _fixed_tlc(eid: str) -> str:
    """The meta/references element of the TLC `eid` of `_TLC` (the same in every document: written
    once a process, as `_leaf` writes it)."""
    element, href, label = _TLC[eid]
    scratch = _Xml(careful=True)
    _leaf(scratch.root("", ""), element, eId=eid, href=href, showAs=label)
    return scratch.parts[-1]


_ITALIC_START = _start_tag(_Xml(), "span", {"class_": "italic"})


def _append_text(parent: _Node, text: str) -> None:
    """Appends `text` after whatever `parent` already holds (its text, or its last child's tail)."""
    if not text:
        return
    xml = parent.xml
    if xml.stack[-1] is not parent:
        xml.close_to(parent)
    safe = _text(text, xml.careful)
    if not safe:
        xml.empty.append((parent, parent.children - 1))
    xml.parts.append(safe)


def _text(text: str, careful: bool) -> str:
    """`text` as XML character data: `&`, `<` and `>` (of "]]>") escaped; `careful`, also the
    characters XML cannot hold left out (`xml_safe`) and a carriage return as a reference (the parser
    would read a line feed). Without care, text is written as it is given: `written_tree` tells."""
    if careful and not text.isprintable():  # printable text holds none of them (a fast test)
        return _escape_markup(_NOT_XML.sub("", text)).replace("\r", "&#13;")
    if "&" in text or "<" in text or ">" in text:
        return _escape_markup(text)
    return text


def _escape_markup(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _attribute(value: str, careful: bool) -> str:
    """`value` as a double-quoted attribute: as `_text`, and `"`; `careful`, also tabs and line feeds
    as references (the parser reads a tab or a line break in an attribute as a space)."""
    value = _text(value, careful).replace('"', "&quot;")
    return value.replace("\n", "&#10;").replace("\t", "&#9;") if careful else value


# not allowed in XML 1.0 (the escapes are the pattern's: mypyc compiles no surrogate in a literal)
_NOT_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_safe(text: str) -> str:
    """`text` without the characters XML 1.0 (and so lxml) cannot hold; the HTML exporter uses it too.
    (Printable text holds none of them, and `isprintable` is twice as fast as the pattern.)"""
    return text if text.isprintable() else _NOT_XML.sub("", text)


_FORMULA_STOP = ",:;."


def split_stop(formula: str) -> tuple[str, str]:
    """The words of an enacting formula, and the punctuation and spaces that close it:
    ("The General Assembly", ",") (a loop from the end: a pattern for it was quadratic on ",.,.,.")."""
    end = len(formula)
    while end and (formula[end - 1].isspace() or formula[end - 1] in _FORMULA_STOP):
        end -= 1
    return formula[:end], formula[end:]


def long_date(iso: str, language: str) -> str:
    """ISO "2023-12-19" -> "19 December 2023" (English); the ISO date itself in other languages."""
    match = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", iso)
    if not match or language != "en" or not 1 <= int(match[2]) <= 12:
        return iso
    return f"{int(match[3])} {MONTHS[int(match[2]) - 1]} {match[1]}"


def session_name(session: str) -> tuple[str, str]:
    """The session's `value` and its name: "78" -> ("78", "Seventy-eighth session"),
    "ES-11" -> ("11", "Eleventh emergency special session"), "S-30" -> ("30", "Thirtieth special session")."""
    match = re.fullmatch(r"(?:(?P<kind>ES|S)-)?(?P<n>\d{1,2})", session)
    if not match or int(match["n"]) == 0:
        return session, session
    kind = {"ES": " emergency special", "S": " special"}.get(match["kind"] or "", "")
    return match["n"], f"{ordinal_word(int(match['n'])).capitalize()}{kind} session"


@dataclass(slots=True)
class _Writer:
    """Builds the tree of one resolution; keeps the state that crosses paragraphs (eIds, notes)."""

    resolution: Resolution
    where: Addresses = field(default_factory=Addresses)  # the eIds of the model's parts
    ids: EIdGenerator = field(default_factory=EIdGenerator)  # carries on for notes and attachments
    placed: dict[str, str] = field(default_factory=dict)  # footnote marker -> eId of its latest note
    pending: dict[str, list[Footnote]] = field(default_factory=dict)  # marker -> footnotes not yet placed
    tlc: dict[str, tuple[str, str, str]] = field(default_factory=dict)  # extra TLCs: sponsors, committee
    xml: _Xml = field(default_factory=_Xml)  # the document's text

    @property
    def meta(self) -> Metadata:
        return self.resolution.meta

    def document(self) -> str:
        """The document's XML as text (`build_tree` parses it)."""
        self.where = addresses(self.resolution)
        self.ids = self.where.generator
        for footnote in self.resolution.footnotes:  # a marker may serve twice (numbering restarts)
            self.pending.setdefault(footnote.marker, []).append(footnote)
        xml = self.xml
        root = xml.root(f'<akomaNtoso xmlns="{AKN_NS}">', "akomaNtoso")
        statement = _sub(root, "statement", name=self.meta.kind.value)
        meta_at = len(xml.parts)  # meta comes first, and is written last (it lists what the rest uses)
        xml.parts.append("")
        statement.children += 1
        identification = identify(self.meta)
        self.cover_page(statement)
        self.preface(statement)
        self.preamble(statement)
        self.main_body(statement)
        self.conclusions(statement)
        self.attachments(statement, self.resolution.annexes, identification)
        xml.parts[meta_at] = self.meta_block(statement, identification)
        return xml.text()

    # --- meta -----------------------------------------------------------------------------

    def meta_block(self, statement: _Node, ident: Identification) -> str:
        xml = self.xml.fork()
        meta = xml.root("<meta>", "meta", statement, 0)
        identification_block(meta, ident, organ_form(self.meta.organ).actor)
        self.workflow(meta, ident)
        self.references(meta)
        self.unplaced_notes(meta)
        return xml.text()

    def workflow(self, meta: _Node, ident: Identification) -> None:
        if self.meta.kind is DocumentKind.RESOLUTION or not self.meta.sponsors:
            return
        workflow = _sub(meta, "workflow", source="#" + _SOURCE)
        outcome = "#draftDecision" if self.meta.kind is DocumentKind.DECISION else "#draftResolution"
        date = ident.work_date
        for sponsor in self.meta.sponsors:
            _leaf(workflow, "step", date=date, by="#" + self.sponsor_id(sponsor.name), as_="#sponsor", outcome=outcome)

    def references(self, meta: _Node) -> None:
        """meta/references: a TLC for each one the document points at (written so far: all but meta's own
        references and notes, which point at none)."""
        used = {v[1:] for value in self.xml.pointers for v in value.split() if v.startswith("#")}
        table = {**_TLC, **self.tlc}
        known = sorted((table[i][0], i) for i in used if i in table)
        references = _sub(meta, "references", source="#" + _SOURCE)
        for element, eid in sorted(known, key=lambda k: (_TLC_ORDER.index(k[0]), k[1])):
            if eid in self.tlc:
                _, href, label = table[eid]
                _leaf(references, element, eId=eid, href=href, showAs=label)
            else:
                _written_leaf(references, _fixed_tlc(eid))
        for eid in sorted(i for i in used if i not in table):
            _leaf(references, "TLCConcept", eId=eid, href=f"/akn/ontology/concept/un/{eid}", showAs=eid)

    def unplaced_notes(self, meta: _Node) -> None:
        """Footnotes never called in the text: kept in meta/notes so nothing is lost."""
        loose = [f for queue in self.pending.values() for f in queue]
        loose.sort(key=_first_places(self.resolution.footnotes).__getitem__)
        self.pending.clear()
        if not loose:
            return
        notes = _sub(meta, "notes", source="#" + _SOURCE)
        for footnote in loose:
            eid = self.ids.make("", "note", footnote.marker)
            note = _sub(notes, "note", eId=eid, marker=footnote.marker, placement="bottom")
            self.placed[footnote.marker] = eid
            self.inline(_sub(note, "p"), footnote.text, "", footnote.anchors, eid, footnote.refs)

    # --- coverPage and preface ---------------------------------------------------------------

    def cover_page(self, statement: _Node) -> None:
        meta = self.meta
        cover = _sub(statement, "coverPage", eId="coverPage")
        _leaf(_sub(cover, "p"), "docAuthority", "United Nations", refersTo="#publisher")
        if meta.symbol:
            p = _sub(cover, "p")
            _leaf(p, "docNumber", meta.symbol, refersTo="#symbol")
            for anchor in meta.symbol_anchors:  # a call after the symbol ("A/RES/78/68*": reissued)
                self.note_call(p, anchor.marker, "coverPage")
        if meta.organ is not Organ.OTHER:
            _leaf(_sub(cover, "p"), "docAuthority", meta.organ.value, refersTo="#issuingBody")
        if meta.distribution:
            status = f"#{meta.distribution.lower()}Distribution"
            _leaf(_sub(cover, "p"), "docStatus", f"Distr.: {meta.distribution}", refersTo=status)
        if meta.issue_date:
            date = long_date(meta.issue_date, meta.language)
            _leaf(_sub(cover, "p"), "docDate", date, date=meta.issue_date, refersTo="#dateOfIssuance")
        if meta.original_language:
            original = f"Original: {meta.original_language}"
            _leaf(_sub(cover, "p"), "inline", original, name="originalLanguage", refersTo="#originalLanguage")
        if meta.kind is DocumentKind.DRAFT_RESOLUTION and meta.committee:
            committee = self.committee_id()
            _leaf(_sub(cover, "p"), "docAuthority", meta.committee, refersTo="#" + committee)
        if meta.session:
            value, name = session_name(meta.session)
            _leaf(_sub(cover, "p"), "session", name, value=value)
        self.agenda(cover)
        if meta.organ is Organ.SECURITY_COUNCIL:
            self.council_adoption(cover)
        else:
            self.adoption_line(cover)

    def agenda(self, cover: _Node) -> None:
        """One line for all the items, as the masthead (and the UN's markup) has it."""
        numbers = [item.number for item in self.meta.agenda_items]
        if numbers:
            joined = join_agenda_numbers(numbers)
            label = "Agenda items" if len(numbers) > 1 else "Agenda item"
            p = _sub(cover, "p")
            _leaf(p, "inline", f"{label} {joined}", name="agenda item", title=joined)
            for item in self.meta.agenda_items:
                for anchor in item.anchors:
                    self.note_call(p, anchor.marker, "coverPage")
        for item in self.meta.agenda_items:
            if item.name:
                _leaf(_sub(cover, "p"), "inline", item.name, name="agenda item name")

    def adoption_line(self, cover: _Node) -> None:
        meta = self.meta
        if meta.kind is not DocumentKind.DRAFT_RESOLUTION and (meta.adoption_date or meta.number):
            what = "Decision" if meta.kind is DocumentKind.DECISION else "Resolution"
            line = f"{what} adopted by the {meta.organ.value if meta.organ is not Organ.OTHER else 'United Nations'}"
            if meta.adoption_date:
                line += f" on {long_date(meta.adoption_date, meta.language)}"
            _leaf(_sub(cover, "p"), "docTitle", line)
        if meta.originating_report or (meta.committee and meta.kind is not DocumentKind.DRAFT_RESOLUTION):
            p = _sub(cover, "p")
            if meta.committee:
                proponent = _sub(
                    p, "docProponent", f"[on the report of the {meta.committee} (", refersTo="#" + self.committee_id()
                )
            else:
                proponent = _sub(
                    p, "docProponent", "[without reference to a Main Committee (", refersTo="#noMainCommittee"
                )
            _leaf(proponent, "inline", meta.originating_report, name="originating document")
            _append_text(proponent, ")]")

    def council_adoption(self, cover: _Node) -> None:
        meta = self.meta
        if meta.number:
            template = COUNCIL_NUMBER.get(meta.language, COUNCIL_NUMBER["en"])
            _leaf(_sub(cover, "p"), "docTitle", template.format(meta.number), refersTo="#resolutionNumber")
        if not (meta.meeting or meta.adoption_date):
            return
        title = _sub(_sub(cover, "p"), "docTitle", "Adopted by the Security Council", refersTo="#adoption")
        if meta.meeting:
            _append_text(title, " at its ")
            _leaf(title, "inline", meta.meeting, name="adoptionMeeting", refersTo="#adoptionMeeting")
        if meta.adoption_date:
            _append_text(title, ", on " if meta.meeting else " on ")
            date = long_date(meta.adoption_date, meta.language)
            _leaf(title, "docDate", date, date=meta.adoption_date, refersTo="#adoptionDate")

    def committee_id(self) -> str:
        eid = concept_id(self.meta.committee)
        self.tlc[eid] = ("TLCOrganization", f"/akn/ontology/organization/un/{eid}", self.meta.committee)
        return eid

    def sponsor(self, p: _Node, sponsor: Sponsor) -> None:
        """A docProponent (the group it acts for as its title), then the footnotes called after it."""
        on_behalf = f"on behalf of {sponsor.on_behalf_of}" if sponsor.on_behalf_of else ""
        refers = "#" + self.sponsor_id(sponsor.name)
        element = _sub(p, "docProponent", refersTo=refers, as_="#sponsor", title=on_behalf)
        inside = tuple(a for a in sponsor.anchors if a.offset < len(sponsor.name))
        self.inline(element, sponsor.name, "", inside, "preface")
        for anchor in sponsor.anchors:
            if anchor.offset >= len(sponsor.name):
                self.note_call(p, anchor.marker, "preface")

    def sponsor_id(self, sponsor: str) -> str:
        concept = concept_id(sponsor)
        eid = "sponsor" + concept[:1].upper() + concept[1:]
        self.tlc[eid] = ("TLCOrganization", f"/akn/ontology/organization/un/memberState/{concept}", sponsor)
        return eid

    def preface(self, statement: _Node) -> None:
        meta = self.meta
        council_number = meta.organ is Organ.SECURITY_COUNCIL
        if not (meta.title or meta.sponsors or (meta.number and not council_number)):
            return
        preface = _sub(statement, "preface")
        if meta.sponsors:
            self.sponsors(_sub(preface, "p"))
        if not (meta.title or (meta.number and not council_number)):
            return
        p = _sub(preface, "p")
        if meta.number and not council_number:
            _leaf(p, "docNumber", f"{meta.number}.")
            _append_text(p, " ")
        if meta.title:
            self.title(p)

    def title(self, p: _Node) -> None:
        """The docTitle; a footnote called at the title's end stands right after it, so that the
        title element holds the title alone (a call inside it stays inside)."""
        title, anchors = self.meta.title, self.meta.title_anchors
        inside = tuple(a for a in anchors if a.offset < len(title))
        element = _sub(p, "docTitle", refersTo="#resolutionTitle")
        self.inline(element, title, "", inside, "preface")
        for anchor in anchors:
            if anchor.offset >= len(title):
                self.note_call(p, anchor.marker, "preface")

    def sponsors(self, p: _Node) -> None:
        sponsors = self.meta.sponsors
        for index, sponsor in enumerate(sponsors):
            if index:
                _append_text(p, " and " if index == len(sponsors) - 1 else ", ")
            self.sponsor(p, sponsor)
        what = "draft decision" if self.meta.kind is DocumentKind.DECISION else "draft resolution"
        _append_text(p, f": {what}")

    # --- preamble and body ------------------------------------------------------------------

    def preamble(self, statement: _Node) -> None:
        resolution = self.resolution
        if not (resolution.formula or resolution.preamble):
            return
        preamble = _sub(statement, "preamble")
        if resolution.formula:
            formula = _sub(preamble, "formula", name="enactingFormula", eId=self.where.formula)
            words, stop = split_stop(resolution.formula)
            p = _sub(formula, "p")
            if words:
                _italic(p, words)
            _append_text(p, stop)
        for item in resolution.preamble:
            if isinstance(item, Heading):
                self.preamble_heading(preamble, item)
            elif isinstance(item, Separator):
                _leaf(_sub(preamble, "p"), "decoration", item.text, style="text-align:center")
            else:
                self.recital(preamble, item)

    def recital(self, preamble: _Node, para: Paragraph) -> None:
        eid = self.where.of(para)
        container = _sub(preamble, "container", name="preambularParagraph", eId=eid)
        self.inline(_sub(container, "p"), para.text, para.lead, para.anchors, eid, para.refs)
        if para.children:
            self.block_list(container, para)

    def preamble_heading(self, preamble: _Node, heading: Heading) -> None:
        """A heading among the recitals: a crossHeading, which the preamble holds only inside a
        blockContainer."""
        eid = self.where.of(heading)
        box = _sub(preamble, "blockContainer", eId=eid)
        cross = _sub(box, "crossHeading", eId=self.ids.make(eid, "crossHeading"))
        self.inline(cross, heading.text, "", heading.anchors, eid, heading.refs)

    def block_list(self, parent: _Node, para: Paragraph) -> None:
        """Lettered items of a preambular paragraph (they stay part of its text, as in the UN's files)."""
        block_list = _sub(parent, "blockList", eId=self.where.list_of(para))
        for item in para.children:
            item_id = self.where.of(item)
            element = _sub(block_list, "item", eId=item_id)
            if item.num:
                _leaf(element, "num", item.num)
            self.inline(_sub(element, "p"), item.text, item.lead, item.anchors, item_id, item.refs)
            if item.children:
                self.block_list(element, item)

    def main_body(self, statement: _Node) -> None:
        body = _sub(statement, "mainBody")
        self.blocks(body, self.resolution.body)
        if not len(body):  # the schema wants at least one element: an empty paragraph says "no body"
            _leaf(_sub(_sub(body, "paragraph", eId=self.ids.make("", "paragraph")), "content"), "p")

    def blocks(self, parent: _Node, blocks: Iterable[Block], in_part: bool = False) -> None:
        for block in blocks:
            if isinstance(block, Section):
                self.section(parent, block)
            elif isinstance(block, Table):
                self.table(parent, block)
            elif block.role is Role.PREAMBULAR and in_part:
                self.cross_heading(parent, block)
            elif block.role is Role.PREAMBULAR:  # the schema takes no crossHeading outside a part
                self.paragraph(parent, block, refersTo="#preamble")
            else:
                self.paragraph(parent, block)

    def section(self, parent: _Node, section: Section) -> None:
        eid = self.where.of(section)
        element = _sub(parent, "section", eId=eid)
        if section.num:
            _leaf(element, "num", section.num)
        if section.heading or section.anchors:
            self.inline(_sub(element, "heading"), section.heading, "", section.anchors, eid, section.refs)
        self.blocks(element, section.children, in_part=True)
        if not section.children:  # a heading with nothing under it: the schema wants content
            _leaf(_sub(element, "content"), "p")

    def cross_heading(self, parent: _Node, para: Paragraph) -> None:
        """A preambular paragraph among operative ones (inside a part): crossHeading refersTo="#preamble"."""
        eid = self.where.of(para)
        element = _sub(parent, "crossHeading", eId=eid, refersTo="#preamble")
        text, anchors, refs = flatten(para)
        self.inline(element, text, para.lead, anchors, eid, refs)

    def paragraph(self, parent: _Node, para: Paragraph, **attributes: str) -> None:
        eid = self.where.of(para)
        plain = not para.num and not para.children and reads_as_heading(para.text)
        element = _sub(parent, "paragraph", eId=eid, class_=UNNUMBERED if plain else "", **attributes)
        self.numbered(element, para, eid)

    def numbered(self, element: _Node, para: Paragraph, eid: str) -> None:
        """num, then content > p; or, with sub-paragraphs, list > intro + one point each (nested)."""
        if para.num:
            _leaf(element, "num", para.num)
        if not para.children:
            content = _sub(element, "content", eId=f"{eid}__content")
            self.inline(_sub(content, "p"), para.text, para.lead, para.anchors, eid, para.refs)
            return
        list_id = self.where.list_of(para)
        listing = _sub(element, "list", eId=list_id)
        intro = _sub(listing, "intro", eId=f"{list_id}__intro")
        self.inline(_sub(intro, "p"), para.text, para.lead, para.anchors, eid, para.refs)
        for child in para.children:
            point_id = self.where.of(child)
            self.numbered(_sub(listing, "point", eId=point_id), child, point_id)

    # --- tables ------------------------------------------------------------------------------

    def table(self, parent: _Node, table: Table) -> None:
        """hcontainer name="table" > content > table (caption, tr > th | td) and the table's notes
        as `p class="tableNote"` after it; a call of a table note is a `sup`, as in the UN's files."""
        eid = self.where.of(table)
        content = _sub(_sub(parent, "hcontainer", name="table", eId=eid), "content", eId=f"{eid}__content")
        element = _sub(content, "table", eId=self.ids.make(eid, "table"))
        if table.caption or table.caption_anchors:
            caption = _sub(element, "caption")
            self.table_text(caption, table, table.caption, table.caption_anchors, eid, table.caption_refs)
        for index, row in enumerate(table.rows):
            tr = _sub(element, "tr")
            for cell in row:
                self.cell(tr, table, cell, "th" if index < table.header_rows else "td", eid)
        if not table.rows:  # the schema wants a row
            _leaf(_sub(element, "tr"), "td")
        for note in table.notes:
            p = _sub(content, "p", class_="tableNote")
            _leaf(p, "sup", note.marker)
            _append_text(p, " ")
            self.inline(p, note.text, "", note.anchors, eid, note.refs)

    def cell(self, tr: _Node, table: Table, cell: Cell, tag: str, eid: str) -> None:
        colspan = str(cell.colspan) if cell.colspan != 1 else ""
        element = _sub(tr, tag, colspan=colspan, rowspan=str(cell.rowspan) if cell.rowspan != 1 else "")
        if cell.text or cell.anchors:
            self.table_text(_sub(element, "p"), table, cell.text, cell.anchors, eid, cell.refs)

    def table_text(
        self,
        parent: _Node,
        table: Table,
        text: str,
        anchors: tuple[Anchor, ...],
        host: str,
        refs: tuple[Reference, ...],
    ) -> None:
        """Text of a caption or a cell: calls of the table's own notes as `sup`, others as footnotes."""

        def call(element: _Node, marker: str, at: str) -> None:
            if table.calls_note(marker):
                _leaf(element, "sup", marker)
            else:
                self.note_call(element, marker, at)

        self.inline(parent, text, "", anchors, host, refs, call)


    def inline(
        self,
        parent: _Node,
        text: str,
        lead: str,
        anchors: tuple[Anchor, ...],
        host: str,
        refs: tuple[Reference, ...] = (),
        call: Callable[[_Node, str, str], None] | None = None,
    ) -> None:
        """Fills `parent` with `text`: the lead phrase in italics, the citations (`refs`) as `ref`,
        and each footnote call (an `Anchor`) as an authorialNote (or noteRef) at its offset (or as
        `call` writes it)."""
        if not (anchors or refs):  # plain text, or a lead phrase and text, as most pieces are
            lead_end = len(lead) if lead and text.startswith(lead) else 0
            if lead_end:
                _italic(parent, text[:lead_end])
            _append_text(parent, text[lead_end:])
            return
        call = call or self.note_call
        calls: dict[int, list[str]] = {}  # offset (within the text) -> the markers called there
        for anchor in anchors:
            calls.setdefault(min(max(anchor.offset, 0), len(text)), []).append(anchor.marker)
        offsets = sorted(calls)
        marks = _marks(text, lead, offsets, refs, self.meta.language)
        cuts = sorted({0, len(text), *offsets, *(m.start for m in marks), *(m.end for m in marks)})
        starts = {m.start: m for m in marks}
        for position, end in zip(cuts, cuts[1:] + [None], strict=True):
            for marker in calls.get(position, ()):
                call(parent, marker, host)
            if end is None:
                break
            mark = starts.get(position)
            if mark is None:
                _append_text(parent, text[position:end])
            elif mark.href:
                _leaf(parent, "ref", text[position:end], href=mark.href)
            else:
                _italic(parent, text[position:end])

    def note_call(self, parent: _Node, marker: str, host: str) -> None:
        """The first call of a footnote carries its text; a later call of the same one is a noteRef."""
        queue = self.pending.get(marker)
        if not queue:  # called before, or a call with no footnote text (then it points nowhere real)
            _leaf(parent, "noteRef", marker=marker, href="#" + self.placed.get(marker, f"note_{marker}"))
            return
        footnote = queue.pop(0)
        eid = self.ids.make(host, "authorialNote", "")
        note = _sub(parent, "authorialNote", marker=marker, placement="bottom", eId=eid)
        self.placed[marker] = eid
        self.inline(_sub(note, "p"), footnote.text, "", footnote.anchors, eid, footnote.refs)

    # --- conclusions and annexes ----------------------------------------------------------------

    def conclusions(self, statement: _Node) -> None:
        meta = self.meta
        if meta.organ is Organ.SECURITY_COUNCIL or not (meta.meeting or meta.adoption_date):
            return
        p = _sub(_sub(statement, "conclusions", eId="conclusions"), "p")
        if meta.meeting:
            _leaf(p, "inline", meta.meeting, name="adoptionMeeting", refersTo="#adoptionMeeting")
        if meta.meeting and meta.adoption_date:
            _leaf(p, "eol")
        if meta.adoption_date:
            date = long_date(meta.adoption_date, meta.language)
            _leaf(p, "docDate", date, date=meta.adoption_date, refersTo="#adoptionDate")

    def attachments(
        self, parent: _Node, annexes: tuple[Annex, ...], ident: Identification, prefix: str = ""
    ) -> None:
        """One attachment per annex; the annexes inside an annex in its doc's own attachments."""
        if not annexes:
            return
        attachments = _sub(parent, "attachments")
        for index, annex in enumerate(annexes, 1):
            eid = self.where.of(annex)
            self.annex(_sub(attachments, "attachment", eId=eid), annex, eid, ident, f"{prefix}annex_{index}")

    def annex(self, attachment: _Node, annex: Annex, eid: str, ident: Identification, component: str) -> None:
        """doc name="annex": meta, the heading and title in its preface (plain `p`s: a docTitle there
        would read as the resolution's own title to tools that search the whole file), its body."""
        doc = _sub(attachment, "doc", name="annex")
        identification_block(_sub(doc, "meta"), ident, organ_form(self.meta.organ).actor, component=component)
        if annex.heading or annex.title or annex.anchors:
            preface = _sub(doc, "preface")
            heading_anchors = () if annex.title else annex.anchors
            if annex.heading or heading_anchors:
                self.inline(_sub(preface, "p", class_="annexHeading"), annex.heading, "", heading_anchors, eid)
            if annex.title:
                title = _sub(preface, "p", class_="annexTitle")
                self.inline(title, annex.title, "", annex.anchors, eid, annex.refs)
        body = _sub(doc, "mainBody")
        self.blocks(body, annex.body)
        if not len(body):
            _leaf(_sub(_sub(body, "paragraph", eId=self.ids.make(eid, "paragraph")), "content"), "p")
        self.attachments(doc, annex.annexes, ident, component + "_")


def _first_places(footnotes: tuple[Footnote, ...]) -> dict[Footnote, int]:
    """Each footnote's place among `footnotes`, the first of equal ones (as `footnotes.index` says,
    without comparing each with all those before it: the model's equality is slow)."""
    places: dict[Footnote, int] = {}
    for place, footnote in enumerate(footnotes):
        places.setdefault(footnote, place)
    return places


class _Mark(NamedTuple):  # a tuple: made several times a paragraph, faster than a frozen dataclass
    start: int
    end: int
    href: str = ""  # "" for the italic lead phrase


def _marks(text: str, lead: str, offsets: list[int], refs: tuple[Reference, ...], language: str) -> list[_Mark]:
    """Italic lead and citation links over `text`, none crossing a footnote call or each other."""
    marks: list[_Mark] = []
    lead_end = len(lead) if lead and text.startswith(lead) else 0
    if lead_end:
        bounds = [0, *(o for o in offsets if 0 < o < lead_end), lead_end]
        marks.extend(_Mark(a, b) for a, b in zip(bounds, bounds[1:], strict=False) if b > a)
    for ref in refs:
        if ref.start >= lead_end and not any(ref.start < o < ref.end for o in offsets):
            marks.append(_Mark(ref.start, ref.end, undocs_url(ref.symbol, language)))
    return sorted(marks, key=lambda m: m.start)


def flatten(para: Paragraph) -> tuple[str, tuple[Anchor, ...], tuple[Reference, ...]]:
    """A paragraph and its sub-paragraphs as one run of text ("... : (a) ...; (b) ..."), footnote
    calls and references moved with their text: for a crossHeading, which holds no structure."""
    text, anchors, refs = para.text, list(para.anchors), list(para.refs)
    for child in para.children:
        child_text, child_anchors, child_refs = flatten(child)
        head = f"{text} {child.num} ".lstrip() if child.num else f"{text} "
        anchors.extend(Anchor(a.marker, a.offset + len(head)) for a in child_anchors)
        refs.extend(Reference(r.start + len(head), r.end + len(head), r.symbol) for r in child_refs)
        text = head + child_text
    return text, tuple(anchors), tuple(refs)


def identification_block(meta: _Node, ident: Identification, author: str, component: str = "") -> None:
    """meta/identification: FRBR Work, Expression and Manifestation (frbr.py has the IRIs)."""
    this = f"!{component or 'main'}"
    block = _sub(meta, "identification", source="#" + _SOURCE)
    work = _sub(block, "FRBRWork")
    _leaf(work, "FRBRthis", value=ident.work + this)
    _leaf(work, "FRBRuri", value=ident.work)
    _leaf(work, "FRBRdate", date=ident.work_date, name=ident.work_date_name)
    _leaf(work, "FRBRauthor", href="#" + author, as_="#author")
    _leaf(work, "FRBRcountry", value="un")
    expression = _sub(block, "FRBRExpression")
    _leaf(expression, "FRBRthis", value=ident.expression + this)
    _leaf(expression, "FRBRuri", value=ident.expression)
    _leaf(expression, "FRBRdate", date=ident.expression_date, name="publication")
    _leaf(expression, "FRBRauthor", href="#" + author, as_="#author")
    _leaf(expression, "FRBRlanguage", language=ident.language)
    manifestation = _sub(block, "FRBRManifestation")
    _leaf(manifestation, "FRBRthis", value=f"{ident.expression}{this}.xml")
    _leaf(manifestation, "FRBRuri", value=ident.manifestation)
    _leaf(manifestation, "FRBRdate", date=ident.manifestation_date, name="markup")
    _leaf(manifestation, "FRBRauthor", href="#" + _SOURCE, as_="#editor")


def build_tree(resolution: Resolution) -> etree._Element:
    """The AKN tree of `resolution`: written as text, parsed once (`written_tree`)."""
    return written_tree(lambda xml: _Writer(resolution, xml=xml).document())


def written_tree(write: Callable[[_Xml], str]) -> etree._Element:
    """The tree of the text `write` writes into the `_Xml` it is given: written without care first.
    A text that holds a character XML cannot hold, a tab, a line break or a carriage return is so
    rare (none in the corpus) that searching every text for them (`str.isprintable`, 0.2-0.3 ms of a
    document) costs more than writing the rare document again: with care, once the text holds one
    of the last three or libxml2 refuses it (as it does every character XML 1.0 cannot hold)."""
    xml = _Xml()
    text = write(xml)
    if not ("\t" in text or "\n" in text or "\r" in text):
        try:
            return parse_written(xml, text)
        except (UnicodeEncodeError, etree.XMLSyntaxError):  # a lone surrogate, a character XML cannot hold
            pass
    xml = _Xml(careful=True)
    return parse_written(xml, write(xml))


def parse_written(xml: _Xml, text: str) -> etree._Element:
    """The tree of the `text` that `xml` wrote, with the empty text nodes lxml would have made. (The
    document nests at most a few levels more than `limits.MAX_XML_DEPTH` lets an input nest, far
    under the 2048 levels libxml2 parses.)"""
    root = etree.fromstring(text.encode(), safe_parser())
    for node, index in xml.empty:
        element = _element_at(root, node)
        if index < 0:
            element.text = element.text or ""
        else:
            element[index].tail = element[index].tail or ""
    return root


def _element_at(root: etree._Element, node: _Node) -> etree._Element:
    """The parsed element that `node` wrote."""
    path: list[int] = []
    while node.parent is not None:
        path.append(node.index)
        node = node.parent
    for index in reversed(path):
        root = root[index]
    return root


@dataclass(frozen=True, slots=True)
class AknOptions:
    indent: bool = field(default=True, metadata={"help": "pretty-print the XML"})
    validate: bool = field(default=True, metadata={"help": "hold the output against the OASIS schema first"})


def export_akn(resolution: Resolution, options: AknOptions) -> bytes:
    """The AKN of `resolution`; with `validate` (the default), a document that would break the
    schema is an error that says where, never output."""
    root = build_tree(resolution)
    output = etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=options.indent)
    if options.validate:
        try:
            require_valid(etree.ElementTree(root))
        except InvalidOutput:  # the tree was parsed from one long line: say the line of the output
            require_valid(etree.ElementTree(etree.fromstring(output, safe_parser())))
            raise
    return output


EXPORTER = Exporter(
    name="akn",
    aliases=("xml",),
    suffix=".akn.xml",
    media_type="application/akn+xml",
    description="Akoma Ntoso 3.0 XML in the UN's AKN4UN profile (valid against the OASIS schema)",
    export=export_akn,
    options=AknOptions,
)
