"""`extract --scheduler` (claimcheck.dask_runner): the batch on Dask, tested on a real
LocalCluster of two worker processes on this machine (loopback only): the reports of the
serial run, in order, with errors in their place, one model load per worker, and a worker
killed by SIGKILL during the run changing nothing. The parts that need no Dask (addresses,
usage errors, the message without the extra) run without it."""

from __future__ import annotations

import importlib.util
import json
import os
import signal
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from claimcheck import dask_runner
from claimcheck.errors import InputError, SchedulerError
from claimcheck.models import Report

ROOT = Path(__file__).resolve().parent.parent
CORPUS = [str(p) for p in sorted((ROOT / "corpus").glob("*.txt")) + sorted((ROOT / "corpus" / "devset").glob("*.txt"))]
HAS_DASK = importlib.util.find_spec("distributed") is not None


@pytest.fixture
def dask_installed():
    if not HAS_DASK:
        if os.environ.get("CI"):  # make install puts the extra in: a CI without it is broken
            pytest.fail("the dask extra is not installed (make install installs .[test,dask])")
        pytest.skip("the dask extra is not installed: pip install -e '.[dask]'")


def _extract(args: list[str], wrapper: str | None = None) -> subprocess.CompletedProcess:
    cmd = [sys.executable, "-c", wrapper, *args] if wrapper else [sys.executable, "-m", "claimcheck", "extract", *args]
    return subprocess.run(cmd, capture_output=True, cwd=ROOT, timeout=300)


# --- without Dask -----------------------------------------------------------------------------

@pytest.mark.parametrize("value, spec", [
    ("local:2", dask_runner.SchedulerSpec(workers=2)),
    ("tcp://127.0.0.1:8786", dask_runner.SchedulerSpec(address="tcp://127.0.0.1:8786")),
    ("tls://scheduler.example:8786", dask_runner.SchedulerSpec(address="tls://scheduler.example:8786")),
])
def test_scheduler_addresses(value, spec):
    assert dask_runner.parse_scheduler(value) == spec
    assert str(spec) == value


@pytest.mark.parametrize("value, message", [
    ("local:0", "--scheduler local:N: expected 1 or more worker processes, got '0'"),
    ("local:two", "--scheduler local:N: expected 1 or more worker processes, got 'two'"),
    ("127.0.0.1:8786", "--scheduler: expected tcp://HOST:PORT or local:N, got '127.0.0.1:8786'"),
    ("tcp://", "--scheduler: expected tcp://HOST:PORT or local:N, got 'tcp://'"),
])
def test_what_is_not_a_scheduler_address(value, message):
    with pytest.raises(SchedulerError) as info:
        dask_runner.parse_scheduler(value)
    assert str(info.value) == message


@pytest.mark.parametrize("args, message", [
    (["--scheduler", "local:2", "--jobs", "2"],
     "claimcheck: --scheduler and --jobs: the cluster's workers run the batch; give one or the other"),
    (["--scheduler", "somehost:8786"],
     "claimcheck: --scheduler: expected tcp://HOST:PORT or local:N, got 'somehost:8786'"),
    (["--scheduler", "local:1", "--scheduler-timeout", "0"],
     "claimcheck: --scheduler-timeout: expected a number of seconds above 0, got 0"),
])
def test_scheduler_usage_errors_are_one_line_and_exit_2(args, message):
    proc = _extract(["corpus/devset", *args])
    assert proc.returncode == 2
    assert proc.stderr.decode().strip() == message
    assert proc.stdout == b""


# claimcheck's main() in an interpreter where dask and distributed cannot be imported.
WITHOUT_DASK = """
import sys

class NoDask:
    def find_spec(self, name, path=None, target=None):
        if name.partition(".")[0] in ("dask", "distributed"):
            raise ModuleNotFoundError(f"No module named {name!r}", name=name)

sys.meta_path.insert(0, NoDask())
sys.argv = ["claimcheck", "extract", *sys.argv[1:]]
from claimcheck.cli import main
main()
"""


def test_without_the_extra_scheduler_says_how_to_install_it():
    proc = _extract(["corpus/devset", "--scheduler", "local:2"], wrapper=WITHOUT_DASK)
    assert proc.returncode == 2
    assert proc.stderr.decode().strip() == \
        "claimcheck: --scheduler needs Dask, an optional extra: pip install 'claimcheck[dask]'"


# --- a scheduler that is not there ------------------------------------------------------------

@pytest.fixture
def silent_port():
    """A loopback port that accepts connections and never says a word."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen(8)
        yield sock.getsockname()[1]


@pytest.fixture
def closed_port():
    """A loopback port nobody listens on: connections are refused."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return port


@pytest.mark.parametrize("port_fixture", ["closed_port", "silent_port"])
def test_a_scheduler_that_does_not_answer_is_one_line_after_the_timeout(dask_installed, port_fixture, request):
    port = request.getfixturevalue(port_fixture)
    proc = _extract(["corpus/devset", "--scheduler", f"tcp://127.0.0.1:{port}", "--scheduler-timeout", "1"])
    assert proc.returncode == 2
    assert proc.stderr.decode().strip() == \
        f"claimcheck: --scheduler tcp://127.0.0.1:{port}: no Dask scheduler answered within 1 s"


def test_an_unknown_protocol_is_one_line(dask_installed):
    proc = _extract(["corpus/devset", "--scheduler", "zz://127.0.0.1:1", "--scheduler-timeout", "1"])
    assert proc.returncode == 2
    lines = proc.stderr.decode().splitlines()
    assert len(lines) == 1 and lines[0].startswith("claimcheck: --scheduler zz://127.0.0.1:1: cannot use this scheduler (")


def test_a_scheduler_without_workers_is_one_line_after_the_timeout(dask_installed):
    from distributed import LocalCluster

    with LocalCluster(n_workers=0, processes=False, protocol="tcp", host="127.0.0.1", dashboard_address=None,
                      scheduler_kwargs={"dashboard_address": "127.0.0.1:0"}) as empty:
        spec = dask_runner.parse_scheduler(empty.scheduler_address)
        with pytest.raises(SchedulerError) as info:
            with dask_runner.connect(spec, timeout=0.5):
                pass
    assert str(info.value) == f"--scheduler {empty.scheduler_address}: the scheduler has no worker (waited 0.5 s)"


class _Failed:
    """A future whose result raises what Dask raises."""

    def __init__(self, exc: BaseException):
        self.exc = exc

    def result(self):
        raise self.exc


def test_workers_dying_on_a_partition_or_a_lost_scheduler_are_one_line(dask_installed):
    from concurrent.futures import CancelledError

    from distributed.scheduler import KilledWorker

    killed = dask_runner._Sent(_Failed(KilledWorker("claimcheck-x-3", "tcp://127.0.0.1:1", [])), "a7", 2, 0)
    with pytest.raises(SchedulerError, match="^the partition from article 'a7' killed every worker that ran it; "
                                             "the reports before it are written$"):
        list(dask_runner._collect(killed))
    lost = dask_runner._Sent(_Failed(CancelledError("claimcheck-x-4")), "a9", 2, 0)
    with pytest.raises(SchedulerError, match="^the Dask scheduler went away during the run"):
        list(dask_runner._collect(lost))


# --- on a LocalCluster of two worker processes --------------------------------------------------

@pytest.fixture(scope="module")
def client():
    if not HAS_DASK:  # dask_installed, for a module-scoped fixture
        if os.environ.get("CI"):
            pytest.fail("the dask extra is not installed (make install installs .[test,dask])")
        pytest.skip("the dask extra is not installed")
    with dask_runner.connect(dask_runner.SchedulerSpec(workers=2), timeout=120) as c:
        yield c


@pytest.fixture(scope="module")
def inputs(tmp_path_factory) -> list[str]:
    """The corpus with a JSON Lines file between its articles: a record without text among two good ones."""
    jsonl = tmp_path_factory.mktemp("dask") / "records.jsonl"
    jsonl.write_text("\n".join([
        json.dumps({"id": "r1", "text": "Selon CNN du 31 octobre, le Pentagone a approuvé le transfert."}),
        json.dumps({"id": "r2", "published": "2025-11-03"}),
        json.dumps({"id": "r3", "text": "Le ministre a annoncé mardi une enquête, d'après Reuters."}),
    ]) + "\n", encoding="utf-8")
    return CORPUS[:7] + [str(jsonl)] + CORPUS[7:]


def _shown(items) -> list[str]:
    return [r.to_json() if isinstance(r, Report) else f"error: {r}" for r in items]


@pytest.fixture(scope="module")
def serial(inputs, nlp) -> list[str]:
    from claimcheck.extract import analyze_articles
    from claimcheck.reading import read_inputs

    return _shown(analyze_articles(read_inputs(inputs), nlp=nlp))


@pytest.mark.model
def test_the_cluster_gives_the_serial_reports_in_order_and_loads_the_model_once_per_worker(
        client, inputs, serial, monkeypatch):
    from claimcheck.reading import read_inputs

    monkeypatch.setattr(dask_runner, "PARTITION_ARTICLES", 3)  # several partitions for each worker
    done = []
    out = _shown(dask_runner.analyze_on_dask(read_inputs(inputs), client,
                                             on_partition=lambda articles, words: done.append(articles)))
    assert out == serial
    assert out[8] == 'error: ' + f'{inputs[7]}:2: no "text" field'  # the record without text, in its place
    assert len(out) == len(CORPUS) + 3
    # 7 articles and a record (3 + 3 + 2), the error, a record and 13 articles (3 + 3 + 3 + 3 + 2)
    assert sum(done) == len(CORPUS) + 2 and len(done) == 8
    stats = client.run(dask_runner.worker_stats)
    assert len(stats) == 2
    assert sum(s["partitions"] for s in stats.values()) == len(done)
    assert all(s["model_loads"] == 1 for s in stats.values()), stats  # not one load per partition
    assert max(s["partitions"] for s in stats.values()) >= 2


@pytest.mark.model
def test_a_worker_killed_during_the_run_changes_nothing(client, inputs, serial, monkeypatch):
    """SIGKILL to one worker process after the first partition completes: the scheduler
    gives its tasks to the other worker and to the one its nanny starts again."""
    from claimcheck.reading import read_inputs

    monkeypatch.setattr(dask_runner, "PARTITION_ARTICLES", 2)
    killed: list[tuple[int, int]] = []  # (pid, tasks it had)

    def kill_a_busy_worker(articles: int, words: int) -> None:
        if killed:
            return
        busy = {addr: len(keys) for addr, keys in client.processing().items() if keys}
        addr = max(busy, key=busy.get) if busy else next(iter(client.nthreads()))
        pid = client.run(os.getpid, workers=[addr])[addr]
        os.kill(pid, signal.SIGKILL)
        killed.append((pid, busy.get(addr, 0)))

    before = set(client.run(os.getpid).values())
    out = _shown(dask_runner.analyze_on_dask(read_inputs(inputs), client, on_partition=kill_a_busy_worker))
    assert out == serial  # complete, in order, the same reports and the same error
    pid, tasks = killed[0]
    assert pid in before and tasks >= 1  # it died with work to do
    client.wait_for_workers(2, timeout=120)
    assert pid not in client.run(os.getpid).values()  # a new process took its place


@pytest.mark.model
def test_the_readme_dask_recipe_runs(client, tmp_path):
    """The README's Dask snippet (dask.bag over JSON Lines, analyze_records per partition)
    on this cluster: the reports of analyze_records run serially, errors in their place."""
    import dask.bag as db

    from claimcheck.parallel import analyze_records

    texts = [Path(p).read_text(encoding="utf-8") for p in CORPUS[-4:]]
    records = [{"id": f"a{n}", "text": t} for n, t in enumerate(texts)]
    records.insert(2, {"id": "empty", "text": "  "})
    archive = tmp_path / "archive.jsonl"
    archive.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    bag = db.read_text(str(archive), blocksize=archive.stat().st_size // 3).map(json.loads)
    assert bag.npartitions >= 2
    results = bag.map_partitions(analyze_records, published="2025-11-03")
    results.filter(lambda r: "report" in r).pluck("report").to_textfiles(str(tmp_path / "reports" / "part-*.jsonl"))
    errors = results.filter(lambda r: "error" in r).compute()
    written = [line for part in sorted((tmp_path / "reports").glob("part-*.jsonl"))
               for line in part.read_text(encoding="utf-8").splitlines() if line]
    expected = [r["report"] for r in analyze_records(records, published="2025-11-03") if "report" in r]
    assert written == expected
    assert [json.loads(w)["article"]["id"] for w in written] == ["a0", "a1", "a2", "a3"]
    # an error names its record by its position in its partition
    assert len(errors) == 1 and errors[0]["id"] == "empty" and "empty article" in errors[0]["error"]


# --- the command --------------------------------------------------------------------------------

@pytest.mark.model
def test_extract_on_a_local_cluster_writes_what_one_job_writes(dask_installed, inputs, tmp_path):
    one, dask = tmp_path / "one.jsonl", tmp_path / "dask.jsonl"
    args = [*inputs, "corpus/missing.txt", "-f", "jsonl", "-q"]
    serial = _extract([*args, "-o", str(one)])
    cluster = _extract([*args, "-o", str(dask), "--scheduler", "local:2"])
    assert serial.returncode == cluster.returncode == 2, cluster.stderr  # the bad inputs; the rest written
    assert cluster.stderr == serial.stderr
    assert cluster.stderr.decode().splitlines() == [
        f'claimcheck: {inputs[7]}:2: no "text" field', "claimcheck: corpus/missing.txt: no such file or directory"]
    assert dask.read_bytes() == one.read_bytes()
    assert len(one.read_text(encoding="utf-8").splitlines()) == len(CORPUS) + 2


def test_the_partition_bar_counts_partitions_articles_and_words():
    from claimcheck.cli import _PartitionBar

    bar = _PartitionBar(redirect_stdout=False)
    bar.partition_done(3, 1200)
    bar.partition_done(2, 800)
    task = bar.progress.tasks[0]
    assert (task.fields["partitions"], task.fields["done"], task.completed, task.total) == (2, 5, 2000, None)


def test_partitions_are_cut_by_articles_and_characters_errors_in_place(monkeypatch):
    from claimcheck.reading import make_article

    monkeypatch.setattr(dask_runner, "PARTITION_ARTICLES", 3)
    monkeypatch.setattr(dask_runner, "PARTITION_CHARS", 100)
    err = InputError("x.jsonl:2: no \"text\" field")
    items = [make_article(t, f"a{n}", None) for n, t in enumerate(["a" * 90, "b" * 20, "c", "d", "e"])]
    shape = [p if isinstance(p, InputError) else [a.id for a in p]
             for p in dask_runner.partitions(items[:2] + [err] + items[2:])]
    assert shape == [["a0", "a1"], err, ["a2", "a3", "a4"]]
