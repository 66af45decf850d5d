"""Reports -> findings: the rules in force, applied claim by claim, then the suppressions."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Iterator, Sequence

from ..models import Claim, Report
from .config import Settings
from .findings import CheckedArticle, CheckResult, Finding, position
from .rules import RULES, Hit, Rule
from .suppress import Allowed, allows, comment_spans, ignored_inline, inline_ignores


def display_path(path: str | None, fallback: str) -> str:
    """The path findings name: relative to the working directory when inside it, with forward slashes."""
    if not path:
        return fallback
    p = Path(path)
    if p.is_absolute():
        try:
            p = p.resolve().relative_to(Path.cwd().resolve())
        except ValueError:
            pass
    return PurePosixPath(*p.parts).as_posix() if p.parts else fallback


def rule_hits(report: Report, rules: Sequence[Rule]) -> Iterator[tuple[Rule, Claim, Hit]]:
    """Every rule that fires on every claim, before severities and suppressions."""
    # Text inside <!-- --> (an ignore comment itself, say) is markup, not a claim.
    comments = comment_spans(report.article.text)
    for claim in report.claims:
        if any(s <= claim.span[0] and claim.span[1] <= e for s, e in comments):
            continue
        for rule in rules:
            hit = rule.check(claim)
            if hit is not None:
                yield rule, claim, hit


@dataclass
class Suppressions:
    baseline: set[tuple[str, str]] | None = None
    allowed: list[Allowed] = field(default_factory=list)


def make_finding(report: Report, path: str, rule: Rule, claim: Claim, hit: Hit, severity) -> Finding:
    text = report.article.text
    start, end = hit.span
    line, column, column16 = position(text, start)
    end_line, end_column, end_column16 = position(text, end)
    return Finding(
        path=path, article=report.article.id, line=line, column=column, end_line=end_line,
        end_column=end_column, code=rule.code, rule=rule.name, severity=severity, message=hit.message,
        claim=claim.text, fingerprint=claim.id, confidence=claim.confidence, span=(start, end),
        claim_span=tuple(claim.span), column_utf16=column16, end_column_utf16=end_column16,
    )


def check_report(report: Report, path: str, settings: Settings, suppressions: Suppressions,
                 result: CheckResult) -> None:
    """Add one report's findings to `result`, counting what the suppressions set aside."""
    result.articles.append(CheckedArticle(path, report.article.id))
    active = [r for r in RULES if settings.rules.get(r.code) is not None]
    regions = inline_ignores(report)
    for rule, claim, hit in rule_hits(report, active):
        key = (claim.id, rule.code)
        if regions and ignored_inline(regions, claim.span[0], rule.code):
            result.suppressed["inline"] += 1
        elif suppressions.allowed and allows(suppressions.allowed, claim.id, rule.code):
            result.suppressed["allow-list"] += 1
        elif suppressions.baseline is not None and key in suppressions.baseline:
            result.suppressed["baseline"] += 1
        else:
            result.findings.append(make_finding(report, path, rule, claim, hit, settings.rules[rule.code]))
            # Reported all the same: the confidence floor only decides what fails the run.
            if claim.confidence < settings.min_confidence:
                result.below_confidence += 1
