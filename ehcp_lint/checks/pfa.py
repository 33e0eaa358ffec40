"""Preparing for Adulthood: from Year 9, outcomes towards employment or higher education,
independent living, friends and community, and good health (CoP 8.9-8.12).

An outcome is a PfA outcome when its own words name an activity of adult life in one of the four
areas (rules/pfa.toml explains the line drawn: school life and everyday self-care are not).
Whether PfA is required comes from the year group or age the plan states; where it states
neither, from the school years its outcomes look to or a post-16 placement in Section I."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache
from typing import Any

from pydantic import BaseModel, ConfigDict

from ehcp_lint.checks import CheckOutput
from ehcp_lint.checks.outcomes import pfa_heading, with_parts
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


class Stage(BaseModel):
    """Whether PfA outcomes are required, and the words that say how old the young person is."""

    required: bool | None
    stage: str | None = None


def plan_stage(plan: Plan, items: PlanItems) -> Stage:
    """From the year group or age when the plan states them; else, as a reader would, from the
    school years its outcomes look to ("by the end of Year 11": in Year 10 at least, as outcomes
    look at most a year or so ahead) or a post-16 placement in Section I."""
    meta = plan.metadata
    required = pfa_required(meta)
    if required is not None:
        stage = f"in Year {meta.year_group}" if meta.year_group is not None else f"aged {meta.age}"
        return Stage(required=required, stage=stage)
    years = [
        int(match.group(1))
        for outcome in items.outcomes
        for span in find_spans(_time_frame(), outcome.text)
        if (match := re.search(r"\byear\s*(\d{1,2})\b", span.text, re.IGNORECASE))
    ]
    if years and min(years) - 1 >= settings()["from_year_group"]:
        return Stage(
            required=True,
            stage=f"in Year {min(years) - 1} or later (outcomes look to Year {min(years)})",
        )
    if years and max(years) < settings()["from_year_group"]:
        # Every outcome looks to a year before PfA ("as Year 8 draws to a close"): younger, not
        # post-16, whatever Section I's setting is called.
        return Stage(required=False)
    placement = plan.section(SectionId.I)
    if placement.present and _post16_placement().search(placement.text):
        return Stage(required=True, stage="placed in a post-16 setting (Section I)")
    # The setting named in the front matter ("School or college now attended: ... Further
    # Education College") tells the same.
    if any(_post16_placement().search(block.text) for block in plan.front_matter):
        return Stage(required=True, stage="placed in a post-16 setting (front page)")
    return Stage(required=None)


@cache
def _post16_placement() -> re.Pattern[str]:
    return compile_patterns(settings()["post16_placement"])


@cache
def _time_frame() -> re.Pattern[str]:
    """The outcome check's time-frame grammar, read from the same data (rules/outcomes.toml)."""
    table = load_toml("outcomes.toml")["time_bound"]
    return compile_patterns(with_parts(table["patterns"], table.get("parts", {})))


def _what_not_when(outcome: OutcomeItem) -> str:
    """The outcome without its time frame: "before he starts college" is when, not what."""
    return without_spans(outcome.text, find_spans(_time_frame(), outcome.text))


def adult_life_area(text: str) -> str | None:
    """The first PfA area whose adult-life activity the text names (its time frame already left
    out), if any: the outcome check's relevance reads the same vocabulary."""
    for area, patterns in _area_patterns().items():
        if patterns.matches(text):
            return area
    return None


def areas_covered(outcomes: list[OutcomeItem]) -> dict[str, list[OutcomeItem]]:
    """Each PfA area with the outcomes whose own words name an adult-life activity in it."""
    texts = [(outcome, _what_not_when(outcome)) for outcome in outcomes]
    return {
        area: [outcome for outcome, text in texts if patterns.matches(text)]
        for area, patterns in _area_patterns().items()
    }


def run(plan: Plan, items: PlanItems) -> CheckOutput:
    stage = plan_stage(plan, items)
    covered = {area: found for area, found in areas_covered(items.outcomes).items() if found}
    # Abstention: outcomes the plan's writer grouped under a preparing-for-adulthood heading
    # ("Into work", "Everyday independence") are PfA outcomes in the plan's own structure, even
    # when their words name no adult-life activity the patterns know; PFA001 stays silent.
    headed = any(pfa_heading(outcome.group) for outcome in items.outcomes)
    result = PfaResult(
        required=stage.required, outcomes_present=bool(covered) or headed, areas=sorted(covered)
    )
    findings = list(_findings(plan, stage, covered, headed)) if stage.required else []
    return CheckOutput(pfa=result, findings=findings)


def _findings(
    plan: Plan, stage: Stage, covered: dict[str, list[OutcomeItem]], headed: bool
) -> Iterator[Finding]:
    section = plan.section(SectionId.E)
    if not section.present:
        return  # a missing Section E is already an error of its own
    if not covered:
        if not headed:
            yield get_rule("PFA001").finding(
                section=SectionId.E, evidence=None, location=section.location, stage=stage.stage
            )
        return
    rule = get_rule("PFA002")
    for area in sorted(set(_area_patterns()) - set(covered)):
        yield rule.finding(section=SectionId.E, evidence=None, location=section.location, area=area)
