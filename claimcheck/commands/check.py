"""`claimcheck check` (lint mode for CI), `claimcheck rules` and `claimcheck explain`.

Reports given as input are read without spaCy; the model is loaded only when
articles must be analyzed.
"""

from __future__ import annotations

import json
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import List, Optional

import click
import typer
from typer.core import TyperCommand

from ..cli import _fail, _parse_published, app, atomic_write
from ..errors import ClaimcheckError, ExitCode, InputError

FORMATS = ("text", "json", "sarif", "github", "junit")
_PAIRS = "claimcheck.format_outputs"


class UsageProblem(ClaimcheckError):
    """Options that do not fit together."""


class _FormatsWithOutputs(TyperCommand):
    """Pairs each `-o FILE` with the `--format` just before it, which click's lists cannot tell."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        try:
            opts, _, order = self.make_parser(ctx).parse_args(args=list(args))
            ctx.meta[_PAIRS] = pair_formats(order, opts.get("formats") or [], opts.get("outputs") or [])
        except click.UsageError:
            pass  # the real parse below reports it
        except UsageProblem as exc:
            ctx.meta[_PAIRS] = exc
        return super().parse_args(ctx, args)


def pair_formats(order, formats: list[str], outputs: list[str]) -> list[tuple[str, str | None]]:
    """[(format, output file or None for stdout)] from the options in command-line order."""
    fmts, outs = iter(formats), iter(outputs)
    pairs: list[list] = []
    orphans: list[str] = []
    for param in order:
        if param.name == "formats":
            pairs.append([next(fmts), None])
        elif param.name == "outputs":
            out = next(outs)
            if not pairs:
                orphans.append(out)
            elif pairs[-1][1] is not None:
                raise UsageProblem(f"-o {out}: --format {pairs[-1][0]} already writes to {pairs[-1][1]}; "
                                   "give each -o after its own --format")
            else:
                pairs[-1][1] = out
    if orphans and pairs:
        raise UsageProblem(f"-o {orphans[0]}: put each -o after the --format it is for")
    if len(orphans) > 1:
        raise UsageProblem("several -o without --format: give each -o after its own --format")
    if not pairs:
        return [("text", orphans[0] if orphans else None)]
    return [(f, o) for f, o in pairs]


def _number(value: str | None, option: str, kind=int):
    if value is None:
        return None
    try:
        return kind(value)
    except ValueError:
        raise UsageProblem(f"{option}: expected {'a whole number' if kind is int else 'a number'}, got {value!r}") from None


@dataclass
class _Loaded:
    reports: list  # (Report, display path)
    errors: int


def _read_stdin(name: str | None, published):
    """Standard input: a report (or JSON Lines of reports), JSON Lines of articles, or one article."""
    from ..jsonl import jsonl_lines
    from ..models import parse_report
    from ..bounded import read_stream
    from ..models import MAX_REPORT_BYTES
    from ..reading import decode, make_article, read_jsonl

    origin = name or "<stdin>"
    text = decode(read_stream(sys.stdin.buffer, MAX_REPORT_BYTES, origin, "a report or an article"), origin)
    stripped = text.strip()
    first = next((ln for ln in stripped.splitlines() if ln.strip()), "")
    if '"schema_version"' in first or (first.strip() == "{" and '"schema_version"' in stripped[:4096]):
        try:
            if stripped.startswith("{") and "\n{" not in stripped:
                return "reports", [parse_report(json.loads(stripped), origin)]
            return "reports", [parse_report(json.loads(ln), f"{origin}:{n}")
                               for n, ln in enumerate(jsonl_lines(stripped), 1) if ln.strip()]
        except json.JSONDecodeError as exc:
            raise InputError(f"{origin}: not JSON ({exc.msg} at line {exc.lineno})") from None
    if stripped.startswith("{") and '"text"' in stripped[:10000]:
        return "articles", list(read_jsonl(jsonl_lines(text), origin, published))
    if not stripped:
        raise InputError(f"{origin}: empty article (no text)")
    ident = Path(name).stem if name else "stdin"
    return "articles", [make_article(text, ident, name, published, "option" if published else None)]


def _load(inputs: list[str], settings, stdin_filename: str | None, published) -> _Loaded:
    """Reports for every input: existing reports as they are, articles through the pipeline."""
    from ..check.discover import expand, is_excluded
    from ..check.engine import display_path
    from ..models import load_report

    reports: list = []
    errors = 0
    article_paths: list[str] = []
    stdin_articles: list = []
    for item in expand(inputs, settings.exclude):
        if isinstance(item, ClaimcheckError):
            errors += 1
            _fail(str(item))
            continue
        try:
            if item.kind == "report":
                for report in load_report(item.path):
                    reports.append((report, display_path(report.article.path, item.path)))
            elif item.kind == "article":
                article_paths.append(item.path)
            else:
                if stdin_filename and is_excluded(Path(stdin_filename), settings.exclude):
                    continue
                kind, items = _read_stdin(stdin_filename, published)
                if kind == "reports":
                    reports += [(r, display_path(r.article.path or stdin_filename, "<stdin>")) for r in items]
                else:
                    stdin_articles += items
        except ClaimcheckError as exc:
            errors += 1
            _fail(str(exc))
        except RecursionError:  # json.loads on [[[[…]]]]: no report is nested that deep
            errors += 1
            where = getattr(item, "path", None)
            _fail(f"{where if where not in (None, '-') else stdin_filename or '<stdin>'}: "
                  "JSON nested too deeply to be a report")
    if article_paths or stdin_articles:
        from ..extract import analyze_articles  # loads spaCy: only when articles must be analyzed
        from ..reading import read_inputs

        def articles():
            yield from read_inputs(article_paths, published) if article_paths else ()
            yield from stdin_articles

        for result in analyze_articles(articles(), extra_gazetteer=settings.gazetteer() or None):
            if isinstance(result, ClaimcheckError):
                errors += 1
                _fail(str(result))
                continue
            reports.append((result, display_path(result.article.path, "<stdin>")))
    # An article given both as a file and as its report (a folder holding both) is checked once.
    seen: set[tuple] = set()
    unique = []
    for report, path in reports:
        key = (path, report.article.id, report.article.sha256)
        if key not in seen:
            seen.add(key)
            unique.append((report, path))
    return _Loaded(unique, errors)


def renderers() -> dict:
    """One table of output formats: name -> (result, settings, to_terminal) -> text."""
    from ..render.findings_json import render_findings_json
    from ..render.findings_text import render_text
    from ..render.github import render_github
    from ..render.junit import render_junit
    from ..render.sarif import render_sarif

    return {
        # Colour only on a terminal, and never when NO_COLOR is set (https://no-color.org).
        "text": lambda result, settings, tty: render_text(result, colour=tty and not os.environ.get("NO_COLOR")),
        "json": lambda result, settings, tty: render_findings_json(result),
        "sarif": lambda result, settings, tty: render_sarif(result, settings.rules),
        "github": lambda result, settings, tty: render_github(result, settings.github_limit),
        "junit": lambda result, settings, tty: render_junit(result),
    }


@app.command("check", cls=_FormatsWithOutputs)
def check(
    ctx: typer.Context,
    inputs: Optional[List[str]] = typer.Argument(None, help="Articles (.txt, .md, .jsonl…), reports (.json, .jsonl), directories, globs, or - for stdin."),
    formats: List[str] = typer.Option([], "--format", "-f", help="text, json, sarif, github or junit; repeat for several, each followed by its own -o."),
    outputs: List[str] = typer.Option([], "--output", "-o", help="File for the --format just before it (without: stdout; at most one format on stdout)."),
    fail_on: Optional[str] = typer.Option(None, "--fail-on", help="error (default), warning, info or none: exit 1 when a finding is at or above."),
    max_unattributed: Optional[str] = typer.Option(None, "--max-unattributed", help="Allow N unattributed claims (CC001) per article; exit 1 above."),
    min_confidence: Optional[str] = typer.Option(None, "--min-confidence", help="Findings on claims less certain than this (0-1) are reported but do not fail the run."),
    baseline: Optional[str] = typer.Option(None, "--baseline", help="An older report (or check --format json): report only new findings."),
    allow: Optional[str] = typer.Option(None, "--allow", help="Allow-list (TOML): accepted claim fingerprints, each with its rules and a reason."),
    exclude: List[str] = typer.Option([], "--exclude", help="Glob of paths to skip (repeatable; adds to the configuration's)."),
    stdin_filename: Optional[str] = typer.Option(None, "--stdin-filename", help="The path that - stands for, in findings and for excludes."),
    published: Optional[str] = typer.Option(None, "--published", help="Publication date YYYY-MM-DD for articles that have none."),
    github_limit: Optional[str] = typer.Option(None, "--github-limit", help="Annotations per level in --format github (default 10, GitHub's cap)."),
    config: Optional[str] = typer.Option(None, "--config", help="This configuration file instead of the one found from the working directory."),
    show_config: bool = typer.Option(False, "--show-config", help="Print the settings in force and where each comes from, then exit."),
) -> None:
    """Lint articles or reports for CI: findings, in the formats CI systems read, and an exit code."""
    from ..check import CheckResult, Suppressions, check_report, exit_code, failures, load_settings
    from ..check.config import show

    try:
        pairs = ctx.meta.get(_PAIRS)
        if isinstance(pairs, Exception):
            raise pairs
        settings = load_settings(explicit=Path(config) if config else None)
        for key, value in (("fail-on", fail_on), ("max-unattributed", _number(max_unattributed, "--max-unattributed")),
                           ("min-confidence", _number(min_confidence, "--min-confidence", float)),
                           ("baseline", baseline), ("allow", allow),
                           ("github-limit", _number(github_limit, "--github-limit"))):
            if value is not None:
                settings.set(key, value)
        settings.add_excludes(exclude)
        if show_config:
            sys.stdout.write(show(settings))
            return
        if not inputs:
            raise UsageProblem("no input: give articles, reports, directories, globs or -")
        if stdin_filename and "-" not in inputs:
            raise UsageProblem("--stdin-filename names standard input: add - to the inputs")
        pairs = pairs or [("text", None)]
        for fmt, _ in pairs:
            if fmt not in FORMATS:
                raise UsageProblem(f"--format {fmt}: expected one of {', '.join(FORMATS)}")
        targets: dict = {}
        for fmt, out in pairs:  # the last format would win, the others silently lost
            if out is not None:
                key = os.path.realpath(out)
                if key in targets:
                    raise UsageProblem(f"--format {targets[key]} and --format {fmt}: two outputs to one file, {out}")
                targets[key] = fmt
        on_stdout = [fmt for fmt, out in pairs if out is None]
        if len(on_stdout) > 1:
            raise UsageProblem(f"--format {' and '.join(on_stdout)} would all go to stdout; give all but one an -o FILE")
        pub = _parse_published(published)
        suppressions = Suppressions()
        if settings.baseline is not None:
            from ..check.suppress import baseline_keys

            suppressions.baseline = baseline_keys(settings.baseline)
        if settings.allow is not None:
            from ..check.suppress import load_allow_list

            suppressions.allowed = load_allow_list(settings.allow)
        loaded = _load(inputs, settings, stdin_filename, pub)
        result = CheckResult()
        for report, path in loaded.reports:
            check_report(report, path, settings, suppressions, result)
        result.sort()
        stdout_text = None
        table = renderers()
        for fmt, out in pairs:
            if out is None:
                stdout_text = table[fmt](result, settings, sys.stdout.isatty())
            else:
                atomic_write(Path(out), table[fmt](result, settings, False))
        if stdout_text is not None:
            sys.stdout.write(stdout_text)
            sys.stdout.flush()
    except typer.BadParameter as exc:
        _fail(str(exc))
        raise typer.Exit(ExitCode.ERROR)
    except ClaimcheckError as exc:
        _fail(str(exc))
        raise typer.Exit(exc.exit_code)
    if not loaded.reports and not loaded.errors:
        _fail("nothing to check: every input was excluded or ignored")
    code = exit_code(result, settings, loaded.errors)
    if code == ExitCode.FOUND:
        _fail("failing: " + "; ".join(failures(result, settings)))
    raise typer.Exit(code)


@app.command("rules")
def rules_cmd(config: Optional[str] = typer.Option(None, "--config", help="Configuration file to show the severities of.")) -> None:
    """The lint rules of `claimcheck check`: code, name, severity, what each flags."""
    from ..check import RULES, load_settings

    try:
        settings = load_settings(explicit=Path(config) if config else None)
    except ClaimcheckError as exc:
        _fail(str(exc))
        raise typer.Exit(exc.exit_code)
    rows = [("code", "name", "default", "in force", "flags")]
    for rule in RULES:
        level = settings.rules.get(rule.code)
        rows.append((rule.code, rule.name, rule.default_severity.value, level.value if level else "off",
                     rule.summary()))
    widths = [max(len(r[i]) for r in rows) for i in range(4)]
    for row in rows:
        typer.echo("  ".join(cell.ljust(w) for cell, w in zip(row[:4], widths)) + "  " + row[4])


@app.command("explain")
def explain(rule_key: str = typer.Argument(..., metavar="RULE", help="A rule code (CC001) or name (unattributed-claim).")) -> None:
    """Print one rule's documentation: what it flags, why, a failing and a passing example."""
    from ..check import find_rule

    rule = find_rule(rule_key)
    if rule is None:
        _fail(f"unknown rule {rule_key!r} (see `claimcheck rules`)")
        raise typer.Exit(ExitCode.ERROR)
    typer.echo(f"{rule.code} {rule.name} (default severity: {rule.default_severity.value})\n")
    typer.echo(rule.doc())
