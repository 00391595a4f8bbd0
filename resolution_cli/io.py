"""Every rule about reading inputs and writing outputs: `-`, paths, devices, symlinks, atomic writes.

Reading is bounded: a regular file larger than the limit is refused before it is read, and a pipe,
FIFO or device is read up to the limit and no further (`/dev/zero` ends with an error, not an
exhausted machine); a FIFO with no writer is waited for a bounded time.

Writing follows `cp`, `pandoc -o` and shell redirection:
- a regular file (new or existing) is replaced atomically: the data goes to a temporary file in the
  same folder that is renamed over the target once complete, so a reader sees the old file or the
  new one, never a part, and an interrupted run leaves no temporary (on Linux the temporary has no
  name until it is complete). An existing file keeps its mode and, where the system allows, owner;
  a new file gets 0666 less the umask, as the shell's `>` gives it.
- a symlink is followed: its target is replaced as above and the link itself is kept.
- anything else that exists (a character device such as a null device, a FIFO, /dev/stdout) is
  opened and written directly, never renamed over.
- missing parent folders are created.
Failures are `OutputError`s (exit 3) that name the path and the cause: never a traceback.
"""

from __future__ import annotations

import contextlib
import os
import select
import signal
import stat
import sys
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path

from resolution_cli.errors import OutputError, UnreadableInput, UsageError

STDIO = "-"  # the name of standard input (as an input) and standard output (as an output)
STDIN_LABEL = "<stdin>"  # how messages and reports name standard input
FIFO_WAIT_SECONDS = 60.0  # how long a named FIFO may keep us waiting for its first byte
_CHUNK = 1 << 20


def label(name: str) -> str:
    """How a report names an input: standard input as <stdin>, a path as given (one line)."""
    return STDIN_LABEL if name == STDIO else printable(name)


def printable(text: str) -> str:
    """`text` safe on one line of a terminal: control characters (newlines included) escaped, and
    the bytes of a name that is no UTF-8 (which Python holds as surrogates) shown as \\xff."""
    return "".join(ch if ch.isprintable() or ch == " " else _escaped(ch) for ch in text)


def _escaped(ch: str) -> str:
    if "\udc80" <= ch <= "\udcff":  # os.fsdecode's stand-in for the byte ord(ch) - 0xDC00
        return f"\\x{ord(ch) - 0xDC00:02x}"
    return ascii(ch)[1:-1]


def too_large(name: str, max_bytes: int) -> UnreadableInput:
    return UnreadableInput(
        f"{printable(name)}: larger than {max_bytes // (1024 * 1024)} MB: no UN document is that large "
        "(raise the limit with --max-bytes if it really is one)"
    )


# --- reading ---------------------------------------------------------------------------------------


def read_input(name: str, max_bytes: int) -> bytes:
    """The bytes of `name`, or of standard input for '-', at most `max_bytes` of them."""
    if name == STDIO:
        if sys.stdin is None or sys.stdin.isatty():
            raise UsageError("no input: give a file, or pipe a document into '-'")
        return _read_bounded(sys.stdin.buffer.fileno(), STDIN_LABEL, max_bytes)
    return read_path(Path(name), max_bytes)


def read_path(path: Path, max_bytes: int) -> bytes:
    """The bytes of the file at `path` (which may be a FIFO or a device), at most `max_bytes`."""
    name = printable(str(path))
    if str(path) == "":
        raise UsageError("an empty file name: give a path")
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)  # a FIFO with no writer must not block the open
    except FileNotFoundError:
        raise UnreadableInput(f"{name}: no such file: check the path") from None
    except PermissionError:
        raise UnreadableInput(f"{name}: permission denied: check the file's permissions") from None
    except OSError as error:
        raise UnreadableInput(f"{name}: cannot read ({_cause(error)})") from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise UsageError(f"{name}: is a directory: give a file (or use -d DIR to convert a folder)")
        if stat.S_ISREG(info.st_mode) and info.st_size > max_bytes:
            raise too_large(str(path), max_bytes)
        os.set_blocking(fd, True)
        if stat.S_ISFIFO(info.st_mode):
            _wait_for_writer(fd, name)
        return _read_bounded(fd, name, max_bytes)
    finally:
        os.close(fd)


def _wait_for_writer(fd: int, name: str) -> None:
    ready, _, _ = select.select([fd], [], [], FIFO_WAIT_SECONDS)
    if not ready:
        raise UnreadableInput(f"{name}: a FIFO that nothing wrote to for {FIFO_WAIT_SECONDS:.0f} s: start its writer")


def _read_bounded(fd: int, name: str, max_bytes: int) -> bytes:
    chunks: list[bytes] = []
    total = 0
    while True:
        try:
            chunk = os.read(fd, min(_CHUNK, max_bytes + 1 - total))
        except OSError as error:
            raise UnreadableInput(f"{name}: cannot read ({_cause(error)})") from None
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)
        total += len(chunk)
        if total > max_bytes:
            raise too_large(name, max_bytes)


# --- writing ---------------------------------------------------------------------------------------


def check_output_path(name: str) -> None:
    """A usage error for an output name that cannot be a file: empty, '.', or a folder."""
    if name == "":
        raise UsageError("-o was given an empty name: give a file name, or '-' for standard output")
    if name in (".", "..") or name.endswith(os.sep) or Path(name).is_dir():
        raise UsageError(f"{printable(name)}: is a folder: give a file name to -o, or use -d DIR for a folder")


def same_file(a: str | Path, b: str | Path) -> bool:
    """Whether two paths name one file (the same path, a hard link or a symlink to it)."""
    try:
        first, second = os.stat(a), os.stat(b)
    except OSError:
        return False
    return (first.st_dev, first.st_ino) == (second.st_dev, second.st_ino)


def write_output(name: str, data: bytes) -> None:
    """Writes `data` to `name`, or to standard output for '-'."""
    if name == STDIO:
        write_stdout(data)
        return
    write_file(Path(name), data)


def write_stdout(data: bytes) -> None:
    try:
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
    except BrokenPipeError:
        raise  # the reader went away (`| head`): the CLI ends quietly
    except OSError as error:
        raise OutputError(f"standard output: cannot write ({_cause(error)})") from None


def write_file(path: Path, data: bytes) -> None:
    """Writes `data` at `path` by the rules in the module docstring."""
    try:  # through every link as the system follows them: /proc/self/fd/1 leads to a pipe, not a path
        info: os.stat_result | None = os.stat(path)
    except (FileNotFoundError, NotADirectoryError):
        info = None  # a new file (write_atomic says so if a file stands where a folder should)
    except OSError as error:
        raise OutputError(f"{printable(str(path))}: cannot write ({_cause(error)})") from None
    if info is not None and stat.S_ISDIR(info.st_mode):
        raise UsageError(f"{printable(str(path))}: is a folder: give a file name")
    if info is not None and not stat.S_ISREG(info.st_mode):
        _write_in_place(path, data, str(path))
        return
    write_atomic(_follow_links(path), data, info, shown=str(path))


def _follow_links(path: Path) -> Path:
    """Where `path` leads: a symlink's target (through any chain of links), else `path` itself."""
    seen = 0
    while path.is_symlink():
        seen += 1
        if seen > 40:
            raise OutputError(f"{printable(str(path))}: too many levels of symbolic links")
        link = Path(os.readlink(path))
        path = link if link.is_absolute() else path.parent / link
    return path


def _write_in_place(target: Path, data: bytes, shown: str) -> None:
    """A device, FIFO or terminal: opened and written, as the shell's `>` would."""
    try:
        fd = os.open(target, os.O_WRONLY)
    except OSError as error:
        raise OutputError(f"{printable(shown)}: cannot write ({_cause(error)})") from None
    try:
        _write_all(fd, data)
    except OSError as error:
        raise OutputError(f"{printable(shown)}: cannot write ({_cause(error)})") from None
    finally:
        os.close(fd)


def write_atomic(path: Path, data: bytes, existing: os.stat_result | None = None, shown: str = "") -> None:
    """Writes `data` beside `path`, then renames it over `path` (see the module docstring).
    `existing` is the stat of the file being replaced, whose mode and owner the new one keeps."""
    shown = printable(shown or str(path))
    directory = path.parent if str(path.parent) else Path(".")
    mode = stat.S_IMODE(existing.st_mode) if existing is not None else 0o666 & ~_umask()
    blocker = next((p for p in (directory, *directory.parents) if p.exists()), None)
    if blocker is not None and not blocker.is_dir():
        raise OutputError(f"{shown}: cannot write: {printable(str(blocker))} is a file, not a folder")
    try:
        directory.mkdir(parents=True, exist_ok=True)
        unnamed = _unnamed_file(directory, data, mode)
    except OSError as error:
        raise OutputError(f"{shown}: cannot write ({_cause(error)}): check the folder") from None
    try:
        with _signals_held():
            _name_and_replace(unnamed, directory, path, data, mode, existing, shown)
    finally:
        if unnamed is not None:
            os.close(unnamed)


@contextlib.contextmanager
def _signals_held() -> Iterator[None]:
    """Ctrl-C and SIGTERM held back (then raised again) while a temporary has a name and is not yet
    renamed over its target: a signal there would unwind past the cleanup and leave the `.part`
    file (a batch killed midway did, about once in ten runs under load). Only the name and the
    rename are held on Linux (the data is written before, unnamed); where there is no O_TMPFILE
    the whole write of the named temporary is. (Not a signal mask: the handlers run in the main
    thread whichever thread the system gives a signal to, and a progress bar's thread is one.)"""
    if threading.current_thread() is not threading.main_thread():
        yield  # a signal's handler runs in the main thread: it cannot unwind this one
        return
    caught: list[int] = []
    held = (signal.SIGINT, signal.SIGTERM)
    handlers = [signal.signal(signum, lambda number, frame: caught.append(number)) for signum in held]
    try:
        yield
    finally:
        for signum, handler in zip(held, handlers, strict=True):
            signal.signal(signum, signal.SIG_DFL if handler is None else handler)
        for number in caught:
            signal.raise_signal(number)  # now, with the handler the run had: it unwinds, or ends the process


def _name_and_replace(
    unnamed: int | None, directory: Path, path: Path, data: bytes, mode: int, existing: os.stat_result | None,
    shown: str,
) -> None:
    """The temporary named in `directory`, beside `path` (the unnamed file linked in, else a named
    one written), then renamed over `path`; the temporary removed if anything fails."""
    try:
        linked = _link(unnamed, directory, f".{path.name}.{os.urandom(4).hex()}.part") if unnamed is not None else None
        temporary = linked or _write_named(directory, path.name, data, mode)
    except OSError as error:
        raise OutputError(f"{shown}: cannot write ({_cause(error)}): check the folder") from None
    try:
        if existing is not None:
            _keep_owner(temporary, existing)
        os.replace(temporary, path)
    except OSError as error:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise OutputError(f"{shown}: cannot write ({_cause(error)})") from None
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def _umask() -> int:
    current = os.umask(0o022)  # the only way to read it is to set it: put it back at once
    os.umask(current)
    return current


def _keep_owner(temporary: Path, existing: os.stat_result) -> None:
    if hasattr(os, "chown") and (existing.st_uid, existing.st_gid) != (os.getuid(), os.getgid()):
        with contextlib.suppress(PermissionError):  # only root may give a file away
            os.chown(temporary, existing.st_uid, existing.st_gid)


def _unnamed_file(directory: Path, data: bytes, mode: int) -> int | None:
    """Linux: `data` in an O_TMPFILE file of `directory`, open, with no name yet (`_link` gives it
    one once complete, so even SIGKILL mid-write leaves nothing behind). None where the system or
    the file system cannot."""
    if not hasattr(os, "O_TMPFILE"):
        return None
    try:
        fd = os.open(directory, os.O_TMPFILE | os.O_WRONLY, 0o600)
    except OSError:
        return None
    try:
        _fill(fd, data, mode)
    except BaseException:
        os.close(fd)
        raise
    return fd


def _link(fd: int, directory: Path, name: str) -> Path | None:
    """Names the O_TMPFILE file `fd` (linkat through /proc, following the link); None without /proc.
    (A random suffix, from os.urandom as secrets.token_hex reads it: importing `secrets` would load
    hmac and hashlib at every start-up, issue 12.)"""
    dir_fd = os.open(directory, os.O_RDONLY | os.O_DIRECTORY)
    try:  # a dir_fd makes os.link use linkat(AT_SYMLINK_FOLLOW)
        os.link(f"/proc/self/fd/{fd}", name, dst_dir_fd=dir_fd, follow_symlinks=True)
    except OSError:
        return None
    finally:
        os.close(dir_fd)
    return directory / name


def _write_named(directory: Path, name: str, data: bytes, mode: int) -> Path:
    fd, temporary = tempfile.mkstemp(prefix=f".{name}.", suffix=".part", dir=directory)
    try:
        _fill(fd, data, mode)
    except BaseException:
        os.close(fd)
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
    os.close(fd)
    return Path(temporary)


def _fill(fd: int, data: bytes, mode: int) -> None:
    _write_all(fd, data)
    os.fsync(fd)
    if hasattr(os, "fchmod"):  # not on Windows before Python 3.13
        os.fchmod(fd, mode)


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


def _cause(error: OSError) -> str:
    """'No space left on device' and the like: the system's words for what went wrong."""
    if error.errno is not None:
        return os.strerror(error.errno)
    return error.strerror or type(error).__name__
