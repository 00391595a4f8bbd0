"""Hypothesis strategies for inputs of every kind: real documents mutated (tests/fuzz/mutators.py,
driven by a drawn seed, so a failure shrinks to a small seed and reruns from it), and documents
generated from the shape of a UN resolution with drawn text in every slot."""

from __future__ import annotations

import random

from hypothesis import strategies as st

from tests.fuzz.mutators import HOSTILE_LINES, mutate, seeds

# Text as the UN writes it, and as it never should: letters, digits, punctuation, spaces and
# every character class the readers treat specially (superscripts, dashes, quotes, controls, RTL).
_SPECIAL = "¹²³⁴⁵⁶⁷⁸⁹⁰*†‡§–—-•“”‘’\"'()[]:;,.!?/\t\u00a0\u202f\u200f\u202e\ufeff\x00\x0b\x1b"
words = st.text(
    alphabet=st.one_of(st.characters(codec="utf-8", exclude_categories=("Cs",)), st.sampled_from(_SPECIAL)),
    max_size=80,
)
hostile = st.sampled_from(HOSTILE_LINES).map(lambda line: line[:3000])


def mutated(kind: str) -> st.SearchStrategy[bytes]:
    """A real document of `kind` with one to three mutations."""
    return st.tuples(st.sampled_from(seeds(kind)), st.integers(0, 2**32)).map(
        lambda pair: mutate(kind, pair[0][1], random.Random(pair[1]))
    )


_LEADS = ("Recalling", "Noting with concern", "Decides", "Requests", "Welcomes", "Reaffirming", "")
_MASTHEAD = (
    "United Nations",
    "A/RES/78/{n}",
    "General Assembly",
    "Distr.: General",
    "{d} December 2023",
    "Seventy-eighth session",
    "Agenda item {n}",
    "Resolution adopted by the General Assembly on {d} December 2023",
    "[on the report of the Third Committee (A/78/{n}, para. {d})]",
    "78/{n}. {title}",
)


@st.composite
def text_documents(draw: st.DrawFn) -> bytes:
    """A resolution as extracted text: masthead, formula, preambular and operative paragraphs
    (sub-paragraphs, footnote calls, parts), footnotes, closing; drawn text and hostile lines in it."""
    n, day = draw(st.integers(1, 999)), draw(st.integers(0, 40))
    lines = [line.format(n=n, d=day, title=draw(words)) for line in _MASTHEAD if draw(st.booleans()) or "{" not in line]
    lines.append(draw(st.sampled_from(["The General Assembly,", "The Security Council,", "", "The Council:"])))
    for _ in range(draw(st.integers(0, 4))):
        lines.append(f"{draw(st.sampled_from(_LEADS))} {draw(words)}{draw(st.sampled_from([',', '', ';', '¹']))}")
    number = 0
    for _ in range(draw(st.integers(0, 6))):
        kind = draw(st.sampled_from(["operative", "operative", "sub", "heading", "hostile", "footnote"]))
        if kind == "operative":
            number += draw(st.sampled_from([1, 1, 1, 0, 2]))
            lines.append(f"{number}. {draw(st.sampled_from(_LEADS))} {draw(words)};")
        elif kind == "sub":
            lines.append(f"({draw(st.sampled_from(['a', 'b', 'i', 'ii', 'A', '1']))}) {draw(words)};")
        elif kind == "heading":
            lines.append(f"{draw(st.sampled_from(['I', 'II', 'A', 'B']))}. {draw(words)}")
        elif kind == "footnote":
            lines.append(f"{draw(st.sampled_from(['¹', '²', '1', '*']))} {draw(words)}")
        else:
            lines.append(draw(hostile))
    if draw(st.booleans()):
        lines += [f"{n}th plenary meeting", f"{day} December 2023"]
    return "\n\n".join(lines).encode("utf-8", "surrogatepass")


@st.composite
def akn_documents(draw: st.DrawFn) -> bytes:
    """A small Akoma Ntoso resolution with drawn text, attributes and nesting."""

    def text() -> str:
        raw = draw(st.one_of(words, hostile))
        return "".join(c for c in raw if c in "\t\n\r" or (c >= " " and c not in "\ufffe\uffff"))

    def escaped() -> str:
        return text().replace("&", "&amp;").replace("<", "&lt;").replace('"', "&quot;")

    depth = draw(st.integers(0, 30))
    marker = draw(st.sampled_from(["1", "²", "a", "", "99999", "*"]))
    note = f'<authorialNote marker="{marker}" placement="bottom"><p>{escaped()}</p></authorialNote>'
    point = f"<point><num>(a)</num><content><p>{escaped()}</p></content></point>"
    nested = "<list><intro><p>x</p></intro>" * depth + point + "</list>" * depth
    date = draw(st.sampled_from(["2023-12-19", "2023-13-99", "", "0001-01-01", "2024-02-30"]))
    paragraphs = "".join(
        f'<paragraph eId="para_{i}"><num>{escaped()[:5]}</num><content><p><i>{escaped()}</i> {escaped()}{note}</p>'
        f"</content></paragraph>"
        for i in range(draw(st.integers(0, 3)))
    )
    section = draw(st.sampled_from(["section", "hcontainer", "part"]))
    return (
        '<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0"><statement name="resolution">'
        f'<coverPage><p><docNumber refersTo="#symbol">{escaped()}</docNumber>'
        f'<docDate date="{date}" refersTo="#dateOfIssuance">x</docDate></p></coverPage>'
        f"<preface><p><docNumber>{escaped()}</docNumber><docTitle>{escaped()}</docTitle></p></preface>"
        f'<preamble><formula name="enactingFormula"><p>{escaped()}</p></formula>'
        f"<container><p>{escaped()}</p></container></preamble>"
        f"<mainBody>{paragraphs}<{section}><num>I.</num><heading>{escaped()}</heading>"
        f"<paragraph><num>1.</num><list><intro><p>{escaped()}</p></intro>{point}</list></paragraph>"
        f'<crossHeading refersTo="#preamble">{escaped()}</crossHeading></{section}>'
        f"<paragraph><content><p>{nested}</p></content></paragraph></mainBody>"
        f'<conclusions><p><docDate date="{date}" refersTo="#adoptionDate">x</docDate></p></conclusions>'
        "</statement></akomaNtoso>"
    ).encode()
