"""`resolution preview`: a document laid out in the terminal for a person checking a conversion."""

from __future__ import annotations

import os
import sys

import typer
from rich.console import Console

from resolution_cli.cli import read_options as ro
from resolution_cli.cli.app import app, handles_errors
from resolution_cli.cli.io import read_input
from resolution_cli.preview import plain_lines, render
from resolution_cli.readers import read


def stdout_console() -> Console:
    """Rich on stdout (the preview is the requested output): styles only on a terminal, and none
    at all with NO_COLOR set, so that piped or NO_COLOR output carries no escape codes."""
    no_color = bool(os.environ.get("NO_COLOR"))
    return Console(
        file=sys.stdout,
        no_color=no_color,
        force_terminal=False if no_color else None,
        highlight=False,
        emoji=False,
    )


@app.command(
    epilog="Examples:\n\n"
    "  resolution preview A_RES_78_229.pdf | less -R\n\n"
    "  resolution preview --plain A_RES_78_229.pdf | grep '^operative'\n\n",
)
@handles_errors
def preview(
    input: str = typer.Argument(
        ..., metavar="INPUT", help="A PDF, extracted text, AKN XML or Markdown file; '-' for stdin."
    ),
    plain: bool = typer.Option(False, "--plain", help="Plain text: one 'label<TAB>text' line per paragraph."),
    engine: ro.Engine = "",
    password: ro.Password = "",
    no_masthead_check: ro.NoMastheadCheck = False,
) -> None:
    """Show a resolution as it was understood: metadata, structure, footnotes, diagnostics."""
    resolution = read(read_input(input), ro.read_options(engine, password, no_masthead_check))
    if plain:
        sys.stdout.write("".join(line + "\n" for line in plain_lines(resolution)))
        sys.stdout.flush()
        return
    stdout_console().print(render(resolution))
