"""Sentence units for French news text (pure: no spaCy).

spaCy's parser alone mis-splits these texts: it cuts `31 octobre-3 novembre`
in two and glues a headline to the next line. Here line breaks bound units, a
line without final punctuation is a unit of its own (a headline), sentences are
cut only at . ! ? … followed by a space and a capital, never inside
parentheses, never between a quote and its incise. A quote that runs over
several sentences is cut per sentence (annotation guide §6, one claim per
sentence), and each piece records that it continues an open quote so that the
quote's speaker carries over.

Scraped input can be anything: a 5 MB line, ten thousand parentheses. Every
scan here is linear, and a unit longer than MAX_UNIT_CHARS is cut at a space
so that spaCy never sees a huge Doc (its tokenizer and parser slow down far
faster than linearly on one).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

OPEN_QUOTES = "«“„"
CLOSE_QUOTES = "»”"
TERMINAL = ".!?…"
_LIST_MARKER = re.compile(r"^(?:[-*+•]\s+|\d{1,3}[.)]\s+|#{1,6}\s+|>\s*)")
# Abbreviations after which a period does not end a sentence.
_ABBREVIATIONS = {
    "m", "mm", "mme", "mmes", "mlle", "dr", "pr", "me", "st", "ste", "mgr", "av", "apr", "cf",
    "etc", "p", "pp", "vol", "art", "chap", "no", "n°", "jr", "sr", "inc", "corp", "ltd", "co",
    "env", "min", "max", "dép", "gén", "col", "cdt", "lt", "sgt", "adj", "janv", "févr", "fév",
    "avr", "juil", "sept", "oct", "nov", "déc", "vs", "ex", "éd", "trad", "coll", "op", "cit",
}
# The longest sentence of the corpus is about 1,100 characters: a unit longer than this is
# no sentence but a run-on blob (a scraped page, a table flattened to one line).
MAX_UNIT_CHARS = 3000
# A stretch this long without any space is no word either. Cut it short: spaCy's tokenizer
# strips a run of suffix characters ("))))") one at a time, rescanning the token each time.
MAX_WORD_CHARS = 300
_ABBREVIATION_WINDOW = 16  # longer than any abbreviation: the look-back never rescans a sentence


@dataclass(frozen=True)
class Unit:
    start: int
    end: int
    line: int
    column: int
    heading: bool  # a whole line without final punctuation, or a Markdown heading
    in_quote: bool  # starts inside a quote opened by an earlier unit
    paragraph: int  # index of the line (paragraph) it comes from


def _line_spans(text: str):
    pos = 0
    for number, line in enumerate(text.split("\n"), 1):
        yield number, pos, pos + len(line)
        pos += len(line) + 1


def _abbreviation_before(text: str, dot: int, start: int) -> bool:
    m = re.search(r"([\w°]+)$", text[max(start, dot - _ABBREVIATION_WINDOW):dot])
    if not m:
        return False
    word = m.group(1)
    if len(word) == 1 and word.isupper():
        return True  # an initial: "J. Smith"
    return word.lower() in _ABBREVIATIONS


def _boundary_after(text: str, i: int, end: int) -> int | None:
    """If a sentence may end at text[i] (a terminal mark), where the next one starts."""
    j = i + 1
    while j < end and text[j] in TERMINAL:
        j += 1
    # "raison. » Bruxelles": a closing quote after a space still ends with the sentence
    q = j
    while q < end and text[q] in " \u00a0\u202f":
        q += 1
    if q < end and q > j and text[q] in CLOSE_QUOTES:
        j = q
    while j < end and text[j] in CLOSE_QUOTES + ")\"'’":
        if text[j] in CLOSE_QUOTES and j > i + 1 and text[j - 1] not in TERMINAL + " \u00a0\u202f’'\"":
            break
        j += 1
    k = j
    while k < end and text[k] in " \t\u00a0\u202f":
        k += 1
    if k == j or k >= end:
        return None
    nxt = text[k]
    if nxt.isupper() or nxt.isdigit() or nxt in OPEN_QUOTES + '"':
        return k
    return None


def _open_quote(open_quotes: list[str], mark: str, text: str, i: int) -> bool:
    """Record the quote mark opened at text[i]; True when it shows that an earlier quote was
    never closed. « « (a doubled mark, a typo) opens one quote. A « while an inner “ is open
    closes that “ first: French nests “ ” in « », never the other way round, so the “ was
    left open ("Le ministre a dit “ça ne va pas. Le juge a déclaré « … »": the judge's
    sentence is not inside the minister's quote)."""
    j = i - 1
    while j >= 0 and text[j] in " \u00a0\u202f":  # only the spaces right before: linear overall
        j -= 1
    if open_quotes and open_quotes[-1] == mark and j >= 0 and text[j] == mark:
        return False  # the same mark again, doubled
    unclosed = False
    while mark == "«" and open_quotes and open_quotes[-1] in "“„":
        open_quotes.pop()
        unclosed = True
    open_quotes.append(mark)
    return unclosed


def split_units(text: str) -> list[Unit]:
    """Sentence units of `text`, as character spans; every span is stripped of whitespace."""
    units: list[Unit] = []
    open_quotes: list[str] = []  # the quote marks opened and not yet closed, innermost last
    straight_open = False
    for paragraph, (line_no, ls, le) in enumerate(_line_spans(text)):
        line = text[ls:le]
        stripped = line.strip()
        if not stripped:
            continue
        offset = ls + (len(line) - len(line.lstrip()))
        marker = _LIST_MARKER.match(text, offset, le)
        markdown_heading = bool(marker and text[offset] == "#")
        if marker:
            offset = marker.end()
        end = ls + len(line.rstrip())
        pieces: list[tuple[int, int, bool]] = []
        start = offset
        start_in_quote = bool(open_quotes) or straight_open
        closed_in_piece = False
        paren = 0
        i = offset
        while i < end:
            ch = text[i]
            if ch in OPEN_QUOTES:
                unclosed = _open_quote(open_quotes, ch, text, i)
                if unclosed and start_in_quote and not closed_in_piece and open_quotes == ["«"] and not straight_open:
                    start_in_quote = False  # only that unclosed quote made this sentence start inside one
            elif ch in CLOSE_QUOTES:
                closed_in_piece = True
                if open_quotes:
                    open_quotes.pop()
            elif ch == '"':
                straight_open = not straight_open
            elif ch == "(":
                paren += 1
            elif ch == ")":
                paren = max(0, paren - 1)
            elif ch in TERMINAL and paren == 0:
                if ch == "." and _abbreviation_before(text, i, start):
                    i += 1
                    continue
                nxt = _boundary_after(text, i, end)
                if nxt is not None:
                    # Keep closing quotes and parentheses with the sentence they end.
                    j = i + 1
                    last = i + 1
                    while j < nxt:
                        if text[j] in CLOSE_QUOTES and open_quotes:
                            open_quotes.pop()
                        elif text[j] == '"':
                            straight_open = not straight_open
                        if text[j] not in " \t\u00a0\u202f":
                            last = j + 1
                        j += 1
                    pieces.append((start, last, start_in_quote))
                    start = nxt
                    start_in_quote = bool(open_quotes) or straight_open
                    closed_in_piece = False
                    i = nxt
                    continue
                # No boundary after this run of marks ("......"): no later mark of the run
                # gives one either, and testing each would rescan the run (quadratic).
                while i + 1 < end and text[i + 1] in TERMINAL:
                    i += 1
            i += 1
        if start < end:
            pieces.append((start, end, start_in_quote))
        pieces = [cut for piece in pieces for cut in _bounded(text, *piece)]
        # A line ends every quote for our purposes: an unclosed quote must not swallow the article.
        open_quotes.clear()
        straight_open = False
        whole_line = len(pieces) == 1
        for s, e, in_quote in pieces:
            s, e = _strip(text, s, e)
            if s >= e:
                continue
            last = text[e - 1]
            if last in CLOSE_QUOTES + '"' and e - 2 >= s:
                last = text[e - 2] if text[e - 2] not in " \u00a0\u202f" else text[e - 3 if e - 3 >= s else s]
            heading = markdown_heading or (whole_line and last not in TERMINAL + ":;,")
            column = s - ls + 1
            units.append(Unit(s, e, line_no, column, heading, in_quote, paragraph))
    return units


def _bounded(text: str, s: int, e: int, in_quote: bool) -> list[tuple[int, int, bool]]:
    """A piece no longer than MAX_UNIT_CHARS, or several: cut after the last space before the
    limit, and inside any run of more than MAX_WORD_CHARS without a space.

    Only the first keeps `in_quote`: where a quote stands inside a blob is not worth tracking."""
    if e - s <= MAX_UNIT_CHARS:
        return [(s, e, in_quote)]
    out = []
    chunk = s  # start of the unit being built
    word = s  # start of the current run without space
    for i in range(s, e):
        if text[i].isspace():
            word = i + 1
        elif i - word >= MAX_WORD_CHARS:
            out.append((chunk, i, in_quote))
            chunk = word = i
            in_quote = False
        elif i - chunk >= MAX_UNIT_CHARS:
            # word > chunk here: a run that reached back to chunk would have been cut above
            out.append((chunk, word, in_quote))
            chunk = word
            in_quote = False
    out.append((chunk, e, in_quote))
    return out


def _strip(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e
