"""`claimcheck diff OLD NEW`: what changed in the claims and sourcing of an article.

Each side is an article (any input form of contract.md) or an existing report
(a .json/.jsonl file, or stdin, whose content carries "schema_version"). Two
reports are compared without importing spaCy; articles are analysed first, in
one pass that loads the model once.
"""

from __future__ import annotations

import json
import os
import sys
from datetime import date
from pathlib import Path
from typing import Optional

import typer

from ..cli import _fail, app, atomic_write
from ..errors import ClaimcheckError, ExitCode, InputError
from ..jsonl import jsonl_lines

FORMATS = ("text", "markdown", "json", "html")
REPORT_SUFFIXES = {".json", ".jsonl", ".ndjson"}


def _first_json(raw: str):
    """The whole text as JSON, else its first line (JSON Lines); None when neither parses."""
    for candidate in (raw, raw.lstrip().split("\n", 1)[0]):
        try:
            return json.loads(candidate)
        except (json.JSONDecodeError, RecursionError):  # RecursionError: [[[[…]]]] nested too deep
            continue
    return None


def _is_report(raw: str) -> bool:
    if not raw.lstrip().startswith("{"):
        return False
    first = _first_json(raw)
    return isinstance(first, dict) and "schema_version" in first


def _reports_in_text(raw: str, origin: str) -> list:
    from ..models import parse_report

    try:
        whole = json.loads(raw)
        return [parse_report(whole, origin)]
    except (json.JSONDecodeError, RecursionError):
        pass
    out = []
    for n, line in enumerate(jsonl_lines(raw), 1):
        if not line.strip():
            continue
        try:
            out.append(parse_report(json.loads(line), f"{origin}:{n}"))
        except json.JSONDecodeError as exc:
            raise InputError(f"{origin}:{n}: not JSON ({exc.msg})") from None
        except RecursionError:
            raise InputError(f"{origin}:{n}: JSON nested too deeply to be a report") from None
    return out


def _read_stdin(published: Optional[date]) -> list:
    from ..bounded import read_stream
    from ..models import MAX_REPORT_BYTES
    from ..reading import decode, make_article, read_jsonl

    text = decode(read_stream(sys.stdin.buffer, MAX_REPORT_BYTES, "<stdin>", "a report or an article"), "<stdin>")
    if _is_report(text):
        return _reports_in_text(text, "<stdin>")
    stripped = text.lstrip()
    if stripped.startswith("{") and "\"text\"" in stripped[:10000]:
        return list(read_jsonl(jsonl_lines(text), "<stdin>", published))
    if not text.strip():
        raise InputError("<stdin>: empty article (no text)")
    return [make_article(text, "stdin", None, published, "option" if published else None)]


def _read_side(arg: str, published: Optional[date]) -> list:
    """Reports or articles (or InputErrors) named by one command-line side."""
    if arg == "-":
        return _read_stdin(published)
    path = Path(arg)
    if path.is_file() and path.suffix.lower() in REPORT_SUFFIXES:
        from ..bounded import read_file
        from ..models import MAX_REPORT_BYTES

        try:
            raw = read_file(path, MAX_REPORT_BYTES, arg, "a report").decode("utf-8-sig")
        except (InputError, UnicodeDecodeError):
            raw = ""  # not a readable report: the article reader gives the precise error
        if _is_report(raw):
            from ..models import load_report

            try:
                return load_report(path)
            except RecursionError:  # json.loads on [[[[…]]]]: no report is nested that deep
                raise InputError(f"{arg}: JSON nested too deeply to be a report") from None
        if path.suffix.lower() == ".json":
            raise InputError(f"{arg}: not a claimcheck report (no schema_version) and not an article format "
                             "(.txt, .md, .jsonl)")
    from ..reading import read_inputs

    return list(read_inputs([arg], published))


def _one(items: list, label: str):
    errors = [i for i in items if isinstance(i, ClaimcheckError)]
    if errors:
        raise errors[0]
    if len(items) != 1:
        raise InputError(f"{label}: {len(items)} articles or reports; diff compares one version with one")
    return items[0]


def _load_pair(old_arg: str, new_arg: str, published: Optional[date]):
    """Two Reports; articles are analysed (and spaCy imported) only here, and only when needed."""
    from ..diff import check_comparable
    from ..models import Report

    if old_arg == "-" and new_arg == "-":
        raise InputError("OLD and NEW cannot both be - (standard input)")
    sides = [_one(_read_side(arg, published), arg) for arg in (old_arg, new_arg)]
    texts = [s.article.text if isinstance(s, Report) else s.text for s in sides]
    check_comparable(texts[0], texts[1], old_arg, new_arg)  # before loading a model for nothing
    articles = [s for s in sides if not isinstance(s, Report)]
    if articles:
        from ..extract import analyze_articles

        reports = iter(analyze_articles(articles))
        sides = [s if isinstance(s, Report) else next(reports) for s in sides]
        for s in sides:
            if isinstance(s, ClaimcheckError):
                raise s
    return sides


def _kinds(value: Optional[str]) -> set[str]:
    from ..diff import CHANGE_KINDS

    if not value:
        return set()
    asked = {k.strip() for k in value.split(",") if k.strip()}
    if "any" in asked:
        return set(CHANGE_KINDS)
    unknown = sorted(asked - set(CHANGE_KINDS))
    if unknown:
        raise InputError(f"--fail-on: unknown change kind {', '.join(unknown)} "
                         f"(kinds: {', '.join(CHANGE_KINDS)}, or any)")
    return asked


def _options(fmt: str, min_significance: str, threshold: float, published: Optional[str]) -> Optional[date]:
    if fmt not in FORMATS:
        raise InputError(f"--format: expected one of {', '.join(FORMATS)}, got {fmt!r}")
    if min_significance not in ("low", "medium", "high"):
        raise InputError(f"--min-significance: expected low, medium or high, got {min_significance!r}")
    if not 0 < threshold <= 1:
        raise InputError(f"--threshold: expected a similarity in (0, 1], got {threshold}")
    if published is None:
        return None
    try:
        return date.fromisoformat(published)
    except ValueError:
        raise InputError(f"--published: expected YYYY-MM-DD, got {published!r}") from None


@app.command("diff")
def diff_cmd(
    old: str = typer.Argument(..., metavar="OLD", help="The earlier version: an article (.txt, .md, .jsonl, -) or a report (.json, .jsonl)."),
    new: str = typer.Argument(..., metavar="NEW", help="The later version: an article or a report."),
    fmt: str = typer.Option("text", "--format", "-f", help="text, markdown, json or html."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Write to this file instead of stdout."),
    fail_on: Optional[str] = typer.Option(None, "--fail-on", help="Exit 1 when a shown change is of these kinds, e.g. attribution-dropped,source-anonymized (or any)."),
    min_significance: str = typer.Option("low", "--min-significance", help="Hide changes below low, medium or high."),
    threshold: float = typer.Option(0.65, "--threshold", help="Similarity (0-1) two claims need to be aligned as one edited claim."),
    published: Optional[str] = typer.Option(None, "--published", help="Publication date YYYY-MM-DD for articles that have none."),
) -> None:
    """What changed between two versions of an article: claims, sources, dates and figures."""
    try:
        pub = _options(fmt, min_significance, threshold, published)
        fail_kinds = _kinds(fail_on)
        old_report, new_report = _load_pair(old, new, pub)
        from ..diff import diff_reports

        label = lambda arg: "<stdin>" if arg == "-" else arg  # noqa: E731
        result = diff_reports(old_report, new_report, threshold, label(old), label(new)).at_least(min_significance)
        text = _render(result, fmt, old_report, new_report, to_terminal=output is None and sys.stdout.isatty())
        if output is not None:
            atomic_write(output, text)
        else:
            sys.stdout.write(text)
            sys.stdout.flush()
    except ClaimcheckError as exc:
        _fail(str(exc))
        raise typer.Exit(exc.exit_code)
    found = [c.kind for c in result.changes if c.kind in fail_kinds]
    if found:
        counts = {k: found.count(k) for k in dict.fromkeys(found)}
        _fail("diff found " + ", ".join(f"{k} {n}" for k, n in counts.items()) + " (--fail-on)")
        raise typer.Exit(ExitCode.FOUND)


def _render(result, fmt: str, old_report, new_report, to_terminal: bool) -> str:
    if fmt == "text":
        from ..render.diff_text import render_diff_text

        return render_diff_text(result, color=to_terminal and not os.environ.get("NO_COLOR"))
    if fmt == "markdown":
        from ..render.diff_markdown import render_diff_markdown

        return render_diff_markdown(result)
    if fmt == "json":
        from ..render.diff_json import render_diff_json

        return render_diff_json(result)
    from ..render.diff_html import render_diff_html

    return render_diff_html(result, old_report.article.text, new_report.article.text)
