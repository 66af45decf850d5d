"""Which units are claims, which unattributed ones are check-worthy, how sure we are.

Annotation guide §1 and §5: opinions, questions, exclamations, fragments,
first-person framing, headings without a finite verb and boilerplate are not
claims; an unattributed claim is check-worthy when it asserts a checkable fact
(a figure, a date, an event, what a named actor did or said).
"""

from __future__ import annotations

import re

from ..textnorm import fold
from .arrays import first

_BOILERPLATE = re.compile(
    r"^(?:laisser un commentaire|votre adresse e-?mail|les champs obligatoires|views?\s*:|"
    r"partager|lire aussi|à lire aussi|publicité|abonnez-vous|auteur\s*:)",
    re.IGNORECASE,
)
# A byline: "par Stephen Bryen 24 octobre 2025" (case matters: "Par la suite, …" is prose).
_BYLINE = re.compile(r"^[Pp]ar\s+[A-ZÉ][\w-]+\s+[A-ZÉ][\w-]+")
_FIRST_PERSON_START = re.compile(r"^(?:je|j['’]|mon |ma |mes |nous ne|moi)", re.IGNORECASE)
_OPINION_START = re.compile(
    r"^(?:c['’]est|ce sont|cela|ça|voilà|voici|il faut|il est (?:clair|évident|raisonnable|temps)|"
    r"quoi qu|en bref|en résumé|pire encore|mais c['’]est|et c['’]est)",
    re.IGNORECASE,
)
_DIGIT = re.compile(r"\d")


def has_finite_verb(doc) -> bool:
    for tok in doc:
        if tok.pos_ in ("VERB", "AUX") and "Fin" in tok.morph.get("VerbForm"):
            return True
    return False


def is_claim(doc, unit_text: str, heading: bool, in_quote: bool, attributed: bool) -> bool:
    text = unit_text.strip()
    if not text or _BOILERPLATE.match(text) or _BYLINE.match(text):
        return False
    if text.rstrip("»” ").endswith("?"):
        return False
    if attributed:
        return True
    if not has_finite_verb(doc):
        return False
    words = [t for t in doc if not t.is_punct]
    if text.rstrip("»” ").endswith("!") and len(words) < 8:
        return False
    if not in_quote and _FIRST_PERSON_START.match(text.lstrip("«“\" ")):
        return False
    if not in_quote and _root_subject_is_first_person(doc):
        return False
    if len(words) < 3:
        return False
    return True


def _root_subject_is_first_person(doc) -> bool:
    root = first(doc, "DEP", "ROOT")
    return root is not None and any(
        c.dep_.startswith("nsubj") and c.lower_ in ("je", "j'", "j’", "nous") for c in doc[root].children)


def checkworthiness(doc, unit_text: str, has_dates: bool) -> float:
    """A score in [0, 1]: how much the unit asserts something a fact-checker can verify.

    A declarative claim starts at 0.3; each factual anchor (a figure, a date, a named
    entity, a completed event, a named subject) adds to it; the marks of opinion and
    interpretation (evaluative *c'est*, modal *devoir*/*falloir*/*sembler*) take away.
    """
    score = 0.3
    text = unit_text.strip()
    if _DIGIT.search(text) or any(t.like_num and t.pos_ == "NUM" for t in doc):
        score += 0.3
    if has_dates:
        score += 0.2
    ents = [e for e in doc.ents if e.label_ in ("PER", "ORG", "LOC", "MISC")]
    if ents:
        score += 0.2
    root = _main_verb(doc)
    if root is not None:
        tense = root.morph.get("Tense")
        if "Past" in tense or any(c.dep_.startswith("aux") for c in root.children):
            score += 0.15
        subj = [c for c in root.children if c.dep_.startswith("nsubj")]
        if subj and (subj[0].ent_type_ or subj[0].pos_ == "PROPN"):
            score += 0.1
        lemma = fold(root.lemma_)
        if lemma in ("devoir", "falloir", "sembler", "paraitre") or (
                lemma == "expliquer" and any(c.lower_ in ("s'", "se") for c in root.children)):
            score -= 0.3
        if root.pos_ in ("ADJ", "NOUN") and any(c.dep_ == "cop" for c in root.children) and not ents \
                and not _DIGIT.search(text):
            score -= 0.25  # "La situation est grave": an assessment
    if _OPINION_START.match(text) and not _DIGIT.search(text):
        score -= 0.4
    if "!" in text or "?" in text:
        score -= 0.2
    return max(0.0, min(1.0, score))


CHECKWORTHY_AT = 0.4


def _main_verb(doc):
    """The parse's root, or in a headline with a kicker ("Mali : les islamistes poursuivent…")
    the first finite verb after the colon: the kicker is a label, not the sentence."""
    root = first(doc, "DEP", "ROOT")
    colon = first(doc, "ORTH", ":")
    if colon is not None and colon <= 4 and (root is None or root < colon):
        after = next((t for t in doc[colon + 1:] if t.pos_ in ("VERB", "AUX") and "Fin" in t.morph.get("VerbForm")), None)
        if after is not None:
            return after.head if after.dep_.startswith("aux") else after
    return doc[root] if root is not None else None
