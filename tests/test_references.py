"""The reference grammar (resolution_cli/references.py): what it links, to what, and what it leaves.

The paragraphs quoted here and the files in tests/data/akn-refs/ are United Nations documents
(source: United Nations; see tests/data/akn-refs/README).
"""

from __future__ import annotations

import functools
import importlib.util
import random
import re
import sys
import time
from pathlib import Path
from types import ModuleType

import pytest

from resolution_cli import references
from resolution_cli.references import Reference, find_references, undocs_url

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"


def cited(text: str) -> list[tuple[str, str]]:
    """(the cited characters, the symbol) of every reference in `text`."""
    return [(text[r.start : r.end], r.symbol) for r in find_references(text)]


# --- written symbols ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("the report of the Secretary-General (A/78/482);", [("A/78/482", "A/78/482")]),
        ("statement by its President (S/PRST/2013/12),", [("S/PRST/2013/12", "S/PRST/2013/12")]),
        ("See FCCC/CP/2015/10/Add.1, decision 1/CP.21, annex.", [("FCCC/CP/2015/10/Add.1", "FCCC/CP/2015/10/Add.1")]),
        ("See CBD/COP/15/17, decision 15/4, annex.", [("CBD/COP/15/17", "CBD/COP/15/17")]),
        ("general recommendation No. 39 (CEDAW/C/GC/39)", [("CEDAW/C/GC/39", "CEDAW/C/GC/39")]),
        (
            "See A/C.6/64/SR.28 and A/C.6/65/SR.27.",
            [("A/C.6/64/SR.28", "A/C.6/64/SR.28"), ("A/C.6/65/SR.27", "A/C.6/65/SR.27")],
        ),
        ("A/CONF.216/5, annex.", [("A/CONF.216/5", "A/CONF.216/5")]),
        ("See A/HRC/RES/S-35/1.", [("A/HRC/RES/S-35/1", "A/HRC/RES/S-35/1")]),
        ("[[UNEP/EA.5/Res.14]].", [("UNEP/EA.5/Res.14", "UNEP/EA.5/Res.14")]),
        (
            "ISBA/28/A/3 and ICCD/COP(16)/23/Add.1",
            [("ISBA/28/A/3", "ISBA/28/A/3"), ("ICCD/COP(16)/23/Add.1", "ICCD/COP(16)/23/Add.1")],
        ),
        (
            "ST/SGB/2019/8 and E/CN.6/2023/L.3",
            [("ST/SGB/2019/8", "ST/SGB/2019/8"), ("E/CN.6/2023/L.3", "E/CN.6/2023/L.3")],
        ),
        (
            "A/78/6 (Sect. 29), A/78/6 (Sect. 29A)",
            [("A/78/6 (Sect. 29)", "A/78/6(Sect.29)"), ("A/78/6 (Sect. 29A)", "A/78/6(Sect.29A)")],
        ),
        ("A/CONF.157/24 (Part I), chap. III.", [("A/CONF.157/24 (Part I)", "A/CONF.157/24(PartI)")]),
        ("A/78/301 (Part I)/Add.1.", [("A/78/301 (Part I)/Add.1", "A/78/301(PartI)/Add.1")]),
        (
            "Final Document, vol. I (NPT/CONF.2010/50 (Vol. I)), part I",
            [("NPT/CONF.2010/50 (Vol. I)", "NPT/CONF.2010/50(Vol.I)")],
        ),
        ("UNEP/CBD/BS/COP-MOP/5/17, annex", [("UNEP/CBD/BS/COP-MOP/5/17", "UNEP/CBD/BS/COP-MOP/5/17")]),
        (
            "S/RES/2712 (2023) and A/RES/1514 (XV)",
            [("S/RES/2712 (2023)", "S/RES/2712(2023)"), ("A/RES/1514 (XV)", "A/RES/1514(XV)")],
        ),
    ],
)
def test_a_written_symbol_is_a_citation_of_that_document(text: str, expected: list[tuple[str, str]]) -> None:
    assert cited(text) == expected


def test_a_joint_symbol_is_one_citation_of_its_first_part() -> None:
    assert cited("See A/73/328-S/2018/592, annex.") == [("A/73/328-S/2018/592", "A/73/328")]
    text = "A/78/72-E/2023/59 and A/78/72/Add.1-E/2023/59/Add.1."
    assert cited(text) == [("A/78/72-E/2023/59", "A/78/72"), ("A/78/72/Add.1-E/2023/59/Add.1", "A/78/72/Add.1")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("A/78/482.", "A/78/482"),
        ("A/78/L.5,", "A/78/L.5"),
        ("(A/78/23).", "A/78/23"),
        ("A/CONF.216/5;", "A/CONF.216/5"),
        ("“A/78/482”", "A/78/482"),
        ("A/78/482\u00b9 and", "A/78/482"),  # a superscript footnote call set right after it
        ("resolution 60/1\u00b2,", "A/RES/60/1"),
        ("resolution ES\u201110/15;", "A/RES/ES-10/15"),  # a non-breaking hyphen
        ("resolution\u200275/200 of", "A/RES/75/200"),  # an en space
    ],
)
def test_punctuation_and_footnote_calls_after_a_citation_are_not_part_of_it(text: str, expected: str) -> None:
    assert [symbol for _, symbol in cited(text)] == [expected]


# --- resolution numbers and the body whose they are --------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Recalling its resolution 46/182 of 19 December 1991,", ["A/RES/46/182"]),
        ("Resolution 60/1.", ["A/RES/60/1"]),
        ("Resolution S-27/2, annex.", ["A/RES/S-27/2"]),
        ("Recalling its resolutions ES-11/1 of 2 March 2022 and ES-11/2,", ["A/RES/ES-11/1", "A/RES/ES-11/2"]),
        ("its resolution 77/253 B of 30 June 2023", ["A/RES/77/253B"]),
        ("Recalling Security Council resolution 2712 (2023),", ["S/RES/2712(2023)"]),
        ("pursuant to resolution 1373 (2001)", ["S/RES/1373(2001)"]),
        ("Economic and Social Council resolution 2019/15 of 8 July 2019", ["E/RES/2019/15"]),
        ("ECOSOC resolution 2023/16", ["E/RES/2023/16"]),
        ("Human Rights Council resolution 54/6 of 11 October 2023", ["A/HRC/RES/54/6"]),
        ("Human Rights Council resolution S-35/1", ["A/HRC/RES/S-35/1"]),
        (
            "General Assembly resolution 65/281 and Human Rights Council resolution 16/21",
            ["A/RES/65/281", "A/HRC/RES/16/21"],
        ),
        ("in accordance with Assembly resolution 61/98,", ["A/RES/61/98"]),
    ],
)
def test_the_body_named_before_the_word_decides_the_series(text: str, expected: list[str]) -> None:
    assert [symbol for _, symbol in cited(text)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Recalling resolution 1514 (XV) of 14 December 1960,", [("1514 (XV)", "A/RES/1514(XV)")]),
        ("See resolution 217 A (III).", [("217 A (III)", "A/RES/217(III)")]),
        ("its resolutions 1874 (S\u2011IV) of 27 June 1963", [("1874 (S\u2011IV)", "A/RES/1874(S-IV)")]),
        ("its resolution 377 A (V)", [("377 A (V)", "A/RES/377(V)")]),
        ("Economic and Social Council resolution 1296 (XLIV)", [("1296 (XLIV)", "E/RES/1296(XLIV)")]),
    ],
)
def test_old_style_numbers_name_the_resolution_without_its_part(text: str, expected: list[tuple[str, str]]) -> None:
    assert cited(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("as confirmed by the Security Council in its resolution 497 (1981),", ["S/RES/497(1981)"]),
        ("the decision of the Human Rights Council, in its resolution 54/12, that", ["A/HRC/RES/54/12"]),
        ("as decided by the Human Rights Council in its resolution 42/23 of 27 September 2019,", ["A/HRC/RES/42/23"]),
        ("endorsed by the Economic and Social Council in its resolution 2017/21,", ["E/RES/2017/21"]),
        ("as adopted by the General Assembly in its resolution 70/1,", ["A/RES/70/1"]),
        ("the Special Committee contained in its resolution 47/120 B", ["A/RES/47/120B"]),
        (
            "the terms of reference of the Committee, as contained in the annex to its resolution 61/275.",
            ["A/RES/61/275"],
        ),
        ("through its resolution 54/18 of 12 October 2023, the Human Rights Council submitted", ["A/HRC/RES/54/18"]),
        (
            "by the Commission on Human Rights in its resolution 1998/72 and the Human Rights Council in its "
            "resolution 4/4",
            ["A/HRC/RES/4/4"],
        ),
    ],
)
def test_its_is_the_body_named_before_it(text: str, expected: list[str]) -> None:
    assert [symbol for _, symbol in cited(text)] == expected


def test_council_is_the_council_named_last() -> None:
    text = "the Economic and Social Council in accordance with the provisions of Council resolution 1996/31,"
    assert [s for _, s in cited(text)] == ["E/RES/1996/31"]
    text = "resolutions of the Human Rights Council on the right to water, inter alia, Council resolution 51/19,"
    assert [s for _, s in cited(text)] == ["A/HRC/RES/51/19"]
    text = "as endorsed by the Council in its resolution 1515 (2003)"  # no council named: the number says
    assert [s for _, s in cited(text)] == ["S/RES/1515(2003)"]


def test_the_body_of_the_citation_before_carries_on_in_the_clause() -> None:
    text = (
        "Human Rights Council decision 18/120 of 30 September 2011 and resolutions 24/14 of 27 September 2013, "
        "27/21 of 26 September 2014"
    )
    assert [s for _, s in cited(text)] == ["A/HRC/RES/24/14", "A/HRC/RES/27/21"]
    text = "relevant Human Rights Council resolutions, in particular resolutions 7/34 of 28 March 2008 and 18/15"
    assert [s for _, s in cited(text)] == ["A/HRC/RES/7/34", "A/HRC/RES/18/15"]
    text = "in the report to the Human Rights Council submitted pursuant to resolutions 34/24, 40/20 and 46/17;"
    assert [s for _, s in cited(text)] == ["A/HRC/RES/34/24", "A/HRC/RES/40/20", "A/HRC/RES/46/17"]
    # a new clause of the resolution's own sentence is the author's again
    text = "Welcoming Human Rights Council resolution 5/1, and recalling also resolution 60/251,"
    assert [s for _, s in cited(text)] == ["A/HRC/RES/5/1", "A/RES/60/251"]


def test_a_number_cited_again_keeps_its_body() -> None:
    text = (
        "Recalls Human Rights Council resolutions 43/1 and 47/21, and also recalls the report of the High "
        "Commissioner, submitted pursuant to resolution 43/1;"
    )
    assert [s for _, s in cited(text)] == ["A/HRC/RES/43/1", "A/HRC/RES/47/21", "A/HRC/RES/43/1"]


@pytest.mark.parametrize(
    "text",
    [
        "in line with United Nations Environment Assembly resolution 5/14 of 2 March 2022,",
        "in line with resolution 5/5 of 2 March 2022 of the United Nations Environment Assembly,",
        "the United Nations Environment Assembly at its resumed fifth session, in resolution 5/14 of 2 March 2022,",
        "decision 5/5 of the Conference of the Parties",
        "including resolution 2/10 on oceans and seas and resolution 4/11 on the protection of the marine environment",
        "Recalling United Nations Habitat Assembly resolution 2/3 of 9 June 2023,",
        "Commission on Crime Prevention and Criminal Justice resolution 32/1 of 27 May 2023, entitled “Taking action”, "
        "resolution 27/2 of 18 May 2018,",
        "the request of the Commission on Human Rights, in its resolution 2005/5, that",
        "in Commission resolution 66/1 of 17 March 2023,",
        "by the Economic and Social Commission for Asia and the Pacific in its resolution 73/8 of 19 May 2017,",
        "Economic Commission for Africa resolution 2023/7 of 21 March 2023",
        "Indian Ocean Tuna Commission, resolutions 12/07 and 13/07.",
        "Bearing in mind resolutions CM/Res.1153 (XLVIII) of 1988 and CM/Res.1225 (L) of 1989,",
        "A/56/1026-S/2002/932, annex II, resolution 14/221.",
        "CAC/COSP/2021/17, sect. I.A, resolution 9/2, para. 15.",
        "Welcoming resolution 3/2023 of 7 July 2023, entitled “International Day”,",
    ],
)
def test_numbers_of_other_bodies_are_not_linked(text: str) -> None:
    assert [number for number, _ in cited(text) if number[0].isdigit()] == []  # written symbols still are


def test_a_resolution_found_in_the_human_rights_councils_report_is_the_councils() -> None:
    text = (
        "Official Records of the General Assembly, Seventy-seventh Session, Supplement No. 53A (A/77/53/Add.1), "
        "chap. III, sect. A, resolution 51/4."
    )
    assert [s for _, s in cited(text)] == ["A/77/53/Add.1", "A/HRC/RES/51/4"]


def test_decisions_are_not_linked() -> None:
    text = (
        "its resolution 76/233 of 24 December 2021 and its decisions 76/568 of 21 June 2022 and 77/547 of 30 December,"
    )
    assert cited(text) == [("76/233", "A/RES/76/233")]
    assert cited("Economic and Social Council decision 2023/201") == []


# --- lists and ranges -------------------------------------------------------------------------------


def test_a_list_carries_the_word_resolutions() -> None:
    text = "Recalling its resolutions 46/152 of 18 December 1991, 60/1 of 16 September 2005 and 72/305 of 23 July 2018,"
    assert [s for _, s in cited(text)] == ["A/RES/46/152", "A/RES/60/1", "A/RES/72/305"]
    text = "Resolutions 52/214, sect. B, 57/283 B, sect. III, and 58/250, sect. III."
    assert [s for _, s in cited(text)] == ["A/RES/52/214", "A/RES/57/283B", "A/RES/58/250"]
    text = "resolutions 55/222, sect. III, para. 12; 56/64 B, sect. X; and 61/121 B, sect. IV"
    assert [s for _, s in cited(text)] == ["A/RES/55/222", "A/RES/56/64B", "A/RES/61/121B"]
    text = (
        "its resolutions 72/180 of 19 December 2017, entitled “Protection of human rights and fundamental "
        "freedoms while countering terrorism”, as well as 74/147 of 18 December 2019"
    )
    assert [s for _, s in cited(text)] == ["A/RES/72/180", "A/RES/74/147"]
    text = "resolutions 2620 (2022), supplemented by 2664 (2022), 2676 (2023), and 2750 (2024), its statement"
    assert [s for _, s in cited(text)] == [
        "S/RES/2620(2022)",
        "S/RES/2664(2022)",
        "S/RES/2676(2023)",
        "S/RES/2750(2024)",
    ]
    text = (
        "all subsequent resolutions on the follow-up to the World Assembly on Ageing, including 78/177 of 19 December"
    )
    assert [s for _, s in cited(text)] == ["A/RES/78/177"]


def test_ranges() -> None:
    assert cited("its resolutions 75/254 A to C of 31 December 2020") == [("75/254 A", "A/RES/75/254A")]
    assert [s for _, s in cited("resolutions 1368 (2001) to 1373 (2001)")] == ["S/RES/1368(2001)", "S/RES/1373(2001)"]
    assert cited("See FCCC/CP/2013/10/Add.1, decisions 9/CP.19 to 15/CP.19.") == [
        ("FCCC/CP/2013/10/Add.1", "FCCC/CP/2013/10/Add.1")
    ]
    assert cited("Official Records (A/59/17), paras. 124–128.") == [("A/59/17", "A/59/17")]


def test_the_list_ends_where_the_text_moves_on() -> None:
    text = "Recalling its resolution 77/27, noting that the 2023/24 El Niño phenomenon and a majority of 2/3"
    assert [s for _, s in cited(text)] == ["A/RES/77/27"]
    text = "resolution 70/1 and the Committee on the Rights of the Child's general comment No. 26 (2023)"
    assert [s for _, s in cited(text)] == ["A/RES/70/1"]


@pytest.mark.parametrize(
    "text",
    [
        "a majority of 2/3 of the members present",
        "the 2023/24 El Niño phenomenon",
        "78/10.",
        "general recommendation No. 26 (2008) on women migrant workers",
        "Available at www.un.org/depts/los/convention_agreements/ICSP14/ReportICSP14.pdf.",
        "https://undocs.org/en/A/78/482",
        "Food and Agriculture Organization of the United Nations, document CL 144/9 (C 2013/20), appendix D.",
        "article 8 (j) and related provisions",
        "the A/B testing",
    ],
)
def test_what_is_not_a_citation(text: str) -> None:
    assert cited(text) == []


def test_references_are_ordered_ranges_of_the_text() -> None:
    text = "Resolution 60/1. See A/78/482; Security Council resolution 2712 (2023) and its resolution 46/182."
    refs = find_references(text)
    assert all(isinstance(r, Reference) for r in refs)
    assert [r.start for r in refs] == sorted(r.start for r in refs)
    assert all(0 <= r.start < r.end <= len(text) for r in refs)
    assert find_references(text) == refs  # deterministic


def test_undocs_url() -> None:
    assert undocs_url("A/RES/46/182") == "https://undocs.org/en/A/RES/46/182"
    assert undocs_url("S/RES/2712(2023)", "fr") == "https://undocs.org/fr/S/RES/2712(2023)"
    assert undocs_url("A/78/6(Sect.29)", "ZH") == "https://undocs.org/zh/A/78/6(Sect.29)"
    assert undocs_url("A/78/482", "de") == "https://undocs.org/en/A/78/482"  # not a language undocs.org serves
    assert undocs_url("ICCD/COP(16)/23") == "https://undocs.org/en/ICCD/COP(16)/23"


# --- real paragraphs and documents -----------------------------------------------------------------

REAL_PARAGRAPHS = [
    (  # A/RES/78/171: a Human Rights Council list continued by "as well as resolutions"
        "Recalling also Human Rights Council resolutions 23/13 of 13\u00a0June 2013 on attacks and discrimination "
        "against persons with albinism and 24/33 of 27\u00a0September 2013 on technical cooperation for the "
        "prevention of attacks against persons with albinism, as well as resolutions 28/6 of 26\u00a0March 2015, "
        "37/5 of 22\u00a0March 2018 and 46/12 of 23\u00a0March 2021 pertaining to the mandate of the Independent "
        "Expert on the enjoyment of human rights by persons with albinism,",
        ["A/HRC/RES/23/13", "A/HRC/RES/24/33", "A/HRC/RES/28/6", "A/HRC/RES/37/5", "A/HRC/RES/46/12"],
    ),
    (  # A/RES/78/115: the Assembly's and the Security Council's
        "including those which prompted the adoption of General Assembly resolution 56/1 of 12\u00a0September 2001, "
        "as well as Security Council resolutions 1368 (2001) of 12\u00a0September 2001, 1373 (2001) of "
        "28\u00a0September 2001 and 1377 (2001) of 12\u00a0November 2001, and those that have occurred since,",
        ["A/RES/56/1", "S/RES/1368(2001)", "S/RES/1373(2001)", "S/RES/1377(2001)"],
    ),
    (  # A/RES/78/83: old style, then the Economic and Social Council's
        "Recalling its resolutions 1514 (XV) of 14\u00a0December 1960 and 1541 (XV) of 15\u00a0December 1960 and the "
        "resolutions of the Special Committee, as well as other relevant resolutions and decisions, including, in "
        "particular, Economic and Social Council resolution 2022/21",
        ["A/RES/1514(XV)", "A/RES/1541(XV)", "E/RES/2022/21"],
    ),
    (  # A/RES/78/155: Environment Assembly resolutions by number are not linked
        "and welcoming also the decision taken by the Environment Assembly at its resumed fifth session to "
        "strengthen global action on the sound management of chemicals and waste and to prevent pollution, in line "
        "with Environment Assembly resolutions 5/2, 5/7 and 5/8 of 2\u00a0March 2022,",
        [],
    ),
    (  # A/RES/78/154
        "other management and conservation approaches, in line with resolution 5/5 of 2\u00a0March 2022 of the United "
        "Nations Environment Assembly, contribute significantly to land degradation neutrality,",
        [],
    ),
    (  # A/RES/78/203
        "Takes note, in this regard, that through its resolution 54/18 of 12\u00a0October 2023, the Human Rights "
        "Council submitted to the General Assembly the draft international covenant on the right to development",
        ["A/HRC/RES/54/18"],
    ),
    (  # A/RES/78/177 (footnote)
        "See Official Records of the General Assembly, Seventy-seventh Session, Supplement No. 53A, "
        "(A/77/53/Add.1), chap. III, sect. A, resolution 51/4.",
        ["A/77/53/Add.1", "A/HRC/RES/51/4"],
    ),
    ("See A/70/95-S/2015/446.", ["A/70/95"]),  # A/RES/78/102 (footnote)
]


@pytest.mark.parametrize(("text", "expected"), REAL_PARAGRAPHS)
def test_real_paragraphs(text: str, expected: list[str]) -> None:
    assert [s for _, s in cited(text)] == expected


@functools.cache
def _benchmark() -> ModuleType:
    """benchmarks/references.py: how the UN's links are read out of its AKN files and compared."""
    spec = importlib.util.spec_from_file_location("references_benchmark", ROOT / "benchmarks" / "references.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


# The UN's links the grammar does not make, and its links the UN does not make, in each document;
# every one is in benchmarks/references-known.txt with the reason. Anything else is a regression.
DIFFERENCES: dict[str, tuple[list[str], list[str]]] = {
    # the UN's targets are other documents than the text cites
    "A_RES_78_116": (["A/76/26", "A/76/26", "A/RES/76/122"], ["A/77/26", "A/78/26", "A/RES/77/114"]),
    "A_RES_78_132": (
        [],
        [
            "E/CN.16/2018/CRP.3",
            "E/RES/2006/46",
            "E/RES/2006/46",
            "E/RES/2008/3",
            "E/RES/2009/7",
            "E/RES/2010/2",
            "E/RES/2011/16",
        ],
    ),
    "A_RES_78_155": (
        [],
        [
            "CBD/CP/MOP/VIII/19",
            "CBD/NP/MOP/DEC/2/7",
            "UNEP/CBD/BS/COP-MOP/5/17",
            "UNEP/CBD/COP/10/27",
            "UNEP/CBD/COP/13/25",
            "UNEP/CBD/CP/MOP/8/17",
            "UNEP/CBD/NP/MOP/2/13",
        ],
    ),
    "A_RES_78_169": (
        ["UNEP/EA.4/Res.6", "UNEP/EA.4/Res.9", "UNEP/EA.5/Res.14", "UNEP/EA.5/Res.5", "UNEP/EA.5/Res.5"],
        ["UNEP/CBD/COP/10/27"],
    ),
    "A_RES_78_202": (["A/CONF.157/24"], ["A/CONF.157/24(PartI)"]),
    "A_RES_78_204": (
        ["A/CONF.157/24"],
        ["A/CONF.157/24(PartI)", "A/HRC/RES/5/1", "A/HRC/RES/5/1", "A/HRC/RES/5/2", "A/HRC/RES/5/2"],
    ),
    "A_RES_78_223": ([], ["E/RES/155(VII)", "E/RES/1996/31"]),
    "A_RES_78_244": ([], ["E/RES/2008(LX)"]),
}
UN_FILES = sorted(
    [*(DATA / "akn-refs").glob("*.xml"), *(p for p in (DATA / "akn").glob("*.xml") if "_ZH" not in p.name)]
)


@pytest.mark.parametrize("path", UN_FILES, ids=lambda p: p.stem)
def test_real_documents_link_what_the_un_links(path: Path) -> None:
    bench = _benchmark().Benchmark({})
    bench.folder(path.parent.name, [path])
    misses = sorted(entry["symbol"] for entry in bench.misses)
    extras = sorted(entry["symbol"] for entry in bench.extras)
    assert (misses, extras) == DIFFERENCES.get(path.stem, ([], []))
    assert bench.total().un > 0


def test_the_benchmark_reads_the_uns_links_with_their_ranges() -> None:
    blocks = list(_benchmark().blocks(DATA / "akn-refs" / "A_RES_78_102.xml"))
    footnote = next(b for b in blocks if b.text.strip() == "See A/70/95-S/2015/446.")
    (link,) = footnote.links
    assert footnote.text[link.start : link.end] == "A/70/95-S/2015/446" and link.target == "A/70/95"
    assert all("authorialNote" not in b.text for b in blocks)


# --- linear time -------------------------------------------------------------------------------------

ADVERSARIAL = [
    "A/",
    "1/",
    "A/1",
    "A/RES/1 (",
    "A/B.C.D/",
    "A/1-",
    "Add.1/",
    "UNEP/CBD/COP-",
    "A/78/6 (Sect. ",
    "(",
    "resolution ",
    "resolutions 1/1, ",
    "resolution 46/1 ",
    "decision 1/1 and ",
    "1 (XV) ",
    "1514 (X",
    "S-1/",
    "ES-",
    "its ",
    "by the Council in ",
    "the Council Council resolution 46/1 ",
    "Human Rights Council ",
    "Aa ",
    "Commission on Aa Bb Cc Dd Ee Ff ",
    "of the General Assembly, ",
    ", and ",
    "\u00a0",
    "a",
    "X" * 11 + ".",
    "resolution 46/182 of 19 December 1991, entitled \u201c",
    "resolution 46/1 of 1 May 2001 of the Aa Bb Council ",
]


@pytest.mark.parametrize("piece", ADVERSARIAL)
def test_time_is_linear_in_the_length_of_the_text(piece: str) -> None:
    """No pattern backtracks catastrophically: ten times the text costs about ten times the time."""

    def cpu(n: int) -> float:
        """The least of three runs: a run a busy machine or the collector interrupts counts for nothing."""
        text = (piece * (n // len(piece) + 1))[:n]
        runs = []
        for _ in range(3):
            started = time.process_time()
            find_references(text)
            runs.append(time.process_time() - started)
        return min(runs)

    small, large = cpu(4_000), cpu(40_000)
    assert large < 2.0
    assert large < 40 * max(small, 0.002)  # linear: about 10; quadratic would be about 100


def test_the_token_scan_finds_what_its_alternatives_find() -> None:
    """`_TOKEN_START` only passes over positions where no token can start: the scan finds, at the
    same places, what the four alternatives alone find (over real paragraphs, and random text made
    of what tokens are made of, digits beyond ASCII among them)."""
    alone = re.compile(f"(?:{references._SYMBOL}|{references._NUMBER}|{references._KEYWORD}|{references._ORGAN})")
    pieces = [*"ASErdRDCx/()-\u2011 .,;:_@é0123456789\u0663\u00a0", "resolutions ", "Council ", "A/", "ES-", "S-",
              "Assembly", "(2023)", "(XV)", "UNEP/", "DECISION", "Human Rights Council resolution 54/6"]  # fmt: skip
    draw = random.Random(12)
    made = ("".join(draw.choices(pieces, k=draw.randint(1, 30))) for _ in range(3000))
    texts = [*(text for text, _ in REAL_PARAGRAPHS), *made]

    def found(pattern: re.Pattern[str], text: str) -> list[tuple[tuple[int, int], dict[str, str | None]]]:
        return [(m.span(), m.groupdict()) for m in pattern.finditer(text)]

    for text in texts:
        assert found(references._TOKENS, text) == found(alone, text), text
