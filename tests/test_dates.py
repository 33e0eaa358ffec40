"""Dates and ages (DAT001-DAT005): judged against the plan's own date and the child's birth date."""

from __future__ import annotations

from datetime import date

import pytest

from ehcp_lint import parse
from ehcp_lint.checks import dates
from ehcp_lint.plan import PlanMetadata
from tests.conftest import FRONT_MATTER, plan_text
from tests.plan_builder import run_check


def findings(write_plan, text: str) -> dict[str, list]:
    output = run_check(dates.run, parse(write_plan(text)))
    found: dict[str, list] = {}
    for finding in output.findings:
        found.setdefault(finding.rule, []).append(finding)
    return found


def with_front_matter(front: str, **bodies: str) -> str:
    """The base plan with its front matter replaced."""
    return plan_text(bodies).replace(FRONT_MATTER, front)


PLAN_MARCH_2025 = PlanMetadata(plan_date=date(2025, 3, 10), year_group=4)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("By July 2023, Sam will read 100 words.", date(2023, 7, 31)),
        ("Sam will read 100 words by the end of June 2026.", date(2026, 6, 30)),
        ("By 14 February 2024 Sam will count to 20.", date(2024, 2, 14)),
        ("By the end of the summer term 2024, Sam will swim.", date(2024, 7, 31)),
        ("By the autumn term 2025 Sam will swim.", date(2025, 12, 31)),
        ("Sam will write his name by 2030.", date(2030, 12, 31)),
        ("By the end of Year 6, Sam will read aloud.", date(2027, 7, 31)),
        ("By the end of his time in Year 4, Sam will read aloud.", date(2025, 7, 31)),
        ("By the end of Year 2, Sam will read aloud.", date(2023, 7, 31)),
        ("By the end of the 2023/24 school year, Sam will swim.", date(2024, 7, 31)),
        ("Sam will swim by the end of academic year 2025-26.", date(2026, 7, 31)),
        # Other shapes of the same dates: the edge of a period, a year after "in"/"of" or
        # before its period, holidays and half terms, numeric dates, key stages and phases.
        ("By the close of the school year in 2024, Sam will swim.", date(2024, 7, 31)),
        ("Sam will swim by the start of the summer holidays in 2024.", date(2024, 7, 31)),
        ("Sam will swim no later than the Christmas break of 2025.", date(2025, 12, 31)),
        ("By the 2024 spring term, Sam will swim.", date(2024, 4, 30)),
        ("Sam will swim by the end of the 2024 academic year.", date(2024, 7, 31)),
        ("Sam will swim by October half-term 2025.", date(2025, 10, 31)),
        ("Sam will swim by the 3rd of March, 2024.", date(2024, 3, 3)),
        ("Sam will swim no later than 28/02/2025.", date(2025, 2, 28)),
        ("Sam will swim by the end of the calendar year 2024.", date(2024, 12, 31)),
        ("By the Easter holidays of Year 5, Sam will swim.", date(2026, 4, 30)),
        ("Sam will swim by the time he reaches the end of Year 6.", date(2027, 7, 31)),
        ("Before Sam leaves primary school, he will swim.", date(2027, 7, 31)),
        ("By the end of KS2, Sam will swim.", date(2027, 7, 31)),
        # A term's end or a named event in a year; ISO dates and month numbers.
        ("Sam will swim before the spring term finishes in 2024.", date(2024, 4, 30)),
        ("By the time the autumn term closes in 2025, Sam will swim.", date(2025, 12, 31)),
        ("Sam will swim in time for his transition review in 2024.", date(2024, 12, 31)),
        ("Prior to the move to secondary school in 2027, Sam will swim.", date(2027, 12, 31)),
        ("Sam will swim by 2024-11-30.", date(2024, 11, 30)),
        ("Target date: 11/2024. Sam will swim.", date(2024, 11, 30)),
        ("By: 30 November 2024, Sam will swim.", date(2024, 11, 30)),
        ("Sam will swim by the end of Y6.", date(2027, 7, 31)),
        ("In readiness for the move to Year 7 in 2026, Sam will swim.", date(2026, 12, 31)),
        ("Sam will swim by the end of the 2023 to 2024 school year.", date(2024, 7, 31)),
        # A time clause about an event to come, in any tense of the future or present.
        ("When his annual review takes place in 2024, Sam will swim.", date(2024, 12, 31)),
        ("Sam will swim when his plan is reviewed in 2025.", date(2025, 12, 31)),
        ("Once the review meeting comes round in 2024, Sam will swim.", date(2024, 12, 31)),
        ("Sam will swim 10 metres at his next annual review in 2024.", date(2024, 12, 31)),
        ("Sam will swim on 3 days when his review is held in 2024.", date(2024, 12, 31)),
        ("Sam will swim within the academic year ending in 2024.", date(2024, 7, 31)),
        ("Sam will swim during the school year that finishes in 2025.", date(2025, 7, 31)),
        # From now to a date, and a day or week at the edge of a named term before its date.
        ("Between now and the spring of 2024, Sam will swim.", date(2024, 4, 30)),
        ("Sam will swim 10 metres between now and Easter 2025.", date(2025, 4, 30)),
        ("By the final week of the autumn term, December 2024, Sam will swim.", date(2024, 12, 31)),
        ("Sam will swim by the first day of half term, February 2025.", date(2025, 2, 28)),
    ],
)
def test_deadlines_are_dated_to_the_last_day_they_allow(text: str, expected: date) -> None:
    found = dates.find_deadline(text, PLAN_MARCH_2025)
    assert found is not None and found[1] == expected
    assert found[0] in text


def test_undated_time_frames_and_plain_numbers_are_not_deadlines() -> None:
    for text in (
        "Within the next 12 months, Sam will read 100 words.",
        "By his next annual review, Sam will count to 20 on 4 out of 5 occasions.",
        "Sam will read 2023 words.",
        "In 2023 Sam was assessed; by the end of this school year he will read 100 words.",
        "By the time he reaches Year 6, Sam will read aloud.",
        "By 3 adults in 2024 Sam was assessed; he will now read 100 words.",
        "When he was assessed in 2023, Sam read 10 words; he will read 100 words.",
        "When she started school in 2021, Sam could not count; she will count to 20.",
    ):
        assert dates.find_deadline(text, PLAN_MARCH_2025) is None


def test_a_past_deadline_is_quoted_with_the_plan_date(write_plan) -> None:
    outcome = "By July 2023, Ayaan will read a 100-word passage with 95% accuracy."
    found = findings(write_plan, plan_text({"E": f"- {outcome}"}))
    (finding,) = found["DAT001"]
    assert finding.evidence == outcome
    assert '"By July 2023"' in finding.message and "10 March 2025" in finding.message


@pytest.mark.parametrize(
    ("outcome", "reported"),
    [
        ("By the end of the academic year in 2024, Ayaan will read 100 words.", True),
        ("Ayaan will read 100 words by the start of the summer holidays in 2024.", True),
        ("Ayaan will read 100 words by the start of the summer holidays in 2025.", False),
        ("By Easter of Year 3, Ayaan will read 100 words.", True),
        ("As summer 2024 approaches, Ayaan will read 100 words.", True),
        ("At his 2024 annual review, Ayaan will read 100 words.", True),
        ("Ayaan will read 100 words by his annual review (2024).", True),
        ("At the 2024 review Ayaan read 40 words; by July 2025 he will read 100.", False),
        ("By the end of Key Stage 2, Ayaan will read 100 words.", False),
    ],
)
def test_past_deadlines_in_other_shapes_are_reported(
    write_plan, outcome: str, reported: bool
) -> None:
    """The base plan is dated 10 March 2025 for a Year 4 child."""
    assert ("DAT001" in findings(write_plan, plan_text({"E": f"- {outcome}"}))) is reported


def test_outcomes_are_not_judged_without_a_plan_date(write_plan) -> None:
    front = "Education, Health and Care Plan\n\nName: Ayaan Khan\nDate of birth: 14/09/2016\n"
    text = with_front_matter(front, E="- By July 2023, Ayaan will read 100 words accurately.")
    assert "DAT001" not in findings(write_plan, text)


@pytest.mark.parametrize("label", ["Age", "Age (years)", "Child's age", "Age at plan date"])
@pytest.mark.parametrize(("stated", "reported"), [("8", False), ("11", True)])
def test_front_matter_age_is_checked_against_the_birth_date(
    write_plan, label: str, stated: str, reported: bool
) -> None:
    front = FRONT_MATTER + f"{label}: {stated} years\n"
    found = findings(write_plan, with_front_matter(front))
    assert ("DAT002" in found) is reported
    if reported:
        assert found["DAT002"][0].evidence == f"{label}: {stated} years"
        assert "makes them 8" in found["DAT002"][0].message


def test_an_age_from_the_past_is_not_a_stated_age(write_plan) -> None:
    body = "Ayaan was 4 years old when he started school. I am 8 years old."
    assert "DAT002" not in findings(write_plan, plan_text({"A": body}))


@pytest.mark.parametrize(
    "sentence",
    [
        "Ayaan is 11 years old and lives with his mum.",
        "Ayaan is eleven and lives with his mum.",
        "Ayaan, aged 11, lives with his mum.",
        "Ayaan is an 11-year-old boy who lives with his mum.",
        "I'm 11 and I live with my mum.",
        "Ayaan is aged 11 and lives with his mum.",
        "Ayaan, who is 11, lives with his mum.",
        "Ayaan is a cheerful, chatty 11-year-old who lives with his mum.",
        "Ayaan, a cheerful 11-year-old, lives with his mum.",
        "Ayaan is 11 yrs old and lives with his mum.",
    ],
)
def test_ages_stated_in_prose_are_checked(write_plan, sentence: str) -> None:
    """Born 14/09/2016, the child is 8 at 10 March 2025."""
    (finding,) = findings(write_plan, plan_text({"A": sentence}))["DAT002"]
    assert finding.evidence == sentence and "says the child is 11" in finding.message


@pytest.mark.parametrize(
    "sentence",
    [
        "Ayaan is eight years old and lives with his mum.",
        "Ayaan is 2 years behind his peers in reading.",
        "Ayaan is nearly 10 in his reading age.",
        "Ayaan is one of four children.",
        "Ayaan is a friend of an 11-year-old boy in his street.",
        "Ayaan, who is 11 months behind in reading, lives with his mum.",
    ],
)
def test_a_right_age_or_a_number_that_is_not_an_age_raises_nothing(
    write_plan, sentence: str
) -> None:
    assert "DAT002" not in findings(write_plan, plan_text({"A": sentence}))


@pytest.mark.parametrize(
    ("year", "reported"), [("Year 3", False), ("Year 4", False), ("Year 6", True)]
)
def test_year_group_far_from_the_chronological_one(write_plan, year: str, reported: bool) -> None:
    """Born 14/09/2016, at 10 March 2025 the child is in Year 3; one year out is allowed."""
    front = FRONT_MATTER.replace("Year group: Year 4", f"Year group: {year}")
    found = findings(write_plan, with_front_matter(front))
    assert ("DAT003" in found) is reported
    if reported:
        assert "Year 3" in found["DAT003"][0].message


def test_a_doubtful_year_group_dates_no_school_year_deadline(write_plan) -> None:
    """Stated Year 6 for a Year 3 child: DAT003 says so, and "by the end of Year 5" is not also
    reported as past (one wrong fact, one finding)."""
    front = FRONT_MATTER.replace("Year group: Year 4", "Year group: Year 6")
    outcome = "- By the end of Year 5, Ayaan will read a 100-word passage with 95% accuracy."
    found = findings(write_plan, with_front_matter(front, E=outcome))
    assert "DAT003" in found and "DAT001" not in found
    in_step = findings(write_plan, with_front_matter(FRONT_MATTER, E=outcome.replace("5", "2")))
    assert "DAT001" in in_step


def test_chronological_year_group_turns_on_1_september() -> None:
    plan_day = date(2025, 3, 10)
    assert dates.chronological_year_group(date(2016, 8, 31), plan_day) == 4
    assert dates.chronological_year_group(date(2016, 9, 1), plan_day) == 3


@pytest.mark.parametrize(
    ("advice_date", "review", "reported"),
    [
        ("3 February 2024", False, True),  # 13 months before a new plan
        ("3 February 2024", True, False),  # within 18 months for a reviewed plan
        ("3 July 2023", True, True),  # 20 months
        ("3 April 2024", False, False),  # 11 months
        ("January 2024", False, True),  # a month only: its last day, 13 months before
        ("03/2024", False, False),  # 11 months from the end of March
        ("Feb. 2023", True, True),
        ("Autumn term 2023", False, True),  # a term only: its end, 14 months before
        ("Spring 2 2024", False, False),  # the end of April 2024: 10 months
    ],
)
def test_advice_older_than_the_limit(
    write_plan, advice_date: str, review: bool, reported: bool
) -> None:
    status = "Type of plan: Amended plan following annual review\n"
    front = FRONT_MATTER + (status if review else "")
    entry = f"- Educational psychologist advice, Dr P Rowe, {advice_date}"
    found = findings(write_plan, with_front_matter(front, K=entry))
    assert ("DAT004" in found) is reported
    if reported:
        assert found["DAT004"][0].evidence == entry[2:]


def test_a_review_still_to_come_does_not_make_a_reviewed_plan(write_plan) -> None:
    front = FRONT_MATTER + "Next review date: 10 March 2026\n"
    entry = "- Educational psychologist advice, Dr P Rowe, 3 February 2024"
    assert "DAT004" in findings(write_plan, with_front_matter(front, K=entry))


def test_a_forms_list_of_choices_does_not_make_a_reviewed_plan(write_plan) -> None:
    front = FRONT_MATTER + "Status (draft / amended / final): Final\n"
    entry = "- Educational psychologist advice, Dr P Rowe, 3 February 2024"
    assert "DAT004" in findings(write_plan, with_front_matter(front, K=entry))
    amended = FRONT_MATTER + "Status (draft / amended / final): Amended\n"
    assert "DAT004" not in findings(write_plan, with_front_matter(amended, K=entry))


def test_a_birth_date_after_the_plan_date_is_impossible_and_silences_the_rest(
    write_plan,
) -> None:
    front = FRONT_MATTER.replace("14/09/2016", "14/09/2026")
    text = with_front_matter(front, E="- By July 2023, Ayaan will read 100 words accurately.")
    found = findings(write_plan, text)
    assert set(found) == {"DAT005"}
    assert found["DAT005"][0].evidence == "Date of birth: 14/09/2026"


def test_an_age_over_25_is_impossible(write_plan) -> None:
    front = FRONT_MATTER.replace("14/09/2016", "14/09/1990")
    assert "DAT005" in findings(write_plan, with_front_matter(front))


def test_the_sound_base_plan_raises_nothing(write_plan) -> None:
    assert findings(write_plan, plan_text()) == {}
