"""Many articles on many cores: the worker function for a distributed engine, and the
process pool behind `claimcheck extract --jobs N`.

The French model is the cost of a run (about 350 MB and several seconds to load), so
each worker process loads it once and keeps it; what travels between processes is
plain data: Article dataclasses or dicts in, Reports or JSON strings out. This module
does not import spaCy: the workers do, when they first analyze.
"""

from __future__ import annotations

import contextlib
import gc
import json
import multiprocessing
import signal
import sys
from collections import deque
from datetime import date
from typing import Iterable, Iterator

from . import interrupts
from .errors import InputError
from .models import Report
from .reading import Article, read_jsonl

# A chunk is what one worker analyses at a time (about 120 sentence units of news text).
# Measured with 2 jobs on 200 articles: chunks of 10,000 to 40,000 characters take the same
# time (±2%); smaller ones bring the first report sooner (5.6 s against 8.3 s for 40,000).
CHUNK_CHARS = 20_000
CHUNK_ARTICLES = 64
# Chunks handed out ahead of the one being written: keeps every worker busy while the
# parent holds only a few chunks of articles and reports, however long the input.
AHEAD_PER_JOB = 2


def records_to_articles(records: Iterable[dict | Article], published: date | None = None,
                        origin: str = "record") -> Iterator[Article | InputError]:
    """Each record read as a JSONL line is (contract.md): `text` required; `id`,
    `published`, `title`, `url` optional; `id` defaults to the record's 1-based position.
    A bad record becomes an InputError naming `origin:position`; the others still come.
    An Article goes through as it is."""
    items = list(records)
    # Articles leave a blank line: read_jsonl skips it and keeps counting positions.
    lines = ["" if isinstance(item, Article) else json.dumps(item, ensure_ascii=False, default=str)
             for item in items]  # default=str: a date object becomes YYYY-MM-DD
    parsed = read_jsonl(iter(lines), origin, published)
    for item in items:
        yield item if isinstance(item, Article) else next(parsed)


def analyze_records(records: Iterable[dict | Article], published: date | str | None = None,
                    extra_gazetteer: dict | None = None, origin: str = "record") -> list[dict]:
    """The worker function for a distributed engine (Dask, Spark, Ray…): a partition of
    records -> one plain dict per record, in order:
    `{"id": …, "report": "<report JSON, one line>"}` or `{"id": …, "error": "<message>"}`.

    `published` (a date or YYYY-MM-DD) is --published: for records without their own;
    `origin` is what reports give as `article.path` and errors as their place.
    Inputs and outputs are picklable and JSON-friendly; the model is loaded on the first
    call in each worker process and reused by every later call there."""
    from .extract import analyze_articles

    if isinstance(published, str):
        published = date.fromisoformat(published)
    items = list(records)
    ids = [item.id if isinstance(item, Article) else
           str(item.get("id") or n) if isinstance(item, dict) else str(n) for n, item in enumerate(items, 1)]
    out = []
    for ident, result in zip(ids, analyze_articles(records_to_articles(items, published, origin),
                                                   extra_gazetteer=extra_gazetteer)):
        if isinstance(result, InputError):
            out.append({"id": ident, "error": str(result)})
        else:
            out.append({"id": ident, "report": result.to_json(indent=None)})
    return out


# --- the process pool of `extract --jobs N` ---------------------------------------------

_gazetteer: dict | None = None


def _init_worker(extra_gazetteer: dict | None) -> None:
    global _gazetteer
    _gazetteer = extra_gazetteer
    # Ctrl-C reaches the whole process group: the parent stops the pool, workers stay quiet.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # pool.terminate() stops workers with SIGTERM, which the CLI's handler (inherited through
    # fork) would run in Python: a signal that lands just before a worker blocks on the task
    # queue's lock then waits for a wake-up that never comes, and the run hangs at its end
    # (1 run in 6 of `extract --jobs 2` on 200 articles). The default action cannot be missed.
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    # A forked worker inherits the parent's progress bar, whose stdout and stderr proxies
    # take a lock its drawing thread (not forked) may hold: a warning would hang on it.
    sys.stdout, sys.stderr = sys.__stdout__, sys.__stderr__


def _analyze_chunk(chunk: list[Article]) -> list[Report]:
    from .extract import analyze_articles

    return list(analyze_articles(chunk, extra_gazetteer=_gazetteer))


def _chunks(items: Iterable[Article | InputError]) -> Iterator[list[Article] | InputError]:
    """Consecutive articles in chunks; an input error is its own item, in its place."""
    return chunked(items, CHUNK_CHARS, CHUNK_ARTICLES)


def chunked(items: Iterable[Article | InputError], max_chars: int,
            max_articles: int) -> Iterator[list[Article] | InputError]:
    """Consecutive articles in lists of up to `max_articles`, cut after `max_chars` of
    text; an input error is its own item, in its place (a pool's chunks, Dask's partitions)."""
    chunk: list[Article] = []
    size = 0
    for item in items:
        if isinstance(item, InputError):
            if chunk:
                yield chunk
                chunk, size = [], 0
            yield item
            continue
        chunk.append(item)
        size += len(item.text)
        if size >= max_chars or len(chunk) >= max_articles:
            yield chunk
            chunk, size = [], 0
    if chunk:
        yield chunk


def _context():
    # Linux: fork after the parent has loaded the model, so no worker loads it again and
    # its pages are shared. Elsewhere fork is unsafe (macOS) or absent: each worker
    # process loads its own model on its first chunk.
    if sys.platform == "linux":
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")


def analyze_parallel(items: Iterable[Article | InputError], jobs: int,
                     extra_gazetteer: dict | None = None) -> Iterator[Report | InputError]:
    """What extract.analyze_articles gives, from `jobs` worker processes: reports in input
    order, each as soon as it and those before it are done; input errors passed through in
    their place. Only a few chunks are in flight, so memory does not grow with the input.

    A worker that dies (SIGKILL, the kernel's OOM killer) breaks the pool: a
    multiprocessing.Pool waited forever for the task it held. Here a new pool reruns the
    chunks in flight; a chunk that breaks it again is rerun one article at a time, and an
    article that kills a worker on its own becomes an error in its place."""
    if jobs < 1:
        raise ValueError("jobs must be at least 1")
    if jobs == 1:
        from .extract import analyze_articles

        yield from analyze_articles(items, extra_gazetteer=extra_gazetteer)
        return
    runner = _Workers(jobs, extra_gazetteer)
    try:
        in_flight: deque = deque()  # [chunk, future] pairs and input errors, in input order
        for chunk in _chunks(items):
            in_flight.append(chunk if isinstance(chunk, InputError) else [chunk, runner.submit(chunk)])
            while len(in_flight) > jobs * AHEAD_PER_JOB:
                yield from runner.collect(in_flight.popleft(), in_flight)
        while in_flight:
            yield from runner.collect(in_flight.popleft(), in_flight)
    finally:
        runner.shutdown()


class _Workers:
    """The process pool, made anew when a worker dies."""

    def __init__(self, jobs: int, extra_gazetteer: dict | None):
        self.jobs, self.extra_gazetteer = jobs, extra_gazetteer
        self.ctx = _context()
        self.forking = self.ctx.get_start_method() == "fork"
        if self.forking:
            from .pipeline.model import load_nlp

            load_nlp()  # a missing model is one error here, not one per worker
        self.pool = self._start()

    def _start(self):
        from concurrent.futures import ProcessPoolExecutor

        if self.forking:
            # In the workers the model's objects stay out of the collector, whose passes would
            # otherwise write to (and so copy) the pages they share with this process.
            gc.freeze()
        try:
            pool = ProcessPoolExecutor(self.jobs, mp_context=self.ctx, initializer=_init_worker,
                                       initargs=(self.extra_gazetteer,))
            # Workers are made as tasks come; make them all now, while the collector is frozen.
            for future in [pool.submit(int) for _ in range(self.jobs)]:
                future.result()
        finally:
            if self.forking:
                gc.unfreeze()  # the workers are forked; this process collects as before
        return pool

    def submit(self, chunk: list[Article]):
        return self.pool.submit(_analyze_chunk, chunk)

    def collect(self, entry, waiting: deque) -> Iterator[Report | InputError]:
        from concurrent.futures.process import BrokenProcessPool

        if isinstance(entry, InputError):
            yield entry
            return
        chunk, future = entry
        try:
            results = interrupts.result(future)  # an exception raised in a worker is raised here
        except BrokenProcessPool:
            results = None
        if results is not None:
            yield from results
            return
        # The pool broke: this chunk killed a worker, or another one in flight did. It is rerun
        # alone on a new pool, so that no other chunk can break it again (an innocent chunk in
        # flight beside a killer was blamed when the killer was rerun with it), then the others.
        try:
            yield from self._alone(chunk)
        finally:
            self._resubmit(waiting)

    def _alone(self, chunk: list[Article]) -> Iterator[Report | InputError]:
        """A chunk on a pool of its own; one that breaks it again, an article at a time, and an
        article that kills a worker on its own is an error in its place."""
        from concurrent.futures.process import BrokenProcessPool

        self._restart()
        try:
            results = interrupts.result(self.submit(chunk))
        except BrokenProcessPool:
            results = None
        if results is not None:
            yield from results
            return
        broken = True
        for article in chunk:  # the chunk kills a worker each time: which article does it?
            if broken:
                self._restart()
            try:
                results = interrupts.result(self.submit([article]))
                broken = False
            except BrokenProcessPool:
                broken = True
                yield InputError(f"{article.path or article.id}: a worker process died while analysing "
                                 "this article (out of memory, or killed); the others were analysed")
                continue
            yield from results
        if broken:
            self._restart()

    def _abandon(self) -> None:
        """Let the pool go without waiting for what it still had to send. Its call queue's
        feeder thread may be blocked writing a chunk into a pipe no live worker reads (a
        chunk is larger than the pipe's buffer); the pool's end, and the interpreter's exit,
        would join that thread forever. Nothing it holds is needed: it is rerun or dropped."""
        with contextlib.suppress(Exception):
            self.pool._call_queue.cancel_join_thread()  # a multiprocessing.Queue of the executor

    def _restart(self) -> None:
        """A new pool in place of a broken one."""
        self._abandon()
        self.pool.shutdown(wait=False, cancel_futures=True)
        self.pool = self._start()

    def _resubmit(self, waiting: deque) -> None:
        """The chunks that were waiting on a broken pool, sent to the new one (those that had
        finished before it broke keep their results)."""
        for entry in waiting:
            if isinstance(entry, InputError):
                continue
            future = entry[1]
            if not (future.done() and not future.cancelled() and future.exception() is None):
                entry[1] = self.submit(entry[0])

    def shutdown(self) -> None:
        # Workers of a pool stopped early (Ctrl-C, an error) are ended, not waited for.
        self._abandon()
        for process in list(getattr(self.pool, "_processes", {}).values()):
            with contextlib.suppress(Exception):
                process.terminate()
        self.pool.shutdown(wait=True, cancel_futures=True)
