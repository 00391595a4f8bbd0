"""The program `resolution` (resolution_cli.cli.run): it leaves the process at once after `main()`,
with main's exit code, every byte of its output written and the exit functions of the run run;
run inside another program (runpy), it leaves that program's exit to it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from resolution_cli import api
from resolution_cli.errors import ExitCode
from tests.cli.test_convert_cli import TEXT, run


def test_the_whole_output_reaches_a_pipe_before_the_process_leaves() -> None:
    result = run("convert", str(TEXT), "-t", "akn")
    assert result.returncode == ExitCode.OK
    assert result.stdout == api.export(api.read(TEXT), "akn")


def test_each_exit_code_is_the_process_s(tmp_path: Path) -> None:
    assert run("convert", str(tmp_path / "missing.txt")).returncode == ExitCode.UNREADABLE
    assert run("convert", "--no-such-option").returncode == ExitCode.USAGE
    assert run("check", "--strict", str(TEXT)).returncode == ExitCode.FINDINGS


_WITH_AN_EXIT_FUNCTION = """
import atexit, sys
import resolution_cli.cli.app as app
from resolution_cli.cli import run

def main(argv):
    atexit.register(lambda: print("the run's exit function ran", flush=True))
    command(argv)

command, app.main = app.main, main
sys.argv = ["resolution", "--version"]
run()
"""


def test_the_exit_functions_of_the_run_still_run() -> None:
    result = subprocess.run([sys.executable, "-c", _WITH_AN_EXIT_FUNCTION], capture_output=True, text=True, timeout=60)
    assert result.returncode == ExitCode.OK, result.stderr
    assert result.stdout == "resolution 0.1.0\nthe run's exit function ran\n"


_RUN_INSIDE = """
import runpy, sys
sys.argv = ["resolution", "--no-such-option"]
try:
    runpy.run_module("resolution_cli", run_name="__main__")
except SystemExit as exit_:
    print("the command said", exit_.code)
print("and the program goes on")
sys.exit(7)
"""


def test_run_inside_another_program_it_leaves_that_program_s_exit_to_it() -> None:
    result = subprocess.run([sys.executable, "-c", _RUN_INSIDE], capture_output=True, text=True, timeout=60)
    assert result.returncode == 7
    assert result.stdout == "the command said 2\nand the program goes on\n"
