"""Attribution cues in one sentence unit, each with its sources.

Families (annotation guide §2): prepositions and locutions (*selon X*),
chains (*cité par X*, *citant X*), reporting verbs in any order (*a déclaré X*,
*estime Berne*, *a-t-il ajouté*), direct quotes with a speaker, parenthetical
citations *(Reuters, 4 novembre 2025)*, and speech nouns owned by a source
introducing what follows (*Voici la déclaration du Trésor :*).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from .. import canon, datafiles
from ..dates import DateMention, find_dates, find_next_day
from ..textnorm import fold
from . import lexicon
from .arrays import positions
from .clauses import quoted_ranges
from .sources import (
    FIRST_PERSON,
    PRONOUNS,
    ArticleContext,
    SourceMention,
    Tok,
    analyze_phrase,
    split_items,
)

HARD_STOPS = {":", ";", "—", "–", "(", ")", "«", "»", "“", "”", '"', ".", "!", "?", "…", "[", "]"}
_QUOTE_RE = re.compile(r"«[^«»]*»?|“[^“”]*”?|\"[^\"]*\"?")
_PAREN_RE = re.compile(r"\(([^()]{2,300})\)")
_PAREN_PREFIX = re.compile(r"^(?:analyse|analyses|source|sources|via|d'après|selon|cf\.?|voir|lire)\s+", re.IGNORECASE)


@dataclass
class CueMention:
    start: int
    end: int
    text: str
    lemma: str
    family: str
    sources: list[SourceMention] = field(default_factory=list)
    intro: bool = False  # introduces the next paragraph ("Voici la déclaration du Trésor :")
    seg_end: int = 0  # where the cue's source list ends
    verb_i: int | None = None  # token index (in the unit) of the speech verb, for clause splitting
    # "Pastor l'avait annoncé" ("clitic"), "C'est ce qu'a annoncé X" ("ce"): covers the sentence before
    backward: str = ""
    nested: bool = False  # a report inside a quote ("« Le BEA nous a affirmé que… »"): the quote's speaker relays it


@lru_cache(maxsize=1)
def _locutions() -> list[tuple[str, str]]:
    locs = [(fold(l.text), l.family) for l in datafiles.cues().locutions]
    return sorted(locs, key=lambda x: -len(x[0]))


@lru_cache(maxsize=1)
def _locutions_by_start() -> dict[str, list[tuple[str, str]]]:
    """The locutions by their first two characters (every one has at least four), each list
    longest first as in _locutions: a token is compared with the few that can start there,
    not with all of them (this was run for every token of every sentence)."""
    out: dict[str, list[tuple[str, str]]] = {}
    for loc, family in _locutions():
        out.setdefault(loc[:2], []).append((loc, family))
    return out


@lru_cache(maxsize=1 << 14)
def _may_start_locution(word: str) -> bool:
    """Whether a locution can start with a token that folds to `word`: the folded text from
    the token on begins with `word`, so a locution matching there either begins with `word`
    or is a prefix of it. One answer per distinct word, and no window of text is folded for
    the nine tokens in ten where no locution can start."""
    return any(loc.startswith(word) or word.startswith(loc) for loc, _ in _locutions())


@lru_cache(maxsize=1)
def _not_cues() -> tuple[str, ...]:
    return tuple(fold(x) for x in datafiles.cues().not_cues)


@lru_cache(maxsize=1)
def _verbs() -> frozenset[str]:
    return lexicon.reporting_lemmas()


def _match_locution(toks, i, text) -> tuple[int, str, str] | None:
    """(end token index, locution, family) of a locution starting at toks[i]."""
    tok = toks[i]
    if i > 0 and toks[i - 1].idx_abs + len(toks[i - 1].text) == tok.idx_abs and toks[i - 1].text[-1:] not in "'’":
        return None  # inside a word
    if not _may_start_locution(fold(tok.text)):
        return None
    head = fold(text[tok.idx_abs:tok.idx_abs + 40])
    for loc, family in _locutions_by_start().get(head[:2], ()):
        if head.startswith(loc) and (len(head) == len(loc) or not head[len(loc)].isalnum() or loc.endswith("'")):
            end_char = tok.idx_abs + len(loc)
            j = i
            while j + 1 < len(toks) and toks[j + 1].idx_abs < end_char:
                j += 1
            return j + 1, loc, family
    return None


def _is_finite_verb(tok) -> bool:
    # A capitalized word inside a sentence is a name the tagger misread ("Kyiv Post", "Independent").
    if tok.text[:1].isupper() and tok.i > 0:
        return False
    return tok.pos_ in ("VERB", "AUX") and "Fin" in tok.morph.get("VerbForm")


def _segment_end(toks, start: int, text) -> int:
    """Where the source list after a cue ends (exclusive token index)."""
    k = start
    n = len(toks)
    while k < n:
        tok = toks[k]
        if tok.text in HARD_STOPS or tok.text == "-" and tok.whitespace_ and k > start:
            return k
        if _is_finite_verb(tok) or fold(tok.text) in ("que", "qu'", "qui"):
            return k
        if tok.text == ",":
            nxt = toks[k + 1] if k + 1 < n else None
            if nxt is None:
                return k
            m = _match_locution(toks, k + 1, text)
            if m and m[2] == "citing":
                k += 1
                continue
            if not _looks_like_item(toks, k + 1):
                return k
        elif k > start:
            m = _match_locution(toks, k, text)
            if m and m[2] == "preposition" and m[1] != "pour":
                return k
        k += 1
    return k


def _looks_like_item(toks, k: int) -> bool:
    """After a comma: does a further list item follow (a name, not a clause)?"""
    n = len(toks)
    if k >= n:
        return False
    tok = toks[k]
    if fold(tok.text) in ("et", "ou", "ainsi"):
        k += 1
        if k >= n:
            return False
        tok = toks[k]
    if not (tok.pos_ in ("PROPN",) or (tok.text[:1].isupper() and tok.is_alpha) or
            (tok.pos_ == "DET" and k + 1 < n and toks[k + 1].text[:1].isupper())):
        return False
    j = k
    while j < n and toks[j].text not in HARD_STOPS and toks[j].text != ",":
        if _is_finite_verb(toks[j]):
            return False
        j += 1
    return True


def _cut_item(item: list) -> list:
    """The noun phrase of an item, without a trailing participle or relative clause."""
    for k, tok in enumerate(item):
        if k == 0:
            continue
        if tok.pos_ == "VERB" and "Part" in tok.morph.get("VerbForm") and not tok.text[:1].isupper():
            return item[:k]
        if fold(tok.text) in ("qui", "que", "lors", "a", "au", "aux", "sur", "pour", "dans", "le", "la", "les", "l'", "depuis"):
            if fold(tok.text) in ("le", "la", "les", "l'") and k + 1 < len(item) and item[k + 1].like_num:
                return item[:k]  # "parlant aux reporters le 12 octobre"
            if fold(tok.text) in ("a", "au", "aux", "sur", "pour", "dans", "lors", "qui", "que", "depuis"):
                return item[:k]
    return item


def parse_source_list(toks, start: int, end: int, ctx: ArticleContext, first_role: str = "origin") -> list[SourceMention]:
    """Sources of toks[start:end]: coordinated items, chains and the dates after them."""
    text = ctx.text
    if start >= end:
        return []
    seg_start = toks[start].idx_abs
    seg_end = toks[end - 1].idx_abs + len(toks[end - 1].text)
    dates = [d for d in find_dates(text[seg_start:seg_end], ctx.published)]
    dates = [d.shifted(seg_start) for d in dates]

    def in_date(tok) -> bool:
        return any(d.start <= tok.idx_abs < d.end for d in dates)

    # Blocks split by chain cues; each block has a role.
    blocks: list[tuple[str, list]] = [(first_role, [])]
    k = start
    while k < end:
        m = _match_locution(toks, k, text)
        if m and m[2] in ("relay", "citing") and m[0] <= end:
            if m[2] == "relay":
                blocks = [("origin", b) for _, b in blocks]
                blocks.append(("relay", []))
            else:  # "X citant Y": X relays Y
                blocks = [("relay", b) for _, b in blocks]
                blocks.append(("origin", []))
            k = m[0]
            continue
        blocks[-1][1].append(toks[k])
        k += 1

    sources: list[SourceMention] = []
    # A date belongs to the block it follows, up to where the next block starts.
    limits = [b[0].idx_abs if b else seg_end for _, b in blocks[1:]] + [seg_end + 60]
    for (role, block), limit in zip(blocks, limits):
        raw_items = _drop_title_appositions(split_items([t for t in block if not in_date(t)]))
        placed: list[tuple[SourceMention, int]] = []
        for item in raw_items:
            item = _strip_date_words(_cut_item(item))
            src = analyze_phrase(item, ctx) if item else None
            if src is None:
                continue
            src.role = role
            placed.append((src, item[-1].idx_abs))
        if not placed:
            continue
        block_dates = [d for d in dates if d.from_ is not None and block and block[0].idx_abs <= d.start < limit]
        for d in block_dates:
            before = [p for p in placed if p[1] < d.start]
            if not before:
                continue
            owner = before[-1][0]
            if d not in owner.dates:
                owner.dates.append(d)
        # One date after the list applies to each undated source of it.
        last = placed[-1][0]
        if last.dates:
            for src, _ in placed[:-1]:
                if not src.dates:
                    src.dates = list(last.dates)
        sources.extend(src for src, _ in placed)
    return sources


def _drop_title_appositions(items: list[list]) -> list[list]:
    """"selon le président du conseil du CERN, Michel Spiro": a title followed by the name of who
    holds it is one source, the person (not also the institution in the title)."""
    titles = datafiles.folded("person_titles")
    out = []
    for n, item in enumerate(items):
        nxt = items[n + 1] if n + 1 < len(items) else None
        nouns = [t for t in item if t.pos_ == "NOUN"]
        if nxt and item[0].pos_ == "DET" and nouns and fold(nouns[0].text) in titles and \
                not any(t.ent_type_ == "PER" for t in item) and nxt[0].ent_type_ == "PER":
            continue
        out.append(item)
    return out


def _strip_date_words(item: list) -> list:
    while item and fold(item[-1].text) in ("du", "de", "des", "d'", "le", "publie", "publiee", "publies", "publiees", "date", "datee"):
        item = item[:-1]
    return item


def _claim_after_colon(toks, end: int) -> bool:
    return end < len(toks) and toks[end].text == ":"


def _preposition_cues(toks, ctx: ArticleContext) -> list[CueMention]:
    found: list[CueMention] = []
    text = ctx.text
    i = 0
    while i < len(toks):
        m = _match_locution(toks, i, text)
        said_on = None
        if not m:
            dated = _dated_relay(toks, i, ctx)
            if dated is None:
                i += 1
                continue
            m, said_on = dated[:3], dated[3]
        j, loc, family = m
        head = fold(text[toks[i].idx_abs:toks[i].idx_abs + 60])
        if any(head.startswith(nc) for nc in _not_cues()):
            i = j
            continue
        if family == "preposition":
            if loc == "pour" and not _pour_is_cue(toks, i):
                i = j
                continue
            seg_end = _segment_end(toks, j, text)
            if loc in ("de source", "de sources") and _negated_before(toks, i):
                i = j  # "n'a pas été confirmé de source indépendante": the text says no source has it
                continue
            if loc in ("de source", "de sources"):  # "de source diplomatique": an unnamed source
                last = toks[seg_end - 1] if seg_end > j else toks[j - 1]
                s0, e0 = toks[i].idx_abs + 3, last.idx_abs + len(last.text)
                sources = [SourceMention(s0, e0, text[s0:e0], "anonymous", text[s0:e0])]
            else:
                sources = parse_source_list(toks, j, seg_end, ctx)
                owner = _owned_speech_before(toks, i, ctx) if sources and loc != "pour" else None
                if owner is not None and all(src.canonical != owner.canonical for src in sources):
                    # "les déclarations de Trump du 2 novembre selon CNN": Trump said it, CNN relays it
                    for src in sources:
                        src.role = "relay"
                    sources.insert(0, owner)
            if loc == "pour" and not any(s.type in ("person", "organization", "media", "anonymous") for s in sources):
                i = j
                continue
            if sources:
                # "selon X, cité par Y" continues the chain in the same list.
                start_c, end_c = toks[i].idx_abs, toks[j - 1].idx_abs + len(toks[j - 1].text)
                last = toks[seg_end - 1] if seg_end > j else toks[j - 1]
                found.append(CueMention(start_c, end_c, text[start_c:end_c], loc, "preposition", sources,
                                        seg_end=last.idx_abs + len(last.text)))
            i = max(seg_end, j)
            continue
        if family == "relay":
            origin = _left_phrase(toks, i, text)
            seg_end = _segment_end(toks, j, text)
            relays = parse_source_list(toks, j, seg_end, ctx, first_role="relay")
            if said_on is not None:  # "diffusé mardi 3 juillet par Al Jazeera": when the outlet published
                for relay in relays:
                    if not relay.dates:
                        relay.dates.append(said_on)
            sources = []
            if origin and _bare_speech_noun(origin):
                # "un reportage diffusé par Al Jazeera": the outlet is who says so
                for relay in relays:
                    relay.role = "origin"
            elif origin:
                src = analyze_phrase(origin, ctx)
                if src:
                    src.role = "origin"
                    sources.append(src)
            sources.extend(relays)
            if relays:
                start_c, end_c = toks[i].idx_abs, toks[j - 1].idx_abs + len(toks[j - 1].text)
                found.append(CueMention(start_c, end_c, text[start_c:end_c], loc, "relay", sources))
            i = max(seg_end, j)
            continue
        i = j  # a citing locution on its own ("citant") is read as part of a list
    return found


@lru_cache(maxsize=1)
def _relay_participles() -> dict[str, str]:
    """"diffusé" -> "diffusé par": the participles of the chain locutions that end in *par*."""
    return {loc[:-len(" par")]: loc for loc, family in _locutions() if family == "relay" and loc.endswith(" par")}


_DATE_LEAD = re.compile(r"^\s*(?:(?:le|ce)\s+)?$", re.IGNORECASE)
_PAR_AFTER = re.compile(r"^\s*(?:,\s*)?par\b", re.IGNORECASE)


def _dated_relay(toks, i: int, ctx: ArticleContext):
    """*un reportage diffusé mardi 3 juillet par Al Jazeera*, *publié le 2 novembre par CNN*:
    a chain participle whose date sits before *par*. (end index, locution, family, date) or None."""
    tok = toks[i]
    loc = _relay_participles().get(fold(tok.text))
    if loc is None:
        return None
    text = ctx.text
    after = tok.idx_abs + len(tok.text)
    window = text[after:after + 60]
    for d in find_dates(window, ctx.published):
        if d.from_ is None or not _DATE_LEAD.match(window[:d.start]):
            continue
        par = _PAR_AFTER.match(window[d.end:])
        if par is None:
            return None
        par_end = after + d.end + par.end()
        j = i + 1
        while j < len(toks) and toks[j].idx_abs < par_end:
            j += 1
        return j, loc, "relay", d.shifted(after)
    return None


_NEGATION = {"ne", "n'", "n’", "pas", "jamais", "nullement", "aucun", "aucune", "guère"}


def _owned_speech_before(toks, i: int, ctx: ArticleContext) -> SourceMention | None:
    """The owner of a speech noun in the clause before a *selon* cue: *les avertissements de
    Poutine selon CNN*, *le rapport du Pentagone du 31 octobre approuvant le transfert selon CNN*.
    Only a named owner (person, organization, outlet) counts, with a date written right after it."""
    k = i - 1
    while k >= 0 and k >= i - 30 and toks[k].text not in HARD_STOPS and toks[k].text != "," \
            and not _is_finite_verb(toks[k]) and fold(toks[k].text) not in ("que", "qu'", "qui"):
        k -= 1
    clause = toks[k + 1:i]
    speech = datafiles.folded("speech_nouns")
    for n, tok in enumerate(clause[:-1]):
        if tok.pos_ != "NOUN" or fold(tok.lemma_ or tok.text) not in speech:
            continue
        rest = clause[n + 1:]
        m = 0
        while m < len(rest) and rest[m].pos_ == "ADJ":  # "les déclarations précédentes de Trump"
            m += 1
        if m >= len(rest) or fold(rest[m].text) not in ("de", "du", "des", "d'"):
            return None
        owner = []
        for t in rest[m + 1:]:
            if owner and (t.pos_ in ("ADP", "VERB", "SCONJ", "ADV") or t.like_num):
                break
            owner.append(t)
        src = analyze_phrase(owner, ctx) if owner else None
        if src is None or src.type not in ("person", "organization", "media"):
            return None
        src.role = "origin"
        after = owner[-1].idx_abs + len(owner[-1].text)
        window = ctx.text[after:after + 40]
        for d in find_dates(window, ctx.published):
            if d.from_ is not None and re.match(r"^\s*(?:du|de|d['’])\s*$", window[:d.start]):
                src.dates.append(d.shifted(after))
            break
        return src
    return None


def _negated_before(toks, i: int) -> bool:
    """A negation in the clause just before toks[i] ("n'a pas été confirmée de source …")."""
    k = i - 1
    while k >= 0 and k >= i - 8 and toks[k].text not in HARD_STOPS and toks[k].text != ",":
        if toks[k].lower_ in _NEGATION:
            return True
        k -= 1
    return False


def _bare_speech_noun(tokens) -> bool:
    """A document named by no one ("un reportage", "le rapport") is not a source of its own."""
    nouns = [t for t in tokens if t.pos_ in ("NOUN", "PROPN")]
    return len(nouns) == 1 and nouns[0].pos_ == "NOUN" and fold(nouns[0].lemma_) in datafiles.folded("speech_nouns")


def _pour_is_cue(toks, i: int) -> bool:
    """*pour X, …* introduces a source only at a clause start, before a comma."""
    if i > 0 and toks[i - 1].text not in (",", "—", "et", "mais", "Et", "Mais"):
        return False
    k = i + 1
    while k < len(toks) and toks[k].text != ",":
        if toks[k].text in HARD_STOPS or _is_finite_verb(toks[k]) or toks[k].pos_ == "VERB":
            return False
        k += 1
    return k < len(toks) and k - i <= 10


def _left_phrase(toks, i: int, text: str) -> list:
    """The noun phrase just before a chain cue: "le rapport du Pentagone" in "… cité par CNN"."""
    k = i - 1
    out = []
    while k >= 0:
        tok = toks[k]
        if tok.text in HARD_STOPS or tok.text == "," or _is_finite_verb(tok) or tok.pos_ in ("VERB", "SCONJ"):
            break
        m = _match_locution(toks, k, text)
        if m and m[1] in ("selon", "d'apres"):
            break
        out.insert(0, tok)
        k -= 1
    return out


def _subject_tokens(verb, toks) -> list:
    """The verb's subject phrase, with appositions, without relative clauses."""
    base = toks[0].idx_abs - toks[0].idx
    relative = next((c for c in verb.children if c.dep_.startswith("nsubj") and c.lower_ in ("qui", "lequel", "laquelle")), None)
    if relative is not None and verb.dep_ == "acl:relcl":
        # "Bernard Bonnet, …, qui lui avait rétorqué": the speaker is what the clause is about.
        head = verb.head
        doc = verb.doc
        if head.dep_ == "appos" and head.head.ent_type_ == "PER":
            head = head.head  # "Bernard Bonnet, le successeur de …, qui lui avait rétorqué"
        else:
            left = min(t.i for t in head.subtree)
            if left >= 2 and doc[left - 1].text == "," and doc[left - 2].ent_type_ == "PER":
                head = doc[left - 2]
        ent = next((e for e in doc.ents if e.start <= head.i < e.end), None)
        span = list(ent) if ent is not None else sorted(
            (t for t in head.subtree if t.i < verb.i and not _in_relcl(t, head)), key=lambda t: t.i)
        return [Tok(t, base) for t in span]
    clitic = next((c for c in verb.children if c.lower_ in ("-il", "-elle", "-ils", "-elles", "-on")), None)
    if clitic is not None:  # "» avait-il lancé": the inverted pronoun is the subject, not a word of the quote
        return [Tok(clitic, base)]
    impersonal = _impersonal_head(verb)
    for child in verb.children:
        if impersonal and child.lower_ == "il":
            continue  # "il est bon de rappeler que…", "il semble que…": nobody speaks
        if child.dep_ in ("nsubj", "nsubj:pass") or (child.dep_ == "expl:subj" and child.lower_ in (
                "-il", "-elle", "-ils", "-elles", "-on", "il", "elle", "ils", "elles")):
            sub = [t for t in child.subtree if t.dep_ not in ("acl:relcl",) and not _in_relcl(t, child)]
            # keep a contiguous run around the head
            sub = sorted(sub, key=lambda t: t.i)
            run = [t for t in sub if abs(t.i - child.i) <= 25]
            if child.ent_type_ == "PER":  # "Emmanuel Macron" parsed as nsubj + advmod
                ent = next((e for e in verb.doc.ents if e.start <= child.i < e.end), None)
                if ent is not None:
                    run = sorted({*run, *ent}, key=lambda t: t.i)
            run += _apposed_name(verb.doc, run[-1].i + 1 if run else child.i + 1)
            run = _dislocated_name(verb.doc, run) + run
            colons = [i for i in positions(verb.doc, "ORTH", ":") if i < verb.i]
            if colons:  # "Syrie : Human Rights Watch dénonce…": a kicker is not the subject
                run = [t for t in run if t.i > colons[-1]] or [t for t in verb.doc[colons[-1] + 1:verb.i]
                                                               if t.pos_ != "AUX"]
            return [Tok(t, base) for t in run if not t.is_space]
    return []


def _dislocated_name(doc, run: list) -> list:
    """"Barroso, le président de la Commission, se dit…": a name opening the clause before the
    subject's description is who speaks (the parser leaves it out of the subject)."""
    if not run:
        return []
    left = run[0].i
    if left < 2 or doc[left - 1].text != "," or doc[left - 2].ent_type_ != "PER":
        return []
    ent = next((e for e in doc.ents if e.start <= left - 2 < e.end), None)
    if ent is None or (ent.start > 0 and not doc[ent.start - 1].is_punct):
        return []
    return list(ent) + [doc[left - 1]]


def _impersonal_head(verb) -> bool:
    """A verb or predicate that takes an empty *il*: "il semble", "il faut", "il est bon de"."""
    return fold(verb.lemma_) in ("etre", "falloir", "sembler", "paraitre", "apparaitre", "agir", "rester",
                                 "suffire", "valoir", "arriver", "exister") or (
        verb.pos_ in ("ADJ", "NOUN") and any(c.dep_ == "cop" for c in verb.children))


def _impersonal(verb) -> bool:
    return _impersonal_head(verb) and any(c.lower_ == "il" and (c.dep_.startswith("nsubj") or c.dep_ == "expl:subj")
                                          for c in verb.children)


def _apposed_name(doc, k: int) -> list:
    """", Scott Bessent" after "le secrétaire au Trésor": an apposed name the parser left out."""
    if k + 1 < len(doc) and doc[k].text == "," and doc[k + 1].ent_type_ == "PER":
        out = [doc[k]]
        j = k + 1
        while j < len(doc) and doc[j].ent_type_ == "PER":
            out.append(doc[j])
            j += 1
        return out
    return []


def _in_relcl(tok, root) -> bool:
    # spaCy makes a new Token object on each access: compare indices, not identity.
    while tok.i != root.i and tok.head.i != tok.i:
        if tok.dep_ in ("acl:relcl", "acl"):
            return True
        tok = tok.head
    return False


def _inverted_subject(verb, toks) -> list:
    """*estime Berne*, *indique le communiqué*, *lâche un diplomate allemand*."""
    base = toks[0].idx_abs - toks[0].idx
    doc = verb.doc
    k = _skip_addressee(doc, _skip_adverbs(doc, verb.i + 1))
    out = []
    while k < len(doc):
        tok = doc[k]
        if tok.text in HARD_STOPS or _is_finite_verb(tok) or tok.lower_ in ("que", "qu'", "qui"):
            break
        if tok.text == ",":
            # "le secrétaire au Trésor, Scott Bessent": keep the apposition
            if k + 1 < len(doc) and (doc[k + 1].pos_ == "PROPN" or doc[k + 1].ent_type_ == "PER"):
                out.append(tok)
                k += 1
                continue
            break
        if tok.pos_ == "ADP" and tok.lower_ in ("lors", "après", "avant", "pendant", "dans", "sur", "à") and out:
            break
        if out and tok.pos_ == "VERB" and "Part" in tok.morph.get("VerbForm") and not tok.text[:1].isupper():
            break  # "indique une analyse effectuée en Russie": the participle's complements name no source
        out.append(tok)
        k += 1
    if not out or out[0].pos_ not in ("DET", "PROPN", "NOUN", "PRON", "NUM", "ADJ"):
        return []
    return [Tok(t, base) for t in out]


def _skip_adverbs(doc, k: int) -> int:
    while k < len(doc) and doc[k].pos_ == "ADV" and doc[k].lower_ != "que":
        k += 1
    return k


def _addressee(doc, k: int) -> tuple[int, int] | None:
    """*à l'AFP*, *au Figaro*, *aux journalistes*: (start, end) of the phrase after a speech verb."""
    if k >= len(doc) or doc[k].lower_ not in ("à", "au", "aux"):
        return None
    j = k + 1
    if j < len(doc) and doc[j].pos_ == "DET":
        j += 1
    if j < len(doc) and (doc[j].pos_ in ("PROPN", "NOUN") or doc[j].text[:1].isupper()):
        end = j + 1
        if doc[j].pos_ == "NOUN" and doc[j].text.islower():
            # "à l'agence RIA Novosti", "au quotidien Le Monde": a known outlet named after the
            # common noun belongs to the phrase (the longest such name; a speaker may follow).
            n = j + 1
            while n < len(doc) and n < j + 6 and doc[n].text[:1].isupper():
                n += 1
            for stop in range(n, j + 1, -1):
                name = doc[j + 1:stop].text
                if canon.lookup(name):
                    return k, stop
        while end < len(doc) and doc[end].pos_ == "PROPN" and doc[end].ent_type_ == doc[j].ent_type_ and doc[end].ent_type_ != "PER":
            end += 1
        return k, end
    return None


def _skip_addressee(doc, k: int) -> int:
    span = _addressee(doc, k)
    return span[1] if span else k


def _interview_outlet(verb, ctx, base) -> SourceMention | None:
    """*a expliqué à l'AFP*, *confie au Figaro*: the outlet relays the speaker (guide §6)."""
    doc = verb.doc
    span = _addressee(doc, _skip_adverbs(doc, verb.i + 1))
    if span is None:
        return None
    e0 = base + doc[span[1] - 1].idx + len(doc[span[1] - 1].text)
    for first in range(span[0] + 1, span[1]):  # "à l'agence RIA Novosti": the outlet's own name
        s0 = base + doc[first].idx
        hit = canon.lookup(ctx.text[s0:e0], ctx.extra_gazetteer)
        if hit:
            return SourceMention(s0, e0, ctx.text[s0:e0], "media", hit[0], role="relay") if hit[1] == "media" else None
    return None


def _has_complement(verb, toks, quote_spans, lemma) -> bool:
    doc = verb.doc
    manner = lemma in lexicon.manner_verbs()  # only what was said, or an incise, makes these speech
    for child in () if manner else verb.children:
        if child.dep_ in ("ccomp", "xcomp", "parataxis") and child.i > verb.i:
            return True
        if child.dep_ in ("obj",) and lemma in lexicon.object_verbs():
            return True
        if child.dep_ == "obl:arg" and child.i > verb.i and lemma in lexicon.oblique_verbs():
            return True  # "s'alarment de la hausse", "reproche au maire d'avoir menti"
        if child.dep_ == "obl:arg" and lemma in lexicon.figure_verbs() and child.i > verb.i and any(t.like_num for t in child.subtree):
            return True  # "estime à 2,3 points l'écart": a figure the source puts forward
    window = doc[verb.i + 1: verb.i + 11]
    for tok in window:
        if tok.lower_ in ("que", "qu'", "qu’", ":") or tok.text in ("«", "“", '"'):
            return True
        if tok.text in (".", ";") or _is_finite_verb(tok):
            break
    # incise: the verb sits right after a quote or inside commas next to one
    prev = doc[verb.i - 1] if verb.i > 0 else None
    aux_prev = doc[verb.i - 2] if verb.i > 1 else None
    k = verb.i - 1
    while k >= 0 and (doc[k].pos_ == "AUX" or doc[k].lower_ in ("-il", "-elle", "-ils", "-elles", "-t", "-on")
                      or doc[k].dep_.startswith("aux") or doc[k].pos_ == "ADV" or _reflexive(doc[k])):
        k -= 1
    if k >= 0 and doc[k].text in ("»", "”"):
        return True  # "« … » indique Guido Tonelli", "… ! » avait-il lancé": the quote closes right before
    if quote_spans:
        for tok in (prev, aux_prev):
            if tok is not None and tok.text in (",", "»", "”", '"'):
                return True
        if any(t.lower_ in ("-il", "-elle", "-t", "-ils", "-elles", "-on") for t in doc[verb.i - 3: verb.i + 3]):
            return True
    if prev is not None and prev.text == "," and doc[verb.i + 1: verb.i + 2] and doc[verb.i + 1].pos_ in ("PROPN", "DET"):
        return True  # "Les Russes, a déclaré Lavrov, n'accepteraient…"
    if k >= 0 and doc[k].text == "," and doc[verb.i + 1: verb.i + 2] and \
            doc[verb.i + 1].lower_ in ("-il", "-elle", "-ils", "-elles", "-on", "-t"):
        return True  # "…, elles seraient cavalières, dit-il."
    if aux_prev is not None and aux_prev.text == "," and prev is not None and prev.pos_ == "AUX":
        return True
    return False


_ER_ENDINGS = ("aient", "ait", "ent", "ant", "ées", "és", "ée", "es", "é", "e", "a")


def verb_lemmas(tok) -> frozenset[str]:
    """The model's lemma and, because it sometimes leaves a form as is ("estime"),
    the infinitive of a first-group verb form."""
    return _verb_lemmas(tok.lemma_, tok.text)


@lru_cache(maxsize=1 << 14)
def _verb_lemmas(lemma: str, text: str) -> frozenset[str]:
    # Cached: the same few thousand words, asked about for every verb and every locution.
    low = fold(text)
    out = {fold(lemma), low}
    for ending in _ER_ENDINGS:
        ending = fold(ending)
        if low.endswith(ending) and len(low) > len(ending) + 2:
            out.add(low[: -len(ending)] + "er")
            break
    return frozenset(out)


def _names_an_actor(subj: list, src: SourceMention) -> bool:
    """The subject phrase is itself a name ("le Kremlin", "Mark Rutte"), not a thing that
    merely mentions one ("les négociations sans Tomahawks")."""
    head = next((t for t in subj if t.pos_ not in ("DET", "ADJ", "PUNCT")), None)
    return src.type in ("person", "organization", "media") and head is not None and (
        head.pos_ == "PROPN" or bool(head.ent_type_))


def _passive_without_agent(verb) -> bool:
    """A speech verb in the passive: its subject is what was said, not who said it. Reflexive
    forms ("s'est dit", "s'est réjoui") take *être* too but are active."""
    children = list(verb.children)
    if not any(c.dep_ == "aux:pass" for c in children) or any(_reflexive(c) for c in children):
        return False
    if any(c.dep_ == "obl:agent" for c in children):
        return False
    return any(c.dep_ == "nsubj:pass" for c in children)


def _split_auxiliary(verb):
    """*a de son côté dénoncé*, *a pour sa part condamné*: the auxiliary sits before a phrase
    the parser took for the participle's subject or object; the tense (and the subject) are its."""
    doc = verb.doc
    k = verb.i - 1
    gap = 0
    while k >= 0 and gap < 5 and doc[k].pos_ in ("ADP", "DET", "NOUN", "ADV", "PRON") and not doc[k].is_punct:
        k -= 1
        gap += 1
    if gap == 0 or k < 0 or fold(doc[k].lemma_) != "avoir" or "Fin" not in doc[k].morph.get("VerbForm"):
        return None
    first = doc[k + 1]
    if first.pos_ not in ("ADP", "ADV") or first.lower_ in ("des", "du", "aux", "au"):
        return None  # "a des amis dénoncés": an object, not an inserted phrase
    return doc[k]


def _reflexive(tok) -> bool:
    return tok.lower_ in ("se", "s'", "s’") and tok.pos_ == "PRON"


def _is_incise(tok) -> bool:
    """*, a déclaré Lavrov,* or *», lâche un diplomate*: a verb right after a comma or a quote."""
    doc = tok.doc
    k = tok.i - 1
    while k >= 0 and (doc[k].pos_ == "AUX" or doc[k].dep_.startswith("aux") or _reflexive(doc[k])):
        k -= 1  # "», s'est réjoui le président": the clitic belongs to the verb
    nxt = _skip_addressee(doc, _skip_adverbs(doc, tok.i + 1))
    if k >= 0 and doc[k].text == "," and nxt < len(doc) and doc[nxt].pos_ == "DET" and any(c.dep_.startswith("nsubj") and c.i < k for c in tok.children) \
            and any(c.dep_ == "obj" and c.i >= nxt for c in tok.children):
        return False  # "Les groupes, dont Amnesty, ont condamné ces attaques": a subject, then an object
    return k >= 0 and doc[k].text in (",", "»", "”", '"') and nxt < len(doc) and \
        doc[nxt].pos_ in ("PROPN", "DET", "NOUN") and not any(c.dep_.startswith("nsubj") and k < c.i < tok.i for c in tok.children)


def _inside_quote(tok, quoted: list[tuple[int, int]]) -> bool:
    return any(a <= tok.idx < b for a, b in quoted)


def _verb_cues(doc, toks, ctx: ArticleContext, unit_text: str, quote_spans, in_quote: bool = False) -> list[CueMention]:
    verbs = _verbs()
    found = []
    base = toks[0].idx_abs - toks[0].idx if toks else 0
    quoted = quoted_ranges(unit_text, in_quote)  # the verbs there are the speaker's words
    for i in positions(doc, "POS", "VERB"):
        tok = doc[i]
        if _inside_quote(tok, quoted):
            nested = _nested_report(tok, toks, ctx, base)
            if nested is not None:
                found.append(nested)
            continue
        candidates = verb_lemmas(tok) & verbs
        locution = _reporting_locution(tok)
        if not candidates and not locution:
            continue
        if tok.text[:1].isupper() and tok.i > 0 and doc[tok.i - 1].text not in HARD_STOPS:
            continue  # "Expose Facts", "Free Software Foundation Europe, Argument…": a capital mid-sentence is a name
        lemma = locution or sorted(candidates)[0]
        if fold(tok.text) in ("citant", "rapportant"):
            continue  # chain cues of a source list, read by parse_source_list
        forms = tok.morph.get("VerbForm")
        has_aux = any(c.dep_.startswith("aux") for c in tok.children)
        split_aux = None if has_aux or "Part" not in forms else _split_auxiliary(tok)
        has_aux = has_aux or split_aux is not None
        if "Part" in forms and not has_aux and "Pres" not in tok.morph.get("Tense") and not (
                fold(tok.text) in lexicon.incise_forms() and _is_incise(tok)):
            continue  # "le rapport cité", "rapportée par": adjectival participles belong to chains
        if lemma in lexicon.action_before_a_infinitive() and tok.i + 2 < len(doc) and doc[tok.i + 1].lower_ == "à" and doc[tok.i + 2].pos_ in ("VERB", "AUX"):
            continue  # "ont demandé à être rapatriés": an action, not speech (guide §6)
        if not locution and not _has_complement(tok, toks, quote_spans, lemma):
            continue
        if lemma in lexicon.intention_verbs() and _infinitive_follows(tok) and not _que_or_quote_follows(tok):
            continue  # "a prévu de revenir", "a souhaité faire": a plan, unless a que-clause or a quote follows
        if lemma in lexicon.reflexive_only() and not any(_reflexive(c) for c in tok.children):
            continue  # "cela inquiète les experts" says nothing; "s'inquiète que…" does
        if _passive_without_agent(tok):
            continue  # "des défaillances sont pointées du doigt": what is said, by no one named
        acl_speaker = "Part" in forms and "Pres" in tok.morph.get("Tense") and tok.dep_ == "acl"
        if acl_speaker and not _named(tok.head) and not _after_comma(tok.head):
            continue  # "une croyance locale affirmant que…": a participle of a thing, not a speaker
        subj = _inverted_subject(tok, toks) if _is_incise(tok) or _after_ce_que(tok) else []
        if acl_speaker and not subj:  # ", la droite pointant du doigt…": the noun the participle hangs on
            below = {t.i for t in tok.subtree}
            subj = [Tok(t, base) for t in sorted(tok.head.subtree, key=lambda t: t.i) if t.i not in below and t.i <= tok.head.i]
        subj = subj or _subject_tokens(tok, toks) or _controller(tok, base)
        if not subj and split_aux is not None:  # "Le gouvernement a de son côté dénoncé…"
            subj = _subject_tokens(split_aux, toks)
        verb = tok
        hops = 0
        while not subj and verb.head.i != verb.i and hops < 3 and ("Fin" not in verb.morph.get("VerbForm")):
            if _impersonal(verb.head):
                break  # "il est bon de rappeler que…": nobody is named as saying it
            verb = verb.head
            subj = _subject_tokens(verb, toks)
            hops += 1
        if not subj:
            subj = _inverted_subject(tok, toks)
        if not subj:
            continue
        words = [fold(t.text) for t in subj]
        if words[0] in FIRST_PERSON or words == ["on"]:
            continue
        if words == ["-on"] and lemma == "dire" and tok.i > 0 and tok.doc[tok.i - 1].text == ",":
            # "…des soldats qui, dit-on, s'étaient rendus": hearsay, a source that names nothing
            s0, e0 = subj[0].idx_abs, subj[0].idx_abs + len(subj[0].text)
            src = SourceMention(base + tok.idx, e0, ctx.text[base + tok.idx:e0], "vague", ctx.text[base + tok.idx:e0])
        else:
            src = analyze_phrase(subj, ctx)
        if src is None:
            continue
        if lemma in lexicon.meaning_verbs() and not _names_an_actor(subj, src):
            continue  # "ce vote signifie que…": a thing means, only a named actor notifies
        if src.type == "person" and not src.pronoun:
            # "…, a déclaré Mitt Romney dans le Wisconsin où il a promis…": the next "il" of the
            # sentence is the speaker just named, not whoever the previous sentence was about.
            ctx.last_person = src.canonical
        elif src.type in ("organization", "media"):
            # likewise "Ansar Eddine a menacé… ; l'organisation justifie…"
            ctx.last_org = ctx.last_source_org = (src.canonical, src.type)
        src.dates.extend(_adjacent_dates(tok, ctx, base))
        sources = [src] + _named_members(subj, ctx)
        outlet = _interview_outlet(tok, ctx, base)
        if outlet is not None and outlet.canonical != src.canonical:
            sources.append(outlet)
        start = base + tok.idx
        aux = [c for c in tok.children if c.dep_.startswith("aux") and c.i < tok.i]
        if aux:
            start = base + min(a.idx for a in aux)
        end = base + tok.idx + len(tok.text)
        found.append(CueMention(start, end, ctx.text[start:end], lemma, "reporting_verb", sources, verb_i=tok.i,
                                backward=_points_back(tok)))
    return found


def _controller(verb, base: int) -> list:
    """The object of an object-control verb, as the subject of its infinitive."""
    if "Inf" not in verb.morph.get("VerbForm"):
        return []
    head = verb.head
    if verb.dep_ == "acl" and head.dep_ == "obj":  # the parser hangs "de demander" on the object noun
        obj, control = head, head.head
    else:
        obj = next((c for c in head.children if c.dep_ == "obj" and c.i < verb.i), None)
        control = head
    if obj is None or control.pos_ != "VERB" or not (verb_lemmas(control) & lexicon.object_control_verbs()):
        return []
    below = {t.i for t in verb.subtree}
    span = sorted((t for t in obj.subtree if t.i not in below), key=lambda t: t.i)
    while span and span[-1].text in (",", "«"):
        span.pop()
    return [Tok(t, base) for t in span]


def _named_members(subj: list, ctx: ArticleContext) -> list[SourceMention]:
    """"Les ONG, dont Amnesty International, ont condamné…": the members the subject names
    after *dont* are sources too (the relative clause is left out of the subject phrase)."""
    if not subj:
        return []
    doc = subj[0].t.doc
    base = subj[0].idx_abs - subj[0].idx
    first, last = subj[0].i, subj[-1].i
    k = last + 1
    if k + 1 < len(doc) and doc[k].text == ",":
        k += 1
    if k >= len(doc) or doc[k].lower_ != "dont" or first > k:
        return []
    j = k + 1
    run = []
    while j < len(doc) and j < k + 12 and doc[j].text not in HARD_STOPS and doc[j].text != "," \
            and not _is_finite_verb(doc[j]):
        run.append(Tok(doc[j], base))
        j += 1
    out = []
    for item in split_items(run):
        src = analyze_phrase(item, ctx)
        if src is not None and src.type in ("person", "organization", "media"):
            out.append(src)
    return out


def _points_back(verb) -> str:
    """The speech verb's object is what the previous sentence said: a clitic (*X l'avait annoncé*)
    or *ce que* after *c'est* (*C'est ce qu'a annoncé X*, guide §6). "" when it is not."""
    if any(c.dep_ == "obj" and c.pos_ == "PRON" and c.lower_ in ("l'", "l’", "le") and c.i < verb.i
           for c in verb.children):
        return "clitic"
    if _after_ce_que(verb):
        head = verb.head
        before = [t.lower_ for t in verb.doc[max(0, head.i - 3):head.i]]
        return "ce" if "est" in before or "était" in before else ""
    return ""


def _after_ce_que(verb) -> bool:
    """*ce qu'a annoncé la mairie*: the relative pronoun is the object, the subject comes after."""
    return verb.dep_ == "acl:relcl" and verb.head.lower_ == "ce" and any(
        c.lower_ in ("qu'", "qu’", "que") and c.dep_ == "obj" for c in verb.children)


def _nested_report(tok, toks, ctx: ArticleContext, base: int) -> CueMention | None:
    """*« Le BEA nous a affirmé que les instruments ont failli »*, *« … car les médecins disent que… »*:
    a speaker quoting what a named third party said. That party is the origin of the report, the
    quote's speaker its relay. Only a speech verb with a *que* clause and a noun subject counts:
    pronouns inside a quote point anywhere, and "Obama a promis le changement" is the speaker's claim."""
    if not (verb_lemmas(tok) & _verbs()) or fold(tok.text) in ("citant", "rapportant"):
        return None
    if not any(c.dep_ == "ccomp" and c.i > tok.i for c in tok.children) or not _que_or_quote_follows(tok):
        return None
    subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
    if subj is None or subj.pos_ not in ("NOUN", "PROPN") or subj.i > tok.i:
        return None
    words = sorted((t for t in subj.subtree if not _in_relcl(t, subj)), key=lambda t: t.i)
    src = analyze_phrase([Tok(t, base) for t in words], ctx)
    if src is None or src.pronoun:
        return None
    start = base + tok.idx
    end = start + len(tok.text)
    return CueMention(start, end, ctx.text[start:end], fold(tok.lemma_), "reporting_verb", [src], nested=True)


@lru_cache(maxsize=1)
def _reporting_locution_words() -> tuple[tuple[str, tuple[str, ...]], ...]:
    return tuple((fold(loc), tuple(fold(loc).split())) for loc in datafiles.cues().reporting_locutions)


def _reporting_locution(tok) -> str | None:
    """*mettre en garde*, *faire savoir*: a verb lemma and the words after it."""
    doc = tok.doc
    lemmas = verb_lemmas(tok)
    lemma = fold(tok.lemma_)
    previous = doc[tok.i - 1] if tok.i > 0 else None
    for loc, words in _reporting_locution_words():
        if len(words) == 2 and previous is not None and lemma == words[1] and previous.pos_ != "VERB" \
                and words[0] in verb_lemmas(previous):
            return loc  # "fait remarquer que": the tagger made *fait* an auxiliary of the infinitive
        if words[0] not in lemmas:
            continue
        k = tok.i + 1
        while k < len(doc) and doc[k].pos_ == "ADV" and fold(doc[k].text) not in words:
            k += 1  # "met également en cause", "fait aussi savoir"
        following = [fold(t.text) for t in doc[k: k + len(words) - 1]]
        if following == list(words[1:]):
            return loc
    return None


def _infinitive_follows(tok) -> bool:
    """*a prévu de revenir*, *a souhaité faire*: the complement is an infinitive (a plan)."""
    for t in tok.doc[tok.i + 1: tok.i + 4]:
        if t.pos_ in ("VERB", "AUX") and "Inf" in t.morph.get("VerbForm"):
            return True
    return False


def _que_or_quote_follows(tok) -> bool:
    for t in tok.doc[tok.i + 1: tok.i + 10]:
        if t.lower_ in ("que", "qu'", "qu’", ":") or t.text in ("«", "“"):
            return True
        if t.text in (".", ";"):
            break
    return False


def _after_comma(tok) -> bool:
    """An absolute construction: ", la droite pointant…" (the noun opens a clause after a comma)."""
    first = min(t.i for t in tok.subtree)
    return first > 0 and tok.doc[first - 1].text == ","


def _named(tok) -> bool:
    return bool(tok.ent_type_) or tok.pos_ == "PROPN" or fold(tok.lemma_) in datafiles.folded("source_nouns")


_CLAUSE_REACH = 60


def _adjacent_dates(verb, ctx, base) -> list[DateMention]:
    """When the source spoke: a date in the clause that introduces what was said
    ("a annoncé mardi que…", "Le 27 février 2009, X avait lancé : « … »"), never one
    inside what was said (after *que*, a colon or an opening quote)."""
    doc = verb.doc
    # The clause is looked for within _CLAUSE_REACH tokens of the verb: a unit of a hundred
    # incises made the walk to its ends, for every verb, quadratic.
    end = None
    for t in doc[verb.i + 1:verb.i + 1 + _CLAUSE_REACH]:
        if t.lower_ in ("que", "qu'", "qu’", ":") or t.text in ("«", "“", '"', ";"):
            end = t.i
            break
    if end is None:
        end = min(len(doc), verb.i + 5)
    start = max(0, verb.i - _CLAUSE_REACH)
    for t in reversed(doc[start:verb.i]):
        if t.text in (";", ":", "»", "”") or t.lower_ in ("mais", "et", "selon"):
            start = t.i + 1
            break
    if _is_incise(verb) or (verb.i > 0 and doc[verb.i - 1].text == ","):
        start = verb.i  # "…, dit-il": what precedes is what was said
    if start >= end:
        return []
    lo = doc[start].idx
    hi = doc[end - 1].idx + len(doc[end - 1].text)
    window = ctx.text[base + lo: base + hi]
    # the day *le lendemain* counts from is named shortly before (a bounded look back)
    found = find_next_day(window, ctx.text[max(0, base + lo - 3000):base + lo], ctx.published) + [
             d for d in find_dates(window, ctx.published) if d.from_ is not None
             and not re.match(r"\.?\s*[-–—]\s", window[d.end:d.end + 4])  # a dateline is when the article was written
             and not re.search(r"\b(?:de|du|des|d['’])\s*$", window[max(0, d.start - 5):d.start])]
    # ("les élections de dimanche 17 juin", "celles d'hier": a date complementing a noun is the event's)
    # A date inside the speaker's own phrase describes the speaker ("X, aujourd'hui professeur à…").
    subject = [(t.idx, t.idx + len(t.text)) for c in verb.children if c.dep_.startswith("nsubj") for t in c.subtree]
    found = [d for d in found if not any(a <= lo + d.start < b for a, b in subject)]
    if len(found) != 1:
        return []  # none, or several: which one is the speech's is a guess we do not make
    d = found[0]
    return [d.shifted(base + lo)]


def _parenthetical_cues(unit_text: str, base: int, ctx: ArticleContext) -> list[CueMention]:
    found = []
    for m in _PAREN_RE.finditer(unit_text):
        inner = m.group(1)
        inner_start = base + m.start(1)
        before = unit_text[:m.start()].rstrip()
        items = [(x.start(), x.group()) for x in re.finditer(r"[^,]+", inner)]
        dates = [d for d in find_dates(inner, ctx.published)]
        sources: list[SourceMention] = []
        known = 0
        for pos, raw in items:
            item = raw.strip()
            lead = len(raw) - len(raw.lstrip())
            if not item:
                continue
            if any(d.start <= pos + lead < d.end or (pos + lead <= d.start < pos + len(raw)) for d in dates):
                continue
            clean = _PAREN_PREFIX.sub("", item)
            shift = len(item) - len(clean)
            hit = canon.lookup(clean, ctx.extra_gazetteer)
            if hit:
                known += 1
                s = inner_start + pos + lead + shift
                sources.append(SourceMention(s, s + len(clean), clean, hit[1], hit[0]))
            elif clean[:1].isupper() and len(clean.split()) <= 6 and not any(c.isdigit() for c in clean):
                s = inner_start + pos + lead + shift
                sources.append(SourceMention(s, s + len(clean), clean, "organization", clean))
            else:
                sources = []
                break
        if not sources or (known == 0 and not dates):
            continue
        if len(items) == 1 and before[-1:].isalpha() and before.split()[-1][:1].isupper() and not dates:
            continue  # "l'Office of Foreign Assets Control (OFAC)": a gloss, not a citation
        resolved = [d for d in dates if d.from_ is not None]
        for src in sources:
            src.dates = [d.shifted(inner_start) for d in resolved]
        s, e = base + m.start(), base + m.end()
        found.append(CueMention(s, e, ctx.text[s:e], "parenthèse", "parenthetical", sources))
    return found


def quote_spans(unit_text: str) -> list[tuple[int, int]]:
    """Direct quotes of a unit: clause-like quotes, not a quoted term."""
    spans = []
    for m in _QUOTE_RE.finditer(unit_text):
        inner = m.group().strip("«»“”\" \u00a0\u202f")
        if len(inner.split()) >= 4:
            spans.append(m.span())
    return spans


def find_cues(doc, base: int, ctx: ArticleContext, unit_text: str, in_quote: bool = False) -> list[CueMention]:
    """Every attribution cue of one unit (a spaCy Doc of the unit's text)."""
    toks = [Tok(t, base) for t in doc]
    if not toks:
        return []
    quotes = quote_spans(unit_text)
    cues = _preposition_cues(toks, ctx)
    _chain_stacked(cues)
    persons = [s for c in cues for s in c.sources if s.type == "person"]
    if persons:  # "Selon Zelenskyy cité par CNN: il a déclaré…": the pronoun is Zelenskyy
        ctx.last_person = persons[0].canonical
    cues += _verb_cues(doc, toks, ctx, unit_text, quotes, in_quote)
    taken = {c.verb_i for c in cues if c.verb_i is not None}
    cues += _hidden_incises(doc, toks, ctx, unit_text, in_quote, taken)
    cues += _hidden_reflexives(doc, toks, ctx, unit_text, quotes, in_quote, taken)
    if quotes and not any(c.family == "reporting_verb" for c in cues):
        colon = _colon_quote_cue(doc, toks, ctx)
        if colon is not None:
            cues.append(colon)
    cues += _parenthetical_cues(unit_text, base, ctx)
    intro = _intro_cue(doc, toks, ctx, unit_text)
    if intro:
        cues.append(intro)
    return cues


_CLOSING_QUOTES = ("»", "”", '"')
_CLITICS = ("-il", "-elle", "-ils", "-elles", "-on")


def _hidden_incises(doc, toks, ctx: ArticleContext, unit_text: str, in_quote: bool, taken: set[int]) -> list[CueMention]:
    """*« … », nuance l'économiste*, *« … », tempère X*, *« … », remarque-t-il*: right after a
    closed quote and its comma, the place of an incise, a word the tagger read as a noun, an
    adjective or a pronoun is the reporting verb its form is (tagged as a verb, _verb_cues has it)."""
    found = []
    verbs = _verbs()
    base = toks[0].idx_abs - toks[0].idx
    quoted = quoted_ranges(unit_text, in_quote)
    for comma in positions(doc, "ORTH", ","):
        i = comma + 1
        if comma == 0 or i >= len(doc) or i in taken or doc[comma - 1].text not in _CLOSING_QUOTES:
            continue
        tok = doc[i]
        if tok.pos_ in ("VERB", "AUX", "PUNCT") or _inside_quote(tok, quoted) or not tok.text[:1].islower():
            continue
        candidates = verb_lemmas(tok) & verbs
        if not candidates:
            continue
        lemma = sorted(candidates)[0]
        after = [t for t in doc[i + 1:i + 3]]
        clitic = next((t for t in after if t.lower_ in _CLITICS), None)
        if clitic is not None:  # "remarque-t-il": the tokenizer cut the inverted pronoun from the verb
            subj = [Tok(clitic, base)]
        else:
            subj = _inverted_subject(tok, toks)
        if not subj:
            continue
        src = analyze_phrase(subj, ctx)
        if src is None:
            continue
        src.dates.extend(_adjacent_dates(tok, ctx, base))
        start, end = base + tok.idx, base + tok.idx + len(tok.text)
        found.append(CueMention(start, end, ctx.text[start:end], lemma, "reporting_verb", [src], verb_i=tok.i))
    return found


def _hidden_reflexives(doc, toks, ctx: ArticleContext, unit_text: str, quote_spans, in_quote: bool,
                       taken: set[int]) -> list[CueMention]:
    """*Le syndicat s'indigne contre…*: after a reflexive clitic, a word the tagger read as an
    adjective or a noun is the reflexive reporting verb its form is, when the clitic hangs on it."""
    found = []
    verbs = lexicon.reflexive_only()
    base = toks[0].idx_abs - toks[0].idx
    quoted = quoted_ranges(unit_text, in_quote)
    for word in ("se", "s'", "s’"):
        for k in positions(doc, "LOWER", word):
            i = k + 1
            if i >= len(doc) or i in taken or doc[k].head.i != i:
                continue
            tok = doc[i]
            if tok.pos_ in ("VERB", "AUX") or _inside_quote(tok, quoted):
                continue
            candidates = verb_lemmas(tok) & verbs
            if not candidates:
                continue
            lemma = sorted(candidates)[0]
            if not _has_complement(tok, toks, quote_spans, lemma):
                continue
            subj = _subject_tokens(tok, toks)
            src = analyze_phrase(subj, ctx) if subj else None
            if src is None:
                continue
            src.dates.extend(_adjacent_dates(tok, ctx, base))
            start, end = base + doc[k].idx, base + tok.idx + len(tok.text)
            found.append(CueMention(start, end, ctx.text[start:end], lemma, "reporting_verb", [src], verb_i=tok.i))
    return found


def _colon_quote_cue(doc, toks, ctx) -> CueMention | None:
    """*il s'était pris au président lors d'une envolée : « C'est vous… »*: no speech verb,
    but a quote after a colon belongs to the subject of the clause that introduces it."""
    colon = next((t for t in doc if t.text == ":" and t.i + 1 < len(doc) and doc[t.i + 1].text in ("«", "“", '"')), None)
    if colon is None:
        return None
    verbs = [t for t in doc[:colon.i] if t.pos_ in ("VERB", "AUX") and t.dep_ not in ("aux", "aux:tense", "aux:pass", "cop")]
    for verb in reversed(verbs):
        subj = _subject_tokens(verb, toks)
        if not subj:
            continue
        words = [fold(t.text) for t in subj]
        if words[0] in FIRST_PERSON or words == ["on"]:
            return None
        src = analyze_phrase(subj, ctx)
        if src is not None and src.type in ("person", "organization", "media", "anonymous"):
            src.dates.extend(_adjacent_dates(verb, ctx, toks[0].idx_abs - toks[0].idx))
            tok = toks[colon.i]
            return CueMention(tok.idx_abs, tok.idx_abs + 1, ":", "citation", "quote", [src], verb_i=verb.i)
    return None


def _chain_stacked(cues: list[CueMention]) -> None:
    """*Selon Trump … selon CNN et RFE/RL*: outlets stacked on a speaker relay the speaker."""
    for first, second in zip(cues, cues[1:]):
        if first.family != "preposition" or second.family != "preposition" or second.start - first.seg_end > 3:
            continue
        if any(s.type in ("person", "organization") and s.role == "origin" for s in first.sources) and \
                all(s.type == "media" for s in second.sources):
            for src in second.sources:
                src.role = "relay"


def _intro_cue(doc, toks, ctx, unit_text) -> CueMention | None:
    """*Voici la déclaration officielle du département du Trésor :* attributes the next paragraph."""
    if not unit_text.rstrip().endswith(":"):
        return None
    speech = datafiles.folded("speech_nouns")
    for k, tok in enumerate(toks):
        if tok.pos_ == "NOUN" and fold(tok.lemma_) in speech:
            rest = toks[k + 1:]
            rest = [t for t in rest if t.text not in (":",)]
            cut = next((n for n, t in enumerate(rest) if t.text == "("), len(rest))
            src = analyze_phrase(toks[max(0, k - 1):k + 1] + rest[:cut], ctx)
            if src and src.type in ("organization", "person", "media"):
                return CueMention(tok.idx_abs, tok.idx_abs + len(tok.text), tok.text, fold(tok.lemma_),
                                  "speech_noun", [src], intro=True)
    return None
