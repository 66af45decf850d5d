"""Finding tokens by their annotation without making a Token object for every word.

spaCy makes a new Token object each time a Doc is iterated or indexed; the matchers
walked every unit this way several times to find the few verbs, nouns or roots they
look at. A Doc's annotation array answers "where are the verbs" in one C call.
"""

from __future__ import annotations


def positions(doc, attr: str, value: str) -> list[int]:
    """Indices in `doc` (a Doc or a Span) of the tokens whose `attr` ("POS", "DEP",
    "ORTH"…) is `value`, in order."""
    from spacy.attrs import IDS
    from spacy.parts_of_speech import IDS as POS_IDS

    key = POS_IDS[value] if attr == "POS" else doc.vocab.strings[value]
    # A Doc's to_array gives one column per attribute, a Span's a flat array for one: reshape both.
    return (doc.to_array([IDS[attr]]).reshape(-1) == key).nonzero()[0].tolist()


def first(doc, attr: str, value: str) -> int | None:
    """Index of the first token whose `attr` is `value`, or None."""
    found = positions(doc, attr, value)
    return found[0] if found else None
