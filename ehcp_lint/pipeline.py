"""The one-way pipeline: ingest -> segment -> extract -> checks -> report."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import cast

from ehcp_lint import __version__
from ehcp_lint.checks import CheckOutput, registered_checks
from ehcp_lint.config import Config
from ehcp_lint.errors import EhcpLintError, InternalError
from ehcp_lint.extract import extract_items
from ehcp_lint.ingest import read_document
from ehcp_lint.limits import (
    DEFAULT_MAX_BYTES,
    DEFAULT_MAX_PAGES,
    DEFAULT_TIMEOUT_SECONDS,
    time_limit,
)
from ehcp_lint.plan import Plan
from ehcp_lint.report import PlanReport, ProvisionResult, SectionSummary
from ehcp_lint.score import load_weights, score_report
from ehcp_lint.segment import segment


def parse(
    path: str | Path,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_pages: int = DEFAULT_MAX_PAGES,
    timeout: float | None = DEFAULT_TIMEOUT_SECONDS,
) -> Plan:
    """Read a plan file and divide it into sections A-K. Raises EhcpLintError on bad input,
    including TooLarge past `max_bytes`/`max_pages` and TimeLimitExceeded past `timeout` seconds
    (see ehcp_lint.limits)."""
    with time_limit(timeout, path):
        return segment(read_document(Path(path), max_bytes=max_bytes, max_pages=max_pages))


def check(
    path: str | Path,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_pages: int = DEFAULT_MAX_PAGES,
    timeout: float | None = DEFAULT_TIMEOUT_SECONDS,
    config: Config | None = None,
) -> PlanReport:
    """Check one plan file and return its report. Raises EhcpLintError on bad input; the limits
    are those of `parse`, with `timeout` covering reading and checking together."""
    with time_limit(timeout, path):
        plan = parse(path, max_bytes=max_bytes, max_pages=max_pages, timeout=None)
        return check_plan(plan, config=config)


def check_many(
    paths: Iterable[str | Path],
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_pages: int = DEFAULT_MAX_PAGES,
    timeout: float | None = DEFAULT_TIMEOUT_SECONDS,
    config: Config | None = None,
) -> Iterator[PlanReport | EhcpLintError]:
    """Check each file in turn (limits per file, as in `check`); a file that cannot be checked
    yields its error, not a raise, so one bad file never stops a batch."""
    for path in paths:
        try:
            yield check(
                path, max_bytes=max_bytes, max_pages=max_pages, timeout=timeout, config=config
            )
        except EhcpLintError as error:
            yield error
        except Exception as error:  # a bug of ours: no plan text, no traceback, batch goes on
            yield InternalError(path, f"internal error ({type(error).__name__})")


def check_plan(plan: Plan, *, config: Config | None = None) -> PlanReport:
    """Run every registered check over an already segmented plan; `config` selects rules and
    sets severities (default: every rule as shipped)."""
    items = extract_items(plan)
    outputs = [run(plan, items) for run in registered_checks().values()]
    provisions = cast("list[ProvisionResult] | None", _first(outputs, "provisions"))
    findings = [f for output in outputs for f in output.findings]
    if config and config.terms.any:  # the LA's own hedges, jargon and known acronyms
        from ehcp_lint.extra_terms import apply_extra_terms  # reads the checks' modules

        extra = apply_extra_terms(plan, config.terms, provisions=provisions, findings=findings)
        provisions, findings = extra.provisions, extra.findings
    report = PlanReport(
        tool_version=__version__,
        source=plan.source,
        metadata=plan.metadata,
        sections=[
            SectionSummary(
                id=section.id,
                present=section.present,
                heading=section.heading,
                location=section.location,
                word_count=section.word_count,
            )
            for section in plan.sections.values()
        ],
        checks_run=list(registered_checks()),
        voice=_first(outputs, "voice"),
        outcomes=_first(outputs, "outcomes"),
        provisions=provisions,
        pfa=_first(outputs, "pfa"),
        readability=_first(outputs, "readability"),
        findings=(config or Config()).apply(findings),
    )
    # An LA's adopted score file (`score_weights` in its settings), else rules/score.toml.
    weights = load_weights(Path(config.score_weights)) if config and config.score_weights else None
    report.score = score_report(report, weights)
    return report


def _first(outputs: list[CheckOutput], field: str) -> object:
    """The value of a contract field from the one check that fills it (None if none does)."""
    return next((getattr(o, field) for o in outputs if getattr(o, field) is not None), None)
