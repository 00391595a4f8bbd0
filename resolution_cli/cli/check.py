"""`resolution check`: read documents as `convert` would, write nothing, report what looks wrong.

Findings are what `resolution_cli.api.check` gives (the model's diagnostics, lead phrases, schema
errors), each at the line of the input where the reader found its paragraph. Errors always fail
the run, warnings only with --strict, notes never. An input that cannot be read is an error
finding too (in json and github output, where machines read only stdout).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated

import typer

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
    handles_errors,
    read_options,
    running_on,
)
from resolution_cli.cli.console import status_line
from resolution_cli.errors import ExitCode, UsageError
from resolution_cli.readers.base import DEFAULT_OPTIONS
from resolution_cli.report import Finding, Report

if TYPE_CHECKING:
    from resolution_cli.batch import Outcome

# The model is imported where a finding is judged, not here: `resolution --help` must not pay for
# creating its dataclasses (about 15 ms of CPU; issue 12).

EPILOG = (
    "Examples:\n\n"
    "  resolution check samples/pdf samples/text    (every document below them)\n\n"
    "  resolution check --strict --format github resolutions/*.pdf    (in a GitHub Actions job)\n\n"
    "  resolution check draft.txt --format json | jq '.findings[] | .code'\n\n" + EXIT_CODES_HELP
)


class OutputFormat(StrEnum):
    HUMAN = "human"
    JSON = "json"
    GITHUB = "github"


def _output_format(text: str) -> OutputFormat:
    try:
        return OutputFormat(text.strip().lower())
    except ValueError:
        choices = ", ".join(f.value for f in OutputFormat)
        raise typer.BadParameter(f"'{text}' is not a report format: choose {choices}") from None


@handles_errors
def check(
    inputs: Inputs,
    strict: Annotated[bool, typer.Option("--strict", help="Warnings fail the run too (errors always do).")] = False,
    output_format: Annotated[
        OutputFormat,
        typer.Option(
            "--format",
            "-f",
            metavar="REPORT",
            parser=_output_format,
            show_default=False,
            help="human (the default), json, or github (workflow annotations).",
        ),
    ] = OutputFormat.HUMAN,
    jobs: Jobs = None,
    dask: DaskAddress = None,
    quiet: Annotated[bool, typer.Option("-q", "--quiet", help="No summary on stderr.")] = False,
    engine: Engine = "",
    password: Password = "",
    max_pages: MaxPages = DEFAULT_OPTIONS.max_pages,
    max_bytes: MaxBytes = DEFAULT_OPTIONS.max_bytes,
    no_masthead_check: NoMastheadCheck = False,
) -> None:
    """Check UN resolutions for CI: findings on stdout, exit 1 when one fails the run."""
    # here, not at the top: `resolution --help` must not load the batch runner, the API, the readers and
    # the exporters (about 100 ms of CPU, `python -X importtime -m resolution_cli --help`; issue 12)
    from resolution_cli import batch
    from resolution_cli.batch import CheckTask, Job

    if not inputs:
        raise UsageError("give the documents to check")
    task = CheckTask(read_options(engine, password, max_pages, max_bytes, no_masthead_check))
    sources = batch.collect(inputs, max_bytes=task.reading.max_bytes)
    report = Report()
    collected: list[Finding] = []
    printer = _PRINTERS[output_format]

    def show(outcome: Outcome) -> None:
        report.done(outcome.status, outcome.code)
        for line in outcome.lines:
            status_line(f"resolution: error: {line}")
        shown = outcome.findings
        if output_format is not OutputFormat.HUMAN:  # machines read stdout only: failures go there too
            shown += failures(outcome)
        for finding in shown:
            report.found(finding.severity, fails(finding.severity, strict))
        collected.extend(shown)
        printer.each(shown)

    with batch.interruptible(), running_on(jobs, dask) as where:
        planned = [Job(s, task) for s in sources]
        batch.run(planned, batch.perform, where, show, weight=batch.job_weight, lost=batch.lost_job)
    printer.end(collected, report)
    if not quiet:
        status_line(report.summary())
    if report.exit_code:
        raise typer.Exit(int(report.exit_code))


def fails(severity: str, strict: bool) -> bool:
    from resolution_cli.model import Severity

    return severity == Severity.ERROR or (strict and severity == Severity.WARNING)


def failures(outcome: Outcome) -> tuple[Finding, ...]:
    """An input that could not be checked, as an error finding (it fails the run with its own code)."""
    from resolution_cli.model import Severity

    code = "internal-error" if outcome.code is ExitCode.INTERNAL else "unreadable-input"
    prefix = f"{outcome.source}: "
    return tuple(
        Finding(outcome.source, Severity.ERROR.value, code, line.removeprefix(prefix)) for line in outcome.lines
    )


# --- output formats: each prints a file's findings as they come, and may close the run ---


class _Printer:
    def each(self, findings: Iterable[Finding]) -> None:
        for finding in findings:
            print(self.line(finding))

    def line(self, finding: Finding) -> str:
        raise NotImplementedError

    def end(self, findings: list[Finding], report: Report) -> None:
        sys.stdout.flush()


class _Human(_Printer):
    """`path:12: warning numbering-gap: operative paragraph 5. follows 3. (operative 5)`, as compilers do."""

    def line(self, finding: Finding) -> str:
        place = f"{finding.file}:{finding.line}" if finding.line else finding.file
        return f"{place}: {finding.severity} {finding.code}: {message(finding)}"


class _GitHub(_Printer):
    """Workflow commands: `::warning file=F,line=N,title=CODE::message` (GitHub calls a note `notice`)."""

    def line(self, finding: Finding) -> str:
        command = {"error": "error", "warning": "warning"}.get(finding.severity, "notice")
        properties = [f"file={_escape_property(finding.file)}"]
        if finding.line:
            properties.append(f"line={finding.line}")
        properties.append(f"title={_escape_property(finding.code)}")
        return f"::{command} {','.join(properties)}::{_escape_data(message(finding))}"


def message(finding: Finding) -> str:
    """The message, with where it was found unless the message already says."""
    if not finding.where or finding.where in finding.message:
        return finding.message
    return f"{finding.message} ({finding.where})"


def _escape_data(text: str) -> str:
    """As GitHub's toolkit escapes a command's message."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


class _Json(_Printer):
    """One JSON object at the end: the findings in input order and the counts."""

    def each(self, findings: Iterable[Finding]) -> None:
        pass

    def end(self, findings: list[Finding], report: Report) -> None:
        document = {
            "findings": [_finding_dict(f) for f in findings],
            "summary": {"files": {s.value: n for s, n in report.counts.items()}, "findings": report.findings},
            "exit_code": int(report.exit_code),
        }
        sys.stdout.write(json.dumps(document, indent=2, ensure_ascii=False) + "\n")
        sys.stdout.flush()


def _finding_dict(finding: Finding) -> dict[str, str | int]:
    return {f: getattr(finding, f) for f in ("file", "line", "severity", "code", "message", "where")}


_PRINTERS: dict[OutputFormat, _Printer] = {
    OutputFormat.HUMAN: _Human(),
    OutputFormat.JSON: _Json(),
    OutputFormat.GITHUB: _GitHub(),
}


def register(app: typer.Typer) -> None:
    summary = "Check resolutions for CI (exit 1 on findings)."
    app.command(epilog=EPILOG, cls=HelpCommand, short_help=summary)(check)
