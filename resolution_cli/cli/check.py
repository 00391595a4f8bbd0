"""`resolution check`: read documents as `convert` would, write nothing, report what looks wrong.

Findings are the model's diagnostics plus the checks only CI wants (lead phrases); each gets the
line of the input where it was found when the input is text or XML. Errors always fail the run,
warnings only with --strict, notes never.
"""

from __future__ import annotations

import json
import os
import re
import sys
from collections.abc import Iterable, Iterator
from enum import StrEnum
from typing import Annotated

import typer

from resolution_cli import batch, exporters, schema
from resolution_cli.batch import Outcome, Source
from resolution_cli.cli.app import EXIT_CODES_HELP, app, handles_errors
from resolution_cli.cli.console import status_line
from resolution_cli.errors import ExitCode, NotAUNDocument
from resolution_cli.exporters import ExportOptions
from resolution_cli.model import Diagnostic, Resolution, Severity
from resolution_cli.parse import checks
from resolution_cli.readers import InputKind, read, sniff
from resolution_cli.report import Finding, Report, Status

AKN = "akn"  # the exporter whose output the schema check validates


class OutputFormat(StrEnum):
    HUMAN = "human"
    JSON = "json"
    GITHUB = "github"


@app.command(
    epilog="Examples:\n\n"
    "  resolution check samples/pdf samples/text    (every .pdf .txt .xml .md below them)\n\n"
    "  resolution check --strict --format github resolutions/*.pdf    (in a GitHub Actions job)\n\n"
    "  resolution check draft.txt --format json | jq '.findings[] | .code'\n\n" + EXIT_CODES_HELP,
)
@handles_errors
def check(
    inputs: Annotated[
        list[str],
        typer.Argument(help="PDF, text or AKN XML files, folders (searched for .pdf .txt .xml .md), '-' for stdin."),
    ],
    strict: bool = typer.Option(False, "--strict", help="Warnings fail the run too (errors always do)."),
    output_format: Annotated[
        OutputFormat, typer.Option("--format", "-f", help="human, json, or github (workflow annotations).")
    ] = OutputFormat.HUMAN,
    jobs: int = typer.Option(os.cpu_count() or 1, "-j", "--jobs", min=1, help="Parallel processes."),
    quiet: bool = typer.Option(False, "-q", "--quiet", help="No summary on stderr."),
) -> None:
    """Check UN resolutions for CI: findings on stdout, exit 1 when one fails the run."""
    sources = batch.collect(inputs)
    report = Report()
    collected: list[Finding] = []
    printer = _PRINTERS[output_format]

    def show(outcome: Outcome) -> None:
        report.done(outcome.status, outcome.code)
        for line in outcome.lines:
            status_line(f"resolution: error: {line}")
        for finding in outcome.findings:
            report.found(finding.severity, _fails(finding.severity, strict))
        shown = outcome.findings
        if output_format is not OutputFormat.HUMAN:  # machines read stdout only: failures go there too
            shown += _failures(outcome)
        collected.extend(shown)
        printer.each(shown)

    with batch.interruptible():
        batch.run(sources, check_source, jobs, show, weight=Source.weight)
    printer.end(collected, report)
    if not quiet:
        status_line(report.summary())
    if report.exit_code:
        raise typer.Exit(int(report.exit_code))


def _fails(severity: str, strict: bool) -> bool:
    return severity == Severity.ERROR or (strict and severity == Severity.WARNING)


def _failures(outcome: Outcome) -> tuple[Finding, ...]:
    """An input that could not be checked, as an error finding (it fails the run with its own code)."""
    code = "internal-error" if outcome.code is ExitCode.INTERNAL else "unreadable-input"
    prefix = f"{outcome.source}: "
    return tuple(
        Finding(outcome.source, Severity.ERROR.value, code, line.removeprefix(prefix)) for line in outcome.lines
    )


def check_source(source: Source) -> Outcome:
    """Runs in a worker: the findings of one input, or its failure."""
    return batch.guarded(source.name, lambda: _check(source))


def _check(source: Source) -> Outcome:
    data = source.load()
    try:
        resolution = read(data)
    except NotAUNDocument as error:  # a README or a config file among the documents: not ours to judge
        note = Finding(source.name, Severity.INFO.value, "not-a-un-document", f"{error}; passed over")
        return Outcome(source.name, Status.CHECKED, findings=(note,))
    diagnostics = (*resolution.diagnostics, *checks.lead_phrases(resolution), *_schema_errors(resolution))
    lines = _places(data, resolution)
    findings = tuple(_finding(source.name, d, lines) for d in diagnostics)
    return Outcome(source.name, Status.CHECKED, findings=findings)


def _schema_errors(resolution: Resolution) -> Iterator[Diagnostic]:
    """The AKN that `convert -t akn` would write, held against the OASIS schema."""
    exporter = exporters.registry().get(AKN)
    if exporter is None:
        return
    for problem in schema.validate_bytes(exporter.export(resolution, ExportOptions()), "AKN output"):
        message = f"the AKN output breaks the schema (its line {problem.line}): {problem.message}"
        yield Diagnostic("schema-error", message, Severity.ERROR)


def _finding(name: str, diagnostic: Diagnostic, lines: dict[str, int]) -> Finding:
    where = diagnostic.where.rstrip(".")
    return Finding(name, diagnostic.severity.value, diagnostic.code, diagnostic.message, where, lines.get(where, 0))


# --- where in the input: the line a paragraph starts on (text and XML inputs) ---

_BETWEEN_WORDS = r"(?:\s|<[^>]*>)+"  # whitespace, or tags in XML
_WORDS = 5


def _places(data: bytes, resolution: Resolution) -> dict[str, int]:
    """Formula, paragraph and footnote labels -> line; paragraphs are looked for in order, each after the last."""
    if sniff(data) is InputKind.PDF:
        return {}
    text = data.decode("utf-8", "replace")
    places: dict[str, int] = {}
    if (found := _find(text, resolution.formula, 0)) is not None:
        places["formula"] = text.count("\n", 0, found) + 1
    cursor = 0
    for label, para in checks.all_paragraphs(resolution):
        if (found := _find(text, para.text, cursor)) is not None:
            cursor = found
            places[label] = text.count("\n", 0, found) + 1
    for footnote in resolution.footnotes:
        if (found := _find(text, footnote.text, 0)) is not None:
            places[f"footnote {footnote.marker}"] = text.count("\n", 0, found) + 1
    return places


def _find(text: str, paragraph: str, start: int) -> int | None:
    words = paragraph.split()[:_WORDS]
    if not words:
        return None
    match = re.compile(_BETWEEN_WORDS.join(re.escape(w) for w in words)).search(text, start)
    return match.start() if match else None


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
        severity = "note" if finding.severity == Severity.INFO else finding.severity
        return f"{place}: {severity} {finding.code}: {_message(finding)}"


class _GitHub(_Printer):
    """Workflow commands: `::warning file=F,line=N,title=CODE::message` (notes are `::notice`)."""

    def line(self, finding: Finding) -> str:
        command = {"error": "error", "warning": "warning"}.get(finding.severity, "notice")
        properties = [f"file={_escape_property(finding.file)}"]
        if finding.line:
            properties.append(f"line={finding.line}")
        properties.append(f"title={_escape_property(finding.code)}")
        return f"::{command} {','.join(properties)}::{_escape_data(_message(finding))}"


def _message(finding: Finding) -> str:
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
