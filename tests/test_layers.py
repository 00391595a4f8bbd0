"""The package's layers point one way: cli > batch > api > the rest (io, readers, parse, exporters,
model ...), the package's own face (`resolution_cli/__init__`) above them all, and no import circle.
The check is the project's reference tool (tests/measure/import_graph.py, from ../shared/tools)."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import ROOT

LAYERS = ",cli,batch,api"  # "" is the package itself: its __init__ re-exports the API


def test_no_import_circle_and_no_import_up_a_layer() -> None:
    tool = ROOT / "tests" / "measure" / "import_graph.py"
    result = subprocess.run(
        [sys.executable, str(tool), "resolution_cli", "--layers", LAYERS],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.stdout.splitlines()[-1] == "circles 0, imports up 0", result.stdout
    assert result.returncode == 0
