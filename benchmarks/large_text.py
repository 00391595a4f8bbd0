"""Large text inputs in linear time: CPU seconds and peak memory of `resolution convert -t akn` on
texts of size n and 4n, made from the sample draft in the shapes that were quadratic before
(issue 9): a long resolution (thousands of operative paragraphs), one paragraph wrapped over
many lines, and text without any paragraph break.

    .venv/bin/python benchmarks/large_text.py                 # 12.5 MB and 50 MB
    .venv/bin/python benchmarks/large_text.py --mb 1 4        # quicker

Each conversion runs in its own process (its CPU time and peak memory read from `wait4`); the
ratio of 4n to n is about 4 when the time grows linearly (16 when quadratic).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "samples" / "text" / "A_73_L.103.txt"


def _parts() -> tuple[str, list[str]]:
    lines = SAMPLE.read_text(encoding="utf-8").split("\n")
    start = next(i for i, line in enumerate(lines) if line.startswith("- 1. "))
    return "\n".join(lines[:start]) + "\n", [line.split(". ", 1)[1] for line in lines[start:] if line.startswith("- ")]


def long_resolution(size: int) -> str:
    head, paragraphs = _parts()
    out, total, number = [head], len(head), 1
    while total < size:
        line = f"\n{number}. {paragraphs[number % len(paragraphs)]}\n"
        out.append(line)
        total += len(line)
        number += 1
    return "".join(out)


def wrapped_paragraph(size: int) -> str:
    head, paragraphs = _parts()
    words = paragraphs[0].split()
    lines, total = [head, "1. Takes note"], len(head)
    while total < size:
        line = " ".join(words[:12])
        lines.append(line)
        total += len(line) + 1
    return "\n".join(lines) + ";\n"


def no_breaks(size: int) -> str:
    head, paragraphs = _parts()
    line = paragraphs[1] + "\n"
    return head + "1. Decides\n" + line * (size // len(line))


SHAPES = {
    "long resolution": long_resolution,
    "one paragraph of many lines": wrapped_paragraph,
    "no blank line": no_breaks,
}


def measure(path: Path) -> tuple[float, int, int]:
    """(CPU seconds, peak MB, exit code) of converting `path`."""
    command = [sys.executable, "-m", "resolution_cli", "convert", str(path), "-t", "akn", "-o", os.devnull]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    return usage.ru_utime + usage.ru_stime, usage.ru_maxrss // 1024, os.waitstatus_to_exitcode(status)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mb", type=float, nargs=2, default=[12.5, 50.0], help="the two sizes in MB")
    args = parser.parse_args()
    print(f"{'shape':30} {'size':>8} {'CPU s':>8} {'peak MB':>8} exit")
    with tempfile.TemporaryDirectory() as folder:
        for name, make in SHAPES.items():
            times = []
            for mb in args.mb:
                path = Path(folder) / "input.txt"
                path.write_text(make(int(mb * 1_000_000)), encoding="utf-8")
                seconds, peak, code = measure(path)
                times.append(seconds)
                print(f"{name:30} {mb:>6.1f}MB {seconds:>8.1f} {peak:>8} {code}", flush=True)
            print(f"{'':30} ratio {times[1] / max(times[0], 1e-9):.1f} for {args.mb[1] / args.mb[0]:.0f}x the size")
    return 0


if __name__ == "__main__":
    sys.exit(main())
