"""Rule metadata loaded from the TOML files in rules/ (shipped inside the package).

A rule is data: code, category, severity, message template, rationale, source and examples.
Checks look rules up by code and build Findings from them, so an LA can retune severities or
wording without touching code.
"""

from __future__ import annotations

import tomllib
from functools import cache
from importlib.resources import files
from typing import Any, Literal

from pydantic import BaseModel, Field

from ehcp_lint.document import Location
from ehcp_lint.plan import SectionId
from ehcp_lint.report import Category, Finding, Severity


class RuleExample(BaseModel):
    kind: Literal["good", "bad"]
    text: str = Field(description="Plan text; a whole plan, or one section's body if `section`")
    section: SectionId | None = None


class Rule(BaseModel):
    code: str
    name: str
    category: Category
    severity: Severity
    message: str = Field(description="str.format template filled by the check")
    rationale: str
    source: str = Field(description="Code of Practice paragraph, regulation or case law")
    suggestion: str | None = None
    examples: list[RuleExample] = Field(default_factory=list)

    def finding(
        self,
        *,
        section: SectionId | None,
        evidence: str | None,
        location: Location | None,
        suggestion: str | None = None,
        **values: Any,
    ) -> Finding:
        return Finding(
            rule=self.code,
            category=self.category,
            severity=self.severity,
            section=section,
            message=self.message.format(**values),
            evidence=evidence,
            location=location,
            suggestion=(suggestion or self.suggestion or "").format(**values) or None,
        )


def load_toml(name: str) -> dict[str, Any]:
    """Read one data file from the packaged rules/ folder."""
    return tomllib.loads(files("ehcp_lint.rules").joinpath(name).read_text(encoding="utf-8"))


@cache
def all_rules() -> dict[str, Rule]:
    """Every rule from every rules/*.toml file that declares [[rule]] tables, by code."""
    rules: dict[str, Rule] = {}
    for entry in sorted(files("ehcp_lint.rules").iterdir(), key=lambda e: e.name):
        if not entry.name.endswith(".toml"):
            continue
        for raw in load_toml(entry.name).get("rule", []):
            rule = Rule.model_validate(raw)
            if rule.code in rules:
                raise ValueError(f"duplicate rule code {rule.code} in {entry.name}")
            rules[rule.code] = rule
    return rules


def get_rule(code: str) -> Rule:
    return all_rules()[code]
