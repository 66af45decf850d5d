"""`claimcheck eval`: precision, recall and F1 against the hand-made gold, per split,
and the errors behind them grouped by kind."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import List, Optional

import typer

from ..cli import _fail, app
from ..errors import ClaimcheckError, ExitCode, InputError


@app.command("eval")
def eval_cmd(
    gold_dir: Path = typer.Argument(..., help="A folder of gold files (corpus/gold)."),
    reports: Optional[Path] = typer.Option(None, "--reports", help="Existing reports (JSONL) instead of running the pipeline."),
    fmt: str = typer.Option("table", "--format", "-f", help="table or json."),
    fail_under: Optional[str] = typer.Option(None, "--fail-under", help="e.g. attribution=0.9,sources=0.85 (F1); exit 1 below."),
    split: Optional[List[str]] = typer.Option(None, "--split", "-s", help="Score only this split (repeatable): seeds, devset, devset2-tune, devset2-check…"),
    articles: bool = typer.Option(False, "--articles", help="One row per article as well as per split."),
    errors: bool = typer.Option(False, "--errors", help="List every miss and false alarm, grouped by kind, with context."),
    kind: Optional[List[str]] = typer.Option(None, "--kind", help="With --errors: only this kind (repeatable), e.g. missing-source."),
    include_blind: bool = typer.Option(False, "--include-blind", help="With --errors: list the errors of blind splits too (devset2-check is for measuring, not studying)."),
) -> None:
    """Precision, recall and F1 against hand-made gold files, one row per split."""
    from ..evaluate import ERROR_KINDS, below, by_split, load_gold, load_splits, overall, parse_fail_under, score_article

    try:
        if fmt not in ("table", "json"):
            raise InputError(f"--format: expected table or json, got {fmt!r}")
        unknown = [k for k in kind or [] if k not in ERROR_KINDS]
        if unknown:
            raise InputError(f"--kind: unknown kind {unknown[0]!r} (one of {', '.join(ERROR_KINDS)})")
        floors = parse_fail_under(fail_under) if fail_under else {}
        splits = load_splits(gold_dir)
        golds = load_gold(gold_dir)
        if split:
            known = {splits.of(g) for g in golds}
            missing = [s for s in split if s not in known]
            if missing:
                raise InputError(f"--split: no gold in split {missing[0]!r} (splits: {', '.join(sorted(known))})")
            golds = [g for g in golds if splits.of(g) in split]
        by_id = _reports(gold_dir, golds, reports)
        results = []
        for g in golds:
            report = by_id.get(Path(g.article).stem)
            if report is None:
                raise ClaimcheckError(f"no report for {g.article}")
            results.append(score_article(g, report))
    except ClaimcheckError as exc:
        _fail(str(exc))
        raise typer.Exit(exc.exit_code)
    except RecursionError:  # json.loads on [[[[…]]]] in a gold or report file
        _fail(f"{reports or gold_dir}: a file holds JSON nested too deeply to read")
        raise typer.Exit(ExitCode.ERROR)
    total = overall(results, "all")
    groups = by_split(results, golds, splits)
    listed = []
    if errors:
        blind = {g.path.stem for g in golds if splits.of(g) in splits.blind}
        withheld = sorted({splits.of(g) for g in golds if g.path.stem in blind}) if not include_blind else []
        listed = [e for gold, r in zip(golds, results) if include_blind or gold.path.stem not in blind
                  for e in r.errors if not kind or e.kind in kind]
        if withheld:
            _fail(f"blind split {', '.join(withheld)}: scored, its errors not listed (--include-blind lists them)")
    if fmt == "json":
        typer.echo(json.dumps(_as_json(results, groups, total, listed if errors else None), ensure_ascii=False, indent=2))
    else:
        _print_table(results if articles else [], groups, total)
        if errors:
            from ..render.eval_errors import errors_text

            typer.echo(errors_text(listed), nl=False)
    failed = below(total, floors)
    if failed:
        _fail("below the floor: " + "; ".join(failed))
        raise typer.Exit(ExitCode.FOUND)


def _reports(gold_dir: Path, golds, reports: Optional[Path]) -> dict:
    from ..models import load_report

    if reports is not None:
        return {r.article.id: r for r in load_report(reports)}
    from datetime import date as _date

    from ..extract import analyze_articles
    from ..reading import read_text_file

    articles = [read_text_file(gold_dir.parent / g.article,
                               _date.fromisoformat(g.published) if g.published else None) for g in golds]
    return {r.article.id: r for r in analyze_articles(articles)}


def _as_json(results, groups, total, listed) -> dict:
    from ..evaluate import sorted_errors

    data = {"articles": {r.article: r.as_dict() for r in results},
            "groups": {name: g.as_dict() for name, g in groups.items()}, "overall": total.as_dict()}
    if listed is not None:
        data["errors"] = [e.as_dict() for e in sorted_errors(listed)]
    return data


def _print_table(rows, groups, total) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title="claimcheck eval (P / R / F1)")
    for col in ("articles", "n", "attribution", "sources", "dates", "unattributed flags", "type acc."):
        table.add_column(col)
    counts = {name: g.size for name, g in groups.items()}
    for r in rows + list(groups.values()) + [total]:
        # "-": nothing in the gold or the output to score (no source dates in the article)
        cells = [f"{x.precision:.2f} / {x.recall:.2f} / {x.f1:.2f}" if x.tp + x.fp + x.fn else "-"
                 for x in r.scores.values()]
        acc = f"{r.type_right / r.type_total:.2f}" if r.type_total else "-"
        n = str(total.size if r is total else counts.get(r.article, 1) if r in groups.values() else 1)
        table.add_row(r.article, n, *cells, acc, style="bold" if r is total or r in groups.values() else None)
    Console(no_color=bool(os.environ.get("NO_COLOR")) or None, width=150).print(table)
