"""The PDF reader on real UN PDFs, held against the UN's own markup of the same documents.

Each case converts a PDF to AKN and scores it with the reference measure (tests/measure, the
same scorer the fidelity benchmark uses): every field must agree. Every test runs with each PDF
engine that is installed (pdfminer.six always; PDFium with the `pdfium` extra, which the `test`
extra installs), and the two engines must give the same AKN bytes.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from resolution_cli.errors import NeedsOCR, UnreadableInput
from resolution_cli.exporters import get
from resolution_cli.model import DocumentKind, Role, Section
from resolution_cli.readers import read
from resolution_cli.readers.base import ReadOptions
from resolution_cli.readers.pdf import available_engines, read_pdf
from tests.conftest import SAMPLES
from tests.documents import read_once
from tests.measure import akn_signature

DATA = Path(__file__).parent / "data"
ENGINES = [engine.name for engine in available_engines()]


@pytest.fixture(params=ENGINES)
def engine(request: pytest.FixtureRequest) -> ReadOptions:
    return ReadOptions(engine=str(request.param))

# (pdf, the UN's markup of it, what makes it hard)
CASES = {
    "page-split paragraphs and 53 footnotes": (
        SAMPLES / "pdf" / "A_RES_78_229.pdf",
        SAMPLES / "akn" / "A_RES_78_229.xml",
    ),
    "heading-grouped body with preambles": (SAMPLES / "pdf" / "A_RES_78_247.pdf", SAMPLES / "akn" / "A_RES_78_247.xml"),
    "(a)/(i) lists across pages": (DATA / "pdf" / "A_RES_78_218.pdf", DATA / "akn" / "A_RES_78_218.xml"),
    "numbered list inside a paragraph": (DATA / "pdf" / "A_RES_78_223.pdf", DATA / "akn" / "A_RES_78_223.xml"),
    "Security Council with body headings": (DATA / "pdf" / "S_RES_2769_2025.pdf", DATA / "akn" / "S_RES_2769_2025.xml"),
    "Security Council resolution": (SAMPLES / "pdf" / "S_RES_2768_2025.pdf", SAMPLES / "akn" / "S_RES_2768_2025.xml"),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_matches_the_un_markup(case: str, tmp_path: Path, engine: ReadOptions) -> None:
    pdf, gold = CASES[case]
    ours = tmp_path / "ours.xml"
    ours.write_bytes(get("akn").render(read_once(pdf, engine.engine)))
    score = akn_signature.score(str(ours), str(gold))
    assert [field for field, value in score.items() if value is not True and value != 1.0] == []


def test_footnote_on_the_last_line_of_a_page(engine: ReadOptions) -> None:
    """A/RES/78/229 p. 4: "...measurement of corruption,12" is the last body line above the rule."""
    resolution = read_once(SAMPLES / "pdf" / "A_RES_78_229.pdf", engine.engine)
    host = next(p for p in resolution.preamble if any(a.marker == "12" for a in p.anchors))
    offset = next(a.offset for a in host.anchors if a.marker == "12")
    assert host.text[:offset].endswith("on measurement of corruption,")
    assert next(f.text for f in resolution.footnotes if f.marker == "12") == "See CAC/COSP/2019/17, sect. I.B."


def test_page_split_paragraph_is_one_paragraph(engine: ReadOptions) -> None:
    resolution = read_once(SAMPLES / "pdf" / "A_RES_78_229.pdf", engine.engine)
    welcoming = resolution.preamble[2]
    assert welcoming.lead == "Welcoming"
    assert "Criminal Justice and the Rule of Law: Towards the Achievement of the 2030 Agenda" in welcoming.text
    assert [a.marker for a in welcoming.anchors] == ["6", "7"]


def test_nested_lists(engine: ReadOptions) -> None:
    resolution = read_once(DATA / "pdf" / "A_RES_78_218.pdf", engine.engine)
    second = resolution.operative()[1]
    assert [c.num for c in second.children][:2] == ["(a)", "(b)"]
    assert [c.num for c in second.children[0].children][:3] == ["(i)", "(ii)", "(iii)"]
    assert all(c.role is Role.SUB for c in second.children)


def test_headings_group_the_body(engine: ReadOptions) -> None:
    resolution = read_once(SAMPLES / "pdf" / "A_RES_78_247.pdf", engine.engine)
    sections = [b for b in resolution.body if isinstance(b, Section)]
    assert [(s.num, s.heading) for s in sections][:2] == [
        ("I", "Activities of the Office of Internal Oversight Services"),
        ("II", "Activities of the Independent Audit Advisory Committee"),
    ]
    assert sections[0].children[0].role is Role.PREAMBULAR


def test_committee_draft_with_sponsors(engine: ReadOptions) -> None:
    meta = read_once(SAMPLES / "pdf" / "A_C.3_80_L.11.pdf", engine.engine).meta
    assert (meta.symbol, meta.kind, meta.session, meta.committee) == (
        "A/C.3/80/L.11",
        DocumentKind.DRAFT_RESOLUTION,
        "80",
        "Third Committee",
    )
    assert [s.name for s in meta.sponsors] == ["Brazil", "Kuwait", "Qatar", "Spain"]
    assert [a.number for a in meta.agenda_items] == ["25"]
    assert meta.title == "Addressing the challenges of persons living with a rare disease and their families"
    assert meta.issue_date == "2025-10-14"


def test_no_page_furniture_in_text(engine: ReadOptions) -> None:
    resolution = read_once(SAMPLES / "pdf" / "A_RES_78_229.pdf", engine.engine)
    texts = [p.text for p in resolution.preamble] + [p.text for p in resolution.operative()]
    for text in texts:  # job number, running header, page counter ("10/28")
        assert "23-25976" not in text and "A/RES/78/229" not in text
        assert not re.search(r"(?<![\d/])\d{1,2}/28\b", text)


def test_scan_without_text_layer_needs_ocr(engine: ReadOptions) -> None:
    with pytest.raises(NeedsOCR, match="OCR"):
        read_pdf((DATA / "pdf" / "A_RES_2758_XXVI_RU.pdf").read_bytes(), options=engine)


def test_truncated_pdf_is_unreadable(engine: ReadOptions) -> None:
    data = (SAMPLES / "pdf" / "S_RES_2768_2025.pdf").read_bytes()
    with pytest.raises(UnreadableInput):
        read_pdf(data[: len(data) // 3], engine)


def test_same_pdf_same_bytes(engine: ReadOptions) -> None:
    data = (SAMPLES / "pdf" / "S_RES_2768_2025.pdf").read_bytes()
    render = get("json").render
    assert render(read(data, options=engine)) == render(read(data, options=engine))


@pytest.mark.skipif(len(ENGINES) < 2, reason="the pdfium extra is not installed")
@pytest.mark.parametrize("pdf", sorted({str(pdf) for pdf, _ in CASES.values()}))
def test_engines_give_the_same_bytes(pdf: str) -> None:
    outputs = {get("akn").render(read_once(Path(pdf), name)) for name in ENGINES}
    assert len(outputs) == 1
