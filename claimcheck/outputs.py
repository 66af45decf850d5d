"""Where reports go: files written whole or not at all, never over an input or over what is
not a regular file, and the names of one report per article in a directory (issue 17).

- A regular file is written under a temporary name beside it and renamed into place: never
  half written, after a full disk, Ctrl-C or SIGTERM. A character device or a FIFO
  (/dev/null, /dev/stdout, a named pipe) is written in place: a rename would replace
  /dev/null with a regular file, and a FIFO's reader would get nothing.
- An output path that is an input of the same run is refused before anything is written.
- In a directory, each article's report is named after its id; articles whose inputs share
  a name (a/art.txt, b/art.txt) keep their paths relative to the folder they share
  (a/art.json, b/art.json); a name too long for a file system is cut and given a hash.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import stat
import tempfile
from pathlib import Path

from .errors import OutputError


def _file_mode(path: Path) -> int:
    """An existing file keeps its mode; a new one gets what open() would give (0666 less the umask)."""
    try:
        return stat.S_IMODE(os.stat(path).st_mode)
    except OSError:
        mask = os.umask(0)
        os.umask(mask)
        return 0o666 & ~mask


def in_place(path: Path) -> bool:
    """An existing output that is not a regular file nor a directory: written, never replaced."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return False
    return not stat.S_ISREG(mode) and not stat.S_ISDIR(mode)


def _temp_beside(path: Path) -> tuple[int, str]:
    """A temporary file in `path`'s directory (a rename within one filesystem is atomic).

    mkstemp makes it 0600: reports that a web server or a CI step reads must not be private."""
    if not path.parent.exists():
        raise OutputError(f"{path}: output directory {path.parent} does not exist")
    if path.is_dir():
        raise OutputError(f"{path}: is a directory; for one report per article write -o {path}/")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name[:200]}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise OutputError(f"{path}: cannot write ({exc.strerror or exc})") from None
    with contextlib.suppress(OSError):  # a filesystem without modes still takes the file
        os.fchmod(fd, _file_mode(path))
    return fd, tmp


def _write_in_place(path: Path, data: bytes) -> None:
    try:
        with open(path, "wb") as fh:
            fh.write(data)
    except OSError as exc:
        raise OutputError(f"{path}: cannot write ({exc.strerror or exc})") from None


def atomic_write(path: Path, text: str) -> None:
    """Write to a temporary name beside `path`, then rename: never a half-written file,
    not after a full disk nor after Ctrl-C or SIGTERM (the temporary file is removed).
    A device or a FIFO is written in place."""
    path = Path(path)
    if in_place(path):
        return _write_in_place(path, text.encode("utf-8"))
    fd, tmp = _temp_beside(path)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(exc, OSError):
            raise OutputError(f"{path}: cannot write ({exc.strerror or exc}); nothing written") from None
        raise


class ReportSink:
    """Reports written as they are made, whole records only, renamed into place at the end:
    JSON Lines, or (`array`) a JSON array, for a .json file that gets several reports.

    A run stopped early (Ctrl-C, SIGTERM, an error) keeps the whole records written so far
    (an array is closed, so the file stays JSON); a write that fails (a full disk) leaves no
    file: a partial batch would pass for the whole. A device or a FIFO is written in place."""

    def __init__(self, path: Path, array: bool = False):
        self.path, self.array = path, array
        self.direct = in_place(path)
        if self.direct:
            self.tmp = None
            try:
                self.fh = open(path, "wb")
            except OSError as exc:
                raise OutputError(f"{path}: cannot write ({exc.strerror or exc})") from None
        else:
            fd, self.tmp = _temp_beside(path)
            self.fh = os.fdopen(fd, "wb")
        self.whole = 0  # bytes of the records written in full
        self.records = 0
        self.done = False

    def write(self, record: str) -> None:
        """One report: a JSON Lines line (ending in a newline), or one array element."""
        if self.array:
            record = ("[\n" if self.records == 0 else ",\n") + record.rstrip("\n")
        data = record.encode("utf-8")
        try:
            self.fh.write(data)
            self.fh.flush()
        except OSError as exc:
            self.discard()
            raise OutputError(f"{self.path}: cannot write ({exc.strerror or exc}); no report file left") from None
        self.whole += len(data)
        self.records += 1

    def close(self, complete: bool = True) -> None:
        """Into place: every record, or (`complete=False`) the whole ones written so far."""
        if self.done:
            return
        if not complete and self.whole == 0 and not self.direct:
            return self.discard()  # nothing to keep: an earlier file at the path stays
        try:
            if not complete and not self.direct:
                self.fh.truncate(self.whole)  # a record cut by the signal
                self.fh.seek(self.whole)
            if self.array:
                self.fh.write(b"\n]\n" if self.records else b"[]\n")
            self.fh.flush()
            if not self.direct:
                os.fsync(self.fh.fileno())
            self.fh.close()
            if not self.direct:
                os.replace(self.tmp, self.path)
            self.done = True
        except OSError as exc:
            self.discard()
            raise OutputError(f"{self.path}: cannot write ({exc.strerror or exc}); no report file left") from None
        except BaseException:
            self.discard()
            raise

    def discard(self) -> None:
        self.done = True
        with contextlib.suppress(OSError):
            self.fh.close()
        if self.tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(self.tmp)


def refuse_inputs_as_output(output: Path, inputs: list[str]) -> None:
    """An output that is one of the run's inputs would be overwritten by its own report."""
    if not output.exists() or in_place(output):
        return
    target = _resolved(output)
    for item in inputs:
        if item != "-" and _resolved(Path(item)) == target:
            raise OutputError(f"{output}: is an input of this run; write the report elsewhere")


def _resolved(path: Path) -> Path:
    try:
        return path.resolve()
    except (OSError, RuntimeError):  # a link loop
        return Path(os.path.abspath(path))


# A name of at most this many bytes, with room for a suffix and ".html" within the 255 bytes
# most file systems allow (a JSONL id is free text: a 300-byte id aborted the batch).
_MAX_NAME_BYTES = 200
_UNSAFE = re.compile(r'[\\/\x00-\x1f<>:"|?*]')


def safe_name(name: str) -> str:
    """A file name from an article id: no separators, no leading dot, not too long."""
    cleaned = _UNSAFE.sub("_", name).lstrip(".") or "article"
    raw = cleaned.encode("utf-8")
    if len(raw) <= _MAX_NAME_BYTES:
        return cleaned
    digest = hashlib.sha256(name.encode("utf-8", "surrogatepass")).hexdigest()[:12]
    cut = raw[:_MAX_NAME_BYTES - 13].decode("utf-8", "ignore")
    return f"{cut}-{digest}"


class OutputNames:
    """Names (without suffix, relative to the output directory) of the reports of one run.

    `inputs` are the run's input files, known before the analysis: those that share a file
    name keep their paths below the folder they have in common, so that a/art.txt and
    b/art.txt give a/art and b/art (rather than art and art_). What is left of a clash
    (two JSON Lines records with one id) gets -2, -3… The names of the run's inputs are
    refused: a page written as page.html in the folder it was read from would replace it."""

    def __init__(self, inputs: list[str], reserved: set[str] = frozenset(), suffix: str = ".json", folder: Path | None = None):
        self.used = set(reserved)
        self.suffix, self.folder = suffix, folder
        self.inputs = {_resolved(Path(p)) for p in inputs if p != "-"}
        by_stem: dict[str, list[Path]] = {}
        for item in inputs:
            if item != "-" and not item.lower().endswith((".jsonl", ".ndjson")):
                by_stem.setdefault(Path(item).stem, []).append(Path(item))
        self.relative: dict[str, str] = {}
        for stem, paths in by_stem.items():
            if len({_resolved(p) for p in paths}) < 2:
                continue
            common = Path(os.path.commonpath([str(_resolved(p).parent) for p in paths]))
            for p in paths:
                rel = _resolved(p).relative_to(common).with_suffix("")
                self.relative[str(p)] = "/".join(safe_name(part) for part in rel.parts)

        if self.folder is not None:  # before any analysis: the files' reports are named by their stems
            for item in inputs:
                if item != "-" and not item.lower().endswith((".jsonl", ".ndjson")):
                    self._refuse_input(self.relative.get(item) or safe_name(Path(item).stem))

    def name(self, article_id: str, path: str | None) -> str:
        base = self.relative.get(path or "", None) or safe_name(article_id)
        name, n = base, 1
        while name in self.used:
            n += 1
            name = f"{base}-{n}"
        self._refuse_input(name)
        self.used.add(name)
        return name

    def _refuse_input(self, name: str) -> None:
        target = self.folder / f"{name}{self.suffix}" if self.folder is not None else None
        if target is not None and _resolved(target) in self.inputs:
            raise OutputError(f"{target}: is an input of this run; write the reports to another folder")

    def target(self, article_id: str, path: str | None) -> Path:
        """The file for this report in the output folder, its own folders made."""
        rel = self.name(article_id, path) + self.suffix
        target = self.folder / rel
        if "/" in rel:
            try:
                target.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise OutputError(f"{target.parent}: cannot make the folder ({exc.strerror or exc})") from None
        return target
