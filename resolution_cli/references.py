"""The reference grammar: which UN documents a resolution's text cites, and where.

`find_references(text)` finds every citation of a UN document in a run of text and names the
document by its UN symbol, so that a link can be made to it (`undocs_url`). The grammar follows
the UN's own links (`<a href="https://undocs.org/...">` in its Akoma Ntoso files; measured in
`benchmarks/references.py`):

- A **written symbol** is a citation wherever it stands: "A/78/482", "S/PRST/2013/12",
  "FCCC/CP/2015/10/Add.1", "A/C.6/64/SR.28", "A/78/6 (Sect. 29)", "A/CONF.157/24 (Part I)".
  A joint symbol ("A/73/328-S/2018/592") is one citation of its first part, as the UN links it.
  Only the UN's own series roots count ("CM/Res.1153" of another organization does not).
- A **resolution number** is a citation only after the word "resolution(s)" (or inside a list
  that it opens: "resolutions 46/152, 60/1 and 72/305"), and the organ whose resolution it is
  decides the series: General Assembly (46/182, S-27/2, ES-11/1, and the old style
  1514 (XV) and 217 A (III)) -> A/RES/...; Security Council (2712 (2023)) -> S/RES/...;
  Economic and Social Council (2019/15, 1296 (XLIV)) -> E/RES/...; Human Rights Council (54/6)
  -> A/HRC/RES/... . The organ is the one named just before the word ("Human Rights Council
  resolution 54/6"; "Council resolution" is the council last named), the one "its" refers to
  ("the Security Council, in its resolution ..."), the one named just after the list ("resolution
  5/5 of 2 March 2022 of the United Nations Environment Assembly"), or the one whose resolutions
  the sentence is about ("resolutions adopted by the Human Rights Council, including resolutions
  ..."); otherwise the General Assembly, the author of the resolutions this tool reads.
- Numbers of any other body (an environment assembly, a conference of the parties, a
  commission) are not linked, and neither are decisions: the UN links none of them, and their
  numbers are not document symbols.

The scan is one pass of one regular expression over the text plus look-ups in windows of
bounded size around each token, so the time is linear in the length of the text; no pattern
can backtrack catastrophically (every repetition is bounded or over disjoint classes).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import Enum
from urllib.parse import quote

UNDOCS = "https://undocs.org"
UN_LANGUAGES = ("en", "fr", "es", "ru", "ar", "zh")  # the languages undocs.org serves


@dataclass(frozen=True, slots=True)
class Reference:
    """A citation of a UN document: `text[start:end]` names the document with symbol `symbol`."""

    start: int
    end: int
    symbol: str


def undocs_url(symbol: str, language: str = "en") -> str:
    """The UN's document resolver for `symbol`: https://undocs.org/en/A/RES/46/182."""
    lang = language.lower() if language.lower() in UN_LANGUAGES else "en"
    return f"{UNDOCS}/{lang}/{quote(symbol, safe='/().-')}"


# --- the vocabulary ------------------------------------------------------------------------------

_SP = "[ \u00a0\u202f\u2009]"  # a space as the UN sets it: plain, no-break, narrow no-break, thin
_HY = "[-\u2010\u2011]"  # hyphen, Unicode hyphen, non-breaking hyphen

# The first element of a UN document symbol: the principal organs (A, S, E, T), the Secretariat
# (ST), and the series of the bodies, treaty bodies and conferences the UN issues documents for.
_ROOTS = (
    "A S E T ST ACC APLC ATT BWC CAC CAT CBD CCM CCPR CCW CD CED CEDAW CERD CLCS CMW CRC CRPD CTBT "
    "CTOC DP DPI FCCC HRI HS HSP ICCD ICSC ID IDB ISBA ITLOS JIU LC NPT PBC SPLOS SPT TD TPNW UNCTAD "
    "UNEP UNITAR UNODC UNU UNW"
).split()
_ROOT = "(?:" + "|".join(sorted(_ROOTS, key=len, reverse=True)) + ")"
# One element after a '/': a session ("78", "S-12", "ES-10"), a body ("C.6", "CONF.157", "AC.278",
# "HRC", "COP(16)", "OzL.Pro.31"), a kind or number ("RES", "PRST", "SR.28", "L.5", "Add.1", "482").
_ELEMENT = r"(?:[A-Z]{1,2}" + _HY + r"\d{1,3}|\d{1,5}(?:\.\d{1,3})?|[A-Za-z]{1,12}(?:\.[A-Za-z0-9]{1,12}){0,3}(?:\(\d{1,3}\))?)"
# A part of a document in the UN's own notation: "A/78/6 (Sect. 29)", "(Part I)", "(Vol. II)".
_DESIGNATION = (
    rf"{_SP}?\((?i:sect\.{_SP}?\d{{1,3}}[A-Z]?|parts?{_SP}[IVX]{{1,5}}(?:{_SP}(?:and|to){_SP}[IVX]{{1,5}})?"
    rf"|vol\.{_SP}?[IVX]{{1,5}}|introduction|supp)\)"
)
# The session of a resolution symbol: "S/RES/2712 (2023)", "A/RES/1514 (XV)".
_SESSION_SUFFIX = rf"{_SP}?\((?:19[4-9]\d|20\d\d|(?:E?S-)?[IVXL]{{1,7}})\)"
_ONE_SYMBOL = rf"{_ROOT}(?:/{_ELEMENT}){{1,10}}(?:{_DESIGNATION}(?:/{_ELEMENT}){{0,3}})?"
_SYMBOL = (
    rf"(?<![A-Za-z0-9./@\-\u2011])(?P<symbol>(?P<first>{_ONE_SYMBOL})(?P<suffix>{_SESSION_SUFFIX})?"
    rf"(?:{_HY}{_ONE_SYMBOL}){{0,3}})(?![A-Za-z0-9/])"
)

# Resolution numbers, as they follow the word "resolution": 46/182, 77/253 B, S-27/2, ES-11/1,
# 2019/15; 2712 (2023); 1514 (XV), 217 A (III), 1874 (S-IV).
_NUMBER = (
    r"(?<![A-Za-z0-9./\-\u2011])(?:"
    rf"(?P<old>\d{{1,4}})(?:{_SP}[A-Z])?{_SP}\((?P<roman>(?:E?S-)?[IVXL]{{1,7}})\)"
    rf"|(?P<sc>\d{{1,4}}){_SP}\((?P<year>19[4-9]\d|20\d\d)\)"
    rf"|(?P<session>(?:E?S{_HY})?\d{{1,4}})/(?P<seq>\d{{1,4}})(?![A-Za-z0-9/])"
    rf"(?:{_SP}(?P<part>[A-Z])(?![A-Za-z0-9(]))?"
    r")"
)
_KEYWORD = r"\b(?P<keyword>[Rr]esolutions?|RESOLUTIONS?|[Dd]ecisions?|DECISIONS?)\b"
# The head noun of a body's name; the words before it say which body ("Human Rights Council").
_ORGAN = (
    r"\b(?P<organ>Assembly|Council|ECOSOC|Commission|Conference|Committee|Board|Forum|Congress|Parties"
    r"|Programme|Organization|Meeting|Summit)\b"
)
_TOKENS = re.compile(f"{_SYMBOL}|{_NUMBER}|{_KEYWORD}|{_ORGAN}")


class _Organ(Enum):
    GENERAL_ASSEMBLY = "A/RES"
    SECURITY_COUNCIL = "S/RES"
    ECONOMIC_AND_SOCIAL_COUNCIL = "E/RES"
    HUMAN_RIGHTS_COUNCIL = "A/HRC/RES"
    COUNCIL = "council"  # "the Council", "Council resolution": the council last named
    OTHER = "other"  # any other body: its numbers are not UN document symbols


_COUNCILS = (_Organ.SECURITY_COUNCIL, _Organ.ECONOMIC_AND_SOCIAL_COUNCIL, _Organ.HUMAN_RIGHTS_COUNCIL)
_NAME_WORD = r"[A-Z][\w\u2019'\-\u2011]*"
_WORDS_BEFORE = re.compile(rf"(?:{_NAME_WORD}{_SP}+(?:(?:and|of|on|for|the){_SP}+){{0,2}}){{0,6}}$")


@dataclass(frozen=True, slots=True)
class _Mention:
    """A body named in the text: the head noun's range and the body it names."""

    start: int
    end: int
    organ: _Organ


def _classify(text: str, start: int, end: int, noun: str) -> _Organ:
    """Which body the head noun at text[start:end] names, from the words just before and after it."""
    before = text[max(0, start - 40) : start]
    named = _WORDS_BEFORE.search(before)
    words = named.group().split() if named else []
    last = words[-1] if words else ""
    after = text[end : end + 4]
    if noun == "ECOSOC":
        return _Organ.ECONOMIC_AND_SOCIAL_COUNCIL
    if noun == "Assembly":
        if last == "General" or not last or last in ("The", "the"):
            return _Organ.GENERAL_ASSEMBLY
        return _Organ.OTHER  # Environment Assembly, Habitat Assembly, World Health Assembly
    if noun != "Council":
        return _Organ.OTHER
    if last == "Security" and words[-3:-1] != ["Peace", "and"]:  # not the African Union's
        return _Organ.SECURITY_COUNCIL
    if words[-3:] == ["Economic", "and", "Social"]:
        return _Organ.ECONOMIC_AND_SOCIAL_COUNCIL
    if words[-2:] == ["Human", "Rights"]:
        return _Organ.HUMAN_RIGHTS_COUNCIL
    if last and last not in ("The", "the") or re.match(rf"{_SP}of{_SP}[A-Z]", after):
        return _Organ.OTHER  # Governing Council, Trusteeship Council, Council of Europe
    return _Organ.COUNCIL


# --- citations of resolution numbers --------------------------------------------------------------


@dataclass(slots=True)
class _Run:
    """The word "resolution(s)" or "decision(s)" and the numbers that follow it."""

    keyword: re.Match[str]
    organ: _Organ | None  # None: not said before the numbers (decided when the run closes)
    items: list[re.Match[str]] = field(default_factory=list)

    @property
    def end(self) -> int:
        return self.items[-1].end() if self.items else self.keyword.end()

    @property
    def decision(self) -> bool:
        return self.keyword["keyword"].lower().startswith("decision")


# Between two numbers of one list: anything short that ends in a list separator ("46/152 of
# 16 December 1991, 60/1 and ...").
_LIST_SEPARATOR = re.compile(rf"(?:,|;|\band|\bor|\bas{_SP}well{_SP}as|\bto|\bthrough){_SP}*$")
_LIST_GAP = 250  # the longest gap between two numbers of one list the UN writes is under 200
_CLAUSE_REACH = 300  # how far back a body named in the same clause still governs a citation
_ITS = re.compile(rf"\bits{_SP}+$")
_ITS_GAP = 60
_NEW_CLAUSE = re.compile(r";|\band\b|\b(?:recalling|reaffirming|noting|welcoming|bearing|taking)\b", re.I)
_QUALIFIER = re.compile(
    rf"(?:{_NAME_WORD}|of|on|for|and|the|against|in)(?:{_SP}+(?:{_NAME_WORD}|of|on|for|and|the|against|in)){{0,12}}{_SP}+$"
)
_DATE = rf"\d{{1,2}}{_SP}[A-Z][a-z]{{2,8}}{_SP}\d{{4}}"
_BODY_AFTER = re.compile(
    rf"(?:{_SP}+of{_SP}+{_DATE})?,?{_SP}+(?:adopted{_SP}+)?(?:of|by){_SP}+the{_SP}+"
    rf"(?P<name>(?:{_NAME_WORD}{_SP}+(?:(?:and|of|on|for|the){_SP}+){{0,2}}){{0,6}})"
    rf"(?P<noun>Assembly|Council|Commission|Conference|Committee|Board|Parties|ECOSOC)\b"
)
_RESOLUTIONS_OF = re.compile(rf"resolutions?{_SP}+(?:\w+{_SP}+){{0,2}}(?:of|by){_SP}+the{_SP}+(?:\S+{_SP}+){{0,6}}$")
_LOCATOR = re.compile(
    rf"(?:\)|\d|[IVX]|[A-Z]\.?),{_SP}+(?:(?:chap|sect|para|paras|annex|part|appendix)\b[^;]{{0,40}},{_SP}+)?$"
)
_HRC_REPORT = re.compile(r"A/\d{1,2}/53(?:/Add\.\d{1,2})?")  # Official Records, Supplement No. 53: the HRC


class _Scanner:
    """One pass over `text`: written symbols at once, resolution numbers when their run closes."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.references: list[Reference] = []
        self.mentions: list[_Mention] = []
        self.symbols: list[re.Match[str]] = []
        self.run: _Run | None = None

    def scan(self) -> tuple[Reference, ...]:
        for token in _TOKENS.finditer(self.text):
            if token["symbol"]:
                self.written_symbol(token)
            elif token["keyword"]:
                self.close_run()
                self.run = _Run(token, self.organ_before(token))
            elif token["organ"]:
                organ = _classify(self.text, token.start(), token.end(), token["organ"])
                self.mentions.append(_Mention(token.start(), token.end(), organ))
            else:
                self.number(token)
        self.close_run()
        return tuple(sorted(self.references, key=lambda r: r.start))

    def written_symbol(self, token: re.Match[str]) -> None:
        symbol = token["first"]
        end = token.end()
        if token["suffix"] and "/RES/" in symbol:
            symbol += token["suffix"]
        elif token["suffix"]:  # a year in parentheses after another kind of symbol is not part of it
            end = token.end("first")
        self.symbols.append(token)
        self.references.append(Reference(token.start(), end, _canonical(symbol)))

    def number(self, token: re.Match[str]) -> None:
        run = self.run
        if run is None:
            return
        gap = self.text[run.end : token.start()]
        first = not run.items and not gap.strip(" \u00a0\u202f\u2009")
        listed = bool(run.items) and len(gap) <= _LIST_GAP and _LIST_SEPARATOR.search(gap) is not None
        if first or listed:
            run.items.append(token)
        else:
            self.close_run()

    # --- which body's resolutions -------------------------------------------------------------

    def organ_before(self, keyword: re.Match[str]) -> _Organ | None:
        """The body the word "resolution(s)" belongs to, from what stands before it; None if nothing says."""
        start = keyword.start()
        window = self.text[max(0, start - 120) : start]
        qualifier = _QUALIFIER.search(window)
        if qualifier and self.mentions and self.mentions[-1].start >= start - len(qualifier.group()):
            return self.resolve(self.mentions[-1])
        its = _ITS.search(window)
        if its:
            its_start = start - len(window) + its.start()
            governing = self.mentions[-1] if self.mentions else None
            if governing and its_start - governing.end <= _ITS_GAP:
                if not _NEW_CLAUSE.search(self.text[governing.end : its_start]):
                    return self.resolve(governing)
            return _Organ.GENERAL_ASSEMBLY
        return None

    def resolve(self, mention: _Mention) -> _Organ:
        """"the Council" is the council named last before it (none named: decided by the number)."""
        if mention.organ is not _Organ.COUNCIL:
            return mention.organ
        for earlier in reversed(self.mentions):
            if earlier.end <= mention.start and earlier.organ in _COUNCILS:
                return earlier.organ
        return _Organ.COUNCIL

    def organ_unsaid(self, run: _Run) -> _Organ:
        """For "resolution 5/5" with no body before it: a body named after the list, a document
        the resolution is found in, the body whose resolutions the clause is about, or the Assembly."""
        after = _BODY_AFTER.match(self.text, run.end, min(len(self.text), run.end + 160))
        if after:
            return self.resolve(
                _Mention(after.start("noun"), after.end("noun"), _classify(self.text, after.start("noun"), after.end("noun"), after["noun"]))
            )
        start = run.keyword.start()
        before = self.text[max(0, start - 80) : start]
        if _LOCATOR.search(before) and self.symbols and start - self.symbols[-1].end() <= 80:
            report = self.symbols[-1]["first"]
            return _Organ.HUMAN_RIGHTS_COUNCIL if _HRC_REPORT.fullmatch(report) else _Organ.OTHER
        for mention in reversed(self.mentions):
            if mention.end > start:
                continue
            if start - mention.end > _CLAUSE_REACH or ";" in self.text[mention.end : start]:
                break
            if _RESOLUTIONS_OF.search(self.text, max(0, mention.start - 120), mention.start):
                return self.resolve(mention)
        return _Organ.GENERAL_ASSEMBLY

    def close_run(self) -> None:
        run, self.run = self.run, None
        if run is None or not run.items or run.decision:
            return
        organ = run.organ if run.organ is not None else self.organ_unsaid(run)
        for item in run.items:
            symbol = _resolution_symbol(organ, item)
            if symbol:
                self.references.append(Reference(item.start(), item.end(), symbol))


def _resolution_symbol(organ: _Organ, number: re.Match[str]) -> str:
    """The symbol of resolution `number` of `organ`; "" when the organ issues no such number."""
    if organ is _Organ.OTHER:
        return ""
    if number["year"]:  # only the Security Council numbers its resolutions by year
        return f"S/RES/{number['sc']}({number['year']})"
    if number["old"]:  # the old style: number and session in Roman numerals
        if organ in (_Organ.GENERAL_ASSEMBLY, _Organ.ECONOMIC_AND_SOCIAL_COUNCIL):
            return f"{organ.value}/{number['old']}({number['roman']})"
        return ""
    session, seq = re.sub(_HY, "-", number["session"]), number["seq"]
    yearly = re.fullmatch(r"(?:19[4-9]\d|20\d\d)", session) is not None  # ECOSOC: 2019/15
    if organ is _Organ.COUNCIL:
        organ = _Organ.ECONOMIC_AND_SOCIAL_COUNCIL if yearly else organ
    if organ is _Organ.ECONOMIC_AND_SOCIAL_COUNCIL:
        return f"E/RES/{session}/{seq}" if yearly else ""
    if yearly or len(seq) > 3 or organ is _Organ.COUNCIL or organ is _Organ.SECURITY_COUNCIL:
        return ""
    if organ is _Organ.HUMAN_RIGHTS_COUNCIL:
        return f"A/HRC/RES/{session}/{seq}"
    return f"A/RES/{session}/{seq}{number['part'] or ''}"


def _canonical(symbol: str) -> str:
    """A symbol as undocs.org takes it: no spaces, plain hyphens."""
    return re.sub(f"{_SP}+", "", re.sub(_HY, "-", symbol))


def find_references(text: str) -> tuple[Reference, ...]:
    """Every citation of a UN document in `text`, in order: its character range and its symbol."""
    return _Scanner(text).scan()
