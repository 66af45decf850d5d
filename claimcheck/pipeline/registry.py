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
from ..textnorm import name_key
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
        # Organizations named in full, by the key of their first word: name_key -> as written.
        self._full_orgs: dict[str, dict[str, str]] = {}

    def observe(self, doc) -> None:
        """One unit's Doc, in text order."""
        for ent in doc.ents:
            if ent.label_ != "PER":  # "France Bleu Normandie" is tagged a place as often as a body
                self._observe_org(ent)
            if ent.label_ == "PER":
                self.persons.add(ent.text)
                self._person_names.add(ent.text)
                self.person_words.update(t.text for t in ent if t.pos_ == "PROPN")
        self._epithets.extend(epithet_candidates(doc))
        self._descriptions.extend(description_candidates(doc))
        for lemma, owner in speech_owner_candidates(doc, self.extra_gazetteer):
            self._owners.setdefault(lemma, set()).add(owner)

    def _observe_org(self, ent) -> None:
        """"le Conseil constitutionnel", "la Commission européenne", "France Bleu Normandie": a
        name whose words after the first are adjectives or names, so that its head alone later
        ("le Conseil", "la Commission") is that body. A head with a complement ("la CGT du
        livre") is another body than its head ("la CGT"), and is not kept."""
        tokens = [t for t in ent if not (t.pos_ == "DET" and t.i == ent.start)]
        doc, end = ent.doc, ent.end
        while end < len(doc) and doc[end].pos_ == "ADJ" and doc[end].is_alpha and doc[end].text.islower():
            tokens.append(doc[end])  # "le Conseil constitutionnel": the tagger's entity stops at "Conseil"
            end += 1
        if len(tokens) < 2 or not tokens[0].text[:1].isupper():
            return
        if not all(t.pos_ in ("ADJ", "PROPN") or (t.text[:1].isupper() and t.is_alpha) for t in tokens[1:]):
            return
        written = doc[tokens[0].i:end].text
        key = name_key(written)
        if key:
            self._full_orgs.setdefault(key.split()[0], {})[key] = written

    def full_organization(self, name: str) -> str | None:
        """The one organization the article names in full whose first words are `name`
        ("Conseil" -> "Conseil constitutionnel"); None when there is none or more than one."""
        words = name_key(name).split()
        named = self._full_orgs.get(words[0], {}) if words else {}
        if " ".join(words) in named:
            return None  # named so in full: "le Conseil constitutionnel français" is a longer way to say it
        found = sorted((key.split(), written) for key, written in named.items()
                       if key.split()[:len(words)] == words and len(key.split()) > len(words))
        if not found:
            return None
        # One body however many ways the article lengthens it ("Conseil constitutionnel",
        # "Conseil constitutionnel français"): the shortest, when every other one extends it.
        shortest = min(found, key=lambda kw: len(kw[0]))
        if all(kw[0][:len(shortest[0])] == shortest[0] for kw in found):
            return shortest[1]
        return None

    def epithets(self) -> dict[str, str]:
        return epithets(self._epithets, self.persons)

    def descriptions(self) -> dict[str, str]:
        return descriptions(self._descriptions, self.persons, self._person_names)

    def speech_owners(self) -> dict[str, tuple[str, str]]:
        return speech_owners(self._owners)
