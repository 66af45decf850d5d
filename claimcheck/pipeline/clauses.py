"""Two claims in one sentence (annotation guide §1): a clause that no cue covers.

*Alors que l'arbitre avait accordé un penalty, il avait alors lâché : « … »* states
an unattributed fact and a quote. When a speech verb governs the sentence, a
finite clause hanging on it (before it, or after what was said) with a subject
of its own and no cue in it is a claim of its own.
"""

from __future__ import annotations

QUOTE_CHARS = set("«»“”\"")
_DETACHABLE = ("advcl", "conj", "parataxis")


def _finite(tok) -> bool:
    if tok.pos_ in ("NOUN", "ADJ", "PROPN"):  # "Ces actes sont des représailles": a copula clause
        return any(c.dep_ == "cop" and "Fin" in c.morph.get("VerbForm") for c in tok.children)
    return tok.pos_ in ("VERB", "AUX") and ("Fin" in tok.morph.get("VerbForm") or any(
        c.dep_.startswith("aux") and "Fin" in c.morph.get("VerbForm") for c in tok.children))


def _own_subject(tok) -> bool:
    return any(c.dep_.startswith("nsubj") and c.lower_ not in ("qui", "que") for c in tok.children)


def quoted_ranges(text: str, in_quote: bool) -> list[tuple[int, int]]:
    """Character ranges of a unit that are quoted speech; an unclosed quote runs to the end."""
    ranges = []
    start = 0 if in_quote else None
    for i, ch in enumerate(text):
        if ch in "«“" and start is None:
            start = i
        elif ch in "»”" and start is not None:
            ranges.append((start, i + 1))
            start = None
    if start is not None:
        ranges.append((start, len(text)))
    return ranges


def detached_clauses(doc, verb_i: int, cue_chars: list[tuple[int, int]], in_quote: bool = False) -> list[tuple[int, int]]:
    """Character spans (in the unit) of clauses of `doc` that the speech verb does not cover."""
    verb = doc[verb_i]
    spans = []
    quoted = quoted_ranges(doc.text, in_quote)
    main = _governing_clause(doc, verb, cue_chars, quoted)
    if main is not None:
        spans.append(main)
    for child in verb.children:
        if child.dep_ not in _DETACHABLE or not _finite(child) or not _own_subject(child):
            continue
        tokens = sorted(child.subtree, key=lambda t: t.i)
        if verb.i in {t.i for t in tokens}:
            continue
        start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
        text = doc.text[start:end]
        if any(ch in QUOTE_CHARS for ch in text) or any(a < end and start < b for a, b in cue_chars):
            continue
        if len([t for t in tokens if t.is_alpha]) < 4:
            continue
        # Never a clause inside what was said, nor one between the verb and its quote.
        if any(a < end and start < b for a, b in quoted):
            continue
        if child.i > verb.i and not quoted:
            continue
        while end > start and doc.text[end - 1] in ",;:— ":
            end -= 1
        spans.append((start, end))
    return spans


def _governing_clause(doc, verb, cue_chars, quoted) -> tuple[int, int] | None:
    """*Toute la classe politique a réagi, la droite pointant du doigt…*: when the speech verb
    hangs below the sentence's main clause, the main clause before it is a claim of its own."""
    root = verb
    while root.head.i != root.i:
        root = root.head
    if root.i == verb.i or not _finite(root) or not _own_subject(root):
        return None
    if _finite(verb) and (verb.dep_ == "parataxis" or (verb.i > root.i and not any(
            c.dep_.startswith("nsubj") and c.i < verb.i for c in verb.children))):
        return None  # "…avec 20 000 euros, a déclaré le procureur": an incise governs what precedes it
    below = {t.i for t in verb.subtree}
    if root.i in below:
        return None
    first_below = min(below)
    # Stop at the speech verb's clause, or at its speaker when that comes first (", la droite pointant…").
    for t in doc[:first_below]:
        if any(a <= t.idx < b for a, b in cue_chars):
            first_below = t.i
            break
    tokens = [t for t in doc if t.i < first_below and t.i not in below]
    while tokens and (tokens[-1].pos_ == "CCONJ" or tokens[-1].is_punct):
        tokens.pop()  # "…indépendante, mais": the conjunction opens the next clause
    if not tokens or root.i >= first_below:
        return None
    start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
    while end > start and doc.text[end - 1] in ",;:— ":
        end -= 1
    if any(a < end and start < b for a, b in cue_chars) or any(a < end and start < b for a, b in quoted):
        return None
    if len([t for t in tokens if t.is_alpha]) < 4:
        return None
    return start, end
