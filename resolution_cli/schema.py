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
inside a `statement` or a `doc` have the same eId, or GUID), which cost libxml2 half of the whole
check; `_values_differ` checks them instead, over the whole document, which is stricter than any
one of them. A document it finds two equal values in is judged by the official schema, as any the
profile rejects.
"""

from __future__ import annotations

from collections.abc import Iterator
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


def _compile(name: str, without_unique: set[str] | None = None) -> etree.XMLSchema:
    """The schema `name`; with `without_unique`, its `xsd:unique` constraints left out (each one that
    asks the values of one attribute to differ over all the elements inside: their names go there)."""
    with resources.as_file(_schema_path(name)) as local:  # a real path, so "./xml.xsd" resolves beside it
        document = etree.parse(str(local), safe_parser())
        if without_unique is not None:
            without_unique.update(_take_out_unique(document))
        return etree.XMLSchema(document)


_XSD = "{http://www.w3.org/2001/XMLSchema}"


def _take_out_unique(document: etree._ElementTree) -> Iterator[str]:
    """Takes the `xsd:unique` constraints of the form `selector .//*, field @name` out of the schema
    `document`, and gives the names of their attributes (any other constraint stays in)."""
    for unique in list(document.iter(f"{_XSD}unique")):
        selectors, fields = unique.findall(f"{_XSD}selector"), unique.findall(f"{_XSD}field")
        if len(selectors) == len(fields) == 1 and selectors[0].get("xpath") == ".//*":
            attribute = fields[0].get("xpath", "")
            if attribute.startswith("@") and attribute[1:].isidentifier():
                unique.getparent().remove(unique)  # type: ignore[union-attr]
                yield attribute[1:]


@dataclass(frozen=True, slots=True)
class _Structure:
    """The profile without its uniqueness constraints, and the attributes whose values they ask to differ."""

    schema: etree.XMLSchema
    values: tuple[etree.XPath, ...]  # each such attribute's values, over the whole document

    def accepts(self, tree: etree._ElementTree) -> bool:
        """Whether the profile takes `tree` (then the official schema does)."""
        return self.schema.validate(tree) and all(_values_differ(values(tree)) for values in self.values)


@cache
def _profile_structure() -> _Structure:
    attributes: set[str] = set()
    profile = _compile(PROFILE_FILE, without_unique=attributes)
    paths = (etree.XPath(f"//@{name}", smart_strings=False) for name in sorted(attributes))
    return _Structure(profile, tuple(paths))


def _values_differ(values: Any) -> bool:
    """No two of `values` (an XPath's list of attribute values) are equal. The profile took them as
    its types (noWhiteSpace: a string with no space in it), whose values are equal as strings are."""
    return len(set(values)) == len(values)


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
