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
    assert "déclarer" in cues.reporting_verbs and any(l.text == "selon" for l in cues.locutions)
    assert datafiles.calendar().months["octobre"] == 10


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
