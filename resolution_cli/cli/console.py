"""The stderr console: everything that is not the document goes here."""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.console import Console


def stderr_console() -> Console:
    """Rich on stderr; colour only on a terminal and never with NO_COLOR set."""
    from rich.console import (
        Console,  # here, not at the top: `resolution --help` must not load Rich (start-up budget, issue 12)
    )

    no_color = bool(os.environ.get("NO_COLOR"))
    return Console(
        file=sys.stderr,
        no_color=no_color,
        highlight=False,
        soft_wrap=True,
        force_terminal=None if not no_color else False,
    )


def error_line(message: str) -> None:
    """One line on stderr: 'resolution: error: ...'."""
    sys.stderr.write(f"resolution: error: {message}\n")
    sys.stderr.flush()


def internal_error(error: Exception) -> str:
    """What to say of an exception no handler expected: a bug, not the user's fault."""
    return f"internal error: {type(error).__name__}: {error} (please report this)"


def status_line(text: str) -> None:
    """One line of status on stderr (stdout carries only what was asked for)."""
    sys.stderr.write(text + "\n")
    sys.stderr.flush()


def stdout_console() -> Console:
    """Rich on stdout (a preview or a table is the requested output): styles only on a terminal,
    and none at all with NO_COLOR set, so that piped or NO_COLOR output carries no escape codes."""
    from rich.console import (
        Console,  # here, not at the top: `resolution --help` must not load Rich (start-up budget, issue 12)
    )

    no_color = bool(os.environ.get("NO_COLOR"))
    return Console(
        file=sys.stdout,
        no_color=no_color,
        force_terminal=False if no_color else None,
        highlight=False,
        emoji=False,
    )
