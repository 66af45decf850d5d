"""The terminal views: the table and summary panel, plain text off a terminal or with NO_COLOR,
--quiet and --verbose, and the progress bar that only a terminal gets."""

from __future__ import annotations

import io
import json
import os
import select
import subprocess
import sys
from pathlib import Path

import pytest

from claimcheck.render.table import claim_status, make_console, print_table, shorten, summary_line
from test_html_report import _hostile_report

ROOT = Path(__file__).resolve().parent.parent
A002 = "corpus/002_c3d9d0eefc2e3ca3.txt"
ESC = "\x1b["


class _FakeTerminal(io.StringIO):
    def isatty(self):
        return True


def _render(report, file, verbose=False):
    print_table(report, make_console(file), verbose=verbose)
    return file.getvalue()


def test_shorten_cuts_at_a_word_with_an_ellipsis():
    assert shorten("court", 20) == "court"
    assert shorten("Le budget a doublé en deux ans selon la Cour des comptes", 30) == "Le budget a doublé en deux…"
    assert shorten("ligne\n  suivante", 40) == "ligne suivante"


def test_status_words():
    assert [claim_status(c) for c in _hostile_report().claims] == ["attributed", "unattributed", "vague", "minor"]


def test_table_and_summary_panel_in_plain_text_off_a_terminal():
    out = _render(_hostile_report(), io.StringIO())
    assert ESC not in out
    for word in ("attributed", "unattributed", "anonymous/vague", "CNN [2025-10-31]", "0.95"):
        assert word in out
    assert "Il fait beau" not in out  # not check-worthy: only with --verbose
    assert "claims 4" in out and "attributed 2 (50%)" in out and "unattributed check-worthy 1" in out
    assert "top sources CNN (1)" in out and "published 2025-11-03 (option)" in out


def test_colour_on_a_terminal_and_none_with_no_color(monkeypatch):
    monkeypatch.delenv("NO_COLOR", raising=False)
    assert ESC in _render(_hostile_report(), _FakeTerminal())
    monkeypatch.setenv("NO_COLOR", "1")
    out = _render(_hostile_report(), _FakeTerminal())
    assert ESC not in out and "unattributed" in out


def test_verbose_shows_every_claim_in_full_with_its_cues():
    report = _hostile_report()
    long = report.claims[1].model_copy(update={"text": "Le budget " + "très " * 40 + "élevé."})
    report = report.model_copy(update={"claims": [report.claims[0], long, *report.claims[2:]]})
    short = _render(report, io.StringIO())
    assert "…" in short and "élevé." not in short
    full = _render(report, io.StringIO(), verbose=True)
    assert "élevé." in full and "Il fait beau" in full
    assert "(preposition)" in full and "(reporting_verb" in full  # whole cue families, folded, not cut


def test_summary_line():
    assert summary_line(_hostile_report()) == (
        "hostile<id>: 4 sentences, 4 claims, 2 attributed (50%), 1 unattributed check-worthy; "
        "top sources: CNN (1), X </script><script>alert(3)</script> & <!-- (1)")


def _run(*args, stdin=None, env=None):
    return subprocess.run([sys.executable, "-m", "claimcheck", *args], capture_output=True, text=True,
                          input=stdin, cwd=ROOT, timeout=300, env=env)


@pytest.mark.model
def test_cli_table_quiet_and_no_colour():
    env = {**os.environ, "NO_COLOR": "1"}
    result = _run("extract", A002, "-f", "table", "--published", "2025-10-19", env=env)
    assert result.returncode == 0 and result.stderr == ""
    assert ESC not in result.stdout and "summary" in result.stdout and "attributed" in result.stdout
    quiet = _run("extract", A002, "-f", "table", "--quiet")
    assert quiet.returncode == 0 and quiet.stdout == "" and quiet.stderr == ""


def _five_articles(tmp_path) -> Path:
    lines = [json.dumps({"id": f"a{i}", "text": f"Selon l'AFP, le port numéro {i} a fermé lundi.",
                         "published": "2025-11-03"}) for i in range(5)]
    path = tmp_path / "five.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.mark.model
def test_no_progress_bar_when_stderr_is_not_a_terminal(tmp_path):
    result = _run("extract", str(_five_articles(tmp_path)), "-f", "jsonl")
    assert result.returncode == 0
    assert result.stderr == ""
    assert len(result.stdout.splitlines()) == 5


@pytest.mark.model
def test_progress_bar_on_a_terminal(tmp_path):
    """stderr on a pseudo-terminal: the bar shows articles done, words per second and time left;
    stdout (a pipe) still gets clean JSON Lines."""
    master, slave = os.openpty()
    proc = subprocess.Popen([sys.executable, "-m", "claimcheck", "extract", str(_five_articles(tmp_path)), "-f", "jsonl"],
                            stdout=subprocess.PIPE, stderr=slave, stdin=subprocess.DEVNULL, cwd=ROOT,
                            env={**os.environ, "COLUMNS": "120", "NO_COLOR": "1"})
    os.close(slave)
    seen = b""
    while True:  # drain the terminal while the command runs, or it would block on a full buffer
        ready, _, _ = select.select([master], [], [], 1.0)
        if ready:
            try:
                chunk = os.read(master, 65536)
            except OSError:
                break
            if not chunk:
                break
            seen += chunk
        elif proc.poll() is not None:
            break
    stdout = proc.stdout.read().decode("utf-8")
    proc.wait(timeout=60)
    os.close(master)
    terminal = seen.decode("utf-8", "replace")
    assert proc.returncode == 0
    assert "5/5 articles" in terminal and "words/s" in terminal and "time left" in terminal
    assert [json.loads(line)["article"]["id"] for line in stdout.splitlines()] == [f"a{i}" for i in range(5)]
