"""Findings as SARIF 2.1.0, the format code-scanning services read.

Columns follow SARIF's default `columnKind`, UTF-16 code units (a character
outside the Basic Multilingual Plane counts two), not the report's code
points. No timestamps: the same findings give the same bytes.
"""

from __future__ import annotations

import json
from pathlib import PurePosixPath
from urllib.parse import quote

from .. import __version__
from ..check.findings import CheckResult, Severity
from ..check.rules import RULES

SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
LEVEL = {Severity.error: "error", Severity.warning: "warning", Severity.info: "note"}
FINGERPRINT_KEY = "claimFingerprint/v1"


def artifact_uri(path: str) -> str:
    """A relative path stays relative (forward slashes, percent-encoded); an absolute one becomes file://."""
    posix = path.replace("\\", "/")
    if PurePosixPath(posix).is_absolute():
        return "file://" + quote(posix, safe="/")
    return quote(posix, safe="/")


def _rule_descriptor(rule, level: Severity | None) -> dict:
    text = (f"{rule.summary()}\n\n{rule.why()}\n\nFails: {rule.failing_example()}\n"
            f"Passes: {rule.passing_example()}")
    config = {"level": LEVEL[level or rule.default_severity]}
    if level is None:
        config["enabled"] = False
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary()},
        "fullDescription": {"text": f"{rule.summary()} {rule.why()}"},
        "help": {"text": text, "markdown": rule.help_markdown()},
        "defaultConfiguration": config,
    }


def render_sarif(result: CheckResult, levels: dict[str, Severity | None] | None = None) -> str:
    """`levels`: the severity in force per rule code (None: off); the defaults when not given."""
    levels = levels if levels is not None else {r.code: r.default_severity for r in RULES}
    index = {r.code: i for i, r in enumerate(RULES)}
    results = []
    for f in result.findings:
        region = {"startLine": f.line, "startColumn": f.column_utf16,
                  "endLine": f.end_line, "endColumn": f.end_column_utf16,
                  "snippet": {"text": f.claim[f.span[0] - f.claim_span[0]:f.span[1] - f.claim_span[0]]}}
        results.append({
            "ruleId": f.code,
            "ruleIndex": index[f.code],
            "level": LEVEL[f.severity],
            "message": {"text": f.message},
            "locations": [{"physicalLocation": {"artifactLocation": {"uri": artifact_uri(f.path)},
                                                "region": region}}],
            "partialFingerprints": {FINGERPRINT_KEY: f.fingerprint},
            "properties": {"article": f.article, "claim": f.claim, "confidence": f.confidence},
        })
    log = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "claimcheck", "version": __version__, "semanticVersion": __version__,
                                "rules": [_rule_descriptor(r, levels.get(r.code)) for r in RULES]}},
            "columnKind": "utf16CodeUnits",
            "results": results,
        }],
    }
    return json.dumps(log, ensure_ascii=False, indent=2) + "\n"
