"""Who is who in one article, gathered unit by unit as the model's Docs arrive.

The cue finder resolves *le ministre* or *un reportage* through what the whole article
says: the persons it names, the epithets and descriptions it gives them, the owners of its
speech nouns. Those are gathered here from each Doc as the model hands it over, so the
report does not read every Doc once more for them (an article kept packed by docstore.py
pays for each read), and read once every unit is seen: a name is only canonical when all
the article's names are known (*Macron* is *Emmanuel Macron* when the article has both).
sources.py has the rules.
"""

from __future__ import annotations

from ..canon import PersonIndex
from .sources import (
    description_candidates, descriptions, epithet_candidates, epithets, speech_owner_candidates, speech_owners,
)


class ArticleRegistry:
    def __init__(self, extra_gazetteer: dict | None = None):
        self.extra_gazetteer = extra_gazetteer
        self.persons = PersonIndex()
        self.person_words: set[str] = set()
        self._person_names: set[str] = set()
        self._epithets: list[tuple[str | None, str, bool]] = []
        self._descriptions: list[tuple[str, str, bool]] = []
        self._owners: dict[str, set[tuple[str, str]]] = {}

    def observe(self, doc) -> None:
        """One unit's Doc, in text order."""
        for ent in doc.ents:
            if ent.label_ == "PER":
                self.persons.add(ent.text)
                self._person_names.add(ent.text)
                self.person_words.update(t.text for t in ent if t.pos_ == "PROPN")
        self._epithets.extend(epithet_candidates(doc))
        self._descriptions.extend(description_candidates(doc))
        for lemma, owner in speech_owner_candidates(doc, self.extra_gazetteer):
            self._owners.setdefault(lemma, set()).add(owner)

    def epithets(self) -> dict[str, str]:
        return epithets(self._epithets, self.persons)

    def descriptions(self) -> dict[str, str]:
        return descriptions(self._descriptions, self.persons, self._person_names)

    def speech_owners(self) -> dict[str, tuple[str, str]]:
        return speech_owners(self._owners)
