"""`resolution preview`: a document laid out in the terminal for a person checking a conversion."""

from __future__ import annotations

from typing import Annotated

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
from resolution_cli.readers.base import DEFAULT_OPTIONS

EPILOG = (
    "Examples:\n\n"
    "  resolution preview A_RES_78_229.pdf | less -R\n\n"
    "  resolution preview --plain A_RES_78_229.pdf | grep '^operative'\n\n" + EXIT_CODES_HELP
)


@handles_errors
def preview(
    input: Annotated[
        str,
        typer.Argument(
            metavar="INPUT",
            show_default=False,
            help="A PDF, extracted text, Akoma Ntoso or Markdown file; '-' for standard input.",
        ),
    ],
    plain: Annotated[
        bool, typer.Option("--plain", help="Plain text: one 'label<TAB>text' line per paragraph.")
    ] = False,
    engine: Engine = "",
    password: Password = "",
    max_pages: MaxPages = DEFAULT_OPTIONS.max_pages,
    max_bytes: MaxBytes = DEFAULT_OPTIONS.max_bytes,
    no_masthead_check: NoMastheadCheck = False,
) -> None:
    """Show a resolution as it was understood: metadata, structure, footnotes, diagnostics."""
    # here, not at the top: `resolution --help` must not load Rich (start-up budget, issue 12)
    from resolution_cli.preview import (
        plain_lines,
        render,
    )
    from resolution_cli.readers import read  # not at the top either: `--help` must not load the readers

    reading = read_options(engine, password, max_pages, max_bytes, no_masthead_check)
    resolution = read(io.read_input(input, reading.max_bytes), options=reading)
    if plain:
        io.write_stdout("".join(line + "\n" for line in plain_lines(resolution)).encode("utf-8"))
        return
    stdout_console().print(render(resolution))


def register(app: typer.Typer) -> None:
    summary = "Show a resolution as the tool understood it."
    app.command(epilog=EPILOG, cls=HelpCommand, short_help=summary)(preview)
