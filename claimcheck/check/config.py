"""Settings of `claimcheck check`: defaults, then the configuration file, then the command line.

The file is `.claimcheck.toml` (keys at the top level) or the `[tool.claimcheck]`
table of a `pyproject.toml`, whichever is found first walking up from the
working directory; in one directory `.claimcheck.toml` wins. Every setting
remembers where it came from, for `--show-config`.

    fail-on = "warning"            # error | warning | info | none
    max-unattributed = 2           # CC001 findings allowed per article
    min-confidence = 0.6           # findings on less certain claims do not fail the run
    exclude = ["drafts/**", "archive"]
    baseline = "reports/main.jsonl"
    allow = "claimcheck-allow.toml"
    github-limit = 10              # annotations per severity in --format github

    [rules]                        # [tool.claimcheck.rules] in pyproject.toml
    CC005 = "off"
    vague-only = "error"

    [gazetteer]
    outlets = ["Nice-Matin", {name = "La Dépêche du Midi", aliases = ["La Dépêche"]}]
    institutions = ["Conseil départemental de la Gironde"]
"""

from __future__ import annotations

import difflib
import json
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import ClaimcheckError, InputError
from ..textnorm import name_key
from .findings import Severity
from .rules import RULES, find_rule

FAIL_LEVELS = ("error", "warning", "info", "none")
_KEYS = ("fail-on", "max-unattributed", "min-confidence", "exclude", "baseline", "allow", "github-limit",
         "rules", "gazetteer")
DEFAULT = "default"
COMMAND_LINE = "command line"


class ConfigError(ClaimcheckError):
    """A configuration file or setting that cannot be used (names the file and key)."""


@dataclass(frozen=True)
class GazetteerEntry:
    name: str
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class ExcludePattern:
    pattern: str
    base: Path  # patterns are relative to the file that set them, or to the working directory


@dataclass
class Settings:
    fail_on: str = "error"
    max_unattributed: int | None = None
    min_confidence: float = 0.0
    exclude: list[ExcludePattern] = field(default_factory=list)
    baseline: Path | None = None
    allow: Path | None = None
    github_limit: int = 10
    rules: dict[str, Severity | None] = field(default_factory=lambda: {r.code: r.default_severity for r in RULES})
    outlets: list[GazetteerEntry] = field(default_factory=list)
    institutions: list[GazetteerEntry] = field(default_factory=list)
    config_file: Path | None = None
    origin: dict[str, str] = field(default_factory=dict)

    def where(self, key: str) -> str:
        return self.origin.get(key, DEFAULT)

    def gazetteer(self) -> dict[str, tuple[str, str]]:
        """The extra gazetteer for analyze_articles: name_key(name or alias) -> (canonical, type)."""
        table: dict[str, tuple[str, str]] = {}
        for entries, kind in ((self.outlets, "media"), (self.institutions, "organization")):
            for entry in entries:
                for name in (entry.name, *entry.aliases):
                    table[name_key(name)] = (entry.name, kind)
        return table

    # --- the command line overrides the file --------------------------------------------------

    def set(self, key: str, value, origin: str = COMMAND_LINE) -> None:
        """Override one setting; errors name the option (--fail-on…)."""
        checked = _check_value(key, value, f"--{key}", Path())  # relative to the working directory
        setattr(self, key.replace("-", "_"), checked)
        self.origin[key] = origin

    def add_excludes(self, patterns: list[str], origin: str = COMMAND_LINE) -> None:
        if not patterns:
            return
        self.exclude = self.exclude + [ExcludePattern(p, Path.cwd()) for p in patterns]
        previous = self.origin.get("exclude")
        self.origin["exclude"] = f"{previous}, {origin}" if previous else origin


def find_config(start: Path) -> tuple[Path, dict] | None:
    """The first configuration found walking up from `start`: (file, its claimcheck table)."""
    for folder in (start, *start.parents):
        dedicated = folder / ".claimcheck.toml"
        if dedicated.is_file():
            return dedicated, _read_toml(dedicated)
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file():
            table = _read_toml(pyproject).get("tool", {}).get("claimcheck")
            if table is not None:
                if not isinstance(table, dict):
                    raise ConfigError(f"{pyproject}: [tool.claimcheck] must be a table")
                return pyproject, table
    return None


def _read_toml(path: Path) -> dict:
    from ..bounded import read_toml

    try:
        return read_toml(path, "configuration")
    except InputError as exc:
        raise ConfigError(str(exc)) from None


def load_settings(start: Path | None = None, explicit: Path | None = None) -> Settings:
    """Defaults overlaid with the configuration file (`explicit`, or the one found from `start`)."""
    settings = Settings()
    if explicit is not None:
        if not explicit.is_file():
            raise ConfigError(f"{explicit}: no such configuration file")
        data = _read_toml(explicit)
        if explicit.name == "pyproject.toml":
            data = data.get("tool", {}).get("claimcheck", {})
        found = (explicit, data)
    else:
        found = find_config((start or Path.cwd()).resolve())
    if found is None:
        return settings
    path, table = found
    settings.config_file = path
    origin = str(path)
    section = "[tool.claimcheck]" if path.name == "pyproject.toml" else path.name
    for raw_key, value in table.items():
        key = raw_key.replace("_", "-")
        if key not in _KEYS:
            close = difflib.get_close_matches(key, _KEYS, n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            raise ConfigError(f"{path}: unknown key {raw_key!r} in {section}{hint}")
        where = f"{path}: {raw_key}"
        if key == "rules":
            _apply_rules(settings, value, where, origin)
        elif key == "gazetteer":
            _apply_gazetteer(settings, value, where, origin)
        elif key == "exclude":
            if not isinstance(value, list) or not all(isinstance(p, str) for p in value):
                raise ConfigError(f"{where}: expected a list of glob patterns")
            settings.exclude = [ExcludePattern(p, path.parent) for p in value]
            settings.origin["exclude"] = origin
        else:
            setattr(settings, key.replace("-", "_"), _check_value(key, value, where, path.parent))
            settings.origin[key] = origin
    return settings


def _check_value(key: str, value, where: str, base: Path):
    """A validated setting value; `where` names the file and key (or the option) in errors."""
    if key == "fail-on":
        if not isinstance(value, str) or value.lower() not in FAIL_LEVELS:
            raise ConfigError(f"{where}: expected one of {', '.join(FAIL_LEVELS)}, got {value!r}")
        return value.lower()
    if key in ("max-unattributed", "github-limit"):
        if value is None and key == "max-unattributed":
            return None
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise ConfigError(f"{where}: expected a whole number >= 0, got {value!r}")
        return value
    if key == "min-confidence":
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= 1:
            raise ConfigError(f"{where}: expected a number between 0 and 1, got {value!r}")
        return float(value)
    if key in ("baseline", "allow"):
        if value is None:
            return None
        if not isinstance(value, (str, Path)) or not str(value) or "\x00" in str(value):
            raise ConfigError(f"{where}: expected a file path, got {value!r}")
        return base / value
    raise ConfigError(f"{where}: unknown setting")


def parse_rule_level(value, where: str) -> Severity | None:
    """'error' | 'warning' | 'info' | 'off' (or true / false) -> a severity, None for off."""
    if value is False or (isinstance(value, str) and value.lower() == "off"):
        return None
    if isinstance(value, str) and value.lower() in {s.value for s in Severity}:
        return Severity(value.lower())
    raise ConfigError(f"{where}: expected error, warning, info or off, got {value!r}")


def _apply_rules(settings: Settings, value, where: str, origin: str) -> None:
    if not isinstance(value, dict):
        raise ConfigError(f"{where}: expected a table of rule = level")
    for key, level in value.items():
        rule = find_rule(key)
        if rule is None:
            raise ConfigError(f"{where}: unknown rule {key!r} (see `claimcheck rules`)")
        if level is True:
            settings.rules[rule.code] = rule.default_severity
        else:
            settings.rules[rule.code] = parse_rule_level(level, f"{where}.{key}")
        settings.origin[f"rules.{rule.code}"] = origin


def _apply_gazetteer(settings: Settings, value, where: str, origin: str) -> None:
    if not isinstance(value, dict):
        raise ConfigError(f"{where}: expected a table with outlets and institutions")
    for key, entries in value.items():
        if key not in ("outlets", "institutions"):
            raise ConfigError(f"{where}: unknown key {key!r} (outlets or institutions)")
        if not isinstance(entries, list):
            raise ConfigError(f"{where}.{key}: expected a list of names")
        parsed = []
        for n, entry in enumerate(entries, 1):
            if isinstance(entry, str) and entry.strip():
                parsed.append(GazetteerEntry(entry.strip()))
            elif (isinstance(entry, dict) and isinstance(entry.get("name"), str) and entry["name"].strip()
                  and set(entry) <= {"name", "aliases"}
                  and all(isinstance(a, str) and a.strip() for a in entry.get("aliases", []))):
                parsed.append(GazetteerEntry(entry["name"].strip(), tuple(a.strip() for a in entry.get("aliases", []))))
            else:
                raise ConfigError(f"{where}.{key}[{n}]: expected a name, or {{name = \"…\", aliases = [\"…\"]}}")
        setattr(settings, key, parsed)
        settings.origin[f"gazetteer.{key}"] = origin


def show(settings: Settings) -> str:
    """What is in force and where each setting came from, as TOML with comments."""
    def line(text: str, key: str) -> str:
        if text.endswith(" = none"):  # unset: shown, but not as a value TOML would misread
            text = "# " + text[:-len("none")] + "(not set)"
        return f"{text:<46} # {settings.where(key)}"

    def toml(value) -> str:
        if value is None:
            return "none"
        if isinstance(value, list):
            return "[" + ", ".join(toml(v) for v in value) + "]"
        if isinstance(value, dict):
            return "{" + ", ".join(f"{k} = {toml(v)}" for k, v in value.items()) + "}"
        if isinstance(value, Path):
            value = str(value)
        return json.dumps(value, ensure_ascii=False)

    out = [f"# claimcheck check: settings in force",
           f"# configuration file: {settings.config_file or 'none found (defaults)'}",
           line(f"fail-on = {toml(settings.fail_on)}", "fail-on"),
           line(f"max-unattributed = {toml(settings.max_unattributed)}", "max-unattributed"),
           line(f"min-confidence = {settings.min_confidence}", "min-confidence"),
           line(f"exclude = {toml([e.pattern for e in settings.exclude])}", "exclude"),
           line(f"baseline = {toml(settings.baseline)}", "baseline"),
           line(f"allow = {toml(settings.allow)}", "allow"),
           line(f"github-limit = {settings.github_limit}", "github-limit"),
           "", "[rules]"]
    for rule in RULES:
        level = settings.rules.get(rule.code)
        out.append(line(f"{rule.code} = {toml(level.value if level else 'off')}  # {rule.name}",
                        f"rules.{rule.code}"))
    out += ["", "[gazetteer]  # used when articles are analyzed, not for existing reports"]
    for kind in ("outlets", "institutions"):
        entries = getattr(settings, kind)
        names = [e.name if not e.aliases else {"name": e.name, "aliases": list(e.aliases)} for e in entries]
        out.append(line(f"{kind} = {toml(names)}", f"gazetteer.{kind}"))
    return "\n".join(out) + "\n"
