"""The `claimcheck` command: thin commands over the library.

Each command parses its options, calls one library function, hands the result
to a renderer and maps it to an exit code. spaCy is imported only by the
commands that analyze text.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from datetime import date
from pathlib import Path
from typing import List, Optional

import typer

from . import __version__
from .errors import ClaimcheckError, ExitCode, OutputError
from .render import ReportFormat

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="Attributed claims in French news: who says so, and when.",
    pretty_exceptions_enable=False,
)


def _fail(message: str) -> None:
    typer.echo(f"claimcheck: {message}", err=True)


def _parse_published(value: Optional[str]) -> Optional[date]:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"expected YYYY-MM-DD, got {value!r}") from None


def _version(value: bool) -> None:
    if value:
        typer.echo(f"claimcheck {__version__}")
        raise typer.Exit()


@app.callback()
def _main(version: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                                       help="Print the version and exit.")) -> None:
    """Attributed claims in French news: who says so, and when."""


def atomic_write(path: Path, text: str) -> None:
    """Write to a temporary name beside `path`, then rename: never a half-written file."""
    path = Path(path)
    if not path.parent.exists():
        raise OutputError(f"{path}: output directory {path.parent} does not exist")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except OSError as exc:
        try:
            os.unlink(tmp)
        except (OSError, UnboundLocalError):
            pass
        raise OutputError(f"{path}: cannot write ({exc.strerror or exc})") from None


class _JsonlSink:
    """JSON Lines written as reports are made, whole lines only, renamed into place at the end."""

    def __init__(self, path: Path):
        if not path.parent.exists():
            raise OutputError(f"{path}: output directory {path.parent} does not exist")
        self.path = path
        fd, self.tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        self.fh = os.fdopen(fd, "w", encoding="utf-8")

    def write(self, line: str) -> None:
        self.fh.write(line)
        self.fh.flush()

    def close(self) -> None:
        self.fh.close()
        os.replace(self.tmp, self.path)


@app.command()
def extract(
    inputs: List[str] = typer.Argument(..., help="Articles: .txt, .md, .jsonl files, directories, globs, or - for stdin."),
    fmt: Optional[ReportFormat] = typer.Option(None, "--format", "-f", help="json, jsonl or table (default: table on a terminal, else json)."),
    output_arg: Optional[str] = typer.Option(None, "--output", "-o", help="A file, or a directory ending in / (one JSON report per article)."),
    published: Optional[str] = typer.Option(None, "--published", help="Publication date YYYY-MM-DD when the input has none."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No table or summary on stdout."),
    verbose: bool = typer.Option(False, "--verbose", "-v", help="Every claim in the table, in full."),
) -> None:
    """Write a report of claims, sources and source dates for each article."""
    pub = _parse_published(published)
    from .extract import analyze_articles
    from .reading import read_inputs
    from .render.json import render_json, render_jsonl_line

    output = Path(output_arg) if output_arg else None
    to_dir = output is not None and (output.is_dir() or output_arg.endswith(("/", os.sep)))
    if to_dir and not output.exists():
        _fail(f"{output}: output directory does not exist")
        raise typer.Exit(ExitCode.ERROR)
    if fmt is None:
        fmt = ReportFormat.table if (sys.stdout.isatty() and output is None) else ReportFormat.json
    console = None
    if fmt is ReportFormat.table and not quiet:
        from rich.console import Console

        console = Console(no_color=bool(os.environ.get("NO_COLOR")) or None, highlight=False)
    errors = 0
    reports = 0
    pending_single: list = []
    sink = None
    used_names: set[str] = set()
    try:
        for item in analyze_articles(read_inputs(inputs, pub)):
            if isinstance(item, ClaimcheckError):
                errors += 1
                _fail(str(item))
                continue
            reports += 1
            if console is not None:
                from .render.table import print_table

                print_table(item, console, verbose=verbose)
            if to_dir:
                name = item.article.id
                while name in used_names:
                    name += "_"
                used_names.add(name)
                atomic_write(output / f"{name}.json", render_json(item))
            elif output is not None:
                if fmt is ReportFormat.jsonl or reports > 1 or pending_single:
                    if sink is None:
                        sink = _JsonlSink(output)
                        for earlier in pending_single:
                            sink.write(render_jsonl_line(earlier))
                        pending_single = []
                    sink.write(render_jsonl_line(item))
                else:
                    pending_single.append(item)
            elif fmt is ReportFormat.json and reports == 1:
                pending_single.append(item)
            elif fmt in (ReportFormat.json, ReportFormat.jsonl):
                for earlier in pending_single:
                    sys.stdout.write(render_jsonl_line(earlier))
                pending_single = []
                sys.stdout.write(render_jsonl_line(item))
                sys.stdout.flush()
        for item in pending_single:
            if output is not None and not to_dir:
                atomic_write(output, render_json(item))
            else:
                sys.stdout.write(render_json(item) if fmt is ReportFormat.json else render_jsonl_line(item))
        if sink is not None:
            sink.close()
    except ClaimcheckError as exc:
        _fail(str(exc))
        raise typer.Exit(exc.exit_code)
    if console is not None and reports > 1:
        console.print(f"{reports} article(s) analysed" + (f", {errors} skipped" if errors else ""))
    if errors or reports == 0:
        raise typer.Exit(ExitCode.ERROR)


@app.command()
def dates(
    inputs: List[str] = typer.Argument(..., help="Articles (any input form of extract)."),
    published: Optional[str] = typer.Option(None, "--published", help="Publication date YYYY-MM-DD when the input has none."),
) -> None:
    """Every date mention with its ISO interval, one JSON line per article."""
    pub = _parse_published(published)
    from .dates import find_dates
    from .reading import read_inputs

    errors = 0
    for item in read_inputs(inputs, pub):
        if isinstance(item, ClaimcheckError):
            errors += 1
            _fail(str(item))
            continue
        mentions = [
            {"text": d.text, "span": [d.start, d.end],
             "from": d.from_.isoformat() if d.from_ else None,
             "to": d.to.isoformat() if d.to else None, "granularity": d.granularity}
            for d in find_dates(item.text, item.published)
        ]
        line = {"article": {"id": item.id, "published": item.published.isoformat() if item.published else None},
                "dates": mentions}
        sys.stdout.write(json.dumps(line, ensure_ascii=False) + "\n")
    if errors:
        raise typer.Exit(ExitCode.ERROR)


@app.command()
def schema() -> None:
    """Print the JSON Schema of the report (schema_version 1)."""
    from .models import report_schema

    typer.echo(json.dumps(report_schema(), ensure_ascii=False, indent=2))


# Commands that live in their own modules register themselves on `app` when imported.
from . import commands  # noqa: E402,F401


def main() -> None:
    try:
        app()
    except ClaimcheckError as exc:
        _fail(str(exc))
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        _fail("interrupted")
        sys.exit(130)
