"""Alignment accuracy of `resolution diff` on constructed edits of real resolutions: the larger
run of tests/diff/test_accuracy.py (which runs 3,000 cases).

    python benchmarks/diff_accuracy.py [--cases 20000] [--seed 15]

Each case edits a run of 14 paragraphs of a real resolution one to three times (insert, delete,
move — a third of the moves also changing words —, renumber, split, merge, change words, change
the lead phrase; tests/diff/edits.py). An edit is right when every operation it implies is
reported as such; a case is right when all its edits are and nothing else is reported. Prints
the share of edits and of cases right, each kind of edit's, and the first failures.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # the tests package holds the generator

from tests.diff.edits import EDITS, score  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=20000)
    parser.add_argument("--seed", type=int, default=15)
    arguments = parser.parse_args()
    start = time.process_time()
    result = score(arguments.cases, arguments.seed)
    print(f"cases {result.cases}; edits {result.edits}; {time.process_time() - start:.1f} s CPU")
    for name in EDITS:
        right, total = result.by_edit[name]
        print(f"  {name:<9} {right}/{total} ({right / total:.2%})")
    for failure in result.failures[:10]:
        print("  " + failure)
    print(f"edits right {result.edits_right}/{result.edits} ({result.edits_right / result.edits:.2%}); "
          f"cases right {result.cases_right}/{result.cases} ({result.cases_right / result.cases:.2%})")  # fmt: skip
    return 0 if result.edits_right / result.edits >= 0.98 else 1


if __name__ == "__main__":
    sys.exit(main())
