"""Canonical names of sources (pure: no spaCy).

Outlets and institutions come from the gazetteer data files with their
aliases; a person is the fullest form of the name found in the article
(*Trump* -> *Donald Trump*).
"""

from __future__ import annotations

import re

from . import datafiles
from .textnorm import fold, name_key

_ELISION = re.compile(r"^(?:l'|d'|les |la |le |du |de la |des |de |the )", re.IGNORECASE)


def lookup(phrase: str, extra: dict[str, tuple[str, str]] | None = None) -> tuple[str, str] | None:
    """(canonical, type) of an outlet or institution named exactly by `phrase`."""
    key = name_key(phrase)
    table = datafiles.gazetteer()
    if extra and key in extra:
        return extra[key]
    if key in table:
        return table[key]
    stripped = name_key(_ELISION.sub("", fold(phrase)))
    if extra and stripped in extra:
        return extra[stripped]
    return table.get(stripped)


def strip_titles(name: str) -> str:
    """Drop titles and functions around a name: "le président Donald Trump" -> "Donald Trump"."""
    titles = datafiles.folded("person_titles")
    words = name.split()
    while words and (fold(words[0]) in titles or fold(words[0]) in ("le", "la", "l'", "les", "du", "de")):
        words.pop(0)
    return " ".join(words) or name


class PersonIndex:
    """The persons named in one article, to give each mention its fullest form.

    A name is only ever completed by a longer name sharing its last word (or, for a
    lone first name, its first word): names are indexed by those folded words, so a
    long article with hundreds of names does not compare every mention with every name.
    Candidates are still tried in the order the names were added, as a scan would."""

    def __init__(self) -> None:
        self._names: list[str] = []
        self._known: set[str] = set()
        self._folded: list[list[str]] = []  # the folded words of each name
        self._by_later_word: dict[str, list[int]] = {}  # word after the first -> names
        self._by_first_word: dict[str, list[int]] = {}  # first word of a name of 2+ words -> names

    def add(self, name: str) -> None:
        name = strip_titles(name.strip(" ,.;:"))
        if name and name not in self._known and any(ch.isupper() for ch in name[:1]):
            position = len(self._names)
            self._names.append(name)
            self._known.add(name)
            folded = [fold(t) for t in name.split()]
            self._folded.append(folded)
            for word in dict.fromkeys(folded[1:]):
                self._by_later_word.setdefault(word, []).append(position)
            if len(folded) > 1:
                self._by_first_word.setdefault(folded[0], []).append(position)

    def surnames(self) -> set[str]:
        return {folded[-1] for folded in self._folded if len(folded) > 1}

    def canonical(self, name: str) -> str:
        name = strip_titles(name.strip(" ,.;:"))
        tokens = [fold(t) for t in name.split()]
        if not tokens:
            return name
        # Every candidate below has tokens[-1] among its words after the first.
        candidates = self._by_later_word.get(tokens[-1], ())
        best = name
        for position in candidates:
            candidate, ctoks = self._names[position], self._folded[position]
            if len(ctoks) <= len(tokens):
                continue
            # "Trump" matches "Donald Trump"; "Poutine" matches "Vladimir Poutine".
            if ctoks[-len(tokens):] == tokens or (len(tokens) == 1 and tokens[0] in ctoks[1:]):
                if len(candidate) > len(best):
                    best = candidate
        if best != name:
            return best
        # "B. Obama" -> "Barack Obama"; "Thierry" -> "Thierry Roland" when only one name starts so.
        if len(tokens) == 2 and tokens[0].endswith("."):
            initial = tokens[0].rstrip(".")
            for position in candidates:
                ctoks = self._folded[position]
                if len(ctoks) == 2 and tokens[1] == ctoks[1] and initial == ctoks[0][:len(initial)]:
                    return self._names[position]
        if len(tokens) == 1:
            firsts = self._by_first_word.get(tokens[0], ())
            if len(firsts) == 1:
                return self._names[firsts[0]]
        return name
