"""Speed and memory of the conversion, against pdfminer.six's own costs, in one interleaved run.

usage: python benchmarks/speed.py PDF_DIR [--count N] [--text FILE] [--texts DIR] [--batch N] [--only SECTION]
                                 [--against CHECKOUT] [--rounds N] [--json]
e.g.   python benchmarks/speed.py ../shared/corpus/ga78/pdf

  PDF_DIR   a folder of UN PDFs; --count of them (default 10, spread over the sorted names) are
            timed, the largest is used for peak memory, --batch of them (default 100) for the batch
  --text    the text sample for text -> model -> AKN (default samples/text/A_73_L.103.txt)

What it reports (CPU seconds; each document measured by every contender in turn, so machine noise
falls on all of them alike):
  pdf        per document and per page: PDF -> AKN with each engine, `extract_pages` with default
             LAParams, pdfminer's bare interpreter (PDFPageAggregator, laparams=None); ratios
  processes  one process per document (as `make -j` runs it): `resolution convert X -t akn -o Y`
             against a script that runs `extract_pages` on X, CPU of the processes (user + system);
             the package's bytecode is compiled first, as `pip install` leaves it (pdfminer's is:
             an editable checkout run with PYTHONDONTWRITEBYTECODE=1 would compile every module of
             the tool from source in every process, which an installed tool never does); with
             --against CHECKOUT (another checkout of the tool, e.g. `git worktree add /tmp/main main`)
             its `resolution convert` is timed in the same loop, the order rotating per document, so
             before and after share the machine's noise; --rounds N goes over the files N times
  text       text -> model -> AKN documents per second (one core), on --text and on each text of
             --texts (a folder, e.g. the ga78 texts `benchmarks/text_outputs.py --extract` writes)
  exporters  each exporter alone on one model, documents per second
  startup    `resolution --help` and `resolution --version`: CPU seconds of the process (user +
             system) and wall seconds, best of five; what `--help` imported of lxml, rich, pydantic,
             pdfminer, importlib.metadata, the readers, the exporters, the batch runner, the diff engine
  memory     peak RSS converting the largest PDF of PDF_DIR; RSS through a `-j 1` batch of --batch
             documents (after the tenth and at the end); peak RSS and exit of the 3 GiB Flate bomb
  linear     generated documents of 10, 50 and 200 pages: CPU per page with each engine
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pdfminer.converter import PDFPageAggregator  # noqa: E402
from pdfminer.high_level import extract_pages  # noqa: E402
from pdfminer.layout import LAParams  # noqa: E402
from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager  # noqa: E402
from pdfminer.pdfpage import PDFPage  # noqa: E402

from resolution_cli.exporters import exporters, get  # noqa: E402
from resolution_cli.parse.finish import finish  # noqa: E402
from resolution_cli.readers.base import ReadOptions  # noqa: E402
from resolution_cli.readers.pdf import available_engines, read_pdf  # noqa: E402
from resolution_cli.readers.text import read_text  # noqa: E402
from tests.pdfmaker import make_pdf, resolution_page, zeros_bomb  # noqa: E402

PYTHON = sys.executable
ENGINES = [engine.name for engine in available_engines()]


def cpu(work: Callable[[], object]) -> float:
    started = time.process_time()
    work()
    return time.process_time() - started


def to_akn(data: bytes, engine: str) -> Callable[[], bytes]:
    return lambda: get("akn").render(finish(read_pdf(data, ReadOptions(engine=engine))))


def laid_out(data: bytes) -> Callable[[], int]:
    import io

    return lambda: sum(1 for _ in extract_pages(io.BytesIO(data), laparams=LAParams()))


def bare_interpreter(data: bytes) -> Callable[[], int]:
    import io

    def run() -> int:
        resources = PDFResourceManager()
        device = PDFPageAggregator(resources, laparams=None)
        interpreter = PDFPageInterpreter(resources, device)
        pages = 0
        for page in PDFPage.get_pages(io.BytesIO(data)):
            interpreter.process_page(page)
            device.get_result()
            pages += 1
        return pages

    return run


def pdf_section(files: list[Path]) -> dict[str, Any]:
    contenders = [*(f"akn:{engine}" for engine in ENGINES), "extract_pages", "bare_interpreter"]
    totals = dict.fromkeys(contenders, 0.0)
    pages = 0
    for index, path in enumerate(files):
        data = path.read_bytes()
        pages += bare_interpreter(data)()
        work = {f"akn:{e}": to_akn(data, e) for e in ENGINES}
        work |= {"extract_pages": laid_out(data), "bare_interpreter": bare_interpreter(data)}
        order = contenders[index % len(contenders) :] + contenders[: index % len(contenders)]
        for name in order:
            totals[name] += cpu(work[name])
    result: dict[str, Any] = {"documents": len(files), "pages": pages}
    for name, seconds in totals.items():
        result[name] = {"cpu_s": seconds, "per_document_s": seconds / len(files), "per_page_ms": seconds / pages * 1e3}
    base = totals["akn:pdfminer"]
    result["ratio_akn_to_extract_pages"] = base / totals["extract_pages"]
    result["ratio_akn_to_bare_interpreter"] = base / totals["bare_interpreter"]
    if "akn:pdfium" in totals:
        result["ratio_pdfminer_to_pdfium"] = base / totals["akn:pdfium"]
    return result


EXTRACT_SCRIPT = (
    "import sys\nfrom pdfminer.high_level import extract_pages\nfor _ in extract_pages(sys.argv[1]):\n    pass\n"
)


def child_cpu(command: list[str], cwd: Path | None = None) -> float:
    """CPU seconds (user + system) of `command`, run in `cwd` (whose `resolution_cli` it imports)."""
    env = None if cwd is None else {**os.environ, "PYTHONPATH": str(cwd)}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(command, check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=cwd, env=env)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime


def compile_bytecode(root: Path = ROOT) -> None:
    """The package's bytecode, as `pip install` compiles it (see the module docstring)."""
    subprocess.run([PYTHON, "-m", "compileall", "-q", str(root / "resolution_cli")], check=True,
                   stdout=subprocess.DEVNULL)


def processes_section(files: list[Path], against: Path | None = None, rounds: int = 1) -> dict[str, Any]:
    checkouts = {"resolution convert": ROOT} | ({f"resolution convert ({against})": against} if against else {})
    for root in checkouts.values():
        compile_bytecode(root)
    names = [*checkouts, "extract_pages script"]
    totals = dict.fromkeys(names, 0.0)
    with tempfile.TemporaryDirectory() as scratch:
        out = str(Path(scratch, "out.xml"))
        for index, path in enumerate(files * rounds):
            pdf = str(path.resolve())  # the other checkout runs in its own folder
            commands = {name: ([PYTHON, "-m", "resolution_cli", "convert", pdf, "-t", "akn", "-o", out], root)
                        for name, root in checkouts.items()}
            commands["extract_pages script"] = ([PYTHON, "-c", EXTRACT_SCRIPT, pdf], ROOT)
            for name in names[index % len(names):] + names[: index % len(names)]:
                totals[name] += child_cpu(*commands[name])
    script = totals["extract_pages script"]
    result: dict[str, Any] = {name: {"cpu_s": seconds} for name, seconds in totals.items()}
    result["ratio"] = totals["resolution convert"] / script
    if against:
        result[f"ratio ({against})"] = totals[names[1]] / script
    return result


def rate(work: Callable[[], object], seconds: float = 2.0) -> float:
    """Calls per CPU second, over at least `seconds` of CPU."""
    count, started = 0, time.process_time()
    while (spent := time.process_time() - started) < seconds or count < 3:
        work()
        count += 1
    return count / spent


def text_section(text: Path, folder: Path | None) -> dict[str, Any]:
    data = text.read_bytes()
    resolution = finish(read_text(data))
    result: dict[str, Any] = {
        "file": str(text),
        "text_to_akn_docs_per_s": rate(lambda: get("akn").render(finish(read_text(data)))),
        "text_to_model_docs_per_s": rate(lambda: finish(read_text(data))),
        "exporters_docs_per_s": {e.name: rate(lambda e=e: e.render(resolution))  # type: ignore[misc]
                                 for e in exporters()},
    }
    if folder is not None:
        texts = [p.read_bytes() for p in sorted(folder.glob("*.txt"))]
        seconds = cpu(lambda: [get("akn").render(finish(read_text(t))) for t in texts])
        seconds += cpu(lambda: [get("akn").render(finish(read_text(t))) for t in texts])
        result["texts"] = {"folder": str(folder), "documents": len(texts),
                           "text_to_akn_docs_per_s": 2 * len(texts) / seconds}
    return result


HEAVY = ("lxml", "rich", "pydantic", "pdfminer", "pypdfium2", "importlib.metadata", "resolution_cli.readers.text",
         "resolution_cli.readers.pdf", "resolution_cli.exporters", "resolution_cli.batch", "resolution_cli.api",
         "resolution_cli.diff.compare", "resolution_cli.model")
PROBE = (
    "import runpy, sys\nsys.argv = ['resolution', '--help']\n"
    "try:\n    runpy.run_module('resolution_cli', run_name='__main__')\nexcept SystemExit:\n    pass\n"
    f"print([m for m in {HEAVY!r} if m in sys.modules], file=sys.stderr)\n"
)


def startup_section() -> dict[str, Any]:
    compile_bytecode()
    result: dict[str, Any] = {}
    for flag in ("--help", "--version"):
        wall = process = float("inf")
        for _ in range(5):
            started = time.perf_counter()
            process = min(process, child_cpu([PYTHON, "-m", "resolution_cli", flag]))
            wall = min(wall, time.perf_counter() - started)
        result[flag] = {"best_of_5_cpu_s": process, "best_of_5_wall_s": wall}
    probe = subprocess.run([PYTHON, "-c", PROBE], capture_output=True, text=True, check=False)
    result["--help"]["imported"] = probe.stderr.strip().splitlines()[-1] if probe.stderr.strip() else ""
    return result


RSS_SCRIPT = """
import resource, sys
from pathlib import Path
from resolution_cli.exporters import get
from resolution_cli.readers import read
from resolution_cli.readers.base import ReadOptions
get("akn").render(read(Path(sys.argv[1]).read_bytes(), options=ReadOptions(engine=sys.argv[2])))
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""

BATCH_SCRIPT = """
import json, sys, tempfile
from pathlib import Path
from resolution_cli import batch
rss = []
def on_result(outcome):
    rss.append(int(Path("/proc/self/statm").read_text().split()[1]) * 4096)
names = sys.argv[2:]
with tempfile.TemporaryDirectory() as out:
    jobs = batch.plan(batch.collect(names), ["akn"], Path(out), batch.ConvertTask(()))
    batch.run(jobs, batch.perform, 1, on_result)
print(json.dumps(rss))
"""

BOMB_SCRIPT = """
import resource, subprocess, sys
result = subprocess.run([sys.executable, "-m", "resolution_cli", "convert", sys.argv[1], "-t", "akn", "--engine",
                         sys.argv[2]], capture_output=True, check=False)
print(result.returncode, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, repr(result.stderr.decode()))
"""


def memory_section(folder: Path, batch_size: int) -> dict[str, Any]:
    pdfs = sorted(folder.glob("*.pdf"))
    largest = max(pdfs, key=lambda p: p.stat().st_size)
    result: dict[str, Any] = {"largest": {"file": str(largest), "bytes": largest.stat().st_size}}
    for engine in ENGINES:
        out = subprocess.run([PYTHON, "-c", RSS_SCRIPT, str(largest), engine], capture_output=True, text=True)
        result["largest"][f"peak_rss_mb:{engine}"] = int(out.stdout.split()[-1]) / 1024
    names = [str(p) for p in pdfs[:batch_size]]
    out = subprocess.run([PYTHON, "-c", BATCH_SCRIPT, *names], capture_output=True, text=True, cwd=ROOT)
    rss = json.loads(out.stdout.splitlines()[-1])
    result["batch"] = {"documents": len(rss), "rss_mb_after_10": rss[9] / 2**20, "rss_mb_at_end": rss[-1] / 2**20,
                       "growth_after_10": rss[-1] / rss[9] - 1, "rss_mb": [round(r / 2**20, 1) for r in rss]}
    with tempfile.TemporaryDirectory() as scratch:
        bomb = Path(scratch, "bomb.pdf")
        bomb.write_bytes(make_pdf([resolution_page(1)], raw_streams=[zeros_bomb(3 << 30)]))
        result["bomb_3_gib"] = {"bytes": bomb.stat().st_size}
        for engine in ENGINES:
            code, peak, stderr = subprocess.run([PYTHON, "-c", BOMB_SCRIPT, str(bomb), engine], capture_output=True,
                                                text=True, cwd=ROOT).stdout.split(" ", 2)
            outcome = {"exit": int(code), "peak_rss_mb": int(peak) / 1024, "stderr": stderr.strip()}
            result["bomb_3_gib"][engine] = outcome
    return result


def linear_section() -> dict[str, Any]:
    result: dict[str, Any] = {}
    for pages in (10, 50, 200):
        data = make_pdf([resolution_page(n) for n in range(1, pages + 1)])
        result[str(pages)] = {engine: cpu(to_akn(data, engine)) / pages * 1e3 for engine in ENGINES}
    return {"cpu_ms_per_page": result}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pdfs", type=Path)
    parser.add_argument("--count", type=int, default=10)
    parser.add_argument("--text", type=Path, default=ROOT / "samples" / "text" / "A_73_L.103.txt")
    parser.add_argument("--texts", type=Path, help="a folder of texts for text -> AKN (e.g. ga78's)")
    parser.add_argument("--batch", type=int, default=100)
    parser.add_argument("--only", action="append", help="run only these sections (repeatable)")
    parser.add_argument("--against", type=Path, help="processes: another checkout of the tool, timed alongside")
    parser.add_argument("--rounds", type=int, default=1, help="processes: times over the files")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    pdfs = sorted(args.pdfs.glob("*.pdf"))
    step = max(1, len(pdfs) // args.count)
    files = pdfs[::step][: args.count]
    sections: dict[str, Callable[[], dict[str, Any]]] = {
        "pdf": lambda: pdf_section(files),
        "processes": lambda: processes_section(files, args.against and args.against.resolve(), args.rounds),
        "text": lambda: text_section(args.text, args.texts),
        "startup": startup_section,
        "memory": lambda: memory_section(args.pdfs, args.batch),
        "linear": linear_section,
    }
    report: dict[str, Any] = {"machine": machine()}
    for name, section in sections.items():
        if args.only and name not in args.only:
            continue
        report[name] = section()
        if not args.json:
            print(f"== {name}\n{json.dumps(report[name], indent=2)}", flush=True)
    if args.json:
        print(json.dumps(report, indent=2))
    return 0


def machine() -> dict[str, Any]:
    model = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                  if line.startswith("model name")), "") if Path("/proc/cpuinfo").exists() else ""
    return {"cpus": os.cpu_count(), "cpu": model, "python": sys.version.split()[0]}


if __name__ == "__main__":
    sys.exit(main())
