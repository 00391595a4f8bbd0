"""JSON export: the document model as a documented, versioned JSON object.

The schema is published as JSON Schema in `resolution_cli/schemas/resolution.schema.json`, which
the package installs; `SCHEMA_VERSION` changes with any change to the keys (semver: new optional
keys are minor). Every document names the schema by its `$id`, a URN that names the major version
and no web page (none is served): a validator resolves it to the installed file.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from resolution_cli.addresses import Addresses, addresses
from resolution_cli.exporters import Exporter
from resolution_cli.model import Annex, Footnote, Paragraph, Reference, Resolution, Section
from resolution_cli.references import undocs_url

SCHEMA_VERSION = "2.0.0"
SCHEMA_ID = "urn:resolution-cli:schema:resolution:2"  # the schema file's own "$id" (a test holds them equal)


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

    def block(self, block: Paragraph | Section) -> dict[str, Any]:
        if isinstance(block, Paragraph):
            return self.paragraph(block)
        return {
            "type": "section",
            "eid": self.where.get(block),
            "num": block.num,
            "heading": block.heading,
            "footnote_calls": _anchors(block.anchors),
            "children": [self.block(c) for c in block.children],
        }

    def refs(self, refs: tuple[Reference, ...]) -> list[dict[str, Any]]:
        return [
            {"start": r.start, "end": r.end, "symbol": r.symbol, "url": undocs_url(r.symbol, self.language)}
            for r in refs
        ]


def _document(writer: _Writer, resolution: Resolution) -> dict[str, Any]:
    meta = resolution.meta
    return {
        "$schema": SCHEMA_ID,
        "schema_version": SCHEMA_VERSION,
        "meta": {
            "symbol": meta.symbol,
            "kind": meta.kind.value,
            "organ": meta.organ.value,
            "session": meta.session,
            "agenda_items": [{"number": a.number, "name": a.name} for a in meta.agenda_items],
            "distribution": meta.distribution,
            "date": meta.issue_date,
            "adoption_date": meta.adoption_date,
            "meeting": meta.meeting,
            "number": meta.number,
            "title": meta.title,
            "sponsors": list(meta.sponsors),
            "committee": meta.committee,
            "originating_report": meta.originating_report,
            "language": meta.language,
            "original_language": meta.original_language,
        },
        "formula": resolution.formula,
        "preamble": [writer.paragraph(p) for p in resolution.preamble],
        "operative": [writer.block(b) for b in resolution.body],
        "footnotes": [_footnote(f, resolution, writer) for f in resolution.footnotes],
        "annexes": [_annex(a) for a in resolution.annexes],
        "diagnostics": [
            {"code": d.code, "severity": d.severity.value, "message": d.message, "where": d.where}
            for d in resolution.diagnostics
        ],
    }


def _anchors(anchors: tuple[Any, ...]) -> list[dict[str, Any]]:
    return [{"marker": a.marker, "offset": a.offset} for a in anchors]


def _footnote(footnote: Footnote, resolution: Resolution, writer: _Writer) -> dict[str, Any]:
    from resolution_cli.parse.checks import all_paragraphs

    anchored_in = [
        label for label, para in all_paragraphs(resolution) if any(a.marker == footnote.marker for a in para.anchors)
    ]
    return {
        "marker": footnote.marker,
        "text": footnote.text,
        "anchored": bool(anchored_in),
        "anchored_in": anchored_in,
        "refs": writer.refs(footnote.refs),
    }


def _annex(annex: Annex) -> dict[str, Any]:
    return {"heading": annex.heading, "title": annex.title, "blocks": list(annex.blocks)}


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
