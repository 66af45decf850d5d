"""A signal the run has received, kept until the run stops.

The CLI's handler raises Interrupted where the main thread happens to be. When that is a
callback the interpreter runs on its own (a weak reference's, during a garbage collection),
the interpreter prints "Exception ignored" and goes on as if nothing happened, and the
handler has already set further signals aside: the run went on to the end, or waited forever
on a pool it had half shut down (tests/test_faults.py, 1 run in 10 with both cores busy).
The signal is kept here too, and the places where a run waits or moves to its next article
raise it again (`check`)."""

from __future__ import annotations

from .errors import Interrupted

_pending: int | None = None

# How long a wait on a worker lasts before it looks for a signal kept here.
POLL_SECONDS = 0.5


def note(signum: int) -> None:
    global _pending
    _pending = signum


def check() -> None:
    """Raise the signal received, if any."""
    if _pending is not None:
        raise Interrupted(_pending)


def result(future):
    """future.result(), looking for a kept signal every POLL_SECONDS."""
    from concurrent.futures import TimeoutError as WaitedTooLong

    while True:
        check()
        try:
            return future.result(timeout=POLL_SECONDS)
        except WaitedTooLong:
            continue
