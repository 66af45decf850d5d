"""Gold files: every anchor occurs exactly once in its article; attributed claims have sources."""

import json
from pathlib import Path

import pytest

GOLD = Path(__file__).resolve().parent.parent / "corpus" / "gold"
FILES = sorted(f for f in GOLD.glob("*.json") if f.name != "floors.json")


def test_gold_covers_the_corpus():
    assert len(FILES) >= 20


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_gold_file(path):
    gold = json.loads(path.read_text(encoding="utf-8"))
    article = (GOLD.parent / gold["article"]).read_text(encoding="utf-8")
    assert gold["published"]
    for claim in gold["claims"]:
        assert article.count(claim["anchor"]) == 1, claim["anchor"]
        if claim.get("attributed"):
            assert claim["sources"], claim["anchor"]
            for src in claim["sources"]:
                assert src["type"] in {"media", "person", "organization", "anonymous", "vague"}
                assert src["role"] in {"origin", "relay"}
                for start, end in src["dates"]:
                    assert start <= end
