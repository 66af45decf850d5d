"""The reporting-verb lexicon (claimcheck/data/verbs.toml): verbs the grammars list as
introducers of reported speech, and the features that keep their other uses out
(issue 15, class 5). Sentences written for the test, several per feature."""

from __future__ import annotations

import pytest

from conftest import sources_of

pytestmark = pytest.mark.model

CONTEXT = "Le ministre Jean Dupont était à Lyon hier. "


def _claim(report, sentence):
    start = report.article.text.index(sentence)
    return next((c for c in report.claims if c.span[0] <= start < c.span[1]), None)


SPEECH = [  # (sentence, a source expected)
    ("« Le projet est trop cher », remarque-t-il.", "Jean Dupont"),
    ("« Nous ne céderons rien », martèle le syndicat CGT.", "CGT"),
    ("« La réforme passera », glisse un conseiller du ministre.", "anonymous"),
    ("« Ce n'est qu'un début », nuance l'économiste Marie Lambert.", "Marie Lambert"),
    ("« Rien n'est joué », tempère Marie Lambert.", "Marie Lambert"),
    ("Marie Lambert s'insurge contre une décision « injuste ».", "Marie Lambert"),
    ("Les experts s'alarment de la hausse des prix de l'énergie.", "vague"),
    ("Le ministre reproche au maire d'avoir menti aux électeurs.", "Jean Dupont"),
    ("« Il faut agir vite », s'écrie Marie Lambert.", "Marie Lambert"),
    ("La Banque de France a chiffré à 2 milliards d'euros le coût de la mesure.", "Banque de France"),
    ("Le syndicat s'indigne contre la fermeture de l'usine de Lyon.", "anonymous"),
    ("L'ONG revendique la libération de trois otages.", "anonymous"),
]

NOT_SPEECH = [
    "La Russie continue d'attaquer les infrastructures énergétiques du pays.",
    "Cette décision inquiète les habitants du quartier depuis des mois.",
    "Le président a proposé des services de traduction aux réfugiés arrivés lundi.",
    "La société glisse un billet dans chaque colis envoyé en décembre.",
    "Les généraux qui approuvaient la décision militaire regardent impuissants.",
]


@pytest.mark.parametrize("sentence, expected", SPEECH, ids=[s[:40] for s, _ in SPEECH])
def test_introducers_from_the_grammars(analyze, sentence, expected):
    claim = _claim(analyze(CONTEXT + sentence), sentence)
    assert claim is not None and claim.attributed, sentence
    got = sources_of(claim)
    assert expected in {s.canonical for s in got} | {s.type for s in got}, [(s.canonical, s.type) for s in got]


@pytest.mark.parametrize("sentence", NOT_SPEECH, ids=[s[:40] for s in NOT_SPEECH])
def test_features_keep_their_other_uses_out(analyze, sentence):
    """manner verbs before an infinitive or an object, reflexive-only verbs without se,
    verbs whose object is not what was said."""
    claim = _claim(analyze(CONTEXT + sentence), sentence)
    assert claim is None or not claim.attributed, [(a.cue.text, [s.canonical for s in a.sources])
                                                    for a in claim.attributions]
