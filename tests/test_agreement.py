"""Agreement between pre-audit and moderated grades, and between auditors, on real plans."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import pytest
from sklearn.metrics import cohen_kappa_score
from typer.testing import CliRunner

from ehcp_lint.agreement import agreement_report, grade_agreement, latest_per_auditor
from ehcp_lint.cli import app
from ehcp_lint.evaluate import GRADES
from ehcp_lint.moderation import (
    ModerationRecord,
    ModerationRequest,
    PreAuditRecord,
    ensure_pre_audit,
    moderate_plan,
    open_store,
)
from ehcp_lint.plan import SectionId

SAMPLE = Path(__file__).parent.parent / "corpora_synthetic" / "sample"
PLANS = sorted(SAMPLE.glob("*.txt"))[:5]


def shifted(grade: str, steps: int) -> str:
    """A grade `steps` away (towards the other end when it would fall off the scale)."""
    index = GRADES.index(grade)
    moved = index + steps if 0 <= index + steps < len(GRADES) else index - steps
    return GRADES[moved]


def kappa(first: list[str], second: list[str]) -> float:
    """An independent reference: scikit-learn's quadratic-weighted Cohen's kappa."""
    return float(
        cohen_kappa_score(
            [GRADES.index(g) for g in first],
            [GRADES.index(g) for g in second],
            labels=list(range(len(GRADES))),
            weights="quadratic",
        )
    )


@dataclass
class Moderated:
    db: str
    pre: list[PreAuditRecord]
    khan: list[str]
    jones: list[str]
    section: SectionId  # the section c.lee re-graded: one holding findings
    records: list[ModerationRecord]


@pytest.fixture(scope="module")
def moderated(tmp_path_factory: pytest.TempPathFactory) -> Moderated:
    """Auditor a.khan moderates five plans (agrees with three, one grade off, two grades off)
    after changing their mind about the first; b.jones moderates four of them; c.lee agrees
    with the first plan's grade but re-grades a section that has findings."""
    db = str(tmp_path_factory.mktemp("agreement") / "m.sqlite3")
    with open_store(db) as store:
        pre = [ensure_pre_audit(store, plan) for plan in PLANS]
        khan = [p.grade for p in pre[:3]] + [shifted(pre[3].grade, 1), shifted(pre[4].grade, 2)]
        moderate_plan(store, PLANS[0], ModerationRequest(auditor="a.khan", grade="inadequate"))
        for plan, grade in zip(PLANS, khan, strict=True):
            moderate_plan(store, plan, ModerationRequest(auditor="a.khan", grade=grade))
        jones = [*khan[:3], shifted(khan[3], 1)]
        for plan, grade in zip(PLANS, jones, strict=False):
            moderate_plan(store, plan, ModerationRequest(auditor="b.jones", grade=grade))
        section = next(f.section for f in pre[0].findings if f.section is not None)
        new_grade = shifted(pre[0].sections[section].grade, 1)
        moderate_plan(
            store,
            PLANS[0],
            ModerationRequest(auditor="c.lee", grade=pre[0].grade, sections={section: new_grade}),
        )
        records = store.moderations()
    return Moderated(db, pre, khan, jones, section, records)


def test_grade_agreement_counts_exact_within_one_and_the_confusion_matrix() -> None:
    pairs = [("good", "good"), ("good", "outstanding"), ("inadequate", "good"), ("good", "good")]
    result = grade_agreement(pairs)
    assert (result.exact.hits, result.within_one.hits, result.pairs) == (2, 3, 4)
    assert result.confusion[GRADES.index("good")][GRADES.index("good")] == 2
    assert result.confusion[GRADES.index("inadequate")][GRADES.index("good")] == 1
    first, second = zip(*pairs, strict=True)
    assert result.kappa == pytest.approx(kappa(list(first), list(second)))


def test_pre_audit_vs_auditor_uses_each_auditors_latest_moderation(moderated) -> None:
    report = agreement_report(moderated.records)
    assert (report.moderations, report.plans, report.auditors) == (10, 5, 3)
    pre_grades = [p.grade for p in moderated.pre]
    first = [*pre_grades, *pre_grades[:4], pre_grades[0]]
    second = [*moderated.khan, *moderated.jones, pre_grades[0]]
    assert report.overall.exact.hits == sum(a == b for a, b in zip(first, second, strict=True))
    assert report.overall.within_one.hits == 9  # only a.khan's two-grade change is further off
    assert report.overall.kappa == pytest.approx(kappa(first, second))


def test_sections_count_agreed_and_overridden_grades(moderated) -> None:
    report = agreement_report(moderated.records)
    assert report.sections[moderated.section].pairs == 10
    assert report.sections[moderated.section].exact.hits == 9  # c.lee changed it once
    others = [s for s in SectionId if s is not moderated.section]
    assert all(report.sections[s].exact.hits == 10 for s in others)


def test_rules_in_the_re_graded_section_are_named_with_the_direction(moderated) -> None:
    first, section = moderated.pre[0], moderated.section
    report = agreement_report(moderated.records)
    in_section = {f.rule for f in first.findings if f.section is section}
    named = {r.rule: r for r in report.overridden_rules if r.section is section}
    assert set(named) == in_section
    old = GRADES.index(first.sections[section].grade)
    raised = GRADES.index(shifted(first.sections[section].grade, 1)) > old
    for tally in named.values():
        assert tally.overridden == 1
        assert (tally.raised, tally.lowered) == ((1, 0) if raised else (0, 1))
        holding = [
            m
            for m in latest_per_auditor(moderated.records)
            if any(f.rule == tally.rule and f.section is section for f in m.pre_audit.findings)
        ]
        assert tally.moderated == len(holding) >= 3  # three auditors moderated the first plan


def test_auditor_pairs_compare_the_plans_both_moderated(moderated) -> None:
    pairs = {p.auditors: p.agreement for p in agreement_report(moderated.records).auditor_pairs}
    assert set(pairs) == {("a.khan", "b.jones"), ("a.khan", "c.lee"), ("b.jones", "c.lee")}
    khan_jones = pairs[("a.khan", "b.jones")]
    assert (khan_jones.pairs, khan_jones.exact.hits) == (4, 3)
    assert khan_jones.kappa == pytest.approx(kappa(moderated.khan[:4], moderated.jones))
    assert pairs[("a.khan", "c.lee")].pairs == 1


def test_cli_agreement_json_and_text(moderated) -> None:
    runner = CliRunner()
    result = runner.invoke(app, ["agreement", "--db", moderated.db, "--format", "json"])
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["moderations"] == 10 and set(data["sections"]) >= {"A", "E", "K"}
    text = runner.invoke(app, ["agreement", "--db", moderated.db], env={"COLUMNS": "200"}).stdout
    assert "10 moderation(s) of 5 plan(s) by 3 auditor(s)" in text
    assert "a.khan vs b.jones" in text
