"""A signal whose Interrupted was swallowed (raised inside a callback the interpreter runs on
its own) is raised again where the run waits or moves on (claimcheck/interrupts.py)."""

from __future__ import annotations

import gc
import signal
import weakref
from concurrent.futures import Future, ThreadPoolExecutor

import pytest

from claimcheck import interrupts
from claimcheck.errors import Interrupted


@pytest.fixture(autouse=True)
def _no_signal_kept(monkeypatch):
    monkeypatch.setattr(interrupts, "_pending", None)


def test_a_raise_swallowed_in_a_weakref_callback_is_raised_at_the_next_check():
    class Thing:
        pass

    def callback(_ref):  # what the CLI's handler does when the signal lands in a callback
        interrupts.note(signal.SIGTERM)
        raise Interrupted(signal.SIGTERM)

    thing = Thing()
    ref = weakref.ref(thing, callback)
    del thing  # the interpreter prints "Exception ignored" and goes on
    gc.collect()
    assert ref() is None
    with pytest.raises(Interrupted) as caught:
        interrupts.check()
    assert caught.value.signum == signal.SIGTERM


def test_a_wait_on_a_worker_ends_when_a_signal_is_kept(monkeypatch):
    monkeypatch.setattr(interrupts, "POLL_SECONDS", 0.05)
    never: Future = Future()  # a worker that never answers
    with ThreadPoolExecutor(1) as pool:
        pool.submit(lambda: (__import__("time").sleep(0.2), interrupts.note(signal.SIGINT)))
        with pytest.raises(Interrupted):
            interrupts.result(never)


def test_a_result_comes_back_when_no_signal_is_kept():
    done: Future = Future()
    done.set_result([1, 2])
    assert interrupts.result(done) == [1, 2]
    interrupts.check()  # nothing kept: no raise
