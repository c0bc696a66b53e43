"""A deadline per unit of work (an API request), checked where the work loops so that it stops, not just the reply.

The deadline lives in a contextvar: it follows the work into a worker thread when the thread runs in a
copy of the caller's context (contextvars.copy_context().run). It sits here, in the lowest room that
checks it, so that index and chat (and the shells that set it) all use this one.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

# (monotonic time it passes, the seconds it was set to); None: no deadline
_current: ContextVar[tuple[float, float] | None] = ContextVar("podium_deadline", default=None)


class DeadlineExceeded(Exception):
    def __init__(self, seconds: float):
        super().__init__(f"the work ran past its deadline of {seconds:g} s")
        self.seconds = seconds


@contextmanager
def deadline(seconds: float) -> Iterator[None]:
    """Work inside must finish within `seconds`; a deadline already set and sooner stays in force."""
    until = time.monotonic() + seconds
    current = _current.get()
    token = _current.set((until, seconds)) if current is None or until < current[0] else None
    try:
        yield
    finally:
        if token is not None:
            _current.reset(token)


def check_deadline() -> None:
    """Raise DeadlineExceeded once past the deadline; a no-op when none is set."""
    current = _current.get()
    if current is not None and time.monotonic() > current[0]:
        raise DeadlineExceeded(current[1])


def remaining() -> float | None:
    """Seconds left before the deadline (at least 0), or None with no deadline set."""
    current = _current.get()
    return None if current is None else max(0.0, current[0] - time.monotonic())
