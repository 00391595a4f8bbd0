"""What `resolution convert` does (`convert.py` declares it to Typer), and its plain command lines
read without Typer: `convert X.pdf -t akn -o X.xml`, each option a word of its own followed by its
value, as Makefiles and scripts write it. Typer and Click cost 50-60 ms of CPU of every process
(imported, and the command's 16 options made: `python -X importtime`, issue 12), a twentieth of a
one-page conversion; `plain_arguments` hands everything else (--help, a value it would have to
guess at, an error of any kind, shell completion) to Typer, which says it as it always has."""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from resolution_cli import io
from resolution_cli.cli.console import error_line, internal_error, status_line, stderr_console
from resolution_cli.cli.plain import (
    HANDLED,
    BadValue,
    byte_size,
    dask_address,
    read_options,
    running_on,
    said,
    whole_number,
)
from resolution_cli.errors import ExitCode, UsageError
from resolution_cli.readers.base import DEFAULT_OPTIONS, ReadOptions
from resolution_cli.report import Report, Status

if TYPE_CHECKING:
    from resolution_cli.batch import ConvertTask, Outcome

# The batch runner, the API, the readers and the exporters are imported in the functions that use
# them, not here: `resolution --help` must not load them (about 100 ms of CPU, `python -X importtime
# -m resolution_cli --help`; issue 12).

DEFAULT_FORMAT = "json"


def convert(
    inputs: list[str],
    to: list[str] | None = None,
    output: str = io.STDIO,
    out_dir: Path | None = None,
    option: list[str] | None = None,
    jobs: int | None = None,
    dask: str | None = None,
    quiet: bool = False,
    skip_unchanged: bool = False,
    check: bool = False,
    diff: bool = False,
    engine: str = "",
    password: str = "",
    max_pages: int = DEFAULT_OPTIONS.max_pages,
    max_bytes: int = DEFAULT_OPTIONS.max_bytes,
    no_masthead_check: bool = False,
) -> int:
    """The command's work, its options as Typer gives them; returns the exit code (errors raise)."""
    with _seldom_collected(one_document=out_dir is None):
        from resolution_cli import exporters
        from resolution_cli.batch import ConvertTask, Mode

        mode = Mode.DIFF if diff else Mode.CHECK if check else Mode.WRITE
        formats = list(dict.fromkeys(exporters.get(name).name for name in to or [DEFAULT_FORMAT]))
        task = ConvertTask(
            targets=(),
            mode=mode,
            skip_unchanged=skip_unchanged,
            reading=read_options(engine, password, max_pages, max_bytes, no_masthead_check),
            options=format_options(option or [], formats),
        )
        if out_dir is not None and output != io.STDIO:
            raise UsageError("-o names one output file, -d a folder for many: give one of them")
        if out_dir is not None:
            return _convert_batch(inputs, formats, out_dir, task, jobs, dask, quiet)
        if dask is not None:
            raise UsageError("--dask runs batches into a folder: give -d DIR (one document is converted here)")
        return _convert_one(inputs, formats, output, task)


# Objects the collector tracks, allocated (net) before it looks for cycles among the youngest
# (Python's default is 700). Converting one PDF allocates millions (pdfminer's tokens, a page's
# characters), nearly all freed as they go: at 700 the collector ran 70-180 times per ga78 PDF,
# 20-70 ms of CPU (2% of a `convert X.pdf -o Y` process; `gc.callbacks`, issue 12); at this
# threshold not once, and the peak RSS of the largest (A/RES/78/69) is the same. Only for one
# document: a `-j 1` batch of 100 would hold twice the memory by its end (122 against 62 MB).
_ONE_DOCUMENT_THRESHOLD = (100_000, 20, 20)


@contextmanager
def _seldom_collected(one_document: bool) -> Iterator[None]:
    before = gc.get_threshold()
    if one_document:
        # What start-up made (modules, functions, classes) lives to the end: frozen, no collection
        # looks through it again (the first one at the new threshold did: 5-8 ms; issue 12).
        gc.freeze()
        gc.set_threshold(*_ONE_DOCUMENT_THRESHOLD)
    try:
        yield
    finally:  # for a caller in the same process (the tests)
        gc.set_threshold(*before)
        if one_document:
            gc.unfreeze()


def format_options(pairs: list[str], formats: list[str]) -> dict[str, dict[str, object]]:
    """`-O KEY=VALUE` (or `FORMAT.KEY=VALUE`) -> {format: {key: value}}, each checked against the
    options its format declares before any input is read."""
    from resolution_cli import exporters

    chosen: dict[str, dict[str, object]] = {name: {} for name in formats}
    for pair in pairs:
        key, equals, value = pair.partition("=")
        if not equals or not key.strip():
            raise UsageError(f"-O {pair!r}: write it KEY=VALUE, e.g. -O indent=0")
        name, dot, option = key.strip().rpartition(".")
        targets = [exporters.get(name).name] if dot else formats
        if dot and targets[0] not in chosen:
            raise UsageError(f"-O {pair!r}: format '{name}' is not among the -t formats")
        if not dot and len(formats) > 1:
            raise UsageError(f"-O {pair!r}: with several -t formats, name the format: -O FORMAT.{key}={value}")
        for target in targets:
            chosen[target][option] = value
    for name, values in chosen.items():
        exporters.get(name).make_options(values)  # an unknown option or a bad value: a usage error now
    return chosen


def _convert_one(inputs: list[str], formats: list[str], output: str, task: ConvertTask) -> int:
    """One input, one format, to stdout or `-o FILE`; errors are the usual one line and exit code."""
    from resolution_cli import batch
    from resolution_cli.batch import Job, Mode, Target

    if len(inputs) > 1 or Path(inputs[0]).is_dir() or len(formats) > 1:
        what = "several formats" if len(formats) > 1 else "several inputs or a folder"
        raise UsageError(f"{what} need --out-dir DIR (-d): -o and stdout take one document in one format")
    if output == io.STDIO:
        if task.mode is not Mode.WRITE or task.skip_unchanged:
            raise UsageError("--check, --diff and --skip-unchanged compare with output files: give -o FILE or -d DIR")
        _to_stdout(inputs[0], formats[0], task.reading, task.options[formats[0]])
        return int(ExitCode.OK)
    io.check_output_path(output)
    source = batch.collect(inputs, max_bytes=task.reading.max_bytes)[0]
    job = Job(source, replace(task, targets=(Target(formats[0], Path(output)),)))
    batch.check_targets([job])
    report = Report()
    with batch.interruptible():
        outcome = batch.perform(job)
    _show(outcome, report, status_line)
    if outcome.status is Status.SKIPPED:
        status_line(f"{io.printable(output)} is newer than {source.label}: left as it is (--skip-unchanged)")
    return int(report.exit_code)


def _to_stdout(name: str, format_name: str, reading: ReadOptions, options: Mapping[str, object]) -> None:
    from resolution_cli import api, readers

    resolution = readers.read(io.read_input(name, reading.max_bytes), options=reading)
    io.write_stdout(api.export(resolution, format_name, **options))


def _convert_batch(
    inputs: list[str], formats: list[str], out_dir: Path, task: ConvertTask, jobs: int | None, dask: str | None,
    quiet: bool,
) -> int:
    from resolution_cli import batch

    if out_dir.exists() and not out_dir.is_dir():
        raise UsageError(f"{io.printable(str(out_dir))}: exists and is not a folder: give -d a folder")
    sources = batch.collect(inputs, exclude=out_dir, max_bytes=task.reading.max_bytes)
    planned = batch.plan(sources, formats, out_dir, task)
    report = Report()
    with batch.interruptible(), running_on(jobs, dask) as where, _progress(len(planned), quiet) as (advance, say):

        def show(outcome: Outcome) -> None:
            _show(outcome, report, say)

        batch.run(planned, batch.perform, where, show, advance, batch.job_weight, batch.lost_job)
    if not quiet:
        status_line(report.summary())
    return int(report.exit_code)


def _show(outcome: Outcome, report: Report, say: Callable[[str], None]) -> None:
    """Records one outcome; its lines to stderr (errors prefixed as such), its diff to stdout."""
    report.done(outcome.status, outcome.code)
    prefix = "resolution: error: " if outcome.status is Status.FAILED else ""
    for line in outcome.lines:
        say(prefix + line)
    if outcome.diff:
        io.write_stdout(outcome.diff.encode("utf-8"))


@contextmanager
def _progress(total: int, quiet: bool) -> Iterator[tuple[Callable[[], None], Callable[[str], None]]]:
    """A progress bar on stderr only when it is a terminal (and not -q); lines printed above it."""
    if quiet or not sys.stderr.isatty():
        yield (lambda: None), status_line
        return
    # here, not at the top: `resolution --help` must not load it (start-up budget, issue 12)
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeRemainingColumn,
    )

    console = stderr_console()
    columns = (TextColumn("converting"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
    # No refresh thread: the worker processes are forked while the bar is shown.
    with Progress(*columns, console=console, transient=True, auto_refresh=False) as bar:
        task = bar.add_task("convert", total=total)

        def advance() -> None:
            bar.advance(task)
            bar.refresh()

        yield advance, (lambda line: console.print(line, markup=False, highlight=False))


# --- the plain command line -------------------------------------------------------------------------

# convert's options as `convert.py` declares them to Typer (tests/cli/test_plain_convert.py holds the
# two together): each name -> (the parameter, what it takes); and how a value's text is read.
_FLAG, _ONE, _MANY = "flag", "one", "many"
OPTIONS: dict[str, tuple[str, str]] = {
    "-t": ("to", _MANY), "--to": ("to", _MANY),
    "-o": ("output", _ONE), "--output": ("output", _ONE),
    "-d": ("out_dir", _ONE), "--out-dir": ("out_dir", _ONE),
    "-O": ("option", _MANY), "--option": ("option", _MANY),
    "-j": ("jobs", _ONE), "--jobs": ("jobs", _ONE),
    "--dask": ("dask", _ONE),
    "-q": ("quiet", _FLAG), "--quiet": ("quiet", _FLAG),
    "--skip-unchanged": ("skip_unchanged", _FLAG),
    "--check": ("check", _FLAG),
    "--diff": ("diff", _FLAG),
    "--engine": ("engine", _ONE),
    "--password": ("password", _ONE),
    "--max-pages": ("max_pages", _ONE),
    "--max-bytes": ("max_bytes", _ONE),
    "--no-masthead-check": ("no_masthead_check", _FLAG),
}  # fmt: skip
_READ: dict[str, Callable[[str], Any]] = {
    "out_dir": Path, "jobs": whole_number(1), "dask": dask_address, "max_pages": whole_number(1),
    "max_bytes": byte_size,
}  # fmt: skip
# Set by a shell asking Click to complete a word: Typer's to answer.
_COMPLETION = "_RESOLUTION_COMPLETE"


def plain_arguments(args: list[str]) -> dict[str, Any] | None:
    """`convert`'s arguments from a plain command line (`convert` and then its inputs and options,
    each option a word of its own or `--name=value`, none given twice unless it may be), as Typer
    would hand them to it; None for any other (Typer's to read, and to say what is wrong)."""
    if not args or args[0] != "convert" or _COMPLETION in os.environ:
        return None
    words = iter(args[1:])
    inputs: list[str] = []
    given: dict[str, Any] = {}
    for word in words:
        if word == "-" or not word.startswith("-"):
            inputs.append(word)
            continue
        name, equals, attached = word.partition("=") if word.startswith("--") else (word, "", "")
        parameter, takes = OPTIONS.get(name, ("", ""))
        if takes == _FLAG and not equals:
            given[parameter] = True
            continue
        value = attached if equals else next(words, None)
        if not takes or takes == _FLAG or not value or (value.startswith("-") and value != "-"):
            return None  # not an option, a flag given a value, or a value Click reads its own way
        if takes == _MANY:
            given.setdefault(parameter, []).append(value)
        elif parameter in given:
            return None
        else:
            given[parameter] = value
    if not inputs:
        return None
    try:
        read = {name: _READ[name](value) for name, value in given.items() if name in _READ}
    except BadValue:
        return None
    return {"inputs": inputs, **given, **read}


def run_plain(arguments: dict[str, Any]) -> int:
    """`convert(**arguments)`'s exit code, its errors said as the command line says them."""
    try:
        return convert(**arguments)
    except HANDLED as error:
        return said(error)
    except Exception as error:  # a bug, not the user's fault: say so in one line
        error_line(internal_error(error))
        return int(ExitCode.INTERNAL)
