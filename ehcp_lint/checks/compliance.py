"""Code of Practice compliance: every statutory section present, labelled and doing its job
(reg. 12 of the SEND Regulations 2014; CoP 9.62-9.79). Term lists are in rules/compliance.toml."""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterator
from datetime import date
from functools import cache
from typing import Any

from ehcp_lint.checks import CheckOutput
from ehcp_lint.extract import is_header_row, is_nil_statement, is_subheading
from ehcp_lint.ingest.blocks import ROW_SEPARATOR
from ehcp_lint.items import NeedItem, OutcomeItem, PlanItems
from ehcp_lint.plan import Plan, Section, SectionId
from ehcp_lint.report import Finding
from ehcp_lint.ruleset import get_rule, load_toml
from ehcp_lint.section_names import SECTION_TITLES
from ehcp_lint.textfeatures import phrase_pattern, split_sentences


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
            *_therapy_only_in_health(items),
            *_personal_budget(plan),
            *_placement(plan),
            *_undated_advice(plan),
            *_needs_only_named(items.needs),
            *_outcome_horizon(plan, items.outcomes),
            *_social_care_in_wrong_part(plan, SectionId.H2, "csdpa_services", "CMP011"),
            *_social_care_in_wrong_part(plan, SectionId.H1, "non_csdpa_services", "CMP012"),
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


def _therapy_only_in_health(items: PlanItems) -> Iterator[Finding]:
    """CMP004: a Section G statement that provides a therapy which educates or trains (speech
    and language therapy, occupational therapy, a physiotherapy programme run in the setting).
    It is judged by its kind wherever the sentence names it, whatever F says elsewhere: a second
    therapy line in F does not make this one enforceable (CoP 9.74). Health-only therapy
    (eating and drinking, equipment) and pointers to Section F are not misplaced."""
    rule = get_rule("CMP004")
    health_only = _patterns("health_only_therapy", "patterns")
    for item in items.provisions:
        if item.section is not SectionId.G:
            continue
        # Each sentence on its own: a health-only review before it ("a review of her continence
        # needs. The school will ensure she receives occupational therapy") excuses nothing.
        therapy = next(
            (
                found
                for sentence in split_sentences(item.text)
                if not health_only.search(sentence.text)
                and (found := _educational_therapy(sentence.text)) is not None
                and not _assessed_first(sentence.text, found)
            ),
            None,
        )
        if therapy is not None:
            yield rule.finding(
                section=item.section,
                evidence=item.text,
                location=item.location,
                therapy=therapy[0].upper() + therapy[1:],
            )


def _assessed_first(text: str, therapy: str) -> bool:
    """The statement provides an assessment or review, named before the therapy that carries it
    out ("a review of her drooling management by a speech and language therapist")."""
    leading = _patterns("health_only_therapy", "leading_patterns").search(text)
    named = _patterns("educational_therapies", therapy).search(text)
    return leading is not None and named is not None and leading.start() < named.start()


def _educational_therapy(text: str) -> str | None:
    """The name of the first educational therapy (in rules order) a statement provides."""
    for therapy in settings()["educational_therapies"]:
        if _patterns("educational_therapies", therapy).search(text):
            return therapy
    return None


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


def _needs_only_named(needs: list[NeedItem]) -> Iterator[Finding]:
    """Areas of need whose every line only names a condition ("Dyslexia.", "Ethan has ADHD"):
    a diagnosis followed by a description of its effects is good practice, a bare one is not."""
    by_area: dict[object, list[NeedItem]] = {}
    for need in needs:
        by_area.setdefault(need.area, []).append(need)
    rule = get_rule("CMP008")
    for area_needs in by_area.values():
        if all(_only_names_condition(need.text) for need in area_needs):
            first = area_needs[0]
            yield rule.finding(
                section=first.section,
                evidence=first.text,
                location=first.location,
                label=first.text.rpartition(ROW_SEPARATOR)[2],
            )


def _only_names_condition(text: str) -> bool:
    """A condition's name and nothing more once names (capitalised), filler words and dates go."""
    need = text.rpartition(ROW_SEPARATOR)[2]  # a table row: the need, not its area label
    conditions = phrase_pattern(_setting(("needs", "conditions")))
    if not conditions.search(need):
        return False
    filler = {word.lower() for word in _setting(("needs", "label_filler_words"))}
    rest = re.findall(r"[A-Za-z][a-z'’-]*", conditions.sub(" ", need))
    return len([word for word in rest if word.lower() not in filler and word.islower()]) == 0


def _outcome_horizon(plan: Plan, outcomes: list[OutcomeItem]) -> Iterator[Finding]:
    """CMP009: no outcome reaches past the next year or names a phase end; CMP010: every outcome
    is dated beyond it. Judged only when the plan is dated and some outcome has a date."""
    from ehcp_lint.checks.dates import find_deadline

    plan_date = plan.metadata.plan_date
    if plan_date is None or not outcomes:
        return
    months = settings()["outcome_horizon"]["next_months"]
    horizon = _months_later(plan_date, months)
    deadlines = [find_deadline(outcome.text, plan.metadata) for outcome in outcomes]
    dated = [found[1] for found in deadlines if found is not None]
    if not dated:
        return
    long_term = _patterns("outcome_horizon", "long_term")
    first = outcomes[0]
    if all(day <= horizon for day in dated) and not any(long_term.search(o.text) for o in outcomes):
        yield get_rule("CMP009").finding(
            section=SectionId.E, evidence=first.text, location=first.location, months=months
        )
    if len(dated) == len(outcomes) and all(day > horizon for day in dated):
        yield get_rule("CMP010").finding(
            section=SectionId.E, evidence=first.text, location=first.location, months=months
        )


def _months_later(day: date, months: int) -> date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _social_care_in_wrong_part(
    plan: Plan, section_id: SectionId, services_key: str, code: str
) -> Iterator[Finding]:
    """Social care services written in the part of H they do not belong to (H1: s.2 CSDPA)."""
    section = plan.section(section_id)
    services = phrase_pattern(_setting(("social_care", services_key)))
    rule = get_rule(code)
    for block in section.blocks:
        match = services.search(block.text)
        if match and not is_nil_statement(block.text):
            yield rule.finding(
                section=section.id,
                evidence=block.text,
                location=block.location,
                service=match.group(0),
            )


def _has_body(section: Section) -> bool:
    return section.present and bool(section.blocks)
