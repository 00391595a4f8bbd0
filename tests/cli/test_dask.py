"""`--dask ADDRESS`: batches on a Dask cluster give what `-j 1` gives, byte for byte and line for line.

One LocalCluster of two worker processes serves the module (`cluster`: the CLI reaches it by its
tcp:// address, as it would a real scheduler); the tests of `--dask local:2` start and stop
their own, as a user's run does.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import signal
import subprocess
import sys
import time
import tomllib
from collections.abc import Iterator
from pathlib import Path

import dask
import distributed
import pytest

import resolution_cli.dask as dask_executor
from resolution_cli import api, batch
from resolution_cli.batch import ConvertTask, Job, Mode, Source, Target
from resolution_cli.errors import UsageError
from tests.cli.test_batch import SC_TEXT, TEXT, every_format, tree
from tests.cli.test_batch_interrupt import wait_for_outputs, wait_until_gone
from tests.cli.test_convert_cli import run
from tests.conftest import ROOT, SAMPLES

# Every kind of input, real documents, a few seconds of work: a PDF, texts, the UN's AKN.
INPUTS = [
    str(SAMPLES / "pdf" / "S_RES_2768_2025.pdf"), str(SAMPLES / "text"), str(SAMPLES / "akn" / "A_RES_78_229.xml"),
    str(SC_TEXT),
]  # fmt: skip


@pytest.fixture(scope="module")
def cluster() -> Iterator[distributed.Client]:
    """Two worker processes, one thread each, as `--dask local:2` starts them. A task whose
    workers die twice is given up (the default: four times), and a worker holds only the task it
    runs, so that no other is ever running where such a task kills its worker."""
    config = {"distributed.scheduler.allowed-failures": 1, "distributed.scheduler.worker-saturation": 1.0}
    with (
        dask.config.set(config),
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0", silence_logs=logging.CRITICAL
        ) as local,
        distributed.Client(local) as client,
    ):
        yield client


@pytest.fixture
def address(cluster: distributed.Client) -> str:
    return str(cluster.scheduler.address)


def documents(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    for source in sorted(SC_TEXT.glob("*.txt")):
        shutil.copy(source, folder / source.name)
    return folder


# --- the same results as one process --------------------------------------------------------------


def test_local_cluster_writes_the_same_bytes_as_one_process(tmp_path: Path) -> None:
    serial = run("convert", *INPUTS, "-d", str(tmp_path / "j1"), "-j", "1", *every_format())
    dask = run("convert", *INPUTS, "-d", str(tmp_path / "dask"), "--dask", "local:2", *every_format())
    assert serial.returncode == 0, serial.stderr
    assert dask.returncode == 0, dask.stderr
    assert len(tree(tmp_path / "j1")) == 9 * len(every_format()) // 2  # 9 documents, every format
    assert tree(tmp_path / "dask") == tree(tmp_path / "j1")
    assert dask.stderr == serial.stderr  # the same summary, in the same words, and nothing from Dask


def test_check_on_a_local_cluster_prints_the_same_as_one_process() -> None:
    serial = run("check", *INPUTS, "-j", "1")
    dask = run("check", *INPUTS, "--dask", "local:2")
    assert (dask.returncode, dask.stdout, dask.stderr) == (serial.returncode, serial.stdout, serial.stderr)
    assert serial.stdout.count(b"\n") > 10  # findings of every kind of input, in input order


def test_check_report_in_json_is_that_of_one_process(tmp_path: Path, address: str) -> None:
    (tmp_path / "broken.pdf").write_bytes(b"%PDF-1.7\n1 0 obj")  # unreadable: a finding in the report too
    inputs = [str(TEXT), str(tmp_path / "broken.pdf"), str(SC_TEXT)]
    serial = run("check", *inputs, "-j", "1", "--format", "json")
    dask = run("check", *inputs, "--dask", address, "--format", "json")
    assert (dask.returncode, dask.stdout, dask.stderr) == (serial.returncode, serial.stdout, serial.stderr)
    assert dask.returncode == 3 and b'"unreadable-input"' in dask.stdout


def test_one_bad_file_is_reported_and_the_rest_converted(tmp_path: Path, address: str) -> None:
    folder = documents(tmp_path)
    (folder / "a_shopping_list.txt").write_text("eggs\nmilk\n")
    (folder / "b_empty.pdf").write_bytes(b"%PDF-1.4\n%%EOF\n")
    serial = run("convert", str(folder), "-d", str(tmp_path / "j1"), "-j", "1")
    dask = run("convert", str(folder), "-d", str(tmp_path / "dask"), "--dask", address)
    assert dask.returncode == serial.returncode == 3
    assert dask.stderr == serial.stderr
    errors = [line for line in dask.stderr.decode().splitlines() if line.startswith("resolution: error:")]
    assert "a_shopping_list.txt" in errors[0] and "b_empty.pdf" in errors[1]  # input order
    assert dask.stderr.decode().splitlines()[-1] == "8 files: 6 converted, 2 failed."
    assert tree(tmp_path / "dask") == tree(tmp_path / "j1") and len(tree(tmp_path / "j1")) == 6


def test_standard_input_travels_with_its_job(tmp_path: Path, address: str) -> None:
    result = run("convert", "-", str(SC_TEXT), "-d", str(tmp_path / "out"), "--dask", address, stdin=TEXT.read_bytes())
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "out" / "stdin.json").read_bytes() == api.convert(TEXT, "json")


def test_skip_unchanged_and_diff_plan_as_with_processes(tmp_path: Path, address: str) -> None:
    folder = documents(tmp_path)
    out = tmp_path / "out"
    assert run("convert", str(folder), "-d", str(out), "--dask", address).returncode == 0
    changed = out / "S_RES_0235_1967_EN_GOLD.json"
    changed.write_bytes(changed.read_bytes().replace(b'"Security Council"', b'"General Assembly"', 1))
    (out / "S_RES_0693_1991_EN_GOLD.json").unlink()
    serial = run("convert", str(folder), "-d", str(out), "-j", "1", "--diff")
    dask = run("convert", str(folder), "-d", str(out), "--dask", address, "--diff")
    assert (dask.returncode, dask.stdout, dask.stderr) == (serial.returncode, serial.stdout, serial.stderr)
    assert dask.returncode == 1 and b"would change" in dask.stderr and b"would create" in dask.stderr
    assert dask.stdout.startswith(b"--- a/")
    skip = run("convert", str(folder), "-d", str(out), "--dask", address, "--skip-unchanged")
    assert skip.stderr == b"6 files: 1 converted, 5 skipped (up to date).\n"
    assert changed.read_bytes().count(b'"General Assembly"') == 1  # newer than its input: left alone


# --- interrupted runs ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def many(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """120 real documents (copies of the six texts): some seconds of work for two workers."""
    folder = tmp_path_factory.mktemp("many") / "in"
    folder.mkdir()
    for n in range(20):
        for source in SC_TEXT.glob("*.txt"):
            shutil.copy(source, folder / f"{source.stem}_{n:03}.txt")
    return folder


@pytest.fixture
def ctrl_c_works() -> Iterator[None]:
    """SIGINT handled as in a terminal's shell: a test run from a background job (`make test &`)
    inherits it ignored, and so would the command under test."""
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    yield
    signal.signal(signal.SIGINT, previous)


def test_dask_s_own_lines_are_kept_off_stderr_even_when_critical(caplog: pytest.LogCaptureFixture) -> None:
    """A scheduler that outlives its client (a run interrupted while results are on their way)
    logs each lost message at CRITICAL with a traceback; `distributed.client` has a level of its
    own. Nothing of theirs reaches a handler while a run is on, and their levels come back."""
    client_level = logging.getLogger("distributed.client").level
    with caplog.at_level(logging.DEBUG), dask_executor._quiet_logs():
        logging.getLogger("distributed.scheduler").critical("Closed comm <BatchedSend: closed> while trying to write")
        logging.getLogger("distributed.client").critical("Tried to write to a closed comm")
    assert [record.name for record in caplog.records] == []
    assert logging.getLogger("distributed.client").level == client_level


@pytest.mark.usefixtures("ctrl_c_works")
@pytest.mark.parametrize(
    ("signum", "to_group"),
    [(signal.SIGINT, True), (signal.SIGTERM, False)],  # Ctrl-C in a terminal (the whole group); `kill`
)
def test_interrupted_run_leaves_whole_files_and_no_workers(
    tmp_path: Path, many: Path, signum: int, to_group: bool
) -> None:
    out = tmp_path / "out"
    command = [sys.executable, "-m", "resolution_cli", "convert", str(many), "-d", str(out), "-t", "json"]
    process = subprocess.Popen(
        [*command, "--dask", "local:2"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True
    )
    wait_for_outputs(out, 10, process)
    (os.killpg if to_group else os.kill)(process.pid, signum)
    _, stderr = process.communicate(timeout=60)
    wait_until_gone(process.pid)  # the cluster's scheduler and worker processes went with it

    assert process.returncode == 128 + signum, stderr
    assert stderr == b"resolution: error: interrupted\n"  # no traceback, from us or from a worker
    left = tree(out)
    assert 10 <= len(left) < 120  # stopped midway
    for name, data in left.items():  # whole files only, no temporaries
        assert data == api.convert(many / name.replace(".json", ".txt"), "json"), name


HEAVY = SAMPLES / "pdf" / "A_RES_78_247.pdf"  # half a second of work: far longer than Dask's messages take


@pytest.fixture(scope="module")
def heavy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """16 copies of a real PDF: seconds of work for two workers, each document long enough that a
    cancel reaches the cluster while a worker is still on it, even on a loaded machine (with
    20 ms texts, a dozen more could end in the time the scheduler took to hear of it)."""
    folder = tmp_path_factory.mktemp("heavy") / "in"
    folder.mkdir()
    for n in range(16):
        shutil.copy(HEAVY, folder / f"{HEAVY.stem}_{n:03}.pdf")
    return folder


@pytest.mark.usefixtures("ctrl_c_works")
def test_an_interrupted_run_on_a_cluster_cancels_what_has_not_started(
    tmp_path: Path, heavy: Path, cluster: distributed.Client, address: str
) -> None:
    out = tmp_path / "out"
    command = [sys.executable, "-m", "resolution_cli", "convert", str(heavy), "-d", str(out), "-t", "json"]
    process = subprocess.Popen([*command, "--dask", address], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    wait_for_outputs(out, 3, process)
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 130 and stderr == b"resolution: error: interrupted\n"
    written = len(tree(out))
    deadline = time.monotonic() + 30
    while any(cluster.processing().values()) and time.monotonic() < deadline:
        time.sleep(0.05)  # the documents the workers were on when it stopped: Dask lets them finish
    left = tree(out)
    assert len(left) <= written + 2 < 16  # one a worker at most: the rest were cancelled
    whole = api.convert(HEAVY, "json")
    assert all(data == whole for data in left.values())


# --- where to run: the option, the extra, the workers ----------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("local:3", dask_executor.Address("local:3", local_workers=3)),
        ("LOCAL", dask_executor.Address("LOCAL", local_workers=os.cpu_count() or 1)),
        ("tcp://10.0.0.5:8786", dask_executor.Address("tcp://10.0.0.5:8786", scheduler="tcp://10.0.0.5:8786")),
        ("tls://[::1]:8786", dask_executor.Address("tls://[::1]:8786", scheduler="tls://[::1]:8786")),
        ("scheduler:8786", dask_executor.Address("scheduler:8786", scheduler="scheduler:8786")),
    ],
)
def test_addresses(text: str, expected: dask_executor.Address) -> None:
    assert dask_executor.parse_address(text) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("local:0", "is not local:N"),
        ("local:two", "is not local:N"),
        ("scheduler", "not a Dask scheduler"),
        ("tcp://host", "not a Dask scheduler"),
        ("missing.json", "no such scheduler file"),
    ],
)
def test_bad_addresses_are_usage_errors(text: str, message: str) -> None:
    with pytest.raises(UsageError, match=message):
        dask_executor.parse_address(text)


def test_a_scheduler_file_is_read(tmp_path: Path, address: str) -> None:
    scheduler_file = tmp_path / "scheduler.json"
    scheduler_file.write_text(json.dumps({"address": address}))  # as `dask scheduler --scheduler-file` writes it
    results: list[int] = []
    with dask_executor.connect(str(scheduler_file)) as executor:
        batch.run([3, 1, 2], abs, executor, results.append)
    assert results == [3, 1, 2]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["-j", "2", "--dask", "local"], b"-j and --dask both say where to run"),
        (["--dask", "local:2"], b"--dask runs batches into a folder: give -d DIR"),  # one document, to stdout
        (["--dask", "nowhere"], b"'nowhere' is not a Dask scheduler: give its address (tcp://host:8786)"),
    ],
)
def test_usage_errors(tmp_path: Path, args: list[str], message: bytes) -> None:
    out = ["-d", str(tmp_path / "out")] if "local:2" not in args else []
    result = run("convert", str(TEXT), *args, *out)
    assert result.returncode == 2
    assert message in result.stderr and result.stderr.count(b"\n") == 1
    assert not (tmp_path / "out").exists()


def test_an_unreachable_scheduler_is_one_line(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(dask_executor, "CONNECT_SECONDS", 1)
    nowhere = "tcp://127.0.0.1:9"  # the discard port: nothing listens there
    with pytest.raises(UsageError, match="cannot reach the Dask scheduler at .*check the address"):
        dask_executor.connect(nowhere).__enter__()


def test_workers_of_another_version_are_refused(cluster: distributed.Client, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(dask_executor, "__version__", "99.0")
    with pytest.raises(UsageError, match=r"runs resolution-cli 0\.1\.0: install resolution-cli 99\.0 on every worker"):
        dask_executor.check_workers(cluster)


MISSING_EXTRA = """
import sys
sys.modules["distributed"] = None  # as if the extra were not installed: importing it fails
from resolution_cli.cli.app import main
main(sys.argv[1:])
"""


def test_without_the_extra_dask_is_a_usage_error_naming_the_install(tmp_path: Path) -> None:
    command = [sys.executable, "-c", MISSING_EXTRA, "convert", str(SC_TEXT), "-d", str(tmp_path)]
    result = subprocess.run([*command, "--dask", "local:2"], capture_output=True, timeout=60)
    assert result.returncode == 2
    expected = b"resolution: error: --dask needs Dask, an optional extra: pip install 'resolution-cli[dask]'\n"
    assert result.stderr == expected
    assert not any(tmp_path.iterdir())


def test_without_dask_nothing_imports_it(tmp_path: Path) -> None:
    code = (
        "import sys\nfrom resolution_cli.cli.app import main\n"
        "try:\n    main(sys.argv[1:])\nexcept SystemExit:\n    pass\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('dask', 'distributed')))"
    )
    for args in (["convert", str(SC_TEXT), "-d", str(tmp_path), "-j", "2"], ["--help"]):
        result = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, timeout=60)
        assert result.stdout.splitlines()[-1] == b"[]", args


def test_the_core_install_does_not_pull_dask_in() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    assert not [d for d in project["dependencies"] if d.lower().startswith(("dask", "distributed"))]
    assert "dask[distributed]" in "".join(project["optional-dependencies"]["dask"])
    assert any(d.startswith("dask[distributed]") for d in project["optional-dependencies"]["test"])


# --- the executor ----------------------------------------------------------------------------------


def die_on(item: int) -> int:
    """On a worker: the square of `item`, except that 3 kills the worker process."""
    if item == 3:
        os._exit(1)
    return item * item


def test_a_job_whose_worker_dies_is_lost_and_the_run_goes_on(cluster: distributed.Client) -> None:
    results: list[object] = []
    progress: list[None] = []
    executor = dask_executor.DaskExecutor(cluster, distributed)
    batch.run(
        [1, 2, 3, 4], die_on, executor, results.append, lambda: progress.append(None), lost=lambda i, why: f"lost {i}"
    )
    assert results == [1, 4, "lost 3", 16] and len(progress) == 4
    cluster.wait_for_workers(2, timeout=30)  # the nanny replaces the dead worker for the tests after this one


def test_a_worker_elsewhere_takes_relative_paths_from_the_clients_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "in").mkdir()
    shutil.copy(TEXT, tmp_path / "in" / "x.txt")
    monkeypatch.chdir(tmp_path)
    task = ConvertTask((Target("json", Path("out/x.json")),), mode=Mode.CHECK)
    job = Job(Source("in/x.txt", Path("x.txt")), task)
    here = dask_executor.run_job(str(tmp_path), batch.perform, job)
    assert here.lines == ("would create out/x.json",)  # the same folder: names as given
    elsewhere = tmp_path / "worker"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    away = dask_executor.run_job(str(tmp_path), batch.perform, job)
    assert away.lines == (f"would create {tmp_path / 'out' / 'x.json'}",)
    assert away.source == str(tmp_path / "in" / "x.txt")


# --- the README's recipe ---------------------------------------------------------------------------


def readme_recipe() -> str:
    """The Python block of the README's Dask recipe, as a user would copy it."""
    text = (ROOT / "README.md").read_text()
    start = text.index("```python", text.index("<!-- dask-recipe -->")) + len("```python")
    return text[start : text.index("```", start)]


def test_the_readme_recipe_builds_the_paragraph_corpus(cluster: distributed.Client, tmp_path: Path) -> None:
    namespace: dict[str, object] = {"__name__": "readme_recipe"}
    exec(compile(readme_recipe(), "README.md", "exec"), namespace)
    shopping = tmp_path / "shopping.txt"
    shopping.write_text("eggs\nmilk\n")
    documents = [*sorted((SAMPLES / "akn").glob("*.xml")), SAMPLES / "pdf" / "S_RES_2768_2025.pdf", shopping, TEXT]
    paths = [str(p) for p in documents]
    write_corpus = namespace["write_corpus"]
    assert callable(write_corpus)
    write_corpus(paths, str(tmp_path / "paragraphs"))
    parts = sorted((tmp_path / "paragraphs").glob("*.jsonl"))
    rows = [json.loads(line) for part in parts for line in part.read_text(encoding="utf-8").splitlines()]
    assert rows == [row for path in paths for row in expected_rows(path)]
    assert [row["symbol"] for row in rows if row.get("eid") == "para_1"] == [
        "A/RES/78/229", "S/RES/2768 (2025)", "S/RES/2768 (2025)", "A/73/L.103"
    ]  # fmt: skip
    errors = [row for row in rows if "error" in row]
    assert [row["file"] for row in errors] == [str(shopping)] and "not a UN document" in errors[0]["error"]


def expected_rows(path: str) -> Iterator[dict[str, str]]:
    """Every paragraph of the document, as the model has them in document order."""
    import resolution_cli as rc
    from resolution_cli.addresses import addresses
    from resolution_cli.model import Block, Paragraph

    try:
        document = rc.read(path)
    except rc.ResolutionError as error:
        yield {"file": path, "error": str(error)}
        return
    eids = addresses(document)

    def walk(blocks: tuple[Block, ...]) -> Iterator[Paragraph]:
        for block in blocks:
            if isinstance(block, Paragraph):
                yield block
            yield from walk(block.children)

    for paragraph in walk(document.preamble + document.body):
        yield {
            "file": path,
            "symbol": document.meta.symbol,
            "eid": eids.get(paragraph),
            "lead": paragraph.lead,
            "text": paragraph.text,
        }
