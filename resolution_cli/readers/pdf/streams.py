"""Bounded decompression: a PDF's compressed streams may inflate to at most `MAX_INFLATED` bytes
in all, so that a small hostile file (3 MB of Flate that inflates to 3 GiB) ends with one clear
error instead of exhausting the machine's memory.

Two ways in, one budget: `inflate` decodes a Flate stream for the pdfminer engine (the same bytes
pdfminer's own decoder gives, but linear where pdfminer's recovery of corrupted data is quadratic,
and stopping at the budget); `scan` walks the raw streams of a file before PDFium opens it,
inflating each into a small buffer that is thrown away, to count what PDFium would decode.
"""

from __future__ import annotations

import re
import zlib

from resolution_cli.errors import UnreadableInput
from resolution_cli.readers.base import MEBIBYTE
from resolution_cli.readers.pdf.glyphs import Report

# Every UN document of the corpus inflates to a few MB; the largest 2,000-page one would stay far below.
MAX_INFLATED = 128 * MEBIBYTE
_CHUNK = 64 * 1024
DATA_LOSS = "Data-loss while decompressing corrupted data"  # pdfminer's words for it


class Budget:
    """What is left of the bytes a document's streams may inflate to."""

    __slots__ = ("left",)

    def __init__(self, limit: int = MAX_INFLATED) -> None:
        self.left = limit

    def take(self, size: int) -> None:
        self.left -= size
        if self.left < 0:
            raise UnreadableInput(
                f"the PDF's compressed streams inflate to more than {MAX_INFLATED // MEBIBYTE} MiB "
                "(a decompression bomb?): refused"
            )


def inflate(data: bytes, budget: Budget, report: Report) -> bytes:
    """A Flate stream decoded as pdfminer decodes it: whole when intact; when damaged, what comes
    before the damage if it is in the checksum at the end, else nothing."""
    if len(data) > _CHUNK:
        _count_inflated(data, budget)  # a bomb is refused before its output is held in memory
    decoder = zlib.decompressobj()
    try:
        out = _bounded(decoder, data, budget, 0)
    except zlib.error:
        return _inflate_damaged(data, budget, report)
    if not decoder.eof:
        return _inflate_damaged(data, budget, report)  # truncated: what there is
    budget.take(len(out))
    return out


def _count_inflated(data: bytes, budget: Budget) -> None:
    """Refuses `data` if it inflates past what is left of the budget, holding at most a chunk of
    its output at a time (a damaged stream is counted up to its damage)."""
    decoder = zlib.decompressobj()
    total = 0
    pending = data
    try:
        while pending and not decoder.eof:
            total += len(decoder.decompress(pending, _CHUNK * 16))
            if total > budget.left:
                budget.take(total)
            pending = decoder.unconsumed_tail
    except zlib.error:
        return


def _inflate_damaged(data: bytes, budget: Budget, report: Report) -> bytes:
    """pdfminer feeds a damaged stream to zlib byte by byte (quadratic); chunks, and byte by byte
    only through the chunk that fails, give the same bytes in linear time."""
    decoder = zlib.decompressobj()
    out = bytearray()
    for start in range(0, len(data), _CHUNK):
        chunk = data[start : start + _CHUNK]
        saved = decoder.copy()
        try:
            out += _bounded(decoder, chunk, budget, len(out))
            continue
        except zlib.error:
            decoder = saved
        for offset in range(len(chunk)):
            try:
                out += _bounded(decoder, chunk[offset : offset + 1], budget, len(out))
            except zlib.error:
                report.damaged_streams += 1
                if start + offset < len(data) - 3:
                    return b""  # damaged before its checksum: pdfminer keeps nothing of it
                report.warn(DATA_LOSS)
                break
        break
    budget.take(len(out))
    return bytes(out)


def _bounded(decoder: zlib._Decompress, chunk: bytes, budget: Budget, already: int) -> bytes:
    """`decoder.decompress(chunk)`, refusing once the output would pass the budget."""
    piece = decoder.decompress(chunk, budget.left - already + 1)  # max_length >= 1 (0 would mean no limit)
    if decoder.unconsumed_tail or already + len(piece) > budget.left:
        budget.take(budget.left + 1)
    return piece


_STREAM = re.compile(rb"(?<!end)stream\r?\n")
_FLATE = re.compile(rb"/(?:FlateDecode|Fl)\b")
_IMAGE = re.compile(rb"/Subtype\s*/Image\b")


def scan(data: bytes, budget: Budget, report: Report) -> None:
    """Inflates every Flate stream of the raw file (images apart: an engine that reads text does
    not decode them) into a buffer that is thrown away, counting against the budget; streams that
    do not inflate are counted as damaged. Encrypted streams are not counted (they look damaged)."""
    encrypted = b"/Encrypt" in data
    position = 0
    while (match := _STREAM.search(data, position)) is not None:
        position = match.end()
        head = data[max(0, match.start() - 512) : match.start()]
        dictionary = head[head.rfind(b"obj") + 3 :] if b"obj" in head else head
        if not _FLATE.search(dictionary) or _IMAGE.search(dictionary):
            continue
        decoder = zlib.decompressobj()
        pending = data[position : position + _CHUNK]
        offset = position + len(pending)
        try:
            while pending and not decoder.eof:
                budget.take(len(decoder.decompress(pending, _CHUNK)))
                while decoder.unconsumed_tail and not decoder.eof:
                    budget.take(len(decoder.decompress(decoder.unconsumed_tail, _CHUNK)))
                pending = data[offset : offset + _CHUNK]
                offset += len(pending)
        except zlib.error:
            if not encrypted:
                report.damaged_streams += 1
        position = max(position, offset - len(decoder.unused_data))
