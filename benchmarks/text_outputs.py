"""The bytes of every format for every text input: to hold a change that must not alter them.

usage: python benchmarks/text_outputs.py INPUT... --save FILE      # digests of this tree's outputs
       python benchmarks/text_outputs.py INPUT... --compare FILE   # exit 1 if any output differs
       python benchmarks/text_outputs.py --extract PDF_DIR --count N --to DIR   # texts from PDFs, once

  INPUT    text files, or folders searched for *.txt (samples/text tests/data ../shared/corpus/text
           and the ga78 texts --extract wrote)
  --extract  writes the text layer of N PDFs of PDF_DIR (spread over the sorted names; pdfminer's
             `extract_text` with default LAParams, as a user's `pdf2txt.py` gives it) into DIR

Each input is read as text (`read(data, kind="text")`) and exported in every registered format;
an input that fails records its error instead. `--save` writes a JSON object {input: {format:
sha256}}; `--compare` lists every input and format whose bytes differ from the saved ones.
To compare two trees, run `--save` with the old tree's package first on the path.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def inputs(names: list[str]) -> Iterator[Path]:
    for name in names:
        path = Path(name)
        yield from sorted(path.rglob("*.txt")) if path.is_dir() else [path]


def digests(paths: list[Path]) -> dict[str, dict[str, str]]:
    from resolution_cli import ResolutionError
    from resolution_cli.exporters import exporters
    from resolution_cli.readers import read

    result: dict[str, dict[str, str]] = {}
    for path in paths:
        try:
            resolution = read(path.read_bytes(), kind="text")
        except ResolutionError as error:
            result[str(path)] = {"error": str(error)}
            continue
        outputs: dict[str, str] = {}
        for exporter in exporters():
            try:
                outputs[exporter.name] = hashlib.sha256(exporter.render(resolution)).hexdigest()
            except ResolutionError as error:
                outputs[exporter.name] = f"error: {error}"
        result[str(path)] = outputs
    return result


def extract(folder: Path, count: int, target: Path) -> None:
    from pdfminer.high_level import extract_text

    pdfs = sorted(folder.glob("*.pdf"))
    step = max(1, len(pdfs) // count)
    target.mkdir(parents=True, exist_ok=True)
    for pdf in pdfs[::step][:count]:
        (target / f"{pdf.stem}.txt").write_text(extract_text(str(pdf)), "utf-8")
    print(f"wrote {min(count, len(pdfs[::step]))} texts into {target}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("inputs", nargs="*")
    parser.add_argument("--save", type=Path)
    parser.add_argument("--compare", type=Path)
    parser.add_argument("--extract", type=Path)
    parser.add_argument("--count", type=int, default=20)
    parser.add_argument("--to", type=Path)
    args = parser.parse_args()
    if args.extract:
        if args.to is None:
            parser.error("--extract needs --to DIR")
        extract(args.extract, args.count, args.to)
        return 0
    if not args.inputs or (args.save is None) == (args.compare is None):
        parser.error("give inputs and one of --save FILE or --compare FILE")
    found = digests(list(inputs(args.inputs)))
    outputs = sum(len(v) for v in found.values())
    if args.save:
        args.save.write_text(json.dumps(found, indent=1, sort_keys=True) + "\n", "utf-8")
        print(f"{len(found)} inputs, {outputs} outputs: digests in {args.save}")
        return 0
    saved = json.loads(args.compare.read_text("utf-8"))
    differ = [(name, fmt) for name in sorted(set(saved) | set(found))
              for fmt in sorted(set(saved.get(name, {})) | set(found.get(name, {})))
              if saved.get(name, {}).get(fmt) != found.get(name, {}).get(fmt)]  # fmt: skip
    for name, fmt in differ:
        print(f"differs: {name} ({fmt})")
    print(f"{len(found)} inputs, {outputs} outputs: {len(differ)} differ from {args.compare}")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
