"""The official Akoma Ntoso 3.0 schema (OASIS), bundled and loaded offline, and safe XML parsing.

`schemas/akomantoso30.xsd` imports only `./xml.xsd`, beside it; the parser has no network access,
so the schema loads the same offline. The compiled schema is cached per process.

A document is first held against `schemas/akomantoso30-profile.xsd`, the official schema without
the alternatives the AKN exporter never writes (derived by tools/akn_profile_schema.py, which
only takes out what narrows the language): what it accepts the official schema accepts too, and
whatever it rejects is held against the official schema, whose answer and messages are the ones
given. libxml2 compiles the profile in about 6 ms of CPU, the official schema in about 260 ms,
which every `resolution convert -t akn` process paid before writing its document (issue 12).

The profile is held without its identity constraints (each `xsd:unique` says: no two elements
inside a `statement` or a `doc` have the same eId, or GUID) and the pattern of eId, wId and GUID
(one word), which cost libxml2 three quarters of the whole check; `_Asked.holds` checks them
instead, over the whole document, which is stricter than the schema. A document that fails them
is judged by the official schema, as any the profile rejects.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources
from importlib.resources.abc import Traversable
from typing import Any

from lxml import etree

from resolution_cli.errors import InvalidOutput, UnreadableInput

SCHEMA_PACKAGE = "resolution_cli.schemas"
SCHEMA_FILE = "akomantoso30.xsd"
PROFILE_FILE = "akomantoso30-profile.xsd"
AKN_NAMESPACE = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"


def safe_parser() -> etree.XMLParser:
    """No entity expansion, no DTD loading, no network: the only way this project parses XML."""
    return etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, dtd_validation=False, huge_tree=True
    )


def parse_xml(data: bytes, name: str = "input") -> etree._ElementTree:
    """Parses `data` safely; an `UnreadableInput` (one line, with the line number) if it is not XML."""
    try:
        root = etree.fromstring(data, safe_parser())
    except etree.XMLSyntaxError as error:
        line = error.lineno or 0
        raise UnreadableInput(f"{name}:{line}: not well-formed XML: {_message(error)}") from None
    if root is None:
        raise UnreadableInput(f"{name}: empty XML document")
    return etree.ElementTree(root)


def _message(error: Exception) -> str:
    text = str(error.msg if isinstance(error, etree.XMLSyntaxError) else error)
    text = text.split("\nBytes:")[0].split(", line ")[0]  # "Bytes: 0xFF ...": the input's own bytes
    for advice, said in _ADVICE_TO_PROGRAMMERS:
        text = text.replace(advice, said)
    return one_line(text)


_ADVICE_TO_PROGRAMMERS = (  # libxml2's words to the programmer, and what they mean to the user
    (", use XML_PARSE_HUGE option", ""),
    (", see xmlCtxtSetMaxAmplification.", " (its entities expand too far: an XML entity bomb?)"),
)


_MESSAGE_LENGTH = 200


def one_line(message: str) -> str:
    """A libxml2 message as one line of printable text: its line breaks (and the input's, which an
    attribute value can carry) as spaces, control characters escaped, at most 200 characters."""
    flat = " ".join(message.split())
    printable = "".join(c if c.isprintable() else ascii(c)[1:-1] for c in flat)
    return printable if len(printable) <= _MESSAGE_LENGTH else printable[: _MESSAGE_LENGTH - 3] + "..."


def _schema_path(name: str = SCHEMA_FILE) -> Traversable:
    return resources.files(SCHEMA_PACKAGE).joinpath(name)


@cache
def akn_schema() -> etree.XMLSchema:
    """The strict Akoma Ntoso 3.0 schema, compiled once."""
    return _compile(SCHEMA_FILE)


@cache
def akn_profile() -> etree.XMLSchema:
    """The profile of the official schema for what the AKN exporter writes (see the module docstring)."""
    return _compile(PROFILE_FILE)


def _compile(name: str, checked_apart: dict[str, _Asked] | None = None) -> etree.XMLSchema:
    """The schema `name`; with `checked_apart`, without what `_take_out_checks` takes out of it (it
    says there what it asked of which attribute)."""
    with resources.as_file(_schema_path(name)) as local:  # a real path, so "./xml.xsd" resolves beside it
        document = etree.parse(str(local), safe_parser())
        if checked_apart is not None:
            checked_apart.update(_take_out_checks(document))
        return etree.XMLSchema(document)


_XSD = "{http://www.w3.org/2001/XMLSchema}"
ONE_WORD = r"[^\s]+"  # the pattern of noWhiteSpace (eId, wId, GUID); XSD's \s is space, tab, CR, LF
_XSD_SPACES = " \t\r\n"


@dataclass(slots=True)
class _Asked:
    """What the schema asked of the values of one attribute, wherever it stands."""

    differ: bool = False  # no two alike (an xsd:unique over all the elements inside an element)
    one_word: bool = False  # each one matches ONE_WORD

    def holds(self, values: list[str]) -> bool:
        if self.differ and len(set(values)) != len(values):
            return False
        if not self.one_word:
            return True
        joined = "".join(values)  # a space in any of them is a space in all of them
        return all(values) and not any(space in joined for space in _XSD_SPACES)


def _take_out_checks(document: etree._ElementTree) -> dict[str, _Asked]:
    """Takes out of the schema `document` the checks that cost libxml2 most and Python least, and
    says what they asked of which attribute: each `xsd:unique` of the form `selector .//*, field
    @name`, and the pattern ONE_WORD of a string type that only attributes have. What is left in
    the schema, and any other such constraint, libxml2 checks."""
    asked: dict[str, _Asked] = {}
    for unique in list(document.iter(f"{_XSD}unique")):
        selectors, fields = unique.findall(f"{_XSD}selector"), unique.findall(f"{_XSD}field")
        if len(selectors) == len(fields) == 1 and selectors[0].get("xpath") == ".//*":
            attribute = fields[0].get("xpath", "")
            if attribute.startswith("@") and attribute[1:].isidentifier():
                unique.getparent().remove(unique)  # type: ignore[union-attr]
                asked.setdefault(attribute[1:], _Asked()).differ = True
    for pattern in list(document.iter(f"{_XSD}pattern")):
        restriction = pattern.getparent()
        if pattern.get("value") != ONE_WORD or restriction is None or restriction.get("base") != "xsd:string":
            continue
        simple_type = restriction.getparent()
        attributes = _only_attributes_of_type(document, simple_type.get("name", "") if simple_type is not None else "")
        if attributes and len(restriction) == 1 + len(restriction.findall(f"{_XSD}annotation")):
            restriction.remove(pattern)
            for attribute in attributes:
                asked.setdefault(attribute, _Asked()).one_word = True
    return asked


def _only_attributes_of_type(document: etree._ElementTree, name: str) -> set[str]:
    """The names of the attributes of the type `name`; none when anything else uses the type."""
    uses = [n for n in document.iter() if name and name in (n.get("type"), n.get("base"), n.get("itemType"))]
    unions = [n for n in document.iter(f"{_XSD}union") if name in (n.get("memberTypes") or "").split()]
    if unions or not uses or any(n.tag != f"{_XSD}attribute" or n.get("type") != name for n in uses):
        return set()
    return {n.get("name", "") for n in uses}


@dataclass(frozen=True, slots=True)
class _Structure:
    """The profile without the checks `_take_out_checks` took out, and what they asked."""

    schema: etree.XMLSchema
    asked: tuple[tuple[etree.XPath, _Asked], ...]  # an attribute's values over the whole document

    def accepts(self, tree: etree._ElementTree) -> bool:
        """Whether the profile takes `tree` (then the official schema does). Each attribute's values
        are asked over the whole document: stricter than the schema, which asks them of the elements
        inside a `statement` or a `doc` (the unique constraints), or where the attribute is declared."""
        if not self.schema.validate(tree):
            return False
        for values_of, asked in self.asked:
            values: list[str] = values_of(tree)  # type: ignore[assignment]
            if not asked.holds(values):
                return False
        return True


@cache
def _profile_structure() -> _Structure:
    asked: dict[str, _Asked] = {}
    profile = _compile(PROFILE_FILE, checked_apart=asked)
    paths = ((etree.XPath(f"//@{name}", smart_strings=False), asked[name]) for name in sorted(asked))
    return _Structure(profile, tuple(paths))


@dataclass(frozen=True, slots=True)
class Problem:
    line: int
    message: str


def validate(tree: etree._ElementTree) -> list[Problem]:
    """Every schema error in `tree` by the official schema, in document order ([] when it is valid)."""
    if _profile_structure().accepts(tree):  # valid against the profile: valid against the official schema
        return []
    schema = akn_schema()
    if schema.validate(tree):
        return []
    errors: list[Any] = list(schema.error_log)  # type: ignore[call-overload]
    return [Problem(e.line, one_line(e.message.replace(f"{{{AKN_NAMESPACE}}}", ""))) for e in errors]


def validate_bytes(data: bytes, name: str = "input") -> list[Problem]:
    return validate(parse_xml(data, name))


def require_valid(tree: etree._ElementTree) -> None:
    """Raises `InvalidOutput` (one line: the first problem and how many there are) unless `tree`
    is valid against the schema."""
    problems = validate(tree)
    if problems:
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        first = problems[0]
        raise InvalidOutput(
            f"the Akoma Ntoso output would break the schema at its line {first.line}: {first.message}{more}; "
            "please report this with the input"
        )
