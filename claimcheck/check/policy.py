"""Failing is separate from reporting: the policy turns a run's findings into an exit code.

- `fail-on`: any finding at or above this severity fails (`none`: never);
- `max-unattributed N`: unattributed claims (CC001) are budgeted instead, N per
  article; an article over budget fails the run, whatever CC001's severity;
- `min-confidence X`: findings on claims the pipeline is less sure of are
  reported but count for neither.
Exit codes are the contract's: 0, 1 when the policy fails, 2 for bad input,
never the number of findings.
"""

from __future__ import annotations

from collections import Counter

from ..errors import ExitCode
from .config import Settings
from .findings import CheckResult, Severity

BUDGETED = "CC001"


def failures(result: CheckResult, settings: Settings) -> list[str]:
    """Why the run fails, one phrase per reason; empty when it passes."""
    reasons = []
    budget = settings.max_unattributed
    counted = [f for f in result.findings if f.confidence >= settings.min_confidence]
    if settings.fail_on != "none":
        floor = Severity(settings.fail_on).rank
        over = [f for f in counted if f.severity.rank >= floor and not (budget is not None and f.code == BUDGETED)]
        if over:
            reasons.append(f"{len(over)} finding(s) at or above {settings.fail_on}")
    if budget is not None:
        per_article = Counter((f.path, f.article) for f in counted if f.code == BUDGETED)
        for (path, article), n in sorted(per_article.items()):
            if n > budget:
                reasons.append(f"{path} ({article}): {n} unattributed claims, more than --max-unattributed {budget}")
    return reasons


def exit_code(result: CheckResult, settings: Settings, input_errors: int = 0) -> ExitCode:
    if input_errors:
        return ExitCode.ERROR
    return ExitCode.FOUND if failures(result, settings) else ExitCode.OK
