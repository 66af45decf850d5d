"""`claimcheck check`, `rules` and `explain` on the command line: exit codes, options,
configuration, suppressions, file discovery, and end-to-end runs as a CI job makes them.

Most tests feed hand-built reports (no spaCy); the end-to-end ones are marked `model`.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from claimcheck.check.config import ExcludePattern, Settings, load_settings
from claimcheck.check.discover import GitignoreFiles, expand, is_excluded, pattern_matches
from claimcheck.check.suppress import html_ignores
from claimcheck.cli import app
from claimcheck.textnorm import fingerprint

from test_check_rules import claim, make_report, src

ROOT = Path(__file__).resolve().parent.parent
runner = CliRunner()

TEXT = ("# Titre\n\n"
        "Le chômage a reculé de 2 % en France en 2024.\n\n"
        "Selon des sources proches du dossier, le ministre a démissionné.\n\n"
        "Selon Le Monde, le contrat a été signé.\n")
UNSOURCED = "Le chômage a reculé de 2 % en France en 2024."
ANONYMOUS = "Selon des sources proches du dossier, le ministre a démissionné."
MEDIA = "Selon Le Monde, le contrat a été signé."


def report(path="articles/a.md", ident="a", text=TEXT, claims=None):
    claims = claims if claims is not None else [
        claim(UNSOURCED), claim(ANONYMOUS, sources=(src("des sources proches du dossier", "anonymous"),)),
        claim(MEDIA, sources=(src("Le Monde", "media"),))]
    return make_report(text, claims, path=path, ident=ident)


def write_report(path: Path, *reports) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if len(reports) == 1:
        path.write_text(reports[0].to_json(), encoding="utf-8")
    else:
        path.write_text("".join(r.to_json(indent=None) + "\n" for r in reports), encoding="utf-8")
    return path


@pytest.fixture()
def here(tmp_path, monkeypatch):
    """A fresh working directory with no configuration above it that could leak in."""
    work = tmp_path / "work"
    work.mkdir()
    (tmp_path / ".claimcheck.toml").write_text("", encoding="utf-8")  # stops the walk up: defaults only
    monkeypatch.chdir(work)
    monkeypatch.delenv("NO_COLOR", raising=False)
    return work


def check(*args, input=None):
    return runner.invoke(app, ["check", *args], input=input)


def one_line_error(result) -> str:
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("claimcheck: "), result.stderr
    return lines[0]


def codes(result) -> list[str]:
    return [f["code"] for f in json.loads(result.stdout)["findings"]]


# --- reports are read without spaCy ------------------------------------------------------------

def test_check_on_a_report_does_not_import_spacy(tmp_path):
    path = write_report(tmp_path / "r.json", report())
    code = ("import sys\nfrom claimcheck.cli import main\n"
            f"sys.argv = ['claimcheck', 'check', {str(path)!r}, '--format', 'json']\n"
            "try:\n    main()\nexcept SystemExit as exc:\n    status = exc.code\n"
            "assert status == 1, status\nassert 'spacy' not in sys.modules, 'spacy imported'\n"
            "assert 'claimcheck.extract' not in sys.modules\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path, timeout=120)
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout)["summary"]["findings"] == 3


# --- exit codes ----------------------------------------------------------------------------------

@pytest.mark.parametrize("fail_on,expected", [("error", 1), ("warning", 1), ("info", 1), ("none", 0)])
def test_exit_code_per_threshold(here, fail_on, expected):
    path = write_report(here / "r.json", report())
    result = check(str(path), "--fail-on", fail_on)
    assert result.exit_code == expected, result.output
    if expected:
        assert one_line_error(result) == "claimcheck: failing: " + {
            "error": "1 finding(s) at or above error", "warning": "2 finding(s) at or above warning",
            "info": "3 finding(s) at or above info"}[fail_on]


@pytest.mark.parametrize("present,fail_on,expected", [
    ([ANONYMOUS], "error", 0), ([ANONYMOUS], "warning", 1), ([MEDIA], "warning", 0), ([MEDIA], "info", 1)])
def test_exit_code_per_severity_present(here, present, fail_on, expected):
    specs = {ANONYMOUS: claim(ANONYMOUS, sources=(src("des sources proches du dossier", "anonymous"),)),
             MEDIA: claim(MEDIA, sources=(src("Le Monde", "media"),))}
    path = write_report(here / "r.json", report(claims=[specs[c] for c in present]))
    assert check(str(path), "--fail-on", fail_on).exit_code == expected


def test_clean_input_exits_0(here):
    path = write_report(here / "r.json", report(claims=[claim(MEDIA, sources=(src("Le Monde", "media", dated=True),))]))
    result = check(str(path), "--fail-on", "info")
    assert result.exit_code == 0 and result.stdout == "claimcheck: 0 findings (0 error, 0 warning, 0 info) in 1 article\n"


def test_max_unattributed(here):
    path = write_report(here / "r.json", report())
    assert check(str(path), "--max-unattributed", "1").exit_code == 0
    result = check(str(path), "--max-unattributed", "0")
    assert result.exit_code == 1
    assert "1 unattributed claims, more than --max-unattributed 0" in result.stderr


def test_min_confidence(here):
    path = write_report(here / "r.json", report(claims=[claim(UNSOURCED, confidence=0.55)]))
    result = check(str(path), "--min-confidence", "0.6", "--format", "json")
    assert result.exit_code == 0 and codes(result) == ["CC001"]  # reported, not failing
    assert json.loads(result.stdout)["summary"]["below_min_confidence"] == 1
    assert check(str(path), "--min-confidence", "0.5").exit_code == 1
    text = check(str(path), "--min-confidence", "0.6")
    assert text.stdout.splitlines()[-1].endswith("1 below the minimum confidence, not counted for failing")


@pytest.mark.parametrize("args,message", [
    (["--format", "json", "--format", "text"], "--format json and text would all go to stdout"),
    (["--format", "yaml"], "--format yaml: expected one of text, json, sarif, github, junit"),
    (["-o", "x.txt", "--format", "json"], "-o x.txt: put each -o after the --format it is for"),
    (["--format", "json", "-o", "a.json", "-o", "b.json"], "-o b.json: --format json already writes to a.json"),
    (["--fail-on", "critical"], "--fail-on: expected one of error, warning, info, none, got 'critical'"),
    (["--min-confidence", "high"], "--min-confidence: expected a number, got 'high'"),
    (["--min-confidence", "1.5"], "--min-confidence: expected a number between 0 and 1, got 1.5"),
    (["--max-unattributed", "-1"], "--max-unattributed: expected a whole number >= 0, got -1"),
    (["--stdin-filename", "a.md"], "--stdin-filename names standard input: add - to the inputs"),
    (["--published", "3 mars"], "expected YYYY-MM-DD, got '3 mars'"),
])
def test_usage_errors_are_one_line_and_exit_2(here, args, message):
    path = write_report(here / "r.json", report())
    result = check(str(path), *args)
    assert result.exit_code == 2
    assert message in one_line_error(result)


def test_no_input_is_a_usage_error(here):
    result = check()
    assert result.exit_code == 2 and "no input" in one_line_error(result)


def test_o_without_format_is_text_to_that_file(here):
    path = write_report(here / "r.json", report())
    result = check(str(path), "-o", "out.txt")
    assert result.exit_code == 1 and result.stdout == ""
    assert (here / "out.txt").read_text().startswith("articles/a.md:3:1: CC001 error")


def test_a_bad_input_is_reported_and_the_others_still_checked(here):
    good = write_report(here / "good.json", report())
    (here / "broken.json").write_text('{"schema_version": 1, "tool": {}}', encoding="utf-8")
    result = check("missing.md", str(good), "broken.json", "--format", "json", "-o", "out.json")
    assert result.exit_code == 2
    errors = result.stderr.strip().splitlines()
    assert errors[0] == "claimcheck: missing.md: no such file or directory"
    assert errors[1].startswith("claimcheck: broken.json: not a valid claimcheck report")
    assert len(json.loads((here / "out.json").read_text())["findings"]) == 3


def test_unwritable_output_is_exit_2(here):
    path = write_report(here / "r.json", report())
    result = check(str(path), "--format", "sarif", "-o", "no/such/dir/out.sarif")
    assert result.exit_code == 2 and "does not exist" in one_line_error(result)


def test_a_json_that_is_no_report_is_refused(here):
    (here / "data.json").write_text('{"text": "Le chômage a reculé."}', encoding="utf-8")
    result = check("data.json")
    assert result.exit_code == 2 and "not a claimcheck report" in one_line_error(result)


# --- rules and explain ---------------------------------------------------------------------------

def test_rules_table(here):
    result = runner.invoke(app, ["rules"])
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["code", "name", "default", "in", "force", "flags"]
    assert [ln.split()[0] for ln in lines[1:]] == ["CC001", "CC002", "CC003", "CC004", "CC005"]
    assert lines[1].split()[:4] == ["CC001", "unattributed-claim", "error", "error"]


@pytest.mark.parametrize("key", ["CC001", "cc003", "conditional-unsourced"])
def test_explain(key):
    result = runner.invoke(app, ["explain", key])
    assert result.exit_code == 0
    assert result.stdout.startswith("CC00") and "Why:" in result.stdout
    assert "Fails:" in result.stdout and "Passes:" in result.stdout


def test_explain_unknown_rule():
    result = runner.invoke(app, ["explain", "CC999"])
    assert result.exit_code == 2
    assert one_line_error(result) == "claimcheck: unknown rule 'CC999' (see `claimcheck rules`)"


# --- configuration -------------------------------------------------------------------------------

PYPROJECT = """
[project]
name = "redaction"

[tool.claimcheck]
fail-on = "warning"
min-confidence = 0.3
exclude = ["drafts"]

[tool.claimcheck.rules]
CC005 = "off"
anonymous-only = "error"

[tool.claimcheck.gazetteer]
outlets = ["La Gazette du Gers", {name = "La Voix du Gers", aliases = ["Voix du Gers"]}]
institutions = ["Syndicat mixte du Gers"]
"""


@pytest.fixture()
def newsroom(tmp_path, monkeypatch):
    """A repository with [tool.claimcheck] in pyproject.toml; the job runs from a subfolder."""
    repo = tmp_path / "redaction"
    (repo / "articles").mkdir(parents=True)
    (repo / "pyproject.toml").write_text(PYPROJECT, encoding="utf-8")
    monkeypatch.chdir(repo / "articles")
    return repo


def test_configuration_is_found_walking_up(newsroom):
    settings = load_settings()
    assert settings.config_file == newsroom / "pyproject.toml"
    assert settings.fail_on == "warning" and settings.min_confidence == 0.3
    assert settings.rules["CC005"] is None and settings.rules["CC002"].value == "error"
    assert settings.exclude == [ExcludePattern("drafts", newsroom)]
    assert settings.gazetteer() == {
        "gazette du gers": ("La Gazette du Gers", "media"), "voix du gers": ("La Voix du Gers", "media"),
        "syndicat mixte du gers": ("Syndicat mixte du Gers", "organization")}


def test_configuration_applies_to_check(newsroom):
    path = write_report(newsroom / "articles" / "r.json", report())
    result = check(str(path), "--format", "json")
    assert codes(result) == ["CC001", "CC002"]  # CC005 off
    assert [f["severity"] for f in json.loads(result.stdout)["findings"]] == ["error", "error"]
    assert check(str(path), "--fail-on", "none").exit_code == 0  # the command line wins


def test_show_config_says_where_each_setting_comes_from(newsroom):
    result = check("--show-config", "--fail-on", "error", "--exclude", "old/*.md")
    assert result.exit_code == 0, result.output
    out = result.stdout
    cfg = str(newsroom / "pyproject.toml")
    assert f"# configuration file: {cfg}" in out

    def line(start):
        return next(ln for ln in out.splitlines() if ln.startswith(start))

    assert line("fail-on = ").split("#")[-1].strip() == "command line"
    assert line("min-confidence = 0.3").endswith(f"# {cfg}")
    assert line("# max-unattributed = (not set)").endswith("# default")
    assert line('exclude = ["drafts", "old/*.md"]').endswith(f"# {cfg}, command line")
    assert line('CC005 = "off"').endswith(f"# {cfg}")
    assert line('CC001 = "error"').endswith("# default")
    assert line("outlets = ").startswith('outlets = ["La Gazette du Gers", {name = "La Voix du Gers", aliases = ["Voix du Gers"]}]')


def test_dedicated_file_wins_in_the_same_folder(newsroom):
    (newsroom / ".claimcheck.toml").write_text('fail-on = "none"\n', encoding="utf-8")
    settings = load_settings()
    assert settings.config_file == newsroom / ".claimcheck.toml" and settings.fail_on == "none"
    assert settings.rules["CC005"] is not None  # pyproject.toml is not merged in


def test_pyproject_without_the_table_is_passed_over(tmp_path, monkeypatch):
    (tmp_path / ".claimcheck.toml").write_text('fail-on = "info"\n', encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "pyproject.toml").write_text('[project]\nname = "x"\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path / "sub")
    assert load_settings().fail_on == "info"


@pytest.mark.parametrize("content,message", [
    ('fail_on = "warning"\nfial-on = 1\n', "unknown key 'fial-on' in .claimcheck.toml (did you mean 'fail-on'?)"),
    ('fail-on = "loud"\n', "fail-on: expected one of error, warning, info, none, got 'loud'"),
    ('[rules]\nCC042 = "off"\n', "rules: unknown rule 'CC042' (see `claimcheck rules`)"),
    ('[rules]\nCC001 = "fatal"\n', "rules.CC001: expected error, warning, info or off, got 'fatal'"),
    ('exclude = "drafts"\n', "exclude: expected a list of glob patterns"),
    ('[gazetteer]\noutlets = [{nom = "X"}]\n', "gazetteer.outlets[1]: expected a name"),
    ("fail-on = \n", "not valid TOML"),
])
def test_bad_configuration_is_exit_2_naming_file_and_key(tmp_path, monkeypatch, content, message):
    (tmp_path / ".claimcheck.toml").write_text(content, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    write_report(tmp_path / "r.json", report())
    result = check("r.json")
    assert result.exit_code == 2
    line = one_line_error(result)
    assert str(tmp_path / ".claimcheck.toml") in line and message in line


def test_explicit_config_option(here, tmp_path):
    other = tmp_path / "ci.toml"
    other.write_text('[rules]\nCC001 = "off"\nCC002 = "off"\n', encoding="utf-8")
    path = write_report(here / "r.json", report())
    result = check(str(path), "--config", str(other), "--format", "json")
    assert result.exit_code == 0 and codes(result) == ["CC005"]


def test_underscored_keys_are_accepted(tmp_path):
    (tmp_path / ".claimcheck.toml").write_text("max_unattributed = 4\n", encoding="utf-8")
    assert load_settings(tmp_path).max_unattributed == 4


# --- suppressions --------------------------------------------------------------------------------

def test_baseline_reports_only_new_findings(here):
    old = write_report(here / "old.json", report(claims=[claim(UNSOURCED)]))
    new = write_report(here / "new.json", report())
    result = check(str(new), "--baseline", str(old), "--format", "json")
    assert codes(result) == ["CC002", "CC005"]
    assert json.loads(result.stdout)["summary"]["suppressed"]["baseline"] == 1
    assert result.exit_code == 0  # the only error was already there


def test_baseline_keeps_a_finding_new_to_a_known_claim(here):
    # The claim kept its text (same fingerprint) but lost its source: that CC001 is new.
    old = write_report(here / "old.json", report(claims=[claim(MEDIA, sources=(src("Le Monde", "media", dated=True),))]))
    new = write_report(here / "new.json", report(claims=[claim(MEDIA)]))
    assert codes(check(str(new), "--baseline", str(old), "--format", "json")) == ["CC001"]


def test_baseline_from_an_earlier_check_json(here):
    new = write_report(here / "new.json", report())
    previous = check(str(new), "--format", "json", "-o", "previous.json", "--fail-on", "none")
    assert previous.exit_code == 0
    result = check(str(new), "--baseline", "previous.json", "--format", "json")
    assert result.exit_code == 0 and codes(result) == []
    assert json.loads(result.stdout)["summary"]["suppressed"]["baseline"] == 3


def test_missing_baseline_is_exit_2(here):
    path = write_report(here / "r.json", report())
    result = check(str(path), "--baseline", "nope.json")
    assert result.exit_code == 2 and one_line_error(result) == "claimcheck: nope.json: baseline file not found"


def test_allow_list(here):
    path = write_report(here / "r.json", report())
    (here / "allow.toml").write_text(f"""
[[allow]]
fingerprint = "{fingerprint(UNSOURCED)}"
rules = ["CC001"]
reason = "Chiffre vérifié auprès de l'Insee le 3 novembre"

[[allow]]
fingerprint = "{fingerprint(MEDIA)}"
reason = "Article du Monde cité en lien"
""", encoding="utf-8")
    result = check(str(path), "--allow", "allow.toml", "--format", "json")
    assert codes(result) == ["CC002"]
    assert json.loads(result.stdout)["summary"]["suppressed"]["allow-list"] == 2


@pytest.mark.parametrize("content,message", [
    ('[[allow]]\nfingerprint = "c_1"\n', "[[allow]] entry 1: reason missing"),
    ('[[allow]]\nreason = "x"\n', "[[allow]] entry 1: fingerprint missing"),
    ('[[allow]]\nfingerprint = "c_1"\nreason = "x"\nrules = ["CC777"]\n', "unknown rule 'CC777'"),
    ('fingerprint = "c_1"\n', "unknown key 'fingerprint'"),
])
def test_bad_allow_list_is_exit_2(here, content, message):
    path = write_report(here / "r.json", report())
    (here / "allow.toml").write_text(content, encoding="utf-8")
    result = check(str(path), "--allow", "allow.toml")
    assert result.exit_code == 2 and message in one_line_error(result)


def test_inline_ignore_in_markdown_report(here):
    text = ("<!-- claimcheck: ignore CC001 -->\n" + UNSOURCED + "\n\n" + MEDIA + "\n")
    path = write_report(here / "r.json", report(text=text, claims=[
        claim("<!-- claimcheck: ignore CC001 -->"), claim(UNSOURCED), claim(MEDIA, sources=(src("Le Monde", "media"),))]))
    result = check(str(path), "--format", "json")
    assert codes(result) == ["CC005"] and result.exit_code == 0
    assert json.loads(result.stdout)["summary"]["suppressed"]["inline"] == 1


def test_inline_ignore_in_html_source(here):
    raw = ("<html><body><article><h1>Titre</h1>\n"
           "<!-- claimcheck: ignore CC001 -->\n<p>Le chômage a <em>reculé</em> de 2&nbsp;% en France en 2024.</p>\n"
           "<p>La police a interpellé 12 personnes.</p></article></body></html>\n")
    (here / "a.html").write_text(raw, encoding="utf-8")
    text = "Titre\nLe chômage a reculé de 2\u00a0% en France en 2024.\nLa police a interpellé 12 personnes.\n"
    (region,) = html_ignores(raw, text)
    assert text[region.start:region.end] == "Le chômage a reculé de 2\u00a0% en France en 2024."
    path = write_report(here / "r.json", report(path=str(here / "a.html"), text=text, claims=[
        claim("Le chômage a reculé de 2\u00a0% en France en 2024."), claim("La police a interpellé 12 personnes.")]))
    result = check(str(path), "--format", "json")
    findings = json.loads(result.stdout)["findings"]
    assert [(f["code"], f["line"], f["path"]) for f in findings] == [("CC001", 3, "a.html")]


# --- file discovery ------------------------------------------------------------------------------

@pytest.mark.parametrize("pattern,path,is_dir,expected", [
    ("drafts", "drafts", True, True), ("drafts", "a/drafts", True, True), ("drafts/", "drafts", False, False),
    ("*.md", "a/b/c.md", False, True), ("/a.md", "a.md", False, True), ("/a.md", "x/a.md", False, False),
    ("articles/*.md", "articles/x.md", False, True), ("articles/*.md", "articles/2024/x.md", False, False),
    ("articles/**/*.md", "articles/2024/x.md", False, True), ("articles/**/*.md", "articles/x.md", False, True),
    ("**/old", "a/b/old", True, True), ("brouillon-[0-9].md", "brouillon-3.md", False, True),
    ("brouillon-[!0-9].md", "brouillon-3.md", False, False), ("été/*.md", "été/a.md", False, True),
])
def test_gitignore_style_patterns(pattern, path, is_dir, expected):
    assert pattern_matches(pattern, path, is_dir) is expected


def test_exclude_matches_a_file_or_one_of_its_folders(tmp_path):
    pats = [ExcludePattern("archive", tmp_path), ExcludePattern("drafts/*.json", tmp_path)]
    assert is_excluded(tmp_path / "a" / "archive" / "x.json", pats)
    assert is_excluded(tmp_path / "drafts" / "x.json", pats)
    assert not is_excluded(tmp_path / "drafts" / "sub" / "x.json", pats)
    assert not is_excluded(tmp_path / "archives" / "x.json", pats)


def _tree(root: Path) -> None:
    write_report(root / "news" / "a.json", report(path="news/a.md", ident="a"))
    write_report(root / "news" / "drafts" / "b.json", report(path="news/drafts/b.md", ident="b"))
    write_report(root / "news" / "keep.json", report(path="news/keep.md", ident="keep"))
    write_report(root / "news" / "old" / "c.json", report(path="news/old/c.md", ident="c"))
    (root / "news" / "notes.csv").write_text("x\n", encoding="utf-8")
    (root / "news" / ".gitignore").write_text("drafts/\n*.json\n!a.json\n!keep.json\n!old/\n", encoding="utf-8")


def _checked(result) -> list[str]:
    return [a["article"] for a in json.loads(result.stdout)["articles"]]


def test_gitignore_outside_git_by_the_small_parser(here):
    _tree(here)
    parser = GitignoreFiles(here / "news")
    assert parser.ignored(here / "news" / "drafts" / "b.json")
    assert not parser.ignored(here / "news" / "a.json")
    assert parser.ignored(here / "news" / "old" / "c.json")  # *.json matches; old/ re-included, not c.json
    result = check("news", "--format", "json", "--fail-on", "none")
    assert result.exit_code == 0, result.output
    assert _checked(result) == ["a", "keep"]


def test_gitignore_inside_git_asks_git(here):
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    _tree(here)
    subprocess.run(["git", "init", "-q"], cwd=here, check=True)
    result = check("news", "--format", "json", "--fail-on", "none")
    assert _checked(result) == ["a", "keep"]
    # A tracked file is never ignored by git, whatever .gitignore says: git decides, not our parser.
    subprocess.run(["git", "add", "-f", "news/drafts/b.json"], cwd=here, check=True)
    result = check("news", "--format", "json", "--fail-on", "none")
    assert _checked(result) == ["a", "b", "keep"]


def test_exclude_option_and_globs(here):
    _tree(here)
    (here / "news" / ".gitignore").unlink()
    result = check("news", "--exclude", "drafts", "--exclude", "news/old/*", "--format", "json", "--fail-on", "none")
    assert _checked(result) == ["a", "keep"]
    result = check("news/**/*.json", "--exclude", "keep.json", "--format", "json", "--fail-on", "none")
    assert _checked(result) == ["a", "b", "c"]
    # An explicitly named file is still excluded: CI jobs pass changed files one by one.
    result = check("news/drafts/b.json", "news/a.json", "--exclude", "drafts", "--format", "json", "--fail-on", "none")
    assert _checked(result) == ["a"]


def test_everything_excluded_is_not_an_error(here):
    _tree(here)
    result = check("news", "--exclude", "news", "--fail-on", "info")
    assert result.exit_code == 0
    assert "nothing to check" in one_line_error(result)


def test_empty_directory_is_an_error(here):
    (here / "empty").mkdir()
    result = check("empty")
    assert result.exit_code == 2 and "no article or report files" in one_line_error(result)


def test_duplicates_are_checked_once(here):
    _tree(here)
    items = list(expand(["news/a.json", "news", "news/a.json"], []))
    assert [i.path for i in items].count("news/a.json") == 1


def test_report_on_stdin(here):
    result = check("-", "--format", "json", input=report().to_json())
    assert result.exit_code == 1
    assert {f["path"] for f in json.loads(result.stdout)["findings"]} == {"articles/a.md"}


def test_report_lines_on_stdin_with_a_filename(here):
    lines = report(path=None, ident="x").to_json(indent=None) + "\n" + report(path=None, ident="y").to_json(indent=None)
    result = check("-", "--stdin-filename", "articles/flux.md", "--format", "json", input=lines)
    assert {(f["path"], f["article"]) for f in json.loads(result.stdout)["findings"]} == {
        ("articles/flux.md", "x"), ("articles/flux.md", "y")}


def test_stdin_filename_is_excluded_like_a_file(here):
    result = check("-", "--stdin-filename", "drafts/a.md", "--exclude", "drafts", input=report().to_json())
    assert result.exit_code == 0 and "nothing to check" in result.stderr


# --- end to end, as a CI job calls it (loads the model) --------------------------------------------

CLEAN = """# Emploi : les chiffres de 2024

Selon l'Insee, le chômage a reculé de 2 % en France en 2024.

« Nous avons créé 150 000 emplois cette année », a déclaré la ministre du Travail, Catherine Vautrin, le 3 novembre.
"""
UNSOURCED_ARTICLE = """# Marseille : le suspect en fuite

Le suspect aurait quitté Marseille le 3 mars avec 20 000 euros.

Selon des sources proches du dossier, le ministre Jean Dupont a démissionné le 3 mars.

<!-- claimcheck: ignore CC001 -->
La police a interpellé 12 personnes à Lyon le 4 mars.

Selon La Gazette du Gers, le maire d'Auch a démissionné le 5 mars.
"""


def _cli(*args, cwd, env=None):
    return subprocess.run([sys.executable, "-m", "claimcheck", *args], capture_output=True, text=True, cwd=cwd,
                          timeout=600, env=env)


@pytest.fixture()
def git_repo(tmp_path):
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    repo = tmp_path / "redaction"
    (repo / "articles").mkdir(parents=True)
    (repo / "articles" / "propre.md").write_text(CLEAN, encoding="utf-8")
    (repo / "articles" / "sans-source.md").write_text(UNSOURCED_ARTICLE, encoding="utf-8")
    (repo / "brouillons").mkdir()
    (repo / "brouillons" / "idee.md").write_text("Le président aurait démissionné hier soir.\n", encoding="utf-8")
    (repo / ".gitignore").write_text("brouillons/\n", encoding="utf-8")
    (repo / ".claimcheck.toml").write_text('[gazetteer]\noutlets = ["La Gazette du Gers"]\n', encoding="utf-8")
    subprocess.run(["git", "init", "-q"], cwd=repo, check=True)
    return repo


@pytest.mark.model
def test_ci_job_on_a_git_repository(git_repo):
    out = _cli("check", ".", "--format", "github", "--format", "sarif", "-o", "claimcheck.sarif",
               "--format", "junit", "-o", "claimcheck.xml", "--format", "json", "-o", "claimcheck.json", cwd=git_repo)
    assert out.returncode == 1, out.stderr
    assert out.stderr == "claimcheck: failing: 1 finding(s) at or above error\n"
    data = json.loads((git_repo / "claimcheck.json").read_text())
    assert [a["path"] for a in data["articles"]] == ["articles/propre.md", "articles/sans-source.md"]
    found = [(f["path"], f["line"], f["code"]) for f in data["findings"]]
    assert found == [("articles/sans-source.md", 3, "CC001"), ("articles/sans-source.md", 3, "CC004"),
                     ("articles/sans-source.md", 5, "CC002"), ("articles/sans-source.md", 10, "CC005")]
    assert data["summary"]["suppressed"]["inline"] == 1  # the comment before line 8
    lines = out.stdout.splitlines()
    assert lines[0].startswith("::error file=articles/sans-source.md,line=3,col=1,")
    assert lines[-1].startswith("::notice file=articles/sans-source.md,line=10,col=7,endLine=10,endColumn=25,"
                                "title=CC005 undated-media-source::outlet La Gazette du Gers cited with no date")
    sarif = json.loads((git_repo / "claimcheck.sarif").read_text())
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in sarif["runs"][0]["results"]}
    assert uris == {"articles/sans-source.md"}
    assert "brouillons" not in (git_repo / "claimcheck.xml").read_text()
    # The same job with the baseline of its own run fails on nothing.
    again = _cli("check", "articles", "--baseline", "claimcheck.json", "--fail-on", "info", cwd=git_repo)
    assert again.returncode == 0, again.stdout + again.stderr


@pytest.mark.model
def test_article_on_stdin_with_its_filename(git_repo):
    out = subprocess.run([sys.executable, "-m", "claimcheck", "check", "-", "--stdin-filename",
                          "articles/sans-source.md", "--format", "json"], input=UNSOURCED_ARTICLE,
                         capture_output=True, text=True, cwd=git_repo, timeout=600)
    assert out.returncode == 1, out.stderr
    data = json.loads(out.stdout)
    assert {f["path"] for f in data["findings"]} == {"articles/sans-source.md"}
    assert data["summary"]["suppressed"]["inline"] == 1


@pytest.mark.model
def test_corpus_from_a_temporary_git_repository(tmp_path):
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    repo = tmp_path / "corpus-repo"
    (repo / "corpus").mkdir(parents=True)
    for article in sorted((ROOT / "corpus").glob("*.txt")):
        shutil.copy(article, repo / "corpus" / article.name)
    subprocess.run(["git", "init", "-q"], cwd=repo, check=True)
    out = _cli("check", "corpus", "--format", "json", "-o", "findings.json", "--format", "text", cwd=repo)
    assert out.returncode == 1, out.stderr
    data = json.loads((repo / "findings.json").read_text())
    assert data["summary"]["articles"] == 5
    assert data["summary"]["by_severity"]["error"] > 0
    assert all(f["path"].startswith("corpus/") and f["line"] >= 1 for f in data["findings"])
    assert out.stdout.splitlines()[-1].startswith(f"claimcheck: {len(data['findings'])} findings")
    relaxed = _cli("check", "corpus", "--fail-on", "none", "--format", "sarif", "-o", "out.sarif", cwd=repo)
    assert relaxed.returncode == 0 and relaxed.stdout == ""


def test_the_same_article_twice_is_checked_once(here):
    write_report(here / "r.json", report())
    write_report(here / "copie" / "r.json", report())
    result = check("r.json", "copie", "--format", "json")
    assert json.loads(result.stdout)["summary"] == {**json.loads(result.stdout)["summary"], "articles": 1, "findings": 3}


def test_text_colour_needs_a_terminal_and_no_no_color(monkeypatch):
    from claimcheck.commands.check import renderers
    from test_check_formats import sample_result

    text = renderers()["text"]
    monkeypatch.delenv("NO_COLOR", raising=False)
    assert "\x1b[" in text(sample_result(), Settings(), True)
    assert "\x1b[" not in text(sample_result(), Settings(), False)
    monkeypatch.setenv("NO_COLOR", "1")
    assert "\x1b[" not in text(sample_result(), Settings(), True)
