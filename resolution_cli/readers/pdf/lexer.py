"""pdfminer's lexer in linear time: the same tokens, without its quadratic ways of building them.

pdfminer builds a token by `bytes +=`, which copies all of it at each step: once per 4 KB buffer
while a token (or a line) runs on (a 32 MiB comment in a 32 KB PDF took 80 s), once per escape in a string
or a name, per nested parenthesis, per byte after each `E` of an inline image's data (400,000
escapes: 3.3 s, doubling with every 1.4 times as many). Streams inflate to 128 MiB, so a small
file could keep it busy for hours. `LinearLexer`, mixed into pdfminer's parsers, reads a longer
buffer each time a token runs past one (so a token is copied a few times, not once per 4 KB) and
builds strings, names and inline data in a `bytearray`, handing pdfminer `bytes` as before; the
same for a font's ToUnicode map and a Type 1 font's head, which pdfminer parses alike.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from pdfminer import pdffont, pdfinterp
from pdfminer.cmapdb import CMapParser
from pdfminer.pdffont import Type1FontHeaderParser
from pdfminer.pdfinterp import PDFContentParser
from pdfminer.psparser import END_LITERAL, PSBaseParser

_BUFFER = 4096  # pdfminer's own buffer: what a parser reads when no token runs on
_LARGEST_BUFFER = 1 << 28
_HASH = ord("#")
_LINE_END = re.compile(rb"(\x0d\x0a|[\x0d\x0a])$")


class LinearLexer(PSBaseParser):
    """To put before a pdfminer parser class in a subclass's bases."""

    _line_open = False  # `nextline` is gathering a line

    def fillbuf(self) -> bool:
        if self.charpos >= len(self.buf):  # a read is due: twice the last one while a token or line runs on
            running_on = self._line_open or self._parse1 != self._parse_main
            self.BUFSIZ = min(2 * self.BUFSIZ, _LARGEST_BUFFER) if running_on else _BUFFER
        return bool(super().fillbuf())

    def nextline(self) -> tuple[int, bytes]:
        """pdfminer's, which joins a line by `bytes +=` once per buffer (the scan of a damaged file's
        lines for its objects: 8 MiB without a line break took 2 s, 2 MiB 0.17 s)."""
        self._line_open, self.BUFSIZ = True, _BUFFER
        try:
            return super().nextline()
        finally:
            self._line_open, self.BUFSIZ = False, _BUFFER

    def revreadlines(self) -> Iterator[bytes]:
        """The lines from the end of the file, each with the line break before it, as pdfminer reads
        them to find `startxref`; the pieces of a line in a list (pdfminer's `s + buf` per 4 KB was
        quadratic in a line without a break: 8 MiB of one took 4 s)."""
        self.fp.seek(0, io.SEEK_END)
        end = self.fp.tell()
        pieces: list[bytes] = []  # of the line being gathered, the last first
        while end > 0:
            start = max(0, end - self.BUFSIZ)
            self.fp.seek(start)
            block = self.fp.read(end - start)
            end = start
            if not block:
                break
            while (at := max(block.rfind(b"\r"), block.rfind(b"\n"))) >= 0:
                pieces.append(block[at:])
                yield b"".join(reversed(pieces))
                pieces = []
                block = block[:at]
            pieces.append(block)

    def _add_token(self, obj: Any) -> None:
        super()._add_token(bytes(obj) if isinstance(obj, bytearray) else obj)

    def _parse_string(self, s: bytes, i: int) -> int:
        if not isinstance(self._curtoken, bytearray):
            self._curtoken = bytearray(self._curtoken)  # type: ignore[assignment]  # ends as bytes (_add_token)
        return int(super()._parse_string(s, i))

    def _parse_literal(self, s: bytes, i: int) -> int:
        end = END_LITERAL.search(s, i)
        if end is not None and s[end.start()] != _HASH:
            self._curtoken = bytes(self._curtoken)  # the name ends here: pdfminer looks it up as bytes
        elif not isinstance(self._curtoken, bytearray):
            self._curtoken = bytearray(self._curtoken)  # type: ignore[assignment]
        return int(super()._parse_literal(s, i))


class LinearContentParser(LinearLexer, PDFContentParser):
    def get_inline_data(self, pos: int, target: bytes = b"EI") -> tuple[int, bytes]:
        """The data of an inline image up to `target` and a white-space byte, as pdfminer finds it
        (a byte that breaks a partial match is not looked at again as the start of one)."""
        self.seek(pos)
        data = bytearray()
        matched = 0  # bytes of `target` (and then the white space) matched so far
        while matched <= len(target):
            self.fillbuf()
            if matched == 0:
                start = self.buf.find(target[:1], self.charpos)
                end = len(self.buf) if start < 0 else start + 1
                data += self.buf[self.charpos : end]
                self.charpos = end
                matched = 0 if start < 0 else 1
                continue
            byte = self.buf[self.charpos : self.charpos + 1]
            data += byte
            self.charpos += 1
            expected = target[matched : matched + 1]
            matched = matched + 1 if (byte == expected if expected else byte.isspace()) else 0
        del data[len(data) - len(target) - 1 :]
        return (pos, _LINE_END.sub(b"", bytes(data)))


class LinearCMapParser(LinearLexer, CMapParser):
    """The parser of a font's ToUnicode map."""


class LinearType1HeaderParser(LinearLexer, Type1FontHeaderParser):
    """The parser of the clear-text head of an embedded Type 1 font."""


_LINEAR = (
    (pdfinterp, "PDFContentParser", LinearContentParser),
    (pdffont, "CMapParser", LinearCMapParser),
    (pdffont, "Type1FontHeaderParser", LinearType1HeaderParser),
)


@contextmanager
def linear_parsers() -> Iterator[None]:
    """pdfminer reading content streams, ToUnicode maps and Type 1 fonts with the linear parsers,
    for the time of one read: its interpreter and fonts name their parser classes in their own
    modules, and have no other way in."""
    previous = [getattr(module, name) for module, name, _ in _LINEAR]
    for module, name, linear in _LINEAR:
        setattr(module, name, linear)
    try:
        yield
    finally:
        for (module, name, _), original in zip(_LINEAR, previous, strict=True):
            setattr(module, name, original)
