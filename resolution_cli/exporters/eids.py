"""eIds (and wIds) by the Akoma Ntoso naming convention: the one generator for the AKN exporter.

An eId is the parent's eId, `__`, the element's abbreviation and, after `_`, its number as printed
with the punctuation dropped ("1." -> `para_1`, "(a)" -> `point_a`, "I" -> `sec_I`), or for an
unnumbered element its position among its parent's elements of that name (`container_3`). Elements
of `mainBody` start a fresh chain (`para_1`, `sec_I__para_2__list_1__point_a`); the preamble's are
prefixed `preamble__`. A number printed twice under one parent (a UN typing slip) gets `-2`, `-3`
so eIds stay unique; the same document always gets the same eIds.

Abbreviations from the naming convention (OASIS Akoma Ntoso Naming Convention 1.0, section 5.1.1.1).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

ABBREVIATIONS: dict[str, str] = {
    "attachment": "att",
    "blockList": "list",
    "paragraph": "para",
    "section": "sec",
    "subparagraph": "subpara",
    "subsection": "subsec",
    "listIntroduction": "intro",
    "listWrapUp": "wrap",
}

_NOT_ID = re.compile(r"[^\w-]+")


def number_token(num: str) -> str:
    """The printed number as it appears in an eId: "1." -> "1", "(iv)" -> "iv", "1 -" -> "1"."""
    return _NOT_ID.sub("", num).strip("-_")


@dataclass(slots=True)
class EIdGenerator:
    """Hands out unique eIds for one document, in document order."""

    _counts: Counter[tuple[str, str]] = field(default_factory=Counter)
    _used: set[str] = field(default_factory=set)

    def make(self, parent: str, element: str, num: str = "") -> str:
        """The eId of an `element` under the element whose eId is `parent` ("" at the top)."""
        self._counts[(parent, element)] += 1
        local = number_token(num) or str(self._counts[(parent, element)])
        name = ABBREVIATIONS.get(element, element)
        base = f"{parent}__{name}_{local}" if parent else f"{name}_{local}"
        eid, repeat = base, 1
        while eid in self._used:
            repeat += 1
            eid = f"{base}-{repeat}"
        self._used.add(eid)
        return eid
