"""What every command shares: the error wrapper, the exit-code help, and the options they all take.

Options are declared once here as `Annotated` types, so that `-j`, `--engine` or `--max-bytes`
read, complete and explain themselves the same way in every command. Metavars are written as a
person would (`N`, `FORMAT`, `INPUT...`), never as Python types.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, wraps
from typing import Annotated, Any, TypeVar

import typer
from typer._coercion import RuntimeParam, TypeDescriptor, build_runtime_param  # Typer 0.29: see PlainValue
from typer.core import TyperCommand, TyperGroup  # Typer 0.29 (pinned in pyproject.toml): see HelpCommand

from resolution_cli import dask as cluster
from resolution_cli.cli.plain import HANDLED, BadValue, byte_size, dask_address, said, whole_number

# What the commands take from here, though it lives in `plain` (which needs no Typer).
from resolution_cli.cli.plain import jobs_or_cores as jobs_or_cores
from resolution_cli.cli.plain import read_options as read_options
from resolution_cli.cli.plain import running_on as running_on

EXIT_CODES_HELP = (
    "Exit codes: 0 success; 1 findings or differences (check, validate, diff, convert --check); "
    "2 usage error; 3 unreadable input, not a resolution, or an output that cannot be written; "
    "4 internal error; 130 interrupted (Ctrl-C); 143 terminated (SIGTERM)."
)

F = TypeVar("F", bound=Callable[..., Any])
T = TypeVar("T")


class HelpCommand(TyperCommand):
    """A command whose --help reads as a person writes it: Typer 0.29 puts required arguments in
    braces (`{INPUT...}...`) and Python types after names (`INPUT... <list[str]>`); both go.
    Its options' values are converted without pydantic where that is plain (see `PlainValue`)."""

    def get_params(self, ctx: Any) -> list[Any]:
        return plain_values(super().get_params(ctx))

    def get_help(self, ctx: Any) -> str:
        return plain_help(super().get_help(ctx))


class PlainGroup(TyperGroup):
    """The application: its own options (--version, --help, the completion ones) converted as
    `PlainValue` says."""

    def get_params(self, ctx: Any) -> list[Any]:
        return plain_values(super().get_params(ctx))


def plain_values(params: list[Any]) -> list[Any]:
    """`params`, each converting its value through a `PlainValue` (set once, on first use)."""
    for param in params:
        descriptor = getattr(param, "type_descriptor", None)
        if isinstance(descriptor, TypeDescriptor) and getattr(param, "_runtime_param", False) is None:
            param._runtime_param = PlainValue(descriptor.parameter_info, descriptor.annotation, descriptor)
    return params


@dataclass(frozen=True)
class PlainValue(RuntimeParam):
    """Converts an option's or an argument's value as Typer 0.29 would, doing the plain cases itself:
    text (`str(value)`), a list of texts, a flag's bool as it is, and what our own `parser` makes
    of the text (Typer wraps the parser in a pass-through pydantic validator); anything else (a
    path, a choice, a flag given as text) goes to Typer's own conversion, built on first need.
    Typer imports pydantic and builds a TypeAdapter for every option to convert each value, even
    a default or a None, about 120 ms of CPU per `resolution convert` (a fifth of its start-up;
    issue 12)."""

    descriptor: TypeDescriptor

    def _coerce_value(self, value: Any, param: Any, ctx: Any) -> Any:
        parser = self.parameter_info.parser
        if parser is not None:
            return [parser(v) for v in value] if isinstance(value, (list, tuple)) else parser(value)
        if self.annotation is str and isinstance(value, str):
            return value
        if self.annotation == list[str] and isinstance(value, (list, tuple)) and all(isinstance(v, str) for v in value):
            return list(value)
        if self.annotation is bool and isinstance(value, bool):
            return value
        return _typer_own(self.descriptor)._coerce_value(value, param, ctx)


@cache
def _typer_own(descriptor: TypeDescriptor) -> RuntimeParam:
    return build_runtime_param(descriptor)


_BRACED = re.compile(r"\{([A-Z][A-Z.]*?)(?:\.\.\.)?\}(?:\.\.\.)?")
_TYPE_TAG = re.compile(r"(?<=\S) <(?:list\[[^\]]*\]|str|int|float|bool|path|file|[a-z ]+ range)>")


def plain_help(text: str) -> str:
    def argument(match: re.Match[str]) -> str:
        many = match.group(0).endswith("...")
        return match.group(1) + ("..." if many else "")

    return _TYPE_TAG.sub("", _BRACED.sub(argument, text))


def handles_errors(command: F) -> F:
    """Turns an error the command lets out into its line on stderr and its exit code (`plain.said`)."""

    @wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except HANDLED as error:
            raise typer.Exit(said(error)) from None

    return wrapper  # type: ignore[return-value]


def typer_parser(parse: Callable[[Any], T]) -> Callable[[Any], T]:
    """`parse` (of `plain`) as a Typer option's parser: a `BadValue` is Typer's usage error."""

    def parser(text: Any) -> T:
        try:
            return parse(text)
        except BadValue as error:
            raise typer.BadParameter(str(error)) from None

    return parser


Inputs = Annotated[
    list[str],
    typer.Argument(
        metavar="INPUT...",
        help="PDF, text, Akoma Ntoso or Markdown files, folders (searched for the files a reader "
        "recognises), '-' for standard input.",
        show_default=False,
    ),
]
Jobs = Annotated[
    int | None,
    typer.Option(
        "-j", "--jobs", metavar="N", parser=typer_parser(whole_number(1)),
        help="Parallel processes [default: one per core].", show_default=False,
    ),
]  # fmt: skip
DaskAddress = Annotated[
    str | None,
    typer.Option(
        "--dask", metavar="ADDRESS", parser=typer_parser(dask_address), show_default=False,
        help="Run on a Dask cluster instead: its scheduler (tcp://host:8786 or a scheduler .json file), "
        f"or local[:N] for N worker processes started for this run. Needs {cluster.INSTALL}; the workers "
        "must see the files at the same paths (a shared file system).",
    ),
]  # fmt: skip
Quiet = Annotated[bool, typer.Option("-q", "--quiet", help="No progress bar and no summary; errors only.")]
Engine = Annotated[
    str,
    typer.Option(
        "--engine", metavar="ENGINE", help="PDF engine: pdfminer (default) or pdfium [env: RESOLUTION_PDF_ENGINE].",
        show_default=False,
    ),
]  # fmt: skip
Password = Annotated[
    str,
    typer.Option(
        "--password", metavar="PASSWORD", help="The user password of an encrypted PDF [env: RESOLUTION_PDF_PASSWORD].",
        show_default=False,
    ),
]  # fmt: skip
MaxPages = Annotated[
    int,
    typer.Option(
        "--max-pages", metavar="N", parser=typer_parser(whole_number(1)), help="Refuse a PDF with more pages."
    ),
]
MaxBytes = Annotated[
    int,
    typer.Option(
        "--max-bytes", metavar="SIZE", parser=typer_parser(byte_size),
        help="Refuse a larger input (200M, 2G ...) [default: 200M].", show_default=False,
    ),
]  # fmt: skip
NoMastheadCheck = Annotated[
    bool,
    typer.Option("--no-masthead-check", help="Read a PDF even when its first page carries no UN masthead."),
]
