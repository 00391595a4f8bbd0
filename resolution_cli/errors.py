"""One error type for everything the user can get wrong, mapped to documented exit codes."""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    """The same across every command (documented in the README and in --help)."""

    OK = 0
    FINDINGS = 1  # check found problems, convert --check found differences, validate found errors
    USAGE = 2  # bad options or arguments
    UNREADABLE = 3  # an input that cannot be read or is not a resolution
    INTERNAL = 4  # a bug: please report it


class ResolutionError(Exception):
    """A problem with the input that the user can fix; its message is one line that says how."""

    exit_code = ExitCode.UNREADABLE


class UnreadableInput(ResolutionError):
    """The bytes are not a format we read (or are damaged)."""


class NotAResolution(ResolutionError):
    """The file reads, but holds nothing that looks like a UN resolution."""


class NotAUNDocument(NotAResolution):
    """No UN symbol, masthead or enacting formula at all: a README, a configuration file, a list.
    `check` passes such a file over with a note (a repository holds more than resolutions);
    `convert` refuses it as it refuses any input that is not a resolution."""


class NeedsOCR(ResolutionError):
    """A PDF with no text layer: it has to go through OCR first."""


class OutputError(ResolutionError):
    """An output that cannot be written (a full disk, a read-only folder, no permission)."""


class InvalidOutput(ResolutionError):
    """The output this input would give breaks its format's schema: nothing is written."""


class UsageError(ResolutionError):
    exit_code = ExitCode.USAGE
