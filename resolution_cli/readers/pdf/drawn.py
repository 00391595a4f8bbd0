"""How many characters each page may draw at most, found before PDFium draws it.

PDFium builds all of a page's objects when it opens the page, and all of its characters when it
makes the text page, at about 200 bytes a character, before anyone can count them: a 1 KB file
whose page draws a form of 30,000 letters 2,000 times took 11 GB. So the PDFium engine first bounds
each page from its content streams, read with pdfminer's object parser (bounded as the pdfminer
engine reads them): a page draws no more characters than the bytes of its strings, plus, for each
form it draws, the form's bound times the times it is drawn. The bound is loose (a two-byte font
counts each character twice, the data of an inline image may look like strings) but never low, so
the engine holds it against several times the page's limit (`limits.MAX_PAGE_CHARACTERS`, ten
times the densest page of the corpus) and counts the characters exactly once the page is drawn.
"""

from __future__ import annotations

import io
import re
from typing import Any

from pdfminer.pdfdocument import PDFDocument
from pdfminer.pdfpage import PDFPage
from pdfminer.pdftypes import PDFStream, resolve1

from resolution_cli.readers.pdf.engine_pdfminer import BoundedParser
from resolution_cli.readers.pdf.glyphs import Report
from resolution_cli.readers.pdf.streams import Budget

_MAX_FORM_DEPTH = 32  # forms drawn within forms; PDFium stops far sooner
_STRING_MARK = re.compile(rb"[()\\]")
_HEX_STRING = re.compile(rb"<([0-9A-Fa-f\s]*)>")
_DRAWS = re.compile(rb"/([^\s/\[\]()<>{}%]+)\s*Do\b")
_NAME_ESCAPE = re.compile(rb"#([0-9A-Fa-f]{2})")


def page_bounds(data: bytes, password: str, cap: int) -> list[int] | None:
    """The most characters each page can draw, in page order (counted up to a little past `cap`);
    None when pdfminer cannot read the file's structure (PDFium reads some files it cannot: their
    pages are counted once drawn)."""
    try:
        document = PDFDocument(BoundedParser(io.BytesIO(data), Budget(), Report()), password=password)
        counter = _Counter(cap)
        return [counter.page(page) for page in PDFPage.create_pages(document)]
    except Exception:  # noqa: BLE001  (damage of any kind: PDFium has the last word on it)
        return None


class _Counter:
    """Bounds of the forms already seen, by object, so that a form drawn on every page is read once."""

    def __init__(self, cap: int) -> None:
        self.cap = cap
        self.forms: dict[int, int] = {}
        self.open: set[int] = set()  # the forms being counted: a form that draws itself draws nothing

    def page(self, page: PDFPage) -> int:
        streams = [resolve1(stream) for stream in page.contents]
        return self._drawn(b"\n".join(s.get_data() for s in streams if isinstance(s, PDFStream)), page.resources, 0)

    def _drawn(self, content: bytes, resources: Any, depth: int) -> int:
        total = _string_bytes(content, self.cap)
        xobjects = resolve1(resolve1(resources).get("XObject", {})) if isinstance(resolve1(resources), dict) else {}
        if not isinstance(xobjects, dict):
            return total
        for match in _DRAWS.finditer(content):
            if total > self.cap:
                break
            name = _NAME_ESCAPE.sub(lambda m: bytes([int(m[1], 16)]), match[1]).decode("latin-1")
            total += self._form(xobjects.get(name), resources, depth)
        return total

    def _form(self, reference: Any, resources: Any, depth: int) -> int:
        form = resolve1(reference)
        if not isinstance(form, PDFStream) or resolve1(form.attrs.get("Subtype")) is None:
            return 0
        if getattr(resolve1(form.attrs["Subtype"]), "name", None) != "Form" or depth >= _MAX_FORM_DEPTH:
            return 0
        key = id(form) if form.objid is None else form.objid
        if key in self.open:
            return 0
        if key not in self.forms:
            self.open.add(key)
            own = form.attrs.get("Resources", resources)  # without its own, a form takes the page's
            self.forms[key] = self._drawn(form.get_data(), own, depth + 1)
            self.open.discard(key)
        return self.forms[key]


def _string_bytes(content: bytes, cap: int) -> int:
    """The bytes inside the literal strings `(...)`, nested ones too, and half those of hex strings
    `<...>` (counted up to a little past `cap`): found by the marks alone (a page has a few
    thousand), not byte by byte."""
    total = 0
    depth = 0
    opened = 0
    escaped_until = -1
    for mark in _STRING_MARK.finditer(content):
        at = mark.start()
        if at <= escaped_until:
            continue
        symbol = content[at]
        if symbol == 0x5C:  # a backslash escapes the byte after it
            escaped_until = at + 1
        elif symbol == 0x28:  # (
            if depth == 0:
                opened = at
            depth += 1
        elif depth:
            depth -= 1
            if depth == 0:
                total += at - opened - 1
                if total > cap:
                    return total
    if depth:
        total += len(content) - opened - 1  # a string left open runs to the end
    return total + sum(map(len, _HEX_STRING.findall(content))) // 2  # (a page has ~3,000 of them)

