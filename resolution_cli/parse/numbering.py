"""Paragraph numbers: "1.", "(a)", "(i)", "I.", "A." and which level each belongs to."""

from __future__ import annotations

import re

OPERATIVE_NUM = re.compile(r"^(?P<num>\d{1,3}\.)(?:\s+|$)")
SUB_NUM = re.compile(r"^(?P<num>\((?:[a-z]{1,2}|[ivxlc]+|[A-Z]|\d{1,2})\))(?:\s+|$)")
HEADING_NUM = re.compile(r"^(?P<num>(?:[IVXLC]+|[A-Z])\.?)(?:\s+|$)")

_ROMAN = re.compile(r"^[ivxlc]+$")


def roman_value(text: str) -> int:
    values = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100}
    total = 0
    for char, following in zip(text, text[1:] + " ", strict=True):
        value = values[char]
        total += -value if values.get(following, 0) > value else value
    return total


def sub_kind(num: str, last_letter: str | None) -> str:
    """'letter', 'roman', 'capital' or 'digit' for a sub-paragraph number such as '(i)'.

    `last_letter` is the last lettered sibling seen at this point: '(i)' after '(h)' is a letter
    (as '(v)' after '(u)'); otherwise a number made of i, v, x ... is roman.
    """
    inner = num.strip("()")
    if inner.isdigit():
        return "digit"
    if inner.isupper():
        return "capital"
    if _ROMAN.match(inner):
        if last_letter and _is_letter_before(last_letter.strip("()"), inner):
            return "letter"
        return "roman"
    return "letter"


def _is_letter_before(previous: str, current: str) -> bool:
    """'h' -> 'i', 'u' -> 'v', 'hh' -> 'ii' (doubled letters after z)."""
    if len(previous) != len(current) or not previous.isalpha() or not previous.islower():
        return False
    return len(set(previous)) == 1 and len(set(current)) == 1 and ord(current[0]) == ord(previous[0]) + 1


def expected_next(num: str) -> str | None:
    """The number that should follow `num` at the same level ('3.' -> '4.', '(b)' -> '(c)')."""
    if match := re.fullmatch(r"(\d{1,9})\.", num):  # longer is no paragraph number (and int() refuses 4,301 digits)
        return f"{int(match.group(1)) + 1}."
    if match := re.fullmatch(r"\(([a-z])\)", num):
        char = match.group(1)
        return f"({chr(ord(char) + 1)})" if char != "z" else "(aa)"
    return None
