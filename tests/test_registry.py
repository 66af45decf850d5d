"""Who is who (pipeline/registry.py): a body named in full, then by its head noun alone,
is one source; a head with a complement or two bodies with the same head are not merged."""

from __future__ import annotations

import pytest

from conftest import claim_with, sources_of


def _names(report, fragment):
    return [s.canonical for s in sources_of(claim_with(report, fragment))]


@pytest.mark.model
@pytest.mark.parametrize("text, fragment, expected", [
    ("Le Conseil constitutionnel a rendu sa décision mardi. Le Conseil estime que la loi est conforme.",
     "la loi est conforme", "Conseil constitutionnel"),
    # the gazetteer knows France Bleu; the article names its local station
    ("La centrale a été arrêtée dimanche, selon France Bleu Normandie.", "La centrale", "France Bleu Normandie"),
    ("La Commission européenne a infligé une amende. Selon la Commission, le marché est faussé.",
     "le marché est faussé", "Commission européenne"),
    ("Le Conseil constitutionnel français a tranché. Le Conseil estime que le texte est conforme.",
     "le texte est conforme", "Conseil constitutionnel français"),
])
def test_a_body_named_by_its_head_is_the_body_named_in_full(analyze, text, fragment, expected):
    report = analyze(text)
    names = _names(report, fragment)
    assert expected in names, names


@pytest.mark.model
def test_the_shortest_full_name_when_the_article_lengthens_it():
    from claimcheck.pipeline.registry import ArticleRegistry
    from claimcheck.pipeline.model import load_nlp

    nlp = load_nlp()
    registry = ArticleRegistry()
    for text in ("Le Conseil constitutionnel français a tranché.", "Le Conseil constitutionnel rappelle la règle."):
        registry.observe(nlp(text))
    assert registry.full_organization("Conseil") == "Conseil constitutionnel"
    assert registry.full_organization("Conseil constitutionnel") is None  # named so: not lengthened
    assert registry.full_organization("Conseil constitutionnel français") is None


@pytest.mark.model
@pytest.mark.parametrize("texts, head", [
    # a head with a complement is another body: the CGT is not the CGT du livre
    (["Le secrétaire général de la CGT du livre s'est exprimé."], "CGT"),
    # two bodies with one head: neither
    (["Le Conseil national syrien s'est réuni.", "Le Conseil constitutionnel a tranché."], "Conseil"),
])
def test_no_full_name_when_the_head_is_not_one_body(nlp, texts, head):
    from claimcheck.pipeline.registry import ArticleRegistry

    registry = ArticleRegistry()
    for text in texts:
        registry.observe(nlp(text))
    assert registry.full_organization(head) is None
