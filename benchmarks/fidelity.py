"""Fidelity benchmark: convert every PDF of a corpus folder and hold the AKN result against the
UN's own AKN4UN markup of the same document, field by field.

usage: python benchmarks/fidelity.py CORPUS_DIR [--tools DIR] [--known FILE] [--jobs N] [--show N] [--engine E]

  CORPUS_DIR  holds pdf/NAME.pdf and akn/NAME.xml (e.g. ../shared/corpus/ga78)
  --tools     folder of the reference measure (akn_signature.py); default CORPUS_DIR/../../tools
  --known     documents whose UN markup is known to be wrong (default benchmarks/known-differences.txt):
              scored and shown, left out of the perfect count
  --jobs      conversions in parallel (default: the machine's cores)
  --show      how many differing documents to list with their first difference (default 40)
  --engine    the PDF engine (pdfminer, pdfium; default: $RESOLUTION_PDF_ENGINE, else pdfminer)

The scoring is the reference measure itself (akn_signature.score), imported from --tools, so the
figures agree with `fidelity.py` there; conversion runs in-process instead of one process per
file, which makes the run several times faster. The last line is `perfect P/N (X%)`.
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from types import ModuleType
from typing import Any

from _measure import KNOWN_DIFFERENCES, load_signature, read_known  # noqa: E402  (beside this script)

from resolution_cli.errors import ResolutionError
from resolution_cli.exporters import get
from resolution_cli.readers import read
from resolution_cli.readers.base import ReadOptions
from resolution_cli.readers.pdf import engine_name


def convert_one(args: tuple[str, str, str, str]) -> tuple[str, str | None, float]:
    """Converts one PDF to AKN in `out_dir`; returns (name, error or None, seconds)."""
    name, pdf, out_dir, engine = args
    started = time.perf_counter()
    try:
        data = get("akn").render(read(Path(pdf).read_bytes(), options=ReadOptions(engine=engine)))
    except ResolutionError as error:
        return name, str(error), time.perf_counter() - started
    Path(out_dir, f"{name}.xml").write_bytes(data)
    return name, None, time.perf_counter() - started


def first_difference(sig: ModuleType, ours: str, gold: str) -> str:
    """A short human account of the first field where the two signatures disagree."""
    o, g = sig.signature(ours), sig.signature(gold)
    for key in ("symbol", "session", "agenda_items", "number", "title", "adopted", "meeting", "formula", "annexes"):
        if sig.squeeze(o[key]) != sig.squeeze(g[key]):
            return f"{key}: {o[key]!r} != {g[key]!r}"
    for label, ours_list, gold_list in (
        ("preamble", o["preamble"], g["preamble"]),
        ("body", list(sig.flat_ops(o["operative"])), list(sig.flat_ops(g["operative"]))),
        ("footnotes", o["footnotes"], g["footnotes"]),
    ):
        for index, (a, b) in enumerate(zip(ours_list, gold_list, strict=False)):
            if sig.squeeze(a) != sig.squeeze(b):
                return f"{label} {index + 1}: {_where_differs(sig.squeeze(a), sig.squeeze(b))}"
        if len(ours_list) != len(gold_list):
            return f"{label}: {len(ours_list)} items, UN markup has {len(gold_list)}"
    return "(differs only in order)"


def _where_differs(ours: Any, gold: Any) -> str:
    """The two items around their first differing character (whitespace already removed)."""
    a, b = json.dumps(ours, ensure_ascii=False), json.dumps(gold, ensure_ascii=False)
    at = next((i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b)))
    start = max(0, at - 50)
    return f"ours …{a[start : at + 70]}… | UN …{b[start : at + 70]}…"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--tools", type=Path)
    parser.add_argument("--known", type=Path, default=KNOWN_DIFFERENCES)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--show", type=int, default=40)
    parser.add_argument("--engine", default="")
    args = parser.parse_args()
    sig = load_signature(args.tools or args.corpus.resolve().parent.parent / "tools", "fidelity")
    known = read_known(args.known)
    names = sorted(
        p.stem for p in (args.corpus / "akn").glob("*.xml") if (args.corpus / "pdf" / f"{p.stem}.pdf").exists()
    )
    if not names:
        sys.exit(f"fidelity: no pdf/NAME.pdf with akn/NAME.xml in {args.corpus}")
    fields: collections.Counter[str] = collections.Counter()
    perfect = counted = 0
    failed: list[tuple[str, str]] = []
    differing: list[tuple[str, list[str], str, bool]] = []
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as out_dir, ProcessPoolExecutor(args.jobs) as pool:
        jobs = [(n, str(args.corpus / "pdf" / f"{n}.pdf"), out_dir, args.engine) for n in names]
        for name, error, _ in pool.map(convert_one, jobs, chunksize=4):
            counted += name not in known
            if error is not None:
                failed.append((name, error))
                continue
            ours, gold = str(Path(out_dir, f"{name}.xml")), str(args.corpus / "akn" / f"{name}.xml")
            score = sig.score(ours, gold)
            fields.update({k: float(v) for k, v in score.items()})
            if score["perfect"]:
                perfect += name not in known
                continue
            why = [k for k, v in score.items() if not (v is True or v == 1.0) and k != "perfect"]
            differing.append((name, why, first_difference(sig, ours, gold), name in known))
    elapsed = time.perf_counter() - started
    total = len(names)
    for key in sorted(fields):
        print(f"{key:18s} {fields[key] / total * 100:6.1f}%")
    for name, error in failed:
        print("FAILED", name, error)
    for name, why, first, is_known in differing[: args.show]:
        print("DIFF", name, ",".join(why), "(known UN markup error)" if is_known else "", "\n    ", first)
    print(f"{total} documents in {elapsed:.0f} s with {args.jobs} jobs, engine {engine_name(args.engine)}")
    print(
        f"perfect {perfect}/{counted} ({perfect / max(counted, 1) * 100:.1f}%), failed {len(failed)}, "
        f"known UN markup errors left out: {len(known & set(names))}"
    )


if __name__ == "__main__":
    main()
