"""A batch killed midway leaves only whole outputs and no temporary files; a rerun finishes the job."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.cli.test_batch import SC_TEXT, tree
from tests.cli.test_convert_cli import run
from tests.conftest import SAMPLES

COPIES = 40  # of each of the six texts (and a tenth as many of a PDF): a few seconds of work


def many_documents(folder: Path) -> int:
    folder.mkdir()
    for n in range(COPIES):
        for source in SC_TEXT.glob("*.txt"):
            shutil.copy(source, folder / f"{source.stem}_{n:03}.txt")
        if n % 10 == 0:
            shutil.copy(SAMPLES / "pdf" / "S_RES_2768_2025.pdf", folder / f"S_RES_2768_2025_{n:03}.pdf")
    return len(list(folder.iterdir()))


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
    inputs, out, reference = tmp_path / "in", tmp_path / "out", tmp_path / "reference"
    total = many_documents(inputs)
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
    assert 20 <= len(left) < total  # stopped midway
    assert all(name.endswith(".json") and not name.startswith(".") for name in left), "temporary files left"

    assert run("convert", str(inputs), "-d", str(reference), "-j", "1", "-t", "json").returncode == 0
    whole = tree(reference)
    assert all(left[name] == whole[name] for name in left), "a partial output was left"

    rerun = run("convert", str(inputs), "-d", str(out), "-t", "json", "--skip-unchanged")
    assert rerun.returncode == 0, rerun.stderr
    assert tree(out) == whole
    assert f"{len(left)} skipped".encode() in rerun.stderr
