"""Batches on a Dask cluster (`--dask ADDRESS`): the same jobs as `-j`, run by `dask.distributed`.

ADDRESS is a scheduler's address (`tcp://host:8786`, `tls://...`, `host:8786`), a scheduler file
(`scheduler.json`, as `dask scheduler --scheduler-file` and dask-jobqueue write it), or
`local[:N]`: a `LocalCluster` of N worker processes (one thread each: the readers are pure
Python) that this run starts and always shuts down.

Each job goes to the cluster as one task that calls `batch.perform` on a worker, so a worker
reads its input and writes its outputs by path (through `io.write_file`: atomically), and the
cluster needs a file system every worker sees at the same path. Results come back as `Outcome`s,
which `batch.run` hands on in input order; standard input travels inside its job.

Dask is an optional extra (`pip install 'resolution-cli[dask]'`): this module imports
`distributed` only when a cluster is asked for, and says how to install it when it is missing.
"""

from __future__ import annotations

import contextlib
import os
import signal
import uuid
import warnings
from collections.abc import Callable, Generator, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any, Protocol, TypeVar, cast, runtime_checkable

from resolution_cli import __version__, io
from resolution_cli.errors import UsageError

if TYPE_CHECKING:
    from distributed import Client, Future

INSTALL = "pip install 'resolution-cli[dask]'"
LOCAL = "local"
CONNECT_SECONDS = 30  # how long to wait for a scheduler (a dask-jobqueue one may still be starting)
PACKAGE = "resolution-cli"

# A LocalCluster's workers sample their own stacks every 10 ms for a dashboard that `local` does
# not show, at a cost of a few per cent of their CPU.
LOCAL_CONFIG = {"distributed.worker.profile.enabled": False}

T = TypeVar("T")
R = TypeVar("R")


@dataclass(frozen=True, slots=True)
class Address:
    """Where to run: `local_workers` processes started here, or a scheduler's address or file."""

    text: str  # as the user wrote it, for messages
    local_workers: int = 0
    scheduler: str = ""
    scheduler_file: str = ""


def parse_address(text: str) -> Address:
    """`local`, `local:N`, a scheduler address (`tcp://host:8786`, `host:8786`) or a scheduler
    file (`*.json`); anything else is a usage error that shows the forms."""
    value = text.strip()
    name, colon, count = value.partition(":")
    if name.lower() == LOCAL:
        if not colon:
            return Address(value, local_workers=os.cpu_count() or 1)
        if count.isascii() and count.isdigit() and 0 < int(count) <= 1024:
            return Address(value, local_workers=int(count))
        raise UsageError(f"'{io.printable(text)}' is not local:N, N a number of worker processes (local:4)")
    if value.lower().endswith(".json"):
        if not Path(value).is_file():
            raise UsageError(f"'{io.printable(text)}': no such scheduler file: check the path")
        return Address(value, scheduler_file=value)
    scheme, separator, rest = value.rpartition("://")
    host, colon, port = (rest if separator else value).rpartition(":")
    if host and colon and port.isascii() and port.isdigit() and (not separator or scheme.isalnum()):
        return Address(value, scheduler=value)
    raise UsageError(
        f"'{io.printable(text)}' is not a Dask scheduler: give its address (tcp://host:8786), "
        "its scheduler file (scheduler.json), or local[:N] for N worker processes on this machine"
    )


def import_distributed() -> ModuleType:
    """`dask.distributed`, imported here and not at the top: it is an optional extra, and it costs
    about 1.5 s to import (a run without --dask must not pay for it)."""
    try:
        import distributed
    except ImportError:
        raise UsageError(f"--dask needs Dask, an optional extra: {INSTALL}") from None
    return distributed


@contextlib.contextmanager
def connect(text: str) -> Iterator[DaskExecutor]:
    """An executor on the cluster `text` names (see `parse_address`); a local cluster is started
    for it and shut down when it is done, however it ends."""
    address = parse_address(text)
    distributed = import_distributed()
    with _quiet_logs(), _client(distributed, address) as client:
        check_workers(client)
        yield DaskExecutor(client, distributed)


@contextlib.contextmanager
def _client(distributed: ModuleType, address: Address) -> Iterator[Client]:
    if address.local_workers:
        with (
            _local_cluster(distributed, address.local_workers) as cluster,
            distributed.Client(cluster, set_as_default=False) as client,
        ):
            yield client
        return
    try:
        client = distributed.Client(
            address.scheduler or None,
            scheduler_file=address.scheduler_file or None,
            timeout=CONNECT_SECONDS,
            set_as_default=False,
        )
    except (OSError, TimeoutError, ValueError) as error:
        raise UsageError(
            f"cannot reach the Dask scheduler at {io.printable(address.text)} ({_one_line(error)}): "
            "check the address, and that `dask scheduler` runs there"
        ) from None
    with client:
        yield client


@contextlib.contextmanager
def _local_cluster(distributed: ModuleType, workers: int) -> Iterator[Any]:
    """A `LocalCluster` of `workers` processes: one thread each (the readers are pure Python and
    hold the GIL), its HTTP server on a free port (never a warning that 8787 is taken), shut down
    however the run ends."""
    import logging  # here and below, not at the top: `resolution --help` imports this module (issue 12)

    import dask.config  # with distributed: the extra's

    cluster = None
    try:
        with _sigint_ignored(), dask.config.set(LOCAL_CONFIG):
            cluster = distributed.LocalCluster(
                n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=":0",
                silence_logs=logging.CRITICAL + 1,  # see `_quiet_logs`
            )  # fmt: skip
        yield cluster
    finally:
        if cluster is not None:
            cluster.close()


@contextlib.contextmanager
def _sigint_ignored() -> Iterator[None]:
    """SIGINT ignored while the worker processes start, which they inherit (and Python then installs
    no KeyboardInterrupt handler in them): a terminal's Ctrl-C, sent to the whole process group,
    then reaches only this process, which stops them cleanly; unprotected, each would die printing
    a traceback. (Blocking the signal instead does not survive the start of a worker process.) The
    cost: a Ctrl-C in the second or two the cluster takes to start is lost."""
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


@contextlib.contextmanager
def _quiet_logs() -> Iterator[None]:
    """Dask's own log lines and warnings (connection retries, shutdown chatter, a port taken) are
    not for a command's stderr: what the user needs to know, the tool says in its own words."""
    import logging

    # Above CRITICAL: a scheduler that outlives its client (a run interrupted while results are
    # on their way) logs the lost messages at CRITICAL, each with a traceback. Every logger of
    # Dask's that has a level of its own is raised too ("distributed.client" has WARNING).
    loggers = [logging.getLogger("distributed")] + [
        logger
        for name, logger in list(logging.Logger.manager.loggerDict.items())
        if name.startswith("distributed.") and isinstance(logger, logging.Logger) and logger.level
    ]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.setLevel(logging.CRITICAL + 1)
    try:
        with warnings.catch_warnings():
            warnings.filterwarnings("ignore", module="distributed")
            yield
    finally:
        for logger, level in zip(loggers, levels, strict=True):
            logger.setLevel(level)


def check_workers(client: Client) -> None:
    """Every worker there now runs this version of the tool (else the outputs would differ from
    `-j 1`'s); workers that join later are not asked."""
    import importlib.metadata  # here, not at the top: `resolution --help` imports this module (issue 12)

    versions = client.run(importlib.metadata.version, PACKAGE, on_error="return")
    for worker, version in sorted(versions.items()):
        if version != __version__:
            has = "has no resolution-cli" if isinstance(version, Exception) else f"runs resolution-cli {version}"
            raise UsageError(
                f"the Dask worker at {worker} {has}: install resolution-cli {__version__} on every worker "
                f"(pip install 'resolution-cli[dask]=={__version__}')"
            )


class DaskExecutor:
    """A `batch.Executor` on a Dask cluster: one task per item, the heaviest with the highest priority."""

    def __init__(self, client: Client, distributed: ModuleType) -> None:
        self._client = client
        self._distributed = distributed

    def unordered(
        self, work: Callable[[T], R], items: Sequence[tuple[int, T]], lost: Callable[[T, str], R]
    ) -> Generator[tuple[int, R]]:
        folder = os.getcwd()
        run = uuid.uuid4().hex[:12]
        pending: dict[Future[R], tuple[int, T]] = {}
        for rank, (index, item) in enumerate(items):
            # keys name the dashboard's task group ("resolution"); priority keeps the largest-first order
            future = self._client.submit(
                run_job, folder, work, item, key=f"resolution-{run}-{index}", priority=len(items) - rank, pure=False
            )
            pending[future] = (index, item)
        try:
            for future in self._distributed.as_completed(list(pending), loop=self._client.loop):
                index, item = pending.pop(future)
                yield index, self._result(future, item, lost)
        finally:
            if pending:  # left early (Ctrl-C, an error): tasks not started never will be
                self._client.cancel(list(pending))  # type: ignore[no-untyped-call]

    def _result(self, future: Future[R], item: T, lost: Callable[[T, str], R]) -> R:
        try:
            return future.result()
        except self._distributed.KilledWorker:
            return lost(item, "every worker that tried it died (out of memory?)")
        except Exception as error:  # the job itself never raises (`batch.perform` reports): the cluster failed it
            return lost(item, _one_line(error))


@runtime_checkable
class Anchorable(Protocol):
    """A job whose relative paths can be taken from another folder (`batch.Job`): this module is the
    executor below the batch layer, so it knows a job by this one method and imports nothing of it."""

    def anchored(self, folder: str) -> Any: ...


def run_job(folder: str, work: Callable[[T], R], item: T) -> R:
    """On a worker: `work(item)`, a job's relative paths taken from the client's folder when this
    worker runs in another (a worker on another machine, started elsewhere)."""
    if isinstance(item, Anchorable) and os.getcwd() != folder:
        item = cast(T, item.anchored(folder))
    return work(item)


def _one_line(error: BaseException) -> str:
    text = io.printable(" ".join(str(error).split()))
    return f"{type(error).__name__}: {text}" if text else type(error).__name__
