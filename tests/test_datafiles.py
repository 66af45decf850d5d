"""Data files load, validate, and report a bad entry by file and name."""

import pytest

from claimcheck import canon, datafiles
from claimcheck.errors import DataFileError


def test_gazetteer_size_and_aliases():
    assert len(datafiles.outlets()) >= 150
    assert canon.lookup("Agence France-Presse") == ("AFP", "media")
    assert canon.lookup("l’AFP") == ("AFP", "media")
    assert canon.lookup("Radio Free Europe/Radio Liberty") == ("RFE/RL", "media")
    assert canon.lookup("Kyiv Independent") == ("Kyiv Independent", "media")
    assert canon.lookup("le Pentagone") == ("Pentagone", "organization")


def test_leading_article_is_a_word_not_a_prefix():
    from claimcheck.textnorm import name_key

    assert name_key("Lavrov") == "lavrov"
    assert name_key("Le Monde") == "monde"


def test_bad_entry_names_file_and_entry(monkeypatch):
    monkeypatch.setattr(datafiles, "_read_toml", lambda name: {"outlet": [{"name": "X", "aliases": [], "country": "FR", "kind": "tabloid"}]})
    datafiles.outlets.cache_clear()
    try:
        with pytest.raises(DataFileError, match=r"outlets.toml: \[\[outlet\]\] 'X'"):
            datafiles.outlets()
    finally:
        datafiles.outlets.cache_clear()


def test_cue_lists_load():
    cues = datafiles.cues()
    assert any(l.text == "selon" for l in cues.locutions)
    assert datafiles.calendar().months["octobre"] == 10


def test_the_verb_lexicon_carries_features():
    from claimcheck.pipeline import lexicon

    verbs = {v.lemma: v for v in datafiles.verbs().verbs}
    assert verbs["annoncer"].object and not verbs["dire"].object
    assert verbs["prévoir"].intention and verbs["exclamer"].reflexive
    assert "declarer" in lexicon.reporting_lemmas() and "ecrit" in lexicon.incise_forms()
    assert "convaincre" in lexicon.object_control_verbs()


@pytest.mark.parametrize("bad,message", [
    ({"verbs": [{"lemma": "dire"}, {"lemma": "dire"}], "object_control": []}, r"verbs.toml: verbs: .*'dire' is listed twice"),
    ({"verbs": [{"lemma": "dire", "objet": True}], "object_control": []}, r"verbs.toml: verbs\.0\.objet"),
    ({"verbs": [{"lemma": "Dire"}], "object_control": []}, r"verbs.toml: verbs\.0\.lemma"),
])
def test_a_bad_verb_entry_names_the_file_and_entry(monkeypatch, bad, message):
    monkeypatch.setattr(datafiles, "_read_toml", lambda name: bad)
    datafiles.verbs.cache_clear()
    try:
        with pytest.raises(DataFileError, match=message):
            datafiles.verbs()
    finally:
        datafiles.verbs.cache_clear()


def test_person_fullest_form():
    index = canon.PersonIndex()
    index.add("Donald Trump")
    index.add("le président Vladimir Poutine")
    assert index.canonical("Trump") == "Donald Trump"
    assert index.canonical("Poutine") == "Vladimir Poutine"
    assert index.canonical("Zelensky") == "Zelensky"
    index.add("Barack Obama")
    index.add("Thierry Roland")
    assert index.canonical("B. Obama") == "Barack Obama"
    assert index.canonical("Thierry") == "Thierry Roland"


def test_locutions_are_found_by_their_first_two_characters():
    """cues._match_locution looks a locution up by the first two characters of the text at a
    token: every locution must have two, and the lookup must find what a scan of the whole
    longest-first list finds, at every word start of the corpus."""
    from pathlib import Path

    from claimcheck.pipeline.cues import _locutions, _locutions_by_start
    from claimcheck.textnorm import fold

    assert all(len(loc) >= 2 for loc, _ in _locutions())
    corpus = Path(__file__).resolve().parent.parent / "corpus"
    text = " ".join(p.read_text(encoding="utf-8") for p in sorted(corpus.glob("**/*.txt")))
    starts = [i for i in range(len(text)) if not text[i].isspace() and (i == 0 or text[i - 1].isspace())]
    found = 0
    for i in starts:
        head = fold(text[i:i + 40])
        scan = next((loc for loc, _ in _locutions() if head.startswith(loc)), None)
        bucket = next((loc for loc, _ in _locutions_by_start().get(head[:2], ()) if head.startswith(loc)), None)
        assert scan == bucket, head
        found += scan is not None
    assert found > 50  # the corpus exercises the lookup
