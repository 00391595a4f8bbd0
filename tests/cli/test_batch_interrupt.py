"""A batch killed midway leaves only whole outputs and no temporary files; a rerun finishes the job."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from functools import cache
from pathlib import Path

import pytest

from resolution_cli import api
from tests.cli.test_batch import SC_TEXT, tree
from tests.cli.test_convert_cli import run
from tests.conftest import SAMPLES

COPIES = 40  # of each of the six texts (and a tenth as many of a PDF): a few seconds of work


def many_documents(folder: Path) -> dict[str, Path]:
    """The copies made in `folder`, each file name with the document it is a copy of."""
    folder.mkdir()
    copies: dict[str, Path] = {}
    for n in range(COPIES):
        sources = sorted(SC_TEXT.glob("*.txt")) + ([SAMPLES / "pdf" / "S_RES_2768_2025.pdf"] if n % 10 == 0 else [])
        for source in sources:
            name = f"{source.stem}_{n:03}{source.suffix}"
            shutil.copy(source, folder / name)
            copies[name] = source
    return copies


@cache
def _json_of(source: Path) -> bytes:
    return api.convert(source, "json")


def whole_outputs(copies: dict[str, Path]) -> dict[str, bytes]:
    """What an uninterrupted run writes: each copy's JSON is that of its document (the name of a
    file is not in its output), which the library converts once per test run."""
    return {f"{Path(name).stem}.json": _json_of(source) for name, source in copies.items()}


def start_batch(inputs: Path, out: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "resolution_cli", "convert", str(inputs), "-d", str(out), "-j", "2", "-t", "json"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,  # its own process group, as a shell job: Ctrl-C goes to all of it
    )


def wait_for_outputs(out: Path, count: int, process: subprocess.Popen[bytes]) -> int:
    """Waits until `count` outputs exist (the batch is midway); returns how many there are."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and process.poll() is None:
        found = len(list(out.glob("*.json"))) if out.exists() else 0
        if found >= count:
            return found
        time.sleep(0.005)
    pytest.fail("the batch finished (or hung) before it could be interrupted")


def wait_until_gone(process_group: int) -> None:
    """The parent is reaped; its workers must go too (they die with it, even after SIGKILL)."""
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        try:
            os.killpg(process_group, 0)
        except ProcessLookupError:
            return
        time.sleep(0.05)
    pytest.fail("worker processes outlived the interrupted batch")


@pytest.mark.parametrize(
    ("signum", "to_group", "exit_code"),
    [
        (signal.SIGKILL, False, -signal.SIGKILL),  # `kill -9` of the parent: nothing runs to clean up
        (signal.SIGTERM, False, 128 + signal.SIGTERM),  # `kill`
        (signal.SIGINT, True, 128 + signal.SIGINT),  # Ctrl-C in a terminal: the whole group
    ],
)
def test_interrupted_batch_leaves_whole_files_and_a_rerun_finishes(
    tmp_path: Path, signum: int, to_group: bool, exit_code: int
) -> None:
    inputs, out = tmp_path / "in", tmp_path / "out"
    copies = many_documents(inputs)
    process = start_batch(inputs, out)
    wait_for_outputs(out, 20, process)
    if to_group:
        os.killpg(process.pid, signum)
    else:
        os.kill(process.pid, signum)
    _, stderr = process.communicate(timeout=30)
    wait_until_gone(process.pid)

    assert process.returncode == exit_code, stderr
    assert b"Traceback" not in stderr
    left = tree(out)
    assert 20 <= len(left) < len(copies)  # stopped midway
    assert all(name.endswith(".json") and not name.startswith(".") for name in left), "temporary files left"

    whole = whole_outputs(copies)
    assert all(left[name] == whole[name] for name in left), "a partial output was left"

    rerun = run("convert", str(inputs), "-d", str(out), "-t", "json", "--skip-unchanged")
    assert rerun.returncode == 0, rerun.stderr
    assert tree(out) == whole
    assert f"{len(left)} skipped".encode() in rerun.stderr
