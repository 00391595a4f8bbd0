"""The words of UN drafting style that the parser recognises."""

from __future__ import annotations

import re
from functools import cache
from importlib import resources

# Ordinal session names on GA mastheads ("Seventy-eighth session").
_UNITS = ["", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth"]
_TEENS = [
    "tenth",
    "eleventh",
    "twelfth",
    "thirteenth",
    "fourteenth",
    "fifteenth",
    "sixteenth",
    "seventeenth",
    "eighteenth",
    "nineteenth",
]
_TENS = {2: "twent", 3: "thirt", 4: "fort", 5: "fift", 6: "sixt", 7: "sevent", 8: "eight", 9: "ninet"}

MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


def ordinal_word(n: int) -> str:
    """1 -> 'first', 78 -> 'seventy-eighth' (1-99)."""
    if n < 10:
        return _UNITS[n]
    if n < 20:
        return _TEENS[n - 10]
    tens, unit = divmod(n, 10)
    stem = _TENS[tens]
    if unit == 0:
        return stem + "ieth"
    return f"{stem}y-{_UNITS[unit]}"


@cache
def session_numbers() -> dict[str, int]:
    """'seventy-eighth' -> 78, for sessions 1-99."""
    return {ordinal_word(n): n for n in range(1, 100)}


# "The General Assembly," / "The Security Council," / "The Commission for Social Development,"
FORMULA = re.compile(
    r"^The (?P<organ>(?:[A-Z][\w-]*)(?: (?:[A-Z][\w-]*|of|on|for|and|the))*"
    r" (?:Assembly|Council|Commission|Committee|Conference|Board))\s*(?:,|:)?$"
)


LANGUAGE = "en"  # the language of the lead-phrase vocabulary (resolution_cli/data/*-leads.txt)


@cache
def lead_phrases(kind: str) -> tuple[str, ...]:
    """Known lead phrases of `kind` ('preambular' or 'operative'), longest first."""
    text = resources.files("resolution_cli.data").joinpath(f"{kind}-leads.txt").read_text("utf-8")
    phrases = [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")]
    return tuple(sorted(set(phrases), key=lambda p: (-len(p), p)))


_ING_OR_ADJ = re.compile(
    r"^(?:(?:Also|Further|Again|Deeply|Strongly|Gravely|Seriously|Firmly|Fully|Profoundly)\s+)?"
    r"[A-Z][a-z]+(?:ing|ed)\b(?:\s+(?:also|further|again|in mind|with \w+(?: \w+)?))?"
)
_VERB_S = re.compile(
    r"^(?:(?:Also|Further|Again|Once again|Strongly|Firmly|Further|Finally)\s+)?"
    r"[A-Z][a-z]+s\b(?:\s+(?:also|further|upon|for|on))?"
)


@cache
def _phrases_by_first_word(kind: str) -> dict[str, tuple[str, ...]]:
    """The known phrases of `kind` by their first word, each list longest first."""
    table: dict[str, list[str]] = {}
    for phrase in lead_phrases(kind):
        table.setdefault(phrase.split(" ", 1)[0], []).append(phrase)
    return {word: tuple(phrases) for word, phrases in table.items()}


def find_lead(text: str, kind: str) -> str:
    """The lead phrase that opens `text` where italics are unknown: the longest known phrase,
    else the participle (preambular) or verb (operative) that opens it."""
    first_word = (text.split(None, 1) or [""])[0].rstrip(",;:.")
    for phrase in _phrases_by_first_word(kind).get(first_word, ()):
        if text.startswith(phrase) and (len(text) == len(phrase) or not text[len(phrase)].isalnum()):
            return phrase
    pattern = _ING_OR_ADJ if kind == "preambular" else _VERB_S
    match = pattern.match(text)
    return match.group(0) if match else ""
