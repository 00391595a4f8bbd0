"""IRIs of UN documents: the FRBR identification of a resolution, and links to other UN documents.

FRBR IRIs follow the UN's AKN4UN files: `/akn/un/statement/deliberation/{body}/{date}/{number}/`
(`unga`, `unsc`, `unga-hrc`, `ecosoc`), the adoption date and the resolution number with '/' and
spaces as '-' ("78/229" -> "78-229", "2768 (2025)" -> "2768-2025"). A draft has no number or
adoption date yet: it is identified by its symbol and issue date. Where a document carries no date
at all, SOURCE_DATE_EPOCH gives one (never the clock), else the epoch itself.

Documents cited in running text (resolution 46/182, A/78/482, S/RES/2712 (2023)) link to the UN's
document resolver, https://undocs.org/{language}/{symbol}.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from datetime import UTC, datetime

from resolution_cli.errors import UsageError
from resolution_cli.model import DocumentKind, Metadata, Organ

BODIES: dict[Organ, str] = {
    Organ.GENERAL_ASSEMBLY: "unga",
    Organ.SECURITY_COUNCIL: "unsc",
    Organ.HUMAN_RIGHTS_COUNCIL: "unga-hrc",
    Organ.ECONOMIC_AND_SOCIAL_COUNCIL: "ecosoc",
    Organ.OTHER: "un",
}

# ISO 639-1 (the model) -> ISO 639-2/B (FRBRlanguage), for the UN's six official languages.
LANGUAGES: dict[str, str] = {"en": "eng", "fr": "fra", "es": "spa", "ru": "rus", "ar": "ara", "zh": "zho"}


@dataclass(frozen=True, slots=True)
class Identification:
    work: str  # FRBR Work IRI, with a trailing '/'
    work_date: str
    work_date_name: str  # "adoption" or "issuance"
    expression: str
    expression_date: str
    language: str  # ISO 639-2
    manifestation: str
    manifestation_date: str


_LAST_EPOCH = 253402300799  # 9999-12-31T23:59:59Z: the last second an xs:date of four digits holds


def fallback_date() -> str:
    """SOURCE_DATE_EPOCH as an ISO date (reproducible builds), else 1970-01-01: never the clock.
    A value that is not a count of seconds is a usage error, as the reproducible-builds
    specification asks ("the build process SHOULD exit with a non-zero error code")."""
    raw = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not raw:
        return "1970-01-01"
    if not (raw.isascii() and raw.isdigit()) or len(raw) > len(str(_LAST_EPOCH)) or int(raw) > _LAST_EPOCH:
        raise UsageError(
            f"SOURCE_DATE_EPOCH={ascii(raw[:30])} is not a number of seconds since 1970 up to {_LAST_EPOCH} "
            "(year 9999): set it to e.g. $(git log -1 --format=%ct), or unset it"
        )
    return datetime.fromtimestamp(int(raw), UTC).date().isoformat()


def slug(text: str) -> str:
    """An IRI component: '/' and runs of spaces as '-', parentheses and other punctuation dropped."""
    text = re.sub(r"[\s/]+", "-", text.strip())
    return re.sub(r"[^\w.\-]", "", text).strip("-") or "unnumbered"


def identify(meta: Metadata) -> Identification:
    adopted = meta.kind is not DocumentKind.DRAFT_RESOLUTION and meta.number and meta.adoption_date
    work_date = (meta.adoption_date if adopted else meta.issue_date) or meta.adoption_date or fallback_date()
    number = slug(meta.number) if adopted else slug(meta.symbol or meta.number)
    work = f"/akn/un/statement/deliberation/{BODIES[meta.organ]}/{work_date}/{number}/"
    language = LANGUAGES.get(meta.language, meta.language or "eng")
    expression = f"{work}{language}@/"
    expression_date = meta.issue_date or work_date
    manifestation_date = fallback_date() if "SOURCE_DATE_EPOCH" in os.environ else expression_date
    return Identification(
        work=work,
        work_date=work_date,
        work_date_name="adoption" if adopted else "issuance",
        expression=expression,
        expression_date=expression_date,
        language=language,
        manifestation=f"{work}{language}@.xml",
        manifestation_date=manifestation_date,
    )


# Document symbols: A/78/482, S/PRST/2013/12, A/CONF.234/16, A/HRC/RES/59/25, S/RES/2712 (2023).
_SYMBOL = r"(?:A|S|E|ST|UNEP|TD|DP)(?:/(?:[A-Z]+-\d+|[A-Za-z]*\.?\d+(?:\.\d+)*|[A-Z]+\.?[A-Za-z]*))+(?: \(\d{4}\))?"
# Resolution and decision numbers after the word: 46/182, ES-11/1, 2712 (2023).
_GA_NUMBER = r"(?:(?:ES|S)-\d{1,2}|\d{1,2})/\d{1,3}(?: [A-Z](?![\w-]))?"
_SC_NUMBER = r"\d{2,4} \(\d{4}\)"
_REFERENCE = re.compile(
    rf"(?<![\w/.])(?<![A-Z]-)(?:(?P<symbol>{_SYMBOL})|(?P<sc>{_SC_NUMBER})|(?P<ga>{_GA_NUMBER}))(?![\w/])"
)
_CONTEXT = re.compile(r"\b(?P<word>resolutions?|decisions?)\b", re.I)
_CONTEXT_REACH = 400  # characters back to the word "resolution(s)" that a bare number belongs to
_LIST_GAP = 60  # at most this far after the previous linked number, a number carries on its list


@dataclass(frozen=True, slots=True)
class Link:
    start: int
    end: int
    href: str


def document_links(text: str, language: str = "en") -> list[Link]:
    """Links to the UN documents cited in `text`, as character ranges of `text` (never changing it)."""
    links: list[Link] = []
    for match in _REFERENCE.finditer(text):
        target = _target(text, match, links[-1] if links else None)
        if target:
            href = f"https://undocs.org/{language or 'en'}/{target.replace(' ', '')}"
            links.append(Link(match.start(), match.end(), href))
    return links


def _target(text: str, match: re.Match[str], previous: Link | None) -> str:
    """The symbol a citation stands for; a bare number needs the word "resolution(s)" or "decision(s)"
    before it, or to carry on a list of numbers that had it ("resolutions 46/152 of ..., 60/1 of ...")."""
    if match["symbol"]:
        return match["symbol"].rstrip(".")
    words = list(_CONTEXT.finditer(text, max(0, match.start() - _CONTEXT_REACH), match.start()))
    in_list = previous is not None and match.start() - previous.end <= _LIST_GAP
    in_list = in_list and previous is not None and ("/RES/" in previous.href or "/DEC/" in previous.href)
    if words:
        decision = words[-1]["word"].lower().startswith("decision")
    elif in_list and previous is not None:
        decision = "/DEC/" in previous.href
    else:
        return ""
    if match["sc"]:
        return "" if decision else f"S/RES/{match['sc']}"
    number = match["ga"].replace(" ", "")
    return f"A/DEC/{number}" if decision else f"A/RES/{number}"
