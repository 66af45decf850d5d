"""Inputs -> Articles: text and Markdown files, saved web pages, JSON Lines, stdin, directories.

Offsets in reports point into the text as read here (the decoded file, the
JSONL `text` field, the main text extracted from a web page), so nothing is
rewritten after decoding or extraction.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import sys
from bisect import bisect_right
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Iterator

from . import bounded
from .bounded import missing_reason
from .dates import find_dates
from .errors import InputError
from .jsonl import jsonl_lines

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
    warnings: list[str] = field(default_factory=list)  # what reading had to guess, for the report

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


# A scraped archive holds images and documents saved under any name. Their signatures
# (the first bytes of the file) say so for sure, whatever the byte statistics look like:
# a PDF's header is plain ASCII and decodes as "text".
_SIGNATURES = {
    b"%PDF-": "a PDF document",
    b"\x89PNG\r\n\x1a\n": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF87a": "a GIF image",
    b"GIF89a": "a GIF image",
    b"PK\x03\x04": "a ZIP archive (or a Word/OpenDocument file)",
    b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1": "an old Word/Excel document",
    b"\x1f\x8b": "a gzip archive",
    b"\x7fELF": "an executable",
    b"{\\rtf": "an RTF document",
}


def _refuse_binary(data: bytes, origin: str) -> None:
    for signature, what in _SIGNATURES.items():
        if data.startswith(signature):
            raise InputError(f"{origin}: {what}, not a text article; extract its text first")
    if data[:12].startswith(b"RIFF") or data[4:8] == b"ftyp":
        raise InputError(f"{origin}: a media file, not a text article")


def decode(data: bytes, origin: str) -> str:
    """UTF-8 (BOM skipped), UTF-16 with BOM, Windows-1252/Latin-1/Latin-9, or a confidently detected encoding.

    Anything else is refused: a wrong guess would put garbage into the report,
    which is worse than an error."""
    _refuse_binary(data, origin)
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise InputError(f"{origin}: invalid UTF-16 text") from None
    if b"\x00" in data:  # anywhere: no text encoding we read puts a NUL byte in an article
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


_PUBLISHED = re.compile(r"\d{4}-\d\d-\d\d(?:[T ][0-9:.+\-Z]*)?")


def _parse_date(value, origin: str) -> date | None:
    if value in (None, ""):
        return None
    try:
        # YYYY-MM-DD, or a timestamp that starts with one (archives often carry 2025-01-01T08:00);
        # not 20250101 nor 2025-W01-1, which fromisoformat alone accepts
        if not isinstance(value, str) or not _PUBLISHED.fullmatch(value):
            raise ValueError
        return date.fromisoformat(value[:10])
    except ValueError:
        raise InputError(f"{origin}: published must be YYYY-MM-DD, got {value!r}") from None


# [^\S\n]: spaces within the line. A `^\s*` would run over blank lines from every line start
# and back again: quadratic on a text of many empty lines.
_DATE_LINE = re.compile(r"^[^\S\n]*date[^\S\n]*:?[^\S\n]*(\d{4}-\d\d-\d\d)\b", re.IGNORECASE | re.MULTILINE)
_AUTHOR_LINE = re.compile(
    r"^[^\S\n]*(?:auteur|par|by)[^\S\n]*:?[^\S\n]+([A-ZÉÈ][\w'’.-]+(?:[^\S\n]+[A-ZÉÈ][\w'’.-]+){0,3})",
    re.MULTILINE)
# Both are used with match() at one place, but stay linear under search() too, in case:
# the look-behind tries only the start of a run of spaces, ^ only the start of the string.
_REST_OF_LINE_BLANK = re.compile(r"(?<![^\S\n])[^\S\n]*(?:\n|\Z)")
_BYLINE_START = re.compile(r"^\s*(?:par|by|publié le|mis à jour le)\b", re.IGNORECASE)
# A dateline or byline is short: a date further into its line is neither (and a bound keeps
# a 5 MB line with many dates linear).
_LEAD_MAX = 200


def detect_published(text: str) -> tuple[date | None, str | None]:
    """Publication date from the article itself (guide §4), and where it came from."""
    m = _DATE_LINE.search(text)
    if m:
        try:
            return date.fromisoformat(m.group(1)), "date-line"
        except ValueError:
            pass
    full = [d for d in find_dates(text) if d.from_ is not None and d.granularity == "day" and re.search(r"\d{4}", d.text)]
    if not full:
        return None, None
    newlines = [m.start() for m in re.finditer("\n", text)]

    def lead(d) -> str | None:  # the text from the start of the date's line to the date, if short
        i = bisect_right(newlines, d.start - 1)
        line_start = newlines[i - 1] + 1 if i else 0
        return text[line_start:d.start] if d.start - line_start <= _LEAD_MAX else None

    for d in full:  # a dateline: "16 juin 2012. - Le journaliste…" at the start of a paragraph
        before = lead(d)
        after = text[d.end:d.end + 4]
        if before is not None and not before.strip() and re.match(r"\.?\s*[-–—]", after):
            return d.to, "dateline"
    for d in full:  # a byline: "par Stephen Bryen 24 octobre 2025"
        before = lead(d)
        if before is not None and _BYLINE_START.match(before) and _REST_OF_LINE_BLANK.match(text, d.end):
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


# Ten times the longest feature article. The analysis runs at some 10,000 characters a second
# and holds the parsed sentences of one article in memory: a 5 MB "article" is a scraped blob
# that would take ten minutes and gigabytes. Better one clear line.
MAX_ARTICLE_CHARS = 2_000_000


def _check_text(text: str, origin: str) -> None:
    if not text.strip():
        raise InputError(f"{origin}: empty article (no text)")
    if len(text) > MAX_ARTICLE_CHARS:
        raise InputError(f"{origin}: article too long ({len(text):,} characters; the limit is "
                         f"{MAX_ARTICLE_CHARS:,}): split it into articles")


# Caps on what is read, checked while reading (bounded.py). UTF-8 takes at most 4 bytes a
# character: a text file past 4 × MAX_ARTICLE_CHARS bytes cannot be an article we analyse.
# A saved news page is 0.1-5 MB of markup; past 16 MB it is not one (a 54 MB page took 59 s
# and 1.8 GB of the HTML parser just to be refused for its text's length).
MAX_TEXT_BYTES = 4 * MAX_ARTICLE_CHARS
MAX_PAGE_BYTES = 16 * bounded.MB
# One JSON Lines record: an article at its cap plus its other fields.
MAX_JSONL_LINE_BYTES = MAX_TEXT_BYTES + bounded.MB


def _sniff(head: bytes, origin: str) -> None:
    """The first chunk says a file is binary: refused before more of it is read."""
    _refuse_binary(head, origin)
    if b"\x00" in head and not head.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError(f"{origin}: binary file, not a text article (UTF-16 needs a byte order mark)")


def _read_bytes(path: Path, limit: int = MAX_TEXT_BYTES, what: str = "an article") -> bytes:
    return bounded.read_file(path, limit, str(path), what, sniff=lambda head: _sniff(head, str(path)))



def read_text_file(path: Path, published: date | None) -> Article:
    text = decode(_read_bytes(path), str(path))
    _check_text(text, str(path))
    return make_article(text, path.stem, str(path), published, "option" if published else None)


MIN_PAGE_WORDS = 5
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
# As browsers do (WHATWG encoding standard): these labels mean Windows-1252.
_CP1252_LABELS = {"iso-8859-1", "iso8859-1", "latin1", "latin-1", "l1", "us-ascii", "ascii", "windows-1252"}


def _text_codec(label: str) -> str | None:
    """The codec a charset label names, if it is a text encoding: "undefined", "base64",
    "rot13" are Python codecs too, and a page must not pick them."""
    import codecs

    encoding = "cp1252" if label in _CP1252_LABELS else label
    try:
        info = codecs.lookup(encoding)
    except LookupError:
        return None
    return None if info.name == "undefined" or not getattr(info, "_is_text_encoding", True) else info.name


def decode_html(data: bytes, origin: str, warnings: list[str] | None = None) -> str:
    """Valid UTF-8 first (a mislabelled page is usually UTF-8), then the page's declared
    charset, then detection. A declared charset that turns a page which reads as Western
    European text into other letters is a lie (koi8-r on a Windows-1252 page): the Western
    reading is taken and `warnings` says so."""
    _refuse_binary(data, origin)
    if data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        return decode(data, origin)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    declared = _META_CHARSET.search(data[:4096])
    if declared:
        label = declared.group(1).decode("ascii").lower()
        encoding = _text_codec(label)
        try:
            text = data.decode(encoding) if encoding else None
        except UnicodeError:  # UnicodeDecodeError, and the errors some codecs raise of their own
            text = None
        if text is not None:
            western = _single_byte(data)
            if western is None or western == text or _western_score(text) is not None:
                return text
            if warnings is not None:
                warnings.append(f"encoding: the page says {label}, but reads as Windows-1252; read as Windows-1252")
            return western
        if warnings is not None:
            warnings.append(f"encoding: the page's charset {label!r} cannot decode it; the encoding was detected")
    return decode(data, origin)


def _iso_date(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


# A tag past this length is not markup a page needs (a 40,000-attribute element took the
# HTML parser 30 s, 200,000 attributes more than 300 s: its duplicate-attribute check is
# quadratic). Such a tag is kept as its bare name.
MAX_TAG_CHARS = 8192
_TAG_NAME = re.compile(r"</?[A-Za-z][\w:-]*")


def sanitize_html(html: str) -> str:
    """Before extraction, in one linear pass: over-long tags cut to their name, and
    <template> elements dropped (their content is inert: a browser never shows it)."""
    out, pos, low = [], 0, None
    while True:
        start = html.find("<", pos)
        if start < 0:
            break
        end = html.find(">", start)
        if end < 0:
            break
        if end - start > MAX_TAG_CHARS:
            name = _TAG_NAME.match(html, start, start + 100)
            out.append(html[pos:start])
            out.append((name.group(0) if name else "<x") + ">")
            pos = end + 1
            continue
        if html[start + 1:start + 9].lower() == "template":
            low = low if low is not None else html.lower()
            close = low.find("</template", end)
            close_end = html.find(">", close) if close >= 0 else -1
            out.append(html[pos:start])
            pos = close_end + 1 if close_end >= 0 else len(html)
            continue
        out.append(html[pos:end + 1])
        pos = end + 1
    out.append(html[pos:])
    return "".join(out)


def article_from_html(html: str, ident: str, path: str | None, published: date | None) -> Article:
    """The page's main text (what offsets point into), title, author and publication date.

    Extraction only: nothing is fetched, whatever URLs the page holds."""
    import trafilatura  # lxml and htmldate: loaded only when a page is read

    origin = path or "<stdin>"
    try:
        doc = trafilatura.bare_extraction(
            sanitize_html(html), with_metadata=True, include_comments=False,
            # the page's own metadata (meta tags, JSON-LD, <time>), not any date seen in the text
            date_extraction_params={"extensive_search": False, "original_date": True},
        )
    except Exception as exc:  # a malformed page must not end the batch with a traceback
        raise InputError(f"{origin}: cannot extract the article from this HTML ({exc.__class__.__name__})") from None
    text = (doc.text or "") if doc is not None else ""
    # On a page without an article the extractor falls back to whatever is left (a menu's "Accueil").
    if len(text.split()) < MIN_PAGE_WORDS:
        raise InputError(f"{origin}: no article text found in this web page")
    _check_text(text, origin)
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
    warnings: list[str] = []
    html = decode_html(_read_bytes(path, MAX_PAGE_BYTES, "a web page"), str(path), warnings)
    article = article_from_html(html, path.stem, str(path), published)
    article.warnings[:0] = warnings
    return article


def _unicode_error(value: str, where: str, field: str) -> InputError | None:
    """A JSON \\ud800 escape gives a lone surrogate: no UTF-8 exists for it, spaCy or the report would fail."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:
        return InputError(f"{where}: \"{field}\" holds an invalid character (lone surrogate "
                          f"U+{ord(value[exc.start]):04X} at offset {exc.start})")
    return None


def _jsonl_article(obj, number: int, where: str, origin: str, published: date | None) -> Article:
    if not isinstance(obj, dict) or not isinstance(obj.get("text"), str):
        raise InputError(f"{where}: no \"text\" field")
    ident = obj.get("id")
    if ident is not None and (isinstance(ident, bool) or not isinstance(ident, (str, int))):
        raise InputError(f"{where}: \"id\" must be a string or a number, got {type(ident).__name__}")
    for field in ("title", "url"):
        if obj.get(field) is not None and not isinstance(obj[field], str):
            raise InputError(f"{where}: \"{field}\" must be a string, got {type(obj[field]).__name__}")
    for field in ("text", "id", "title", "url"):
        if isinstance(obj.get(field), str) and (error := _unicode_error(obj[field], where, field)):
            raise error
    _check_text(obj["text"], where)
    own = _parse_date(obj.get("published"), where)
    return make_article(obj["text"], str(ident if ident not in (None, "") else number), origin, own or published,
                        "jsonl" if own else ("option" if published else None),
                        obj.get("title"), obj.get("url"))


def _jsonl_line(raw: bytes, number: int, origin: str) -> str | InputError:
    """One record's line: UTF-8 (what JSON Lines is), or a line wholly in a Western
    single-byte code page; a line that is neither is an error of its own, the others still
    come (one bad line used to refuse a small file whole)."""
    raw = raw.removesuffix(b"\n").removesuffix(b"\r")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        if not _UTF8_SEQ.search(raw) and (text := _single_byte(raw)) is not None:
            return text
        return InputError(f"{origin}:{number}: not UTF-8 (invalid byte at offset {exc.start} of the line); "
                          "JSON Lines must be UTF-8")


def _jsonl_stream_lines(fh, origin: str) -> Iterator[str | InputError]:
    """The lines of a JSON Lines stream, read as they come (an archive can run to gigabytes),
    each under MAX_JSONL_LINE_BYTES."""
    head = fh.read(bounded.CHUNK)
    _refuse_binary(head, origin)
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16 JSON Lines: whole, under the text cap
        rest = bounded.read_stream(fh, MAX_TEXT_BYTES, origin, "a UTF-16 JSON Lines file")
        yield from jsonl_lines(decode(head + rest, origin))
        return
    if b"\x00" in head:  # JSON has no raw NUL: /dev/zero named .jsonl, a binary file
        raise InputError(f"{origin}: binary file, not JSON Lines")
    if head.startswith(b"\xef\xbb\xbf"):
        head = head[3:]
    for number, raw in enumerate(bounded.lines(bounded.peekable(fh, head), MAX_JSONL_LINE_BYTES), 1):
        if isinstance(raw, bounded.LineTooLong):
            yield InputError(f"{origin}:{number}: line longer than {MAX_JSONL_LINE_BYTES // bounded.MB} MB, "
                             "more than one article can be")
        else:
            yield _jsonl_line(raw, number, origin)


def _jsonl_file_lines(path: Path, origin: str) -> Iterator[str | InputError]:
    try:
        with path.open("rb") as fh:
            yield from _jsonl_stream_lines(fh, origin)
    except InputError as exc:
        yield exc
    except MemoryError:
        yield InputError(f"{origin}: not enough memory to read it")
    except OSError as exc:
        yield InputError(f"{origin}: cannot read ({exc.strerror or exc})")


def read_jsonl(lines: Iterator[str | InputError], origin: str, published: date | None) -> Iterator[Article | InputError]:
    """One article per line; a bad line is yielded as an error and the others still come."""
    for number, line in enumerate(lines, 1):
        if isinstance(line, InputError):  # a line that could not even be decoded
            yield line
            continue
        if not line.strip():
            continue
        where = f"{origin}:{number}"
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            yield InputError(f"{where}: malformed JSON ({exc.msg})")
            continue
        except RecursionError:  # [[[[…]]]] ten thousand deep
            yield InputError(f"{where}: malformed JSON (nested too deep)")
            continue
        try:
            yield _jsonl_article(obj, number, where, origin, published)
        except InputError as exc:
            yield exc


def _directory_files(path: Path) -> tuple[list[Path], list[InputError]]:
    """Every supported file under `path`, sorted, and an error per directory that cannot be listed.

    Path.rglob would skip an unreadable directory in silence, and an archive whose
    half cannot be read would look like a smaller archive."""
    files: list[Path] = []
    errors: list[InputError] = []

    def unreadable(exc: OSError) -> None:
        reason = "permission denied" if isinstance(exc, PermissionError) else f"cannot list ({exc.strerror or exc})"
        errors.append(InputError(f"{exc.filename or path}: {reason}"))

    for folder, _dirs, names in os.walk(path, onerror=unreadable):  # symlinked folders not followed: no cycles
        files += [Path(folder, n) for n in names
                  if Path(n).suffix.lower() in SUPPORTED and Path(folder, n).is_file()]
    return sorted(files), errors


def expand_inputs(inputs: list[str]) -> Iterator[str | InputError]:
    """Paths in order: a directory gives every supported file under it, sorted."""
    for item in inputs:
        if item == "-" or isinstance(item, InputError):  # an error of an earlier expansion stays in its place
            yield item
            continue
        path = Path(item)
        if path.is_dir():
            files, errors = _directory_files(path)
            yield from errors
            if not files and not errors:
                yield InputError(f"{item}: no supported article files (.txt, .md, .html, .jsonl) in this directory")
            yield from (str(f) for f in files)
        elif any(ch in item for ch in "*?[") and not path.exists():
            matches = sorted(Path().glob(item))
            if not matches:
                yield InputError(f"{item}: no file matches")
            yield from (str(m) for m in matches if m.is_file())
        else:
            yield item


def _read_stdin(published: date | None) -> Iterator[Article | InputError]:
    """Standard input: JSON Lines of articles (streamed), a web page or one article, each
    under its cap. The first chunk says which."""
    stream = sys.stdin.buffer
    head = stream.read(bounded.CHUNK)
    _sniff(head, "<stdin>")
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if start.startswith(b"{") and b'"text"' in head[:10000]:
        yield from read_jsonl(_jsonl_stream_lines(bounded.peekable(stream, head), "<stdin>"), "<stdin>", published)
        return
    page = start[:15].lower().startswith((b"<!doctype html", b"<html"))
    limit = MAX_PAGE_BYTES if page else MAX_TEXT_BYTES
    data = head + bounded.read_stream(stream, max(0, limit - len(head)), "<stdin>", "a web page" if page else "an article")
    text = decode(data, "<stdin>")
    if page:
        yield article_from_html(text, "stdin", None, published)
    else:
        _check_text(text, "<stdin>")
        yield make_article(text, "stdin", None, published, "option" if published else None)


def read_inputs(inputs: list[str], published: date | None = None) -> Iterator[Article | InputError]:
    """Every article of the inputs, in order; unreadable ones as InputError items."""
    for item in expand_inputs(inputs):
        if isinstance(item, InputError):
            yield item
            continue
        try:
            if item == "-":
                yield from _read_stdin(published)
                continue
            path = Path(item)
            if not path.exists():
                raise InputError(f"{item}: {missing_reason(path)}")
            suffix = path.suffix.lower()
            if suffix in JSONL_SUFFIXES:
                yield from read_jsonl(_jsonl_file_lines(path, item), item, published)
            elif suffix in HTML_SUFFIXES:
                yield read_html_file(path, published)
            else:
                yield read_text_file(path, published)
        except InputError as exc:
            yield exc
