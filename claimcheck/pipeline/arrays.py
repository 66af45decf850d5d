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


# The attributes the matchers ask about, read in one call per Doc and kept in its
# user_data: the cue finder and the claim tests ask a short unit ten times, and for a unit
# of five words each call cost more than the question.
_COLUMNS = ("POS", "DEP", "ORTH", "LOWER")
_CACHE = "claimcheck.arrays"


def _columns(doc):
    table = doc.user_data.get(_CACHE)
    if table is None:
        from spacy.attrs import IDS

        table = doc.to_array([IDS[name] for name in _COLUMNS])
        doc.user_data[_CACHE] = table
    return table


def positions(doc, attr: str, value: str) -> list[int]:
    """Indices in `doc` (a Doc or a Span) of the tokens whose `attr` ("POS", "DEP",
    "ORTH"…) is `value`, in order."""
    attr_id, value_id = _key(attr, value)
    if value_id is None:
        value_id = doc.vocab.strings[value]
    if attr in _COLUMNS:
        whole = doc if doc.doc is doc else doc.doc
        column = _columns(whole)[:, _COLUMNS.index(attr)]
        if whole is not doc:  # a Span: its rows, numbered from the Span's start
            column = column[doc.start:doc.end]
        return (column == value_id).nonzero()[0].tolist()
    # A Doc's to_array gives one column per attribute, a Span's a flat array for one: reshape both.
    return (doc.to_array([attr_id]).reshape(-1) == value_id).nonzero()[0].tolist()


def first(doc, attr: str, value: str) -> int | None:
    """Index of the first token whose `attr` is `value`, or None."""
    found = positions(doc, attr, value)
    return found[0] if found else None
