"""Reads a UN PDF from its character-level layout (pdfminer.six) into a `SourceDocument`.

`extract_text` flattens a page and reorders words in justified lines, so this reader works from
the characters: their font (italic lead phrases, bold headings), size (footnotes, superscript
markers) and position (running headers, footers, the footnote separator, indentation). The
stages: characters -> lines (by baseline, raised markers attached to the line below) -> page
zones (header, body, footnotes, footer) -> blocks (by vertical gaps and first-line indents,
re-joined across pages) and footnotes.
"""

from __future__ import annotations

import io
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from pdfminer.high_level import extract_pages
from pdfminer.layout import LAParams, LTChar, LTComponent, LTPage
from pdfminer.pdfparser import PDFSyntaxError

from resolution_cli.errors import NeedsOCR, UnreadableInput
from resolution_cli.forms import FOOTER, NUMBERED_LINE, SYMBOL, is_footnote_rule, is_furniture
from resolution_cli.parse.source import SourceBlock, SourceDocument, SourceFootnote, Span
from resolution_cli.readers.base import DEFAULT_OPTIONS, ReadOptions

# A raised small character sits this far (points) at most above the baseline of its line.
_MAX_RAISE = 9.0
# Characters on one line may differ this much in baseline (the 20 pt symbol beside 14 pt text).
_BASELINE_TOLERANCE = 3.0
# A run of this many underscores is the footnote rule, not an underscore in the text (a URL).
_RULE_GLYPHS = 5
# What a footnote call is made of.
# Paragraph text starts left of this (the right half holds "Distr.", dates, meeting lines).
_MID_PAGE = 250.0
_MARKER_CHARS = re.compile(r"^[0-9*†‡§]$")


@dataclass(frozen=True, slots=True)
class Glyph:
    text: str
    x0: float
    x1: float
    y0: float
    size: float
    italic: bool
    bold: bool


@dataclass(slots=True)
class Line:
    glyphs: list[Glyph]
    page: int
    markers: list[Glyph] = field(default_factory=list)  # raised small characters (footnote calls)

    @property
    def y(self) -> float:
        return min(g.y0 for g in self.glyphs)

    @property
    def visible(self) -> list[Glyph]:
        return [g for g in self.glyphs if g.text.strip()]

    @property
    def text(self) -> str:
        return "".join(g.text for g in _with_spaces(sorted(self.glyphs, key=lambda g: g.x0))).strip()

    @property
    def x0(self) -> float:
        return min((g.x0 for g in self.visible), default=0.0)

    @property
    def x1(self) -> float:
        return max((g.x1 for g in self.visible), default=0.0)

    @property
    def size(self) -> float:
        sizes = Counter(round(g.size, 1) for g in self.visible)
        return sizes.most_common(1)[0][0] if sizes else 0.0

    @property
    def bold(self) -> bool:
        """Every letter bold (punctuation and footnote asterisks are often set in roman)."""
        letters = [g for g in self.visible if g.text.isalnum()]
        return bool(letters) and all(g.bold for g in letters)


def read_pdf(data: bytes, options: ReadOptions = DEFAULT_OPTIONS) -> SourceDocument:
    pages = _pages(data)
    if not any(glyphs for _, glyphs in pages):
        raise NeedsOCR(
            "the PDF has no text layer (a scanned image): run it through OCR first "
            "(e.g. `ocrmypdf in.pdf out.pdf`), then convert the result"
        )
    body_size = _body_size([glyphs for _, glyphs in pages])
    layout = _Layout(body_size)
    body_lines: list[Line] = []
    note_lines: list[Line] = []
    for number, (height, glyphs) in enumerate(pages, 1):
        lines = _lines(glyphs, number, body_size)
        body, notes = layout.split_page(lines, number, height)
        body_lines.extend(body)
        note_lines.extend(notes)
    blocks = _blocks(body_lines, layout)
    footnotes = _footnotes(note_lines, body_size)
    return SourceDocument(blocks=tuple(blocks), footnotes=tuple(footnotes), italics_known=True)


def _pages(data: bytes) -> list[tuple[float, list[Glyph]]]:
    """Every page's height and characters; damaged or non-PDF bytes become one clear error."""
    try:
        return [(page.height, list(_glyphs(page))) for page in extract_pages(io.BytesIO(data), laparams=LAParams())]
    except (PDFSyntaxError, ValueError, KeyError, TypeError, AssertionError) as error:
        raise UnreadableInput(f"the PDF cannot be read ({type(error).__name__}): is the file complete?") from None
    except Exception as error:  # pdfminer raises many private types for damaged files
        if type(error).__module__.startswith("pdfminer"):
            raise UnreadableInput(f"the PDF cannot be read ({type(error).__name__}): is the file complete?") from None
        raise


def _glyphs(container: Iterable[LTComponent]) -> Iterator[Glyph]:
    for item in container:
        if isinstance(item, LTChar):
            font = item.fontname.split("+")[-1].lower()
            if item.size < 2:
                continue  # invisible spacers (1 pt blanks between masthead lines)
            yield Glyph(
                item.get_text(),
                item.x0,
                item.x1,
                item.y0,
                item.size,
                italic="italic" in font or "oblique" in font or font.endswith("-it"),
                bold="bold" in font or font.endswith("-bd") or "black" in font,
            )
        elif isinstance(item, Iterable) and not isinstance(item, LTPage | str) or isinstance(item, LTPage):
            yield from _glyphs(item)


def _body_size(pages: list[list[Glyph]]) -> float:
    """The size most characters are set in: the body text (10 pt in modern UN documents)."""
    sizes = Counter(round(g.size, 1) for page in pages for g in page if g.text.strip())
    return sizes.most_common(1)[0][0] if sizes else 10.0


def _lines(glyphs: list[Glyph], page: int, body_size: float) -> list[Line]:
    """Characters grouped into lines by baseline, top to bottom; small raised characters (footnote
    calls) kept apart and attached to the line whose baseline is just below them."""
    small = [g for g in glyphs if g.size < body_size * 0.8 and g.text.strip() and g.text != "_"]
    regular = [g for g in glyphs if g not in set(small)] if small else glyphs
    lines = _group_by_baseline(regular, page)
    leftovers: list[Glyph] = []
    for glyph in small:
        host = _host_line(glyph, lines)
        if host is None:
            leftovers.append(glyph)
        elif _MARKER_CHARS.match(glyph.text):
            host.markers.append(glyph)
        else:
            host.glyphs.append(glyph)  # small raised letters are text ("th" of an ordinal), not calls
    lines.extend(_group_by_baseline(leftovers, page))
    return sorted(lines, key=lambda line: -line.y)


def _group_by_baseline(glyphs: list[Glyph], page: int) -> list[Line]:
    lines: list[Line] = []
    for glyph in sorted(glyphs, key=lambda g: (-round(g.y0, 1), g.x0)):
        first = lines[-1].glyphs[0] if lines else None
        # A large initial (the 20 pt "A" of a symbol) may sit a few points off its line.
        reach = max(_BASELINE_TOLERANCE, 0.35 * max(glyph.size, first.size)) if first else 0.0
        if first is not None and abs(first.y0 - glyph.y0) <= reach:
            lines[-1].glyphs.append(glyph)
        else:
            lines.append(Line([glyph], page))
    return [line for line in map(_without_stray_rule, lines) if line.text]


def _without_stray_rule(line: Line) -> Line:
    """Drops underscores from a line that has other text: the glyphs of the footnote rule are
    sometimes placed on the baseline of the line next to it (its own line keeps one of them)."""
    if all(g.text in "_ " for g in line.glyphs):
        return line
    kept = [g for g in line.glyphs if g.text != "_"]
    stray = len(line.glyphs) - len(kept)
    return Line(kept, line.page, line.markers) if stray >= _RULE_GLYPHS else line


def _host_line(glyph: Glyph, lines: list[Line]) -> Line | None:
    """The line a raised character belongs to: the nearest baseline below it, within reach,
    whose text spans the character's position (a footnote's own marker stands just left of it)."""
    covering = [line for line in lines if line.x0 - 20 <= glyph.x0 <= line.x1 + 8 and line.size > glyph.size]
    below = [line for line in covering if 0 < glyph.y0 - line.y <= _MAX_RAISE]
    if below:
        return max(below, key=lambda line: line.y)
    near = [line for line in covering if abs(glyph.y0 - line.y) <= _MAX_RAISE * 2]
    return min(near, key=lambda line: abs(glyph.y0 - line.y)) if near else None


def _with_spaces(glyphs: list[Glyph]) -> list[Glyph]:
    """Adds a space where two characters stand apart without one (justified lines)."""
    out: list[Glyph] = []
    for glyph in glyphs:
        if out and glyph.text.strip() and out[-1].text.strip() and glyph.x0 - out[-1].x1 > glyph.size * 0.3:
            out.append(Glyph(" ", out[-1].x1, glyph.x0, glyph.y0, glyph.size, out[-1].italic, out[-1].bold))
        out.append(glyph)
    return out


@dataclass(slots=True)
class _Layout:
    """Page zones learned from the page: header and footer bands, the footnote separator."""

    body_size: float
    header_band: float = 72.0  # points below the top of the page that a running header uses
    footer_band: float = 50.0  # points above the bottom of the page that footers use

    def split_page(self, lines: list[Line], page: int, height: float) -> tuple[list[Line], list[Line]]:
        """Body lines and footnote lines of one page; headers and footers dropped."""
        kept = [line for line in lines if not self._is_furniture(line, page, height)]
        separator = next((i for i, line in enumerate(kept) if _is_separator(line)), None)
        if separator is not None:
            return kept[:separator], kept[separator + 1 :]
        start = self._notes_without_separator(kept)
        return kept[:start], kept[start:]

    def _notes_without_separator(self, lines: list[Line]) -> int:
        """Where the footnotes start on a page whose rule is drawn, not typed (HRC documents):
        the first line of the run of small lines at the foot that opens with a marker."""
        start = len(lines)
        for index in range(len(lines) - 1, -1, -1):
            if lines[index].size >= self.body_size * 0.95:
                break
            if _opens_with_marker(lines[index]):
                start = index
        return start

    def _is_furniture(self, line: Line, page: int, height: float) -> bool:
        text = line.text
        if is_furniture(text):
            return True
        top = height - line.y
        small = line.size < self.body_size * 0.9
        if line.y < self.footer_band and (line.size <= 7.5 or FOOTER.match(text)):
            return True
        return page > 1 and top < self.header_band and (small or _names_symbol(text))



def _names_symbol(text: str) -> bool:
    """A running header: the symbol, alone or before or after the short title."""
    match = SYMBOL.search(text)
    return match is not None and (match.start() == 0 or match.end() == len(text))


def _is_separator(line: Line) -> bool:
    return is_footnote_rule(line.text)


def _spans(line: Line) -> list[Span]:
    """A line's text as styled spans, footnote calls placed where they stand."""
    glyphs = sorted([*line.glyphs, *line.markers], key=lambda g: g.x0)
    marker_ids = {id(g) for g in line.markers}
    spans: list[Span] = []
    for glyph in _with_spaces(glyphs):
        is_marker = id(glyph) in marker_ids
        style = (glyph.italic and bool(glyph.text.strip()), glyph.bold, is_marker)
        last = spans[-1] if spans else None
        if last is not None and (last.italic, last.bold, last.marker) == style:
            spans[-1] = Span(last.text + glyph.text, *style)
        elif last is not None and not glyph.text.strip() and not is_marker and not last.marker:
            spans[-1] = Span(last.text + glyph.text, last.italic, last.bold, False)  # spaces keep the style
        else:
            spans.append(Span(glyph.text, *style))
    return _trim_markers(spans)


def _trim_markers(spans: list[Span]) -> list[Span]:
    return [Span(s.text.strip(), marker=True) if s.marker else s for s in spans if not s.marker or s.text.strip()]


def _blocks(lines: list[Line], layout: _Layout) -> list[SourceBlock]:
    """Lines grouped into paragraph-like blocks."""
    if not lines:
        return []
    margin = _left_margin(lines, layout.body_size)
    pitch = _line_pitch(lines, layout.body_size)
    groups: list[list[Line]] = []
    for line in lines:
        if groups and not _starts_block(groups[-1], line, margin, pitch):
            groups[-1].append(line)
        else:
            groups.append([line])
    return [_block(group, margin) for group in groups]


def _left_margin(lines: list[Line], body_size: float) -> float:
    """The left edge that continuation lines of body paragraphs start at: body-size lines right
    below another line (first lines are indented), long ones first (masthead lines are short)."""
    continuations = [
        line
        for above, line in zip(lines, lines[1:], strict=False)
        if above.page == line.page
        and 0 < above.y - line.y < body_size * 1.6
        and abs(line.size - body_size) < 0.6
        and not line.bold
        and line.x0 < _MID_PAGE
    ]
    for candidates in (
        [line for line in continuations if len(line.text) >= 40],
        continuations,
        [line for line in lines if abs(line.size - body_size) < 0.6 and line.x0 < _MID_PAGE],
    ):
        edges = Counter(round(line.x0) for line in candidates)
        if edges:
            # On a tie the rightmost edge wins: the masthead sits left of the body text.
            return float(max(edges, key=lambda edge: (edges[edge], edge)))
    return 0.0


def _line_pitch(lines: list[Line], body_size: float) -> float:
    """The distance between baselines inside a paragraph: the most common small gap."""
    gaps = Counter(
        round(a.y - b.y)
        for a, b in zip(lines, lines[1:], strict=False)
        if a.page == b.page and body_size * 0.9 <= a.y - b.y <= body_size * 1.6 and abs(a.size - body_size) < 0.6
    )
    return float(gaps.most_common(1)[0][0]) if gaps else body_size * 1.2


def _starts_block(group: list[Line], line: Line, margin: float, pitch: float) -> bool:
    """Whether `line` opens a new block rather than continuing `group`, the block above it.

    UN documents put extra space between paragraphs, so on one page a gap decides; across a page
    break the line continues the block when it starts where the block's own continuation lines
    start (the margin, or the indent of an indented item) and is not numbered.
    """
    previous = group[-1]
    if previous.bold != line.bold or abs(previous.size - line.size) > 0.6:
        return True
    continuation_x = group[1].x0 if len(group) > 1 else margin
    numbered = bool(NUMBERED_LINE.match(line.text))
    if line.page != previous.page:
        return numbered or previous.bold or line.x0 > continuation_x + 6
    if previous.y - line.y > pitch * 1.3 or line.x0 > max(continuation_x + 60, _MID_PAGE):
        return True  # extra space, or a line set far right (the meeting and date that close)
    if previous.bold:
        return numbered  # a title or heading wrapped over lines, whatever their indents
    return numbered and line.x0 > continuation_x + 6 and len(group) > 1


def _block(group: list[Line], margin: float) -> SourceBlock:
    spans: list[Span] = []
    for line in group:
        line_spans = _spans(line)
        if spans and line_spans:
            spans = _join_lines(spans, line_spans)
        else:
            spans.extend(line_spans)
    first = group[0]
    width_left = first.x0 - margin
    return SourceBlock(
        spans=tuple(spans),
        bold=all(line.bold for line in group),
        size=first.size,
        centred=len(group) == 1 and width_left > 30,
        page=first.page,
        indent=width_left,
    )


def _join_lines(spans: list[Span], following: list[Span]) -> list[Span]:
    """Joins the next line's spans: a space between lines, none after a hyphen ending a line."""
    last_text = next((s for s in reversed(spans) if not s.marker), None)
    if last_text is not None and re.search(r"[A-Za-z]-\s*$", last_text.text):
        index = spans.index(last_text)
        spans[index] = Span(last_text.text.rstrip(), last_text.italic, last_text.bold)
        return [*spans, *following]
    return [*spans, Span(" "), *following]


def _footnotes(lines: list[Line], body_size: float) -> list[SourceFootnote]:
    """Footnotes from the lines below the separators: a line that opens with a marker (a small
    character at its start) opens a footnote; other lines continue the last one, across pages."""
    notes: list[tuple[str, list[Span]]] = []
    for line in lines:
        marker, spans = _split_marker(line)
        if marker:
            notes.append((marker, spans))
        elif notes:
            notes[-1] = (notes[-1][0], _join_lines(notes[-1][1], spans))
    return [SourceFootnote(marker, tuple(spans)) for marker, spans in notes]


def _opens_with_marker(line: Line) -> bool:
    """A footnote's first line: it opens with a small digit, or with an asterisk of any size."""
    glyphs = sorted((g for g in [*line.glyphs, *line.markers] if g.text.strip()), key=lambda g: g.x0)
    if not glyphs or not _MARKER_CHARS.match(glyphs[0].text):
        return False
    return glyphs[0].text == "*" or glyphs[0].size < line.size * 0.8


def _split_marker(line: Line) -> tuple[str, list[Span]]:
    """The footnote marker that opens `line` (its small leading characters), and the rest."""
    glyphs = sorted([*line.glyphs, *line.markers], key=lambda g: g.x0)
    visible = [g for g in glyphs if g.text.strip()]
    if not visible:
        return "", []
    text_size = max(g.size for g in visible)
    marker = ""
    for glyph in visible:
        if glyph.size < text_size * 0.8:
            marker += glyph.text
        else:
            break
    if not marker and visible[0].text == "*":  # "* Reissued for technical reasons ...": full-size stars
        stars = [g for g in visible if g.text == "*" and g.x0 < visible[0].x0 + 8]
        rest = Line([g for g in line.glyphs if g not in stars], line.page)
        return "*" * len(stars), _spans(rest)
    if not marker:
        return "", _spans(line)
    rest = Line([g for g in line.glyphs if g.size >= text_size * 0.8], line.page)
    return marker.strip(), _spans(rest)
