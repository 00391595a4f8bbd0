"""Hostile inputs made from real ones: the seeds are the real UN documents of `samples/` and
`tests/data/`, each mutated as an adversary (or a broken tool) would, in the ways that broke this
tool before (issue 9) and in blind ones (bytes flipped, cut, repeated).

Every mutator is a pure function of its input and a `random.Random`, so a case is named by its
seed alone (`case_bytes(kind, seed)`) and the fuzz script, the Hypothesis strategies and a rerun all
make the same bytes from it.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
KINDS = ("pdf", "text", "akn", "md")
_SUFFIXES = {"pdf": (".pdf",), "text": (".txt",), "akn": (".xml",)}

Mutator = Callable[[bytes, random.Random], bytes]


@cache
def seeds(kind: str) -> tuple[tuple[str, bytes], ...]:
    """(name, bytes) of every real document of `kind` the repository holds; Markdown is made by
    converting the text and AKN seeds (our Markdown exists only as this tool writes it)."""
    if kind == "md":
        return tuple((f"{name}.md", _markdown(data)) for name, data in (*seeds("text"), *seeds("akn")))
    found: list[tuple[str, bytes]] = []
    for folder in (ROOT / "samples", ROOT / "tests" / "data"):
        for path in sorted(folder.rglob("*")):
            if path.suffix in _SUFFIXES[kind] and path.is_file() and "RU" not in path.name:  # RU: a scan, no text
                found.append((str(path.relative_to(ROOT)), path.read_bytes()))
    return tuple(found)


def _markdown(data: bytes) -> bytes:
    from resolution_cli.exporters import get
    from resolution_cli.readers import read

    return get("md").render(read(data))


# --- pieces that broke the tool, or are near it ----------------------------------------------------

HOSTILE_LINES = (
    "[on the report of the Third Committee (" + "((((a)" * 16,
    "[on the report of the" + " " * 5000 + "x",
    "Agenda item 1" + " " * 5000 + "x",
    "The General Assembly" + ",." * 20_000 + " x",
    "Seventy-" + "a" * 5000 + " session",
    "S/RES/" + "1" * 5000 + " (2025)",
    "1" * 5000 + ". " + "Decides to remain seized of the matter;",
    "(" + "a" * 2000 + ") Requests",
    "- " * 3000 + "1. Decides",
    "\u00b2\u00b3\u00b9 Footnote text",
    "Distr.: General\x00\x01\x02\x1b[31m",
    "\u202e\u200f\u00ad\ufeff\ufffe",
    "29 February 2023",
    "99 December 2023",
    "I" * 3000 + ". Heading",
    "*" * 5000,
    "_" * 5000,
    "\u0661\u0662. Decides",
    "x" * 200_000,
)

_XML_PIECES = (
    '<authorialNote marker="\u00b2" placement="bottom"><p>Note</p></authorialNote>',
    '<authorialNote marker="' + "9" * 5000 + '" placement="bottom"><p>Note</p></authorialNote>',
    '<noteRef marker="1" href="#x"/>',
    "&#10;&#13;&#9;",
    "<![CDATA[<p>not markup</p>]]>",
    "<!-- a comment -- inside -->",
    "<?pi data?>",
    '<sup>1</sup><span class="italic"></span>',
    '<crossHeading refersTo="#preamble">Recalling,</crossHeading>',
    "<paragraph><num>I.</num><heading>Part</heading></paragraph>",
    "<section><num>A.</num><heading>H</heading></section>",
    "<list><point><num>(a)</num><content><p>x</p></content></point></list>",
)
_XML_ATTRIBUTES = (
    ("date", ("2023-13-99", "0000-00-00", "99999-01-01", "", "2023-02-30", "\u0662\u0660\u0662\u0663-01-01")),
    ("marker", ("\u00b2", "", "9" * 5000, "*", "a b", "&#10;")),
    ("value", ("", "78a", "S-9999", "-1", "\u0667\u0668")),
    ("refersTo", ("#preamble", "", "#", "#adoptionDate")),
    ("name", ("", "resolution", "draftResolution", "x y")),
    ("title", ("", "107 (a)", "1" * 5000)),
)
_MD_PIECES = (
    "1. x <!-- anchors=" + "[" * 50_000 + "]" * 50_000 + " -->",
    '<!-- role="preambular" -->',
    "*Recalling* a paragraph after the operative ones,",
    "   - (a) " + "- " * 500,
    "#" * 500 + " Heading",
    "[^" + "\\" * 3000 + "]: note",
    "[^1]: " + "[^1]" * 2000,
    'issue_date: "2023-13-99"',
    'adoption_date: "\\U0010FFFF"',
    "&#1114112; &#55296; &#0;",
    "* * *",
    "---",
)


def _lines(data: bytes) -> list[bytes]:
    return data.split(b"\n")


def _pick_line(lines: list[bytes], rng: random.Random) -> int:
    return rng.randrange(len(lines)) if lines else 0


def flip_bytes(data: bytes, rng: random.Random) -> bytes:
    out = bytearray(data)
    for _ in range(rng.randint(1, 64)):
        if out:
            out[rng.randrange(len(out))] = rng.randrange(256)
    return bytes(out)


def truncate(data: bytes, rng: random.Random) -> bytes:
    return data[: rng.randrange(len(data) + 1)]


def repeat_chunk(data: bytes, rng: random.Random) -> bytes:
    if not data:
        return data
    start = rng.randrange(len(data))
    end = min(len(data), start + rng.randint(1, 400))
    return data[:end] + data[start:end] * rng.randint(2, 200) + data[end:]


def shuffle_lines(data: bytes, rng: random.Random) -> bytes:
    lines = _lines(data)
    for _ in range(rng.randint(1, 8)):
        i, j = _pick_line(lines, rng), _pick_line(lines, rng)
        lines[i], lines[j] = lines[j], lines[i]
    return b"\n".join(lines)


def drop_lines(data: bytes, rng: random.Random) -> bytes:
    lines = _lines(data)
    start = _pick_line(lines, rng)
    del lines[start : start + rng.randint(1, max(1, len(lines) // 3))]
    return b"\n".join(lines)


def duplicate_lines(data: bytes, rng: random.Random) -> bytes:
    lines = _lines(data)
    start = _pick_line(lines, rng)
    block = lines[start : start + rng.randint(1, 20)]
    lines[start:start] = block * rng.randint(1, 50)
    return b"\n".join(lines)


def _insert_line(data: bytes, rng: random.Random, pieces: tuple[str, ...]) -> bytes:
    lines = _lines(data)
    lines.insert(_pick_line(lines, rng), rng.choice(pieces).encode())
    return b"\n".join(lines)


def hostile_line(data: bytes, rng: random.Random) -> bytes:
    return _insert_line(data, rng, HOSTILE_LINES)


def reencode(data: bytes, rng: random.Random) -> bytes:
    """The same text as another tool saved it: UTF-16/32 (with or without a BOM), Latin-1, CRLF."""
    text = data.decode("utf-8", errors="replace")
    choice = rng.randrange(6)
    if choice == 0:
        return ("\ufeff" + text).encode(rng.choice(["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"]))
    if choice == 1:
        return text.encode(rng.choice(["utf-16-le", "utf-16-be", "utf-32-le"]))
    if choice == 2:
        return text.encode("latin-1", errors="replace")
    if choice == 3:
        return text.replace("\n", "\r\n").encode()
    if choice == 4:
        return text.replace("\n", "\r").encode()
    return text.replace("\n", "\f\n").encode()


# --- AKN: mutations that keep it XML, so the reader (not only the parser) is exercised -------------

_ELEMENT = re.compile(rb"<(?P<tag>[A-Za-z]+)\b[^<>]*>[^<]*</(?P=tag)>")
_ATTRIBUTE = re.compile(rb'\b(?P<name>date|marker|value|refersTo|name|title)="[^"]*"')


def xml_nest(data: bytes, rng: random.Random) -> bytes:
    """An element wrapped in many levels of itself or of inline markup (the recursion bugs)."""
    matches = list(_ELEMENT.finditer(data))
    if not matches:
        return data
    match = rng.choice(matches)
    tag = rng.choice([match["tag"], b"i", b"span", b"authorialNote", b"section", b"list", b"p"])
    depth = rng.choice([5, 50, 99, 101, 500, 990, 2047])
    opening, closing = b"<" + tag + b">", b"</" + tag + b">"
    return data[: match.start()] + opening * depth + match.group(0) + closing * depth + data[match.end() :]


def xml_attribute(data: bytes, rng: random.Random) -> bytes:
    matches = list(_ATTRIBUTE.finditer(data))
    if not matches:
        return data
    match = rng.choice(matches)
    name = match["name"].decode()
    values = dict(_XML_ATTRIBUTES)[name]
    return data[: match.start()] + f'{name}="{rng.choice(values)}"'.encode() + data[match.end() :]


def xml_piece(data: bytes, rng: random.Random) -> bytes:
    """A piece of markup (or of hostile text) put after an opening tag."""
    opens = [m.end() for m in re.finditer(rb"<(?:p|content|mainBody|preamble|point|paragraph)\b[^<>]*>", data)]
    if not opens:
        return data
    at = rng.choice(opens)
    piece = rng.choice(_XML_PIECES) if rng.random() < 0.7 else _xml_text(rng.choice(HOSTILE_LINES))
    return data[:at] + piece.encode() + data[at:]


def xml_duplicate_element(data: bytes, rng: random.Random) -> bytes:
    matches = list(_ELEMENT.finditer(data))
    if not matches:
        return data
    match = rng.choice(matches)
    return data[: match.end()] + match.group(0) * rng.randint(1, 500) + data[match.end() :]


def xml_drop_element(data: bytes, rng: random.Random) -> bytes:
    matches = list(_ELEMENT.finditer(data))
    if not matches:
        return data
    match = rng.choice(matches)
    return data[: match.start()] + data[match.end() :]


def _xml_text(text: str) -> str:
    escaped = text.replace("&", "&amp;").replace("<", "&lt;")
    return "".join(c for c in escaped if c in "\t\n\r" or (c >= " " and c not in "\ufffe\uffff"))


# --- Markdown ----------------------------------------------------------------------------------


def md_piece(data: bytes, rng: random.Random) -> bytes:
    return _insert_line(data, rng, _MD_PIECES + HOSTILE_LINES[:6])


def md_indent(data: bytes, rng: random.Random) -> bytes:
    lines = _lines(data)
    i = _pick_line(lines, rng)
    lines[i] = b" " * rng.choice([1, 2, 3, 5, 80]) + lines[i]
    return b"\n".join(lines)


# --- PDF: damage as broken writers and transfers leave it ------------------------------------------

_STREAM = re.compile(rb"stream\r?\n")
_OBJECT = re.compile(rb"\n(\d+) (\d+) obj\b.*?endobj", re.S)


def pdf_truncate_stream(data: bytes, rng: random.Random) -> bytes:
    starts = [m.end() for m in _STREAM.finditer(data)]
    if not starts:
        return truncate(data, rng)
    start = rng.choice(starts)
    end = data.find(b"endstream", start)
    if end < 0:
        return data
    cut = start + rng.randrange(max(1, end - start))
    return data[:cut] + data[end:]


def pdf_duplicate_object(data: bytes, rng: random.Random) -> bytes:
    objects = list(_OBJECT.finditer(data[:2_000_000]))
    if not objects:
        return data
    obj = rng.choice(objects)
    at = rng.choice([obj.end(), len(data)])
    return data[:at] + obj.group(0) * rng.randint(1, 20) + data[at:]


def pdf_damage_xref(data: bytes, rng: random.Random) -> bytes:
    at = data.rfind(b"startxref")
    choice = rng.randrange(4)
    if at < 0 or choice == 0:
        xref = data.rfind(b"xref")
        return data[:xref] + flip_bytes(data[xref : xref + 200], rng) + data[xref + 200 :] if xref >= 0 else data
    if choice == 1:
        return data[:at] + b"startxref\n" + str(rng.randrange(10**9)).encode() + b"\n%%EOF\n"
    if choice == 2:
        return data[:at]  # no trailer at all
    return re.sub(rb"/Length \d+", lambda m: b"/Length " + str(rng.randrange(10**7)).encode(), data, count=5)


def pdf_recursive_reference(data: bytes, rng: random.Random) -> bytes:
    """An object that refers to itself, or /Kids and /Parent pointing in a circle."""
    objects = list(_OBJECT.finditer(data[:2_000_000]))
    if not objects:
        return data
    obj = rng.choice(objects)
    number = obj.group(1)
    body = obj.group(0).replace(b"/Parent", b"/Kids [" + number + b" 0 R] /Parent", 1)
    return data[: obj.start()] + body + data[obj.end() :]


MUTATORS: dict[str, tuple[Mutator, ...]] = {
    "text": (flip_bytes, truncate, repeat_chunk, shuffle_lines, drop_lines, duplicate_lines, hostile_line, reencode),
    "md": (flip_bytes, truncate, shuffle_lines, drop_lines, duplicate_lines, hostile_line, md_piece, md_indent),
    "akn": (
        flip_bytes,
        truncate,
        xml_nest,
        xml_attribute,
        xml_piece,
        xml_duplicate_element,
        xml_drop_element,
        repeat_chunk,
    ),
    "pdf": (
        flip_bytes,
        truncate,
        pdf_truncate_stream,
        pdf_duplicate_object,
        pdf_damage_xref,
        pdf_recursive_reference,
        repeat_chunk,
    ),
}


def mutate(kind: str, data: bytes, rng: random.Random) -> bytes:
    """One to three mutations of `data`, chosen by `rng`."""
    for _ in range(rng.choice([1, 1, 1, 2, 3])):
        data = rng.choice(MUTATORS[kind])(data, rng)
    return data


def case_bytes(kind: str, seed: int) -> tuple[str, bytes]:
    """The case named by `seed`: (the real document it came from, the mutated bytes)."""
    rng = random.Random(f"{kind}:{seed}")
    name, data = rng.choice(seeds(kind))
    return name, mutate(kind, data, rng)
