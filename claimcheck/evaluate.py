"""Gold files vs reports: precision, recall and F1 (issue 3's definitions).

Pure: reads gold JSON and Report models; never imports spaCy (the CLI runs the
pipeline first when no reports are given).
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


@dataclass
class ArticleScores:
    article: str
    scores: dict[str, Score] = field(default_factory=lambda: {m: Score() for m in METRICS})
    type_right: int = 0
    type_total: int = 0

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


def load_gold(gold_dir: Path) -> list[Gold]:
    # floors.json beside the gold holds the accuracy floors, not an article's gold.
    files = sorted(f for f in Path(gold_dir).glob("*.json") if f.name != "floors.json")
    if not files:
        raise InputError(f"{gold_dir}: no gold files (*.json)")
    out = []
    for f in files:
        try:
            data = json.loads(f.read_text(encoding="utf-8"))
            out.append(Gold(f, data["article"], data.get("published"), data["claims"]))
        except (OSError, json.JSONDecodeError, KeyError, TypeError) as exc:
            raise InputError(f"{f}: not a gold file ({exc.__class__.__name__})") from None
    return out


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


def score_article(gold: Gold, report: Report) -> ArticleScores:
    text = report.article.text
    result = ArticleScores(gold.article)
    s = result.scores
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
            gold_unattr.append(span)
        else:
            gold_non.append(span)
    # attribution
    for span, claim in gold_attr:
        need = (span[1] - span[0]) / 2
        best = max(attributed_preds, key=lambda c: _overlap(span, tuple(c.span)), default=None)
        if best is None or _overlap(span, tuple(best.span)) < need:
            s["attribution"].fn += 1
            s["sources"].fn += len(claim["sources"])
            s["dates"].fn += sum(len(src["dates"]) for src in claim["sources"])
            continue
        s["attribution"].tp += 1
        _score_sources(claim["sources"], [x for a in best.attributions for x in a.sources], result)
    for pred in attributed_preds:
        if not any(_overlap(span, tuple(pred.span)) for span, _ in gold_attr):
            s["attribution"].fp += 1
    # unattributed flags
    for span in gold_unattr:
        if any(_overlap(span, tuple(f.span)) for f in flags):
            s["unattributed"].tp += 1
        else:
            s["unattributed"].fn += 1
    for f in flags:
        if any(_overlap(span, tuple(f.span)) for span, _ in gold_attr) or any(_overlap(span, tuple(f.span)) for span in gold_non):
            if not any(_overlap(span, tuple(f.span)) for span in gold_unattr):
                s["unattributed"].fp += 1
    return result


def _score_sources(gold_sources: list[dict], preds: list, result: ArticleScores) -> None:
    s = result.scores
    free = list(preds)
    for g in gold_sources:
        match = next((p for p in free if _same_source(g, p)), None)
        gold_dates = {(a, b) for a, b in g["dates"]}
        if match is None:
            s["sources"].fn += 1
            s["dates"].fn += len(gold_dates)
            continue
        free.remove(match)
        s["sources"].tp += 1
        result.type_total += 1
        result.type_right += g["type"] == match.type
        pred_dates = {(str(d.from_), str(d.to)) for d in match.dates}
        s["dates"].tp += len(gold_dates & pred_dates)
        s["dates"].fp += len(pred_dates - gold_dates)
        s["dates"].fn += len(gold_dates - pred_dates)
    s["sources"].fp += len(free)


def overall(results: list[ArticleScores]) -> ArticleScores:
    total = ArticleScores("overall")
    for r in results:
        for m in METRICS:
            total.scores[m].add(r.scores[m])
        total.type_right += r.type_right
        total.type_total += r.type_total
    return total


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
