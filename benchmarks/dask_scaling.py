"""Times `resolution convert --dask local:2` against `-j 2` and `-j 1`, and what Dask costs per document.

Usage: python benchmarks/dask_scaling.py CORPUS_DIR [--limit N] [-t akn] [--rounds 1] [--tasks 2000]
e.g.   python benchmarks/dask_scaling.py ../shared/corpus/ga78/pdf            # all 320 PDFs
       python benchmarks/dask_scaling.py ../shared/corpus/ga78/pdf --limit 60 # the first 60

Each round runs the three batches one after the other (interleaved, so that a busy machine weighs
on all three alike), each a fresh `resolution convert` process over the same documents, and checks
that the three write the same bytes. It prints for each run the wall and CPU time (the command
and every process it started: pool workers, Dask's scheduler and workers) and the CPU the rest of
the machine used meanwhile (others' work on shared cores makes a wall time say little). Then:

- the start and stop of a LocalCluster, timed on a one-document batch (`--dask local:2` against
  `-j 1`);
- Dask's cost per document: the CPU and wall time of `--dask local:2` beyond `-j 2`'s, less that
  start and stop, divided by the documents;
- the scheduler's and client's CPU per task, measured on `--tasks` empty tasks sent through the
  same executor (`resolution_cli.dask.DaskExecutor`) to a LocalCluster started here: the cost that
  bounds how many documents a second one scheduler can hand out.

The README's figures (section "On a Dask cluster") come from this script.
"""

from __future__ import annotations

import argparse
import logging
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from parallel import _children_cpu, _machine_busy, tree  # beside this script: the same measures as -j's benchmark


@dataclass
class Run:
    name: str
    wall: float = 0.0
    cpu: float = 0.0
    others: float = 0.0
    rounds: int = 0

    def add(self, wall: float, cpu: float, others: float) -> None:
        self.wall, self.cpu, self.others = self.wall + wall, self.cpu + cpu, self.others + others
        self.rounds += 1

    def line(self, documents: int) -> str:
        n = max(self.rounds, 1)
        return (
            f"{self.name:>14}: {self.wall / n:7.1f} s wall, {self.cpu / n:7.1f} s CPU "
            f"({self.cpu / n / documents * 1000:6.0f} ms CPU a document), other programs {self.others / n:6.1f} s CPU"
        )


def convert(inputs: list[str], out: Path, where: list[str], formats: list[str]) -> tuple[float, float, float]:
    """Wall seconds, CPU seconds (the command and all it started) and others' CPU seconds of one batch."""
    command = [sys.executable, "-m", "resolution_cli", "convert", *inputs, "-d", str(out), "-q", *where]
    for name in formats:
        command += ["-t", name]
    before, busy_before = _children_cpu(), _machine_busy()
    start = time.perf_counter()
    result = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False)
    wall, cpu = time.perf_counter() - start, _children_cpu() - before
    if result.returncode not in (0, 3):  # 3: some documents are not resolutions; the same in every run
        sys.exit(f"{' '.join(where)} failed (exit {result.returncode}): {result.stderr.decode()[-2000:]}")
    return wall, cpu, max(0.0, _machine_busy() - busy_before - cpu)


def scheduler_cost(tasks: int) -> tuple[float, float]:
    """Wall and CPU seconds per empty task through DaskExecutor on a LocalCluster of two workers;
    the CPU is this process's: the client and the scheduler (a LocalCluster runs it here)."""
    import distributed

    from resolution_cli import batch
    from resolution_cli.dask import DaskExecutor

    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0", silence_logs=logging.CRITICAL
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        executor = DaskExecutor(client, distributed)
        batch.run(list(range(50)), abs, executor, lambda _: None)  # warm: workers import what a task needs
        cpu, start = time.process_time(), time.perf_counter()
        batch.run(list(range(tasks)), abs, executor, lambda _: None)
        return (time.perf_counter() - start) / tasks, (time.process_time() - cpu) / tasks


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path, help="a folder of documents (searched recursively)")
    parser.add_argument("--limit", type=int, default=0, help="only the first N documents (sorted by path)")
    parser.add_argument("-t", dest="formats", action="append", help="output format (default akn); repeatable")
    parser.add_argument("--rounds", type=int, default=1, help="interleaved rounds of the three runs (mean)")
    parser.add_argument("--tasks", type=int, default=2000, help="empty tasks for the scheduler's cost per task")
    args = parser.parse_args()
    formats = args.formats or ["akn"]
    found = sorted(p for p in args.corpus.rglob("*") if p.suffix.lower() in (".pdf", ".txt", ".xml", ".md"))
    inputs = [str(p) for p in found[: args.limit or None]]
    print(f"{len(inputs)} documents of {args.corpus}, -t {' -t '.join(formats)}, {os.cpu_count()} CPUs", flush=True)
    runs = {"-j 1": Run("-j 1"), "-j 2": Run("-j 2"), "--dask local:2": Run("--dask local:2")}
    start_up = {"-j 1": Run("-j 1"), "--dask local:2": Run("--dask local:2")}
    with tempfile.TemporaryDirectory() as scratch:
        outputs: dict[str, dict[str, bytes]] = {}
        for round_number in range(args.rounds):
            for name, run in runs.items():
                out = Path(scratch) / f"{name.replace(' ', '')}-{round_number}"
                run.add(*convert(inputs, out, name.split(), formats))
                print(run.line(len(inputs)), flush=True)
                outputs[name] = tree(out)
            for name, run in start_up.items():  # one small document: what starting a run costs
                run.add(*convert([inputs[0]], Path(scratch) / f"one-{name}-{round_number}", name.split(), formats))
    same = all(files == outputs["-j 1"] for files in outputs.values())
    n = len(inputs)
    j2, dask = runs["-j 2"], runs["--dask local:2"]
    rounds = max(dask.rounds, 1)
    start_wall = (start_up["--dask local:2"].wall - start_up["-j 1"].wall) / rounds
    start_cpu = (start_up["--dask local:2"].cpu - start_up["-j 1"].cpu) / rounds
    per_doc_wall = ((dask.wall - j2.wall) / rounds - start_wall) / n
    per_doc_cpu = ((dask.cpu - j2.cpu) / rounds - start_cpu) / n
    print(f"LocalCluster start and stop: {start_wall:.1f} s wall, {start_cpu:.1f} s CPU (one-document batch, vs -j 1)")
    print(f"Dask beyond -j 2, per document: {per_doc_wall * 1000:+.0f} ms wall, {per_doc_cpu * 1000:+.0f} ms CPU")
    serial = runs["-j 1"].wall
    print(f"speed-up over -j 1: -j 2 {serial / j2.wall:.2f}x, --dask local:2 {serial / dask.wall:.2f}x")
    task_wall, task_cpu = scheduler_cost(args.tasks)
    each = f"{task_wall * 1e3:.2f} ms wall, {task_cpu * 1e3:.2f} ms CPU (client and scheduler)"
    print(f"{args.tasks} empty tasks: {each} a task")
    print(f"{len(outputs['-j 1'])} outputs; identical bytes in all runs: {'yes' if same else 'NO'}")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
