"""A resolution cut into the units the aligner compares, each with its address.

The preamble's paragraphs and headings; the body's headings, paragraphs and tables in reading
order (operative paragraphs across the parts they stand in, so a paragraph moved from part I to
part II is found); footnotes; annex headings, titles and the blocks of their bodies (annexes
inside annexes included). Sub-paragraphs stay inside their
paragraph (they are aligned among themselves once their paragraphs are paired); a paragraph's
likeness to another counts its sub-paragraphs' words too.

eIds are the ones the AKN exporter writes (resolution_cli/addresses.py); a sub-paragraph of a
preambular paragraph among operative ones has none (it is text of its crossHeading).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from resolution_cli.addresses import Addresses, addresses, number_token
from resolution_cli.diff.model import Address
from resolution_cli.diff.words import Bag
from resolution_cli.model import Annex, Block, Heading, Paragraph, PreambleItem, Resolution, Section, Separator, Table
from resolution_cli.parse.checks import all_paragraphs


@dataclass(frozen=True, slots=True)
class Unit:
    kind: str  # "paragraph", "heading", "footnote", "annex block"
    role: str  # paragraphs: their role; units pair only with units of the same kind and role
    text: str  # its own text (a paragraph's without its sub-paragraphs)
    bag: Bag  # the words it is aligned by (a paragraph's with its sub-paragraphs')
    address: Address
    lead: str = ""
    calls: tuple[str, ...] = ()  # the footnote markers it calls, in order
    children: tuple[Unit, ...] = ()

    @property
    def key(self) -> str:
        return f"{self.kind}:{self.role}"

    @property
    def full_text(self) -> str:
        """Its text with its sub-paragraphs', numbers included: what a split or merge shows."""
        parts = [self.text, *(" ".join(filter(None, (c.address.num, c.full_text))) for c in self.children)]
        return " ".join(p for p in parts if p)


def number(num: str) -> str:
    """A printed number as compared: "5." and "5" are the same number."""
    return number_token(num)


@dataclass(slots=True)
class _Walk:
    eids: Addresses
    labels: dict[int, str]

    def preamble(self, items: tuple[PreambleItem, ...]) -> list[Unit]:
        units: list[Unit] = []
        for item in items:
            if isinstance(item, Heading):
                address = Address(f"heading {item.text[:20]}", "", self.eids.get(item), "", len(units) + 1)
                units.append(Unit("heading", "heading", item.text, Bag.of(item.text), address))
            elif not isinstance(item, Separator):  # a separator has no words to compare
                units.append(self.unit(item, "", len(units) + 1))
        return units

    def body(self, blocks: tuple[Block, ...], heading: str, out: list[Unit]) -> None:
        for block in blocks:
            if isinstance(block, Section):
                title = " ".join(filter(None, (block.num, block.heading)))
                label = f"section {block.num or block.heading[:20]}".strip()
                address = Address(label, block.num, self.eids.get(block), heading, len(out) + 1)
                out.append(Unit("heading", "heading", block.heading, Bag.of(title), address))
                self.body(block.children, title, out)
            elif isinstance(block, Table):
                text = table_text(block)
                label = f"table {block.caption[:20]}".strip()
                address = Address(label, "", self.eids.get(block), heading, len(out) + 1)
                out.append(Unit("table", "table", text, Bag.of(text), address))
            else:
                out.append(self.unit(block, heading, len(out) + 1))

    def unit(self, para: Paragraph, heading: str, index: int) -> Unit:
        children = tuple(self.unit(c, "", k + 1) for k, c in enumerate(para.children))
        address = Address(self.labels.get(id(para), para.num), para.num, self.eids.get(para), heading, index)
        whole = " ".join([para.text, *(f"{c.address.num} {c.bag.folded}" for c in children)])
        calls = tuple(a.marker for a in sorted(para.anchors, key=lambda a: a.offset))
        return Unit("paragraph", para.role.value, para.text, Bag.of(whole), address, para.lead, calls, children)


def document_units(resolution: Resolution) -> tuple[list[Unit], list[Unit]]:
    """The preamble's units and the body's."""
    walk = _Walk(addresses(resolution), {id(p): label for label, p in all_paragraphs(resolution)})
    body: list[Unit] = []
    walk.body(resolution.body, "", body)
    return walk.preamble(resolution.preamble), body


def footnote_units(resolution: Resolution) -> list[Unit]:
    return [
        Unit("footnote", "footnote", f.text, Bag.of(f.text), Address(f"footnote {f.marker}", f.marker, "", "", n))
        for n, f in enumerate(resolution.footnotes, 1)
    ]


def annex_units(resolution: Resolution) -> list[Unit]:
    """Every annex's heading, title and blocks (annexes inside annexes after their own), in one
    sequence: a block may move between annexes. A paragraph keeps its sub-paragraphs as children,
    aligned among themselves as the body's are."""
    units: list[Unit] = []
    _annex_units(resolution.annexes, _Walk(addresses(resolution), {}), "", units)
    return units


def _annex_units(annexes: tuple[Annex, ...], walk: _Walk, prefix: str, units: list[Unit]) -> None:
    for n, annex in enumerate(annexes, 1):
        label = f"annex {prefix}{n}"
        heading = " ".join(filter(None, (annex.heading, annex.title)))
        eid = walk.eids.get(annex)
        for text, where in ((annex.heading, "heading"), (annex.title, "title")):
            if text:
                address = Address(f"{label} {where}", "", eid, heading, len(units) + 1)
                units.append(Unit("annex heading", "annex", text, Bag.of(text), address))
        blocks: list[Unit] = []
        walk.body(annex.body, heading, blocks)
        for k, unit in enumerate(blocks, 1):
            address = replace(unit.address, label=f"{label} block {k}", index=len(units) + 1)
            units.append(replace(unit, kind="annex block", role="annex", address=address))
        _annex_units(annex.annexes, walk, f"{prefix}{n}.", units)


def table_text(table: Table) -> str:
    """A table as the words a reader compares: caption, rows (cells set off by " | "), notes."""
    rows = (" | ".join(cell.text for cell in row) for row in table.rows)
    notes = (f"{note.marker} {note.text}" for note in table.notes)
    return " ".join(filter(None, (table.caption, *rows, *notes)))
