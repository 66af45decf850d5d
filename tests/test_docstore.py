"""Docs kept packed for an article of very many units (pipeline/docstore.py): a Doc made
again from its arrays must be the Doc the model made, so that packing changes no report."""

from __future__ import annotations

import pytest

from conftest import CORPUS

SENTENCES = [
    "Selon l'AFP, Emmanuel Macron a déclaré jeudi à Paris qu'il viendra.",
    "« Nous ne céderons pas », a-t-il ajouté, cité par Reuters et The Hill.",
    "Le ministre de la Santé, Jan Novák, s'est félicité des chiffres publiés le 3 mai 2024.",
    "Il a dit oui.",
    "",
]


def _tokens(doc):
    return [(t.text, t.whitespace_, t.idx, t.pos_, t.tag_, t.dep_, t.head.i, t.lemma_, str(t.morph), t.norm_,
             t.ent_iob_, t.ent_type_, t.is_sent_start) for t in doc]


@pytest.mark.model
def test_a_doc_made_again_has_the_models_annotation(nlp):
    from claimcheck.pipeline.docstore import DocStore

    docs = list(nlp.pipe(SENTENCES))
    store = DocStore(packed=True)
    for doc in docs:
        store.append(doc)
    assert len(store) == len(docs)
    for doc, again in zip(docs, store):
        assert again is not doc
        assert _tokens(again) == _tokens(doc)
        assert [(e.text, e.label_, e.start) for e in again.ents] == [(e.text, e.label_, e.start) for e in doc.ents]
        assert [s.text for s in again.sents] == [s.text for s in doc.sents]
        assert again.text == doc.text


@pytest.mark.model
def test_a_released_doc_is_gone_and_only_release_is_allowed(nlp):
    from claimcheck.pipeline.docstore import DocStore

    for packed in (False, True):
        store = DocStore(packed=packed)
        store.append(nlp("Il a dit oui."))
        store[0] = None
        assert store[0] is None
        with pytest.raises(ValueError):
            store[0] = nlp("Non.")


@pytest.mark.model
def test_packing_every_doc_changes_no_report(nlp, monkeypatch):
    from claimcheck import extract
    from claimcheck.reading import read_inputs

    paths = [str(p) for p in sorted(CORPUS.glob("*.txt")) + sorted((CORPUS / "devset").glob("*.txt"))]

    def reports():
        return [r.to_json() for r in extract.analyze_articles(read_inputs(paths, None), nlp)]

    kept = reports()
    made = []
    monkeypatch.setattr(extract, "PACK_AFTER", 0)
    real = extract.DocStore
    monkeypatch.setattr(extract, "DocStore", lambda packed: made.append(packed) or real(packed))
    assert reports() == kept
    assert made and all(made)  # every article's Docs were packed


@pytest.mark.model
def test_only_an_article_of_many_units_is_packed(nlp, monkeypatch):
    from claimcheck import extract
    from claimcheck.reading import make_article

    made = []
    real = extract.DocStore
    monkeypatch.setattr(extract, "DocStore", lambda packed: made.append(packed) or real(packed))
    monkeypatch.setattr(extract, "PACK_AFTER", 5)
    few = make_article("Il a dit oui.\n\n" * 5, "few", None)
    many = make_article("Il a dit oui.\n\n" * 6, "many", None)
    reports = list(extract.analyze_articles([few, many], nlp))
    assert made == [False, True]
    assert reports[0].claims[0].text == reports[1].claims[0].text == "Il a dit oui."
