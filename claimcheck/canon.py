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
    """The persons named in one article, to give each mention its fullest form."""

    def __init__(self) -> None:
        self._names: list[str] = []

    def add(self, name: str) -> None:
        name = strip_titles(name.strip(" ,.;:"))
        if name and name not in self._names and any(ch.isupper() for ch in name[:1]):
            self._names.append(name)

    def surnames(self) -> set[str]:
        return {fold(n.split()[-1]) for n in self._names if len(n.split()) > 1}

    def canonical(self, name: str) -> str:
        name = strip_titles(name.strip(" ,.;:"))
        tokens = [fold(t) for t in name.split()]
        if not tokens:
            return name
        best = name
        for candidate in self._names:
            ctoks = [fold(t) for t in candidate.split()]
            if len(ctoks) <= len(tokens):
                continue
            # "Trump" matches "Donald Trump"; "Poutine" matches "Vladimir Poutine".
            if ctoks[-len(tokens):] == tokens or (len(tokens) == 1 and tokens[0] in ctoks[1:]):
                if len(candidate) > len(best):
                    best = candidate
        if best != name:
            return best
        # "B. Obama" -> "Barack Obama"; "Thierry" -> "Thierry Roland" when only one name starts so.
        for candidate in self._names:
            ctoks = [fold(t) for t in candidate.split()]
            if len(tokens) == 2 and len(ctoks) == 2 and tokens[1] == ctoks[1] and \
                    tokens[0].rstrip(".") == ctoks[0][:len(tokens[0].rstrip("."))] and tokens[0].endswith("."):
                return candidate
        if len(tokens) == 1:
            firsts = [c for c in self._names if len(c.split()) > 1 and fold(c.split()[0]) == tokens[0]]
            if len(firsts) == 1:
                return firsts[0]
        return name
