"""The report formats of `resolution diff` and its options: apart from the renderers, so that the
command line can declare its options without loading them (lxml, Rich)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class ReportFormat(StrEnum):
    TERMINAL = "terminal"
    MARKDOWN = "md"
    JSON = "json"
    HTML = "html"


@dataclass(frozen=True, slots=True)
class ReportOptions:
    format: ReportFormat = ReportFormat.TERMINAL
    side_by_side: bool = False  # old and new in two columns (terminal, HTML)
    stat: bool = False  # the counts only
    show_all: bool = False  # unchanged units too
