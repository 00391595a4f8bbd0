"""HTML export: one self-contained page per resolution, to read in a browser and to print.

Inline CSS and no script at all, so the page works offline and fetches nothing. In reading
order: the masthead (symbol, distribution, date, session, agenda items, the adoption line, the
committee report, a draft's sponsors), the number and title (`h1`), the enacting formula, the
preamble, the operative part with the UN's numbers, italic lead phrases and its parts as
headings (`h2`, `h3` ... in order), the adoption meeting and date, the annexes, and the
footnotes as linked notes (each call links to its note, each note back to its first call).
Every paragraph, sub-paragraph and heading carries its AKN eId as `id`, with a permalink to
itself. Documents cited in the text link to the UN's document resolver.

The page is built as an lxml tree (text is set as text, never spliced into markup) and
written by lxml's HTML serializer.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

from lxml import etree

from resolution_cli.addresses import Addresses, addresses
from resolution_cli.exporters import Exporter, NoOptions
from resolution_cli.exporters.akn import long_date, session_name, xml_safe
from resolution_cli.model import (
    Anchor,
    Annex,
    Block,
    Cell,
    DocumentKind,
    Heading,
    Metadata,
    Organ,
    Paragraph,
    Reference,
    Resolution,
    Role,
    Section,
    Separator,
    Table,
)
from resolution_cli.references import undocs_url

_RTL = {"ar"}

CSS = """
:root { --ink: #1b1b1b; --muted: #5a5a5a; --rule: #d0d0d0; --link: #0b4f9c;
  --del: #a40e26; --del-bg: #ffebe9; --ins: #116329; --ins-bg: #dafbe1; }
* { box-sizing: border-box; }
html { font-size: 100%; }
body { margin: 0; color: var(--ink); background: #fff;
  font: 1.0625rem/1.55 "Times New Roman", Times, "Liberation Serif", serif; }
main { max-width: 44rem; margin: 0 auto; padding: 2rem 1.25rem 4rem; }
main.wide { max-width: 72rem; }
a { color: var(--link); }
.masthead { border-bottom: 2px solid var(--ink); padding-bottom: .75rem; margin-bottom: 1.5rem;
  font-family: Arial, "Liberation Sans", Helvetica, sans-serif; font-size: .875rem; }
.masthead dl { display: grid; grid-template-columns: max-content 1fr; gap: .15rem 1rem; margin: 0 0 .75rem; }
.masthead dt { color: var(--muted); }
.masthead dd { margin: 0; }
.masthead .symbol { font-size: 1.5rem; font-weight: bold; text-align: right; margin: 0 0 .5rem; }
.masthead .adoption { font-size: 1.05rem; font-weight: bold; margin: .5rem 0 0; }
h1 { font-size: 1.3rem; line-height: 1.3; margin: 1.25rem 0 1rem; }
h2, h3, h4, h5, h6 { font-size: 1.05rem; margin: 1.5rem 0 .5rem; }
.formula, .lead, .crossheading .lead { font-style: italic; }
.formula { margin: 1rem 0 .75rem 2.5rem; }
.para, .preambular, .crossheading { position: relative; margin: 0 0 .75rem; text-align: justify; hyphens: auto; }
.preambular, .crossheading { text-indent: 2.5rem; }
.para { padding-left: 2.5rem; }
.para > .num { position: absolute; left: 0; }
.points { list-style: none; margin: .5rem 0 0; padding: 0 0 0 2.5rem; }
.points > li { position: relative; margin: 0 0 .5rem; padding-left: 2.5rem; }
.points > li > .num { position: absolute; left: 0; }
.permalink { position: absolute; left: -1.5rem; text-decoration: none; color: var(--rule); font-size: .9em;
  text-indent: 0; }
.permalink:hover, .permalink:focus { color: var(--link); }
:target { background: #fff8c5; }
.conclusion { margin: 2rem 0; font-style: italic; }
.annex { border-top: 1px solid var(--rule); margin-top: 2.5rem; padding-top: 1rem; }
.footnotes { border-top: 1px solid var(--ink); margin-top: 2.5rem; font-size: .9rem; }
.footnotes ol { padding-left: 2rem; }
sup.call { line-height: 0; font-size: .7em; }
sup.call a { text-decoration: none; padding: 0 .1em; }
.backref { text-decoration: none; margin-left: .35em; }
.sponsors { font-style: italic; }
del { color: var(--del); background: var(--del-bg); text-decoration: line-through; }
ins { color: var(--ins); background: var(--ins-bg); text-decoration: underline; }
.summary { border: 1px solid var(--rule); padding: .75rem 1rem; margin: 1rem 0 1.5rem; }
.op { border-left: 4px solid var(--rule); padding: .25rem 0 .25rem .75rem; margin: 0 0 1rem; }
.op-added { border-color: var(--ins); } .op-deleted { border-color: var(--del); }
.op-changed { border-color: #9a6700; } .op-moved { border-color: #0969da; }
.op-split, .op-merged { border-color: #8250df; } .op-renumbered { border-color: var(--rule); }
.op-head { font-family: Arial, "Liberation Sans", Helvetica, sans-serif; font-size: .85rem; color: var(--muted);
  margin: 0 0 .25rem; }
.op-head strong { color: var(--ink); }
.sides { display: grid; grid-template-columns: 1fr 1fr; gap: 1rem; }
.sides > div { min-width: 0; }
.table table { border-collapse: collapse; margin: .5rem 0; font-size: .95rem; }
.table caption { text-align: left; font-weight: bold; margin-bottom: .25rem; }
.table th, .table td { border: 1px solid var(--rule); padding: .2rem .45rem; vertical-align: top; text-align: left; }
.table { position: relative; overflow-x: auto; }
.table-note { font-size: .9rem; margin: .25rem 0; }
.preamble-heading { text-align: center; }
hr.separator { border: none; text-align: center; }
hr.separator::after { content: "* * *"; }
table.meta { border-collapse: collapse; width: 100%; font-size: .9rem; }
table.meta th, table.meta td { border-bottom: 1px solid var(--rule); padding: .25rem .5rem; text-align: left;
  vertical-align: top; }
@media print {
  body { font-size: 11pt; }
  main { max-width: none; padding: 0; }
  .permalink, .backref { display: none; }
  a { color: inherit; text-decoration: none; }
  :target { background: none; }
  .para, .preambular, .op { break-inside: avoid; }
  h1, h2, h3 { break-after: avoid; }
  del, ins { background: none; }
}
"""


def new_page(title: str, language: str) -> tuple[etree._Element, etree._Element]:
    """An empty page: the `html` element and its `main`, to fill."""
    html = etree.Element("html", lang=language or "en")
    if language in _RTL:
        html.set("dir", "rtl")
    head = etree.SubElement(html, "head")
    etree.SubElement(head, "meta", charset="utf-8")
    etree.SubElement(head, "meta", name="viewport", content="width=device-width, initial-scale=1")
    etree.SubElement(head, "meta", name="generator", content="resolution-cli")
    etree.SubElement(head, "title").text = xml_safe(title)
    etree.SubElement(head, "style").text = CSS
    main = etree.SubElement(etree.SubElement(html, "body"), "main")
    return html, main


_BLOCKS = frozenset(
    [
        "head",
        "meta",
        "title",
        "style",
        "body",
        "main",
        "header",
        "section",
        "div",
        "p",
        "dl",
        "dt",
        "dd",
        "ol",
        "ul",
        "li",
        "table",
        "thead",
        "tbody",
        "tr",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
    ]
)


def serialize(html: etree._Element) -> bytes:
    """The page, with a line break after each block element (lxml's pretty printer would also
    put breaks inside inline runs, where a browser shows them as spaces)."""
    for element in html.iter():
        if element.tag in _BLOCKS and not (element.tail or "").strip():
            element.tail = "\n"
    body: bytes = etree.tostring(html, method="html", encoding="utf-8", doctype="<!DOCTYPE html>")
    return body + b"\n"


def sub(parent: etree._Element, tag: str, text: str = "", **attributes: str) -> etree._Element:
    """A child element with `text` (made safe for XML) and attributes (`class_` for class)."""
    element = etree.SubElement(parent, tag, {k.rstrip("_"): xml_safe(v) for k, v in attributes.items() if v})
    if text:
        element.text = xml_safe(text)
    return element


def append_text(parent: etree._Element, text: str) -> None:
    """`text` after whatever `parent` holds so far."""
    if not text:
        return
    text = xml_safe(text)
    if len(parent):
        parent[-1].tail = (parent[-1].tail or "") + text
    else:
        parent.text = (parent.text or "") + text



def permalink(parent: etree._Element, eid: str, what: str) -> None:
    if not eid:  # a part the AKN has no element for has no address either
        return
    sub(parent, "a", "¶", class_="permalink", href=f"#{eid}", **{"aria-label": f"Link to {what}"})


class Calls(Protocol):
    """What writes a footnote call where `inline` meets one."""

    def call(self, parent: etree._Element, marker: str) -> None: ...


@dataclass(slots=True)
class Notes:
    """Footnote calls and their notes: each footnote gets `fn_N` (its place in the list) and its
    first call `fnref_N`; a marker called again links to the footnote it called last, as the
    AKN exporter's noteRef does."""

    resolution: Resolution
    pending: dict[str, list[int]] = field(default_factory=dict)
    placed: dict[str, int] = field(default_factory=dict)
    calls: dict[int, int] = field(default_factory=dict)  # footnote -> how many calls so far

    def __post_init__(self) -> None:
        for index, footnote in enumerate(self.resolution.footnotes, 1):
            self.pending.setdefault(footnote.marker, []).append(index)

    def call(self, parent: etree._Element, marker: str) -> None:
        queue = self.pending.get(marker)
        index = queue.pop(0) if queue else self.placed.get(marker)
        sup = sub(parent, "sup", class_="call")
        if index is None:  # a call with no footnote text: shown, linking nowhere
            append_text(sup, marker)
            return
        self.placed[marker] = index
        self.calls[index] = self.calls.get(index, 0) + 1
        ref_id = f"fnref_{index}" if self.calls[index] == 1 else f"fnref_{index}_{self.calls[index]}"
        link = sub(sup, "a", marker, href=f"#fn_{index}", id=ref_id, role="doc-noteref")
        link.set("aria-label", f"Footnote {marker}")


def inline(
    parent: etree._Element,
    text: str,
    lead: str,
    anchors: tuple[Anchor, ...],
    notes: Calls | None,
    language: str,
    refs: tuple[Reference, ...] = (),
) -> None:
    """`text` into `parent`: the lead phrase in italics, the citations (`refs`) linked to the UN's
    document resolver, footnote calls where they stood."""
    offsets = sorted({min(max(a.offset, 0), len(text)) for a in anchors})
    lead_end = len(lead) if lead and text.startswith(lead) else 0
    links = [
        link
        for link in refs
        if lead_end <= link.start < link.end <= len(text) and not any(link.start < o < link.end for o in offsets)
    ]
    cuts = sorted({0, len(text), *offsets, lead_end, *(link.start for link in links), *(link.end for link in links)})
    starts = {link.start: link for link in links}
    for position, end in zip(cuts, cuts[1:] + [len(text)], strict=True):
        for anchor in anchors:
            if notes is not None and min(max(anchor.offset, 0), len(text)) == position:
                notes.call(parent, anchor.marker)
        piece = text[position:end]
        if not piece:
            continue
        if position < lead_end:
            sub(parent, "i", piece, class_="lead")
        elif position in starts:
            sub(parent, "a", piece, href=undocs_url(starts[position].symbol, language))
        else:
            append_text(parent, piece)


@dataclass(slots=True)
class _Writer:
    resolution: Resolution
    notes: Notes
    eids: Addresses
    depth: int = 1  # of the last heading written (h1 = the title)

    @property
    def meta(self) -> Metadata:
        return self.resolution.meta

    def page(self) -> etree._Element:
        meta = self.meta
        title = " — ".join(filter(None, (meta.symbol, meta.title))) or "Resolution"
        html, main = new_page(title, meta.language)
        self.masthead(main)
        self.title(main)
        self.preamble(main)
        self.body(main)
        self.conclusion(main)
        self.annexes(main)
        self.footnotes(main)
        return html

    def text(
        self,
        parent: etree._Element,
        text: str,
        lead: str = "",
        anchors: tuple[Anchor, ...] = (),
        refs: tuple[Reference, ...] = (),
        calls: Calls | None = None,
    ) -> None:
        inline(parent, text, lead, anchors, calls or self.notes, self.meta.language, refs)

    # -- masthead and title ---------------------------------------------------------------------

    def masthead(self, main: etree._Element) -> None:
        meta = self.meta
        header = sub(main, "header", class_="masthead")
        if meta.symbol:
            sub(header, "p", meta.symbol, class_="symbol")
        rows = [
            ("Organ", meta.organ.value if meta.organ is not Organ.OTHER else ""),
            ("Distribution", meta.distribution),
            ("Date", long_date(meta.issue_date, meta.language)),
            ("Original", meta.original_language),
            ("Session", session_name(meta.session)[1] if meta.session else ""),
            *((f"Agenda item {a.number}", a.name) for a in meta.agenda_items),
        ]
        rows = [(k, v) for k, v in rows if v or k.startswith("Agenda")]
        if rows:
            listing = sub(header, "dl")
            for key, value in rows:
                sub(listing, "dt", key)
                sub(listing, "dd", value or "—")
        for line in self.adoption_lines():
            sub(header, "p", line, class_="adoption")
        if meta.sponsors:
            what = "draft decision" if meta.kind is DocumentKind.DECISION else "draft resolution"
            sub(header, "p", f"{', '.join(s.label for s in meta.sponsors)}: {what}", class_="sponsors")

    def adoption_lines(self) -> list[str]:
        meta = self.meta
        date = long_date(meta.adoption_date, meta.language)
        if meta.organ is Organ.SECURITY_COUNCIL:
            lines = [f"Resolution {meta.number}"] if meta.number else []
            if meta.meeting or date:
                at = f" at its {meta.meeting}" if meta.meeting else ""
                lines.append(f"Adopted by the Security Council{at}{', on ' + date if date else ''}")
            return lines
        if meta.kind is DocumentKind.DRAFT_RESOLUTION or not date:
            return []
        what = "Decision" if meta.kind is DocumentKind.DECISION else "Resolution"
        organ = meta.organ.value if meta.organ is not Organ.OTHER else "the United Nations"
        lines = [f"{what} adopted by the {organ} on {date}"]
        if meta.committee:
            lines.append(f"[on the report of the {meta.committee} ({meta.originating_report})]")
        elif meta.originating_report:
            lines.append(f"[without reference to a Main Committee ({meta.originating_report})]")
        return lines

    def title(self, main: etree._Element) -> None:
        meta = self.meta
        h1 = sub(main, "h1")
        if meta.number and meta.organ is not Organ.SECURITY_COUNCIL:
            sub(h1, "span", f"{meta.number}.", class_="number")
            append_text(h1, " ")
        if meta.title:
            self.text(h1, meta.title, anchors=meta.title_anchors)
        else:
            append_text(h1, meta.symbol or "Resolution")

    # -- preamble and body --------------------------------------------------------------------

    def preamble(self, main: etree._Element) -> None:
        resolution = self.resolution
        if not (resolution.formula or resolution.preamble):
            return
        part = sub(main, "section", class_="preamble", **{"aria-label": "Preamble"})
        if resolution.formula:
            sub(part, "p", resolution.formula, class_="formula")
        for index, item in enumerate(resolution.preamble):
            if isinstance(item, Heading):
                heading = sub(part, "h2", class_="preamble-heading", id=self.eids.get(item))
                self.text(heading, item.text, anchors=item.anchors, refs=item.refs)
            elif isinstance(item, Separator):
                sub(part, "hr", class_="separator")
            else:
                self.preambular(part, item, "preambular", f"preambular paragraph {index + 1}")

    def preambular(self, parent: etree._Element, para: Paragraph, css: str, what: str) -> None:
        eid = self.eids.get(para)
        element = sub(parent, "p" if not para.children else "div", class_=css, id=eid)
        permalink(element, eid, what)
        self.text(element, para.text, para.lead, para.anchors, para.refs)
        self.points(element, para.children)

    def body(self, main: etree._Element) -> None:
        if not self.resolution.body:
            return
        part = sub(main, "section", class_="operative", **{"aria-label": "Operative part"})
        self.blocks(part, self.resolution.body, 2)

    def blocks(self, parent: etree._Element, blocks: tuple[Block, ...], level: int) -> None:
        for block in blocks:
            if isinstance(block, Section):
                self.section(parent, block, level)
            elif isinstance(block, Table):
                self.table(parent, block)
            elif block.role is Role.PREAMBULAR:
                self.preambular(parent, block, "crossheading", "preambular paragraph")
            else:
                self.paragraph(parent, block)

    def section(self, parent: etree._Element, section: Section, level: int) -> None:
        eid = self.eids.get(section)
        heading = sub(parent, f"h{min(level, 6)}", id=eid)
        permalink(heading, eid, f"part {section.num or section.heading}")
        if section.num:
            sub(heading, "span", section.num, class_="num")
            append_text(heading, " ")
        self.text(heading, section.heading, "", section.anchors, section.refs)
        self.blocks(parent, section.children, level + 1)

    def table(self, parent: etree._Element, table: Table) -> None:
        """The table (caption, header rows as th in thead), then its own notes; a call of a table
        note is a plain `sup`, as printed, and other calls link to the footnotes."""
        eid = self.eids.get(table)
        box = sub(parent, "div", class_="table", id=eid)
        permalink(box, eid, f"table {table.caption}".strip())
        element = sub(box, "table")
        calls = _TableCalls(table, self.notes)
        if table.caption or table.caption_anchors:
            self.text(sub(element, "caption"), table.caption, anchors=table.caption_anchors, calls=calls)
        head = sub(element, "thead") if table.header_rows else None
        rows = sub(element, "tbody") if len(table.rows) > table.header_rows else None
        for index, row in enumerate(table.rows):
            header = index < table.header_rows
            tr = sub(head if header and head is not None else rows if rows is not None else element, "tr")
            for cell in row:
                self.cell(tr, cell, "th" if header else "td", calls)
        for note in table.notes:
            p = sub(box, "p", class_="table-note")
            sub(p, "sup", note.marker)
            append_text(p, " ")
            self.text(p, note.text, anchors=note.anchors, refs=note.refs)

    def cell(self, tr: etree._Element, cell: Cell, tag: str, calls: Calls) -> None:
        colspan = str(cell.colspan) if cell.colspan != 1 else ""
        element = sub(tr, tag, colspan=colspan, rowspan=str(cell.rowspan) if cell.rowspan != 1 else "")
        self.text(element, cell.text, anchors=cell.anchors, refs=cell.refs, calls=calls)

    def paragraph(self, parent: etree._Element, para: Paragraph) -> None:
        eid = self.eids.get(para)
        element = sub(parent, "div", class_="para", id=eid)
        permalink(element, eid, f"paragraph {para.num.rstrip('.')}".strip())
        if para.num:
            sub(element, "span", para.num, class_="num")
            append_text(element, " ")
        self.text(element, para.text, para.lead, para.anchors, para.refs)
        self.points(element, para.children)

    def points(self, parent: etree._Element, children: tuple[Paragraph, ...]) -> None:
        if not children:
            return
        listing = sub(parent, "ol", class_="points")
        for child in children:
            eid = self.eids.get(child)  # "" for the items of a crossHeading, which AKN keeps as its text
            item = sub(listing, "li", id=eid)
            permalink(item, eid, f"sub-paragraph {child.num}".strip())
            if child.num:
                sub(item, "span", child.num, class_="num")
                append_text(item, " ")
            self.text(item, child.text, child.lead, child.anchors, child.refs)
            self.points(item, child.children)

    # -- the rest --------------------------------------------------------------------------------

    def conclusion(self, main: etree._Element) -> None:
        meta = self.meta
        if meta.organ is Organ.SECURITY_COUNCIL or not (meta.meeting or meta.adoption_date):
            return
        p = sub(main, "p", meta.meeting, class_="conclusion")
        if meta.meeting and meta.adoption_date:
            sub(p, "br")
        append_text(p, long_date(meta.adoption_date, meta.language))

    def annexes(self, main: etree._Element) -> None:
        for annex in self.resolution.annexes:
            self.annex(main, annex, 2)

    def annex(self, parent: etree._Element, annex: Annex, level: int) -> None:
        """The annex's heading (h2; an annex inside an annex one level lower), its title, its
        body (its parts as the headings below), then the annexes inside it."""
        part = sub(parent, "section", class_="annex", id=self.eids.get(annex))
        heading_anchors = () if annex.title else annex.anchors
        self.text(sub(part, f"h{min(level, 6)}"), annex.heading or "Annex", anchors=heading_anchors)
        if annex.title:
            self.text(sub(part, f"h{min(level + 1, 6)}"), annex.title, anchors=annex.anchors, refs=annex.refs)
        self.blocks(part, annex.body, level + 2 if annex.title else level + 1)
        for inner in annex.annexes:
            self.annex(part, inner, level + 1)

    def footnotes(self, main: etree._Element) -> None:
        if not self.resolution.footnotes:
            return
        part = sub(main, "section", class_="footnotes", role="doc-endnotes", **{"aria-label": "Footnotes"})
        sub(part, "h2", "Notes")
        listing = sub(part, "ol")
        for index, footnote in enumerate(self.resolution.footnotes, 1):
            item = sub(listing, "li", id=f"fn_{index}", role="doc-endnote")
            if footnote.marker.isdigit():
                item.set("value", footnote.marker)
            else:
                sub(item, "span", f"{footnote.marker} ", class_="marker")
            inline(item, footnote.text, "", (), None, self.meta.language, footnote.refs)
            if index in self.notes.calls:
                back = sub(item, "a", "↩", class_="backref", href=f"#fnref_{index}", role="doc-backlink")
                back.set("aria-label", f"Back to the call of footnote {footnote.marker}")


@dataclass(frozen=True, slots=True)
class _TableCalls:
    """Calls in a table's caption and cells: of the table's own notes a plain `sup`, of the
    document's footnotes a linked call."""

    table: Table
    notes: Notes

    def call(self, parent: etree._Element, marker: str) -> None:
        if self.table.calls_note(marker):
            sub(parent, "sup", marker, class_="table-note-call")
        else:
            self.notes.call(parent, marker)


def build_page(resolution: Resolution) -> etree._Element:
    return _Writer(resolution, Notes(resolution), addresses(resolution)).page()


def export_html(resolution: Resolution, options: NoOptions) -> bytes:
    del options  # the page has one form
    return serialize(build_page(resolution))


EXPORTER = Exporter(
    name="html",
    suffix=".html",
    media_type="text/html",
    description="one self-contained HTML page (inline CSS, no scripts): to read, link to and print",
    export=export_html,
)
