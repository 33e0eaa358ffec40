"""Defect precision: a finding is right when it points at any planted defect its rule reveals."""

from __future__ import annotations

from types import SimpleNamespace

from ehcp_lint.evaluate import Ratio, _defect_metrics
from ehcp_lint.gold import GoldDefect
from ehcp_lint.report import Finding
from ehcp_lint.ruleset import all_rules, get_rule

CONDITIONAL = "Sam will have a reading intervention for 20 minutes daily if staffing allows."
VAGUE = "Sam will have access to speech and language therapy as appropriate."
CLEAN = "Sam will have a reading intervention for 20 minutes daily."


def finding(rule: str, evidence: str) -> Finding:
    meta = get_rule(rule)
    return Finding(
        rule=rule,
        category=meta.category,
        severity=meta.severity,
        section="F",
        message="m",
        evidence=evidence,
        location=None,
    )


def precision(findings: list[Finding]) -> dict[str, Ratio | None]:
    gold = SimpleNamespace(
        defects=[
            GoldDefect(kind="conditional_provision", section="F", text=CONDITIONAL),
            GoldDefect(kind="vague_provision", section="F", text=VAGUE),
        ]
    )
    report = SimpleNamespace(findings=findings)
    return _defect_metrics([(gold, report)], set(all_rules()))[1]  # type: ignore[list-item]


def test_a_finding_on_a_defect_of_another_kind_sharing_its_rule_is_right() -> None:
    """ENF002 reveals vague and conditional provision alike: on a line planted as conditional it
    is right for both kinds; on a clean line it is wrong for both."""
    right = precision([finding("ENF002", CONDITIONAL)])
    assert right["conditional_provision"] == Ratio(hits=1, total=1)
    assert right["vague_provision"] == Ratio(hits=1, total=1)
    mixed = precision([finding("ENF002", CONDITIONAL), finding("ENF002", CLEAN)])
    assert mixed["vague_provision"] == Ratio(hits=1, total=2)
