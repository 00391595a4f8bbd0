"""The stages every engine shares: characters -> lines -> page zones -> blocks and footnotes.

Lines are grouped by baseline (raised markers attached to the line below them); page zones
(running header, body, footnotes, footer) come from the body size and the footnote rule; blocks
from vertical gaps and first-line indents, re-joined across pages. Everything is learned from
the document (body size, the margin of continuation lines, the line pitch), not hard-coded.

Cost is linear in the characters: each line's facts (baseline, edges, size, boldness, text)
are computed once, and the search for the line a raised character belongs to looks only at the
lines within reach of it (an index by baseline), not at every line of the page.
"""

from __future__ import annotations

import bisect
import re
from array import array
from collections import Counter
from collections.abc import Iterable, Sequence
from operator import attrgetter

from resolution_cli.forms import FOOTER, NUMBERED_LINE, SYMBOL, is_footnote_rule, is_furniture
from resolution_cli.parse.source import SourceBlock, SourceFootnote, Span
from resolution_cli.readers.pdf.glyphs import Glyph, Page

# A raised small character sits this far (points) at most above the baseline of its line.
_MAX_RAISE = 9.0
# Characters on one line may differ this much in baseline (the 20 pt symbol beside 14 pt text).
_BASELINE_TOLERANCE = 3.0
# A run of this many underscores is the footnote rule, not an underscore in the text (a URL).
_RULE_GLYPHS = 5
# Paragraph text starts left of this (the right half holds "Distr.", dates, meeting lines).
_MID_PAGE = 250.0
# What a footnote call is made of: these characters, raised at least this much (of the size of its
# line) above the line's baseline (the corpus's calls sit 0.4-0.5 of it up; a small character on
# the baseline sits at most 0.22 of it up, the font's descent), in a run of at most this many.
_MARKER_CHARS = re.compile(r"^[0-9*†‡§]$")
_CALL_RAISE = 0.3
_MAX_CALL = 4
_HYPHEN_AT_END = re.compile(r"[A-Za-z]-\s*$")


# The facts of a glyph, read in C by `map`, `min` and `sorted` (a Python function or lambda per
# glyph costs more than the comparison it feeds).
_X0, _X1, _Y0 = attrgetter("x0"), attrgetter("x1"), attrgetter("y0")
_SIZE, _BOLD, _TEXT = attrgetter("size"), attrgetter("bold"), attrgetter("text")


class Line:
    """Characters on one baseline. Its facts are computed once, on first use, and again only
    when a character joins it (a small raised letter attached after grouping)."""

    __slots__ = ("_bold", "_size", "_sorted", "_spans", "_text", "_x0", "_x1", "_y", "glyphs", "markers", "page")

    def __init__(self, glyphs: list[Glyph], page: int, markers: list[Glyph] | None = None) -> None:
        self.glyphs = glyphs
        self.page = page
        self.markers: list[Glyph] = markers if markers is not None else []  # raised small characters (calls)
        self._y: float | None = None
        self._text: str | None = None
        self._x0 = self._x1 = self._size = 0.0
        self._bold = False
        self._sorted: list[Glyph] = []
        self._spans: list[Span] | None = None  # once settled

    def add(self, glyph: Glyph) -> None:
        self.glyphs.append(glyph)
        self._y = self._text = None

    def _compute(self) -> None:
        glyphs = self.glyphs
        visible = [g for g in glyphs if g.text.strip()]
        # The baseline of what shows: an engine may drop a space character (PDFium drops the
        # second of two), and a space in another font sits lower or higher.
        self._y = min(map(_Y0, visible or glyphs))
        if visible:
            self._x0 = min(map(_X0, visible))
            self._x1 = max(map(_X1, visible))
        else:
            self._x0 = self._x1 = 0.0
        self._size = most_common_size(list(map(_SIZE, visible))) if visible else 0.0
        # Every letter bold (punctuation and footnote asterisks are often set in roman).
        letters = [g for g in visible if g.text.isalnum()]
        self._bold = bool(letters) and all(map(_BOLD, letters))
        self._sorted = sorted(glyphs, key=_X0)
        self._text = _text(self._sorted)

    def settle(self) -> None:
        """Computes its facts and its spans (`line_spans`) and lets go of its characters: a line
        of a page already laid out holds only what the blocks are made from (a document's
        characters are never all held at once)."""
        self._spans = line_spans(self)
        self.glyphs, self.markers, self._sorted = [], [], []

    def ordered(self) -> list[Glyph]:
        """Its characters and its calls left to right (a stable sort by `x0`: the characters
        before the calls where they start at one point). Not to be changed by the caller."""
        if self._text is None:
            if not self.glyphs:  # calls alone (a table cell's share of a line): no facts to compute
                return sorted(self.markers, key=_X0)
            self._compute()
        if not self.markers:
            return self._sorted
        # Stable: sorting the sorted characters with the calls orders them as sorting both would.
        return sorted([*self._sorted, *self.markers], key=_X0)

    @property
    def y(self) -> float:
        if self._y is None:
            self._compute()
        return self._y  # type: ignore[return-value]

    @property
    def text(self) -> str:
        if self._text is None:
            self._compute()
        return self._text  # type: ignore[return-value]

    @property
    def x0(self) -> float:
        if self._text is None:
            self._compute()
        return self._x0

    @property
    def x1(self) -> float:
        if self._text is None:
            self._compute()
        return self._x1

    @property
    def size(self) -> float:
        if self._text is None:
            self._compute()
        return self._size

    @property
    def bold(self) -> bool:
        if self._text is None:
            self._compute()
        return self._bold


def most_common(values: Iterable[float]) -> float:
    """The value seen most often; on a tie the one seen first (as `Counter.most_common`)."""
    counts: dict[float, int] = {}
    for value in values:
        counts[value] = counts.get(value, 0) + 1
    best, best_count = 0.0, 0
    for value, count in counts.items():
        if count > best_count:
            best, best_count = value, count
    return best


def most_common_size(sizes: Sequence[float]) -> float:
    """`most_common` of the sizes rounded to 0.1 pt: each distinct size rounded once (a document
    has a few dozen, and a million characters), the counts added in the order each rounded
    size is first seen, so that a tie goes where it did."""
    counts = Counter(sizes)
    if any(size != size for size in counts):  # NaN: each one rounded is a value of its own
        return most_common(round(size, 1) for size in sizes)
    return most_common_counted(_rounded(counts))


def _rounded(counts: Counter[float]) -> dict[float, int]:
    """Counts of sizes as counts of the sizes rounded to 0.1 pt, in the order first seen."""
    rounded: dict[float, int] = {}
    for size, count in counts.items():
        key = round(size, 1)
        rounded[key] = rounded.get(key, 0) + count
    return rounded


def most_common_counted(counts: dict[float, int]) -> float:
    """The value counted most often; on a tie the one counted first."""
    best, best_count = 0.0, 0
    for value, count in counts.items():
        if count > best_count:
            best, best_count = value, count
    return best


def _text(glyphs: list[Glyph]) -> str:
    """The text of characters in reading order, a space added where two stand apart without one
    (justified lines)."""
    parts: list[str] = []
    last_x1 = 0.0
    last_visible = False  # whether the character before was visible (at `last_x1`)
    spaced = False  # whether the last part is a space
    for glyph in word_spaces(glyphs):
        text = glyph.text
        if text.strip():
            if last_visible and glyph.x0 - last_x1 > glyph.size * 0.3:
                parts.append(" ")
            parts.append(text)
            last_visible, spaced = True, False
        else:
            if text != " " or not spaced:  # one space for a run (engines differ)
                parts.append(text)
                spaced = text == " "
            last_visible = False
        last_x1 = glyph.x1
    return "".join(parts).strip()


# A blank between two characters is a word space only where it stands in the gap between them:
# it starts past the middle of the character before it (a blank of a neighbouring line, the
# spacer under a title, can sort into a word: "R esolution"). After a hyphen or a dash, the
# next character must also start past the blank's middle: there the line takes back the blank
# of a line-break opportunity, and the two touch ("well- being", "3– 14": over the corpus the
# next character starts at most 0.38 of the blank's width into it; a kerned word space, "l A",
# leaves 0.64 of it at the least). Elsewhere a blank taken back is a tab that ends just where
# the text starts ("(mm) Designing"). Measured on the blank's own box and the characters'
# origins, which both engines give alike (PDFium's box of a visible character is wider than
# its advance).
_BLANK_SHARE = 0.5
_DASHES = frozenset("-–—")


def word_spaces(glyphs: list[Glyph]) -> list[Glyph]:
    """Characters in reading order without the blanks that do not stand between the characters
    around them: word spaces come from the gaps between characters, not from whatever blanks
    lie there."""
    kept: list[Glyph] = []
    blanks: list[Glyph] = []  # the blanks since the last visible character
    last: Glyph | None = None
    for glyph in glyphs:
        if not glyph.text.strip():
            blanks.append(glyph)
            continue
        if blanks and (last is None or _in_gap(blanks[0], last, glyph)):
            kept.extend(blanks)
        blanks = []
        kept.append(glyph)
        last = glyph
    kept.extend(blanks)
    return kept


def _in_gap(blank: Glyph, before: Glyph, after: Glyph) -> bool:
    if blank.x0 < (before.x0 + before.x1) / 2:
        return False
    return before.text not in _DASHES or after.x0 - blank.x0 >= (blank.x1 - blank.x0) * _BLANK_SHARE


def body_size(pages: Sequence[Page]) -> float:
    """The size most characters are set in: the body text (10 pt in modern UN documents)."""
    sizes = [g.size for page in pages for g in page.glyphs if g.text.strip()]
    return most_common_size(sizes) if sizes else 10.0


class BodySize:
    """`body_size` learned page by page, so that each page is laid out as it is read and its
    characters let go: a page is laid out with the body size of the pages so far, and the
    document is good when every page with text was laid out with the body size of the whole
    (`consistent`; one PDF of the corpus's 479 changes its mind after its first page: it is laid
    out again with `BodySize(final)`). Given `known`, every page is laid out with it."""

    __slots__ = ("_counts", "_known", "_sizes", "_used")

    def __init__(self, known: float | None = None) -> None:
        self._known = known
        self._sizes = array("d")  # every visible character's size, in order (for `final`, 8 bytes each)
        self._counts: Counter[float] = Counter()  # the same, counted (for the size of the pages so far)
        self._used: set[float] = set()  # the sizes pages with text were laid out with

    def page(self, glyphs: list[Glyph]) -> float:
        """The body size to lay out the next page with, its characters counted."""
        sizes = [g.size for g in glyphs if g.text.strip()]
        self._sizes.extend(sizes)
        if self._known is not None:
            return self._known
        self._counts.update(sizes)
        if not self._counts:
            return 10.0
        if any(size != size for size in self._counts):  # NaN: only `final` counts them as `body_size` does
            self._used.add(float("nan"))
            return 10.0
        size = most_common_counted(_rounded(self._counts))
        if sizes:  # a page without visible characters has no lines, whatever the size
            self._used.add(size)
        return size

    def final(self) -> float:
        """`body_size` of all the pages counted."""
        return most_common_size(self._sizes) if self._sizes else 10.0

    def consistent(self) -> bool:
        """Whether every page with text was laid out with the final body size."""
        return self._known is not None or self._used <= {self.final()}


def page_lines(glyphs: list[Glyph], page: int, size: float) -> list[Line]:
    """Characters grouped into lines by baseline, top to bottom; small raised characters (footnote
    calls) kept apart and attached to the line whose baseline is just below them."""
    limit = size * 0.8
    small: list[Glyph] = []
    regular: list[Glyph] = []
    small_blanks: list[Glyph] = []
    spaces: dict[int, list[Glyph]] = {}  # the spaces drawn right after a small character, by it
    last_small: Glyph | None = None
    for glyph in glyphs:
        if glyph.size < limit and glyph.text != "_":
            if glyph.text.strip():
                small.append(glyph)
                last_small = glyph
                continue
            small_blanks.append(glyph)
        if last_small is not None:
            if _follows(glyph, last_small, limit):
                spaces.setdefault(id(last_small), []).append(glyph)
            else:
                last_small = None
        regular.append(glyph)
    lines = group_by_baseline(regular, page)
    leftovers: list[Glyph] = []
    if small or small_blanks:
        hosts = _HostIndex(lines)
        for glyph in small:
            host = hosts.find(glyph)
            if host is None:
                # A line of small text of its own (a table's 7 pt header, a footnote's first line
                # set smaller than the rest): its word spaces go with it, out of whatever line
                # they were grouped into by baseline.
                leftovers.append(glyph)
                leftovers.extend(spaces.get(id(glyph), ()))
            elif _is_call(glyph, host):
                host.markers.append(glyph)
            else:
                hosts.add(host, glyph)  # small raised letters are text ("th" of an ordinal), not calls
        for blank in _lost_blanks(small_blanks, lines, leftovers):
            if (host := hosts.find(blank)) is not None:
                hosts.add(host, blank)
        for line in lines:
            _long_runs_to_text(line)
        moved = {id(g) for g in leftovers if not g.text.strip()}
        if moved:
            lines = [line for line in (_without(line, moved) for line in lines) if line.text]
    lines.extend(_small_lines(leftovers, page))
    return sorted(lines, key=lambda line: -line.y)


def _lost_blanks(blanks: list[Glyph], lines: list[Line], leftovers: list[Glyph]) -> list[Glyph]:
    """The small blanks that made no line of their own text: a space in a call's font, raised
    with it, after the call ("2011,7 and") or where a call was taken out ("76/238, subject"), too
    far above the baseline to join the line it belongs to. `page_lines` gives each to the line
    below it, as it does the call."""
    if not blanks:
        return []
    placed = {id(g) for line in lines for g in line.glyphs}
    placed.update(map(id, leftovers))
    return [blank for blank in blanks if id(blank) not in placed]


def _is_call(glyph: Glyph, host: Line) -> bool:
    """A footnote call: a call's character, raised above its line's baseline (not a small digit
    on it)."""
    return bool(_MARKER_CHARS.match(glyph.text)) and glyph.y0 - host.y >= host.size * _CALL_RAISE


def _long_runs_to_text(line: Line) -> None:
    """A run of more raised characters than a call has (a superscript number) is text of its line."""
    if len(line.markers) <= _MAX_CALL:
        return
    runs: list[list[Glyph]] = []
    for glyph in sorted(line.markers, key=_X0):
        if runs and glyph.x0 - runs[-1][-1].x1 <= glyph.size * 0.3:
            runs[-1].append(glyph)
        else:
            runs.append([glyph])
    long = [glyph for run in runs if len(run) > _MAX_CALL for glyph in run]
    if long:
        line.markers = [glyph for glyph in line.markers if glyph not in long]
        for glyph in long:
            line.add(glyph)


def _small_lines(glyphs: list[Glyph], page: int) -> list[Line]:
    """Lines of small characters with no line of the page's text to join: grouped by baseline,
    and a short run of call characters raised over one of them (the call that opens a footnote
    set small) made that line's call."""
    lines = group_by_baseline(glyphs, page)
    calls = [line for line in lines if _is_call_run(line)]
    if not calls:
        return lines
    hosts = _HostIndex([line for line in lines if not _is_call_run(line)])
    kept = [line for line in lines if not _is_call_run(line)]
    for call in calls:
        visible = [g for g in call.glyphs if g.text.strip()]
        host = hosts.find(visible[0])
        if host is not None and all(_is_call(g, host) for g in visible):
            host.markers.extend(visible)
        else:
            kept.append(call)
    return kept


def _is_call_run(line: Line) -> bool:
    visible = [g for g in line.glyphs if g.text.strip()]
    return 0 < len(visible) <= _MAX_CALL and all(_MARKER_CHARS.match(g.text) for g in visible)


def _without(line: Line, glyph_ids: set[int]) -> Line:
    """`line` without the given glyphs (it is itself when it holds none of them)."""
    if not any(id(g) in glyph_ids for g in line.glyphs):
        return line
    return Line([g for g in line.glyphs if id(g) not in glyph_ids], line.page, line.markers)


def _follows(glyph: Glyph, small: Glyph, limit: float) -> bool:
    """Whether `glyph` is a space of the small text just drawn before it (same size, baseline)."""
    return (
        not glyph.text.strip()
        and glyph.size < limit
        and abs(glyph.y0 - small.y0) <= 1.0
        and abs(glyph.size - small.size) <= 0.5
    )


def group_by_baseline(glyphs: list[Glyph], page: int) -> list[Line]:
    groups: list[list[Glyph]] = []
    group: list[Glyph] = []
    first_y0 = first_size = 0.0  # of the first character of `group`
    for glyph in _top_down(glyphs):
        # A large initial (the 20 pt "A" of a symbol) may sit a few points off its line: the reach
        # is max(_BASELINE_TOLERANCE, 0.35 * the larger size), and never less than the tolerance.
        offset = abs(first_y0 - glyph.y0)
        if groups and (offset <= _BASELINE_TOLERANCE or offset <= _reach(glyph.size, first_size)):
            group.append(glyph)
        else:
            group = [glyph]
            groups.append(group)
            first_y0, first_size = glyph.y0, glyph.size
    lines = [_without_stray_rule(Line(group, page)) for group in groups]
    return [line for line in lines if line.text]


def _reach(size: float, first_size: float) -> float:
    return max(_BASELINE_TOLERANCE, 0.35 * max(size, first_size))


def _top_down(glyphs: list[Glyph]) -> list[Glyph]:
    """The characters by baseline (rounded to 0.1 pt) from the top, then from the left: sorted by
    (-round(y0, 1), x0), each distinct baseline rounded once (a page has ~60 of them)."""
    baselines = set(map(_Y0, glyphs))
    if any(y0 != y0 for y0 in baselines):  # NaN: each rounded on its own, as a key per character makes it
        return sorted(glyphs, key=lambda g: (-round(g.y0, 1), g.x0))
    rounded = {y0: -round(y0, 1) for y0 in baselines}
    return sorted(glyphs, key=lambda g: (rounded[g.y0], g.x0))


def _without_stray_rule(line: Line) -> Line:
    """Drops underscores from a line that has other text: the glyphs of the footnote rule are
    sometimes placed on the baseline of the line next to it (its own line keeps one of them)."""
    if "".join(map(_TEXT, line.glyphs)).count("_") < _RULE_GLYPHS or all(g.text in "_ " for g in line.glyphs):
        return line
    kept = [g for g in line.glyphs if g.text != "_"]
    stray = len(line.glyphs) - len(kept)
    return Line(kept, line.page, line.markers) if stray >= _RULE_GLYPHS else line


class _HostIndex:
    """Lines by baseline, to find the line a raised character belongs to among the few lines
    within reach of it; ties go to the earlier line, as in a scan of all lines in order."""

    def __init__(self, lines: list[Line]) -> None:
        self._lines = lines
        self._order = {id(line): index for index, line in enumerate(lines)}
        self._reindex()

    def _reindex(self) -> None:
        self._by_y = sorted(self._lines, key=lambda line: line.y)
        self._ys = [line.y for line in self._by_y]

    def add(self, line: Line, glyph: Glyph) -> None:
        before = line.y
        line.add(glyph)
        if line.y != before:
            self._reindex()

    def find(self, glyph: Glyph) -> Line | None:
        """The nearest baseline below the character, within reach, whose text spans its
        position (a footnote's own marker stands just left of it) and reaches up past the
        character's middle: a small character above a line's top is on a line of its own."""
        start = bisect.bisect_left(self._ys, glyph.y0 - _MAX_RAISE)
        end = bisect.bisect_right(self._ys, glyph.y0)
        window = sorted(self._by_y[start:end], key=lambda line: self._order[id(line)])
        middle = glyph.y0 + glyph.size / 2
        below = [
            line
            for line in window
            if line.x0 - 20 <= glyph.x0 <= line.x1 + 8
            and line.size > glyph.size
            and 0 < glyph.y0 - line.y <= _MAX_RAISE
            and middle <= line.y + line.size
        ]
        return max(below, key=lambda line: line.y) if below else None


class Layout:
    """Page zones learned from the page: header and footer bands, the footnote separator."""

    __slots__ = ("body_size", "footer_band", "header_band")

    def __init__(self, body_size: float) -> None:
        self.body_size = body_size
        self.header_band = 72.0  # points below the top of the page that a running header uses
        self.footer_band = 50.0  # points above the bottom of the page that footers use

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


def line_spans(line: Line) -> list[Span]:
    """A line's text as styled spans, footnote calls placed where they stand. A run of characters
    of one style is one span; a space keeps the style of the span it follows (not after a call);
    a space is added where two characters stand apart without one, as in `_text`."""
    if line._spans is not None:
        return list(line._spans)
    marker_ids = {id(g) for g in line.markers}
    runs: list[tuple[_Style, list[str]]] = []
    style: _Style = (False, False, False)
    texts: list[str] = []  # the texts of the last run, of `style`
    last_x1 = 0.0
    last_bold = last_visible = False  # of the character before (at `last_x1`)
    for glyph in word_spaces(line.ordered()):
        text = glyph.text
        visible = bool(text.strip())
        if visible and last_visible and glyph.x0 - last_x1 > glyph.size * 0.3:
            # A space added: with the run before it unless that is a call.
            if runs and not style[2]:
                texts.append(" ")
            else:
                style, texts = (False, last_bold, False), [" "]
                runs.append((style, texts))
        is_marker = bool(marker_ids) and id(glyph) in marker_ids
        bold = glyph.bold
        glyph_style = (glyph.italic and visible, bold, is_marker)
        # A blank goes with the run before it, whatever its style, unless one of them is a call.
        if runs and (style == glyph_style or (not visible and not is_marker and not style[2])):
            texts.append(text)
        else:
            style, texts = glyph_style, [text]
            runs.append((style, texts))
        last_x1, last_bold, last_visible = glyph.x1, bold, visible
    return _trim_markers([Span("".join(texts), *style) for style, texts in runs])


_Style = tuple[bool, bool, bool]  # italic, bold, footnote call


def _trim_markers(spans: list[Span]) -> list[Span]:
    return [Span(s.text.strip(), marker=True) if s.marker else s for s in spans if not s.marker or s.text.strip()]


def blocks(items: Sequence[Line | SourceBlock], layout: Layout) -> list[SourceBlock]:
    """Lines grouped into paragraph-like blocks; a block among them (a table the page's columns
    made) stands as it is and ends the block before it."""
    lines = [item for item in items if isinstance(item, Line)]
    if not lines:
        return [item for item in items if isinstance(item, SourceBlock)]
    margin = _left_margin(lines, layout.body_size)
    pitch = _line_pitch(lines, layout.body_size)
    groups: list[list[Line] | SourceBlock] = []
    for item in items:
        last = groups[-1] if groups else None
        if isinstance(item, Line) and isinstance(last, list) and not _starts_block(last, item, margin, pitch):
            last.append(item)
        else:
            groups.append([item] if isinstance(item, Line) else item)
    return [group if isinstance(group, SourceBlock) else _block(group, margin) for group in groups]


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
    if previous.bold and _goes_on(previous) and previous.y - line.y <= pitch * _TITLE_GAP:
        return numbered  # a bold title wrapped at "...;" or "...," goes on, whatever the gap
    if previous.y - line.y > pitch * 1.3 or line.x0 > max(continuation_x + 60, _MID_PAGE):
        return True  # extra space, or a line set far right (the meeting and date that close)
    if previous.bold:
        return numbered  # a title or heading wrapped over lines, whatever their indents
    return numbered and line.x0 > continuation_x + 6 and len(group) > 1


# A bold title's line that ends mid-sentence goes on across a gap of up to this many line pitches.
_TITLE_GAP = 2.5
_GOES_ON = re.compile(r"[;,]$")


def _goes_on(line: Line) -> bool:
    """A line that ends mid-sentence (";" or ","): the next line of its size and weight continues it."""
    return bool(_GOES_ON.search(line.text))


def _block(group: list[Line], margin: float) -> SourceBlock:
    spans: list[Span] = []
    for line in group:
        more = line_spans(line)
        if spans and more:
            spans = join_lines(spans, more)
        else:
            spans.extend(more)
    first = group[0]
    width_left = first.x0 - margin
    return SourceBlock(
        spans=normal_spans(spans),
        bold=all(line.bold for line in group),
        size=first.size,
        centred=len(group) == 1 and width_left > 30,
        page=first.page,
        indent=width_left,
    )


def join_lines(spans: list[Span], following: list[Span]) -> list[Span]:
    """Joins the next line's spans: a space between lines, none after a hyphen ending a line."""
    last_text = next((s for s in reversed(spans) if not s.marker), None)
    if last_text is not None and _HYPHEN_AT_END.search(last_text.text):
        index = spans.index(last_text)
        spans[index] = Span(last_text.text.rstrip(), last_text.italic, last_text.bold)
        return [*spans, *following]
    spans.append(Span(" "))
    spans.extend(following)
    return spans


def note_parts(lines: list[Line]) -> list[tuple[str, list[Span]]]:
    """Each line below a page's separator as the marker it opens with ("" for none) and its
    spans: what `footnotes` joins, across pages."""
    return [_split_marker(line) for line in lines]


def footnotes(parts: list[tuple[str, list[Span]]]) -> list[SourceFootnote]:
    """Footnotes from the lines below the separators (`note_parts`): a line that opens with a
    marker (a small character at its start) opens a footnote; other lines continue the last one,
    across pages."""
    notes: list[tuple[str, list[Span]]] = []
    for marker, spans in parts:
        if marker:
            notes.append((marker, spans))
        elif notes:
            notes[-1] = (notes[-1][0], join_lines(notes[-1][1], spans))
    return [SourceFootnote(marker, normal_spans(spans)) for marker, spans in notes]


_WHITESPACE = re.compile(r"\s+")


def normal_spans(spans: list[Span]) -> tuple[Span, ...]:
    """Spans with their whitespace in one form: a run of it (within or across spans, footnote calls
    aside) is one space, none at either end, and a space between two spans belongs to the span
    before it. Engines disagree on spaces (PDFium drops the second of two and those that open or
    close a line); what the text says does not change."""
    out: list[Span] = []
    after_space = True  # the start counts as a space: leading whitespace goes
    for span in spans:
        if span.marker:
            out.append(span)
            continue
        text = _WHITESPACE.sub(" ", span.text)
        if after_space and text.startswith(" "):
            text = text[1:]
        if text == " " and out and not out[-1].marker:  # a space alone joins the span before it
            out[-1] = Span(out[-1].text + text, out[-1].italic, out[-1].bold)
            after_space = True
        elif text:
            out.append(Span(text, span.italic, span.bold))
            after_space = text.endswith(" ")
    for index in range(len(out) - 1, -1, -1):
        span = out[index]
        if span.marker:
            continue
        text = span.text.rstrip(" ")
        if text:
            out[index] = Span(text, span.italic, span.bold)
            break
        del out[index]
    return tuple(out)


def _opens_with_marker(line: Line) -> bool:
    """A footnote's first line: it opens with a small digit, or with an asterisk of any size."""
    glyphs = [g for g in line.ordered() if g.text.strip()]
    if not glyphs or not _MARKER_CHARS.match(glyphs[0].text):
        return False
    return glyphs[0].text == "*" or glyphs[0].size < line.size * 0.8


def _split_marker(line: Line) -> tuple[str, list[Span]]:
    """The footnote marker that opens `line` (its small leading characters), and the rest."""
    glyphs = line.ordered()
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
        return "*" * len(stars), line_spans(rest)
    if not marker:
        return "", line_spans(line)
    rest = Line([g for g in line.glyphs if g.size >= text_size * 0.8], line.page)
    return marker.strip(), line_spans(rest)
