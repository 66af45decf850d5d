"""Question-and-answer interviews (issue 15, class 2): the answers are the interviewee's."""

from __future__ import annotations

import pytest

from conftest import sources_of
from claimcheck.pipeline.interview import find_interview

INTERVIEW = """Rencontre avec une chercheuse

Marie Lambert dirige le laboratoire de climatologie de Lyon depuis 2015. Elle nous a reçus dans son bureau.

Comment avez-vous commencé vos recherches ?

J'ai étudié la physique à Grenoble avant de rejoindre le CNRS en 2004. Le laboratoire emploie aujourd'hui quarante chercheurs.

Quel est votre principal résultat ?

Nous avons montré que les glaciers alpins ont perdu un tiers de leur volume depuis 1990.

Les données viennent de trente stations de mesure.
"""


def _paragraphs(text):
    return [(n, p) for n, p in enumerate(text.split("\n")) if p.strip()]


def test_questions_and_answers_are_found():
    found = find_interview(_paragraphs(INTERVIEW))
    assert found is not None
    assert found.first_question == 4 and found.questions == {4, 8}
    assert found.answers == {6, 10, 12}


@pytest.mark.parametrize("text", [
    # one question only: an article that asks, not an interview
    "Titre\n\nLe maire a parlé.\n\nQue faut-il en penser, selon vous ?\n\nPersonne ne le sait.\n",
    # questions that address no one
    "Titre\n\nPourquoi les prix montent-ils ?\n\nLa demande augmente.\n\nQui paiera ?\n\nLes ménages.\n",
    # questions without answers between them
    "Titre\n\nAvez-vous voté ?\n\nVoterez-vous ?\n",
])
def test_not_an_interview(text):
    assert find_interview(_paragraphs(text)) is None


@pytest.mark.model
def test_every_answer_is_the_interviewees(analyze):
    report = analyze(INTERVIEW)
    by_text = {c.text: c for c in report.claims}
    for sentence in ("J'ai étudié la physique à Grenoble avant de rejoindre le CNRS en 2004.",
                     "Le laboratoire emploie aujourd'hui quarante chercheurs.",
                     "Nous avons montré que les glaciers alpins ont perdu un tiers de leur volume depuis 1990.",
                     "Les données viennent de trente stations de mesure."):
        claim = by_text[sentence]
        assert claim.attributed and {s.canonical for s in sources_of(claim)} == {"Marie Lambert"}, sentence
    assert not any(c.text.endswith("?") for c in report.claims)  # the questions are no claims
    intro = by_text["Marie Lambert dirige le laboratoire de climatologie de Lyon depuis 2015."]
    assert not intro.attributed  # what the article says of her before the interview is its own
