"""Code of Practice compliance: every statutory section present and separately labelled."""

from __future__ import annotations

from ehcp_lint.checks import CheckOutput
from ehcp_lint.items import PlanItems
from ehcp_lint.plan import Plan
from ehcp_lint.ruleset import get_rule
from ehcp_lint.section_names import SECTION_TITLES


def run(plan: Plan, items: PlanItems) -> CheckOutput:
    rule = get_rule("CMP001")
    findings = [
        rule.finding(
            section=section.id,
            evidence=None,
            location=None,
            section_id=section.id.value,
            title=SECTION_TITLES[section.id],
        )
        for section in plan.sections.values()
        if not section.present
    ]
    return CheckOutput(findings=findings)
