"""AKN round trip over the UN's own markup: read each AKN4UN file, export AKN again, and hold the result
against the original with the reference measure (akn_signature.score); check the export against the
official schema, read it back into the same model, and export it to the same bytes.

usage: python benchmarks/roundtrip.py CORPUS_DIR [--tools DIR] [--known FILE] [--show N]

  CORPUS_DIR  a folder searched for */akn/*.xml (e.g. ../shared/corpus), or a folder of AKN files
  --tools     folder of the reference measure (akn_signature.py); default CORPUS_DIR/../tools
  --known     documents whose UN markup is known to be wrong (default benchmarks/known-differences.txt)
  --show      how many differing documents to list with the fields that differ (default 40)

The last line is `perfect P/N (X%)`; a document that differs only where its UN markup is known to be
wrong is left out of N. Exit 1 when a document
outside the known list is not perfect, or any export is not schema-valid, unstable or not deterministic.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType

from _measure import KNOWN_DIFFERENCES, load_signature, read_known  # noqa: E402  (beside this script)

from resolution_cli.errors import ResolutionError
from resolution_cli.exporters import get
from resolution_cli.readers import read
from resolution_cli.schema import validate_bytes


def stem(path: Path) -> str:
    """A_RES_78_229.xml -> A_RES_78_229; A_RES_80_4_FR.akn.xml -> A_RES_80_4_FR."""
    return path.name.removesuffix(".xml").removesuffix(".akn")


def documents(corpus: Path) -> list[Path]:
    found = sorted(corpus.glob("*/akn/*.xml")) or sorted(corpus.glob("*.xml"))
    return found


@dataclass(slots=True)
class Tally:
    files: int = 0
    valid: int = 0
    stable: int = 0  # the export reads back into the same model
    deterministic: int = 0  # exporting twice gives the same bytes
    perfect: int = 0
    counted: int = 0  # files not in the known list
    known_seen: int = 0
    failures: list[str] = field(default_factory=list)
    differing: list[tuple[str, list[str], bool]] = field(default_factory=list)


def one(path: Path, signature: ModuleType, known: set[str], tally: Tally, scratch: Path) -> None:
    exporter = get("akn")
    tally.files += 1
    name = stem(path)
    try:
        model = read(path.read_bytes())
        data = exporter.render(model)
    except ResolutionError as error:
        tally.failures.append(f"{name}: {error}")
        return
    checks = {
        "not schema-valid": not validate_bytes(data, name),
        "reads back into another model": read(data) == model,
        "exports to other bytes the second time": exporter.render(model) == data,
    }
    tally.valid += checks["not schema-valid"]
    tally.stable += checks["reads back into another model"]
    tally.deterministic += checks["exports to other bytes the second time"]
    tally.failures.extend(f"{name}: {problem}" for problem, fine in checks.items() if not fine)
    out = scratch / f"{name}.xml"
    out.write_bytes(data)
    score = signature.score(str(out), str(path))
    is_known = name in known
    if score["perfect"]:
        tally.perfect += 1
        tally.counted += 1
        return
    tally.known_seen += is_known  # a known UN markup error that shows: left out of the count
    tally.counted += not is_known
    why = [k for k, v in score.items() if k != "perfect" and not (v is True or v == 1.0)]
    tally.differing.append((name, why, is_known))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--tools", type=Path)
    parser.add_argument("--known", type=Path, default=KNOWN_DIFFERENCES)
    parser.add_argument("--show", type=int, default=40)
    args = parser.parse_args()
    signature = load_signature(args.tools or args.corpus.resolve().parent / "tools", "roundtrip")
    known = read_known(args.known)
    paths = documents(args.corpus)
    if not paths:
        sys.exit(f"roundtrip: no AKN files under {args.corpus}")
    tally = Tally()
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as scratch:
        for path in paths:
            one(path, signature, known, tally, Path(scratch))
    report(tally, args.show, time.perf_counter() - started)
    unexplained = [d for d in tally.differing if not d[2]]
    healthy = tally.valid == tally.stable == tally.deterministic == tally.files and not tally.failures
    return 0 if healthy and not unexplained else 1


def report(tally: Tally, show: int, seconds: float) -> None:
    for line in tally.failures:
        print("FAILED", line)
    for name, why, is_known in tally.differing[:show]:
        print("DIFF", name, ",".join(why), "(known UN markup error)" if is_known else "")
    n = tally.files
    print(f"files {n}; schema-valid {tally.valid}/{n}; model stable {tally.stable}/{n}; "
          f"deterministic {tally.deterministic}/{n}; {seconds:.1f} s")  # fmt: skip
    print(f"known UN markup errors that show, left out: {tally.known_seen}")
    share = 100 * tally.perfect / tally.counted if tally.counted else 0.0
    print(f"perfect {tally.perfect}/{tally.counted} ({share:.1f}%)")


if __name__ == "__main__":
    sys.exit(main())
