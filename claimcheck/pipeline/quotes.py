"""Quotation blocks across paragraphs, and the signatures that name their speaker
(annotation guide §6; issue 15, class 2).

A quote opened in one paragraph can run through several: the French way opens each new
paragraph with the mark again (« … ¶ « … »), the English way leaves the paragraph open and
closes the last one (“ … ¶ … ”). A quote paragraph can also be signed by the next one, the
way a blockquote is: *— Jacques Daoust, ministre des transports*, *Edward Snowden, Président
de la Freedom of the Press Foundation.* Pure: offsets into the article's text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

OPENING = "«“"
CLOSING = "»”"
STRAIGHT = '"'
# A signature is a short line: a dash and a name, or a name, a comma and what the person is.
SIGNATURE_MAX_CHARS = 250
_DASH = re.compile(r"^\s*[—–-]\s*")


@dataclass(frozen=True)
class QuoteBlock:
    start: int                  # the opening mark
    end: int                    # after the closing mark (or the end of the last paragraph)
    paragraphs: tuple[int, ...]  # the paragraph indices it covers, in order


def _marks(line: str, depth: int) -> tuple[list[tuple[int, str]], int]:
    """Quote events of one paragraph, (offset, "open"|"close") of the outermost quote, and the
    depth of open quotes at its end: a quote inside the quote ("“Free”") nests, and only the
    outer quote's own closing mark ends it. A straight quote opens or closes at the top level."""
    events = []
    for i, ch in enumerate(line):
        if ch in OPENING:
            if depth == 0:
                events.append((i, "open"))
            depth += 1
        elif ch in CLOSING and depth:
            depth -= 1
            if depth == 0:
                events.append((i, "close"))
        elif ch == STRAIGHT and depth <= 1:
            events.append((i, "close" if depth else "open"))
            depth = 1 - depth
    return events, depth


def _continues(line: str, depth: int) -> bool:
    """Does the paragraph after an unclosed quote go on with it? It opens with a quote mark
    again (the French way), or closes the open quote before it is done (the English way)."""
    stripped = line.lstrip()
    if stripped[:1] in OPENING or stripped[:1] == STRAIGHT:
        return True
    events, _ = _marks(line, depth)
    return bool(events) and events[0][1] == "close"


def quote_blocks(paragraphs: list[tuple[int, int, int]], text: str) -> list[QuoteBlock]:
    """`paragraphs`: (index, start, end) of the article's non-empty paragraphs, in order."""
    blocks: list[QuoteBlock] = []
    current: tuple[int, list[int]] | None = None  # (start, paragraph indices) of an open quote
    depth = 0
    for n, (index, start, end) in enumerate(paragraphs):
        line = text[start:end]
        if current is not None:
            if not _continues(line, depth):
                blocks.append(QuoteBlock(current[0], paragraphs[n - 1][2], tuple(current[1])))
                current, depth = None, 0
            else:
                current[1].append(index)
                lead = len(line) - len(line.lstrip())
                if line[lead:lead + 1] in OPENING or line[lead:lead + 1] == STRAIGHT:
                    line = line[:lead] + " " + line[lead + 1:]  # « again: a continuation, not a new quote
        events, depth = _marks(line, depth)
        for offset, kind in events:
            if kind == "open":
                current = (start + offset, [index])
            elif current is not None:
                blocks.append(QuoteBlock(current[0], start + offset + 1, tuple(current[1])))
                current = None
    if current is not None:
        blocks.append(QuoteBlock(current[0], paragraphs[-1][2], tuple(current[1])))
    return blocks


def signature_name_start(line: str) -> int | None:
    """Where the name of a signature line begins ("— Jacques Daoust, ministre…" -> 2), or None
    when the line cannot be one (too long, holds a quote). The caller checks a person is named there."""
    if not line.strip() or len(line) > SIGNATURE_MAX_CHARS or any(ch in line for ch in OPENING + CLOSING):
        return None
    dash = _DASH.match(line)
    return dash.end() if dash else len(line) - len(line.lstrip())
