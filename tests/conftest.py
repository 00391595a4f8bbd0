"""Shared fixtures. `pytest --accept` rewrites golden files after a reviewed change (as pandoc's)."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
GOLDEN = Path(__file__).resolve().parent / "golden"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--accept", action="store_true", help="rewrite golden files with current output")


@pytest.fixture
def accept(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--accept"))


def compare_golden(actual: bytes, expected_path: Path, accept: bool) -> None:
    """Asserts `actual` equals the golden file; with --accept, rewrites it instead."""
    if accept or not expected_path.exists():
        if not accept:
            pytest.fail(f"missing golden file {expected_path}: run pytest --accept and review it")
        expected_path.parent.mkdir(parents=True, exist_ok=True)
        expected_path.write_bytes(actual)
        return
    expected = expected_path.read_bytes()
    if actual != expected:
        import difflib

        diff = "".join(
            difflib.unified_diff(
                expected.decode().splitlines(True),
                actual.decode().splitlines(True),
                str(expected_path),
                "actual",
                n=2,
            )
        )
        pytest.fail(f"output differs from {expected_path} (pytest --accept after review):\n{diff[:6000]}")
