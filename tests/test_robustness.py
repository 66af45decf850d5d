"""Broken input (issue 8): each item of the table gives a one-line error with exit code 2
or a correct report, never a traceback; in a batch the bad ones are reported and skipped.

`extract` runs in process (CliRunner, the session's loaded model) for the table, and as a
real process (`python -m claimcheck`) where main()'s own handling matters: the batch.
"""

from __future__ import annotations

import json
import os
import random
import re
import subprocess
import sys
import time
import traceback
from pathlib import Path

import pytest
from typer.testing import CliRunner

from claimcheck.cli import app
from claimcheck.models import Report
from claimcheck.pipeline.sentences import MAX_UNIT_CHARS, split_units
from claimcheck.reading import MAX_ARTICLE_CHARS

ROOT = Path(__file__).resolve().parent.parent
runner = CliRunner()

FRENCH = ("Selon l'AFP, le gouvernement a annoncé 3 milliards d'euros le 31 octobre. "
          "« Nous agirons vite », a déclaré le ministre de l'Économie.\n")


# --- helpers -------------------------------------------------------------------------------

def invoke(*args: str):
    """`claimcheck ARGS` in process; fails the test on any exception but a clean exit."""
    result = runner.invoke(app, list(args))
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError("traceback:\n" + "".join(traceback.format_exception(*result.exc_info)))
    assert "Traceback" not in result.stderr
    return result


def assert_one_line_error(result, pattern: str, quiet_stdout: bool = True) -> str:
    lines = result.stderr.splitlines()
    assert result.exit_code == 2, (result.exit_code, result.stderr)
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("claimcheck: "), lines[0]
    assert re.search(pattern, lines[0]), lines[0]
    if quiet_stdout:
        assert result.stdout == ""
    return lines[0]


def assert_sound(report: Report) -> None:
    """What every report promises: spans inside the text, slices equal to the texts quoted."""
    text = report.article.text
    assert report.article.chars == len(text)
    for s in report.sentences:
        assert 0 <= s.span[0] <= s.span[1] <= len(text)
    for claim in report.claims:
        assert text[claim.span[0]:claim.span[1]] == claim.text
        assert 0 <= claim.sentence < len(report.sentences)
        for att in claim.attributions:
            assert text[att.cue.span[0]:att.cue.span[1]] == att.cue.text
            for src in att.sources:
                assert text[src.span[0]:src.span[1]] == src.text
                for d in src.dates:
                    assert text[d.span[0]:d.span[1]] == d.text


def report_of(result) -> Report:
    assert result.exit_code == 0, result.stderr
    report = Report.model_validate_json(result.stdout)
    assert_sound(report)
    return report


# --- inputs: each builder writes one file and returns its path ------------------------------

def _png(d: Path) -> Path:
    p = d / "photo.txt"  # a scraped archive names files anyhow
    p.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + random.Random(1).randbytes(3000))
    return p


def _pdf(d: Path) -> Path:
    # A PDF header is ASCII and this body has no NUL byte: byte statistics alone would call it text.
    p = d / "rapport.txt"
    p.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
                  b"stream\nBT /F1 12 Tf (Selon le rapport) Tj ET\nendstream\n%%EOF\n")
    return p


def _jpeg_as_html(d: Path) -> Path:
    p = d / "page.html"
    p.write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + random.Random(2).randbytes(2000))
    return p


def _write(name: str, data: bytes):
    def build(d: Path) -> Path:
        p = d / name
        p.write_bytes(data)
        return p
    return build


CP1252 = "« Ça coûte 5 € », a déclaré l’économiste. L’œuvre du ministère sera achevée en 2026, selon l’AFP.\n"
LATIN1 = "Selon le ministère, l'été sera très chaud à Besançon. « Nous agirons », a déclaré le maire.\n"
UTF16 = "« Été brûlant », a déclaré le maire de Besançon. Selon Météo-France, il fera 40 °C.\n"
QUOTES_DOUBLE_OPEN = "«« Nous agirons », a déclaré le ministre. Selon l'AFP, il pleut à Paris.\n"
QUOTES_NEVER_CLOSED = ("“Nous agirons, a déclaré le ministre. Selon l'AFP, il pleut à Paris. "
                       "Le maire a dit que rien ne changerait.\nSelon Reuters, le prix a doublé.\n")
QUOTES_STRAIGHT_INSIDE = ('« Il a dit "non" au projet », a affirmé le porte-parole. Puis " encore, '
                          "selon l'AFP. Le projet est abandonné.\n")
ENGLISH = ("According to Reuters, the government announced on Monday that it will raise taxes. "
           "The minister said that the plan is final and that it is not negotiable.\n")
GERMAN = ("Laut Reuters hat die Regierung am Montag angekündigt, die Steuern zu erhöhen. "
          "Der Minister sagte, der Plan sei endgültig und nicht verhandelbar.\n")
HTML = ("<html><head><title>Budget</title><script>alert('x'); document.write('<p>evil</p>')</script>"
        "<style>p { color: red }</style></head><body><iframe src='http://example.com/ad'></iframe>"
        "<div><p>" + FRENCH + "<p>Le ministre a affirmé que la réforme serait adoptée avant la fin "
        "de l'année, selon Le Monde.<div><b>broken <i>markup</p></table>"
        "<script>var a = '</div>';</script><iframe><p>hidden frame text</p>")


def _check_cp1252(r: Report) -> None:
    assert r.article.text == CP1252


def _check_latin1(r: Report) -> None:
    assert r.article.text == LATIN1
    assert any(c.attributed for c in r.claims)


def _check_utf16(r: Report) -> None:
    assert r.article.text == UTF16


def _check_quotes(expected_sentences: int):
    def check(r: Report) -> None:
        # An unclosed quote must not swallow the rest: the sentences are still cut.
        assert len(r.sentences) >= expected_sentences, [s.span for s in r.sentences]
        assert r.claims
    return check


def _check_parens(r: Report) -> None:
    assert all(s.span[1] - s.span[0] <= MAX_UNIT_CHARS for s in r.sentences)
    assert r.sentences[-1].span[1] == len(r.article.text.rstrip())


def _check_500_sources(r: Report) -> None:
    attributed = [c for c in r.claims if c.attributed]
    assert attributed, "a selon list of 500 sources attributes its claim"
    names = {s.canonical for c in attributed for a in c.attributions for s in a.sources}
    assert {"AFP", "Reuters"} & names, sorted(names)[:10]


def _check_language(code: str):
    def check(r: Report) -> None:
        assert r.article.language == code
        assert any(w.startswith("language:") for w in r.warnings), r.warnings
    return check


def _check_html(r: Report) -> None:
    text = r.article.text
    assert "Nous agirons vite" in text and "selon Le Monde" in text
    for leaked in ("alert(", "evil", "var a", "color: red", "example.com"):
        assert leaked not in text, leaked
    assert r.article.title == "Budget"


def _500_sources() -> str:
    outlets = ["l'AFP", "Reuters", "CNN", "Le Monde", "Le Figaro", "BFMTV", "France Info", "Libération"]
    people = [f"{first} {last}" for first in ("Jean", "Marie", "Paul", "Claire", "Luc")
              for last in ("Martin", "Bernard", "Dubois", "Durand", "Lefebvre", "Moreau", "Laurent",
                           "Simon", "Michel", "Garcia")]
    names = outlets + [f"{people[i % len(people)]} ({i})" for i in range(len(outlets), 499)]
    return "Selon " + ", ".join(names) + " et Reuters, le prix du pain a augmenté de 5 %.\n"


ERROR, REPORT = "error", "report"
TABLE = [
    # id, builder, expected outcome, error pattern or report check
    ("empty", _write("empty.txt", b""), ERROR, r"empty article"),
    ("whitespace", _write("blank.txt", " \n\t\n\u00a0 \u202f\n\n".encode()), ERROR, r"empty article"),
    ("png-image", _png, ERROR, r"PNG image, not a text article"),
    ("pdf", _pdf, ERROR, r"PDF document, not a text article"),
    ("jpeg-named-html", _jpeg_as_html, ERROR, r"JPEG image, not a text article"),
    ("invalid-utf8", _write("bad.txt", FRENCH.encode() + b"caf\xc3( \xff\xfe\xc3\xa9t\xc3\xa9 \x80\x81"),
     ERROR, r"damaged UTF-8 .*re-save"),
    ("windows-1252", _write("cp1252.txt", CP1252.encode("cp1252")), REPORT, _check_cp1252),
    ("latin-1", _write("latin1.txt", LATIN1.encode("latin-1")), REPORT, _check_latin1),
    ("utf-16-le-bom", _write("utf16le.txt", b"\xff\xfe" + UTF16.encode("utf-16-le")), REPORT,
     _check_utf16),
    ("utf-16-be-bom", _write("utf16be.txt", b"\xfe\xff" + UTF16.encode("utf-16-be")), REPORT, _check_utf16),
    ("5mb-one-line", _write("big.txt", (FRENCH.strip() + " ").encode() * (5_000_000 // len(FRENCH))),
     ERROR, r"article too long \(4,9\d\d,\d\d\d characters; the limit is 2,000,000\)"),
    ("quotes-double-open", _write("q1.txt", QUOTES_DOUBLE_OPEN.encode()), REPORT, _check_quotes(2)),
    ("quote-never-closed", _write("q2.txt", QUOTES_NEVER_CLOSED.encode()), REPORT, _check_quotes(4)),
    ("straight-inside-guillemets", _write("q3.txt", QUOTES_STRAIGHT_INSIDE.encode()), REPORT, _check_quotes(2)),
    ("10000-nested-parentheses",
     _write("parens.txt", ("Selon l'AFP " + "(" * 10_000 + "x" + ")" * 10_000 + " le prix a augmenté.\n").encode()),
     REPORT, _check_parens),
    ("500-sources-one-selon", _write("sources.txt", _500_sources().encode()), REPORT, _check_500_sources),
    ("english", _write("english.txt", ENGLISH.encode()), REPORT, _check_language("en")),
    ("german", _write("german.txt", GERMAN.encode()), REPORT, _check_language("de")),
    ("html-scripts-iframes-broken", _write("page.html", HTML.encode()), REPORT, _check_html),
]


@pytest.mark.model
@pytest.mark.parametrize("name,build,outcome,check", TABLE, ids=[row[0] for row in TABLE])
def test_input_gives_one_line_error_or_a_sound_report(nlp, tmp_path, name, build, outcome, check):
    path = build(tmp_path)
    started = time.monotonic()
    result = invoke("extract", str(path), "-f", "json", "-q")
    elapsed = time.monotonic() - started
    if outcome == ERROR:
        line = assert_one_line_error(result, check)
        assert str(path) in line  # the message names the input
    else:
        check(report_of(result))
    assert elapsed < 120, f"{name} took {elapsed:.0f} s"


def test_the_size_limit_is_what_the_message_says():
    assert MAX_ARTICLE_CHARS == 2_000_000


@pytest.mark.slow  # about two minutes: the file would take over two without it; `make test` runs it
@pytest.mark.model
def test_fifty_thousand_sentences_on_one_line(nlp, tmp_path):
    kinds = ["Oui.", "Il pleut.", "Selon l'AFP, il pleut.", "« Non », a-t-il dit."]
    text = " ".join(kinds[i % 4] for i in range(50_000)) + "\n"
    path = tmp_path / "many.txt"
    path.write_text(text, encoding="utf-8")
    started = time.monotonic()
    report = report_of(invoke("extract", str(path), "-f", "json", "-q"))
    elapsed = time.monotonic() - started
    assert len(report.sentences) == 50_000
    assert sum(c.attributed for c in report.claims) >= 12_500
    assert elapsed < 600, f"{elapsed:.0f} s"
    print(f"50,000 sentences: {elapsed:.0f} s")


@pytest.mark.parametrize("text", [
    "x" * 5_000_000,  # no space at all
    "mot " * 1_250_000,  # no sentence end
    "a" + "." * 1_000_000,  # a run of marks, each once a candidate boundary
    "x. " * 1_000_000,  # a million lowercase "sentences": no boundary, one ever-growing sentence
    "(" * 10_000 + "x" + ")" * 10_000,
    " ".join(f"Le ministre {i} a parlé." for i in range(50_000)),
    "« " * 1_000_000,
], ids=["no-space", "no-punctuation", "dots", "lowercase-after-dot", "parentheses", "50k-sentences",
        "guillemets"])
def test_the_splitter_is_linear_and_bounds_every_unit(text):
    started = time.monotonic()
    units = split_units(text)
    elapsed = time.monotonic() - started
    assert elapsed < 20, f"{elapsed:.1f} s"  # linear: about 1 s for 5 MB here
    assert all(0 <= u.start < u.end <= len(text) for u in units)
    assert all(u.end - u.start <= MAX_UNIT_CHARS for u in units)
    assert all(not text[u.start].isspace() and not text[u.end - 1].isspace() for u in units)
    # Nothing is lost: every non-space character lies in some unit.
    covered = sum(len(text[u.start:u.end].split()) for u in units)
    assert covered >= len(text.split())


def test_a_long_unit_is_cut_at_a_space():
    text = " ".join(["mot"] * 3000)  # 11,999 characters, no sentence end
    units = split_units(text)
    assert len(units) > 1
    for u in units:
        piece = text[u.start:u.end]
        assert piece.startswith("mot") and piece.endswith("mot"), (piece[:10], piece[-10:])
    assert sum(len(text[u.start:u.end].split()) for u in units) == 3000


@pytest.mark.model
def test_jsonl_with_a_malformed_line_and_a_line_without_text(nlp, tmp_path):
    path = tmp_path / "batch.jsonl"
    path.write_text("\n".join([
        json.dumps({"id": "ok-1", "text": FRENCH}),
        '{"id": "broken", "text": "Selon',
        json.dumps({"id": "no-text", "body": FRENCH}),
        json.dumps({"id": "surrogate", "text": "Selon l'AFP, il pleut \ud800."}),
        json.dumps({"id": "ok-2", "text": "Selon Reuters, le prix a doublé.\u2028Il pleut.", "title": "Prix"}),
    ]) + "\n", encoding="utf-8")
    result = invoke("extract", str(path), "-f", "jsonl", "-q")
    assert result.exit_code == 2
    reports = [Report.model_validate_json(line) for line in result.stdout.split("\n") if line]
    assert [r.article.id for r in reports] == ["ok-1", "ok-2"]
    # A raw U+2028 inside a JSON string is not a line break of the JSONL file.
    assert reports[1].article.text == "Selon Reuters, le prix a doublé.\u2028Il pleut."
    for r in reports:
        assert_sound(r)
    errors = result.stderr.splitlines()
    assert len(errors) == 3 and all(e.startswith("claimcheck: ") for e in errors), errors
    assert f"{path}:2: malformed JSON" in errors[0]
    assert f"{path}:3: no \"text\" field" in errors[1]
    assert f"{path}:4: \"text\" holds an invalid character" in errors[2]


@pytest.mark.model
def test_nonexistent_path(nlp, tmp_path):
    assert_one_line_error(invoke("extract", str(tmp_path / "missing.txt")), r"missing\.txt: no such file")


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any directory: see the monkeypatched test below")
@pytest.mark.model
def test_unreadable_directory_for_real(nlp, tmp_path):
    locked = tmp_path / "locked"
    locked.mkdir()
    (locked / "a.txt").write_text(FRENCH, encoding="utf-8")
    locked.chmod(0)
    try:
        assert_one_line_error(invoke("extract", str(locked)), r"locked: permission denied")
    finally:
        locked.chmod(0o755)


def test_unreadable_directory_is_reported_and_the_rest_processed(nlp, tmp_path, monkeypatch):
    """Runs as root too: the listing of one folder fails as it does for a user without the right."""
    (tmp_path / "open").mkdir()
    (tmp_path / "open" / "a.txt").write_text(FRENCH, encoding="utf-8")
    (tmp_path / "locked").mkdir()
    (tmp_path / "locked" / "b.txt").write_text(FRENCH, encoding="utf-8")
    real_scandir = os.scandir

    def scandir(path="."):
        if Path(path).name == "locked":
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    result = invoke("extract", str(tmp_path), "-f", "jsonl", "-q")
    assert result.exit_code == 2
    assert [Report.model_validate_json(l).article.id for l in result.stdout.splitlines()] == ["a"]
    assert result.stderr == f"claimcheck: {tmp_path / 'locked'}: permission denied\n"
    # The whole input unreadable: one line, no "no supported files" on top.
    assert_one_line_error(invoke("extract", str(tmp_path / "locked")), r"locked: permission denied$")


def test_output_in_a_missing_directory_is_made(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text(FRENCH, encoding="utf-8")
    for target, made in ((tmp_path / "nope" / "r.json", tmp_path / "nope" / "r.json"),
                         (str(tmp_path / "nope2") + "/", tmp_path / "nope2" / "a.json")):
        result = invoke("extract", str(article), "-o", str(target))
        assert result.exit_code == 0, result.stderr
        assert Report.model_validate_json(made.read_text(encoding="utf-8")).article.id == "a"


def _newer_report(tmp_path: Path) -> Path:
    path = tmp_path / "future.json"
    path.write_text(json.dumps({"schema_version": 2, "tool": {"name": "claimcheck", "version": "9.0"},
                                "article": {"id": "x", "text": "Il pleut."}, "claims": []}), encoding="utf-8")
    return path


def _current_report(tmp_path: Path) -> Path:
    from claimcheck.models import ArticleInfo, Summary, Tool

    text = "Il pleut."
    report = Report(tool=Tool(version="0.1.0"),
                    article=ArticleInfo(id="x", sha256="0" * 64, chars=len(text), text=text),
                    sentences=[], claims=[],
                    summary=Summary(sentences=0, claims=0, attributed=0, unattributed=0,
                                    checkworthy_unattributed=0, sources={}))
    path = tmp_path / "now.json"
    path.write_text(report.to_json(), encoding="utf-8")
    return path


@pytest.mark.parametrize("command", ["check", "diff-old", "diff-new"])
def test_a_report_from_a_newer_schema_version(tmp_path, command):
    future, now = _newer_report(tmp_path), _current_report(tmp_path)
    args = {"check": ["check", str(future)], "diff-old": ["diff", str(future), str(now)],
            "diff-new": ["diff", str(now), str(future)]}[command]
    # check still prints its summary ("0 findings … in 0 articles") on stdout
    assert_one_line_error(invoke(*args), r"future\.json: report schema_version 2 is newer than this claimcheck "
                                         r"reads \(1\); upgrade claimcheck", quiet_stdout=command != "check")


@pytest.mark.model
def test_a_batch_reports_bad_inputs_skips_them_and_exits_2(tmp_path):
    """A real process: main()'s handling, not CliRunner's."""
    good = [tmp_path / "good1.txt", tmp_path / "good2.txt"]
    good[0].write_text(FRENCH, encoding="utf-8")
    good[1].write_bytes(CP1252.encode("cp1252"))
    bad = [_png(tmp_path), _pdf(tmp_path), _write("empty.txt", b"")(tmp_path),
           _write("bad.txt", b"caf\xc3( \xff")(tmp_path), tmp_path / "missing.txt"]
    jsonl = tmp_path / "lines.jsonl"
    jsonl.write_text(json.dumps({"id": "line-ok", "text": FRENCH}) + "\n{oops\n", encoding="utf-8")
    inputs = [str(p) for p in (bad[0], good[0], bad[1], bad[2], jsonl, bad[3], good[1], bad[4])]
    out = tmp_path / "out.jsonl"
    result = subprocess.run([sys.executable, "-m", "claimcheck", "extract", *inputs, "-o", str(out), "-q"],
                            capture_output=True, text=True, cwd=ROOT, timeout=600)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    errors = result.stderr.splitlines()
    assert len(errors) == 6 and all(e.startswith("claimcheck: ") for e in errors), errors
    reports = [Report.model_validate_json(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r.article.id for r in reports] == ["good1", "line-ok", "good2"]
    for r in reports:
        assert_sound(r)
    assert oct(out.stat().st_mode & 0o777) == oct(0o666 & ~_umask())


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _deep_json(tmp_path: Path, name: str) -> Path:
    path = tmp_path / name
    path.write_text('{"schema_version": 1, "x": ' + "[" * 100_000 + "]" * 100_000 + "}\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("command", ["check", "check-stdin", "diff", "eval"])
def test_json_nested_too_deeply_is_one_line(tmp_path, command):
    """json.loads raises RecursionError, not a JSONDecodeError, on [[[[…]]]]."""
    deep = _deep_json(tmp_path, "deep.json")
    if command == "check":
        result = invoke("check", str(deep))
    elif command == "check-stdin":
        result = runner.invoke(app, ["check", "-"], input=deep.read_bytes())
        assert result.exception is None or isinstance(result.exception, SystemExit), result.exc_info
    elif command == "diff":
        current = _current_report(tmp_path)
        lines = tmp_path / "deep.jsonl"
        one_line = json.dumps(json.loads(current.read_text(encoding="utf-8")))
        lines.write_text(one_line + "\n" + deep.read_text(encoding="utf-8"), encoding="utf-8")
        result = invoke("diff", str(lines), str(current))
    else:
        gold = tmp_path / "gold"
        gold.mkdir()
        _deep_json(gold, "a.json")
        result = invoke("eval", str(gold))
    expected = {"check": r"deep\.json: JSON nested too deeply to be a report$",
                "check-stdin": r"<stdin>: JSON nested too deeply to be a report$",
                "diff": r"deep\.jsonl: JSON nested too deeply to be a report$",
                "eval": r"gold: a file holds JSON nested too deeply to read$"}[command]
    assert_one_line_error(result, expected, quiet_stdout=not command.startswith("check"))


@pytest.mark.model
def test_jsonl_article_line_nested_too_deeply(nlp, tmp_path):
    path = tmp_path / "deep.jsonl"
    path.write_text('{"text": ' + "[" * 100_000 + "]" * 100_000 + "}\n" + json.dumps({"text": FRENCH}) + "\n",
                    encoding="utf-8")
    result = invoke("extract", str(path), "-f", "jsonl", "-q")
    assert result.exit_code == 2
    assert result.stderr == f"claimcheck: {path}:1: malformed JSON (nested too deep)\n"
    assert len(result.stdout.splitlines()) == 1


@pytest.mark.model
@pytest.mark.parametrize("data,pattern", [
    (b"", r"<stdin>: empty article"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), r"<stdin>: a PNG image"),
    (b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n", r"<stdin>: a PDF document"),
    (b"caf\xc3( \xe9t\xc3\xa9 \xc3\xa0 \xff", r"<stdin>: damaged UTF-8"),
], ids=["empty", "png", "pdf", "invalid-utf8"])
def test_bad_standard_input(nlp, data, pattern):
    result = runner.invoke(app, ["extract", "-", "-q"], input=data)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exc_info
    assert_one_line_error(result, pattern)


@pytest.mark.model
def test_unreadable_file_in_a_batch(nlp, tmp_path, monkeypatch):
    """Root reads any file: the refusal is simulated where the bytes are read."""
    readable, locked = tmp_path / "a.txt", tmp_path / "b.txt"
    readable.write_text(FRENCH, encoding="utf-8")
    locked.write_text(FRENCH, encoding="utf-8")
    import builtins

    import claimcheck.bounded as bounded

    def fake_open(path, *args, **kwargs):
        if Path(path).name == "b.txt":
            raise PermissionError(13, "Permission denied", str(path))
        return builtins.open(path, *args, **kwargs)

    monkeypatch.setattr(bounded, "open", fake_open, raising=False)
    result = invoke("extract", str(locked), str(readable), "-f", "jsonl", "-q")
    assert result.exit_code == 2
    assert result.stderr == f"claimcheck: {locked}: permission denied\n"
    assert [Report.model_validate_json(l).article.id for l in result.stdout.splitlines()] == ["a"]


def test_a_jsonl_archive_is_read_line_by_line(tmp_path, monkeypatch):
    """JSON Lines are never loaded whole (an archive runs to gigabytes, /dev/zero has no end):
    each line is decoded on its own, so a bad line is an error in its place and the others
    come (issue 17); a line wholly in a Western single-byte code page is read as such."""
    import claimcheck.bounded as bounded
    import claimcheck.reading as reading

    path = tmp_path / "archive.jsonl"
    with path.open("wb") as fh:
        fh.write(b"\xef\xbb\xbf")
        fh.write(json.dumps({"id": "a", "text": "Selon l'AFP, il pleut.\u2028Oui."}, ensure_ascii=False).encode() + b"\n")
        fh.write(b"{broken\n")
        fh.write(b'{"id": "latin", "text": "caf\xe9"}\n')
        fh.write(json.dumps({"id": "b", "text": "Fin."}).encode() + b"\r\n")
        fh.write(b'{"id": "damaged", "text": "caf\xc3\xa9 cr\xe8me"}\n')
    monkeypatch.setattr(bounded, "read_stream", lambda *a, **k: pytest.fail("the archive was read whole"))
    items = list(reading.read_inputs([str(path)]))
    assert [getattr(i, "id", None) for i in items] == ["a", None, "latin", "b", None]
    assert items[0].text == "Selon l'AFP, il pleut.\u2028Oui."
    assert str(items[1]) == f"{path}:2: malformed JSON (Expecting property name enclosed in double quotes)"
    assert items[2].text == "café"
    assert str(items[4]).startswith(f"{path}:5: not UTF-8")


@pytest.mark.model
def test_reports_whose_text_holds_a_raw_line_separator(analyze, tmp_path):
    """JSON Lines of reports written with ensure_ascii=False keep U+2028 raw inside strings:
    `check`, `diff` and report files must not cut a record there (str.splitlines() would)."""
    from claimcheck.models import load_report

    old = analyze("Selon l'AFP, le prix a doublé.\u2028Le suspect aurait fui le 3 mars.")
    new = analyze("Selon l'AFP, le prix a triplé.\u2028Le suspect aurait fui le 3 mars.")
    lines = "".join(json.dumps(r.model_dump(mode="json", by_alias=True), ensure_ascii=False) + "\n"
                    for r in (old, new))
    assert "\u2028" in lines
    path = tmp_path / "reports.jsonl"
    path.write_text(lines, encoding="utf-8")
    assert [r.article.text for r in load_report(path)] == [old.article.text, new.article.text]
    checked = runner.invoke(app, ["check", "-"], input=lines.encode("utf-8"))
    assert checked.exit_code == 0, checked.output
    assert "in 2 articles" in checked.output, checked.output
    old_path, new_path = tmp_path / "old.json", tmp_path / "new.json"
    old_path.write_text(lines.split("\n")[0], encoding="utf-8")
    new_path.write_text(lines.split("\n")[1], encoding="utf-8")
    diffed = invoke("diff", str(old_path), str(new_path))
    assert diffed.exit_code == 0 and "claim-edited" in diffed.stdout, diffed.stdout


@pytest.mark.model
def test_unbalanced_quotes_do_not_hide_the_next_sentences_cues(analyze):
    text = ("Il a dit «« la guerre est finie ». Le ministre a dit “ça ne va pas. "
            "Le juge a déclaré « il a dit \"non\" hier ».")
    report = analyze(text)
    sources = {c.text[:10]: [s.canonical for a in c.attributions for s in a.sources] for c in report.claims}
    assert sources["Le ministr"] == ["Le ministre"]
    assert sources["Le juge a "] == ["Le juge"]
