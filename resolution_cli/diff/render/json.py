"""A `Diff` as JSON, described by the JSON Schema `resolution_cli/schemas/diff.schema.json`.

`SCHEMA_VERSION` follows semver: a new optional key is a minor change, anything else major.
Every unit of both documents is listed (unchanged ones too, without their text), so that a
script can map any paragraph of one document to the other by its eId.
"""

from __future__ import annotations

import json
from typing import Any

from resolution_cli.diff.model import Address, Diff, Op, OpKind, Side

SCHEMA_VERSION = "1.0.0"
SCHEMA_ID = "https://github.com/resolution-cli/resolution-cli/schemas/diff.schema.json"


def to_dict(result: Diff) -> dict[str, Any]:
    return {
        "$schema": SCHEMA_ID,
        "schema_version": SCHEMA_VERSION,
        "old": _side(result.old),
        "new": _side(result.new),
        "same": result.same,
        "stat": result.stat(),
        "metadata": [{"field": c.name, "old": c.old, "new": c.new, "words": _words(c.words)} for c in result.metadata],
        "sponsors": _sponsors(result),
        "preamble": [_op(op) for op in result.preamble],
        "body": [_op(op) for op in result.body],
        "footnotes": [_op(op) for op in result.footnotes],
        "annexes": [_op(op) for op in result.annexes],
    }


def render(result: Diff, stat_only: bool = False) -> str:
    document = to_dict(result)
    if stat_only:
        keys = ("$schema", "schema_version", "old", "new", "same", "stat")
        document = {key: document[key] for key in keys}
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def _side(side: Side) -> dict[str, str]:
    return {"symbol": side.symbol, "kind": side.kind, "title": side.title, "date": side.date}


def _sponsors(result: Diff) -> dict[str, list[str]]:
    for listed in result.lists:
        if listed.name == "sponsors":
            return {"added": list(listed.added), "withdrawn": list(listed.removed)}
    return {"added": [], "withdrawn": []}


def _address(address: Address) -> dict[str, Any]:
    return {
        "label": address.label,
        "num": address.num,
        "eid": address.eid,
        "section": address.section,
        "index": address.index,
    }


def _op(op: Op) -> dict[str, Any]:
    out: dict[str, Any] = {
        "op": op.kind.value,
        "unit": op.unit,
        "old": [_address(a) for a in op.old],
        "new": [_address(a) for a in op.new],
        "text_changed": op.text_changed,
        "renumbered": op.renumbered,
        "moved": op.moved,
    }
    if op.kind is not OpKind.UNCHANGED and op.kind is not OpKind.RENUMBERED:
        out["old_text"] = op.old_text
        out["new_text"] = op.new_text
    if op.words:
        out["words"] = _words(op.words)
    if op.lead_changed:
        out["lead"] = {"old": op.old_lead, "new": op.new_lead}
    if op.old and op.new:
        out["similarity"] = op.similarity
    if op.notes:
        out["notes"] = list(op.notes)
    if op.children:
        out["children"] = [_op(child) for child in op.children]
    return out


def _words(segments: tuple[Any, ...]) -> list[dict[str, str]]:
    return [{"op": s.kind.value, "text": s.text} for s in segments]
