"""An audit seen as a cohort: one summary per plan (ranked worst first) and the counts the
dashboard charts - grades, most frequent findings, weak sections, key indicators and a trend.

Pure functions over PlanReports; thresholds and term dates are data in rules/audit.toml.
"""

from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Sequence
from datetime import date
from functools import cache
from pathlib import PurePath
from typing import Any, Literal

from pydantic import BaseModel, Field

from ehcp_lint.errors import EhcpLintError
from ehcp_lint.plan import SectionId
from ehcp_lint.report import PlanReport, Severity
from ehcp_lint.ruleset import all_rules, load_toml
from ehcp_lint.score import GRADES, Grade, item_quality
from ehcp_lint.section_names import SECTION_TITLES

THIS_AUDIT = "this audit"


@cache
def audit_settings() -> dict[str, Any]:
    return load_toml("audit.toml")


class PlanSummary(BaseModel):
    """One row of ranked.csv: how the plan did, in a line an auditor can triage from."""

    path: str
    sha256: str
    grade: Grade | None
    score: float | None
    errors: int
    warnings: int
    top_issues: list[str] = Field(description="The grade drivers that cost most, with names")
    child_voice: bool | None
    share_smart: float | None = Field(description="Share of E outcomes that are SMART")
    share_specific: float | None = Field(description="Share of F provision that is specific")
    plan_date: date | None
    page: str = Field(description="The plan's HTML report, relative to the audit folder")


class FailedFile(BaseModel):
    path: str
    kind: str
    exit_code: int
    message: str


class RuleFrequency(BaseModel):
    rule: str
    name: str
    category: str
    severity: str
    plans: int = Field(description="Plans with at least one finding of this rule")
    findings: int


class SectionWeakness(BaseModel):
    section: SectionId
    title: str
    weak: int = Field(description="Plans whose grade for this section is a weak grade")
    grades: dict[str, int]


class Indicator(BaseModel):
    name: str
    plans_with: int
    plans_assessed: int

    @property
    def share(self) -> float:
        return self.plans_with / self.plans_assessed if self.plans_assessed else 0.0


class TrendPoint(BaseModel):
    label: str
    plans: int
    mean_score: float
    grades: dict[str, int]


class AuditRound(BaseModel):
    """The reports of an earlier audit, for the trend across rounds."""

    label: str
    reports: list[PlanReport]


class Cohort(BaseModel):
    checked: int
    failed: list[FailedFile]
    mean_score: float | None
    grades: dict[str, int] = Field(description="Plans per grade, worst first")
    rules: list[RuleFrequency]
    sections: list[SectionWeakness] = Field(description="Most often weak first")
    indicators: list[Indicator]
    trend_by: Literal["term", "round"] | None = Field(description="None: one period only")
    trend: list[TrendPoint]
    plans: list[PlanSummary] = Field(description="Worst first")


def page_names(reports: Sequence[PlanReport]) -> dict[str, str]:
    """Each plan's HTML page under plans/: its file stem, or stem-<sha256 prefix> when another
    plan (in another folder or format) already has that stem. Stable for the same folder."""
    used: set[str] = set()
    pages: dict[str, str] = {}
    for report in sorted(reports, key=lambda r: r.source.path):
        stem = PurePath(report.source.path).stem
        name = stem if stem not in used else f"{stem}-{report.source.sha256[:8]}"
        used.add(name)
        pages[report.source.path] = f"plans/{name}.html"
    return pages


def summarise_plan(report: PlanReport, page: str) -> PlanSummary:
    severities = Counter(finding.severity for finding in report.findings)
    score = report.score
    return PlanSummary(
        path=report.source.path,
        sha256=report.source.sha256,
        grade=score.grade if score else None,
        score=round(score.overall, 1) if score else None,
        errors=severities[Severity.ERROR],
        warnings=severities[Severity.WARNING],
        top_issues=_top_issues(report),
        child_voice=report.voice.child_voice_present if report.voice else None,
        share_smart=_rounded(item_quality(report, SectionId.E)),
        share_specific=_rounded(item_quality(report, SectionId.F)),
        plan_date=report.metadata.plan_date,
        page=page,
    )


def _top_issues(report: PlanReport) -> list[str]:
    if report.score is None:
        return []
    names = all_rules()
    issues = []
    for driver in report.score.drivers[: audit_settings()["top_issues"]]:
        name = names[driver.rule].name if driver.rule in names else driver.rule
        where = f"section {driver.section}" if driver.section else "whole plan"
        times = f" x{driver.count}" if driver.count > 1 else ""
        issues.append(f"{driver.rule} {name} ({where}){times}")
    return issues


def _rounded(share: float | None) -> float | None:
    return None if share is None else round(share, 2)


def ranked(summaries: Sequence[PlanSummary]) -> list[PlanSummary]:
    """Worst first: by grade (a capped grade outranks its score), then score, then path."""
    order = {grade: i for i, grade in enumerate(GRADES)}
    return sorted(
        summaries,
        key=lambda s: (order.get(s.grade or "", len(order)), s.score or 0.0, s.path),
    )


def failed_file(error: EhcpLintError) -> FailedFile:
    return FailedFile(
        path=error.path, kind=type(error).__name__, exit_code=error.exit_code, message=error.message
    )


def build_cohort(
    reports: Sequence[PlanReport],
    errors: Sequence[EhcpLintError] = (),
    earlier_rounds: Sequence[AuditRound] = (),
) -> Cohort:
    """Everything the dashboard shows. With earlier rounds the trend is by round (oldest first,
    then this audit); otherwise by school term of the plan date, when plans span several."""
    pages = page_names(reports)
    scores = [r.score.overall for r in reports if r.score]
    trend_by, trend = _trend(reports, earlier_rounds)
    return Cohort(
        checked=len(reports),
        failed=sorted((failed_file(e) for e in errors), key=lambda f: f.path),
        mean_score=round(statistics.fmean(scores), 1) if scores else None,
        grades=_grade_counts(reports),
        rules=_rule_frequencies(reports),
        sections=_section_weaknesses(reports),
        indicators=_indicators(reports),
        trend_by=trend_by,
        trend=trend,
        plans=ranked([summarise_plan(r, pages[r.source.path]) for r in reports]),
    )


def _grade_counts(reports: Sequence[PlanReport]) -> dict[str, int]:
    counts = Counter(r.score.grade for r in reports if r.score)
    return {grade: counts[grade] for grade in GRADES}


def _rule_frequencies(reports: Sequence[PlanReport]) -> list[RuleFrequency]:
    findings = Counter(f.rule for r in reports for f in r.findings)
    plans = Counter(rule for r in reports for rule in {f.rule for f in r.findings})
    names = all_rules()
    frequencies = [
        RuleFrequency(
            rule=code,
            name=names[code].name if code in names else "",
            category=names[code].category.value if code in names else "",
            severity=names[code].severity.value if code in names else "",
            plans=plans[code],
            findings=findings[code],
        )
        for code in findings
    ]
    frequencies.sort(key=lambda f: (-f.plans, -f.findings, f.rule))
    return frequencies[: audit_settings()["top_rules"]]


def _section_weaknesses(reports: Sequence[PlanReport]) -> list[SectionWeakness]:
    weak_grades = set(audit_settings()["weak_grades"])
    weaknesses = []
    for section_id in SectionId:
        counts = Counter(r.score.sections[section_id].grade for r in reports if r.score)
        weaknesses.append(
            SectionWeakness(
                section=section_id,
                title=SECTION_TITLES[section_id],
                weak=sum(counts[g] for g in weak_grades),
                grades={grade: counts[grade] for grade in GRADES},
            )
        )
    order = list(SectionId)
    return sorted(weaknesses, key=lambda w: (-w.weak, order.index(w.section)))


def _indicators(reports: Sequence[PlanReport]) -> list[Indicator]:
    settings = audit_settings()
    voice = [r.voice.child_voice_present for r in reports if r.voice is not None]
    smart = [item_quality(r, SectionId.E) for r in reports]
    specific = [item_quality(r, SectionId.F) for r in reports]
    return [
        Indicator(name="Child's voice", plans_with=sum(voice), plans_assessed=len(voice)),
        _share_indicator("SMART outcomes", smart, settings["smart_share"]),
        _share_indicator("Specific provision", specific, settings["specific_share"]),
    ]


def _share_indicator(name: str, shares: list[float | None], bar: float) -> Indicator:
    assessed = [share for share in shares if share is not None]
    return Indicator(
        name=name, plans_with=sum(s >= bar for s in assessed), plans_assessed=len(assessed)
    )


def _trend(
    reports: Sequence[PlanReport], earlier_rounds: Sequence[AuditRound]
) -> tuple[Literal["term", "round"] | None, list[TrendPoint]]:
    if earlier_rounds:
        rounds = [*earlier_rounds, AuditRound(label=THIS_AUDIT, reports=list(reports))]
        return "round", [_trend_point(r.label, r.reports) for r in rounds if r.reports]
    by_term: dict[tuple[int, int, str], list[PlanReport]] = {}
    for report in reports:
        if report.metadata.plan_date is not None:
            by_term.setdefault(school_term(report.metadata.plan_date), []).append(report)
    if len(by_term) < 2:
        return None, []
    return "term", [_trend_point(term[2], by_term[term]) for term in sorted(by_term)]


def _trend_point(label: str, reports: Sequence[PlanReport]) -> TrendPoint:
    scores = [r.score.overall for r in reports if r.score]
    return TrendPoint(
        label=label,
        plans=len(reports),
        mean_score=round(statistics.fmean(scores), 1) if scores else 0.0,
        grades=_grade_counts(reports),
    )


def school_term(day: date) -> tuple[int, int, str]:
    """(academic year, term number, label) for a date, e.g. 10 March 2026 -> (2025, 1, 'Spring
    2026'); term start months come from rules/audit.toml."""
    starts: dict[str, int] = audit_settings()["terms"]  # in academic-year order
    first = next(iter(starts.values()))
    offset = (day.month - first) % 12
    number, (name, month) = max(
        (i, term) for i, term in enumerate(starts.items()) if (term[1] - first) % 12 <= offset
    )
    academic_year = day.year if day.month >= first else day.year - 1
    calendar_year = academic_year if month >= first else academic_year + 1
    return academic_year, number, f"{name.capitalize()} {calendar_year}"
