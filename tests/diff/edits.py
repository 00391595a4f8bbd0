"""Constructed edits of real resolutions, and a check that `diff` reports each as what it was.

A case takes a run of consecutive paragraphs of one part (preamble or operative part) of a real
resolution, makes one to three edits to distinct paragraphs (insert a real paragraph from
another resolution, delete, move, renumber, split, merge, change words, change the lead phrase)
and renumbers the operative paragraphs as the UN does after a structural edit. It knows, for
every paragraph of the edited text, where it came from, and so which operations a perfect
report has. Used by tests/diff/test_accuracy.py (a few thousand cases) and
benchmarks/diff_accuracy.py (as many as asked).
"""

from __future__ import annotations

import random
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path

from resolution_cli.diff import Diff, Op, OpKind, diff
from resolution_cli.diff.words import tokens
from resolution_cli.model import Metadata, Paragraph, Resolution, Role, iter_paragraphs
from resolution_cli.readers import read

ROOT = Path(__file__).resolve().parents[2]
SOURCES = [
    ROOT / "samples" / "akn" / "A_RES_78_229.xml",
    ROOT / "samples" / "akn" / "A_RES_78_247.xml",
    ROOT / "samples" / "akn" / "S_RES_2768_2025.xml",
    ROOT / "tests" / "data" / "akn" / "A_RES_78_218.xml",
    ROOT / "tests" / "data" / "akn" / "A_RES_78_223.xml",
    ROOT / "tests" / "data" / "akn" / "A_RES_78_127.xml",
    ROOT / "tests" / "data" / "akn" / "S_RES_2769_2025.xml",
]
EDITS = ("insert", "delete", "move", "renumber", "split", "merge", "words", "lead")
WORDS = ("further", "relevant", "all", "appropriate", "international", "national", "effective", "urgent")
LEAD_PREFIXES = ("Also", "Further", "Strongly")


@dataclass(frozen=True, slots=True)
class Slot:
    """One paragraph of the edited text and where it came from."""

    para: Paragraph
    origin: tuple[int, ...]  # old positions (0-based) it came from: () inserted, (i, k) merged
    edit: str = ""  # "words", "lead", "split", "merge", "move", "insert", "renumber" or ""


@dataclass(frozen=True, slots=True)
class Case:
    old: Resolution
    new: Resolution
    part: str  # "preamble" or "body"
    slots: tuple[Slot, ...]
    edits: tuple[str, ...]
    deleted: tuple[int, ...]


def load_sources() -> list[Resolution]:
    return [read(path.read_bytes()) for path in SOURCES]


def _runs(resolution: Resolution) -> Iterator[tuple[str, tuple[Paragraph, ...]]]:
    yield "preamble", resolution.preamble
    body = iter_paragraphs(resolution.body)
    if all(p.role is Role.OPERATIVE for p in body):
        yield "body", tuple(body)


def make_case(sources: list[Resolution], rng: random.Random, size: int = 14) -> Case:
    """One case: a window of `size` paragraphs of one part of a source, edited."""
    while True:
        source = rng.choice(sources)
        runs = [(part, paras) for part, paras in _runs(source) if len(paras) >= 8]
        if runs:
            break
    part, paras = rng.choice(runs)
    start = rng.randrange(0, max(len(paras) - size, 0) + 1)
    window = _numbered(paras[start : start + size], part)
    donors = [p for s in sources if s is not source for _, run in _runs(s) for p in run]
    slots, edits, deleted = _edit(window, donors, part, rng)
    old = _document(source.meta, window, part)
    new = _document(source.meta, tuple(s.para for s in slots), part)
    return Case(old, new, part, tuple(slots), tuple(edits), tuple(deleted))


def _numbered(paras: tuple[Paragraph, ...], part: str) -> tuple[Paragraph, ...]:
    if part == "preamble":
        return paras
    return tuple(replace(p, num=f"{n}.") for n, p in enumerate(paras, 1))


def _document(meta: Metadata, paras: tuple[Paragraph, ...], part: str) -> Resolution:
    if part == "preamble":
        return Resolution(meta, "The General Assembly,", preamble=paras)
    return Resolution(meta, "The General Assembly,", body=paras)


def _edit(
    window: tuple[Paragraph, ...], donors: list[Paragraph], part: str, rng: random.Random
) -> tuple[list[Slot], list[str], list[int]]:
    slots = [Slot(p, (i,)) for i, p in enumerate(window)]
    wanted = rng.sample(EDITS, rng.choice((1, 1, 2, 3)))
    if "renumber" in wanted and part == "preamble":  # preambular paragraphs carry no number
        wanted.remove("renumber")
    done: list[str] = []
    deleted: list[int] = []
    existing = {_key(p.text) for p in window}
    for name in sorted(wanted, key=lambda e: e == "renumber"):  # renumbering last: nothing undoes it
        if name == "renumber":
            ok = _renumber(slots, rng)
        else:
            ok = EDITORS[name](slots, rng, donors, existing, deleted)
            slots = _renumbered(slots, part) if ok else slots
        if ok:
            done.append(name)
    return slots, done, deleted


@cache
def _key(text: str) -> str:
    return " ".join(tokens(text))


def _free(slots: list[Slot], rng: random.Random, need: int = 1, long: bool = False) -> int | None:
    """A position whose paragraphs (`need` of them) are untouched, and whose neighbours are too,
    so that edits do not run into each other."""
    choices = [
        k
        for k in range(len(slots) - need + 1)
        if all(not s.edit and len(s.origin) == 1 for s in slots[max(k - 1, 0) : k + need + 1])
        and all(not long or len(tokens(s.para.text)) >= 20 for s in slots[k : k + need])
    ]
    return rng.choice(choices) if choices else None


def _insert(slots: list[Slot], rng: random.Random, donors: list[Paragraph], existing: set[str], _: list[int]) -> bool:
    k = _free(slots, rng)
    fresh = [d for d in donors if _key(d.text) not in existing and len(d.text) >= 40]
    if k is None or not fresh:
        return False
    role = slots[0].para.role
    donor = rng.choice(fresh)
    slots.insert(k, Slot(replace(donor, role=role, num=""), (), "insert"))
    return True


def _delete(slots: list[Slot], rng: random.Random, _d: list[Paragraph], _e: set[str], deleted: list[int]) -> bool:
    k = _free(slots, rng)
    if k is None or len(slots) < 4:
        return False
    deleted.append(slots.pop(k).origin[0])
    return True


def _move(slots: list[Slot], rng: random.Random, _d: list[Paragraph], _e: set[str], _x: list[int]) -> bool:
    k = _free(slots, rng)
    if k is None:
        return False
    slot = slots.pop(k)
    targets = [  # not next to where it was (a swap: either paragraph may be "the" one moved), not into a split
        t
        for t in range(len(slots) + 1)
        if abs(t - k) >= 2 and not (0 < t < len(slots) and slots[t - 1].origin == slots[t].origin)
    ]
    if not targets:
        slots.insert(k, slot)
        return False
    changed = _changed_words(slot.para, rng) if rng.random() < 0.3 else None  # moved, and its words changed
    slots.insert(rng.choice(targets), Slot(changed or slot.para, slot.origin, "move"))
    return True


def _split(slots: list[Slot], rng: random.Random, _d: list[Paragraph], _e: set[str], _x: list[int]) -> bool:
    k = _free(slots, rng, long=True)
    if k is None or slots[k].para.children:
        return False
    para = slots[k].para
    cut = _cut_point(para.text, len(para.lead), rng)
    if cut is None:
        return False
    first = replace(para, text=para.text[:cut].rstrip(), anchors=())
    second = replace(para, text=para.text[cut:].lstrip(), lead="", anchors=())
    origin = slots[k].origin
    slots[k : k + 1] = [Slot(first, origin, "split"), Slot(second, origin, "split")]
    return True


def _cut_point(text: str, lead: int, rng: random.Random) -> int | None:
    """A place to cut between a third and two thirds of the text: after a comma or semicolon
    where there is one, else after any word."""
    third = len(text) // 3
    middle = [m.end() for m in re.finditer(r"[,;] ", text) if max(third, lead) < m.end() < 2 * third]
    middle = middle or [m.end() for m in re.finditer(r" ", text) if max(third, lead) < m.end() < 2 * third]
    return rng.choice(middle) if middle else None


def _merge(slots: list[Slot], rng: random.Random, _d: list[Paragraph], _e: set[str], _x: list[int]) -> bool:
    k = _free(slots, rng, need=2)
    if k is None or slots[k].para.children or slots[k + 1].para.children:
        return False
    if slots[k + 1].origin[0] != slots[k].origin[0] + 1:  # not next to each other in the old text
        return False
    first, second = slots[k].para, slots[k + 1].para
    merged = replace(first, text=f"{first.text} {second.text}", anchors=())
    slots[k : k + 2] = [Slot(merged, slots[k].origin + slots[k + 1].origin, "merge")]
    return True


def _words(slots: list[Slot], rng: random.Random, _d: list[Paragraph], _e: set[str], _x: list[int]) -> bool:
    k = _free(slots, rng)
    if k is None:
        return False
    changed = _changed_words(slots[k].para, rng)
    if changed is None:
        return False
    slots[k] = Slot(changed, slots[k].origin, "words")
    return True


def _changed_words(para: Paragraph, rng: random.Random) -> Paragraph | None:
    """One to three words replaced, added or taken out (not in the lead phrase)."""
    words = [m for m in re.finditer(r"[A-Za-z]{3,}", para.text) if m.start() > len(para.lead)]
    if len(words) < 6:
        return None
    text = para.text
    for match in sorted(rng.sample(words, rng.choice((1, 1, 2, 3))), key=lambda m: m.start(), reverse=True):
        word = rng.choice([w for w in WORDS if w != match[0]])
        how = rng.choice(("replace", "insert", "delete"))
        piece = {"replace": word, "insert": f"{word} {match[0]}", "delete": ""}[how]
        end = match.end() + (1 if how == "delete" and text[match.end() : match.end() + 1] == " " else 0)
        text = text[: match.start()] + piece + text[end:]
    return None if tokens(text) == tokens(para.text) else replace(para, text=text, anchors=())


def _lead(slots: list[Slot], rng: random.Random, _d: list[Paragraph], _e: set[str], _x: list[int]) -> bool:
    k = _free(slots, rng)
    if k is None or not slots[k].para.lead or not slots[k].para.text.startswith(slots[k].para.lead):
        return False
    para = slots[k].para
    lead = f"{rng.choice(LEAD_PREFIXES)} {para.lead[:1].lower()}{para.lead[1:]}"
    edited = replace(para, text=lead + para.text[len(para.lead) :], lead=lead, anchors=())
    slots[k] = Slot(edited, slots[k].origin, "lead")
    return True


def _renumber(slots: list[Slot], rng: random.Random) -> bool:
    """A gap in the numbers (as where a paragraph was taken out at the last moment): every
    paragraph from one on is numbered one higher, its text untouched."""
    starts = [k for k in range(1, len(slots)) if not slots[k].edit and slots[k].para.num]
    if not starts:
        return False
    start = rng.choice(starts)
    for k in range(start, len(slots)):
        para = slots[k].para
        number = int(para.num.rstrip(".")) + 1
        slots[k] = replace(slots[k], para=replace(para, num=f"{number}."))
    slots[start] = replace(slots[start], edit=slots[start].edit or "renumber")
    return True


def _renumbered(slots: list[Slot], part: str) -> list[Slot]:
    if part == "preamble":
        return slots
    return [replace(s, para=replace(s.para, num=f"{n}.")) for n, s in enumerate(slots, 1)]


EDITORS = {
    "insert": _insert,
    "delete": _delete,
    "move": _move,
    "split": _split,
    "merge": _merge,
    "words": _words,
    "lead": _lead,
}


# -- what a perfect report has ---------------------------------------------------------------------

Expected = tuple[str, tuple[int, ...], tuple[int, ...]]  # (kind, old positions, new positions)


def expected(case: Case) -> Counter[Expected]:
    out: Counter[Expected] = Counter()
    old_paras = case.old.preamble if case.part == "preamble" else case.old.body
    for j, slot in enumerate(case.slots):
        if slot.edit == "insert":
            out[("added", (), (j,))] += 1
        elif slot.edit == "merge":
            out[("merged", slot.origin, (j,))] += 1
        elif slot.edit == "split":
            if j and case.slots[j - 1].origin == slot.origin:
                continue
            out[("split", slot.origin, (j, j + 1))] += 1
        elif slot.edit == "move":
            out[("moved", slot.origin, (j,))] += 1
        elif slot.edit in ("words", "lead"):
            out[("changed", slot.origin, (j,))] += 1
        elif slot.para.num != old_paras[slot.origin[0]].num:  # type: ignore[union-attr]
            out[("renumbered", slot.origin, (j,))] += 1
    for i in case.deleted:
        out[("deleted", (i,), ())] += 1
    return out


def reported(result: Diff, part: str) -> Counter[Expected]:
    ops = result.preamble if part == "preamble" else result.body
    return Counter(_as_expected(op) for op in ops if op.kind is not OpKind.UNCHANGED)


def _as_expected(op: Op) -> Expected:
    return (op.kind.value, tuple(a.index - 1 for a in op.old), tuple(a.index - 1 for a in op.new))


def lead_reported(result: Diff, case: Case) -> bool:
    """A lead edit must be named as a lead change, with both phrases."""
    ops = result.preamble if case.part == "preamble" else result.body
    leads = [s.para.lead for s in case.slots if s.edit == "lead"]
    return all(any(op.new_lead == lead and op.old_lead for op in ops) for lead in leads)


@dataclass(frozen=True, slots=True)
class Score:
    cases: int
    edits: int
    edits_right: int
    cases_right: int
    by_edit: dict[str, tuple[int, int]]  # edit -> (right, total)
    failures: list[str]


def score(count: int, seed: int = 15) -> Score:
    """Runs `count` cases: an edit is right when every operation it implies is reported as such;
    a case is right when its edits are and nothing else is reported."""
    rng = random.Random(seed)
    sources = load_sources()
    edits = edits_right = cases_right = 0
    by_edit: Counter[str] = Counter()
    by_edit_right: Counter[str] = Counter()
    failures: list[str] = []
    for n in range(count):
        case = make_case(sources, rng)
        result = diff(case.old, case.new)
        want, got = expected(case), reported(result, case.part)
        lead_ok = lead_reported(result, case)
        right_edits = _edits_right(case, want, got, lead_ok)
        for name in case.edits:
            by_edit[name] += 1
            by_edit_right[name] += name in right_edits
        edits += len(case.edits)
        edits_right += sum(name in right_edits for name in case.edits)
        if want == got and lead_ok:
            cases_right += 1
        elif len(failures) < 20:
            failures.append(f"case {n} {case.part} {case.edits}: missing {dict(want - got)} extra {dict(got - want)}")
    table = {name: (by_edit_right[name], by_edit[name]) for name in EDITS}
    return Score(count, edits, edits_right, cases_right, table, failures)


def _edits_right(case: Case, want: Counter[Expected], got: Counter[Expected], lead_ok: bool) -> set[str]:
    """Which edits of the case were reported as what they were."""
    kinds = {
        "insert": "added",
        "delete": "deleted",
        "move": "moved",
        "split": "split",
        "merge": "merged",
        "words": "changed",
        "lead": "changed",
        "renumber": "renumbered",
    }
    right = set()
    for name in case.edits:
        implied = Counter({e: c for e, c in want.items() if e[0] == kinds[name]})
        if not implied - got and (name != "lead" or lead_ok):
            right.add(name)
    return right
