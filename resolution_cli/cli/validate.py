"""`resolution validate`: hold Akoma Ntoso files against the official OASIS schema (bundled, offline).

Each problem is one line on stdout, `file:line: message`, as compilers write them (editors and CI
jump to the place); the summary goes to stderr. Exit 0 when every file is valid, 1 when one is not,
3 when a file cannot be read or is not well-formed XML (the worst wins).
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Annotated

import typer

from resolution_cli.cli.common import EXIT_CODES_HELP, HelpCommand, Jobs, MaxBytes, handles_errors, jobs_or_cores
from resolution_cli.cli.console import status_line
from resolution_cli.readers.base import DEFAULT_OPTIONS
from resolution_cli.report import Report, Status

if TYPE_CHECKING:
    from resolution_cli.batch import Outcome

EPILOG = (
    "Examples:\n\n"
    "  resolution validate A_RES_78_229.xml\n\n"
    "  resolution convert draft.pdf -t akn | resolution validate -\n\n" + EXIT_CODES_HELP
)


@handles_errors
def validate(
    files: Annotated[
        list[str],
        typer.Argument(
            metavar="FILE...",
            show_default=False,
            help="Akoma Ntoso XML files, folders (searched for them), '-' for standard input.",
        ),
    ],
    jobs: Jobs = 1,
    quiet: Annotated[bool, typer.Option("-q", "--quiet", help="No summary on stderr.")] = False,
    max_bytes: MaxBytes = DEFAULT_OPTIONS.max_bytes,
) -> None:
    """Validate Akoma Ntoso files against the official OASIS schema: 'file:line: message' per problem."""
    # here, not at the top: `resolution --help` must not load the batch runner, the API, the readers and
    # the exporters (about 100 ms of CPU, `python -X importtime -m resolution_cli --help`; issue 12)
    from resolution_cli import batch
    from resolution_cli.batch import Job, ValidateTask

    sources = batch.collect(files, max_bytes=max_bytes, only="akn")
    task = ValidateTask(max_bytes)
    report = Report()

    def show(outcome: Outcome) -> None:
        report.done(outcome.status, outcome.code)
        for finding in outcome.findings:
            report.found(finding.severity, fails=True)
        for line in outcome.lines:
            status_line(f"resolution: error: {line}")
        for finding in outcome.findings:
            sys.stdout.write(f"{finding.file}:{finding.line}: {finding.message}\n")

    with batch.interruptible():
        batch.run([Job(s, task) for s in sources], batch.perform, jobs_or_cores(jobs), show, weight=batch.job_weight)
    sys.stdout.flush()
    if not quiet:
        status_line(summary(report))
    if report.exit_code:
        raise typer.Exit(int(report.exit_code))


def summary(report: Report) -> str:
    """'3 files: 2 valid, 1 invalid (4 problems).'"""
    counts = report.counts
    problems = report.findings.get("error", 0)
    parts = [f"{counts.get(Status.VALID, 0)} valid"]
    if counts.get(Status.INVALID):
        parts.append(f"{counts[Status.INVALID]} invalid ({problems} problem{'s' if problems != 1 else ''})")
    if counts.get(Status.FAILED):
        parts.append(f"{counts[Status.FAILED]} unreadable")
    total = sum(counts.values())
    return f"{total} file{'s' if total != 1 else ''}: {', '.join(parts)}."


def register(app: typer.Typer) -> None:
    summary = "Validate Akoma Ntoso files against the OASIS schema."
    app.command(epilog=EPILOG, cls=HelpCommand, short_help=summary)(validate)
