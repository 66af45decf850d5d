"""The `claimcheck` command: thin commands over the library.

Each command parses its options, calls one library function, hands the result
to a renderer and maps it to an exit code. spaCy is imported only by the
commands that analyze text.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
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


def _safe_name(name: str) -> str:
    """A file name from an article id (JSONL ids are free text): no separators, no leading dot."""
    cleaned = re.sub(r'[\\/\x00-\x1f<>:"|?*]', "_", name).lstrip(".")
    return cleaned or "article"


def _unique_name(name: str, used: set[str]) -> str:
    name = _safe_name(name)
    while name in used:
        name += "_"
    used.add(name)
    return name


class _HtmlPages:
    """--format html: a page per article and index.html in a directory, or one page to a file or stdout."""

    def __init__(self, output: Optional[Path], to_dir: bool):
        self.output, self.to_dir = output, to_dir
        self.used = {"index"}  # the index page's name is taken
        self.entries: list = []
        self.single = None

    def add(self, report) -> None:
        from .render.html import index_entry, render_html

        if self.to_dir:
            name = _unique_name(report.article.id, self.used)
            atomic_write(self.output / f"{name}.html", render_html(report))
            self.entries.append(index_entry(report, f"{name}.html"))
        elif self.single is None:
            self.single = report
        else:
            raise OutputError("--format html makes one page per article: "
                              "for several articles give a directory, -o DIR/")

    def close(self) -> None:
        from .render.html import render_html, render_index

        if self.to_dir and self.entries:
            atomic_write(self.output / "index.html", render_index(self.entries, __version__))
        elif self.single is not None:
            page = render_html(self.single)
            if self.output is not None:
                atomic_write(self.output, page)
            else:
                sys.stdout.write(page)


PROGRESS_AFTER = 3  # a progress bar only for runs of more than this many articles


class _ProgressBar:
    """Articles done, words per second and time left, on stderr; advanced as reports come out."""

    def __init__(self, items: list, redirect_stdout: bool):
        from rich.console import Console
        from rich.progress import BarColumn, Progress, ProgressColumn, TextColumn, TimeRemainingColumn
        from rich.text import Text

        from .reading import Article

        class WordsPerSecond(ProgressColumn):
            def render(self, task):  # rich measures speed between updates: model loading is not counted
                return Text(f"{task.speed:,.0f} words/s" if task.speed else "… words/s", style="cyan")

        self.items = items
        self.words = [len(a.text.split()) if isinstance(a, Article) else 0 for a in items]
        count = sum(isinstance(a, Article) for a in items)
        self.progress = Progress(
            TextColumn("[bold]analysing[/]"), BarColumn(),
            TextColumn("{task.fields[done]}/{task.fields[count]} articles"), WordsPerSecond(),
            TextColumn("time left"), TimeRemainingColumn(),
            console=Console(stderr=True), redirect_stdout=redirect_stdout, redirect_stderr=True,
        )
        self.task = self.progress.add_task("extract", total=max(sum(self.words), 1), done=0, count=count)
        self.current = -1
        self.done = 0

    @classmethod
    def wanted(cls, items: list) -> bool:
        from .reading import Article

        return sum(isinstance(a, Article) for a in items) > PROGRESS_AFTER

    def feed(self):
        for self.current, item in enumerate(self.items):
            yield item

    def advance(self, report_or_error) -> None:
        self.done += not isinstance(report_or_error, ClaimcheckError)
        self.progress.update(self.task, advance=self.words[self.current], done=self.done)

    def error(self, message: str) -> None:
        # Through the bar's console, which prints above the bar; click's echo would write under it.
        self.progress.console.print(f"claimcheck: {message}", markup=False, highlight=False, soft_wrap=True)

    def __enter__(self):
        self.progress.start()
        return self

    def __exit__(self, *exc) -> None:
        self.progress.stop()


@app.command()
def extract(
    inputs: List[str] = typer.Argument(..., help="Articles: .txt, .md, .html, .jsonl files, directories, globs, or - for stdin."),
    fmt: Optional[ReportFormat] = typer.Option(None, "--format", "-f", help="json, jsonl, table or html (default: table on a terminal, else json)."),
    output_arg: Optional[str] = typer.Option(None, "--output", "-o", help="A file, or a directory ending in / (one report per article: JSON, or HTML pages and index.html)."),
    published: Optional[str] = typer.Option(None, "--published", help="Publication date YYYY-MM-DD: wins over a date found in a text or web page, not over a JSONL published field."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No table or summary on stdout, no progress bar."),
    verbose: bool = typer.Option(False, "--verbose", "-v", help="Every claim in the table, in full, with its cues."),
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
        from .render.table import make_console, print_table

        console = make_console()
    html_pages = _HtmlPages(output, to_dir) if fmt is ReportFormat.html else None
    articles = read_inputs(inputs, pub)
    bar = None
    # Reports streamed raw to the terminal would tear a live bar: no bar then.
    raw_to_terminal = sys.stdout.isatty() and output is None and fmt is not ReportFormat.table
    if not quiet and sys.stderr.isatty() and not raw_to_terminal:
        articles = list(articles)  # counted first: the bar needs a total
        if _ProgressBar.wanted(articles):
            bar = _ProgressBar(articles, redirect_stdout=console is not None and sys.stdout.isatty())
    errors = 0
    reports = 0
    pending_single: list = []
    sink = None
    used_names: set[str] = set()
    try:
        with bar or contextlib.nullcontext():
            for item in analyze_articles(bar.feed() if bar else articles):
                if bar is not None:
                    bar.advance(item)
                if isinstance(item, ClaimcheckError):
                    errors += 1
                    bar.error(str(item)) if bar is not None else _fail(str(item))
                    continue
                reports += 1
                if console is not None:
                    print_table(item, console, verbose=verbose)
                if html_pages is not None:
                    html_pages.add(item)
                elif to_dir:
                    name = _unique_name(item.article.id, used_names)
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
        if html_pages is not None:
            html_pages.close()
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
