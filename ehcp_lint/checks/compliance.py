"""Code of Practice compliance: every statutory section present, labelled and doing its job
(reg. 12 of the SEND Regulations 2014; CoP 9.62-9.79). Term lists are in rules/compliance.toml."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache
from typing import Any

from ehcp_lint.checks import CheckOutput
from ehcp_lint.extract import is_header_row, is_subheading
from ehcp_lint.items import PlanItems
from ehcp_lint.plan import Plan, Section, SectionId
from ehcp_lint.report import Finding
from ehcp_lint.ruleset import get_rule, load_toml
from ehcp_lint.section_names import SECTION_TITLES


@cache
def settings() -> dict[str, Any]:
    return load_toml("compliance.toml")["compliance"]


@cache
def _patterns(*keys: str) -> re.Pattern[str]:
    """One regex from a list of regexes in the settings, e.g. _patterns("by_reference")."""
    return re.compile("|".join(f"(?:{p})" for p in _setting(keys)), re.IGNORECASE)


@cache
def _phrases(*keys: str) -> re.Pattern[str]:
    """One regex matching any of a list of literal phrases in the settings, as whole words."""
    return re.compile("|".join(rf"\b{re.escape(p)}\b" for p in _setting(keys)), re.IGNORECASE)


def _setting(keys: tuple[str, ...]) -> Any:
    value: Any = settings()
    for key in keys:
        value = value[key]
    return value


def run(plan: Plan, items: PlanItems) -> CheckOutput:
    return CheckOutput(
        findings=[
            *_missing_sections(plan),
            *_blank_nil_sections(plan),
            *_provision_by_reference(plan),
            *_therapy_only_in_health(plan),
            *_personal_budget(plan),
            *_placement(plan),
            *_undated_advice(plan),
        ]
    )


def _missing_sections(plan: Plan) -> Iterator[Finding]:
    rule = get_rule("CMP001")
    for section in plan.sections.values():
        if not section.present:
            yield rule.finding(
                section=section.id,
                evidence=None,
                location=None,
                section_id=section.id.value,
                title=SECTION_TITLES[section.id],
            )


def _blank_nil_sections(plan: Plan) -> Iterator[Finding]:
    rule = get_rule("CMP002")
    blanks = set(settings()["blank_bodies"])
    for section_id in settings()["must_state_nil"]:
        section = plan.section(section_id)
        body = " ".join(section.text.split()).strip(" .").lower()
        if section.present and body in blanks:
            yield rule.finding(
                section=section.id,
                evidence=section.text or None,
                location=section.blocks[0].location if section.blocks else section.location,
                section_id=section.id.value,
                title=SECTION_TITLES[section.id],
            )


def _provision_by_reference(plan: Plan) -> Iterator[Finding]:
    rule = get_rule("CMP003")
    section = plan.section(SectionId.F)
    for block in section.blocks:
        if _patterns("by_reference").search(block.text):
            yield rule.finding(section=section.id, evidence=block.text, location=block.location)


def _therapy_only_in_health(plan: Plan) -> Iterator[Finding]:
    rule = get_rule("CMP004")
    health, education = plan.section(SectionId.G), plan.section(SectionId.F)
    for therapy in sorted(settings()["educational_therapies"]):
        pattern = _patterns("educational_therapies", therapy)
        if pattern.search(education.text):
            continue
        block = next((b for b in health.blocks if pattern.search(b.text)), None)
        if block is not None:
            yield rule.finding(
                section=health.id,
                evidence=block.text,
                location=block.location,
                therapy=therapy[0].upper() + therapy[1:],
            )


def _personal_budget(plan: Plan) -> Iterator[Finding]:
    section = plan.section(SectionId.J)
    if _has_body(section) and not _phrases("personal_budget", "statement_words").search(
        section.text
    ):
        yield get_rule("CMP005").finding(
            section=section.id, evidence=section.text, location=section.blocks[0].location
        )


def _placement(plan: Plan) -> Iterator[Finding]:
    section = plan.section(SectionId.I)
    if not _has_body(section) or _is_draft(plan, section):
        return
    if not _phrases("placement", "setting_words").search(section.text):
        yield get_rule("CMP006").finding(
            section=section.id, evidence=section.text, location=section.blocks[0].location
        )


def _is_draft(plan: Plan, placement: Section) -> bool:
    """Draft plans leave Section I open (CoP 9.78); the front matter or I itself says so."""
    front = " ".join(block.text for block in plan.front_matter)
    draft = _phrases("placement", "draft_markers")
    return bool(draft.search(front) or draft.search(placement.text))


def _undated_advice(plan: Plan) -> Iterator[Finding]:
    rule = get_rule("CMP007")
    section = plan.section(SectionId.K)
    date = re.compile(settings()["advice"]["date_pattern"], re.IGNORECASE)
    entries = [b for b in section.blocks if not is_header_row(b) and not is_subheading(b)]
    for block in entries:
        if _phrases("advice", "entry_words").search(block.text) and not date.search(block.text):
            yield rule.finding(section=section.id, evidence=block.text, location=block.location)
            return


def _has_body(section: Section) -> bool:
    return section.present and bool(section.blocks)
