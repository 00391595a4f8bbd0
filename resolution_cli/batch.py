"""Batch conversion: collect inputs, plan outputs, run jobs in a process pool, write atomically.

Interrupts (Ctrl-C, SIGTERM, the parent's death) stop the workers mid-file; every output is
written by `write_atomic`, so what exists afterwards is a whole file from this run or the previous
one, and a rerun finishes the job.
"""

from __future__ import annotations

import contextlib
import difflib
import multiprocessing
import os
import signal
import sys
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from pathlib import Path
from types import FrameType
from typing import TypeVar

from resolution_cli import exporters
from resolution_cli.cli.io import STDIO, read_input, write_atomic
from resolution_cli.cli.report import Finding, Status
from resolution_cli.errors import ExitCode, ResolutionError, UsageError
from resolution_cli.exporters import ExportOptions
from resolution_cli.readers import read
from resolution_cli.readers.base import DEFAULT_OPTIONS, ReadOptions

SUFFIXES = (".pdf", ".txt", ".xml", ".md")  # what a folder is searched for
STDIN_STEM = "stdin"  # the output name of '-' under --out-dir

T = TypeVar("T")
R = TypeVar("R")


@dataclass(frozen=True, slots=True)
class Source:
    """One input: `name` as the user will see it; `relative` places its outputs under --out-dir."""

    name: str
    relative: Path
    data: bytes | None = None  # standard input, read once by the parent

    def load(self) -> bytes:
        return self.data if self.data is not None else read_input(self.name)

    def weight(self) -> int:
        """Bytes to convert, to start the largest first and keep every worker busy to the end."""
        if self.data is not None:
            return len(self.data)
        with contextlib.suppress(OSError):
            return os.stat(self.name).st_size
        return 0


def collect(names: Sequence[str], exclude: Path | None = None) -> list[Source]:
    """Files as given, folders searched recursively for SUFFIXES (sorted, hidden entries and the
    output folder left out), '-' read from standard input once."""
    sources: list[Source] = []
    for name in names:
        if name == STDIO:
            sources.append(Source(STDIO, Path(STDIN_STEM), read_input(STDIO)))
        elif Path(name).is_dir():
            found = list(_walk(Path(name), exclude))
            if not found:
                raise UsageError(f"{name}: no {' '.join(SUFFIXES)} files in this folder")
            sources.extend(Source(str(path), path.relative_to(name)) for path in found)
        else:
            sources.append(Source(name, Path(Path(name).name)))
    if sum(s.name == STDIO for s in sources) > 1:
        raise UsageError("'-' given twice: standard input can be read only once")
    return _unique(sources)


def _walk(folder: Path, exclude: Path | None) -> Iterator[Path]:
    skip = exclude.resolve() if exclude else None
    for path in sorted(folder.iterdir()):
        if path.name.startswith(".") or (skip and path.resolve() == skip):
            continue
        if path.is_dir():
            yield from _walk(path, exclude)
        elif path.suffix.lower() in SUFFIXES and not _is_prose(path):
            yield path


def _is_prose(path: Path) -> bool:
    """A folder's README.md or notes: Markdown that is not ours (ours opens with front matter)."""
    if path.suffix.lower() != ".md":
        return False
    with path.open("rb") as handle:
        return not handle.read(4).startswith(b"---")


def _unique(sources: list[Source]) -> list[Source]:
    """The same file named twice (directly and through its folder) is converted once."""
    seen: set[str] = set()
    unique: list[Source] = []
    for source in sources:
        key = source.name if source.data is not None else str(Path(source.name).resolve())
        if key not in seen:
            seen.add(key)
            unique.append(source)
    return unique


class Mode(StrEnum):
    WRITE = "write"
    CHECK = "check"  # compare with existing outputs, write nothing
    DIFF = "diff"  # as CHECK, and show the differences


@dataclass(frozen=True, slots=True)
class Target:
    format: str
    path: Path


@dataclass(frozen=True, slots=True)
class Job:
    source: Source
    targets: tuple[Target, ...]
    mode: Mode = Mode.WRITE
    skip_unchanged: bool = False
    options: ReadOptions = DEFAULT_OPTIONS


@dataclass(frozen=True, slots=True)
class Outcome:
    """What became of one job: `lines` go to stderr, `diff` to stdout."""

    source: str
    status: Status
    code: ExitCode = ExitCode.OK
    lines: tuple[str, ...] = ()
    diff: str = ""
    findings: tuple[Finding, ...] = ()


def plan(
    sources: Sequence[Source],
    formats: Sequence[str],
    out_dir: Path,
    mode: Mode,
    skip_unchanged: bool,
    options: ReadOptions = DEFAULT_OPTIONS,
) -> list[Job]:
    """One job per source, writing `<out_dir>/<relative folder>/<stem><suffix>` for each format;
    two sources that would write the same file, or an output that is an input, are a usage error."""
    suffixes = {name: exporters.get(name).suffix for name in formats}
    inputs = {str(Path(s.name).resolve()): s.name for s in sources if s.data is None}
    owners: dict[Path, str] = {}
    jobs: list[Job] = []
    for source in sources:
        folder = out_dir / source.relative.parent
        targets = tuple(Target(f, folder / (source.relative.stem + suffixes[f])) for f in formats)
        for target in targets:
            if (other := owners.setdefault(target.path, source.name)) != source.name:
                raise UsageError(f"{other} and {source.name} would both write {target.path}: convert them separately")
            if (same := inputs.get(str(target.path.resolve()))) is not None:
                raise UsageError(f"{same} would be overwritten by its own output: choose another --out-dir")
        jobs.append(Job(source, targets, mode, skip_unchanged, options))
    return jobs


def convert_job(job: Job) -> Outcome:
    return guarded(job.source.name, lambda: _convert(job))


def _convert(job: Job) -> Outcome:
    """Reads, converts to every target format, then writes (or compares) all of them."""
    if job.skip_unchanged and _up_to_date(job):
        return Outcome(job.source.name, Status.SKIPPED)
    resolution = read(job.source.load(), job.options)
    outputs = [(t.path, _exporter(t.format).export(resolution, ExportOptions())) for t in job.targets]
    if job.mode is not Mode.WRITE:
        return _compare(job, outputs)
    for path, data in outputs:
        write_atomic(path, data)
    return Outcome(job.source.name, Status.CONVERTED)


def guarded(name: str, work: Callable[[], Outcome]) -> Outcome:
    """`work()`, with a failure on this one input turned into a failed outcome."""
    try:
        return work()
    except ResolutionError as error:
        return failure(name, str(error), error.exit_code)
    except Exception as error:  # a bug on one file must not stop the batch
        return failure(name, f"internal error: {type(error).__name__}: {error} (please report this)", ExitCode.INTERNAL)


def failure(name: str, message: str, code: ExitCode) -> Outcome:
    """A one-line error that names the file (reader messages may not)."""
    text = message if message.startswith(name) else f"{name}: {message}"
    return Outcome(name, Status.FAILED, code, (text,))


@cache
def _exporter(name: str) -> exporters.Exporter:
    return exporters.get(name)  # looked up once per process: the registry scans entry points


def _up_to_date(job: Job) -> bool:
    """Make's rule: every output exists and is no older than the input."""
    if job.source.data is not None:
        return False
    born = os.stat(job.source.name).st_mtime_ns
    with contextlib.suppress(FileNotFoundError):
        return all(os.stat(t.path).st_mtime_ns >= born for t in job.targets)
    return False


def _compare(job: Job, outputs: list[tuple[Path, bytes]]) -> Outcome:
    lines: list[str] = []
    diffs: list[str] = []
    for path, new in outputs:
        old = path.read_bytes() if path.exists() else None
        if old == new:
            continue
        lines.append(f"would {'change' if old is not None else 'create'} {path}")
        if job.mode is Mode.DIFF:
            diffs.append(unified_diff(path, old or b"", new))
    status = Status.CHANGED if lines else Status.UNCHANGED
    code = ExitCode.FINDINGS if lines else ExitCode.OK
    return Outcome(job.source.name, status, code, tuple(lines), "".join(diffs))


def unified_diff(path: Path, old: bytes, new: bytes) -> str:
    before = old.decode("utf-8", "replace").splitlines(keepends=True)
    after = new.decode("utf-8", "replace").splitlines(keepends=True)
    text = "".join(difflib.unified_diff(before, after, f"a/{path}", f"b/{path}"))
    return text if text.endswith("\n") or not text else text + "\n\\ No newline at end of file\n"


# --- running jobs: in this process for one worker, else in a pool of processes ---


class Interrupted(KeyboardInterrupt):
    """SIGTERM turned into the exception Ctrl-C raises, so `finally` blocks and cleanup run."""

    def __init__(self, signum: int = signal.SIGINT) -> None:
        super().__init__()
        self.signum = signum


def _raise_interrupted(signum: int, frame: FrameType | None) -> None:
    raise Interrupted(signum)


@contextlib.contextmanager
def interruptible() -> Iterator[None]:
    """While inside, SIGTERM (`kill`) unwinds like Ctrl-C instead of killing mid-write."""
    previous = signal.signal(signal.SIGTERM, _raise_interrupted)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def run(
    items: Sequence[T],
    work: Callable[[T], R],
    jobs: int,
    on_result: Callable[[R], None],
    on_progress: Callable[[], None] = lambda: None,
    weight: Callable[[T], int] = lambda _: 0,
) -> None:
    """Calls `work` on every item and `on_result` with the results in the order of `items`, whatever
    order they finish in; `on_progress` after each finishes."""
    if jobs <= 1 or len(items) <= 1:
        for item in items:
            result = work(item)
            on_progress()
            on_result(result)
        return
    order = sorted(range(len(items)), key=lambda i: -weight(items[i]))  # largest first
    finished: dict[int, R] = {}
    next_index = 0
    for index, result in _pool_results(items, work, min(jobs, len(items)), order):
        finished[index] = result
        on_progress()
        while next_index in finished:
            on_result(finished.pop(next_index))
            next_index += 1


def _pool_results(items: Sequence[T], work: Callable[[T], R], jobs: int, order: list[int]) -> Iterator[tuple[int, R]]:
    pool = multiprocessing.get_context().Pool(jobs, initializer=_start_worker, initargs=(os.getpid(),))
    try:
        yield from pool.imap_unordered(_call, [(work, i, items[i]) for i in order], chunksize=1)
    except BaseException:
        pool.terminate()  # SIGTERM to every worker: each abandons its file and removes its temporary
        raise
    else:
        pool.close()
    finally:
        pool.join()


_in_task = False  # in a worker: whether a job is running (then SIGTERM unwinds it)


def _start_worker(parent: int) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C reaches the parent, which stops us
    signal.signal(signal.SIGTERM, _worker_terminated)
    _die_with_parent(parent)


def _worker_terminated(signum: int, frame: FrameType | None) -> None:
    if _in_task:
        raise Interrupted(signum)
    os._exit(128 + signum)


def _call(task: tuple[Callable[[T], R], int, T]) -> tuple[int, R]:
    global _in_task
    work, index, item = task
    _in_task = True
    try:
        return index, work(item)
    except KeyboardInterrupt:  # cleanup has run while unwinding; leave without a traceback
        os._exit(128 + signal.SIGTERM)
    finally:
        _in_task = False


def _die_with_parent(parent: int) -> None:
    """If the parent is killed outright (SIGKILL), the workers get SIGTERM instead of carrying on."""
    if sys.platform.startswith("linux"):
        import ctypes

        pr_set_pdeathsig = 1
        with contextlib.suppress(OSError, AttributeError):
            ctypes.CDLL(None, use_errno=True).prctl(pr_set_pdeathsig, signal.SIGTERM)
    if os.getppid() != parent:  # the parent died before we could ask
        os._exit(128 + signal.SIGTERM)
