"""The layouts of issue 11 over a corpus: how many of each the readers find, and how the tables
read from a PDF hold against the UN's markup of the same document, cell by cell.

usage: python benchmarks/layouts.py FOLDER... [--jobs N] [--show N]

  FOLDER  corpus folders (e.g. ../shared/corpus/ga78 ../shared/corpus/drafts): every pdf/*.pdf,
          akn/*.xml and text/*.txt under each (or the .pdf .txt .xml files of a plain folder)
  --jobs  documents read in parallel (default: the machine's cores)
  --show  how many documents to name for each count (default 5)

Per folder and reader it counts: tables (their cells and notes), annexes (those inside annexes,
and those whose body has numbered paragraphs, sections or tables), headings and "* * *"
separators among the preambular paragraphs, quoted text kept in a recital, "•"/"–" items, text
between two points, footnotes called in the masthead (after the symbol, a sponsor, an agenda
item; in the title), sponsors acting on behalf of a group; and the footnotes still never called
(`unanchored-footnote`), which is where a layout is still not read. Then, for each document with
both a PDF and the UN's markup, the tables of the PDF against the UN's: `tables matched` counts
the UN's tables whose every non-empty row the PDF reading gives with the same cell texts.

Example (the figures of the README's accuracy section):

    .venv/bin/python benchmarks/layouts.py ../shared/corpus/ga78 ../shared/corpus/sc2025 \\
        ../shared/corpus/pairs ../shared/corpus/other ../shared/corpus/drafts ../shared/corpus/sc-drafts \\
        ../shared/corpus/text
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import time
from collections import Counter, defaultdict
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from resolution_cli.errors import ResolutionError
from resolution_cli.model import Paragraph, Resolution, Section, Table, iter_annexes, iter_tables
from resolution_cli.readers import read

COUNTS = (
    "documents", "tables", "table cells", "table notes", "annexes", "annexes in annexes",
    "annexes with numbered paragraphs", "annexes with sections", "annexes with tables",
    "preamble headings", "preamble separators", "quoted text in recitals", "bullet items",
    "text between points", "symbol calls", "title calls", "sponsor calls", "agenda calls",
    "sponsors on behalf of a group", "unanchored footnotes",
)  # fmt: skip


def inputs(folder: Path) -> list[Path]:
    found = [p for sub in ("pdf", "akn", "text") for p in sorted((folder / sub).glob("*")) if p.is_file()]
    if not found:
        found = sorted(p for p in folder.rglob("*") if p.suffix in (".pdf", ".txt", ".xml"))
    return [p for p in found if p.suffix in (".pdf", ".txt", ".xml")]


def count(resolution: Resolution) -> Counter[str]:
    """How many of each layout `resolution` holds."""
    found: Counter[str] = Counter(documents=1)
    annexes = iter_annexes(resolution.annexes)
    tables = iter_tables(resolution.body) + [t for a in annexes for t in iter_tables(a.body)]
    found["tables"] = len(tables)
    found["table cells"] = sum(len(row) for t in tables for row in t.rows)
    found["table notes"] = sum(len(t.notes) for t in tables)
    found["annexes"] = len(annexes)
    found["annexes in annexes"] = sum(len(a.annexes) for a in annexes)
    found["annexes with numbered paragraphs"] = sum(any(p.num for p in _paragraphs(a.body)) for a in annexes)
    found["annexes with sections"] = sum(any(isinstance(b, Section) for b in a.body) for a in annexes)
    found["annexes with tables"] = sum(bool(iter_tables(a.body)) for a in annexes)
    kinds = Counter(type(item).__name__ for item in resolution.preamble)
    found["preamble headings"], found["preamble separators"] = kinds["Heading"], kinds["Separator"]
    found["quoted text in recitals"] = sum(1 for p in resolution.recitals() for c in p.children if not c.num)
    points = [c for p in _paragraphs(resolution.body) for c in _descendants(p)]
    found["bullet items"] = sum(1 for c in points if c.num and not c.num[0].isalnum() and c.num[0] != "(")
    found["text between points"] = sum(1 for c in points if not c.num)
    meta = resolution.meta
    found["symbol calls"] = len(meta.symbol_anchors)
    found["title calls"] = len(meta.title_anchors)
    found["sponsor calls"] = sum(len(s.anchors) for s in meta.sponsors)
    found["agenda calls"] = sum(len(a.anchors) for a in meta.agenda_items)
    found["sponsors on behalf of a group"] = sum(bool(s.on_behalf_of) for s in meta.sponsors)
    found["unanchored footnotes"] = sum(d.code == "unanchored-footnote" for d in resolution.diagnostics)
    return found


def _paragraphs(blocks: tuple[object, ...]) -> list[Paragraph]:
    out: list[Paragraph] = []
    for block in blocks:
        if isinstance(block, Section):
            out.extend(_paragraphs(block.children))
        elif isinstance(block, Paragraph):
            out.append(block)
    return out


def _descendants(para: Paragraph) -> list[Paragraph]:
    return [d for c in para.children for d in (c, *_descendants(c))]


def rows(table: Table) -> list[list[str]]:
    """The table's non-empty rows as cell texts, whitespace removed (as the reference measure compares)."""
    out = [[re.sub(r"\s+", "", c.text) for c in row] for row in table.rows]
    return [r for r in out if any(r)]


def one(path: Path) -> tuple[str, Counter[str], list[list[list[str]]], str]:
    """(reader kind, counts, the tables' rows, error or "") of one input."""
    kind = {".pdf": "pdf", ".xml": "akn", ".txt": "text"}[path.suffix]
    try:
        resolution = read(path.read_bytes())
    except ResolutionError as error:
        return kind, Counter(), [], str(error)
    tables = iter_tables(resolution.body) + [t for a in iter_annexes(resolution.annexes) for t in iter_tables(a.body)]
    return kind, count(resolution), [rows(t) for t in tables], ""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folders", nargs="+", type=Path)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--show", type=int, default=5)
    args = parser.parse_args()
    started = time.perf_counter()
    totals: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    where: dict[tuple[str, str, str], list[str]] = defaultdict(list)
    tables: dict[tuple[str, str], list[list[list[str]]]] = {}
    unreadable = 0
    paths = [(folder, p) for folder in args.folders for p in inputs(folder)]
    with ProcessPoolExecutor(args.jobs) as pool:
        for (folder, path), (kind, found, rows_of, error) in zip(
            paths, pool.map(one, [p for _, p in paths], chunksize=4), strict=True
        ):
            unreadable += bool(error)
            totals[(folder.name, kind)].update(found)
            stem = path.name.removesuffix(".xml").removesuffix(".akn").removesuffix(path.suffix)
            tables[(kind, f"{folder.name}/{stem}")] = rows_of
            for key, value in found.items():
                if value and key != "documents":
                    where[(folder.name, kind, key)].append(path.name)
    for (folder, kind), found in sorted(totals.items()):
        print(f"{folder}/{kind}: {found['documents']} documents")
        for key in COUNTS[1:]:
            names = where[(folder, kind, key)]
            if not found[key]:
                continue  # none of that layout here
            shown = f"  ({', '.join(names[: args.show])}{', ...' if len(names) > args.show else ''})" if names else ""
            print(f"  {key:34s} {found[key]:6d}{shown}")
    report_tables(tables)
    print(f"{len(paths)} inputs, {unreadable} not read as resolutions, in {time.perf_counter() - started:.0f} s")
    return 0


def report_tables(tables: dict[tuple[str, str], list[list[list[str]]]]) -> None:
    """The PDF's tables against the UN's markup of the same document."""
    un = {name: found for (kind, name), found in tables.items() if kind == "akn" and found}
    matched = total = 0
    for name, expected in sorted(un.items()):
        pdf = tables.get(("pdf", name))
        if pdf is None:
            continue
        hits = sum(any(ours == theirs for ours in pdf) for theirs in expected)
        matched, total = matched + hits, total + len(expected)
        print(f"tables {name}: the UN marks {len(expected)}, the PDF reading gives {len(pdf)}, {hits} cell by cell")
    print(f"tables matched {matched}/{total} (the UN's tables the PDF reading gives cell by cell)")


if __name__ == "__main__":
    sys.exit(main())
