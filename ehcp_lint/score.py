"""Pre-audit score and grade from findings and item verdicts (weights in rules/score.toml).

Each section starts at 100 and loses points for the findings in it; where a check judges items
(voice in A, SMART outcomes in E, specific provision in F) the section score is blended with the
share of good items. The overall score is the weighted mean of the twelve sections, and caps
keep a plan that misses a statutory duty from grading well on averages.
"""

from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ValidationError

from ehcp_lint.errors import EhcpLintError
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


Grade = Literal["outstanding", "good", "requires_improvement", "inadequate"]


class ScoreWeights(BaseModel):
    """Everything the score is made of (rules/score.toml, or an LA's calibrated copy)."""

    explain_top: int
    penalty: dict[Literal["error", "warning", "info"], float]
    item_share: dict[SectionId, float]
    weights: dict[SectionId, float]
    bands: dict[Literal["outstanding", "good", "requires_improvement"], float]
    caps: dict[str, Grade]


class WeightsFileError(EhcpLintError):
    exit_code = 2
    advice = "use a score file written by `ehcp-lint calibrate` or shaped like rules/score.toml"


@cache
def settings() -> dict[str, Any]:
    return load_toml("score.toml")


@cache
def default_weights() -> ScoreWeights:
    return ScoreWeights.model_validate(settings())


def load_weights(path: Path) -> ScoreWeights:
    """A score file an LA adopted (e.g. from `ehcp-lint calibrate`); one-line error if bad."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise WeightsFileError(path, f"cannot read score file ({type(error).__name__})") from None
    try:
        return ScoreWeights.model_validate(data)
    except ValidationError as error:
        fields = ", ".join(sorted({str(e["loc"][0]) for e in error.errors()}))
        raise WeightsFileError(path, f"invalid score file ({fields})") from None


def grade_for(score: float, weights: ScoreWeights | None = None) -> Grade:
    bands = (weights or default_weights()).bands
    for grade in ("outstanding", "good", "requires_improvement"):
        if score >= bands[grade]:
            return grade
    return "inadequate"


def _penalty(finding: Finding, weights: ScoreWeights) -> float:
    return weights.penalty[finding.severity.value]


def item_quality(report: PlanReport, section_id: SectionId) -> float | None:
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


def section_score(
    report: PlanReport, section_id: SectionId, weights: ScoreWeights | None = None
) -> float:
    summary = next(s for s in report.sections if s.id is section_id)
    if not summary.present:
        return 0.0
    weights = weights or default_weights()
    lost = sum(_penalty(f, weights) for f in report.findings if f.section is section_id)
    from_findings = max(0.0, 100.0 - lost)
    quality = item_quality(report, section_id)
    if quality is None:
        return from_findings
    share = weights.item_share.get(section_id, 0.0)
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


def capped_grade(grade: str, caps: list[str], weights: ScoreWeights | None = None) -> Grade:
    """The grade after caps: the lowest of the banded grade and every cap's limit."""
    limits = [GRADES.index((weights or default_weights()).caps[cap]) for cap in caps]
    return GRADES[min([GRADES.index(grade), *limits])]  # type: ignore[return-value]


def _drivers(report: PlanReport, weights: ScoreWeights) -> list[GradeDriver]:
    """The rules that cost the most overall points (summed per rule and section), largest first."""
    total = sum(weights.weights.values())
    costs: dict[tuple[str, SectionId], GradeDriver] = {}
    for finding in report.findings:
        if finding.section is None:
            continue
        points = _penalty(finding, weights) * weights.weights[finding.section] / total
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
    return ranked[: weights.explain_top]


def overall_score(section_scores: dict[SectionId, float], weights: ScoreWeights) -> float:
    """The weighted mean of the section scores (a missing section counts with score 0)."""
    total = sum(weights.weights.values())
    return sum(section_scores[s] * weights.weights.get(s, 0.0) for s in SectionId) / total


def score_report(report: PlanReport, weights: ScoreWeights | None = None) -> ScoreResult:
    """Score a report with rules/score.toml, or with `weights` (e.g. a calibrated file)."""
    weights = weights or default_weights()
    sections = {s: section_score(report, s, weights) for s in SectionId}
    # Graded on the scores as reported (one decimal), so a score and its grade always agree.
    overall = round(overall_score(sections, weights), 1)
    caps = _caps(report)
    return ScoreResult(
        overall=overall,
        grade=capped_grade(grade_for(overall, weights), caps, weights),
        sections={
            s: SectionScore(score=(shown := round(value, 1)), grade=grade_for(shown, weights))
            for s, value in sections.items()
        },
        caps=caps,
        drivers=_drivers(report, weights),
    )
