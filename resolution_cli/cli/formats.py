"""`resolution formats`: the registered exporters (and, with --long, their options and the readers)."""

from __future__ import annotations

from typing import Annotated

import typer

from resolution_cli.cli.common import EXIT_CODES_HELP, HelpCommand, handles_errors

EPILOG = (
    "Examples:\n\n"
    "  for f in $(resolution formats); do resolution convert x.pdf -t $f -o x.$f; done\n\n"
    "  resolution formats --long    (suffixes, descriptions, each format's -O options, the input kinds)\n\n"
    + EXIT_CODES_HELP
)


@handles_errors
def formats(
    long: Annotated[bool, typer.Option("--long", "-l", help="Also show suffixes, descriptions and options.")] = False,
) -> None:
    """List the output formats, one per line (--long: and the PDF engines)."""
    # here, not at the top: `resolution --help` must not load the registries (issue 12)
    from resolution_cli import exporters, readers

    for exporter in exporters.exporters():
        if not long:
            typer.echo(exporter.name)
            continue
        typer.echo(f"{exporter.name}\t{exporter.suffix}\t{exporter.description}")
        for spec in exporter.option_specs():
            typer.echo(f"\t-O {spec.name}=<{spec.kind.__name__}> (default {spec.default!r}): {spec.help}")
    if long:
        typer.echo("")
        typer.echo("input kinds:")
        for reader in readers.readers():
            typer.echo(f"{reader.name}\t{' '.join(reader.suffixes)}\t{reader.description}")
        from resolution_cli.readers.pdf.engines import ENGINES  # only for --long: the readers stay unimported

        typer.echo("\nPDF engines (--engine):")
        for engine in ENGINES:
            state = "installed" if engine.available else f"not installed: {engine.install}"
            typer.echo(f"{engine.name}\t{state}\t{engine.description}")


def register(app: typer.Typer) -> None:
    summary = "List the output formats."
    app.command(epilog=EPILOG, cls=HelpCommand, short_help=summary)(formats)
