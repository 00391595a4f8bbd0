"""Speed of `resolution diff` on a long resolution: a 60-page document against itself with one
word changed.

    python benchmarks/diff_speed.py ../shared/corpus/ga78/akn [--pages 60] [--repeat 5]

The document is built from real paragraphs: the preambles and bodies (parts, sub-paragraphs and
all) of the UN's AKN files in the folder, taken in name order, one after another, operative
paragraphs numbered on, until its text fills the pages asked for (3,500 characters a page: a UN
page of 10-point text holds 3,300 to 3,800). The edited copy changes one word of the operative
paragraph in the middle. Prints the CPU time of `diff(old, new)` alone (best of --repeat runs,
the token cache emptied before each), of diff plus the terminal report, and of the whole command
(`resolution diff old.md new.md`, reading the two Markdown files included), and whether the
diff found exactly the one change. Exit 1 if the diff alone takes a second or more.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

from resolution_cli.diff import OpKind, diff
from resolution_cli.diff.render import ReportOptions, report
from resolution_cli.diff.words import tokens
from resolution_cli.exporters import get
from resolution_cli.model import Block, Metadata, Paragraph, Resolution, Role, Section
from resolution_cli.readers import read

PAGE = 3500  # characters of running text on a page


def long_resolution(folder: Path, pages: int) -> Resolution:
    preamble: list[Paragraph] = []
    body: list[Block] = []
    size = 0
    for path in sorted(folder.glob("*.xml")):
        source = read(path.read_bytes())
        preamble.extend(source.preamble)
        body.extend(source.body)
        size += sum(len(t) for t in _texts(source))
        if size >= pages * PAGE:
            break
    numbered = _renumbered(tuple(body), [0])
    meta = Metadata(symbol="A/RES/99/1", title="A long resolution made of real paragraphs", session="99")
    return Resolution(meta, "The General Assembly,", tuple(preamble), numbered)


def _texts(resolution: Resolution) -> list[str]:
    from resolution_cli.parse.checks import all_paragraphs

    return [p.text for _, p in all_paragraphs(resolution)]


def _renumbered(blocks: tuple[Block, ...], counter: list[int]) -> tuple[Block, ...]:
    out: list[Block] = []
    for block in blocks:
        if isinstance(block, Section):
            out.append(replace(block, children=_renumbered(block.children, counter)))
        elif block.role is Role.OPERATIVE:
            counter[0] += 1
            out.append(replace(block, num=f"{counter[0]}."))
        else:
            out.append(block)
    return tuple(out)


def one_word_changed(resolution: Resolution) -> Resolution:
    """The operative paragraph in the middle gets "further" for its fifth word."""
    paragraphs = resolution.operative()
    target = paragraphs[len(paragraphs) // 2]
    words = target.text.split(" ")
    words[4] = "further"
    changed = replace(target, text=" ".join(words), anchors=())
    return replace(resolution, body=_replaced(resolution.body, target, changed))


def _replaced(blocks: tuple[Block, ...], old: Paragraph, new: Paragraph) -> tuple[Block, ...]:
    out: list[Block] = []
    for block in blocks:
        if isinstance(block, Section):
            out.append(replace(block, children=_replaced(block.children, old, new)))
        else:
            out.append(new if block is old else block)
    return tuple(out)


def best_cpu(work: object, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        tokens.cache_clear()
        start = time.process_time()
        work()  # type: ignore[operator]
        best = min(best, time.process_time() - start)
    return best


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path, help="a folder of AKN files (../shared/corpus/ga78/akn)")
    parser.add_argument("--pages", type=int, default=60)
    parser.add_argument("--repeat", type=int, default=5)
    arguments = parser.parse_args()
    old = long_resolution(arguments.folder, arguments.pages)
    new = one_word_changed(old)
    characters = sum(len(t) for t in _texts(old))
    print(f"document: {characters:,} characters (~{characters / PAGE:.0f} pages), "
          f"{len(old.preamble)} preambular and {len(old.operative())} operative paragraphs")  # fmt: skip
    result = diff(old, new)
    changes = [op for op in result.all_ops() if op.is_change()]
    found = len(changes) == 1 and changes[0].kind is OpKind.CHANGED and changes[0].text_changed
    print(f"changes found: {len(changes)} ({'right' if found else 'WRONG'}: one paragraph changed)")
    alone = best_cpu(lambda: diff(old, new), arguments.repeat)
    reported = best_cpu(lambda: report(diff(old, new), ReportOptions()), arguments.repeat)
    print(f"diff(old, new): {alone:.3f} s CPU (best of {arguments.repeat})")
    print(f"diff + terminal report: {reported:.3f} s CPU")
    with tempfile.TemporaryDirectory() as folder:
        paths = [Path(folder) / "old.md", Path(folder) / "new.md"]
        for path, document in zip(paths, (old, new), strict=True):
            path.write_bytes(get("md").render(document))
        command = [sys.executable, "-m", "resolution_cli", "diff", *map(str, paths)]
        start = time.perf_counter()
        run = subprocess.run(command, capture_output=True, check=False)
        wall = time.perf_counter() - start
        lines = run.stdout.decode().count("\n")
        print(f"resolution diff old.md new.md: {wall:.2f} s wall, exit {run.returncode}, {lines} lines "
              "(start-up and reading both files included)")  # fmt: skip
    return 0 if alone < 1.0 and found else 1


if __name__ == "__main__":
    sys.exit(main())
