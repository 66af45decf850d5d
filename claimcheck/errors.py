"""Typed errors with a one-line message each, and the exit codes of the contract.

The library raises these; only the CLI prints them and exits.
"""

from enum import IntEnum


class ExitCode(IntEnum):
    OK = 0
    FOUND = 1  # check/diff found what the user asked to fail on
    ERROR = 2  # usage error, unreadable or invalid input, missing model


class ClaimcheckError(Exception):
    """Base error: its str() is the one line the user sees."""

    exit_code = ExitCode.ERROR


class InputError(ClaimcheckError):
    """An input that cannot be read or decoded, or holds no article."""


class DataFileError(ClaimcheckError):
    """A data file under claimcheck/data is malformed (names file and entry)."""


class ModelMissingError(ClaimcheckError):
    """The French spaCy model is not installed."""


class OutputError(ClaimcheckError):
    """An output that cannot be written."""


class SchedulerError(ClaimcheckError):
    """--scheduler: Dask not installed, an address that is not one, a scheduler that does
    not answer or goes away, a partition that kills every worker that runs it."""


class Interrupted(BaseException):
    """SIGINT (Ctrl-C) or SIGTERM, raised by the CLI's signal handler.

    A BaseException, like KeyboardInterrupt, so that no `except Exception` takes it for
    a bad input and goes on; and not a KeyboardInterrupt, which the command framework
    would turn into a silent exit. It unwinds the run: `finally` blocks remove temporary
    files, and main() prints one line and exits 128 + the signal number."""

    def __init__(self, signum: int):
        super().__init__(signum)
        self.signum = signum
