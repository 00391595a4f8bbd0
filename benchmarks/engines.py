"""Both PDF engines over the same documents: identical output, fidelity, speed (one run).

usage: python benchmarks/engines.py CORPUS_DIR... [--tools DIR] [--known FILE] [--show N]
                                    [--limit N] [--batch] [--json]

  CORPUS_DIR  holds pdf/NAME.pdf (and akn/NAME.xml, the UN's markup, for fidelity), e.g.
              ../shared/corpus/ga78 ../shared/corpus/sc2025 ../shared/corpus/pairs ../shared/corpus/other
  --tools     folder of the reference measure (akn_signature.py); default CORPUS_DIR/../../tools
  --known     documents whose UN markup is known to be wrong (benchmarks/known-differences.txt)
  --show      how many differing documents to list with their first differing line (default 20)
  --limit     only the first N PDFs of each folder (a quick look)
  --batch     also time `resolution convert DIR -d OUT -t akn -j 1 --engine E` per engine and folder
              (CPU of the whole process: start-up, reading, writing)
  --json      one JSON object on stdout instead of the report

Each document is read and exported to AKN by each engine in turn, in one process (the order of
the engines alternates from one document to the next, so that machine noise falls on both), and
timed in CPU seconds. Reported: the share of documents whose AKN is byte-identical between the
engines (an error counts as output: the same message on both is identical), each engine's
perfect count against the UN's markup (the measure of benchmarks/fidelity.py), and the ratio of
CPU times pdfminer / pdfium.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from types import ModuleType
from typing import Any

from _measure import KNOWN_DIFFERENCES, load_signature, read_known  # noqa: E402  (beside this script)

from resolution_cli.errors import ResolutionError
from resolution_cli.exporters import get
from resolution_cli.parse.finish import finish
from resolution_cli.readers.base import ReadOptions
from resolution_cli.readers.pdf import available_engines, read_pdf

ENGINES = ("pdfminer", "pdfium")


def convert(data: bytes, engine: str) -> tuple[bytes, float]:
    """AKN bytes (or the error line, as bytes) and the CPU seconds it took."""
    started = time.process_time()
    try:
        out = get("akn").render(finish(read_pdf(data, ReadOptions(engine=engine))))
    except ResolutionError as error:
        out = f"error: {type(error).__name__}: {error}".encode()
    return out, time.process_time() - started


def first_difference(a: bytes, b: bytes) -> str:
    """The first line where the two differ, shown around its first differing character."""
    lines_a, lines_b = a.decode("utf-8", "replace").splitlines(), b.decode("utf-8", "replace").splitlines()
    for number, (x, y) in enumerate(zip(lines_a, lines_b, strict=False), 1):
        if x != y:
            at = next((i for i, (p, q) in enumerate(zip(x, y, strict=False)) if p != q), min(len(x), len(y)))
            start = max(0, at - 50)
            return f"line {number}: pdfminer …{x[start : at + 40]!r}… | pdfium …{y[start : at + 40]!r}…"
    return f"pdfminer {len(lines_a)} lines, pdfium {len(lines_b)} lines"


def batch_cpu(folder: Path, engine: str) -> float:
    """CPU seconds of one `resolution convert FOLDER -d OUT -t akn -j 1 --engine E` process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    with tempfile.TemporaryDirectory() as out:
        command = [sys.executable, "-m", "resolution_cli", "convert", str(folder), "-d", out, "-t", "akn"]
        subprocess.run([*command, "-j", "1", "-q", "--engine", engine], check=False, stderr=subprocess.DEVNULL)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime


def run_folder(corpus: Path, sig: ModuleType | None, known: set[str], limit: int) -> dict[str, Any]:
    pdfs = sorted((corpus / "pdf").glob("*.pdf"))[: limit or None]
    cpu = dict.fromkeys(ENGINES, 0.0)
    perfect = dict.fromkeys(ENGINES, 0)
    scored = 0
    identical = 0
    differing: list[tuple[str, str]] = []
    with tempfile.TemporaryDirectory() as scratch:
        for index, pdf in enumerate(pdfs):
            data = pdf.read_bytes()
            outputs: dict[str, bytes] = {}
            for engine in ENGINES if index % 2 == 0 else ENGINES[::-1]:
                outputs[engine], seconds = convert(data, engine)
                cpu[engine] += seconds
            if outputs["pdfminer"] == outputs["pdfium"]:
                identical += 1
            else:
                differing.append((pdf.stem, first_difference(outputs["pdfminer"], outputs["pdfium"])))
            gold = corpus / "akn" / f"{pdf.stem}.xml"
            if sig is None or not gold.exists() or pdf.stem in known:
                continue
            scored += 1
            for engine, out in outputs.items():
                ours = Path(scratch, f"{engine}.xml")
                ours.write_bytes(out)
                perfect[engine] += not out.startswith(b"error:") and bool(sig.score(str(ours), str(gold))["perfect"])
    return {
        "folder": str(corpus),
        "documents": len(pdfs),
        "identical": identical,
        "differing": differing,
        "perfect": perfect,
        "scored": scored,
        "cpu_seconds": cpu,
        "ratio": cpu["pdfminer"] / max(cpu["pdfium"], 1e-9),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corpus", type=Path, nargs="+")
    parser.add_argument("--tools", type=Path)
    parser.add_argument("--known", type=Path, default=KNOWN_DIFFERENCES)
    parser.add_argument("--show", type=int, default=20)
    parser.add_argument("--limit", type=int, default=0)
    parser.add_argument("--batch", action="store_true")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    if [e.name for e in available_engines()] != list(ENGINES):
        sys.exit("engines: both engines must be installed (pip install -e '.[pdfium]')")
    known = read_known(args.known)
    results = []
    for corpus in args.corpus:
        tools = args.tools or corpus.resolve().parent.parent / "tools"
        sig = load_signature(tools, "engines") if (tools / "akn_signature.py").exists() else None
        result = run_folder(corpus, sig, known, args.limit)
        if args.batch:
            result["batch_cpu_seconds"] = {engine: batch_cpu(corpus / "pdf", engine) for engine in ENGINES}
        results.append(result)
        if not args.json:
            _print(result, args.show)
    documents = sum(r["documents"] for r in results)
    identical = sum(r["identical"] for r in results)
    cpu = {engine: sum(r["cpu_seconds"][engine] for r in results) for engine in ENGINES}
    total = {
        "documents": documents,
        "identical": identical,
        "identical_share": identical / max(documents, 1),
        "cpu_seconds": cpu,
        "ratio": cpu["pdfminer"] / max(cpu["pdfium"], 1e-9),
    }
    if args.json:
        print(json.dumps({"folders": results, "total": total}, indent=2))
    else:
        print(
            f"all: {identical}/{documents} identical ({total['identical_share'] * 100:.1f}%); CPU pdfminer "
            f"{cpu['pdfminer']:.1f} s, pdfium {cpu['pdfium']:.1f} s: pdfium {total['ratio']:.2f}x faster"
        )
    return 0


def _print(result: dict[str, Any], show: int) -> None:
    cpu = result["cpu_seconds"]
    print(f"{result['folder']}: {result['documents']} PDFs")
    print(f"  identical AKN   {result['identical']}/{result['documents']}")
    for engine in ENGINES:
        print(f"  {engine:9s} perfect {result['perfect'][engine]}/{result['scored']}, CPU {cpu[engine]:.1f} s")
    print(f"  pdfium {result['ratio']:.2f}x faster (CPU, in one process)")
    if "batch_cpu_seconds" in result:
        batch = result["batch_cpu_seconds"]
        ratio = batch["pdfminer"] / max(batch["pdfium"], 1e-9)
        print(f"  -j 1 batch CPU: pdfminer {batch['pdfminer']:.1f} s, pdfium {batch['pdfium']:.1f} s: {ratio:.2f}x")
    for name, why in result["differing"][:show]:
        print(f"  DIFF {name}: {why}")


if __name__ == "__main__":
    sys.exit(main())
