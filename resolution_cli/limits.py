"""Fixed bounds on the structure of an input, so that a hostile or broken file ends with one line
of error instead of a crash: the readers and exporters walk nested structure recursively, one or a
few Python frames per level, and Python's stack takes about a thousand.

Every bound is far above what a real document needs: the deepest AKN file of the UN's corpus nests
12 elements, its deepest sub-paragraphs 4 levels. (The limits on input size and page count, which a
user may change, are `readers.base.ReadOptions`.)
"""

from __future__ import annotations

MAX_XML_DEPTH = 100
"""Elements nested in an XML input (the AKN reader's walks recurse once per level)."""

MAX_NESTING = 40
"""Sections and sub-paragraphs nested in our Markdown (each level is two AKN elements when
exported, so what it holds stays readable under MAX_XML_DEPTH)."""
