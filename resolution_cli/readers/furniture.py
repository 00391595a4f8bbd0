"""Page furniture that every reader drops: job numbers, page counters, barcodes, running headers."""

from __future__ import annotations

import re

# "23-25976 (E) 100124" (New York), "GE.25-11220 (E)" (Geneva), "V.25-01234" (Vienna).
_JOB_NUMBER = r"(?:[A-Z]{1,2}\.)?\d{2}-\d{5}(?:\s*\([A-Z]\))?(?:\s+\d{6})?"
_PAGE_COUNTER = r"\d{1,3}/\d{1,3}"
FURNITURE = re.compile(
    rf"^(?:{_JOB_NUMBER}|{_PAGE_COUNTER}|{_PAGE_COUNTER}\s+{_JOB_NUMBER}|{_JOB_NUMBER}\s+{_PAGE_COUNTER}"
    r"|\*\d{7,8}\*|Please recycle|/\.\.\.|\s*)$"
)


def is_furniture(text: str, symbol: str = "", first: bool = False) -> bool:
    """True for a line or block that is page furniture, not document text. The symbol standing
    alone is a running header everywhere but at the top of the first page."""
    text = text.strip()
    if FURNITURE.match(text):
        return True
    return bool(symbol) and text == symbol and not first
