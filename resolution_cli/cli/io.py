"""Reading inputs and writing outputs: `-` for stdin/stdout, atomic writes for files."""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile
from pathlib import Path

from resolution_cli.errors import UnreadableInput, UsageError

STDIO = "-"


def read_input(name: str) -> bytes:
    """The bytes of `name`, or of standard input for '-'."""
    if name == STDIO:
        if sys.stdin is None or sys.stdin.isatty():
            raise UsageError("no input: give a file, or pipe a document into '-'")
        return sys.stdin.buffer.read()
    path = Path(name)
    if path.is_dir():
        raise UsageError(f"{name}: is a directory: give a file")
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise UnreadableInput(f"{name}: no such file: check the path") from None
    except PermissionError:
        raise UnreadableInput(f"{name}: permission denied: check the file's permissions") from None
    except OSError as error:
        raise UnreadableInput(f"{name}: cannot read ({error.strerror})") from None


def write_output(name: str, data: bytes) -> None:
    """Writes `data` to `name` (stdout for '-'); a file is replaced atomically, never half-written."""
    if name == STDIO:
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return
    write_atomic(Path(name), data)


def write_atomic(path: Path, data: bytes) -> None:
    """Writes to a temporary file beside `path`, then renames it over `path`."""
    directory = path.parent if str(path.parent) else Path(".")
    try:
        directory.mkdir(parents=True, exist_ok=True)
        fd, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=directory)
    except OSError as error:
        raise UnreadableInput(f"{path}: cannot write ({error.strerror}): check the folder") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
