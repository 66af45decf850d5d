"""Gold files vs reports: precision, recall and F1 (issue 3's definitions).

Pure: reads gold JSON and Report models; never imports spaCy (the CLI runs the
pipeline first when no reports are given). Scoring also lists every error it counts
(`EvalError`), so that misses and false alarms can be studied by kind, not one by one.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from . import canon
from .errors import InputError
from .models import Report
from .textnorm import fold, name_key


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, other: "Score") -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict:
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn, "precision": round(self.precision, 4),
                "recall": round(self.recall, 4), "f1": round(self.f1, 4)}


METRICS = ("attribution", "sources", "dates", "unattributed")

# The kinds of error, in the order `eval --errors` lists them (issue 14).
ERROR_KINDS = {
    "missed-attribution": "missed attributed claim",
    "false-attribution": "false attributed claim",
    "missing-source": "missing source",
    "extra-source": "extra source",
    "wrong-type": "wrong source type",
    "wrong-date": "wrong or missing source date",
    "missed-flag": "missed flag (check-worthy unattributed claim)",
    "false-flag": "false flag",
}
CONTEXT_CHARS = 80


@dataclass(frozen=True)
class EvalError:
    """One miss or false alarm: where it is, what the gold says and what was predicted."""
    kind: str
    article: str
    span: tuple[int, int]
    anchor: str        # the gold anchor, or the predicted claim's text for a false alarm
    gold: str
    predicted: str
    context: str       # the text around the span, on one line

    def as_dict(self) -> dict:
        return {"kind": self.kind, "article": self.article, "span": list(self.span), "anchor": self.anchor,
                "gold": self.gold, "predicted": self.predicted, "context": self.context}


@dataclass
class ArticleScores:
    article: str
    scores: dict[str, Score] = field(default_factory=lambda: {m: Score() for m in METRICS})
    type_right: int = 0
    type_total: int = 0
    errors: list[EvalError] = field(default_factory=list)
    size: int = 1  # articles summed in it

    def as_dict(self) -> dict:
        out = {m: s.as_dict() for m, s in self.scores.items()}
        out["type_accuracy"] = round(self.type_right / self.type_total, 4) if self.type_total else 0.0
        return out


@dataclass
class Gold:
    path: Path
    article: str
    published: str | None
    claims: list[dict]


# Files beside the gold that are not an article's gold: the accuracy floors, the splits.
NOT_GOLD = {"floors.json", "splits.json"}


def load_gold(gold_dir: Path) -> list[Gold]:
    files = sorted(f for f in Path(gold_dir).glob("*.json") if f.name not in NOT_GOLD)
    if not files:
        raise InputError(f"{gold_dir}: no gold files (*.json)")
    return [_read_gold(f) for f in files]


def _read_gold(f: Path) -> Gold:
    try:
        data = json.loads(f.read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        raise InputError(f"{f}: not a gold file (not UTF-8)") from None
    except (OSError, json.JSONDecodeError) as exc:
        raise InputError(f"{f}: not a gold file ({exc.__class__.__name__})") from None
    # A report or any other JSON put where gold is expected is refused by its shape, here,
    # rather than failing later on a missing key or a dict used as a path.
    if not (isinstance(data, dict) and isinstance(data.get("article"), str) and isinstance(data.get("claims"), list)):
        hint = " (it looks like a claimcheck report; pass reports with --reports)" \
            if isinstance(data, dict) and "schema_version" in data else ""
        raise InputError(f"{f}: not a gold file: expected {{\"article\": \"…\", \"claims\": […]}}{hint}")
    published = data.get("published")
    if published is not None and not isinstance(published, str):
        raise InputError(f"{f}: not a gold file: \"published\" must be YYYY-MM-DD")
    for n, claim in enumerate(data["claims"], 1):
        if not (isinstance(claim, dict) and isinstance(claim.get("anchor"), str) and claim["anchor"]):
            raise InputError(f"{f}: claim {n} has no anchor")
        sources = claim.get("sources", [])
        if not isinstance(sources, list) or not all(
                isinstance(s, dict) and isinstance(s.get("name"), str) and isinstance(s.get("type"), str)
                and isinstance(s.get("dates", []), list) for s in sources):
            raise InputError(f"{f}: claim {n}: sources must be objects with a name, a type and dates")
    return Gold(f, data["article"], published, data["claims"])


# --- splits ---------------------------------------------------------------------------

@dataclass
class Splits:
    """Named subsets of the gold (`splits.json` beside it); the rest go by folder."""
    members: dict[str, str] = field(default_factory=dict)   # gold file stem -> split name
    blind: frozenset[str] = frozenset()

    def of(self, gold: Gold) -> str:
        named = self.members.get(gold.path.stem)
        if named:
            return named
        folder = str(Path(gold.article).parent)
        return "seeds" if folder == "." else folder


def load_splits(gold_dir: Path) -> Splits:
    path = Path(gold_dir) / "splits.json"
    if not path.exists():
        return Splits()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        members = {stem: name for name, stems in data["splits"].items() for stem in stems}
        blind = frozenset(data.get("blind", []))
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise InputError(f"{path}: not a splits file ({exc.__class__.__name__})") from None
    return Splits(members, blind)


# --- scoring --------------------------------------------------------------------------

def _anchor_span(text: str, anchor: str) -> tuple[int, int] | None:
    i = text.find(anchor)
    return (i, i + len(anchor)) if i >= 0 else None


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def _key(name: str) -> str:
    hit = canon.lookup(name)
    return name_key(hit[0] if hit else name)


def _same_source(gold: dict, pred) -> bool:
    if gold["type"] in ("anonymous", "vague"):
        return pred.type in ("anonymous", "vague")
    if pred.type in ("anonymous", "vague"):
        return False
    g, p = _key(gold["name"]), _key(pred.canonical)
    if g == p:
        return True
    if gold["type"] == "person" or pred.type == "person":
        gs, ps = fold(gold["name"]).split(), fold(pred.canonical).split()
        return bool(gs and ps) and gs[-1].strip(".") == ps[-1].strip(".")
    return False


def _context(text: str, span: tuple[int, int]) -> str:
    start, end = max(0, span[0] - CONTEXT_CHARS), min(len(text), span[1] + CONTEXT_CHARS)
    return " ".join(text[start:end].split())


def _gold_source(src: dict) -> str:
    return f"{src['name']} ({src['type']}, {src.get('role', 'origin')})"


def _pred_source(src) -> str:
    return f"{src.canonical} ({src.type}, {src.role})"


def _dates(pairs) -> str:
    return ", ".join(a if a == b else f"{a}/{b}" for a, b in sorted(pairs)) or "none"


def _gold_sources(claim: dict) -> str:
    return "attributed: " + "; ".join(_gold_source(s) for s in claim["sources"])


def _pred_claim(claim) -> str:
    if claim.attributed:
        return "attributed: " + ("; ".join(_pred_source(s) for a in claim.attributions for s in a.sources) or "no source")
    return "unattributed, check-worthy" if claim.checkworthy else "unattributed, not check-worthy"


def _what_predicted(claims, span: tuple[int, int]) -> str:
    best = max(claims, key=lambda c: _overlap(span, tuple(c.span)), default=None)
    return _pred_claim(best) if best is not None and _overlap(span, tuple(best.span)) else "no claim"


def score_article(gold: Gold, report: Report) -> ArticleScores:
    text = report.article.text
    result = ArticleScores(gold.article)
    s = result.scores

    def error(kind: str, span: tuple[int, int], anchor: str, gold_value: str, predicted: str) -> None:
        result.errors.append(EvalError(kind, gold.article, span, anchor, gold_value, predicted, _context(text, span)))

    attributed_preds = [c for c in report.claims if c.attributed]
    flags = [c for c in report.claims if not c.attributed and c.checkworthy]
    gold_attr, gold_unattr, gold_non = [], [], []
    for claim in gold.claims:
        span = _anchor_span(text, claim["anchor"])
        if span is None:
            raise InputError(f"{gold.path}: anchor not in the article: {claim['anchor'][:60]!r}")
        if claim.get("attributed"):
            gold_attr.append((span, claim))
        elif claim.get("claim", True):
            gold_unattr.append((span, claim))
        else:
            gold_non.append((span, claim))
    # attribution
    for span, claim in gold_attr:
        need = (span[1] - span[0]) / 2
        best = max(attributed_preds, key=lambda c: _overlap(span, tuple(c.span)), default=None)
        if best is None or _overlap(span, tuple(best.span)) < need:
            s["attribution"].fn += 1
            s["sources"].fn += len(claim["sources"])
            s["dates"].fn += sum(len(src["dates"]) for src in claim["sources"])
            error("missed-attribution", span, claim["anchor"], _gold_sources(claim), _what_predicted(report.claims, span))
            continue
        s["attribution"].tp += 1
        _score_sources(claim, span, [x for a in best.attributions for x in a.sources], result, error)
    for pred in attributed_preds:
        span = tuple(pred.span)
        if not any(_overlap(g, span) for g, _ in gold_attr):
            s["attribution"].fp += 1
            error("false-attribution", span, pred.text, _what_gold(gold_unattr, gold_non, span), _pred_claim(pred))
    # unattributed flags
    for span, claim in gold_unattr:
        if any(_overlap(span, tuple(f.span)) for f in flags):
            s["unattributed"].tp += 1
        else:
            s["unattributed"].fn += 1
            error("missed-flag", span, claim["anchor"], "unattributed claim", _what_predicted(report.claims, span))
    for f in flags:
        span = tuple(f.span)
        hit_attr = [c for g, c in gold_attr if _overlap(g, span)]
        hit_non = any(_overlap(g, span) for g, _ in gold_non)
        if (hit_attr or hit_non) and not any(_overlap(g, span) for g, _ in gold_unattr):
            s["unattributed"].fp += 1
            error("false-flag", span, f.text, _gold_sources(hit_attr[0]) if hit_attr else "not a claim",
                  "unattributed, check-worthy")
    return result


def _what_gold(gold_unattr, gold_non, span: tuple[int, int]) -> str:
    if any(_overlap(g, span) for g, _ in gold_unattr):
        return "unattributed claim"
    if any(_overlap(g, span) for g, _ in gold_non):
        return "not a claim"
    return "no gold entry here"


def _score_sources(claim: dict, span: tuple[int, int], preds: list, result: ArticleScores, error) -> None:
    s = result.scores
    anchor = claim["anchor"]
    free = list(preds)
    for g in claim["sources"]:
        match = next((p for p in free if _same_source(g, p)), None)
        gold_dates = {(a, b) for a, b in g["dates"]}
        if match is None:
            s["sources"].fn += 1
            s["dates"].fn += len(gold_dates)
            error("missing-source", span, anchor, _gold_source(g),
                  "; ".join(_pred_source(p) for p in free) or "no other source")
            continue
        free.remove(match)
        s["sources"].tp += 1
        result.type_total += 1
        result.type_right += g["type"] == match.type
        if g["type"] != match.type:
            error("wrong-type", span, anchor, _gold_source(g), _pred_source(match))
        pred_dates = {(str(d.from_), str(d.to)) for d in match.dates}
        s["dates"].tp += len(gold_dates & pred_dates)
        s["dates"].fp += len(pred_dates - gold_dates)
        s["dates"].fn += len(gold_dates - pred_dates)
        if gold_dates != pred_dates:
            error("wrong-date", span, anchor, f"{g['name']}: {_dates(gold_dates)}",
                  f"{match.canonical}: {_dates(pred_dates)}")
    s["sources"].fp += len(free)
    for p in free:
        error("extra-source", span, anchor, _gold_sources(claim), _pred_source(p))


def overall(results: list[ArticleScores], name: str = "overall") -> ArticleScores:
    total = ArticleScores(name, size=0)
    for r in results:
        total.size += r.size
        for m in METRICS:
            total.scores[m].add(r.scores[m])
        total.type_right += r.type_right
        total.type_total += r.type_total
        total.errors.extend(r.errors)
    return total


def by_split(results: list[ArticleScores], golds: list[Gold], splits: Splits) -> dict[str, ArticleScores]:
    """Subtotals per split (seeds, devset, devset2-tune, devset2-check…), in a stable order."""
    members: dict[str, list[ArticleScores]] = {}
    for gold, result in zip(golds, results):
        members.setdefault(splits.of(gold), []).append(result)
    return {name: overall(group, name) for name, group in sorted(members.items(), key=lambda kv: _split_order(kv[0]))}


def _split_order(name: str) -> tuple:
    # seeds first, then folders by name, a split's tune half before its check half
    return (name != "seeds", name.replace("-tune", "-0").replace("-check", "-1"))


def sorted_errors(errors: list[EvalError]) -> list[EvalError]:
    order = {k: i for i, k in enumerate(ERROR_KINDS)}
    return sorted(errors, key=lambda e: (order[e.kind], e.article, e.span))


def parse_fail_under(spec: str) -> dict[str, float]:
    out = {}
    for part in filter(None, (p.strip() for p in spec.split(","))):
        name, _, value = part.partition("=")
        if name not in METRICS and name != "type_accuracy":
            raise InputError(f"--fail-under: unknown figure {name!r} (one of {', '.join(METRICS)}, type_accuracy)")
        try:
            out[name] = float(value)
        except ValueError:
            raise InputError(f"--fail-under: {part!r} is not NAME=NUMBER") from None
    return out


def below(total: ArticleScores, floors: dict[str, float]) -> list[str]:
    figures = total.as_dict()
    failed = []
    for name, floor in floors.items():
        value = figures[name] if name == "type_accuracy" else figures[name]["f1"]
        if value < floor:
            failed.append(f"{name} {value:.3f} < {floor}")
    return failed
