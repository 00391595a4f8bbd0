"""The official Akoma Ntoso 3.0 schema (OASIS), bundled and loaded offline, and safe XML parsing.

`schemas/akomantoso30.xsd` imports only `./xml.xsd`, beside it; the parser has no network access,
so the schema loads the same offline. The compiled schema is cached per process.

A document is first held against `schemas/akomantoso30-profile.xsd`, the official schema without
the alternatives the AKN exporter never writes (derived by tools/akn_profile_schema.py, which
only takes out what narrows the language): what it accepts the official schema accepts too, and
whatever it rejects is held against the official schema, whose answer and messages are the ones
given. libxml2 compiles the profile in about 6 ms of CPU, the official schema in about 260 ms,
which every `resolution convert -t akn` process paid before writing its document (issue 12).
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


def _compile(name: str) -> etree.XMLSchema:
    with resources.as_file(_schema_path(name)) as local:  # a real path, so "./xml.xsd" resolves beside it
        document = etree.parse(str(local), safe_parser())
    return etree.XMLSchema(document)


@dataclass(frozen=True, slots=True)
class Problem:
    line: int
    message: str


def validate(tree: etree._ElementTree) -> list[Problem]:
    """Every schema error in `tree` by the official schema, in document order ([] when it is valid)."""
    if akn_profile().validate(tree):  # valid against the profile: valid against the official schema
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
