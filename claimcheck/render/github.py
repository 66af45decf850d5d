"""Findings as GitHub Actions workflow commands (`::error file=…,line=…::message`).

GitHub shows at most 10 annotations of each level per step, and drops the rest
without a word; so only the first `limit` of each level are commands, the
others are printed as plain log lines, and a final notice says how many were
left out (a notice slot is kept free for it).
"""

from __future__ import annotations

import hashlib

from ..check.findings import CheckResult, Finding, Severity

LEVEL = {Severity.error: "error", Severity.warning: "warning", Severity.info: "notice"}
CLAIM_CHARS = 200


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def command(f: Finding) -> str:
    claim = f.claim if len(f.claim) <= CLAIM_CHARS else f.claim[:CLAIM_CHARS - 1] + "…"
    props = {"file": f.path, "line": f.line, "col": f.column, "endLine": f.end_line,
             "endColumn": f.end_column, "title": f"{f.code} {f.rule}"}
    head = ",".join(f"{k}={escape_property(str(v))}" for k, v in props.items())
    return f"::{LEVEL[f.severity]} {head}::{escape_data(f'{f.message}: « {claim} »')}"


_CONTROL = {i: " " for i in range(32)} | {0x7F: " ", 0x85: " ", 0x2028: " ", 0x2029: " "}


def plain(f: Finding) -> str:
    """A log line, not a command: no line break of any kind survives in it (a \r or a U+2028
    would start a new line that a file named "::warning::x.txt" turns into a command)."""
    return f"{f.path}:{f.line}:{f.column}: {f.code} {f.severity.value} {f.message}".translate(_CONTROL)


def render_github(result: CheckResult, limit: int = 10) -> str:
    by_level = {s: [f for f in result.findings if f.severity is s] for s in Severity}
    overflow = any(len(v) > limit for v in by_level.values())
    caps = {s: limit for s in Severity}
    if overflow:
        caps[Severity.info] = max(0, limit - 1)  # room for the closing notice
    shown = {s: by_level[s][:caps[s]] for s in Severity}
    left = [f for s in Severity for f in by_level[s][caps[s]:]]
    kept = {id(f) for fs in shown.values() for f in fs}
    lines = [command(f) for f in result.findings if id(f) in kept]
    if left:
        left.sort(key=Finding.sort_key)
        # The runner stops reading commands between ::stop-commands::TOKEN and ::TOKEN:: (GitHub's
        # documented guard for logging untrusted text); the token is derived from the lines, so
        # the output stays deterministic and no line can end the block early.
        listed = [plain(f) for f in left]
        token = "claimcheck-" + hashlib.sha256("\n".join(listed).encode("utf-8")).hexdigest()[:24]
        lines += [f"::stop-commands::{token}", *listed, f"::{token}::"]
        counts = ", ".join(f"{sum(f.severity is s for f in left)} {s.value}" for s in
                           (Severity.error, Severity.warning, Severity.info))
        lines.append(f"::notice title=claimcheck::{escape_data(f'{len(left)} more finding(s) not annotated ({counts}): GitHub shows {limit} per level per step; they are listed in this log above')}")
    return "".join(line + "\n" for line in lines)
