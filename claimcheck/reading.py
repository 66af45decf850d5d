"""Inputs -> Articles: text and Markdown files, saved web pages, JSON Lines, stdin, directories.

Offsets in reports point into the text as read here (the decoded file, the
JSONL `text` field, the main text extracted from a web page), so nothing is
rewritten after decoding or extraction.
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
HTML_SUFFIXES = {".html", ".htm"}
SUPPORTED = TEXT_SUFFIXES | JSONL_SUFFIXES | HTML_SUFFIXES


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


# Every non-ASCII character a French (or Western European) article plausibly holds.
# A single-byte decoding that produces others is a wrong guess, not the text.
_WESTERN = set(
    "àâäáãåçéèêëíìîïñóòôöõúùûüýÿœæøÀÂÄÁÃÅÇÉÈÊËÍÌÎÏÑÓÒÔÖÕÚÙÛÜÝŸŒÆØß"
    "«»‘’‚“”„‹›–—…€£°•·×÷±²³¹ºª§¶©®™¿¡´¨¸\u00a0"
)
# Well-formed UTF-8 multi-byte sequences: many of them in a file that is not
# valid UTF-8 means damaged UTF-8, which no single-byte code page reads right.
_UTF8_SEQ = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")


def _western_score(text: str) -> float | None:
    """How plausible a single-byte decoding is as Western European text; None if not at all."""
    if any((ord(ch) < 32 and ch not in "\t\n\r\f") or 0x7F <= ord(ch) < 0xA0 for ch in text):
        return None
    extra = [ch for ch in text if ord(ch) > 127]
    if not extra:
        return 1.0
    odd = sum(ch not in _WESTERN for ch in extra)
    letters = sum(ch.isalpha() for ch in text)
    # French runs at a few percent accented letters; Cyrillic or Greek read as cp1252 is nearly all.
    if odd > 0.01 * len(extra) or sum(ch.isalpha() for ch in extra) > 0.3 * max(letters, 1):
        return None
    return 1.0 - odd / len(extra)


def _single_byte(data: bytes) -> str | None:
    """Windows-1252 (which reads Latin-1 text the same) or Latin-9, whichever reads as Western text."""
    best, best_score = None, 0.0
    for encoding in ("cp1252", "iso8859_15"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        score = _western_score(text)
        if score is not None and score > best_score:
            best, best_score = text, score
    return best


def decode(data: bytes, origin: str) -> str:
    """UTF-8 (BOM skipped), UTF-16 with BOM, Windows-1252/Latin-1/Latin-9, or a confidently detected encoding.

    Anything else is refused: a wrong guess would put garbage into the report,
    which is worse than an error."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise InputError(f"{origin}: invalid UTF-16 text") from None
    if b"\x00" in data[:4096]:
        raise InputError(f"{origin}: binary file, not a text article (UTF-16 needs a byte order mark)")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        bad_at = exc.start
    high = sum(b > 127 for b in data)
    if sum(len(m) for m in _UTF8_SEQ.findall(data)) > high / 2:
        raise InputError(f"{origin}: damaged UTF-8 (invalid byte at offset {bad_at}); re-save the file as UTF-8")
    text = _single_byte(data)
    if text is not None:
        return text
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    # Short texts give confident-looking but wrong guesses: insist on a coherent language too.
    if best is None or best.chaos > 0.1 or best.coherence < 0.5 or best.encoding.startswith(("utf_16", "utf_32")):
        raise InputError(f"{origin}: not UTF-8 and no encoding could be detected with confidence; re-save it as UTF-8")
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


def _read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except IsADirectoryError:
        raise InputError(f"{path}: is a directory") from None
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except PermissionError:
        raise InputError(f"{path}: permission denied") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror or exc})") from None


def read_text_file(path: Path, published: date | None) -> Article:
    text = decode(_read_bytes(path), str(path))
    _check_text(text, str(path))
    return make_article(text, path.stem, str(path), published, "option" if published else None)


MIN_PAGE_WORDS = 5
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
# As browsers do (WHATWG encoding standard): these labels mean Windows-1252.
_CP1252_LABELS = {"iso-8859-1", "iso8859-1", "latin1", "latin-1", "l1", "us-ascii", "ascii", "windows-1252"}


def decode_html(data: bytes, origin: str) -> str:
    """Valid UTF-8 first (a mislabelled page is usually UTF-8), then the page's declared charset, then detection."""
    if data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        return decode(data, origin)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    declared = _META_CHARSET.search(data[:4096])
    if declared:
        label = declared.group(1).decode("ascii").lower()
        encoding = "cp1252" if label in _CP1252_LABELS else label
        try:
            return data.decode(encoding)
        except (LookupError, UnicodeDecodeError):
            pass  # a wrong or unknown label: detect as for a text file
    return decode(data, origin)


def _iso_date(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def article_from_html(html: str, ident: str, path: str | None, published: date | None) -> Article:
    """The page's main text (what offsets point into), title, author and publication date.

    Extraction only: nothing is fetched, whatever URLs the page holds."""
    import trafilatura  # lxml and htmldate: loaded only when a page is read

    origin = path or "<stdin>"
    try:
        doc = trafilatura.bare_extraction(
            html, with_metadata=True, include_comments=False,
            # the page's own metadata (meta tags, JSON-LD, <time>), not any date seen in the text
            date_extraction_params={"extensive_search": False, "original_date": True},
        )
    except Exception as exc:  # a malformed page must not end the batch with a traceback
        raise InputError(f"{origin}: cannot extract the article from this HTML ({exc.__class__.__name__})") from None
    text = (doc.text or "") if doc is not None else ""
    # On a page without an article the extractor falls back to whatever is left (a menu's "Accueil").
    if len(text.split()) < MIN_PAGE_WORDS:
        raise InputError(f"{origin}: no article text found in this web page")
    page_date = _iso_date(doc.date)
    if published is not None:
        when, where = published, "option"
    elif page_date is not None:
        when, where = page_date, "html-metadata"
    else:
        when, where = None, None  # make_article looks for a date in the text, as for a text file
    article = make_article(text, ident, path, when, where, title=doc.title or None, url=doc.url or None)
    if doc.author:
        article.author = doc.author
    return article


def read_html_file(path: Path, published: date | None) -> Article:
    html = decode_html(_read_bytes(path), str(path))
    return article_from_html(html, path.stem, str(path), published)


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
                yield InputError(f"{item}: no supported article files (.txt, .md, .html, .jsonl) in this directory")
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
                elif stripped[:15].lower().startswith(("<!doctype html", "<html")):
                    yield article_from_html(text, "stdin", None, published)
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
            elif suffix in HTML_SUFFIXES:
                yield read_html_file(path, published)
            else:
                yield read_text_file(path, published)
        except InputError as exc:
            yield exc
