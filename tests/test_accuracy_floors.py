"""Accuracy is measured, and guarded: the evaluation on the gold corpus must not fall
below the floors recorded in corpus/gold/floors.json (raised as the pipeline improves,
never lowered to pass)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from claimcheck.evaluate import load_gold, overall, score_article

GOLD = Path(__file__).resolve().parent.parent / "corpus" / "gold"
FLOORS = json.loads((GOLD / "floors.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def results(nlp):
    from claimcheck.extract import analyze_articles
    from claimcheck.reading import read_text_file

    golds = load_gold(GOLD)
    articles = [read_text_file(GOLD.parent / g.article, date.fromisoformat(g.published)) for g in golds]
    return [score_article(g, r) for g, r in zip(golds, analyze_articles(articles, nlp=nlp))]


def _figures(results) -> dict[str, float]:
    total = overall(results).as_dict()
    out = {m: total[m]["f1"] for m in ("attribution", "sources", "dates", "unattributed")}
    out["unattributed_precision"] = total["unattributed"]["precision"]
    out["unattributed_recall"] = total["unattributed"]["recall"]
    out["type_accuracy"] = total["type_accuracy"]
    return out


@pytest.mark.model
@pytest.mark.parametrize("group", ["all", "devset"])
def test_scores_stay_above_their_floors(results, group):
    chosen = results if group == "all" else [r for r in results if r.article.startswith("devset/")]
    figures = _figures(chosen)
    floors = FLOORS["eval"][group]
    below = {k: (round(figures[k], 4), v) for k, v in floors.items() if figures[k] < v}
    assert not below, f"below the floor (measured, floor): {below}"
