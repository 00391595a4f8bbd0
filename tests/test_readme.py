"""The README's examples, run: the manual cannot drift from the tool.

Every command in a ```console block of README.md that runs `resolution` (`$ resolution ...`,
`$ cat x | resolution ...`) is run by bash, in README order, in one temporary folder that holds
the bundled samples and the few files the README names for the reader's own (see `FILES`). Where
the README shows what the command prints (the lines up to the next `$ ` or the block's end),
stdout and stderr together must print that, with the temporary folder's path taken out: a line
`...` stands for any number of lines, and a line ending in `...` for any line that starts with
the rest. Where it shows nothing, the command must succeed. The README is read when the tests
are collected, so an edited example is tested as it stands.

Left out: the examples over the shared corpus (`../shared/`, `/tmp/akn-*`), which take minutes
and which the benchmark scripts reproduce; those that name a Dask scheduler of the reader's own
(`--dask tcp://scheduler:8786`: no such host here; tests/cli/test_dask.py runs `--dask` with the
address of a cluster it starts, and reads a scheduler file); and `make`, `.venv/bin/python` and
`pytest` lines, which are the project's own workflow, run by CI itself.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import ROOT, SAMPLES

README = ROOT / "README.md"
_CORPUS_EXAMPLE = re.compile(r"\.\./shared/|/tmp/akn-")
# A Dask scheduler of the reader's own (`tcp://scheduler:8786`, a scheduler file): no machine the
# test has; `--dask local:N` runs here.
_SCHEDULER_ELSEWHERE = re.compile(r"--dask (?!local\b)")
_RUNS_RESOLUTION = re.compile(r"(?:^|\|\s*)resolution\s")


@dataclass(frozen=True)
class Example:
    line: int  # in README.md
    command: str
    output: tuple[str, ...]  # as the README shows it; () when it shows none


def examples(text: str) -> list[Example]:
    found: list[Example] = []
    in_console = False
    command: tuple[int, str] | None = None
    shown: list[str] = []

    def close() -> None:
        nonlocal command
        if (
            command
            and _RUNS_RESOLUTION.search(command[1])
            and not _CORPUS_EXAMPLE.search(command[1])
            and not _SCHEDULER_ELSEWHERE.search(command[1])
        ):
            found.append(Example(command[0], command[1], tuple(shown)))
        command = None
        shown.clear()

    for number, line in enumerate(text.splitlines(), 1):
        if line.startswith("```"):
            close()
            in_console = line == "```console"
        elif in_console and line.startswith("$ "):
            close()
            command = (number, line[2:])
        elif in_console and command:
            shown.append(line)
    return found


EXAMPLES = examples(README.read_text("utf-8"))

# The names the README gives the reader's own files, made from the bundled samples.
FILES = {
    "A_RES_78_229.pdf": SAMPLES / "pdf" / "A_RES_78_229.pdf",
    "draft.txt": SAMPLES / "text" / "A_73_L.103.txt",
    "draft.pdf": SAMPLES / "pdf" / "A_C.3_80_L.11.pdf",
    "resolutions/A_73_L.103.txt": SAMPLES / "text" / "A_73_L.103.txt",
    "corpus/A_RES_78_247.xml": SAMPLES / "akn" / "A_RES_78_247.xml",
    "corpus/S_RES_2768_2025.xml": SAMPLES / "akn" / "S_RES_2768_2025.xml",
    "S_RES_2768_2025.xml": SAMPLES / "akn" / "S_RES_2768_2025.xml",
    "A_RES_73_8.pdf": ROOT / "tests" / "data" / "pairs" / "A_RES_73_8.pdf",
    "A_RES_80_4.pdf": ROOT / "tests" / "data" / "pairs" / "A_RES_80_4.pdf",
}
FORMULA = "The General Assembly,"


def _edited(text: str) -> str:
    """A hand edit gone wrong: a bare <p> right after the first heading's number, where the schema
    wants the heading."""
    end = text.index("</num>", text.index("<mainBody")) + len("</num>")
    return text[:end] + "<p>A note.</p>" + text[end:]


# Files the README makes up for its examples, as (name, source, edit).
MADE = (
    ("edited.xml", SAMPLES / "akn" / "A_RES_78_247.xml", _edited),
    ("damaged.txt", SAMPLES / "text" / "A_73_L.103.txt", lambda text: text.replace(FORMULA, "The General Assemblyy")),
)


def _edited_markdown(where: Path) -> None:
    """edited.md: S/RES/2768 (2025) as Markdown, edited as a delegate would: a lead phrase changed
    and a paragraph added before paragraph 4, the rest renumbered."""
    from resolution_cli import convert

    text = convert(SAMPLES / "akn" / "S_RES_2768_2025.xml", "md").decode("utf-8")
    text = text.replace("2\\. *Reiterates* its demand", "2\\. *Also reiterates* its demand")
    for number in (6, 5, 4):
        text = text.replace(f"\n{number}\\. *", f"\n{number + 1}\\. *")
    added = "4\\. *Requests* the Secretary-General to report to the Council on the implementation of this resolution;"
    text = text.replace("\n5\\. *Takes note*", f"\n{added}\n\n5\\. *Takes note*")
    assert "*Also reiterates*" in text and added in text
    (where / "edited.md").write_text(text, "utf-8")


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    where = tmp_path_factory.mktemp("readme")
    shutil.copytree(SAMPLES, where / "samples")
    for name, source in FILES.items():
        (where / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, where / name)
    for name, source, edit in MADE:
        text = source.read_text("utf-8")
        (where / name).write_text(edit(text), "utf-8")
        assert (where / name).read_text("utf-8") != text
    _edited_markdown(where)
    return where


def _programs(command: str) -> list[str]:
    """The programs of a pipeline (a `|` inside quotes, as in a jq filter, is no pipe)."""
    lexer = shlex.shlex(command, posix=True, punctuation_chars=True)
    lexer.commenters = "#"
    tokens = list(lexer)
    return tokens[:1] + [tokens[i + 1] for i, token in enumerate(tokens[:-1]) if token == "|"]


def _matches(shown: tuple[str, ...], printed: list[str]) -> bool:
    """`printed` as the README shows it (`...` lines and `...` endings as the module says)."""
    if not shown:
        return True
    head, rest = shown[0], shown[1:]
    if head == "...":
        return any(_matches(rest, printed[i:]) for i in range(len(printed) + 1))
    if not printed:
        return False
    line = printed[0]
    same = line.startswith(head[:-3]) if head.endswith("...") else line == head
    return same and _matches(rest, printed[1:])


def test_the_readme_has_examples_to_run() -> None:
    assert len(EXAMPLES) >= 15 and sum(bool(e.output) for e in EXAMPLES) >= 6


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda e: f"README.md:{e.line}")
def test_readme_example(example: Example, folder: Path) -> None:
    missing = [p for p in _programs(example.command) if p != "resolution" and shutil.which(p) is None]
    if missing:
        pytest.skip(f"{', '.join(missing)} is not installed")
    bin_dir = Path(sys.executable).parent  # where `resolution` is installed with this Python
    env = {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}", "COLUMNS": "80", "NO_COLOR": "1"}
    done = subprocess.run(
        ["bash", "-o", "pipefail", "-c", f"{{ {example.command}\n}} 2>&1"],  # the newline ends a # comment
        cwd=folder,
        env=env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=300,
    )
    printed = [line.rstrip() for line in done.stdout.replace(f"{folder}/", "").splitlines()]
    assert "Traceback" not in done.stdout and "internal error" not in done.stdout, done.stdout
    if not example.output:
        assert done.returncode == 0, f"README.md:{example.line}: `{example.command}` failed:\n{done.stdout}"
        return
    shown = tuple(line.rstrip() for line in example.output)
    assert _matches(shown, printed), (
        f"README.md:{example.line}: `{example.command}` printed\n" + "\n".join(printed) + "\n\nthe README shows\n"
    ) + "\n".join(shown)
