"""Suppressions that never require editing someone else's article, and one that does.

- a baseline: an older report (or an older `check --format json`); a finding
  whose claim fingerprint already had that finding there is not new;
- an allow-list: a TOML file of fingerprints, each with a reason;
- `<!-- claimcheck: ignore CC001 -->` before a paragraph of a Markdown or
  HTML article the newsroom owns (no code: every rule).
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass
from pathlib import Path

from .. import bounded
from ..errors import InputError
from ..bounded import read_toml
from ..models import MAX_REPORT_BYTES, Report, load_report
from .rules import RULES, find_rule

IGNORE = re.compile(r"<!--\s*claimcheck:\s*ignore\b([^>]*?)\s*-->", re.IGNORECASE)
COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
# as reading.MAX_PAGE_BYTES (check does not import the reader)
PAGE_BYTES = 16 * bounded.MB
_PARAGRAPH_END = re.compile(r"\n[ \t]*\n")
_BLOCK_END = re.compile(r"</(?:p|li|h[1-6]|blockquote|div|td|figcaption|section|article)\s*>", re.IGNORECASE)
_TAG = re.compile(r"<[^>]*>")


# --- baseline -------------------------------------------------------------------------------

def baseline_keys(path: Path) -> set[tuple[str, str]]:
    """(fingerprint, rule code) of every finding the baseline had."""
    from .engine import rule_hits

    if not path.exists():
        raise InputError(f"{path}: baseline file not found")
    try:
        with open(path, "rb") as fh:
            head = fh.read(65536).decode("utf-8", errors="replace").lstrip()
    except OSError as exc:
        raise InputError(f"{path}: cannot read baseline ({exc.__class__.__name__})") from None
    if "\x00" in head:
        raise InputError(f"{path}: baseline is a binary file, not a report")
    if head.startswith("{") and '"claimcheck-findings"' in head[:300]:
        try:
            data = json.loads(bounded.read_text(path, MAX_REPORT_BYTES, what="a baseline"))
        except json.JSONDecodeError as exc:
            raise InputError(f"{path}: baseline is not JSON ({exc.msg} at line {exc.lineno})") from None
        if isinstance(data, dict) and isinstance(data.get("findings"), list):
            # A fingerprint or code that is not a string (a list, a number) names no finding.
            return {(f["fingerprint"], f["code"]) for f in data["findings"]
                    if isinstance(f, dict) and isinstance(f.get("fingerprint"), str) and isinstance(f.get("code"), str)}
    keys: set[tuple[str, str]] = set()
    for report in load_report(path):
        for rule, claim, _ in rule_hits(report, RULES):
            keys.add((claim.id, rule.code))
    return keys


# --- allow-list -----------------------------------------------------------------------------

@dataclass(frozen=True)
class Allowed:
    fingerprint: str
    rules: frozenset[str] | None  # None: every rule
    reason: str


def load_allow_list(path: Path) -> list[Allowed]:
    """[[allow]] entries: fingerprint (required), rules (optional list of codes), reason (required)."""
    data = read_toml(path, "allow-list")
    unknown = set(data) - {"allow"}
    if unknown:
        raise InputError(f"{path}: unknown key {sorted(unknown)[0]!r}; entries go in [[allow]] tables")
    entries = data.get("allow", [])
    if not isinstance(entries, list):
        raise InputError(f"{path}: allow must be a list of [[allow]] tables")
    allowed = []
    for n, entry in enumerate(entries, 1):
        where = f"{path}: [[allow]] entry {n}"
        if not isinstance(entry, dict):
            raise InputError(f"{where}: expected a table")
        extra = set(entry) - {"fingerprint", "rules", "reason"}
        if extra:
            raise InputError(f"{where}: unknown key {sorted(extra)[0]!r}")
        fp, reason = entry.get("fingerprint"), entry.get("reason")
        if not isinstance(fp, str) or not fp.strip():
            raise InputError(f"{where}: fingerprint missing (the claim id, c_…)")
        if not isinstance(reason, str) or not reason.strip():
            raise InputError(f"{where}: reason missing (say why {fp} is accepted)")
        rules = entry.get("rules")
        codes = None
        if rules is not None:
            if isinstance(rules, str):
                rules = [rules]
            if not isinstance(rules, list) or not rules:
                raise InputError(f"{where}: rules must be a list of rule codes")
            codes = set()
            for key in rules:
                rule = find_rule(str(key))
                if rule is None:
                    raise InputError(f"{where}: unknown rule {key!r}")
                codes.add(rule.code)
            codes = frozenset(codes)
        allowed.append(Allowed(fp.strip(), codes, reason.strip()))
    return allowed


def allows(allowed: list[Allowed], fingerprint: str, code: str) -> bool:
    return any(a.fingerprint == fingerprint and (a.rules is None or code in a.rules) for a in allowed)


# --- inline comments ------------------------------------------------------------------------

@dataclass(frozen=True)
class IgnoreRegion:
    start: int
    end: int
    codes: frozenset[str] | None  # None: every rule


def _codes(spec: str) -> frozenset[str] | None:
    keys = [k for k in re.split(r"[\s,]+", spec.strip()) if k]
    if not keys:
        return None
    return frozenset(rule.code for k in keys if (rule := find_rule(k)) is not None)


def comment_spans(text: str) -> list[tuple[int, int]]:
    """HTML comments in the text: markup, not prose, so never claims to lint."""
    return [m.span() for m in COMMENT.finditer(text)]


def text_ignores(text: str) -> list[IgnoreRegion]:
    """Regions covered by ignore comments in a text that carries them (Markdown read raw)."""
    regions = []
    for m in IGNORE.finditer(text):
        start = m.end()
        while start < len(text) and text[start] in " \t\r\n":
            start += 1
        end_m = _PARAGRAPH_END.search(text, start)
        regions.append(IgnoreRegion(start, end_m.start() if end_m else len(text), _codes(m.group(1))))
    return regions


def html_ignores(raw: str, text: str) -> list[IgnoreRegion]:
    """Ignore comments of an HTML source, mapped onto its extracted text.

    The extracted text has no comments, so the block after each comment is
    found again in it by its words."""
    regions = []
    for m in IGNORE.finditer(raw):
        block_end = _BLOCK_END.search(raw, m.end())
        block = raw[m.end():block_end.start() if block_end else len(raw)]
        words = html.unescape(_TAG.sub(" ", COMMENT.sub(" ", block))).split()
        if not words:
            continue
        found = re.search(r"\s+".join(re.escape(w) for w in words), text)
        if found:
            regions.append(IgnoreRegion(found.start(), found.end(), _codes(m.group(1))))
    return regions


def inline_ignores(report: Report) -> list[IgnoreRegion]:
    text = report.article.text
    path = report.article.path
    if path and Path(path).suffix.lower() in (".html", ".htm"):
        try:
            raw = bounded.read_file(Path(path), PAGE_BYTES, what="a web page").decode("utf-8", errors="replace")
        except InputError:
            raw = None
        if raw is not None and raw != text:
            return html_ignores(raw, text)
    return text_ignores(text)


def ignored_inline(regions: list[IgnoreRegion], claim_start: int, code: str) -> bool:
    return any(r.start <= claim_start < r.end and (r.codes is None or code in r.codes) for r in regions)
