"""A time budget for rendering one page: past it, the page is an error, not a hang.

The limits in limits.py refuse the patterns known to make Python-Markdown slow before it starts;
the budget catches any other. It is an alarm (SIGALRM) in the process that renders: Python checks
for it between bytecodes and inside the `re` engine, so it stops pure-Python extensions and
regular expressions alike. Only the main thread of a process can take signals; elsewhere (a
thread of a host program) the page renders without a budget.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager

PAGE_SECONDS = 10.0  # the brief's longest page renders in 0.02 s; a page at the limits.py limits in 2 s


class OutOfTime(Exception):
    """Rendering a page took longer than its budget."""


_previous: list[object] = []


def _available() -> bool:
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


def start(seconds: float, error: Callable[[], Exception]) -> None:
    """Raise `error()` in this thread once `seconds` have passed, unless `stop()` comes first."""
    if not _available():
        return
    stop()

    def expired(signum: int, frame: object) -> None:
        stop()
        raise error()

    _previous.append(signal.signal(signal.SIGALRM, expired))
    signal.setitimer(signal.ITIMER_REAL, seconds)


def stop() -> None:
    if not _available() or not _previous:
        return
    signal.setitimer(signal.ITIMER_REAL, 0)
    signal.signal(signal.SIGALRM, _previous.pop())


@contextmanager
def within(seconds: float = PAGE_SECONDS) -> Iterator[None]:
    """Run the block with `seconds` of budget; OutOfTime past them."""
    start(seconds, lambda: OutOfTime(f"rendering this page took longer than {seconds:g} s"))
    try:
        yield
    finally:
        stop()
