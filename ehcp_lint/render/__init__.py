"""Reporters: turn PlanReports into text, JSON, CSV and HTML. I/O happens only in the CLI."""

from __future__ import annotations

from ehcp_lint.plan import SectionId
from ehcp_lint.report import Finding, Severity

SEVERITY_ORDER = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}


def score_text(score: float) -> str:
    """A reported score as written: "72", "71.5" - never rounded across a grade band."""
    return f"{score:g}"


def grouped_findings(findings: list[Finding]) -> list[tuple[str, list[Finding]]]:
    """Findings by section in statutory order (plan-wide ones first), errors first within."""
    order = {section_id: i for i, section_id in enumerate(SectionId)}
    keyed: dict[SectionId | None, list[Finding]] = {}
    for finding in findings:
        keyed.setdefault(finding.section, []).append(finding)
    groups = []
    for section_id in sorted(keyed, key=lambda s: -1 if s is None else order[s]):
        label = "Whole plan" if section_id is None else f"Section {section_id.value}"
        ranked = sorted(keyed[section_id], key=lambda f: (SEVERITY_ORDER[f.severity], f.rule))
        groups.append((label, ranked))
    return groups
