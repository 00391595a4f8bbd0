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
