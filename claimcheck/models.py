"""The report of `contract.md` (schema_version 1) as pydantic models.

These models are the only bridge between the spaCy pipeline and everything
that reads reports (renderers, check, diff, eval); this module never imports
spaCy.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from .errors import InputError
from .jsonl import jsonl_lines

SCHEMA_VERSION = 1

SourceType = Literal["media", "person", "organization", "anonymous", "vague"]
Role = Literal["origin", "relay"]
ClaimKind = Literal["reported", "direct_quote", "mixed", "unattributed"]
# `week` extends the contract's day/month/year for "la semaine dernière".
Granularity = Literal["day", "week", "month", "year"]
Span = Annotated[tuple[int, int], Field(description="[start, end) character offsets")]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)


class SourceDate(_Model):
    text: str
    span: Span
    from_: date = Field(alias="from")
    to: date
    granularity: Granularity


class Source(_Model):
    text: str
    span: Span
    canonical: str
    type: SourceType
    role: Role = "origin"
    dates: list[SourceDate] = []


class Cue(_Model):
    text: str
    span: Span
    lemma: str
    family: str = Field(
        description="preposition, relay, reporting_verb, quote, parenthetical, speech_noun"
    )


class Attribution(_Model):
    cue: Cue
    sources: list[Source]


class Claim(_Model):
    id: str
    sentence: int
    span: Span
    text: str
    attributed: bool
    checkworthy: bool
    confidence: float
    kind: ClaimKind
    attributions: list[Attribution] = []
    line: int = Field(1, description="1-based line of the claim's start")
    column: int = Field(1, description="1-based column of the claim's start")


class Sentence(_Model):
    index: int
    span: Span
    line: int
    column: int
    heading: bool = False


class Tool(_Model):
    name: str = "claimcheck"
    version: str


class ArticleInfo(_Model):
    id: str
    path: str | None = None
    sha256: str
    title: str | None = None
    author: str | None = None
    published: date | None = None
    published_from: str | None = Field(
        None, description="where the publication date came from: option, jsonl, html-metadata, date-line, dateline, byline, latest-date"
    )
    language: str = "fr"
    chars: int
    text: str


class Summary(_Model):
    sentences: int
    claims: int
    attributed: int
    unattributed: int
    checkworthy_unattributed: int
    sources: dict[str, int]


class Report(_Model):
    schema_version: Literal[1] = SCHEMA_VERSION
    tool: Tool
    article: ArticleInfo
    sentences: list[Sentence]
    claims: list[Claim]
    summary: Summary
    warnings: list[str] = []

    def to_json(self, indent: int | None = 2) -> str:
        """Deterministic JSON: field order fixed by the models, no timestamps.

        The text of json.dumps over the whole model_dump, made one sentence and one claim at a
        time and joined once: with an indent, json.dumps holds every token of the document as a
        string of its own before joining them (900 MB at the peak of an article of 66,000 short
        paragraphs, 700 MB this way). tests/test_report_json.py compares the two."""
        data = self.model_dump(mode="json", by_alias=True, exclude=set(_ROWS))
        pieces: list[str] = []
        sep, item_sep, row_sep, end = (", ", ": ", ", ", "") if indent is None else (
            ",\n" + " " * indent, ": ", ",\n" + " " * (2 * indent), "\n" + " " * indent)
        pieces.append("{" if indent is None else "{\n" + " " * indent)
        for n, (name, info) in enumerate(type(self).model_fields.items()):
            key = info.alias or name
            if n:
                pieces.append(sep)
            pieces.append(_encode(key, None, 0) + item_sep)
            if name not in _ROWS:
                pieces.append(_encode(data[key], indent, 1))
                continue
            rows = getattr(self, name)
            if not rows:
                pieces.append("[]")
                continue
            pieces.append("[" if indent is None else "[\n" + " " * (2 * indent))
            for k, row in enumerate(rows):
                if k:
                    pieces.append(row_sep)
                pieces.append(_encode(row.model_dump(mode="json", by_alias=True), indent, 2))
            pieces.append("]" if indent is None else end + "]")
        pieces.append("}" if indent is None else "\n}")
        return "".join(pieces)


# The report's fields that grow with the article, written row by row.
_ROWS = ("sentences", "claims")


def _encode(value, indent: int | None, depth: int) -> str:
    """json.dumps(value) as it reads `depth` levels inside an indented document. A newline in
    the output of json.dumps is always layout: newlines in strings are escaped."""
    text = json.dumps(value, ensure_ascii=False, indent=indent)
    return text if indent is None or depth == 0 else text.replace("\n", "\n" + " " * (indent * depth))


def report_schema() -> dict:
    return Report.model_json_schema(by_alias=True)


def parse_report(data: dict, origin: str = "<report>") -> Report:
    version = data.get("schema_version") if isinstance(data, dict) else None
    if isinstance(version, int) and version > SCHEMA_VERSION:
        raise InputError(
            f"{origin}: report schema_version {version} is newer than this claimcheck reads "
            f"({SCHEMA_VERSION}); upgrade claimcheck"
        )
    try:
        return Report.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise InputError(f"{origin}: not a valid claimcheck report ({where}: {first['msg']})") from None


# One report (a JSON file, or one line of JSON Lines) carries its article's text and the
# claims quoted from it: a few times the article's 8 MB cap at most.
MAX_REPORT_BYTES = 64_000_000


def load_report(path: str | Path) -> list[Report]:
    """Read a report file: one JSON report, or JSON Lines of reports (read line by line,
    each line under MAX_REPORT_BYTES; a pretty-printed report whole, under the same cap)."""
    from . import bounded

    path = Path(path)
    try:
        with open(path, "rb") as fh:
            first = fh.readline(bounded.CHUNK)
            head = first.lstrip(b"\xef\xbb\xbf").strip()
            if head.startswith(b"["):  # a JSON array of reports (extract -o FILE.json of several articles)
                data = first + bounded.read_stream(fh, MAX_REPORT_BYTES, str(path), "a report file")
                return _report_array(_utf8(data, path), path)
            if head in (b"{", b""):  # indented JSON, or blank lines first
                data = first + bounded.read_stream(fh, MAX_REPORT_BYTES, str(path), "a report")
                return _reports_from_text(_utf8(data, path), path)
            reports = []
            held = None  # one line behind: a file of one line is "a report", named without a line number
            for n, raw in enumerate(bounded.lines(bounded.peekable(fh, first), MAX_REPORT_BYTES), 1):
                if isinstance(raw, bounded.LineTooLong):
                    raise InputError(f"{path}:{n}: line longer than {MAX_REPORT_BYTES // bounded.MB} MB, "
                                     "more than a report can be")
                line = _utf8(raw, path).removesuffix("\n").removesuffix("\r")
                if line.strip():
                    if held is not None:
                        reports.append(_one_report(held[1], f"{path}:{held[0]}"))
                    held = (n, line)
            if held is None:
                raise InputError(f"{path}: empty report file")
            reports.append(_one_report(held[1], f"{path}:{held[0]}" if reports else str(path)))
            return reports
    except OSError as exc:
        raise InputError(f"{path}: cannot read report ({exc.__class__.__name__})") from None


def _report_array(raw: str, path: Path) -> list[Report]:
    try:
        items = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise InputError(f"{path}: not JSON ({exc.msg} at line {exc.lineno})") from None
    if not isinstance(items, list) or not items:
        raise InputError(f"{path}: empty report file")
    return [parse_report(item, f"{path}[{n}]") for n, item in enumerate(items)]


def _utf8(data: bytes, path: Path) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"{path}: cannot read report (not UTF-8 at byte {exc.start})") from None


def _one_report(raw: str, origin: str) -> Report:
    try:
        return parse_report(json.loads(raw), origin)
    except json.JSONDecodeError as exc:
        raise InputError(f"{origin}: not JSON ({exc.msg} at line {exc.lineno})") from None


def _reports_from_text(raw: str, path: Path) -> list[Report]:
    raw = raw.strip()
    if not raw:
        raise InputError(f"{path}: empty report file")
    try:
        if raw.startswith("{") and "\n{" not in raw:
            return [parse_report(json.loads(raw), str(path))]
        return [parse_report(json.loads(line), f"{path}:{n}")
                for n, line in enumerate(jsonl_lines(raw), 1) if line.strip()]
    except json.JSONDecodeError as exc:
        raise InputError(f"{path}: not JSON ({exc.msg} at line {exc.lineno})") from None
