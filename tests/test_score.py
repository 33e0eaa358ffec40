"""Pre-audit score and grade: bands, caps and the explanation, on realistic plans."""

from __future__ import annotations

from ehcp_lint import check
from ehcp_lint.score import grade_for, settings
from tests.conftest import plan_text


def test_bands_come_from_the_rules_file() -> None:
    bands = settings()["bands"]
    assert grade_for(bands["outstanding"]) == "outstanding"
    assert grade_for(bands["outstanding"] - 0.1) == "good"
    assert grade_for(bands["requires_improvement"] - 0.1) == "inadequate"


def test_sound_plan_outscores_the_same_plan_with_defects(write_plan) -> None:
    sound = check(write_plan(plan_text(), "sound.txt")).score
    weak = check(
        write_plan(
            plan_text(
                {
                    "F": "- Ayaan will have access to small group support as appropriate.\n"
                    "- See the EP report for strategies.",
                    "I": "[INSERT SCHOOL]",
                }
            ),
            "weak.txt",
        )
    ).score
    assert sound is not None and weak is not None
    assert sound.overall > weak.overall
    assert weak.sections["F"].score < sound.sections["F"].score
    assert {d.rule for d in weak.drivers} & {"CMP003", "CON001"}


def test_a_missing_section_caps_the_grade(write_plan) -> None:
    score = check(write_plan(plan_text({"J": None}))).score
    assert score is not None
    assert "missing_section" in score.caps
    assert score.grade in {"requires_improvement", "inadequate"}
    assert score.sections["J"].score == 0 and score.sections["J"].grade == "inadequate"


def test_no_outcomes_means_inadequate(write_plan) -> None:
    score = check(write_plan(plan_text({"E": None}))).score
    assert score is not None and score.grade == "inadequate"


def test_each_reported_score_is_graded_as_written(write_plan) -> None:
    """A grade is given to the score a reader sees (one decimal), never to a hidden fraction
    either side of a band, and the renderers show it as written ("71.5", not "72")."""
    from ehcp_lint.render import score_text

    score = check(write_plan(plan_text({"I": "[INSERT SCHOOL]"}), "plan.txt")).score
    assert score is not None
    for section in score.sections.values():
        assert section.grade == grade_for(section.score)
        assert float(score_text(section.score)) == section.score
    assert score_text(71.5) == "71.5" and score_text(72.0) == "72"
