"""What the command line does that needs no Typer: the values of the shared options read from
their text, the errors a command lets out said in one line with their exit codes, and where a
batch runs. `common` gives these to Typer; a plain `convert` (resolution_cli.cli.main) uses them
without importing Typer at all (issue 12: 50-60 ms of CPU of every `resolution convert`)."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from resolution_cli.cli.console import error_line
from resolution_cli.errors import ExitCode, ResolutionError, UsageError
from resolution_cli.readers.base import DEFAULT_OPTIONS, MEBIBYTE, ReadOptions

if TYPE_CHECKING:
    from resolution_cli.batch import Workers


class BadValue(ValueError):
    """An option's text that is no value of it; the message says why (Typer's BadParameter says it)."""


# The exceptions a command may let out, each of which `said` turns into its line and exit code.
HANDLED = (ResolutionError, BrokenPipeError, KeyboardInterrupt)


def said(error: BaseException) -> int:
    """The exit code of a command that let `error` (one of HANDLED) out, having said it: a
    `ResolutionError` in one line on stderr; Ctrl-C and SIGTERM as 130 and 143; a closed pipe
    (`| head`) as a quiet exit."""
    if isinstance(error, BrokenPipeError):
        _silence_stdout()
        return int(ExitCode.OK)
    if isinstance(error, KeyboardInterrupt):  # Ctrl-C, or SIGTERM during a batch (128 + signal number)
        error_line("interrupted")
        return 128 + getattr(error, "signum", 2)
    assert isinstance(error, ResolutionError), error
    error_line(str(error))
    return int(error.exit_code)


def _silence_stdout() -> None:
    """After EPIPE, Python would complain again while flushing stdout at exit."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())


def whole_number(minimum: int) -> Callable[[str | int], int]:
    """A parser for a count option: a whole number of at least `minimum`, said plainly if not.
    (Typer hands a parser the option's default too, already an int.)"""

    def parse(text: str | int) -> int:
        if isinstance(text, int):
            return text
        value = text.strip()
        if not value.isascii() or not value.isdigit() or len(value) > 12 or int(value) < minimum:
            raise BadValue(f"'{text}' is not a whole number of {minimum} or more")
        return int(value)

    return parse


def byte_size(text: str | int) -> int:
    """'200M', '5G', '1048576' -> bytes."""
    if isinstance(text, int):
        return text
    value = text.strip().upper().removesuffix("B")
    scale = {"K": 1024, "M": MEBIBYTE, "G": 1024 * MEBIBYTE}.get(value[-1:], 1)
    digits = value[:-1] if scale > 1 else value
    if not digits.isascii() or not digits.isdigit() or len(digits) > 12 or int(digits) == 0:
        raise BadValue(f"'{text}' is not a size such as 200M, 2G or 1048576")
    return int(digits) * scale


def dask_address(text: str) -> str:
    """`--dask ADDRESS`, checked as the options are read (a usage error before any input is)."""
    from resolution_cli import dask as cluster  # here: only --dask needs it (with uuid and platform: 3-5 ms)

    try:
        cluster.parse_address(text)
    except UsageError as error:
        raise BadValue(str(error)) from None
    return text


def read_options(
    engine: str = "",
    password: str = "",
    max_pages: int = DEFAULT_OPTIONS.max_pages,
    max_bytes: int = DEFAULT_OPTIONS.max_bytes,
    no_masthead_check: bool = False,
) -> ReadOptions:
    """The `ReadOptions` the shared options describe."""
    return ReadOptions(
        engine=engine.strip().lower(),
        password=password,
        max_pages=max_pages,
        max_bytes=max_bytes,
        masthead_check=not no_masthead_check,
    )


def jobs_or_cores(jobs: int | None) -> int:
    return jobs if jobs is not None else os.cpu_count() or 1


@contextmanager
def running_on(jobs: int | None, dask: str | None) -> Iterator[Workers]:
    """Where a batch runs: `-j N` processes here (one per core by default), or the Dask cluster
    `--dask` names (started, for `local`, and stopped around the run)."""
    if dask is None:
        yield jobs_or_cores(jobs)
        return
    if jobs is not None:
        raise UsageError("-j and --dask both say where to run: give one of them (--dask local:N for N local workers)")
    from resolution_cli import dask as cluster

    with cluster.connect(dask) as executor:
        yield executor
