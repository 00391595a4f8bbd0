"""Plug-in readers and exporters, installed as a real distribution (a dist-info folder with entry
points on PYTHONPATH, as pip would leave it): they appear in `resolution formats` and convert files."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tests.conftest import SAMPLES

PLUGIN = '''
"""A test plug-in: reads '.shout' files (text in capitals behind a SHOUT header), writes a word count."""
from dataclasses import dataclass, field

from resolution_cli.exporters import Exporter
from resolution_cli.readers.base import Reader
from resolution_cli.readers.text import read_text


def sniff(head):
    return head.startswith(b"SHOUT\\n")


def read(data, options):
    return read_text(data[len(b"SHOUT\\n"):], options)


@dataclass(frozen=True, slots=True)
class CountOptions:
    unit: str = field(default="words", metadata={"help": "what to count"})


def export(resolution, options):
    words = sum(len(p.text.split()) for p in resolution.operative())
    return f"{resolution.meta.symbol}: {words} {options.unit}\\n".encode()


READER = Reader("shout", (".shout",), "text behind a SHOUT header", sniff, read)
EXPORTER = Exporter("count", ".count", "text/plain", "operative words", export, options=CountOptions)
'''


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("site")
    (folder / "shout_plugin.py").write_text(PLUGIN, "utf-8")
    info = folder / "shout_plugin-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: shout-plugin\nVersion: 1.0\n", "utf-8")
    (info / "entry_points.txt").write_text(
        textwrap.dedent(
            """\
            [resolution_cli.readers]
            shout = shout_plugin:READER

            [resolution_cli.exporters]
            count = shout_plugin:EXPORTER
            """
        ),
        "utf-8",
    )
    return folder


def run(site: Path, *args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(site), os.environ.get("PYTHONPATH", "")])}
    command = [sys.executable, "-m", "resolution_cli", *args]
    return subprocess.run(command, capture_output=True, text=True, env=env, cwd=cwd, timeout=120)


def test_plugins_are_listed(site: Path) -> None:
    short = run(site, "formats")
    assert "count" in short.stdout.split()
    long = run(site, "formats", "--long")
    assert "count\t.count\toperative words" in long.stdout
    assert "-O unit=<str> (default 'words'): what to count" in long.stdout
    assert "shout\t.shout\ttext behind a SHOUT header" in long.stdout


def test_a_plugin_reader_and_exporter_convert_a_file(site: Path, tmp_path: Path) -> None:
    source = tmp_path / "draft.shout"
    source.write_bytes(b"SHOUT\n" + (SAMPLES / "text" / "A_73_L.103.txt").read_bytes())
    single = run(site, "convert", str(source), "-t", "count", "-O", "unit=mots")
    assert single.returncode == 0, single.stderr
    assert single.stdout.startswith("A/73/L.103: ") and single.stdout.endswith(" mots\n")
    batch = run(site, "convert", str(tmp_path), "-d", str(tmp_path / "out"), "-t", "count", "-t", "json")
    assert batch.returncode == 0, batch.stderr
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["draft.count", "draft.json"]


def test_a_plugin_option_it_does_not_declare_is_a_usage_error(site: Path, tmp_path: Path) -> None:
    result = run(site, "convert", str(SAMPLES / "text" / "A_73_L.103.txt"), "-t", "count", "-O", "colour=red")
    assert result.returncode == 2
    assert result.stderr == "resolution: error: format 'count' has no option 'colour' (its options: unit)\n"


def test_the_table_of_builtin_formats_is_the_exporters_own() -> None:
    """`exporters.get` finds a built-in by this table without importing the others (issue 12)."""
    from resolution_cli import exporters

    own = {key: e for e in exporters._builtin() for key in (e.name, *e.aliases)}
    assert {key: own[key].name for key in own} == {k: exporters.get(k).name for k in exporters._BUILTIN_NAMES}
    assert set(own) == set(exporters._BUILTIN_NAMES)


AKN_SAMPLE = SAMPLES / "akn" / "A_RES_78_247.xml"


def test_a_builtin_conversion_does_not_look_for_plugins(tmp_path: Path) -> None:
    """`convert X.xml -t akn` reads and writes with built-ins: no entry-point scan (issue 12). (Text
    is read by the reader of last resort, after every plug-in has been asked: text looks for them.)"""
    output = tmp_path / "out.xml"
    probe = (
        "import runpy, sys\n"
        f"sys.argv = ['resolution', 'convert', {str(AKN_SAMPLE)!r}, '-t', 'akn', "
        f"'-o', {str(output)!r}]\n"
        "try:\n    runpy.run_module('resolution_cli', run_name='__main__')\nexcept SystemExit:\n    pass\n"
        "print(sorted(m for m in ('importlib.metadata', 'pydantic', 'rich', 'resolution_cli.exporters.json',"
        " 'resolution_cli.exporters.html', 'resolution_cli.diff.compare') if m in sys.modules))\n"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
    assert output.read_bytes().startswith(b"<?xml")
