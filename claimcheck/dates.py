"""The French date grammar: surface forms -> ISO intervals.

A pure module (no spaCy): `find_dates(text, published)` lists every date
mention with its `[from, to]` interval and granularity. The pipeline uses it
for source dates and `claimcheck dates` prints it.

Resolution rules (annotation guide, section 4): a missing year is the one that
puts the date on or before the publication date, closest to it (after it for
*prochain*); a bare weekday is the latest such day on or before the
publication date. Without a publication date, nothing relative is resolved:
no date is invented.
"""

from __future__ import annotations

import calendar as _cal
import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from . import datafiles


@dataclass(frozen=True)
class DateMention:
    text: str
    start: int
    end: int
    from_: date | None
    to: date | None
    granularity: str  # day, week, month, year

    @property
    def resolved(self) -> bool:
        return self.from_ is not None and self.to is not None


def _alt(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_DASH = r"\s*[-\u2010\u2011\u2013\u2014]\s*"
_DAY = r"(?:1er|1re|premier|3[01]|[12]\d|0?[1-9])"
_YEAR = r"(?:1[5-9]\d\d|20\d\d|21\d\d)"
_APOS = "['\u2019]"
_PARTS = r"(?:\s+(?:au\s+)?(?:soir|matin|midi|après-midi|apres-midi|nuit))"
# Words after a bare year that show it counts something, not a date ("2000 personnes").
_YEAR_OK_NEXT = {
    "et", "à", "a", "au", "aux", "ou", "dans", "pour", "lors", "avec", "selon", "puis", "contre",
    "sur", "par", "déjà", "ont", "est", "sont", "était", "avait", "le", "la", "les", "il", "elle",
    "qui", "que", "où", "en", "de", "du", "des", "mais", "alors", "jusqu", "jusqu'à", "l", "d",
    "un", "une", "ce", "cette", "ces", "après", "avant", "depuis", "dès", "se", "s", "n", "ne",
    "encore", "aussi", "ainsi", "the", "of", "and", "in",
}


@lru_cache(maxsize=1)
def _grammar():
    cal = datafiles.calendar()
    months = {k.lower(): v for k, v in cal.months.items()}
    weekdays = {k.lower(): v for k, v in cal.weekdays.items()}
    month = rf"(?:{_alt(months)})\.?"
    weekday = rf"(?:{_alt(weekdays)})"
    rel = _alt(k.replace("'", _APOS) for k in cal.relative_days)
    rel = rel.replace(re.escape(_APOS), _APOS)
    day_m = (
        rf"(?:(?P<wd{{n}}>{weekday})\s+)?(?P<d{{n}}>{_DAY})(?:\s+(?P<m{{n}}>{month}))?"
        rf"(?:\s+(?P<y{{n}}>{_YEAR}))?"
    )
    patterns = {
        # 31 octobre-2 novembre 2025, 2-3 novembre, du 20 au 21 octobre 2025, entre le 3 et le 5 mai
        "range": re.compile(
            rf"(?:\b(?P<pre>du|entre\s+le)\s+)?\b{day_m.format(n=1)}"
            rf"(?P<conn>{_DASH}|\s+au\s+|\s+et\s+le\s+)"
            rf"(?:(?P<wd2>{weekday})\s+)?(?P<d2>{_DAY})\s+(?P<m2>{month})(?:\s+(?P<y2>{_YEAR}))?"
            rf"(?P<rel>\s+(?:derniers?|dernières?|prochains?|prochaines?))?\b",
            re.IGNORECASE,
        ),
        # (le) (jeudi) 31 octobre (2025) (dernier) (au soir)
        "day": re.compile(
            rf"\b(?:(?P<wd>{weekday})\s+)?(?P<d>{_DAY})\s+(?P<m>{month})"
            rf"(?:\s+(?P<y>{_YEAR}|{_APOS}?\d\d(?!\d)))?(?P<rel>\s+(?:derniers?|dernières?|prochains?|prochaines?))?"
            rf"{_PARTS}?\b",
            re.IGNORECASE,
        ),
        "iso": re.compile(r"\b(?P<y>\d{4})-(?P<m>\d\d)-(?P<d>\d\d)\b"),
        "numeric": re.compile(r"\b(?P<d>[0-3]?\d)[/.](?P<m>[01]?\d)[/.](?P<y>(?:19|20)\d\d)\b"),
        # (début|fin|mi-) novembre 2025, octobre 98
        "month_year": re.compile(
            rf"(?:\b(?:début|fin|mi-?|courant)\s*)?\b(?P<m>{month})\s+(?:de\s+l{_APOS}année\s+)?"
            rf"(?P<y>{_YEAR}|{_APOS}?\d\d(?!\d))\b",
            re.IGNORECASE,
        ),
        # en septembre, septembre dernier, juin prochain, début octobre, le mois de juin
        "month": re.compile(
            rf"(?:\b(?:(?:au\s+|le\s+)?mois\s+d[e{_APOS}]\s*|début\s+|fin\s+|mi-|courant\s+))?"
            rf"\b(?P<m>{month})(?P<rel>\s+(?:dernier|prochain))?(?![\w-])",
            re.IGNORECASE,
        ),
        # de 2016 à 2020, 2023-2025
        "year_range": re.compile(
            rf"(?:\b(?:de|entre)\s+)?\b(?P<y1>{_YEAR})(?:{_DASH}|\s+(?:à|et)\s+)(?P<y2>{_YEAR})\b"
        ),
        "year": re.compile(rf"\b(?P<y>{_YEAR})\b(?![,.]\d)"),
        "weekday": re.compile(
            rf"\b(?:(?P<pre>ce|aujourd{_APOS}hui)\s+)?(?P<wd>{weekday})"
            rf"(?P<rel>\s+(?:dernier|prochain))?{_PARTS}?(?P<rel2>\s+(?:dernier|prochain))?\b",
            re.IGNORECASE,
        ),
        "relative": re.compile(rf"(?<![\w-])(?P<r>{rel})(?![\w-])", re.IGNORECASE),
        "relative_period": re.compile(
            rf"\b(?P<p>(?:la\s+|cette\s+)?semaine(?:\s+(?:dernière|passée|prochaine))?|"
            rf"(?:le\s+|ce\s+)?week-end(?:\s+(?:dernier|prochain))?|"
            rf"(?:le\s+|ce\s+)?mois(?:-ci|\s+(?:dernier|passé|prochain))|"
            rf"l{_APOS}(?:an|année)\s+(?:derni(?:er|ère)|passée?|prochaine?)|cette\s+année|"
            rf"(?:la\s+)?fin\s+de\s+l{_APOS}année(?:\s+dernière)?|"
            rf"ce\s+(?:matin|soir)|cette\s+nuit|la\s+veille|l{_APOS}avant-veille)\b",
            re.IGNORECASE,
        ),
    }
    return months, weekdays, patterns


def _month_num(token: str) -> int:
    months, _, _ = _grammar()
    return months[token.lower().rstrip(".")]


def _day_num(token: str) -> int:
    token = token.lower()
    return 1 if token in ("1er", "1re", "premier") else int(token)


def _year_num(token: str, published: date | None) -> int:
    token = token.lstrip("'\u2019")
    if len(token) == 2:  # octobre 98, novembre 93: the century that puts it before publication
        century = (published.year // 100 * 100) if published else 2000
        year = century + int(token)
        if published and year > published.year:
            year -= 100
        return year
    return int(token)


def _month_end(year: int, month: int) -> date:
    return date(year, month, _cal.monthrange(year, month)[1])


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _resolve_year(month: int, day: int, published: date | None, forward: bool) -> int | None:
    """The year that puts (month, day) on or before publication, closest to it."""
    if published is None:
        return None
    year = published.year
    candidate = _safe_date(year, month, min(day, 28 if month == 2 and day == 29 else day))
    if candidate is None:
        return None
    if forward:
        return year if candidate >= published else year + 1
    return year if candidate <= published else year - 1


def _is_future(rel: str | None) -> bool:
    return bool(rel) and "proch" in rel.lower()


def _day_interval(m, published):
    month = _month_num(m["m"])
    day = _day_num(m["d"])
    if m["y"]:
        year = _year_num(m["y"], published)
    else:
        year = _resolve_year(month, day, published, _is_future(m["rel"]))
    if year is None:
        return None, None, "day"
    d = _safe_date(year, month, day)
    return d, d, "day"


def _range_interval(m, published):
    d1, d2 = _day_num(m["d1"]), _day_num(m["d2"])
    m2 = _month_num(m["m2"])
    m1 = _month_num(m["m1"]) if m["m1"] else m2
    y2 = _year_num(m["y2"], published) if m["y2"] else None
    y1 = _year_num(m["y1"], published) if m["y1"] else None
    if y2 is None:
        y2 = y1 if y1 is not None else _resolve_year(m2, d2, published, _is_future(m["rel"]))
    if y2 is None:
        return None, None, "day"
    if y1 is None:
        y1 = y2 if (m1, d1) <= (m2, d2) else y2 - 1
    start, end = _safe_date(y1, m1, d1), _safe_date(y2, m2, d2)
    if start is None or end is None or start > end:
        return None, None, "day"
    return start, end, "day"


def _month_interval(month: int, year: int):
    return date(year, month, 1), _month_end(year, month), "month"


def _weekday_date(weekday: int, published: date, mode: str) -> date:
    delta = (published.weekday() - weekday) % 7
    if mode == "last":  # latest such day on or before publication
        return published - timedelta(days=delta)
    if mode == "before":  # "vendredi dernier": strictly before
        return published - timedelta(days=delta or 7)
    if mode == "next":
        ahead = (weekday - published.weekday()) % 7
        return published + timedelta(days=ahead or 7)
    # "ce dimanche": the nearest such day, either side (a tie goes forward)
    ahead = (weekday - published.weekday()) % 7
    return published + timedelta(days=ahead) if ahead <= delta else published - timedelta(days=delta)


def _period_interval(phrase: str, published: date):
    p = re.sub(r"\s+", " ", phrase.lower().replace("\u2019", "'"))
    monday = published - timedelta(days=published.weekday())
    if "semaine" in p:
        shift = -7 if ("derni" in p or "pass" in p) else 7 if "proch" in p else 0
        start = monday + timedelta(days=shift)
        return start, start + timedelta(days=6), "week"
    if "week-end" in p:
        shift = -7 if "derni" in p else 7 if "proch" in p else 0
        if published.weekday() >= 5 and shift == 0:
            shift = 0
        start = monday + timedelta(days=5 + shift)
        if "derni" in p and start >= published:
            start -= timedelta(days=7)
        return start, start + timedelta(days=1), "week"
    if "mois" in p:
        year, month = published.year, published.month
        if "derni" in p or "pass" in p:
            year, month = (year, month - 1) if month > 1 else (year - 1, 12)
        elif "proch" in p:
            year, month = (year, month + 1) if month < 12 else (year + 1, 1)
        return _month_interval(month, year)
    if "an" in p.split("'")[-1][:2] or "année" in p:
        year = published.year
        if "derni" in p or "pass" in p:
            year -= 1
        elif "proch" in p:
            year += 1
        return date(year, 1, 1), date(year, 12, 31), "year"
    if "avant-veille" in p:
        d = published - timedelta(days=2)
        return d, d, "day"
    if "veille" in p:
        d = published - timedelta(days=1)
        return d, d, "day"
    return published, published, "day"  # ce matin, ce soir, cette nuit


def _interpret(kind: str, m: re.Match, text: str, published: date | None):
    """(from, to, granularity) for one match, or None to drop it."""
    if kind == "range":
        return _range_interval(m, published)
    if kind == "day":
        return _day_interval(m, published)
    if kind in ("iso", "numeric"):
        d = _safe_date(int(m["y"]), int(m["m"]), int(m["d"]))
        return (d, d, "day") if d else None
    if kind == "month_year":
        return _month_interval(_month_num(m["m"]), _year_num(m["y"], published))
    if kind == "month":
        word = m["m"]
        if word[0].isupper() and m.start("m") > 0 and word.lower().startswith("mars"):
            return None  # "Mars" capitalized mid-text is the planet or the god
        if word.lower().rstrip(".") in ("mai", "oct", "nov", "dec", "déc", "sept", "avr", "juil") and m.group(0) == word:
            # Short bare words are too ambiguous ("mai" alone is fine in practice; abbreviations are not).
            if word.lower() != "mai":
                return None
        month = _month_num(word)
        if published is None:
            return None, None, "month"
        forward = _is_future(m["rel"])
        year = published.year
        if forward and month <= published.month:
            year += 1
        elif not forward and (month > published.month or (m["rel"] and month == published.month)):
            year -= 1
        return _month_interval(month, year)
    if kind == "year_range":
        y1, y2 = int(m["y1"]), int(m["y2"])
        if y1 >= y2:
            return None
        return date(y1, 1, 1), date(y2, 12, 31), "year"
    if kind == "year":
        nxt = re.match(r"\s+([\w']+)", text[m.end():m.end() + 30])
        if nxt and nxt.group(1)[0].islower() and nxt.group(1).lower() not in _YEAR_OK_NEXT:
            return None  # "2000 personnes": a count
        if re.match(r"\s*(?:%|€|\$|km|m\b)", text[m.end():m.end() + 4]):
            return None
        if re.search(r"[\d,.]\s?$", text[max(0, m.start() - 2):m.start()]):
            return None  # part of a bigger number: "1 2000"
        y = int(m["y"])
        return date(y, 1, 1), date(y, 12, 31), "year"
    if published is None:
        return None, None, "day" if kind != "relative_period" else "week"
    if kind == "weekday":
        _, weekdays, _ = _grammar()
        wd = weekdays[m["wd"].lower()]
        rel = (m["rel"] or m["rel2"] or "").lower()
        pre = (m["pre"] or "").lower()
        mode = "before" if "dern" in rel else "next" if "proch" in rel else "near" if pre == "ce" else "last"
        d = _weekday_date(wd, published, mode)
        return d, d, "day"
    if kind == "relative":
        offsets = {k.lower().replace("'", "'"): v for k, v in datafiles.calendar().relative_days.items()}
        word = m["r"].lower().replace("\u2019", "'")
        d = published + timedelta(days=offsets[word])
        return d, d, "day"
    if kind == "relative_period":
        return _period_interval(m["p"], published)
    return None


_ORDER = ("range", "day", "iso", "numeric", "month_year", "year_range", "relative_period",
          "weekday", "relative", "month", "year")


def find_dates(text: str, published: date | None = None, *, resolved_only: bool = False) -> list[DateMention]:
    """Every date mention in `text`, longest first where two overlap, in text order."""
    _, _, patterns = _grammar()
    found: list[tuple[int, int, int, DateMention]] = []
    for rank, kind in enumerate(_ORDER):
        for m in patterns[kind].finditer(text):
            start, end = m.span()
            if kind == "range" and m["pre"] and not re.search(r"au|et", m["conn"]):
                start = m.start("wd1") if m["wd1"] else m.start("d1")  # "du 31 octobre-3 novembre"
            while end > start and text[end - 1].isspace():
                end -= 1
            result = _interpret(kind, m, text, published)
            if result is None:
                continue
            d_from, d_to, gran = result
            if resolved_only and d_from is None:
                continue
            found.append((start, -(end - start), rank,
                          DateMention(text[start:end], start, end, d_from, d_to, gran)))
    # Greedy: the longest match wins an overlap; ties go to the grammar's order.
    found.sort(key=lambda t: (t[1], t[2], t[0]))
    taken: list[DateMention] = []
    for _, _, _, mention in found:
        if all(mention.end <= t.start or mention.start >= t.end for t in taken):
            taken.append(mention)
    return sorted(taken, key=lambda d: d.start)


def parse_date(text: str, published: date | None = None) -> DateMention | None:
    """The one date mention covering most of `text` (for tests and the pipeline)."""
    mentions = find_dates(text, published)
    return max(mentions, key=lambda d: d.end - d.start) if mentions else None
