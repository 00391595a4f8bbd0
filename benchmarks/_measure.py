"""What the benchmarks share: loading the reference measure and the known-differences list."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

KNOWN_DIFFERENCES = Path(__file__).resolve().parent / "known-differences.txt"


def load_signature(tools: Path, program: str) -> ModuleType:
    """The reference measure, akn_signature.py, imported from `tools`."""
    spec = importlib.util.spec_from_file_location("akn_signature", tools / "akn_signature.py")
    if spec is None or spec.loader is None or not (tools / "akn_signature.py").exists():
        sys.exit(f"{program}: no akn_signature.py in {tools}: give --tools")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def read_known(path: Path) -> set[str]:
    """Stems listed in the known-differences file (first word of each line; '#' starts the reason)."""
    if not path.exists():
        return set()
    return {
        line.split("#")[0].split()[0] for line in path.read_text("utf-8").splitlines() if line.split("#")[0].strip()
    }
