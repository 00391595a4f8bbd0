"""How many character codes a font's maps expand to, counted before pdfminer expands them.

pdfminer turns each range of a font's maps into one dictionary entry per code: the width ranges
of a CID font (`/W [0 4294967295 500]`), the ranges of a CMap (`<00000000> <FFFFFFFF> <0041>
beginbfrange`), the segments and groups of an embedded TrueType font's cmap table. A PDF of
1.4 KB whose ToUnicode map spans 2^32 codes ran out of memory after 33 s under a 1.5 GB limit
(with none, it takes the machine). Here the ranges are read as pdfminer would read them and only
added up, so that the engine can refuse the font before pdfminer builds it
(`limits.MAX_FONT_CODES`). A count may be high (two ranges over the same codes count twice), never
low. Fonts whose maps cannot be read count nothing: pdfminer fails on them first.
"""

from __future__ import annotations

import re
import struct
from collections.abc import Iterator, Mapping
from typing import Any

from pdfminer.pdftypes import PDFStream, resolve1
from pdfminer.psparser import literal_name

_CID_FONTS = ("CIDFontType0", "CIDFontType2")
_RANGES = ((b"beginbfrange", b"endbfrange"), (b"begincidrange", b"endcidrange"))
_CMAP_TOKEN = re.compile(rb"<([0-9A-Fa-f\s]*)>|\[[^\[\]]*\]|[-+]?[0-9.]+")
_WINDOWS_UNICODE = {(3, 1), (3, 10)}  # with platform 0: the subtables pdfminer reads


def font_codes(spec: Mapping[str, Any]) -> int:
    """The codes pdfminer will expand for the font `spec` (a Type0 font's descendant comes to
    pdfminer's resource manager on its own, with the Type0 font's maps)."""
    if _subtype(spec) == "Type0":
        return 0  # pdfminer builds its descendant's maps, which come on their own
    total = 0
    to_unicode = resolve1(spec.get("ToUnicode"))
    if isinstance(to_unicode, PDFStream):  # the one CMap pdfminer parses (an Encoding it takes by name)
        total += cmap_codes(to_unicode.get_data())
    if _subtype(spec) in _CID_FONTS:
        total += _width_codes(resolve1(spec.get("W")), 3) + _width_codes(resolve1(spec.get("W2")), 5)
        descriptor = resolve1(spec.get("FontDescriptor"))
        font_file = resolve1(descriptor.get("FontFile2")) if isinstance(descriptor, dict) else None
        if isinstance(font_file, PDFStream):
            total += truetype_codes(font_file.get_data())
    return total


def _subtype(spec: Mapping[str, Any]) -> str:
    try:
        return str(literal_name(resolve1(spec.get("Subtype"))))
    except Exception:  # noqa: BLE001  (no subtype, or one that is no name)
        return ""


def _width_codes(widths: Any, numbers: int) -> int:
    """Codes of a /W (`first last width`: three numbers) or /W2 (five) array; a list after a
    number gives widths one by one, as many as it holds."""
    if not isinstance(widths, list):
        return 0
    total = 0
    run: list[Any] = []
    for item in widths:
        value = resolve1(item)
        if isinstance(value, list):
            total += len(value) if run else 0
            run = []
        elif isinstance(value, int | float):
            run.append(value)
            if len(run) == numbers:
                if isinstance(run[0], int) and isinstance(run[1], int):
                    total += max(0, run[1] - run[0] + 1)
                run = []
    return total


def cmap_codes(data: bytes) -> int:
    """Codes of the bfrange and cidrange blocks of a CMap: `start end destination` triples."""
    total = 0
    for block in _blocks(data):
        tokens = [m[1] for m in _CMAP_TOKEN.finditer(block)]
        for start, end in zip(tokens[0::3], tokens[1::3], strict=False):
            if start is not None and end is not None:
                total += max(0, _hex_value(end) - _hex_value(start) + 1)
    return total


def _blocks(data: bytes) -> Iterator[bytes]:
    """What stands between each `begin...range` and its `end...range` (found, not matched: a
    pattern would look for the end again from every beginning that has none)."""
    for begin, end in _RANGES:
        position = 0
        while (start := data.find(begin, position)) >= 0:
            stop = data.find(end, start)
            if stop < 0:
                break
            yield data[start + len(begin) : stop]
            position = stop + len(end)


def _hex_value(digits: bytes) -> int:
    squeezed = b"".join(digits.split())
    return int(squeezed, 16) if squeezed else 0


def truetype_codes(data: bytes) -> int:
    """Codes of the Unicode subtables of format 4 (segments) and 12 (groups) of a TrueType font's
    cmap table, the formats with ranges; 0 for a font whose tables cannot be read."""
    try:
        return sum(_subtable_codes(data, offset) for offset in _unicode_subtables(data))
    except (struct.error, IndexError):
        return 0


def _unicode_subtables(data: bytes) -> Iterator[int]:
    (tables,) = struct.unpack_from(">H", data, 4)
    for index in range(tables):
        tag, _checksum, offset, _length = struct.unpack_from(">4sLLL", data, 12 + 16 * index)
        if tag == b"cmap":
            _version, subtables = struct.unpack_from(">HH", data, offset)
            for entry in range(subtables):
                platform, encoding, start = struct.unpack_from(">HHL", data, offset + 4 + 8 * entry)
                if platform == 0 or (platform, encoding) in _WINDOWS_UNICODE:
                    yield offset + start
            return


def _subtable_codes(data: bytes, at: int) -> int:
    (kind,) = struct.unpack_from(">H", data, at)
    if kind == 4:
        (doubled,) = struct.unpack_from(">H", data, at + 6)
        count = doubled // 2
        ends = struct.unpack_from(f">{count}H", data, at + 14)
        starts = struct.unpack_from(f">{count}H", data, at + 16 + 2 * count)
        return sum(max(0, end - start + 1) for start, end in zip(starts, ends, strict=True))
    if kind == 12:
        (groups,) = struct.unpack_from(">L", data, at + 12)
        total = 0
        for group in range(min(groups, (len(data) - at - 16) // 12)):  # pdfminer reads those there are, then fails
            start, end, _glyph = struct.unpack_from(">LLL", data, at + 16 + 12 * group)
            total += max(0, end - start + 1)
        return total
    return 0
