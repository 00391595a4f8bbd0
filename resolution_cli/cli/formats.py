"""`resolution formats`: the registered exporters."""

from __future__ import annotations

import typer

from resolution_cli import exporters
from resolution_cli.cli.app import app, handles_errors


@app.command(epilog="Example:\n\n  for f in $(resolution formats); do resolution convert x.pdf -t $f -o x.$f; done\n\n")
@handles_errors
def formats(
    long: bool = typer.Option(False, "--long", "-l", help="Also show file suffix and description."),
) -> None:
    """List the output formats, one per line (--long: and the PDF engines)."""
    for exporter in exporters.exporters():
        if long:
            typer.echo(f"{exporter.name}\t{exporter.suffix}\t{exporter.description}")
        else:
            typer.echo(exporter.name)
    if long:
        from resolution_cli.readers.pdf.engines import ENGINES  # only for --long: the readers stay unimported

        typer.echo("\nPDF engines (--engine):")
        for engine in ENGINES:
            state = "installed" if engine.available else f"not installed: {engine.install}"
            typer.echo(f"{engine.name}\t{state}\t{engine.description}")
