"""The JSON exporter: valid against the published JSON Schema, deterministic."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from resolution_cli.exporters import get
from resolution_cli.readers import read
from tests.conftest import GOLDEN, SAMPLES, compare_golden
from tests.documents import read_once

SCHEMA = json.loads(
    (Path(__file__).parent.parent / "resolution_cli" / "schemas" / "resolution.schema.json").read_text("utf-8")
)
INPUTS = sorted(p for p in SAMPLES.rglob("*") if p.suffix in (".txt", ".pdf", ".xml"))


def _json(path: Path) -> bytes:
    return get("json").render(read_once(path))


@pytest.mark.parametrize("path", INPUTS, ids=lambda p: p.name)
def test_output_is_valid_against_schema(path: Path) -> None:
    try:
        data = _json(path)
    except ModuleNotFoundError as missing:  # a reader not built yet
        pytest.skip(str(missing))
    jsonschema.validate(json.loads(data), SCHEMA)


def test_schema_is_a_valid_schema() -> None:
    jsonschema.Draft202012Validator.check_schema(SCHEMA)


def test_golden_text_draft(accept: bool) -> None:
    path = SAMPLES / "text" / "A_73_L.103.txt"
    compare_golden(_json(path), GOLDEN / "A_73_L.103" / "expected.json", accept)


def test_same_input_same_bytes() -> None:
    data = (SAMPLES / "text" / "A_73_L.103.txt").read_bytes()
    assert get("json").render(read(data)) == get("json").render(read(data))  # read twice, too


def test_schema_named_by_a_urn_that_resolves_to_the_installed_file() -> None:
    """`$schema` points at no web page (none is served): it is the schema's `$id`, a URN, and a
    validator given the installed file under that name resolves it, as the README shows."""
    from referencing import Registry, Resource

    document = json.loads(_json(SAMPLES / "text" / "A_73_L.103.txt"))
    assert document["$schema"] == SCHEMA["$id"] and document["$schema"].startswith("urn:")
    assert document["schema_version"].split(".")[0] == document["$schema"].rsplit(":", 1)[1]  # the major version
    registry: Registry = Resource.from_contents(SCHEMA) @ Registry()
    validator = jsonschema.Draft202012Validator({"$ref": document["$schema"]}, registry=registry)
    validator.validate(document)
    assert not validator.is_valid({**document, "schema_version": "1.0.0"})
