"""The reference grammar: which UN documents a resolution's text cites, and where.

`find_references(text)` finds every citation of a UN document in a run of text and names the
document by its UN symbol, so that it can be linked (`undocs_url`). The grammar follows the UN's
own links (`<a href="https://undocs.org/...">` in its Akoma Ntoso files), measured by
`benchmarks/references.py`:

- A **written symbol** is a citation wherever it stands: "A/78/482", "S/PRST/2013/12",
  "FCCC/CP/2015/10/Add.1", "A/C.6/64/SR.28", "A/78/6 (Sect. 29)", "A/CONF.157/24 (Part I)",
  "S/RES/2712 (2023)". A joint symbol ("A/73/328-S/2018/592") is one citation of its first part,
  as the UN links it. Only the UN's own series roots count: "CM/Res.1153" of another
  organization is not a UN document.
- A **resolution number** is a citation only after the word "resolution(s)", or in the list that
  word opens ("resolutions 46/152 of ..., 60/1 and 72/305"), and the body whose resolution it is
  decides the series: the General Assembly (46/182, S-27/2, ES-11/1; 77/253 B -> A/RES/77/253B,
  the part the text names; in the old style 1514 (XV), 217 A (III) -> A/RES/217(III)) -> A/RES/...;
  the Security Council (2712 (2023)) -> S/RES/...; the Economic and Social Council (2019/15,
  1296 (XLIV)) -> E/RES/...; the Human Rights Council (54/6) -> A/HRC/RES/... . The body is the
  one named just before the word ("Human Rights Council resolution 54/6"; "Council resolution":
  the council named last), the one "its" refers to ("the Security Council, in its resolution
  ..."), the one named just after the list ("resolution 5/5 of 2 March 2022 of the United Nations
  Environment Assembly"), that of the citation before it in the same clause ("Human Rights Council
  decision 18/120 and resolutions 24/14 ...") or of the same number cited before; otherwise the
  General Assembly, the author of the resolutions this tool reads.
- Numbers of any other body (an environment assembly, a conference of the parties, a
  commission) are not linked, nor are decisions: the UN links none of them, and their numbers are
  not UN document symbols. A number that no body named could have issued is not linked either: the
  Assembly numbered its resolutions "session/number" only from its 31st session (1976) on, so
  "resolution 5/14" is another body's.

The scan is one pass of one regular expression over the text, plus look-ups in windows of
bounded size around each token: the time is linear in the length of the text, and no pattern can
backtrack catastrophically (every repetition is bounded, or runs over classes that exclude each
other).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import Enum
from urllib.parse import quote

from resolution_cli.forms import HYPHEN as _HY
from resolution_cli.forms import ONE_SYMBOL as _ONE_SYMBOL
from resolution_cli.forms import SESSION_SUFFIX as _SESSION_SUFFIX
from resolution_cli.forms import SPACE as _SP
from resolution_cli.model import Reference  # the model's: a citation, `text[start:end]` names `symbol`

UNDOCS = "https://undocs.org"
UN_LANGUAGES = ("en", "fr", "es", "ru", "ar", "zh")  # the languages undocs.org serves


def find_references(text: str) -> tuple[Reference, ...]:
    """Every citation of a UN document in `text`, in order: its character range and its symbol.
    (Every symbol and every resolution number has a decimal digit, and a "/" ("A/78/482", "46/182")
    or a "(" ("2712 (2023)", "1514 (XV)"): a text without them cites none, and is not scanned.)"""
    if "/" not in text and "(" not in text or _DIGIT.search(text) is None:
        return ()
    return _Scanner(text).scan()


_DIGIT = re.compile(r"\d")


def undocs_url(symbol: str, language: str = "en") -> str:
    """The UN's document resolver for `symbol`: https://undocs.org/en/A/RES/46/182 (English when
    `language` is not one of the six the resolver serves)."""
    lang = language.lower() if language.lower() in UN_LANGUAGES else "en"
    path = symbol if _URL_SAFE.fullmatch(symbol) else quote(symbol, safe="/().-")  # as most symbols are
    return f"{UNDOCS}/{lang}/{path}"


_URL_SAFE = re.compile(r"[A-Za-z0-9_.~/()-]*")  # what `quote(..., safe="/().-")` leaves as it is


# --- the tokens ------------------------------------------------------------------------------------

_BLANK = " \u00a0\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f"  # the spaces of forms.SPACE

_SYMBOL = (
    rf"(?<![A-Za-z0-9./@\-\u2011])(?P<symbol>(?P<first>{_ONE_SYMBOL})(?P<suffix>{_SESSION_SUFFIX})?"
    rf"(?:{_HY}{_ONE_SYMBOL}){{0,3}})(?![A-Za-z0-9/])"
)
# Resolution numbers as they follow the word "resolution": 46/182, 77/253 B, S-27/2, ES-11/1,
# 2019/15; 2712 (2023); 1514 (XV), 217 A (III), 1874 (S-IV).
_NUMBER = (
    r"(?<![A-Za-z0-9./\-\u2011])(?:"
    rf"(?P<old>\d{{1,4}})(?:{_SP}[A-Z])?{_SP}\((?P<roman>(?:E?S{_HY})?[IVXL]{{1,7}})\)"
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
# Every token opens with a capital (a symbol's series, a body's name), a digit (a number; "E" or "S"
# of "ES-11/1"), "r" or "d" ("resolution", "decision"), and after no ASCII letter or digit (what
# each one's look-behind or word boundary asks): the two assertions pass over every other position
# at once instead of trying the four alternatives there. (Ranges, not `\d`: every digit beyond
# ASCII is beyond \x7f, and a class of ranges is read from a table where `\d` asks the Unicode
# database for each character; the scan in 0.8 of the time.)
_TOKEN_START = "(?=[0-9A-Zrd\x80-\U0010ffff])(?<![A-Za-z0-9])"
_TOKENS = re.compile(f"{_TOKEN_START}(?:{_SYMBOL}|{_NUMBER}|{_KEYWORD}|{_ORGAN})")


# --- the bodies ------------------------------------------------------------------------------------


class _Organ(Enum):
    GENERAL_ASSEMBLY = "A/RES"
    SECURITY_COUNCIL = "S/RES"
    ECONOMIC_AND_SOCIAL_COUNCIL = "E/RES"
    HUMAN_RIGHTS_COUNCIL = "A/HRC/RES"
    COUNCIL = "council"  # "Council resolution" with no council named before: the number decides
    OTHER = "other"  # any other body: its numbers are no UN document symbols


_COUNCILS = (_Organ.SECURITY_COUNCIL, _Organ.ECONOMIC_AND_SOCIAL_COUNCIL, _Organ.HUMAN_RIGHTS_COUNCIL)
_NAME_WORD = r"[A-Z][\w\u2019'\-\u2011]*"
_NAME_BEFORE = rf"(?:{_NAME_WORD}{_SP}+(?:(?:and|of|on|for|the){_SP}+){{0,2}}){{0,6}}"
_WORDS_BEFORE = re.compile(rf"{_NAME_BEFORE}$")


def _classify(text: str, start: int, end: int, noun: str) -> _Organ:
    """Which body the head noun at text[start:end] names, from the words just before and after it."""
    named = _WORDS_BEFORE.search(text, max(0, start - 40), start)
    words = named.group().split() if named else []
    last = words[-1] if words else ""
    if noun == "ECOSOC":
        return _Organ.ECONOMIC_AND_SOCIAL_COUNCIL
    if noun == "Assembly":  # "the Assembly", "General Assembly", "the Commission and the Assembly"
        if last in ("General", "The") or not last[:1].isupper():
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
    if last[:1].isupper() and last != "The" or re.match(rf"{_SP}of{_SP}[A-Z]", text[end : end + 4]):
        return _Organ.OTHER  # Governing Council, Trusteeship Council, Council of Europe
    return _Organ.COUNCIL


@dataclass(frozen=True, slots=True)
class _Mention:
    """A body named in the text: its head noun's range, and the body ("the Council" resolved to
    the council named before it)."""

    start: int
    end: int
    organ: _Organ


# --- the clause around the word "resolution" -----------------------------------------------------

# A body's name just before the word: "Human Rights Council resolution", "Commission on the Status
# of Women resolution" (the name may run on after its head noun).
_QUALIFIER = re.compile(
    rf"(?:{_NAME_WORD}|of|on|for|and|the|against|in)(?:{_SP}+(?:{_NAME_WORD}|of|on|for|and|the|against|in)){{0,12}}"
    rf"{_SP}+$"
)
# "its resolution", or a preposition that takes the body named before it: "in resolution".
_ITS = re.compile(rf"\b(?P<word>its|in|by|of){_SP}+$")
_ITS_REACH = 120
# The words between a body's name and "its resolution" when "its" is that body's: "by the Security
# Council in its", "the Human Rights Council, in its", "the Environment Assembly at its fifth
# session, in its", "the decision of the General Assembly in paragraph 3 of its".
_NAME_TAIL = rf"(?:{_SP}+(?:of|on|for|to)(?:{_SP}+(?:{_NAME_WORD}|and|the|of|to|against|on)){{1,10}})?"
_GOVERNS = re.compile(
    rf"{_NAME_TAIL}(?:{_SP}+at{_SP}+its{_SP}+[^,;]{{0,60}}?session)?(?P<comma>,)?{_SP}*"
    rf"(?P<as>as{_SP}+[a-z]+{_SP}+)?(?:in|by|of)(?P<more>{_SP}+[^;]{{0,50}}?{_SP}+(?:of|to))?{_SP}*"
)
_AGENT = re.compile(rf"\b(?:by|of){_SP}+(?:the{_SP}+)?{_NAME_BEFORE}$")
_DATE = rf"\d{{1,2}}{_SP}[A-Z][a-z]{{2,8}}{_SP}\d{{4}}"
# A body named just after the list: "resolution 5/5 of 2 March 2022 of the United Nations
# Environment Assembly"; and the council that "its" announces: "through its resolution 54/18 of
# 12 October 2023, the Human Rights Council ...".
_BODY_AFTER = re.compile(
    rf"(?:{_SP}+of{_SP}+{_DATE})?,?{_SP}+(?:adopted{_SP}+)?(?:of|by){_SP}+the{_SP}+{_NAME_BEFORE}"
    rf"(?P<noun>Assembly|Council|Commission|Conference|Committee|Board|Parties|ECOSOC)\b"
)
_COUNCIL_AFTER = re.compile(
    rf"(?:{_SP}+of{_SP}+{_DATE})?,{_SP}+the{_SP}+(?:{_NAME_WORD}{_SP}+(?:and{_SP}+)?){{1,3}}(?P<noun>Council)\b"
)
# A new clause of the resolution's own sentence: what follows it is the author's again. (";", or
# "," or "and" then a verb; the pattern consumes the first character of each and looks behind for
# it, so that the engine skips to the characters a boundary opens with instead of trying the
# alternatives at every position: the clause's search in 0.4 of the time.)
_CLAUSE_VERB = (
    rf"{_SP}+(?:also{_SP}+|further{_SP}+|in{_SP}+this{_SP}+regard{_SP}+)?"
    r"(?:recall|reaffirm|not|welcom|recogniz|stress|emphasiz|acknowledg|reiterat|bear|tak|express|underlin|consider"
    r"|hav|decid|request|call|urg|invit|encourag|commend)(?:ing|es|s|e)?\b"
)
_NEW_CLAUSE = re.compile(rf"[;,a](?:(?<=;)|(?<=,){_CLAUSE_VERB}|(?<=\ba)nd{_CLAUSE_VERB})")
_CLAUSE_REACH = 600  # how far back the same clause reaches (the titles of resolutions are long)
_NEAR = 40  # "the report to the Human Rights Council submitted pursuant to resolutions ..."
_RESOLUTIONS_OF = re.compile(rf"resolutions?{_SP}+(?:\w+{_SP}+){{0,2}}(?:of|by){_SP}+the{_SP}+(?:\S+{_SP}+){{0,6}}$")
# "A/56/1026-S/2002/932, annex II, resolution 14/221": a resolution found in a cited document, the
# resolution of the body whose report that is; Supplement No. 53 of the Assembly's Official
# Records is the report of the Human Rights Council.
_LOCATOR = re.compile(
    rf"(?:\)|\d|[IVX]|[A-Z]\.?),{_SP}+(?:chap|sect|para|paras|annex|part|appendix)\b[^;]{{0,40}},{_SP}+$"
)
_HRC_REPORT = re.compile(r"A/\d{1,2}/53(?:/Add\.\d{1,2})?")

# Between two numbers of one list: anything short that ends in a list separator ("46/152 of
# 16 December 1991, 60/1 and ..."); before the first, nothing, or a short phrase ending in
# "including" ("resolutions on the follow-up to the Assembly, including 78/177").
_LIST_SEPARATOR = re.compile(
    rf"(?:,|;|\band|\bor|\bas{_SP}well{_SP}as|\bto|\bthrough"
    rf"|,(?:{_SP}+[a-z]+){{1,3}}{_SP}+(?:by|in))"  # "..., supplemented by 2664 (2022)", ", as amended by"
    rf"{_SP}*$"
)
_LIST_GAP = 250  # the longest gap between two numbers of one list in the corpus is under 200
_INCLUDING = re.compile(rf"[^;]{{0,150}}\b(?:including|in{_SP}particular|notably|especially),?{_SP}+")


@dataclass(slots=True)
class _Run:
    """The word "resolution(s)" or "decision(s)", and the numbers that follow it."""

    keyword: re.Match[str]
    organ: _Organ | None  # None: nothing before the numbers says (decided when the run closes)
    items: list[re.Match[str]] = field(default_factory=list)

    @property
    def end(self) -> int:
        return self.items[-1].end() if self.items else self.keyword.end()

    @property
    def decision(self) -> bool:
        return self.keyword["keyword"].lower().startswith("decision")


class _Scanner:
    """One pass over `text`: written symbols at once, resolution numbers when their run closes."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.references: list[Reference] = []
        self.mentions: list[_Mention] = []
        self.last_council: _Organ | None = None  # the council "the Council" is
        self.last_symbol: re.Match[str] | None = None
        self.run: _Run | None = None
        self.said: tuple[_Organ, int] | None = None  # the body the last run was said to be of, its end
        self.bodies: dict[str, _Organ] = {}  # a number cited with its body named: the same number again

    def scan(self) -> tuple[Reference, ...]:
        for token in _TOKENS.finditer(self.text):
            if token["symbol"]:
                self.written_symbol(token)
            elif token["keyword"]:
                self.close_run()
                self.run = _Run(token, self.organ_before(token))
            elif token["organ"]:
                self.mentions.append(self.mention(token.start("organ"), token.end("organ"), token["organ"]))
            else:
                self.number(token)
        self.close_run()
        return tuple(sorted(self.references, key=lambda r: r.start))

    def mention(self, start: int, end: int, noun: str) -> _Mention:
        organ = _classify(self.text, start, end, noun)
        if organ in _COUNCILS:
            self.last_council = organ
        elif organ is _Organ.COUNCIL and self.last_council:
            organ = self.last_council
        return _Mention(start, end, organ)

    def written_symbol(self, token: re.Match[str]) -> None:
        symbol, end = token["first"], token.end()
        if not any(c.isdigit() for c in symbol):  # "A/B", "S/he": every UN symbol has a number in it
            return
        if token["suffix"] and "/RES/" in symbol:
            symbol += token["suffix"]
        elif token["suffix"]:  # a year in parentheses after another kind of symbol is not part of it
            end = token.end("first")
        self.last_symbol = token
        self.references.append(Reference(token.start(), end, _canonical(symbol)))

    def number(self, token: re.Match[str]) -> None:
        run = self.run
        if run is None:
            return
        gap = self.text[run.end : token.start()]
        if run.items:
            accepted = len(gap) <= _LIST_GAP and _LIST_SEPARATOR.search(gap) is not None
        else:
            accepted = not gap.strip(_BLANK) or _INCLUDING.fullmatch(gap) is not None
        if accepted:
            run.items.append(token)
        else:
            self.close_run()

    # --- which body's resolutions -------------------------------------------------------------

    def organ_before(self, keyword: re.Match[str]) -> _Organ | None:
        """The body the word "resolution(s)" belongs to, from what stands before it: a name
        ("Human Rights Council resolution"), or the body "its" refers to ("the Council, in its
        resolution"; "the Environment Assembly, in resolution"); None if nothing says."""
        start = keyword.start()
        window_start = max(0, start - 120)
        last = self.mentions[-1] if self.mentions else None
        # A qualifier starts in the window: a body named before it is not the qualifier's (not searched for).
        if last and last.start >= window_start:
            qualifier = _QUALIFIER.search(self.text, window_start, start)
            if qualifier and last.start >= qualifier.start():
                return last.organ
        its = _ITS.search(self.text, window_start, start)
        if not its:
            return None
        upto = its.start() if its["word"] == "its" else its.end("word")  # "the Council, in resolution"
        if last and its.start() - last.end <= _ITS_REACH and self.governs(last, upto):
            return last.organ
        return _Organ.GENERAL_ASSEMBLY if its["word"] == "its" else None

    def governs(self, mention: _Mention, upto: int) -> bool:
        """Whether the "its" (or preposition) that ends at `upto` is the body named at `mention`."""
        gap = _GOVERNS.fullmatch(self.text, mention.end, upto)
        if gap is None:
            return False
        if gap["as"] and mention.organ is _Organ.OTHER:  # "the Committee, as contained in its": the author's
            return False
        if gap["comma"] or not (gap["as"] or gap["more"]):  # "the Council, in its"; "the Council in its"
            return True
        return _AGENT.search(self.text, max(0, mention.start - 80), mention.start) is not None

    def organ_unsaid(self, run: _Run) -> _Organ:
        """For "resolution 5/5" with nothing before it: a body named just after the list, the
        document the resolution is found in, the body of the citation before it in the same
        clause or a council named just before, the body whose resolutions the clause is about;
        else the General Assembly."""
        after = _BODY_AFTER.match(self.text, run.end, min(len(self.text), run.end + 160))
        if after:
            return self.mention(after.start("noun"), after.end("noun"), after["noun"]).organ
        start = run.keyword.start()
        symbol = self.last_symbol
        if symbol and start - symbol.end() <= 80 and _LOCATOR.search(self.text, max(0, start - 80), start):
            return _Organ.HUMAN_RIGHTS_COUNCIL if _HRC_REPORT.fullmatch(symbol["first"]) else _Organ.OTHER
        clause = self.clause_start(start)
        if self.said and self.said[1] >= clause:
            return self.said[0]
        for mention in reversed(self.mentions):
            if mention.end > start:
                continue
            if mention.end < clause:
                break
            if start - mention.end <= _NEAR and mention.organ in _COUNCILS:
                return mention.organ
            if _RESOLUTIONS_OF.search(self.text, max(0, mention.start - 120), mention.start):
                return mention.organ
        return _Organ.GENERAL_ASSEMBLY

    def clause_start(self, position: int) -> int:
        """Where the clause that `position` is in starts (at most _CLAUSE_REACH back)."""
        start = max(0, position - _CLAUSE_REACH)
        for boundary in _NEW_CLAUSE.finditer(self.text, start, position):
            start = boundary.end()
        return start

    def named_after(self, run: _Run) -> _Organ | None:
        """For "through its resolution 54/18 of 12 October 2023, the Human Rights Council decided":
        the council named right after an "its" that nothing before explains."""
        if not _ITS.search(self.text, max(0, run.keyword.start() - 8), run.keyword.start()):
            return None
        after = _COUNCIL_AFTER.match(self.text, run.end, min(len(self.text), run.end + 80))
        if not after:
            return None
        organ = _classify(self.text, after.start("noun"), after.end("noun"), "Council")
        return organ if organ in _COUNCILS else None

    def close_run(self) -> None:
        run, self.run = self.run, None
        if run is None:
            return
        said = run.organ
        if said is not None:
            self.said = (said, run.end)
            for item in run.items:
                self.bodies.setdefault(_number_key(item), said)
        if run.decision or not run.items:
            return
        organ = said if said is not None else self.organ_unsaid(run)
        if said is _Organ.GENERAL_ASSEMBLY:
            organ = self.named_after(run) or organ
        for item in run.items:
            body = organ if said is not None else self.bodies.get(_number_key(item), organ)
            symbol = _resolution_symbol(body, item)
            if not symbol and said is None and body in _COUNCILS:  # a council's list, then the Assembly's
                symbol = _resolution_symbol(_Organ.GENERAL_ASSEMBLY, item)
            if symbol:
                self.references.append(Reference(item.start(), item.end(), symbol))


# --- symbols ---------------------------------------------------------------------------------------

_FIRST_NUMBERED_SESSION = 31  # the Assembly's first session with resolutions numbered session/number (1976)
_YEAR = re.compile(r"19[4-9]\d|20\d\d")
_NUMBERED_BY_SESSION = (_Organ.GENERAL_ASSEMBLY, _Organ.HUMAN_RIGHTS_COUNCIL)  # 46/182, 54/6


def _resolution_symbol(organ: _Organ, number: re.Match[str]) -> str:
    """The symbol of resolution `number` of `organ`; "" when the organ issues no such number."""
    if organ is _Organ.OTHER:
        return ""
    if number["year"]:  # only the Security Council numbers its resolutions by year
        return f"S/RES/{number['sc']}({number['year']})"
    if number["old"]:  # the old style: the number and the session in Roman numerals
        if organ in (_Organ.GENERAL_ASSEMBLY, _Organ.ECONOMIC_AND_SOCIAL_COUNCIL):
            return f"{organ.value}/{number['old']}({_canonical(number['roman'])})"
        return ""
    session, seq = _canonical(number["session"]), number["seq"]
    yearly = _YEAR.fullmatch(session) is not None  # the Economic and Social Council's: 2019/15
    if yearly and organ in (_Organ.ECONOMIC_AND_SOCIAL_COUNCIL, _Organ.COUNCIL):
        return f"E/RES/{session}/{seq}"
    if yearly or len(seq) > 3 or seq.startswith("0") or organ not in _NUMBERED_BY_SESSION:
        return ""
    if organ is _Organ.HUMAN_RIGHTS_COUNCIL:
        return f"A/HRC/RES/{session}/{seq}"
    if session.isdigit() and not _FIRST_NUMBERED_SESSION <= int(session) <= 99:
        return ""  # "resolution 10/4" is not the Assembly's
    return f"A/RES/{session}/{seq}{number['part'] or ''}"


def _number_key(number: re.Match[str]) -> str:
    return _canonical(number.group())


_HYPHENS = re.compile(_HY)
_SPACES = re.compile(f"{_SP}+")


def _canonical(symbol: str) -> str:
    """A symbol as undocs.org takes it: no spaces, plain hyphens. (An ASCII symbol, as nearly every
    one is, has no hyphen but the plain one and no space but the plain one.)"""
    if symbol.isascii():
        return symbol.replace(" ", "")
    return _SPACES.sub("", _HYPHENS.sub("-", symbol))
