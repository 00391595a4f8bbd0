"""Alignment accuracy on constructed edits of real resolutions (tests/diff/edits.py makes them).

3,000 cases of one to three edits each (insert, delete, move — a third of them also changing
words —, renumber, split, merge, word changes, lead-phrase changes) over runs of 14 paragraphs of
seven real resolutions: every edit must be reported as the edit it was, for at least 98% of the
edits, and each kind of edit must be at least 95% right. benchmarks/diff_accuracy.py runs more.
"""

from __future__ import annotations

from tests.diff.edits import EDITS, score

CASES = 3000


def test_every_edit_is_reported_as_what_it_was() -> None:
    result = score(CASES)
    assert result.edits > CASES  # one to three edits a case
    share = result.edits_right / result.edits
    assert share >= 0.98, f"{share:.2%} of edits reported right; first failures:\n" + "\n".join(result.failures)
    for name in EDITS:
        right, total = result.by_edit[name]
        assert total >= 100, f"too few {name} edits generated ({total})"
        assert right / total >= 0.95, f"{name}: {right}/{total} right\n" + "\n".join(result.failures)
    assert result.cases_right / result.cases >= 0.98
