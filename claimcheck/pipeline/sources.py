"""Source phrases: from tokens after a cue to typed, canonical sources.

`parse_source_list` reads the list that follows *selon*, *cité par* or a
parenthesis (*CNN, Forbes et Newsweek du 31 octobre*), splits the coordinated
items, finds chains (*le rapport du Pentagone cité par CNN*) and gives each
block the date written after it. `analyze_phrase` types one item.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date

from .. import canon, datafiles
from ..dates import DateMention, find_dates
from ..textnorm import fold
from .arrays import positions

PRONOUNS = {"il", "elle", "ils", "elles", "lui", "lui-même", "elle-même", "eux", "-il", "-elle", "-ils", "-elles"}
FIRST_PERSON = {"je", "j'", "nous", "moi", "me", "m'", "j’"}
POSSESSIVES = {"sa", "son", "ses", "leur", "leurs"}
_NOT_SOURCES = {"tout", "rien", "cela", "ça", "ce", "ceci", "celui", "celle", "chacun", "personne", "aucun",
                "qui", "que", "dont", "où", "lequel", "laquelle", "y", "en", "se", "s'", "-t", "-on", "certes"}


@dataclass
class SourceMention:
    start: int
    end: int
    text: str
    type: str
    canonical: str
    role: str = "origin"
    dates: list[DateMention] = field(default_factory=list)
    pronoun: bool = False  # to resolve to the last named person


@dataclass
class ArticleContext:
    text: str
    published: date | None
    persons: canon.PersonIndex
    extra_gazetteer: dict | None = None
    last_person: str | None = None
    # Single words the NER tagged PER somewhere in the article ("Zelenskyy", "Rutte").
    person_words: set[str] = field(default_factory=set)
    # The last organization named, for "l'ONG", "l'organisation", "le rapport" later on.
    last_org: tuple[str, str] | None = None
    # The last organization or outlet that was the source of a cue ("le rapport" is its report).
    last_source_org: tuple[str, str] | None = None
    # Epithets the article gives a person ("son complice de toujours, Jean-Michel Larqué").
    epithets: dict[str, str] = field(default_factory=dict)
    # Speech nouns whose one owner the article names ("un reportage … d'Al Jazeera"): lemma -> (name, type).
    speech_owners: dict[str, tuple[str, str]] = field(default_factory=dict)
    # Whole descriptions put in apposition to a name, folded and without their article:
    # "ancien porte-parole de la mission onusienne" -> "Timor Goksel".
    descriptions: dict[str, str] = field(default_factory=dict)


def _lemma(tok) -> str:
    return fold(tok.lemma_ or tok.text)


def _is_name_token(tok) -> bool:
    return tok.pos_ == "PROPN" or (tok.text[:1].isupper() and tok.is_alpha and tok.i > tok.sent.start)


def _gazetteer_match(tokens, ctx) -> tuple[int, int, str, str] | None:
    """Longest run of tokens naming a known outlet or institution."""
    n = len(tokens)
    for length in range(min(n, 8), 0, -1):
        for i in range(0, n - length + 1):
            span = tokens[i:i + length]
            if not any(t.text[:1].isupper() or t.text.isupper() for t in span):
                continue
            text = ctx.text[span[0].idx_abs:span[-1].idx_abs + len(span[-1].text)]
            hit = canon.lookup(text, ctx.extra_gazetteer)
            if hit:
                return _longer_name(tokens, i, i + length, hit, ctx)
    return None


def _longer_name(tokens, i: int, j: int, hit, ctx) -> tuple[int, int, str, str]:
    """"le Conseil national syrien" is not the "Conseil national": lower-case adjectives that
    the tagger keeps in the same entity make another institution, named as the article writes it."""
    k = j
    ent = tokens[j - 1].ent_type_
    while k < len(tokens) and ent and tokens[k].ent_type_ == ent and tokens[k].pos_ == "ADJ" \
            and tokens[k].text.islower() and tokens[k].is_alpha:
        k += 1
    if k == j:
        return i, j, hit[0], hit[1]
    _, _, name = _span_text(ctx, tokens[i:k])
    return i, k, _without_article(name), hit[1]


class Tok:
    """A spaCy token with its absolute offset in the article."""

    __slots__ = ("t", "idx_abs", "text")

    def __init__(self, token, base: int):
        self.t = token
        self.idx_abs = base + token.idx
        self.text = token.text  # read for almost every token by the matchers: once, not through __getattr__

    def __getattr__(self, name):
        return getattr(self.t, name)


def _span_text(ctx, tokens) -> tuple[int, int, str]:
    start = tokens[0].idx_abs
    end = tokens[-1].idx_abs + len(tokens[-1].text)
    return start, end, ctx.text[start:end]


def _person_name(tokens) -> list | None:
    """The longest run of PER-entity or capitalized name tokens."""
    best: list = []
    run: list = []
    for tok in tokens:
        named = tok.ent_type_ in ("ORG", "LOC", "MISC") and tok.text[:1].isupper() and tok.is_alpha
        if tok.ent_type_ == "PER" or named or (tok.pos_ == "PROPN" and tok.text[:1].isupper()):
            run.append(tok)
        elif tok.text in ("-",) and run:
            run.append(tok)
        else:
            if len(run) > len(best):
                best = run
            run = []
    if len(run) > len(best):
        best = run
    while best and not best[-1].text[:1].isalpha():
        best.pop()
    return best or None


def analyze_phrase(tokens: list, ctx: ArticleContext) -> SourceMention | None:
    """Type and canonicalize one source phrase (a list of Tok), or None if it names no source."""
    cues = datafiles.cues()
    while tokens and (tokens[0].is_punct or fold(tokens[0].text) in ("et", "ou", "ainsi", "notamment", "mais")):
        tokens = tokens[1:]
    while tokens and (tokens[-1].is_punct or fold(tokens[-1].text) in ("et", "ou", "que", "qu'")):
        tokens = tokens[:-1]
    if len(tokens) > 2 and fold(tokens[0].text) in ("de", "d'") and tokens[1].pos_ == "DET":
        tokens = tokens[1:]  # "des représailles de l'organisation, qui affirme…": the noun phrase after *de*
    if not tokens:
        return None
    start, end, text = _span_text(ctx, tokens)
    words = [fold(t.text) for t in tokens]
    if words[0] in FIRST_PERSON or (len(words) == 1 and words[0] in _NOT_SOURCES):
        return None
    if words[0] in PRONOUNS or (len(words) <= 2 and all(w in PRONOUNS for w in words)):
        name = ctx.last_person
        if not name:
            return None
        # The tagger sometimes takes an outlet for a person ("Al Jazeera"): the gazetteer knows better.
        known = canon.lookup(name, ctx.extra_gazetteer)
        return SourceMention(start, end, text, known[1] if known else "person", known[0] if known else name,
                             pronoun=True)
    described = ctx.descriptions.get(_description_key(tokens))
    if described:  # the very description the article put next to a name earlier
        return SourceMention(start, end, text, "person", described)
    # A known outlet or institution anywhere in the phrase names the source:
    # "les experts du Center for Strategic...", "le rapport du Pentagone".
    hit = _gazetteer_match(tokens, ctx)
    person = _person_name(tokens)
    per_tokens = [t for t in tokens if t.ent_type_ == "PER"]
    if hit and per_tokens and not (tokens[hit[0]].idx_abs <= per_tokens[0].idx_abs < tokens[hit[1] - 1].idx_abs + 1):
        # "le secrétaire au Trésor, Scott Bessent": the named person is the speaker.
        pname = _person_name(per_tokens)
        if pname:
            _, _, ptext = _span_text(ctx, pname)
            return SourceMention(start, end, text, "person", ctx.persons.canonical(ptext))
    if hit and not (person and any(t.ent_type_ == "PER" for t in person) and hit[0] > 0
                    and tokens[hit[0] - 1] in person):
        i, j, name, kind = hit
        # A named person before the organization ("Nadim Houry, responsable de HRW") wins.
        per = [t for t in tokens[:i] if t.ent_type_ == "PER"]
        if per and not _owned(tokens[:i], cues):
            pname = _person_name(tokens[:i])
            if pname:
                _, _, ptext = _span_text(ctx, pname)
                return SourceMention(start, end, text, "person", ctx.persons.canonical(ptext))
        return SourceMention(start, end, text, kind, name)
    if person:
        person = _with_adjectives(_whole_entity(person, tokens), tokens)
        _, _, ptext = _span_text(ctx, person)
        ents = {t.ent_type_ for t in person}
        institution = _institution_of_place(tokens, person) if "PER" not in ents else None
        if institution:
            _, _, itext = _span_text(ctx, institution)
            return SourceMention(start, end, text, "organization", itext)
        if fold(person[0].text) in ORG_WORDS and "PER" not in ents:
            kind = "media" if fold(person[0].text) in MEDIA_WORDS else "organization"
            return SourceMention(start, end, text, kind, canon.strip_titles(ptext))
        single_unknown = len(person) == 1 and not person[0].text.isupper() and ents <= {"PER", "MISC", ""}
        if "PER" in ents or _looks_like_person(person) or single_unknown or (
            len(person) == 1 and (person[0].text in ctx.person_words or fold(person[0].text) in ctx.persons.surnames())
        ):
            return SourceMention(start, end, text, "person", ctx.persons.canonical(ptext))
        return SourceMention(start, end, text, "organization", canon.strip_titles(ptext))
    if words[0] in POSSESSIVES and any(_lemma(t) in datafiles.folded("speech_nouns") for t in tokens[:3]):
        name = ctx.last_person
        if name:
            return SourceMention(start, end, text, "person", name, pronoun=True)
        return None
    epithet = _epithet_person(tokens, words, ctx)
    if epithet:
        return SourceMention(start, end, text, "person", epithet)
    if ctx.last_person and _person_anaphor(tokens, words):
        return SourceMention(start, end, text, "person", ctx.last_person, pronoun=True)
    owner = _speech_owner(tokens, words, ctx)
    if owner:
        return SourceMention(start, end, text, owner[1], owner[0])
    anaphor = _org_anaphor(tokens, words, ctx)
    if anaphor:
        return SourceMention(start, end, text, anaphor[1], anaphor[0])
    return _common_noun_source(tokens, words, start, end, text, cues)


def _institution_of_place(tokens, run) -> list | None:
    """"l'université de Caen", "la mairie de Paris": an institution noun before *de* + a name
    is the source, not the place it is named after. The tokens from that noun to the name."""
    k = next((n for n, t in enumerate(tokens) if t is run[0]), None)
    if k is None:
        return None
    j = k - 1
    if j >= 0 and tokens[j].pos_ == "DET":
        j -= 1
    if j < 1 or fold(tokens[j].text) not in ("de", "d'", "du", "des"):
        return None
    noun = tokens[j - 1]
    if noun.pos_ != "NOUN" or not noun.text.islower() or fold(noun.lemma_ or noun.text) not in ORG_WORDS | ORG_HEADS:
        return None
    return list(tokens[j - 1:k + len(run)])


def _owned(tokens, cues) -> bool:
    return any(_lemma(t) in datafiles.folded("speech_nouns") for t in tokens)


def _whole_entity(run: list, tokens: list) -> list:
    """"Association des leaders religieux du Mali": an ORG entity keeps its lower-case words."""
    first = run[0].t
    ent = next((e for e in first.doc.ents if e.start <= first.i < e.end and e.label_ in ("ORG", "MISC")), None)
    if ent is None:
        return run
    inside = [t for t in tokens if ent.start <= t.t.i < ent.end]
    return inside if len(inside) > len(run) else run


# First words of organization and outlet names: "Radio Sawa" is no person.
ORG_WORDS = {"radio", "agence", "conseil", "parti", "comite", "fondation", "institut", "universite",
             "ministere", "banque", "union", "front", "armee", "mouvement", "association", "federation",
             "syndicat", "commission", "cour", "tribunal", "observatoire", "centre", "bureau", "office",
             "groupe", "societe", "compagnie", "television", "journal", "assemblee", "senat", "ligue",
             "organisation", "alliance", "coalition", "brigade", "etat", "gouvernement", "eglise", "club"}
MEDIA_WORDS = {"radio", "television", "journal", "agence"}


def _looks_like_person(tokens) -> bool:
    # Two capitalized words, the first not an acronym: "Scott Bessent", "Mark Rutte".
    return len(tokens) >= 2 and all(t.text[:1].isupper() for t in tokens) and not tokens[0].text.isupper() \
        and fold(tokens[0].text) not in ORG_WORDS


def _with_adjectives(run: list, tokens: list) -> list:
    """"Conseil national syrien", "Parti populaire": lower-case adjectives end an organization's name."""
    if not run or fold(run[0].text) not in ORG_WORDS:
        return run
    k = tokens.index(run[-1]) + 1 if run[-1] in tokens else len(tokens)
    out = list(run)
    while k < len(tokens) and tokens[k].pos_ == "ADJ" and tokens[k].text.islower():
        out.append(tokens[k])
        k += 1
    return out


# Definite descriptions that point back to the organization last named (*l'ONG*, *le rapport*).
ORG_ANAPHORS = {"ong", "organisation", "entreprise", "societe", "groupe", "institution", "agence",
                "compagnie", "firme", "constructeur", "association", "fondation", "rapport", "communique",
                "etude", "document", "enquete"}
# Documents: they point back to their author, the last organization cited as a source.
DOCUMENT_ANAPHORS = {"rapport", "communique", "etude", "document", "enquete"}
# ... and those that only point back to an outlet: "le documentaire" after "un reportage d'Al Jazeera".
MEDIA_ANAPHORS = {"documentaire", "reportage", "chaine", "quotidien", "journal", "hebdomadaire", "magazine",
                  "emission", "site"}


# Only nouns that in news prose point back to the person just quoted; titles such as
# *le président* or *le procureur* often name someone else and stay anonymous.
PERSON_ANAPHORS = {"universitaire", "chercheur", "chercheuse", "expert", "experte", "scientifique",
                   "specialiste", "physicien", "physicienne", "biologiste", "interesse", "interessee"}


def _person_anaphor(tokens, words) -> bool:
    """*l'universitaire*, *le même chercheur*: a definite role noun naming the person just cited."""
    if len(tokens) > 3 or words[0] not in ("l'", "le", "la", "ce", "cette", "cet"):
        return False
    rest = [w for w in words[1:] if w not in ("meme", "même")]
    return len(rest) == 1 and rest[0] in PERSON_ANAPHORS


def _epithet_person(tokens, words, ctx) -> str | None:
    """*son complice* after *son complice de toujours, Jean-Michel Larqué*: the article named them."""
    if not ctx.epithets or len(tokens) > 3 or words[0] not in POSSESSIVES | {"le", "la", "l'", "ce", "cette"}:
        return None
    key = _epithet_key(tokens[1:])
    return ctx.epithets.get(key) if key else None


def _epithet_key(tokens) -> str | None:
    """A noun and the adjectives after it: "président américain", "complice"."""
    words = []
    for t in tokens:
        if t.pos_ == "NOUN" and not words:
            words.append(fold(t.lemma_ or t.text))
        elif words and t.pos_ == "ADJ":
            words.append(fold(t.text))
        elif words:
            break
    return " ".join(words) or None


def epithet_candidates(doc) -> Iterator[tuple[str | None, str, bool]]:
    """Nouns the article puts in apposition to a named person, in both orders:
    "son complice de toujours, Jean-Michel Larqué" and "Arnaud Montebourg, le ministre du …",
    as (key, the name as written, whether a later epithet of that key replaces it).
    `registry.ArticleRegistry` gives each name its canonical form once every unit is seen."""
    for ent in doc.ents:
        if ent.label_ != "PER":
            continue
        if ent.start >= 2 and doc[ent.start - 1].text == ",":
            # the noun nearest the name that has its own determiner: "son complice de toujours"
            k = ent.start - 2
            while k >= 0 and doc[k].pos_ in ("NOUN", "ADJ", "DET", "ADP", "PROPN", "ADV") and doc[k].text != ",":
                if doc[k].pos_ == "NOUN" and k > 0 and doc[k - 1].pos_ == "DET":
                    yield _epithet_key(doc[k:ent.start - 1]), ent.text, True
                    break
                k -= 1
        elif ent.start >= 2 and doc[ent.start - 1].pos_ in ("NOUN", "ADJ") and doc[ent.start - 1].text.islower():
            # "le président américain Donald Trump": a title right before the name
            k = ent.start - 1
            while k > 0 and doc[k].pos_ in ("NOUN", "ADJ") and doc[k].text.islower():
                k -= 1
            if doc[k].pos_ == "DET":
                key = _epithet_key(doc[k + 1:ent.start])
                if key:
                    yield key, ent.text, True
        if ent.end + 2 < len(doc) and doc[ent.end].text == ",":
            if doc[ent.end + 1].pos_ == "DET":
                key = _epithet_key(doc[ent.end + 2:ent.end + 6])
                if key:
                    yield key, ent.text, False


def epithets(candidates, persons) -> dict[str, str]:
    """Epithet -> canonical name, from `epithet_candidates` in text order. An institution noun
    is never a person's epithet: in "face aux députés de l'opposition, François Brottes",
    "l'opposition" is not François Brottes."""
    out: dict[str, str] = {}
    for key, written, replaces in candidates:
        name = persons.canonical(written)
        if replaces:
            out[key] = name
        else:
            out.setdefault(key, name)
    return {key: name for key, name in out.items() if key and key.split()[0] not in _COLLECTIVE_NOUNS}


def _speech_owner(tokens, words, ctx) -> tuple[str, str] | None:
    """*selon un reportage* (a title): the document is the one whose owner the article names."""
    if len(tokens) != 2 or words[0] not in ("un", "une") or tokens[1].pos_ != "NOUN":
        return None
    return ctx.speech_owners.get(_lemma(tokens[1]))


def speech_owner_candidates(doc, extra_gazetteer=None) -> Iterator[tuple[str, tuple[str, str]]]:
    """Speech nouns and their named owner: *le documentaire d'Al Jazeera*, *un reportage diffusé
    mardi par Al Jazeera*, as (folded lemma, (owner, type))."""
    speech = datafiles.folded("speech_nouns")
    for i in positions(doc, "POS", "NOUN"):
        tok = doc[i]
        if fold(tok.lemma_ or tok.text) not in speech:
            continue
        owner = _owner_after(doc, tok.i + 1, extra_gazetteer)
        if owner:
            yield fold(tok.lemma_ or tok.text), owner


def speech_owners(found: dict[str, set[tuple[str, str]]]) -> dict[str, tuple[str, str]]:
    """A noun given two different owners in the article is left out."""
    return {lemma: next(iter(owners)) for lemma, owners in found.items() if len(owners) == 1}


def _owner_after(doc, k: int, extra_gazetteer) -> tuple[str, str] | None:
    """A known outlet or institution right after *de*, or after *par* within a short participle
    phrase ("diffusé mardi 3 juillet par la chaîne Al Jazeera")."""
    window = doc[k:k + 10]
    lead = [t.lower_ for t in window[:1]]
    if lead and lead[0] in ("de", "d'", "d’", "du"):
        start = k + 1
    else:
        par = next((t.i for t in window if t.lower_ == "par"), None)
        if par is None or not (window[0].pos_ == "VERB" and "Part" in window[0].morph.get("VerbForm")):
            return None
        start = par + 1
    for end in range(min(start + 6, len(doc)), start, -1):
        for first in range(start, end):
            hit = canon.lookup(doc[first:end].text, extra_gazetteer)
            if hit:
                return hit[0], hit[1]
    return None


# Nouns of institutions and groups (filled below, once every list is defined).
_COLLECTIVE_NOUNS: set[str] = set()


_DESCRIPTION_POS = ("NOUN", "ADJ", "DET", "ADP", "PROPN")


def _description_key(tokens) -> str | None:
    """A description without its leading determiners, folded: the key of `descriptions`."""
    k = 0
    while k < len(tokens) and tokens[k].pos_ in ("DET", "CCONJ"):
        k += 1
    rest = tokens[k:]
    if len(rest) < 2 or not any(t.pos_ == "NOUN" for t in rest):
        return None
    return " ".join(fold(t.text) for t in rest)


def description_candidates(doc) -> Iterator[tuple[str, str, bool]]:
    """"L'ancien porte-parole de la mission onusienne, Timor Goksel, …": the whole description
    before (or after) a name, so that the same description later names that person; as (key,
    the name as written, whether the tagger read it as a person here). Every name is looked at:
    a name the tagger reads as a person somewhere is one everywhere ("Timor Goksel" once LOC)."""
    for ent in doc.ents:
        found = []
        if ent.start >= 2 and doc[ent.start - 1].text == ",":
            k = ent.start - 2
            while k >= 0 and k > ent.start - 16 and doc[k].pos_ in _DESCRIPTION_POS and doc[k].ent_type_ != "PER":
                k -= 1
            if k + 1 <= ent.start - 2 and doc[k + 1].pos_ == "DET":
                found.append(_description_key(list(doc[k + 1:ent.start - 1])))
        if ent.end + 2 < len(doc) and doc[ent.end].text == "," and doc[ent.end + 1].pos_ == "DET":
            k = ent.end + 1
            while k < len(doc) and k < ent.end + 16 and doc[k].pos_ in _DESCRIPTION_POS and doc[k].ent_type_ != "PER":
                k += 1
            if k < len(doc) and doc[k].text == ",":
                found.append(_description_key(list(doc[ent.end + 1:k])))
        for key in found:
            if key is not None:
                yield key, ent.text, ent.label_ == "PER"


def descriptions(candidates, persons, known: set[str]) -> dict[str, str]:
    """Description -> canonical name, from `description_candidates` in text order; `known`
    holds the names read as a person somewhere. A description given to two different persons
    names neither."""
    out: dict[str, str] = {}
    clash: set[str] = set()
    for key, written, is_person in candidates:
        if not is_person and written not in known:
            continue
        name = persons.canonical(written)
        if out.get(key, name) != name:
            clash.add(key)
        out[key] = name
    return {k: v for k, v in out.items() if k not in clash}


def _org_anaphor(tokens, words, ctx) -> tuple[str, str] | None:
    """(name, type) of the organization a definite description points back to."""
    if len(tokens) > 3 or words[0] not in ("l'", "le", "la", "ce", "cette", "cet", "les") or len(words) < 2:
        return None
    head = fold(tokens[1].lemma_ or tokens[1].text)
    if head in DOCUMENT_ANAPHORS or head in MEDIA_ANAPHORS:
        # "Selon le rapport": the report of the last organization cited as a source, not of the
        # last one merely mentioned ("un Airbus A330" is no report's author).
        owner = ctx.last_source_org or ctx.last_org
        if owner is None or (head in MEDIA_ANAPHORS and owner[1] != "media"):
            return None
        return owner
    if ctx.last_org is None or head not in ORG_ANAPHORS:
        return None
    return ctx.last_org


def _common_noun_source(tokens, words, start, end, text, cues) -> SourceMention | None:
    phrase = " ".join(words)
    nouns = [t for t in tokens if t.pos_ in ("NOUN", "PROPN", "PRON") and t.is_alpha] or \
        [t for t in tokens if t.pos_ == "ADJ" and t.is_alpha]
    if not nouns:
        return None
    head = nouns[0]
    head_lemma = _lemma(head)
    qualified = len([t for t in tokens if t.pos_ in ("ADJ", "ADP", "NOUN", "PROPN") and t is not head]) > 0
    if phrase in datafiles.folded("vague_phrases"):
        return SourceMention(start, end, text, "vague", text)
    if head_lemma in ORG_HEADS and not (words[0] in datafiles.folded("vague_determiners")) and (
            qualified or head_lemma not in NEEDS_QUALIFIER):
        # "le ministère de la Défense", "le gouvernement malien", "l'opposition": an institution,
        # named by the article's own words without the article.
        # "le gouvernement grec, furieux, …": an apposition after a comma is no part of the name
        return SourceMention(start, end, text, "organization", _without_article(text.split(",")[0]))
    det = words[0]
    two = " ".join(words[:2])
    vague_det = det in datafiles.folded("vague_determiners") or two in datafiles.folded("vague_determiners")
    if head_lemma in datafiles.folded("source_nouns") or head_lemma.rstrip("s") in datafiles.folded("source_nouns"):
        if vague_det and not qualified:
            return SourceMention(start, end, text, "vague", text)
        if vague_det and len(tokens) <= 3 and head_lemma in ("source", "rapport", "média", "expert", "observateur"):
            return SourceMention(start, end, text, "vague", text)
        return SourceMention(start, end, text, "anonymous", text)
    if head_lemma in datafiles.folded("speech_nouns"):
        return SourceMention(start, end, text, "vague" if vague_det else "anonymous", text)
    if head.pos_ == "NOUN" and head_lemma not in NOT_SOURCE_HEADS:
        # Whoever speaks after a cue is a source, even when the noun is not in our list
        # ("un ancien guide touristique a indiqué : …").
        return SourceMention(start, end, text, "vague" if vague_det and not qualified else "anonymous", text)
    return None


# Institutions named by a common noun (annotation guide §3: governments and their bodies).
ORG_HEADS = {"ministere", "gouvernement", "parquet", "tribunal", "armee", "police", "gendarmerie", "prefecture",
             "mairie", "commission", "parlement", "senat", "assemblee", "conseil", "cour", "opposition",
             "presidence", "executif", "administration", "municipalite", "justice", "etat-major", "ambassade",
             "direction", "majorite", "regime", "pouvoir", "kremlin", "elysee"}


# "le ministère" alone names no one: only "le ministère de la Défense" is an organization.
NEEDS_QUALIFIER = {"ministere", "commission", "conseil", "cour", "tribunal", "direction", "ambassade",
                   "administration", "assemblee"}


def _without_article(text: str) -> str:
    return re.sub(r"^(?:l['’]|le |la |les )", "", text.strip(), flags=re.IGNORECASE)


# Heads that never speak: *pour l'instant*, *pour la première fois*, *selon le calendrier*.
NOT_SOURCE_HEADS = {"instant", "moment", "fois", "cas", "heure", "jour", "an", "annee", "mois", "semaine",
                    "calendrier", "loi", "regle", "principe", "plan", "maniere", "facon", "part", "raison",
                    "exemple", "rest", "reste", "suite", "fin", "debut", "question", "chose", "idee", "verite",
                    "realite", "effet", "cause", "mesure", "point", "sorte", "niveau", "base", "terme"}


def split_items(tokens: list) -> list[list]:
    """Split a coordinated list at commas and at *et*/*ou* that start a new noun phrase."""
    items: list[list] = [[]]
    for k, tok in enumerate(tokens):
        low = fold(tok.text)
        nxt = tokens[k + 1] if k + 1 < len(tokens) else None
        if tok.text == "," and items[-1]:
            items.append([])
            continue
        if low in ("et", "ou") and items[-1] and nxt is not None and (
            nxt.pos_ in ("DET", "PROPN", "NUM") or nxt.text[:1].isupper() or fold(nxt.text) in ("d'autres", "tous")
        ):
            items.append([])
            continue
        items[-1].append(tok)
    return [it for it in items if it]


_COLLECTIVE_NOUNS.update(ORG_WORDS, ORG_HEADS, ORG_ANAPHORS, MEDIA_ANAPHORS)
