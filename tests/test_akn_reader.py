"""The AKN reader on the UN's own AKN4UN files: every shape variation it meets, read into the model."""

from __future__ import annotations

from pathlib import Path

import pytest

from resolution_cli.errors import NotAResolution, UnreadableInput
from resolution_cli.model import DocumentKind, Organ, Paragraph, Resolution, Role, Section
from resolution_cli.readers import read
from resolution_cli.readers.akn import read_akn
from tests.conftest import SAMPLES

DATA = Path(__file__).parent / "data" / "akn"


def load(path: Path) -> Resolution:
    return read(path.read_bytes())


@pytest.fixture(scope="module")
def crime() -> Resolution:
    return load(SAMPLES / "akn" / "A_RES_78_229.xml")


def test_masthead_of_a_general_assembly_resolution(crime: Resolution) -> None:
    meta = crime.meta
    assert (meta.symbol, meta.kind, meta.organ, meta.session) == (
        "A/RES/78/229",
        DocumentKind.RESOLUTION,
        Organ.GENERAL_ASSEMBLY,
        "78",
    )
    assert [(a.number, a.name) for a in meta.agenda_items] == [("107", "Crime prevention and criminal justice")]
    assert (meta.distribution, meta.issue_date, meta.adoption_date) == ("General", "2023-12-22", "2023-12-19")
    assert (meta.number, meta.meeting) == ("78/229", "50th plenary meeting")
    assert meta.title.startswith("Strengthening the United Nations crime prevention")
    assert (meta.committee, meta.originating_report) == ("Third Committee", "A/78/482, para. 29")


def test_paragraphs_keep_lead_and_lose_markers(crime: Resolution) -> None:
    assert crime.formula == "The General Assembly,"
    second = crime.preamble[1]
    assert second.lead == "Reaffirming also" and second.text.startswith("Reaffirming also its resolutions")
    assert [a.marker for a in second.anchors] == ["1", "2", "3", "4", "5"]
    first_call = second.anchors[0]
    assert second.text[: first_call.offset].endswith("and the Protocols thereto,")
    assert "Treaty Series" not in second.text
    assert [p.num for p in crime.operative()] == [f"{n}." for n in range(1, 94)]
    assert crime.operative()[0].lead == "Takes note with appreciation"


def test_footnotes_in_marker_order(crime: Resolution) -> None:
    markers = [f.marker for f in crime.footnotes]
    assert markers == sorted(markers, key=int) and markers[0] == "1"
    assert crime.footnotes[0].text == "United Nations, Treaty Series, vols. 2225, 2237, 2241 and 2326, No. 39574."


def test_parts_with_preambular_paragraphs_become_sections() -> None:
    parts = load(SAMPLES / "akn" / "A_RES_78_247.xml")
    sections = [b for b in parts.body if isinstance(b, Section)]
    assert [(s.num, s.heading) for s in sections][:2] == [
        ("I", "Activities of the Office of Internal Oversight Services"),
        ("II", "Activities of the Independent Audit Advisory Committee"),
    ]
    first = sections[0].children
    assert [p.role for p in first[:3] if isinstance(p, Paragraph)] == [Role.PREAMBULAR, Role.PREAMBULAR, Role.OPERATIVE]


def test_heading_only_paragraphs_open_sections() -> None:
    budget = load(DATA / "A_RES_78_250.xml")
    sections = [b for b in budget.body if isinstance(b, Section)]
    assert sections and sections[-1].heading == "Financing of the appropriation"
    assert [p.num for p in sections[-1].children if isinstance(p, Paragraph)][:2] == ["3.", "4."]


def test_sublist_belongs_to_the_point_before_it() -> None:
    expenses = load(DATA / "A_RES_78_255.xml")
    first = expenses.operative()[0]
    assert [c.num for c in first.children] == ["(a)", "(b)", "(c)"]
    assert [g.num for g in first.children[1].children][:2] == ["(i)", "(ii)"]
    assert all(c.role is Role.SUB for c in first.children)


def test_unnumbered_last_preambular_paragraph_goes_back_to_the_preamble() -> None:
    volunteers = load(DATA / "A_RES_78_127.xml")
    assert volunteers.preamble[-1].text.endswith(",")
    assert volunteers.preamble[-1].role is Role.PREAMBULAR
    assert volunteers.operative()[0].num == "1."


def test_annex_as_attachment() -> None:
    awaza = load(DATA / "A_RES_80_3.xml")
    assert len(awaza.annexes) == 1
    assert awaza.annexes[0].heading == "Annex" and awaza.annexes[0].title == "Awaza Political Declaration"


def test_security_council_in_chinese() -> None:
    council = load(DATA / "S_RES_2789_2025_ZH.akn.xml")
    meta = council.meta
    assert (meta.organ, meta.language, meta.number, meta.session) == (Organ.SECURITY_COUNCIL, "zh", "2789 (2025)", "")
    assert meta.adoption_date == "2025-07-29"
    assert council.formula == "安全理事会，"
    assert [p.num for p in council.operative()] == ["1.", "2."]


def test_security_council_number_and_meeting() -> None:
    council = load(SAMPLES / "akn" / "S_RES_2768_2025.xml")
    assert (council.meta.number, council.meta.meeting) == ("2768 (2025)", "9836th meeting")
    assert council.meta.organ is Organ.SECURITY_COUNCIL


def test_footnote_call_typed_as_superscript_is_a_call() -> None:
    xml = _minimal(
        '<paragraph eId="para_1"><num>1.</num><content><p><span class="italic">Decides</span> that X'
        '<authorialNote marker="1" placement="bottom"><p>Note.</p></authorialNote> and Y<sup>1</sup>;</p>'
        "</content></paragraph>"
    )
    para = read_akn(xml).operative()[0]
    assert para.text == "Decides that X and Y;"
    assert [(a.marker, a.offset) for a in para.anchors] == [("1", 14), ("1", 20)]


def test_a_note_is_read_once_however_often_its_paragraph_is_looked_at() -> None:
    xml = _minimal(
        '<paragraph eId="para_1"><num>1.</num><content><p>Decides;</p></content></paragraph>'
        '<paragraph eId="para_2"><content><p>Also the text of a paragraph with no number'
        '<authorialNote marker="1" placement="bottom"><p>Note.</p></authorialNote> that goes on;</p></content>'
        "</paragraph>"
    )
    resolution = read_akn(xml)
    assert [(f.marker, f.text) for f in resolution.footnotes] == [("1", "Note.")]


def test_entities_are_never_expanded(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP SECRET")
    doctype = f'<!DOCTYPE akomaNtoso [<!ENTITY x SYSTEM "file://{secret}">]>'
    xml = _minimal('<paragraph eId="para_1"><num>1.</num><content><p>Decides &x; now;</p></content></paragraph>')
    xml = xml.replace(b"<akomaNtoso", doctype.encode() + b"<akomaNtoso", 1)
    assert read_akn(xml).operative()[0].text == "Decides now;"  # the entity is left out, never fetched


def test_not_xml_and_not_akn_are_one_line_errors() -> None:
    with pytest.raises(UnreadableInput, match=r":1: not well-formed XML"):
        read_akn(b"<akomaNtoso><statement></akomaNtoso>")
    with pytest.raises(UnreadableInput, match="not Akoma Ntoso"):
        read_akn(b"<html/>")
    with pytest.raises(NotAResolution):
        read_akn(b'<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0"/>')


def _minimal(body: str) -> bytes:
    return (
        '<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0"><statement name="resolution">'
        '<preamble><formula name="enactingFormula"><p>The General Assembly,</p></formula></preamble>'
        f"<mainBody>{body}</mainBody></statement></akomaNtoso>"
    ).encode()
