"""Every rule's good and bad examples from rules/*.toml, run through the whole pipeline.

A bad example must raise its rule; a good one must not. This is how rule documentation
(`ehcp-lint explain`) and behaviour stay in step.
"""

from __future__ import annotations

import pytest

from ehcp_lint import check
from ehcp_lint.ruleset import Rule, RuleExample, all_rules
from tests.conftest import plan_text

CASES = [
    pytest.param(rule, example, id=f"{rule.code}-{example.kind}-{i}")
    for rule in all_rules().values()
    for i, example in enumerate(rule.examples)
]


def test_every_rule_has_a_good_and_a_bad_example() -> None:
    for rule in all_rules().values():
        kinds = {example.kind for example in rule.examples}
        assert kinds == {"good", "bad"}, rule.code


@pytest.mark.parametrize(("rule", "example"), CASES)
def test_rule_example(rule: Rule, example: RuleExample, write_plan) -> None:
    text = plan_text({example.section.value: example.text}) if example.section else example.text
    report = check(write_plan(text))
    codes = {finding.rule for finding in report.findings}
    if example.kind == "bad":
        assert rule.code in codes, f"{rule.code} missed its bad example"
    else:
        assert rule.code not in codes, f"{rule.code} fired on its good example"
