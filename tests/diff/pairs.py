"""The real pairs of tests/data/pairs, each PDF read once per test run (reading is the slow part)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from resolution_cli.model import Resolution
from resolution_cli.readers import read

PAIRS_DIR = Path(__file__).resolve().parents[1] / "data" / "pairs"
PAIRS = (
    ("A_80_L.5", "A_RES_80_5"),
    ("A_80_L.4", "A_RES_80_3"),
    ("A_80_L.6", "A_RES_80_4"),
    ("S_2025_68", "S_RES_2771_2025"),
    ("A_RES_73_8", "A_RES_80_4"),
)


def path(name: str) -> Path:
    return PAIRS_DIR / f"{name}.pdf"


@cache
def model(name: str) -> Resolution:
    return read(path(name).read_bytes())
