"""Dates as UN documents write them ("19 December 2023", "July 15, 2025") to ISO 8601."""

from __future__ import annotations

import re

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
    return f"{int(match['year']):04d}-{month:02d}-{int(match['day']):02d}"
