"""IRIs of UN documents: the FRBR identification of a resolution, and links to other UN documents.

FRBR IRIs follow the UN's AKN4UN files: `/akn/un/statement/deliberation/{body}/{date}/{number}/`
(`unga`, `unsc`, `unga-hrc`, `ecosoc`), the adoption date and the resolution number with '/' and
spaces as '-' ("78/229" -> "78-229", "2768 (2025)" -> "2768-2025"). A draft has no number or
adoption date yet: it is identified by its symbol and issue date. Where a document carries no date
at all, SOURCE_DATE_EPOCH gives one (never the clock), else the epoch itself.

Documents cited in running text are found by the reference grammar (references.py), which links
them to the UN's document resolver.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from datetime import UTC, datetime

from resolution_cli.errors import UsageError
from resolution_cli.forms import organ_form
from resolution_cli.model import DocumentKind, Metadata

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
    work = f"/akn/un/statement/deliberation/{organ_form(meta.organ).body}/{work_date}/{number}/"
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
