"""`resolution convert`: one input to stdout or a file, or many inputs into a folder in parallel."""

from __future__ import annotations

import gc
import sys
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from resolution_cli import io
from resolution_cli.cli.common import (
    EXIT_CODES_HELP,
    DaskAddress,
    Engine,
    HelpCommand,
    Inputs,
    Jobs,
    MaxBytes,
    MaxPages,
    NoMastheadCheck,
    Password,
    Quiet,
    handles_errors,
    read_options,
    running_on,
)
from resolution_cli.cli.console import status_line, stderr_console
from resolution_cli.errors import UsageError
from resolution_cli.readers.base import DEFAULT_OPTIONS, ReadOptions
from resolution_cli.report import Report, Status

if TYPE_CHECKING:
    from resolution_cli.batch import ConvertTask, Outcome

# The batch runner, the API, the readers and the exporters are imported in the functions that use
# them, not here: `resolution --help` must not load them (about 100 ms of CPU, `python -X importtime
# -m resolution_cli --help`; issue 12).

DEFAULT_FORMAT = "json"

EPILOG = (
    "Examples:\n\n"
    "  resolution convert A_RES_78_229.pdf -t akn -o A_RES_78_229.xml\n\n"
    "  cat draft.txt | resolution convert - -t json | jq .meta\n\n"
    "  resolution convert pdfs/ -d out/ -t akn -t json -j 4    (a folder, two formats, 4 processes)\n\n"
    "  resolution convert x.pdf -t json -O indent=0    (an option of the format: see `resolution formats --long`)\n\n"
    "  resolution convert pdfs/ -d out/ -t akn --skip-unchanged    (only what changed, as make)\n\n"
    "  resolution convert corpus/ -d out/ -t json --dask tcp://scheduler:8786    (on a Dask cluster)\n\n"
    "  resolution convert pdfs/ -d committed/ -t akn --check --diff    (CI: outputs up to date?)\n\n" + EXIT_CODES_HELP
)


def _format_names() -> list[str]:
    """Shell completion of -t."""
    from resolution_cli import exporters

    return [e.name for e in exporters.exporters()]


@handles_errors
def convert(
    inputs: Inputs,
    to: Annotated[
        list[str] | None,
        typer.Option(
            "-t",
            "--to",
            metavar="FORMAT",
            autocompletion=_format_names,
            show_default=False,
            help="Output format (`resolution formats` lists them); repeat for several [default: json].",
        ),
    ] = None,
    output: Annotated[
        str,
        typer.Option(
            "-o",
            "--output",
            metavar="FILE",
            show_default=False,
            help="Write the one output here ('-', the default, is standard output); missing folders are created.",
        ),
    ] = io.STDIO,
    out_dir: Annotated[
        Path | None,
        typer.Option("-d", "--out-dir", metavar="DIR", help="Write <stem><suffix> per input and format into DIR."),
    ] = None,
    option: Annotated[
        list[str] | None,
        typer.Option(
            "-O",
            "--option",
            metavar="KEY=VALUE",
            show_default=False,
            help="An option of the output format (indent=0 ...); with several -t, FORMAT.KEY=VALUE.",
        ),
    ] = None,
    jobs: Jobs = None,
    dask: DaskAddress = None,
    quiet: Quiet = False,
    skip_unchanged: Annotated[
        bool, typer.Option("--skip-unchanged", help="Skip inputs whose outputs are newer than the input (as make).")
    ] = False,
    check: Annotated[bool, typer.Option("--check", help="Write nothing; exit 1 if an output would change.")] = False,
    diff: Annotated[bool, typer.Option("--diff", help="As --check, and print the unified diff on stdout.")] = False,
    engine: Engine = "",
    password: Password = "",
    max_pages: MaxPages = DEFAULT_OPTIONS.max_pages,
    max_bytes: MaxBytes = DEFAULT_OPTIONS.max_bytes,
    no_masthead_check: NoMastheadCheck = False,
) -> None:
    """Convert UN resolutions: one to standard output or -o FILE, many into -d DIR."""
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
            _convert_batch(inputs, formats, out_dir, task, jobs, dask, quiet)
        elif dask is not None:
            raise UsageError("--dask runs batches into a folder: give -d DIR (one document is converted here)")
        else:
            _convert_one(inputs, formats, output, task)


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


def _convert_one(inputs: list[str], formats: list[str], output: str, task: ConvertTask) -> None:
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
        return
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
    _exit(report)


def _to_stdout(name: str, format_name: str, reading: ReadOptions, options: Mapping[str, object]) -> None:
    from resolution_cli import api, readers

    resolution = readers.read(io.read_input(name, reading.max_bytes), options=reading)
    io.write_stdout(api.export(resolution, format_name, **options))


def _convert_batch(
    inputs: list[str], formats: list[str], out_dir: Path, task: ConvertTask, jobs: int | None, dask: str | None,
    quiet: bool,
) -> None:
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
    _exit(report)


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


def _exit(report: Report) -> None:
    if report.exit_code:
        raise typer.Exit(int(report.exit_code))


def register(app: typer.Typer) -> None:
    summary = "Convert resolutions to Akoma Ntoso, JSON or Markdown."
    app.command(epilog=EPILOG, cls=HelpCommand, short_help=summary)(convert)
