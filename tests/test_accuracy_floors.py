"""Accuracy is measured, and guarded: the evaluation on the gold corpus must not fall
below the floors recorded in corpus/gold/floors.json (raised as the pipeline improves,
never lowered to pass). One floor per split (seeds, devset, devset2-tune, devset2-check,
as `corpus/gold/splits.json` and the folders define them) and one for all the gold."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from claimcheck.evaluate import by_split, load_gold, load_splits, overall, score_article

GOLD = Path(__file__).resolve().parent.parent / "corpus" / "gold"
FLOORS = json.loads((GOLD / "floors.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def groups(nlp):
    from claimcheck.extract import analyze_articles
    from claimcheck.reading import read_text_file

    golds = load_gold(GOLD)
    articles = [read_text_file(GOLD.parent / g.article, date.fromisoformat(g.published)) for g in golds]
    results = [score_article(g, r) for g, r in zip(golds, analyze_articles(articles, nlp=nlp))]
    out = by_split(results, golds, load_splits(GOLD))
    out["all"] = overall(results, "all")
    return out


def _figures(group) -> dict[str, float]:
    total = group.as_dict()
    out = {m: total[m]["f1"] for m in ("attribution", "sources", "dates", "unattributed")}
    out["unattributed_precision"] = total["unattributed"]["precision"]
    out["unattributed_recall"] = total["unattributed"]["recall"]
    out["type_accuracy"] = total["type_accuracy"]
    return out


def test_every_split_has_floors():
    splits = load_splits(GOLD)
    names = {splits.of(g) for g in load_gold(GOLD)} | {"all"}
    assert names <= set(FLOORS["eval"]), f"splits without floors: {names - set(FLOORS['eval'])}"


@pytest.mark.model
@pytest.mark.parametrize("group", sorted(FLOORS["eval"]))
def test_scores_stay_above_their_floors(groups, group):
    figures = _figures(groups[group])
    floors = FLOORS["eval"][group]
    below = {k: (round(figures[k], 4), v) for k, v in floors.items() if figures[k] < v}
    assert not below, f"below the floor (measured, floor): {below}"
