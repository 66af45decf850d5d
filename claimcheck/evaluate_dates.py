"""Score the date grammar on French TimeBank (ISO-TimeML): `make eval-dates`.

    python -m claimcheck.evaluate_dates corpus/ftib-dev [--format json] [--errors]

Each .tml document's TEXT is turned into plain text, keeping the character
offsets of its TIMEX3 elements; `claimcheck.dates.find_dates` (the grammar the
pipeline and `claimcheck dates` use) runs on that text with the document's
creation time (the DCT TIMEX3) as publication date.

Scoring (issue 3):
- gold: TIMEX3 of type DATE whose value is a calendar date (YYYY, YYYY-MM or
  YYYY-MM-DD); weeks, seasons, XXXX-… and durations are not calendar dates;
- a prediction matches a gold expression when their spans overlap; matching is
  not one to one, so a range "17-18 octobre" may answer two gold days;
- its value is right when the gold value equals the prediction's `from` or `to`
  cut to the gold's precision and its granularity is at least that fine
  (day < week < month < year);
- judged predictions (the precision's denominator) overlap a gold calendar DATE
  or no gold TIMEX3 at all: one lying only on a TIME, DURATION, SET or
  non-calendar DATE is not judged, the benchmark having no calendar value to
  compare it with.

Pure apart from reading files: no spaCy, no network.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from .dates import DateMention, find_dates
from .errors import ClaimcheckError, ExitCode, InputError

_PRECISION = {4: "year", 7: "month", 10: "day"}
_CALENDAR_VALUE = re.compile(r"^\d{4}(?:-\d\d(?:-\d\d)?)?$")
# Coarser is larger: a prediction's granularity must not be coarser than the gold's precision.
_COARSENESS = {"day": 0, "week": 1, "month": 2, "year": 3}


@dataclass(frozen=True)
class Timex:
    tid: str
    type: str
    value: str
    start: int
    end: int
    text: str

    @property
    def calendar(self) -> bool:
        """A DATE whose value names a calendar year, month or day."""
        return self.type == "DATE" and bool(_CALENDAR_VALUE.match(self.value))

    @property
    def precision(self) -> str:
        return _PRECISION[len(self.value)]


@dataclass(frozen=True)
class TimeMLDocument:
    id: str
    text: str
    dct: date
    timexes: tuple[Timex, ...]


def parse_timeml(source: str, doc_id: str = "") -> TimeMLDocument:
    """Plain text, creation date and TIMEX3 offsets of one ISO-TimeML document."""
    where = doc_id or "document"
    try:
        root = ET.fromstring(source)
    except ET.ParseError as exc:
        raise InputError(f"{where}: not well-formed XML ({exc})") from None
    dct_el = root.find("DCT/TIMEX3")
    if dct_el is None:
        dct_el = next((t for t in root.iter("TIMEX3") if t.get("functionInDocument") == "CREATION_TIME"), None)
    if dct_el is None:
        raise InputError(f"{where}: no creation time (DCT TIMEX3)")
    try:
        dct = date.fromisoformat((dct_el.get("value") or "")[:10])
    except ValueError:
        raise InputError(f"{where}: creation time {dct_el.get('value')!r} is not YYYY-MM-DD") from None
    body = root.find("TEXT")
    if body is None:
        raise InputError(f"{where}: no TEXT element")
    parts: list[str] = []
    timexes: list[Timex] = []
    length = 0

    def walk(el: ET.Element) -> None:
        # Inline annotation: an element's text, then its children each followed by its tail.
        nonlocal length
        start = length
        if el.text:
            parts.append(el.text)
            length += len(el.text)
        for child in el:
            walk(child)
            if child.tail:
                parts.append(child.tail)
                length += len(child.tail)
        if el.tag == "TIMEX3" and el is not body:
            timexes.append(Timex(el.get("tid", ""), el.get("type", ""), el.get("value", ""),
                                 start, length, "".join(parts)[start:length]))

    walk(body)
    root_id = (root.findtext("DOCID") or "").strip()
    return TimeMLDocument(doc_id or root_id, "".join(parts), dct, tuple(sorted(timexes, key=lambda t: t.start)))


def _overlap(a_start: int, a_end: int, b_start: int, b_end: int) -> bool:
    return a_start < b_end and b_start < a_end


def value_right(pred: DateMention, gold: Timex) -> bool:
    """Gold value = pred's from or to cut to the gold's precision, at a fine enough granularity."""
    if pred.from_ is None or pred.to is None:
        return False
    if _COARSENESS.get(pred.granularity, 99) > _COARSENESS[gold.precision]:
        return False
    cut = len(gold.value)
    return gold.value in (pred.from_.isoformat()[:cut], pred.to.isoformat()[:cut])


@dataclass
class Counts:
    gold: int = 0
    gold_span: int = 0  # gold expressions some prediction overlaps
    gold_value: int = 0  # ... with a right value
    judged: int = 0
    judged_span: int = 0  # judged predictions overlapping a gold calendar DATE
    judged_value: int = 0  # ... with a right value for one of them
    not_judged: int = 0

    def add(self, other: "Counts") -> None:
        for name in self.__dataclass_fields__:
            setattr(self, name, getattr(self, name) + getattr(other, name))

    @staticmethod
    def _prf(right_pred: int, judged: int, found: int, gold: int) -> dict:
        p = right_pred / judged if judged else 0.0
        r = found / gold if gold else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4)}

    @property
    def span(self) -> dict:
        return self._prf(self.judged_span, self.judged, self.gold_span, self.gold)

    @property
    def value(self) -> dict:
        return self._prf(self.judged_value, self.judged, self.gold_value, self.gold)


@dataclass(frozen=True)
class DateError:
    kind: str  # missed, wrong value, spurious
    doc: str
    text: str
    predicted: str
    gold: str

    def as_dict(self) -> dict:
        return {"kind": self.kind, "doc": self.doc, "text": self.text, "predicted": self.predicted, "gold": self.gold}


@dataclass
class DocumentScore:
    doc: str
    counts: Counts = field(default_factory=Counts)
    errors: list[DateError] = field(default_factory=list)


def _show(pred: DateMention) -> str:
    if pred.from_ is None:
        return f"{pred.text!r} unresolved"
    span = pred.from_.isoformat() if pred.from_ == pred.to else f"{pred.from_}..{pred.to}"
    return f"{span} ({pred.granularity})"


def score_document(doc: TimeMLDocument, preds: list[DateMention]) -> DocumentScore:
    out = DocumentScore(doc.id)
    c = out.counts
    golds = [t for t in doc.timexes if t.calendar]
    explained: set[int] = set()  # predictions already shown in a gold-side error
    for g in golds:
        c.gold += 1
        over = [p for p in preds if _overlap(p.start, p.end, g.start, g.end)]
        if over:
            c.gold_span += 1
        if any(value_right(p, g) for p in over):
            c.gold_value += 1
            continue
        if not over:
            out.errors.append(DateError("missed", doc.id, g.text, "-", g.value))
        else:
            explained.update(id(p) for p in over)
            out.errors.append(DateError("wrong value", doc.id, " | ".join(p.text for p in over),
                                        " | ".join(_show(p) for p in over), f"{g.value} ({g.text!r})"))
    for p in preds:
        touched = [t for t in doc.timexes if _overlap(p.start, p.end, t.start, t.end)]
        cal = [t for t in touched if t.calendar]
        if touched and not cal:
            c.not_judged += 1
            continue
        c.judged += 1
        if not cal:
            out.errors.append(DateError("spurious", doc.id, p.text, _show(p), "-"))
            continue
        c.judged_span += 1
        if any(value_right(p, g) for g in cal):
            c.judged_value += 1
        elif id(p) not in explained:
            out.errors.append(DateError("wrong value", doc.id, p.text, _show(p),
                                        " | ".join(f"{g.value} ({g.text!r})" for g in cal)))
    return out


@dataclass
class CorpusScore:
    documents: list[DocumentScore]
    total: Counts

    @property
    def errors(self) -> list[DateError]:
        return [e for d in self.documents for e in d.errors]

    def as_dict(self, with_errors: bool = False) -> dict:
        out = {
            "documents": len(self.documents),
            "gold": self.total.gold,
            "judged": self.total.judged,
            "not_judged": self.total.not_judged,
            "span": self.total.span,
            "value": self.total.value,
        }
        if with_errors:
            out["errors"] = [e.as_dict() for e in self.errors]
        return out


def score_corpus(folder: Path) -> CorpusScore:
    if not folder.is_dir():
        raise InputError(f"{folder}: not a directory")
    files = sorted(folder.glob("*.tml"))
    if not files:
        raise InputError(f"{folder}: no .tml file")
    docs = []
    total = Counts()
    for path in files:
        try:
            source = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise InputError(f"{path}: cannot read ({exc.__class__.__name__})") from None
        doc = parse_timeml(source, path.stem)
        scored = score_document(doc, find_dates(doc.text, doc.dct))
        docs.append(scored)
        total.add(scored.counts)
    return CorpusScore(docs, total)


def render_table(score: CorpusScore, with_errors: bool = False) -> str:
    t = score.total
    lines = [
        f"French TimeBank: {len(score.documents)} documents, {t.gold} gold calendar DATEs, "
        f"{t.judged} predictions judged ({t.not_judged} not judged)",
        "",
        f"{'':8}{'precision':>10}{'recall':>10}{'F1':>8}",
    ]
    for name, prf in (("span", t.span), ("value", t.value)):
        lines.append(f"{name:8}{prf['precision']:>10.3f}{prf['recall']:>10.3f}{prf['f1']:>8.3f}")
    if with_errors:
        errors = score.errors
        lines += ["", f"{len(errors)} error(s):"]
        lines += [f"{e.kind:12} {e.doc:18} {e.text!r:40} predicted {e.predicted:36} gold {e.gold}" for e in errors]
    return "\n".join(lines) + "\n"


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # one line, the contract's prefix and exit code
        sys.stderr.write(f"claimcheck: {message}\n")
        raise SystemExit(ExitCode.ERROR)


def main(argv: list[str] | None = None) -> int:
    parser = _Parser(prog="python -m claimcheck.evaluate_dates",
                     description="Score the date grammar on an ISO-TimeML folder (French TimeBank).")
    parser.add_argument("corpus", type=Path, help="folder of .tml files (corpus/ftib-dev)")
    parser.add_argument("--format", choices=("table", "json"), default="table")
    parser.add_argument("--errors", action="store_true", help="list every error (kind, doc, text, predicted, gold)")
    args = parser.parse_args(argv)
    try:
        score = score_corpus(args.corpus)
    except ClaimcheckError as exc:
        sys.stderr.write(f"claimcheck: {exc}\n")
        return exc.exit_code
    if args.format == "json":
        sys.stdout.write(json.dumps(score.as_dict(with_errors=args.errors), ensure_ascii=False, indent=2) + "\n")
    else:
        sys.stdout.write(render_table(score, with_errors=args.errors))
    return ExitCode.OK


if __name__ == "__main__":
    raise SystemExit(main())
