"""Reads the masthead: everything above the enacting formula.

Each masthead line is matched against the UN's fixed phrasings ("Distr.: General",
"Seventy-eighth session", "Agenda item 107", "Resolution adopted by the General Assembly on ...",
"[on the report of the Third Committee (A/78/482, para. 29)]", "X, Y and Z: draft resolution",
"78/229. Title"); what matches none of them is the agenda item's name or the title.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, fields, replace
from typing import Any

from resolution_cli.forms import ONE_SYMBOL, SESSION_SUFFIX, SYMBOL, organ_named
from resolution_cli.lazy import LazyPattern
from resolution_cli.model import AgendaItem, Anchor, DocumentKind, Metadata, Organ, Sponsor
from resolution_cli.parse.dates import iso_date
from resolution_cli.parse.source import SourceBlock, SourceFootnote, clean_text
from resolution_cli.parse.vocabulary import session_numbers

_DISTRIBUTION = re.compile(r"Distr\.?:?\s*(?P<value>General|Limited|Restricted)", re.I)
_ORIGINAL = re.compile(r"Original:\s*(?P<value>[A-Z][a-z]+)")
# \b and the possessive ++: a search starts only at a word, and never backtracks into it (linear).
_SESSION = re.compile(
    r"\b(?P<ordinal>[A-Z][a-z]++(?:-[a-z]++)?) (?P<emergency>emergency special )?(?:special )?session", re.I
)
# "Agenda item 107"; HRC and ECOSOC put the session's dates before it on the same line.
# (The items keep their trailing spaces, which split_agenda_numbers strips: a lazy ".*?" before "\s*$"
# was quadratic on a run of spaces.)
_AGENDA = re.compile(r"(?:^|\s)(?:Provisional )?[Aa]genda items?\s++(?P<items>\d.*)$")
# "Item 35 of the provisional agenda", as a draft written before the agenda is adopted puts it.
_AGENDA_OF = re.compile(r"^Items? (?P<items>\d.*?) of the (?:provisional |preliminary )?agenda\b")
_COMMITTEE = re.compile(
    r"^(?P<committee>(?:First|Second|Third|Fourth|Fifth|Sixth) Committee|"
    r"Special Political and Decolonization Committee \(Fourth Committee\))$"
)
# The line that ends a draft's masthead when no sponsors line does ("Draft ministerial declaration ...").
DRAFT_LINE = re.compile(r"^Draft (?:resolutions?|decisions?|[a-z ]*declaration)\b")
# "Draft resolution" on a line of its own, as a draft submitted by no named sponsor (a Main
# Committee's Chair, its Bureau) has it between the agenda item's name and the title.
_DRAFT_ALONE = re.compile(r"^(?:Revised )?[Dd]raft (?P<what>resolution|decision)s?[\s*\u2020\u2021]*$")
SUBMITTED_BY = re.compile(
    r"^Draft (?P<what>resolution|decision) submitted by (?P<by>.+?)"
    r"(?:,? on the basis of .*)?$"
)
_ADOPTED_BY = re.compile(r"^(?:Resolution|Decision) adopted by the (?P<organ>[A-Z][\w ]+?) on (?P<date>.+?)$")
_HRC_ADOPTED = re.compile(r"^(?:Resolution|Decision) adopted by the (?P<organ>Human Rights Council)")
# The report runs from the first "(" to the last ")" ("(A/78/481 (Part I), para. 10)"). Written so
# that no two parts can take the same characters: a line of "((((a)" or of spaces is read in linear
# time (a nested-parentheses form of it backtracked exponentially).
_REPORT = re.compile(
    r"^\[(?:on the report of the (?P<committee>[^(]++)|without reference to a Main Committee\s*+)"
    r"\((?P<report>.*)\)\]?\s*$"
)
SPONSORS = re.compile(
    r"^(?P<sponsors>.+?):[*,\s]*(?:(?:revised )?draft (?P<what>resolution|decision)s?\b|amendments? to )", re.I
)


def is_amendment(sponsors: re.Match[str]) -> bool:
    """Whether a match of SPONSORS is the line of an amendment ("X: amendment to ..."), not of a draft."""
    return sponsors["what"] is None


# "78/229. Title"; an HRC draft carries a placeholder number ("59/… Title").
NUMBERED_TITLE = re.compile(r"^(?P<number>(?:ES-\d+|S-\d+|\d+)/(?:\d+(?: [A-Z])?\.|…\.?))\s+(?P<title>.+)$")
# The Security Council's yearbook form, 1946-2002: "199 (1964). Resolution of 30 December 1964".
SC_YEARBOOK_TITLE = re.compile(
    r"^(?:Resolution )?(?P<number>\d{1,4}) \((?P<year>\d{4})\)\.?(?: Resolution)? of (?P<date>\d.+)$"
)
_SC_NUMBER = re.compile(r"^Resolution (?P<number>\d+ \(\d{4}\))$", re.I)
SC_ADOPTED = re.compile(
    r"^Adopted by the (?P<organ>Security Council) at its (?P<meeting>\d+(?:st|nd|rd|th)) meeting,? on (?P<date>.+)$"
)
# "[S/3624]": the Security Council's yearbook gives the document the resolution was adopted as.
_ADOPTED_AS = re.compile(r"^\[(?:S|A|E)/[^\]]+\]$")
_FURNITURE = re.compile(
    r"^(?:United Nations|Nations Unies|General Assembly|Security Council|"
    r"Economic and Social Council|Human Rights Council|Original: .*|Distr\..*)$"
)

# Country names that contain " and ", so a sponsors list is not split inside them.
_AND_NAMES = (
    "Antigua and Barbuda",
    "Bosnia and Herzegovina",
    "Saint Kitts and Nevis",
    "Saint Vincent and the Grenadines",
    "Sao Tome and Principe",
    "Trinidad and Tobago",
    "United Kingdom of Great Britain and Northern Ireland",
    "Turks and Caicos Islands",
    "Wallis and Futuna",
    "Saint Pierre and Miquelon",
    "Heard Island and McDonald Islands",
)


# A symbol on a line of its own, as every masthead sets it ("A/78/L.5", a joint one
# "E/2025/L.16-E/HLPF/2025/L.1"; text extractors join the "United Nations" logo line to it).
# Compiled on first use (the symbol grammar twice over: 8-10 ms of CPU), since only a document
# without an enacting formula asks whether it has a masthead.
_A_SYMBOL = rf"{ONE_SYMBOL}(?:{SESSION_SUFFIX})?"
_SYMBOL_LINE = LazyPattern(rf"^(?:United Nations\s+)?{_A_SYMBOL}(?:\s*-\s*{_A_SYMBOL})*$")
# "Distr.: General", where extraction may have put the organ's name before it on the same line.
_DISTRIBUTION_LINE = re.compile(r"(?:^|\s)Distr\.:?\s*(?:General|Limited|Restricted)\b")


def is_masthead_line(line: str) -> bool:
    """Whether `line` is one only a UN document's masthead has: the symbol on its own line, the
    distribution, a session line, the adoption line, a numbered title. (A README that cites
    "A/RES/78/229" in a sentence has none of them.)"""
    if _SYMBOL_LINE.match(line) or _DISTRIBUTION_LINE.search(line):
        return True
    if _ADOPTED_BY.match(line) or _HRC_ADOPTED.match(line) or SC_ADOPTED.match(line):
        return True
    if NUMBERED_TITLE.match(line) or SC_YEARBOOK_TITLE.match(line) or _SC_NUMBER.match(line):
        return True
    session = _SESSION.fullmatch(line)
    return bool(session and session["ordinal"].lower() in session_numbers())


@dataclass(slots=True)
class _Draft:
    """Masthead fields as they are found; frozen into `Metadata` at the end."""

    fields: dict[str, object] = field(default_factory=dict)
    agenda_numbers: list[str] = field(default_factory=list)
    agenda_names: list[str] = field(default_factory=list)
    leftovers: list[str] = field(default_factory=list)
    amendment_of: str = ""  # "amendment to the draft resolution contained in document S/2025/112"


def parse_masthead(lines: list[str]) -> Metadata:
    """Metadata from the masthead's lines (one string per block, in reading order)."""
    draft = _Draft()
    in_agenda_name = False
    for line in lines:
        consumed = _read_line(line, draft)
        if consumed == "agenda":
            in_agenda_name = True
            continue
        if consumed:
            in_agenda_name = False
            continue
        if in_agenda_name and "title" not in draft.fields:
            draft.agenda_names.append(line)
            continue
        draft.leftovers.append(line)
    return _freeze(draft)


def _read_line(line: str, draft: _Draft) -> str:
    """Records what `line` says in `draft`; returns what kind of line it was ("" if none)."""
    f = draft.fields
    if match := NUMBERED_TITLE.match(line):
        number = match["number"].rstrip(".")
        f["number"], f["title"] = ("" if "…" in number else number), match["title"]
        return "title"
    if match := SC_YEARBOOK_TITLE.match(line):
        number = f"{int(match['number'])} ({match['year']})"
        f.update(
            number=number,
            organ=Organ.SECURITY_COUNCIL,
            kind=DocumentKind.RESOLUTION,
            adoption_date=iso_date(match["date"]),
        )
        f.setdefault("symbol", f"S/RES/{number}")
        return "number"
    if match := _SC_NUMBER.match(line):
        f["number"], f["organ"] = match["number"], Organ.SECURITY_COUNCIL
        f.setdefault("symbol", f"S/RES/{match['number']}")  # the Council's texts of 1946-2002 give no symbol
        return "number"
    if match := SC_ADOPTED.match(line):
        f.update(
            meeting=f"{match['meeting']} meeting",
            adoption_date=iso_date(match["date"]),
            organ=Organ.SECURITY_COUNCIL,
            kind=DocumentKind.RESOLUTION,
        )
        return "adopted"
    if match := _ADOPTED_BY.match(line) or _HRC_ADOPTED.match(line):
        f["organ"] = organ_named(match["organ"])
        f["kind"] = DocumentKind.DECISION if line.startswith("Decision") else DocumentKind.RESOLUTION
        if "date" in match.groupdict():
            f["adoption_date"] = iso_date(match["date"])
        return "adopted"
    if match := _REPORT.match(line):
        f["committee"] = (match["committee"] or "").strip()
        f["originating_report"] = match["report"].strip()
        return "report"
    if match := _COMMITTEE.match(line):
        f["committee"] = match["committee"]
        return "committee"
    if match := SUBMITTED_BY.match(line):
        f["sponsors"] = (match["by"],)
        f["kind"] = DocumentKind.DECISION if match["what"] == "decision" else DocumentKind.DRAFT_RESOLUTION
        return "sponsors"
    if match := _AGENDA.search(line) or _AGENDA_OF.match(line):
        draft.agenda_numbers.extend(split_agenda_numbers(match["items"]))
        return "agenda"
    if match := _DRAFT_ALONE.match(line):
        f.setdefault("kind", DocumentKind.DECISION if match["what"] == "decision" else DocumentKind.DRAFT_RESOLUTION)
        return "draft"
    return _read_small_line(line, draft)


def _read_small_line(line: str, draft: _Draft) -> str:
    f = draft.fields
    if match := SPONSORS.match(line):
        f["sponsors"] = tuple(split_sponsors(match["sponsors"]))
        if is_amendment(match):  # what it amends names it, when no title follows (the Council's)
            draft.amendment_of = line[match.end("sponsors") + 1 :].lstrip("*, ")
        what = (match["what"] or "").lower()
        f["kind"] = DocumentKind.DECISION if what == "decision" else DocumentKind.DRAFT_RESOLUTION
        return "sponsors"
    found = False
    if "symbol" not in f and (match := SYMBOL.search(line)) and not line.startswith("["):
        f["symbol"] = match.group(0)
        found = True
    if match := _DISTRIBUTION.search(line):
        f["distribution"] = match["value"].capitalize()
        found = True
    if match := _ORIGINAL.search(line):
        f["original_language"] = match["value"]
        found = True
    if (date := iso_date(line)) and "issue_date" not in f and len(line) < 60:
        f["issue_date"] = date
        found = True
    if (match := _SESSION.search(line)) and "session" not in f:
        number = session_numbers().get(match["ordinal"].lower())
        if number:
            f["session"] = str(number)
            found = True
    if found or _FURNITURE.match(line) or _ADOPTED_AS.match(line):
        return "field"
    return ""


def split_agenda_numbers(items: str) -> list[str]:
    """'128 (t)' -> ['128 (t)']; '12, 13 and 120' -> ['12', '13', '120']; '3' -> ['3']."""
    items = re.sub(r"[.;]$", "", items.strip())
    parts = re.split(r",\s*|(?<!\s)\s+and\s+", items)  # (?<!\s): a run of spaces is tried once, not at each space
    return [p.strip() for p in parts if p.strip()]


def join_agenda_numbers(numbers: list[str]) -> str:
    """['13', '75 (a)'] -> '13 and 75 (a)': the masthead's own wording, which the UN's markup keeps."""
    if len(numbers) <= 1:
        return "".join(numbers)
    return f"{', '.join(numbers[:-1])} and {numbers[-1]}"


def split_sponsors(text: str) -> list[str]:
    """'Armenia, Belarus and Tajikistan' -> ['Armenia', 'Belarus', 'Tajikistan'], keeping names
    with a comma inside parentheses or ' and ' inside them whole."""
    protected = text
    for index, name in enumerate(_AND_NAMES):
        protected = protected.replace(name, f"\x00{index}\x00")
    parts: list[str] = []
    depth = 0
    current = ""
    for char in protected:
        depth += char == "("
        depth -= char == ")"
        if char == "," and depth == 0:
            parts.append(current)
            current = ""
        else:
            current += char
    parts.append(current)
    if " and " in parts[-1]:
        head, _, tail = parts[-1].rpartition(" and ")
        parts[-1:] = [head, tail]
    names = [_unprotect(p.strip(" *")) for p in parts if p.strip(" *")]
    return [n for n in names if n]


def _unprotect(text: str) -> str:
    return re.sub("\x00(\\d+)\x00", lambda m: _AND_NAMES[int(m.group(1))], text)


# (not `Metadata.__slots__`: a class compiled by mypyc has no such attribute)
_METADATA_FIELDS = frozenset(each.name for each in fields(Metadata))


def _freeze(draft: _Draft) -> Metadata:
    f = dict(draft.fields)
    names = draft.agenda_names
    numbers = draft.agenda_numbers
    items = tuple(
        AgendaItem(num, names[i] if i < len(names) and len(names) == len(numbers) else "")
        for i, num in enumerate(numbers)
    )
    if items and len(names) != len(numbers) and names:
        items = (replace(items[0], name=" ".join(names)), *items[1:])
    if "title" not in f and draft.leftovers:
        f["title"] = draft.leftovers[-1]
    if "title" not in f and draft.amendment_of:
        f["title"] = draft.amendment_of[:1].upper() + draft.amendment_of[1:]
    sponsor_names = f.get("sponsors", ())
    f["sponsors"] = tuple(Sponsor(str(name)) for name in sponsor_names) if isinstance(sponsor_names, tuple) else ()
    meta = Metadata(agenda_items=items)
    known: dict[str, Any] = {k: v for k, v in f.items() if k in _METADATA_FIELDS}
    return replace(meta, **known)


# -- footnotes called in the masthead ------------------------------------------------------------------

# "* On behalf of the States that are members of the Group of 77 and China, taking into account ..."
# Up to the first comma or semicolon, greedily (a lazy group before "\s*" was quadratic on a run of
# spaces); the trailing spaces and a closing full stop are stripped by `_group_of`.
_ON_BEHALF = re.compile(r"^On behalf of (?P<group>[^,;]+)", re.I)
_STARS = re.compile(r"(?<=[\w):,])\*+")  # a call typed as asterisks (extracted text)


def _group_of(note: str) -> str:
    """The group a note says a sponsor acts for ("On behalf of the Group of 77 and China."), or ""."""
    match = _ON_BEHALF.match(note)
    if not match:
        return ""
    group = match["group"].rstrip()
    if match.end() == len(note) and group.endswith("."):  # the note's closing full stop
        group = group[:-1].rstrip()
    return group


def with_masthead_calls(meta: Metadata, blocks: list[SourceBlock], notes: tuple[SourceFootnote, ...]) -> Metadata:
    """`meta` with the footnotes called in the masthead anchored where they are called: after the
    symbol ("A/RES/78/68*", a reissue); after the sponsor whose name a call on the sponsors line
    follows ("Iraq:*", "Nigeria,* and Thailand"), the group a note "On behalf of ..." names kept
    with that sponsor; and in the title."""
    texts = {n.marker: clean_text(list(n.spans))[0] for n in notes}
    for block in blocks:
        text, anchors = _calls(block, texts)
        if not anchors:
            continue
        if meta.symbol and not meta.symbol_anchors and (symbol_calls := _symbol_calls(meta.symbol, text, anchors)):
            meta = replace(meta, symbol_anchors=symbol_calls)
            anchors = tuple(a for a in anchors if Anchor(a.marker, len(meta.symbol)) not in symbol_calls)
            if not anchors:
                continue
        if meta.agenda_items and (_AGENDA.search(text) or _AGENDA_OF.match(text)):
            last = meta.agenda_items[-1]  # the calls on the agenda line follow its last number
            calls = tuple(Anchor(a.marker, len(last.number)) for a in anchors)
            meta = replace(meta, agenda_items=(*meta.agenda_items[:-1], replace(last, anchors=calls)))
        elif meta.sponsors and (SPONSORS.match(text) or SUBMITTED_BY.match(text)):
            meta = replace(meta, sponsors=_sponsor_calls(meta.sponsors, text, anchors, texts))
        elif meta.title and not meta.title_anchors:
            title = _STARS.sub(lambda m: "" if m.group(0) in texts else m.group(0), meta.title)
            if calls := _title_calls(title, text, anchors):
                meta = replace(meta, title=title, title_anchors=calls)
    return meta


def _calls(block: SourceBlock, notes: dict[str, str]) -> tuple[str, tuple[Anchor, ...]]:
    """The block's text and its calls of footnotes that exist: marker spans, and asterisks typed
    into the text (taken out of it)."""
    text, anchors = clean_text(list(block.spans))
    found = [a for a in anchors if a.marker in notes]
    if "*" in text and any(m.startswith("*") for m in notes):
        for match in reversed(list(_STARS.finditer(text))):
            if match.group(0) in notes:
                text = text[: match.start()] + text[match.end() :]
                cut = len(match.group(0))
                found = [Anchor(a.marker, a.offset - cut if a.offset > match.start() else a.offset) for a in found]
                found.append(Anchor(match.group(0), match.start()))
    return text, tuple(sorted(found, key=lambda a: a.offset))


def _symbol_calls(symbol: str, line: str, anchors: tuple[Anchor, ...]) -> tuple[Anchor, ...]:
    """The calls that stand right after the symbol on its line, as offsets into the symbol."""
    at = line.find(symbol)
    end = at + len(symbol)
    if at < 0 or line[end : end + 1].isalnum():
        return ()
    return tuple(Anchor(a.marker, len(symbol)) for a in anchors if end <= a.offset <= end + 1)


def _sponsor_calls(
    sponsors: tuple[Sponsor, ...], line: str, anchors: tuple[Anchor, ...], notes: dict[str, str]
) -> tuple[Sponsor, ...]:
    """Each call goes to the sponsor whose name ends last before it on the line."""
    ends: list[int] = []
    position = 0
    for sponsor in sponsors:
        at = line.find(sponsor.name, position)
        position = at + len(sponsor.name) if at >= 0 else position
        ends.append(position)
    out = list(sponsors)
    for anchor in anchors:
        index = max((i for i, end in enumerate(ends) if end <= anchor.offset), default=0)
        sponsor = out[index]
        out[index] = replace(
            sponsor,
            anchors=(*sponsor.anchors, Anchor(anchor.marker, len(sponsor.name))),
            on_behalf_of=sponsor.on_behalf_of or _group_of(notes.get(anchor.marker, "")),
        )
    return tuple(out)


def _title_calls(title: str, line: str, anchors: tuple[Anchor, ...]) -> tuple[Anchor, ...]:
    """The calls of the line that holds the title ("78/229. Title", or the title alone), as offsets
    into the title; () when the line is not the title's."""
    numbered = NUMBERED_TITLE.match(line)
    if line == title:
        start = 0
    elif numbered and numbered["title"] == title:
        start = numbered.start("title")
    else:
        return ()
    return tuple(Anchor(a.marker, min(max(a.offset - start, 0), len(title))) for a in anchors if a.offset >= start)
