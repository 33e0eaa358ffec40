"""The tabular files of an audit folder: ranked.csv, errors.csv and reports.jsonl."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from typing import Any

from ehcp_lint.cohort import FailedFile, PlanSummary
from ehcp_lint.errors import EhcpLintError
from ehcp_lint.render.json_report import error_dict, report_dict
from ehcp_lint.report import PlanReport

RANKED_COLUMNS = (
    "rank",
    "path",
    "sha256",
    "grade",
    "score",
    "errors",
    "warnings",
    "top_issues",
    "child_voice",
    "share_smart",
    "share_specific",
    "plan_date",
    "report",
)
ERROR_COLUMNS = ("path", "kind", "exit_code", "message")


def render_ranked_csv(plans: Sequence[PlanSummary]) -> str:
    """One row per plan in the order given (worst first); shares are 0-1, blank when a plan has
    no outcomes or provision to judge; top issues joined with '; '."""
    rows = [
        {
            "rank": rank,
            "path": plan.path,
            "sha256": plan.sha256,
            "grade": plan.grade or "",
            "score": "" if plan.score is None else plan.score,
            "errors": plan.errors,
            "warnings": plan.warnings,
            "top_issues": "; ".join(plan.top_issues),
            "child_voice": _yes_no(plan.child_voice),
            "share_smart": _blank_if_none(plan.share_smart),
            "share_specific": _blank_if_none(plan.share_specific),
            "plan_date": plan.plan_date.isoformat() if plan.plan_date else "",
            "report": plan.page,
        }
        for rank, plan in enumerate(plans, start=1)
    ]
    return _csv(RANKED_COLUMNS, rows)


def render_errors_csv(failed: Sequence[FailedFile]) -> str:
    return _csv(ERROR_COLUMNS, [item.model_dump() for item in failed])


def render_jsonl(results: Sequence[PlanReport | EhcpLintError]) -> str:
    """One JSON object per line: the report contract, or the error object of a failed file."""
    lines = [
        json.dumps(
            report_dict(r) if isinstance(r, PlanReport) else error_dict(r), ensure_ascii=False
        )
        for r in results
    ]
    return "".join(line + "\n" for line in lines)


def read_jsonl_reports(text: str) -> list[PlanReport]:
    """The reports of an earlier audit's reports.jsonl (its error lines skipped)."""
    records = [json.loads(line) for line in text.splitlines() if line.strip()]
    return [PlanReport.model_validate(r) for r in records if "error" not in r]


def _csv(columns: Sequence[str], rows: Sequence[dict[str, Any]]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()


def _yes_no(value: bool | None) -> str:
    return "" if value is None else ("yes" if value else "no")


def _blank_if_none(value: float | None) -> str | float:
    return "" if value is None else value
