"""Findings as compiler-style text: `path:line:col: CODE severity message`, the claim, carets."""

from __future__ import annotations

import unicodedata

from ..check.findings import CheckResult, Finding, Severity

_COLOURS = {Severity.error: "\x1b[1;31m", Severity.warning: "\x1b[1;33m", Severity.info: "\x1b[1;36m"}
_BOLD, _DIM, _RESET = "\x1b[1m", "\x1b[2m", "\x1b[0m"
_WINDOW = 160  # longest claim excerpt shown, in characters


def _width(text: str) -> int:
    """Terminal columns: combining marks take none, wide East Asian characters two."""
    total = 0
    for ch in text:
        if unicodedata.combining(ch):
            continue
        total += 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
    return total


def excerpt(f: Finding) -> tuple[str, int, int]:
    """The claim on one line (or a window of it), and the flagged part's [start, end) in it."""
    text = f.claim.replace("\t", " ").replace("\r", " ").replace("\n", " ")
    start = max(0, f.span[0] - f.claim_span[0])
    end = min(len(text), max(start + 1, f.span[1] - f.claim_span[0]))
    if len(text) <= _WINDOW:
        return text, start, end
    lo = max(0, min(start - 30, len(text) - _WINDOW))
    hi = lo + _WINDOW
    shown = ("…" if lo else "") + text[lo:hi] + ("…" if hi < len(text) else "")
    shift = 1 if lo else 0
    return shown, start - lo + shift, min(end, hi) - lo + shift


def render_finding(f: Finding, colour: bool = False) -> str:
    c = _COLOURS[f.severity] if colour else ""
    b, d, r = (_BOLD, _DIM, _RESET) if colour else ("", "", "")
    head = f"{b}{f.path}:{f.line}:{f.column}:{r} {c}{f.code} {f.severity.value}{r} {f.message}"
    shown, start, end = excerpt(f)
    pad = " " * _width(shown[:start])
    carets = "^" * max(1, _width(shown[start:end]))
    return f"{head}\n    {d}{shown}{r}\n    {pad}{c}{carets}{r}\n"


def summary(result: CheckResult) -> str:
    counts = result.by_severity()
    n = len(result.findings)
    parts = [f"{n} finding{'s' if n != 1 else ''} ({counts['error']} error, {counts['warning']} warning, "
             f"{counts['info']} info) in {len(result.articles)} article{'s' if len(result.articles) != 1 else ''}"]
    if result.suppressed:
        kinds = ", ".join(f"{k} {result.suppressed[k]}" for k in ("baseline", "allow-list", "inline")
                          if result.suppressed.get(k))
        parts.append(f"suppressed: {kinds}")
    if result.below_confidence:
        parts.append(f"{result.below_confidence} below the minimum confidence, not counted for failing")
    return "claimcheck: " + "; ".join(parts) + "\n"


def render_text(result: CheckResult, colour: bool = False) -> str:
    return "".join(render_finding(f, colour) for f in result.findings) + summary(result)
