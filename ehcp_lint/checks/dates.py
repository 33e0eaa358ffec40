"""Dates and ages: outcome deadlines, stated ages, year groups and advice dates agree with the
plan's date and the child's date of birth. Patterns and limits are in rules/dates.toml.

Every judgement is relative to the plan's own date (never today's), so a report is reproducible.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterator
from datetime import date
from functools import cache
from typing import Any

from ehcp_lint.checks import CheckOutput
from ehcp_lint.checks.consistency import child_first_name
from ehcp_lint.document import Block
from ehcp_lint.extract import is_header_row, is_subheading
from ehcp_lint.items import OutcomeItem, PlanItems
from ehcp_lint.metadata import YEAR_WORDS, parse_uk_date, parse_year_group, school_year_start
from ehcp_lint.plan import Plan, PlanMetadata, SectionId
from ehcp_lint.report import Finding
from ehcp_lint.ruleset import get_rule, load_toml
from ehcp_lint.textfeatures import expand

MONTH_NUMBERS = {
    name.lower(): number
    for number in range(1, 13)
    for name in (calendar.month_name[number], calendar.month_abbr[number])
} | {"sept": 9}
# English school years start on 1 September and end in July; Reception is five years after
# the school year of birth (as in ehcp_lint.metadata).
SCHOOL_YEAR_END_MONTH = 7
RECEPTION_OFFSET = 5


@cache
def settings() -> dict[str, Any]:
    return load_toml("dates.toml")["dates"]


@cache
def _deadline_patterns() -> tuple[re.Pattern[str], ...]:
    """The deadline grammar of rules/dates.toml with its parts filled in."""
    grammar = settings()["deadline_grammar"]
    seasons = "|".join(sorted(settings()["term_end_month"], key=len, reverse=True))
    phases = "|".join(  # "ks2", "KS 2", "key  stage 2"
        r"\s*".join(re.escape(word) for word in re.sub(r"(?<=[a-z])(?=\d)", " ", phase).split())
        for phase in sorted(settings()["phase_last_year"], key=len, reverse=True)
    )
    parts = {
        "{by_in}": grammar["by_in"].replace("{by}", grammar["by"]),
        "{by}": grammar["by"],
        "{edge}": grammar["edge"],
        "{term}": grammar["term"].replace("{season}", seasons),
        "{in_year}": grammar["in_year"],
        "{subject}": grammar["subject"],
        "{phase}": f"(?:{phases})",
    }
    compiled = []
    for pattern in grammar["deadline_patterns"]:
        for name, part in parts.items():
            pattern = pattern.replace(name, part)
        compiled.append(re.compile(expand(pattern), re.IGNORECASE))
    return tuple(compiled)


def run(plan: Plan, items: PlanItems) -> CheckOutput:
    meta = plan.metadata
    findings = [*_impossible_dates(plan)]
    if not findings and meta.plan_date is not None:
        findings += _past_deadlines(items.outcomes, meta)
        findings += _old_advice(plan, meta.plan_date)
        if meta.date_of_birth is not None:
            findings += _stated_ages(plan, meta.date_of_birth, meta.plan_date)
            findings += _year_group_mismatch(plan, meta.date_of_birth, meta.plan_date)
    return CheckOutput(findings=findings)


def age_on(birth: date, day: date) -> int:
    """Whole years from birth to day."""
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def chronological_year_group(birth: date, day: date) -> int:
    """The National Curriculum year of a child born on `birth`, on `day` (0 = Reception)."""
    return school_year_start(day) - school_year_start(birth) - RECEPTION_OFFSET


def long_date(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


def _end_of_month(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def deadline_date(match: re.Match[str], meta: PlanMetadata) -> date | None:
    """The last day a deadline allows: the day named; the end of its month, term, academic or
    calendar year; the end of the school year (or of the term in it) in which the child reaches
    a named year group. None if it cannot be dated."""
    groups = {k: v for k, v in match.groupdict().items() if v}
    if "school_year" in groups:
        return _school_year_deadline(groups["school_year"], groups.get("season"), meta)
    if "academic_year_end" in groups:  # "2024/25": July 2025
        end_year = int(groups["academic_year_end"][-2:]) + 2000
        return _end_of_month(end_year, SCHOOL_YEAR_END_MONTH)
    if "numeric" in groups:
        return parse_uk_date(groups["numeric"])
    year = int(groups["year"])
    if "day" in groups:
        return parse_uk_date(match.group(0))
    if "month" in groups:
        return _end_of_month(year, MONTH_NUMBERS[groups["month"].lower().rstrip(".")])
    if "month_number" in groups:  # "07/2024"
        return _end_of_month(year, int(groups["month_number"]))
    if "season" in groups:
        return _end_of_month(year, _term_end_month(groups["season"]))
    if "academic" in groups:  # "the academic year in 2024": the one that ends in July 2024
        return _end_of_month(year, SCHOOL_YEAR_END_MONTH)
    return date(year, 12, 31)


def _term_end_month(season: str) -> int:
    return int(settings()["term_end_month"][season.lower()])


def _school_year_deadline(named: str, season: str | None, meta: PlanMetadata) -> date | None:
    """The end of the school year (or of the named term in it) in which the child is in the
    named year group; None when the stated year group is in doubt (DAT003 reports that; one
    wrong fact, one finding)."""
    target = _last_year_of_phase(named)
    if target is None or meta.year_group is None or meta.plan_date is None:
        return None
    if not _year_group_fits(meta.year_group, meta):
        return None
    start_year = school_year_start(meta.plan_date) + (target - meta.year_group)
    month = SCHOOL_YEAR_END_MONTH if season is None else _term_end_month(season)
    return _end_of_month(start_year + (month <= SCHOOL_YEAR_END_MONTH), month)


def _last_year_of_phase(named: str) -> int | None:
    """The year group that ends a named year, key stage or phase ("Key Stage 2": 6)."""
    last_years = {
        "".join(key.split()): int(year) for key, year in settings()["phase_last_year"].items()
    }
    found = last_years.get("".join(named.lower().split()))
    return found if found is not None else parse_year_group(named)


def find_deadline(text: str, meta: PlanMetadata) -> tuple[str, date] | None:
    """The first dated deadline in a text ("by July 2026", "by the end of the academic year in
    2025", "by Easter of Year 6") as the words found and the last day they allow; None if the
    text has none that can be dated. The earliest in the text wins, then the longest."""
    found = _deadlines(text, meta)
    return found[0] if found else None


def _deadlines(text: str, meta: PlanMetadata) -> list[tuple[str, date]]:
    """Every dated time phrase in a text, in reading order; of phrases that overlap, the one
    that starts first (then the longest) stands."""
    found: list[tuple[int, int, str, date]] = []
    for pattern in _deadline_patterns():
        for match in pattern.finditer(text):
            deadline = deadline_date(match, meta)
            if deadline is not None:
                found.append((match.start(), -len(match.group(0)), match.group(0), deadline))
    kept: list[tuple[str, date]] = []
    end = -1
    for start, length, words, deadline in sorted(found):
        if start >= end:
            kept.append((words, deadline))
            end = start - length
    return kept


def _past_deadlines(outcomes: list[OutcomeItem], meta: PlanMetadata) -> Iterator[Finding]:
    rule = get_rule("DAT001")
    assert meta.plan_date is not None
    for outcome in outcomes:
        # An outcome naming two dates ("at the 2024 review he could count to 10; by July 2026
        # he will count to 50") is due by the later: only a time frame passed on every reading
        # is reported.
        found = max(_deadlines(outcome.text, meta), key=lambda pair: pair[1], default=None)
        if found is not None and found[1] < meta.plan_date:
            yield rule.finding(
                section=outcome.section,
                evidence=outcome.text,
                location=outcome.location,
                deadline=found[0],
                plan_date=long_date(meta.plan_date),
            )


def _stated_ages(plan: Plan, birth: date, plan_date: date) -> Iterator[Finding]:
    """The first stated age that disagrees with the date of birth (one finding is enough)."""
    actual = age_on(birth, plan_date)
    for section_id, block, match in _age_statements(plan):
        stated = _age_value(match.group("age"))
        if stated != actual:
            yield get_rule("DAT002").finding(
                section=section_id,
                evidence=block.text,
                location=block.location,
                stated=f"{stated}",
                actual=f"{actual}",
            )
            return


def _age_statements(plan: Plan) -> Iterator[tuple[SectionId | None, Block, re.Match[str]]]:
    front = re.compile(settings()["front_matter_age"])
    sentences = _sentence_ages(child_first_name(plan) or "I")
    for block in plan.front_matter:
        match = front.search(block.text)
        if match:
            yield None, block, match
    for section_id in (SectionId.A, SectionId.B):
        for block in plan.section(section_id).blocks:
            match = _first_match(sentences, block.text)
            if match:
                yield section_id, block, match


@cache
def _sentence_ages(name: str) -> tuple[re.Pattern[str], ...]:
    """The sentence_age patterns for this child's name."""
    words = "|".join(re.escape(w) for w in sorted(settings()["age_words"], key=len, reverse=True))
    age = rf"(?:\d{{1,2}}|{words})"
    return tuple(
        re.compile(p.replace("{name}", re.escape(name)).replace("{age}", age), re.IGNORECASE)
        for p in settings()["sentence_age"]
    )


def _first_match(patterns: tuple[re.Pattern[str], ...], text: str) -> re.Match[str] | None:
    matches = [m for m in (p.search(text) for p in patterns) if m]
    return min(matches, key=lambda m: m.start(), default=None)


def _age_value(text: str) -> int:
    """A stated age in digits or words ("9", "nine")."""
    return int(text) if text.isdigit() else settings()["age_words"].index(text.lower()) + 1


def _year_group_fits(year_group: int, meta: PlanMetadata) -> bool:
    """A year group within the tolerance of the chronological one (true when it cannot be told)."""
    if meta.date_of_birth is None or meta.plan_date is None:
        return True
    expected = chronological_year_group(meta.date_of_birth, meta.plan_date)
    return abs(year_group - expected) <= settings()["year_group_tolerance"]


def _year_group_mismatch(plan: Plan, birth: date, plan_date: date) -> Iterator[Finding]:
    """A stated year group (front matter) far from the chronological one."""
    stated = plan.metadata.year_group
    if stated is None or _year_group_fits(stated, plan.metadata):
        return
    expected = chronological_year_group(birth, plan_date)
    block = next((b for b in plan.front_matter if _names_year_group(b.text, stated)), None)
    if block is None:  # the year group was worked out from the date of birth, not stated
        return
    yield get_rule("DAT003").finding(
        section=None,
        evidence=block.text,
        location=block.location,
        stated=_year_name(stated),
        expected=_year_name(expected),
    )


def _names_year_group(text: str, year: int) -> bool:
    number = f"(?:{year}|{YEAR_WORDS[year - 1]})" if 0 < year <= len(YEAR_WORDS) else f"{year}"
    pattern = r"\breception\b" if year == 0 else rf"\b(?:year|yr|y|nc)\s*{number}\b"
    return bool(re.search(pattern, text, re.IGNORECASE))


def _year_name(year: int) -> str:
    return "Reception" if year == 0 else "Nursery" if year < 0 else f"Year {year}"


def _old_advice(plan: Plan, plan_date: date) -> Iterator[Finding]:
    """Each dated entry of Section K older than the limit for a new or a reviewed plan."""
    limit = _advice_limit_months(plan)
    section = plan.section(SectionId.K)
    rule = get_rule("DAT004")
    for block in section.blocks:
        if is_subheading(block) or is_header_row(block):
            continue
        advice_date = parse_uk_date(block.text) or _month_of_advice(block.text)
        if advice_date is None or advice_date > plan_date:
            continue
        months = _months_between(advice_date, plan_date)
        if months > limit:
            yield rule.finding(
                section=section.id,
                evidence=block.text,
                location=block.location,
                advice_date=long_date(advice_date),
                months=f"{months}",
                limit=f"{limit}",
            )


@cache
def _month_year() -> re.Pattern[str]:
    """A month without a day: "March 2023", "Mar. 2023", "03/2023"."""
    return re.compile(
        expand(r"\b(?:(?P<month>{month})\.?,?\s+|(?<![\d/.-])(?P<number>\d{1,2})\s*/\s*)")
        + r"(?P<year>(?:19|20)\d\d)\b(?![/.-]\d)",
        re.IGNORECASE,
    )


@cache
def _term_year() -> re.Pattern[str]:
    """A term or season and a year: "Spring 2023", "the summer term of 2023", "Autumn 1 2023"."""
    seasons = "|".join(sorted(settings()["term_end_month"], key=len, reverse=True))
    return re.compile(
        rf"\b(?P<season>{seasons})(?:\s+[12])?(?:\s+(?:half[- ]?)?term)?,?\s+(?:of\s+|in\s+)?"
        r"(?P<year>(?:19|20)\d\d)\b(?![/.-]\d)",
        re.IGNORECASE,
    )


def _month_of_advice(text: str) -> date | None:
    """Advice dated by its month or term only, as the last day of that month or term (the most
    recent reading: only advice old on every reading is reported)."""
    match = _month_year().search(text)
    if match is None:
        term = _term_year().search(text)
        if term is None:
            return None
        return _end_of_month(int(term["year"]), _term_end_month(term["season"]))
    month = match["month"]
    number = MONTH_NUMBERS[month.lower()] if month else int(match["number"])
    return _end_of_month(int(match["year"]), number) if 1 <= number <= 12 else None


def _advice_limit_months(plan: Plan) -> int:
    """The longer limit for a reviewed or amended plan; a review still to come ("Next review
    date") marks no plan as reviewed, nor does a form's list of choices ("Status (draft /
    amended / final): Final")."""
    reviewed = any(
        marker in text and not re.search(r"\b(?:next|future|due)\b", text)
        for text in (_CHOICES.sub(" ", block.text.lower()) for block in plan.front_matter)
        for marker in settings()["review_markers"]
    )
    return settings()["advice_max_months_review" if reviewed else "advice_max_months_new"]


# A bracketed list of choices in a form label: "(draft / amended / final)".
_CHOICES = re.compile(r"\([^()]*/[^()]*\)")


def _months_between(earlier: date, later: date) -> int:
    """Whole months from earlier to later (a part month does not count)."""
    months = (later.year - earlier.year) * 12 + later.month - earlier.month
    return months - (later.day < earlier.day)


def _impossible_dates(plan: Plan) -> Iterator[Finding]:
    birth, plan_date = plan.metadata.date_of_birth, plan.metadata.plan_date
    if birth is None or plan_date is None:
        return
    problem = None
    if birth >= plan_date:
        problem = "the date of birth is on or after the plan's date"
    elif age_on(birth, plan_date) > settings()["max_age"]:
        problem = f"the child would be over {settings()['max_age']} at the plan's date"
    if problem:
        block = next((b for b in plan.front_matter if parse_uk_date(b.text) == birth), None)
        yield get_rule("DAT005").finding(
            section=None,
            evidence=block.text if block else None,
            location=block.location if block else None,
            problem=problem,
        )
