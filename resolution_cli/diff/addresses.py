"""The eId of every paragraph, sub-paragraph and heading of a resolution, as the AKN exporter
writes it (`preamble__container_3`, `para_3`, `para_3__list_1__point_a`, `sec_I__para_2`).

A stand-in for the lead's `resolution_cli/addresses.py` until it lands on main: it asks the
exporter's own generator (exporters/eids.py) for the structural eIds in the exporter's order
(the enacting formula, the preamble's containers and their blockList items, then the body depth
first: sections, crossHeadings, paragraphs, their list and points). The note eIds the exporter
makes in between cannot collide with these, so leaving them out changes none.

A unit is named by its path: ("preamble", i, j ...) is preamble[i].children[j]...;
("body", i, j ...) is body[i].children[j]... (a section's children or a paragraph's).
"""

from __future__ import annotations

from resolution_cli.exporters.eids import EIdGenerator
from resolution_cli.model import Block, Paragraph, Resolution, Role, Section

Path = tuple[str | int, ...]


def eids(resolution: Resolution) -> dict[Path, str]:
    ids = EIdGenerator()
    out: dict[Path, str] = {}
    if resolution.formula:
        ids.make("preamble", "formula")
    for index, para in enumerate(resolution.preamble):
        eid = ids.make("preamble", "container")
        out[("preamble", index)] = eid
        _block_list(ids, para.children, eid, ("preamble", index), out)
    _blocks(ids, resolution.body, "", ("body",), out)
    return out


def _block_list(ids: EIdGenerator, items: tuple[Paragraph, ...], parent: str, path: Path, out: dict[Path, str]) -> None:
    if not items:
        return
    list_id = ids.make(parent, "blockList")
    for index, item in enumerate(items):
        eid = ids.make(list_id, "item", item.num)
        out[(*path, index)] = eid
        _block_list(ids, item.children, eid, (*path, index), out)


def _blocks(ids: EIdGenerator, blocks: tuple[Block, ...], parent: str, path: Path, out: dict[Path, str]) -> None:
    for index, block in enumerate(blocks):
        where = (*path, index)
        if isinstance(block, Section):
            out[where] = ids.make(parent, "section", block.num)
            _blocks(ids, block.children, out[where], where, out)
        elif block.role is Role.PREAMBULAR:
            out[where] = ids.make(parent, "crossHeading")
        else:
            out[where] = ids.make(parent, "paragraph", block.num)
            _points(ids, block, out[where], where, out)


def _points(ids: EIdGenerator, para: Paragraph, eid: str, path: Path, out: dict[Path, str]) -> None:
    if not para.children:
        return
    list_id = ids.make(eid, "list")
    for index, child in enumerate(para.children):
        out[(*path, index)] = ids.make(list_id, "point", child.num)
        _points(ids, child, out[(*path, index)], (*path, index), out)
