"""Reads Akoma Ntoso (the UN's AKN4UN files, and this tool's own) into the document model.

The same conventions as the text and PDF readers: paragraph text includes the lead phrase (the
italic run that opens it); footnote calls are taken out of the text and kept as `Anchor`s;
sub-paragraphs are children with role SUB; headings group what follows them as `Section`s.

The UN's markup varies in shape, and the reader takes each variation it meets: numbered parts as
`section`/`hcontainer`/... > num + heading/subheading, or as heading-only `paragraph`s; preambular
paragraphs in the body as `crossHeading refersTo="#preamble"`; sub-items as list/point with
`sublist`s after the point they belong to; lettered items of a preambular paragraph as
`blockList`/item; a footnote call typed as `<sup>2</sup>`; tables as `container name="table"` (or
this tool's `hcontainer name="table"`) > `table`, the notes printed under them (`FootnoteText`
paragraphs) as the table's notes, rows without any text (the UN's files keep Word's border rows)
left out; headings among the preambular paragraphs and "* * *" separators; footnotes called in the
masthead (title, sponsors). An annex this tool wrote is read as it is structured; the UN's annexes
are flat runs of paragraphs, read through the same builder as the PDF and text readers'
(`parse.build.build_annexes`), so that an annex gets the same structure whichever reader read it.
XML is parsed with no entity expansion and no network (schema.parse_xml).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field, replace

from lxml import etree

from resolution_cli import forms
from resolution_cli.errors import NotAResolution, UnreadableInput
from resolution_cli.exporters.akn import UNNUMBERED, reads_as_heading
from resolution_cli.frbr import LANGUAGES
from resolution_cli.limits import MAX_XML_DEPTH
from resolution_cli.model import (
    AgendaItem,
    Anchor,
    Annex,
    Block,
    DocumentKind,
    Footnote,
    Heading,
    Metadata,
    Organ,
    Paragraph,
    Position,
    PreambleItem,
    Resolution,
    Role,
    Section,
    Separator,
    Sponsor,
    Table,
)
from resolution_cli.parse.build import build_annexes, table_of
from resolution_cli.parse.masthead import split_agenda_numbers
from resolution_cli.parse.source import (
    SourceBlock,
    SourceCell,
    SourceFootnote,
    SourceTable,
    Span,
    clean_text,
    leading_italic,
    table_block,
)
from resolution_cli.readers.base import DEFAULT_OPTIONS, ReadOptions
from resolution_cli.schema import parse_xml

GROUPS = {
    "section", "part", "hcontainer", "division", "chapter", "title", "subsection", "container",
    "blockContainer", "subdivision", "book", "tome", "subpart", "subchapter", "subtitle",
}  # fmt: skip
_HEADINGS = {"heading", "subheading"}
_ITEMS = {"point", "item", "alinea", "indent"}
_SUBLISTS = {"sublist"}
_LISTS = {"list", "blockList"} | _SUBLISTS
_NOT_TEXT = _HEADINGS | _ITEMS | _SUBLISTS | {"num"}
_BLOCKS = {
    "p", "content", "intro", "wrapUp", "listIntroduction", "listWrapUp", "list", "blockList",
    "tr", "td", "th", "caption",
}  # fmt: skip
_ANNEX_HEADING = re.compile(r"^(?:Annex|Appendix|Annexe|Anexo|Apéndice|Приложение|المرفق|附件)\b", re.I)
_SC_NUMBER = re.compile(r"(?<!\d)(?P<n>\d++)\s*\(\s*(?P<year>\d{4})\s*\)")  # (?<!\d)++: linear on digits
_LANGUAGE_CODES = {three: two for two, three in LANGUAGES.items()}


def local(element: etree._Element) -> str:
    """The local name of an element ("" for comments and processing instructions)."""
    if not isinstance(element.tag, str):
        return ""
    return etree.QName(element).localname


def children(element: etree._Element, *names: str) -> list[etree._Element]:
    return [c for c in element if local(c) in names]


def find_all(element: etree._Element | None, path: str) -> list[etree._Element]:
    """Descendants matching a '/'-separated path of local names ('//' for any depth, '[...]' tests)."""
    if element is None:
        return []
    found = element.xpath(_xpath(path))
    return [e for e in found if isinstance(e, etree._Element)] if isinstance(found, list) else []


def first(element: etree._Element | None, path: str) -> etree._Element | None:
    found = find_all(element, path)
    return found[0] if found else None


def _xpath(path: str) -> str:
    steps = path.split("/")
    out = "."
    for step in steps:
        if not step:
            out += "/"
            continue
        name, _, condition = step.partition("[")
        test = f"*[local-name()='{name}']" if name != "*" else "*"
        out += "/" + test + (f"[{condition}" if condition else "")
    return out


def string(element: etree._Element | None) -> str:
    """Whitespace-collapsed text of an element and everything in it."""
    if element is None:
        return ""
    return re.sub(r"\s+", " ", "".join(str(t) for t in element.itertext())).strip()


def position_of(element: etree._Element) -> Position:
    line = element.sourceline
    return Position(line=line if isinstance(line, int) else 0)


def is_italic(element: etree._Element) -> bool:
    name = local(element)
    return name == "i" or (name == "span" and "italic" in (element.get("class") or ""))


def is_bold(element: etree._Element) -> bool:
    name = local(element)
    return name == "b" or (name == "span" and "bold" in (element.get("class") or ""))


@dataclass(slots=True)
class _Reader:
    """State that crosses paragraphs: footnotes in the order their notes appear."""

    markers: set[str] = field(default_factory=set)  # every footnote marker the document defines
    footnotes: list[Footnote] = field(default_factory=list)
    noted: dict[str, str] = field(default_factory=dict)  # path of each note read -> its marker

    # --- running text ---------------------------------------------------------------------------

    def spans(
        self, element: etree._Element, skip: set[str] = _NOT_TEXT, calls: AbstractSet[str] = frozenset()
    ) -> list[Span]:
        """`element`'s running text as spans: italics and bold kept, footnote calls as marker spans
        (and a `sup` holding one of `calls`, the notes of the table being read)."""
        out: list[Span] = []
        self._walk(element, _Style(), skip, out, top=True, calls=calls)
        return out

    def _walk(
        self,
        element: etree._Element,
        style: _Style,
        skip: set[str],
        out: list[Span],
        top: bool,
        calls: AbstractSet[str],
    ) -> None:
        name = local(element)
        if not top and (name in skip or not name):
            return
        if name == "authorialNote" and not top:
            out.append(Span(self.note(element), marker=True))
            return
        if name == "noteRef":
            out.append(Span(element.get("marker") or "", marker=True))
            return
        if name == "sup" and (string(element) in self.markers or string(element) in calls):  # a call as superscript
            out.append(Span(string(element), marker=True))
            return
        if name in _BLOCKS:
            out.append(Span(" "))
        style = _Style(style.italic or is_italic(element), style.bold or is_bold(element))
        if element.text and name:
            out.append(Span(element.text, italic=style.italic, bold=style.bold))
        for child in element:
            self._walk(child, style, skip, out, top=False, calls=calls)
            if child.tail:
                out.append(Span(child.tail, italic=style.italic, bold=style.bold))
        if name in _BLOCKS:
            out.append(Span(" "))

    def note(self, element: etree._Element) -> str:
        """Records an authorialNote as a footnote (once, however often its text is walked); its marker."""
        path = element.getroottree().getpath(element)
        if path in self.noted:
            return self.noted[path]
        marker = (element.get("marker") or "").strip() or str(len(self.footnotes) + 1)
        self.noted[path] = marker
        text, anchors = clean_text(self.spans(element, skip=set()))
        self.footnotes.append(Footnote(marker, text, anchors, position=position_of(element)))
        return marker

    def loose_notes(self, document: etree._Element) -> list[Footnote]:
        """Footnotes never called in the text (this tool keeps them in meta/notes)."""
        before = len(self.footnotes)
        for note in find_all(document, "meta/notes/note"):
            self.note(note)
        loose = self.footnotes[before:]
        del self.footnotes[before:]
        return loose

    def paragraph(self, element: etree._Element, role: Role, num: str = "") -> Paragraph:
        spans = self.spans(element)
        text, anchors = clean_text(spans)
        kids = self.items(element)
        lead = lead_of(element, spans, text)
        position = position_of(element)
        return Paragraph(role=role, text=text, num=num, lead=lead, anchors=anchors, children=kids, position=position)

    def items(self, element: etree._Element) -> tuple[Paragraph, ...]:
        """Sub-paragraphs: points/items of the lists in `element`; a sublist joins the point before it."""
        found: list[Paragraph] = []
        for child in element:
            name = local(child)
            if name in _LISTS:
                self._collect(child, found)
            elif name in ("content", "intro", "p", "wrapUp"):
                found.extend(self.items(child))
        return tuple(found)

    def _collect(self, listing: etree._Element, found: list[Paragraph]) -> None:
        for child in listing:
            name = local(child)
            if name in _ITEMS:
                num = string(first(child, "num"))
                found.append(self.paragraph(child, Role.SUB, num))
            elif name in _LISTS:
                nested: list[Paragraph] = []
                self._collect(child, nested)
                if found:
                    found[-1] = replace(found[-1], children=found[-1].children + tuple(nested))
                else:
                    found.extend(nested)


@dataclass(frozen=True, slots=True)
class _Style:
    italic: bool = False
    bold: bool = False


def lead_of(element: etree._Element, spans: list[Span], text: str) -> str:
    """The italic phrase that opens the paragraph, as akn_signature reads it: the italic element that
    holds its first word (numbers and notes aside); "" when it opens in roman."""
    for piece, chain in _text_nodes(element, ()):
        if not piece.strip() or any(local(n) in _NOT_LEAD for n in chain):
            continue
        if any(local(n) in _ITEMS for n in chain):
            return ""
        italic = next((n for n in chain if is_italic(n)), None)
        lead = string(italic) if italic is not None else ""
        if lead and text.startswith(lead):
            return lead
        fallback = leading_italic(spans)
        return fallback if fallback and text.startswith(fallback) else ""
    return ""


_NOT_LEAD = _HEADINGS | {"num", "authorialNote", "noteRef"}


def _text_nodes(
    element: etree._Element, chain: tuple[etree._Element, ...]
) -> Iterator[tuple[str, tuple[etree._Element, ...]]]:
    """Each text node under `element` in document order, with the elements that hold it (innermost first)."""
    if element.text:
        yield element.text, chain
    for child in element:
        if local(child):
            yield from _text_nodes(child, (child, *chain))
        if child.tail:
            yield child.tail, chain


# --- the document -------------------------------------------------------------------------------


def _check_depth(root: etree._Element) -> None:
    """The walks below recurse once per level: refuse what would run out of stack (limits.py)."""
    depth = 0
    for event, _ in etree.iterwalk(root, events=("start", "end")):
        depth += 1 if event == "start" else -1
        if depth > MAX_XML_DEPTH:
            raise UnreadableInput(
                f"elements nested more than {MAX_XML_DEPTH} levels deep: not a document this tool reads "
                "(the UN's Akoma Ntoso nests 12)"
            )


def read_akn(data: bytes, options: ReadOptions = DEFAULT_OPTIONS) -> Resolution:
    root = parse_xml(data).getroot()
    _check_depth(root)
    if local(root) != "akomaNtoso":
        raise UnreadableInput(f"not Akoma Ntoso: the root element is <{local(root)}>, not <akomaNtoso>")
    document = next((c for c in root if local(c) and local(c) != "components"), None)
    if document is None:
        raise NotAResolution("the Akoma Ntoso file holds no document")
    reader = _Reader(markers={n.get("marker") or "" for n in find_all(document, "/authorialNote")})
    meta = read_masthead_calls(reader, read_meta(document), document)
    preamble_element = first(document, "preamble")
    formula = string(first(preamble_element, "formula"))
    items = [_preamble_item(reader, c) for c in _preamble_children(preamble_element)]
    preamble: list[PreambleItem] = [p for p in items if not isinstance(p, Paragraph) or p.text or p.children]
    body = _body(reader, first(document, "mainBody"))
    while body and isinstance(stray := body[0], Paragraph) and _is_stray_preambular(stray, body):
        preamble.append(replace(stray, role=Role.PREAMBULAR))  # the UN's quirk: last preambular in mainBody
        del body[0]
    if not formula and not preamble and not body:
        raise NotAResolution("the Akoma Ntoso file has no preamble and no body: not a resolution")
    return Resolution(
        meta=meta,
        formula=formula,
        preamble=tuple(preamble),
        body=tuple(body),
        annexes=read_annexes(reader, document),
        footnotes=tuple(sorted(reader.footnotes + reader.loose_notes(document), key=_marker_order)),
    )


def _marker_order(footnote: Footnote) -> tuple[int, int]:
    """Numbered footnotes in number order (as on the page); others ("*", "a", "²", a number of a
    thousand digits) first, as found."""
    marker = footnote.marker
    return (1, int(marker)) if marker.isdecimal() and len(marker) <= _MARKER_DIGITS else (0, 0)


_MARKER_DIGITS = 9  # a footnote number longer than this is no footnote number (and int() refuses 4,301 digits)


def _preamble_children(preamble: etree._Element | None) -> list[etree._Element]:
    if preamble is None:
        return []
    return [c for c in preamble if local(c) and local(c) != "formula"]


def _preamble_item(reader: _Reader, element: etree._Element) -> PreambleItem:
    """A recital; a heading among them (this tool's blockContainer > crossHeading, or the UN's
    container holding a short line with no lead phrase and no closing punctuation); a separator."""
    text = string(element)
    if local(element) == "p" and _is_separator(text):
        return Separator(text, position=position_of(element))
    if local(element) == "blockContainer" or _is_preamble_heading(element, text):
        spans = reader.spans(element, skip=set())
        heading, anchors = clean_text(spans)
        return Heading(heading, anchors, position=position_of(element))
    return reader.paragraph(element, Role.PREAMBULAR)


def _is_separator(text: str) -> bool:
    return bool(text) and set(text) <= {"*", " ", "\u00a0"} and text.count("*") >= 3


def _is_preamble_heading(element: etree._Element, text: str) -> bool:
    """The UN's container of a heading: unnamed, no italic lead, short, not closed by punctuation
    (in any script: "，" and "،" are punctuation too)."""
    if local(element) != "container" or element.get("name") or not text or len(text) >= 150:
        return False
    if any(is_italic(e) for e in element.iter()) or any(local(e) in _LISTS for e in element.iter()):
        return False
    return not unicodedata.category(text[-1]).startswith("P")


def _is_stray_preambular(para: Paragraph, body: list[Block]) -> bool:
    numbered = any(isinstance(b, Paragraph) and b.num for b in body)
    return para.role is Role.OPERATIVE and not para.num and para.text.endswith(",") and numbered


# --- body -----------------------------------------------------------------------------------------


@dataclass(slots=True)
class _Open:
    """A section being filled while the body is read in order."""

    num: str
    heading_spans: list[Span]
    level: int
    children: list[Block | _Open] = field(default_factory=list)

    def freeze(self) -> Section:
        heading, anchors = clean_text(self.heading_spans)
        kids = tuple(c.freeze() if isinstance(c, _Open) else c for c in self.children)
        return Section(num=self.num, heading=heading, children=kids, anchors=anchors)


def _body(reader: _Reader, body: etree._Element | None) -> list[Block]:
    if body is None:
        return []
    return _blocks(reader, body)


def _blocks(reader: _Reader, parent: etree._Element) -> list[Block]:
    """The blocks of `parent` in order; heading-only paragraphs open sections that take what follows;
    the notes printed under a table are the table's."""
    top: list[Block | _Open] = []
    stack: list[_Open] = []
    elements = [c for c in parent if local(c) and local(c) != "num" and local(c) not in _HEADINGS]
    for index, child in enumerate(elements):
        if _is_table_note(child) and any(_table_element(e) is not None for e in _notes_run_start(elements, index)):
            continue  # read with the table above it
        table = _table_element(child)
        if table is not None:
            (stack[-1].children if stack else top).append(read_table(reader, child, _notes_after(elements, index)))
            continue
        heading = _heading(reader, child)
        if heading is not None:
            _open_section(top, stack, *heading)
            continue
        block = _block(reader, child)
        if block is not None:
            (stack[-1].children if stack else top).append(block)
    return [b.freeze() if isinstance(b, _Open) else b for b in top]


def _open_section(top: list[Block | _Open], stack: list[_Open], num: str, spans: list[Span]) -> None:
    current = stack[-1] if stack else None
    if current is not None and not current.children and not current.heading_spans and not num:
        current.heading_spans = spans  # "I" then "Title": one heading
        return
    level = forms.heading_level(num, _previous_letter(stack))
    while stack and stack[-1].level >= level:
        stack.pop()
    section = _Open(num, spans, level)
    (stack[-1].children if stack else top).append(section)
    stack.append(section)


def _previous_letter(stack: list[_Open]) -> str:
    """The number of the open lettered part ("H"), which decides whether "I" after it is a letter."""
    return next((s.num for s in reversed(stack) if s.level == 2), "")


def _heading(reader: _Reader, element: etree._Element) -> tuple[str, list[Span]] | None:
    """(num, heading spans) when `element` is a heading in the flow of paragraphs, else None."""
    name = local(element)
    if name == "crossHeading" and not _refers_to_preamble(element):
        return _split_number(reader.spans(element))
    if name != "paragraph" or _refers_to_preamble(element):
        return None
    heads = children(element, *_HEADINGS)
    has_content = any(local(k) in ("content", "intro", "list", "wrapUp") for k in element)
    num = string(first(element, "num"))
    if heads and not has_content:
        spans: list[Span] = []
        for head in heads:
            spans += [*reader.spans(head), Span(" ")]
        return (num, spans) if num else _split_number(spans)
    if num or element.get("class") == UNNUMBERED or any(local(c) in _LISTS for c in element.iter()):
        return None
    spans = reader.spans(element)
    if reads_as_heading(clean_text(spans)[0]):
        return _split_number(spans)
    return None


def _refers_to_preamble(element: etree._Element) -> bool:
    """A preambular paragraph among operative ones: a crossHeading, or (outside a part, where the
    schema takes no crossHeading) a paragraph, marked refersTo="#preamble"."""
    return (element.get("refersTo") or "").endswith("preamble")


def _split_number(spans: list[Span]) -> tuple[str, list[Span]]:
    """A heading written whole ("I. Title", or just "I"): its number apart, when it has one."""
    text = clean_text(spans)[0]
    if forms.HEADING_ALONE.fullmatch(text):
        return text, []
    return "", spans


def _notes_run_start(elements: list[etree._Element], index: int) -> list[etree._Element]:
    """The element just before the run of table notes that `index` is in ([] if none)."""
    while index > 0 and _is_table_note(elements[index - 1]):
        index -= 1
    return elements[index - 1 : index] if index > 0 else []


def _notes_after(elements: list[etree._Element], index: int) -> list[etree._Element]:
    notes: list[etree._Element] = []
    for element in elements[index + 1 :]:
        if not _is_table_note(element):
            break
        notes.append(element)
    return notes


def _block(reader: _Reader, element: etree._Element) -> Paragraph | Section | None:
    name = local(element)
    if name == "crossHeading":
        return reader.paragraph(element, Role.PREAMBULAR)
    if name in GROUPS:
        num = string(first(element, "num"))
        heads = children(element, *_HEADINGS)
        spans: list[Span] = []
        for head in heads:
            spans += [*reader.spans(head), Span(" ")]
        heading, anchors = clean_text(spans)
        kids = tuple(_blocks(reader, element))
        return Section(num=num, heading=heading, children=kids, anchors=anchors, position=position_of(element))
    num = string(first(element, "num")) if name == "paragraph" else ""
    para = reader.paragraph(element, Role.PREAMBULAR if _refers_to_preamble(element) else Role.OPERATIVE, num)
    return para if para.text or para.children or para.anchors else None


# --- metadata -------------------------------------------------------------------------------------


def read_meta(document: etree._Element) -> Metadata:
    cover = first(document, "coverPage")
    preface = first(document, "preface")
    language = _language(document)
    organ = _organ(document)
    symbol = string(first(cover, "/docNumber[@refersTo='#symbol']")) or string(first(cover, "/docNumber"))
    kind_name = document.get("name") or ""
    kind = DocumentKind(kind_name) if kind_name in DocumentKind._value2member_map_ else DocumentKind.RESOLUTION
    committee, report = _report(cover)
    return Metadata(
        symbol=symbol,
        kind=kind,
        organ=organ,
        session=_session(cover, symbol),
        agenda_items=_agenda(cover, preface),
        distribution=_distribution(cover),
        issue_date=_attribute(first(cover, "/docDate[@refersTo='#dateOfIssuance']"), "date"),
        adoption_date=_adoption_date(document),
        meeting=string(first(document, "/*[@refersTo='#adoptionMeeting']"))
        or string(first(document, "/*[@name='adoptionMeeting']")),
        number=_number(cover, preface, organ, symbol),
        title=string(first(preface, "/docTitle")),
        sponsors=tuple(Sponsor(string(p)) for p in find_all(preface, "/docProponent")),
        committee=committee or _draft_committee(cover),
        originating_report=report,
        language=language,
        original_language=re.sub(r"^[^:：]*[:：]\s*", "", string(first(cover, "/inline[@name='originalLanguage']"))),
    )


def _attribute(element: etree._Element | None, name: str) -> str:
    return (element.get(name) or "").strip() if element is not None else ""


def _language(document: etree._Element) -> str:
    code = _attribute(first(document, "meta/identification/FRBRExpression/FRBRlanguage"), "language")
    return _LANGUAGE_CODES.get(code, code[:2] if code else "en")


def _organ(document: etree._Element) -> Organ:
    uri = _attribute(first(document, "meta/identification/FRBRWork/FRBRuri"), "value")
    body = re.search(r"/deliberation/(?P<body>[^/]+)/", uri)
    organ = forms.organ_of_body(body["body"]) if body else None
    if organ is not None:
        return organ
    authority = string(first(document, "coverPage//docAuthority[@refersTo='#issuingBody']"))
    return next((o for o in Organ if o.value == authority), Organ.OTHER)


def _session(cover: etree._Element | None, symbol: str) -> str:
    session = first(cover, "/session")
    value = _attribute(session, "value") or string(session)
    special = re.search(r"/(?P<kind>ES|S)-(?P<n>\d+)/", symbol)
    if special and special["n"] == value:
        return f"{special['kind']}-{value}"
    return value


def _agenda(cover: etree._Element | None, preface: etree._Element | None) -> tuple[AgendaItem, ...]:
    numbers: list[str] = []
    names: list[str] = []
    for part in (cover, preface):
        if part is not None:
            for inline in find_all(part, "/inline[@name='agenda item']"):
                numbers += split_agenda_numbers(_attribute(inline, "title"))
            names += [string(x) for x in find_all(part, "/inline[@name='agenda item name']")]
    if len(names) != len(numbers):
        names = [" ".join(names)] + [""] * (len(numbers) - 1) if numbers else []
    return tuple(AgendaItem(n, names[i]) for i, n in enumerate(numbers))


def _distribution(cover: etree._Element | None) -> str:
    status = first(cover, "/docStatus")
    refers = _attribute(status, "refersTo")
    match = re.fullmatch(r"#(?P<kind>[a-z]+)Distribution", refers)
    if match:
        return match["kind"].capitalize()
    found = re.search(r"Distr\.?:?\s*(?P<kind>\w+)", string(status))
    return found["kind"].capitalize() if found else ""


def _adoption_date(document: etree._Element) -> str:
    date = first(document, "/docDate[@refersTo='#adoptionDate']")
    return _attribute(date if date is not None else first(document, "conclusions//docDate"), "date")


def _number(cover: etree._Element | None, preface: etree._Element | None, organ: Organ, symbol: str) -> str:
    number = string(first(preface, "/docNumber")).rstrip(".").strip()
    if number:
        return number
    council = string(first(cover, "/docTitle[@refersTo='#resolutionNumber']"))
    match = _SC_NUMBER.search(council)
    if not match and organ is Organ.SECURITY_COUNCIL:  # an empty number on the cover: the symbol has it
        match = _SC_NUMBER.search(symbol) if symbol.startswith("S/RES/") else None
    if match:
        return f"{match['n']} ({match['year']})"
    return re.sub(r"^Resolution\s+", "", council)


def _report(cover: etree._Element | None) -> tuple[str, str]:
    """(committee, originating report) from "[on the report of the Third Committee (A/78/482, para. 29)]"."""
    proponent = first(cover, "/docProponent")
    if proponent is None:
        return "", ""
    report = string(first(proponent, "/inline[@name='originating document']"))
    match = re.search(r"on the report of the (?P<committee>[^(]++)\(", string(proponent))  # ++: linear
    return (match["committee"].rstrip() if match else ""), report


def _draft_committee(cover: etree._Element | None) -> str:
    """A Main Committee named as the authority of a draft (this tool's coverPage)."""
    if cover is None:
        return ""
    for authority in find_all(cover, "/docAuthority"):
        if _attribute(authority, "refersTo") not in ("#publisher", "#issuingBody"):
            return string(authority)
    return ""


# --- tables ----------------------------------------------------------------------------------------


def _table_element(element: etree._Element) -> etree._Element | None:
    """The `table` a body element stands for: the UN's `container name="table"`, this tool's
    `hcontainer name="table"` (> content > table), or a bare `table`."""
    if local(element) == "table":
        return element
    if local(element) in GROUPS and element.get("name") == "table":
        return first(element, "/table")
    return None


def _is_table_note(element: etree._Element) -> bool:
    """A note printed under a table: the UN's `FootnoteText` paragraph, this tool's `p
    class="tableNote"`, opening with its marker in a `sup`."""
    if (element.get("class") or "") not in ("FootnoteText", "tableNote"):
        return False
    return _note_marker(element) != ""


def _note_marker(element: etree._Element) -> str:
    for piece, chain in _text_nodes(element, ()):
        if piece.strip():
            return string(chain[0]) if chain and local(chain[0]) == "sup" else ""
    return ""


def read_table(reader: _Reader, element: etree._Element, notes_below: Sequence[etree._Element] = ()) -> Table:
    """A `Table` from the markup around one `table`: its notes are this tool's `p class="tableNote"`
    beside it, or the UN's `FootnoteText` paragraphs under it (`notes_below`)."""
    return table_of(source_table(reader, element, notes_below), position_of(element))


def source_table(reader: _Reader, element: etree._Element, notes_below: Sequence[etree._Element] = ()) -> SourceTable:
    """Rows of cells (a row with no text at all left out), the leading rows of `th` cells as the
    header, the caption, and the notes, whose `sup` markers in the cells are their calls."""
    table = _table_element(element)
    if table is None:
        return SourceTable(())
    note_elements = [e for e in element.iter() if e is not table and _is_table_note(e)] + list(notes_below)
    notes = tuple(_source_note(reader, e) for e in note_elements)
    calls = {n.marker for n in notes}
    rows = [row for row in (_row(reader, tr, calls) for tr in find_all(table, "/tr")) if row.cells and not row.empty]
    header_rows = next((i for i, row in enumerate(rows) if not row.header), len(rows))
    caption = first(table, "/caption")
    caption_spans = tuple(reader.spans(caption, calls=calls)) if caption is not None else ()
    return SourceTable(tuple(row.cells for row in rows), header_rows, caption_spans, notes)


@dataclass(frozen=True, slots=True)
class _Row:
    cells: tuple[SourceCell, ...]
    header: bool  # every cell a `th`
    empty: bool  # no text and no call in any cell


def _row(reader: _Reader, tr: etree._Element, calls: set[str]) -> _Row:
    elements = children(tr, "th", "td")
    cells = tuple(
        SourceCell(tuple(reader.spans(c, skip=set(), calls=calls)), _span(c, "colspan"), _span(c, "rowspan"))
        for c in elements
    )
    empty = all(not clean_text(list(c.spans))[0] and not any(s.marker for s in c.spans) for c in cells)
    return _Row(cells, all(local(c) == "th" for c in elements), empty)


def _span(cell: etree._Element, name: str) -> int:
    value = (cell.get(name) or "1").strip()
    return int(value) if value.isdigit() and int(value) > 0 else 1


def _source_note(reader: _Reader, element: etree._Element) -> SourceFootnote:
    """A table note: its marker (the `sup` it opens with) and the text after it."""
    marker = _note_marker(element)
    spans = reader.spans(element, skip=set())
    for index, span in enumerate(spans):  # drop the marker itself: the first span with text
        if span.text.strip():
            rest = "" if span.marker else span.text.lstrip().removeprefix(marker)
            spans = [Span(rest, span.italic, span.bold), *spans[index + 1 :]]
            break
    return SourceFootnote(marker, tuple(spans), line=position_of(element).line)


def _has_marker(spans: Sequence[Span]) -> bool:
    return any(s.marker for s in spans)


# --- annexes --------------------------------------------------------------------------------------


def read_annexes(reader: _Reader, document: etree._Element) -> tuple[Annex, ...]:
    """One annex per attachment of this tool's (an annex inside one in its doc's attachments); the
    UN's flat attachments through the builder, which also finds the annexes the UN ran together
    into one attachment (78/128's three, S/RES/2776's two)."""
    attachments = first(document, "attachments")
    if attachments is None:
        return ()
    annexes: list[Annex] = []
    for attachment in attachments:
        if local(attachment):
            annexes.extend(_attachment(reader, attachment))
    return tuple(annexes)


def _attachment(reader: _Reader, attachment: etree._Element) -> tuple[Annex, ...]:
    doc = next((c for c in attachment if local(c)), None)
    if doc is None:
        return ()
    preface = first(doc, "preface")
    heading = first(preface, "/p[@class='annexHeading']")
    title = first(preface, "/p[@class='annexTitle']")
    if heading is None and title is None:
        return _flat_annexes(reader, first(doc, "mainBody"))
    heading_text, heading_anchors = clean_text(reader.spans(heading)) if heading is not None else ("", ())
    title_text, title_anchors = clean_text(reader.spans(title)) if title is not None else ("", ())
    body = first(doc, "mainBody")
    return (
        Annex(
            heading=heading_text,
            title=title_text,
            body=tuple(_blocks(reader, body)) if body is not None and not _is_empty_body(body) else (),
            annexes=read_annexes(reader, doc),
            anchors=title_anchors if title is not None else heading_anchors,
            position=position_of(attachment),
        ),
    )


def _is_empty_body(body: etree._Element) -> bool:
    """The one empty paragraph the schema makes an annex without text hold."""
    return not string(body) and not any(local(e) in ("authorialNote", "noteRef", "table") for e in body.iter())


def _flat_annexes(reader: _Reader, body: etree._Element | None) -> tuple[Annex, ...]:
    blocks = _source_blocks(reader, body) if body is not None else []
    return build_annexes(_joined_numbers(blocks), italics_known=True, opens_annex=True)


def _source_blocks(reader: _Reader, parent: etree._Element) -> list[SourceBlock]:
    """The UN's annex markup as the blocks a PDF reader would have found: each paragraph (its
    number first; a list's intro and each point a block of their own), each table."""
    out: list[SourceBlock] = []
    elements = [c for c in parent if local(c)]
    for index, element in enumerate(elements):
        name = local(element)
        if _is_table_note(element) and any(_table_element(e) is not None for e in _notes_run_start(elements, index)):
            continue
        if _table_element(element) is not None:
            table = source_table(reader, element, _notes_after(elements, index))
            out.append(table_block(table, line=position_of(element).line))
        elif name in GROUPS and not children(element, "content"):
            heads = children(element, *_HEADINGS)
            head = [Span(string(first(element, "num")) + " ")] + [s for h in heads for s in reader.spans(h)]
            if clean_text(head)[0]:
                out.append(_source_block(head, element, bold=True))
            out.extend(_source_blocks(reader, element))
        else:
            out.extend(_paragraph_blocks(reader, element))
    return out


def _paragraph_blocks(reader: _Reader, element: etree._Element) -> list[SourceBlock]:
    """A paragraph (or point) as blocks: "num text", then its list's points, each a block."""
    num = string(first(element, "num"))
    lead = [Span(num + " ")] if num else []
    spans = lead + reader.spans(element, skip={"num", *_ITEMS, *_SUBLISTS})
    blocks = [_source_block(spans, element)] if clean_text(spans)[0] or _has_marker(spans) else []
    for listing in find_all(element, "/list") + find_all(element, "/content/blockList"):
        for item in listing:
            if local(item) in _ITEMS:
                blocks.extend(_paragraph_blocks(reader, item))
    return blocks


def _source_block(spans: list[Span], element: etree._Element, bold: bool = False) -> SourceBlock:
    """A block; bold when all its letters are, or when the paragraph has a heading style of the UN's
    word processor ("H1", "H23": its headings, which the PDF sets in bold)."""
    letters = [s for s in spans if not s.marker and s.text.strip() and any(ch.isalpha() for ch in s.text)]
    heading_style = bool(re.fullmatch(r"H\d+", element.get("class") or ""))
    all_bold = bold or heading_style or (bool(letters) and all(s.bold for s in letters))
    return SourceBlock(spans=tuple(spans), bold=all_bold, line=position_of(element).line)


def _joined_numbers(blocks: list[SourceBlock]) -> list[SourceBlock]:
    """A number alone in its paragraph ("1.", as the UN's French markup splits them) joined to the
    text of the next one."""
    out: list[SourceBlock] = []
    for block in blocks:
        last = out[-1] if out else None
        if last and last.table is None and block.table is None and re.fullmatch(r"\d{1,3}\.|\([a-z]{1,4}\)", last.text):
            out[-1] = replace(last, spans=(*last.spans, Span(" "), *block.spans), bold=last.bold and block.bold)
        else:
            out.append(block)
    return out


# --- the masthead's footnote calls -----------------------------------------------------------------


def read_masthead_calls(reader: _Reader, meta: Metadata, document: etree._Element) -> Metadata:
    """The footnotes this tool writes in the masthead, after the symbol, after a sponsor's name or
    in (or right after) the title, recorded as footnotes and anchored there; a sponsor's group from
    its `title`."""
    agenda = first(first(document, "coverPage"), "/inline[@name='agenda item']")
    if agenda is not None and meta.agenda_items and (calls := _calls_after(reader, agenda)):
        last = meta.agenda_items[-1]
        items = (*meta.agenda_items[:-1], replace(last, anchors=tuple(Anchor(m, len(last.number)) for m in calls)))
        meta = replace(meta, agenda_items=items)
    symbol = first(first(document, "coverPage"), "/docNumber[@refersTo='#symbol']")
    if symbol is not None:
        meta = replace(meta, symbol_anchors=tuple(Anchor(m, len(meta.symbol)) for m in _calls_after(reader, symbol)))
    preface = first(document, "preface")
    if preface is None:
        return meta
    sponsors = tuple(_sponsor(reader, e) for e in find_all(preface, "/docProponent"))
    title = first(preface, "/docTitle")
    title_anchors: tuple[Anchor, ...] = ()
    if title is not None:
        text, inside = clean_text(reader.spans(title))
        after = _calls_after(reader, title)
        title_anchors = (*inside, *(Anchor(m, len(text)) for m in after))
    return replace(meta, sponsors=sponsors or meta.sponsors, title_anchors=title_anchors)


def _sponsor(reader: _Reader, element: etree._Element) -> Sponsor:
    name, inside = clean_text(reader.spans(element))
    group = re.sub(r"^on behalf of\s+", "", element.get("title") or "", flags=re.I)
    after = tuple(Anchor(m, len(name)) for m in _calls_after(reader, element))
    return Sponsor(name, group, (*inside, *after))


def _calls_after(reader: _Reader, element: etree._Element) -> list[str]:
    """The footnote calls that follow `element` directly (only whitespace between them)."""
    markers: list[str] = []
    node: etree._Element | None = element
    while node is not None and (node.tail or "").strip() == "" and (node := node.getnext()) is not None:
        if local(node) == "authorialNote":
            markers.append(reader.note(node))
        elif local(node) == "noteRef":
            markers.append(node.get("marker") or "")
        else:
            break
    return markers


def plain_text(element: etree._Element) -> str:
    """Text of `element` without its footnotes' bodies, whitespace collapsed."""
    pieces: list[str] = []

    def walk(node: etree._Element) -> None:
        if local(node) == "authorialNote":
            return
        pieces.append(node.text or "")
        for child in node:
            walk(child)
            pieces.append(" " if local(child) in _BLOCKS | {"num"} else "")
            pieces.append(child.tail or "")

    walk(element)
    return re.sub(r"\s+", " ", "".join(pieces)).strip()
