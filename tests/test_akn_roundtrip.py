"""AKN round trips: the UN's markup read and written again keeps every field the reference measure
(akn_signature) compares; text -> AKN -> model equals text -> model; the export reads back unchanged."""

from __future__ import annotations

from pathlib import Path

import pytest

from resolution_cli.exporters import get
from resolution_cli.model import Resolution
from resolution_cli.readers import read
from tests.conftest import SAMPLES
from tests.documents import read_once
from tests.measure import akn_signature

DATA = Path(__file__).parent / "data" / "akn"
UN_FILES = sorted([*SAMPLES.glob("akn/*.xml"), *DATA.glob("*.xml")])
SOURCES = sorted([*SAMPLES.glob("text/*.txt"), *SAMPLES.glob("pdf/*.pdf")])


def akn(resolution: Resolution) -> bytes:
    return get("akn").render(resolution)


@pytest.mark.parametrize("path", UN_FILES, ids=lambda p: p.name)
def test_un_markup_round_trip_is_perfect(path: Path, tmp_path: Path) -> None:
    ours = tmp_path / "ours.xml"
    ours.write_bytes(akn(read_once(path)))
    score = akn_signature.score(str(ours), str(path))
    assert score["perfect"], {k: v for k, v in score.items() if v is not True and v != 1.0}


@pytest.mark.parametrize("path", UN_FILES + SOURCES, ids=lambda p: p.name)
def test_akn_reads_back_into_the_same_model(path: Path) -> None:
    model = read_once(path)
    assert read(akn(model)) == model


def test_text_to_akn_to_model_equals_text_to_model() -> None:
    text = (SAMPLES / "text" / "A_73_L.103.txt").read_bytes()
    direct = read(text)
    via_akn = read(akn(direct))
    assert via_akn == direct
    assert [d.code for d in via_akn.diagnostics] == [d.code for d in direct.diagnostics]


def test_export_of_the_read_back_model_is_byte_identical() -> None:
    first = akn(read((SAMPLES / "akn" / "A_RES_78_247.xml").read_bytes()))
    assert akn(read(first)) == first
