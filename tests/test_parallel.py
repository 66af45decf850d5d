"""claimcheck.parallel: the worker function for distributed engines, and the process pool
of `extract --jobs N` (ordered, bounded, errors in their place, output identical to one job)."""

from __future__ import annotations

import itertools
import json
import pickle
import signal
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from claimcheck import parallel
from claimcheck.errors import InputError
from claimcheck.models import Report
from claimcheck.reading import Article, make_article

ROOT = Path(__file__).resolve().parent.parent
PUB = date(2025, 11, 3)

TEXTS = [
    "Selon CNN du 31 octobre, le Pentagone a approuvé le transfert de 400 missiles.",
    "« Nous ne céderons pas », a déclaré mardi le ministre Jean Dupont devant l'Assemblée.",
    "Le gouvernement a annoncé la fermeture de trois usines en 2026, d'après Reuters.",
    "Les pluies ont fait au moins douze morts dans le sud du pays, indique l'AFP.",
]


def article(n: int, text: str | None = None) -> Article:
    return make_article(text or TEXTS[n % len(TEXTS)], f"a{n}", None, PUB, "option")


# --- records (pure) -------------------------------------------------------------------------

def test_records_are_read_as_jsonl_lines():
    items = list(parallel.records_to_articles([
        {"id": "x", "text": "Selon CNN, il pleut.", "published": "2025-10-31", "title": "T"},
        {"text": "Sans identifiant."},
        {"id": "y", "text": "Daté par un objet date.", "published": date(2025, 1, 2)},
    ], published=PUB))
    assert [a.id for a in items] == ["x", "2", "y"]
    assert [a.published for a in items] == [date(2025, 10, 31), PUB, date(2025, 1, 2)]
    assert [a.published_from for a in items] == ["jsonl", "option", "jsonl"]
    assert items[0].title == "T"


def test_a_bad_record_is_an_error_in_its_place_and_the_others_come():
    items = list(parallel.records_to_articles(
        [{"text": "Bon."}, {"id": "z"}, {"text": "   "}, "pas un objet", {"text": "Ok", "published": "hier"},
         {"text": "Encore bon."}], origin="part-3"))
    kinds = [type(i).__name__ for i in items]
    assert kinds == ["Article", "InputError", "InputError", "InputError", "InputError", "Article"]
    assert str(items[1]) == 'part-3:2: no "text" field'
    assert str(items[2]).startswith("part-3:3: empty article")
    assert str(items[4]).startswith("part-3:5: published must be YYYY-MM-DD")
    assert items[5].id == "6"


def test_an_article_goes_through_as_it_is():
    a = make_article("Un texte.", "keep", "some/path.txt", PUB, "option")
    items = list(parallel.records_to_articles([{"text": "Avant."}, a, {"text": "Après."}]))
    assert items[1] is a
    assert [i.id for i in items] == ["1", "keep", "3"]


def test_chunks_keep_order_and_bound_their_size(monkeypatch):
    monkeypatch.setattr(parallel, "CHUNK_CHARS", 100)
    monkeypatch.setattr(parallel, "CHUNK_ARTICLES", 3)
    err = InputError("bad.txt: no such file")
    items = [article(0, "x" * 60), article(1, "y" * 60), err, article(2, "z" * 10), article(3, "z" * 10),
             article(4, "z" * 10), article(5, "z" * 10)]
    chunks = list(parallel._chunks(items))
    shape = [c if isinstance(c, InputError) else [a.id for a in c] for c in chunks]
    assert shape == [["a0", "a1"], err, ["a2", "a3", "a4"], ["a5"]]


def test_jobs_must_be_positive():
    with pytest.raises(ValueError):
        next(parallel.analyze_parallel([], 0))


# --- with the model ---------------------------------------------------------------------------

@pytest.mark.model
def test_worker_function_gives_plain_picklable_results_equal_to_the_library(nlp):
    from claimcheck.extract import analyze_articles

    records = [{"id": "r1", "text": TEXTS[0]}, {"id": "r2"}, {"id": "r3", "text": TEXTS[1], "published": "2025-10-20"}]
    out = parallel.analyze_records(pickle.loads(pickle.dumps(records)), published="2025-11-03")
    assert pickle.loads(pickle.dumps(out)) == out
    assert [o["id"] for o in out] == ["r1", "r2", "r3"]
    assert out[1] == {"id": "r2", "error": 'record:2: no "text" field'}
    expected = list(analyze_articles([make_article(TEXTS[0], "r1", "record", PUB, "option"),
                                      make_article(TEXTS[1], "r3", "record", date(2025, 10, 20), "jsonl")], nlp=nlp))
    assert out[0]["report"] == expected[0].to_json(indent=None)
    assert out[2]["report"] == expected[1].to_json(indent=None)
    report = Report.model_validate_json(out[0]["report"])
    assert report.claims and report.claims[0].attributions[0].sources[0].canonical == "CNN"


@pytest.mark.model
def test_worker_function_runs_in_a_worker_process(nlp):
    """As a distributed engine calls it: in another process, inputs and outputs pickled."""
    from concurrent.futures import ProcessPoolExecutor
    import multiprocessing

    records = [{"id": str(n), "text": t} for n, t in enumerate(TEXTS)]
    with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn")) as pool:
        # Two partitions to the same worker process, as an engine hands them out.
        first = pool.submit(parallel.analyze_records, records[:2], "2025-11-03").result(timeout=600)
        second = pool.submit(parallel.analyze_records, records[2:], "2025-11-03").result(timeout=600)
        loads = pool.submit(_model_loads).result(timeout=60)
    assert first + second == parallel.analyze_records(records, "2025-11-03")
    assert loads == 1  # one model load per worker, whatever the number of partitions


def _model_loads() -> int:
    """How many times this process loaded the model (run in a worker process)."""
    from claimcheck.pipeline.model import load_nlp

    return load_nlp.cache_info().misses


@pytest.mark.model
def test_pool_output_is_the_one_job_output_in_order_with_errors_in_place(nlp, monkeypatch):
    from claimcheck.extract import analyze_articles

    monkeypatch.setattr(parallel, "CHUNK_ARTICLES", 2)  # several chunks for two workers
    err = InputError("missing.txt: no such file")
    items = [article(n) for n in range(5)] + [err] + [article(n) for n in range(5, 9)]
    one = list(analyze_articles(items, nlp=nlp))
    two = list(parallel.analyze_parallel(items, 2))
    assert len(two) == len(items)
    assert two[5] is not None and str(two[5]) == str(err)
    assert [r.to_json() if isinstance(r, Report) else str(r) for r in two] == \
        [r.to_json() if isinstance(r, Report) else str(r) for r in one]


@pytest.mark.model
def test_pool_streams_without_reading_the_whole_input(nlp, monkeypatch):
    monkeypatch.setattr(parallel, "CHUNK_ARTICLES", 2)
    pulled = itertools.count()

    def endless():
        for n in itertools.count():
            next(pulled)
            yield article(n)

    stream = parallel.analyze_parallel(endless(), 2)
    first = list(itertools.islice(stream, 3))
    stream.close()  # stops the pool
    assert [r.article.id for r in first] == ["a0", "a1", "a2"]
    # only the chunks in flight were read (2 jobs x AHEAD_PER_JOB, one waited on, one more: of 2 articles)
    assert next(pulled) <= (2 * parallel.AHEAD_PER_JOB + 2) * 2


@pytest.mark.model
def test_one_job_streams_without_reading_the_whole_input(nlp):
    from claimcheck.extract import analyze_articles

    pulled = itertools.count()

    def endless():
        for n in itertools.count():
            next(pulled)
            yield article(n)

    first = list(itertools.islice(analyze_articles(endless(), nlp=nlp, batch_size=16), 3))
    assert [r.article.id for r in first] == ["a0", "a1", "a2"]
    assert next(pulled) <= 16 + 1  # one batch of one-unit articles read ahead


@pytest.mark.model
def test_an_exception_in_a_worker_reaches_the_caller(nlp, monkeypatch):
    import claimcheck.extract as extract

    real = extract.build_report

    def failing(art, *args, **kwargs):
        if art.id == "a3":
            raise RuntimeError("boom in a worker")
        return real(art, *args, **kwargs)

    monkeypatch.setattr(extract, "build_report", failing)  # the forked workers inherit it
    monkeypatch.setattr(parallel, "CHUNK_ARTICLES", 2)
    if parallel._context().get_start_method() != "fork":
        pytest.skip("spawned workers do not inherit the patch")
    with pytest.raises(RuntimeError, match="boom in a worker"):
        list(parallel.analyze_parallel([article(n) for n in range(6)], 2))


def _killing(monkeypatch, tmp_path, once: set[str], always: set[str]):
    """Workers (forked, so they inherit the patch) that SIGKILL themselves on some articles:
    those in `once` the first time only (a marker file remembers), those in `always` each time."""
    import os

    import claimcheck.extract as extract

    real = extract.build_report

    def dying(art, *args, **kwargs):
        marker = tmp_path / f"killed-{art.id}"
        if art.id in always or (art.id in once and not marker.exists()):
            marker.touch()
            os.kill(os.getpid(), signal.SIGKILL)
        return real(art, *args, **kwargs)

    if parallel._context().get_start_method() != "fork":
        pytest.skip("spawned workers do not inherit the patch")
    monkeypatch.setattr(extract, "build_report", dying)
    monkeypatch.setattr(parallel, "CHUNK_ARTICLES", 2)


@pytest.mark.model
def test_a_worker_killed_mid_run_loses_nothing(nlp, monkeypatch, tmp_path):
    """SIGKILL (or the kernel's OOM killer) on a worker hung the parent forever (issue 17):
    the chunks in flight are rerun on a new pool, and the output is the one-job output."""
    from claimcheck.extract import analyze_articles

    items = [article(n) for n in range(10)]
    one = [r.to_json() for r in analyze_articles(items, nlp=nlp)]
    _killing(monkeypatch, tmp_path, once={"a3", "a7"}, always=set())
    two = [r.to_json() if isinstance(r, Report) else str(r) for r in parallel.analyze_parallel(items, 2)]
    assert two == one
    assert (tmp_path / "killed-a3").exists() and (tmp_path / "killed-a7").exists()


@pytest.mark.model
def test_an_article_that_kills_every_worker_is_an_error_in_its_place(nlp, monkeypatch, tmp_path):
    items = [article(n) for n in range(6)]
    _killing(monkeypatch, tmp_path, once=set(), always={"a2"})
    out = list(parallel.analyze_parallel(items, 2))
    assert [getattr(r, "article", None) and r.article.id for r in out] == ["a0", "a1", None, "a3", "a4", "a5"]
    assert isinstance(out[2], InputError) and "a worker process died while analysing this article" in str(out[2])


def test_a_worker_takes_sigterm_by_default_not_through_the_clis_handler():
    """pool.terminate() stops workers with SIGTERM. Through the CLI's Python-level handler
    (inherited by fork) a signal landing just before a worker blocks on the task queue's
    lock was never acted on, and `extract --jobs 2` hung at its end in 1 run of 6."""
    from claimcheck import cli

    saved = {s: signal.getsignal(s) for s in (signal.SIGINT, signal.SIGTERM)}
    streams = sys.stdout, sys.stderr
    try:
        cli._handle_signals()
        assert signal.getsignal(signal.SIGTERM) == cli._on_signal
        parallel._init_worker(None)
        assert signal.getsignal(signal.SIGTERM) == signal.SIG_DFL
        assert signal.getsignal(signal.SIGINT) == signal.SIG_IGN
    finally:
        for signum, handler in saved.items():
            signal.signal(signum, handler)
        sys.stdout, sys.stderr = streams


# --- the CLI ----------------------------------------------------------------------------------

def _extract(args: list[str]) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "claimcheck", "extract", *args], capture_output=True, cwd=ROOT,
                          timeout=900)


@pytest.mark.model
def test_two_jobs_write_what_one_job_writes(tmp_path):
    corpus = sorted((ROOT / "corpus" / "devset").glob("*.txt"))[:6]
    lines = [json.dumps({"id": p.stem, "text": p.read_text(encoding="utf-8"), "published": "2012-07-01"},
                        ensure_ascii=False) for p in corpus]
    lines.insert(3, "{not json")
    jsonl = tmp_path / "in.jsonl"
    jsonl.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out1, out2 = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    one = _extract([str(jsonl), str(corpus[0]), "-f", "jsonl", "-o", str(out1), "-q"])
    two = _extract([str(jsonl), str(corpus[0]), "-f", "jsonl", "-o", str(out2), "-q", "--jobs", "2"])
    assert one.returncode == two.returncode == 2, two.stderr  # the bad line is reported, the rest written
    assert one.stderr == two.stderr
    assert b"in.jsonl:4: malformed JSON" in two.stderr
    assert out1.read_bytes() == out2.read_bytes()
    assert len(out2.read_text(encoding="utf-8").splitlines()) == 7


def test_jobs_below_one_is_a_usage_error():
    proc = _extract(["corpus/devset", "--jobs", "0"])
    assert proc.returncode == 2
    assert proc.stderr.decode().strip() == "claimcheck: --jobs: expected 1 or more worker processes, got 0"
