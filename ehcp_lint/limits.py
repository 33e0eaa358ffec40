"""Per-file limits, so a hostile or broken file is refused quickly instead of eating the machine.

    size    --max-mb      (default 50 MB on disk; a .docx must also unzip to under 200 MB)
    pages   --max-pages   (default 500 PDF pages; pages past the limit are never loaded)
    time    --timeout     (default 60 s for reading and checking one file; 0 or None: no limit)

The time limit uses SIGALRM, so it is enforced where Python can deliver signals: the main thread
of the process (the CLI, a script, each worker of a process pool) on Unix. Elsewhere (Windows, a
helper thread) files are checked without a time limit; run them in a process pool with its own
timeout instead. A parser stuck inside C code is interrupted as soon as it returns to Python.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType

from ehcp_lint.errors import EhcpLintError

DEFAULT_MAX_BYTES = 50 * 1024 * 1024
DEFAULT_MAX_PAGES = 500
DEFAULT_TIMEOUT_SECONDS = 60.0
# After the deadline the alarm repeats this often, in case a parser's own broad `except`
# swallowed the first interruption.
REPEAT_SECONDS = 0.5


class TimeLimitExceeded(EhcpLintError):
    exit_code = 14
    advice = "it may be damaged or built to be slow; if it is a real plan, raise --timeout"


def can_limit_time() -> bool:
    """Whether `time_limit` can interrupt work here (Unix, main thread, no alarm pending)."""
    return (
        hasattr(signal, "SIGALRM")
        and threading.current_thread() is threading.main_thread()
        and signal.getitimer(signal.ITIMER_REAL)[0] == 0
    )


@contextmanager
def time_limit(seconds: float | None, path: str | Path) -> Iterator[None]:
    """Raise TimeLimitExceeded inside the block if it runs longer than `seconds`.

    Does nothing when `seconds` is None or 0, or where signals cannot be used (see module doc);
    an alarm someone else set is left alone rather than overridden.
    """
    if not seconds or not can_limit_time():
        yield
        return

    def interrupt(signum: int, frame: FrameType | None) -> None:
        raise TimeLimitExceeded(path, f"took longer than {seconds:g} s to check")

    previous = signal.signal(signal.SIGALRM, interrupt)
    try:
        signal.setitimer(signal.ITIMER_REAL, seconds, REPEAT_SECONDS)
        yield
    finally:
        # The repeating alarm may fire again while we are here: retry until it is off, or it
        # would go on interrupting whatever runs after this block. (Inline, not a function:
        # Python runs signal handlers on entering a function, outside this `try`.)
        while True:
            try:
                signal.setitimer(signal.ITIMER_REAL, 0)
            except TimeLimitExceeded:
                continue
            break
        signal.signal(signal.SIGALRM, previous)
