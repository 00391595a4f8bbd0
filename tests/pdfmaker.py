"""Small PDFs made by the tests themselves: text pages in a standard font, streams compressed or
damaged on purpose, an image-only page, a form that draws itself, a decompression bomb."""

from __future__ import annotations

import struct
import zlib
from collections.abc import Sequence

MASTHEAD = [
    (123, 731, 14, "United Nations"),
    (430, 731, 20, "A/RES/99/1"),
    (123, 700, 20, "General Assembly"),
]


BOLD = "**"  # a text that starts with it is set in Times-Bold (the marker itself is not drawn)
ITALIC = "~~"  # ... in Times-Italic


def text_page(lines: Sequence[tuple[float, float, float, str]], extra: bytes = b"") -> bytes:
    """A content stream that sets each (x, y, size, text) in Times-Roman (Times-Bold after `BOLD`,
    Times-Italic after `ITALIC`)."""
    out = [b"BT"]
    for x, y, size, text in lines:
        font = b"F2" if text.startswith(BOLD) else b"F3" if text.startswith(ITALIC) else b"F1"
        text = text.removeprefix(BOLD).removeprefix(ITALIC)
        escaped = text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)").encode("latin-1")
        out.append(b"/%s %g Tf 1 0 0 1 %g %g Tm (%s) Tj" % (font, size, x, y, escaped))
    out.append(b"ET")
    return b"\n".join(out) + b"\n" + extra


def resolution_page(number: int = 1) -> bytes:
    body = [(123, 600 - 14 * i, 10, f"Paragraph {i} of page {number}, recalling its resolutions,") for i in range(20)]
    return text_page([*MASTHEAD, (123, 640, 10, "The General Assembly,"), *body] if number == 1 else body)


def make_pdf(
    contents: Sequence[bytes],
    *,
    compress: bool = True,
    raw_streams: Sequence[bytes | None] | None = None,
    image: bool = False,
    self_drawing_form: bool = False,
) -> bytes:
    """A PDF of one page per content stream. `raw_streams[i]`, when given, is written as page i's
    Flate data as it is (damaged, or a bomb); `image` draws an 8x8 image on every page;
    `self_drawing_form` adds a form XObject that draws itself (a circular reference)."""
    objects: list[bytes] = []

    def add(body: bytes) -> int:
        objects.append(body)
        return len(objects)

    def stream(data: bytes, attrs: bytes = b"") -> bytes:
        if compress:
            attrs += b" /Filter /FlateDecode"
            data = zlib.compress(data)
        return b"<< /Length %d%s >>\nstream\n%s\nendstream" % (len(data), attrs, data)

    catalog = add(b"")
    pages = add(b"")
    font = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Times-Roman >>")
    bold = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Times-Bold >>")
    italic = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Times-Italic >>")
    xobjects = b""
    if image:
        picture = add(stream(b"\x80" * 64, b" /Type /XObject /Subtype /Image /Width 8 /Height 8"
                             b" /ColorSpace /DeviceGray /BitsPerComponent 8"))
        xobjects += b" /Im1 %d 0 R" % picture
    if self_drawing_form:
        form = len(objects) + 1
        add(stream(b"/Fm1 Do", b" /Type /XObject /Subtype /Form /BBox [0 0 10 10]"
                   b" /Resources << /XObject << /Fm1 %d 0 R >> >>" % form))
        xobjects += b" /Fm1 %d 0 R" % form
    resources = b"<< /Font << /F1 %d 0 R /F2 %d 0 R /F3 %d 0 R >> /XObject << %s >> >>" % (font, bold, italic, xobjects)
    kids = []
    for index, content in enumerate(contents):
        drawn = content
        if image:
            drawn = b"q 100 0 0 100 100 100 cm /Im1 Do Q\n" + drawn
        if self_drawing_form:
            drawn = b"/Fm1 Do\n" + drawn
        raw = raw_streams[index] if raw_streams else None
        if raw is not None:
            body = b"<< /Length %d /Filter /FlateDecode >>\nstream\n%s\nendstream" % (len(raw), raw)
        else:
            body = stream(drawn)
        content_ref = add(body)
        kids.append(add(b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 612 792] /Resources %s /Contents %d 0 R >>"
                        % (pages, resources, content_ref)))
    objects[catalog - 1] = b"<< /Type /Catalog /Pages %d 0 R >>" % pages
    objects[pages - 1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (
        b" ".join(b"%d 0 R" % k for k in kids),
        len(kids),
    )
    return _assemble(objects, catalog)


def _assemble(objects: list[bytes], root: int) -> bytes:
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, root, xref)
    return bytes(out)


def zeros_bomb(inflated: int) -> bytes:
    """zlib data that inflates to about `inflated` zero bytes (1/1000 of it in size), written
    directly in deflate's fixed codes: a literal 0, then matches of 258 bytes at distance 1 (13
    bits each, so eight of them fill 13 bytes and repeat byte for byte)."""
    bits = _Bits()
    bits.put(1, 1)  # the last block
    bits.put(1, 2)  # fixed Huffman codes
    bits.code(0b00110000, 8)  # literal 0
    for _ in range(16):
        bits.code(0b11000101, 8)  # length 258 (code 285)
        bits.code(0, 5)  # distance 1
    head = bits.bytes()  # 11 bits, then 16 matches: bytes 1..27 hold two periods of 13 bytes
    period = head[1 + 13 : 1 + 26]
    matches = max(1, (inflated - 1) // 258 // 8 * 8)
    tail = _Bits(offset=3)  # after whole periods the next bit is bit 3 of a byte, as at the start
    tail.code(0, 7)  # end of block
    size = 1 + matches * 258
    body = head[:14] + period * (matches // 8 - 1) + bytes([head[27] & 0b111 | tail.bytes()[0]])
    body += tail.bytes()[1:]
    adler = ((size % 65521) << 16) | 1  # adler32 of zeros: A = 1, B = size
    return b"\x78\x9c" + body + adler.to_bytes(4, "big")


class _Bits:
    """Bits packed as deflate packs them (least significant first)."""

    def __init__(self, offset: int = 0) -> None:
        self.value = 0
        self.count = offset

    def put(self, value: int, width: int) -> None:
        self.value |= value << self.count
        self.count += width

    def code(self, code: int, width: int) -> None:  # Huffman codes go most significant bit first
        self.put(int(format(code, f"0{width}b")[::-1], 2), width)

    def bytes(self) -> bytes:
        return self.value.to_bytes((self.count + 7) // 8, "little")


def damaged(data: bytes) -> bytes:
    """Flate data with bytes flipped early on (damage before the checksum: nothing decodes)."""
    middle = bytearray(data)
    for index in range(2, min(len(middle) - 4, 40)):
        middle[index] ^= 0x5A
    return bytes(middle)


def bad_checksum(data: bytes) -> bytes:
    """Flate data whose checksum is wrong: all of it decodes, with pdfminer's data-loss warning."""
    return data[:-1] + bytes([data[-1] ^ 0xFF])


def drawing_form(times: int, letters: int, content: bytes | None = None) -> bytes:
    """One page with the masthead that draws a form XObject `times`; the form draws `letters`
    letters (in strings of a thousand) or `content`: a character bomb of a kilobyte."""
    form = content if content is not None else (
        b"BT /F1 10 Tf 1 0 0 1 50 50 Tm " + (b"(" + b"x" * 1000 + b") Tj ") * (letters // 1000) + b"ET"
    )
    page = resolution_page(1) + b"\n" + b"/Fm Do " * times
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [5 0 R] /Count 1 >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Times-Roman >>",
        _flate_stream(page),
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >>"
        b" /XObject << /Fm 6 0 R >> >> /Contents 4 0 R >>",
        _flate_stream(form, b" /Type /XObject /Subtype /Form /BBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >>"
                      b" /XObject << /Fm 6 0 R >> >>"),
    ]
    return _assemble(objects, 1)


def deep_page_tree(depth: int) -> bytes:
    """One page at the bottom of `depth` levels of /Pages nodes, each with one kid."""
    content = resolution_page(1)
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"", _flate_stream(content),
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Times-Roman >>"]
    nodes = [2, *range(6, 6 + depth - 1)]  # object 5 is the page
    objects.append(b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 4 0 R >> >>"
                   b" /Contents 3 0 R >>" % nodes[-1])
    objects.extend(b"" for _ in nodes[1:])
    for level, node in enumerate(nodes):
        kid = nodes[level + 1] if level + 1 < len(nodes) else 5
        parent = b" /Parent %d 0 R" % nodes[level - 1] if level else b""
        objects[node - 1] = b"<< /Type /Pages /Kids [%d 0 R] /Count 1%s >>" % (kid, parent)
    return _assemble(objects, 1)


def _flate_stream(data: bytes, attrs: bytes = b"") -> bytes:
    packed = zlib.compress(data)
    return b"<< /Length %d /Filter /FlateDecode%s >>\nstream\n%s\nendstream" % (len(packed), attrs, packed)


def nested(shape: str, depth: int) -> bytes:
    """A one-page PDF with structure nested `depth` deep: "arrays" or "dictionaries" in the
    content stream, "array object" or "dictionary object" in the page's dictionary, or "forms"
    (a chain of form XObjects, each drawing the next, the last drawing a word)."""
    page = resolution_page(1)
    if shape == "arrays":
        return make_pdf([page + b"\n" + b"[" * depth + b"]" * depth + b" pop\n"])
    if shape == "dictionaries":
        return make_pdf([page + b"\n" + b"<< /A " * depth + b"1" + b" >>" * depth + b" pop\n"])
    if shape in ("array object", "dictionary object"):
        deep = b"[" * depth + b"]" * depth if shape == "array object" else b"<< /A " * depth + b"1" + b" >>" * depth
        return make_pdf([page]).replace(b"/Type /Page ", b"/Type /Page /Deep " + deep + b" ", 1)
    assert shape == "forms"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [5 0 R] /Count 1 >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Times-Roman >>",
        _flate_stream(page + b"\n/Fm Do\n"),
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >>"
        b" /XObject << /Fm 6 0 R >> >> /Contents 4 0 R >>",
    ]
    for level in range(depth):
        last = level == depth - 1
        drawn = b"BT /F1 10 Tf 1 0 0 1 100 100 Tm (deep) Tj ET" if last else b"/Fm Do"
        inner = b"" if last else b" /XObject << /Fm %d 0 R >>" % (len(objects) + 2)
        objects.append(_flate_stream(drawn, b" /Type /XObject /Subtype /Form /BBox [0 0 612 792]"
                                     b" /Resources << /Font << /F1 3 0 R >>%s >>" % inner))
    return _assemble(objects, 1)


def cid_font_pdf(*, to_unicode: bytes | None = None, widths: bytes = b"", font_file: bytes | None = None) -> bytes:
    """One page with the masthead and a word in a Type0 font with the given maps: a ToUnicode
    CMap (its data), a /W array (its PDF text) and an embedded TrueType font (its data)."""
    page = resolution_page(1) + b"\nBT /F2 10 Tf 1 0 0 1 100 100 Tm <00010002> Tj ET\n"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [5 0 R] /Count 1 >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Times-Roman >>",
        _flate_stream(page),
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R /F2 6 0 R >> >>"
        b" /Contents 4 0 R >>",
    ]
    streams = [(key, data) for key, data in (("ToUnicode", to_unicode), ("FontFile2", font_file)) if data is not None]
    number = {key: len(objects) + 3 + index for index, (key, _) in enumerate(streams)}  # after objects 6 and 7
    maps = b" /ToUnicode %d 0 R" % number["ToUnicode"] if "ToUnicode" in number else b""
    descriptor = b""
    if "FontFile2" in number:
        descriptor = b" /FontDescriptor << /Type /FontDescriptor /FontName /X /Flags 4 /FontFile2 %d 0 R >>" % (
            number["FontFile2"]
        )
    objects.append(b"<< /Type /Font /Subtype /Type0 /BaseFont /X /Encoding /Identity-H /DescendantFonts [7 0 R]%s >>"
                   % maps)
    objects.append(
        b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /X /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity)"
        b" /Supplement 0 >> /DW 500 /W [%s]%s >>" % (widths, descriptor)
    )
    objects.extend(_flate_stream(data) for _, data in streams)
    return _assemble(objects, 1)


def cmap(ranges: bytes, kind: bytes = b"bf") -> bytes:
    """A CMap of four-byte codes with `ranges` in one begin...range block of `kind` (bf or cid)."""
    return (
        b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CMapName /X def "
        b"1 begincodespacerange <00000000> <FFFFFFFF> endcodespacerange\n"
        b"1 begin%srange %s end%srange endcmap end end" % (kind, ranges, kind)
    )


def truetype_with_cmap(subtable: bytes) -> bytes:
    """A TrueType font of one table, cmap, with one Unicode subtable (3, 1)."""
    table = struct.pack(">HHHHL", 0, 1, 3, 1, 12) + subtable
    return struct.pack(">LHHHH", 0x00010000, 1, 16, 0, 0) + struct.pack(">4sLLL", b"cmap", 0, 28, len(table)) + table


def format_12(groups: Sequence[tuple[int, int, int]]) -> bytes:
    return struct.pack(">HHLLL", 12, 0, 16 + 12 * len(groups), 0, len(groups)) + b"".join(
        struct.pack(">LLL", *group) for group in groups
    )


def format_4(segments: Sequence[tuple[int, int]]) -> bytes:
    """Segments (start, end) with no glyph array (each code maps to itself plus zero)."""
    count = len(segments)
    starts = b"".join(struct.pack(">H", start) for start, _ in segments)
    ends = b"".join(struct.pack(">H", end) for _, end in segments)
    return (
        struct.pack(">HHHHHHH", 4, 16 + 8 * count, 0, 2 * count, 0, 0, 0)
        + ends + b"\0\0" + starts + b"\0\0" * count + b"\0\0" * count
    )
