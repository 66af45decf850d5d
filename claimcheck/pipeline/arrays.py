"""Finding tokens by their annotation without making a Token object for every word.

spaCy makes a new Token object each time a Doc is iterated or indexed; the matchers
walked every unit this way several times to find the few verbs, nouns or roots they
look at. A Doc's annotation array answers "where are the verbs" in one C call.
"""

from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=None)
def _key(attr: str, value: str) -> tuple[int, int | None]:
    """(attribute id, value id) for Doc.to_array; None for a string value, hashed per vocabulary."""
    from spacy.attrs import IDS  # imported when first asked: this module is loaded before spaCy is
    from spacy.parts_of_speech import IDS as POS_IDS

    return IDS[attr], (POS_IDS[value] if attr == "POS" else None)


# The attributes the matchers ask about, read in one call per Doc, and each answer, kept in
# the Doc's user_data: the cue finder and the claim tests ask a short unit ten questions,
# some of them twice, and for a unit of five words each call cost more than the question.
COLUMNS = ("POS", "DEP", "ORTH", "LOWER")
_CACHE = "claimcheck.arrays"


def remember_columns(doc, table) -> None:
    """Give `doc` its table of COLUMNS (one row per token), made elsewhere (docstore.py)."""
    doc.user_data[_CACHE] = (table, {})


def _answers(doc):
    held = doc.user_data.get(_CACHE)
    if held is None:
        from spacy.attrs import IDS

        held = doc.user_data[_CACHE] = (doc.to_array([IDS[name] for name in COLUMNS]), {})
    return held


def positions(doc, attr: str, value: str) -> tuple[int, ...]:
    """Indices in `doc` (a Doc or a Span) of the tokens whose `attr` ("POS", "DEP",
    "ORTH"…) is `value`, in order."""
    whole = doc.doc  # a Doc's doc is itself
    if attr in COLUMNS:
        table, answers = _answers(whole)
        found = answers.get((attr, value))
        if found is None:
            attr_id, value_id = _key(attr, value)
            if value_id is None:
                value_id = whole.vocab.strings[value]
            found = answers[(attr, value)] = tuple((table[:, COLUMNS.index(attr)] == value_id).nonzero()[0].tolist())
        if whole is doc:
            return found
        return tuple(i - doc.start for i in found if doc.start <= i < doc.end)
    attr_id, value_id = _key(attr, value)
    if value_id is None:
        value_id = doc.vocab.strings[value]
    # A Doc's to_array gives one column per attribute, a Span's a flat array for one: reshape both.
    return tuple((doc.to_array([attr_id]).reshape(-1) == value_id).nonzero()[0].tolist())


def first(doc, attr: str, value: str) -> int | None:
    """Index of the first token whose `attr` is `value`, or None."""
    found = positions(doc, attr, value)
    return found[0] if found else None
