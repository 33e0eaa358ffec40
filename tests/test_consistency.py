"""Consistency (CON003 pronoun mix, CON004 duplicated paragraphs) on whole plans."""

from __future__ import annotations

import pytest

from ehcp_lint import parse
from ehcp_lint.checks import consistency
from tests.conftest import plan_text
from tests.plan_builder import run_check

HE_SENTENCES = (
    "Ayaan reads at a level typical of a child two years younger and he guesses long words.\n"
    "He works hard in lessons and he likes to use his reading ruler.\n"
    "Ayaan tires quickly when writing and he needs short breaks.\n"
)


def rules_raised(write_plan, bodies: dict[str, str]) -> dict[str, list[str]]:
    output = run_check(consistency.run, parse(write_plan(plan_text(bodies))))
    found: dict[str, list[str]] = {}
    for finding in output.findings:
        found.setdefault(finding.rule, []).append(finding.evidence or "")
    return found


@pytest.mark.parametrize(
    "sentence",
    [
        "Ayaan enjoys jigsaw puzzles and their confidence grows when they solve one.",
        "Ayaan responds well to praise from adults they trust.",
        "Ayaan needs adults to check that they have understood each instruction.",
        "Ayaan likes swimming and she goes every Saturday.",
        "He likes puzzles and their concentration improves when they choose the task.",
    ],
)
def test_another_pronoun_for_the_child_is_flagged(write_plan, sentence: str) -> None:
    found = rules_raised(write_plan, {"B": HE_SENTENCES + sentence})
    assert found.get("CON003") == [sentence]


@pytest.mark.parametrize(
    "sentence",
    [
        "Ayaan finds it hard to link letters to their sounds.",
        "Ayaan plays with peers at break and they share the football.",
        "Ayaan sorts the cards into groups and they are then checked.",
    ],
)
def test_a_they_that_may_be_plural_is_not_the_child(write_plan, sentence: str) -> None:
    assert "CON003" not in rules_raised(write_plan, {"B": HE_SENTENCES + sentence})


def test_the_dominant_pronoun_counts_sentences_near_other_people_too(write_plan) -> None:
    """Most "he" sentences here mention a teacher, so they are not checked themselves, but they
    still show which pronoun the plan uses for the child."""
    body = (
        "His teacher says he reads well and he enjoys books about space.\n"
        "His teacher reports that he needs reminders and he forgets his kit.\n"
        "His teacher adds that he is kind and he helps younger pupils.\n"
        "Ayaan reads every evening.\n"
        "Ayaan enjoys board games and their confidence grows when they win."
    )
    found = rules_raised(write_plan, {"B": body})
    assert found.get("CON003") == [
        "Ayaan enjoys board games and their confidence grows when they win."
    ]


def test_a_short_paragraph_repeated_under_one_heading_is_a_duplicate(write_plan) -> None:
    repeated = "Ayaan cannot copy from the board."
    body = f"Cognition and learning\n{repeated}\n{repeated}"
    assert rules_raised(write_plan, {"B": body}).get("CON004") == [repeated]


def test_a_short_statement_repeated_under_different_headings_is_not(write_plan) -> None:
    body = (
        "Cognition and learning\nAyaan is working below age-related expectations in reading.\n"
        "Sensory and physical\nNot an area of need for Ayaan.\n"
        "Social, emotional and mental health\nNot an area of need for Ayaan."
    )
    assert "CON004" not in rules_raised(write_plan, {"B": body})


def test_a_value_repeated_down_a_table_column_is_not_a_duplicate(write_plan) -> None:
    provider = "A Level 3 teaching assistant trained by the speech and language therapist team"
    body = (
        "| Provision | Who | How often |\n|---|---|---|\n"
        f"| Precision Teaching of common exception words | {provider} | Daily |\n"
        f"| Colourful Semantics sentence building programme | {provider} | Weekly |\n"
    )
    assert "CON004" not in rules_raised(write_plan, {"F": body})


@pytest.mark.parametrize(
    "sentence",
    [
        "Jayden finds reading hard and he guesses long words.",  # a listed first name
        "Zephyr enjoys practical tasks and his confidence grows when he succeeds.",  # unlisted
        "Jayden said that he wants to be a footballer.",
    ],
)
def test_another_childs_name_is_flagged(write_plan, sentence: str) -> None:
    assert rules_raised(write_plan, {"B": HE_SENTENCES + sentence}).get("CON002") == [sentence]


@pytest.mark.parametrize(
    "sentence",
    [
        "Minecraft is his favourite game and he plays it every evening.",
        "Maths worries him and he avoids number work.",
        "Sarah says he sleeps badly.",  # named as his mother in Section A
        "She says he sleeps badly.",
    ],
)
def test_capitalised_words_that_are_not_another_child(write_plan, sentence: str) -> None:
    bodies = {"A": "Sarah (mum) said that Ayaan loves Minecraft.", "B": HE_SENTENCES + sentence}
    assert "CON002" not in rules_raised(write_plan, bodies)


def test_a_duplicate_differing_only_in_punctuation_is_still_a_duplicate(write_plan) -> None:
    first = "Ayaan finds it hard to start written tasks without an adult beside him."
    again = "Ayaan finds it hard to start written tasks without an adult beside him"
    body = f"Cognition and learning\n{first}\nSocial, emotional and mental health\n{again}"
    assert rules_raised(write_plan, {"B": body}).get("CON004") == [again]
