"""Times `resolution convert FOLDER -d OUT -j 1` against `-j N` and checks both write the same bytes.

Usage: python benchmarks/parallel.py CORPUS_DIR [--jobs 2] [-t akn] [--repeat 1]
e.g.   python benchmarks/parallel.py ../shared/corpus/ga78/pdf

Prints the wall and CPU time of each run, the speed-up (target: at least 1.7 on 2 cores) and
whether the outputs are byte-identical. On a busy machine the wall times say little; the CPU
times show what parallelism costs (process start-up, pickling), and "other programs" how much
of the machine was taken by others meanwhile (a figure measured while it is high is not the
speed-up). Failed inputs count the same in
both runs (the exit code is printed).
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def convert(corpus: Path, out: Path, jobs: int, formats: list[str]) -> tuple[float, float, float, int]:
    """Wall seconds, CPU seconds (the command and its workers), CPU seconds the rest of the machine
    used meanwhile (other programs competing for the cores), and exit code of one batch run."""
    command = [sys.executable, "-m", "resolution_cli", "convert", str(corpus), "-d", str(out), "-j", str(jobs), "-q"]
    for name in formats:
        command += ["-t", name]
    before, busy_before = _children_cpu(), _machine_busy()
    start = time.perf_counter()
    result = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False)
    ours = _children_cpu() - before
    return time.perf_counter() - start, ours, max(0.0, _machine_busy() - busy_before - ours), result.returncode


def _machine_busy() -> float:
    """CPU seconds every process on the machine has used (Linux /proc/stat; 0 elsewhere)."""
    try:
        fields = Path("/proc/stat").read_text().splitlines()[0].split()[1:]
    except OSError:
        return 0.0
    user, nice, system, _idle, _iowait, irq, softirq = (int(f) for f in fields[:7])
    return (user + nice + system + irq + softirq) / os.sysconf("SC_CLK_TCK")


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def tree(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path, help="a folder of documents (searched recursively)")
    parser.add_argument("--jobs", type=int, default=2, help="processes of the parallel run (default 2)")
    parser.add_argument("-t", dest="formats", action="append", help="output format (default akn); repeatable")
    parser.add_argument("--repeat", type=int, default=1, help="runs of each; the best time counts")
    args = parser.parse_args()
    formats = args.formats or ["akn"]
    inputs = sum(1 for p in args.corpus.rglob("*") if p.suffix.lower() in (".pdf", ".txt", ".xml", ".md"))
    print(f"{inputs} inputs in {args.corpus}, formats {', '.join(formats)}, {os.cpu_count()} CPUs")
    times: dict[int, float] = {}
    outputs: dict[int, dict[str, bytes]] = {}
    with tempfile.TemporaryDirectory() as scratch:
        for jobs in (1, args.jobs):
            best = float("inf")
            for attempt in range(args.repeat):
                out = Path(scratch) / f"j{jobs}-{attempt}"
                seconds, cpu, others, code = convert(args.corpus, out, jobs, formats)
                print(
                    f"-j {jobs}: {seconds:7.1f} s wall, {cpu:7.1f} s CPU, other programs {others:6.1f} s CPU"
                    f" (exit {code})",
                    flush=True,
                )
                best = min(best, seconds)
                outputs[jobs] = tree(out)
            times[jobs] = best
    same = outputs[1] == outputs[args.jobs]
    print(
        f"speed-up -j {args.jobs} / -j 1: {times[1] / times[args.jobs]:.2f}x; {len(outputs[1])} outputs; "
        f"identical bytes: {'yes' if same else 'NO'}"
    )
    for name in sorted(
        n for n in outputs[1].keys() | outputs[args.jobs].keys() if outputs[1].get(n) != outputs[args.jobs].get(n)
    ):
        print(f"differs: {name} (did the code change between the runs?)")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
