"""Reads text extracted from a UN PDF (by any extractor) into a `SourceDocument`.

Extracted text interleaves page furniture and footnote blocks with the running text wherever the
page breaks fell. This reader drops the furniture, lifts the footnotes out, re-joins paragraphs
that a page break split, and turns superscript markers (and plain digits glued to a word) into
footnote calls. Italics are lost in extraction; `*word*` emphasis, where an extractor kept it,
is read as italic.
"""

from __future__ import annotations

import re

from resolution_cli.errors import UnreadableInput
from resolution_cli.forms import (
    BARE_NUMBER,
    FURNITURE,
    HEADING_LINE,
    NUMBERED_LINE,
    SYMBOL,
    is_footnote_rule,
    is_furniture,
)
from resolution_cli.lazy import LazyPattern
from resolution_cli.parse.masthead import NUMBERED_TITLE
from resolution_cli.parse.source import SourceBlock, SourceDocument, SourceFootnote, Span
from resolution_cli.parse.vocabulary import FORMULA, find_lead
from resolution_cli.readers.base import DEFAULT_OPTIONS, ReadOptions, wide_encoding

_SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_SUPER_TO_DIGIT = str.maketrans(_SUPERSCRIPTS, "0123456789")
# One of `_SUPERSCRIPTS`: of the ranges ²-¹ and ⁰-⁹, all but the signs between. (Not a class of the
# ten: `re` builds a table of 64 KB for a class of more than two runs beyond Latin-1, 0.35 ms in
# every process; these two classes have two runs each.)
_SUPERSCRIPT = r"(?![\xb4-\xb8\u2071-\u2073])[\xb2-\xb9\u2070-\u2079]"
_SUPER_FOOTNOTE = re.compile(rf"^(?P<marker>(?:{_SUPERSCRIPT})+|\*+)\s*(?P<text>\S.*)$", re.S)
_PLAIN_FOOTNOTE = re.compile(r"^(?P<marker>\d{1,3})\s+(?P<text>[A-Z\"“‘(].*)$", re.S)
# The 1990s style: "1/ S/24476, annex." under the text, called as "Declaration 1/ signed".
_SLASH_FOOTNOTE = re.compile(r"^(?P<marker>\d{1,3})/\s+(?P<text>\S.*)$", re.S)
_BULLET = re.compile(rf"^[-•–]\s+(?={NUMBERED_LINE.pattern[1:]})")  # "- 1. ...": a bullet before a number
_EMPHASIS = re.compile(r"\*(?P<italic>[^*\n]+)\*")
_STOPS = (".", ";", ":", ",", "!", "?")  # what ends a paragraph, before closing quotes and brackets
_CLOSERS = "'’\"”)"
_NUMBERED_LINE = re.compile(rf"^(?:[-•–]\s+)?{NUMBERED_LINE.pattern[1:]}")
_DATE_LIKE = re.compile(r"^\d{1,2} [A-Z][a-z]+ \d{4}")
# "Annex", "Annex II", "Appendix A" alone on a line: an annex starts, whatever follows.
_ANNEX_LINE = re.compile(r"^(?:Annex|Appendix|ANNEX|APPENDIX)(?: (?:[IVXLC]+|[A-Z]|\d+))?\.?$")
# The end of a recital ("... of Ruritania," or, with its footnote call, "... of Ruritania, 35").
_ENDS_RECITAL = re.compile(r"[,;](?:\s+\d{1,3})?$")
# A footnote number set off by a space after the comma that ends a recital: "... of Morocco, 15".
_SPACED_CALL = re.compile(r"(?<=[,;:.])\s+(?P<marker>\d{1,3})$")
_STANDS_ALONE = re.compile(f"{FORMULA.pattern}|{_ANNEX_LINE.pattern}")  # the formula, an annex heading
_SMALL_WORD_END = re.compile(r"\b[a-z]{2,4}$")  # "on", "from": a date or number may follow
# What opens a chunk of its own whatever came before it (`_starts_chunk`): a numbered line, the
# formula, an annex heading, a 1990s footnote ("1/ S/24476"); in one pattern, tried once per line.
# (A line holds no line feed: `_SLASH_FOOTNOTE`'s `.*$` reaches its end without re.S.)
_OPENS_CHUNK = re.compile(f"{_NUMBERED_LINE.pattern}|{FORMULA.pattern}|{_ANNEX_LINE.pattern}|{_SLASH_FOOTNOTE.pattern}")


def read_text(data: bytes, options: ReadOptions = DEFAULT_OPTIONS) -> SourceDocument:
    text = _decode(data)
    chunks = _chunks(text)
    symbol = _first_symbol([chunk for _, chunk in chunks])
    content: list[_Chunk] = []
    footnotes: list[tuple[str, _Chunk]] = []
    seen_formula = False
    symbol_seen = False
    masthead: set[str] = set()
    body_start = 0
    for line, chunk in chunks:
        # A footnote rule (a chunk is stripped) opens with an underscore: no other chunk is tried as one.
        if is_furniture(chunk, symbol, first=not symbol_seen) or chunk[0] == "_" and is_footnote_rule(chunk):
            continue
        if seen_formula and chunk in masthead and not _ends_paragraph(chunk):
            continue  # a running header repeating the short title
        symbol_seen = symbol_seen or bool(symbol) and symbol in chunk
        note = _footnote(chunk, allow_plain=seen_formula)
        if note:
            footnotes.append((note[0], (line, note[1])))
            continue
        content.append((line, _BULLET.sub("", chunk)))
        if not seen_formula:
            masthead.add(chunk)
            if title := NUMBERED_TITLE.match(chunk):
                masthead.add(title["title"])  # the short title that running headers repeat
            seen_formula = bool(FORMULA.match(chunk))
            body_start = len(content)
    markers = {m for m, _ in footnotes}
    body = _rejoin(content[body_start:], after_formula=True)
    markers |= _spaced_calls(markers, [t for _, t in body])
    calls = _calls_of(markers)
    # Then the masthead's chunks, and the body's first chunk to the masthead's last: past it, the
    # second pass would join nothing (it tries less than the first did, on the same ends of text).
    joined = _rejoin(content[:body_start] + body[:1]) + body[1:]
    blocks = tuple(SourceBlock(spans=_spans(t, markers, calls), line=line) for line, t in joined)
    notes = tuple(
        SourceFootnote(m, _spans(t, set(), _SUPERSCRIPT_CALLS), line=line)
        for m, (line, t) in sorted(footnotes, key=_marker_order)
    )
    return SourceDocument(blocks=blocks, footnotes=notes, italics_known=False)


_Chunk = tuple[int, str]  # a chunk of text and the line of the input it starts on


def _decode(data: bytes) -> str:
    """UTF-8 (with or without a BOM), UTF-16 and UTF-32 with a BOM (PowerShell's `>` writes
    UTF-16), else Windows-1252, the encoding of old extractors."""
    if encoding := wide_encoding(data):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError as error:
            raise UnreadableInput(
                f"input opens with a {encoding.upper()} byte-order mark but is not {encoding.upper()} "
                f"(byte {error.start}): is the file complete?"
            ) from None
    if b"\x00" in data[:4096]:
        raise UnreadableInput(_binary_message(data[:4096]))
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def _binary_message(head: bytes) -> str:
    """Text in UTF-16 or UTF-32 without a BOM says how to convert it; anything else is binary."""
    for width, name in ((4, "UTF-32"), (2, "UTF-16")):
        for zeros, order in ((range(1, width), "LE"), (range(width - 1), "BE")):
            units = [head[i : i + width] for i in range(0, len(head) - width + 1, width)]
            wide = sum(all(unit[k] == 0 for k in zeros) for unit in units)  # the Latin letters, with zeros
            if len(units) >= 2 and wide >= 0.8 * len(units):
                encoding = f"{name}{order}"
                return (
                    f"input is {encoding} text without a byte-order mark: convert it to UTF-8 "
                    f"(iconv -f {encoding} -t UTF-8 FILE > FILE.utf8.txt)"
                )
    return "input is binary, not text: give a PDF, an AKN XML file or extracted text"


def _chunks(text: str) -> list[_Chunk]:
    """Paragraph-like chunks. Extractors either keep a paragraph on one line (then each line is
    a chunk) or wrap it at the page width (then a chunk is a run of lines up to a blank line or
    a numbered line, with hyphenation at line ends undone)."""
    text = text.replace("\r\n", "\n").replace("\f", "\n\n")
    lines = [line.strip() for line in text.split("\n")]
    lengths = sorted(len(line) for line in lines if line)
    unwrapped = bool(lengths) and lengths[len(lengths) // 2] > 110
    chunks: list[list[str]] = []  # each chunk as the pieces it is joined from, joined once at the end
    starts: list[int] = []  # the line each chunk starts on
    open_chunk = False
    in_masthead = True  # masthead lines are fields of their own, wrapped or not
    formula = any(FORMULA.match(line) for line in lines)  # else the masthead ends at the first recital
    for number, line in enumerate(lines, 1):
        if not line:
            open_chunk = False
            continue
        # Most lines of a wrapped paragraph carry on in lower case, and no furniture, number,
        # formula, heading or footnote opens so: none of their patterns is tried on such a line.
        lower = line[0].islower()
        if not lower and FURNITURE.match(line):  # `is_furniture` (the line is stripped already)
            continue  # a job number or page counter inside a wrapped run of lines
        if open_chunk and not unwrapped and (lower or not _starts_chunk(chunks[-1], line)) or (
            in_masthead and chunks and lower and _end(chunks[-1], 1) == ","
        ):  # a masthead line left open ("Adopted by the Security Council at its 3087th meeting,")
            _join_wrapped(chunks[-1], line)
        else:
            chunks.append([line])
            starts.append(number)
        if in_masthead:
            in_masthead = not (FORMULA.match(line) or not formula and _opens_text(line))
        # The formula and an annex heading stand alone.
        open_chunk = not in_masthead and (lower or not _STANDS_ALONE.match(line))
    return [(start, "".join(pieces)) for start, pieces in zip(starts, chunks, strict=True)]


def _starts_chunk(pieces: list[str], line: str) -> bool:
    """Whether `line` opens a chunk of its own rather than continuing the wrapped chunk `pieces`: a
    numbered line, the formula, an annex heading, or an operative verb after a recital's closing
    comma with no blank line between them (the Council's old texts: "Having examined the
    application of ...," then "Recommends to the General Assembly that ...")."""
    if _OPENS_CHUNK.match(line):
        return True
    if (
        pieces[0][:1].isdigit()  # what `_PLAIN_FOOTNOTE` opens with, tested first (it runs on every line)
        and _PLAIN_FOOTNOTE.match(pieces[0])
        and _PLAIN_FOOTNOTE.match(line)
        and not _DATE_LIKE.match(line)
    ):
        return True  # the next of a run of footnotes ("25 S/1323 ...", then "26 One member ...")
    # The chunk's end is all the recital's end can span (", 35"): read from the end only, so a long
    # paragraph costs nothing more per line.
    return line[:1].isupper() and bool(_ENDS_RECITAL.search(_end(pieces, 16))) and _opens_operative(line)


def _opens_text(line: str) -> bool:
    """A line that opens the text of a resolution without a formula: a recital or an operative
    paragraph ("Reaffirming its resolution ...", "Whereas ...", "1. Decides ...")."""
    return bool(_NUMBERED_LINE.match(line) or find_lead(line, "preambular") or _opens_operative(line))


def _opens_operative(line: str) -> bool:
    return bool(find_lead(line, "operative")) and not find_lead(line, "preambular")


def _join_wrapped(pieces: list[str], line: str) -> None:
    """Adds a wrapped `line` to a chunk, undoing a hyphenation at the line end. (Pieces, not one
    growing string: joining each line to the whole chunk was quadratic on a paragraph of many lines.)"""
    end = _end(pieces, 2)  # a hyphen after a letter a-z ends it (as `[a-z]-$` says, without a search)
    if len(end) == 2 and end[1] == "-" and "a" <= end[0] <= "z" and line[:1].islower():
        pieces[-1] = pieces[-1][:-1]
        pieces.append(line)
    else:
        pieces += (" ", line)


def _end(pieces: list[str], size: int) -> str:
    """The last `size` characters of the text `pieces` join into, read from the end only."""
    last = pieces[-1]
    if len(last) >= size:  # as it mostly is: the last line alone
        return last[-size:]
    tail: list[str] = []
    length = 0
    for piece in reversed(pieces):
        tail.append(piece)
        length += len(piece)
        if length >= size:
            break
    return "".join(reversed(tail))[-size:]


def _shorter_than(pieces: list[str], size: int) -> bool:
    length = 0
    for piece in pieces:
        length += len(piece)
        if length >= size:
            return False
    return True


def _first_symbol(chunks: list[str]) -> str:

    for chunk in chunks[:8]:
        if match := SYMBOL.search(chunk):
            return match.group(0)
    return ""


def _footnote(chunk: str, allow_plain: bool) -> tuple[str, str] | None:
    first = chunk[:1]
    if not (first.isdigit() or first == "*"):  # what every footnote opens with (superscripts are digits)
        return None
    if match := _SUPER_FOOTNOTE.match(chunk):
        if match["marker"].startswith("*") and not allow_plain:
            return None
        return match["marker"].translate(_SUPER_TO_DIGIT), match["text"]
    if allow_plain and (match := _PLAIN_FOOTNOTE.match(chunk)) and not _DATE_LIKE.match(chunk):
        return match["marker"], match["text"]
    if match := _SLASH_FOOTNOTE.match(chunk):  # distinctive enough to need no formula above it
        return match["marker"] + "/", match["text"]  # the slash keeps its calls apart from digits
    return None


def _marker_order(note: tuple[str, _Chunk]) -> tuple[int, str]:
    marker = note[0]
    return (int(marker), "") if marker.isdecimal() and len(marker) <= 9 else (0, marker)  # not "²", not 5,000 digits


def _rejoin(content: list[_Chunk], after_formula: bool = False) -> list[_Chunk]:
    """Joins a chunk that a page break cut off to the chunk that carries on from it. In the text
    (`after_formula`), a paragraph left open also takes a capitalized chunk ("Committee;") that
    is neither numbered, nor a heading, nor a new paragraph's lead phrase."""
    out: list[list[str]] = []  # pieces, as in _chunks: the tests below read only the end of a chunk
    starts: list[int] = []
    for line, chunk in content:
        if out and _joins(out[-1], chunk, after_formula):
            out[-1] += (" ", chunk)
        else:
            out.append([chunk])
            starts.append(line)
    return [(start, "".join(pieces)) for start, pieces in zip(starts, out, strict=True)]


_END = 64  # characters at the end of a chunk that say whether it ends a paragraph


def _joins(head: list[str], chunk: str, after_formula: bool) -> bool:
    end = _end(head, _END)
    # Whether the chunk so far ends a paragraph or `chunk` is numbered: asked once for both tests.
    closed = _ends_paragraph(end.rstrip(_SUPERSCRIPTS)) or bool(_NUMBERED_LINE.match(chunk))
    if not closed and _continues(end, chunk) or (len(head) == 1 and BARE_NUMBER.match(head[0])):
        return True
    return after_formula and not closed and _carries_on(_shorter_than(head, 60), chunk)


def _ends_paragraph(text: str) -> bool:
    """Whether `text` ends a paragraph: a stop, then closing quotes or brackets (what the pattern
    `[.;:,!?]['’"”)]*$` finds, read from the end instead of searched for)."""
    text = text[:-1] if text.endswith("\n") else text  # `$` matches before a last newline too
    return text.rstrip(_CLOSERS).endswith(_STOPS)


def _carries_on(short: bool, chunk: str) -> bool:
    """Whether `chunk` carries on a paragraph left open (not closed: `_joins`), though capitalized."""
    if short or BARE_NUMBER.match(chunk) or HEADING_LINE.match(chunk):
        return False  # a number, a part heading, or a short line that is itself a heading
    return not (find_lead(chunk, "preambular") or find_lead(chunk, "operative"))


def _continues(head_end: str, chunk: str) -> bool:
    """Whether `chunk` carries on the sentence a chunk ending in `head_end` left open (not closed:
    `_joins`): `chunk` starts in lower case, or with a date or number after a small word ("on")."""
    return chunk[:1].islower() or (chunk[:1].isdigit() and bool(_SMALL_WORD_END.search(head_end)))


def _spans(text: str, markers: set[str], calls: re.Pattern[str]) -> tuple[Span, ...]:
    """Spans of `text`: `*emphasis*` as italic, superscript digits (and plain digits glued to a
    word where a footnote of that number exists: one of `markers`) as footnote calls, found by
    `calls` (`_calls_of(markers)`)."""
    spans: list[Span] = []
    position = 0
    spaced = _SPACED_CALL.search(text) if text[-1:].isdigit() else None  # it ends in a digit
    call = spaced["marker"] if spaced and spaced["marker"] in markers else ""
    if call and spaced:
        text = text[: spaced.start()]
    for match in _EMPHASIS.finditer(text):
        spans.extend(_marked(text[position : match.start()], markers, calls))
        spans.append(Span(match["italic"], italic=True))
        position = match.end()
    spans.extend(_marked(text[position:], markers, calls))
    if call:
        spans.append(Span(call, marker=True))
    return tuple(spans)


# Words a number set off by spaces belongs to ("Article 17 and"), not a footnote call; they are
# looked for where the text before the number ends (after the non-word characters that end it).
_NUMBERED_WORDS = re.compile(
    r"(?:Article|article|Articles|paragraph|paragraphs|para|paras|resolution|resolutions|decision|No|Nos|chapter|"
    r"section|rule|rules|page|pages|annex|item|items|Supplement|point|points|of|and|to|or|the|January|February|"
    r"March|April|May|June|July|August|September|October|November|December)$"
)
_LONGEST_NUMBERED_WORD = len("resolutions")
# A number that stands as a word of its own: not glued to a word, a symbol ("A/78/1") or a figure ("1.5").
# (The look-ahead for a digit first passes over the other positions without trying the look-behind
# at each: the scan of a whole text in 60% of the time.)
_STANDALONE_NUMBER = re.compile(r"(?=\d)(?<![\w/.,()-])\d+(?![\w/-]|[.,]\d)")
_DIGIT_RUN = re.compile(r"\d\d*")  # `\d+`, but opening with the class (the engine skips to it)
_SPACED = "_"  # the prefix of a marker called by a number set off by spaces ("_14"), in `markers` only


def _spaced_calls(markers: set[str], texts: list[str]) -> set[str]:
    """The Council's old texts set a call off by spaces inside a sentence too ("report, 14 report on
    standstill"): a footnote number that stands once in the text as a word of its own, after a word
    or comma that no number belongs to, is its call. (One scan of the text for all the numbers,
    not one per footnote: a long text with many footnotes cost their product.)"""
    numbers = {m for m in markers if m.isdigit()}
    if not numbers:
        return set()
    text = " ".join(texts)
    first: dict[str, int] = {}  # where each footnote number first stands alone
    repeated: set[str] = set()
    # A number standing alone is a whole run of digits: only the runs that are footnote numbers
    # matter, each tried against `_STANDALONE_NUMBER` where it starts. (The runs are found by a
    # pattern that opens with a class, which the engine skips to; one that opens with an
    # assertion, as `_STANDALONE_NUMBER` does, is tried at every position of the text.)
    for run in _DIGIT_RUN.finditer(text):
        number = run.group()
        if number not in numbers or not _STANDALONE_NUMBER.match(text, run.start()):
            continue
        if number in first:
            repeated.add(number)
        else:
            first[number] = run.start()
    return {_SPACED + n for n, at in first.items() if n not in repeated and not _after_numbered_word(text, at)}


def _after_numbered_word(text: str, end: int) -> bool:
    """Whether `text[:end]`, its closing non-word characters set aside, ends with a word a number belongs to."""
    while end and not _is_word_character(text[end - 1]):
        end -= 1
    return bool(_NUMBERED_WORDS.search(text, max(0, end - _LONGEST_NUMBERED_WORD), end))


def _is_word_character(character: str) -> bool:
    return character.isalnum() or character == "_"  # what `\w` matches


def _calls(digit: str, more: str) -> str:
    """The pattern of every place a footnote call can stand, whatever the document's footnotes
    (`_call_marker` keeps its own): a run of superscripts (always a call); a number glued to a word
    or a stop ("thereto,1"); after a space, "1/" (the 1990s notes) or a number set off by spaces
    ("the report, 14 on"). A number opens with a `digit` and goes on with `more` digits. One
    pattern for every document, compiled once: one made of a document's own footnote numbers cost
    about a millisecond to compile wherever `re`'s cache did not hold it (every document of a
    process of its own).

    Each kind needs before its number a character the others do not (a superscript; a letter, a
    stop or a closing quote; a space), and its number is a whole run of digits: a run that is no
    call hides none inside it. Every call opens with one character, which the pattern consumes
    first: the engine then skips at once over the characters no call opens with (a pattern that
    opens with a look-behind is tried at every position), and look-behinds say what each kind needs
    before it."""
    return (
        f"[{digit}{_SUPERSCRIPTS}]"
        rf"(?:(?<={_SUPERSCRIPT})(?P<superscripts>(?:{_SUPERSCRIPT})*)"
        rf"|(?<=[A-Za-z,;:.)\"]\d|[’”]\d)(?P<glued>{more})(?=[\s,;:.)]|$)"
        rf"|(?<= \d)(?P<slashed>{more}/)(?=[\s,;:.)]|$)"
        rf"|(?<=[\w,;:.)\"] \d|[’”] \d)(?P<spaced>{more})(?=\s+[a-z]|[,;:.]|$)"
        ")"
    )


# The calls of footnote numbers as UN documents have them, of one to three ASCII digits (no year is
# tried as a call); `_ANY_CALLS` for a document with others. The opening class names the digits:
# a class of characters is a table the engine reads at once, `\d` a look-up in the Unicode database
# for each character of the text (the scan in 1.5 times the time). It is the one class of more than
# two runs beyond Latin-1, for which `re` builds a table of 64 KB (0.35 ms); nor do alternatives of
# single characters stand in one group (`[’”]\d|...`, not `(?:[’”]|...)\d`), which `re` would join into one.
_CALLS = re.compile(_calls("0-9", r"\d{0,2}"))
_ANY_CALLS = LazyPattern(_calls(r"\d", r"\d*"))
_CALL_DIGITS = 3  # the most digits of a footnote number `_CALLS` finds
# The calls in a footnote's own text, where only a run of superscripts is one (as `_CALLS` names it):
# not `_CALLS`, which stops at every digit of the note's symbols and dates to find no call there.
_SUPERSCRIPT_CALLS = re.compile(rf"(?P<superscripts>(?:{_SUPERSCRIPT})+)")
_AFTER_SPACE = ("slashed", "spaced")  # the kinds of calls set off by a space: the space is the call's


def _calls_of(markers: set[str]) -> re.Pattern[str]:
    """The pattern that finds the calls of the footnotes `markers` ("12", "12/", "_12", "*")."""
    ordinary = all(marker.isascii() and sum(c.isdigit() for c in marker) <= _CALL_DIGITS for marker in markers)
    return _CALLS if ordinary else _ANY_CALLS.compiled


def _call_marker(call: re.Match[str], markers: set[str]) -> str:
    """The marker of the footnote that `call`, a place `_CALLS` found, calls: its superscripts as
    digits, or its digits where `markers` holds them ("" where it does not: no call)."""
    kind, text = call.lastgroup, call.group()
    if kind == "superscripts":
        return text.translate(_SUPER_TO_DIGIT)
    return text if (_SPACED + text if kind == "spaced" else text) in markers else ""


def _marked(text: str, markers: set[str], calls: re.Pattern[str]) -> list[Span]:
    spans: list[Span] = []
    position = 0
    for call in calls.finditer(text):
        marker = _call_marker(call, markers)
        if not marker:
            continue
        start = call.start()
        if call.lastgroup in _AFTER_SPACE:
            start -= 1  # the space that sets the call off ends no text: it goes with the call
        if start > position:
            spans.append(Span(text[position:start]))
        spans.append(Span(marker, marker=True))
        position = call.end()
    if position < len(text):
        spans.append(Span(text[position:]))
    return spans
