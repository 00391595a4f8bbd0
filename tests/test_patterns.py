"""Every regular expression in the package runs in linear time on adversarial input.

The patterns are found, not listed by hand: every compiled `re.Pattern` at the top of a module of
`resolution_cli` (imported from its module), and every pattern literal passed to `re.search`,
`re.match`, ... in the code (found in the source). `CASES` below must name each of them, so a new
pattern cannot land untested; it gives the crafted inputs that reach the pattern's ambiguous part
(a prefix that makes an anchored pattern go on, a pump to repeat, a suffix that makes it fail).
Beside those, every pattern gets pumps built from its own characters.

Linear time is judged by growth, not by a threshold: the time of a pump repeated 4n times must be
less than 2.5 times that of four runs of n repetitions, the same characters (linear is 1, quadratic
4, exponential never ends; an alarm ends a run that takes seconds).
"""

from __future__ import annotations

import ast
import importlib
import itertools
import pkgutil
import re
import signal
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from re import _constants as sre_constants  # the parser re itself uses
from re import _parser as sre_parse
from types import FrameType, ModuleType

import pytest

import resolution_cli
from resolution_cli.lazy import LazyPattern

_REGEX_FUNCTIONS = {"compile", "match", "search", "fullmatch", "sub", "subn", "split", "finditer", "findall"}


def _modules() -> Iterator[str]:
    yield resolution_cli.__name__
    for info in pkgutil.walk_packages(resolution_cli.__path__, f"{resolution_cli.__name__}."):
        if not info.name.endswith(".__main__"):  # importing it runs the command
            yield info.name


def _inline_literals(tree: ast.Module) -> Iterator[tuple[str, int, str]]:
    """(pattern, flags, function) of each literal pattern passed to a `re` function in `tree`."""
    named = {id(n.value) for n in tree.body if isinstance(n, (ast.Assign, ast.AnnAssign))}  # by name above
    for node in ast.walk(tree):
        if id(node) in named or not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
            continue
        owner, function = node.func.value, node.func.attr
        if not (isinstance(owner, ast.Name) and owner.id == "re" and function in _REGEX_FUNCTIONS and node.args):
            continue
        first = node.args[0]
        if isinstance(first, ast.Constant) and isinstance(first.value, str):
            flags = next((k.value for k in node.keywords if k.arg == "flags"), None)
            position = 4 if function in ("sub", "subn") else 3 if function == "split" else 2
            if flags is None and len(node.args) > position:
                flags = node.args[position]
            yield first.value, _flags_of(flags), function


def _method_calls(tree: ast.Module) -> Iterator[tuple[str, str]]:
    """(name, method) of each call such as `_REPORT.match(...)`."""
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in _REGEX_FUNCTIONS
            and isinstance(node.func.value, ast.Name)
        ):
            yield node.func.value.id, node.func.attr


def _flags_of(node: ast.expr | None) -> int:
    if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "re":
        return int(getattr(re, node.attr))
    return 0


@dataclass(frozen=True)
class Found:
    pattern: re.Pattern[str]
    methods: frozenset[str]  # how the code calls it: "search" (or finditer, sub ...), "match", "fullmatch"


def _source_file(module: ModuleType) -> Path:
    """The Python source of `module`, also where a compiled build (mypyc) imports an extension beside it."""
    path = Path(module.__file__ or "")
    return path if path.suffix == ".py" else path.with_name(path.name.split(".")[0] + ".py")


def package_patterns() -> dict[str, Found]:
    """Every pattern of the package by key: "module:NAME" for a module's pattern, "module:<pattern>"
    for a literal in the code."""
    named: dict[str, re.Pattern[str]] = {}
    found: dict[str, Found] = {}
    methods: dict[str, set[str]] = {}
    for name in _modules():
        module = importlib.import_module(name)
        short = name.removeprefix("resolution_cli.")
        source = _source_file(module).read_text(encoding="utf-8")
        tree = ast.parse(source)
        for attribute, value in vars(module).items():
            if isinstance(value, LazyPattern) and _defined_in(attribute, source):  # compiled on first use
                value = value.compiled
            if isinstance(value, re.Pattern) and isinstance(value.pattern, str) and _defined_in(attribute, source):
                named[f"{short}:{attribute}"] = value
        for literal, flags, function in _inline_literals(tree):
            found[f"{short}:{literal}"] = Found(re.compile(literal, flags), _runs({function}))
        for variable, method in _method_calls(tree):
            methods.setdefault(variable, set()).add(method)
    for key, pattern in named.items():
        found[key] = Found(pattern, _runs(methods.get(key.partition(":")[2], set())))
    return found


def _runs(calls: set[str]) -> frozenset[str]:
    """The ways to time a pattern the code calls so: search for all but match and fullmatch (a
    pattern handed around under another name is timed with search, the costliest)."""
    anchored = calls & {"match", "fullmatch"}
    return frozenset(anchored | ({"search"} if calls - anchored or not calls else set()))


def _defined_in(attribute: str, source: str) -> bool:
    """True when `source` assigns the pattern (not when it only imports it from elsewhere)."""
    return re.search(rf"^{re.escape(attribute)}\b[^=\n]*=\s*(?:re\.compile|LazyPattern)\(", source, re.M) is not None


@dataclass(frozen=True)
class Pump:
    """`prefix + pump * n + suffix`."""

    pump: str
    prefix: str = ""
    suffix: str = "\x00"


# The crafted inputs, pattern by pattern. An empty tuple: the generated pumps cover the pattern
# (it has no literal prefix to get past before its repeats). The two the issue found are first.
_REPORT_PREFIX = "[on the report of the Third Committee ("
CASES: dict[str, tuple[Pump, ...]] = {
    "parse.masthead:_REPORT": (
        Pump("((((a)", _REPORT_PREFIX),
        Pump("(a)", _REPORT_PREFIX),
        Pump(" ", "[on the report of the", "x"),
        Pump("a ", "[on the report of the "),
        Pump("(a) ", _REPORT_PREFIX, "x"),
        Pump(")", _REPORT_PREFIX, " x"),
        Pump(") ", _REPORT_PREFIX, "x"),
        Pump(")]", _REPORT_PREFIX, "x"),
    ),
    "exporters.akn:(?:(?P<kind>ES|S)-)?(?P<n>\\d{1,2})": (),
    "exporters.akn:(\\d{4})-(\\d{2})-(\\d{2})": (),
    "exporters.akn:[^\\W_]+": (),
    "exporters.akn:_NOT_XML": (),
    "exporters.markdown:BULLET_NUM": (),
    "exporters.markdown:ORDERED_NUM": (),
    "exporters.markdown:SECTION_NUM": (),
    "exporters.markdown:_FOOTNOTE_DEF_START": (),
    "exporters.markdown:_YAML_PLAIN": (),
    "frbr:[\\s/]+": (),
    "frbr:[^\\w.\\-]": (),
    "parse.build:\\s+": (),
    "parse.build:_ANNEX": (Pump(" ", "Annex", "\n"), Pump(" - ", "Annex I", "\n")),
    "parse.build:_CLOSES": (),
    "parse.build:_DATE_ONLY": (),
    "parse.build:_MEETING": (),
    "parse.build:_PLENARY_AND_DATE": (),
    "parse.dates:DAY_MONTH_YEAR": (),
    "parse.dates:MONTH_DAY_YEAR": (),
    "parse.masthead:\x00(\\d+)\x00": (),
    "parse.masthead:,\\s*|(?<!\\s)\\s+and\\s+": (),
    "parse.masthead:DRAFT_LINE": (),
    "parse.masthead:NUMBERED_TITLE": (),
    "parse.masthead:SC_ADOPTED": (),
    "parse.masthead:SC_YEARBOOK_TITLE": (),
    "parse.masthead:SPONSORS": (Pump(": "), Pump("a:", "", " draft"), Pump(":*, ", "Armenia")),
    "parse.masthead:SUBMITTED_BY": (),
    "parse.masthead:[.;]$": (),
    "parse.masthead:_ADOPTED_BY": (),
    "parse.masthead:_DRAFT_ALONE": (Pump(" *", "Draft resolution", "x"), Pump("*", "Draft decisions")),
    "parse.masthead:_AGENDA_OF": (Pump(" of the ", "Item 1"), Pump("1 ", "Items "), Pump(" ", "Item 1", " of the x")),
    "parse.masthead:_ON_BEHALF": (
        Pump(" ", "On behalf of", "\x00"), Pump(" ", "On behalf of x", "."), Pump("a ", "On behalf of ")
    ),
    "parse.masthead:_ADOPTED_AS": (Pump("/", "[S"), Pump("]", "[A/"),),
    "parse.masthead:_STARS": (Pump("*", "a"), Pump("a*")),
    "parse.build:_APPENDIX": (),
    "parse.build:_BULLET": (Pump(" ", "•", "\n"), Pump(" ", "–")),
    "parse.build:_COUNCIL_CLOSING": (
        Pump(" at the ", "Adopted"), Pump("1st ", "Adopted at the "), Pump(" ", "Adopted", ".")
    ),
    "parse.build:_SEPARATOR": (Pump(" *", "*"), Pump(" ", "* *", "x"), Pump("* "),),
    "readers.text:_ANNEX_LINE": (),
    "readers.text:_ENDS_RECITAL": (Pump(" ", ",", "x"), Pump(", 1"), Pump(",", "", " 1x")),
    "readers.text:_NUMBERED_WORDS": (Pump(" ", "of", "x"), Pump("of "), Pump(". ", "Article", "x")),
    "readers.text:_DIGIT_RUN": (),
    "readers.text:_STANDALONE_NUMBER": (Pump("1"), Pump(" 1", "", "x"), Pump("1.", "", "1")),
    "readers.text:_SLASH_FOOTNOTE": (Pump(" ", "1/", "\n"),),
    "readers.text:_SPACED_CALL": (Pump(" ", ",", "x"), Pump(", ", "", "x"), Pump(",  1", "", "x")),
    "readers.markdown::?-+:?": (Pump("-", ":", "x"),),
    "exporters.akn:[.;:,]\\s*$": (Pump(" ", ".", "x"), Pump(". "), Pump(".", "", " x")),
    "readers.pdf.layout:_GOES_ON": (Pump(";", "", "x"),),
    "readers.pdf.tables:_NOTE_CALL": (),
    "parse.masthead:_AGENDA": (Pump(" ", "Agenda item 1", "x"), Pump("1 ", "Agenda items ", "\n")),
    "parse.masthead:_COMMITTEE": (),
    "parse.masthead:_DISTRIBUTION": (),
    "parse.masthead:_FURNITURE": (),
    "parse.masthead:_HRC_ADOPTED": (),
    "parse.masthead:_ORIGINAL": (),
    "parse.masthead:_SC_NUMBER": (),
    "parse.masthead:_SESSION": (),
    "parse.dates:_ISO": (),
    "parse.source:_SPACES": (),
    "parse.vocabulary:FORMULA": (Pump("A of ", "The ", "x"), Pump(" ", "The General Assembly", "x")),
    "parse.vocabulary:_ING_OR_ADJ": (),
    "parse.vocabulary:_VERB_S": (),
    "readers.akn:#(?P<kind>[a-z]+)Distribution": (),
    "readers.akn:/(?P<kind>ES|S)-(?P<n>\\d+)/": (),
    "readers.akn:/deliberation/(?P<body>[^/]+)/": (),
    "readers.akn:Distr\\.?:?\\s*(?P<kind>\\w+)": (),
    "readers.akn:H\\d+": (),
    "readers.akn:\\d{1,3}\\.|\\([a-z]{1,4}\\)": (),
    "readers.akn:^on behalf of\\s+": (Pump(" ", "on behalf of", "x"),),
    "readers.akn:\\s+": (),
    "readers.akn:^Resolution\\s+": (),
    "readers.akn:^[^:：]*[:：]\\s*": (),
    "readers.akn:_ANNEX_HEADING": (),
    "readers.akn:_SC_NUMBER": (),
    "readers.akn:on the report of the (?P<committee>[^(]++)\\(": (),
    "readers.markdown:[0-9A-Fa-f]+": (),
    "readers.markdown:_BULLET": (),
    "readers.markdown:_DEFINITION": (),
    "readers.markdown:_ENTITY": (),
    "readers.markdown:_HATCH_ATTRIBUTE": (),
    "readers.markdown:_HEADING": (),
    "readers.markdown:_KEY": (),
    "readers.markdown:_ORDERED": (),
    "readers.text:_BULLET": (),
    "readers.text:_DATE_LIKE": (),
    "readers.text:_EMPHASIS": (),
    "readers.text:_OPENS_CHUNK": (Pump("A of ", "The ", "x"), Pump(" ", "The General Assembly", "x")),  # has FORMULA
    "readers.text:_SMALL_WORD_END": (),
    "readers.text:_STANDS_ALONE": (Pump("A of ", "The ", "x"), Pump(" ", "The General Assembly", "x")),  # has FORMULA
    "readers.text:_NUMBERED_LINE": (),
    "readers.text:_PLAIN_FOOTNOTE": (Pump(" ", "1", "a"),),
    "readers.text:_SUPER_FOOTNOTE": (),
    "readers.text:_CALLS": (),
    "readers.text:_ANY_CALLS": (),
    "readers.text:_SUPERSCRIPT_CALLS": (),
    "addresses:_NOT_ID": (),
    "cli.app:'(-{1,2}[\\w-]+)'": (),
    "cli.app:_MISSING": (),
    "cli.app:_OPTION_NAMES": (),
    "cli.common:_BRACED": (),
    "cli.common:_TYPE_TAG": (),
    "diff.words:_FOLDED": (),
    "diff.words:_TOKEN": (),
    "forms:(\\d{1,9})\\.": (),
    "forms:BARE_NUMBER": (),
    "forms:FOOTER": (),
    "forms:FURNITURE": (),
    "forms:HEADING_ALONE": (),
    "forms:HEADING_LINE": (),
    "forms:HEADING_NUM": (),
    "forms:NUMBERED_LINE": (),
    "forms:OPERATIVE_NUM": (),
    "forms:SUB_NUM": (),
    "forms:SYMBOL": (Pump("/A", "A"), Pump("/1", "S"), Pump("/Rev.1", "A/1", "/"), Pump(" (2023)", "S/RES/1")),
    "forms:[A-Z]": (),
    "forms:[IVXLC]{1,7}": (),
    "forms:\\(([a-z])\\)": (),
    "forms:_ROMAN": (),
    "references:_AGENT": (),
    "references:_BODY_AFTER": (),
    "references:_COUNCIL_AFTER": (),
    "references:_DIGIT": (),  # one character class: nothing to pump
    "references:_GOVERNS": (),
    "references:_HRC_REPORT": (),
    "references:_INCLUDING": (),
    "references:_ITS": (),
    "references:_LIST_SEPARATOR": (),
    "references:_LOCATOR": (),
    "references:_NEW_CLAUSE": (),
    "references:_QUALIFIER": (),
    "references:_RESOLUTIONS_OF": (),
    "references:_TOKENS": (Pump("/A", "A"), Pump("/1", "S"), Pump(" ", "resolution 1"), Pump("1/1, ", "resolutions ")),
    "references:_HYPHENS": (),  # one character class: nothing to pump
    "references:_SPACES": (),
    "references:_URL_SAFE": (),
    "references:_WORDS_BEFORE": (),
    "references:_YEAR": (),
    "exporters.markdown:WRITTEN_BULLET_NUM": (),
    "exporters.markdown:WRITTEN_ORDERED_NUM": (),
    "exporters.markdown:_LIST_MARKER": (),
    "parse.masthead:_DISTRIBUTION_LINE": (),
    "parse.masthead:_SYMBOL_LINE": (),
    "readers.markdown:_UNCALLED": (),
    "readers.pdf.layout:_HYPHEN_AT_END": (),
    "readers.pdf.layout:_MARKER_CHARS": (),
    "readers.pdf.layout:_WHITESPACE": (),
}


def _alphabet(pattern: re.Pattern[str]) -> list[str]:
    """Characters the pattern names (its literals and a member of each class), and a few more."""
    chars: set[str] = set(" a1A(),.-\n")
    for op, argument in _walk(sre_parse.parse(pattern.pattern, pattern.flags)):
        if op is sre_constants.LITERAL:
            chars.add(chr(argument))
        elif op is sre_constants.IN:
            for item_op, item in argument:
                if item_op is sre_constants.LITERAL:
                    chars.add(chr(item))
                elif item_op is sre_constants.RANGE:
                    chars.add(chr(item[0]))
    return sorted(chars)


def _walk(parsed: sre_parse.SubPattern) -> Iterator[tuple[object, object]]:
    for op, argument in parsed:
        yield op, argument
        for part in argument if isinstance(argument, (tuple, list)) else ():
            if isinstance(part, sre_parse.SubPattern):
                yield from _walk(part)
            elif isinstance(part, (tuple, list)):
                for sub in part:
                    if isinstance(sub, sre_parse.SubPattern):
                        yield from _walk(sub)


_GROUPS = (sre_constants.SUBPATTERN, sre_constants.ATOMIC_GROUP)


def _prefixes(parsed: sre_parse.SubPattern) -> Iterator[str]:
    """Texts that take an anchored pattern past its first parts: an example of each leading run of
    its top-level items (groups opened), so a pump reaches the repeats further in."""
    done = ""
    for op, argument in parsed:
        if op in _GROUPS:
            inner = argument[-1] if op is sre_constants.SUBPATTERN else argument
            for prefix in _prefixes(inner):
                yield done + prefix
        done += _example(op, argument)
        yield done


def _example(op: object, argument: object) -> str:
    """A short text that the item matches."""
    if op is sre_constants.LITERAL:
        return chr(argument)  # type: ignore[arg-type]
    if op is sre_constants.IN:
        kind, value = argument[0]  # type: ignore[index]
        if kind is sre_constants.NEGATE:
            return "\x01"
        return chr(value[0] if kind is sre_constants.RANGE else value) if kind is not sre_constants.CATEGORY else "a"
    if op is sre_constants.ANY:
        return "a"
    if op in (sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT, sre_constants.POSSESSIVE_REPEAT):
        low, _, inner = argument  # type: ignore[misc]
        return "".join(_example(o, a) for o, a in inner) * low
    if op is sre_constants.SUBPATTERN:
        return "".join(_example(o, a) for o, a in argument[-1])  # type: ignore[index]
    if op is sre_constants.ATOMIC_GROUP:
        return "".join(_example(o, a) for o, a in argument)  # type: ignore[union-attr]
    if op is sre_constants.BRANCH:
        return "".join(_example(o, a) for o, a in argument[1][0])  # type: ignore[index]
    return ""


def generated_pumps(pattern: re.Pattern[str]) -> list[Pump]:
    """Every character and pair of characters of the pattern's alphabet repeated; every character
    also after each leading part of the pattern."""
    chars = _alphabet(pattern)
    prefixes = sorted(set(_prefixes(sre_parse.parse(pattern.pattern, pattern.flags))) - {""})
    singles = [Pump(c, prefix) for prefix in ["", *prefixes] for c in chars]
    pairs = [Pump(a + b) for a, b in itertools.combinations(chars, 2)]
    return singles + pairs


class _TooSlow(Exception):
    pass


def _alarm(signum: int, frame: FrameType | None) -> None:
    raise _TooSlow


def _seconds(run: Callable[[str], object], text: str, times: int = 1) -> float:
    """CPU seconds of this thread for `times` runs in a row, the best of two tries: the time other
    processes of a shared machine (or another pytest-xdist worker) take counts for nothing, and the
    better try leaves out a pause of our own. The thread's clock, not the process's: while the
    ITIMER_PROF alarm below is armed, Linux reads the process's CPU clock from a per-tick sample,
    so a run of half a millisecond read as 0 and a linear pattern looked superlinear."""
    best = float("inf")
    for _ in range(2):
        start = time.thread_time()
        for _ in range(times):
            run(text)
        best = min(best, time.thread_time() - start)
    return best


_LENGTH = 1000  # characters of pump in the short run; the long run has four times as many
# The long input (4n) against four runs of the short one (4 x n): the same characters, so linear
# is 1, quadratic 4. (Held against one short run, a run of microseconds timed as 0 once made a
# linear pattern look superlinear.)
_FACTOR = 2.5
_SLACK = 0.002  # seconds: timer noise on runs of microseconds
_ALARM = 5.0  # CPU seconds: a run this long is exponential, or quadratic at a size no input should take


def superlinear(found: Found, pump: Pump) -> str:
    """'' when `found` matches the pumped input in linear time (in each way the code calls it),
    else what went wrong."""
    repeats = max(1, _LENGTH // len(pump.pump))
    short = pump.prefix + pump.pump * repeats + pump.suffix
    long = pump.prefix + pump.pump * (4 * repeats) + pump.suffix
    previous = signal.signal(signal.SIGPROF, _alarm)
    signal.setitimer(signal.ITIMER_PROF, _ALARM)  # CPU time, as _seconds measures it
    try:
        for method in sorted(found.methods):
            run = getattr(found.pattern, method)
            for _ in range(3):  # a pause of the shared machine can look like growth once, not thrice
                small, large = _seconds(run, short, 4), _seconds(run, long)
                if large <= _FACTOR * small + _SLACK:
                    break
            else:
                return f"{method} {pump}: {small * 1000:.2f} ms for 4 runs of n, {large * 1000:.2f} ms for 4n"
    except _TooSlow:
        return f"{pump}: over {_ALARM:.0f} s"
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.signal(signal.SIGPROF, previous)
    return ""


PATTERNS = package_patterns()

# Patterns the code only ever runs over a window of bounded size (the characters just before or
# between two tokens), so one call costs a constant however long the text: each is held to a
# bound on its own window, not to linear growth (which a search from every start of an unbounded
# text would not show). key -> the window, as references.py slices it.
WINDOWED = {
    "references:_WORDS_BEFORE": 40,  # _WORDS_BEFORE.search(text, start - 40, start)
    "references:_QUALIFIER": 120,  # _QUALIFIER.search(text, start - 120, start)
    "references:_GOVERNS": 2 * 120,  # fullmatch between a mention and "its", at most _ITS_REACH apart
}
_WINDOW_BUDGET = 0.5  # seconds for one call on a whole window of adversarial text (exponential would be years)


def test_every_pattern_has_its_cases() -> None:
    missing = sorted(set(PATTERNS) - set(CASES))
    assert not missing, f"add these patterns to CASES in {Path(__file__).name}: {missing}"


def test_cases_name_real_patterns() -> None:
    assert not sorted(set(CASES) - set(PATTERNS))


@pytest.mark.parametrize("key", sorted(set(PATTERNS) - set(WINDOWED)))
def test_pattern_is_linear(key: str) -> None:
    found = PATTERNS[key]
    pumps = [*CASES.get(key, ()), *generated_pumps(found.pattern)]
    slow = [s for s in (superlinear(found, p) for p in pumps) if s]
    assert not slow, f"{key} ({found.pattern.pattern!r}) backtracks: {slow[:3]}"


@pytest.mark.parametrize("key", sorted(WINDOWED))
def test_windowed_pattern_is_bounded_on_its_window(key: str) -> None:
    found = PATTERNS[key]
    window = WINDOWED[key]
    for pump in [*CASES.get(key, ()), *generated_pumps(found.pattern)]:
        text = (pump.prefix + pump.pump * window)[:window]
        for method in sorted(found.methods):
            seconds = _seconds(getattr(found.pattern, method), text)
            assert seconds < _WINDOW_BUDGET, f"{key} {method} {pump}: {seconds * 1000:.1f} ms on {window} characters"
