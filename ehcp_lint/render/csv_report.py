"""Findings as CSV, one row per finding (pandas-friendly); plans that failed get an error row."""

from __future__ import annotations

import csv
import io

from ehcp_lint.errors import EhcpLintError
from ehcp_lint.report import PlanReport

COLUMNS = (
    "path",
    "sha256",
    "grade",
    "score",
    "rule",
    "category",
    "severity",
    "section",
    "message",
    "evidence",
    "location",
    "suggestion",
    "error",
)


def render_csv(results: list[PlanReport | EhcpLintError]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    for result in results:
        if isinstance(result, EhcpLintError):
            writer.writerow({"path": result.path, "error": result.message})
            continue
        plan = {
            "path": result.source.path,
            "sha256": result.source.sha256,
            "grade": result.score.grade if result.score else "",
            "score": result.score.overall if result.score else "",
        }
        for finding in result.findings:
            writer.writerow(
                {
                    **plan,
                    "rule": finding.rule,
                    "category": finding.category.value,
                    "severity": finding.severity.value,
                    "section": finding.section.value if finding.section else "",
                    "message": finding.message,
                    "evidence": finding.evidence or "",
                    "location": finding.location.describe() if finding.location else "",
                    "suggestion": finding.suggestion or "",
                }
            )
    return buffer.getvalue()
