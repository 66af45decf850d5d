"""Findings as JSON for scripts (deterministic; also usable as a --baseline)."""

from __future__ import annotations

import json
from collections import Counter

from .. import __version__
from ..check.findings import CheckResult

FORMAT = "claimcheck-findings"


def render_findings_json(result: CheckResult) -> str:
    per_article = Counter((f.path, f.article) for f in result.findings)
    data = {
        "format": FORMAT,
        "version": 1,
        "tool": {"name": "claimcheck", "version": __version__},
        "summary": {
            "articles": len(result.articles),
            "findings": len(result.findings),
            "by_severity": result.by_severity(),
            "suppressed": {k: result.suppressed.get(k, 0) for k in ("baseline", "allow-list", "inline")},
            "below_min_confidence": result.below_confidence,
        },
        "articles": [{"path": a.path, "article": a.article, "findings": per_article.get((a.path, a.article), 0)}
                     for a in result.articles],
        "findings": [f.as_dict() for f in result.findings],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
