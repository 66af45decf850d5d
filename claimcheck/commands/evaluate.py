"""`claimcheck eval`: precision, recall and F1 against the hand-made gold."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Optional

import typer

from ..cli import _fail, app
from ..errors import ClaimcheckError, ExitCode


@app.command("eval")
def eval_cmd(
    gold_dir: Path = typer.Argument(..., help="A folder of gold files (corpus/gold)."),
    reports: Optional[Path] = typer.Option(None, "--reports", help="Existing reports (JSONL) instead of running the pipeline."),
    fmt: str = typer.Option("table", "--format", "-f", help="table or json."),
    fail_under: Optional[str] = typer.Option(None, "--fail-under", help="e.g. attribution=0.9,sources=0.85 (F1); exit 1 below."),
) -> None:
    """Precision, recall and F1 against hand-made gold files."""
    from ..evaluate import below, load_gold, overall, parse_fail_under, score_article
    from ..models import load_report

    try:
        floors = parse_fail_under(fail_under) if fail_under else {}
        golds = load_gold(gold_dir)
        if reports is not None:
            by_id = {r.article.id: r for r in load_report(reports)}
        else:
            from datetime import date as _date

            from ..extract import analyze_articles
            from ..reading import read_text_file

            articles = [read_text_file(gold_dir.parent / g.article,
                                       _date.fromisoformat(g.published) if g.published else None) for g in golds]
            by_id = {r.article.id: r for r in analyze_articles(articles)}
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
    total = overall(results)
    groups = _groups(results)
    if fmt == "json":
        data = {"articles": {r.article: r.as_dict() for r in results},
                "groups": {name: g.as_dict() for name, g in groups.items()}, "overall": total.as_dict()}
        typer.echo(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        from rich.console import Console
        from rich.table import Table

        table = Table(title="claimcheck eval (P / R / F1)")
        for col in ("article", "attribution", "sources", "dates", "unattributed flags", "type acc."):
            table.add_column(col)
        for r in results + list(groups.values()) + [total]:
            # "-": nothing in the gold or the output to score (no source dates in the article)
            cells = [f"{x.precision:.2f} / {x.recall:.2f} / {x.f1:.2f}" if x.tp + x.fp + x.fn else "-"
                     for x in r.scores.values()]
            acc = f"{r.type_right / r.type_total:.2f}" if r.type_total else "-"
            table.add_row(r.article, *cells, acc, style="bold" if r is total or r in groups.values() else None)
        Console(no_color=bool(os.environ.get("NO_COLOR")) or None, width=140).print(table)
    failed = below(total, floors)
    if failed:
        _fail("below the floor: " + "; ".join(failed))
        raise typer.Exit(ExitCode.FOUND)


def _groups(results):
    """Subtotals per folder of the gold's articles (the seed articles, the Wikinews devset)."""
    from ..evaluate import overall

    by_dir: dict[str, list] = {}
    for r in results:
        folder = str(Path(r.article).parent)
        by_dir.setdefault("seeds" if folder == "." else folder, []).append(r)
    if len(by_dir) < 2:
        return {}
    out = {}
    for name, members in sorted(by_dir.items()):
        group = overall(members)
        group.article = f"overall {name}"
        out[name] = group
    return out
