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
    result = CliRunner().invoke(app, ["eval", str(tmp_path / "gold")], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    row = next(line for line in result.output.splitlines() if "a.txt" in line)
    cells = [c.strip() for c in row.strip("│ ").split("│")]
    assert cells[1] == "1.00 / 1.00 / 1.00"  # attribution was scored
    assert cells[3] == "-"  # dates: nothing on either side
