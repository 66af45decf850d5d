"""The evaluation's counting rules, on a small hand-made gold."""

from __future__ import annotations

import json

import pytest

from claimcheck.errors import InputError
from claimcheck.evaluate import Gold, below, overall, parse_fail_under, score_article

TEXT = ("Selon CNN du 31 octobre, le Pentagone a approuvé le transfert de 50 missiles. "
        "Une explosion a détruit la raffinerie MOL le 20 octobre 2025. Je comprends le timing.")


@pytest.mark.model
def test_counts(analyze, tmp_path):
    report = analyze(TEXT, "2025-11-03")
    gold = Gold(tmp_path / "g.json", "a.txt", "2025-11-03", [
        {"anchor": "le Pentagone a approuvé le transfert", "attributed": True,
         "sources": [{"name": "CNN", "type": "media", "role": "origin", "dates": [["2025-10-31", "2025-10-31"]]}]},
        {"anchor": "Une explosion a détruit la raffinerie MOL", "attributed": False},
        {"anchor": "Je comprends le timing", "attributed": False, "claim": False},
    ])
    scores = score_article(gold, report).scores
    assert (scores["attribution"].tp, scores["attribution"].fp, scores["attribution"].fn) == (1, 0, 0)
    assert (scores["sources"].tp, scores["sources"].fn) == (1, 0)
    assert (scores["dates"].tp, scores["dates"].fp, scores["dates"].fn) == (1, 0, 0)
    assert (scores["unattributed"].tp, scores["unattributed"].fn) == (1, 0)
    total = overall([score_article(gold, report)])
    assert below(total, {"attribution": 0.9}) == []
    assert below(total, {"attribution": 1.01})


def test_fail_under_parsing():
    assert parse_fail_under("attribution=0.9,sources=0.85") == {"attribution": 0.9, "sources": 0.85}
    with pytest.raises(InputError):
        parse_fail_under("nonsense=1")
    with pytest.raises(InputError):
        parse_fail_under("attribution=high")


@pytest.mark.model
def test_the_table_marks_what_has_nothing_to_score(tmp_path):
    """An article whose gold and output hold no source date shows "-" for dates, not a
    score of 0.00 that would read as a miss."""
    from typer.testing import CliRunner

    from claimcheck.cli import app

    (tmp_path / "a.txt").write_text("Le ministre a déclaré que le pont serait rouvert.", encoding="utf-8")
    (tmp_path / "gold").mkdir()
    (tmp_path / "gold" / "a.json").write_text(json.dumps({"article": "a.txt", "published": "2025-11-03", "claims": [
        {"anchor": "le pont serait rouvert", "attributed": True,
         "sources": [{"name": "le ministre", "type": "person", "role": "origin", "dates": []}]}]}), encoding="utf-8")
    result = CliRunner().invoke(app, ["eval", str(tmp_path / "gold"), "--articles"], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    row = next(line for line in result.output.splitlines() if "a.txt" in line)
    cells = [c.strip() for c in row.strip("│ ").split("│")]
    assert cells[2] == "1.00 / 1.00 / 1.00"  # attribution was scored
    assert cells[4] == "-"  # dates: nothing on either side


# --- errors by kind (issue 14) ------------------------------------------------------------

ERRORS_TEXT = ("Selon CNN du 31 octobre, le Pentagone a approuvé le transfert de 50 missiles. "
               "Le ministre Jean Dupont a déclaré que le pont serait rouvert en mai. "
               "Une explosion a détruit la raffinerie MOL le 20 octobre 2025. "
               "Le gouvernement a démissionné hier soir à Paris.")


@pytest.fixture(scope="module")
def errors_report(nlp):
    from claimcheck.extract import analyze_text
    from datetime import date

    return analyze_text(ERRORS_TEXT, date(2025, 11, 3), nlp=nlp)


def _kinds(result):
    return sorted(e.kind for e in result.errors)


@pytest.mark.model
def test_errors_name_each_miss_with_gold_prediction_and_context(errors_report, tmp_path):
    """A gold that disagrees with the report in every way the issue names: each
    disagreement is one error of its kind, with both values and the text around it."""
    gold = Gold(tmp_path / "g.json", "a.txt", "2025-11-03", [
        # the report attributes this to CNN dated 31 octobre: gold wants Reuters too, a
        # person type and another date -> missing source, wrong type, wrong date
        {"anchor": "le Pentagone a approuvé le transfert", "attributed": True,
         "sources": [{"name": "CNN", "type": "person", "role": "origin", "dates": [["2025-10-30", "2025-10-30"]]},
                     {"name": "Reuters", "type": "media", "role": "relay", "dates": []}]},
        # gold says unattributed: the report's attribution is a false one
        {"anchor": "le pont serait rouvert en mai", "attributed": False},
        # gold says attributed: the report flags it -> a missed attribution and a false flag
        {"anchor": "Une explosion a détruit la raffinerie MOL", "attributed": True,
         "sources": [{"name": "AFP", "type": "media", "role": "origin", "dates": []}]},
    ])
    result = score_article(gold, errors_report)
    kinds = _kinds(result)
    for kind in ("missing-source", "wrong-type", "wrong-date", "false-attribution", "missed-attribution", "false-flag"):
        assert kind in kinds, (kind, kinds)
    missing = next(e for e in result.errors if e.kind == "missing-source")
    assert missing.gold == "Reuters (media, relay)"
    assert missing.anchor == "le Pentagone a approuvé le transfert"
    assert "Selon CNN du 31 octobre" in missing.context
    date_error = next(e for e in result.errors if e.kind == "wrong-date")
    assert date_error.gold == "CNN: 2025-10-30" and date_error.predicted == "CNN: 2025-10-31"
    missed = next(e for e in result.errors if e.kind == "missed-attribution")
    assert missed.predicted == "unattributed, check-worthy"
    # the errors agree with the counts they explain
    s = result.scores
    assert kinds.count("missed-attribution") == s["attribution"].fn
    assert kinds.count("false-attribution") == s["attribution"].fp
    assert kinds.count("missing-source") == s["sources"].fn - sum(
        len(c["sources"]) for c in gold.claims if c["anchor"].startswith("Une explosion"))


@pytest.mark.model
def test_missed_flag_and_extra_source(errors_report, tmp_path):
    gold = Gold(tmp_path / "g.json", "a.txt", "2025-11-03", [
        {"anchor": "Le gouvernement a démissionné hier soir", "attributed": False},
        {"anchor": "le pont serait rouvert en mai", "attributed": True,
         "sources": [{"name": "AFP", "type": "media", "role": "origin", "dates": []}]},
    ])
    result = score_article(gold, errors_report)
    flagged = any(not c.attributed and c.checkworthy and "démissionné" in c.text for c in errors_report.claims)
    assert ("missed-flag" in _kinds(result)) == (not flagged)
    extra = [e for e in result.errors if e.kind == "extra-source"]
    assert extra and extra[0].gold == "attributed: AFP (media, origin)"
    assert extra[0].predicted.startswith("Jean Dupont (person")


def _gold_dir(tmp_path, blind=True):
    """Two articles in two splits, one of them blind."""
    (tmp_path / "a.txt").write_text("Le ministre a déclaré que le pont serait rouvert.", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Selon l'AFP, la route sera fermée.", encoding="utf-8")
    gold = tmp_path / "gold"
    gold.mkdir()
    for stem, anchor in (("a", "le pont serait rouvert"), ("b", "la route sera fermée")):
        (gold / f"{stem}.json").write_text(json.dumps({"article": f"{stem}.txt", "published": "2025-11-03", "claims": [
            {"anchor": anchor, "attributed": True,
             "sources": [{"name": "Reuters", "type": "media", "role": "origin", "dates": []}]}]}), encoding="utf-8")
    (gold / "splits.json").write_text(json.dumps({"blind": ["x-check"] if blind else [],
                                                  "splits": {"x-tune": ["a"], "x-check": ["b"]}}), encoding="utf-8")
    (gold / "floors.json").write_text("{}", encoding="utf-8")
    return gold


@pytest.mark.model
def test_eval_rows_per_split_and_blind_errors_withheld(tmp_path):
    from typer.testing import CliRunner

    from claimcheck.cli import app

    gold = _gold_dir(tmp_path)
    result = CliRunner().invoke(app, ["eval", str(gold)], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    rows = [line.split("│")[1].strip() for line in result.output.splitlines() if line.startswith("│")]
    assert rows == ["x-tune", "x-check", "all"]
    result = CliRunner().invoke(app, ["eval", str(gold), "--errors", "-f", "json"])
    data = json.loads(result.stdout)
    assert {e["article"] for e in data["errors"]} == {"a.txt"}  # b.txt is in the blind split
    assert "blind split x-check" in result.stderr
    assert set(data["groups"]) == {"x-tune", "x-check"}
    result = CliRunner().invoke(app, ["eval", str(gold), "--errors", "-f", "json", "--include-blind"])
    assert {e["article"] for e in json.loads(result.stdout)["errors"]} == {"a.txt", "b.txt"}
    result = CliRunner().invoke(app, ["eval", str(gold), "--errors", "--split", "x-tune", "--kind", "missing-source"])
    assert result.exit_code == 0
    assert "== missing-source" in result.stdout and "extra-source" not in result.stdout
    assert "b.txt" not in result.stdout


def test_eval_refuses_unknown_split_and_kind(tmp_path):
    from typer.testing import CliRunner

    from claimcheck.cli import app

    gold = _gold_dir(tmp_path)
    for args, message in ((["--split", "nope"], "--split: no gold in split 'nope'"),
                          (["--errors", "--kind", "nope"], "--kind: unknown kind 'nope'")):
        result = CliRunner().invoke(app, ["eval", str(gold), *args])
        assert result.exit_code == 2
        assert result.stderr.startswith("claimcheck: " + message) and result.stderr.count("\n") == 1


def test_eval_on_reports_instead_of_gold_is_one_line(tmp_path):
    """A folder of reports passed as gold (issue 17): one line and exit 2, no traceback."""
    from typer.testing import CliRunner

    from claimcheck.cli import app

    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "a.json").write_text(json.dumps({"schema_version": 1, "article": {"id": "a"}, "claims": []}),
                                   encoding="utf-8")
    result = CliRunner().invoke(app, ["eval", str(folder)])
    assert result.exit_code == 2
    assert "not a gold file" in result.stderr and "--reports" in result.stderr
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.output
    (folder / "a.json").write_text(json.dumps({"article": "a.txt", "claims": [{"anchor": 3}]}), encoding="utf-8")
    result = CliRunner().invoke(app, ["eval", str(folder)])
    assert result.exit_code == 2 and "claim 1 has no anchor" in result.stderr
