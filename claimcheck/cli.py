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
import signal
import sys
from datetime import date
from pathlib import Path
from typing import List, Optional

import typer

from . import __version__, interrupts
from . import outputs as _outputs
from .errors import ClaimcheckError, ExitCode, Interrupted, OutputError
from .render import ReportFormat

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="Attributed claims in French news: who says so, and when.",
    pretty_exceptions_enable=False,
)


def _fail(message: str) -> None:
    typer.echo(f"claimcheck: {message}", err=True)


_ISO_DAY = re.compile(r"\d{4}-\d\d-\d\d")


def _parse_published(value: Optional[str]) -> Optional[date]:
    if value is None:
        return None
    try:
        # fromisoformat alone takes 20250101 and 2025-W01-1 too (Python 3.11): the contract says YYYY-MM-DD
        if not _ISO_DAY.fullmatch(value):
            raise ValueError
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


# The writers live in outputs.py; these names stay for the commands and tests that import them.
atomic_write = _outputs.atomic_write
_JsonlSink = _outputs.ReportSink


class _HtmlPages:
    """--format html: a page per article and index.html in a directory, or one page to a file or stdout."""

    def __init__(self, output: Optional[Path], to_dir: bool, inputs: list[str]):
        self.output, self.to_dir = output, to_dir
        # the index page's name is taken
        self.names = _outputs.OutputNames(inputs, {"index"}, ".html", output) if to_dir else None
        self.entries: list = []
        self.single = None

    def add(self, report) -> None:
        from .render.html import index_entry, render_html

        if self.to_dir:
            target = self.names.target(report.article.id, report.article.path)
            atomic_write(target, render_html(report))
            self.entries.append(index_entry(report, target.relative_to(self.output).as_posix()))
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


class _Bar:
    """A rich progress bar on stderr; `self.progress` is made by the subclass."""

    progress = None

    def error(self, message: str) -> None:
        # Through the bar's console, which prints above the bar; click's echo would write under it.
        self.progress.console.print(f"claimcheck: {message}", markup=False, highlight=False, soft_wrap=True)

    def __enter__(self):
        self.progress.start()
        return self

    def __exit__(self, *exc) -> None:
        self.progress.stop()


class _ProgressBar(_Bar):
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


class _PartitionBar(_Bar):
    """--scheduler: partitions and articles done and words per second, on stderr, advanced
    as the cluster completes partitions. No total and no time left: the input is streamed
    to the cluster, and counting it first would hold the whole archive here."""

    def __init__(self, redirect_stdout: bool):
        from rich.console import Console
        from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

        self.progress = Progress(
            TextColumn("[bold]analysing on Dask[/]"), BarColumn(),  # no total: a pulse
            TextColumn("{task.fields[partitions]} partitions, {task.fields[done]} articles"),
            TextColumn("[cyan]{task.fields[speed]}[/]"), TimeElapsedColumn(),
            console=Console(stderr=True), redirect_stdout=redirect_stdout, redirect_stderr=True,
        )
        self.task = self.progress.add_task("extract", total=None, partitions=0, done=0, speed="… words/s")
        self.partitions = self.done = 0

    def partition_done(self, articles: int, words: int) -> None:
        self.partitions += 1
        self.done += articles
        self.progress.update(self.task, advance=words, partitions=self.partitions, done=self.done)
        speed = self.progress.tasks[0].speed  # measured between completions: start-up is not counted
        if speed:
            self.progress.update(self.task, speed=f"{speed:,.0f} words/s")


def _make_folder(folder: Path) -> None:
    """The output folder, made when missing (-o view/ as the README shows it)."""
    if folder.is_dir():
        return
    if folder.exists():
        raise OutputError(f"output directory {folder} is not a directory")
    try:
        folder.mkdir(parents=True)
    except OSError as exc:
        raise OutputError(f"{folder}: cannot make the output directory ({exc.strerror or exc})") from None


@app.command()
def extract(
    inputs: List[str] = typer.Argument(..., help="Articles: .txt, .md, .html, .jsonl files, directories, globs, or - for stdin."),
    fmt: Optional[ReportFormat] = typer.Option(None, "--format", "-f", help="json, jsonl, table or html (default: table on a terminal, else json)."),
    output_arg: Optional[str] = typer.Option(None, "--output", "-o", help="A file, or a directory ending in / (one report per article: JSON, or HTML pages and index.html)."),
    published: Optional[str] = typer.Option(None, "--published", help="Publication date YYYY-MM-DD: wins over a date found in a text or web page, not over a JSONL published field."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No table or summary on stdout, no progress bar."),
    verbose: bool = typer.Option(False, "--verbose", "-v", help="Every claim in the table, in full, with its cues."),
    jobs: int = typer.Option(1, "--jobs", "-j", help="Worker processes analysing articles side by side (one model each); reports keep the input order."),
    scheduler: Optional[str] = typer.Option(None, "--scheduler", help="Run the batch on Dask: tcp://HOST:PORT (a running scheduler) or local:N (a cluster of N worker processes made for the run); needs pip install 'claimcheck[dask]'. The output is the output of one job."),
    scheduler_timeout: float = typer.Option(10.0, "--scheduler-timeout", help="Seconds to wait for the --scheduler to answer and to have a worker."),
) -> None:
    """Write a report of claims, sources and source dates for each article."""
    pub = _parse_published(published)
    if jobs < 1:
        _fail(f"--jobs: expected 1 or more worker processes, got {jobs}")
        raise typer.Exit(ExitCode.ERROR)
    spec = None
    if scheduler is not None:
        if jobs > 1:
            _fail("--scheduler and --jobs: the cluster's workers run the batch; give one or the other")
            raise typer.Exit(ExitCode.ERROR)
        if not scheduler_timeout > 0:
            _fail(f"--scheduler-timeout: expected a number of seconds above 0, got {scheduler_timeout:g}")
            raise typer.Exit(ExitCode.ERROR)
        from .dask_runner import parse_scheduler, require_dask

        try:
            spec = parse_scheduler(scheduler)
            require_dask()  # before anything is read
        except ClaimcheckError as exc:
            _fail(str(exc))
            raise typer.Exit(exc.exit_code)
    from .parallel import analyze_parallel
    from .reading import expand_inputs, read_inputs
    from .render.json import render_json, render_jsonl_line

    output = Path(output_arg) if output_arg else None
    to_dir = output is not None and (output.is_dir() or output_arg.endswith(("/", os.sep)))
    # The inputs are listed first (not read): an output must not be one of them, and the
    # reports of inputs that share a name are named by their paths.
    listed = list(expand_inputs(inputs))
    files = [item for item in listed if isinstance(item, str)]
    names = None
    try:
        if output is not None:  # before the analysis, not after
            _make_folder(output if to_dir else output.parent)
            if to_dir:
                names = _outputs.OutputNames(files, set(), ".html" if fmt is ReportFormat.html else ".json", output)
            else:
                _outputs.refuse_inputs_as_output(output, files)
    except ClaimcheckError as exc:
        _fail(str(exc))
        raise typer.Exit(exc.exit_code)
    if fmt is None:
        fmt = ReportFormat.table if (sys.stdout.isatty() and output is None) else ReportFormat.json
    console = None
    if fmt is ReportFormat.table and not quiet:
        from .render.table import make_console, print_table

        console = make_console()
    html_pages = _HtmlPages(output, to_dir, files) if fmt is ReportFormat.html else None
    articles = read_inputs(listed, pub)
    bar = None
    # Reports streamed raw to the terminal would tear a live bar: no bar then.
    raw_to_terminal = sys.stdout.isatty() and output is None and fmt is not ReportFormat.table
    if not quiet and sys.stderr.isatty() and not raw_to_terminal:
        if spec is not None:
            bar = _PartitionBar(redirect_stdout=console is not None and sys.stdout.isatty())
        else:
            articles = list(articles)  # counted first: the bar needs a total
            if _ProgressBar.wanted(articles):
                bar = _ProgressBar(articles, redirect_stdout=console is not None and sys.stdout.isatty())
    errors = 0
    reports = 0
    pending_single: list = []
    sink = None
    cluster = contextlib.ExitStack()  # the pool, or the Dask client and local cluster: closed at the end
    try:
        if spec is not None:
            from .dask_runner import analyze_on_dask, connect

            client = cluster.enter_context(connect(spec, scheduler_timeout))
            results = analyze_on_dask(articles, client, on_partition=bar.partition_done if bar else None)
            cluster.callback(results.close)  # its tasks cancelled before the client closes
        else:
            results = analyze_parallel(bar.feed() if bar else articles, jobs)
            cluster.callback(results.close)  # the pool ended however the loop ends, not left to the collector
        with bar or contextlib.nullcontext():
            for item in results:
                interrupts.check()  # a signal whose raise was swallowed stops the run here
                if isinstance(bar, _ProgressBar):  # the partition bar follows the cluster instead
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
                    atomic_write(names.target(item.article.id, item.article.path), render_json(item))
                elif output is not None:
                    if fmt is ReportFormat.jsonl or reports > 1 or pending_single:
                        if sink is None:
                            # Several reports in a .json file are a JSON array (JSON Lines there
                            # would be no JSON); any other name gets JSON Lines, as the contract says.
                            array = fmt is ReportFormat.json and output.suffix.lower() == ".json"
                            sink = _outputs.ReportSink(output, array=array)
                            for earlier in pending_single:
                                sink.write(render_json(earlier) if array else render_jsonl_line(earlier))
                            pending_single = []
                        sink.write(render_json(item) if sink.array else render_jsonl_line(item))
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
    except BaseException as exc:  # Interrupted too: a run stopped early keeps its whole lines
        if sink is not None:
            with contextlib.suppress(ClaimcheckError):
                sink.close(complete=False)
        if isinstance(exc, ClaimcheckError):
            _fail(str(exc))
            raise typer.Exit(exc.exit_code)
        raise
    finally:
        cluster.close()
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


def _on_signal(signum: int, frame) -> None:
    if os.getpid() != _MAIN_PID:  # a forked --jobs worker (pool.terminate sends SIGTERM): just go
        signal.signal(signum, signal.SIG_DFL)
        os.kill(os.getpid(), signum)
        return
    # A second Ctrl-C must not cut the clean-up of the first short.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    interrupts.note(signum)  # raised again where the run waits, if this raise is swallowed
    raise Interrupted(signum)


_MAIN_PID = os.getpid()


def _handle_signals() -> None:
    """SIGTERM (a CI job cancelled, a container stopped) is handled as Ctrl-C is."""
    global _MAIN_PID
    _MAIN_PID = os.getpid()
    signal.signal(signal.SIGINT, _on_signal)
    signal.signal(signal.SIGTERM, _on_signal)


def main() -> None:
    _handle_signals()
    try:
        app()
    except ClaimcheckError as exc:
        _fail(str(exc))
        sys.exit(exc.exit_code)
    except Interrupted as exc:
        _fail(f"interrupted ({signal.Signals(exc.signum).name}); the reports already written are complete")
        sys.exit(128 + exc.signum)
    except KeyboardInterrupt:
        _fail("interrupted")
        sys.exit(130)
    except OSError as exc:  # standard output on a full disk: the files we write fail as OutputError
        _fail((f"{exc.filename}: " if exc.filename else "") + f"input/output error ({exc.strerror or exc})")
        with contextlib.suppress(OSError):  # the buffered rest would fail again at exit, with a traceback
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(ExitCode.ERROR)
