"""The terminal view: a table of claims per article and a summary panel (rich).

Colour is only a help: every status is also a word, so the plain text a pipe or
`NO_COLOR` gets says the same thing.
"""

from __future__ import annotations

import os
import sys
from typing import IO

from rich import box
from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from ..models import Claim, Report

# status -> (word, style); the same four statuses as the HTML report
STATUSES = {
    "attributed": ("attributed", "green"),
    "vague": ("anonymous/vague", "yellow"),
    "unattributed": ("unattributed", "bold red"),
    "minor": ("not check-worthy", "dim"),
}
SHORT_CLAIM = 110  # characters of a claim shown without --verbose
TOP_SOURCES = 5


def claim_status(claim: Claim) -> str:
    """attributed, vague (only anonymous or vague sources), unattributed (check-worthy) or minor."""
    if claim.attributed:
        types = {s.type for a in claim.attributions for s in a.sources}
        return "vague" if types and types <= {"anonymous", "vague"} else "attributed"
    return "unattributed" if claim.checkworthy else "minor"


def shorten(text: str, width: int) -> str:
    """One line, cut at a word boundary with an ellipsis."""
    text = " ".join(text.split())
    if len(text) <= width:
        return text
    cut = text[: width - 1]
    space = cut.rfind(" ")
    return (cut[:space] if space > width // 2 else cut).rstrip(" ,;:") + "…"


def _date_range(d) -> str:
    return str(d.from_) if d.from_ == d.to else f"{d.from_}→{d.to}"


def sources_cell(claim: Claim) -> str:
    parts = []
    for att in claim.attributions:
        for src in att.sources:
            dates = ", ".join(_date_range(d) for d in src.dates)
            role = " (relay)" if src.role == "relay" else ""
            parts.append(f"{src.canonical}{role}" + (f" [{dates}]" if dates else ""))
    return "; ".join(dict.fromkeys(parts))


def make_console(file: IO[str] | None = None) -> Console:
    """A console for reports: styled only on a terminal without NO_COLOR, plain text otherwise;
    a wide fixed width when writing to a pipe or file, where rich would assume 80 columns."""
    stream = file if file is not None else sys.stdout
    terminal = hasattr(stream, "isatty") and stream.isatty()
    no_color = bool(os.environ.get("NO_COLOR"))
    width = None if terminal or os.environ.get("COLUMNS") else 140
    # file=None lets rich follow sys.stdout, which a progress display may redirect above itself.
    return Console(file=file, highlight=False, width=width, emoji=False,
                   force_terminal=terminal or None, color_system=None if no_color else "auto")


def summary_line(report: Report) -> str:
    s = report.summary
    share = f"{100 * s.attributed / s.claims:.0f}%" if s.claims else "-"
    top = ", ".join(f"{name} ({n})" for name, n in list(s.sources.items())[:3])
    return (f"{report.article.id}: {s.sentences} sentences, {s.claims} claims, {s.attributed} attributed ({share}), "
            f"{s.checkworthy_unattributed} unattributed check-worthy; top sources: {top or '-'}")


def summary_panel(report: Report) -> Panel:
    s = report.summary
    share = f"{100 * s.attributed / s.claims:.0f}%" if s.claims else "-"
    lines = Text()
    lines.append("claims ", "bold").append(str(s.claims))
    lines.append("  ·  attributed ", "bold").append(f"{s.attributed} ({share})", "green")
    lines.append("  ·  unattributed check-worthy ", "bold").append(str(s.checkworthy_unattributed), "bold red")
    lines.append("  ·  sentences ", "bold").append(str(s.sentences))
    top = ", ".join(f"{name} ({n})" for name, n in list(s.sources.items())[:TOP_SOURCES])
    lines.append("\ntop sources ", "bold").append(top or "none")
    published = report.article.published
    lines.append("\npublished ", "bold").append(
        f"{published} ({report.article.published_from})" if published else "unknown: relative dates unresolved")
    for warning in report.warnings:
        lines.append(f"\nwarning: {warning}", "yellow")
    return Panel(lines, title=f"{report.article.id} — summary", title_align="left", box=box.ROUNDED, expand=True)


def claims_table(report: Report, verbose: bool = False) -> Table:
    """Attributed and check-worthy claims, shortened; with `verbose`, every claim in full and its cues."""
    title = report.article.title or report.article.id
    table = Table(title=shorten(title, 100), box=box.SIMPLE_HEAVY, expand=True, title_justify="left")
    table.add_column("line", justify="right", no_wrap=True)
    # fold, never an ellipsis: a source name or a claim is not cut off mid-word
    table.add_column("claim", ratio=3, overflow="fold")
    table.add_column("status", no_wrap=True)
    table.add_column("sources (dates)", ratio=2, overflow="fold")
    if verbose:
        table.add_column("cues", ratio=1, overflow="fold")
    table.add_column("conf.", justify="right", no_wrap=True)
    for claim in report.claims:
        status = claim_status(claim)
        if status == "minor" and not verbose:
            continue
        word, style = STATUSES[status]
        text = " ".join(claim.text.split()) if verbose else shorten(claim.text, SHORT_CLAIM)
        row = [str(claim.line), text, Text(word, style), sources_cell(claim)]
        if verbose:
            row.append(", ".join(dict.fromkeys(f"{a.cue.text} ({a.cue.family})" for a in claim.attributions)))
        row.append(f"{claim.confidence:.2f}")
        table.add_row(*row)
    return table


def print_table(report: Report, console: Console, verbose: bool = False) -> None:
    console.print(Group(claims_table(report, verbose), summary_panel(report)))
