"""Pre-audit score and grade from findings and item verdicts (weights in rules/score.toml).

Each section starts at 100 and loses points for the findings in it; where a check judges items
(voice in A, SMART outcomes in E, specific provision in F) the section score is blended with the
share of good items. The overall score is the weighted mean of the twelve sections, and caps
keep a plan that misses a statutory duty from grading well on averages.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from ehcp_lint.plan import SectionId
from ehcp_lint.report import (
    Finding,
    GradeDriver,
    PlanReport,
    ScoreResult,
    SectionScore,
)
from ehcp_lint.ruleset import load_toml

GRADES = ("inadequate", "requires_improvement", "good", "outstanding")


@cache
def settings() -> dict[str, Any]:
    return load_toml("score.toml")


def grade_for(score: float) -> str:
    bands = settings()["bands"]
    for grade in ("outstanding", "good", "requires_improvement"):
        if score >= bands[grade]:
            return grade
    return "inadequate"


def _penalty(finding: Finding) -> float:
    return float(settings()["penalty"][finding.severity.value])


def _item_quality(report: PlanReport, section_id: SectionId) -> float | None:
    """Share (0-1) of good items in a section, or None where no check judges its items."""
    if section_id is SectionId.A and report.voice is not None:
        return 1.0 if report.voice.child_voice_present else 0.0
    if section_id is SectionId.E and report.outcomes:
        good = [o for o in report.outcomes if o.is_smart and not o.provision_not_outcome]
        return len(good) / len(report.outcomes)
    if section_id is SectionId.F and report.provisions is not None:
        in_f = [p for p in report.provisions if p.section == "F"]
        return sum(p.is_specific for p in in_f) / len(in_f) if in_f else None
    return None


def section_score(report: PlanReport, section_id: SectionId) -> float:
    summary = next(s for s in report.sections if s.id is section_id)
    if not summary.present:
        return 0.0
    lost = sum(_penalty(f) for f in report.findings if f.section is section_id)
    from_findings = max(0.0, 100.0 - lost)
    quality = _item_quality(report, section_id)
    if quality is None:
        return from_findings
    share = settings()["item_share"].get(section_id.value, 0.0)
    return (1 - share) * from_findings + share * 100.0 * quality


def _caps(report: PlanReport) -> list[str]:
    """Names of the caps that apply to this plan."""
    present = {s.id: s.present and s.word_count > 0 for s in report.sections}
    caps = []
    if not all(s.present for s in report.sections):
        caps.append("missing_section")
    if report.voice is not None and not report.voice.child_voice_present:
        caps.append("no_child_voice")
    if not present[SectionId.E] or report.outcomes == []:
        caps.append("no_outcomes")
    if not present[SectionId.F] or (
        report.provisions is not None and not any(p.section == "F" for p in report.provisions)
    ):
        caps.append("no_provision")
    return caps


def _capped(grade: str, caps: list[str]) -> str:
    limits = [GRADES.index(settings()["caps"][cap]) for cap in caps]
    return GRADES[min([GRADES.index(grade), *limits])]


def _drivers(report: PlanReport) -> list[GradeDriver]:
    """The rules that cost the most overall points (summed per rule and section), largest first."""
    weights = settings()["weights"]
    total = sum(weights.values())
    costs: dict[tuple[str, SectionId], GradeDriver] = {}
    for finding in report.findings:
        if finding.section is None:
            continue
        points = _penalty(finding) * weights[finding.section.value] / total
        key = (finding.rule, finding.section)
        if key in costs:
            costs[key].points += points
            costs[key].count += 1
        else:
            costs[key] = GradeDriver(
                rule=finding.rule,
                section=finding.section,
                message=finding.message,
                points=points,
                count=1,
            )
    ranked = sorted(costs.values(), key=lambda d: (-d.points, d.rule, d.section or ""))
    for driver in ranked:
        driver.points = round(driver.points, 2)
    return ranked[: settings()["explain_top"]]


def score_report(report: PlanReport) -> ScoreResult:
    weights = settings()["weights"]
    sections = {section_id: section_score(report, section_id) for section_id in SectionId}
    overall = sum(sections[s] * weights[s.value] for s in SectionId) / sum(weights.values())
    caps = _caps(report)
    return ScoreResult(
        overall=round(overall, 1),
        grade=_capped(grade_for(overall), caps),
        sections={
            s: SectionScore(score=round(value, 1), grade=grade_for(value))
            for s, value in sections.items()
        },
        caps=caps,
        drivers=_drivers(report),
    )
