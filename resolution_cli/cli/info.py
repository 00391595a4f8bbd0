"""`resolution info`: one row per document, for a quick look at many conversions at once."""

from __future__ import annotations

import json
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

if TYPE_CHECKING:
    from rich.table import Table

    from resolution_cli.batch import Outcome

from resolution_cli.cli.common import (
    EXIT_CODES_HELP,
    Engine,
    HelpCommand,
    Inputs,
    Jobs,
    MaxBytes,
    MaxPages,
    NoMastheadCheck,
    Password,
    handles_errors,
    jobs_or_cores,
    read_options,
)
from resolution_cli.cli.console import status_line, stdout_console
from resolution_cli.readers.base import DEFAULT_OPTIONS
from resolution_cli.report import Report

EPILOG = (
    "Examples:\n\n"
    "  resolution info samples/pdf\n\n"
    "  resolution info --json *.xml | jq '.[] | select(.diagnostics > 0) | .input'\n\n" + EXIT_CODES_HELP
)

# (JSON key, table heading); the table's "date" is the adoption date, else the issue date.
COLUMNS = (
    ("input", "input"),
    ("symbol", "symbol"),
    ("kind", "kind"),
    ("date", "date"),
    ("preambular", "pre"),
    ("operative", "op"),
    ("footnotes", "fn"),
    ("diagnostics", "diag"),
)


def table(rows: list[Mapping[str, Any]]) -> Table:
    from rich.table import (
        Table,  # here, not at the top: `resolution --help` must not load it (start-up budget, issue 12)
    )

    from resolution_cli.model import DocumentKind  # here too: `--help` must not create the model's classes

    # The table is for 80 columns: file names without their folder, "draft" for a draft resolution
    # (--json keeps both in full).
    short_kind = {DocumentKind.DRAFT_RESOLUTION.value: "draft"}
    grid = Table(box=None, pad_edge=False, padding=(0, 1, 0, 0), header_style="bold underline")
    for key, heading in COLUMNS:
        numeric = isinstance(rows[0][key], int)
        grid.add_column(heading, justify="right" if numeric else "left", no_wrap=key != "input", overflow="fold")
    for row in rows:
        cells = {**row, "input": Path(row["input"]).name, "kind": short_kind.get(row["kind"], row["kind"])}
        grid.add_row(*(str(cells[key]) for key, _ in COLUMNS))
    return grid


@handles_errors
def info(
    inputs: Inputs,
    as_json: Annotated[bool, typer.Option("--json", help="A JSON array, one object per document.")] = False,
    jobs: Jobs = None,
    engine: Engine = "",
    password: Password = "",
    max_pages: MaxPages = DEFAULT_OPTIONS.max_pages,
    max_bytes: MaxBytes = DEFAULT_OPTIONS.max_bytes,
    no_masthead_check: NoMastheadCheck = False,
) -> None:
    """One row per document: symbol, kind, date, paragraph, footnote and diagnostic counts."""
    # here, not at the top: `resolution --help` must not load the batch runner, the API, the readers and
    # the exporters (about 100 ms of CPU, `python -X importtime -m resolution_cli --help`; issue 12)
    from resolution_cli import batch
    from resolution_cli.batch import InfoTask, Job

    task = InfoTask(read_options(engine, password, max_pages, max_bytes, no_masthead_check))
    sources = batch.collect(inputs, max_bytes=task.reading.max_bytes)
    rows: list[Mapping[str, Any]] = []
    report = Report()

    def show(outcome: Outcome) -> None:
        report.done(outcome.status, outcome.code)
        for line in outcome.lines:  # reported, and the others carry on
            status_line(f"resolution: error: {line}")
        if outcome.summary is not None:
            rows.append(outcome.summary)

    with batch.interruptible():
        batch.run([Job(s, task) for s in sources], batch.perform, jobs_or_cores(jobs), show, weight=batch.job_weight)
    if as_json:
        sys.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2) + "\n")
    elif rows:
        stdout_console().print(table(rows))
    if report.exit_code:
        raise typer.Exit(int(report.exit_code))


def register(app: typer.Typer) -> None:
    summary = "One summary row per document."
    app.command(epilog=EPILOG, cls=HelpCommand, short_help=summary)(info)
