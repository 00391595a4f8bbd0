"""The `resolution` command line: `app` builds it from one module per command; `main` reads a
plain `convert` without it (see `converting`); `run` is the program."""

from __future__ import annotations

import atexit
import os
import sys

from resolution_cli.cli.converting import plain_arguments, run_plain

# The exit code of the run, once `main()` has said it (see `run`).
_exit_code: list[int] = []


def main(argv: list[str] | None = None) -> None:
    """The command line `argv` (sys.argv's by default): a plain `convert` run at once, anything
    else by the Typer application (`app.main`); exits with the command's code."""
    arguments = plain_arguments(sys.argv[1:] if argv is None else argv)
    if arguments is not None:
        sys.exit(run_plain(arguments))
    from resolution_cli.cli.app import main as typer_main

    typer_main(argv)


def run() -> None:
    """The program `resolution` (the console script, `python -m resolution_cli`): `main()`, then
    out of the process without tearing the interpreter down. Python would free every module and
    object one by one, for nothing since the process ends: 15-25 ms of CPU after a one-document
    `convert` (callgrind: 67 M instructions of 1,575 M; issue 12). Exit functions registered during
    the run (logging's, multiprocessing's, temporary folders') still run, before this one."""
    atexit.register(_leave)  # registered before the run's own, so called after them
    try:
        main()
    except SystemExit as exit_:
        if isinstance(exit_.code, int):
            _exit_code.append(exit_.code)
        raise


def _leave() -> None:
    if not _exit_code:  # not an exit `main()` said (an exception no handler took): Python's own
        return
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError):  # a closed pipe or stream: Python's own exit reports it, as it always did
        return
    os._exit(_exit_code[-1])
