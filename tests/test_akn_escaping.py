"""The AKN exporter writes its XML as text and has lxml parse it once: every character a document
can hold must come out as the element tree lxml itself would have built (escaped where XML needs
it, left out where XML cannot hold it), in text and in attributes alike."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from lxml import etree

from resolution_cli.errors import InvalidOutput
from resolution_cli.exporters import get
from resolution_cli.exporters.akn import (
    _TLC,
    _append_text,
    _fixed_tlc,
    _leaf,
    _sub,
    _written_leaf,
    _Xml,
    parse_written,
    written_tree,
    xml_safe,
)
from resolution_cli.model import (
    AgendaItem,
    Anchor,
    DocumentKind,
    Footnote,
    Metadata,
    Paragraph,
    Resolution,
    Role,
    Sponsor,
)
from resolution_cli.parse.finish import with_references
from resolution_cli.readers import read
from tests.conftest import SAMPLES

NS = {"a": "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"}

# What hostile text can carry: markup characters, a CDATA end, quotes, line breaks and carriage
# returns (which the parser would turn into line feeds, or spaces in attributes), control
# characters and lone surrogates (XML cannot hold them), non-characters, characters beyond the BMP.
HOSTILE = [
    "a & b; &amp; &#13; &lt;",
    "<b>bold</b> <!-- c --> <?pi x?>",
    "end ]]> of CDATA ]]",
    "\"double\" and 'single' quotes",
    "carriage\rreturn, CRLF\r\n, line\nfeed, tab\there",
    "controls \x00\x01\x08\x0b\x0c\x0e\x1f\x7f end",
    "lone \ud800 high, \udfff low, a split pair \ud83d\ude00",
    "non-characters \ufffe\uffff, line separator \u2028, NEL \x85",
    "beyond the BMP: \U0001f600 \U00010000 \U0010fffd",
    "\x01\x02",  # nothing XML can hold: an empty text node, as lxml made it
    "\ud800",
    " ",
]


def _lxml_reference(steps: list[tuple[str, str, dict[str, str]]]) -> bytes:
    """The document `steps` describe, built with lxml's own API (as the exporter once built it)."""
    root = etree.Element("r")
    stack = [root]
    for kind, value, attributes in steps:
        parent = stack[-1]
        if kind in ("sub", "leaf"):
            clean = {k: xml_safe(v) for k, v in attributes.items() if v}
            if "eId" in clean:  # a structural eId's wId twin
                clean["wId"] = clean["eId"]
            child = etree.SubElement(parent, "e", clean)
            if value:
                child.text = xml_safe(value)
            if kind == "sub":
                stack.append(child)
        elif kind == "text" and value:
            if len(parent):
                parent[-1].tail = (parent[-1].tail or "") + xml_safe(value)
            else:
                parent.text = (parent.text or "") + xml_safe(value)
        elif kind == "up":
            stack.pop()
    return etree.tostring(root, pretty_print=True)


def _writing(steps: list[tuple[str, str, dict[str, str]]]) -> Callable[[_Xml], str]:
    """What writes the document `steps` describe through the exporter's writer, as text."""

    def write(xml: _Xml) -> str:
        stack = [xml.root("<r>", "r")]
        for kind, value, attributes in steps:
            if kind == "sub":
                stack.append(_sub(stack[-1], "e", value, **attributes))
            elif kind == "leaf":
                _leaf(stack[-1], "e", value, **attributes)
            elif kind == "text":
                _append_text(stack[-1], value)
            elif kind == "up":
                stack.pop()
        return xml.text()

    return write


def _written(steps: list[tuple[str, str, dict[str, str]]]) -> bytes:
    """The same document through the exporter's writer: text, parsed by lxml (`written_tree`)."""
    return etree.tostring(written_tree(_writing(steps)), pretty_print=True)


def _shapes(value: str) -> list[list[tuple[str, str, dict[str, str]]]]:
    """`value` as an element's text, as text after a child (a tail), as an attribute, and between
    two children, the places the exporter puts text; in elements open for children (`_sub`) and
    written whole (`_leaf`)."""
    return [
        [("sub", value, {}), ("up", "", {})],
        [("sub", "", {"title": value, "eId": "x"}), ("up", "", {})],
        [("text", value, {}), ("sub", "", {}), ("sub", "", {}), ("up", "", {}), ("up", "", {})],
        [("sub", "", {}), ("up", "", {}), ("text", value, {}), ("text", "after", {})],
        [("sub", "", {}), ("sub", value, {}), ("up", "", {}), ("sub", "", {}), ("up", "", {}), ("up", "", {})],
        [("sub", "", {}), ("text", value, {}), ("sub", "", {}), ("up", "", {}), ("up", "", {})],
        [("leaf", value, {"title": value}), ("text", value, {}), ("leaf", value, {}), ("sub", "", {}), ("up", "", {})],
        [("sub", "", {}), ("leaf", value, {}), ("leaf", "", {"eId": value}), ("text", value, {}), ("up", "", {})],
    ]


@pytest.mark.parametrize("value", HOSTILE, ids=repr)
def test_writer_builds_the_tree_lxml_builds(value: str) -> None:
    for steps in _shapes(value):
        assert _written(steps) == _lxml_reference(steps), steps


def _document(hostile: str) -> Resolution:
    """A draft with `hostile` in running text, a lead phrase, a footnote, a sponsor's name, the
    group it acts for (an attribute), an agenda item's name and the committee's name."""
    para = Paragraph(Role.OPERATIVE, f"Decides {hostile} now;", num="1.", lead="Decides", anchors=(Anchor("1", 8),))
    meta = Metadata(
        symbol="A/C.3/78/L.1",
        kind=DocumentKind.DRAFT_RESOLUTION,
        session="78",
        agenda_items=(AgendaItem("71 (b)", f"Item {hostile}"),),
        distribution="Limited",
        title=f"Title {hostile}",
        sponsors=(Sponsor(f"Ruritania {hostile}", on_behalf_of=f"the Group {hostile}"),),
        committee="Third Committee",
    )
    return Resolution(
        meta=meta,
        formula="The General Assembly,",
        preamble=(Paragraph(Role.PREAMBULAR, f"Recalling {hostile},", lead="Recalling"),),
        body=(para,),
        footnotes=(Footnote("1", f"Note {hostile} A/78/1."),),
    )


@pytest.mark.parametrize("value", HOSTILE, ids=repr)
def test_hostile_characters_survive_in_valid_akn(value: str) -> None:
    data = get("akn").render(with_references(_document(value)))  # validated against the schema first
    root = etree.fromstring(data)
    safe = xml_safe(value)

    def elements(path: str) -> list[etree._Element]:
        return root.xpath(path, namespaces=NS)  # type: ignore[return-value]

    def texts(path: str) -> list[str]:
        return ["".join(str(t) for t in e.itertext()) for e in elements(path)]

    assert texts("//a:mainBody//a:content/a:p") == [f"Decides Note {safe} A/78/1.{safe} now;"]  # the note at its call
    assert texts("//a:preamble/a:container/a:p") == [f"Recalling {safe},"]
    assert texts("//a:docTitle") == [f"Title {safe}"]
    proponent = elements("//a:preface//a:docProponent")[0]
    assert (proponent.text, proponent.get("title")) == (f"Ruritania {safe}", f"on behalf of the Group {safe}")
    assert texts("//a:inline[@name='agenda item name']") == [f"Item {safe}"]


def _samples() -> list[Path]:
    return [SAMPLES / "text" / "A_73_L.103.txt", *sorted((SAMPLES / "akn").glob("*.xml"))]


@pytest.mark.parametrize("path", _samples(), ids=lambda p: p.name)
def test_references_list_exactly_the_tlcs_the_document_points_at(path: Path) -> None:
    """meta/references comes from what the writer wrote: one TLC for each pointer, none more."""
    root = etree.fromstring(get("akn").render(read(path.read_bytes())))
    defined = [e.get("eId") for e in root.xpath("//a:meta/a:references/*", namespaces=NS)]  # type: ignore[union-attr]
    pointers = root.xpath(
        "//@refersTo | //@by | //@as | //@source | //*[starts-with(local-name(), 'FRBRauthor')]/@href"
    )
    used = {p[1:] for value in pointers for p in str(value).split() if p.startswith("#")}  # type: ignore[union-attr]
    assert len(defined) == len(set(defined)) and set(defined) == used


NOT_XML = [chr(c) for c in (*range(0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0xD800, 0xDFFF, 0xFFFE, 0xFFFF)]


@pytest.mark.parametrize("char", NOT_XML, ids=lambda c: f"U+{ord(c):04X}")
def test_each_character_xml_cannot_hold_is_left_out(char: str) -> None:
    """Written without care, such a character reaches libxml2, which must refuse it, so that the
    document is written again with care: in text, in a tail and in an attribute alike."""
    steps = [("sub", f"a{char}b", {"title": f"c{char}d"}), ("up", "", {}), ("text", f"e{char}f", {})]
    assert _written(steps) == _lxml_reference(steps)


@pytest.mark.parametrize(
    ("value", "writings"),
    [("plain text, “quoted” & <marked>", 1), ("a\tb", 2), ("a\nb", 2), ("a\rb", 2), ("a\x0bb", 2), ("\ud800", 2)],
)
def test_a_document_is_written_again_with_care_only_when_it_must(value: str, writings: int) -> None:
    write = _writing([("leaf", value, {"title": value}), ("text", value, {})])
    careful: list[bool] = []

    def counted(xml: _Xml) -> str:
        careful.append(xml.careful)
        return write(xml)

    written_tree(counted)
    assert careful == [False, True][:writings]


@pytest.mark.parametrize("eid", sorted(_TLC))
def test_a_fixed_tlc_written_once_is_what_leaf_writes_each_time(eid: str) -> None:
    """meta/references' TLCs of the fixed table are written once a process: they must be the
    element lxml builds, and record nothing a document's writer would (no pointer, no empty text)."""
    element, href, label = _TLC[eid]
    expected = etree.Element("r")
    etree.SubElement(expected, element, {"eId": eid, "href": href, "showAs": label})
    xml = _Xml()
    root = xml.root("<r>", "r")
    _written_leaf(root, _fixed_tlc(eid))
    _append_text(root, "after")  # the leaf counts as the root's child: the text is its tail
    expected[0].tail = "after"
    assert etree.tostring(parse_written(xml, xml.text())) == etree.tostring(expected)
    scratch = _Xml()
    _leaf(scratch.root("<r>", "r"), element, eId=eid, href=href, showAs=label)
    assert not scratch.pointers and not scratch.empty and scratch.parts[-1] == _fixed_tlc(eid)


def test_writing_out_of_document_order_is_an_error() -> None:
    xml = _Xml()
    root = xml.root("<r>", "r")
    first = _sub(root, "e")
    _sub(root, "e")
    write: Callable[[], object] = lambda: _sub(first, "late")  # noqa: E731
    with pytest.raises(RuntimeError, match="out of document order"):
        write()


def test_a_schema_error_names_the_line_of_the_output() -> None:
    """The tree is parsed from text written on one line: the error still says the output's line."""
    broken = Resolution(meta=Metadata(symbol="A/78/L.1", issue_date="not a date"), formula="The General Assembly,")
    with pytest.raises(InvalidOutput) as raised:
        get("akn").render(broken)
    output = get("akn").render(broken, validate=False).decode().splitlines()
    line = int(re.search(r"at its line (\d+)", str(raised.value))[1])  # type: ignore[index]
    assert 'date="not a date"' in output[line - 1]
