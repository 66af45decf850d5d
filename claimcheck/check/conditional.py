"""The *conditionnel journalistique* in French text, found without a parser.

"Le suspect aurait quitté la ville", "le ministre serait en fuite", "l'armée
pourrait avoir tiré": the press uses the conditional to report what it has not
confirmed. Its third-person forms end in -rait / -raient, as do imperfects of
verbs whose stem ends in r ("il déclarait", "il montrait", "il tirait"). A
conditional is built on the future stem (infinitive-like, always ending in r:
"déclarer-ait", "viendr-ait", "aur-ait"), so the stem before -ait tells them
apart; the few imperfect stems that look like future stems are listed.
"""

from __future__ import annotations

import re

_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")

# Nouns and adjectives, and forms of "traire", that end like a conditional.
_NOT_VERBS = {"trait", "attrait", "portrait", "autoportrait", "extrait", "retrait", "abstrait",
              "distrait", "soustrait", "traient", "extraient", "distraient", "soustraient", "abstraient"}

# Future stems that end like an imperfect stem: kept whole, compared exactly.
_IRREGULAR_STEMS = {"aur", "saur", "ir", "pourr", "courr", "mourr", "verr", "enverr", "renverr",
                    "parcourr", "secourr", "accourr", "concourr", "recourr", "encourr", "acquerr",
                    "conquerr", "requerr"}
# Endings of future stems (conditional) that imperfect stems never or rarely have.
_FUTURE_STEM_ENDINGS = ("er", "ir", "ïr", "dr", "vr", "ettr", "attr", "aîtr", "aitr", "oîtr", "oitr",
                        "aincr", "ompr", "clur", "oir", "air")
# Imperfect stems with one of those endings: verbs in -irer, -drer, -vrer, -airer.
_IMPERFECT_STEMS = {"tir", "retir", "attir", "étir", "soutir", "inspir", "aspir", "expir", "respir",
                    "conspir", "transpir", "admir", "mir", "vir", "chavir", "délir", "empir", "soupir",
                    "désir", "déchir", "cir", "cadr", "encadr", "recadr"}
_IMPERFECT_STEM_ENDINGS = ("ouvr", "livr", "œuvr", "oeuvr", "sevr", "enivr", "navr", "givr", "cuivr",
                           "poivr", "clair", "flair", "affair")

# Modals: "pourrait augmenter" forecasts, "pourrait avoir tiré" reports; only the latter counts.
_MODAL_STEMS = {"pourr", "devr"}
# Wishes and advice, not reporting: "il faudrait", "il vaudrait mieux", "il voudrait".
_NEVER_STEMS = {"faudr", "vaudr", "voudr"}
_AUXILIARIES = {"avoir", "être", "etre"}
_BETWEEN_MODAL_AND_AUX = {"bien", "déjà", "deja", "même", "meme", "également", "egalement", "aussi",
                          "en", "effet", "ne", "pas", "y", "l", "s", "se", "lui", "leur", "donc"}

# A conditional that answers an "if" clause is a hypothesis, not a report.
_HYPOTHESIS = re.compile(r"\b(?:si|s['’]ils?)\b|\bau cas où\b", re.IGNORECASE)


def future_stem(word: str) -> str | None:
    """The stem before a third-person -ait / -aient ending that follows an r, else None."""
    w = word.lower()
    if w.endswith("raient"):
        return w[:-5]
    if w.endswith("rait"):
        return w[:-3]
    return None


def is_conditional(word: str) -> bool:
    """Whether `word` is a third-person present conditional (any verb)."""
    w = word.lower()
    stem = future_stem(w)
    if stem is None or w in _NOT_VERBS or len(stem) < 2:
        return False
    if stem in _IRREGULAR_STEMS:
        return True
    if stem in _IMPERFECT_STEMS or stem.endswith(_IMPERFECT_STEM_ENDINGS):
        return False
    if stem.endswith("rr") or stem.endswith("ér"):
        return False
    return stem.endswith(_FUTURE_STEM_ENDINGS)


# Words in -ait that are no imperfect: participles and nouns.
_NOT_IMPERFECT = {"fait", "défait", "refait", "satisfait", "parfait", "forfait", "bienfait", "méfait",
                  "lait", "souhait", "trait", "attrait", "portrait", "retrait", "extrait", "abstrait",
                  "distrait", "soustrait"}


def _is_imperfect(word: str) -> bool:
    w = word.lower()
    return (w.endswith("ait") or w.endswith("aient")) and w not in _NOT_IMPERFECT and not is_conditional(w)


def conditionals(text: str) -> list[tuple[int, int, str]]:
    """Journalistic conditionals in `text`: (start, end, word), in order."""
    words = [(m.start(), m.end(), m.group()) for m in _WORD.finditer(text)]
    hypothesis_from = None
    for m in _HYPOTHESIS.finditer(text):
        # "si le texte était adopté, il coûterait…": an imperfect after "si" makes the sentence a hypothesis.
        if "cas" in m.group().lower() or any(_is_imperfect(w) for s, _, w in words if s > m.start()):
            hypothesis_from = m.start()
            break
    found = []
    for i, (start, end, word) in enumerate(words):
        if not is_conditional(word):
            continue
        if hypothesis_from is not None:
            continue
        stem = future_stem(word)
        if stem in _NEVER_STEMS:
            continue
        if stem == "dir" and i > 0 and words[i - 1][2].lower() == "on":  # "on dirait": it looks like
            continue
        if stem in _MODAL_STEMS and not _auxiliary_follows(words, i):
            continue
        found.append((start, end, word))
    return found


def _auxiliary_follows(words: list[tuple[int, int, str]], i: int) -> bool:
    for _, _, nxt in words[i + 1:i + 5]:
        low = nxt.lower()
        if low in _AUXILIARIES:
            return True
        if low not in _BETWEEN_MODAL_AND_AUX:
            return False
    return False
