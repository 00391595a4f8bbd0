"""Text -> AKN documents per CPU second of two trees, in one interleaved run: to measure a change.

usage: python benchmarks/text_rate.py TREE... [--text FILE] [--texts DIR] [--rounds N] [--seconds S] [--stages]
                                     [--floor] [--once] [--json]
e.g.   git worktree add /tmp/main-tree main
       python benchmarks/text_rate.py /tmp/main-tree . --texts /tmp/perf-texts

  TREE      checkouts of the project (each one's `resolution_cli` is imported in a process of its own)
  --text    the text sample (default samples/text/A_73_L.103.txt)
  --texts   a folder of texts (e.g. the ga78 texts `benchmarks/text_outputs.py --extract` writes)
  --rounds  processes per tree and input (default 6); the trees alternate, round after round
  --seconds CPU seconds each process spends converting (default 1.5)
  --stages  also the CPU milliseconds per document of each stage (reading, finishing, the AKN tree,
            the schema check, serializing), timed apart in processes of their own, alternating too
  --floor   also, once, with the first TREE: the CPU milliseconds per document that lxml alone
            spends on the finished outputs (parsing their bytes, the schema check of a valid
            document, serializing), which any design that checks its output pays, and what is left
            of the 3.33 ms a document that 300 documents per second allow; beside them, one pass of
            plain Python over the input (decode, split into lines, one pattern matched per line):
            what a single look at every line costs in this interpreter
  --once    also each text of --texts converted once in a process, after one conversion of --text
            (what a batch of new documents costs: nothing a document makes is made already, such as
            the patterns in `re`'s cache), in documents per CPU second

Each process reads the input(s), converts once to warm up, then runs `read_text` -> `finish` ->
the AKN exporter's `render` (schema check included) until it has spent --seconds of CPU
(`time.process_time`), and prints documents per CPU second. The figure of a tree is the median
over its rounds; the trees' processes alternate so that machine noise falls on all of them alike,
and the ratio of the last tree to the first is the median of the rounds' own ratios. With
`--stages`, each stage's figure is the median over the rounds of the least of five passes over the
inputs (the stages' sum is a little under a whole conversion's time: timing apart skips nothing).
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

WORKER = r"""
import sys, time
from pathlib import Path
sys.path.insert(0, sys.argv[1])
from resolution_cli.exporters import get
from resolution_cli.parse.finish import finish
from resolution_cli.readers.text import read_text
seconds = float(sys.argv[2])
texts = [Path(name).read_bytes() for name in sys.argv[3:]]
akn = get("akn")
def once():
    for text in texts:
        akn.render(finish(read_text(text)))
once()
count, started = 0, time.process_time()
while (spent := time.process_time() - started) < seconds or count < 3:
    once()
    count += 1
print(count * len(texts) / spent)
"""


ONCE = r"""
import sys, time
from pathlib import Path
sys.path.insert(0, sys.argv[1])
from resolution_cli.exporters import get
from resolution_cli.parse.finish import finish
from resolution_cli.readers.text import read_text
akn = get("akn")
akn.render(finish(read_text(Path(sys.argv[2]).read_bytes())))  # the schema, the vocabularies
texts = [Path(name).read_bytes() for name in sys.argv[3:]]
started = time.process_time()
for text in texts:
    akn.render(finish(read_text(text)))
print(len(texts) / (time.process_time() - started))
"""


# the least CPU milliseconds per input of five passes of `stage` over `inputs` (in the workers below)
LEAST = r"""
def least(stage, inputs):
    best = float("inf")
    for _ in range(5):
        started = time.process_time()
        for item in inputs:
            stage(item)
        best = min(best, time.process_time() - started)
    return best / len(inputs) * 1000
"""


STAGES = r"""
import json, sys, time
from pathlib import Path
sys.path.insert(0, sys.argv[1])
from lxml import etree
from resolution_cli.exporters.akn import build_tree
from resolution_cli.parse.finish import finish
from resolution_cli.readers.text import read_text
from resolution_cli.schema import require_valid
texts = [Path(name).read_bytes() for name in sys.argv[2:]]
sources = [read_text(text) for text in texts]
models = [finish(source) for source in sources]
trees = [build_tree(model) for model in models]
stages = {
    "read": (read_text, texts),
    "finish": (finish, sources),
    "AKN tree": (build_tree, models),
    "schema": (lambda root: require_valid(etree.ElementTree(root)), trees),
    "serialize": (lambda root: etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True), trees),
}
""" + LEAST + r"""
print(json.dumps({name: least(*stage) for name, stage in stages.items()}))
"""


FLOOR = r"""
import json, re, sys, time
from pathlib import Path
sys.path.insert(0, sys.argv[1])
from lxml import etree
from resolution_cli.exporters import get
from resolution_cli.parse.finish import finish
from resolution_cli.readers.text import read_text
from resolution_cli.schema import validate
texts = [Path(name).read_bytes() for name in sys.argv[2:]]
outputs = [get("akn").render(finish(read_text(text))) for text in texts]
trees = [etree.ElementTree(etree.fromstring(output)) for output in outputs]
LINE = re.compile(r"\s*(\d+\.|\([a-z]+\))?\s*(.*)")
def one_look(text):
    return [LINE.match(line).group(2) for line in text.decode().splitlines()]
""" + LEAST + r"""
print(json.dumps({
    "lxml: parse the output": least(etree.fromstring, outputs),
    "lxml: the schema check (its id checks included)": least(validate, trees),
    "lxml: serialize": least(lambda tree: etree.tostring(tree, xml_declaration=True, encoding="UTF-8",
                                                          pretty_print=True), trees),
    "Python: one look at every line": least(one_look, texts),
}))
"""


def floor_times(tree: Path, files: list[Path]) -> dict[str, float]:
    out = subprocess.run([sys.executable, "-c", FLOOR, str(tree.resolve()), *map(str, files)],
                         capture_output=True, text=True, check=True)
    return dict(json.loads(out.stdout))


def print_floor(name: str, floor: dict[str, float]) -> None:
    lxml = sum(ms for stage, ms in floor.items() if stage.startswith("lxml"))
    print(f"{name}: the floor of the first tree's outputs, ms of CPU per document (least of five)")
    for stage, ms in floor.items():
        print(f"  {stage} {ms:.2f}")
    print(f"  lxml in all {lxml:.2f}: at 300 documents per second, {1000 / 300 - lxml:.2f} ms left for all the rest")


def stage_times(tree: Path, files: list[Path]) -> dict[str, float]:
    out = subprocess.run([sys.executable, "-c", STAGES, str(tree.resolve()), *map(str, files)],
                         capture_output=True, text=True, check=True)
    return dict(json.loads(out.stdout))


def rate(tree: Path, files: list[Path], seconds: float) -> float:
    out = subprocess.run([sys.executable, "-c", WORKER, str(tree.resolve()), str(seconds), *map(str, files)],
                         capture_output=True, text=True, check=True)
    return float(out.stdout)


def rate_once(tree: Path, warm_up: Path, files: list[Path]) -> float:
    out = subprocess.run([sys.executable, "-c", ONCE, str(tree.resolve()), str(warm_up), *map(str, files)],
                         capture_output=True, text=True, check=True)
    return float(out.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("trees", nargs="+", type=Path)
    parser.add_argument("--text", type=Path, default=ROOT / "samples" / "text" / "A_73_L.103.txt")
    parser.add_argument("--texts", type=Path)
    parser.add_argument("--rounds", type=int, default=6)
    parser.add_argument("--seconds", type=float, default=1.5)
    parser.add_argument("--stages", action="store_true")
    parser.add_argument("--floor", action="store_true")
    parser.add_argument("--once", action="store_true")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    inputs = {args.text.name: [args.text]}
    if args.texts is not None:
        inputs[f"{args.texts} ({len(list(args.texts.glob('*.txt')))} texts)"] = sorted(args.texts.glob("*.txt"))
    rates: dict[str, dict[str, list[float]]] = {name: {str(t): [] for t in args.trees} for name in inputs}
    stages: dict[str, dict[str, list[dict[str, float]]]] = {name: {str(t): [] for t in args.trees} for name in inputs}
    once_name = f"{args.texts}, each text once"
    if args.once and args.texts is not None:
        rates[once_name] = {str(t): [] for t in args.trees}
        stages[once_name] = {str(t): [] for t in args.trees}
    for round_ in range(args.rounds):
        for name, files in inputs.items():
            for tree in args.trees[:: 1 if round_ % 2 == 0 else -1]:
                rates[name][str(tree)].append(rate(tree, files, args.seconds))
                if args.stages:
                    stages[name][str(tree)].append(stage_times(tree, files))
        if once_name in rates:
            for tree in args.trees[:: 1 if round_ % 2 == 0 else -1]:
                rates[once_name][str(tree)].append(rate_once(tree, args.text, inputs[list(inputs)[-1]]))
    floors = {name: floor_times(args.trees[0], files) for name, files in inputs.items()} if args.floor else {}
    stage_medians = {name: {tree: {stage: statistics.median(r[stage] for r in runs) for stage in runs[0]}
                            for tree, runs in per_tree.items() if runs}
                     for name, per_tree in stages.items()}
    result = {name: {tree: statistics.median(values) for tree, values in per_tree.items()}
              for name, per_tree in rates.items()}
    # Each round's rates were measured back to back: the ratio of the last tree to the first in a
    # round is steadier than the ratio of the medians when the machine's load drifts.
    first, last = str(args.trees[0]), str(args.trees[-1])
    ratios = {name: statistics.median(b / a for a, b in zip(per_tree[first], per_tree[last], strict=True))
              for name, per_tree in rates.items()}
    if args.json:
        print(json.dumps({"median_docs_per_cpu_s": result, "median_ratio_last_to_first": ratios, "rounds": rates,
                          "median_stage_ms_per_document": stage_medians, "floor_ms_per_document": floors},
                         indent=2))
        return
    for name, per_tree in result.items():
        print(name)
        for tree, value in per_tree.items():
            print(f"  {tree}: {value:.0f} documents per CPU second (median of {args.rounds})")
            if tree in stage_medians[name]:
                print("    " + ", ".join(f"{stage} {ms:.2f}" for stage, ms in stage_medians[name][tree].items())
                      + " ms of CPU per document")
        if len(args.trees) > 1:
            print(f"  {last} / {first}: {ratios[name]:.2f} (median of the rounds' ratios)")
    for name, floor in floors.items():
        print_floor(name, floor)


if __name__ == "__main__":
    main()
