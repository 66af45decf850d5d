"""Output formats of `claimcheck check`: text, json, sarif, github, junit.

SARIF is validated against the required structure of the SARIF 2.1.0 schema
encoded below (the parts claimcheck writes); GitHub workflow commands are
checked for their escaping and for GitHub's 10-per-level cap. Every format is
run to stdout and to a file through the CLI, on a report (no spaCy).
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET

import pytest
from typer.testing import CliRunner

from claimcheck.check import CheckResult, Settings, Suppressions, check_report
from claimcheck.cli import app
from claimcheck.render.findings_json import render_findings_json
from claimcheck.render.findings_text import render_text
from claimcheck.render.github import escape_data, escape_property, render_github
from claimcheck.render.junit import render_junit
from claimcheck.render.sarif import artifact_uri, render_sarif

from test_check_rules import claim, make_report, src

runner = CliRunner()

TEXT = ("# Titre\n\n"
        "😀 Selon Le Monde, le contrat de 3 milliards d'euros a été signé.\n\n"
        "Le suspect aurait quitté Marseille le 3 mars avec 20 000 euros.\n\n"
        "Selon tous les rapports, l'armée a perdu 300 chars en 2024.\n")


def sample_report(path="articles/a.md", ident="a"):
    return make_report(TEXT, [
        claim("Selon Le Monde, le contrat de 3 milliards d'euros a été signé.", sources=(src("Le Monde", "media"),)),
        claim("Le suspect aurait quitté Marseille le 3 mars avec 20 000 euros.", checkworthy=False),
        claim("Selon tous les rapports, l'armée a perdu 300 chars en 2024.", sources=(src("tous les rapports", "vague"),)),
    ], path=path, ident=ident)


def sample_result(*reports) -> CheckResult:
    result = CheckResult()
    for report in reports or (sample_report(),):
        check_report(report, report.article.path, Settings(), Suppressions(), result)
    result.sort()
    return result


# --- SARIF 2.1.0: the schema's required structure, for the objects claimcheck writes --------

MESSAGE = {"type": "object", "anyOf": [{"required": ["text"]}, {"required": ["id"]}],
           "properties": {"text": {"type": "string"}, "id": {"type": "string"}}}
MULTIFORMAT = {"type": "object", "required": ["text"],
               "properties": {"text": {"type": "string"}, "markdown": {"type": "string"}}}
LEVEL = {"enum": ["none", "note", "warning", "error"]}
REGION = {"type": "object", "properties": {
    "startLine": {"type": "integer", "minimum": 1}, "startColumn": {"type": "integer", "minimum": 1},
    "endLine": {"type": "integer", "minimum": 1}, "endColumn": {"type": "integer", "minimum": 1},
    "snippet": {"type": "object", "properties": {"text": {"type": "string"}}}}}
PHYSICAL_LOCATION = {"type": "object", "anyOf": [{"required": ["address"]}, {"required": ["artifactLocation"]}],
                     "properties": {"artifactLocation": {"type": "object", "properties": {
                         "uri": {"type": "string"}, "uriBaseId": {"type": "string"}}},
                         "region": REGION}}
RESULT = {"type": "object", "required": ["message"], "properties": {
    "ruleId": {"type": "string"}, "ruleIndex": {"type": "integer", "minimum": -1}, "level": LEVEL,
    "message": MESSAGE,
    "locations": {"type": "array", "items": {"type": "object", "properties": {"physicalLocation": PHYSICAL_LOCATION}}},
    "partialFingerprints": {"type": "object", "additionalProperties": {"type": "string"}},
    "properties": {"type": "object"}}}
REPORTING_DESCRIPTOR = {"type": "object", "required": ["id"], "properties": {
    "id": {"type": "string"}, "name": {"type": "string"}, "shortDescription": MULTIFORMAT,
    "fullDescription": MULTIFORMAT, "help": MULTIFORMAT,
    "defaultConfiguration": {"type": "object", "properties": {"level": LEVEL, "enabled": {"type": "boolean"}}}}}
SARIF_2_1_0 = {"type": "object", "required": ["version", "runs"], "properties": {
    "$schema": {"type": "string"}, "version": {"enum": ["2.1.0"]},
    "runs": {"type": "array", "items": {"type": "object", "required": ["tool"], "properties": {
        "tool": {"type": "object", "required": ["driver"], "properties": {"driver": {
            "type": "object", "required": ["name"], "properties": {
                "name": {"type": "string"}, "version": {"type": "string"}, "semanticVersion": {"type": "string"},
                "informationUri": {"type": "string"},
                "rules": {"type": "array", "items": REPORTING_DESCRIPTOR}}}}},
        "columnKind": {"enum": ["utf16CodeUnits", "unicodeCodePoints"]},
        "results": {"type": "array", "items": RESULT}}}}}}

_TYPES = {"object": dict, "array": list, "string": str, "boolean": bool}


def schema_errors(value, schema, where="$") -> list[str]:
    """The subset of JSON Schema the encoding above uses: type, required, anyOf, enum, minimum, items."""
    errors = []
    kind = schema.get("type")
    if kind == "integer":
        if not isinstance(value, int) or isinstance(value, bool):
            return [f"{where}: expected integer"]
    elif kind and not isinstance(value, _TYPES[kind]):
        return [f"{where}: expected {kind}"]
    if "enum" in schema and value not in schema["enum"]:
        errors.append(f"{where}: {value!r} not in {schema['enum']}")
    if "minimum" in schema and value < schema["minimum"]:
        errors.append(f"{where}: {value} < {schema['minimum']}")
    for key in schema.get("required", []):
        if key not in value:
            errors.append(f"{where}: missing {key}")
    if "anyOf" in schema and not any(all(k in value for k in alt["required"]) for alt in schema["anyOf"]):
        errors.append(f"{where}: none of {schema['anyOf']}")
    for key, sub in schema.get("properties", {}).items():
        if isinstance(value, dict) and key in value:
            errors += schema_errors(value[key], sub, f"{where}.{key}")
    if "additionalProperties" in schema and isinstance(value, dict):
        for key, item in value.items():
            errors += schema_errors(item, schema["additionalProperties"], f"{where}.{key}")
    if "items" in schema and isinstance(value, list):
        for i, item in enumerate(value):
            errors += schema_errors(item, schema["items"], f"{where}[{i}]")
    return errors


def test_the_validator_can_fail():
    assert schema_errors({"version": "2.0.0", "runs": [{}]}, SARIF_2_1_0) == [
        "$.version: '2.0.0' not in ['2.1.0']", "$.runs[0]: missing tool"]
    bad_region = {"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x"}}, "results": [
        {"message": {}, "locations": [{"physicalLocation": {"region": {"startColumn": 0}}}]}]}]}
    assert len(schema_errors(bad_region, SARIF_2_1_0)) == 3


def _keys(obj):
    if isinstance(obj, dict):
        for k, v in obj.items():
            yield k
            yield from _keys(v)
    elif isinstance(obj, list):
        for v in obj:
            yield from _keys(v)


def test_sarif_is_valid_2_1_0():
    log = json.loads(render_sarif(sample_result()))
    assert schema_errors(log, SARIF_2_1_0) == []
    assert log["$schema"].endswith("sarif-schema-2.1.0.json") and log["version"] == "2.1.0"
    run = log["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == ["CC001", "CC002", "CC003", "CC004", "CC005"]
    for rule in rules:
        assert rule["help"]["text"] and rule["help"]["markdown"].startswith(f"**{rule['id']}")
        assert "Fails" in rule["help"]["text"] and "Passes" in rule["help"]["text"]
    assert {r["id"]: r["defaultConfiguration"]["level"] for r in rules} == {
        "CC001": "error", "CC002": "warning", "CC003": "warning", "CC004": "warning", "CC005": "note"}
    results = run["results"]
    assert [r["ruleId"] for r in results] == ["CC005", "CC004", "CC003"]
    for r in results:
        assert rules[r["ruleIndex"]]["id"] == r["ruleId"]
        loc = r["locations"][0]["physicalLocation"]
        assert loc["artifactLocation"]["uri"] == "articles/a.md"
        region = loc["region"]
        assert region["endLine"] >= region["startLine"]
        assert region["endLine"] > region["startLine"] or region["endColumn"] > region["startColumn"]
        assert set(r["partialFingerprints"]) == {"claimFingerprint/v1"}
        assert r["partialFingerprints"]["claimFingerprint/v1"].startswith("c_")
    assert not [k for k in _keys(log) if re.search(r"time|Utc|date", k, re.IGNORECASE)]


def test_sarif_columns_are_utf16_code_units():
    result = sample_result()
    monde = next(f for f in result.findings if f.code == "CC005")
    # "😀 Selon " is 8 code points but 9 UTF-16 code units: the emoji is a surrogate pair.
    assert (monde.line, monde.column, monde.end_column) == (3, 9, 17)
    region = json.loads(render_sarif(result))["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]
    assert region == {"startLine": 3, "startColumn": 10, "endLine": 3, "endColumn": 18, "snippet": {"text": "Le Monde"}}
    assert json.loads(render_sarif(result))["runs"][0]["columnKind"] == "utf16CodeUnits"


def test_sarif_fingerprints_are_stable_across_runs_and_moves():
    moved = sample_report()
    moved_text = "Un nouveau chapeau.\n\n" + TEXT
    again = make_report(moved_text, [
        claim("Selon Le Monde, le contrat de 3 milliards d'euros a été signé.", sources=(src("Le Monde", "media"),))])
    a = json.loads(render_sarif(sample_result(moved)))["runs"][0]["results"][0]
    b = json.loads(render_sarif(sample_result(again)))["runs"][0]["results"][0]
    assert a["partialFingerprints"] == b["partialFingerprints"]
    assert a["locations"][0]["physicalLocation"]["region"]["startLine"] != \
        b["locations"][0]["physicalLocation"]["region"]["startLine"]
    assert render_sarif(sample_result()) == render_sarif(sample_result())


def test_sarif_rules_switched_off_are_marked():
    levels = dict(Settings().rules, CC005=None)
    rules = json.loads(render_sarif(sample_result(), levels))["runs"][0]["tool"]["driver"]["rules"]
    assert rules[4]["defaultConfiguration"] == {"level": "note", "enabled": False}


@pytest.mark.parametrize("path,uri", [
    ("articles/a.md", "articles/a.md"), ("articles\\b.md", "articles/b.md"),
    ("dossiers/été 2025/a.md", "dossiers/%C3%A9t%C3%A9%202025/a.md"), ("/srv/news/a.md", "file:///srv/news/a.md"),
])
def test_sarif_uris(path, uri):
    assert artifact_uri(path) == uri


# --- GitHub workflow commands ----------------------------------------------------------------

def test_github_escaping():
    assert escape_data("50 %\r\nsuite") == "50 %25%0D%0Asuite"
    assert escape_property("a: b, c%\n") == "a%3A b%2C c%25%0A"


def test_github_command_escapes_path_title_and_message():
    text = "Le chômage a reculé de 2 % en 2024 :\nla baisse est nette.\n"
    report = make_report(text, [claim("Le chômage a reculé de 2 % en 2024 :\nla baisse est nette.")],
                         path="dossiers/a,b:c.md")
    (line,) = render_github(sample_result(report)).splitlines()
    assert line == ("::error file=dossiers/a%2Cb%3Ac.md,line=1,col=1,endLine=2,endColumn=21,"
                    "title=CC001 unattributed-claim::unattributed check-worthy claim: no source says so: "
                    "« Le chômage a reculé de 2 %25 en 2024 :%0Ala baisse est nette. »")


def _many(errors: int, infos: int) -> CheckResult:
    lines = [f"La police a interpellé {n} personnes à Lyon." for n in range(errors)]
    lines += [f"Selon Le Monde, {n} trains ont été supprimés." for n in range(infos)]
    text = "\n".join(lines) + "\n"
    specs = [claim(ln) for ln in lines[:errors]] + [claim(ln, sources=(src("Le Monde", "media"),)) for ln in lines[errors:]]
    return sample_result(make_report(text, specs))


def test_github_caps_each_level_and_says_how_many_were_left_out():
    out = render_github(_many(25, 12)).splitlines()
    assert sum(ln.startswith("::error ") for ln in out) == 10
    notices = [ln for ln in out if ln.startswith("::notice ")]
    assert len(notices) == 10  # 9 findings and the closing notice: GitHub shows 10 per level
    assert out[-1] == ("::notice title=claimcheck::18 more finding(s) not annotated (15 error, 0 warning, 3 info): "
                       "GitHub shows 10 per level per step; they are listed in this log above")
    plain = [ln for ln in out if not ln.startswith("::")]
    assert out[19].startswith("::stop-commands::claimcheck-") and out[-2] == out[19].replace("stop-commands::", "") + "::"
    assert len(plain) == 18 and all(re.match(r"articles/a\.md:\d+:\d+: CC00[15] ", ln) for ln in plain)


def test_github_overflow_lines_cannot_inject_commands():
    """A file named "::warning::x.txt", or a \r in the message: the plain lines past the cap
    sit between ::stop-commands:: and its token, with no line break left in them (issue 17)."""
    lines = [f"La police a interpellé {n} personnes à Lyon." for n in range(12)]
    report = make_report("\n".join(lines) + "\n", [claim(ln) for ln in lines], path="::warning::x\r::error::y.txt")
    out = render_github(sample_result(report)).splitlines()
    start = next(i for i, ln in enumerate(out) if ln.startswith("::stop-commands::"))
    token = out[start].removeprefix("::stop-commands::")
    end = out.index(f"::{token}::")
    assert end - start - 1 == 2 and token.startswith("claimcheck-")
    assert all("\r" not in ln for ln in out)
    assert all(token not in ln for ln in out[start + 1:end])
    assert render_github(sample_result(report)) == render_github(sample_result(report))


def test_github_without_overflow_has_no_closing_notice():
    out = render_github(_many(3, 10)).splitlines()
    assert len(out) == 13 and all(ln.startswith(("::error ", "::notice file=")) for ln in out)


def test_github_limit_is_configurable():
    out = render_github(_many(4, 0), limit=2).splitlines()
    assert sum(ln.startswith("::error ") for ln in out) == 2
    assert out[-1].startswith("::notice title=claimcheck::2 more finding(s)")


# --- JUnit -------------------------------------------------------------------------------------

def test_junit_suite_per_file_case_per_finding():
    clean = make_report("Selon l'Insee, le chômage a reculé.\n", [
        claim("Selon l'Insee, le chômage a reculé.", sources=(src("l'Insee", "organization"),))],
        path="articles/propre.md", ident="propre")
    root = ET.fromstring(render_junit(sample_result(sample_report(), clean)))
    assert root.tag == "testsuites" and root.get("tests") == "4" and root.get("failures") == "2"
    suites = {s.get("name"): s for s in root.findall("testsuite")}
    assert set(suites) == {"articles/a.md", "articles/propre.md"}
    a = suites["articles/a.md"]
    assert (a.get("tests"), a.get("failures")) == ("3", "2")
    cases = a.findall("testcase")
    failures = [c.find("failure") for c in cases if c.find("failure") is not None]
    assert sorted(f.get("type") for f in failures) == ["CC003 warning", "CC004 warning"]
    info = next(c for c in cases if c.get("name").startswith("CC005"))
    assert info.find("failure") is None and "Le Monde" in info.find("system-out").text
    assert all(c.get("line") and c.get("file") == "articles/a.md" for c in cases)
    (only,) = suites["articles/propre.md"].findall("testcase")
    assert only.get("name") == "no findings" and only.find("failure") is None


def test_junit_survives_control_characters():
    text = "Le chômage a reculé de 2 %\x0b en 2024.\n"
    report = make_report(text, [claim("Le chômage a reculé de 2 %\x0b en 2024.")])
    ET.fromstring(render_junit(sample_result(report)))


# --- text and JSON -----------------------------------------------------------------------------

def test_text_lines_and_carets():
    out = render_text(sample_result()).splitlines()
    assert out[0] == "articles/a.md:3:9: CC005 info outlet Le Monde cited with no date"
    assert out[1] == "    Selon Le Monde, le contrat de 3 milliards d'euros a été signé."
    assert out[2] == "    " + " " * 6 + "^" * 8
    assert out[3] == "articles/a.md:5:12: CC004 warning conditional « aurait » with no named source"
    assert out[5] == "    " + " " * 11 + "^" * 6
    assert out[-1] == "claimcheck: 3 findings (0 error, 2 warning, 1 info) in 1 article"
    assert "\x1b[" not in "\n".join(out)


def test_text_carets_count_terminal_columns():
    text = "😀 Selon Le Monde, le contrat a été signé.\n"
    report = make_report(text, [claim(text.strip(), sources=(src("Le Monde", "media"),))])
    out = render_text(sample_result(report)).splitlines()
    # The emoji takes two terminal columns: the carets sit under "Le Monde" on screen.
    assert out[1] == "    😀 Selon Le Monde, le contrat a été signé."
    assert out[2] == "    " + " " * 9 + "^" * 8  # 8 characters before, 9 columns


def test_text_colour_only_when_asked():
    coloured = render_text(sample_result(), colour=True)
    assert "\x1b[1;36mCC005 info\x1b[0m" in coloured
    assert re.sub(r"\x1b\[[0-9;]*m", "", coloured) == render_text(sample_result())


def test_text_long_claims_are_windowed():
    long_claim = "Selon Le Monde, " + "le contrat a été signé et " * 20 + "le suspect aurait fui."
    report = make_report(long_claim + "\n", [claim(long_claim, checkworthy=False)])
    out = render_text(sample_result(report)).splitlines()
    shown, carets = out[1], out[2]
    assert shown.startswith("    …") and len(shown) < 200
    assert shown[carets.index("^"):carets.index("^") + 6] == "aurait"


def test_json_findings():
    data = json.loads(render_findings_json(sample_result()))
    assert data["format"] == "claimcheck-findings" and data["version"] == 1
    assert data["summary"] == {"articles": 1, "findings": 3, "by_severity": {"error": 0, "warning": 2, "info": 1},
                               "suppressed": {"baseline": 0, "allow-list": 0, "inline": 0},
                               "below_min_confidence": 0}
    first = data["findings"][0]
    assert set(first) == {"path", "article", "line", "column", "end_line", "end_column", "code", "rule",
                          "severity", "message", "claim", "fingerprint", "confidence", "span", "claim_span"}
    assert (first["code"], first["path"], first["line"], first["column"]) == ("CC005", "articles/a.md", 3, 9)
    assert TEXT[first["span"][0]:first["span"][1]] == "Le Monde"
    assert data["articles"] == [{"path": "articles/a.md", "article": "a", "findings": 3}]


# --- the format matrix through the CLI: every format, to stdout and to a file -------------------

@pytest.fixture()
def report_file(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "articles").mkdir()
    path = tmp_path / "a.report.json"
    path.write_text(sample_report().to_json(), encoding="utf-8")
    return path


CHECKS = {
    "text": lambda out: out.startswith("articles/a.md:3:9: CC005 info"),
    "json": lambda out: json.loads(out)["summary"]["findings"] == 3,
    "sarif": lambda out: schema_errors(json.loads(out), SARIF_2_1_0) == [] and len(json.loads(out)["runs"][0]["results"]) == 3,
    "github": lambda out: out.splitlines()[0].startswith("::notice file=articles/a.md,line=3,col=9,"),
    "junit": lambda out: ET.fromstring(out).get("tests") == "3",
}


@pytest.mark.parametrize("fmt", sorted(CHECKS))
def test_format_matrix(fmt, report_file, tmp_path):
    to_stdout = runner.invoke(app, ["check", str(report_file), "--format", fmt, "--fail-on", "none"])
    assert to_stdout.exit_code == 0, to_stdout.output
    assert CHECKS[fmt](to_stdout.stdout), to_stdout.stdout
    target = tmp_path / f"out.{fmt}"
    to_file = runner.invoke(app, ["check", str(report_file), "--format", fmt, "-o", str(target), "--fail-on", "none"])
    assert to_file.exit_code == 0, to_file.output
    assert to_file.stdout == ""
    assert target.read_text(encoding="utf-8") == to_stdout.stdout


def test_several_formats_in_one_run(report_file, tmp_path):
    result = runner.invoke(app, ["check", str(report_file), "--format", "sarif", "-o", "out.sarif",
                                 "--format", "text", "--format", "junit", "-o", "out.xml", "--fail-on", "none"])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("articles/a.md:3:9: CC005")
    assert schema_errors(json.loads((tmp_path / "out.sarif").read_text()), SARIF_2_1_0) == []
    assert ET.parse(tmp_path / "out.xml").getroot().get("tests") == "3"
