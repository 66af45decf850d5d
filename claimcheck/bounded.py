"""Reading files and streams with a size cap, refused while reading (issue 17).

`read()` on /dev/zero, a FIFO, a sparse 8 GB file or standard input fed without end never
returns, or returns gigabytes that the analysis would refuse anyway; the size a file system
reports is no guide (0 for devices and pipes). Every input is read here in bounded chunks,
and refused with one line as soon as it passes its cap. Pure: no spaCy, no reader imports,
so `check` and `diff` use it too.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import BinaryIO, Callable, Iterator

from .errors import InputError

CHUNK = 1 << 16
MB = 1_000_000  # decimal, as the messages say it


def missing_reason(path: Path) -> str:
    """Why a path named on the command line cannot be opened: absent, or a link to nowhere."""
    import os

    if os.path.islink(path):
        try:
            os.stat(path)
        except OSError as exc:
            return "symbolic link loop" if exc.errno == 40 else "broken symbolic link"
    return "no such file or directory"


def _too_large(origin: str, limit: int, what: str) -> InputError:
    return InputError(f"{origin}: larger than {limit // MB:,} MB, more than {what} can be; split it")


def read_stream(fh: BinaryIO, limit: int, origin: str, what: str = "an article",
                sniff: Callable[[bytes], None] | None = None) -> bytes:
    """At most `limit` bytes of `fh`; InputError past it. `sniff` sees the first chunk (to
    refuse a binary file before reading more of it)."""
    parts: list[bytes] = []
    held = 0
    try:
        while True:
            chunk = fh.read(min(CHUNK, limit + 1 - held))
            if not chunk:
                break
            if not parts and sniff is not None:
                sniff(chunk)
            parts.append(chunk)
            held += len(chunk)
            if held > limit:
                raise _too_large(origin, limit, what)
        return b"".join(parts)
    except MemoryError:  # under a memory limit (ulimit, a container): one line, the batch goes on
        parts.clear()
        raise InputError(f"{origin}: not enough memory to read it") from None


def read_file(path: Path, limit: int, origin: str | None = None, what: str = "an article",
              sniff: Callable[[bytes], None] | None = None) -> bytes:
    origin = origin or str(path)
    try:
        with open(path, "rb") as fh:
            return read_stream(fh, limit, origin, what, sniff)
    except IsADirectoryError:
        raise InputError(f"{origin}: is a directory") from None
    except FileNotFoundError:
        raise InputError(f"{origin}: no such file") from None
    except PermissionError:
        raise InputError(f"{origin}: permission denied") from None
    except OSError as exc:
        raise InputError(f"{origin}: cannot read ({exc.strerror or exc})") from None


def read_text(path: Path, limit: int, origin: str | None = None, what: str = "a report",
              encoding: str = "utf-8") -> str:
    """A UTF-8 text file under a cap; a file that is not UTF-8 is an InputError too."""
    origin = origin or str(path)
    data = read_file(path, limit, origin, what)
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise InputError(f"{origin}: not UTF-8 (invalid byte at offset {exc.start})") from None


class LineTooLong:
    """A line past the cap, skipped without being held: its number, for the error."""

    __slots__ = ("number",)

    def __init__(self, number: int):
        self.number = number


def lines(fh: BinaryIO, limit: int) -> Iterator[bytes | LineTooLong]:
    """The lines of a binary stream (ending at b"\\n" only, which is kept), each at most
    `limit` bytes; a longer one is read through in chunks and given as LineTooLong."""
    number = 0
    while True:
        line = fh.readline(limit + 1)
        if not line:
            return
        number += 1
        if len(line) > limit and not line.endswith(b"\n"):
            while True:  # the rest of the line, thrown away chunk by chunk
                rest = fh.readline(CHUNK)
                if not rest or rest.endswith(b"\n"):
                    break
            yield LineTooLong(number)
            continue
        yield line


def peekable(fh: BinaryIO, head: bytes) -> BinaryIO:
    """A stream that gives `head` (already read from `fh`) and then the rest of `fh`."""
    return io.BufferedReader(_Chained(head, fh), buffer_size=CHUNK)


class _Chained(io.RawIOBase):
    def __init__(self, head: bytes, fh: BinaryIO):
        self.head, self.fh = memoryview(head), fh

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        if self.head:
            n = min(len(buffer), len(self.head))
            buffer[:n] = self.head[:n]
            self.head = self.head[n:]
            return n
        data = self.fh.read(len(buffer))
        buffer[:len(data)] = data
        return len(data)


# A configuration file or an allow-list is a few kilobytes; a megabyte is not one.
MAX_SETTINGS_BYTES = MB


def read_toml(path: Path, what: str) -> dict:
    """A TOML file under MAX_SETTINGS_BYTES, as a dict; InputError naming `what` otherwise
    (not found, not UTF-8, not TOML: each one line, never a traceback)."""
    import tomllib

    if not Path(path).exists():
        raise InputError(f"{path}: {what} file not found")
    data = read_file(Path(path), MAX_SETTINGS_BYTES, str(path), f"a {what} file")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(f"{path}: {what} is not UTF-8 (invalid byte at offset {exc.start})") from None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise InputError(f"{path}: {what} is not valid TOML ({exc})") from None
