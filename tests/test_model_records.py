"""The model's records compare, hash and show themselves as `@dataclass` would (resolution_cli.model.Record)."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest

from resolution_cli import api, model
from tests.conftest import ROOT

RECORDS = [c for c in vars(model).values() if isinstance(c, type) and dataclasses.is_dataclass(c)]


def _as_dataclass_writes_it(cls: type) -> Any:
    """A stock frozen dataclass of the same name and fields, with every method dataclass writes."""
    twin = dataclasses.make_dataclass(
        cls.__name__,
        [(f.name, f.type, dataclasses.field(compare=f.compare, repr=f.repr)) for f in dataclasses.fields(cls)],
        frozen=True,
    )
    twin.__qualname__ = cls.__qualname__
    return twin


def _twin(record: Any, twins: dict[type, Any]) -> Any:
    cls = type(record)
    return twins[cls](**{f.name: getattr(record, f.name) for f in dataclasses.fields(cls)})


def _records(value: Any) -> list[Any]:
    """Every record inside `value` (a document), depth first."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        found = [value]
        for f in dataclasses.fields(value):
            found.extend(_records(getattr(value, f.name)))
        return found
    if isinstance(value, tuple):
        return [r for item in value for r in _records(item)]
    return []


def test_every_class_of_the_model_is_a_record() -> None:
    assert len(RECORDS) >= 17
    for cls in RECORDS:
        # no dict per instance: slotted (a class mypyc compiled has no `__slots__` and no dict either)
        assert issubclass(cls, model.Record) and cls.__dictoffset__ == 0, cls


@pytest.mark.parametrize("name", ["pdf/A_RES_78_229.pdf", "pdf/S_RES_2768_2025.pdf", "text/A_73_L.103.txt"])
def test_a_document_s_records_compare_hash_and_show_as_a_dataclass_s(name: str) -> None:
    document = api.read(ROOT / "samples" / name)
    twins = {cls: _as_dataclass_writes_it(cls) for cls in RECORDS}
    records = _records(document)
    assert len({type(r) for r in records}) >= 5
    for record in records[:400]:
        twin = _twin(record, twins)
        assert repr(record) == repr(twin)
        assert hash(record) == hash(twin)
        assert record == dataclasses.replace(record)
        assert record != twin  # another class: never equal, as dataclass has it
    first, second = records[1], records[2]
    assert (first == second) == (_twin(first, twins) == _twin(second, twins))


def test_fields_out_of_comparison_take_no_part_in_equality_or_hash() -> None:
    here, there = model.Position(line=3), model.Position(page=9)
    one = model.Footnote("1", "See A/78/1.", position=here)
    other = model.Footnote("1", "See A/78/1.", refs=(model.Reference(4, 10, "A/78/1"),), position=there)
    assert one == other and hash(one) == hash(other)
    assert one != model.Footnote("2", "See A/78/1.")
    assert model.Anchor("1", 3) != ("1", 3)
    with pytest.raises(dataclasses.FrozenInstanceError):
        one.text = "changed"  # type: ignore[misc]
