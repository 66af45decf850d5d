"""The Docs of one article, kept compact when the article has very many units.

A Doc costs at least 6 KB whatever its length: spaCy allocates room for twenty tokens and
their padding, and the Python object comes on top. An article of 66,000 one-line
paragraphs held 350 MB of Docs before its first claim was built, and its run peaked at
900 MB where a megabyte of prose peaks at 600. Past `PACK_AFTER` units an article's Docs
are kept as their annotation arrays (about 100 bytes a token) and made again each time
they are read. The Doc made again carries the same annotation as the one the model made
(tests/test_docstore.py compares the reports of the whole corpus, every Doc packed).
"""

from __future__ import annotations

import numpy

from .arrays import COLUMNS, remember_columns

# Below this many units the Docs are kept as they are: making them again costs about as
# much as making them (12 µs for a short unit), and each pass of the report reads them.
# 10,000 units of Doc overhead are 60 MB; a megabyte of news prose is about 8,000 units.
PACK_AFTER = 10_000

_ATTRS = ("HEAD", "DEP", "POS", "TAG", "MORPH", "LEMMA", "NORM", "ENT_IOB", "ENT_TYPE", "SENT_START")


def _attr_ids() -> list[int]:
    from spacy.attrs import IDS  # spaCy is loaded with the model, not with this module

    return [IDS[name] for name in _ATTRS]


class DocStore:
    """A list of Docs, one per unit; `packed` keeps each as arrays until it is read."""

    __slots__ = ("packed", "_items", "_vocab", "_ids", "_set", "_columns")

    def __init__(self, packed: bool = False):
        self.packed = packed
        self._items: list = []
        self._vocab = None
        self._ids: list[int] | None = None  # ORTH, SPACY, the attributes set again, then the others kept
        self._set = 2 + len(_ATTRS)
        self._columns: list[int] = []  # where each of arrays.COLUMNS is in a packed array

    def append(self, doc) -> None:
        if not self.packed:
            self._items.append(doc)
            return
        if self._ids is None:
            from spacy.attrs import IDS, ORTH, SPACY

            self._vocab = doc.vocab
            ids = [ORTH, SPACY] + _attr_ids()
            ids += [IDS[name] for name in COLUMNS if IDS[name] not in ids]
            self._ids, self._columns = ids, [ids.index(IDS[name]) for name in COLUMNS]
        self._items.append(doc.to_array(self._ids))

    def _doc(self, item):
        if item is None or not self.packed:
            return item
        from spacy.tokens import Doc

        if not len(item):
            return Doc(self._vocab, words=[])
        strings = self._vocab.strings
        words = [strings[orth] for orth in item[:, 0].tolist()]
        doc = Doc(self._vocab, words=words, spaces=item[:, 1].astype(bool).tolist())
        doc.from_array(self._ids[2:self._set], numpy.ascontiguousarray(item[:, 2:self._set]))
        remember_columns(doc, item[:, self._columns])  # the matchers' table, read with the rest
        return doc

    def __len__(self) -> int:
        return len(self._items)

    def __getitem__(self, i: int):
        return self._doc(self._items[i])

    def __setitem__(self, i: int, value) -> None:
        if value is not None:
            raise ValueError("a unit's Doc can only be released")
        self._items[i] = None

    def __iter__(self):
        return (self._doc(item) for item in self._items)
