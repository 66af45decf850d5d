"""The behaviours the core issue says must hold, on the seed corpus."""

from __future__ import annotations

import pytest

from conftest import claim_with, sources_of

pytestmark = pytest.mark.model

A000 = "000_f021312726994402.txt"
A002 = "002_c3d9d0eefc2e3ca3.txt"
A003 = "003_5251e8473610ab7e.txt"
A004 = "004_c1df462ef421ffc1.txt"


def _dates(src):
    return [(str(d.from_), str(d.to)) for d in src.dates]


def _by_name(claim):
    return {s.canonical: s for s in sources_of(claim)}


def test_pentagon_report_cited_by_three_outlets(corpus_report):
    claim = claim_with(corpus_report(A000), "les États-Unis possèdent plus de 1 000 Tomahawks")
    assert claim.attributed
    src = _by_name(claim)
    assert src["Pentagone"].role == "origin" and src["Pentagone"].type == "organization"
    for outlet in ("CNN", "Forbes", "Newsweek"):
        assert src[outlet].role == "relay" and src[outlet].type == "media"
        assert _dates(src[outlet]) == [("2025-10-31", "2025-10-31")]


def test_each_source_keeps_its_own_date(corpus_report):
    claim = claim_with(corpus_report(A000), "pendant que le Pentagone prépare son analyse")
    src = _by_name(claim)
    assert _dates(src["CNN"]) == [("2025-10-31", "2025-10-31")]
    assert _dates(src["Reuters"]) == [("2025-11-02", "2025-11-02")]
    assert _dates(src["Forbes"]) == [("2025-11-02", "2025-11-02")]


def test_think_tank_cited_by_two_outlets_with_a_range(corpus_report):
    claim = claim_with(corpus_report(A000), "Washington ne devrait envoyer que 50 à 100 missiles")
    src = _by_name(claim)
    csis = src["Center for Strategic and International Studies"]
    assert csis.role == "origin" and csis.type == "organization"
    for outlet in ("Reuters", "The Hill"):
        assert src[outlet].role == "relay"
        assert _dates(src[outlet]) == [("2025-10-31", "2025-11-03")]


def test_parenthetical_citation_of_six_outlets(corpus_report):
    claim = claim_with(corpus_report(A004), "l’a « personnellement appelé »")
    paren = [a for a in claim.attributions if a.cue.family == "parenthetical"]
    assert paren, "the parenthetical citation is not read"
    names = [s.canonical for s in paren[0].sources]
    assert names == ["Ukrinform", "Interfax", "Telegrafi", "UNN", "Politico", "Reuters"]
    for src in paren[0].sources:
        assert src.type == "media"
        assert _dates(src) == [("2025-11-04", "2025-11-05")]


def test_weekday_resolved_against_given_publication_date(corpus_report):
    claim = claim_with(corpus_report(A002, "2025-10-19"), "selon les révélations de CNN et Axios")
    src = _by_name(claim)
    assert _dates(src["CNN"]) == [("2025-10-17", "2025-10-17")]
    assert _dates(src["Axios"]) == [("2025-10-17", "2025-10-17")]
    assert any(s.type == "anonymous" for s in sources_of(claim))


def test_weekday_stays_unresolved_without_a_publication_date(corpus_report):
    report = corpus_report(A002)
    assert report.article.published is None
    claim = claim_with(report, "selon les révélations de CNN et Axios")
    src = _by_name(claim)
    assert src["CNN"].dates == [] and src["Axios"].dates == []


def test_treasury_quote_is_scott_bessent(corpus_report):
    report = corpus_report(A003)
    claim = claim_with(report, "Il est maintenant temps d’arrêter les tueries")
    src = _by_name(claim)
    assert "Scott Bessent" in src and src["Scott Bessent"].type == "person"
    cont = claim_with(report, "Le Trésor est prêt à prendre d’autres mesures")
    assert "Scott Bessent" in _by_name(cont), "the quote's later sentences keep its speaker"


def test_zakharova_is_the_source_of_her_quote(corpus_report):
    claim = claim_with(corpus_report(A003), "ne poseront pas de problèmes à la Russie")
    src = _by_name(claim)
    assert "Maria Zakharova" in src and src["Maria Zakharova"].type == "person"


def test_refinery_explosion_is_unattributed_checkworthy(corpus_report):
    claim = claim_with(corpus_report(A003), "une explosion s’est produite à la raffinerie MOL")
    assert not claim.attributed and claim.checkworthy


@pytest.mark.parametrize("article, sentence", [(A000, "Je comprends le timing."), (A000, "Et les nombres?")])
def test_non_claims(corpus_report, article, sentence):
    report = corpus_report(article)
    assert not [c for c in report.claims if c.text.strip() == sentence]


def test_publication_dates_found_in_the_articles(corpus_report):
    assert str(corpus_report(A000).article.published) == "2025-11-03"
    assert str(corpus_report("001_15e9420a4c454b8b.txt").article.published) == "2025-10-17"
    assert str(corpus_report(A003).article.published) == "2025-10-24"
    assert corpus_report(A003).article.published_from == "byline"
