"""Batches: collect inputs, plan outputs, run one task per input in a process pool, report outcomes.

Every command that takes many inputs (convert, check, info, validate) goes through here: `collect`
turns names into `Source`s, a task (a small frozen record, so it crosses process boundaries)
says what to do with each, `run` calls it on every source and hands the `Outcome`s back in input
order, and the caller's `Report` counts them.

Interrupts (Ctrl-C, SIGTERM, the parent's death) stop the workers mid-file; every output is
written by `io.write_file`, so what exists afterwards is a whole file from this run or the
previous one, and a rerun finishes the job.
"""

from __future__ import annotations

import contextlib
import os
import signal
import stat
import sys
from collections.abc import Callable, Generator, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from enum import StrEnum
from pathlib import Path
from types import FrameType
from typing import Any, Protocol, TypeVar

from resolution_cli import exporters, io, readers
from resolution_cli.errors import ExitCode, NotAUNDocument, OutputError, ResolutionError, UsageError
from resolution_cli.model import Resolution
from resolution_cli.readers.base import DEFAULT_OPTIONS, ReadOptions
from resolution_cli.report import Finding, Status

STDIN_STEM = "stdin"  # the output name of '-' under --out-dir

T = TypeVar("T")
R = TypeVar("R")


@dataclass(frozen=True, slots=True)
class Source:
    """One input: `name` as the user gave it; `relative` places its outputs under --out-dir."""

    name: str
    relative: Path
    data: bytes | None = None  # standard input, read once by the parent

    @property
    def label(self) -> str:
        """How reports name it: the path as given, standard input as <stdin>."""
        return io.label(self.name)

    def load(self, max_bytes: int) -> bytes:
        return self.data if self.data is not None else io.read_input(self.name, max_bytes)

    def weight(self) -> int:
        """Bytes to convert, to start the largest first and keep every worker busy to the end."""
        if self.data is not None:
            return len(self.data)
        with contextlib.suppress(OSError):
            return os.stat(self.name).st_size
        return 0


def collect(
    names: Sequence[str], exclude: Path | None = None, max_bytes: int = DEFAULT_OPTIONS.max_bytes, only: str = ""
) -> list[Source]:
    """Files as given, folders searched recursively for what a reader claims (the reader `only`
    names, if given; sorted; hidden entries, the output folder and symlink cycles left out), '-'
    read from standard input once."""
    sources: list[Source] = []
    if sum(name == io.STDIO for name in names) > 1:
        raise UsageError("'-' given twice: standard input can be read only once")
    for name in names:
        if name == io.STDIO:
            sources.append(Source(io.STDIO, Path(STDIN_STEM), io.read_input(io.STDIO, max_bytes)))
        elif name and Path(name).is_dir():
            found = list(_walk(Path(name), exclude, set(), only))
            if not found:
                wanted = " ".join(readers.reader_named(only).suffixes if only else readers.suffixes())
                raise UsageError(f"{io.printable(name)}: no {wanted} files in this folder")
            sources.extend(Source(str(path), path.relative_to(name)) for path in found)
        else:
            sources.append(Source(name, Path(Path(name).name or "input")))
    return _unique(sources)


def _walk(folder: Path, exclude: Path | None, seen: set[tuple[int, int]], only: str) -> Iterator[Path]:
    try:
        info = os.stat(folder)
        entries = sorted(folder.iterdir())
    except OSError as error:
        raise UsageError(f"{io.printable(str(folder))}: cannot list this folder ({error.strerror})") from None
    if (info.st_dev, info.st_ino) in seen:
        return  # a symlink back to a folder already walked: a cycle
    seen.add((info.st_dev, info.st_ino))
    for path in entries:
        if path.name.startswith(".") or (exclude is not None and io.same_file(path, exclude)):
            continue
        kind = _kind(path)
        if kind == "dir":
            yield from _walk(path, exclude, seen, only)
        elif kind == "file" and _is_input(path, only):
            yield path


def _kind(path: Path) -> str:
    try:
        mode = os.stat(path).st_mode  # follows links; a broken link or a loop is no input
    except OSError:
        return ""
    return "dir" if stat.S_ISDIR(mode) else "file" if stat.S_ISREG(mode) else ""


def _is_input(path: Path, only: str) -> bool:
    """Whether a file found in a folder is an input: a reader (`only`, if named) claims its suffix
    and first bytes."""
    suffixes = readers.reader_named(only).suffixes if only else readers.suffixes()
    if path.suffix.lower() not in suffixes:
        return False
    try:
        with path.open("rb") as handle:
            head = handle.read(readers.SNIFF_BYTES)
    except OSError:
        return True  # listed, so that the run reports why it cannot be read
    return readers.claims(path.suffix, head, only)


def _unique(sources: list[Source]) -> list[Source]:
    """The same file named twice (directly and through its folder) is converted once."""
    seen: set[str] = set()
    unique: list[Source] = []
    for source in sources:
        key = source.name if source.data is not None else os.path.realpath(source.name)
        if key not in seen:
            seen.add(key)
            unique.append(source)
    return unique


# --- tasks: what to do with each source ------------------------------------------------------------


class Mode(StrEnum):
    WRITE = "write"
    CHECK = "check"  # compare with existing outputs, write nothing
    DIFF = "diff"  # as CHECK, and show the differences


@dataclass(frozen=True, slots=True)
class Target:
    format: str
    path: Path


@dataclass(frozen=True, slots=True)
class ConvertTask:
    targets: tuple[Target, ...]
    mode: Mode = Mode.WRITE
    skip_unchanged: bool = False
    reading: ReadOptions = DEFAULT_OPTIONS
    options: Mapping[str, Mapping[str, object]] = field(default_factory=dict)  # format -> exporter options


@dataclass(frozen=True, slots=True)
class CheckTask:
    reading: ReadOptions = DEFAULT_OPTIONS


@dataclass(frozen=True, slots=True)
class InfoTask:
    reading: ReadOptions = DEFAULT_OPTIONS


@dataclass(frozen=True, slots=True)
class ValidateTask:
    max_bytes: int = DEFAULT_OPTIONS.max_bytes


Task = ConvertTask | CheckTask | InfoTask | ValidateTask


@dataclass(frozen=True, slots=True)
class Job:
    source: Source
    task: Task

    def anchored(self, folder: str) -> Job:
        """This job with its relative paths taken from `folder`: for a worker (on a cluster) whose
        working folder is not the one the user gave the paths in. Its reports then name them in full."""
        source = self.source
        if source.data is None and source.name and not os.path.isabs(source.name):
            source = replace(source, name=os.path.join(folder, source.name))
        task = self.task
        if isinstance(task, ConvertTask):
            task = replace(task, targets=tuple(replace(t, path=Path(folder, t.path)) for t in task.targets))
        return Job(source, task)


@dataclass(frozen=True, slots=True)
class Outcome:
    """What became of one job: `lines` go to stderr, `diff` to stdout, `findings` to the report,
    `summary` is `info`'s row."""

    source: str
    status: Status
    code: ExitCode = ExitCode.OK
    lines: tuple[str, ...] = ()
    diff: str = ""
    findings: tuple[Finding, ...] = ()
    summary: Mapping[str, Any] | None = None


def plan(
    sources: Sequence[Source],
    formats: Sequence[str],
    out_dir: Path,
    task: ConvertTask,
) -> list[Job]:
    """One job per source, writing `<out_dir>/<relative folder>/<stem><suffix>` for each format."""
    suffixes = {name: exporters.get(name).suffix for name in formats}
    jobs: list[Job] = []
    for source in sources:
        folder = out_dir / source.relative.parent
        targets = tuple(Target(f, folder / (source.relative.stem + suffixes[f])) for f in formats)
        jobs.append(Job(source, replace(task, targets=targets)))
    check_targets(jobs)
    return jobs


def check_targets(jobs: Sequence[Job]) -> None:
    """Two inputs writing one file, or an output that is an input (by path, hard link or symlink),
    are usage errors, found before anything is read. Inputs are indexed once, so that planning
    stays linear in the number of files (a quadratic check took 19 s over 320 PDFs)."""
    owners: dict[str, str] = {}
    inputs = _InputIndex([job.source for job in jobs if job.source.data is None])
    for job in jobs:
        if not isinstance(job.task, ConvertTask):
            continue
        for target in job.task.targets:
            key = os.path.realpath(target.path)
            if (other := owners.setdefault(key, job.source.name)) != job.source.name:
                raise UsageError(
                    f"{io.printable(other)} and {io.printable(job.source.name)} would both write "
                    f"{io.printable(str(target.path))}: convert them separately"
                )
            if (source := inputs.find(target.path, key)) is not None:
                whose = "its own output" if source is job.source else f"the output of {job.source.label}"
                raise UsageError(
                    f"{source.label} would be overwritten by {whose} ({io.printable(str(target.path))}): "
                    "choose another -o FILE or -d DIR"
                )


class _InputIndex:
    """The input files by real path and by file identity (device and inode: hard links, symlinks)."""

    def __init__(self, sources: Sequence[Source]) -> None:
        self._by_path: dict[str, Source] = {}
        self._by_identity: dict[tuple[int, int], Source] = {}
        for source in sources:
            self._by_path.setdefault(os.path.realpath(source.name), source)
            if (identity := _identity(source.name)) is not None:
                self._by_identity.setdefault(identity, source)

    def find(self, path: Path, real_path: str) -> Source | None:
        """The input that `path` (whose real path is `real_path`) names, if any."""
        found = self._by_path.get(real_path)
        identity = _identity(path) if found is None else None
        return self._by_identity.get(identity) if identity is not None else found


def _identity(path: str | Path) -> tuple[int, int] | None:
    try:
        info = os.stat(path)
    except (OSError, ValueError):
        return None
    return info.st_dev, info.st_ino


def perform(job: Job) -> Outcome:
    """Runs one job (in a worker, or in this process): whatever fails becomes a failed outcome."""
    return guarded(job.source.label, lambda: _perform(job))


def _perform(job: Job) -> Outcome:
    task = job.task
    if isinstance(task, ConvertTask):
        return _convert(job.source, task)
    if isinstance(task, CheckTask):
        return _check(job.source, task)
    if isinstance(task, InfoTask):
        return _info(job.source, task)
    return _validate(job.source, task)


def _read(source: Source, reading: ReadOptions) -> Resolution:
    return readers.read(source.load(reading.max_bytes), options=reading)


def _convert(source: Source, task: ConvertTask) -> Outcome:
    """Reads, converts to every target format, then writes (or compares) all of them."""
    if task.skip_unchanged and _up_to_date(source, task):
        return Outcome(source.label, Status.SKIPPED)
    resolution = _read(source, task.reading)
    outputs = [
        (t.path, exporters.get(t.format).render(resolution, **task.options.get(t.format, {}))) for t in task.targets
    ]
    if task.mode is not Mode.WRITE:
        return _compare(source, task, outputs)
    for path, data in outputs:
        io.write_file(path, data)
    return Outcome(source.label, Status.CONVERTED)


# The API (check's and info's findings and summaries), difflib (--diff) and multiprocessing (-j N)
# are imported where they are used: `resolution convert X.pdf -o Y`, one process per document as
# make runs it, needs none of them (about 15 ms of CPU of its start-up; issue 12).


def _check(source: Source, task: CheckTask) -> Outcome:
    from resolution_cli import api

    try:
        resolution = _read(source, task.reading)
    except NotAUNDocument as error:  # a README or a config file among the documents
        return Outcome(source.label, Status.CHECKED, findings=(api.passed_over(source.label, error),))
    findings = tuple(api.finding(source.label, d) for d in api.diagnostics_of(resolution))
    return Outcome(source.label, Status.CHECKED, findings=findings)


def _info(source: Source, task: InfoTask) -> Outcome:
    from resolution_cli import api

    return Outcome(source.label, Status.READ, summary=api.summary(source.label, _read(source, task.reading)))


def _validate(source: Source, task: ValidateTask) -> Outcome:
    from resolution_cli import (
        schema,  # here, not at the top: `resolution --help` must not load lxml (start-up budget, issue 12)
    )

    problems = schema.validate_bytes(source.load(task.max_bytes), source.label)
    findings = tuple(Finding(source.label, "error", "schema-error", p.message, line=p.line) for p in problems)
    code = ExitCode.FINDINGS if findings else ExitCode.OK
    return Outcome(source.label, Status.INVALID if findings else Status.VALID, code, findings=findings)


def guarded(name: str, work: Callable[[], Outcome]) -> Outcome:
    """`work()`, with a failure on this one input turned into a failed outcome."""
    try:
        return work()
    except OutputError as error:  # it names the output, which is what failed
        return Outcome(name, Status.FAILED, error.exit_code, (io.printable(str(error)),))
    except ResolutionError as error:
        return failure(name, str(error), error.exit_code)
    except RecursionError:
        return failure(name, "the input nests too deeply to read", ExitCode.UNREADABLE)
    except MemoryError:
        return failure(name, "the input needs more memory than this machine has", ExitCode.UNREADABLE)
    except Exception as error:  # a bug on one file must not stop the batch
        message = f"internal error: {type(error).__name__}: {io.printable(str(error))} (please report this)"
        return failure(name, message, ExitCode.INTERNAL)


def failure(name: str, message: str, code: ExitCode) -> Outcome:
    """A one-line error that names the file (reader messages may not)."""
    message = io.printable(message)
    text = message if message.startswith(name) else f"{name}: {message}"
    return Outcome(name, Status.FAILED, code, (text,))


def _up_to_date(source: Source, task: ConvertTask) -> bool:
    """Make's rule: every output exists and is no older than the input."""
    if source.data is not None:
        return False
    with contextlib.suppress(OSError):
        born = os.stat(source.name).st_mtime_ns
        return all(os.stat(t.path).st_mtime_ns >= born for t in task.targets)
    return False


def _compare(source: Source, task: ConvertTask, outputs: list[tuple[Path, bytes]]) -> Outcome:
    lines: list[str] = []
    diffs: list[str] = []
    for path, new in outputs:
        old = _existing(path)
        if old == new:
            continue
        lines.append(f"would {'change' if old is not None else 'create'} {io.printable(str(path))}")
        if task.mode is Mode.DIFF:
            diffs.append(unified_diff(path, old or b"", new))
    status = Status.CHANGED if lines else Status.UNCHANGED
    code = ExitCode.FINDINGS if lines else ExitCode.OK
    return Outcome(source.label, status, code, tuple(lines), "".join(diffs))


def _existing(path: Path) -> bytes | None:
    try:
        return io.read_path(path, DEFAULT_OPTIONS.max_bytes)
    except ResolutionError:
        return None


def unified_diff(path: Path, old: bytes, new: bytes) -> str:
    import difflib

    before = old.decode("utf-8", "replace").splitlines(keepends=True)
    after = new.decode("utf-8", "replace").splitlines(keepends=True)
    text = "".join(difflib.unified_diff(before, after, f"a/{path}", f"b/{path}"))
    return text if text.endswith("\n") or not text else text + "\n\\ No newline at end of file\n"


# --- running jobs: in this process for one worker, else in a pool of processes or on a cluster ---


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


class Executor(Protocol):
    """Somewhere to run a batch's jobs: a pool of local processes, or a cluster (`resolution_cli.dask`)."""

    def unordered(
        self, work: Callable[[T], R], items: Sequence[tuple[int, T]], lost: Callable[[T, str], R]
    ) -> Generator[tuple[int, R]]:
        """Calls `work` on every item, in the order given as far as the executor can; yields each
        `(index, result)` as it finishes. A job whose worker died before it could answer becomes
        `lost(item, why)`. Leaving early (an exception, Ctrl-C) stops or cancels what is left."""
        ...


Workers = int | Executor  # a number of local processes, or an executor


class WorkerLost(RuntimeError):
    """A worker died with a job, and the caller gave no `lost` outcome for it."""


def run(
    items: Sequence[T],
    work: Callable[[T], R],
    jobs: Workers,
    on_result: Callable[[R], None],
    on_progress: Callable[[], None] = lambda: None,
    weight: Callable[[T], int] = lambda _: 0,
    lost: Callable[[T, str], R] | None = None,
) -> None:
    """Calls `work` on every item and `on_result` with the results in the order of `items`, whatever
    order they finish in; `on_progress` after each finishes. `jobs` is a number of processes (one:
    this process) or an `Executor`; the heaviest items (by `weight`) start first."""
    if isinstance(jobs, int) and (jobs <= 1 or len(items) <= 1):
        for item in items:
            result = work(item)
            on_progress()
            on_result(result)
        return
    executor = ProcessPool(min(jobs, len(items))) if isinstance(jobs, int) else jobs
    order = sorted(range(len(items)), key=lambda i: -weight(items[i]))  # largest first
    finished: dict[int, R] = {}
    next_index = 0
    results = executor.unordered(work, [(i, items[i]) for i in order], lost or _unexpected_loss)
    with contextlib.closing(results):  # closed at once when we leave early: the executor stops its workers
        for index, result in results:
            finished[index] = result
            on_progress()
            while next_index in finished:
                on_result(finished.pop(next_index))
                next_index += 1


def _unexpected_loss(item: object, why: str) -> Any:
    raise WorkerLost(why)


def job_weight(job: Job) -> int:
    return job.source.weight()


def lost_job(job: Job, why: str) -> Outcome:
    """The outcome of a job the cluster lost (its workers died with it, and the cluster gave up)."""
    return failure(job.source.label, f"lost on the cluster: {why}", ExitCode.INTERNAL)


@dataclass(frozen=True, slots=True)
class ProcessPool:
    """`jobs` processes of this machine (forked: they start at once and share what is loaded)."""

    jobs: int

    def unordered(
        self, work: Callable[[T], R], items: Sequence[tuple[int, T]], lost: Callable[[T, str], R]
    ) -> Generator[tuple[int, R]]:
        # `lost` is never called: a pool worker that dies takes its job with it (the pool replaces it)
        import multiprocessing

        pool = multiprocessing.get_context().Pool(self.jobs, initializer=_start_worker, initargs=(os.getpid(),))
        try:
            yield from pool.imap_unordered(_call, [(work, index, item) for index, item in items], chunksize=1)
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
        import ctypes  # only here: a worker's start-up on Linux

        pr_set_pdeathsig = 1
        with contextlib.suppress(OSError, AttributeError):
            ctypes.CDLL(None, use_errno=True).prctl(pr_set_pdeathsig, signal.SIGTERM)
    if os.getppid() != parent:  # the parent died before we could ask
        os._exit(128 + signal.SIGTERM)
