"""The `resolution` command: a thin Typer layer over the Python API (resolution_cli.api, batch).

Each command lives in a module of its own that knows nothing of this one; this module builds the
Typer application from them and runs it. Usage errors are printed in the tool's one-line form,
`resolution: error: ...`, with a hint, and exit 2, whatever Typer or its option parser would say.
"""

from __future__ import annotations

import difflib
import re
import sys

import typer

# Typer 0.29 carries its own copy of Click; its usage errors are this class (the version is pinned
# in pyproject.toml because this import, the help layout and the messages depend on it).
from typer._click.exceptions import ClickException, NoArgsIsHelpError, NoSuchOption, UsageError

from resolution_cli import __version__
from resolution_cli.cli import check, convert, diff, formats, info, preview, validate
from resolution_cli.cli.common import EXIT_CODES_HELP, PlainGroup, plain_help
from resolution_cli.cli.console import error_line
from resolution_cli.errors import ExitCode

PROGRAM = "resolution"


def _version(value: bool) -> None:
    if value:
        typer.echo(f"{PROGRAM} {__version__}")
        raise typer.Exit()


def _main_options(
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Print the version and exit."
    ),
) -> None:
    """Convert United Nations resolutions into structured formats."""


def build_app() -> typer.Typer:
    app = typer.Typer(
        name=PROGRAM,
        help="Convert United Nations resolutions (PDF, extracted text, Akoma Ntoso or Markdown) into "
        "Akoma Ntoso XML (AKN4UN), JSON and Markdown.\n\n" + EXIT_CODES_HELP,
        no_args_is_help=True,
        add_completion=True,
        pretty_exceptions_enable=False,
        rich_markup_mode=None,
        cls=PlainGroup,
    )
    app.callback()(_main_options)
    for module in (convert, check, preview, diff, info, validate, formats):
        module.register(app)
    return app


app = build_app()


def main(argv: list[str] | None = None) -> None:
    """The console script: runs the app, and says any usage error in one line."""
    try:
        code = app(args=argv, prog_name=PROGRAM, standalone_mode=False)
    except NoArgsIsHelpError as error:  # `resolution` alone: the help, as the usage it lacked
        sys.stderr.write(plain_help(error.format_message()) + "\n")
        sys.exit(int(ExitCode.USAGE))
    except UsageError as error:
        error_line(usage_message(error))
        sys.exit(int(ExitCode.USAGE))
    except ClickException as error:
        error_line(error.format_message())
        sys.exit(int(ExitCode.USAGE))
    except Exception as error:  # a bug, not the user's fault: say so in one line
        error_line(f"internal error: {type(error).__name__}: {error} (please report this)")
        sys.exit(int(ExitCode.INTERNAL))
    sys.exit(code if isinstance(code, int) else 0)


def usage_message(error: UsageError) -> str:
    """`error` as one line with a hint: what was wrong, then where to read how it is done."""
    context = error.ctx
    command = context.command_path if context is not None else PROGRAM
    if isinstance(error, NoSuchOption):
        message = f"no option {error.option_name}"
        close = difflib.get_close_matches(error.option_name, list(error.possibilities or ()), n=1, cutoff=0.7)
        if close:
            message += f" (did you mean {close[0]}?)"
    else:
        message = _plain(error.format_message())
    return f"{message}: see '{command} --help'"


def _plain(message: str) -> str:
    """Typer's message in the tool's words: one line, the option by its long name, no closing stop."""
    message = " ".join(message.split())
    message = message.replace("Invalid value for ", "").replace("Value error, ", "")
    message = _OPTION_NAMES.sub(_long_name, message)  # "'-j' / '--jobs': x" -> "--jobs: x"
    message = _MISSING.sub(r"missing \1", message)  # "Missing argument 'INPUT...'." -> "missing INPUT..."
    if message.endswith(".") and not message.endswith("..."):
        message = message[:-1]
    return message[:1].lower() + message[1:]


_OPTION_NAMES = re.compile(r"^'-{1,2}[\w-]+'(?: / '-{1,2}[\w-]+')*: ")
_MISSING = re.compile(r"^Missing (?:argument|option|parameter) '([^']{1,80})'\.?")


def _long_name(match: re.Match[str]) -> str:
    names: list[str] = re.findall(r"'(-{1,2}[\w-]+)'", match.group(0))
    return max(names, key=len) + ": "
