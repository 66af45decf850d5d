"""Text folding shared by matching, canonicalization, fingerprints and eval."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from functools import lru_cache

APOSTROPHES = "\u2019\u02bc\u2018`\u00b4"
_APOSTROPHES = str.maketrans(dict.fromkeys(APOSTROPHES, "'"))
_SPACES = re.compile(r"[\s\u00a0\u202f\u2009\u2007]+")
_QUOTES = str.maketrans({"«": '"', "»": '"', "“": '"', "”": '"', "„": '"', "‹": "'", "›": "'"})
_DASHES = str.maketrans({"\u2013": "-", "\u2014": "-", "\u2011": "-", "\u2212": "-", "\u2010": "-"})
# An article only when a space or an elision follows: "Le360" and "Lavrov" keep their letters.
LEADING_ARTICLE = re.compile(r"^(?:(?:les|le|la|the)\s+|l')", re.IGNORECASE)


def fold_apostrophes(text: str) -> str:
    return text.translate(_APOSTROPHES)


def strip_accents(text: str) -> str:
    if text.isascii():  # nothing to decompose: most words of a French text, every punctuation mark
        return text
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


# The matchers fold the same words and cue phrases again and again (700,000 calls for
# 42,000 words of news, a seventh of a run's CPU): a bounded cache of the last results makes
# a repeat a dict lookup. Bounded because some callers fold windows of raw text.
@lru_cache(maxsize=1 << 15)
def fold(text: str) -> str:
    """Lower case, no accents, one apostrophe, one kind of space and dash."""
    text = fold_apostrophes(text).translate(_DASHES)
    return _SPACES.sub(" ", strip_accents(text).lower()).strip()


def name_key(name: str) -> str:
    """Key for comparing names: folded, without punctuation or a leading article."""
    key = LEADING_ARTICLE.sub("", fold(name))
    key = re.sub(r"[^\w/ ]+", " ", key)
    return _SPACES.sub(" ", key).strip()


def normalize_claim_text(text: str) -> str:
    """Typography, spacing and quote styles folded, so a retyped claim keeps its id."""
    text = fold_apostrophes(unicodedata.normalize("NFC", text)).translate(_QUOTES).translate(_DASHES)
    # Spaces around a quote go; split and strip rather than re.sub(r'\s*"\s*'), which
    # retries every start of a long run of spaces that no quote ends (quadratic).
    text = '"'.join(part.strip() for part in text.split('"'))
    return _SPACES.sub(" ", text).strip().lower()


def fingerprint(text: str) -> str:
    digest = hashlib.sha256(normalize_claim_text(text).encode("utf-8")).hexdigest()
    return "c_" + digest[:16]
