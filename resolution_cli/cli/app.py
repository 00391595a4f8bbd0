"""The `resolution` command: a thin Typer layer over the parsing core and the exporters."""

from __future__ import annotations

import sys
from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

import typer

from resolution_cli import __version__
from resolution_cli.cli.console import error_line
from resolution_cli.errors import ExitCode, ResolutionError

EXIT_CODES_HELP = (
    "Exit codes: 0 success; 1 findings or differences (check, validate, convert --check); "
    "2 usage error; 3 unreadable input or not a resolution; 4 internal error."
)

app = typer.Typer(
    name="resolution",
    help="Convert United Nations resolutions (PDF, extracted text or Akoma Ntoso) into "
    "Akoma Ntoso XML (AKN4UN), JSON and Markdown.\n\n" + EXIT_CODES_HELP,
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)

F = TypeVar("F", bound=Callable[..., Any])


def handles_errors(command: F) -> F:
    """Turns a `ResolutionError` into one line on stderr and its exit code; a bug into exit 4."""

    @wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except ResolutionError as error:
            error_line(str(error))
            raise typer.Exit(int(error.exit_code)) from None
        except BrokenPipeError:
            sys.stderr.close()
            raise typer.Exit(int(ExitCode.OK)) from None
        except KeyboardInterrupt as interrupt:  # Ctrl-C, or SIGTERM during a batch (128 + signal number)
            error_line("interrupted")
            raise typer.Exit(128 + getattr(interrupt, "signum", 2)) from None

    return wrapper  # type: ignore[return-value]


def _version(value: bool) -> None:
    if value:
        typer.echo(f"resolution {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Print the version and exit."
    ),
) -> None:
    """Convert United Nations resolutions into structured formats."""


def _register_commands() -> None:
    from resolution_cli.cli import check, convert, diff, formats, info, preview, validate  # noqa: F401  (commands register on import)


def main() -> None:
    _register_commands()
    try:
        app()
    except Exception as error:  # a bug, not the user's fault: say so in one line
        error_line(f"internal error: {type(error).__name__}: {error} (please report this)")
        sys.exit(int(ExitCode.INTERNAL))
