"""`resolution validate`: hold Akoma Ntoso files against the official OASIS schema (bundled, offline).

Each problem is one line on stdout, `file:line: message`, as compilers write them (editors and CI
jump to the place); the summary goes to stderr. Exit 0 when every file is valid, 1 when one is not,
3 when a file cannot be read or is not well-formed XML (the worst wins).
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from typing import Annotated

import typer

from resolution_cli import schema
from resolution_cli.cli.app import EXIT_CODES_HELP, app, handles_errors
from resolution_cli.cli.console import error_line
from resolution_cli.errors import ExitCode, ResolutionError
from resolution_cli.io import STDIO, read_input


@dataclass(frozen=True, slots=True)
class Verdict:
    name: str
    problems: tuple[schema.Problem, ...] = ()
    error: str = ""  # why the file could not be read or parsed
    code: ExitCode = ExitCode.OK


def judge(name: str) -> Verdict:
    """The schema's verdict on one file (never raises for the file's own faults)."""
    label = "<stdin>" if name == STDIO else name
    try:
        problems = tuple(schema.validate_bytes(read_input(name), label))
    except ResolutionError as error:
        return Verdict(label, error=str(error), code=error.exit_code)
    return Verdict(label, problems, code=ExitCode.FINDINGS if problems else ExitCode.OK)


@app.command(
    epilog="Examples:\n\n"
    "  resolution validate A_RES_78_229.xml\n\n"
    "  resolution convert draft.pdf -t akn | resolution validate -\n\n" + EXIT_CODES_HELP,
)
@handles_errors
def validate(
    files: Annotated[list[str], typer.Argument(help="Akoma Ntoso XML files; '-' for stdin.")],
    quiet: bool = typer.Option(False, "-q", "--quiet", help="No summary on stderr."),
) -> None:
    """Validate Akoma Ntoso files against the official OASIS schema: 'file:line: message' per problem."""
    verdicts = [judge(name) for name in files]
    for verdict in verdicts:
        if verdict.error:
            error_line(verdict.error)
        for problem in verdict.problems:
            sys.stdout.write(f"{verdict.name}:{problem.line}: {problem.message}\n")
    sys.stdout.flush()
    if not quiet:
        sys.stderr.write(summary(verdicts) + "\n")
    worst = max((v.code for v in verdicts), default=ExitCode.OK)
    if worst:
        raise typer.Exit(int(worst))


def summary(verdicts: list[Verdict]) -> str:
    """'3 files: 2 valid, 1 invalid (4 problems).'"""
    valid = sum(1 for v in verdicts if v.code is ExitCode.OK)
    invalid = sum(1 for v in verdicts if v.problems)
    unreadable = len(verdicts) - valid - invalid
    problems = sum(len(v.problems) for v in verdicts)
    parts = [f"{valid} valid"]
    if invalid:
        parts.append(f"{invalid} invalid ({problems} problem{'s' if problems != 1 else ''})")
    if unreadable:
        parts.append(f"{unreadable} unreadable")
    total = len(verdicts)
    return f"{total} file{'s' if total != 1 else ''}: {', '.join(parts)}."
