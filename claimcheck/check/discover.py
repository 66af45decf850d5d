"""Which files `claimcheck check` reads: directories, globs, `-`, exclusions, .gitignore.

Files found by walking a directory or expanding a glob respect .gitignore: git
itself decides (`git check-ignore`) inside a work tree, a small parser of
.gitignore files otherwise. Files named on the command line are always read,
unless an exclude pattern names them: a CI job passing the files a pull
request changed still gets its excludes.
"""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator

from .. import bounded
from ..bounded import missing_reason
from ..errors import InputError
from .config import ExcludePattern
from .globs import expand_glob, glob_match, is_literal

REPORT_SUFFIXES = {".json", ".jsonl", ".ndjson"}


@dataclass(frozen=True)
class Input:
    path: str  # as the user gave it or as found under a directory; "-" for stdin
    kind: str  # "article", "report" or "stdin"


# --- glob patterns (exclude and .gitignore share one matcher, globs.py) -----------------------

def resolved(path: Path) -> Path:
    """Path.resolve(), but a symbolic link loop (a RuntimeError in Python 3.11) or an
    unreadable link gives the absolute path as written instead of a traceback."""
    try:
        return path.resolve()
    except (RuntimeError, OSError):
        return Path(os.path.abspath(path))


def pattern_matches(pattern: str, rel: str, is_dir: bool) -> bool:
    """Whether a gitignore-style pattern matches the relative path `rel` itself (not its parents)."""
    dir_only = pattern.endswith("/")
    pattern = pattern.rstrip("/")
    if dir_only and not is_dir:
        return False
    if pattern.startswith("./"):
        pattern = pattern[2:]
    anchored = "/" in pattern
    if anchored:
        return glob_match(pattern.lstrip("/"), rel)
    return glob_match(pattern, rel.rsplit("/", 1)[-1])


def _relative(path: Path, base: Path) -> str | None:
    try:
        return resolved(path).relative_to(resolved(base)).as_posix()
    except ValueError:
        return None


def is_excluded(path: Path, patterns: Iterable[ExcludePattern]) -> bool:
    """An exclude pattern matches the file or one of its folders (relative to the pattern's base)."""
    for pat in patterns:
        rel = _relative(path, pat.base)
        if rel is None:
            continue
        parts = rel.split("/")
        for k in range(1, len(parts) + 1):
            if pattern_matches(pat.pattern, "/".join(parts[:k]), is_dir=k < len(parts)):
                return True
    return False


# --- .gitignore --------------------------------------------------------------------------------

def _git_toplevel(folder: Path) -> Path | None:
    try:
        out = subprocess.run(["git", "rev-parse", "--show-toplevel"], cwd=folder, capture_output=True,
                             text=True, timeout=30)
    except (OSError, subprocess.SubprocessError):
        return None
    return Path(out.stdout.strip()) if out.returncode == 0 and out.stdout.strip() else None


def _git_ignored(top: Path, files: list[Path]) -> set[Path] | None:
    """The files git ignores (tracked files never are), or None when git cannot say."""
    if not files:
        return set()
    data = "".join(f"{resolved(f)}\0" for f in files)
    try:
        out = subprocess.run(["git", "check-ignore", "--stdin", "-z"], cwd=top, input=data,
                             capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.SubprocessError):
        return None
    if out.returncode not in (0, 1):
        return None
    return {Path(p) for p in out.stdout.split("\0") if p}


class GitignoreFiles:
    """The .gitignore files under a folder (and its parents up to the working directory), outside git."""

    def __init__(self, root: Path):
        self.root = resolved(root)
        self._rules: dict[Path, list[tuple[str, bool]]] = {}
        self._index: dict[Path, "_RuleIndex"] = {}

    def _rules_of(self, folder: Path) -> list[tuple[str, bool]]:
        if folder not in self._rules:
            rules = []
            try:
                raw = bounded.read_file(folder / ".gitignore", bounded.MAX_SETTINGS_BYTES, what="a .gitignore")
                lines = raw.decode("utf-8", errors="replace").splitlines()
            except InputError:
                lines = []  # absent, unreadable or absurdly large: no rules from it, as git would warn and go on
            for raw in lines:
                line = raw.rstrip()
                if raw.endswith("\\ "):
                    line += " "
                if not line or line.startswith("#"):
                    continue
                negate = line.startswith("!")
                if negate or line.startswith("\\!") or line.startswith("\\#"):
                    line = line[1:]
                rules.append((line, negate))
            self._rules[folder] = rules
        return self._rules[folder]

    def _folders(self, path: Path) -> list[Path]:
        """Folders whose .gitignore applies to `path`, shallowest first: from the working
        directory (or the walk's root when it lies elsewhere) down to the file's folder."""
        cwd = resolved(Path.cwd())
        start = cwd if (self.root == cwd or cwd in self.root.parents) else self.root
        return [p for p in reversed(path.parents) if p == start or start in p.parents]

    def ignored(self, path: Path) -> bool:
        path = resolved(path)
        folders = self._folders(path)
        if not folders:
            return False
        parts = path.relative_to(folders[0]).parts
        # A file is ignored when it or one of its folders is; git never looks inside an ignored folder.
        for k in range(1, len(parts) + 1):
            target = folders[0].joinpath(*parts[:k])
            state = False
            for folder in folders:
                if folder not in target.parents:
                    continue
                rel = target.relative_to(folder).as_posix()
                if folder not in self._index:
                    self._index[folder] = _RuleIndex(self._rules_of(folder))
                last = self._index[folder].last_match(rel, is_dir=k < len(parts))
                if last is not None:
                    state = not last
            if state:
                return True
        return False


class _RuleIndex:
    """One .gitignore's rules, plain names looked up by name rather than each rule tried in
    turn: 20,000 rules over 1,000 files took minutes. The last rule that matches decides."""

    def __init__(self, rules: list[tuple[str, bool]]):
        self.by_name: dict[str, list[tuple[int, str, bool]]] = {}
        self.others: list[tuple[int, str, bool]] = []
        for order, (pattern, negate) in enumerate(rules):
            name = pattern.rstrip("/")
            if "/" not in name and is_literal(name):
                self.by_name.setdefault(name, []).append((order, pattern, negate))
            else:
                self.others.append((order, pattern, negate))

    def last_match(self, rel: str, is_dir: bool) -> bool | None:
        """The negation flag of the last rule matching `rel`, or None when none does."""
        best = None
        for order, pattern, negate in self.by_name.get(rel.rsplit("/", 1)[-1], ()):
            if pattern_matches(pattern, rel, is_dir) and (best is None or order > best[0]):
                best = (order, negate)
        for order, pattern, negate in reversed(self.others):
            if best is not None and order < best[0]:
                break
            if pattern_matches(pattern, rel, is_dir):
                best = (order, negate)
                break
        return None if best is None else best[1]


def drop_ignored(root: Path, files: list[Path]) -> list[Path]:
    top = _git_toplevel(root)
    if top is not None:
        ignored = _git_ignored(top, files)
        if ignored is not None:
            return [f for f in files if resolved(f) not in ignored]
    parser = GitignoreFiles(root)
    return [f for f in files if not parser.ignored(f)]


# --- inputs ------------------------------------------------------------------------------------

def article_suffixes() -> set[str]:
    from ..reading import SUPPORTED  # what the reader accepts decides what a walk picks up

    return set(SUPPORTED)


def looks_like_report(path: Path) -> bool:
    """A report file says so on its first line: `"schema_version"` (read without parsing the rest)."""
    try:
        with path.open("rb") as fh:
            head = fh.read(65536)
    except OSError:
        return False
    first = next((ln for ln in head.splitlines() if ln.strip()), b"")
    return b'"schema_version"' in first or (first.strip() == b"{" and b'"schema_version"' in head[:4096])


def _classify(path: Path) -> str | None:
    suffix = path.suffix.lower()
    if suffix in REPORT_SUFFIXES and looks_like_report(path):
        return "report"
    if suffix in article_suffixes():
        return "article"
    return None


def _walk(folder: Path, excludes: list[ExcludePattern], errors: list[InputError] | None = None) -> list[Path]:
    """Files under `folder`, sorted, symbolic links to folders not followed; a folder that
    cannot be listed is an error in `errors` (os.walk would skip it without a word)."""
    found = []

    def unreadable(exc: OSError) -> None:
        if errors is not None:
            reason = "permission denied" if isinstance(exc, PermissionError) else f"cannot list ({exc.strerror or exc})"
            errors.append(InputError(f"{exc.filename or folder}: {reason}"))

    for dirpath, dirnames, filenames in os.walk(folder, onerror=unreadable):
        here = Path(dirpath)
        dirnames[:] = sorted(d for d in dirnames if d != ".git" and not is_excluded(here / d, excludes))
        found.extend(here / name for name in sorted(filenames))
    return found


def expand(inputs: list[str], excludes: list[ExcludePattern]) -> Iterator[Input | InputError]:
    """Every input to check, in order, without duplicates; unusable ones as InputError items."""
    seen: set[Path] = set()

    def emit(path: Path, shown: str, kind: str) -> Iterator[Input]:
        key = resolved(path)
        if key not in seen and not is_excluded(path, excludes):
            seen.add(key)
            yield Input(shown, kind)

    for item in inputs:
        if item == "-":
            yield Input("-", "stdin")
            continue
        path = Path(item)
        if path.is_dir():
            errors: list[InputError] = []
            candidates = [(f, kind) for f in _walk(path, excludes, errors) if (kind := _classify(f))]
            yield from errors
            if not candidates and not errors and not any(_classify(f) for f in _walk(path, [])):
                yield InputError(f"{item}: no article or report files in this directory")
                continue
            kept = set(drop_ignored(path, [f for f, _ in candidates]))
            for f, kind in candidates:
                if f in kept:
                    yield from emit(f, str(f), kind)
        elif any(ch in item for ch in "*?[") and not path.exists():
            matches = [Path(m) for m in expand_glob(item)]
            files = [m for m in matches if m.is_file() and _classify(m)]
            for folder in (m for m in matches if m.is_dir()):
                files.extend(f for f in _walk(folder, excludes) if _classify(f))
            if not matches:
                yield InputError(f"{item}: no file matches")
                continue
            root = Path(os.path.commonpath([str(resolved(m)) for m in matches]))
            root = root if root.is_dir() else root.parent
            for f in drop_ignored(root, files):
                yield from emit(f, str(f), _classify(f))
        elif not path.exists():
            yield InputError(f"{item}: {missing_reason(path)}")
        elif path.suffix.lower() in REPORT_SUFFIXES:
            kind = _classify(path)
            if kind is None:
                yield InputError(f"{item}: not a claimcheck report (no \"schema_version\"); articles are .txt, .md, .html or .jsonl")
                continue
            yield from emit(path, item, kind)
        else:
            # An explicitly named article of any suffix goes to the reader, which gives its own error.
            yield from emit(path, item, "article")
