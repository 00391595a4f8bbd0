"""References benchmark: the tool's document citations held against the UN's own links.

usage: python benchmarks/references.py CORPUS_DIR... [--json] [--show N] [--known FILE]

  CORPUS_DIR  a folder of the UN's AKN files (../shared/corpus/ga78/akn), or one that holds akn/
  --json      one JSON object on stdout instead of the report
  --show      how many misses and how many extra links to list (default: all)
  --known     extra links and misses checked by hand, with the reason (default
              benchmarks/references-known.txt); listed apart, still counted

For every UN AKN file, every paragraph-like element of the body (preamble containers,
paragraphs, points, intros, crossHeadings, headings, authorialNotes, annex text, table cells)
gives its text, with the authorialNotes inside it left out (each is a paragraph of its own, as in
the document model), and the UN's links in it: each `<a href>` to the UN's document resolver
(undocs.org, docs.un.org), its character range and its target, normalised: the path after the
language ("undocs.org/en/A/RES/46/182" -> "A/RES/46/182"), spaces removed, case as the UN writes.
`resolution_cli.references.find_references` runs over the same text.

- recall: UN links we find: a reference of ours overlapping the link's range with the same target;
- precision: our references the UN also makes (same test), or that overlap a UN link to the
  same document by its PDF address (documents-dds-ny.un.org: the target is not a symbol).

Targets are compared without case (undocs.org ignores it) and without the "(Supp)" the UN
sometimes appends to the symbol of an Official Records supplement (A/62/54(supp): the printed
edition of the same report; 51 of the 430 links to a supplement in ga78 carry it, with no
pattern in the text). Where the text names a part of a resolution ("77/253 B") and the UN links
the resolution number alone, our link to the part (A/RES/77/253B) counts as the same citation:
the UN itself writes both (in ga78 70 times with the part, 264 without); the report says how many
and gives the figures with them counted as differences. Every miss and every extra link is
listed with its document and the text around it; those checked by hand are in the known file
with the reason. The last line: `recall F/U (X%), precision C/O (Y%); not yet checked: ...`.

  $ python benchmarks/references.py ../shared/corpus/ga78 ../shared/corpus/sc2025 \
        ../shared/corpus/pairs ../shared/corpus/other
"""

from __future__ import annotations

import argparse
import collections
import json
import re
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lxml import etree

from resolution_cli.references import Reference, find_references

KNOWN = Path(__file__).resolve().parent / "references-known.txt"
_RESOLVER = re.compile(r"https?://(?:undocs\.org|docs\.un\.org)/(?:(?:en|fr|es|ru|ar|zh|ch)/)?(?P<symbol>.+)")
_PDF = re.compile(r"https?://documents(?:-dds-ny)?\.un\.org/")
# Elements whose text is a paragraph of its own: inline elements in one are its text, a block or an
# authorialNote nested in one is a paragraph of its own.
_BLOCKS = {"p", "heading", "subheading", "crossHeading", "td", "th", "li", "caption"}
_OUTSIDE_BODY = {"meta", "coverPage", "preface"}  # the masthead: not the running text


@dataclass(frozen=True, slots=True)
class Link:
    start: int
    end: int
    target: str  # "" for a link to a PDF address


@dataclass(frozen=True, slots=True)
class Block:
    document: str
    text: str
    links: tuple[Link, ...]


def _local(element: etree._Element) -> str:
    return etree.QName(element).localname if isinstance(element.tag, str) else ""


def blocks(path: Path) -> Iterator[Block]:
    """The paragraph-like elements of one UN AKN file, with the UN's document links in each."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True)
    root = etree.parse(str(path), parser).getroot()
    for element in root.iter():
        if _local(element) not in _BLOCKS or any(_local(a) in _OUTSIDE_BODY for a in element.iterancestors()):
            continue
        parts: list[str] = []
        links: list[Link] = []
        _gather(element, parts, links)
        text = "".join(parts)
        if text.strip():
            yield Block(path.stem, text, tuple(links))


def _gather(element: etree._Element, parts: list[str], links: list[Link]) -> None:
    """Text of `element` in document order, leaving out authorialNotes (paragraphs of their own)."""
    if element.text:
        parts.append(element.text)
    for child in element:
        name = _local(child)
        if name and name != "authorialNote" and name not in _BLOCKS:
            start = sum(map(len, parts))
            _gather(child, parts, links)
            if name == "a":
                link = _link(child.get("href") or "", start, sum(map(len, parts)))
                if link:
                    links.append(link)
        if child.tail:
            parts.append(child.tail)


def _link(href: str, start: int, end: int) -> Link | None:
    resolver = _RESOLVER.match(href)
    if resolver:
        return Link(start, end, re.sub(r"\s+", "", resolver["symbol"]))
    if _PDF.match(href):
        return Link(start, end, "")
    return None  # a web page, not a document


def _comparable(symbol: str) -> str:
    return re.sub(r"\(supp\)", "", re.sub(r"\s+", "", symbol.casefold()))


def agreement(ours: str, theirs: str) -> str:
    """How two targets agree: "same" when they name the same document, "part" when ours names a part of the
    resolution the UN links by its number, "" otherwise."""
    a, b = _comparable(ours), _comparable(theirs)
    if a == b:
        return "same"
    if re.fullmatch(r"a/res/\d+/\d+[a-z]", a) and a[:-1] == b:
        return "part"
    return ""


def series(symbol: str) -> str:
    """The series a symbol belongs to, for the per-series table: A/RES, S/RES, A/HRC/RES, FCCC ..."""
    resolution = re.match(r"(.*?/RES)/", symbol)
    if resolution:
        return resolution[1].upper()
    head = re.match(r"[A-Za-z]+", symbol)
    return f"{head[0].upper()} (documents)" if head else "?"


@dataclass(slots=True)
class Tally:
    un: int = 0
    found: int = 0
    ours: int = 0
    confirmed: int = 0
    found_as_part: int = 0  # of `found`: the UN links the resolution number, we the part the text names
    confirmed_as_part: int = 0

    def add(self, other: Tally) -> None:
        self.un += other.un
        self.found += other.found
        self.ours += other.ours
        self.confirmed += other.confirmed
        self.found_as_part += other.found_as_part
        self.confirmed_as_part += other.confirmed_as_part


def _around(text: str, start: int, end: int) -> str:
    before, after = text[max(0, start - 80) : start], text[end : end + 40]
    return re.sub(r"\s+", " ", f"{before}[[{text[start:end]}]]{after}").strip()


def read_known(path: Path) -> dict[tuple[str, str, str], str]:
    """(kind, document, symbol) -> reason, from lines `extra|miss DOCUMENT SYMBOL # reason` (* for any)."""
    known: dict[tuple[str, str, str], str] = {}
    if not path.exists():
        return known
    reason = ""
    for line in path.read_text("utf-8").splitlines():
        entry, _, comment = line.partition("#")
        fields = entry.split()
        if not fields:
            reason = ""  # a comment block starts a new group
        elif len(fields) == 3 and fields[0] in ("extra", "miss"):
            reason = comment.strip() or reason  # a line without a reason shares the one above
            known[(fields[0], fields[1], fields[2])] = reason
    return known


class Benchmark:
    def __init__(self, known: dict[tuple[str, str, str], str]) -> None:
        self.known = known
        self.folders: dict[str, Tally] = {}
        self.by_series: dict[str, Tally] = collections.defaultdict(Tally)
        self.pdf_links = 0
        self.misses: list[dict[str, str]] = []
        self.extras: list[dict[str, str]] = []
        self.files = 0

    def folder(self, name: str, files: list[Path]) -> None:
        tally = self.folders.setdefault(name, Tally())
        for path in files:
            self.files += 1
            for block in blocks(path):
                tally.add(self.block(name, block, find_references(block.text)))

    def block(self, folder: str, block: Block, ours: tuple[Reference, ...]) -> Tally:
        tally = Tally(ours=len(ours))
        resolver_links = [link for link in block.links if link.target]
        self.pdf_links += len(block.links) - len(resolver_links)
        tally.un = len(resolver_links)
        for link in resolver_links:
            kinds = [agreement(r.symbol, link.target) for r in ours if r.start < link.end and link.start < r.end]
            hit = "same" if "same" in kinds else "part" if "part" in kinds else ""
            row = self.by_series[series(link.target)]
            row.un += 1
            if hit:
                tally.found += 1
                row.found += 1
                tally.found_as_part += hit == "part"
            else:
                got = [r.symbol for r in ours if r.start < link.end and link.start < r.end]
                self.record("miss", folder, block, link.start, link.end, link.target, got)
        for ref in ours:
            overlapping = [link for link in block.links if link.start < ref.end and ref.start < link.end]
            row = self.by_series[series(ref.symbol)]
            row.ours += 1
            kinds = [agreement(ref.symbol, link.target) if link.target else "same" for link in overlapping]
            if any(kinds):
                tally.confirmed += 1
                row.confirmed += 1
                tally.confirmed_as_part += "same" not in kinds
            else:
                self.record("extra", folder, block, ref.start, ref.end, ref.symbol, [k.target for k in overlapping])
        return tally

    def record(self, kind: str, folder: str, block: Block, start: int, end: int, symbol: str, other: list[str]) -> None:
        entry = {
            "folder": folder,
            "document": block.document,
            "symbol": symbol,
            "other": ", ".join(other),
            "text": _around(block.text, start, end),
            "checked": self.checked(kind, block.document, symbol),
        }
        (self.misses if kind == "miss" else self.extras).append(entry)

    def checked(self, kind: str, document: str, symbol: str) -> str:
        """The reason a difference was accepted, from the known file ("" when not checked)."""
        for key in ((kind, document, symbol), (kind, "*", symbol), (kind, document, "*")):
            if key in self.known:
                return self.known[key] or "checked (no reason given)"
        return ""

    def total(self) -> Tally:
        total = Tally()
        for tally in self.folders.values():
            total.add(tally)
        return total

    def as_json(self) -> dict[str, Any]:
        def figures(t: Tally) -> dict[str, Any]:
            return {
                "un_links": t.un,
                "found": t.found,
                "recall": round(t.found / t.un, 4) if t.un else None,
                "our_links": t.ours,
                "confirmed": t.confirmed,
                "precision": round(t.confirmed / t.ours, 4) if t.ours else None,
                "part_letter_matches": {"found": t.found_as_part, "confirmed": t.confirmed_as_part},
            }

        return {
            "files": self.files,
            "total": figures(self.total()),
            "folders": {name: figures(t) for name, t in self.folders.items()},
            "series": {name: figures(t) for name, t in sorted(self.by_series.items())},
            "pdf_links": self.pdf_links,
            "misses": self.misses,
            "extras": self.extras,
        }


def _percent(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f}%" if whole else "-"


def print_report(bench: Benchmark, show: int | None, seconds: float) -> None:
    print(f"{'folder':<28} {'UN links':>8} {'found':>6} {'recall':>7} {'ours':>6} {'also UN':>7} {'precision':>9}")
    rows = [*bench.folders.items(), ("all", bench.total())]
    for name, t in rows:
        print(
            f"{name:<28} {t.un:>8} {t.found:>6} {_percent(t.found, t.un):>7} {t.ours:>6} {t.confirmed:>7} "
            f"{_percent(t.confirmed, t.ours):>9}"
        )
    print(f"\n{'series':<28} {'UN links':>8} {'found':>6} {'recall':>7} {'ours':>6} {'also UN':>7} {'precision':>9}")
    for name, t in sorted(bench.by_series.items(), key=lambda kv: -max(kv[1].un, kv[1].ours)):
        print(
            f"{name:<28} {t.un:>8} {t.found:>6} {_percent(t.found, t.un):>7} {t.ours:>6} {t.confirmed:>7} "
            f"{_percent(t.confirmed, t.ours):>9}"
        )
    for title, entries in (("misses (UN links we do not make)", bench.misses), ("extra links", bench.extras)):
        checked = sum(1 for e in entries if e["checked"])
        print(f"\n{title}: {len(entries)} ({checked} checked by hand, in the known file)")
        for entry in entries[:show] if show is not None else entries:
            other = f" ({'ours' if title.startswith('misses') else 'UN'}: {entry['other']})" if entry["other"] else ""
            mark = "  checked: " + entry["checked"] if entry["checked"] else ""
            print(f"  {entry['document']:<22} {entry['symbol']}{other}{mark}\n      {entry['text']}")
    total = bench.total()
    print(f"\n{bench.files} files; UN links by PDF address {bench.pdf_links}; {seconds:.1f} s")
    strict_found, strict_confirmed = total.found - total.found_as_part, total.confirmed - total.confirmed_as_part
    print(
        f"part letters: {total.found_as_part} UN links name the resolution where the text and our link name its "
        f"part (77/253 B); counted as differences: recall {_percent(strict_found, total.un)}, "
        f"precision {_percent(strict_confirmed, total.ours)}"
    )
    unchecked = [sum(1 for e in entries if not e["checked"]) for entries in (bench.misses, bench.extras)]
    print(
        f"recall {total.found}/{total.un} ({_percent(total.found, total.un)}), "
        f"precision {total.confirmed}/{total.ours} ({_percent(total.confirmed, total.ours)}); "
        f"not yet checked: {unchecked[0]} misses, {unchecked[1]} extra links"
    )


def akn_files(folder: Path) -> list[Path]:
    base = folder / "akn" if (folder / "akn").is_dir() else folder
    return sorted(base.glob("*.xml"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="+", type=Path)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--show", type=int, default=None)
    parser.add_argument("--known", type=Path, default=KNOWN)
    args = parser.parse_args(argv)
    bench = Benchmark(read_known(args.known))
    started = time.process_time()
    for folder in args.corpus:
        files = akn_files(folder)
        if not files:
            print(f"references.py: no AKN files in {folder}", file=sys.stderr)
            return 2
        name = folder.name if folder.name != "akn" else folder.parent.name
        bench.folder(name, files)
    seconds = time.process_time() - started
    if args.json:
        json.dump(bench.as_json(), sys.stdout, ensure_ascii=False, indent=1)
        print()
    else:
        print_report(bench, args.show, seconds)
    return 0


if __name__ == "__main__":
    sys.exit(main())
