"""Two claims in one sentence (annotation guide §1): a clause that no cue covers.

*Alors que l'arbitre avait accordé un penalty, il avait alors lâché : « … »* states
an unattributed fact and a quote. When a speech verb governs the sentence, a
finite clause hanging on it (before it, or after what was said) with a subject
of its own and no cue in it is a claim of its own.
"""

from __future__ import annotations

from bisect import bisect_left
from itertools import accumulate

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


class UnitClauses:
    """What every speech verb of one unit asks of it, computed once per unit: a unit cut
    at 3,000 characters can hold a hundred speech verbs, and walking its tokens again for
    each of them made a page of nested incises quadratic.

    Subtrees are read through their edges where they are contiguous (always, but for the
    rare non-projective arc the parser restores, where the tokens themselves are read)."""

    def __init__(self, doc, cue_chars: list[tuple[int, int]], in_quote: bool):
        self.doc = doc
        self.text = doc.text
        self.cue_chars = cue_chars
        self.quoted = quoted_ranges(self.text, in_quote)
        self.idx = [t.idx for t in doc]
        self.alpha = [0, *accumulate(int(t.is_alpha) for t in doc)]   # alphabetic tokens before i
        self.quote_marks = [0, *accumulate(ch in QUOTE_CHARS for ch in self.text)]
        self.size = _subtree_sizes(doc)
        # The first token inside a cue or a source: where a main clause before a speech verb stops.
        firsts = [bisect_left(self.idx, a) for a, _ in cue_chars]
        self.first_cue_token = min((k for k, (_, b) in zip(firsts, cue_chars) if k < len(self.idx) and self.idx[k] < b),
                                   default=len(doc))

    def alphabetic(self, tokens_or_range) -> int:
        if isinstance(tokens_or_range, range):
            return self.alpha[tokens_or_range.stop] - self.alpha[tokens_or_range.start]
        return sum(1 for t in tokens_or_range if t.is_alpha)

    def has_quote_mark(self, start: int, end: int) -> bool:
        return self.quote_marks[end] > self.quote_marks[start]

    def touches(self, ranges, start: int, end: int) -> bool:
        return any(a < end and start < b for a, b in ranges)

    def subtree(self, tok):
        """The token indices of `tok`'s subtree: a range when contiguous, else the tokens."""
        left, right = tok.left_edge.i, tok.right_edge.i
        if self.size[tok.i] == right - left + 1:
            return range(left, right + 1)
        return sorted(tok.subtree, key=lambda t: t.i)


def _subtree_sizes(doc) -> list[int]:
    heads = [t.head.i for t in doc]
    size = [1] * len(heads)
    depth = [0] * len(heads)
    for i in range(len(heads)):  # depth by walking up once per token, memoized
        path, j = [], i
        while heads[j] != j and depth[j] == 0:
            path.append(j)
            j = heads[j]
        d = depth[j]
        for k in reversed(path):
            d += 1
            depth[k] = d
    for i in sorted(range(len(heads)), key=lambda k: -depth[k]):  # leaves first
        if heads[i] != i:
            size[heads[i]] += size[i]
    return size


def detached_clauses(unit: UnitClauses, verb_i: int) -> list[tuple[int, int]]:
    """Character spans (in the unit) of clauses of `doc` that the speech verb does not cover."""
    doc, text = unit.doc, unit.text
    verb = doc[verb_i]
    spans = []
    main = _governing_clause(unit, verb)
    if main is not None:
        spans.append(main)
    for child in verb.children:
        if child.dep_ not in _DETACHABLE or not _finite(child) or not _own_subject(child):
            continue
        tokens = unit.subtree(child)
        first_i, last_i = (tokens.start, tokens.stop - 1) if isinstance(tokens, range) else (tokens[0].i, tokens[-1].i)
        last = doc[last_i]
        start, end = unit.idx[first_i], last.idx + len(last.text)
        if unit.has_quote_mark(start, end) or unit.touches(unit.cue_chars, start, end):
            continue
        if unit.alphabetic(tokens) < 4:
            continue
        # Never a clause inside what was said, nor one between the verb and its quote.
        if unit.touches(unit.quoted, start, end):
            continue
        if child.i > verb.i and not unit.quoted:
            continue
        while end > start and text[end - 1] in ",;:— ":
            end -= 1
        spans.append((start, end))
    return spans


def _governing_clause(unit: UnitClauses, verb) -> tuple[int, int] | None:
    """*Toute la classe politique a réagi, la droite pointant du doigt…*: when the speech verb
    hangs below the sentence's main clause, the main clause before it is a claim of its own."""
    doc, text = unit.doc, unit.text
    root = verb
    while root.head.i != root.i:
        root = root.head
    if root.i == verb.i or not _finite(root) or not _own_subject(root):
        return None
    if _finite(verb) and (verb.dep_ == "parataxis" or (verb.i > root.i and not any(
            c.dep_.startswith("nsubj") and c.i < verb.i for c in verb.children))):
        return None  # "…avec 20 000 euros, a déclaré le procureur": an incise governs what precedes it
    # The root is an ancestor of the verb, so never below it; what comes before the verb's
    # subtree is the main clause.
    first_below = verb.left_edge.i
    # Stop at the speech verb's clause, or at its speaker when that comes first (", la droite pointant…").
    first_below = min(first_below, unit.first_cue_token)
    last = first_below - 1
    while last >= 0 and (doc[last].pos_ == "CCONJ" or doc[last].is_punct):
        last -= 1  # "…indépendante, mais": the conjunction opens the next clause
    if last < 0 or root.i >= first_below:
        return None
    end_tok = doc[last]
    start, end = unit.idx[0], end_tok.idx + len(end_tok.text)
    while end > start and text[end - 1] in ",;:— ":
        end -= 1
    if unit.touches(unit.cue_chars, start, end) or unit.touches(unit.quoted, start, end):
        return None
    if unit.alphabetic(range(0, last + 1)) < 4:
        return None
    return start, end
