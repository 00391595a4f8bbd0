"""Addresses: every part of a resolution named by its Akoma Ntoso eId, computed from the model.

The one place eIds come from. The AKN exporter writes them, JSON carries them (`eid`), and
`check`, `preview`, `diff` and the HTML page name paragraphs by them, so a paragraph has one
address everywhere: `preamble__container_3`, `para_3`, `para_3__list_1__point_a`, `sec_I__para_2`.

An eId is the parent's eId, `__`, the element's abbreviation and, after `_`, its number as printed
with the punctuation dropped ("1." -> `para_1`, "(a)" -> `point_a`, "I" -> `sec_I`), or for an
unnumbered element its position among its parent's elements of that name (`container_3`). Elements
of `mainBody` start a fresh chain (`para_1`, `sec_I__para_2__list_1__point_a`); the preamble's are
prefixed `preamble__`, an annex's by its attachment's (`att_1__para_3`). A number printed twice
under one parent (a UN typing slip) gets `-2`, `-3` so eIds stay unique; the same document always
gets the same eIds.

Abbreviations from the naming convention (OASIS Akoma Ntoso Naming Convention 1.0, section 5.1.1.1).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from resolution_cli.model import Annex, Block, Heading, Paragraph, PreambleItem, Resolution, Role, Section, Table

ABBREVIATIONS: dict[str, str] = {
    "attachment": "att",
    "blockList": "list",
    "paragraph": "para",
    "section": "sec",
    "subparagraph": "subpara",
    "subsection": "subsec",
    "listIntroduction": "intro",
    "listWrapUp": "wrap",
}

_NOT_ID = re.compile(r"[^\w-]+")


def number_token(num: str) -> str:
    """The printed number as it appears in an eId: "1." -> "1", "(iv)" -> "iv", "1 -" -> "1"."""
    return _NOT_ID.sub("", num).strip("-_")


@dataclass(slots=True)
class EIdGenerator:
    """Hands out unique eIds for one document, in document order."""

    _counts: Counter[tuple[str, str]] = field(default_factory=Counter)
    _used: set[str] = field(default_factory=set)

    def make(self, parent: str, element: str, num: str = "") -> str:
        """The eId of an `element` under the element whose eId is `parent` ("" at the top)."""
        self._counts[(parent, element)] += 1
        local = number_token(num) or str(self._counts[(parent, element)])
        name = ABBREVIATIONS.get(element, element)
        base = f"{parent}__{name}_{local}" if parent else f"{name}_{local}"
        eid, repeat = base, 1
        while eid in self._used:
            repeat += 1
            eid = f"{base}-{repeat}"
        self._used.add(eid)
        return eid


Part = Paragraph | Section | Table | Heading | Annex


@dataclass(slots=True)
class Addresses:
    """The eId of each structural part of one resolution (sections, paragraphs, sub-paragraphs and
    their lists, preambular paragraphs and their items, headings among them, cross-headings, tables,
    annexes and everything in them), and the generator that made them, which the AKN exporter
    carries on with for the parts only it writes (notes), so that every eId in a document is unique.

    A table is an `hcontainer name="table"` (`table_1`, `sec_II__table_1`), its `table` element
    `table_1__table_1`; a heading in the preamble a `blockContainer` (`preamble__blockContainer_1`)
    around a crossHeading; an annex an `attachment` (`att_1`), the parts of its body prefixed by it
    (`att_1__para_3`, `att_2__sec_I__table_1`), an annex inside it `att_1__att_1`."""

    generator: EIdGenerator = field(default_factory=EIdGenerator)
    formula: str = ""  # the enacting formula's eId
    _of: dict[int, str] = field(default_factory=dict)  # id(part) -> its eId
    _lists: dict[int, str] = field(default_factory=dict)  # id(part) -> the eId of the list it opens

    def of(self, part: Part) -> str:
        """The eId of `part` (a part of the resolution these addresses were made for)."""
        return self._of[id(part)]

    def get(self, part: Part) -> str:
        """The eId of `part`, or "" for a part the AKN holds no element for (the sub-paragraphs of a
        preambular paragraph among operative ones, which are text of its crossHeading)."""
        return self._of.get(id(part), "")

    def list_of(self, part: Paragraph) -> str:
        """The eId of the list (`list` or, in the preamble, `blockList`) that holds `part`'s children."""
        return self._lists[id(part)]

    def _name(self, part: Part, parent: str, element: str, num: str = "") -> str:
        eid = self.generator.make(parent, element, num)
        self._of[id(part)] = eid
        return eid

    def _preamble(self, items: Iterable[PreambleItem]) -> None:
        for item in items:
            if isinstance(item, Heading):
                self._name(item, "preamble", "blockContainer")
            elif isinstance(item, Paragraph):
                eid = self._name(item, "preamble", "container")
                self._items(item, eid, "blockList", "item")

    def _items(self, para: Paragraph, eid: str, list_element: str, item_element: str) -> None:
        if not para.children:
            return
        list_id = self.generator.make(eid, list_element)
        self._lists[id(para)] = list_id
        for child in para.children:
            child_id = self._name(child, list_id, item_element, child.num)
            self._items(child, child_id, list_element, item_element)

    def _blocks(self, blocks: Iterable[Block], parent: str, in_part: bool = False) -> None:
        for block in blocks:
            if isinstance(block, Section):
                self._blocks(block.children, self._name(block, parent, "section", block.num), in_part=True)
            elif isinstance(block, Table):
                self._name(block, parent, "table")  # its hcontainer, named "table" as the convention names one
            elif block.role is Role.PREAMBULAR and in_part:  # inside a part: a crossHeading
                self._name(block, parent, "crossHeading")  # its sub-paragraphs are its text
            else:  # outside a part (where the schema takes no crossHeading) a paragraph, as the rest
                self._items(block, self._name(block, parent, "paragraph", block.num), "list", "point")

    def _annexes(self, annexes: Iterable[Annex], parent: str) -> None:
        for annex in annexes:
            eid = self._name(annex, parent, "attachment")
            self._blocks(annex.body, eid)
            self._annexes(annex.annexes, eid)


def addresses(resolution: Resolution) -> Addresses:
    """Every structural part of `resolution` with its eId, in document order (the preamble's
    formula first, as the AKN exporter writes it)."""
    found = Addresses()
    if resolution.formula:
        found.formula = found.generator.make("preamble", "formula")
    found._preamble(resolution.preamble)
    found._blocks(resolution.body, "")
    found._annexes(resolution.annexes, "")
    return found
