"""`resolution diff`: two resolutions compared by their structure.

`diff(old, new)` aligns the two documents paragraph by paragraph (preambular with preambular,
the body's headings and paragraphs across its parts, sub-paragraphs within their paragraph),
following renumbering, and names what happened to each: added, deleted, moved, renumbered,
changed (with word-level changes and a changed lead phrase named as such), split or merged; and
the metadata (symbol, title, sponsors, agenda items, dates), footnotes and annexes. The
renderers (render/) turn a `Diff` into the terminal's redline, Markdown, JSON and HTML.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from resolution_cli.lazy import exports

if TYPE_CHECKING:
    from resolution_cli.diff.compare import diff
    from resolution_cli.diff.model import Address, Diff, FieldChange, ListChange, Op, OpKind, Side
    from resolution_cli.diff.words import Segment, SegmentKind

# Imported on first use (PEP 562), not here: `resolution diff --help` and the whole `--help` import
# `diff.formats` (the report formats), and importing it runs this file; the engine below costs
# about 35 ms of CPU at start-up (`python -X importtime -m resolution_cli --help`, issue 12).
_HOMES = {
    "compare": ("diff",),
    "model": ("Address", "Diff", "FieldChange", "ListChange", "Op", "OpKind", "Side"),
    "words": ("Segment", "SegmentKind"),
}
__getattr__ = exports(__name__, _HOMES)

__all__ = [
    "Address",
    "Diff",
    "FieldChange",
    "ListChange",
    "Op",
    "OpKind",
    "Segment",
    "SegmentKind",
    "Side",
    "diff",
]
