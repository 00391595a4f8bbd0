"""`resolution convert`: one input to stdout or a file, or many inputs into a folder in parallel."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from resolution_cli import io
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
    Quiet,
    handles_errors,
)
from resolution_cli.cli.converting import convert as converting
from resolution_cli.readers.base import DEFAULT_OPTIONS

# What the command does is `converting`'s (which also reads its plain command lines without Typer).

EPILOG = (
    "Examples:\n\n"
    "  resolution convert A_RES_78_229.pdf -t akn -o A_RES_78_229.xml\n\n"
    "  cat draft.txt | resolution convert - -t json | jq .meta\n\n"
    "  resolution convert pdfs/ -d out/ -t akn -t json -j 4    (a folder, two formats, 4 processes)\n\n"
    "  resolution convert x.pdf -t json -O indent=0    (an option of the format: see `resolution formats --long`)\n\n"
    "  resolution convert pdfs/ -d out/ -t akn --skip-unchanged    (only what changed, as make)\n\n"
    "  resolution convert corpus/ -d out/ -t json --dask tcp://scheduler:8786    (on a Dask cluster)\n\n"
    "  resolution convert pdfs/ -d committed/ -t akn --check --diff    (CI: outputs up to date?)\n\n" + EXIT_CODES_HELP
)


def _format_names() -> list[str]:
    """Shell completion of -t."""
    from resolution_cli import exporters

    return [e.name for e in exporters.exporters()]


@handles_errors
def convert(
    inputs: Inputs,
    to: Annotated[
        list[str] | None,
        typer.Option(
            "-t",
            "--to",
            metavar="FORMAT",
            autocompletion=_format_names,
            show_default=False,
            help="Output format (`resolution formats` lists them); repeat for several [default: json].",
        ),
    ] = None,
    output: Annotated[
        str,
        typer.Option(
            "-o",
            "--output",
            metavar="FILE",
            show_default=False,
            help="Write the one output here ('-', the default, is standard output); missing folders are created.",
        ),
    ] = io.STDIO,
    out_dir: Annotated[
        Path | None,
        typer.Option("-d", "--out-dir", metavar="DIR", help="Write <stem><suffix> per input and format into DIR."),
    ] = None,
    option: Annotated[
        list[str] | None,
        typer.Option(
            "-O",
            "--option",
            metavar="KEY=VALUE",
            show_default=False,
            help="An option of the output format (indent=0 ...); with several -t, FORMAT.KEY=VALUE.",
        ),
    ] = None,
    jobs: Jobs = None,
    dask: DaskAddress = None,
    quiet: Quiet = False,
    skip_unchanged: Annotated[
        bool, typer.Option("--skip-unchanged", help="Skip inputs whose outputs are newer than the input (as make).")
    ] = False,
    check: Annotated[bool, typer.Option("--check", help="Write nothing; exit 1 if an output would change.")] = False,
    diff: Annotated[bool, typer.Option("--diff", help="As --check, and print the unified diff on stdout.")] = False,
    engine: Engine = "",
    password: Password = "",
    max_pages: MaxPages = DEFAULT_OPTIONS.max_pages,
    max_bytes: MaxBytes = DEFAULT_OPTIONS.max_bytes,
    no_masthead_check: NoMastheadCheck = False,
) -> None:
    """Convert UN resolutions: one to standard output or -o FILE, many into -d DIR."""
    # By name: neighbours of one type (four flags, two texts, two numbers) would swap unseen by position.
    code = converting(
        inputs, to=to, output=output, out_dir=out_dir, option=option, jobs=jobs, dask=dask, quiet=quiet,
        skip_unchanged=skip_unchanged, check=check, diff=diff, engine=engine, password=password,
        max_pages=max_pages, max_bytes=max_bytes, no_masthead_check=no_masthead_check,
    )  # fmt: skip
    if code:
        raise typer.Exit(code)


def register(app: typer.Typer) -> None:
    summary = "Convert resolutions to Akoma Ntoso, JSON or Markdown."
    app.command(epilog=EPILOG, cls=HelpCommand, short_help=summary)(convert)
