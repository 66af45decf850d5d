"""The terminal view: a table of claims per article and a summary line (rich)."""

from __future__ import annotations

from rich import box
from rich.console import Console
from rich.table import Table

from ..models import Claim, Report


def _status(claim: Claim) -> str:
    if claim.attributed:
        types = {s.type for a in claim.attributions for s in a.sources}
        if types and types <= {"anonymous", "vague"}:
            return "[yellow]anonymous/vague[/]"
        return "[green]attributed[/]"
    return "[red]unattributed[/]" if claim.checkworthy else "[dim]not check-worthy[/]"


def _sources(claim: Claim) -> str:
    parts = []
    for att in claim.attributions:
        for src in att.sources:
            dates = ", ".join(
                str(d.from_) if d.from_ == d.to else f"{d.from_}→{d.to}" for d in src.dates
            )
            role = " (relay)" if src.role == "relay" else ""
            parts.append(f"{src.canonical}{role}" + (f" [{dates}]" if dates else ""))
    return "; ".join(dict.fromkeys(parts))


def summary_line(report: Report) -> str:
    s = report.summary
    share = f"{100 * s.attributed / s.claims:.0f}%" if s.claims else "-"
    top = ", ".join(f"{name} ({n})" for name, n in list(s.sources.items())[:3])
    return (f"{report.article.id}: {s.sentences} sentences, {s.claims} claims, {s.attributed} attributed ({share}), "
            f"{s.checkworthy_unattributed} unattributed check-worthy; top sources: {top or '-'}")


def print_table(report: Report, console: Console, verbose: bool = False) -> None:
    table = Table(title=f"{report.article.id} — published {report.article.published or 'unknown'}",
                  box=box.SIMPLE_HEAVY, show_lines=False, expand=True)
    table.add_column("line", justify="right", no_wrap=True)
    table.add_column("claim", ratio=3)
    table.add_column("status", no_wrap=True)
    table.add_column("sources (dates)", ratio=2)
    table.add_column("conf.", justify="right", no_wrap=True)
    for claim in report.claims:
        if not verbose and not claim.attributed and not claim.checkworthy:
            continue
        text = claim.text if verbose or len(claim.text) <= 120 else claim.text[:117] + "…"
        table.add_row(str(claim.line), text, _status(claim), _sources(claim), f"{claim.confidence:.2f}")
    console.print(table)
    console.print(summary_line(report))
