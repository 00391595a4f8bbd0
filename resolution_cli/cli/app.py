"""The `resolution` command: a thin Typer layer over the Python API (resolution_cli.api, batch).

Each command lives in a module of its own that knows nothing of this one; this module builds the
Typer application from them and runs it. Usage errors are printed in the tool's one-line form,
`resolution: error: ...`, with a hint, and exit 2, whatever Typer or its option parser would say.
"""

from __future__ import annotations

import difflib
import re
import sys
from collections.abc import Iterator, MutableMapping
from importlib import import_module
from typing import Any

import typer
import typer.main

# Typer 0.29 carries its own copy of Click; its usage errors are this class (the version is pinned
# in pyproject.toml because this import, the help layout and the messages depend on it).
from typer._click.core import Command
from typer._click.exceptions import ClickException, NoArgsIsHelpError, NoSuchOption, UsageError

from resolution_cli import __version__
from resolution_cli.cli.common import EXIT_CODES_HELP, PlainGroup, plain_help
from resolution_cli.cli.console import error_line, internal_error
from resolution_cli.errors import ExitCode

PROGRAM = "resolution"

# The commands, in the order `resolution --help` lists them: each is the module of this package of
# the same name, whose `register(app)` declares it.
COMMANDS = ("convert", "check", "preview", "diff", "info", "validate", "formats")


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
        cls=CommandGroup,
    )
    app.callback()(_main_options)
    return app


class CommandGroup(PlainGroup):
    """The application, whose commands are built only when asked for (see `LazyCommands`)."""

    def __init__(self, **attrs: Any) -> None:
        super().__init__(**attrs)
        self.commands = LazyCommands(COMMANDS, self.rich_markup_mode)


class LazyCommands(MutableMapping[str, Command]):
    """The commands by name, each built on first use: its module imported, a Typer app of its
    own given it, and Typer's Click command made from that. A run builds only the command it
    invokes (`--help` and completion, which list them all, build them all): importing the other
    six and making their options (each option's signature and type hints read three times by
    Typer) cost about 25 ms of CPU of every `resolution convert` process (issue 12)."""

    def __init__(self, names: tuple[str, ...], markup: Any) -> None:
        self._built: dict[str, Command | None] = dict.fromkeys(names)
        self._markup = markup

    def __getitem__(self, name: str) -> Command:
        command = self._built[name]  # KeyError for a name that is no command
        if command is None:
            command = self._built[name] = self._build(name)
        return command

    def _build(self, name: str) -> Command:
        own = typer.Typer(add_completion=False, rich_markup_mode=self._markup)
        import_module(f"{__package__}.{name}").register(own)
        command = typer.main.get_command(own)
        assert command.name == name, f"module {name} registers the command {command.name}"
        return command

    def __setitem__(self, name: str, command: Command) -> None:
        self._built[name] = command

    def __delitem__(self, name: str) -> None:
        del self._built[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._built)

    def __len__(self) -> int:
        return len(self._built)


app = build_app()


def main(argv: list[str] | None = None) -> None:
    """Runs the app, and says any usage error in one line (`resolution_cli.cli.main` hands it every
    command line but a plain `convert`)."""
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
        error_line(internal_error(error))
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
