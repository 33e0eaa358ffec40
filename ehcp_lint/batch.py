"""Checking a folder of plans in parallel, one process per core, without one file stopping it.

    >>> for result in ehcp_lint.audit(["plans/"], jobs=2):
    ...     print(result.source.path if isinstance(result, PlanReport) else result.message)

Results come back as they finish (not in path order). A file that cannot be checked comes back as
its EhcpLintError; so does a file whose worker process dies (a crash in a parser library) or that
overruns its time limit where the in-process limit (ehcp_lint.limits) cannot interrupt it (stuck
in C code): that worker is killed, a fresh pool replaces it and the rest carry on. Nothing here
raises for a bad file.
"""

from __future__ import annotations

import os
import signal
import time
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from pydantic import BaseModel

from ehcp_lint.config import Config
from ehcp_lint.errors import EhcpLintError, InternalError
from ehcp_lint.limits import (
    DEFAULT_MAX_BYTES,
    DEFAULT_MAX_PAGES,
    DEFAULT_TIMEOUT_SECONDS,
    TimeLimitExceeded,
)
from ehcp_lint.report import PlanReport

PLAN_SUFFIXES = frozenset({".docx", ".pdf", ".txt", ".md"})
# A worker gets this share of the time limit more (plus a second) to answer before it is
# killed: the limit inside the worker should have fired first, unless it is stuck in C code.
KILL_GRACE_SHARE = 0.25


class CheckOptions(BaseModel):
    """How each file is checked: the per-file limits (ehcp_lint.limits) and the LA's settings."""

    max_bytes: int = DEFAULT_MAX_BYTES
    max_pages: int = DEFAULT_MAX_PAGES
    timeout: float | None = DEFAULT_TIMEOUT_SECONDS
    config: Config | None = None

    @property
    def kill_after(self) -> float | None:
        """Seconds after which a worker still busy with one file is killed."""
        return None if not self.timeout else self.timeout * (1 + KILL_GRACE_SHARE) + 1


class CheckTimedOut(TimeLimitExceeded):
    """A worker overran the time limit without the limit interrupting it, and was killed."""


class WorkerCrashed(InternalError):
    """The process checking one file died (e.g. a crash inside a parser library)."""


class _ErrorRecord(NamedTuple):
    """An EhcpLintError in a form that crosses the process boundary (its args do not)."""

    kind: type[EhcpLintError]
    path: str
    reason: str
    advice: str

    def rebuild(self) -> EhcpLintError:
        return self.kind(self.path, self.reason, self.advice)


def find_plans(inputs: Iterable[str | Path]) -> list[Path]:
    """Plan files under the inputs: folders searched recursively for .docx/.pdf/.txt/.md, files
    kept as given (so a wrong path is reported by the check, not lost). Sorted, without repeats;
    Office lock files (~$plan.docx) and hidden files are not plans."""
    found: set[Path] = set()
    for item in map(Path, inputs):
        if item.is_dir():
            found.update(p for p in item.rglob("*") if _looks_like_plan(p, root=item))
        else:
            found.add(item)
    return sorted(found)


def _looks_like_plan(path: Path, *, root: Path) -> bool:
    hidden = any(part.startswith((".", "~$")) for part in path.relative_to(root).parts)
    return path.suffix.lower() in PLAN_SUFFIXES and not hidden and path.is_file()


def check_in_worker(path: str, options: CheckOptions) -> PlanReport | _ErrorRecord:
    """Runs in a pool process: check one file, returning its report or its error."""
    from ehcp_lint.pipeline import check_many

    checked = check_many(
        [path],
        max_bytes=options.max_bytes,
        max_pages=options.max_pages,
        timeout=options.timeout,
        config=options.config,
    )
    result = next(checked)
    if isinstance(result, EhcpLintError):
        return _ErrorRecord(type(result), result.path, result.reason, result.advice_text)
    return result


# The function each worker runs; a module-level name so tests can swap in a crashing one.
_worker = check_in_worker


def _ignore_interrupts() -> None:
    """Workers leave Ctrl-C to the parent, which stops them; no traceback from every worker."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def default_jobs() -> int:
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 1)


def audit(
    paths: Iterable[str | Path],
    *,
    jobs: int | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_pages: int = DEFAULT_MAX_PAGES,
    timeout: float | None = DEFAULT_TIMEOUT_SECONDS,
    config: Config | None = None,
) -> Iterator[PlanReport | EhcpLintError]:
    """Check every plan under `paths` (files or folders) with `jobs` processes (default: one
    per core), yielding each report or error as it finishes. Never raises for a bad file.
    Limits and settings are those of `ehcp_lint.check`, per file."""
    files = find_plans(paths)
    if not files:
        return
    import ehcp_lint.pipeline  # noqa: F401 - loaded once here, inherited by forked workers

    options = CheckOptions(max_bytes=max_bytes, max_pages=max_pages, timeout=timeout, config=config)
    run = _Run(
        pending=deque(str(p) for p in files),
        jobs=max(1, min(jobs or default_jobs(), len(files))),
        options=options,
    )
    yield from run.results()


@dataclass
class _Run:
    """One audit: a pool of `jobs` workers with at most one file each, so a file's clock starts
    when it is handed to a free worker and a stuck worker can be found and replaced.

    When the pool breaks with several files in flight, the culprit is unknown: those files are
    retried one at a time (`suspects`), and the one that breaks a pool on its own is reported."""

    pending: deque[str]
    jobs: int
    options: CheckOptions
    suspects: deque[str] = field(default_factory=deque)
    in_flight: dict[Future[PlanReport | _ErrorRecord], tuple[str, float]] = field(
        default_factory=dict
    )
    pool: ProcessPoolExecutor | None = None

    def results(self) -> Iterator[PlanReport | EhcpLintError]:
        try:
            while self.pending or self.suspects or self.in_flight:
                self._fill()
                yield from self._collect()
        finally:  # also when the caller stops early: no worker outlives the audit
            self._stop_pool(kill=bool(self.in_flight))

    def _fill(self) -> None:
        if self.pool is None:
            self.pool = ProcessPoolExecutor(max_workers=self.jobs, initializer=_ignore_interrupts)
        if self.suspects:  # a suspect runs alone, so if the pool breaks again we know who did it
            if not self.in_flight:
                self._submit(self.suspects.popleft())
            return
        while self.pending and len(self.in_flight) < self.jobs:
            self._submit(self.pending.popleft())

    def _submit(self, path: str) -> None:
        assert self.pool is not None
        future = self.pool.submit(_worker, path, self.options)
        self.in_flight[future] = (path, time.monotonic())

    def _collect(self) -> Iterator[PlanReport | EhcpLintError]:
        done, _ = wait(
            self.in_flight, timeout=self._seconds_to_deadline(), return_when=FIRST_COMPLETED
        )
        broken: list[str] = []
        for future in sorted(done, key=lambda f: self.in_flight[f][0]):
            path, _started = self.in_flight.pop(future)
            try:
                result = future.result()
            except BrokenProcessPool:
                broken.append(path)
                continue
            except Exception as error:  # e.g. a result that could not be sent back
                yield InternalError(path, f"internal error ({type(error).__name__})")
                continue
            yield result.rebuild() if isinstance(result, _ErrorRecord) else result
        if broken:
            yield from self._after_crash(broken)
        yield from self._stop_overdue()

    def _seconds_to_deadline(self) -> float | None:
        kill_after = self.options.kill_after
        if kill_after is None or not self.in_flight:
            return None
        oldest = min(started for _path, started in self.in_flight.values())
        return max(0.0, oldest + kill_after - time.monotonic())

    def _after_crash(self, broken: list[str]) -> Iterator[EhcpLintError]:
        """The pool died: every file still in flight failed with it. A lone file is the culprit;
        otherwise all of them are retried alone, on a fresh pool."""
        broken += [path for path, _started in self.in_flight.values()]
        self.in_flight.clear()
        self._stop_pool(kill=True)
        if len(broken) == 1:
            yield WorkerCrashed(broken[0], "the process checking it stopped unexpectedly")
        else:
            self.suspects.extend(sorted(broken))

    def _stop_overdue(self) -> Iterator[EhcpLintError]:
        """Report files past the time limit, kill the pool (the only way to stop a busy worker)
        and put the other files in flight back at the front of the queue."""
        kill_after = self.options.kill_after
        if kill_after is None:
            return
        now = time.monotonic()
        overdue = sorted(p for p, started in self.in_flight.values() if now - started > kill_after)
        if not overdue:
            return
        innocent = sorted(p for p, _started in self.in_flight.values() if p not in overdue)
        self.in_flight.clear()
        self._stop_pool(kill=True)
        self.pending.extendleft(reversed(innocent))
        for path in overdue:
            yield CheckTimedOut(path, f"took longer than {self.options.timeout:g} s to check")

    def _stop_pool(self, *, kill: bool = False) -> None:
        if self.pool is None:
            return
        if kill:
            # ProcessPoolExecutor cannot cancel a running call; killing its processes is the
            # only way to stop a stuck one (3.14 adds kill_workers(); until then, its table).
            for process in list((getattr(self.pool, "_processes", None) or {}).values()):
                process.kill()
        self.pool.shutdown(wait=True, cancel_futures=True)
        self.pool = None
