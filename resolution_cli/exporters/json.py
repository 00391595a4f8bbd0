"""JSON export: the document model as a documented, versioned JSON object.

The schema is published as JSON Schema in `resolution_cli/schemas/resolution.schema.json`, which
the package installs; `SCHEMA_VERSION` changes with any change to the keys (semver: new optional
keys are minor). Every document names the schema by its `$id`, a URN that names the major version
and no web page (none is served): a validator resolves it to the installed file.
3.0.0: tables (`table` blocks), annexes with a body of blocks (and annexes inside them), headings
and separators in the preamble, sponsors as objects (name, the group they act for, footnote
calls), footnote calls in the title.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from resolution_cli.addresses import Addresses, addresses
from resolution_cli.exporters import Exporter
from resolution_cli.model import (
    Anchor,
    Annex,
    Block,
    Cell,
    Footnote,
    Heading,
    Paragraph,
    PreambleItem,
    Reference,
    Resolution,
    Sponsor,
    Table,
    TableNote,
)
from resolution_cli.parse.checks import labelled_calls
from resolution_cli.references import undocs_url

SCHEMA_VERSION = "3.0.0"
SCHEMA_ID = "urn:resolution-cli:schema:resolution:3"  # the schema file's own "$id" (a test holds them equal)


def to_dict(resolution: Resolution) -> dict[str, Any]:
    return _document(_Writer(addresses(resolution), resolution.meta.language), resolution)


@dataclass(frozen=True, slots=True)
class _Writer:
    """What crosses paragraphs: their addresses, and the language of the document links."""

    where: Addresses
    language: str

    def paragraph(self, para: Paragraph) -> dict[str, Any]:
        return {
            "type": "paragraph",
            "eid": self.where.get(para),
            "role": para.role.value,
            "num": para.num,
            "lead": para.lead,
            "text": para.text,
            "footnote_calls": _anchors(para.anchors),
            "refs": self.refs(para.refs),
            "children": [self.paragraph(c) for c in para.children],
        }

    def preamble_item(self, item: PreambleItem) -> dict[str, Any]:
        if isinstance(item, Paragraph):
            return self.paragraph(item)
        if isinstance(item, Heading):
            return {
                "type": "heading",
                "eid": self.where.get(item),
                "text": item.text,
                "footnote_calls": _anchors(item.anchors),
                "refs": self.refs(item.refs),
            }
        return {"type": "separator", "text": item.text}

    def block(self, block: Block) -> dict[str, Any]:
        if isinstance(block, Paragraph):
            return self.paragraph(block)
        if isinstance(block, Table):
            return self.table(block)
        return {
            "type": "section",
            "eid": self.where.get(block),
            "num": block.num,
            "heading": block.heading,
            "footnote_calls": _anchors(block.anchors),
            "children": [self.block(c) for c in block.children],
        }

    def table(self, table: Table) -> dict[str, Any]:
        return {
            "type": "table",
            "eid": self.where.get(table),
            "caption": table.caption,
            "caption_footnote_calls": _anchors(table.caption_anchors),
            "header": [[self.cell(c) for c in row] for row in table.header],
            "rows": [[self.cell(c) for c in row] for row in table.body],
            "notes": [self.note(n) for n in table.notes],
        }

    def cell(self, cell: Cell) -> dict[str, Any]:
        return {
            "text": cell.text,
            "colspan": cell.colspan,
            "rowspan": cell.rowspan,
            "footnote_calls": _anchors(cell.anchors),
            "refs": self.refs(cell.refs),
        }

    def note(self, note: TableNote) -> dict[str, Any]:
        return {
            "marker": note.marker,
            "text": note.text,
            "footnote_calls": _anchors(note.anchors),
            "refs": self.refs(note.refs),
        }

    def annex(self, annex: Annex) -> dict[str, Any]:
        return {
            "eid": self.where.get(annex),
            "heading": annex.heading,
            "title": annex.title,
            "footnote_calls": _anchors(annex.anchors),
            "refs": self.refs(annex.refs),
            "body": [self.block(b) for b in annex.body],
            "annexes": [self.annex(a) for a in annex.annexes],
        }

    def refs(self, refs: tuple[Reference, ...]) -> list[dict[str, Any]]:
        return [
            {"start": r.start, "end": r.end, "symbol": r.symbol, "url": undocs_url(r.symbol, self.language)}
            for r in refs
        ]


def _document(writer: _Writer, resolution: Resolution) -> dict[str, Any]:
    meta = resolution.meta
    called = _called_in(resolution)
    return {
        "$schema": SCHEMA_ID,
        "schema_version": SCHEMA_VERSION,
        "meta": {
            "symbol": meta.symbol,
            "symbol_footnote_calls": _anchors(meta.symbol_anchors),
            "kind": meta.kind.value,
            "organ": meta.organ.value,
            "session": meta.session,
            "agenda_items": [
                {"number": a.number, "name": a.name, "footnote_calls": _anchors(a.anchors)} for a in meta.agenda_items
            ],
            "distribution": meta.distribution,
            "date": meta.issue_date,
            "adoption_date": meta.adoption_date,
            "meeting": meta.meeting,
            "number": meta.number,
            "title": meta.title,
            "title_footnote_calls": _anchors(meta.title_anchors),
            "sponsors": [_sponsor(s) for s in meta.sponsors],
            "committee": meta.committee,
            "originating_report": meta.originating_report,
            "language": meta.language,
            "original_language": meta.original_language,
        },
        "formula": resolution.formula,
        "preamble": [writer.preamble_item(p) for p in resolution.preamble],
        "operative": [writer.block(b) for b in resolution.body],
        "footnotes": [_footnote(f, called.get(f.marker, []), writer) for f in resolution.footnotes],
        "annexes": [writer.annex(a) for a in resolution.annexes],
        "diagnostics": [
            {"code": d.code, "severity": d.severity.value, "message": d.message, "where": d.where}
            for d in resolution.diagnostics
        ],
    }


def _anchors(anchors: tuple[Anchor, ...]) -> list[dict[str, Any]]:
    return [{"marker": a.marker, "offset": a.offset} for a in anchors]


def _sponsor(sponsor: Sponsor) -> dict[str, Any]:
    return {"name": sponsor.name, "on_behalf_of": sponsor.on_behalf_of, "footnote_calls": _anchors(sponsor.anchors)}


def _called_in(resolution: Resolution) -> dict[str, list[str]]:
    """Footnote marker -> the labels of the places that call it, in document order, once each."""
    found: dict[str, list[str]] = {}
    for label, anchor, _ in labelled_calls(resolution):
        places = found.setdefault(anchor.marker, [])
        if label not in places:
            places.append(label)
    return found


def _footnote(footnote: Footnote, anchored_in: list[str], writer: _Writer) -> dict[str, Any]:
    return {
        "marker": footnote.marker,
        "text": footnote.text,
        "anchored": bool(anchored_in),
        "anchored_in": anchored_in,
        "refs": writer.refs(footnote.refs),
    }


@dataclass(frozen=True, slots=True)
class JsonOptions:
    indent: int = field(default=2, metadata={"help": "spaces per level; 0 writes one line"})


def export_json(resolution: Resolution, options: JsonOptions) -> bytes:
    indent = options.indent if options.indent > 0 else None
    return (json.dumps(to_dict(resolution), ensure_ascii=False, indent=indent) + "\n").encode("utf-8")


EXPORTER = Exporter(
    name="json",
    suffix=".json",
    media_type="application/json",
    description="the document model as JSON (schema: resolution.schema.json)",
    export=export_json,
    options=JsonOptions,
)
