"""What the aligner follows besides paragraph order, on real resolutions: parts (sections),
sub-paragraphs within their paragraph, footnotes renumbered, headings renamed."""

from __future__ import annotations

from dataclasses import replace

from resolution_cli.diff import OpKind, diff
from resolution_cli.model import Anchor, Footnote, Paragraph, Resolution, Section
from resolution_cli.readers import read
from tests.conftest import ROOT, SAMPLES


def _read(path: str) -> Resolution:
    return read((ROOT / path).read_bytes())


def _changes(old: Resolution, new: Resolution) -> list[tuple[str, str, str]]:
    return [
        (op.kind.value, op.old[0].label if op.old else "", op.new[0].label if op.new else "")
        for op in diff(old, new).all_ops()
        if op.is_change()
    ]


def test_paragraph_moved_to_another_part() -> None:
    """A/RES/78/247: operative 3 of part I moved to the head of part II, both parts renumbered."""
    old = read((SAMPLES / "akn" / "A_RES_78_247.xml").read_bytes())
    first, second = old.body[0], old.body[1]
    assert isinstance(first, Section) and isinstance(second, Section)
    moved = next(c for c in first.children if isinstance(c, Paragraph) and c.num == "3.")
    part_one = tuple(c for c in first.children if c is not moved)
    new = replace(
        old,
        body=(replace(first, children=part_one), replace(second, children=(moved, *second.children)), *old.body[2:]),
    )
    result = diff(old, new)
    ops = [op for op in result.body if op.kind is OpKind.MOVED]
    assert len(ops) == 1
    assert ops[0].old[0].eid == "sec_I__para_3" and ops[0].new[0].section.startswith("II")
    assert not ops[0].text_changed
    assert all(op.kind in (OpKind.UNCHANGED, OpKind.MOVED) for op in result.body)  # numbers kept


def test_sub_paragraph_changed_within_its_paragraph() -> None:
    """A/RES/78/218: a word of operative 2 (a) (iii) changed; (iv) dropped."""
    old = _read("tests/data/akn/A_RES_78_218.xml")
    two = old.body[1]
    assert isinstance(two, Paragraph)
    a = two.children[0]
    items = list(a.children)
    items[2] = replace(
        items[2], text=items[2].text.replace("disappearances", "disappearances and arrests", 1), anchors=()
    )
    del items[3]
    new = replace(
        old,
        body=(
            old.body[0],
            replace(two, children=(replace(a, children=tuple(items)), *two.children[1:])),
            *old.body[2:],
        ),
    )
    assert _changes(old, new) == [
        ("changed", "operative 2", "operative 2"),
        ("changed", "operative 2 (a)", "operative 2 (a)"),
        ("changed", "operative 2 (a) (iii)", "operative 2 (a) (iii)"),
        ("deleted", "operative 2 (a) (iv)", ""),
    ]
    op = next(op for op in diff(old, new).all_ops() if op.old and op.old[0].label == "operative 2 (a) (iii)")
    assert op.old[0].eid == "para_2__list_1__point_a__list_1__point_iii"
    assert [(s.kind.value, s.text) for s in op.words if s.kind.value != "equal"] == [("insert", "and arrests")]


def test_footnotes_renumbered_by_a_new_first_footnote() -> None:
    """A footnote added before the others shifts every marker: the others are renumbered, and
    the paragraphs that call them are not changed for it."""
    old = read((SAMPLES / "akn" / "A_RES_78_247.xml").read_bytes())
    shift = {f.marker: str(int(f.marker) + 1) for f in old.footnotes}

    def shifted(block: Paragraph | Section) -> Paragraph | Section:
        if isinstance(block, Section):
            return replace(block, children=tuple(shifted(c) for c in block.children))
        return replace(block, anchors=tuple(Anchor(shift[a.marker], a.offset) for a in block.anchors))

    body = tuple(shifted(b) for b in old.body)
    first = body[0]
    assert isinstance(first, Section)
    opening = first.children[0]
    assert isinstance(opening, Paragraph)
    called = replace(opening, anchors=(Anchor("1", len(opening.text)), *opening.anchors))
    body = (replace(first, children=(called, *first.children[1:])), *body[1:])
    footnotes = (Footnote("1", "See A/78/1."), *(replace(f, marker=shift[f.marker]) for f in old.footnotes))
    new = replace(old, body=body, footnotes=footnotes)
    changes = _changes(old, new)
    assert ("added", "", "footnote 1") in changes
    assert [c for c in changes if c[0] == "renumbered"] == [
        ("renumbered", "footnote 1", "footnote 2"),
        ("renumbered", "footnote 2", "footnote 3"),
    ]
    para = next(op for op in diff(old, new).body if op.notes)
    assert para.notes == ("footnote call 1 added",) and para.old[0].label == "section I preamble 1"
    assert len([c for c in changes if c[0] == "changed"]) == 1


def test_heading_renamed_and_renumbered() -> None:
    old = read((SAMPLES / "akn" / "A_RES_78_247.xml").read_bytes())
    second = old.body[1]
    assert isinstance(second, Section)
    new = replace(
        old, body=(old.body[0], replace(second, num="III", heading=second.heading + " and its work"), *old.body[2:])
    )
    op = next(op for op in diff(old, new).body if op.is_change())
    assert (op.kind, op.unit, op.renumbered, op.text_changed) == (OpKind.CHANGED, "heading", True, True)
    assert op.old[0].eid == "sec_II" and op.new[0].eid == "sec_III"
