"""The command line: outputs, determinism, errors as one line with exit code 2."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from claimcheck.cli import app
from typer.testing import CliRunner

ROOT = Path(__file__).resolve().parent.parent
A002 = str(ROOT / "corpus" / "002_c3d9d0eefc2e3ca3.txt")
runner = CliRunner()


def _run(*args, stdin=None):
    return subprocess.run([sys.executable, "-m", "claimcheck", *args], capture_output=True, text=True,
                          input=stdin, cwd=ROOT, timeout=300)


def test_schema_does_not_import_spacy():
    code = "import sys\nfrom claimcheck.cli import main\nsys.argv=['claimcheck','schema']\n" \
           "try:\n    main()\nexcept SystemExit:\n    pass\nassert 'spacy' not in sys.modules, 'spacy imported'\n"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout.split("\n", 0)[0] if False else out.stdout)["title"] == "Report"


def test_exit_codes_are_the_contract():
    from claimcheck.errors import ExitCode

    assert (ExitCode.OK, ExitCode.FOUND, ExitCode.ERROR) == (0, 1, 2)


@pytest.mark.model
def test_extract_json_is_deterministic_and_valid(tmp_path):
    out1, out2 = tmp_path / "a.json", tmp_path / "b.json"
    for out in (out1, out2):
        result = _run("extract", A002, "--published", "2025-10-19", "-o", str(out))
        assert result.returncode == 0, result.stderr
    assert out1.read_bytes() == out2.read_bytes()
    from claimcheck.models import load_report

    report = load_report(out1)[0]
    assert report.schema_version == 1 and str(report.article.published) == "2025-10-19"
    for claim in report.claims:
        assert report.article.text[claim.span[0]:claim.span[1]] == claim.text


@pytest.mark.model
def test_batch_with_bad_inputs_goes_on_and_exits_2(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("   \n")
    jsonl = tmp_path / "batch.jsonl"
    jsonl.write_text('{"id": "a", "text": "Selon CNN, Trump a refusé.", "published": "2025-10-19"}\n'
                     '{not json\n{"id": "c"}\n', encoding="utf-8")
    result = _run("extract", str(empty), str(jsonl), str(tmp_path / "missing.txt"), "-f", "jsonl")
    assert result.returncode == 2
    lines = [json.loads(l) for l in result.stdout.splitlines()]
    assert [l["article"]["id"] for l in lines] == ["a"]
    errors = result.stderr.strip().splitlines()
    assert len(errors) == 4 and all(e.startswith("claimcheck: ") for e in errors)
    assert "Traceback" not in result.stderr


@pytest.mark.model
def test_stdin_and_output_directory(tmp_path):
    result = _run("extract", "-", "--published", "2025-11-03", "-o", str(tmp_path) + "/",
                  stdin="Selon CNN du 31 octobre, le Pentagone a approuvé le transfert.")
    assert result.returncode == 0, result.stderr
    report = json.loads((tmp_path / "stdin.json").read_text(encoding="utf-8"))
    src = report["claims"][0]["attributions"][0]["sources"][0]
    assert src["canonical"] == "CNN" and src["dates"][0]["from"] == "2025-10-31"


def test_a_missing_output_directory_is_made(tmp_path):
    """-o view/ as the README shows it (issue 17: it was 'output directory does not exist')."""
    result = runner.invoke(app, ["extract", A002, "-o", str(tmp_path / "nope" / "deeper") + "/"])
    assert result.exit_code == 0, result.output
    assert [p.name for p in (tmp_path / "nope" / "deeper").iterdir()] == [Path(A002).stem + ".json"]


def test_bad_published_is_usage_error():
    result = runner.invoke(app, ["extract", A002, "--published", "yesterday"])
    assert result.exit_code == 2


def test_dates_command():
    result = _run("dates", A002, "--published", "2025-10-19")
    assert result.returncode == 0, result.stderr
    line = json.loads(result.stdout)
    assert any(d["text"] == "vendredi" and d["from"] == "2025-10-17" for d in line["dates"])


def test_newer_report_schema_is_refused(tmp_path):
    from claimcheck.errors import InputError
    from claimcheck.models import load_report

    path = tmp_path / "r.json"
    path.write_text(json.dumps({"schema_version": 99}))
    with pytest.raises(InputError, match="newer"):
        load_report(path)
