"""The UN's document form: one home for each of its rules, imported wherever a rule is used.

- Paragraph and heading numbers: "1." (operative), "(a)" "(aa)" "(iv)" "(A)" "(1)" (sub-paragraphs),
  "I." "A." (headings of parts), the order they come in and the level each belongs to.
- Document symbols: "A/78/482", "S/RES/2712 (2023)", "A/C.3/80/L.11", "FCCC/CP/2015/10/Add.1".
- Page furniture: job numbers ("23-25976 (E)"), page counters ("2/5"), barcodes ("*2325976*").
- The footnote rule: the line of underscores above a page's footnotes.
- The organs: the name each is written with, its IRI component, its AKN actor id and TLC.

Decisions where readers used to disagree (each held by a test in tests/test_forms.py):
- A sub-paragraph letter is one letter, or one letter doubled or tripled as the UN continues after
  (z): (aa), (bb), (aaa). "(ab)" or "(see)" is text, not a number.
- Roman numerals are made of i, v, x, l, c; a lone "(i)" after "(h)" is the letter i ("(v)" after
  "(u)" likewise). A heading "C.", "D." or "L." alone is a letter (no resolution has fifty parts),
  a lone "I", "V" or "X" is roman unless it follows the letter before it ("I" after "H").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from resolution_cli.model import Organ, Record

# --- numbers -------------------------------------------------------------------------------------

_LETTER = r"(?P<letter>[a-z])(?P=letter){0,2}"  # a, aa, aaa
_ROMAN_LOWER = r"[ivxlc]{1,7}"
SUB_NUMBER = rf"\((?:{_LETTER}|{_ROMAN_LOWER}|[A-Z]|\d{{1,2}})\)"
OPERATIVE_NUM = re.compile(r"^(?P<num>\d{1,3}\.)(?:\s+|$)")
# "(a)", and "(b)." where a stray full stop follows the number (S/RES/2776 (2025), annex B).
SUB_NUM = re.compile(rf"^(?P<num>{SUB_NUMBER})\.?(?:\s+|$)")
HEADING_NUM = re.compile(r"^(?P<num>(?:[IVXLC]{1,7}|[A-Z])\.?)(?:\s+|$)")
# A line that opens with a paragraph or sub-paragraph number, as extracted text and PDF lines show it.
NUMBERED_LINE = re.compile(rf"^(?:\d{{1,3}}\.|{SUB_NUMBER})(?:\s|$)")
BARE_NUMBER = re.compile(rf"^(?:\d{{1,3}}\.|{SUB_NUMBER})$")  # "1." alone: its text follows
HEADING_ALONE = re.compile(r"^(?:[IVXLC]{1,7}|[A-Z])\.?$")  # "II" or "B." on a line of its own
HEADING_LINE = re.compile(r"^(?:[IVXLC]{1,7}|[A-Z])\.?(?:\s|$)")  # "II Activities of ...": a part heading

_ROMAN = re.compile(r"^[ivxlc]+$")
_ROMAN_VALUES = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100}


def roman_value(text: str) -> int:
    """'iv' -> 4, 'XL' -> 40."""
    text = text.lower()
    total = 0
    for char, following in zip(text, text[1:] + " ", strict=True):
        value = _ROMAN_VALUES[char]
        total += -value if _ROMAN_VALUES.get(following, 0) > value else value
    return total


def sub_kind(num: str, last_letter: str | None) -> str:
    """'letter', 'roman', 'capital' or 'digit' for a sub-paragraph number such as '(i)'.

    `last_letter` is the last lettered sibling seen at this point: '(i)' after '(h)' is a letter
    (as '(v)' after '(u)'); otherwise a number made of i, v, x ... is roman.
    """
    inner = num.strip("()")
    if inner.isdigit():
        return "digit"
    if inner.isupper():
        return "capital"
    if _ROMAN.match(inner):
        if last_letter and letter_follows(last_letter.strip("()"), inner):
            return "letter"
        return "roman"
    return "letter"


def letter_follows(previous: str, current: str) -> bool:
    """'h' -> 'i', 'u' -> 'v', 'hh' -> 'ii', 'H' -> 'I' (doubled letters after z)."""
    if len(previous) != len(current) or not previous.isalpha():
        return False
    return len(set(previous)) == 1 and len(set(current)) == 1 and ord(current[0]) == ord(previous[0]) + 1


def heading_level(num: str, previous: str = "") -> int:
    """1 for a part numbered in roman ("I", "IV."), 2 for a lettered one ("A", "C."), 3 otherwise.
    `previous` is the number of the heading before it at level 2, if any: "I" after "H" is a letter."""
    bare = num.strip().rstrip(".")
    if re.fullmatch(r"[A-Z]", bare) and (
        bare in ("C", "D", "L") or bare not in ("I", "V", "X") or letter_follows(previous.strip().rstrip("."), bare)
    ):
        return 2
    if re.fullmatch(r"[IVXLC]{1,7}", bare):
        return 1
    return 3


def expected_next(num: str) -> str | None:
    """The number that should follow `num` at the same level ('3.' -> '4.', '(b)' -> '(c)')."""
    if match := re.fullmatch(r"(\d{1,9})\.", num):  # longer is no paragraph number (and int() refuses 4,301 digits)
        return f"{int(match.group(1)) + 1}."
    if match := re.fullmatch(r"\(([a-z])\)", num):
        char = match.group(1)
        return f"({chr(ord(char) + 1)})" if char != "z" else "(aa)"
    return None


# --- document symbols ------------------------------------------------------------------------------

SPACE = "[ \u00a0\u2002-\u200a\u202f\u205f]"  # a space as the UN sets it: plain, no-break, en, thin ...
HYPHEN = "[-\u2010\u2011]"  # hyphen, Unicode hyphen, non-breaking hyphen
# The first element of a UN document symbol: the principal organs (A, S, E, T), the Secretariat
# (ST), and the series of the bodies, treaty bodies and conferences the UN issues documents for.
SYMBOL_ROOT = (
    "(?:A|S|E|T|ST|ACC|APLC|ATT|BWC|CAC|CAT|CBD|CCM|CCPR|CCW|CD|CED|CEDAW|CERD|CLCS|CMW|CRC|CRPD|CTBT|CTOC|DP|DPI"
    "|FCCC|HRI|HS|HSP|ICCD|ICSC|ID|IDB|ISBA|ITLOS|JIU|LC|NPT|PBC|SPLOS|SPT|TD|TPNW|UNCTAD|UNEP|UNITAR|UNODC|UNU|UNW)"
)  # a root is always followed by "/", so no alternative can shadow a longer one
# One element after a '/': a session ("78", "S-12", "ES-10"), a body ("C.6", "CONF.157", "AC.278",
# "HRC", "COP(16)", "COP-MOP", "OzL.Pro.31"), a kind or number ("RES", "PRST", "SR.28", "L.5", "Add.1").
SYMBOL_ELEMENT = (
    r"(?:[A-Z]{1,2}" + HYPHEN + r"\d{1,3}|\d{1,5}(?:\.\d{1,3})?"
    r"|[A-Za-z]{1,12}(?:-[A-Za-z]{1,12})?(?:\.[A-Za-z0-9]{1,12}){0,3}(?:\(\d{1,3}\))?)"
)
# A part of a document in the UN's own notation: "A/78/6 (Sect. 29)", "(Part I)", "(Vol. II)".
SYMBOL_DESIGNATION = (
    rf"{SPACE}?\((?i:sect\.{SPACE}?\d{{1,3}}[A-Z]?|parts?{SPACE}[IVX]{{1,5}}(?:{SPACE}(?:and|to){SPACE}[IVX]{{1,5}})?"
    rf"|vol\.{SPACE}?[IVX]{{1,5}}|introduction|supp)\)"
)
# The session in a resolution symbol: "S/RES/2712 (2023)", "A/RES/1514 (XV)".
SESSION_SUFFIX = rf"{SPACE}?\((?:19[4-9]\d|20\d\d|(?:E?S{HYPHEN})?[IVXL]{{1,7}})\)"
ONE_SYMBOL = rf"{SYMBOL_ROOT}(?:/{SYMBOL_ELEMENT}){{1,10}}(?:{SYMBOL_DESIGNATION}(?:/{SYMBOL_ELEMENT}){{0,3}})?"
# A document's own symbol where a masthead or running header prints it ("A/RES/78/229",
# "S/RES/2768 (2025)"); references.py finds cited symbols with the same grammar.
SYMBOL = re.compile(rf"(?<![A-Za-z0-9./@\-\u2011]){ONE_SYMBOL}(?:{SESSION_SUFFIX})?(?![A-Za-z0-9/])")


# --- page furniture and the footnote rule ----------------------------------------------------------

# "23-25976 (E) 100124" (New York), "GE.25-11220 (E)" (Geneva), "V.25-01234" (Vienna).
_JOB_NUMBER = r"(?:[A-Z]{1,2}\.)?\d{2}-\d{5}(?:\s*\([A-Z]\))?(?:\s+\d{6})?"
_PAGE_COUNTER = r"\d{1,3}/\d{1,3}"
_FURNITURE_PIECE = rf"(?:{_JOB_NUMBER}|{_PAGE_COUNTER}|\*\d{{7,8}}\*|Please recycle|/\.\.\.)"
# A line of nothing but furniture: a printer may set two pieces on one baseline (the barcode and
# "Please recycle" of A/RES/68/262, a page counter and the job number).
FURNITURE = re.compile(rf"^(?:{_FURNITURE_PIECE}(?:\s+{_FURNITURE_PIECE})*|\s*)$")
# What can stand in a page's footer band: a job number, page counter or barcode, with what the
# printer put after it on the same line.
FOOTER = re.compile(r"^(?:(?:[A-Z]{1,2}\.)?\d{2}-\d{5}.*|\d{1,3}/\d{1,3}.*|\d{1,3}|\*\d+\*)$")


def is_furniture(text: str, symbol: str = "", first: bool = False) -> bool:
    """True for a line or block that is page furniture, not document text. The symbol standing
    alone is a running header everywhere but at the top of the first page."""
    text = text.strip()
    if FURNITURE.match(text):
        return True
    return bool(symbol) and text == symbol and not first


def is_footnote_rule(text: str) -> bool:
    """The rule above a page's footnotes: a line of nothing but underscores (an extractor or a PDF
    engine may see only one or two of them: the rest of the rule is drawn)."""
    rule = text.replace(" ", "")
    return bool(rule) and not rule.strip("_")  # what `_+` matches whole, without a pattern


# --- organs ----------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True, eq=False, repr=False)  # model.Record's equality and repr (start-up)
class OrganForm(Record):
    """How the UN writes one organ: its name (the enacting formula's and the masthead's), its
    component of FRBR IRIs, its short id in AKN (FRBRauthor, TLCOrganization) and that TLC's IRI
    and label, and the prefixes of the symbols of its documents, most specific first."""

    organ: Organ
    body: str
    actor: str
    tlc_href: str
    tlc_label: str
    symbol_prefixes: tuple[str, ...] = ()

    @property
    def name(self) -> str:
        return self.organ.value


_ONTOLOGY = "/akn/ontology/organization/un/"
ORGANS: tuple[OrganForm, ...] = (
    OrganForm(Organ.GENERAL_ASSEMBLY, "unga", "ga", _ONTOLOGY + "generalAssembly", "General Assembly", ("A/",)),
    OrganForm(Organ.SECURITY_COUNCIL, "unsc", "sc", _ONTOLOGY + "securityCouncil", "Security Council", ("S/",)),
    OrganForm(
        Organ.HUMAN_RIGHTS_COUNCIL, "unga-hrc", "hrc", _ONTOLOGY + "humanRightsCouncil", "Human Rights Council",
        ("A/HRC/",),
    ),
    OrganForm(
        Organ.ECONOMIC_AND_SOCIAL_COUNCIL, "ecosoc", "ecosoc", _ONTOLOGY + "economicAndSocialCouncil", "ECOSOC",
        ("E/",),
    ),
    OrganForm(Organ.OTHER, "un", "un", _ONTOLOGY + "unitedNations", "United Nations"),
)  # fmt: skip
_BY_ORGAN = {form.organ: form for form in ORGANS}


def organ_form(organ: Organ) -> OrganForm:
    return _BY_ORGAN[organ]


def organ_named(name: str) -> Organ:
    """The organ a formula or masthead names ("General Assembly"); OTHER for any other body."""
    return next((form.organ for form in ORGANS if form.name == name), Organ.OTHER)


def organ_of_body(body: str) -> Organ | None:
    """The organ of an FRBR IRI's body component ("unsc"), None if it is none of ours."""
    return next((form.organ for form in ORGANS if form.body == body), None)


def organ_of_symbol(symbol: str) -> Organ | None:
    """The organ whose documents carry `symbol`'s prefix (A/HRC/ before A/), None if none does."""
    prefixes = sorted(((p, f.organ) for f in ORGANS for p in f.symbol_prefixes), key=lambda pair: -len(pair[0]))
    return next((organ for prefix, organ in prefixes if symbol.startswith(prefix)), None)
