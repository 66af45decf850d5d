"""Speech-act dates (annotation guide §4; issue 15, class 4): the date of the speech act is
a source date, wherever the clause puts it; an event's date is not."""

from __future__ import annotations

import pytest

from conftest import sources_of

pytestmark = pytest.mark.model

PUBLISHED = "2017-04-12"  # a Wednesday

DATED = [  # (sentence, source, its date)
    ("Le 3 avril, Dimitri Peskov, attaché de presse du gouvernement russe, annonce que le ministère enquête.",
     "Dimitri Peskov", "2017-04-03"),
    ("En février, Marie Lambert, directrice de l'institut et ancienne ministre, déclarait que les fonds manquaient.",
     "Marie Lambert", "2017-02-01"),
    ("Lundi, le porte-parole du gouvernement Jean Dupont a affirmé que la réforme serait retirée.",
     "Jean Dupont", "2017-04-10"),
    ("Marie Lambert a déclaré mardi que les fonds manquaient.", "Marie Lambert", "2017-04-11"),
]

UNDATED = [  # the date is the event's, not the speech act's
    "À la suite des élections de dimanche 9 avril, Marie Lambert a déclaré que le vote était truqué.",
    "Marie Lambert a déclaré que le vote du 2 avril était truqué.",
    "Jean Dupont appelle à manifester samedi devant la préfecture, a indiqué son entourage.",
]


def _claim(report, start):
    return next(c for c in report.claims if c.text.startswith(start))


@pytest.mark.parametrize("sentence, source, day", DATED, ids=[d[0][:40] for d in DATED])
def test_the_speech_act_is_dated(analyze, sentence, source, day):
    claim = _claim(analyze(sentence, PUBLISHED), sentence[:20])
    src = next(s for s in sources_of(claim) if s.canonical == source)
    assert [str(d.from_) for d in src.dates] == [day]


@pytest.mark.parametrize("sentence", UNDATED, ids=[s[:40] for s in UNDATED])
def test_an_events_date_is_no_source_date(analyze, sentence):
    claim = _claim(analyze(sentence, PUBLISHED), sentence[:20])
    assert claim.attributed
    assert all(not s.dates for s in sources_of(claim)), [(s.canonical, s.dates) for s in sources_of(claim)]
