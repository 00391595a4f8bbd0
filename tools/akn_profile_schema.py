"""Derives `resolution_cli/schemas/akomantoso30-profile.xsd` from the official Akoma Ntoso 3.0 XSD.

    python tools/akn_profile_schema.py            # rewrite the profile schema
    python tools/akn_profile_schema.py --check    # exit 1 if it is not what this derives

Why: libxml2 takes about 0.3 s of CPU to compile the official schema (most of it checking that
each content model is deterministic, pairwise over the ~100 alternatives of the inline and block
groups), which every `resolution convert -t akn` process paid before writing its one document:
half its start-up (issue 12). The profile compiles in a fraction of that.

What: the official schema with only what can make its language smaller taken out, so that a
document valid against the profile is valid against the official schema (the converse need not
hold): an element particle is dropped from a `choice` (never its last) or, when optional
(`minOccurs="0"`), from a `sequence`, when it names an element outside the vocabulary (a group
particle when no element of the vocabulary can appear in it); then every element, type and
group no longer reachable from the root `akomaNtoso` is dropped. Attributes, simple types,
identity constraints and wildcards are left as they are. `resolution_cli.schema.validate` tries
the profile first and asks the official schema whenever the profile rejects a document, so its
answer (and its messages) are always the official schema's.

The vocabulary is every element name that `resolution_cli/exporters/akn.py` spells as a string
(what the exporter can write), plus those given with --element; the profile keeps, in addition,
whatever a required particle of a kept element demands.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from lxml import etree

ROOT = Path(__file__).resolve().parent.parent
SCHEMAS = ROOT / "resolution_cli" / "schemas"
OFFICIAL = SCHEMAS / "akomantoso30.xsd"
PROFILE = SCHEMAS / "akomantoso30-profile.xsd"
EXPORTER = ROOT / "resolution_cli" / "exporters" / "akn.py"
XSD = "http://www.w3.org/2001/XMLSchema"
Q = f"{{{XSD}}}"
ROOT_ELEMENT = "akomaNtoso"
HEADER = (
    " Derived from akomantoso30.xsd (beside this file) by tools/akn_profile_schema.py: the official\n"
    "     schema without the alternatives the AKN exporter never writes. Do not edit; rerun the tool.\n"
    "     A document valid against this schema is valid against the official one. "
)


def vocabulary(exporter: Path, official: etree._ElementTree, extra: Iterable[str] = ()) -> set[str]:
    """The global element names that `exporter`'s source spells as a string literal, and `extra`."""
    declared = {e.get("name") for e in official.getroot().iterfind(f"{Q}element")}
    spelled = set(re.findall(r"\"([A-Za-z][A-Za-z0-9]*)\"", exporter.read_text("utf-8")))
    return {name for name in spelled | set(extra) if name in declared} | {ROOT_ELEMENT}


def derive(official: etree._ElementTree, keep: set[str]) -> etree._ElementTree:
    """The profile of `official` for the element names `keep` (see the module docstring)."""
    tree = etree.ElementTree(etree.fromstring(etree.tostring(official)))
    schema = tree.getroot()
    groups = {g.get("name"): g for g in schema.iterfind(f"{Q}group")}
    while _drop_particles(schema, groups, keep):
        pass
    _drop_unreachable(schema)
    schema.insert(0, etree.Comment(HEADER))
    return tree


def _particles(schema: etree._Element) -> Iterator[etree._Element]:
    for particle in schema.iter(f"{Q}element", f"{Q}group"):
        if particle.get("ref") is not None:
            yield particle


def _drop_particles(schema: etree._Element, groups: dict[str, etree._Element], keep: set[str]) -> bool:
    dropped = False
    for particle in list(_particles(schema)):
        parent = particle.getparent()
        if parent is None or _can_appear(particle, groups, keep, set()):
            continue
        siblings = [p for p in parent if p.tag in (f"{Q}element", f"{Q}group", f"{Q}choice", f"{Q}sequence", f"{Q}any")]
        if parent.tag == f"{Q}choice" and len(siblings) > 1 or (
            parent.tag == f"{Q}sequence" and particle.get("minOccurs") == "0"
        ):
            parent.remove(particle)
            dropped = True
    return dropped


def _can_appear(particle: etree._Element, groups: dict[str, etree._Element], keep: set[str], seen: set[str]) -> bool:
    """Whether an element of `keep` can appear where `particle` stands."""
    name = _local(particle.get("ref", ""))
    if particle.tag == f"{Q}element":
        return name in keep
    if name in seen:
        return False
    seen.add(name)
    group = groups[name]
    if group.find(f".//{Q}any") is not None:
        return True
    return any(_can_appear(inner, groups, keep, seen) for inner in _particles(group))


def _drop_unreachable(schema: etree._Element) -> None:
    """Elements, complex types and groups that the root no longer reaches (by ref, type or base)."""
    definitions = {
        (child.tag, child.get("name")): child
        for child in schema
        if child.tag in (f"{Q}element", f"{Q}complexType", f"{Q}group")
    }
    reached: set[tuple[str, str | None]] = set()
    todo = [(f"{Q}element", ROOT_ELEMENT)]
    while todo:
        key = todo.pop()
        if key in reached or key not in definitions:
            continue
        reached.add(key)
        for node in definitions[key].iter():
            if not isinstance(node.tag, str):
                continue
            ref = node.get("ref")
            if ref is not None and node.tag in (f"{Q}element", f"{Q}group"):
                todo.append((node.tag, _local(ref)))
            for attribute in ("type", "base"):
                if node.get(attribute) is not None:
                    todo.append((f"{Q}complexType", _local(node.get(attribute, ""))))
    for key, definition in definitions.items():
        if key not in reached:
            schema.remove(definition)


def _local(name: str) -> str:
    return name.rpartition(":")[2]


def serialize(tree: etree._ElementTree) -> bytes:
    return etree.tostring(tree, xml_declaration=True, encoding="UTF-8") + b"\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if the profile is not what this derives")
    parser.add_argument("--element", action="append", default=[], help="keep this element too (repeatable)")
    args = parser.parse_args()
    official = etree.parse(str(OFFICIAL))
    data = serialize(derive(official, vocabulary(EXPORTER, official, args.element)))
    if args.check:
        if not PROFILE.exists() or PROFILE.read_bytes() != data:
            print(f"{PROFILE.relative_to(ROOT)} is not what {Path(__file__).name} derives: rerun it", file=sys.stderr)
            return 1
        return 0
    PROFILE.write_bytes(data)
    print(f"wrote {PROFILE.relative_to(ROOT)} ({len(data)} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
