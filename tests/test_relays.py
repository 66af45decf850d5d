"""Relays of an interview (issue 15, class 3; annotation guide §6): the outlet an interview or
a statement was given to is a relay of the speaker, whatever frame the press writes it in."""

from __future__ import annotations

import pytest

from conftest import sources_of


def _sources(analyze, text):
    report = analyze(text, published="2017-02-10")  # a Friday
    claim = report.claims[0]
    return {(s.canonical, s.role): [d.from_.isoformat() for d in s.dates] for s in sources_of(claim)}


@pytest.mark.model
@pytest.mark.parametrize("text, outlet", [
    ("Dans les colonnes du Guardian, le chercheur affirme que le climat se réchauffe.", "The Guardian"),
    ("Le ministre a assuré, au micro de France Inter, que la réforme sera votée.", "France Inter"),
    ("Joint par Le Monde, le maire a indiqué que la route restera fermée.", "Le Monde"),
    ("Le ministre affirme dans un entretien au Figaro que la réforme sera votée.", "Le Figaro"),
    ("Sur le plateau de TF1, la ministre a déclaré que les écoles rouvriraient.", "TF1"),
    ("Contacté par Libération, le directeur a indiqué que le site fermerait.", "Libération"),
])
def test_the_frames_of_an_interview_make_the_outlet_a_relay(analyze, text, outlet):
    sources = _sources(analyze, text)
    assert (outlet, "relay") in sources, sources
    assert any(role == "origin" for _, role in sources), sources


@pytest.mark.model
def test_a_person_told_is_no_relay(analyze):
    sources = _sources(analyze, "Le maire a déclaré à ses administrés que la route restera fermée.")
    assert all(role == "origin" for _, role in sources), sources
