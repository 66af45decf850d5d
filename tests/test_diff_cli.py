"""`claimcheck diff` as a user runs it: reports or articles on each side, formats,
--fail-on, --min-significance, collapsed inputs, colour only on a terminal."""

from __future__ import annotations

import json
import os
import pty
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data" / "diff"


def _run(*args, stdin=None, env=None):
    return subprocess.run([sys.executable, "-m", "claimcheck", "diff", *map(str, args)], capture_output=True,
                          text=True, input=stdin, cwd=ROOT, timeout=300, env=env)


def _one_line_error(result, code=2):
    assert result.returncode == code, (result.returncode, result.stderr)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("claimcheck: "), result.stderr
    assert "Traceback" not in result.stderr


@pytest.fixture(scope="module")
def reports(tmp_path_factory, nlp):
    """The old and new reports of three pairs, written as a user's `extract` would."""
    from claimcheck.extract import analyze_articles
    from claimcheck.reading import read_inputs

    out = tmp_path_factory.mktemp("reports")
    paths = {}
    for name in ("selon_cnn_dropped", "figure_changed", "paragraph_moved"):
        files = [str(DATA / f"{name}.old.txt"), str(DATA / f"{name}.new.txt")]
        for side, report in zip(("old", "new"), analyze_articles(read_inputs(files, date(2025, 11, 3)), nlp=nlp)):
            path = out / f"{name}.{side}.json"
            path.write_text(report.to_json(), encoding="utf-8")
            paths[name, side] = path
    return paths


@pytest.mark.model
def test_two_reports_diff_without_spacy(reports):
    old, new = reports["selon_cnn_dropped", "old"], reports["selon_cnn_dropped", "new"]
    code = ("import sys\nfrom claimcheck.cli import main\n"
            f"sys.argv = ['claimcheck', 'diff', {str(old)!r}, {str(new)!r}, '--format', 'json']\n"
            "try:\n    main()\nexcept SystemExit as exc:\n    assert not exc.code, exc.code\n"
            "assert 'spacy' not in sys.modules, 'spacy imported'\n"
            "assert 'claimcheck.extract' not in sys.modules\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["diff_version"] == 1 and data["summary"]["by_kind"] == {"attribution-dropped": 1}


@pytest.mark.model
def test_text_output_is_plain_off_a_terminal(reports):
    result = _run(reports["figure_changed", "old"], reports["figure_changed", "new"])
    assert result.returncode == 0, result.stderr
    assert "\x1b[" not in result.stdout
    assert "HIGH  figure-changed" in result.stdout and "1 000 → 1 200" in result.stdout
    assert "[-000-]" in result.stdout and "{+200+}" in result.stdout


@pytest.mark.model
@pytest.mark.parametrize("no_color, coloured", [(None, True), ("1", False)])
def test_text_is_coloured_only_on_a_terminal_without_no_color(reports, no_color, coloured):
    env = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
    if no_color:
        env["NO_COLOR"] = no_color
    master, slave = pty.openpty()
    proc = subprocess.Popen([sys.executable, "-m", "claimcheck", "diff", str(reports["figure_changed", "old"]),
                             str(reports["figure_changed", "new"])], stdout=slave, stderr=subprocess.PIPE,
                            cwd=ROOT, env=env)
    os.close(slave)
    chunks = []
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:  # the terminal closes when the command ends
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(master)
    assert proc.wait(timeout=120) == 0
    output = b"".join(chunks).decode("utf-8")
    assert "figure-changed" in output
    assert ("\x1b[" in output) is coloured


@pytest.mark.model
def test_fail_on_and_min_significance(reports):
    old, new = reports["selon_cnn_dropped", "old"], reports["selon_cnn_dropped", "new"]
    found = _run(old, new, "--fail-on", "source-anonymized,attribution-dropped")
    _one_line_error(found, code=1)
    assert "attribution-dropped 1" in found.stderr and "attribution-dropped" in found.stdout
    assert _run(old, new, "--fail-on", "figure-changed").returncode == 0
    moved_old, moved_new = reports["paragraph_moved", "old"], reports["paragraph_moved", "new"]
    assert _run(moved_old, moved_new, "--fail-on", "any").returncode == 1
    hidden = _run(moved_old, moved_new, "--min-significance", "medium", "--fail-on", "claim-moved", "-f", "json")
    assert hidden.returncode == 0  # the move is below the floor: not shown, so not failed on
    data = json.loads(hidden.stdout)
    assert data["changes"] == [] and data["summary"]["hidden"] == 1 and data["min_significance"] == "medium"


@pytest.mark.model
def test_markdown_html_and_output_file(reports, tmp_path):
    old, new = reports["selon_cnn_dropped", "old"], reports["selon_cnn_dropped", "new"]
    md = _run(old, new, "-f", "markdown")
    assert md.returncode == 0 and md.stdout.startswith("### claimcheck diff") and "```diff" in md.stdout
    page = tmp_path / "diff.html"
    result = _run(old, new, "-f", "html", "-o", page)
    assert result.returncode == 0 and result.stdout == ""
    html = page.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and "<script" not in html and "http" not in html
    assert 'class="sig-high"' in html and "selon CNN" in html


@pytest.mark.model
def test_report_on_stdin(reports):
    old, new = reports["figure_changed", "old"], reports["figure_changed", "new"]
    result = _run("-", new, "-f", "json", stdin=old.read_text(encoding="utf-8"))
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["old"]["label"] == "<stdin>" and data["summary"]["by_kind"] == {"figure-changed": 1}


@pytest.mark.model
def test_articles_are_analysed(tmp_path):
    """Plain articles on both sides: the pipeline runs (one model load) and the edit is named."""
    result = _run(DATA / "source_anonymized.old.txt", DATA / "source_anonymized.new.txt",
                  "--published", "2025-11-03", "-f", "json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["summary"]["by_kind"] == {"source-anonymized": 1}
    assert data["changes"][0]["sources_after"][0]["type"] == "anonymous"


def test_collapsed_side_is_an_error_not_a_list_of_removals(tmp_path):
    short = tmp_path / "short.txt"
    short.write_text("Trump refuse les missiles Tomahawk à l’Ukraine.\n", encoding="utf-8")
    result = _run(DATA / "figure_changed.old.txt", short)
    _one_line_error(result)
    assert "truncated or empty" in result.stderr and "short.txt" in result.stderr


@pytest.mark.parametrize("args, message", [
    (["--fail-on", "claim-vanished"], "unknown change kind claim-vanished"),
    (["--format", "pdf"], "--format"),
    (["--min-significance", "huge"], "--min-significance"),
    (["--threshold", "1.5"], "--threshold"),
    (["--published", "03/11/2025"], "--published"),
])
def test_bad_options_are_one_line_errors(args, message):
    result = _run(DATA / "figure_changed.old.txt", DATA / "figure_changed.new.txt", *args)
    _one_line_error(result)
    assert message in result.stderr


def test_bad_inputs_are_one_line_errors(tmp_path):
    _one_line_error(_run(tmp_path / "missing.txt", DATA / "figure_changed.new.txt"))
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n", encoding="utf-8")
    _one_line_error(_run(empty, DATA / "figure_changed.new.txt"))
    not_report = tmp_path / "data.json"
    not_report.write_text('{"a": 1}', encoding="utf-8")
    result = _run(not_report, DATA / "figure_changed.new.txt")
    _one_line_error(result)
    assert "not a claimcheck report" in result.stderr
    broken = tmp_path / "broken.json"
    broken.write_text('{"schema_version": 1, "tool": {}}', encoding="utf-8")
    _one_line_error(_run(broken, DATA / "figure_changed.new.txt"))
    _one_line_error(_run("-", "-", stdin="x"))
    two = tmp_path / "two.jsonl"
    two.write_text('{"text": "Un."}\n{"text": "Deux."}\n', encoding="utf-8")
    result = _run(two, DATA / "figure_changed.new.txt")
    _one_line_error(result)
    assert "one version with one" in result.stderr
