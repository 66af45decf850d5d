"""What changed between two versions of an article: align their claims and name the changes.

Works on two `Report`s only (never imports spaCy), so two existing reports are
compared in a fraction of a second.

Alignment, in this order:
1. identical claims: same normalized text (`textnorm.normalize_claim_text`, the
   text behind the claim id), paired in article order;
2. similar claims, greedily from the most similar pair down: one old claim to
   one new claim (an edit), one old claim to a run of 2-3 consecutive new ones
   (a split) or the reverse (a merge). Similarity is the rapidfuzz ratio of the
   normalized texts, or of their wording without the sourcing (so that replacing
   *selon CNN* by *selon une source proche du dossier* in a short sentence still
   aligns); it must reach `threshold` (0.65 by default), and 0.8 when both
   texts are shorter than 60 characters, where chance resemblances are common.
3. what stays unaligned was removed (old) or added (new);
4. aligned claims whose relative order changed (outside the longest run kept in
   order) were moved.

Significance (what a fact-checker needs first: sourcing that got weaker and
facts that changed; then neutral substitutions; then structure):

| kind                 | high                              | medium                     | low                        |
|----------------------|-----------------------------------|----------------------------|----------------------------|
| figure-changed       | always                            |                            |                            |
| source-anonymized    | always                            |                            |                            |
| attribution-dropped  | no named source is left           | a named source remains     |                            |
| claim-added          | unattributed and check-worthy     | attributed                 | unattributed, not c.-w.    |
| claim-removed        |                                   | attributed or check-worthy | otherwise                  |
| source-changed       |                                   | always                     |                            |
| source-date-changed  |                                   | always                     |                            |
| claim-edited         |                                   | a negation comes or goes, or 3+ words changed | otherwise |
| attribution-added    |                                   |                            | always (sourcing stronger) |
| source-named         |                                   |                            | always (sourcing stronger) |
| claim-moved, -split, -merged |                           |                            | always                     |

`claim-edited` names a change of wording outside the sourcing (from the cue to
the last source and its dates, *selon les révélations de CNN publiées vendredi*)
and outside the figures, which their own kinds report.

A source counts as dropped only when its words left the claim, and as added
only when its words are new to it: when the words stay and only the pipeline's
reading of them differs (a retyped apostrophe can change a parse), nothing
changed in the article; such re-readings are counted in `summary.reread_sources`.
Likewise a sentence kept word for word but read as a claim in one version only
is neither added nor removed (`summary.reread_claims`).
"""

from __future__ import annotations

import bisect
import difflib
import json
import re
from collections import Counter
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Literal, get_args

from pydantic import BaseModel, ConfigDict
from rapidfuzz import fuzz

from . import __version__
from .dates import find_dates
from .errors import InputError
from .models import Claim, Report, Source, Tool
from .textnorm import fold, name_key, normalize_claim_text

DIFF_VERSION = 1
DEFAULT_THRESHOLD = 0.65
SHORT_TEXT = 60  # characters: below this on both sides, similarity must reach SHORT_THRESHOLD
SHORT_THRESHOLD = 0.8
PART_CONTAINED = 80  # partial_ratio a split part must reach inside the text it came from
MIN_TEXT_RATIO = 0.3  # the shorter version must hold at least this share of the longer one's characters
MAX_RUN = 3  # a claim splits into (or merges from) at most this many claims
HULL_MAX = 100  # an attribution whose cue-to-source hull is longer is masked span by span

ChangeKind = Literal[
    "claim-added", "claim-removed", "claim-moved", "claim-split", "claim-merged", "claim-edited",
    "attribution-added", "attribution-dropped", "source-changed", "source-anonymized",
    "source-named", "source-date-changed", "figure-changed",
]
CHANGE_KINDS: tuple[str, ...] = get_args(ChangeKind)
Significance = Literal["high", "medium", "low"]
# the kinds about who is cited: their renderings show the sources before and after
SOURCING_KINDS = frozenset({"claim-added", "claim-removed", "attribution-added", "attribution-dropped",
                            "source-changed", "source-anonymized", "source-named", "source-date-changed"})
SIGNIFICANCES: tuple[str, ...] = ("low", "medium", "high")  # in rising order
NAMED_TYPES = {"media", "person", "organization"}
# conjunctions and subject pronouns that a split adds or a merge removes ("…, et il…" / "… . Il…")
SPLIT_GLUE = {"et", "mais", "puis", "donc", "or", "car", "alors", "ensuite", "il", "elle", "ils", "elles"}
NEGATIONS = {"ne", "n", "pas", "jamais", "aucun", "aucune", "non", "nullement", "sans", "guere"}


class DiffError(InputError):
    """Two versions that cannot be compared meaningfully (one side collapsed or empty)."""


# ---------------------------------------------------------------- the result model

class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class SourceRef(_Model):
    text: str
    canonical: str
    type: str
    dates: list[str] = []  # ISO day, or "from/to" for an interval


class ClaimRef(_Model):
    id: str
    sentence: int
    paragraph: int  # 1-based
    line: int
    span: tuple[int, int]
    text: str
    attributed: bool
    checkworthy: bool


class Change(_Model):
    kind: ChangeKind
    significance: Significance
    detail: str
    before: str | None = None
    after: str | None = None
    sources_before: list[SourceRef] = []
    sources_after: list[SourceRef] = []
    old: list[ClaimRef] = []
    new: list[ClaimRef] = []
    similarity: float | None = None


class Sourcing(_Model):
    claims: int
    attributed: int
    unattributed: int
    checkworthy_unattributed: int
    sources_by_type: dict[str, int]  # claim-source links per source type
    sources: dict[str, int]  # claims citing each canonical source


class SideInfo(_Model):
    label: str
    id: str
    path: str | None = None
    title: str | None = None
    sha256: str
    chars: int
    published: date | None = None


class DiffSummary(_Model):
    changes: int
    by_kind: dict[str, int]
    by_significance: dict[str, int]
    aligned: int  # alignment groups (identical, edited, split, merged)
    unchanged: int  # aligned groups with no change at all
    hidden: int = 0  # changes below min_significance, left out
    reread_sources: int = 0  # sources whose words stayed in an aligned claim but were read differently; no change
    reread_claims: int = 0  # sentences kept word for word, read as a claim on one side only; no change
    before: Sourcing
    after: Sourcing


class DiffResult(_Model):
    diff_version: Literal[1] = DIFF_VERSION
    tool: Tool
    old: SideInfo
    new: SideInfo
    threshold: float
    min_significance: Significance = "low"
    summary: DiffSummary
    changes: list[Change]

    def to_json(self, indent: int | None = 2) -> str:
        return json.dumps(self.model_dump(mode="json"), ensure_ascii=False, indent=indent)

    def at_least(self, level: str) -> DiffResult:
        """The same diff with the changes below `level` left out (and counted as hidden)."""
        floor = SIGNIFICANCES.index(level)
        kept = [c for c in self.changes if SIGNIFICANCES.index(c.significance) >= floor]
        summary = self.summary.model_copy(update={
            "changes": len(kept), "by_kind": _count_kinds(kept), "by_significance": _count_levels(kept),
            "hidden": self.summary.hidden + len(self.changes) - len(kept)})
        return self.model_copy(update={"changes": kept, "summary": summary, "min_significance": level})


def diff_schema() -> dict:
    return DiffResult.model_json_schema()


# ---------------------------------------------------------------- figures

_NUMBER = re.compile(
    r"(?<![\w.,])(?P<cur>[$€£]\s?)?"
    r"(?P<num>\d{1,3}(?:[ \u00a0\u202f.]\d{3})+(?:,\d+)?|\d+(?:[.,]\d+)?)"
    r"(?P<scale>\s?(?:millions?|milliards?|mille)\b)?"
    r"(?P<unit>\s?(?:%|pour\s?cents?\b|€|\$|£|euros?\b|dollars?\b|livres\b))?"
    r"(?![\w])", re.IGNORECASE)
_NUMBER_WORD = (r"(?:deux|trois|quatre|cinq|six|sept|huit|neuf|dix|onze|douze|treize|quatorze|"
                r"quinze|seize|vingts?|trente|quarante|cinquante|soixante|cents?|mille|"
                r"millions?|milliards?)")
_NUMBER_WORDS = re.compile(
    rf"\b{_NUMBER_WORD}(?:(?:[\s-]+et[\s-]+|[\s-]+){_NUMBER_WORD}|[\s-]+et[\s-]+une?)*\b", re.IGNORECASE)
_SPACES = re.compile(r"[\s\u00a0\u202f]+")


@dataclass(frozen=True)
class Figure:
    text: str
    value: str
    start: int
    end: int
    sourcing: bool = False  # part of the attribution ("CNN du 31 octobre"), not of the claim's content


def _number_value(m: re.Match) -> str:
    num = re.sub(r"[ \u00a0\u202f]", "", m.group("num"))
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+", num):
        num = num.replace(".", "")  # 1.000 is a thousands separator in French
    num = num.replace(",", ".")
    scale = fold(m.group("scale") or "").replace("s", "") if m.group("scale") else ""
    unit = fold((m.group("unit") or "") + (m.group("cur") or "")).replace(" ", "")
    unit = {"pourcent": "%", "pourcents": "%", "euro": "€", "euros": "€", "dollar": "$", "dollars": "$"}.get(unit, unit)
    return f"{num}{scale}{unit}"


def find_figures(text: str, published: date | None = None) -> list[Figure]:
    """Numbers, amounts, percentages and dates in `text`, each with a comparable value."""
    found: list[Figure] = []
    for d in find_dates(text, published):
        # a resolved date compares by its interval: "31 octobre" and "vendredi 31 octobre 2025" are one date
        value = f"{d.from_.isoformat()}/{d.to.isoformat()}" if d.from_ and d.to else _SPACES.sub(" ", fold(d.text))
        found.append(Figure(d.text, "date:" + value, d.start, d.end))
    taken = [(f.start, f.end) for f in found]

    def free(s: int, e: int) -> bool:
        return all(e <= a or s >= b for a, b in taken)

    for m in _NUMBER.finditer(text):
        if free(m.start(), m.end()):
            found.append(Figure(m.group().strip(), _number_value(m), m.start(), m.end()))
            taken.append((m.start(), m.end()))
    for m in _NUMBER_WORDS.finditer(text):
        if free(m.start(), m.end()):
            found.append(Figure(m.group(), "words:" + _SPACES.sub(" ", fold(m.group()).replace("-", " ")),
                                m.start(), m.end()))
    return sorted(found, key=lambda f: f.start)


# ---------------------------------------------------------------- one claim, seen by the diff

@dataclass
class ClaimView:
    """A claim with what the diff compares: normalized text, sources, figures, wording."""

    claim: Claim
    index: int  # position in its report's claim list
    paragraph: int
    norm: str
    sources: dict[str, Source]  # name_key(canonical) -> first source with that name
    figures: list[Figure]
    words: list[tuple[str, bool]]  # folded words, each with: is it part of the sourcing or a figure?
    content: str  # normalized text outside the sourcing, for alignment of short claims

    @property
    def checkworthy_unattributed(self) -> bool:
        return not self.claim.attributed and self.claim.checkworthy


def _paragraph_starts(text: str) -> list[int]:
    """Paragraphs are blank-line separated blocks; a text without blank lines has one per line."""
    sep = r"\n[ \t\u00a0]*\n\s*" if re.search(r"\n[ \t\u00a0]*\n", text) else r"\n\s*"
    return [0] + [m.end() for m in re.finditer(sep, text)]


def _clip(span, lo: int, hi: int) -> tuple[int, int] | None:
    s, e = max(span[0], lo), min(span[1], hi)
    return (s - lo, e - lo) if s < e else None


def _blank(text: str, spans) -> str:
    chars = list(text)
    for s, e in spans:
        chars[s:e] = " " * (e - s)
    return "".join(chars)


_CLAUSE_END = re.compile(r"[,;:.!?()\[\]«»\"—–]|\s[-–—]\s")
TAIL_MAX = 40  # characters a "selon X" phrase may run on after its last source ("publiées vendredi")


def _sourcing_spans(claim: Claim, hull: bool) -> list[tuple[int, int]]:
    """Claim-relative spans of the sourcing: cues, sources, source dates, and the rest of a
    "selon X …" phrase up to its punctuation; with `hull`, one span per attribution from its
    first to its last piece when that stays short."""
    lo, hi = claim.span
    out = []
    for att in claim.attributions:
        pieces = [att.cue.span] + [s.span for s in att.sources] + [d.span for s in att.sources for d in s.dates]
        inside = [p for p in (_clip(p, lo, hi) for p in pieces) if p]
        if not inside:
            continue
        start, end = min(p[0] for p in inside), max(p[1] for p in inside)
        if att.cue.family in ("preposition", "relay") and _clip(att.cue.span, lo, hi):
            stop = _CLAUSE_END.search(claim.text, end)
            if stop and stop.start() - end <= TAIL_MAX:
                inside.append((end, stop.start()))
                end = stop.start()
        if hull and end - start <= HULL_MAX:
            out.append((start, end))
        else:
            out.extend(inside)
    return out


def view_claims(report: Report) -> list[ClaimView]:
    starts = _paragraph_starts(report.article.text)
    published = report.article.published
    views = []
    for i, claim in enumerate(report.claims):
        sources: dict[str, Source] = {}
        for att in claim.attributions:
            for src in att.sources:
                sources.setdefault(name_key(src.canonical) or fold(src.canonical), src)
        pieces = _sourcing_spans(claim, hull=False)
        figures = [replace(f, sourcing=any(f.start < e and s < f.end for s, e in pieces))
                   for f in find_figures(claim.text, published)]
        hulls = _sourcing_spans(claim, hull=True)
        aside = hulls + [(f.start, f.end) for f in figures]
        words = [(fold(m.group()), any(s <= m.start() and m.end() <= e for s, e in aside))
                 for m in re.finditer(r"\w+", claim.text)]
        views.append(ClaimView(
            claim=claim, index=i, paragraph=bisect.bisect_right(starts, claim.span[0]),
            norm=normalize_claim_text(claim.text), sources=sources, figures=figures, words=words,
            content=normalize_claim_text(_blank(claim.text, hulls)),
        ))
    return views


# ---------------------------------------------------------------- alignment

@dataclass
class Group:
    """Old claims aligned with new claims: 1-1 (same or edited), 1-n (split), n-1 (merged)."""

    old: list[ClaimView]
    new: list[ClaimView]
    similarity: float = 1.0
    exact: bool = False
    moved: bool = False
    reread: int = 0  # sources whose words stayed but were read differently
    changes: list[Change] = field(default_factory=list)

    @property
    def shape(self) -> str:
        if len(self.old) == len(self.new) == 1:
            return "one"
        return "split" if len(self.new) > 1 else "merged"


def _similarity(a: ClaimView, b: ClaimView) -> float:
    score = fuzz.ratio(a.norm, b.norm)
    if min(len(a.content.strip()), len(b.content.strip())) >= 20:
        score = max(score, fuzz.ratio(a.content, b.content))
    return score / 100


def _needed(a: str, b: str, threshold: float) -> float:
    return max(threshold, SHORT_THRESHOLD) if max(len(a), len(b)) < SHORT_TEXT else threshold


def align(old: list[ClaimView], new: list[ClaimView], threshold: float = DEFAULT_THRESHOLD) -> tuple[list[Group], list[ClaimView], list[ClaimView]]:
    """Groups of aligned claims, then the old claims left (removed) and the new ones left (added)."""
    groups: list[Group] = []
    by_text: dict[str, list[ClaimView]] = {}
    for v in new:
        by_text.setdefault(v.norm, []).append(v)
    taken_old: set[int] = set()
    taken_new: set[int] = set()
    for v in old:  # identical texts, paired in order
        queue = by_text.get(v.norm)
        if queue:
            w = queue.pop(0)
            groups.append(Group([v], [w], 1.0, exact=True))
            taken_old.add(v.index)
            taken_new.add(w.index)
    rest_old = [v for v in old if v.index not in taken_old]
    rest_new = [v for v in new if v.index not in taken_new]

    candidates: list[tuple[float, int, int, int, list[ClaimView], list[ClaimView]]] = []
    for a in rest_old:
        for b in rest_new:
            s = _similarity(a, b)
            if s >= _needed(a.norm, b.norm, threshold):
                candidates.append((s, 0, a.index, b.index, [a], [b]))
    for one, many, split in ((rest_old, rest_new, True), (rest_new, rest_old, False)):
        for a in one:
            for run in _runs(many):
                joined = " ".join(v.norm for v in run)
                s = fuzz.ratio(a.norm, joined) / 100
                if s < threshold or not all(fuzz.partial_ratio(v.norm, a.norm) >= PART_CONTAINED for v in run):
                    continue
                olds, news = ([a], run) if split else (run, [a])
                candidates.append((s, 1, olds[0].index, news[0].index, olds, news))
    candidates.sort(key=lambda c: (-c[0], c[1], c[2], c[3]))
    for s, _, _, _, olds, news in candidates:
        if any(v.index in taken_old for v in olds) or any(v.index in taken_new for v in news):
            continue
        groups.append(Group(olds, news, round(s, 3)))
        taken_old.update(v.index for v in olds)
        taken_new.update(v.index for v in news)
    groups.sort(key=lambda g: g.old[0].index)
    _mark_moved(groups)
    removed = [v for v in old if v.index not in taken_old]
    added = [v for v in new if v.index not in taken_new]
    return groups, removed, added


def _runs(views: list[ClaimView]):
    """Runs of 2..MAX_RUN claims that follow each other in their report."""
    for i in range(len(views)):
        for k in range(2, MAX_RUN + 1):
            run = views[i:i + k]
            if len(run) == k and all(run[j + 1].index == run[j].index + 1 for j in range(k - 1)):
                yield run


def _mark_moved(groups: list[Group]) -> None:
    """Groups (in old order) outside the longest run that keeps its order in the new version moved."""
    keys = [g.new[0].index for g in groups]
    tails: list[int] = []  # tails[k]: index in `keys` of the smallest tail of an increasing run of length k+1
    tail_keys: list[int] = []  # keys[tails[k]], kept sorted for bisect
    prev = [-1] * len(keys)
    for i, k in enumerate(keys):
        pos = bisect.bisect_left(tail_keys, k)
        prev[i] = tails[pos - 1] if pos else -1
        if pos == len(tails):
            tails.append(i)
            tail_keys.append(k)
        else:
            tails[pos] = i
            tail_keys[pos] = k
    keep = set()
    i = tails[-1] if tails else -1
    while i >= 0:
        keep.add(i)
        i = prev[i]
    for i, g in enumerate(groups):
        g.moved = i not in keep


# ---------------------------------------------------------------- naming the changes

def _source_ref(src: Source) -> SourceRef:
    dates = [d.from_.isoformat() if d.from_ == d.to else f"{d.from_.isoformat()}/{d.to.isoformat()}"
             for d in src.dates]
    return SourceRef(text=src.text, canonical=src.canonical, type=src.type, dates=dates)


def _claim_ref(v: ClaimView) -> ClaimRef:
    c = v.claim
    return ClaimRef(id=c.id, sentence=c.sentence, paragraph=v.paragraph, line=c.line, span=c.span,
                    text=c.text, attributed=c.attributed, checkworthy=c.checkworthy)


def _sources_of(views: list[ClaimView]) -> dict[str, Source]:
    merged: dict[str, Source] = {}
    for v in views:
        for key, src in v.sources.items():
            merged.setdefault(key, src)
    return merged


def _names(sources) -> str:
    return ", ".join(s.canonical for s in sources) or "none"


def _change(kind: str, significance: str, detail: str, olds: list[ClaimView], news: list[ClaimView],
            similarity: float | None = None) -> Change:
    return Change(
        kind=kind, significance=significance, detail=detail,
        before=" ".join(v.claim.text for v in olds) or None,
        after=" ".join(v.claim.text for v in news) or None,
        sources_before=[_source_ref(s) for s in _sources_of(olds).values()],
        sources_after=[_source_ref(s) for s in _sources_of(news).values()],
        old=[_claim_ref(v) for v in olds], new=[_claim_ref(v) for v in news], similarity=similarity,
    )


def _is_named(src: Source) -> bool:
    return src.type in NAMED_TYPES


def _reread(src: Source, home: list[ClaimView], other: list[ClaimView]) -> bool:
    """The source's words sit in its own claim and are still in the other version's claim:
    the article did not change there, only the reading of it did."""
    inside = any(v.claim.span[0] <= src.span[0] and src.span[1] <= v.claim.span[1] for v in home)
    return inside and _SPACES.sub(" ", fold(src.text)) in _SPACES.sub(" ", fold(" ".join(v.claim.text for v in other)))


def _sourcing_changes(g: Group) -> list[Change]:
    before, after = _sources_of(g.old), _sources_of(g.new)
    gone = [before[k] for k in before if k not in after and not _reread(before[k], g.old, g.new)]
    came = [after[k] for k in after if k not in before and not _reread(after[k], g.new, g.old)]
    g.reread = (sum(k not in after for k in before) + sum(k not in before for k in after)) - len(gone) - len(came)
    out = []
    if gone and came:
        if any(map(_is_named, gone)) and not any(map(_is_named, came)):
            kind, sig, verb = "source-anonymized", "high", "named source replaced by an anonymous or vague one"
        elif not any(map(_is_named, gone)) and any(map(_is_named, came)):
            kind, sig, verb = "source-named", "low", "anonymous or vague source replaced by a named one"
        else:
            kind, sig, verb = "source-changed", "medium", "source replaced"
        out.append(_change(kind, sig, f"{verb}: {_names(gone)} → {_names(came)}", g.old, g.new))
    elif gone:
        named_left = any(map(_is_named, after.values()))
        if not after:
            rest = "; the claim is now unattributed"
        else:
            rest = "; still cited: " + ", ".join(f"{s.canonical} ({s.type})" for s in after.values())
        out.append(_change("attribution-dropped", "medium" if named_left else "high",
                           f"{_names(gone)} no longer cited{rest}", g.old, g.new))
    elif came:
        was = "" if before else "; the claim was unattributed"
        out.append(_change("attribution-added", "low", f"now cited: {_names(came)}{was}", g.old, g.new))
    if g.shape == "split" and before:  # a part cut off its source keeps nothing to back it
        for part in g.new:
            if not part.sources and after:
                out.append(_change("attribution-dropped", "high",
                                   f"split off from a claim citing {_names(before.values())}; this part cites no source",
                                   g.old, [part]))
    moved_dates = []
    for key in before.keys() & after.keys():
        old_d = sorted(_source_ref(before[key]).dates)
        new_d = sorted(_source_ref(after[key]).dates)
        if old_d != new_d:
            texts = lambda s: ", ".join(d.text for d in s.dates) or "no date"  # noqa: E731
            moved_dates.append(f"{after[key].canonical}: {texts(before[key])} → {texts(after[key])}")
    if moved_dates:
        out.append(_change("source-date-changed", "medium", "; ".join(sorted(moved_dates)), g.old, g.new))
    return out


def _figure_change(g: Group) -> Change | None:
    """Figures of the claim text that differ between the versions, leaving out those of the
    sourcing (a source's date has its own kind); a date that only moved into or out of the
    sourcing, as the parse sees it, is still the same figure."""
    old_f = [f for v in g.old for f in v.figures]
    new_f = [f for v in g.new for f in v.figures]
    gone = Counter(f.value for f in old_f) - Counter(f.value for f in new_f)
    came = Counter(f.value for f in new_f) - Counter(f.value for f in old_f)

    def differing(figs, values: Counter) -> list[Figure]:
        left, out = Counter(values), []
        for f in sorted(figs, key=lambda f: f.sourcing):  # content figures first
            if left[f.value] > 0:
                left[f.value] -= 1
                out.append(f)
        return sorted((f for f in out if not f.sourcing), key=lambda f: f.start)

    lost, found = differing(old_f, gone), differing(new_f, came)
    if not lost and not found:
        return None
    texts = lambda figs: ", ".join(f.text for f in figs) or "nothing"  # noqa: E731
    return _change("figure-changed", "high", f"{texts(lost)} → {texts(found)}", g.old, g.new, g.similarity)


def _edit_change(g: Group) -> Change | None:
    """Words added or removed outside the sourcing and the figures of either version."""
    old_w = [w for v in g.old for w in v.words]
    new_w = [w for v in g.new for w in v.words]
    ops = difflib.SequenceMatcher(a=[w for w, _ in old_w], b=[w for w, _ in new_w], autojunk=False).get_opcodes()
    gone = [w for op, i1, i2, _, _ in ops if op != "equal" for w, aside in old_w[i1:i2] if not aside]
    came = [w for op, _, _, j1, j2 in ops if op != "equal" for w, aside in new_w[j1:j2] if not aside]
    if g.shape != "one":  # "…, et il…" -> "… . Il…": the conjunction is the split itself
        gone = [w for w in gone if w not in SPLIT_GLUE]
        came = [w for w in came if w not in SPLIT_GLUE]
    changed = max(len(gone), len(came))
    if changed == 0:
        return None
    negation = bool(set(gone + came) & NEGATIONS)
    significance = "medium" if negation or changed >= 3 else "low"
    detail = f"{changed} word{'s' if changed > 1 else ''} changed" + ("; a negation changed" if negation else "")
    return _change("claim-edited", significance, detail, g.old, g.new, g.similarity)


def _group_changes(g: Group) -> list[Change]:
    out: list[Change] = []
    if g.shape == "split":
        out.append(_change("claim-split", "low", f"one claim split into {len(g.new)}", g.old, g.new, g.similarity))
    elif g.shape == "merged":
        out.append(_change("claim-merged", "low", f"{len(g.old)} claims merged into one", g.old, g.new, g.similarity))
    sourcing = _sourcing_changes(g)
    out.extend(sourcing)
    figure = _figure_change(g)
    if figure:
        out.append(figure)
    if not g.exact:
        edit = _edit_change(g)
        if edit:
            out.append(edit)
    return out


def _moved_changes(groups: list[Group]) -> list[tuple[Group, Change]]:
    """One claim-moved per block of moved groups that stay together in both versions."""
    new_rank = {id(g): r for r, g in enumerate(sorted(groups, key=lambda g: g.new[0].index))}
    blocks: list[list[Group]] = []
    for i, g in enumerate(groups):
        if not g.moved:
            continue
        if blocks and groups[i - 1] is blocks[-1][-1] and new_rank[id(g)] == new_rank[id(blocks[-1][-1])] + 1:
            blocks[-1].append(g)
        else:
            blocks.append([g])
    out = []
    for block in blocks:
        olds = [v for g in block for v in g.old]
        news = [v for g in block for v in g.new]
        n = len(olds)
        detail = (f"{n} claim{'s' if n > 1 else ''} moved from paragraph {olds[0].paragraph} "
                  f"(line {olds[0].claim.line}) to paragraph {news[0].paragraph} (line {news[0].claim.line})")
        out.append((block[0], _change("claim-moved", "low", detail, olds, news)))
    return out


def _added_change(v: ClaimView) -> Change:
    if v.claim.attributed:
        sig, detail = "medium", f"new claim citing {_names(v.sources.values())}"
    elif v.claim.checkworthy:
        sig, detail = "high", "new check-worthy claim without a source"
    else:
        sig, detail = "low", "new claim without a source"
    return _change("claim-added", sig, detail, [], [v])


def _removed_change(v: ClaimView) -> Change:
    sig = "medium" if v.claim.attributed or v.claim.checkworthy else "low"
    cited = f"; it cited {_names(v.sources.values())}" if v.claim.attributed else ""
    return _change("claim-removed", sig, f"claim removed{cited}", [v], [])


# ---------------------------------------------------------------- summary and entry point

def sourcing_of(report: Report) -> Sourcing:
    by_type: Counter[str] = Counter()
    names: Counter[str] = Counter()
    for claim in report.claims:
        seen = {}
        for att in claim.attributions:
            for src in att.sources:
                seen.setdefault(src.canonical, src.type)
        by_type.update(seen.values())
        names.update(seen.keys())
    claims = report.claims
    return Sourcing(
        claims=len(claims), attributed=sum(c.attributed for c in claims),
        unattributed=sum(not c.attributed for c in claims),
        checkworthy_unattributed=sum((not c.attributed) and c.checkworthy for c in claims),
        sources_by_type=dict(sorted(by_type.items())),
        sources=dict(sorted(names.items(), key=lambda kv: (-kv[1], kv[0]))),
    )


def _count_kinds(changes: list[Change]) -> dict[str, int]:
    counts = Counter(c.kind for c in changes)
    return {k: counts[k] for k in CHANGE_KINDS if counts[k]}


def _count_levels(changes: list[Change]) -> dict[str, int]:
    counts = Counter(c.significance for c in changes)
    return {k: counts[k] for k in reversed(SIGNIFICANCES)}


def _side(report: Report, label: str | None) -> SideInfo:
    a = report.article
    return SideInfo(label=label or a.path or a.id, id=a.id, path=a.path, title=a.title, sha256=a.sha256,
                    chars=a.chars, published=a.published)


def _non_claim_sentences(report: Report) -> set[str]:
    claimed = {c.sentence for c in report.claims}
    text = report.article.text
    return {normalize_claim_text(text[s.span[0]:s.span[1]]) for s in report.sentences if s.index not in claimed}


def check_comparable(old_text: str, new_text: str, old_label: str = "OLD", new_label: str = "NEW",
                     min_ratio: float = MIN_TEXT_RATIO) -> None:
    """Refuse a pair where one side holds far less text: a collapsed extraction, not an edit.

    Reporting every claim as removed would bury the one fact that matters: the text is gone."""
    a, b = len(old_text.strip()), len(new_text.strip())
    small, big = min(a, b), max(a, b)
    if big == 0:
        raise DiffError(f"{old_label} and {new_label}: both versions are empty")
    if small < min_ratio * big:
        short_label, long_label = (old_label, new_label) if a < b else (new_label, old_label)
        raise DiffError(
            f"{short_label} has {small} characters against {big} in {long_label} ({100 * small // big} %): "
            f"one version looks truncated or empty; not comparing")


def diff_reports(old: Report, new: Report, threshold: float = DEFAULT_THRESHOLD,
                 old_label: str | None = None, new_label: str | None = None) -> DiffResult:
    """Align the claims of two reports of one article and name what changed (see the module doc)."""
    check_comparable(old.article.text, new.article.text, old_label or "OLD", new_label or "NEW")
    old_v, new_v = view_claims(old), view_claims(new)
    groups, removed, added = align(old_v, new_v, threshold)
    # a sentence kept word for word but read as a claim on one side only: the article did not change
    kept_old, kept_new = _non_claim_sentences(old), _non_claim_sentences(new)
    reread_claims = sum(v.norm in kept_new for v in removed) + sum(v.norm in kept_old for v in added)
    removed = [v for v in removed if v.norm not in kept_new]
    added = [v for v in added if v.norm not in kept_old]
    anchored: list[tuple[tuple, Change]] = []  # (place in the new version, change)
    new_pos_of_old: dict[int, int] = {}
    for g in groups:
        for v in g.old:
            new_pos_of_old[v.index] = g.new[0].index
        g.changes = _group_changes(g)
    for g, change in _moved_changes(groups):
        g.changes.insert(0, change)
    for g in groups:
        anchored.extend(((g.new[0].index, 0, g.old[0].index), c) for c in g.changes)
    for v in removed:  # a removed claim sits after the last aligned claim before it
        before = [new_pos_of_old[i] for i in range(v.index) if i in new_pos_of_old]
        anchored.append(((max(before) if before else -1, 1, v.index), _removed_change(v)))
    for v in added:
        anchored.append(((v.index, 0, -1), _added_change(v)))
    order = {k: i for i, k in enumerate(CHANGE_KINDS)}
    anchored.sort(key=lambda ac: (ac[0], order[ac[1].kind]))
    changes = [c for _, c in anchored]
    summary = DiffSummary(
        changes=len(changes), by_kind=_count_kinds(changes), by_significance=_count_levels(changes),
        aligned=len(groups), unchanged=sum(not g.changes for g in groups),
        reread_sources=sum(g.reread for g in groups), reread_claims=reread_claims,
        before=sourcing_of(old), after=sourcing_of(new),
    )
    return DiffResult(tool=Tool(version=__version__), old=_side(old, old_label), new=_side(new, new_label),
                      threshold=threshold, summary=summary, changes=changes)


def word_diff(before: str, after: str) -> tuple[list[tuple[bool, str]], list[tuple[bool, str]]]:
    """Word-level diff for display: each side as (changed?, text) pieces.

    Words are compared normalized, so a change of apostrophe, case or space is no change."""
    a = re.findall(r"\s+|\w+|[^\w\s]", before)
    b = re.findall(r"\s+|\w+|[^\w\s]", after)
    key = lambda t: " " if t.isspace() else normalize_claim_text(t)  # noqa: E731
    old: list[tuple[bool, str]] = []
    new: list[tuple[bool, str]] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=[key(t) for t in a], b=[key(t) for t in b],
                                                      autojunk=False).get_opcodes():
        if i2 > i1:
            old.append((op != "equal", "".join(a[i1:i2])))
        if j2 > j1:
            new.append((op != "equal", "".join(b[j1:j2])))
    return _coalesce(old), _coalesce(new)


def _coalesce(pieces: list[tuple[bool, str]]) -> list[tuple[bool, str]]:
    """Changed pieces separated only by a space become one: "[-plusieurs sources-]", not "[-plusieurs-] [-sources-]"."""
    out: list[tuple[bool, str]] = []
    for i, (changed, text) in enumerate(pieces):
        between = (not changed and text.isspace() and out and out[-1][0]
                   and i + 1 < len(pieces) and pieces[i + 1][0])
        if (changed or between) and out and out[-1][0]:
            out[-1] = (True, out[-1][1] + text)
        else:
            out.append((changed or bool(between), text))
    return out
