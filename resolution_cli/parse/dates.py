"""Dates as UN documents write them ("19 December 2023", "July 15, 2025") to ISO 8601."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

from resolution_cli.model import Diagnostic, Metadata, Severity
from resolution_cli.parse.vocabulary import MONTHS

_MONTH = "|".join(MONTHS)
DAY_MONTH_YEAR = re.compile(rf"\b(?P<day>\d{{1,2}}) (?P<month>{_MONTH}) (?P<year>\d{{4}})\b")
MONTH_DAY_YEAR = re.compile(rf"\b(?P<month>{_MONTH}) (?P<day>\d{{1,2}}), (?P<year>\d{{4}})\b")


def iso_date(text: str) -> str:
    """The first date in `text` as YYYY-MM-DD, or "" when there is none."""
    match = DAY_MONTH_YEAR.search(text) or MONTH_DAY_YEAR.search(text)
    if not match:
        return ""
    month = MONTHS.index(match["month"]) + 1
    return checked_iso(f"{int(match['year']):04d}-{month:02d}-{int(match['day']):02d}")  # not "31 February"


_ISO = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def checked_iso(value: str) -> str:
    """`value` when it is a real calendar date written YYYY-MM-DD (as xs:date and the FRBR IRIs
    need it), else ""."""
    if not _ISO.fullmatch(value):
        return ""
    try:
        date.fromisoformat(value)
    except ValueError:
        return ""
    return value


def repair_dates(meta: Metadata) -> tuple[Metadata, tuple[Diagnostic, ...]]:
    """A reader that takes dates as written (AKN, our Markdown): each one that is not a real date
    is left out, with a diagnostic, rather than written on as invalid Akoma Ntoso."""
    found: list[Diagnostic] = []
    issue, adoption = (_checked(value, label, found) for value, label in _dates(meta))
    return replace(meta, issue_date=issue, adoption_date=adoption), tuple(found)


def _dates(meta: Metadata) -> tuple[tuple[str, str], tuple[str, str]]:
    return (meta.issue_date, "issue date"), (meta.adoption_date, "adoption date")


def _checked(value: str, label: str, found: list[Diagnostic]) -> str:
    if not value or checked_iso(value):
        return value
    message = f"{label} {ascii(value[:40])} is not a date (YYYY-MM-DD): left out"
    found.append(Diagnostic("invalid-date", message, Severity.WARNING))
    return ""
