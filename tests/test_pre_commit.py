"""The pre-commit hook, run for real as its users run it.

A scratch git repository like a user's (README.md, pyproject.toml, requirements.txt, pom.xml and
real resolutions in `resolutions/`) names this project in `.pre-commit-config.yaml` with nothing
but the repository, a `rev` and the hook id. The repository is a git copy of this project's files
as they are in the working tree, tagged as a release, so `rev` exists; `pre-commit autoupdate`
picks that tag, as the README tells users to do. `pre-commit run --all-files` must pass (the files
that are no UN documents are passed over with a note) and fail with a clear message once one
resolution's enacting formula is damaged.

pre-commit installs the hook's environment (a virtualenv with this project and its dependencies)
once for the module: about a minute, the price of testing what users get.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path

import pytest

from tests.conftest import ROOT, SAMPLES

TAG = f"v{version('resolution-cli')}"
DOCUMENTS = (
    SAMPLES / "text" / "A_73_L.103.txt",
    SAMPLES / "akn" / "S_RES_2768_2025.xml",
    SAMPLES / "pdf" / "A_RES_78_247.pdf",
)
FORMULA = "The General Assembly,"


@dataclass(frozen=True)
class Scratch:
    environment: dict[str, str]  # git identity and config, pre-commit's cache: all inside tmp
    project: Path  # the hook's repository


def _git(cwd: Path, env: dict[str, str], *args: str) -> str:
    done = subprocess.run(["git", *args], cwd=cwd, env=env, capture_output=True, text=True, check=True)
    return done.stdout


@pytest.fixture(scope="module")
def scratch(tmp_path_factory: pytest.TempPathFactory) -> Scratch:
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        pytest.skip("needs git and a git checkout of the project")
    base = tmp_path_factory.mktemp("pre-commit")
    gitconfig = "[user]\n\tname = Test\n\temail = test@example.org\n[init]\n\tdefaultBranch = main\n"
    (base / "gitconfig").write_text(gitconfig)
    env = {
        **os.environ,
        "GIT_CONFIG_GLOBAL": str(base / "gitconfig"),
        "GIT_CONFIG_NOSYSTEM": "1",
        "PRE_COMMIT_HOME": str(base / "cache"),
        "PRE_COMMIT_COLOR": "never",
    }
    project = base / "resolution-cli"
    for name in _git(ROOT, env, "ls-files", "-z").split("\0"):
        if name and (ROOT / name).is_file():  # the working tree's version: the code under test
            (project / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, project / name)
    _git(project, env, "init", "-q")
    _git(project, env, "add", "-A")
    _git(project, env, "commit", "-q", "-m", "release")
    _git(project, env, "tag", TAG)
    return Scratch(env, project)


def _user_repository(scratch: Scratch, where: Path) -> Path:
    """A repository as a user has one, with our hook configured the way the README says."""
    where.mkdir()
    (where / "README.md").write_text("# Resolutions we follow\n\nThe texts, as the UN published them.\n")
    (where / "pyproject.toml").write_text('[project]\nname = "our-resolutions"\nversion = "1.0"\n')
    (where / "requirements.txt").write_text("resolution-cli\n")
    (where / "pom.xml").write_text('<?xml version="1.0"?>\n<project><modelVersion>4.0.0</modelVersion></project>\n')
    (where / "resolutions").mkdir()
    for document in DOCUMENTS:
        shutil.copy2(document, where / "resolutions" / document.name)
    config = f"repos:\n  - repo: {scratch.project}\n    rev: main\n    hooks:\n      - id: resolution-check\n"
    (where / ".pre-commit-config.yaml").write_text(config)
    _git(where, scratch.environment, "init", "-q")
    _pre_commit(scratch, where, "autoupdate")  # the README's way of picking `rev`
    assert f"rev: {TAG}\n" in (where / ".pre-commit-config.yaml").read_text()
    _git(where, scratch.environment, "add", "-A")
    return where


def _pre_commit(scratch: Scratch, where: Path, *args: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "pre_commit", *args]
    return subprocess.run(command, cwd=where, env=scratch.environment, capture_output=True, text=True, timeout=600)


def test_the_hook_passes_a_repository_of_resolutions_and_other_files(scratch: Scratch, tmp_path: Path) -> None:
    user = _user_repository(scratch, tmp_path / "user")
    result = _pre_commit(scratch, user, "run", "--all-files", "--verbose")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "resolution check" in result.stdout and "Passed" in result.stdout
    for other in ("README.md", "pom.xml", "requirements.txt"):
        assert f"{other}: note not-a-un-document: " in result.stdout
    assert "6 files: 6 checked" in result.stdout


def test_the_hook_fails_on_a_damaged_enacting_formula(scratch: Scratch, tmp_path: Path) -> None:
    user = _user_repository(scratch, tmp_path / "user")
    document = user / "resolutions" / "A_73_L.103.txt"
    document.write_text(document.read_text().replace(FORMULA, "The General Assemblyy"))
    _git(user, scratch.environment, "add", "-A")
    result = _pre_commit(scratch, user, "run", "--all-files")
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Failed" in result.stdout
    errors = [line for line in result.stdout.splitlines() if " error " in line]
    assert errors == [
        "resolutions/A_73_L.103.txt:19: error damaged-enacting-formula: 'The General Assemblyy' stands where "
        "the enacting formula belongs: write 'The General Assembly,'"
    ]
