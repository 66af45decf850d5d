"""`claimcheck extract --scheduler`: the batch on a Dask cluster.

The driver (this process) reads the inputs, cuts the articles into partitions and hands a
few partitions at a time to the cluster; each worker analyses a partition and sends back
its reports; the driver gives them out in input order as soon as a partition and those
before it are done. So the driver never holds more than the partitions in flight, however
long the archive, and its output is the output of one job, byte for byte.

What makes that safe:
- a partition travels inside its task (never scattered to a worker), so when a worker dies
  the scheduler still has it and runs the task again elsewhere; the reports come out the
  same whichever worker made them;
- the model is loaded once per worker process (load_nlp's per-process cache) and a process
  analyses one partition at a time: spaCy's pipeline is not shared between threads.

Dask is an optional extra (`pip install 'claimcheck[dask]'`): distributed is imported only
here, in functions, so claimcheck runs without it.
"""

from __future__ import annotations

import contextlib
import logging
import signal
import threading
import uuid
from collections import deque
from concurrent.futures import CancelledError
from dataclasses import dataclass
from typing import Callable, Iterable, Iterator

from .errors import InputError, SchedulerError
from .models import Report
from .parallel import chunked
from .reading import Article

# A partition is what one task analyses. Bigger than the chunks of --jobs: a task costs a
# round trip to the scheduler and to a worker that may be on another machine; smaller than
# what would leave a worker idle at the end of a run of a few hundred articles.
PARTITION_ARTICLES = 64
PARTITION_CHARS = 60_000
# Partitions handed out per worker thread ahead of the one being written: every worker
# has its next partition at hand, and the driver holds a few partitions, never the input.
AHEAD_PER_THREAD = 2
# How long to wait for a scheduler to answer, and for it to have a worker.
CONNECT_TIMEOUT = 10.0
CLOSE_TIMEOUT = 10.0

INSTALL_HINT = "pip install 'claimcheck[dask]'"


@dataclass(frozen=True)
class SchedulerSpec:
    """Where the batch runs: a scheduler's address, or a local cluster of `workers` processes."""

    address: str | None = None
    workers: int | None = None

    def __str__(self) -> str:
        return self.address if self.address is not None else f"local:{self.workers}"


def parse_scheduler(value: str) -> SchedulerSpec:
    """`local:N` or an address with its protocol (`tcp://host:port`, `tls://…`).

    A bare `host:port` is refused rather than taken as tcp: a typo would be looked up as
    a host name, and the message that follows would not say what was expected."""
    value = value.strip()
    if value.startswith("local:"):
        count = value[len("local:"):]
        if not count.isdigit() or int(count) < 1:
            raise SchedulerError(f"--scheduler local:N: expected 1 or more worker processes, got {count!r}")
        return SchedulerSpec(workers=int(count))
    scheme, sep, rest = value.partition("://")
    if not sep or not scheme or not rest:
        raise SchedulerError(f"--scheduler: expected tcp://HOST:PORT or local:N, got {value!r}")
    return SchedulerSpec(address=value)


def require_dask() -> None:
    """One clear line when the extra is not installed, before anything is read."""
    try:
        import distributed  # noqa: F401
    except ImportError:
        raise SchedulerError(f"--scheduler needs Dask, an optional extra: {INSTALL_HINT}") from None


@contextlib.contextmanager
def connect(spec: SchedulerSpec, timeout: float = CONNECT_TIMEOUT):
    """A Client on the scheduler of `spec`, closed at the end (and the local cluster with it).

    Failures to connect are one line each (SchedulerError), within `timeout` seconds."""
    require_dask()
    from distributed import Client

    # What goes wrong is said in one line of ours; distributed would add its own log
    # records with tracebacks (a lost scheduler, while the client retries and closes).
    # Dask's configuration gives some of its loggers their own level: each is set.
    for name in list(logging.root.manager.loggerDict):
        if name == "distributed" or name.startswith("distributed."):
            logging.getLogger(name).setLevel(logging.CRITICAL)
    cluster = None
    try:
        if spec.workers is not None:
            cluster = _local_cluster(spec.workers)
            client = Client(cluster, timeout=timeout)
        else:
            _probe(spec.address, timeout)
            client = Client(spec.address, timeout=timeout)
    except Exception as exc:
        _close_quietly(cluster)
        if spec.workers is not None:  # no worker process could be started, no port had
            raise SchedulerError(f"--scheduler {spec}: the local cluster did not start ({_one_line(exc)})") from None
        if isinstance(exc, (OSError, TimeoutError)):  # refused, unreachable, or silent
            raise SchedulerError(f"--scheduler {spec}: no Dask scheduler answered within {timeout:g} s") from None
        # A malformed address, an unknown protocol, a server that is not a Dask scheduler…
        raise SchedulerError(f"--scheduler {spec}: cannot use this scheduler ({_one_line(exc)})") from None
    try:
        try:
            client.wait_for_workers(1, timeout=timeout)
        except TimeoutError:
            raise SchedulerError(f"--scheduler {spec}: the scheduler has no worker (waited {timeout:g} s)") from None
        yield client
    finally:
        _close_quietly(client)
        _close_quietly(cluster)


def _probe(address: str, timeout: float) -> None:
    """Connect to `address` and exchange Dask's handshake, all within `timeout` seconds.

    Client's own timeout bounds the TCP connection only: distributed then waits for the
    scheduler's handshake without a limit, so a port that accepts and never answers (a
    hung scheduler, another service) would hang the run. Here the whole exchange is
    bounded; the Client that follows meets a scheduler that has just answered."""
    import asyncio

    from distributed.comm import connect as comm_connect
    from distributed.security import Security

    # The TLS settings a Client would take from Dask's configuration, for tls:// addresses.
    connection_args = Security().get_connection_args("client")

    async def exchange() -> None:
        comm = await asyncio.wait_for(comm_connect(address, timeout=timeout, **connection_args), timeout)
        await comm.close()

    asyncio.run(exchange())


def _local_cluster(workers: int):
    import dask
    from distributed import LocalCluster

    # Dask starts its workers with MALLOC_TRIM_THRESHOLD_ set, which turns off the heap
    # tuning of pipeline.model.keep_large_blocks (the user's setting wins there): a local
    # worker then pays the page faults --jobs was rid of. Unset for our own workers only.
    with dask.config.set({"distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": None}):
        return LocalCluster(
            n_workers=workers, threads_per_worker=1, processes=True,
            host="127.0.0.1",  # loopback only: the cluster serves this run, nobody else
            # No dashboard (it needs bokeh). The scheduler still serves its health and metrics
            # routes over HTTP, by default on port 8787: a port of its own instead, so that two
            # runs at once do not warn that it is taken.
            dashboard_address=None, scheduler_kwargs={"dashboard_address": "127.0.0.1:0"},
            silence_logs=logging.ERROR,  # a restarted worker is Dask's business, not a report line
            preload=[__name__],  # dask_setup below, in each worker process as it starts
        )


def dask_setup(worker) -> None:
    """Run by each worker process of our local cluster as it starts (a Dask preload), in
    its main thread. Ctrl-C reaches the whole process group: the driver stops the run and
    closes the cluster, and the workers stay quiet rather than each print the traceback
    of their KeyboardInterrupt."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _close_quietly(thing) -> None:
    if thing is None:
        return
    with contextlib.suppress(Exception):
        thing.close(timeout=CLOSE_TIMEOUT)


def _one_line(exc: BaseException) -> str:
    text = str(exc).strip() or type(exc).__name__
    return text.splitlines()[0]


# --- the worker side ------------------------------------------------------------------------

# A worker with several threads runs several tasks at once: they take turns, so that the
# model is loaded once and its pipeline is never run by two threads together.
_ANALYSIS = threading.Lock()


def analyze_partition(articles: list[Article], extra_gazetteer: dict | None = None) -> list[Report]:
    """A task: the reports of a partition of articles, in order (run in a worker)."""
    from .extract import analyze_articles
    from .pipeline.model import load_nlp

    global _partitions_done
    with _ANALYSIS:
        reports = list(analyze_articles(articles, nlp=load_nlp(), extra_gazetteer=extra_gazetteer))
        _partitions_done += 1
        return reports


_partitions_done = 0


def worker_stats() -> dict:
    """What this worker process did (for client.run): model loads and partitions analysed."""
    from .pipeline.model import load_nlp

    return {"model_loads": load_nlp.cache_info().misses, "partitions": _partitions_done}


# --- the driver side ------------------------------------------------------------------------

def partitions(items: Iterable[Article | InputError]) -> Iterator[list[Article] | InputError]:
    """Consecutive articles in partitions; an input error is its own item, in its place."""
    return chunked(items, PARTITION_CHARS, PARTITION_ARTICLES)


@dataclass
class _Sent:
    future: object
    first_id: str
    articles: int
    words: int
    counted: bool = False  # reported to on_partition


def analyze_on_dask(items: Iterable[Article | InputError], client, extra_gazetteer: dict | None = None,
                    on_partition: Callable[[int, int], None] | None = None) -> Iterator[Report | InputError]:
    """What extract.analyze_articles gives, from the workers of `client`: reports in input
    order, each partition's as soon as it and those before it are done; input errors
    passed through in their place. `on_partition(articles, words)` is called in this
    thread as each partition completes, in whatever order the workers finish them."""
    from distributed import wait

    run = uuid.uuid4().hex[:12]  # task keys unique on a scheduler that other runs share
    in_flight: deque = deque()  # _Sent and InputError, in input order
    sent = 0

    def notify() -> None:
        for entry in in_flight:
            if isinstance(entry, _Sent) and not entry.counted and entry.future.done():
                entry.counted = True
                if on_partition is not None:
                    on_partition(entry.articles, entry.words)

    def ready_head() -> Iterator[Report | InputError]:
        notify()
        while in_flight and (isinstance(in_flight[0], InputError) or in_flight[0].counted):
            yield from _collect(in_flight.popleft())

    def wait_one() -> None:
        waiting = [e.future for e in in_flight if isinstance(e, _Sent) and not e.counted]
        if waiting:
            try:
                wait(waiting, return_when="FIRST_COMPLETED")
            except CancelledError:  # the client lost the scheduler: Dask cancels every future
                raise _scheduler_gone() from None

    try:
        for part in partitions(items):
            if isinstance(part, InputError):
                in_flight.append(part)
            else:
                future = client.submit(analyze_partition, part, extra_gazetteer, key=f"claimcheck-{run}-{sent}",
                                       pure=False)
                words = sum(len(a.text.split()) for a in part) if on_partition is not None else 0
                in_flight.append(_Sent(future, part[0].id, len(part), words))
                sent += 1
            yield from ready_head()
            # Asked again each time: workers may join an adaptive cluster during the run.
            while sum(isinstance(e, _Sent) for e in in_flight) > _ahead(client):
                wait_one()
                yield from ready_head()
        while in_flight:
            wait_one()
            yield from ready_head()
    finally:
        # Stopped early (an error, Ctrl-C): the cluster need not finish what nobody will read.
        with contextlib.suppress(Exception):
            client.cancel([e.future for e in in_flight if isinstance(e, _Sent)])


def _scheduler_gone() -> SchedulerError:
    return SchedulerError("the Dask scheduler went away during the run; the reports before it are written")


def _ahead(client) -> int:
    return AHEAD_PER_THREAD * max(1, sum(client.nthreads().values()))


def _collect(entry) -> Iterator[Report | InputError]:
    if isinstance(entry, InputError):
        yield entry
        return
    from distributed.scheduler import KilledWorker

    try:
        reports = entry.future.result()
    except KilledWorker:
        # Dask ran the task again on other workers and they died too (allowed-failures).
        raise SchedulerError(f"the partition from article {entry.first_id!r} killed every worker that "
                             "ran it; the reports before it are written") from None
    except CancelledError:
        raise _scheduler_gone() from None
    # Anything else, a ClaimcheckError (a missing model) or a bug in a worker, is raised as
    # --jobs raises it.
    entry.future.release()  # the worker may forget it
    yield from reports
