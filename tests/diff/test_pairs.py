"""Golden reports of `resolution diff` on real pairs: a draft against the adopted resolution, and
the same agenda item seven years apart (tests/data/pairs/README says what each report must say,
checked by reading both documents). The Markdown report is the readable golden; the JSON report
pins the alignment of every paragraph (both addresses and eIds)."""

from __future__ import annotations

import json

import jsonschema
import pytest

from resolution_cli.diff import OpKind, diff
from resolution_cli.diff.render import ReportFormat, ReportOptions, report
from tests.conftest import GOLDEN, ROOT, compare_golden
from tests.diff.pairs import PAIRS, model

SCHEMA = json.loads((ROOT / "resolution_cli" / "schemas" / "diff.schema.json").read_text())


@pytest.mark.parametrize(("old", "new"), PAIRS, ids=[f"{a}-{b}" for a, b in PAIRS])
def test_golden_reports(old: str, new: str, accept: bool) -> None:
    result = diff(model(old), model(new))
    folder = GOLDEN / f"diff-{old}-{new}"
    compare_golden(report(result, ReportOptions(ReportFormat.MARKDOWN)), folder / "report.md", accept)
    as_json = report(result, ReportOptions(ReportFormat.JSON))
    jsonschema.validate(json.loads(as_json), SCHEMA)
    compare_golden(as_json, folder / "report.json", accept)


def _changes(old: str, new: str) -> set[tuple[str, str, str]]:
    result = diff(model(old), model(new))
    return {(op.kind.value, op.old[0].label if op.old else "", op.new[0].label if op.new else "")
            for op in result.all_ops() if op.is_change()}  # fmt: skip


def test_draft_adopted_as_drafted_differs_in_metadata_only() -> None:
    """A/80/L.6 was adopted unchanged: nothing in the text, the adoption in the metadata."""
    result = diff(model("A_80_L.6"), model("A_RES_80_4"))
    assert not [op for op in result.all_ops() if op.is_change()]
    fields = {c.name for c in result.metadata}
    assert {"symbol", "kind", "adoption_date", "meeting", "number"} <= fields
    assert "original_language" not in fields and not result.lists  # not printed on adopted texts
    assert not result.same


def test_sponsors_footnote_gone_on_adoption() -> None:
    assert _changes("A_80_L.4", "A_RES_80_3") == {("deleted", "footnote *", "")}


def test_same_item_seven_years_apart() -> None:
    expected = (
        {("changed", f"preamble {n}", f"preamble {n}") for n in (6, 7, 8)}
        | {("changed", f"operative {n}", f"operative {n}") for n in (1, 4, 5)}
        | {("changed", "footnote 1", "footnote 1")}
    )
    assert _changes("A_RES_73_8", "A_RES_80_4") == expected
    result = diff(model("A_RES_73_8"), model("A_RES_80_4"))
    words = {(s.kind.value, s.text) for op in result.body for s in op.words if s.kind.value != "equal"}
    assert {("delete", "seventy-fourth"), ("insert", "eighty-first"), ("delete", "72/4"), ("insert", "79/7")} <= words
    agenda = next(c for c in result.metadata if c.name == "agenda_items")
    assert agenda.old == "43" and agenda.new.startswith("38 Necessity of ending")


def test_a_document_against_itself_is_the_same() -> None:
    result = diff(model("A_80_L.5"), model("A_80_L.5"))
    assert result.same
    assert all(op.kind is OpKind.UNCHANGED for op in result.all_ops())
    assert len(result.all_ops()) > 150  # the declaration is an annex of 150+ blocks
