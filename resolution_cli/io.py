"""Reading inputs and writing outputs: `-` for stdin/stdout, atomic writes for files."""

from __future__ import annotations

import contextlib
import os
import secrets
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
    """Writes `data` beside `path`, then renames it over `path`: readers see the old file or the new
    one, never a part; an interrupted write leaves no temporary file (none has a name on Linux)."""
    directory = path.parent if str(path.parent) else Path(".")
    try:
        directory.mkdir(parents=True, exist_ok=True)
        temporary = _write_unnamed(directory, path.name, data) or _write_named(directory, path.name, data)
    except OSError as error:
        raise UnreadableInput(f"{path}: cannot write ({error.strerror}): check the folder") from None
    try:
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def _write_unnamed(directory: Path, name: str, data: bytes) -> Path | None:
    """Linux: the data goes to an O_TMPFILE file, which gets a name only once complete, so even
    SIGKILL mid-write leaves nothing behind. None where the system or file system cannot."""
    if not hasattr(os, "O_TMPFILE"):
        return None
    try:
        fd = os.open(directory, os.O_TMPFILE | os.O_WRONLY, 0o644)
    except OSError:
        return None
    try:
        _fill(fd, data)
        return _link(fd, directory, f".{name}.{secrets.token_hex(4)}.part")
    finally:
        os.close(fd)


def _link(fd: int, directory: Path, name: str) -> Path | None:
    """Names the O_TMPFILE file `fd` (linkat through /proc, following the link); None without /proc."""
    dir_fd = os.open(directory, os.O_RDONLY | os.O_DIRECTORY)
    try:  # a dir_fd makes os.link use linkat(AT_SYMLINK_FOLLOW)
        os.link(f"/proc/self/fd/{fd}", name, dst_dir_fd=dir_fd, follow_symlinks=True)
    except OSError:
        return None
    finally:
        os.close(dir_fd)
    return directory / name


def _write_named(directory: Path, name: str, data: bytes) -> Path:
    fd, temporary = tempfile.mkstemp(prefix=f".{name}.", suffix=".part", dir=directory)
    try:
        _fill(fd, data)
    except BaseException:
        os.close(fd)
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
    os.close(fd)
    return Path(temporary)


def _fill(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]
    os.fsync(fd)
    if hasattr(os, "fchmod"):  # not on Windows before Python 3.13
        os.fchmod(fd, 0o644)
