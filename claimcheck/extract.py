"""Article -> Report: the bridge between the spaCy pipeline and the report models."""

from __future__ import annotations

import re
from collections import Counter, deque
from dataclasses import replace
from datetime import date
from typing import Iterable, Iterator

from . import __version__
from .canon import lookup
from .dates import find_dates
from .errors import InputError
from .models import (
    ArticleInfo, Attribution, Claim, Cue, Report, Sentence, Source, SourceDate, Summary, Tool,
)
from .pipeline.arrays import first
from .pipeline.claims import CHECKWORTHY_AT, checkworthiness, has_finite_verb, is_claim
from .pipeline.clauses import UnitClauses, detached_clauses
from .pipeline.interview import find_interview
from .pipeline.cues import CueMention, find_cues, quote_spans
from .pipeline.docstore import PACK_AFTER, DocStore
from .pipeline.registry import ArticleRegistry
from .pipeline.model import load_nlp
from .pipeline.sentences import Unit, split_units
from .pipeline.sources import ArticleContext, SourceMention
from .reading import Article, make_article
from .textnorm import fingerprint

# A confidence per cue family: how often such a cue is a true attribution.
FAMILY_CONFIDENCE = {
    "preposition": 0.92, "relay": 0.92, "parenthetical": 0.88, "reporting_verb": 0.82,
    "quote": 0.78, "speech_noun": 0.72,
}
_FR_WORDS = {"le", "la", "les", "de", "des", "et", "est", "un", "une", "du", "que", "qui", "pour", "dans", "en", "au", "sur", "pas", "il", "elle"}
_EN_WORDS = {"the", "and", "of", "to", "is", "in", "that", "for", "on", "with", "was", "are", "it"}
_DE_WORDS = {"der", "die", "das", "und", "ist", "nicht", "mit", "von", "zu", "ein", "eine", "den"}


def guess_language(text: str) -> str:
    words = re.findall(r"[a-zàâçéèêëîïôûùüÿœ']+", text[:20000].lower())
    if not words:
        return "und"
    counts = {
        "fr": sum(w in _FR_WORDS for w in words),
        "en": sum(w in _EN_WORDS for w in words),
        "de": sum(w in _DE_WORDS for w in words),
    }
    lang = max(counts, key=counts.get)
    return lang if counts[lang] else "und"


def _source_model(src: SourceMention) -> Source:
    dates = []
    seen = set()
    for d in src.dates:
        if d.from_ is None or (d.from_, d.to) in seen:
            continue
        seen.add((d.from_, d.to))
        dates.append(SourceDate(text=d.text, span=(d.start, d.end), **{"from": d.from_}, to=d.to, granularity=d.granularity))
    return Source(text=src.text, span=(src.start, src.end), canonical=src.canonical, type=src.type,
                  role=src.role, dates=dates)


def _attribution(cue: CueMention) -> Attribution:
    sources: list[Source] = []
    seen: set[tuple[str, str]] = set()
    for src in cue.sources:
        key = (src.canonical.lower(), src.role)
        if key in seen:
            continue
        seen.add(key)
        sources.append(_source_model(src))
    return Attribution(cue=Cue(text=cue.text, span=(cue.start, cue.end), lemma=cue.lemma, family=cue.family),
                       sources=sources)


def _unique(fid: str, ids: Counter) -> str:
    """The same sentence twice in an article keeps a stable, distinct id."""
    ids[fid] += 1
    return fid if ids[fid] == 1 else f"{fid}-{ids[fid]}"


def _detached(doc, cues: list[CueMention], unit: Unit) -> list[tuple[int, int]]:
    """Clauses of an attributed sentence that its speech verb does not cover (guide §1)."""
    if not cues or any(c.family not in ("reporting_verb", "quote") or c.verb_i is None for c in cues):
        return []
    cue_chars = [(c.start - unit.start, c.end - unit.start) for c in cues] + [
        (s.start - unit.start, s.end - unit.start) for c in cues for s in c.sources]
    spans: list[tuple[int, int]] = []
    clauses = UnitClauses(doc, cue_chars, unit.in_quote)
    seen: set[tuple[int, int]] = set()
    for cue in cues:
        for sp in detached_clauses(clauses, cue.verb_i):
            if sp not in seen:
                seen.add(sp)
                spans.append(sp)
    return spans


def _enumeration(cues: list[CueMention], unit: Unit, utext: str) -> list[tuple[int, int, CueMention]]:
    """A sentence listing three or more facts, each with its own *selon* list, is as many claims:
    each runs from the end of the previous one to the comma after its own sources."""
    listed = sorted((c for c in cues if c.family == "preposition" and c.seg_end), key=lambda c: c.start)
    if len(listed) < 3 or len(listed) != len(cues):
        return []
    segments = []
    start = 0
    for n, cue in enumerate(listed):
        if n == len(listed) - 1:
            end = len(utext)
        else:
            rel = cue.seg_end - unit.start
            comma = utext.find(",", rel)
            next_cue = listed[n + 1].start - unit.start
            end = comma if 0 <= comma < next_cue else next_cue
        s0, e0 = start, end
        while s0 < e0 and utext[s0] in " ,;":
            s0 += 1
        while e0 > s0 and utext[e0 - 1] in " ,;":
            e0 -= 1
        if e0 > s0:
            segments.append((s0, e0, cue))
        start = end
    return segments


def _distinct(attributions) -> list[Attribution]:
    """A source named by two cues of one claim is listed once, under the first cue."""
    seen: set[str] = set()
    out = []
    for att in attributions:
        sources = [s for s in att.sources if s.canonical.lower() not in seen]
        seen.update(s.canonical.lower() for s in sources)
        if sources:
            out.append(att.model_copy(update={"sources": sources}))
    return out


def _quote_groups(units: list[Unit]) -> list[list[int]]:
    groups: list[list[int]] = []
    for i, unit in enumerate(units):
        if unit.in_quote and groups and groups[-1][-1] == i - 1:
            groups[-1].append(i)
        else:
            groups.append([i])
    return groups


def _speaker_cue(cues: list[CueMention], has_quote: bool = True) -> CueMention | None:
    """The cue that names who speaks in a unit holding (part of) a quote."""
    cues = [c for c in cues if not c.nested]  # "« Le BEA nous a affirmé… »": the BEA is quoted, not speaking
    for cue in cues:
        if cue.family in ("reporting_verb", "quote") and cue.sources:
            return cue
    for cue in cues:  # "Selon son complice, « Il se sentait faible… »"
        if has_quote and cue.family in ("preposition", "relay") and cue.sources:
            return cue
    return None


def _unspoken(cues: list[CueMention]) -> bool:
    """No cue names who speaks the unit (it has none, or only reports quoted inside it)."""
    return all(c.nested for c in cues)


def _give_speaker(unit_cues, i: int, speaker: CueMention) -> None:
    if not unit_cues[i]:
        unit_cues[i] = [_as_quote(speaker)]
    else:  # the speaker relays the report quoted in the unit (guide §3, chains)
        unit_cues[i] = unit_cues[i] + [_as_quote(speaker, role="relay")]


def _person_subject(doc, unit: Unit, ctx, persons) -> CueMention | None:
    """The person a sentence is about: its root's subject, a named person or il/elle."""
    root = first(doc, "DEP", "ROOT")
    if root is None:
        return None
    root = doc[root]
    subj = next((c for c in root.children if c.dep_.startswith("nsubj") or c.dep_ == "expl:subj"), None)
    if subj is None:
        return None
    if subj.ent_type_ == "PER":
        ent = next(e for e in doc.ents if e.start <= subj.i < e.end)
        name = persons.canonical(ent.text)
    elif subj.lower_ in ("il", "elle") and ctx.last_person:
        name = ctx.last_person
    else:
        return None
    start = unit.start + subj.idx
    src = SourceMention(start, start + len(subj.text), subj.text, "person", name)
    return CueMention(start, start + len(subj.text), subj.text, "citation", "quote", [src])


def _opens_quote(text: str) -> bool:
    return any(ch in text for ch in "«“\"»”")


def _cue_copy(cue: CueMention, family: str, role: str | None = None) -> CueMention:
    """The cue's speaker for another sentence: same sources (their own copies), another family."""
    return CueMention(cue.start, cue.end, cue.text, cue.lemma, family,
                      [replace(s, role=role or s.role, dates=list(s.dates)) for s in cue.sources])


def _as_quote(cue: CueMention, role: str | None = None) -> CueMention:
    # Every sentence of a quote is the same utterance: it keeps the date its speaker was given.
    return _cue_copy(cue, "quote", role)


def _bare_quote(text: str) -> bool:
    """A unit that opens with a clause-like quote."""
    return bool(quote_spans(text)) and text.lstrip().startswith(("«", "“", '"'))


def _spread_quotes(units, unit_cues, texts, subjects):
    """A quote's speaker covers an adjacent bare quote and every sentence of the quote."""
    for i, unit in enumerate(units):
        if not _unspoken(unit_cues[i]) or not _bare_quote(texts[i]):
            continue
        for j in (i - 1, i + 1):
            if 0 <= j < len(units) and units[j].paragraph == unit.paragraph:
                speaker = _speaker_cue(unit_cues[j])
                # the neighbour holds a quote, or is the end of one that began sentences earlier
                if speaker is not None and (quote_spans(texts[j]) or units[j].in_quote):
                    _give_speaker(unit_cues, i, speaker)
                    break
        else:
            # "Il a souhaité faire un rappel au règlement. « On ne peut pas accepter… »":
            # a bare quote right after a sentence about a named person is that person's (guide §2).
            if i > 0 and units[i - 1].paragraph == unit.paragraph and subjects[i - 1] is not None:
                _give_speaker(unit_cues, i, subjects[i - 1])
    for group in _quote_groups(units):
        if len(group) < 2:
            continue
        speaker = next((c for i in group if (c := _speaker_cue(unit_cues[i], _opens_quote(texts[i])))), None)
        if speaker is None:
            continue
        for i in group:
            if _unspoken(unit_cues[i]):
                _give_speaker(unit_cues, i, speaker)
    # "« … minoritaires ! ». « Vous vous êtes assis sur le règlement ! »": a bare quote right after
    # a quote of several sentences is the same speaker's, known only now that the group has it.
    for i, unit in enumerate(units):
        if not _unspoken(unit_cues[i]) or i == 0 or not units[i - 1].in_quote or units[i - 1].paragraph != unit.paragraph:
            continue
        if not _bare_quote(texts[i]):
            continue
        speaker = _speaker_cue(unit_cues[i - 1])
        if speaker is not None:
            _give_speaker(unit_cues, i, speaker)


def _spread_back(units, unit_cues):
    """*Pastor l'avait annoncé*, *C'est ce qu'a annoncé X*: the speaker of what the sentence before
    said (guide §6), when that sentence has no source of its own."""
    for i in range(1, len(units)):
        cue = next((c for c in unit_cues[i] if c.backward), None)
        if cue is None or unit_cues[i - 1] or units[i - 1].paragraph != units[i].paragraph:
            continue
        unit_cues[i - 1] = [_cue_copy(cue, "reporting_verb")]
        if cue.backward == "ce":  # "C'est ce qu'a annoncé X" says nothing of its own
            unit_cues[i] = [c for c in unit_cues[i] if c is not cue]


def _spread_intros(units, unit_cues):
    """*Voici la déclaration du Trésor :* attributes the paragraph that follows."""
    for i, cues in enumerate(unit_cues):
        intro = next((c for c in cues if c.intro), None)
        if intro is None:
            continue
        nxt = next((u.paragraph for u in units[i + 1:] if u.paragraph > units[i].paragraph), None)
        for j in range(i + 1, len(units)):
            if units[j].paragraph != nxt:
                if units[j].paragraph > (nxt or 0):
                    break
                continue
            if not unit_cues[j]:
                unit_cues[j] = [CueMention(intro.start, intro.end, intro.text, intro.lemma, "speech_noun",
                                           intro.sources)]
        cues.remove(intro)


def _spread_interview(units, unit_cues, docs, text: str, persons) -> None:
    """The answers of a question-and-answer interview are the interviewee's: the last person
    the article names before its first question (guide §6; pipeline/interview.py)."""
    paragraphs: dict[int, list[int]] = {}
    for i, unit in enumerate(units):
        paragraphs.setdefault(unit.paragraph, []).append(i)
    found = find_interview([(p, text[units[ix[0]].start:units[ix[-1]].end]) for p, ix in paragraphs.items()])
    if found is None:
        return
    # Only the Docs before the first question are read: a packed Doc is made again when read.
    before = [i for i, unit in enumerate(units) if unit.paragraph < found.first_question]
    named = [(units[i].start + e.start_char, units[i].start + e.end_char, e.text)
             for i in before for e in docs[i].ents if e.label_ == "PER"]
    if not named:
        return
    start, end, name = named[-1]
    src = SourceMention(start, end, name, "person", persons.canonical(name))
    speaker = CueMention(start, end, name, "interview", "quote", [src])
    for i, unit in enumerate(units):
        if unit.paragraph in found.answers and _unspoken(unit_cues[i]):
            _give_speaker(unit_cues, i, speaker)


def _full_organizations(unit_cues, registry: ArticleRegistry) -> None:
    """A body the article named in full and then by its head noun is one source:
    "le Conseil constitutionnel … le Conseil estime" is the Conseil constitutionnel."""
    for cues in unit_cues:
        for cue in cues:
            for src in cue.sources:
                if src.type in ("organization", "media"):
                    full = registry.full_organization(src.canonical)
                    if full:
                        src.canonical = full


def _line_col(unit: Unit, offset: int) -> tuple[int, int]:
    """Line and column of a character of the unit. Units never cross a line break, so no
    counting from the top of the article (quadratic over a long one-line article)."""
    return unit.line, unit.column + offset


def build_report(article: Article, docs, units: list[Unit], extra_gazetteer: dict | None = None,
                 registry: ArticleRegistry | None = None) -> Report:
    """The report of one article from the Docs of its units.

    `docs` is emptied as the claims are built: a Doc costs at least 6 KB whatever its
    length (spaCy allocates room for twenty tokens), so an article of 66,000 one-line
    paragraphs holds 350 MB of Docs, and the claims would otherwise be added on top.
    `registry` is who is who in the article, gathered as the Docs came (read from `docs`
    when not given)."""
    text = article.text
    if registry is None:
        registry = ArticleRegistry(extra_gazetteer)
        for doc in docs:
            registry.observe(doc)
    persons = registry.persons
    ctx = ArticleContext(text=text, published=article.published, persons=persons, extra_gazetteer=extra_gazetteer)
    ctx.person_words.update(registry.person_words)
    ctx.epithets = registry.epithets()
    ctx.descriptions = registry.descriptions()
    ctx.speech_owners = registry.speech_owners()
    texts = [text[u.start:u.end] for u in units]
    unit_cues: list[list[CueMention]] = []
    subjects: list[CueMention | None] = []  # a person the sentence is about, as a would-be quote speaker
    for unit, doc, utext in zip(units, docs, texts):
        cues = [c for c in find_cues(doc, unit.start, ctx, utext, unit.in_quote) if c.sources]
        unit_cues.append(cues)
        for cue in cues:
            for src in cue.sources:
                if src.type == "person":
                    ctx.last_person = src.canonical
                elif src.type in ("organization", "media") and src.role == "origin":
                    ctx.last_org = (src.canonical, src.type)
                    ctx.last_source_org = ctx.last_org
        orgs = [e for e in doc.ents if e.label_ == "ORG"]
        if orgs:
            hit = lookup(orgs[-1].text, ctx.extra_gazetteer)
            ctx.last_org = hit or (orgs[-1].text, "organization")
        subjects.append(_person_subject(doc, unit, ctx, persons))
        per = [e for e in doc.ents if e.label_ == "PER"]
        if per:
            # The subject of the sentence is who a later "il" most likely is, else the last name.
            subject = next((e for e in per if any(t.dep_.startswith("nsubj") for t in e)), per[-1])
            ctx.last_person = persons.canonical(subject.text)
    _spread_back(units, unit_cues)
    _spread_quotes(units, unit_cues, texts, subjects)
    _spread_intros(units, unit_cues)
    _spread_interview(units, unit_cues, docs, text, persons)
    _full_organizations(unit_cues, registry)

    sentences = [Sentence(index=i, span=(u.start, u.end), line=u.line, column=u.column, heading=u.heading)
                 for i, u in enumerate(units)]
    claims: list[Claim] = []
    ids: Counter[str] = Counter()
    for i, (unit, utext) in enumerate(zip(units, texts)):
        # Each Doc and cue list is last needed here: released, their memory holds the claims.
        doc, docs[i] = docs[i], None
        cues, unit_cues[i] = unit_cues[i], None
        attributed = bool(cues)
        # A sentence that only continues a quote must still be a claim on its own ("Quel pied !" is not).
        own_cue = any(c.family != "quote" or c.verb_i is not None for c in cues)
        if not is_claim(doc, utext, unit.heading, unit.in_quote, attributed):
            continue
        if attributed and not own_cue and not has_finite_verb(doc):
            continue
        if unit.heading and not attributed and not has_finite_verb(doc):
            continue
        segments = _enumeration(cues, unit, utext)
        if segments:
            # "…notamment A selon X du 2 novembre, B selon Y du 31 octobre, C selon Z…": one claim each.
            for s0, e0, cue in segments:
                sub_text = text[unit.start + s0:unit.start + e0]
                sub_doc = doc.char_span(s0, e0, alignment_mode="expand")
                cw = checkworthiness(sub_doc, sub_text, bool(find_dates(sub_text, article.published, resolved_only=True)))
                line, column = _line_col(unit, s0)
                claims.append(Claim(
                    id=_unique(fingerprint(sub_text), ids), sentence=i, span=(unit.start + s0, unit.start + e0),
                    text=sub_text, attributed=True, checkworthy=cw >= CHECKWORTHY_AT,
                    confidence=FAMILY_CONFIDENCE["preposition"], kind="reported",
                    attributions=_distinct([_attribution(cue)]), line=line, column=column))
            continue
        attributions = _distinct(_attribution(c) for c in cues)
        for s0, e0 in _detached(doc, cues, unit):
            sub_text = text[unit.start + s0:unit.start + e0]
            sub_doc = doc.char_span(s0, e0, alignment_mode="expand")
            cw = checkworthiness(sub_doc, sub_text, bool(find_dates(sub_text, article.published, resolved_only=True)))
            line, column = _line_col(unit, s0)
            claims.append(Claim(
                id=_unique(fingerprint(sub_text), ids), sentence=i, span=(unit.start + s0, unit.start + e0),
                text=sub_text, attributed=False, checkworthy=cw >= CHECKWORTHY_AT,
                confidence=round(min(0.5 + abs(cw - CHECKWORTHY_AT) * 0.6, 0.99), 2), kind="unattributed",
                line=line, column=column))
        has_dates = bool(find_dates(utext, article.published, resolved_only=True))
        score = checkworthiness(doc, utext, has_dates)
        if attributed:
            families = {c.family for c in cues}
            confidence = max(FAMILY_CONFIDENCE.get(f, 0.7) for f in families)
            if all(s.type != "vague" for a in attributions for s in a.sources):
                confidence += 0.03
            quoted = bool(quote_spans(utext)) or "quote" in families
            reported = bool(families & {"preposition", "relay", "parenthetical", "speech_noun"})
            kind = "mixed" if quoted and reported else "direct_quote" if quoted else "reported"
            checkworthy = score >= CHECKWORTHY_AT
        else:
            confidence = 0.5 + abs(score - CHECKWORTHY_AT) * 0.6
            kind = "unattributed"
            checkworthy = score >= CHECKWORTHY_AT
        fid = _unique(fingerprint(utext), ids)
        line, column = _line_col(unit, 0)
        claims.append(Claim(
            id=fid, sentence=i, span=(unit.start, unit.end), text=utext, attributed=attributed,
            checkworthy=checkworthy, confidence=round(min(confidence, 0.99), 2), kind=kind,
            attributions=attributions, line=line, column=column,
        ))
    # A sentence's own claim first, then the clauses split from it, in text order.
    claims.sort(key=lambda c: (c.sentence, c.span[0], -(c.span[1] - c.span[0])))
    source_counts: Counter[str] = Counter()
    for claim in claims:
        source_counts.update({s.canonical for a in claim.attributions for s in a.sources})
    summary = Summary(
        sentences=len(units), claims=len(claims),
        attributed=sum(c.attributed for c in claims),
        unattributed=sum(not c.attributed for c in claims),
        checkworthy_unattributed=sum((not c.attributed) and c.checkworthy for c in claims),
        sources=dict(sorted(source_counts.items(), key=lambda kv: (-kv[1], kv[0]))),
    )
    language = guess_language(text)
    warnings = list(article.warnings)
    if language != "fr":
        warnings.append(f"language: the text does not look French (guessed {language}); results are unreliable")
    info = ArticleInfo(
        id=article.id, path=article.path, sha256=article.sha256, title=article.title, author=article.author,
        published=article.published, published_from=article.published_from, language=language,
        chars=len(text), text=text,
    )
    return Report(tool=Tool(version=__version__), article=info, sentences=sentences, claims=claims,
                  summary=summary, warnings=warnings)


# Sentence units per nlp.pipe batch, across articles. Short units in small batches spend
# their time in per-batch overhead: per-article batches (64 at most, 35 units on average)
# cost the spaCy side 5-20% more CPU than batches of 256 across articles, and 1,000 was
# slower again. A Doc is the same whatever batch it was in (checked on the whole corpus).
UNIT_BATCH = 256
# The networks' memory grows with the tokens of a batch, not its unit count (about 17 KB a
# token while a batch is parsed): 256 units of news are 6,000-9,000 tokens, 256 units cut at
# 3,000 characters of quote marks are 480,000 and took gigabytes. A batch also closes at
# this many tokens; units are tokenized first to count them (the pipeline takes the Docs as
# they are, and a Doc is the same whatever batch it was in).
BATCH_TOKENS = 10_000


class _Pending:
    """An input item waiting for the Docs of its units (an error needs none)."""

    __slots__ = ("item", "units", "docs", "registry")

    def __init__(self, item, units, extra_gazetteer):
        self.item, self.units = item, units
        self.docs = DocStore(packed=units is not None and len(units) > PACK_AFTER)
        self.registry = ArticleRegistry(extra_gazetteer)

    def add(self, doc) -> None:
        self.registry.observe(doc)
        self.docs.append(doc)

    @property
    def complete(self) -> bool:
        return self.units is None or len(self.docs) == len(self.units)


def analyze_articles(articles: Iterable[Article | InputError], nlp=None,
                     extra_gazetteer: dict | None = None, batch_size: int = UNIT_BATCH) -> Iterator[Report | InputError]:
    """Reports in input order; input errors are passed through so a batch goes on.

    The units of consecutive articles share nlp.pipe batches; only the articles whose
    units are in flight are held, so memory does not grow with the length of the input.
    `extra_gazetteer` maps textnorm.name_key(name) -> (canonical, "media"|"organization"),
    for outlets and institutions a user adds in configuration."""
    nlp = nlp or load_nlp()
    pending: deque[_Pending] = deque()

    def unit_texts() -> Iterator[str]:
        for article in articles:
            if isinstance(article, InputError):
                pending.append(_Pending(article, None, extra_gazetteer))
                continue
            units = split_units(article.text)
            pending.append(_Pending(article, units, extra_gazetteer))
            for unit in units:
                yield article.text[unit.start:unit.end]

    def finished() -> Iterator[Report | InputError]:
        while pending and pending[0].complete:
            done = pending.popleft()
            if done.units is None:
                yield done.item
            else:
                # built before the yield, so that no Doc is held while the report is written
                report = build_report(done.item, done.docs, done.units, extra_gazetteer, done.registry)
                done = None
                yield report

    for batch in _batches(map(nlp.make_doc, unit_texts()), batch_size, BATCH_TOKENS):
        for doc in nlp.pipe(batch, batch_size=len(batch)):
            yield from finished()  # errors and unit-less articles ahead of this Doc's article
            pending[0].add(doc)
    yield from finished()


def _batches(docs: Iterator, size: int, tokens: int) -> Iterator[list]:
    """Lists of at most `size` Docs and, past the first Doc, at most `tokens` tokens."""
    batch: list = []
    held = 0
    for doc in docs:
        if batch and (len(batch) == size or held + len(doc) > tokens):
            yield batch
            batch, held = [], 0
        batch.append(doc)
        held += len(doc)
    if batch:
        yield batch


def analyze_text(text: str, published: date | None = None, ident: str = "text", nlp=None) -> Report:
    """One report for a string (the library entry point)."""
    article = make_article(text, ident, None, published, "option" if published else None)
    return next(analyze_articles([article], nlp=nlp))
