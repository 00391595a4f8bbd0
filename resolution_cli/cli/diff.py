"""`resolution diff OLD NEW`: what changed between two resolutions, paragraph by paragraph.

Options -> `resolution_cli.diff.diff` -> a report (resolution_cli.diff.render) -> stdout or -o.
Exit 0 when the documents are the same, 1 when they differ (as diff(1)), 3 when one cannot be
read.
"""

from __future__ import annotations

from typing import Annotated

import typer

from resolution_cli.cli.app import app, handles_errors
from resolution_cli.cli.preview import stdout_console
from resolution_cli.diff import diff as compare
from resolution_cli.diff.render import ReportFormat, ReportOptions, report, terminal
from resolution_cli.errors import ExitCode, ResolutionError, UsageError
from resolution_cli.io import STDIO, read_input, write_output
from resolution_cli.model import Resolution
from resolution_cli.readers import read


def _read(name: str) -> Resolution:
    try:
        return read(read_input(name))
    except ResolutionError as error:
        label = "<stdin>" if name == STDIO else name
        message = str(error)
        raise type(error)(message if message.startswith(f"{label}:") else f"{label}: {message}") from None


@app.command(
    epilog="Examples:\n\n"
    "  resolution diff A_80_L.6.pdf A_RES_80_4.pdf    (a draft against the adopted text)\n\n"
    "  resolution diff A_RES_73_8.pdf A_RES_80_4.pdf --side-by-side | less\n\n"
    "  resolution diff old.pdf new.pdf --format html -o changes.html\n\n"
    "  resolution diff old.xml new.xml --format json | jq '.body[] | select(.op != \"unchanged\")'\n\n"
    "  resolution diff old.pdf new.pdf --stat\n\n"
    "Exit codes: 0 the same (typesetting aside); 1 different; 2 usage error; 3 unreadable input "
    "or not a resolution; 4 internal error.",
)
@handles_errors
def diff(
    old: str = typer.Argument(..., metavar="OLD", help="The earlier text: PDF, text, AKN XML or Markdown; '-': stdin."),
    new: str = typer.Argument(..., metavar="NEW", help="The later text, in any of the same forms; '-': stdin."),
    format: Annotated[
        ReportFormat,
        typer.Option("--format", "-f", help="terminal (Rich redline), md, json or html.", case_sensitive=False),
    ] = ReportFormat.TERMINAL,
    side_by_side: bool = typer.Option(False, "--side-by-side", "-y", help="Old and new in two columns."),
    stat: bool = typer.Option(False, "--stat", help="Counts only: how many paragraphs changed, were added ..."),
    show_all: bool = typer.Option(False, "--all", "-a", help="List unchanged paragraphs too."),
    output: str = typer.Option(STDIO, "-o", "--output", help="Write the report to this file ('-': stdout)."),
) -> None:
    """Compare two resolutions by their structure: paragraphs added, deleted, moved, renumbered,
    changed (word by word, lead phrases named), split or merged; metadata and footnotes."""
    if old == STDIO and new == STDIO:
        raise UsageError("only one of OLD and NEW can be '-' (standard input)")
    result = compare(_read(old), _read(new))
    options = ReportOptions(format, side_by_side, stat, show_all)
    console = stdout_console()
    if format is ReportFormat.TERMINAL and not stat and output == STDIO and console.is_terminal:
        console.print(terminal.render(result, not console.no_color, side_by_side, show_all))
    else:
        write_output(output, report(result, options))
    if not result.same:
        raise typer.Exit(int(ExitCode.FINDINGS))
