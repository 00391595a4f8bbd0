"""`resolution diff OLD NEW`: what changed between two resolutions, paragraph by paragraph.

Options -> `resolution_cli.diff.diff` -> a report (resolution_cli.diff.render) -> stdout or -o.
Exit 0 when the documents are the same, 1 when they differ (as diff(1)), 3 when one cannot be
read.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from resolution_cli import io
from resolution_cli.cli.common import (
    EXIT_CODES_HELP,
    Engine,
    HelpCommand,
    MaxBytes,
    MaxPages,
    NoMastheadCheck,
    Password,
    handles_errors,
    read_options,
)
from resolution_cli.cli.console import stdout_console
from resolution_cli.diff.formats import ReportFormat, ReportOptions
from resolution_cli.errors import ExitCode, ResolutionError, UsageError
from resolution_cli.readers.base import DEFAULT_OPTIONS, ReadOptions

if TYPE_CHECKING:
    from resolution_cli.model import Resolution

EPILOG = (
    "Examples:\n\n"
    "  resolution diff A_80_L.6.pdf A_RES_80_4.pdf    (a draft against the adopted text)\n\n"
    "  resolution diff A_RES_73_8.pdf A_RES_80_4.pdf --side-by-side | less\n\n"
    "  resolution diff old.pdf new.pdf --format html -o changes.html\n\n"
    "  resolution diff old.xml new.xml --format json | jq '.body[] | select(.op != \"unchanged\")'\n\n"
    "  resolution diff old.pdf new.pdf --stat\n\n"
    "As diff(1): exit 0 when the documents are the same (typesetting aside), 1 when they differ.\n\n" + EXIT_CODES_HELP
)


def _read(name: str, reading: ReadOptions) -> Resolution:
    from resolution_cli.readers import read  # here, not at the top: `--help` must not load the readers (issue 12)

    try:
        return read(io.read_input(name, reading.max_bytes), options=reading)
    except ResolutionError as error:
        label, message = io.label(name), str(error)
        raise type(error)(message if message.startswith(f"{label}:") else f"{label}: {message}") from None


@handles_errors
def diff(
    old: Annotated[
        str,
        typer.Argument(
            metavar="OLD", show_default=False, help="The earlier text: PDF, text, AKN or Markdown; '-': stdin."
        ),
    ],
    new: Annotated[
        str,
        typer.Argument(metavar="NEW", show_default=False, help="The later text, in any of those forms; '-': stdin."),
    ],
    format: Annotated[
        ReportFormat,
        typer.Option("--format", "-f", help="terminal (Rich redline), md, json or html.", case_sensitive=False),
    ] = ReportFormat.TERMINAL,
    side_by_side: Annotated[bool, typer.Option("--side-by-side", "-y", help="Old and new in two columns.")] = False,
    stat: Annotated[
        bool, typer.Option("--stat", help="Counts only: how many paragraphs changed, were added ...")
    ] = False,
    show_all: Annotated[bool, typer.Option("--all", "-a", help="List unchanged paragraphs too.")] = False,
    output: Annotated[
        str, typer.Option("-o", "--output", help="Write the report to this file ('-': stdout).")
    ] = io.STDIO,
    engine: Engine = "",
    password: Password = "",
    max_pages: MaxPages = DEFAULT_OPTIONS.max_pages,
    max_bytes: MaxBytes = DEFAULT_OPTIONS.max_bytes,
    no_masthead_check: NoMastheadCheck = False,
) -> None:
    """Compare two resolutions by their structure: paragraphs added, deleted, moved, renumbered,
    changed (word by word, lead phrases named), split or merged; metadata and footnotes."""
    # here, not at the top: `resolution --help` must not load the engine, lxml or Rich (start-up budget, issue 12)
    from resolution_cli.diff import diff as compare
    from resolution_cli.diff.render import report, terminal

    if old == io.STDIO and new == io.STDIO:
        raise UsageError("only one of OLD and NEW can be '-' (standard input)")
    if output != io.STDIO:
        io.check_output_path(output)
        if any(name != io.STDIO and io.same_file(output, name) for name in (old, new)):
            raise UsageError(f"{io.printable(output)}: is one of the inputs: write the report elsewhere")
    reading = read_options(engine, password, max_pages, max_bytes, no_masthead_check)
    result = compare(_read(old, reading), _read(new, reading))
    options = ReportOptions(format, side_by_side, stat, show_all)
    console = stdout_console()
    if format is ReportFormat.TERMINAL and not stat and output == io.STDIO and console.is_terminal:
        console.print(terminal.render(result, not console.no_color, side_by_side, show_all))
    else:
        io.write_output(output, report(result, options))
    if not result.same:
        raise typer.Exit(int(ExitCode.FINDINGS))


def register(app: typer.Typer) -> None:
    summary = "Compare two resolutions paragraph by paragraph: what changed, word by word."
    app.command(epilog=EPILOG, cls=HelpCommand, short_help=summary)(diff)
