"""Splitting JSON Lines, shared by the article reader and the report readers (which must not
import the reader: check and diff start without it)."""

from __future__ import annotations

from typing import Iterator


def jsonl_lines(text: str) -> Iterator[str]:
    """The lines of a JSON Lines text. Not str.splitlines(): JSON strings may hold a raw
    U+2028 or U+0085, which it would take for line breaks and cut a record in two."""
    return (line.removesuffix("\r") for line in text.split("\n"))
