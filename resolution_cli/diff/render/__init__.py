"""Reports of a `Diff`: the terminal's (Rich), Markdown, JSON and HTML, and the counts alone.

`report(result, ReportOptions(...))` gives the bytes of a report in any format; the terminal's
in colour is Rich renderables (terminal.render), for a console that knows its width.
"""

from __future__ import annotations

from resolution_cli.diff.formats import ReportFormat, ReportOptions
from resolution_cli.diff.model import Diff
from resolution_cli.diff.render import html, json, markdown, terminal
from resolution_cli.diff.render.common import ARROW, summary


def report(result: Diff, options: ReportOptions) -> bytes:
    """The report as bytes (UTF-8); the terminal's in its plain form (no colour), as written
    into a file."""
    if options.format is ReportFormat.JSON:
        return json.render(result, stat_only=options.stat).encode()
    if options.stat:
        return stat_lines(result).encode()
    if options.format is ReportFormat.MARKDOWN:
        return markdown.render(result, options.show_all).encode()
    if options.format is ReportFormat.HTML:
        return html.render(result, options.side_by_side, options.show_all)
    return terminal.plain(result, options.side_by_side, options.show_all).encode()


def stat_lines(result: Diff) -> str:
    """`--stat`: a heading line, then one `kind<TAB>count` line per kind that occurs."""
    lines = [f"{result.old.symbol or 'old'} {ARROW} {result.new.symbol or 'new'}: {summary(result)}"]
    lines += [f"{kind}\t{count}" for kind, count in result.stat().items() if count]
    return "\n".join(lines) + "\n"


__all__ = ["ReportFormat", "ReportOptions", "report", "stat_lines", "terminal"]
