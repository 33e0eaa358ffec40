"""Preparing for Adulthood: from Year 9, outcomes towards employment or higher education,
independent living, friends and community, and good health (CoP 8.9-8.12).

An outcome is a PfA outcome when its own words name an activity of adult life in one of the four
areas (rules/pfa.toml explains the line drawn: school life and everyday self-care are not)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache
from typing import Any

from pydantic import BaseModel, ConfigDict

from ehcp_lint.checks import CheckOutput
from ehcp_lint.checks.outcomes import with_parts
from ehcp_lint.items import OutcomeItem, PlanItems
from ehcp_lint.plan import Plan, PlanMetadata, SectionId
from ehcp_lint.report import Finding, PfaResult
from ehcp_lint.ruleset import get_rule, load_toml
from ehcp_lint.textfeatures import compile_patterns, find_spans, without_spans


@cache
def settings() -> dict[str, Any]:
    return load_toml("pfa.toml")["pfa"]


class _AreaPatterns(BaseModel):
    """What names an adult-life activity of one area, and the school contexts that cancel it."""

    model_config = ConfigDict(arbitrary_types_allowed=True, frozen=True)

    activity: re.Pattern[str]
    school_bound: re.Pattern[str] | None

    def matches(self, text: str) -> bool:
        if not self.activity.search(text):
            return False
        return not (self.school_bound and self.school_bound.search(text))


@cache
def _area_patterns() -> dict[str, _AreaPatterns]:
    return {
        area: _AreaPatterns(
            activity=compile_patterns(terms["patterns"]),
            school_bound=compile_patterns(terms["unless"]) if terms["unless"] else None,
        )
        for area, terms in sorted(settings()["areas"].items())
    }


def pfa_required(metadata: PlanMetadata) -> bool | None:
    """True from Year 9 (or age 14 where the year is unknown); None when neither is known."""
    if metadata.year_group is not None:
        return metadata.year_group >= settings()["from_year_group"]
    if metadata.age is not None:
        return metadata.age >= settings()["from_age"]
    return None


@cache
def _time_frame() -> re.Pattern[str]:
    """The outcome check's time-frame grammar, read from the same data (rules/outcomes.toml)."""
    table = load_toml("outcomes.toml")["time_bound"]
    return compile_patterns(with_parts(table["patterns"], table.get("parts", {})))


def _what_not_when(outcome: OutcomeItem) -> str:
    """The outcome without its time frame: "before he starts college" is when, not what."""
    return without_spans(outcome.text, find_spans(_time_frame(), outcome.text))


def areas_covered(outcomes: list[OutcomeItem]) -> dict[str, list[OutcomeItem]]:
    """Each PfA area with the outcomes whose own words name an adult-life activity in it."""
    texts = [(outcome, _what_not_when(outcome)) for outcome in outcomes]
    return {
        area: [outcome for outcome, text in texts if patterns.matches(text)]
        for area, patterns in _area_patterns().items()
    }


def run(plan: Plan, items: PlanItems) -> CheckOutput:
    required = pfa_required(plan.metadata)
    covered = {area: found for area, found in areas_covered(items.outcomes).items() if found}
    result = PfaResult(required=required, outcomes_present=bool(covered), areas=sorted(covered))
    findings = list(_findings(plan, required, covered)) if required else []
    return CheckOutput(pfa=result, findings=findings)


def _findings(
    plan: Plan, required: bool | None, covered: dict[str, list[OutcomeItem]]
) -> Iterator[Finding]:
    section = plan.section(SectionId.E)
    if not section.present:
        return  # a missing Section E is already an error of its own
    if not covered:
        yield get_rule("PFA001").finding(
            section=SectionId.E, evidence=None, location=section.location, stage=_stage(plan)
        )
        return
    rule = get_rule("PFA002")
    for area in sorted(set(_area_patterns()) - set(covered)):
        yield rule.finding(section=SectionId.E, evidence=None, location=section.location, area=area)


def _stage(plan: Plan) -> str:
    meta = plan.metadata
    if meta.year_group is not None:
        return f"in Year {meta.year_group}"
    return f"aged {meta.age}"
