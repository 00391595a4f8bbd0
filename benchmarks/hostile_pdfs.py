"""Small PDFs made to hurt (issue 9), converted with each engine: exit code, CPU seconds and peak
memory of `resolution convert -t akn` in a process of its own, and the first words of its error.

    .venv/bin/python benchmarks/hostile_pdfs.py            # every case, both engines
    .venv/bin/python benchmarks/hostile_pdfs.py --only fonts --engine pdfminer
    mkdir -p /tmp/before && git archive e938d90 | tar -x -C /tmp/before    # the code before, for "before"
    .venv/bin/python benchmarks/hostile_pdfs.py --code /tmp/before

Each is a few kilobytes that once took minutes or gigabytes: characters drawn a million times
(in a page, or in a form drawn over and over), fonts whose maps span 2^32 codes, tokens that
pdfminer built in quadratic time, structure nested thousands deep. Every process runs under an
address-space limit (4 GB) and a CPU limit (600 s), so that a regression ends as a number here,
not as the machine's memory.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.pdfmaker import (  # noqa: E402  (the test's own makers of PDFs, from the repository's root)
    cid_font_pdf,
    cmap,
    deep_page_tree,
    drawing_form,
    format_4,
    format_12,
    make_pdf,
    nested,
    resolution_page,
    truetype_with_cmap,
)

_LIMIT_BYTES = 4 << 30
_LIMIT_CPU = 600


def _letters(count: int) -> bytes:
    strings = (b"(" + b"x" * 1000 + b") Tj ") * (count // 1000)
    return make_pdf([resolution_page(1) + b"\nBT /F1 10 Tf 1 0 0 1 50 50 Tm " + strings + b"ET\n"])


def _in_content(extra: bytes) -> bytes:
    return make_pdf([resolution_page(1) + b"\n" + extra + b"\n"])


def _long_line_without_startxref(size: int) -> bytes:
    """A stream of `size` bytes and no line break, in a file whose startxref is gone: pdfminer
    looks for it line by line from the end, then scans every line for the objects."""
    pdf = make_pdf([resolution_page(1)])
    at = pdf.index(b"xref")
    junk = b"99 0 obj\n<< /Length 5 >>\nstream\n" + b"a" * size + b"\nendstream\nendobj\n"
    return pdf[:at] + junk + pdf[at:].replace(b"startxref", b"startxrex")


CASES: dict[str, dict[str, Callable[[], bytes]]] = {
    "characters": {
        "a page drawing 1,000,000 letters": lambda: _letters(1_000_000),
        "a page drawing 20,000,000 letters": lambda: _letters(20_000_000),
        "a form of 30,000 letters drawn 2,000 times": lambda: drawing_form(2_000, 30_000),
    },
    "fonts": {
        "a ToUnicode bfrange of 2^32 codes": lambda: cid_font_pdf(to_unicode=cmap(b"<00000000> <FFFFFFFF> <0041>")),
        "a /W range of 2^32 codes": lambda: cid_font_pdf(widths=b"0 4294967295 500"),
        "a TrueType cmap group of 2^32 codes": lambda: cid_font_pdf(
            font_file=truetype_with_cmap(format_12([(0, 2**32 - 1, 0)]))
        ),
        "3,000 TrueType cmap segments of 2^16": lambda: cid_font_pdf(
            font_file=truetype_with_cmap(format_4([(0, 0xFFFF)] * 3000))
        ),
    },
    "tokens": {
        "a comment of 32 MiB": lambda: _in_content(b"% " + b" " * (32 << 20)),
        "a string of 1,600,000 escapes": lambda: _in_content(b"(" + b"\\n" * 1_600_000 + b") pop"),
        "a string of 1,600,000 nested ()": lambda: _in_content(b"(" + b"()" * 1_600_000 + b") pop"),
        "inline image data of 1,600,000 Es": lambda: _in_content(
            b"BI /W 1 /H 1 /BPC 8 /CS /G ID " + b"E" * 1_600_000 + b" EI"
        ),
        "a damaged file with a line of 32 MiB": lambda: _long_line_without_startxref(32 << 20),
        "a ToUnicode map with a 32 MiB comment": lambda: cid_font_pdf(
            to_unicode=b"% " + b" " * (32 << 20) + b"\n" + cmap(b"<00000000> <0000FFFF> <0041>")
        ),
    },
    "nesting": {
        "a page tree 5,000 levels deep": lambda: deep_page_tree(5_000),
        "a chain of 5,000 forms": lambda: nested("forms", 5_000),
        "arrays 5,000 deep in the content": lambda: nested("arrays", 5_000),
    },
}


def _limits() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (_LIMIT_BYTES, _LIMIT_BYTES))
    resource.setrlimit(resource.RLIMIT_CPU, (_LIMIT_CPU, _LIMIT_CPU + 10))


def measure(path: Path, engine: str, code: Path = ROOT) -> tuple[int, float, int, str]:
    """(exit code, CPU seconds, peak MB, first line of stderr) of converting `path` with the
    package in the folder `code`."""
    command = [sys.executable, "-m", "resolution_cli", "convert", str(path), "-t", "akn", "--engine", engine,
               "-o", str(path.with_suffix(".xml"))]
    environment = {**os.environ, "PYTHONPATH": str(code)}
    with tempfile.TemporaryFile() as stderr:
        process = subprocess.Popen(
            command, stdout=subprocess.DEVNULL, stderr=stderr, preexec_fn=_limits, cwd=code, env=environment
        )
        _, status, usage = os.wait4(process.pid, 0)
        stderr.seek(0)
        said = stderr.read().decode("utf-8", "replace").split("\n")[0].replace(f"{path}: ", "")
    return os.waitstatus_to_exitcode(status), usage.ru_utime + usage.ru_stime, usage.ru_maxrss // 1024, said


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", choices=list(CASES), action="append", help="these groups only (repeatable)")
    parser.add_argument("--engine", choices=["pdfminer", "pdfium"], action="append", help="this engine only")
    parser.add_argument("--case", action="append", help="the cases whose names contain this (repeatable)")
    parser.add_argument("--code", type=Path, default=ROOT, help="the folder of the package to run (default: this one)")
    args = parser.parse_args()
    engines = args.engine or ["pdfminer", "pdfium"]
    print(f"{'case':45} {'KB':>6} {'engine':9} exit {'CPU s':>6} {'MB':>5}  error")
    with tempfile.TemporaryDirectory() as folder:
        for group in args.only or list(CASES):
            for name, make in CASES[group].items():
                if args.case and not any(part in name for part in args.case):
                    continue
                path = Path(folder) / "input.pdf"
                path.write_bytes(make())
                for engine in engines:
                    code, seconds, peak, said = measure(path, engine, args.code.resolve())
                    size = path.stat().st_size / 1024
                    error = said.removeprefix("resolution: error: ")[:70]
                    print(f"{name:45} {size:6.1f} {engine:9} {code:4} {seconds:6.2f} {peak:5}  {error}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
