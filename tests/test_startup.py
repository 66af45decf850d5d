"""Commands that only read or describe reports never import spaCy (issue 7: they start
in well under a second). Each command runs in a fresh interpreter whose exit hook
reports whether spaCy (or the pipeline) was imported; no timing is asserted here, the
start-up times are measured by `make bench`."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from claimcheck.models import (
    ArticleInfo, Attribution, Claim, Cue, Report, Source, SourceDate, Summary, Tool,
)

ROOT = Path(__file__).resolve().parent.parent
HEAVY = ("spacy", "thinc", "claimcheck.extract", "claimcheck.pipeline")

# Runs claimcheck's main() with the given arguments; at exit (after typer's SystemExit)
# prints the heavy modules that were imported, one line on stderr.
WRAPPER = f"""
import atexit, sys

def _report():
    heavy = sorted(m for m in sys.modules if any(m == h or m.startswith(h + ".") for h in {HEAVY!r}))
    sys.stderr.write("HEAVY-MODULES:" + ",".join(heavy) + "\\n")

atexit.register(_report)
sys.argv = ["claimcheck", *sys.argv[1:]]
from claimcheck.cli import main
main()
"""

TEXT_OLD = ("Selon CNN du 31 octobre, le Pentagone a approuvé le transfert de 400 missiles.\n"
            "Le ministre a annoncé mardi une enquête sur les dépenses de 2024.\n")
TEXT_NEW = ("Le Pentagone a approuvé le transfert de 450 missiles.\n"
            "Le ministre a annoncé mardi une enquête sur les dépenses de 2024.\n")


def _report(text: str, attributed: bool) -> Report:
    first_end = text.index("\n")
    second = text[first_end + 1:].rstrip("\n")
    claims = []
    if attributed:
        cnn = text.index("CNN")
        claims.append(Claim(
            id="c_first", sentence=0, span=(0, first_end), text=text[:first_end], attributed=True,
            checkworthy=True, confidence=0.95, kind="reported",
            attributions=[Attribution(
                cue=Cue(text="Selon", span=(0, 5), lemma="selon", family="preposition"),
                sources=[Source(text="CNN", span=(cnn, cnn + 3), canonical="CNN", type="media",
                                dates=[SourceDate(text="31 octobre", span=(cnn + 7, cnn + 17),
                                                  **{"from": date(2025, 10, 31)}, to=date(2025, 10, 31),
                                                  granularity="day")])])]))
    else:
        claims.append(Claim(id="c_first_new", sentence=0, span=(0, first_end), text=text[:first_end],
                            attributed=False, checkworthy=True, confidence=0.8, kind="unattributed"))
    start = first_end + 1
    claims.append(Claim(id="c_second", sentence=1, span=(start, start + len(second)), text=second,
                        attributed=False, checkworthy=True, confidence=0.8, kind="unattributed", line=2))
    summary = Summary(sentences=2, claims=2, attributed=int(attributed), unattributed=2 - int(attributed),
                      checkworthy_unattributed=2 - int(attributed), sources={"CNN": 1} if attributed else {})
    info = ArticleInfo(id="article", path="article.txt", sha256="0" * 64, published=date(2025, 11, 3),
                       chars=len(text), text=text)
    return Report(tool=Tool(version="0.1.0"), article=info, sentences=[], claims=claims, summary=summary)


@pytest.fixture(scope="module")
def reports(tmp_path_factory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("reports")
    old, new = folder / "old.json", folder / "new.json"
    old.write_text(_report(TEXT_OLD, True).to_json(), encoding="utf-8")
    new.write_text(_report(TEXT_NEW, False).to_json(), encoding="utf-8")
    return old, new


def run(*args: str) -> tuple[int, str, list[str]]:
    proc = subprocess.run([sys.executable, "-c", WRAPPER, *args], capture_output=True, text=True, cwd=ROOT,
                          timeout=120)
    marker = [line for line in proc.stderr.splitlines() if line.startswith("HEAVY-MODULES:")]
    assert marker, f"the wrapper did not report (exit {proc.returncode}): {proc.stderr[-500:]}"
    heavy = [m for m in marker[-1].removeprefix("HEAVY-MODULES:").split(",") if m]
    return proc.returncode, proc.stdout, heavy


@pytest.mark.model
def test_the_wrapper_sees_spacy_when_a_command_imports_it(tmp_path):
    # The check below must be able to fail: extract on an article does load the pipeline.
    article = tmp_path / "a.txt"
    article.write_text("Selon CNN, le Pentagone a approuvé le transfert.\n", encoding="utf-8")
    code, _, heavy = run("extract", str(article), "-f", "json", "-q")
    if code == 2:
        pytest.skip("the French model is not installed")
    assert "spacy" in heavy


def test_help_does_not_import_spacy():
    code, out, heavy = run("--help")
    assert code == 0 and "extract" in out
    assert heavy == []


def test_schema_does_not_import_spacy():
    code, out, heavy = run("schema")
    assert code == 0 and '"schema_version"' in out
    assert heavy == []


def test_diff_of_two_reports_does_not_import_spacy(reports):
    old, new = reports
    code, out, heavy = run("diff", str(old), str(new))
    assert code in (0, 1), out
    assert out.strip(), "diff printed nothing"
    assert heavy == []


def test_check_of_a_report_does_not_import_spacy(reports):
    _, new = reports
    if importlib.util.find_spec("claimcheck.commands.check") is None:
        pytest.skip("no check command in this tree")
    code, out, heavy = run("check", str(new))
    assert code in (0, 1), out
    assert heavy == []
