"""Markdown round trip over a corpus folder: read each document, export Markdown, read it back.

    python benchmarks/md_roundtrip.py /work/shared/corpus/ga78/akn [more folders or files ...]

A document passes when the model read back from its Markdown equals the model it was written
from (diagnostics aside) and writing it again gives the same bytes. Prints one line per failure
(the first JSON path that differs), then `roundtrip P/N (X%)`, how many documents needed the
fallback comment (`<!-- ... -->`) anywhere, and the time taken. Exit 1 if any document fails.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import Any

from resolution_cli.errors import ResolutionError
from resolution_cli.exporters import get
from resolution_cli.exporters.json import to_dict
from resolution_cli.model import Resolution
from resolution_cli.readers import read
from resolution_cli.readers.markdown import read_markdown

SUFFIXES = (".xml", ".pdf", ".txt")


def inputs(arguments: list[str]) -> list[Path]:
    found: list[Path] = []
    for argument in arguments:
        path = Path(argument)
        found.extend(sorted(p for p in path.rglob("*") if p.suffix in SUFFIXES) if path.is_dir() else [path])
    return found


def first_difference(a: Any, b: Any, path: str = "") -> str:
    """The JSON path of the first place where `a` and `b` differ."""
    if isinstance(a, dict) and isinstance(b, dict):
        for key in a.keys() | b.keys():
            if a.get(key) != b.get(key):
                return first_difference(a.get(key), b.get(key), f"{path}.{key}")
    if isinstance(a, list) and isinstance(b, list) and len(a) == len(b):
        for index, (x, y) in enumerate(zip(a, b, strict=True)):
            if x != y:
                return first_difference(x, y, f"{path}[{index}]")
    return f"{path}: {str(a)[:60]!r} != {str(b)[:60]!r}"


def check(resolution: Resolution) -> tuple[str, bool]:
    """'' when the round trip holds (else what differs), and whether the fallback comment was used."""
    exporter = get("md")
    markdown = exporter.render(resolution)
    again = read_markdown(markdown)
    if again != resolution:
        ours, theirs = to_dict(resolution), to_dict(again)
        ours.pop("diagnostics"), theirs.pop("diagnostics")
        return first_difference(ours, theirs), False
    if exporter.render(again) != markdown:
        return "second export differs from the first", False
    return "", b"<!-- " in markdown.replace(b"<!-- no formula -->", b"")


def main(arguments: list[str]) -> int:
    if not arguments:
        print(__doc__.strip().splitlines()[2].strip(), file=sys.stderr)
        return 2
    paths = inputs(arguments)
    passed = hatched = unreadable = 0
    start = time.perf_counter()
    for path in paths:
        try:
            resolution = read(path.read_bytes())
        except ResolutionError as error:
            unreadable += 1
            print(f"{path.name}: unreadable: {error}")
            continue
        difference, used_fallback = check(resolution)
        if difference:
            print(f"{path.name}: {difference}")
        passed += not difference
        hatched += used_fallback
    readable = len(paths) - unreadable
    percent = 100 * passed / readable if readable else 0.0
    print(f"roundtrip {passed}/{readable} ({percent:.1f}%)")
    print(f"fallback comments in {hatched} documents; {unreadable} unreadable; {time.perf_counter() - start:.1f} s")
    return 0 if passed == readable else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
