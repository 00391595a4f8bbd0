"""The profile schema (schemas/akomantoso30-profile.xsd): derived from the official XSD by
tools/akn_profile_schema.py, taken by every AKN the exporter writes, and never the last word:
what it rejects, the official schema judges, so `schema.validate` answers as the official one."""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import pytest
from lxml import etree

from resolution_cli import schema
from resolution_cli.exporters import get
from resolution_cli.model import Annex, Metadata, Paragraph, Resolution, Role
from tests.conftest import ROOT

sys.path.insert(0, str(ROOT / "tools"))
import akn_profile_schema  # noqa: E402  (a script, not a package)

GOLDEN_AKN = sorted((ROOT / "tests" / "golden").glob("*/expected.xml"))
AKN = "{http://docs.oasis-open.org/legaldocml/ns/akn/3.0}"


def test_the_profile_is_what_the_tool_derives_from_the_official_schema() -> None:
    official = etree.parse(str(akn_profile_schema.OFFICIAL))
    keep = akn_profile_schema.vocabulary(akn_profile_schema.EXPORTER, official)
    derived = akn_profile_schema.serialize(akn_profile_schema.derive(official, keep))
    assert akn_profile_schema.PROFILE.read_bytes() == derived, "rerun python tools/akn_profile_schema.py"


def test_the_profile_only_narrows_the_official_schema() -> None:
    """Each of its global definitions is the official one, or it with element or group particles taken out."""
    xsd = "{http://www.w3.org/2001/XMLSchema}"
    official = {(d.tag, d.get("name")): d for d in etree.parse(str(akn_profile_schema.OFFICIAL)).getroot()}
    for definition in etree.parse(str(akn_profile_schema.PROFILE)).getroot():
        if not isinstance(definition.tag, str):
            continue
        kept, before = _shapes(definition), _shapes(official[(definition.tag, definition.get("name"))])
        assert not kept - before, f"{definition.get('name')}: the profile adds {kept - before}"
        for tag, attributes in before - kept:
            assert tag in (f"{xsd}element", f"{xsd}group") and "ref" in dict(attributes), (definition.get("name"), tag)


def _shapes(definition: etree._Element) -> Counter[tuple[str, tuple[tuple[str, str], ...]]]:
    return Counter((n.tag, tuple(sorted(n.attrib.items()))) for n in definition.iter() if isinstance(n.tag, str))


@pytest.mark.parametrize("golden", GOLDEN_AKN, ids=lambda p: p.parent.name)
def test_every_golden_akn_is_taken_by_the_profile(golden: Path) -> None:
    assert schema.akn_profile().validate(etree.parse(str(golden)))


def test_a_valid_document_the_profile_does_not_know_is_judged_by_the_official_schema() -> None:
    tree = etree.parse(str(GOLDEN_AKN[0]))
    paragraph = next(tree.getroot().iter(f"{AKN}p"))
    bold = etree.SubElement(paragraph, f"{AKN}b")  # inline bold: AKN has it, the exporter never writes it
    bold.text = "bold"
    assert not schema.akn_profile().validate(tree)
    assert schema.akn_schema().validate(tree)
    assert schema.validate(tree) == []


def test_an_invalid_document_gets_the_official_schemas_messages() -> None:
    tree = etree.parse(str(GOLDEN_AKN[0]))
    paragraph = next(tree.getroot().iter(f"{AKN}p"))
    paragraph.set("colour", "red")  # no such attribute
    etree.SubElement(paragraph, f"{AKN}paragraph")  # no block inside a p
    official = schema.akn_schema()
    assert not official.validate(tree)
    expected = [e.message for e in official.error_log]  # type: ignore[attr-defined]
    problems = schema.validate(tree)
    assert len(problems) == len(expected) == 2
    assert [p.message for p in problems] == [schema.one_line(m.replace(f"{AKN[:-1]}}}", "")) for m in expected]


def _official_messages(tree: etree._ElementTree) -> list[str]:
    official = schema.akn_schema()
    assert not official.validate(tree)
    return [schema.one_line(e.message.replace(f"{AKN[:-1]}}}", "")) for e in official.error_log]  # type: ignore[attr-defined]


@pytest.mark.parametrize("attribute", ["eId", "GUID"])
def test_two_equal_ids_are_judged_by_the_official_schema(attribute: str) -> None:
    """The profile is compiled without its xsd:unique constraints (half libxml2's time): two
    elements with the same eId (or GUID), one in the body and one in an annex's doc, still make
    the document invalid, with the official schema's message and line."""
    resolution = Resolution(
        meta=Metadata(symbol="A/RES/80/3", number="80/3", adoption_date="2025-10-14"),
        body=(Paragraph(Role.OPERATIVE, "Decides.", num="1."),),
        annexes=(Annex("Annex", "Declaration", (Paragraph(Role.OPERATIVE, "We declare."),)),),
    )
    tree = etree.ElementTree(etree.fromstring(get("akn").render(resolution)))
    body = next(tree.getroot().iter(f"{AKN}mainBody"))
    annex_doc = next(tree.getroot().iter(f"{AKN}doc"))
    first, second = next(body.iter(f"{AKN}paragraph")), next(annex_doc.iter(f"{AKN}paragraph"))
    first.set(attribute, "para_same")
    second.set(attribute, "para_same")
    assert schema._profile_structure().schema.validate(tree)  # the structure alone takes it ...
    problems = schema.validate(tree)  # ... the check of the values does not
    assert [p.message for p in problems] == _official_messages(tree)
    assert "para_same" in problems[0].message and problems[0].line == second.sourceline


def test_an_eid_may_equal_a_guid() -> None:
    """Each constraint holds one attribute's values apart, as the official schema's do."""
    tree = etree.parse(str(GOLDEN_AKN[0]))
    first = next(tree.getroot().iter(f"{AKN}paragraph"))
    first.set("GUID", first.get("eId", ""))
    assert schema.akn_schema().validate(tree)
    assert schema.validate(tree) == []


@pytest.mark.parametrize(
    ("attribute", "value"),
    [("eId", "para 1"), ("wId", "para\t1"), ("GUID", "para\n1"), ("eId", "para\r1"), ("wId", "")],
)
def test_an_id_that_is_not_one_word_is_judged_by_the_official_schema(attribute: str, value: str) -> None:
    """The profile is compiled without noWhiteSpace's pattern [^\\s]+ (a quarter of libxml2's time):
    an eId, wId or GUID with a space, tab, line break or carriage return in it, or empty, still
    makes the document invalid, with the official schema's message and line."""
    tree = etree.parse(str(GOLDEN_AKN[0]))
    paragraph = next(tree.getroot().iter(f"{AKN}paragraph"))
    paragraph.set(attribute, value)
    assert schema._profile_structure().schema.validate(tree)  # the structure alone takes it ...
    problems = schema.validate(tree)  # ... the check of the values does not
    assert problems and [p.message for p in problems] == _official_messages(tree)
    assert problems[0].line == paragraph.sourceline


def test_what_the_profile_is_held_without_is_checked_apart() -> None:
    """Every xsd:unique of the profile (it has no key or keyref), each on one attribute's values,
    and its one pattern, of a type only eId, wId and GUID have, are taken out, and each is asked."""
    xsd = "{http://www.w3.org/2001/XMLSchema}"
    profile = etree.parse(str(akn_profile_schema.PROFILE))
    assert list(profile.iter(f"{xsd}unique")) and len(list(profile.iter(f"{xsd}pattern"))) == 1
    assert not list(profile.iter(f"{xsd}key", f"{xsd}keyref"))
    asked = schema._take_out_checks(profile)
    assert not list(profile.iter(f"{xsd}unique")) and not list(profile.iter(f"{xsd}pattern"))
    assert {name: (a.differ, a.one_word) for name, a in asked.items()} == {
        "eId": (True, True),
        "GUID": (True, True),
        "wId": (False, True),
    }
    checked = {path.path: a for path, a in schema._profile_structure().asked}
    assert checked == {f"//@{name}": a for name, a in asked.items()}


def test_a_pattern_of_a_type_anything_else_uses_stays_in_the_schema() -> None:
    """Where the one-word type is also an element's type, a base or a list's item, libxml2 keeps it."""
    xsd = "{http://www.w3.org/2001/XMLSchema}"
    profile = etree.parse(str(akn_profile_schema.PROFILE))
    etree.SubElement(profile.getroot(), f"{xsd}element", name="word", type="noWhiteSpace")
    asked = schema._take_out_checks(profile)
    assert len(list(profile.iter(f"{xsd}pattern"))) == 1 and not any(a.one_word for a in asked.values())
