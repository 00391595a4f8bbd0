"""resolution-cli: United Nations resolutions as structured data (Akoma Ntoso, JSON, Markdown).

The Python API (see the README's "Python API" section):

    import resolution_cli as rc
    doc = rc.read("A_RES_78_229.pdf")      # -> Resolution
    xml = rc.export(doc, "akn")             # -> bytes
    findings = rc.check("draft.txt")        # -> list[Finding]
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from resolution_cli.lazy import exports

if TYPE_CHECKING:
    from resolution_cli.api import ReadArguments, Source, check, convert, diff, export, read
    from resolution_cli.diff import Diff
    from resolution_cli.errors import (
        ExitCode,
        InvalidOutput,
        NeedsOCR,
        NotAResolution,
        OutputError,
        ResolutionError,
        UnreadableInput,
        UsageError,
    )
    from resolution_cli.model import (
        AgendaItem,
        Anchor,
        Annex,
        Block,
        Diagnostic,
        DocumentKind,
        Footnote,
        Metadata,
        Organ,
        Paragraph,
        Position,
        Reference,
        Resolution,
        Role,
        Section,
        Severity,
    )
    from resolution_cli.readers.base import ReadOptions
    from resolution_cli.report import Finding

__version__ = "0.1.0"

# Where each public name lives. They are imported on first use (PEP 562), not here: `resolution
# --help` and `--version` import this package, and must not pay for the readers, the exporters
# and lxml (the start-up budget of issue 12; `python -X importtime -m resolution_cli --help`).
_HOMES = {
    "api": ("ReadArguments", "Source", "check", "convert", "diff", "export", "read"),
    "diff": ("Diff",),
    "errors": (
        "ExitCode", "InvalidOutput", "NeedsOCR", "NotAResolution", "OutputError", "ResolutionError",
        "UnreadableInput", "UsageError",
    ),
    "model": (
        "AgendaItem", "Anchor", "Annex", "Block", "Diagnostic", "DocumentKind", "Footnote", "Metadata", "Organ",
        "Paragraph", "Position", "Reference", "Resolution", "Role", "Section", "Severity",
    ),
    "readers.base": ("ReadOptions",),
    "report": ("Finding",),
}  # fmt: skip
__getattr__ = exports(__name__, _HOMES)


__all__ = [
    "AgendaItem",
    "Anchor",
    "Annex",
    "Block",
    "Diagnostic",
    "Diff",
    "DocumentKind",
    "ExitCode",
    "Finding",
    "Footnote",
    "InvalidOutput",
    "Metadata",
    "NeedsOCR",
    "NotAResolution",
    "Organ",
    "OutputError",
    "Paragraph",
    "Position",
    "ReadArguments",
    "ReadOptions",
    "Reference",
    "Resolution",
    "ResolutionError",
    "Role",
    "Section",
    "Severity",
    "Source",
    "UnreadableInput",
    "UsageError",
    "check",
    "convert",
    "diff",
    "export",
    "read",
]
