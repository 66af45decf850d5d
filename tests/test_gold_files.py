"""Gold files: every anchor occurs exactly once in its article and anchors do not overlap;
attributed claims have typed sources with roles and ISO date intervals; every article of
the corpus has its gold; devset2's halves are the fixed odd/even split."""

import json
from datetime import date
from pathlib import Path

import pytest

GOLD = Path(__file__).resolve().parent.parent / "corpus" / "gold"
CORPUS = GOLD.parent
FILES = sorted(f for f in GOLD.glob("*.json") if f.name not in ("floors.json", "splits.json"))
TYPES = {"media", "person", "organization", "anonymous", "vague"}


def test_gold_covers_the_corpus():
    articles = sorted(CORPUS.glob("*.txt")) + sorted(CORPUS.glob("devset*/*.txt"))
    assert len(articles) >= 65
    golds = {json.loads(f.read_text(encoding="utf-8"))["article"] for f in FILES}
    missing = [str(a.relative_to(CORPUS)) for a in articles if str(a.relative_to(CORPUS)) not in golds]
    assert not missing, missing


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_gold_file(path):
    gold = json.loads(path.read_text(encoding="utf-8"))
    assert Path(gold["article"]).stem == path.stem
    article = (CORPUS / gold["article"]).read_text(encoding="utf-8")
    date.fromisoformat(gold["published"])
    spans = []
    for claim in gold["claims"]:
        assert set(claim) <= {"anchor", "attributed", "sources", "claim"}, claim
        assert article.count(claim["anchor"]) == 1, claim["anchor"]
        start = article.find(claim["anchor"])
        spans.append((start, start + len(claim["anchor"]), claim["anchor"]))
        assert isinstance(claim["attributed"], bool)
        if claim["attributed"]:
            assert claim.get("claim", True), claim["anchor"]
            assert claim["sources"], claim["anchor"]
            for src in claim["sources"]:
                assert set(src) == {"name", "type", "role", "dates"}, src
                assert src["name"].strip() == src["name"] and src["name"], src
                assert src["type"] in TYPES
                assert src["role"] in {"origin", "relay"}
                for start_day, end_day in src["dates"]:
                    assert date.fromisoformat(start_day) <= date.fromisoformat(end_day)
        else:
            assert not claim.get("sources"), claim["anchor"]
    spans.sort()
    for (_, end, first), (start, _, second) in zip(spans, spans[1:]):
        assert start >= end, f"anchors overlap: {first!r} / {second!r}"


def test_devset2_halves_are_fixed():
    """tune = odd file numbers, check = even (issue 14), and the check half is blind."""
    splits = json.loads((GOLD / "splits.json").read_text(encoding="utf-8"))
    stems = sorted(p.stem for p in (CORPUS / "devset2").glob("*.txt"))
    assert splits["splits"]["devset2-tune"] == [s for s in stems if int(s[:2]) % 2 == 1]
    assert splits["splits"]["devset2-check"] == [s for s in stems if int(s[:2]) % 2 == 0]
    assert (len(splits["splits"]["devset2-tune"]), len(splits["splits"]["devset2-check"])) == (23, 22)
    assert splits["blind"] == ["devset2-check"]
