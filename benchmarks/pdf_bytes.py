"""The output bytes of every PDF of a corpus, with each engine: saved once, then held against a change.

usage: python benchmarks/pdf_bytes.py DIR... [--engine E]... [--format F]... (--save FILE | --check FILE)
e.g.   python benchmarks/pdf_bytes.py ../shared/corpus --save /tmp/before.tsv     # before the change
       python benchmarks/pdf_bytes.py ../shared/corpus --check /tmp/before.tsv    # after it

  DIR       searched for *.pdf at any depth (../shared/corpus: ga78/pdf, sc2025, pairs, other, drafts ...)
  --engine  the engines to convert with (repeatable; default every installed engine)
  --format  the output formats (repeatable; default akn, json and md)
  --save    write one row per PDF, engine and format: path, engine, format, SHA-256 of the bytes
  --check   compare with a saved file: every row that differs (or is missing) is listed; exit 1 if any

A conversion that fails counts as its output: the error's kind and message, as bytes. A change
that must not change the output (a speed-up) holds when `--check` prints `same: N/N`. To run the
code of another checkout against the same files, put it first on the path
(`PYTHONPATH=/tmp/before python benchmarks/pdf_bytes.py ...`).
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from pathlib import Path

from resolution_cli.errors import ResolutionError
from resolution_cli.exporters import get
from resolution_cli.parse.finish import finish
from resolution_cli.readers.base import ReadOptions
from resolution_cli.readers.pdf import available_engines, read_pdf

FORMATS = ("akn", "json", "md")


def outputs(data: bytes, engine: str, formats: list[str]) -> dict[str, bytes]:
    """Each format's bytes for one PDF (the error line for all of them when it fails)."""
    try:
        resolution = finish(read_pdf(data, ReadOptions(engine=engine)))
    except ResolutionError as error:
        failed = f"error: {type(error).__name__}: {error}".encode()
        return dict.fromkeys(formats, failed)
    return {name: get(name).render(resolution) for name in formats}


def digests(folders: list[Path], engines: list[str], formats: list[str]) -> dict[tuple[str, str, str], str]:
    rows: dict[tuple[str, str, str], str] = {}
    pdfs = sorted({pdf for folder in folders for pdf in folder.rglob("*.pdf")})
    for number, pdf in enumerate(pdfs, 1):
        data = pdf.read_bytes()
        for engine in engines:
            for name, out in outputs(data, engine, formats).items():
                rows[(str(pdf), engine, name)] = hashlib.sha256(out).hexdigest()
        print(f"\r{number}/{len(pdfs)}", end="", file=sys.stderr, flush=True)
    print(file=sys.stderr)
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folders", type=Path, nargs="+")
    parser.add_argument("--engine", action="append", dest="engines")
    parser.add_argument("--format", action="append", dest="formats")
    action = parser.add_mutually_exclusive_group(required=True)
    action.add_argument("--save", type=Path)
    action.add_argument("--check", type=Path)
    args = parser.parse_args()
    engines = args.engines or [engine.name for engine in available_engines()]
    formats = args.formats or list(FORMATS)
    rows = digests(args.folders, engines, formats)
    if args.save:
        args.save.write_text("".join(f"{p}\t{e}\t{f}\t{d}\n" for (p, e, f), d in sorted(rows.items())), "utf-8")
        print(f"saved {len(rows)} rows ({len(rows) // len(engines) // len(formats)} PDFs) to {args.save}")
        return 0
    saved = {}
    for line in args.check.read_text("utf-8").splitlines():
        path, engine, name, digest = line.split("\t")
        if engine in engines and name in formats:
            saved[(path, engine, name)] = digest
    differing = sorted(key for key in saved.keys() | rows.keys() if saved.get(key) != rows.get(key))
    for path, engine, name in differing:
        print(f"DIFF {path} {engine} {name}")
    print(f"same: {len(rows) - len(differing)}/{len(saved.keys() | rows.keys())}")
    return 1 if differing else 0


if __name__ == "__main__":
    sys.exit(main())
