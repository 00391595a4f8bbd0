"""`resolution convert`: one input in, one format out."""

from __future__ import annotations

import typer

from resolution_cli import exporters
from resolution_cli.cli.app import app, handles_errors
from resolution_cli.cli.io import STDIO, read_input, write_output
from resolution_cli.exporters import ExportOptions
from resolution_cli.readers import read


@app.command(
    epilog="Examples:\n\n"
    "  resolution convert A_RES_78_229.pdf -t akn -o A_RES_78_229.xml\n\n"
    "  cat draft.txt | resolution convert - -t json | jq .meta\n\n",
)
@handles_errors
def convert(
    input: str = typer.Argument(..., help="A PDF, extracted text or AKN XML file; '-' for stdin."),
    to: str = typer.Option("json", "-t", "--to", help="Output format (see `resolution formats`)."),
    output: str = typer.Option(STDIO, "-o", "--output", help="Output file ('-' for stdout)."),
) -> None:
    """Convert a UN resolution into another format."""
    exporter = exporters.get(to)
    resolution = read(read_input(input))
    write_output(output, exporter.export(resolution, ExportOptions()))
