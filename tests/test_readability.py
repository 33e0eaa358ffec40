"""Readability (ACC002-ACC005): reading figures per section, long sentences, jargon, passives."""

from __future__ import annotations

import pytest

from ehcp_lint import parse
from ehcp_lint.checks import readability
from ehcp_lint.plan import SectionId
from ehcp_lint.ruleset import Rule, RuleExample
from tests.conftest import plan_text
from tests.plan_builder import assert_rule_example, base_plan, rule_example_cases, run_check

PLAIN = (
    "Ayaan likes to play with his friends. He likes red cars and big dogs. He can read short "
    "books on his own. He finds long words hard. He likes to sit near the door. He is kind "
    "and he is fun to be with."
)
DENSE = (
    "Ayaan's phonological processing difficulties substantially compromise decoding automaticity, "
    "consequently necessitating individualised, systematically sequenced multisensory "
    "instructional methodologies. Standardised psychometric assessment indicates significantly "
    "below-average performance regarding orthographic memory and processing velocity."
)


@pytest.mark.parametrize(("rule", "example"), rule_example_cases("ACC00"))
def test_rule_examples_of_this_check(rule: Rule, example: RuleExample) -> None:
    if rule.code != "ACC001":  # the acronym rule belongs to the accessibility check
        assert_rule_example(readability.run, rule, example)


@pytest.mark.parametrize(
    ("word", "least", "most"),
    [("cat", 1, 1), ("reading", 2, 2), ("communication", 4, 5), ("proprioceptive", 4, 5)],
)
def test_syllables_come_from_the_hyphenation_dictionary(word: str, least: int, most: int) -> None:
    assert least <= readability.syllables(word) <= most


def test_plain_text_reads_easier_than_dense_text() -> None:
    plain = readability.reading_figures([PLAIN])
    dense = readability.reading_figures([DENSE])
    assert plain is not None and dense is not None
    assert plain.reading_ease > 80 > 10 > dense.reading_ease
    assert plain.grade < 4 < 14 < dense.grade
    assert plain.words == 44 and plain.sentences == 6


def test_reading_figures_per_section_with_enough_words() -> None:
    output = run_check(readability.run, base_plan(D=PLAIN))
    assert output.readability is not None
    assert SectionId.A in output.readability and SectionId.D in output.readability
    assert SectionId.C not in output.readability  # one short sentence: nothing to measure
    assert output.readability[SectionId.D].grade < 4


def test_the_report_carries_the_reading_figures(write_plan) -> None:
    from ehcp_lint import check

    report = check(write_plan(plan_text({"D": PLAIN})))
    assert report.readability is not None
    figures = report.model_dump(mode="json")["readability"]["D"]
    assert set(figures) == {"words", "sentences", "reading_ease", "grade"}


def test_a_hard_section_quotes_its_hardest_sentence() -> None:
    output = run_check(readability.run, base_plan(D=f"He likes dogs. {DENSE} {DENSE}"))
    (finding,) = [f for f in output.findings if f.rule == "ACC002"]
    assert finding.section is SectionId.D
    assert finding.evidence is not None and finding.evidence.startswith("Ayaan's phonological")
    assert "grade" in finding.message


def test_long_sentences_are_counted_in_each_table_cell() -> None:
    long_cell = " ".join(["word"] * 36) + "."
    body = f"Need | Provision\nReading | {long_cell}"
    output = run_check(readability.run, base_plan(F=body))
    (finding,) = [f for f in output.findings if f.rule == "ACC003"]
    assert finding.evidence == long_cell
    assert "36 words" in finding.message


def test_jargon_once_per_plan_and_not_when_explained_or_in_an_area_name() -> None:
    bodies = {
        "B": "## Cognition and learning\nAyaan can become dysregulated at lunch.\n"
        "He is dysregulated after PE.\nHe has poor proprioceptive (body awareness) skills.",
    }
    output = run_check(readability.run, base_plan(**bodies))
    jargon = [f for f in output.findings if f.rule == "ACC004"]
    assert [f.evidence for f in jargon] == ["Ayaan can become dysregulated at lunch."]
    assert "very upset" in (jargon[0].suggestion or "")


def test_impersonal_passives_name_the_phrase() -> None:
    output = run_check(readability.run, base_plan(D="It was agreed that Ayaan would join a club."))
    (finding,) = [f for f in output.findings if f.rule == "ACC005"]
    assert '"It was agreed that"' in finding.message


def test_the_sound_base_plan_raises_nothing() -> None:
    assert run_check(readability.run, base_plan()).findings == []


def test_a_real_plan_file_gets_figures(write_plan) -> None:
    output = run_check(readability.run, parse(write_plan(plan_text())))
    assert output.readability is not None and SectionId.B in output.readability
