"""`claimcheck check`: lint rules over reports, findings, suppressions and the failing policy.

Nothing here imports spaCy: checking existing reports never loads the model.

    rules.py        one class per rule (CC001…), its docs in its docstring
    conditional.py  the French conditional, found without a parser (CC004)
    findings.py     Severity, Finding, CheckResult
    engine.py       reports -> findings, suppressions applied
    suppress.py     baseline, allow-list, <!-- claimcheck: ignore --> comments
    config.py       [tool.claimcheck] / .claimcheck.toml, with provenance
    discover.py     directories, globs, .gitignore, --exclude
    policy.py       findings -> exit code
"""

from .config import ConfigError, Settings, load_settings
from .engine import Suppressions, check_report, rule_hits
from .findings import CheckResult, Finding, Severity
from .policy import exit_code, failures
from .rules import RULES, Rule, find_rule

__all__ = ["RULES", "CheckResult", "ConfigError", "Finding", "Rule", "Settings", "Severity", "Suppressions",
           "check_report", "exit_code", "failures", "find_rule", "load_settings", "rule_hits"]
