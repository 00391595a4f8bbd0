"""The AKN exporter: schema-valid, in the UN's AKN4UN shape, deterministic, eIds by the naming convention."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from lxml import etree

from resolution_cli.addresses import EIdGenerator, number_token
from resolution_cli.exporters import get
from resolution_cli.frbr import identify
from resolution_cli.model import (
    AgendaItem,
    Anchor,
    Annex,
    DocumentKind,
    Footnote,
    Metadata,
    Organ,
    Paragraph,
    Resolution,
    Role,
    Section,
    Sponsor,
)
from resolution_cli.parse.finish import with_references
from resolution_cli.readers import read
from resolution_cli.schema import validate_bytes
from tests.conftest import GOLDEN, SAMPLES, compare_golden
from tests.documents import read_once
from tests.measure import akn_signature

DATA = Path(__file__).parent / "data" / "akn"
NS = {"a": "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"}
INPUTS = sorted([*SAMPLES.rglob("*.txt"), *SAMPLES.rglob("*.pdf"), *SAMPLES.rglob("*.xml"), *DATA.glob("*.xml")])


def akn(resolution: Resolution) -> bytes:
    return get("akn").render(resolution)


def tree(resolution: Resolution) -> etree._Element:
    return etree.fromstring(akn(resolution))


def xpath(root: etree._Element, path: str) -> list[etree._Element]:
    return root.xpath(path, namespaces=NS)  # type: ignore[return-value]


def signature_of(data: bytes, tmp_path: Path) -> dict[str, object]:
    path = tmp_path / "out.xml"
    path.write_bytes(data)
    return akn_signature.signature(str(path))  # type: ignore[no-any-return]


@pytest.fixture(scope="module")
def draft() -> Resolution:
    return read((SAMPLES / "text" / "A_73_L.103.txt").read_bytes())


@pytest.mark.parametrize("path", INPUTS, ids=lambda p: p.name)
def test_every_sample_exports_schema_valid_akn(path: Path) -> None:
    data = akn(read_once(path))
    assert validate_bytes(data, path.name) == []


def test_alias_xml_and_suffix() -> None:
    exporter = get("xml")
    assert exporter.name == "akn" and exporter.suffix == ".akn.xml"


def test_same_input_same_bytes(draft: Resolution) -> None:
    assert akn(draft) == akn(draft)


def test_no_clock_dates_come_from_the_document(draft: Resolution, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    dates = {e.get("date") for e in xpath(tree(draft), "//a:FRBRdate")}
    assert dates == {"2019-07-19"}  # the draft's issue date, and nothing else


def test_source_date_epoch_only_where_the_document_has_no_date(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # 2023-11-14
    bare = Resolution(meta=Metadata(symbol="A/78/L.1"), formula="The General Assembly,")
    work = identify(bare.meta)
    assert work.work_date == "2023-11-14"
    assert work.work == "/akn/un/statement/deliberation/unga/2023-11-14/A-78-L.1/"
    assert validate_bytes(akn(bare)) == []


def test_frbr_iris_follow_the_un(tmp_path: Path) -> None:
    root = tree(read((SAMPLES / "akn" / "A_RES_78_229.xml").read_bytes()))
    assert xpath(root, "//a:FRBRWork/a:FRBRuri")[0].get("value") == (
        "/akn/un/statement/deliberation/unga/2023-12-19/78-229/"
    )
    council = tree(read((SAMPLES / "akn" / "S_RES_2768_2025.xml").read_bytes()))
    assert xpath(council, "//a:FRBRWork/a:FRBRuri")[0].get("value") == (
        "/akn/un/statement/deliberation/unsc/2025-01-15/2768-2025/"
    )
    assert xpath(council, "//a:FRBRExpression/a:FRBRlanguage")[0].get("language") == "eng"


def test_every_refers_to_has_its_tlc(draft: Resolution) -> None:
    root = tree(draft)
    defined = {e.get("eId") for e in xpath(root, "//a:references/*")}
    values = root.xpath("//@refersTo | //@by | //@as | //a:FRBRauthor/@href", namespaces=NS)
    used = {str(v)[1:] for v in values if str(v).startswith("#")}  # type: ignore[union-attr]
    assert used <= defined


def test_draft_shape(draft: Resolution, tmp_path: Path) -> None:
    root = tree(draft)
    assert xpath(root, "/a:akomaNtoso/a:statement")[0].get("name") == "draftResolution"
    sponsors = [e.text for e in xpath(root, "//a:preface//a:docProponent")]
    assert sponsors == [s.name for s in draft.meta.sponsors]
    assert len(xpath(root, "//a:workflow/a:step")) == len(draft.meta.sponsors)
    sig = signature_of(akn(draft), tmp_path)
    assert (sig["symbol"], sig["session"], sig["agenda_items"]) == ("A/73/L.103", "73", ["128 (t)"])
    assert sig["title"] == draft.meta.title and sig["formula"] == "The General Assembly,"


def test_signature_reads_every_field_of_the_model(draft: Resolution, tmp_path: Path) -> None:
    sig = signature_of(akn(draft), tmp_path)
    preamble = sig["preamble"]
    assert isinstance(preamble, list)
    assert [p["lead"] for p in preamble] == [p.lead for p in draft.preamble]
    assert [p["text"] for p in preamble] == [p.text for p in draft.preamble]
    operative = sig["operative"]
    assert isinstance(operative, list)
    assert [(o["num"], o["lead"], o["text"]) for o in operative] == [(p.num, p.lead, p.text) for p in draft.operative()]
    notes = sig["footnotes"]
    assert isinstance(notes, list)
    calls = [(a.marker, f"pre:{i}") for i, p in enumerate(draft.preamble, 1) for a in p.anchors]
    calls += [(a.marker, f"op:{p.num}") for p in draft.operative() for a in p.anchors]
    first_calls = list({marker: (marker, host) for marker, host in reversed(calls)}.values())[::-1]
    assert [(n["marker"], n["host"]) for n in notes] == first_calls  # a second call is a noteRef
    assert notes[2]["before"].endswith("13January2010")


def test_footnote_called_twice_is_a_note_then_a_note_ref(draft: Resolution) -> None:
    root = tree(draft)
    notes = xpath(root, "//a:authorialNote[@marker='5']")
    refs = xpath(root, "//a:noteRef[@marker='5']")
    assert len(notes) == 1 and len(refs) == 1
    assert refs[0].get("href") == "#" + notes[0].get("eId")


def test_footnotes_never_called_are_kept_in_meta_notes(draft: Resolution) -> None:
    kept = xpath(tree(draft), "//a:meta/a:notes/a:note")
    assert [n.get("marker") for n in kept] == ["6", "7"]


def test_a_marker_used_by_two_footnotes_keeps_both() -> None:
    calls = (Paragraph(Role.OPERATIVE, f"Decides {n};", num=f"{n}.", anchors=(Anchor("*", 9),)) for n in (1, 2))
    notes = (Footnote("*", "First note."), Footnote("*", "Second note."))
    resolution = Resolution(meta=Metadata(symbol="A/RES/78/2"), body=tuple(calls), footnotes=notes)
    root = tree(resolution)
    assert ["".join(n.itertext()) for n in xpath(root, "//a:authorialNote")] == ["First note.", "Second note."]
    assert read(akn(resolution)) == resolution


def test_notes_never_called_keep_the_order_of_the_first_equal_footnote() -> None:
    """meta/notes lists the loose footnotes by the place of the first footnote equal to each (as
    the model's `footnotes.index` gives it), not by their marker's first use."""
    called = Paragraph(Role.OPERATIVE, "Decides;", num="1.", anchors=(Anchor("a", 7),))
    notes = (Footnote("a", "Same."), Footnote("b", "Other."), Footnote("a", "Same."), Footnote("c", "Last."))
    resolution = Resolution(meta=Metadata(symbol="A/RES/78/2"), body=(called,), footnotes=notes)
    kept = xpath(tree(resolution), "//a:meta/a:notes/a:note")
    kept_notes = [(n.get("marker"), "".join(n.itertext()).strip()) for n in kept]
    assert kept_notes == [("a", "Same."), ("b", "Other."), ("c", "Last.")]


def test_refs_wrap_citations_without_changing_the_text() -> None:
    text = (
        "Recalling resolution 46/182 of 19 December 1991, the report A/78/482, resolution 2712 (2023), "
        "S/RES/2712 (2023), S/PRST/2013/12 and its decision 77/555 and resolution S-30/1,"
    )
    para = Paragraph(Role.PREAMBULAR, text, lead="Recalling")
    resolution = Resolution(meta=Metadata(symbol="A/RES/78/1"), formula="The General Assembly,", preamble=(para,))
    root = tree(with_references(resolution))  # a model built by hand gets its references as a reader's does
    container = xpath(root, "//a:preamble/a:container")[0]
    assert "".join(container.itertext()).strip() == text
    refs = {ref.text: ref.get("href") for ref in xpath(container, ".//a:ref")}
    assert refs == {  # the UN links no decision: 77/555 stays text
        "46/182": "https://undocs.org/en/A/RES/46/182",
        "A/78/482": "https://undocs.org/en/A/78/482",
        "2712 (2023)": "https://undocs.org/en/S/RES/2712(2023)",
        "S/RES/2712 (2023)": "https://undocs.org/en/S/RES/2712(2023)",
        "S/PRST/2013/12": "https://undocs.org/en/S/PRST/2013/12",
        "S-30/1": "https://undocs.org/en/A/RES/S-30/1",
    }


def test_refs_link_in_the_documents_language_and_never_cross_a_footnote_call() -> None:
    text = "Recalling its resolution 46/182 and A/78/482,"
    para = Paragraph(Role.PREAMBULAR, text, lead="Recalling", anchors=(Anchor("1", 40),))  # inside A/78/482
    meta = Metadata(symbol="A/RES/78/1", language="fr")
    resolution = Resolution(
        meta=meta, formula="L'Assemblée générale,", preamble=(para,), footnotes=(Footnote("1", "Note."),)
    )
    root = tree(with_references(resolution))
    assert [ref.get("href") for ref in xpath(root, "//a:preamble//a:ref")] == ["https://undocs.org/fr/A/RES/46/182"]


def _sectioned() -> Resolution:
    sub = Paragraph(Role.SUB, "Measures;", num="(a)", children=(Paragraph(Role.SUB, "first;", num="(i)"),))
    operative = Paragraph(Role.OPERATIVE, "Decides:", num="1.", lead="Decides", children=(sub,))
    cross = Paragraph(Role.PREAMBULAR, "Recalling its resolution 77/1,", lead="Recalling", anchors=(Anchor("1", 29),))
    section = Section("I", "Activities", children=(cross, operative), anchors=(Anchor("2", 10),))
    meta = Metadata(
        symbol="A/RES/78/247",
        number="78/247",
        title="Review",
        session="78",
        agenda_items=(AgendaItem("139", "Review"),),
        adoption_date="2023-12-22",
        meeting="50th plenary meeting",
        committee="Fifth Committee",
        originating_report="A/78/600, para. 6",
    )
    notes = (Footnote("1", "Resolution 77/1."), Footnote("2", "A/78/301."))
    return Resolution(meta=meta, formula="The General Assembly,", body=(section,), footnotes=notes)


def test_sections_cross_headings_and_nested_points(tmp_path: Path) -> None:
    resolution = _sectioned()
    data = akn(resolution)
    assert validate_bytes(data) == []
    root = etree.fromstring(data)
    eids = [e.get("eId") for e in root.iter() if e.get("eId")]
    assert "sec_I" in eids and "sec_I__para_1__list_1__point_a__list_1__point_i" in eids
    assert xpath(root, "//a:section/a:crossHeading")[0].get("refersTo") == "#preamble"
    assert xpath(root, "//a:section/a:heading/a:authorialNote")[0].get("marker") == "2"
    sig = signature_of(data, tmp_path)
    body = sig["operative"]
    assert isinstance(body, list)
    assert [b["kind"] for b in body] == ["heading", "preambular", "operative"]
    assert body[0]["text"].startswith("I Activities")  # (the measure reads a heading's note into it)
    assert body[2]["children"][0]["children"][0]["num"] == "(i)"
    assert (sig["number"], sig["adopted"], sig["meeting"]) == ("78/247", "2023-12-22", "50th")
    assert read(data) == resolution


def test_lettered_items_of_a_preambular_paragraph_in_a_part_stay_in_its_text(tmp_path: Path) -> None:
    item = Paragraph(Role.SUB, "the first,", num="(a)", anchors=(Anchor("1", 9),))
    cross = Paragraph(Role.PREAMBULAR, "Noting:", lead="Noting", children=(item,))
    resolution = Resolution(
        meta=Metadata(symbol="A/RES/78/5"),
        body=(Section("I", "Part", children=(cross,)),),
        footnotes=(Footnote("1", "N."),),
    )
    data = akn(resolution)
    assert validate_bytes(data) == []
    body = signature_of(data, tmp_path)["operative"]
    assert isinstance(body, list)
    assert body[1] == {
        "kind": "preambular",
        "num": "",
        "lead": "Noting",
        "text": "Noting: (a) the first,",
        "children": [],
    }
    assert signature_of(data, tmp_path)["footnotes"][0]["before"].endswith("(a)thefirst")  # type: ignore[index]


def test_lettered_items_of_a_preambular_paragraph_are_a_block_list() -> None:
    items = (Paragraph(Role.SUB, "the first,", num="(a)"), Paragraph(Role.SUB, "the second,", num="(b)"))
    para = Paragraph(Role.PREAMBULAR, "Noting:", lead="Noting", children=items)
    resolution = Resolution(meta=Metadata(symbol="A/RES/78/6"), formula="The General Assembly,", preamble=(para,))
    root = tree(resolution)
    assert [e.get("eId") for e in xpath(root, "//a:blockList/a:item")] == [
        "preamble__container_1__list_1__item_a",
        "preamble__container_1__list_1__item_b",
    ]
    assert read(akn(resolution)) == resolution


def test_eids_are_unique_and_follow_the_naming_convention() -> None:
    root = tree(read((SAMPLES / "akn" / "A_RES_78_229.xml").read_bytes()))
    eids = [e.get("eId") for e in root.iter() if e.get("eId")]
    assert not [e for e, n in Counter(eids).items() if n > 1]
    assert {"para_1", "para_93", "preamble__container_3", "preamble__formula_1"} <= set(eids)
    structural = [e for e in root.iter() if e.get("eId") and not etree.QName(e).localname.startswith("TLC")]
    assert structural and all(e.get("wId") == e.get("eId") for e in structural)


def test_eid_generator() -> None:
    ids = EIdGenerator()
    assert ids.make("", "paragraph", "1.") == "para_1"
    assert ids.make("para_1", "list") == "para_1__list_1"
    assert ids.make("para_1__list_1", "point", "(a)") == "para_1__list_1__point_a"
    assert ids.make("", "paragraph", "1.") == "para_1-2"  # a number printed twice stays unique
    assert ids.make("preamble", "container") == "preamble__container_1"
    assert number_token("1 -") == "1" and number_token("(iv)") == "iv"


def test_security_council_cover(tmp_path: Path) -> None:
    council = read((SAMPLES / "akn" / "S_RES_2768_2025.xml").read_bytes())
    root = tree(council)
    assert xpath(root, "//a:coverPage//a:docTitle[@refersTo='#resolutionNumber']")[0].text == "Resolution 2768 (2025)"
    assert xpath(root, "//a:coverPage//a:docDate[@refersTo='#adoptionDate']")[0].get("date") == "2025-01-15"
    assert not xpath(root, "//a:conclusions")


def test_annexes_are_attachments() -> None:
    resolution = Resolution(
        meta=Metadata(symbol="A/RES/80/3", number="80/3", adoption_date="2025-10-14"),
        formula="The General Assembly,",
        annexes=(
            Annex("Annex I", "Declaration", (Paragraph(Role.OPERATIVE, "We, the Heads of State, declare:"),)),
            Annex("Annex II"),
        ),
    )
    data = akn(resolution)
    assert validate_bytes(data) == []
    assert len(xpath(etree.fromstring(data), "/a:akomaNtoso/a:statement/a:attachments/a:attachment")) == 2
    assert read(data).annexes == resolution.annexes


def test_other_kinds_and_organs_validate() -> None:
    for organ in Organ:
        for kind in DocumentKind:
            sponsors = (Sponsor("A"), Sponsor("B"))
            meta = Metadata(symbol="X/1", organ=organ, kind=kind, session="ES-11", sponsors=sponsors, number="1/1")
            data = akn(Resolution(meta=meta, formula="The Council,"))
            assert validate_bytes(data) == [], (organ, kind)


def test_nasty_text_exports_valid_and_reads_back() -> None:
    from tests.test_markdown import NASTY

    assert validate_bytes(akn(NASTY)) == []
    assert read(akn(NASTY)) == NASTY


def test_characters_xml_cannot_hold_are_dropped_not_fatal() -> None:
    odd = "Decides \x00to\x0b act \ud800now\ufffe;"
    para = Paragraph(Role.OPERATIVE, odd, num="1.", lead="Decides")
    meta = Metadata(symbol="A/RES/78/7", agenda_items=(AgendaItem("1\x01"),))
    data = akn(Resolution(meta=meta, formula="The General Assembly,", body=(para,)))
    assert validate_bytes(data) == []
    assert read(data).operative()[0].text == "Decides to act now;"


def _c14n(data: bytes) -> bytes:
    return etree.tostring(etree.fromstring(data), method="c14n2")


GOLDEN_CASES = {
    "akn-A_73_L.103": SAMPLES / "text" / "A_73_L.103.txt",
    "akn-A_RES_78_247": SAMPLES / "akn" / "A_RES_78_247.xml",
    "akn-S_RES_2768_2025": SAMPLES / "akn" / "S_RES_2768_2025.xml",
}


@pytest.mark.parametrize("case", sorted(GOLDEN_CASES))
def test_golden_c14n(case: str, accept: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    actual = _c14n(akn(read(GOLDEN_CASES[case].read_bytes())))
    expected = GOLDEN / case / "expected.xml"
    if not accept and expected.exists() and _c14n(expected.read_bytes()) == actual:
        return  # equal once both are canonical: attribute order and quoting never fail the test
    compare_golden(actual, expected, accept)
