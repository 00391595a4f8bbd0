"""`resolution convert`: one input to stdout or a file, or many inputs into a folder in parallel."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from resolution_cli import batch, exporters
from resolution_cli.batch import Job, Mode, Outcome, Target
from resolution_cli.cli import read_options as ro
from resolution_cli.cli.app import EXIT_CODES_HELP, app, handles_errors
from resolution_cli.cli.console import stderr_console
from resolution_cli.cli.io import STDIO, read_input, write_output
from resolution_cli.cli.report import Report, Status, status_line
from resolution_cli.errors import UsageError
from resolution_cli.exporters import ExportOptions
from resolution_cli.readers import read
from resolution_cli.readers.base import ReadOptions

DEFAULT_FORMAT = "json"


def _format_names() -> list[str]:
    """Shell completion of -t."""
    return [e.name for e in exporters.exporters()]


@app.command(
    epilog="Examples:\n\n"
    "  resolution convert A_RES_78_229.pdf -t akn -o A_RES_78_229.xml\n\n"
    "  cat draft.txt | resolution convert - -t json | jq .meta\n\n"
    "  resolution convert pdfs/ -d out/ -t akn -t json -j 4    (a folder, two formats, 4 processes)\n\n"
    "  resolution convert pdfs/ -d out/ -t akn --skip-unchanged    (only what changed, as make)\n\n"
    "  resolution convert pdfs/ -d committed/ -t akn --check --diff    (CI: outputs up to date?)\n\n" + EXIT_CODES_HELP,
)
@handles_errors
def convert(
    inputs: Annotated[
        list[str],
        typer.Argument(help="PDF, text or AKN XML files, folders (searched for .pdf .txt .xml .md), '-' for stdin."),
    ],
    to: Annotated[
        list[str] | None,
        typer.Option(
            "-t",
            "--to",
            help="Output format (see `resolution formats`); repeat for several. [default: json]",
            autocompletion=_format_names,
        ),
    ] = None,
    output: str = typer.Option(STDIO, "-o", "--output", help="Output file for one input ('-' for stdout)."),
    out_dir: Annotated[
        Path | None, typer.Option("-d", "--out-dir", help="Write <stem><suffix> per input and format into this folder.")
    ] = None,
    jobs: int = typer.Option(os.cpu_count() or 1, "-j", "--jobs", min=1, help="Parallel processes."),
    quiet: bool = typer.Option(False, "-q", "--quiet", help="No progress bar and no summary; errors only."),
    skip_unchanged: bool = typer.Option(
        False, "--skip-unchanged", help="Skip inputs whose outputs are newer than the input (as make)."
    ),
    check: bool = typer.Option(False, "--check", help="Write nothing; exit 1 if an output would change."),
    diff: bool = typer.Option(False, "--diff", help="As --check, and print the unified diff on stdout."),
    engine: ro.Engine = "",
    password: ro.Password = "",
    no_masthead_check: ro.NoMastheadCheck = False,
    max_pages: ro.MaxPages = ro.DEFAULT_MAX_PAGES,
    max_bytes: ro.MaxBytes = ro.DEFAULT_MAX_MIB,
) -> None:
    """Convert UN resolutions into other formats: one to stdout or -o, many into -d DIR."""
    mode = Mode.DIFF if diff else Mode.CHECK if check else Mode.WRITE
    formats = list(dict.fromkeys(to or [DEFAULT_FORMAT]))
    for name in formats:
        exporters.get(name)  # an unknown format is a usage error before any work
    if out_dir is not None and output != STDIO:
        raise UsageError("-o names one output file, -d a folder for many: give one of them")
    options = ro.read_options(engine, password, no_masthead_check, max_pages, max_bytes)
    if out_dir is not None:
        _convert_batch(inputs, formats, out_dir, mode, skip_unchanged, jobs, quiet, options)
    else:
        _convert_one(inputs, formats, output, mode, skip_unchanged, options)


def _convert_one(
    inputs: list[str], formats: list[str], output: str, mode: Mode, skip_unchanged: bool, options: ReadOptions
) -> None:
    """One input, one format, to stdout or `-o FILE`; errors are the usual one line and exit code."""
    if len(inputs) > 1 or Path(inputs[0]).is_dir() or len(formats) > 1:
        what = "several formats" if len(formats) > 1 else "several inputs or a folder"
        raise UsageError(f"{what} need --out-dir DIR (-d): -o and stdout take one document in one format")
    if output == STDIO:
        if mode is not Mode.WRITE or skip_unchanged:
            raise UsageError("--check, --diff and --skip-unchanged compare with output files: give -o FILE or -d DIR")
        write_output(STDIO, exporters.get(formats[0]).export(read(read_input(inputs[0]), options), ExportOptions()))
        return
    source = batch.collect(inputs)[0]
    job = Job(source, (Target(formats[0], Path(output)),), mode, skip_unchanged, options)
    report = Report()
    with batch.interruptible():
        _show(batch.convert_job(job), report, status_line)
    _exit(report)


def _convert_batch(
    inputs: list[str],
    formats: list[str],
    out_dir: Path,
    mode: Mode,
    skip_unchanged: bool,
    jobs: int,
    quiet: bool,
    options: ReadOptions,
) -> None:
    sources = batch.collect(inputs, exclude=out_dir)
    planned = batch.plan(sources, formats, out_dir, mode, skip_unchanged, options)
    report = Report()
    with batch.interruptible(), _progress(len(planned), quiet) as (advance, say):
        batch.run(planned, batch.convert_job, jobs, lambda o: _show(o, report, say), advance, _weight)
    if not quiet:
        status_line(report.summary())
    _exit(report)


def _weight(job: Job) -> int:
    return job.source.weight()


def _show(outcome: Outcome, report: Report, say: Callable[[str], None]) -> None:
    """Records one outcome; its lines to stderr (errors prefixed as such), its diff to stdout."""
    report.done(outcome.status, outcome.code)
    prefix = "resolution: error: " if outcome.status is Status.FAILED else ""
    for line in outcome.lines:
        say(prefix + line)
    if outcome.diff:
        sys.stdout.write(outcome.diff)
        sys.stdout.flush()


@contextmanager
def _progress(total: int, quiet: bool) -> Iterator[tuple[Callable[[], None], Callable[[str], None]]]:
    """A progress bar on stderr only when it is a terminal (and not -q); lines printed above it."""
    if quiet or not sys.stderr.isatty():
        yield (lambda: None), status_line
        return
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
