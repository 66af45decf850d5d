"""What `claimcheck check` reports: severities, findings and the result of a run.

A finding's columns are 1-based Python code points, like the report's; the
UTF-16 columns SARIF wants are computed once here, from the article text, so
the renderers stay pure functions of the findings.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from enum import Enum


class Severity(str, Enum):
    info = "info"
    warning = "warning"
    error = "error"

    @property
    def rank(self) -> int:
        return _RANK[self]


_RANK = {Severity.info: 0, Severity.warning: 1, Severity.error: 2}


def position(text: str, offset: int) -> tuple[int, int, int]:
    """(line, column in code points, column in UTF-16 code units) of `offset`, all 1-based."""
    offset = max(0, min(offset, len(text)))
    line_start = text.rfind("\n", 0, offset) + 1
    before = text[line_start:offset]
    utf16 = len(before.encode("utf-16-le")) // 2
    return text.count("\n", 0, offset) + 1, len(before) + 1, utf16 + 1


@dataclass(frozen=True)
class Finding:
    path: str
    article: str
    line: int
    column: int
    end_line: int
    end_column: int  # exclusive: the column just after the flagged span, as in SARIF
    code: str
    rule: str
    severity: Severity
    message: str
    claim: str
    fingerprint: str  # the claim's id: stable across versions of the article
    confidence: float
    span: tuple[int, int]  # the flagged characters, offsets into the article text
    claim_span: tuple[int, int]
    column_utf16: int = 0
    end_column_utf16: int = 0

    def sort_key(self) -> tuple:
        return (self.path, self.article, self.line, self.column, self.code, self.fingerprint)

    def as_dict(self) -> dict:
        return {
            "path": self.path, "article": self.article, "line": self.line, "column": self.column,
            "end_line": self.end_line, "end_column": self.end_column, "code": self.code,
            "rule": self.rule, "severity": self.severity.value, "message": self.message,
            "claim": self.claim, "fingerprint": self.fingerprint, "confidence": self.confidence,
            "span": list(self.span), "claim_span": list(self.claim_span),
        }


@dataclass(frozen=True)
class CheckedArticle:
    path: str
    article: str


@dataclass
class CheckResult:
    """The findings still active after suppressions, and what was set aside, for one run."""

    findings: list[Finding] = field(default_factory=list)
    articles: list[CheckedArticle] = field(default_factory=list)
    suppressed: Counter = field(default_factory=Counter)  # baseline, allow-list, inline
    below_confidence: int = 0  # findings reported but, under min-confidence, not counted for failing

    def by_severity(self) -> dict[str, int]:
        counts = Counter(f.severity.value for f in self.findings)
        return {s.value: counts.get(s.value, 0) for s in (Severity.error, Severity.warning, Severity.info)}

    def sort(self) -> None:
        """Path order, whatever order the inputs came in: outputs diff cleanly between runs."""
        self.findings.sort(key=Finding.sort_key)
        self.articles.sort(key=lambda a: (a.path, a.article))
