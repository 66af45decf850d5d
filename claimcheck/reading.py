"""Inputs -> Articles: text and Markdown files, JSON Lines, stdin, directories.

Offsets in reports point into the text as read here (the decoded file, the
JSONL `text` field), so nothing is rewritten after decoding.
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Iterator

from .dates import find_dates
from .errors import InputError

TEXT_SUFFIXES = {".txt", ".md", ".markdown"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
SUPPORTED = TEXT_SUFFIXES | JSONL_SUFFIXES


@dataclass
class Article:
    id: str
    text: str
    path: str | None = None
    published: date | None = None
    published_from: str | None = None
    title: str | None = None
    author: str | None = None
    url: str | None = None

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()


def decode(data: bytes, origin: str) -> str:
    """UTF-8 (BOM skipped), UTF-16 with BOM, or a confidently detected encoding."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise InputError(f"{origin}: invalid UTF-16 text") from None
    if b"\x00" in data[:4096]:
        raise InputError(f"{origin}: binary file, not a text article")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None or best.chaos > 0.2 or best.encoding.startswith("utf_16"):
        raise InputError(f"{origin}: not UTF-8 and no encoding could be detected with confidence")
    text = str(best)
    if sum(ch.isprintable() or ch.isspace() for ch in text) < 0.97 * len(text):
        raise InputError(f"{origin}: binary or undecodable content")
    return text


def _parse_date(value, origin: str) -> date | None:
    if value in (None, ""):
        return None
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        raise InputError(f"{origin}: published must be YYYY-MM-DD, got {value!r}") from None


_DATE_LINE = re.compile(r"^\s*date\s*:?\s*(\d{4}-\d\d-\d\d)\b", re.IGNORECASE | re.MULTILINE)
_AUTHOR_LINE = re.compile(r"^\s*(?:auteur|par|by)\s*:?\s+([A-ZÉÈ][\w'’.-]+(?:\s+[A-ZÉÈ][\w'’.-]+){0,3})", re.MULTILINE)


def detect_published(text: str) -> tuple[date | None, str | None]:
    """Publication date from the article itself (guide §4), and where it came from."""
    m = _DATE_LINE.search(text)
    if m:
        try:
            return date.fromisoformat(m.group(1)), "date-line"
        except ValueError:
            pass
    full = [d for d in find_dates(text) if d.from_ is not None and d.granularity == "day" and re.search(r"\d{4}", d.text)]
    for d in full:  # a dateline: "16 juin 2012. - Le journaliste…" at the start of a paragraph
        line_start = text.rfind("\n", 0, d.start) + 1
        after = text[d.end:d.end + 4]
        if not text[line_start:d.start].strip() and re.match(r"\.?\s*[-–—]", after):
            return d.to, "dateline"
    for d in full:  # a byline: "par Stephen Bryen 24 octobre 2025"
        line_start = text.rfind("\n", 0, d.start) + 1
        line_end = text.find("\n", d.end)
        line = text[line_start:d.start]
        if re.match(r"\s*(?:par|by|publié le|mis à jour le)\b", line, re.IGNORECASE) and not text[d.end:line_end if line_end >= 0 else None].strip():
            return d.to, "byline"
    if full:
        return max(d.to for d in full), "latest-date"
    return None, None


def _title_and_author(text: str) -> tuple[str | None, str | None]:
    title = None
    for line in text.splitlines():
        stripped = line.strip().lstrip("#").strip()
        if stripped:
            title = stripped[:300] if len(stripped) <= 300 else None
            break
    m = _AUTHOR_LINE.search(text)
    author = m.group(1).strip() if m else None
    return title, author


def make_article(text: str, ident: str, path: str | None, published: date | None = None,
                 published_from: str | None = None, title: str | None = None, url: str | None = None) -> Article:
    guessed_title, author = _title_and_author(text)
    if published is None:
        published, published_from = detect_published(text)
    return Article(ident, text, path, published, published_from, title or guessed_title, author, url)


def _check_text(text: str, origin: str) -> None:
    if not text.strip():
        raise InputError(f"{origin}: empty article (no text)")


def read_text_file(path: Path, published: date | None) -> Article:
    try:
        data = path.read_bytes()
    except IsADirectoryError:
        raise InputError(f"{path}: is a directory") from None
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except PermissionError:
        raise InputError(f"{path}: permission denied") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror or exc})") from None
    text = decode(data, str(path))
    _check_text(text, str(path))
    return make_article(text, path.stem, str(path), published, "option" if published else None)


def read_jsonl(lines: Iterator[str], origin: str, published: date | None) -> Iterator[Article | InputError]:
    """One article per line; a bad line is yielded as an error and the others still come."""
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        where = f"{origin}:{number}"
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            yield InputError(f"{where}: malformed JSON ({exc.msg})")
            continue
        if not isinstance(obj, dict) or not isinstance(obj.get("text"), str):
            yield InputError(f"{where}: no \"text\" field")
            continue
        try:
            _check_text(obj["text"], where)
            own = _parse_date(obj.get("published"), where)
        except InputError as exc:
            yield exc
            continue
        ident = str(obj.get("id") or number)
        yield make_article(obj["text"], ident, origin, own or published,
                           "jsonl" if own else ("option" if published else None),
                           obj.get("title"), obj.get("url"))


def expand_inputs(inputs: list[str]) -> Iterator[str | InputError]:
    """Paths in order: a directory gives every supported file under it, sorted."""
    for item in inputs:
        if item == "-":
            yield item
            continue
        path = Path(item)
        if path.is_dir():
            try:
                files = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUPPORTED)
            except PermissionError:
                yield InputError(f"{item}: permission denied")
                continue
            if not files:
                yield InputError(f"{item}: no supported article files (.txt, .md, .jsonl) in this directory")
            yield from (str(f) for f in files)
        elif any(ch in item for ch in "*?[") and not path.exists():
            matches = sorted(Path().glob(item))
            if not matches:
                yield InputError(f"{item}: no file matches")
            yield from (str(m) for m in matches if m.is_file())
        else:
            yield item


def read_inputs(inputs: list[str], published: date | None = None) -> Iterator[Article | InputError]:
    """Every article of the inputs, in order; unreadable ones as InputError items."""
    for item in expand_inputs(inputs):
        if isinstance(item, InputError):
            yield item
            continue
        try:
            if item == "-":
                data = sys.stdin.buffer.read()
                text = decode(data, "<stdin>")
                stripped = text.lstrip()
                if stripped.startswith("{") and "\"text\"" in stripped[:10000]:
                    yield from read_jsonl(iter(text.splitlines()), "<stdin>", published)
                else:
                    _check_text(text, "<stdin>")
                    yield make_article(text, "stdin", None, published, "option" if published else None)
                continue
            path = Path(item)
            if not path.exists():
                raise InputError(f"{item}: no such file or directory")
            suffix = path.suffix.lower()
            if suffix in JSONL_SUFFIXES:
                try:
                    raw = decode(path.read_bytes(), item)
                except PermissionError:
                    raise InputError(f"{item}: permission denied") from None
                yield from read_jsonl(iter(raw.splitlines()), item, published)
            elif suffix in (".html", ".htm"):
                raise InputError(f"{item}: HTML input is not supported yet; save the article as text")
            else:
                yield read_text_file(path, published)
        except InputError as exc:
            yield exc
