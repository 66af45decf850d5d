"""The French date grammar: surface forms -> ISO intervals.

A pure module (no spaCy): `find_dates(text, published)` lists every date
mention with its `[from, to]` interval and granularity. The pipeline uses it
for source dates and `claimcheck dates` prints it.

Resolution rules (annotation guide, section 4): a missing year is the one that
puts the date on or before the publication date, closest to it (after it for
*prochain*); a bare weekday is the latest such day on or before the
publication date. Without a publication date, nothing relative is resolved:
no date is invented.

Two kinds of evidence override that default, because news also announces:
- a weekday written with the date (*dimanche 29 août*) picks the year in
  which that day is that weekday;
- a future verb or an announcing word in the date's sentence (*aura lieu les
  6 et 13 avril*, *est prévue le 16 juillet*, *rouvrira en août*) puts an
  incomplete date on or after the publication date.
"""

from __future__ import annotations

import calendar as _cal
import re
from dataclasses import dataclass, field, replace
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
    # A bare weekday ("samedi", "SAMEDI", "samedi matin"): its number and the tense its
    # sentence gives it ("future", "past", or None for a headline): see _one_referent.
    bare_weekday: tuple[int, str | None] | None = field(default=None, compare=False, repr=False)
    # "year": the text wrote this date's year; "month": a month with no year of its own
    # ("en mars"), which takes the year its sentence named before it (_months_in_named_years).
    anchor: str | None = field(default=None, compare=False, repr=False)

    @property
    def resolved(self) -> bool:
        return self.from_ is not None and self.to is not None

    def shifted(self, offset: int) -> "DateMention":
        """The same mention, its offsets moved by `offset` (from a window of text to the article)."""
        return replace(self, start=self.start + offset, end=self.end + offset)


def _alt(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_DASH = r"\s*[-\u2010\u2011\u2013\u2014]\s*"
_DAY = r"(?:1er|1re|premier|3[01]|[12]\d|0?[1-9])"
_YEAR = r"(?:1[5-9]\d\d|20\d\d|21\d\d)"
_APOS = "['\u2019]"
_PARTS = r"(?:\s+(?:au\s+)?(?:soir|matin|midi|après-midi|apres-midi|nuit))"
_REL = r"(?P<rel>\s+(?:derniers?|dernières?|prochains?|prochaines?))"
# Words after a bare year that show it counts something, not a date ("2000 personnes").
_YEAR_OK_NEXT = {
    "et", "à", "a", "au", "aux", "ou", "dans", "pour", "lors", "avec", "selon", "puis", "contre",
    "sur", "par", "déjà", "ont", "est", "sont", "était", "avait", "le", "la", "les", "il", "elle",
    "qui", "que", "où", "en", "de", "du", "des", "mais", "alors", "jusqu", "jusqu'à", "l", "d",
    "un", "une", "ce", "cette", "ces", "après", "avant", "depuis", "dès", "se", "s", "n", "ne",
    "encore", "aussi", "ainsi", "nous", "vous", "ils", "elles", "on", "je", "j", "tu", "c", "ça",
    "the", "of", "and", "in",
}
# Words before a bare year that make it a date whatever follows ("en 2001 nous…").
_YEAR_PREFIXES = {
    "en", "depuis", "dès", "jusqu", "an", "année", "début", "fin", "mi", "courant", "printemps", "été",
    "automne", "hiver", "saison", "exercice",
}
# Counts in "il y a deux ans", "dans trois semaines".
_NUMBER_WORDS = {
    "un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6, "sept": 7,
    "huit": 8, "neuf": 9, "dix": 10, "onze": 11, "douze": 12, "treize": 13, "quatorze": 14,
    "quinze": 15, "seize": 16, "vingt": 20, "trente": 30, "quarante": 40, "cinquante": 50, "cent": 100,
}

# Tense evidence for an incomplete date (see _ahead). Future and announcing words:
_FUTURE_WORDS = {
    "sera", "seras", "serez", "serons", "seront", "aura", "auras", "aurez", "aurons", "auront",
    "fera", "feras", "ferez", "ferons", "feront", "ira", "iront", "devra", "devront", "pourra",
    "pourront", "saura", "sauront", "verra", "verront", "faudra", "vaudra", "recevra", "recevront",
    "va", "vont", "doit", "doivent", "devrait", "devraient", "pourrait", "pourraient",
    "prévu", "prévue", "prévus", "prévues", "programmé", "programmée", "programmés", "programmées",
    "attendu", "attendue", "attendus", "attendues", "reporté", "reportée", "reportés", "reportées",
    "repoussé", "repoussée", "repoussés", "repoussées", "prochain", "prochaine", "prochains", "prochaines",
}
# Simple future of regular verbs: achèvera, rouvrira, se réuniront, prendra, rejoindront.
_FUTURE_ENDING = re.compile(r"^[a-zàâçéèêëîïôûœ]{2,}(?:eras?|erez|erons|eront|iras?|irez|irons|iront|dras?|drez|drons|dront)$")
# ... and past ones: an auxiliary of a compound past, or a word placing the sentence before publication.
_PAST_WORDS = {
    "a", "ai", "as", "avons", "avez", "ont", "avait", "avaient", "eut", "eurent", "fut", "furent",
    "était", "étaient", "hier", "dernier", "dernière", "derniers", "dernières", "depuis",
}
_SENTENCE_END = re.compile(r"[.!?…\n]")
_WORD = re.compile(r"[\wÀ-ÿœ]+")


@lru_cache(maxsize=1)
def _abbreviations() -> frozenset[str]:
    """Month names that begin a longer name of the same month: "sept", "janv", "déc"."""
    months = {k.lower(): v for k, v in datafiles.calendar().months.items()}
    return frozenset(k for k, v in months.items() if any(o != k and o.startswith(k) and months[o] == v for o in months))


@lru_cache(maxsize=1)
def _grammar():
    cal = datafiles.calendar()
    months = {k.lower(): v for k, v in cal.months.items()}
    weekdays = {k.lower(): v for k, v in cal.weekdays.items()}
    # An abbreviation ("sept", "janv") may end with a period; a full name may not, or
    # "en juin." would swallow the full stop.
    abbrev = _abbreviations()
    month = "(?:" + "|".join(
        re.escape(k) + (r"\.?" if k in abbrev else "") for k in sorted(months, key=len, reverse=True)
    ) + ")"
    weekday = rf"(?:{_alt(weekdays)})"
    rel = _alt(k.replace("'", _APOS) for k in cal.relative_days)
    rel = rel.replace(re.escape(_APOS), _APOS)
    number = rf"(?:\d{{1,3}}|{_alt(_NUMBER_WORDS)})"
    day_m = (
        rf"(?:(?P<wd{{n}}>{weekday})\s+)?(?P<d{{n}}>{_DAY})(?:\s+(?P<m{{n}}>{month}))?"
        rf"(?:\s+(?P<y{{n}}>{_YEAR}))?"
    )
    list_item = rf"(?:(?:le\s+)?(?:{weekday}\s+)?{_DAY})"
    patterns = {
        # 31 octobre-2 novembre 2025, 2-3 novembre, du 20 au 21 octobre 2025, entre le 3 et le 5 mai
        "range": re.compile(
            rf"(?:\b(?P<pre>du|entre(?:\s+le)?)\s+)?\b{day_m.format(n=1)}"
            rf"(?P<conn>{_DASH}|\s+au\s+|\s+et\s+(?:le\s+)?)"
            rf"(?:(?P<wd2>{weekday})\s+)?(?P<d2>{_DAY})\s+(?P<m2>{month})(?:\s+(?P<y2>{_YEAR}))?"
            rf"{_REL}?\b",
            re.IGNORECASE,
        ),
        # les 6 et 13 avril, samedi 22 et dimanche 23 mai, les 4, 11 et 18 juin 2025: one date each
        "day_list": re.compile(
            rf"\b(?:les?\s+)?(?P<items>{list_item}(?:\s*,\s*{list_item})*\s+et\s+){list_item}"
            rf"\s+(?P<m>{month})(?:\s+(?P<y>{_YEAR}))?{_REL}?\b",
            re.IGNORECASE,
        ),
        # (le) (jeudi) 31 octobre (2025) (dernier) (au soir)
        "day": re.compile(
            rf"\b(?:(?P<wd>{weekday})\s+)?(?P<d>{_DAY})\s+(?P<m>{month})"
            rf"(?:\s+(?P<y>{_YEAR}|{_APOS}?\d\d(?!\d)))?{_REL}?"
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
            rf"(?:\b(?:(?:au\s+|le\s+|du\s+)?mois\s+d(?:e\s+|{_APOS}\s*)|début\s+|fin\s+|mi-|courant\s+))?"
            rf"\b(?P<m>{month})(?P<rel>\s+(?:dernier|prochain))?(?![\w-])",
            re.IGNORECASE,
        ),
        # de 2016 à 2020, 2023-2025
        "year_range": re.compile(
            rf"(?:\b(?:de|entre)\s+)?\b(?P<y1>{_YEAR})(?:{_DASH}|\s+(?:à|et)\s+)(?P<y2>{_YEAR})\b"
        ),
        "year": re.compile(rf"\b(?P<y>{_YEAR})\b(?![,.]\d)"),
        # "en 95", "rien en 96": a year written with two digits after *en*, when no noun follows
        # ("en 30 minutes" is a duration)
        "short_year": re.compile(
            rf"\ben\s+(?P<y>\d\d)(?![\d,.]\d)(?=\s*(?:[,.;:!?()]|$)|\s+(?:{_alt(_YEAR_OK_NEXT)})\b)",
            re.IGNORECASE,
        ),
        # samedi 22 (à 20 h): the month is the one around publication
        "weekday_day": re.compile(
            rf"\b(?P<wd>{weekday})\s+(?P<d>{_DAY})(?![\w,.]?\d)(?P<rel>\s+(?:dernier|prochain))?{_PARTS}?\b",
            re.IGNORECASE,
        ),
        "weekday": re.compile(
            rf"\b(?:(?P<pre>ce|aujourd{_APOS}hui)\s+)?(?P<wd>{weekday})"
            rf"(?P<rel>\s+(?:dernier|prochain))?{_PARTS}?(?P<rel2>\s+(?:dernier|prochain))?\b",
            re.IGNORECASE,
        ),
        # hier, demain soir, aujourd'hui
        "relative": re.compile(rf"(?<![\w-])(?P<r>{rel})(?![\w-]){_PARTS}?(?![\w-])", re.IGNORECASE),
        # il y a deux ans, dans quinze jours
        "offset": re.compile(
            rf"\b(?P<dir>il\s+y\s+a|dans)\s+(?P<n>{number})\s+"
            rf"(?P<unit>jours?|semaines?|mois|ans|an|années?)\b",
            re.IGNORECASE,
        ),
        "relative_period": re.compile(
            rf"\b(?P<p>(?:la\s+)?semaine\s+(?:dernière|passée|prochaine)|cette\s+semaine|"
            rf"(?:le\s+|ce\s+)?week-end(?:\s+(?:dernier|prochain))?|"
            rf"(?:le\s+|ce\s+)?mois(?:-ci|\s+(?:dernier|passé|prochain|en\s+cours))|"
            rf"l{_APOS}(?:an|année)\s+(?:derni(?:er|ère)|passée?|prochaine?|en\s+cours)|cette\s+année|"
            rf"la\s+nouvelle\s+année|"
            rf"(?:la\s+)?fin\s+de\s+l{_APOS}année(?:\s+dernière)?|(?:en\s+)?(?:début|fin)\s+d{_APOS}année|"
            # "la veille du scrutin" counts from an event, not from publication
            rf"ce\s+(?:matin|soir)|cette\s+nuit|(?:la\s+veille|l{_APOS}avant-veille)\b(?!\s+d(?:es?|u|{_APOS})))\b",
            re.IGNORECASE,
        ),
    }
    feasts = _feasts()
    if feasts:
        names = "|".join(_feast_form(k) for k in sorted(feasts, key=len, reverse=True))
        patterns["feast"] = re.compile(
            rf"(?:(?<![\w-])(?:à|avant|après|apres|depuis|pour|dès|jusqu{_APOS}à|d{_APOS}ici|"
            rf"le\s+jour\s+de|le\s+week-end\s+de)\s+|(?<![\w-])(?=(?:le|la|l{_APOS})))"
            rf"(?P<f>{names})(?:\s+(?P<y>{_YEAR}))?(?![\w-])",
            re.IGNORECASE,
        )
    return months, weekdays, patterns


@lru_cache(maxsize=1)
def _feasts() -> dict[str, tuple[str, int, int]]:
    """Folded feast name -> ("fixed", month, day) or ("movable", days from Easter, 0)."""
    cal = datafiles.calendar()
    out = {_feast_key(k): ("fixed", m, d) for k, (m, d) in cal.fixed_feasts.items()}
    out.update({_feast_key(k): ("movable", n, 0) for k, n in cal.movable_feasts.items()})
    return out


def _feast_key(name: str) -> str:
    return " ".join(name.lower().replace("\u2019", "'").split())


def _feast_form(name: str) -> str:
    """A feast's name as a pattern: any run of spaces, either apostrophe. A name that starts
    with its article ("la toussaint") is the one written after *le*/*la* with no preposition
    ("la Toussaint approche"); the others need a preposition before them."""
    return re.escape(name).replace(r"\ ", r"\s+").replace("'", _APOS)


def _easter(year: int) -> date:
    """Easter Sunday of a Gregorian year (the computus as the Gregorian reform fixed it:
    the Sunday after the ecclesiastical full moon on or after 21 March)."""
    golden = year % 19
    century, rest = divmod(year, 100)
    leap_c, leap_r = divmod(century, 4)
    moon_fix = (century + 8) // 25
    epact_fix = (century - moon_fix + 1) // 3
    full_moon = (19 * golden + century - leap_c - epact_fix + 15) % 30
    weekday_fix = (32 + 2 * leap_r + 2 * (rest // 4) - full_moon - rest % 4) % 7
    skip = (golden + 11 * full_moon + 22 * weekday_fix) // 451
    month, day = divmod(full_moon + weekday_fix - 7 * skip + 114, 31)
    return date(year, month, day + 1)


def _feast_day(name: str, year: int) -> date | None:
    kind, a, b = _feasts()[_feast_key(name)]
    if kind == "fixed":
        return _safe_date(year, a, b)
    return _easter(year) + timedelta(days=a)


def _feast_interval(m: re.Match, text: str, published: date | None):
    """The feast's day: in the year given, else the one nearest publication on the side the
    sentence's tense puts it (before by default)."""
    name = m["f"]
    if m["y"]:
        d = _feast_day(name, int(m["y"]))
        return (d, d, "day") if d else None
    if published is None:
        return None, None, "day"
    future = _tense_near(text, m.start(), m.end()) == "future"
    this_year = _feast_day(name, published.year)
    if this_year is not None and (this_year >= published if future else this_year <= published):
        return this_year, this_year, "day"
    d = _feast_day(name, published.year + (1 if future else -1))
    return (d, d, "day") if d else None


def _month_num(token: str) -> int:
    months, _, _ = _grammar()
    return months[token.lower().rstrip(".")]


def _weekday_num(token: str | None) -> int | None:
    if not token:
        return None
    _, weekdays, _ = _grammar()
    return weekdays[token.lower()]


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


# Tense evidence moves a date after publication only this far: a date just past
# in a future sentence ("sera jugé pour les faits du 12 mai") stays in the past.
_HORIZON = timedelta(days=200)


def _resolve_year(month: int, day: int, published: date | None, forward: str | None,
                  weekday: int | None = None) -> int | None:
    """The year of (month, day): on or before publication, closest to it; on or after it
    for `forward` "next" (*prochain*), and for "ahead" (tense) when that is within the horizon.
    A weekday written with the date wins when one nearby year fits it."""
    if published is None:
        return None
    year = published.year
    candidate = _safe_date(year, month, min(day, 28 if month == 2 and day == 29 else day))
    if candidate is None:
        return None
    after = year if candidate >= published else year + 1
    before = year if candidate <= published else year - 1
    year = before
    if forward == "next" or (forward == "ahead" and candidate.replace(year=after) - published <= _HORIZON):
        year = after
    if weekday is None:
        return year
    fitting = [y for y in (year, year - 1, year + 1) if (d := _safe_date(y, month, day)) and d.weekday() == weekday]
    if not fitting or fitting[0] == year:
        return year
    return min(fitting, key=lambda y: abs((date(y, month, min(day, 28)) - published).days))


def _is_future(rel: str | None) -> bool:
    return bool(rel) and "proch" in rel.lower()


def _is_past(rel: str | None) -> bool:
    return bool(rel) and "dern" in rel.lower()


def _tense_of(word: str) -> str | None:
    if word == "A":
        return None  # "A partir du 30 août": the preposition à, capitalized without its accent
    low = word.lower()
    if low in _FUTURE_WORDS or (word[0].islower() and _FUTURE_ENDING.match(low)):
        return "future"
    if low in _PAST_WORDS:
        return "past"
    return None


_LOOK = 300


def _ahead(text: str, start: int, end: int) -> bool:
    """Does the date's sentence put it after publication?"""
    return _tense_near(text, start, end) == "future"


def _tense_near(text: str, start: int, end: int) -> str | None:
    """The tense the date's sentence gives it: the nearest tense word before it decides
    ("aura lieu le 6 avril", "est prévue le 16 juillet", but "a dit qu'il viendra, a confirmé
    le 3 mai"); a date opening its sentence ("Le 16 juillet, il sera…") looks after. None when
    the sentence has no tense word near (a headline)."""
    # Both looks are bounded (_LOOK characters): with no sentence end near, the scan used to
    # run back to the text's start, or on to its end, for every date (quadratic on a page
    # without punctuation). A date that far from its sentence's start does not open it.
    window = max(0, start - _LOOK)
    sentence_start = max((m.end() for m in _SENTENCE_END.finditer(text, window, start)), default=None)
    opens = sentence_start is not None or window == 0
    before = _WORD.findall(text[window if sentence_start is None else sentence_start:start])
    for word in reversed(before[-15:]):
        tense = _tense_of(word)
        if tense:
            return tense
    if opens and len(before) <= 3:
        stop = _SENTENCE_END.search(text, end, end + _LOOK)
        for word in _WORD.findall(text[end:stop.start() if stop else end + _LOOK])[:12]:
            tense = _tense_of(word)
            if tense:
                return tense
    return None


def _forward(m: re.Match, text: str) -> str | None:
    """"next" after *prochain*, "ahead" when the sentence looks after publication, else None."""
    rel = m.groupdict().get("rel")
    if _is_past(rel):
        return None
    if _is_future(rel):
        return "next"
    return "ahead" if _ahead(text, m.start(), m.end()) else None


def _day_interval(m, text, published):
    month = _month_num(m["m"])
    day = _day_num(m["d"])
    if m["y"]:
        year = _year_num(m["y"], published)
    else:
        year = _resolve_year(month, day, published, _forward(m, text), _weekday_num(m["wd"]))
    if year is None:
        return None, None, "day"
    d = _safe_date(year, month, day)
    return d, d, "day"


def _range_interval(m, text, published):
    if "et" in m["conn"].lower() and not (m["pre"] or "").lower().startswith("entre"):
        return None  # "le 6 et le 13 avril" lists two days: the day_list rule reads it
    d1, d2 = _day_num(m["d1"]), _day_num(m["d2"])
    m2 = _month_num(m["m2"])
    m1 = _month_num(m["m1"]) if m["m1"] else m2
    y2 = _year_num(m["y2"], published) if m["y2"] else None
    y1 = _year_num(m["y1"], published) if m["y1"] else None
    if y2 is None and y1 is not None:
        y2 = y1 + (1 if (m1, d1) > (m2, d2) else 0)
    if y2 is None:
        y2 = _resolve_year(m2, d2, published, _forward(m, text), _weekday_num(m["wd2"]))
        wd1 = _weekday_num(m["wd1"])
        if y2 is not None and m["wd2"] is None and wd1 is not None:
            # only the first day names its weekday: "du mercredi 3 au 6 avril"
            shift = 1 if (m1, d1) > (m2, d2) else 0
            y1_fit = _resolve_year(m1, d1, published, _forward(m, text), wd1)
            y2 = y1_fit + shift if y1_fit is not None else y2
    if y2 is None:
        return None, None, "day"
    if y1 is None:
        y1 = y2 if (m1, d1) <= (m2, d2) else y2 - 1
    start, end = _safe_date(y1, m1, d1), _safe_date(y2, m2, d2)
    if start is None or end is None or start > end:
        return None, None, "day"
    return start, end, "day"


def _list_mentions(m: re.Match, text: str, published: date | None) -> list[DateMention] | None:
    """One day mention per item of "les 6 et 13 avril (prochains)", all in the written month."""
    _, weekdays, _ = _grammar()
    month = _month_num(m["m"])
    forward = _forward(m, text)
    item_re = re.compile(rf"\b(?:(?P<wd>{_alt(weekdays)})\s+)?(?P<d>{_DAY})\b", re.IGNORECASE)
    items = list(item_re.finditer(text, m.start("items"), m.start("m")))
    if len(items) < 2:
        return None
    year = _year_num(m["y"], published) if m["y"] else None
    out = []
    for k, item in enumerate(items):
        day = _day_num(item["d"])
        y = year if year is not None else _resolve_year(month, day, published, forward, _weekday_num(item["wd"]))
        d = _safe_date(y, month, day) if y is not None else None
        if y is not None and d is None:
            return None  # "les 30 et 31 février" is no date
        start = item.start()
        end = m.end() if k == len(items) - 1 else item.end()
        while end > start and text[end - 1].isspace():
            end -= 1
        out.append(DateMention(text[start:end], start, end, d, d, "day"))
    return out


# Words that may follow "samedi 22" when 22 is the day, not a count ("samedi 20 personnes").
_WEEKDAY_DAY_NEXT = {"à", "a", "au", "aux", "et", "ou", "dès", "vers", "entre", "de", "le", "la", "les", "en", "dans", "pour"}


def _weekday_day(m: re.Match, text: str, published: date):
    """"samedi 22": the nearest day numbered 22 that is a Saturday, within five weeks."""
    nxt = re.match(r"\s*([^\W\d_]+)", text[m.end():m.end() + 30])
    if nxt and nxt.group(1)[0].islower() and nxt.group(1).lower() not in _WEEKDAY_DAY_NEXT:
        return None
    wd, day = _weekday_num(m["wd"]), _day_num(m["d"])
    fits = [published + timedelta(days=k) for k in range(-35, 36)]
    fits = [d for d in fits if d.day == day and d.weekday() == wd]
    if _is_past(m["rel"]):
        fits = [d for d in fits if d < published]
    elif _is_future(m["rel"]) or _ahead(text, m.start(), m.end()):
        fits = [d for d in fits if d >= published] or fits
    if not fits:
        return None
    d = min(fits, key=lambda d: abs((d - published).days))
    return d, d, "day"


def _month_interval(month: int, year: int):
    return date(year, month, 1), _month_end(year, month), "month"


def _weekday_date(weekday: int, published: date, mode: str) -> date:
    delta = (published.weekday() - weekday) % 7
    ahead = (weekday - published.weekday()) % 7
    if mode == "last":  # latest such day on or before publication
        return published - timedelta(days=delta)
    if mode == "before":  # "vendredi dernier": strictly before
        return published - timedelta(days=delta or 7)
    if mode == "next":  # "mardi prochain": strictly after
        return published + timedelta(days=ahead or 7)
    if mode == "coming":  # "se réunira lundi": on or after
        return published + timedelta(days=ahead)
    # "ce dimanche": the nearest such day, either side (a tie goes forward)
    return published + timedelta(days=ahead) if ahead <= delta else published - timedelta(days=delta)


def _offset_interval(m, published: date):
    """il y a deux ans -> that year; dans trois semaines -> that week."""
    n_text = m["n"].lower()
    n = int(n_text) if n_text.isdigit() else _NUMBER_WORDS[n_text]
    sign = 1 if m["dir"].lower() == "dans" else -1
    unit = m["unit"].lower()
    if unit.startswith("jour"):
        d = published + timedelta(days=sign * n)
        return d, d, "day"
    if unit.startswith("semaine"):
        d = published + timedelta(days=7 * sign * n)
        monday = d - timedelta(days=d.weekday())
        return monday, monday + timedelta(days=6), "week"
    if unit == "mois":
        index = published.year * 12 + published.month - 1 + sign * n
        return _month_interval(index % 12 + 1, index // 12)
    year = published.year + sign * n
    return date(year, 1, 1), date(year, 12, 31), "year"


def _period_interval(phrase: str, published: date):
    p = re.sub(r"\s+", " ", phrase.lower().replace("\u2019", "'"))
    monday = published - timedelta(days=published.weekday())
    if "semaine" in p:
        shift = -7 if ("derni" in p or "pass" in p) else 7 if "proch" in p else 0
        start = monday + timedelta(days=shift)
        return start, start + timedelta(days=6), "week"
    if "week-end" in p:
        shift = -7 if "derni" in p else 7 if "proch" in p else 0
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
    if "nouvelle" in p:  # the year just begun, or about to begin in December
        year = published.year + (1 if published.month == 12 else 0)
        return date(year, 1, 1), date(year, 12, 31), "year"
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


def _month_only(m: re.Match, text: str, published: date | None):
    word = m["m"]
    if word[0].isupper() and m.start("m") > 0 and word.lower().startswith("mars"):
        return None  # "Mars" capitalized mid-text is the planet or the god
    if m.group(0) == word and word.lower().rstrip(".") in _abbreviations():
        return None  # a bare abbreviation is too ambiguous to stand alone ("sept", "nov")
    month = _month_num(word)
    if published is None:
        return None, None, "month"
    year = published.year
    forward = _forward(m, text)
    if forward == "next":  # "juin prochain": the next June after this month
        year += 1 if month <= published.month else 0
    elif forward == "ahead" and (month - published.month) % 12 <= _HORIZON.days // 31:  # "rouvrira en août"
        year += 1 if month < published.month else 0
    elif month > published.month or (m["rel"] and month == published.month):
        year -= 1
    return _month_interval(month, year)


def _year_only(m: re.Match, text: str):
    prev = re.search(r"([\w'\u2019-]+)\s+$", text[max(0, m.start() - 20):m.start()])
    prev_word = prev.group(1).lower().replace("\u2019", "'").split("'")[-1] if prev else ""
    nxt = re.match(r"\s+([\w']+)", text[m.end():m.end() + 30])
    if prev_word not in _YEAR_PREFIXES and nxt and nxt.group(1)[0].islower() and nxt.group(1).lower() not in _YEAR_OK_NEXT:
        return None  # "2000 personnes": a count
    if re.match(r"\s*(?:%|€|\$|km|m\b)", text[m.end():m.end() + 4]):
        return None
    if re.search(r"[\d,.]\s?$", text[max(0, m.start() - 2):m.start()]):
        return None  # part of a bigger number: "1 2000"
    y = int(m["y"])
    return date(y, 1, 1), date(y, 12, 31), "year"


def _unresolved_granularity(kind: str, m: re.Match) -> str:
    if kind == "offset":
        unit = m["unit"].lower()
        return "day" if unit.startswith("jour") else "week" if unit.startswith("sem") else "month" if unit == "mois" else "year"
    if kind == "relative_period":
        return "week"
    return "day"


def _interpret(kind: str, m: re.Match, text: str, published: date | None):
    """(from, to, granularity) for one match, or None to drop it."""
    if kind == "range":
        return _range_interval(m, text, published)
    if kind == "day":
        return _day_interval(m, text, published)
    if kind in ("iso", "numeric"):
        d = _safe_date(int(m["y"]), int(m["m"]), int(m["d"]))
        return (d, d, "day") if d else None
    if kind == "month_year":
        return _month_interval(_month_num(m["m"]), _year_num(m["y"], published))
    if kind == "month":
        return _month_only(m, text, published)
    if kind == "year_range":
        y1, y2 = int(m["y1"]), int(m["y2"])
        if y1 >= y2:
            return None
        return date(y1, 1, 1), date(y2, 12, 31), "year"
    if kind == "year":
        return _year_only(m, text)
    if kind == "feast":
        return _feast_interval(m, text, published)
    if kind == "short_year":
        y = int(m["y"])
        # the century that does not put the year after publication's (or 2030 without one)
        y += 2000 if y <= (published.year % 100 if published else 30) else 1900
        return date(y, 1, 1), date(y, 12, 31), "year"
    if published is None:
        return None, None, _unresolved_granularity(kind, m)
    if kind == "weekday_day":
        return _weekday_day(m, text, published)
    if kind == "weekday":
        wd = _weekday_num(m["wd"])
        rel = (m["rel"] or m["rel2"] or "").lower()
        pre = (m["pre"] or "").lower()
        if "dern" in rel:
            mode = "before"
        elif "proch" in rel:
            mode = "next"
        elif pre == "ce":
            mode = "near"
        elif pre == "":
            tense = _tense_near(text, m.start(), m.end())
            d = _weekday_date(wd, published, "coming" if tense == "future" else "last")
            return d, d, "day", (wd, tense)
        else:
            mode = "last"
        d = _weekday_date(wd, published, mode)
        return d, d, "day"
    if kind == "relative":
        offsets = {k.lower().replace("\u2019", "'"): v for k, v in datafiles.calendar().relative_days.items()}
        word = m["r"].lower().replace("\u2019", "'")
        d = published + timedelta(days=offsets[word])
        return d, d, "day"
    if kind == "offset":
        return _offset_interval(m, published)
    if kind == "relative_period":
        return _period_interval(m["p"], published)
    return None


_ORDER = ("range", "day_list", "day", "iso", "numeric", "month_year", "year_range", "offset",
          "relative_period", "feast", "weekday_day", "weekday", "relative", "month", "year", "short_year")


def _candidates(kind: str, m: re.Match, text: str, published: date | None) -> list[DateMention] | None:
    """The mention(s) one match stands for, or None to drop it."""
    if kind == "day_list":
        return _list_mentions(m, text, published)
    start, end = m.span()
    if kind == "feast":
        start = m.start("f")  # "à Noël" is the date Noël: the preposition is the sentence's
    elif kind == "short_year":
        start = m.start("y")  # "en 95": the year is "95", as "en 1995" gives "1995"
    if kind == "range" and m["pre"] and not re.search(r"au|et", m["conn"]):
        start = m.start("wd1") if m["wd1"] else m.start("d1")  # "du 31 octobre-3 novembre"
    while end > start and text[end - 1].isspace():
        end -= 1
    result = _interpret(kind, m, text, published)
    if result is None:
        return None
    d_from, d_to, gran, *bare = result
    groups = m.groupdict()
    if kind in ("iso", "numeric", "year", "year_range", "short_year") or groups.get("y") or groups.get("y2"):
        anchor = "year"
    elif kind == "month" and not groups.get("rel"):
        anchor = "month"
    else:
        anchor = None
    return [DateMention(text[start:end], start, end, d_from, d_to, gran, bare[0] if bare else None, anchor)]


def _bounded(kind: str, m: re.Match, text: str, published: date | None) -> list[DateMention] | None:
    """_candidates, with a date past the calendar's ends (before year 1, after 9999: "il y a
    trois ans" from 0001-01-01, "demain" from 9999-12-31) left unresolved: no date is invented
    and the article still gets its report."""
    try:
        return _candidates(kind, m, text, published)
    except (OverflowError, ValueError):
        start, end = m.span()
        while end > start and text[end - 1].isspace():
            end -= 1
        return [DateMention(text[start:end], start, end, None, None, _unresolved_granularity(kind, m))]


# What each pattern cannot match without: a month name, a weekday name, a digit. The
# patterns are long alternations tried at every position of the text, and most sentences
# name no month and no weekday: checking for the names first skips most of the scanning
# (find_dates was a tenth of the matchers' time).
_NEEDS_MONTH = frozenset({"range", "day_list", "day", "month_year", "month"})
_NEEDS_WEEKDAY = frozenset({"weekday_day", "weekday"})
_NEEDS_DIGIT = frozenset({"iso", "numeric", "year_range", "year", "month_year", "short_year"})
_ANY_DIGIT = re.compile(r"\d")  # the patterns' own \d: any Unicode decimal digit
# Letters that re.IGNORECASE matches with an ASCII letter though str.lower() does not make
# them one (ı, ſ, the Kelvin sign, İ): with one of them in the text, nothing is skipped.
_CASE_ODDITIES = frozenset("\u0131\u017f\u212a\u0130")


def _skipped_kinds(text: str) -> frozenset[str]:
    if not _CASE_ODDITIES.isdisjoint(text):
        return frozenset()
    months, weekdays, _ = _grammar()
    low = text.lower()
    skipped: set[str] = set()
    if not any(name in low for name in months):
        skipped |= _NEEDS_MONTH
    if not any(name in low for name in weekdays):
        skipped |= _NEEDS_WEEKDAY
    if not _ANY_DIGIT.search(text):
        skipped |= _NEEDS_DIGIT
    if not any(word in low for word in _feast_words()):
        skipped.add("feast")
    return frozenset(skipped)


@lru_cache(maxsize=1)
def _feast_words() -> tuple[str, ...]:
    """The longest word of each feast's name: a text without any of them names no feast."""
    return tuple({max(re.split(r"[\s']+", name), key=len) for name in _feasts()})


def find_dates(text: str, published: date | None = None, *, resolved_only: bool = False) -> list[DateMention]:
    """Every date mention in `text`, longest first where two overlap, in text order."""
    _, _, patterns = _grammar()
    skipped = _skipped_kinds(text)
    found: list[tuple[int, int, int, list[DateMention]]] = []
    for rank, kind in enumerate(_ORDER):
        if kind in skipped:
            continue
        for m in patterns[kind].finditer(text):
            mentions = _bounded(kind, m, text, published)
            if mentions and resolved_only:  # an unresolved mention must not hide a resolved one
                mentions = [d for d in mentions if d.from_ is not None]
            if not mentions:
                continue
            start, end = mentions[0].start, mentions[-1].end
            found.append((start, -(end - start), rank, mentions))
    # Greedy: the longest match wins an overlap; ties go to the grammar's order.
    found.sort(key=lambda t: (t[1], t[2], t[0]))
    # Characters already covered by a kept mention: a candidate is tested on its own span,
    # not against every kept span (100,000 dates made that 10^10 comparisons).
    taken = bytearray(len(text) + 1)
    kept: list[DateMention] = []
    for start, neg_len, _, mentions in found:
        end = start - neg_len
        if taken.find(1, start, end) < 0:
            taken[start:end] = b"\x01" * (end - start)
            kept.extend(mentions)
    kept = sorted((d for d in kept if not _in_a_name(text, d)), key=lambda d: d.start)
    return _months_in_named_years(text, _one_referent(kept))


def _months_in_named_years(text: str, mentions: list[DateMention]) -> list[DateMention]:
    """"deux incendies en 95 (en mars, en juin)", "En 2019, en mars, il a parlé": a month with
    no year of its own is in the year its sentence last wrote (TimeML anchors an
    underspecified date to the nearest date before it), not in the one nearest publication.
    A sentence end forgets the year: each sentence is looked at once."""
    out = []
    year = None
    last = 0
    for d in mentions:
        if _SENTENCE_END.search(text, last, d.start):
            year = None
        last = max(last, d.end)
        if d.from_ is not None and d.anchor == "year":
            year = d.from_.year if d.from_.year == d.to.year else None
        elif d.from_ is not None and d.anchor == "month" and year is not None and year != d.from_.year:
            try:
                d = replace(d, from_=d.from_.replace(year=year), to=_month_end(year, d.from_.month))
            except (OverflowError, ValueError):
                pass
        out.append(d)
    return out


@lru_cache(maxsize=1)
def _place_before() -> re.Pattern:
    nouns = _alt(n.lower() for n in datafiles.calendar().place_nouns)
    return re.compile(rf"(?<![\w-])(?:{nouns})\s+(?:du|de\s+la|des|de)\s+$", re.IGNORECASE)


# "de fin d'année": an event of the year's end ("un repas de fin d'année"), not a date.
_OF_PERIOD = re.compile(rf"(?<![\w-])de\s+(?:fin|début)\s+d{_APOS}année$", re.IGNORECASE)


def _in_a_name(text: str, d: DateMention) -> bool:
    """"rue du 4 Septembre", "place du 8 Mai 1945", "rue du 4-Septembre": a date that names a
    place, or one joined to its day by a hyphen, is part of a name. Looked for in the 40
    characters before the date only."""
    before = text[max(0, d.start - 40):d.start]
    if _place_before().search(before):
        return True
    if d.start >= 2 and text[d.start - 1] in "-\u2010\u2011" and text[d.start - 2].isdigit():
        return True
    return bool(_OF_PERIOD.search(text[max(0, d.start - 10):d.end]))


def _one_referent(mentions: list[DateMention]) -> list[DateMention]:
    """One bare weekday, one day: a headline's *SAMEDI* has no tense of its own, and the body's
    *Samedi matin, les manifestants se rassembleront* says which Saturday it is. A bare weekday
    whose sentence gives no tense takes the day that the same weekday gets where a sentence does,
    when those all agree; two tensed mentions that disagree are two days, and are left so."""
    days: dict[int, set[date]] = {}
    for d in mentions:
        if d.bare_weekday is not None and d.bare_weekday[1] is not None:
            days.setdefault(d.bare_weekday[0], set()).add(d.from_)
    if not days:
        return mentions
    out = []
    for d in mentions:
        told = days.get(d.bare_weekday[0]) if d.bare_weekday is not None and d.bare_weekday[1] is None else None
        if told and len(told) == 1:
            (day,) = told
            d = replace(d, from_=day, to=day)
        out.append(d)
    return out


def parse_date(text: str, published: date | None = None) -> DateMention | None:
    """The one date mention covering most of `text` (for tests and the pipeline)."""
    mentions = find_dates(text, published)
    return max(mentions, key=lambda d: d.end - d.start) if mentions else None


@lru_cache(maxsize=1)
def _anaphoric_days() -> tuple[re.Pattern, dict[str, int]]:
    """*le lendemain*, *le même jour*, *ce jour-là* (calendar.toml's anaphoric_days): a day
    counted from the day the text last named, not from publication."""
    offsets = {_phrase_key(k): v for k, v in datafiles.calendar().anaphoric_days.items()}
    # spaces as any run of spaces, the hyphen of "jour-là" as any dash; accents as written
    forms = [re.escape(k).replace(r"\ ", r"\s+").replace(r"\-", "[-\u2010\u2011]") for k in offsets]
    pattern = re.compile(r"(?<![\w-])(?P<w>" + "|".join(sorted(forms, key=len, reverse=True)) + r")(?![\w-])"
                         r"(?!\s+(?:de|du|des|d['\u2019]))", re.IGNORECASE)
    return pattern, offsets


def _phrase_key(phrase: str) -> str:
    return " ".join(phrase.lower().replace("\u2010", "-").replace("\u2011", "-").split())


def find_next_day(text: str, before: str, published: date | None = None) -> list[DateMention]:
    """*le lendemain*, *le même jour* in `text`, resolved from the last single day named in
    `before` (the article up to `text`). Nothing when `before` names no resolvable day: no date
    is invented."""
    pattern, offsets = _anaphoric_days()
    out = []
    days = None
    for m in pattern.finditer(text):
        if days is None:
            days = [d for d in find_dates(before, published) if d.from_ is not None and d.from_ == d.to]
        if not days:
            return []
        try:
            d = days[-1].from_ + timedelta(days=offsets[_phrase_key(m["w"])])
        except OverflowError:  # the day after 9999-12-31
            continue
        out.append(DateMention(m.group(0), m.start(), m.end(), d, d, "day"))
    return out
