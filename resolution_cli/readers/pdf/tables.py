"""Tables from the column alignment of a page's lines: staffing tables, budget figures, scales.

A UN table is set smaller than the body text (8.5 pt rows, 7 pt header cells under 10 pt body)
and its cells stand apart by gaps far wider than a word space. On one page, a run of such lines
where at least two lines break into the same number of pieces at the same places is a table; the
pieces of those full rows give the columns, and every other line of the run (a section label row,
a wrapped cell's next line, a header cell over two lines) is read against them:

- rows: lines closer than a line and a half of their size belong to one row (a cell that wraps
  over lines stays one cell, its words in reading order); the smaller lines that open the table
  are its header;
- a piece over two columns is one cell spanning them ("(United States dollars)"), unless it
  breaks between them at a gap wider than a word space (two tight header cells "GS (PL) GS (OL)");
- lines under the table that open with a raised letter or a star are its notes ("a See
  A/78/534."), and a raised letter in a cell that names one of them is a call of that note;
- a table that goes on at the top of the next page (its header repeated there, kept once) is one
  table with the rows of both pages.

Cost is linear in the lines and their characters: each line is cut into pieces once, and a table
is read from its own lines only.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from resolution_cli.parse.source import SourceBlock, SourceCell, SourceFootnote, SourceTable, Span, table_block
from resolution_cli.readers.pdf.glyphs import Glyph
from resolution_cli.readers.pdf.layout import Line, join_lines, line_spans, normal_spans

# Pieces of a line stand apart by more than this (in ems of the line's size): wider than any word
# space of a justified line, narrower than the gutter between two table columns.
_CELL_GAP = 1.5
# Within a piece that crosses a column edge, a gap wider than this (ems) splits it there.
_WORD_GAP = 0.6
# Baselines closer than this (ems) are lines of one row; rows stand further apart.
_ROW_PITCH = 1.4
# A table's header stands at most this far (ems) above its first row; its notes under its last.
_TABLE_GAP = 3.0
# Inside a table, rows may stand this far apart (ems): a blank row before a group ("General Service").
_INNER_GAP = 4.5
# Table text is set below this share of the body size.
_TABLE_SIZE = 0.95
# A character this much smaller than its line, set above the baseline, is raised (a note's call).
_RAISED = 0.8
# What a call of a table note is made of (a footnote call's digits are the page's markers already).
_NOTE_CALL = re.compile(r"^[a-z*†‡§]$")


@dataclass(frozen=True, slots=True)
class _Piece:
    """Characters of one line that stand apart from the rest of it (one cell's share of the line)."""

    glyphs: tuple[Glyph, ...]

    @property
    def x0(self) -> float:
        return min(g.x0 for g in self.glyphs if g.text.strip())

    @property
    def x1(self) -> float:
        return max(g.x1 for g in self.glyphs if g.text.strip())


def pieces(line: Line) -> list[_Piece]:
    """`line` cut where its characters stand further apart than a cell gap (never before a call)."""
    size = line.size
    gap = _CELL_GAP * size
    call_size = size * _RAISED  # a call (smaller than this) stands with the text before it
    out: list[list[Glyph]] = []
    piece: list[Glyph] | None = None
    last_x1: float | None = None
    for glyph in line.ordered():
        if not glyph.text.strip():
            if piece is not None:
                piece.append(glyph)
            continue
        if piece is None or last_x1 is None or (glyph.x0 - last_x1 > gap and not glyph.size < call_size):
            piece = []
            out.append(piece)
        piece.append(glyph)
        x1 = glyph.x1
        last_x1 = x1 if last_x1 is None or x1 > last_x1 else last_x1
    return [_Piece(tuple(glyphs)) for glyphs in out]


def find_tables(lines: Sequence[Line], body_size: float) -> list[Line | SourceBlock]:
    """The body lines of one page with each table among them replaced by its table block."""
    cut = [pieces(line) for line in lines]
    small = [line.size < body_size * _TABLE_SIZE for line in lines]
    row_like = [
        len(parts) >= 2 and (small[i] or (len(parts) >= 3 and lines[i].size <= body_size * 1.05))
        for i, parts in enumerate(cut)
    ]
    out: list[Line | SourceBlock] = []
    index = 0
    while index < len(lines):
        if not row_like[index]:
            out.append(lines[index])
            index += 1
            continue
        start, end = _extent(lines, small, row_like, index)
        notes_end = _notes_extent(lines, small, end)
        table = _table(lines[start:end], cut[start:end], lines[end:notes_end])
        if table is None:  # no columns: the run's lines are text (each looked at once)
            out.extend(lines[index:end])
            index = max(end, index + 1)
            continue
        del out[len(out) - (index - start) :]  # the header lines above the first full row
        out.append(table_block(table, page=lines[start].page))
        index = notes_end
    return out


def _gap(lines: Sequence[Line], above: int, below: int) -> float:
    return lines[above].y - lines[below].y


def _extent(lines: Sequence[Line], small: list[bool], row_like: list[bool], first_row: int) -> tuple[int, int]:
    """The lines [start, end) of the table whose first full row is `first_row`: the small lines
    just above it (its header), then rows and the lines between them, up to the last row and the
    lines that continue its cells."""
    start = first_row
    while start > 0 and small[start - 1] and _gap(lines, start - 1, start) <= _TABLE_GAP * lines[start].size:
        start -= 1
    last_row = end = first_row
    while end + 1 < len(lines):
        nxt = end + 1
        if lines[nxt].page != lines[end].page or _gap(lines, end, nxt) > _INNER_GAP * lines[nxt].size:
            break
        if not (row_like[nxt] or small[nxt]):
            break
        end = nxt
        if row_like[nxt]:
            last_row = nxt
    # After the last row, only the lines that continue its cells (a row's wrapped lines).
    stop = last_row
    while stop < end and _gap(lines, stop, stop + 1) <= _ROW_PITCH * lines[stop + 1].size:
        stop += 1
    return start, stop + 1


def _notes_extent(lines: Sequence[Line], small: list[bool], start: int) -> int:
    """The end of the notes under a table that ends before `start`: small lines that open with a
    raised letter or a star, each with the lines that continue it."""
    end = start
    while end < len(lines) and small[end] and lines[end].page == lines[start - 1].page:
        if _gap(lines, end - 1, end) > _TABLE_GAP * lines[end].size:
            break
        if not _note_marker(lines[end]) and not (
            end > start and _gap(lines, end - 1, end) <= _ROW_PITCH * lines[end].size
        ):
            break
        end += 1
    return end


def _raised(glyph: Glyph, line: Line) -> bool:
    return glyph.size < line.size * _RAISED and glyph.y0 > line.y + 0.5


def _note_marker(line: Line) -> str:
    """The marker a table note opens with ("a", "b", "*"), or ""."""
    glyphs = [g for g in line.ordered() if g.text.strip()]
    marker = ""
    for glyph in glyphs:
        if _raised(glyph, line) or (glyph.text == "*" and not marker.strip("*")):
            marker += glyph.text
        else:
            break
    return marker if 0 < len(marker) <= 3 else ""


# -- reading one table ---------------------------------------------------------------------------


def _columns(cut: Sequence[list[_Piece]]) -> list[tuple[float, float]] | None:
    """The columns' spans from the full rows (those with the most pieces): None unless at least
    two rows are full and their pieces line up column by column without overlapping."""
    width = max(len(parts) for parts in cut)
    full = [parts for parts in cut if len(parts) == width]
    if width < 2 or len(full) < 2:
        return None
    spans = [(min(p[k].x0 for p in full), max(p[k].x1 for p in full)) for k in range(width)]
    if any(left[1] >= right[0] for left, right in zip(spans, spans[1:], strict=False)):
        return None
    return spans


def _placed(piece: _Piece, columns: list[tuple[float, float]], size: float) -> list[tuple[int, int, list[Glyph]]]:
    """A piece's share of the columns: (first column, last column, glyphs). A piece is cut where
    a gap wider than a word space falls in a gutter between two columns ("GS (PL)  GS (OL)"); each
    part then belongs to the columns it overlaps (two of them: one cell spanning both, as
    "(United States dollars)" over "Gross" and "Net"), or to the nearest one."""
    parts: list[list[Glyph]] = []
    for word, gap_start in _words(piece.glyphs, size):
        x0 = next(g.x0 for g in word if g.text.strip())
        if parts and not (
            gap_start is not None and x0 - gap_start > _WORD_GAP * size and _in_gutter(gap_start, x0, columns)
        ):
            parts[-1].extend(word)
        else:
            parts.append(list(word))
    placed = []
    for glyphs in parts:
        visible = [g for g in glyphs if g.text.strip()]
        x0, x1 = min(g.x0 for g in visible), max(g.x1 for g in visible)
        over = [k for k, (left, right) in enumerate(columns) if min(x1, right) - max(x0, left) > 0]
        if not over:
            over = [min(range(len(columns)), key=lambda k: _distance(x0, x1, columns[k]))]
        placed.append((over[0], over[-1], glyphs))
    return placed


def _in_gutter(start: float, end: float, columns: list[tuple[float, float]]) -> bool:
    """Whether the gap from `start` to `end` lies (in part) between two columns."""
    return any(start < right[0] and end > left[1] for left, right in zip(columns, columns[1:], strict=False))


def _distance(x0: float, x1: float, column: tuple[float, float]) -> float:
    return max(column[0] - x1, x0 - column[1], 0.0)


def _words(glyphs: Sequence[Glyph], size: float) -> list[tuple[list[Glyph], float | None]]:
    """Words of a piece, each with where the gap before it starts (the end of the word before;
    None for the first); spaces belong to the word before them."""
    out: list[tuple[list[Glyph], float | None]] = []
    last_x1: float | None = None
    spaced = False
    for glyph in glyphs:
        if not glyph.text.strip():
            spaced = True
            if out:
                out[-1][0].append(glyph)
            continue
        if last_x1 is None or spaced or glyph.x0 - last_x1 > size * 0.3:
            out.append(([glyph], last_x1))
        else:
            out[-1][0].append(glyph)
        last_x1, spaced = glyph.x1, False
    return out


def _rows(lines: Sequence[Line], cut: Sequence[list[_Piece]], body: float) -> list[list[int]]:
    """Lines grouped into rows by their spacing (indexes into `lines`); the header's lines (set
    smaller than the rows) never share a row with the body's."""
    rows: list[list[int]] = []
    for index, line in enumerate(lines):
        if rows:
            above = lines[rows[-1][-1]]
            same_kind = (above.size < body - 0.5) == (line.size < body - 0.5)
            if same_kind and above.y - line.y <= _ROW_PITCH * line.size:
                rows[-1].append(index)
                continue
        rows.append([index])
    return rows


def _table(lines: Sequence[Line], cut: Sequence[list[_Piece]], note_lines: Sequence[Line]) -> SourceTable | None:
    columns = _columns(cut)
    if columns is None:
        return None
    # The rows' size: the largest of the lines that reach over columns (the header is smaller).
    body = max(round(line.size, 1) for line, parts in zip(lines, cut, strict=True) if len(parts) >= 2)
    notes = _notes(note_lines)
    grouped = _rows(lines, cut, body)
    header_rows = sum(1 for row in grouped if lines[row[0]].size < body - 0.5 and row[0] < _first_body(lines, body))
    rows = tuple(_row([lines[i] for i in row], [cut[i] for i in row], columns) for row in grouped)
    return SourceTable(rows=rows, header_rows=header_rows, notes=notes)


def _first_body(lines: Sequence[Line], body: float) -> int:
    return next((i for i, line in enumerate(lines) if line.size >= body - 0.5), len(lines))


def _row(
    lines: Sequence[Line], cut: Sequence[list[_Piece]], columns: list[tuple[float, float]]
) -> tuple[SourceCell, ...]:
    """One row's cells, column by column: each column's glyphs line by line, a piece over several
    columns one cell that spans them."""
    width = len(columns)
    shares: dict[int, list[tuple[Line, list[Glyph]]]] = {}
    span_end = list(range(width))  # the last column a cell opened in column k spans
    for line, parts in zip(lines, cut, strict=True):
        for piece in parts:
            for first, last, glyphs in _placed(piece, columns, line.size):
                shares.setdefault(first, []).append((line, glyphs))
                span_end[first] = max(span_end[first], last)
    cells: list[SourceCell] = []
    column = 0
    while column < width:
        last = span_end[column]
        taken = [share for k in range(column, last + 1) for share in shares.get(k, [])]
        cells.append(SourceCell(_cell_spans(taken), colspan=last - column + 1))
        column = last + 1
    return tuple(cells)


def _cell_spans(shares: list[tuple[Line, list[Glyph]]]) -> tuple[Span, ...]:
    """A cell's text from its share of each line, top to bottom; a small letter in it (raised on
    its line, or a line of its own beside the cell's lines) is a call, until `_settled` finds
    whether it names one of the table's notes."""
    spans: list[Span] = []
    text_size = max((g.size for _, glyphs in shares for g in glyphs if g.text.strip()), default=0.0)
    for line, glyphs in _calls_after_their_line(shares, text_size):
        calls = [
            g for g in glyphs if _NOTE_CALL.match(g.text) and g.size < text_size * _RAISED and g not in line.markers
        ]
        kept = [g for g in glyphs if g not in calls]
        piece = Line(
            [g for g in kept if g not in line.markers], line.page, [*calls, *(g for g in kept if g in line.markers)]
        )
        more = line_spans(piece)
        spans = join_lines(spans, more) if spans and more else spans + more
    return normal_spans(spans)


def _calls_after_their_line(shares: list[tuple[Line, list[Glyph]]], text_size: float) -> list[tuple[Line, list[Glyph]]]:
    """A line holding only a small call stands raised over the line below it: it goes after it."""
    out = list(shares)
    for index in range(len(out) - 1):
        line, glyphs = out[index]
        if all(g.size < text_size * _RAISED for g in glyphs if g.text.strip()):
            out[index], out[index + 1] = out[index + 1], out[index]
    return out


def _notes(lines: Sequence[Line]) -> tuple[SourceFootnote, ...]:
    notes: list[tuple[str, list[Span]]] = []
    for line in lines:
        marker = _note_marker(line)
        if marker:
            opening = [g for g in line.ordered() if g.text.strip()]
            called = {id(g) for g in opening[: len(marker)]}
            rest = Line(
                [g for g in line.glyphs if id(g) not in called],
                line.page,
                [m for m in line.markers if id(m) not in called],
            )
            notes.append((marker, line_spans(rest)))
        elif notes:
            notes[-1] = (notes[-1][0], join_lines(notes[-1][1], line_spans(line)))
    return tuple(SourceFootnote(marker, normal_spans(spans), page=lines[0].page) for marker, spans in notes)


# -- across pages ----------------------------------------------------------------------------------


def join_pages(items: list[Line | SourceBlock]) -> list[Line | SourceBlock]:
    """A table that goes on at the top of the next page, right after its part on the page before,
    is one table: the header repeated on the new page is kept once. Then each table's calls are
    settled against its notes (`_settled`)."""
    return [_settled(item) for item in _joined_pages(items)]


def _settled(item: Line | SourceBlock) -> Line | SourceBlock:
    """A small letter taken for a call in a cell stays a call when it names one of the table's
    notes, and is text again when it does not (the "a" of a note-less table)."""
    if not isinstance(item, SourceBlock) or item.table is None:
        return item
    table = item.table
    markers = {note.marker for note in table.notes}

    def cell(c: SourceCell) -> SourceCell:
        if all(not s.marker or s.text in markers or not _NOTE_CALL.match(s.text) for s in c.spans):
            return c
        spans = [
            Span(s.text, s.italic, s.bold) if s.marker and s.text not in markers and _NOTE_CALL.match(s.text) else s
            for s in c.spans
        ]
        return replace(c, spans=normal_spans(spans))

    rows = tuple(tuple(cell(c) for c in row) for row in table.rows)
    return replace(item, table=replace(table, rows=rows))


def _joined_pages(items: list[Line | SourceBlock]) -> list[Line | SourceBlock]:
    out: list[Line | SourceBlock] = []
    for item in items:
        before = out[-1] if out else None
        if (
            isinstance(item, SourceBlock)
            and isinstance(before, SourceBlock)
            and item.table is not None
            and before.table is not None
            and item.page == before.page + 1
            and _width(item.table) == _width(before.table)
            and not before.table.notes
        ):
            out[-1] = replace(before, table=_joined(before.table, item.table))
            continue
        out.append(item)
    return out


def _width(table: SourceTable) -> int:
    return max((sum(c.colspan for c in row) for row in table.rows), default=0)


def _joined(first: SourceTable, then: SourceTable) -> SourceTable:
    repeated = _texts(then.rows[: then.header_rows]) == _texts(first.rows[: first.header_rows])
    rows = then.rows[then.header_rows :] if repeated or not first.header_rows else then.rows
    return replace(first, rows=first.rows + rows, notes=then.notes)


def _texts(rows: tuple[tuple[SourceCell, ...], ...]) -> list[list[str]]:
    return [["".join(s.text for s in cell.spans) for cell in row] for row in rows]
