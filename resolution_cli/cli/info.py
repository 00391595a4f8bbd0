"""`resolution info`: one row per document, for a quick look at many conversions at once."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table

from resolution_cli.cli import read_options as ro
from resolution_cli.cli.app import app, handles_errors
from resolution_cli.cli.console import error_line
from resolution_cli.cli.io import read_input
from resolution_cli.cli.preview import stdout_console
from resolution_cli.errors import ExitCode, ResolutionError
from resolution_cli.model import DocumentKind, Resolution, Role, iter_paragraphs
from resolution_cli.readers import read
from resolution_cli.readers.base import ReadOptions

# (JSON key, table heading); the table's "date" is the adoption date, else the issue date.
COLUMNS = (
    ("input", "input"),
    ("symbol", "symbol"),
    ("kind", "kind"),
    ("date", "date"),
    ("preambular", "pre"),
    ("operative", "op"),
    ("footnotes", "fn"),
    ("diagnostics", "diag"),
)


def summary(name: str, resolution: Resolution) -> dict[str, Any]:
    """What `info` shows of one document, keys in `COLUMNS` order."""
    meta = resolution.meta
    body_preambular = [p for p in iter_paragraphs(resolution.body) if p.role is Role.PREAMBULAR]
    return {
        "input": name,
        "symbol": meta.symbol,
        "kind": meta.kind.value,
        "date": meta.adoption_date or meta.issue_date,
        "preambular": len(resolution.preamble) + len(body_preambular),
        "operative": len(resolution.operative()),
        "footnotes": len(resolution.footnotes),
        "diagnostics": len(resolution.diagnostics),
    }


# The table is for 80 columns: file names without their folder, "draft" for a draft resolution
# (--json keeps both in full).
_SHORT_KIND = {DocumentKind.DRAFT_RESOLUTION.value: "draft"}


def _table(rows: list[dict[str, Any]]) -> Table:
    table = Table(box=None, pad_edge=False, padding=(0, 1, 0, 0), header_style="bold underline")
    for key, heading in COLUMNS:
        numeric = isinstance(rows[0][key], int)
        table.add_column(heading, justify="right" if numeric else "left", no_wrap=key != "input", overflow="fold")
    for row in rows:
        cells = {**row, "input": Path(row["input"]).name, "kind": _SHORT_KIND.get(row["kind"], row["kind"])}
        table.add_row(*(str(cells[key]) for key, _ in COLUMNS))
    return table


def _read_one(name: str, options: ReadOptions) -> dict[str, Any]:
    try:
        return summary(name, read(read_input(name), options))
    except ResolutionError as error:
        message = str(error)
        raise type(error)(message if message.startswith(f"{name}:") else f"{name}: {message}") from None


@app.command(
    epilog="Examples:\n\n"
    "  resolution info samples/pdf/*.pdf\n\n"
    "  resolution info --json *.xml | jq '.[] | select(.diagnostics > 0) | .input'\n\n",
)
@handles_errors
def info(
    inputs: Annotated[
        list[str], typer.Argument(metavar="INPUT", help="PDF, text, AKN XML or Markdown files; '-' for stdin.")
    ],
    as_json: bool = typer.Option(False, "--json", help="A JSON array, one object per document."),
    engine: ro.Engine = "",
    password: ro.Password = "",
    no_masthead_check: ro.NoMastheadCheck = False,
) -> None:
    """One row per document: symbol, kind, date, paragraph, footnote and diagnostic counts."""
    options = ro.read_options(engine, password, no_masthead_check)
    rows: list[dict[str, Any]] = []
    worst = ExitCode.OK
    for name in inputs:
        try:
            rows.append(_read_one(name, options))
        except ResolutionError as error:  # report it, carry on with the others
            error_line(str(error))
            worst = max(worst, error.exit_code)
    if as_json:
        sys.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2) + "\n")
    elif rows:
        stdout_console().print(_table(rows))
    if worst:
        raise typer.Exit(int(worst))
