"""Golden tests of the text reader on real documents: text from other extractors and the
Security Council's hand-corrected texts of 1946-2002. `pytest --accept` rewrites the goldens
after a reviewed change."""

from __future__ import annotations

from pathlib import Path

import pytest

from resolution_cli.exporters import get
from resolution_cli.model import DocumentKind, Organ
from resolution_cli.readers import read
from tests.conftest import GOLDEN, compare_golden

DATA = Path(__file__).parent / "data"
INPUTS = sorted([*(DATA / "text").glob("*.txt"), *(DATA / "sc-text").glob("*.txt")])


@pytest.mark.parametrize("path", INPUTS, ids=lambda p: p.stem)
def test_golden_json(path: Path, accept: bool) -> None:
    actual = get("json").render(read(path.read_bytes()))
    compare_golden(actual, GOLDEN / f"text-{path.stem}" / "expected.json", accept)


def test_committee_draft_sponsors_from_extracted_text() -> None:
    meta = read((DATA / "text" / "A_C.3_80_L.11.txt").read_bytes()).meta
    assert (meta.symbol, meta.kind, meta.committee) == (
        "A/C.3/80/L.11",
        DocumentKind.DRAFT_RESOLUTION,
        "Third Committee",
    )
    assert [s.name for s in meta.sponsors] == ["Brazil", "Kuwait", "Qatar", "Spain"]


def test_security_council_from_extracted_text() -> None:
    resolution = read((DATA / "text" / "S_RES_2768_2025.txt").read_bytes())
    assert (resolution.meta.symbol, resolution.meta.organ) == ("S/RES/2768 (2025)", Organ.SECURITY_COUNCIL)
    assert (resolution.meta.number, resolution.meta.adoption_date) == ("2768 (2025)", "2025-01-15")
    assert resolution.formula == "The Security Council,"
    assert resolution.preamble[0].text.startswith("Recalling all its relevant resolutions")


@pytest.mark.parametrize("path", sorted((DATA / "sc-text").glob("*.txt")), ids=lambda p: p.stem)
def test_security_council_yearbook_texts(path: Path) -> None:
    resolution = read(path.read_bytes())
    number = str(int(path.stem.split("_")[2]))
    assert resolution.meta.organ is Organ.SECURITY_COUNCIL
    assert resolution.meta.number.startswith(number + " (")
    assert resolution.meta.symbol == f"S/RES/{resolution.meta.number}"
