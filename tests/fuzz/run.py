"""The long fuzz run: mutated real documents through the `resolution` command, each in a child
process with limits, every crash reported with the seed and the command that reruns it.

    make fuzz N=20000                         # the same as:
    python -m tests.fuzz.run --n 20000 --seed 0 --kinds pdf,text,akn,md --jobs 2
    python -m tests.fuzz.run --kinds akn --case 1234 --keep /tmp/case    # rerun one case, keep its input

A case is (kind, number); its bytes are `mutators.case_bytes(kind, seed + number)`, so the seed and
number name it on any machine. Each case runs one command, chosen by its number: `convert -t akn`
(half of them; the output held against the schema), `convert -t json`, `convert -t md`, `check`,
`info` or `preview --plain`.

A crash is: an exit code other than 0-3 (or 130/143), a traceback, a run over 30 s (of CPU: the
machine is shared, and a case waits its turn; a case stuck without using the CPU is killed after
300 s of the clock) or 500 MB of memory, an output file left after a failure, more than one line
on stderr, or exit 0 with Akoma Ntoso that fails the schema (`resolution_cli.schema.validate_bytes`).

The parent imports the tool once and forks a child per case (a fresh interpreter per case would cost
more than most cases); the child sets an address-space limit, runs the command's own `main()` with
stdout and stderr in files and exits with its code; the system stops it at the CPU limit, the parent
kills it at the clock's, and reads its peak memory and CPU time from `wait4`.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import resource
import shlex
import signal
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from tests.fuzz.mutators import KINDS, case_bytes

if TYPE_CHECKING:
    from resolution_cli.model import Resolution

TIME_LIMIT = 30  # seconds of CPU
WALL_LIMIT = 300.0  # seconds of the clock, for a case that waits
MEMORY_LIMIT = 500 * 1024 * 1024  # bytes of resident memory
_SUFFIX = {"pdf": ".pdf", "text": ".txt", "akn": ".xml", "md": ".md"}
_COMMANDS = (
    ("convert", "-t", "akn", "-o", "{out}"),
    ("convert", "-t", "json", "-o", "{out}"),
    ("convert", "-t", "akn", "-o", "{out}"),
    ("convert", "-t", "md", "-o", "{out}"),
    ("convert", "-t", "akn", "-o", "{out}"),
    ("check",),
    ("convert", "-t", "akn", "-o", "{out}"),
    ("info",),
    ("convert", "-t", "akn", "-o", "{out}"),
    ("preview", "--plain"),
)
_OK_CODES = {0, 1, 2, 3, 130, 143}


@dataclass(frozen=True)
class Case:
    kind: str
    number: int
    seed: int

    @property
    def command(self) -> tuple[str, ...]:
        return _COMMANDS[self.number % len(_COMMANDS)]

    def rerun(self) -> str:
        return f"python -m tests.fuzz.run --seed {self.seed} --kinds {self.kind} --case {self.number} --keep /tmp/case"


@dataclass(frozen=True)
class Result:
    case: Case
    source: str  # the real document it was made from
    code: int  # exit code, or -signal
    seconds: float
    memory: int  # peak resident bytes
    cpu: float  # seconds of CPU (user and system): on a loaded machine, what the case itself cost
    problems: tuple[str, ...]


def _argv(case: Case, source: Path, out: Path) -> list[str]:
    name, *options = case.command
    return [name, str(source), *(o.replace("{out}", str(out)) for o in options)]


def _child(argv: list[str], folder: Path) -> None:
    """In the forked child: limits, stdout and stderr to files, the command's main(); never returns."""
    try:
        soft = _address_space() + 2 * MEMORY_LIMIT  # a runaway ends as MemoryError, not as the machine
        resource.setrlimit(resource.RLIMIT_AS, (soft, soft))
        resource.setrlimit(resource.RLIMIT_CPU, (TIME_LIMIT, TIME_LIMIT + 10))  # then SIGXCPU
        for fd, name in ((1, "stdout"), (2, "stderr")):
            handle = os.open(folder / name, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            os.dup2(handle, fd)
            os.close(handle)
        stdin = os.open(os.devnull, os.O_RDONLY)
        os.dup2(stdin, 0)
        from resolution_cli.cli.app import main

        sys.argv = ["resolution", *argv]
        try:
            main()
            code = 0
        except SystemExit as exit_:
            code = exit_.code if isinstance(exit_.code, int) else 1
        sys.stdout.flush()
        sys.stderr.flush()
    except BaseException:  # noqa: BLE001  (anything here is a crash of the harness: say so by exit 99)
        os._exit(99)
    os._exit(code)


def _address_space() -> int:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")


def run_case(case: Case, folder: Path) -> Result:
    for stale in folder.iterdir():
        stale.unlink()
    name, data = case_bytes(case.kind, case.seed + case.number)
    source = folder / f"input{_SUFFIX[case.kind]}"
    source.write_bytes(data)
    out = folder / "output.out"
    started = time.monotonic()
    pid = os.fork()
    if pid == 0:
        _child(_argv(case, source, out), folder)
    status, usage, timed_out = _wait(pid, started)
    seconds = time.monotonic() - started
    code = os.waitstatus_to_exitcode(status)
    memory = usage.ru_maxrss * 1024
    cpu = usage.ru_utime + usage.ru_stime
    problems = _problems(case, code, seconds, memory, timed_out, folder, out)
    if source.read_bytes() != data:
        problems.append("the input was changed")
    return Result(case, name, code, seconds, memory, cpu, tuple(problems))


def _wait(pid: int, started: float) -> tuple[int, resource.struct_rusage, bool]:
    timed_out = False
    while True:
        done, status, usage = os.wait4(pid, os.WNOHANG)
        if done:
            return status, usage, timed_out
        if time.monotonic() - started > WALL_LIMIT and not timed_out:
            os.kill(pid, signal.SIGKILL)
            timed_out = True
        time.sleep(0.002)


def _problems(
    case: Case, code: int, seconds: float, memory: int, timed_out: bool, folder: Path, out: Path
) -> list[str]:
    from resolution_cli.schema import validate_bytes

    stderr = (folder / "stderr").read_bytes() if (folder / "stderr").exists() else b""
    problems: list[str] = []
    if timed_out:
        problems.append(f"over {WALL_LIMIT:.0f} s of the clock")
    elif code == -signal.SIGXCPU:
        problems.append(f"over {TIME_LIMIT} s of CPU")
    elif code not in _OK_CODES:
        problems.append(f"exit {code}")
    if memory > MEMORY_LIMIT:
        problems.append(f"{memory // 2**20} MB of memory")
    if b"Traceback" in stderr:
        problems.append("traceback")
    lines = stderr.decode("utf-8", "replace").splitlines()
    if len([line for line in lines if not _is_summary(line)]) > 1:
        problems.append(f"{len(lines)} lines on stderr")
    if code != 0 and out.exists():
        problems.append("an output file after a failure")
    if code == 0 and "akn" in case.command and out.exists():
        try:
            invalid = validate_bytes(out.read_bytes())
        except Exception as error:  # noqa: BLE001  (not even XML)
            invalid = [error]  # type: ignore[list-item]
        if invalid:
            problems.append(f"exit 0 with schema-invalid AKN: {str(invalid[0])[:100]}")
    if problems:
        problems.append("stderr: " + " | ".join(lines[:3])[:300])
    return problems


def _is_summary(line: str) -> bool:
    """`check`'s closing line ("1 file: 1 checked; 2 warnings."), which is not an error line."""
    return line.startswith("1 file:")


def cases(kinds: list[str], n: int, seed: int, only: int | None) -> Iterator[Case]:
    if only is not None:
        yield from (Case(kind, only, seed) for kind in kinds)
        return
    for number in range(n):
        yield Case(kinds[number % len(kinds)], number // len(kinds), seed)


def _worker(work: list[Case], folder: Path, report: int) -> None:
    """In a worker process: runs `work`, writing one line per result to the pipe `report`."""
    with os.fdopen(report, "w") as pipe:
        for case in work:
            result = run_case(case, folder)
            pipe.write("\t".join(_fields(result)) + "\n")
            pipe.flush()
    os._exit(0)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=400, help="cases in all, shared among the kinds")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--kinds", default=",".join(KINDS), help="pdf,text,akn,md")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--case", type=int, default=None, help="run this case number only")
    parser.add_argument("--keep", type=Path, default=None, help="with --case: keep its input and outputs here")
    parser.add_argument("--log", type=Path, default=None, help="write every case's row here (tab-separated)")
    args = parser.parse_args(argv)
    kinds = [k for k in args.kinds.split(",") if k]
    if unknown := set(kinds) - set(KINDS):
        parser.error(f"unknown kinds: {sorted(unknown)}")
    _warm_up(kinds)
    work = list(cases(kinds, args.n, args.seed, args.case))
    started = time.monotonic()
    results = _run_all(work, args.jobs, args.keep)
    if args.log is not None:
        _write_log(args.log, results)
    return _summary(results, args.seed, kinds, time.monotonic() - started)


def _warm_up(kinds: list[str]) -> None:
    """Imports, caches and the compiled schema made once in the parent, not again in each child."""
    import resolution_cli.cli.app  # noqa: F401  (the commands, built once here)
    from resolution_cli.exporters import exporters
    from resolution_cli.readers import read
    from resolution_cli.schema import akn_schema
    from tests.fuzz.mutators import seeds

    akn_schema()
    for kind in kinds:
        for exporter in exporters():
            exporter.render(_smallest_that_reads(seeds(kind), read))


def _smallest_that_reads(candidates: tuple[tuple[str, bytes], ...], read: Callable[[bytes], Resolution]) -> Resolution:
    """The smallest seed that is a resolution (some seeds are documents the tool must refuse)."""
    from resolution_cli.errors import ResolutionError

    for _, data in sorted(candidates, key=lambda seed: len(seed[1])):
        with contextlib.suppress(ResolutionError):
            return read(data)
    raise SystemExit("no seed of this kind reads: the fuzz run needs one")


def _run_all(work: list[Case], jobs: int, keep: Path | None) -> list[tuple[str, ...]]:
    if keep is not None:
        keep.mkdir(parents=True, exist_ok=True)
        return [_row(run_case(case, keep)) for case in work]
    rows: list[tuple[str, ...]] = []
    with tempfile.TemporaryDirectory(prefix="resolution-fuzz-") as base:
        readers: list[object] = []
        pids = []
        for index in range(max(1, jobs)):
            folder = Path(base) / str(index)
            folder.mkdir()
            read_end, write_end = os.pipe()
            pid = os.fork()
            if pid == 0:
                os.setpgid(0, 0)  # its own group, so that an interrupted run ends it with its case
                os.close(read_end)
                _worker(work[index::jobs], folder, write_end)
            os.close(write_end)
            pids.append(pid)
            readers.append(os.fdopen(read_end))
        previous = signal.signal(signal.SIGTERM, _interrupt)
        try:
            for done, row in enumerate(_merge(readers), 1):  # type: ignore[arg-type]
                rows.append(row)
                if _crashed(row) or done % 500 == 0:
                    print(_line(row) if _crashed(row) else f"{done}/{len(work)} cases", flush=True)
        except KeyboardInterrupt:  # Ctrl-C or kill: stop the workers, and sum up the cases done
            print(f"interrupted after {len(rows)} of {len(work)} cases", flush=True)
            for pid in pids:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(pid, signal.SIGKILL)
        finally:
            signal.signal(signal.SIGTERM, previous)
        for pid in pids:
            os.waitpid(pid, 0)
    return rows


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def _merge(readers: list[object]) -> Iterator[tuple[str, ...]]:
    import selectors

    selector = selectors.DefaultSelector()
    for reader in readers:
        selector.register(reader, selectors.EVENT_READ)  # type: ignore[arg-type]
    while selector.get_map():
        for key, _ in selector.select():
            line = key.fileobj.readline()  # type: ignore[union-attr]
            if not line:
                selector.unregister(key.fileobj)
                continue
            yield tuple(line.rstrip("\n").split("\t"))


def _row(result: Result) -> tuple[str, ...]:
    row = _fields(result)
    print(_line(row))
    return row


_LOG_HEADER = ("kind", "case", "exit", "seconds", "memory", "cpu", "source", "problems...")


def _fields(result: Result) -> tuple[str, ...]:
    """A result as the row the workers send and the log keeps (`_LOG_HEADER`)."""
    case = result.case
    return (case.kind, str(case.number), str(result.code), f"{result.seconds:.3f}", str(result.memory),
            f"{result.cpu:.3f}", result.source, *result.problems)


def _crashed(row: tuple[str, ...]) -> bool:
    return len(row) > len(_LOG_HEADER) - 1


def _line(row: tuple[str, ...]) -> str:
    kind, number, code, seconds, memory, cpu, source, *problems = row
    status = "CRASH " + "; ".join(problems) if problems else "ok"
    size = f"{float(seconds):.2f} s ({float(cpu):.2f} s of CPU), {int(memory) // 2**20} MB"
    return f"{kind} case {number} (from {source}): exit {code}, {size}: {status}"


def _write_log(path: Path, rows: list[tuple[str, ...]]) -> None:
    """Every case's row, for the figures of a long run (median and slowest per kind)."""
    path.write_text("\n".join("\t".join(row) for row in [_LOG_HEADER, *rows]) + "\n")


def _summary(rows: list[tuple[str, ...]], seed: int, kinds: list[str], seconds: float) -> int:
    per_kind = Counter(row[0] for row in rows)
    crashes = [row for row in rows if _crashed(row)]
    codes = Counter((row[0], row[2]) for row in rows)
    slowest = max(rows, key=lambda row: float(row[3]), default=None)
    biggest = max(rows, key=lambda row: int(row[4]), default=None)
    print(f"\nseed {seed}; {len(rows)} cases in {seconds:.0f} s: " + ", ".join(f"{k} {per_kind[k]}" for k in kinds))
    for kind in kinds:
        print(f"  {kind}: exit codes " + ", ".join(f"{c}: {n}" for (k, c), n in sorted(codes.items()) if k == kind))
        for column, what in ((3, "seconds"), (5, "CPU seconds")):
            if timed := sorted((float(row[column]), row[1]) for row in rows if row[0] == kind):
                median, (most, case) = timed[len(timed) // 2][0], timed[-1]
                print(f"    {what} per case: median {median:.2f}, max {most:.2f} (case {case})")
    if slowest and biggest:
        print(
            f"  slowest {float(slowest[3]):.2f} s ({slowest[0]} case {slowest[1]}); "
            f"most memory {int(biggest[4]) // 2**20} MB ({biggest[0]} case {biggest[1]})"
        )
    print(f"crashes: {len(crashes)}")
    for row in crashes:
        case = Case(row[0], int(row[1]), seed)
        command = shlex.join(_argv(case, Path("INPUT"), Path("OUT")))
        print(f"  {_line(row)}\n    rerun: {case.rerun()}\n    runs: resolution {command}")
    return 1 if crashes else 0


if __name__ == "__main__":
    sys.exit(main())
