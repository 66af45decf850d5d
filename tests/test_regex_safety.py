"""No regular expression of claimcheck backtracks catastrophically (issue 8).

Every pattern is fed 100,000 characters of adversarial input: repeated cues, guillemets,
digits and dashes, date ranges, blank lines. The patterns come from three places:
compiled objects at module level (found by importing every module of the package,
containers included), literal patterns written inline in re.* calls (found in the
source), and the patterns built at run time from the data files (dates.py's grammar
of months and weekdays, and what the date finder compiles per call, taken from the re
module's cache after a run). The bounds are generous safety bounds, not speed targets:
a linear pattern takes milliseconds here, a quadratic one minutes.
"""

from __future__ import annotations

import ast
import importlib
import multiprocessing
import pkgutil
import re
import time
from pathlib import Path

import pytest

import claimcheck

PACKAGE = Path(claimcheck.__file__).parent
SIZE = 100_000
PATTERN_BOUND = 5.0  # seconds, per pattern and input
PIPELINE_BOUND = 180.0  # seconds, per 100,000-character input through the whole analysis


def _repeat(unit: str) -> str:
    return (unit * (SIZE // len(unit) + 1))[:SIZE]


ADVERSARIAL = {
    "selon": _repeat("selon "),
    "guillemets": _repeat("«"),
    "guillemets-spaced": _repeat("« "),
    "digits-dashes": _repeat("1-2-3-"),
    "date-range": _repeat("31 octobre-"),
    "digits": _repeat("1"),
    "day-month-year": _repeat("31 octobre 2025 "),
    "cues": _repeat("selon l'AFP, a déclaré, cité par "),
    "incise": _repeat("a-t-il "),
    "blank-lines": _repeat("\n"),
    "spaces": _repeat(" "),
    "spaces-then-x": _repeat(" ")[:-1] + "x",
    "letters": _repeat("a"),
    "capitalized": _repeat("Jean "),
    "initials": _repeat("M. "),
    "dots": _repeat("."),
    "apostrophes": _repeat("l’"),
    "parentheses": _repeat("("),
    "dashes": _repeat("-"),
    "weekdays": _repeat("lundi "),
}


def _module_patterns() -> dict[str, re.Pattern]:
    found: dict[str, re.Pattern] = {}

    def add(where: str, value) -> None:
        if isinstance(value, re.Pattern):
            found.setdefault(f"{where}", value)
        elif isinstance(value, dict):
            for key, item in value.items():
                if isinstance(item, re.Pattern):
                    found.setdefault(f"{where}[{key!r}]", item)
        elif isinstance(value, (list, tuple, set, frozenset)):
            for i, item in enumerate(value):
                if isinstance(item, re.Pattern):
                    found.setdefault(f"{where}[{i}]", item)

    for info in pkgutil.walk_packages([str(PACKAGE)], prefix="claimcheck."):
        if info.name.endswith("__main__"):
            continue  # importing it runs the command line
        module = importlib.import_module(info.name)
        for name, value in vars(module).items():
            add(f"{info.name}.{name}", value)
            if isinstance(value, type) and value.__module__ == info.name:
                for attr, item in vars(value).items():
                    add(f"{info.name}.{name}.{attr}", item)
    return found


_RE_FUNCTIONS = {"compile", "search", "match", "fullmatch", "findall", "finditer", "sub", "subn", "split"}


def _literal_patterns() -> dict[str, re.Pattern]:
    """Patterns written as literals in re.* calls inside functions: importing does not compile them."""
    found: dict[str, re.Pattern] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                    and isinstance(node.func.value, ast.Name) and node.func.value.id == "re"
                    and node.func.attr in _RE_FUNCTIONS and node.args):
                continue
            first = node.args[0]
            if not (isinstance(first, ast.Constant) and isinstance(first.value, (str, bytes))):
                continue  # built at run time: covered by the pipeline run and the re cache
            flags = 0
            for kw in node.keywords:
                if kw.arg == "flags":
                    flags = eval(compile(ast.Expression(kw.value), "<flags>", "eval"), {"re": re})
            flag_pos = {"compile": 1, "search": 2, "match": 2, "fullmatch": 2, "findall": 2, "finditer": 2,
                        "split": 3, "sub": 4, "subn": 4}[node.func.attr]
            if len(node.args) > flag_pos:
                flags = eval(compile(ast.Expression(node.args[flag_pos]), "<flags>", "eval"), {"re": re})
            rel = path.relative_to(PACKAGE.parent)
            where = f"{rel}:{node.lineno}"
            found.setdefault(where, re.compile(first.value, flags))
            if node.func.attr in ("match", "fullmatch"):
                ANCHORED.add(where)
    return found


# re.match(PATTERN, s) makes one attempt, at the start of s: it is tested so. (A pattern that
# is exponential on a single attempt still shows; a search from every position would not be
# how the code uses it.)
ANCHORED: set[str] = set()


def _grammar_patterns() -> dict[str, re.Pattern]:
    from claimcheck import dates

    found = {}
    for i, part in enumerate(dates._grammar()):
        if isinstance(part, dict):
            for key, item in part.items():
                if isinstance(item, re.Pattern):
                    found[f"dates._grammar()[{i}][{key!r}]"] = item
        elif isinstance(part, re.Pattern):
            found[f"dates._grammar()[{i}]"] = part
    return found


def _runtime_patterns() -> dict[str, re.Pattern]:
    """What the date finder, the reader and the splitter compile per call, from re's cache."""
    from claimcheck.dates import find_dates
    from claimcheck.pipeline.sentences import split_units
    from claimcheck.reading import make_article

    sample = ("Par Jean Dupont\nDate : 2025-11-03\nSelon l'AFP, lundi 3 et mardi 4 novembre, "
              "du 31 octobre au 2 novembre 2025, « il pleuvra », a-t-il déclaré le 1er mai. M. X.")
    re.purge()
    find_dates(sample)
    split_units(sample)
    make_article(sample, "x", None)
    cache = {}
    for name in ("_cache", "_cache2"):  # the cache's name changes across Python versions
        cache.update(getattr(re, name, {}) or {})
    return {f"runtime:{p.pattern!r:.60}": p for p in cache.values() if isinstance(p, re.Pattern)}


def all_patterns() -> dict[str, re.Pattern]:
    patterns = {}
    for source in (_module_patterns, _literal_patterns, _grammar_patterns, _runtime_patterns):
        for where, pattern in source().items():
            if all(pattern is not p and (pattern.pattern, pattern.flags) != (p.pattern, p.flags)
                   for p in patterns.values()):
                patterns[where] = pattern
    return patterns


PATTERNS = all_patterns()


def test_the_collection_finds_the_patterns_it_should():
    names = " ".join(PATTERNS)
    assert len(PATTERNS) >= 60, len(PATTERNS)
    for expected in ("claimcheck.reading._AUTHOR_LINE", "claimcheck.pipeline.sentences._LIST_MARKER",
                     "dates._grammar()[2]['range']", "claimcheck/pipeline/sentences.py:"):
        assert expected in names, expected
    assert any(w.startswith("runtime:") for w in PATTERNS)


# Inline patterns that scan from every position but are only ever given a short slice:
# quadratic on 100,000 characters, harmless at the size the code gives them. Each is fed
# that size here; its bound in the code is what keeps it safe.
BOUNDED = {
    r"([\w'\u2019-]+)\s+$": 20,  # dates._year_only: the 20 characters before a year
    r"\b(?:de|du|des|d['’])\s*$": 5,  # cues: the 5 characters before a date
}


def _feed(pattern: re.Pattern, anchored: bool, conn) -> None:
    """In a child process: every adversarial input through the pattern, reporting as it goes."""
    for name, text in ADVERSARIAL.items():
        subject = text.encode("utf-8") if isinstance(pattern.pattern, bytes) else text
        subject = subject[:BOUNDED.get(pattern.pattern, SIZE)]
        conn.send(("start", name))
        started = time.monotonic()
        if anchored:
            pattern.match(subject)
        else:
            for _ in pattern.finditer(subject):  # every match: a search from each position
                pass
        conn.send(("done", name, time.monotonic() - started))
    conn.close()


def time_on_adversarial_input(pattern: re.Pattern, anchored: bool = False) -> tuple[dict[str, float], str | None]:
    """Seconds per input, and the input on which the pattern ran past the bound (the child is
    killed then: a backtracking search cannot be interrupted from inside)."""
    ctx = multiprocessing.get_context("fork")
    receiver, sender = ctx.Pipe(duplex=False)
    child = ctx.Process(target=_feed, args=(pattern, anchored, sender), daemon=True)
    child.start()
    sender.close()
    times: dict[str, float] = {}
    running = None
    try:
        while len(times) < len(ADVERSARIAL):
            if not receiver.poll(PATTERN_BOUND):
                return times, running or "(start-up)"
            message = receiver.recv()
            if message[0] == "start":
                running = message[1]
            else:
                times[message[1]] = message[2]
                running = None
    finally:
        if child.is_alive():
            child.kill()
        child.join()
    return times, None


@pytest.mark.parametrize("where", sorted(PATTERNS))
def test_pattern_is_safe_on_adversarial_input(where):
    pattern = PATTERNS[where]
    times, stuck = time_on_adversarial_input(pattern, where in ANCHORED)
    assert stuck is None, f"{where} ({pattern.pattern!r:.120}) ran past {PATTERN_BOUND} s on {stuck}"
    assert len(times) == len(ADVERSARIAL)


def test_a_quadratic_pattern_would_be_caught():
    """The harness bites: the shape fixed in reading.py (^\\s* over blank lines) is stopped and named."""
    times, stuck = time_on_adversarial_input(re.compile(r"^\s*date\s*:", re.MULTILINE))
    assert stuck == "blank-lines", (stuck, times)


@pytest.mark.model
@pytest.mark.parametrize("name", ["selon", "guillemets", "digits-dashes", "date-range"])
def test_the_whole_pipeline_on_adversarial_input(analyze, name):
    started = time.monotonic()
    report = analyze(ADVERSARIAL[name])
    elapsed = time.monotonic() - started
    assert elapsed < PIPELINE_BOUND, f"{name}: {elapsed:.0f} s"
    text = report.article.text
    for claim in report.claims:
        assert text[claim.span[0]:claim.span[1]] == claim.text
    print(f"pipeline on 100,000 characters of {name}: {elapsed:.1f} s")


@pytest.mark.parametrize("name", sorted(ADVERSARIAL))
def test_claim_fingerprints_are_linear(name):
    """normalize_claim_text once ran r'\\s*"\\s*' (quadratic on a long run of spaces that no
    quote ends); `diff` fingerprints claims read from report files, where such a claim can be
    crafted. Now it splits on quotes. The same input 100 times longer than a sentence unit
    must stay far under the per-pattern bound."""
    from claimcheck.textnorm import fingerprint, normalize_claim_text

    started = time.monotonic()
    fingerprint(ADVERSARIAL[name])
    assert time.monotonic() - started < PATTERN_BOUND
    assert normalize_claim_text(' Il a dit  «  oui  » . ') == 'il a dit"oui".'


def test_claim_fingerprints_did_not_change():
    """The split gives what the regex gave, so ids in existing reports and baselines still hold:
    checked on every line of the corpus, with the old regex applied to short lines."""
    import unicodedata

    from claimcheck.textnorm import _DASHES, _QUOTES, _SPACES, fold_apostrophes, normalize_claim_text

    def old_normalize(text):  # the former body, regex and all
        text = fold_apostrophes(unicodedata.normalize("NFC", text)).translate(_QUOTES).translate(_DASHES)
        text = re.sub(r'\s*"\s*', '"', text)
        return _SPACES.sub(" ", text).strip().lower()

    root = PACKAGE.parent / "corpus"
    lines = [ln for p in sorted(root.glob("**/*.txt")) for ln in p.read_text(encoding="utf-8").splitlines()]
    assert len(lines) > 300
    for line in lines + ['« a »  b', ' " x " ', '""', 'a\u00a0«\u202fb\u202f»\u00a0c']:
        assert normalize_claim_text(line) == old_normalize(line), line
