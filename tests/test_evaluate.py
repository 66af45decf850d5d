"""The evaluation's counting rules, on a small hand-made gold."""

from __future__ import annotations

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
