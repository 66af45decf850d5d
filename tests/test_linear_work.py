"""Work grows linearly with the input, whatever its shape (issue 17).

Counted, not timed: Python calls (cProfile's count, which includes Cython functions such
as spaCy's token iteration) and the characters every regular expression of the text passes
is asked to scan (a proxy around each compiled pattern). The same shape four times longer
must cost at most five times the work. A scan that runs back to the text's start for every
date, or a list of kept spans compared with every candidate, grows sixteenfold.
"""

from __future__ import annotations

import cProfile
import pstats
import re
import sys
from datetime import date
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
from robust import SHAPES  # noqa: E402  the shapes bench/robust.py times

BOUND = 5.0
PUBLISHED = date(2025, 11, 3)


class CountingPattern:
    """A compiled pattern that adds to `counter[0]` the characters each call scans."""

    def __init__(self, pattern: re.Pattern, counter: list[int]):
        self._p, self._c = pattern, counter

    def __getattr__(self, name):
        return getattr(self._p, name)

    @staticmethod
    def _bounds(string, pos=0, endpos=None):
        end = len(string) if endpos is None else min(endpos, len(string))
        return pos, end

    def search(self, string, *args):
        pos, end = self._bounds(string, *args)
        m = self._p.search(string, *args)
        self._c[0] += (m.end() if m else end) - pos
        return m

    def match(self, string, *args):
        pos, _ = self._bounds(string, *args)
        m = self._p.match(string, *args)
        self._c[0] += (m.end() - pos) if m else 1
        return m

    fullmatch = match

    def _whole(self, method, string, *args):
        pos, end = self._bounds(string, *args)
        self._c[0] += max(0, end - pos)
        return getattr(self._p, method)(string, *args)

    def finditer(self, string, *args):
        return self._whole("finditer", string, *args)

    def findall(self, string, *args):
        return self._whole("findall", string, *args)

    def sub(self, repl, string, count=0):
        self._c[0] += len(string)
        return self._p.sub(repl, string, count)

    def split(self, string, maxsplit=0):
        self._c[0] += len(string)
        return self._p.split(string, maxsplit)


def _count_patterns(monkeypatch, counter):
    import claimcheck.dates as dates
    import claimcheck.pipeline.clauses as clauses
    import claimcheck.pipeline.cues as cues
    import claimcheck.pipeline.sentences as sentences
    import claimcheck.reading as reading

    for module in (dates, sentences, reading, cues, clauses):
        for name, value in list(vars(module).items()):
            if isinstance(value, re.Pattern):
                monkeypatch.setattr(module, name, CountingPattern(value, counter))
    months, weekdays, patterns = dates._grammar()
    proxied = {k: CountingPattern(v, counter) for k, v in patterns.items()}
    monkeypatch.setattr(dates, "_grammar", lambda: (months, weekdays, proxied))


def _work(func, text, monkeypatch) -> tuple[int, int]:
    """(Python calls, characters scanned by patterns) of func(text)."""
    counter = [0]
    with monkeypatch.context() as m:
        _count_patterns(m, counter)
        profile = cProfile.Profile()
        profile.enable()
        func(text)
        profile.disable()
    calls = sum(stat[1] for stat in pstats.Stats(profile).stats.values())  # (cc, nc, …): all calls
    return calls, counter[0]


def _ratio(func, shape: str, size: int, monkeypatch) -> tuple[float, float]:
    small = _work(func, SHAPES[shape](size), monkeypatch)
    large = _work(func, SHAPES[shape](4 * size), monkeypatch)
    return tuple(b / max(a, 1) for a, b in zip(small, large))


def _dates(text):
    from claimcheck.dates import find_dates

    find_dates(text, PUBLISHED)


def _reading(text):
    from claimcheck.pipeline.sentences import split_units
    from claimcheck.reading import make_article

    make_article(text, "x", None)  # the publication date scanned from the text
    split_units(text)


SHAPE_NAMES = [s for s in SHAPES if s != "long-words"]


@pytest.mark.parametrize("shape", SHAPE_NAMES)
def test_dates_and_reading_work_is_linear(shape, monkeypatch):
    for func in (_dates, _reading):
        calls, scanned = _ratio(func, shape, 20_000, monkeypatch)
        assert calls <= BOUND and scanned <= BOUND, (func.__name__, shape, round(calls, 2), round(scanned, 2))


def test_the_counter_sees_a_quadratic_scan(monkeypatch):
    """The measure can fail: a scan from the text's start for each date grows sixteenfold."""
    import claimcheck.dates as dates

    def quadratic(text):
        for m in dates._SENTENCE_END.finditer(text):
            dates._WORD.findall(text[0:m.start()])

    with monkeypatch.context():
        _, scanned = _ratio(quadratic, "short-paragraphs", 5_000, monkeypatch)
    assert scanned > 10


@pytest.mark.model
@pytest.mark.parametrize("shape", ["selon-line", "nested-selon", "unclosed-parentheses", "quote-marks",
                                   "outlet-list", "dense-dates", "short-paragraphs", "unclosed-guillemets"])
def test_report_building_work_is_linear(nlp, shape, monkeypatch):
    """The whole report (cues, sources, dates, clauses, claims) on the model's Docs."""
    from claimcheck import extract
    from claimcheck.pipeline.sentences import split_units
    from claimcheck.reading import make_article

    def build(text):
        units = split_units(text)
        docs = list(nlp.pipe([text[u.start:u.end] for u in units]))
        article = make_article(text, "x", None, PUBLISHED, "option")
        profile = cProfile.Profile()
        profile.enable()  # the model's own work is not ours to count
        extract.build_report(article, docs, units)
        profile.disable()
        return sum(stat[1] for stat in pstats.Stats(profile).stats.values())

    small, large = build(SHAPES[shape](15_000)), build(SHAPES[shape](60_000))
    assert large / small <= BOUND, (shape, round(large / small, 2))


@pytest.mark.model
@pytest.mark.parametrize("shape", ["unclosed-parentheses", "nested-selon", "selon-line", "outlet-list"])
def test_work_within_one_unit_is_linear(nlp, shape, monkeypatch):
    """A unit is cut at 3,000 characters, so a pass that is quadratic inside a unit still
    looks linear over many units: measured here on one unit of 700 and of 2,800 characters
    (a page of nested incises took 63 s for 200 KB when each speech verb walked its unit)."""
    from claimcheck import extract
    from claimcheck.pipeline.sentences import split_units
    from claimcheck.reading import make_article

    def build(text):
        units = split_units(text)
        assert len(units) == 1
        docs = list(nlp.pipe([text[u.start:u.end] for u in units]))
        article = make_article(text, "x", None, PUBLISHED, "option")
        profile = cProfile.Profile()
        profile.enable()
        extract.build_report(article, docs, units)
        profile.disable()
        return sum(stat[1] for stat in pstats.Stats(profile).stats.values())

    small, large = build(SHAPES[shape](700)), build(SHAPES[shape](2_800))
    assert large / small <= BOUND, (shape, round(large / small, 2))
