"""The grading rubric (RUBRIC.md): section grades and an overall grade from a plan's gold facts.

Deterministic and explainable: each section starts from what the Code of Practice asks of it
(9.61-9.69), loses a grade per consistency defect found in it, and the overall grade is a
weighted mean of section grades held down by caps for statutory failures (missing section, no
child voice, another child's name). See RUBRIC.md for the sources of every rule.
"""

from __future__ import annotations

import math

from corpora_synthetic.spec import (
    SECTION_IDS,
    GoldPlan,
    Grade,
)
from ehcp_lint.gold import GradingFacts

POINTS: dict[Grade, int] = {"outstanding": 4, "good": 3, "requires_improvement": 2, "inadequate": 1}
GRADES: dict[int, Grade] = {points: grade for grade, points in POINTS.items()}
# A, E and F carry the audit questions (voice, SMART outcomes, specific provision): weight 3;
# B (needs) 2; the shorter sections half each.
SECTION_WEIGHTS = {"A": 3.0, "B": 2.0, "E": 3.0, "F": 3.0} | {
    sid: 0.5 for sid in ("C", "D", "G", "H1", "H2", "I", "J", "K")
}
CORE_SECTIONS = ("A", "B", "E", "F")
# Copy-and-paste and proof-reading defects: each costs its section one grade.
CONSISTENCY_DEFECTS = frozenset(
    {"wrong_name", "pronoun_mix", "placeholder", "duplicated_paragraph", "unexplained_acronym"}
)
# Enforceability defects (RUBRIC.md): provision lines that count as not meeting the standard, and
# defects that hold a section at good.
UNENFORCEABLE_LINES = frozenset({"universal_provision", "provision_without_need"})
GOOD_AT_MOST = {
    "F": frozenset({"no_monitoring"}),
    "B": frozenset({"need_area_not_covered", "need_repeated"}),
    "A": frozenset({"strength_not_a_strength"}),
}
GOOD_OUTCOME_COUNT = 6  # CoP practice and LA guidance: a good plan usually has 6-8 outcomes
VOICE_SENTENCES_FOR_OUTSTANDING = 3


def share_grade(good: int, total: int) -> int:
    """Points from the share of items that meet the standard: all 4, 3/4+ 3, half+ 2, else 1."""
    if total == 0:
        return 1
    share = good / total
    return 4 if share == 1 else 3 if share >= 0.75 else 2 if share >= 0.5 else 1


def grade_a(facts: GradingFacts) -> int:
    """Voice of the child (CoP 9.61, Newcastle audit question 'voice of the child reflected')."""
    if not facts.child_voice_present:
        return 1
    return 4 if len(facts.voice_evidence) >= VOICE_SENTENCES_FOR_OUTSTANDING else 3


def grade_e(facts: GradingFacts) -> int:
    """SMART outcomes for the next 12 months (CoP 9.66, Newcastle), PfA from Year 9 (CoP 8.3)."""
    outcomes = [o for o in facts.outcomes if not o.provision_not_outcome]
    smart = sum(outcome.is_smart for outcome in outcomes)
    points = share_grade(smart, len(facts.outcomes))
    if points == 4 and len(outcomes) < GOOD_OUTCOME_COUNT:
        points = 3
    if facts.pfa_required and not facts.pfa_outcomes_present:
        points = min(points, 2)
    return points


def grade_f(facts: GradingFacts) -> int:
    """Specific, quantified provision (CoP 9.69, L v Clarke and Somerset); therapy in F."""
    provisions = [p for p in facts.provisions if p.section == "F"]
    unenforceable = {d.text for d in facts.defects if d.kind in UNENFORCEABLE_LINES}
    good = sum(p.is_specific and p.text not in unenforceable for p in provisions)
    points = share_grade(good, len(provisions))
    if any(defect.kind == "therapy_in_g" for defect in facts.defects):
        points = min(points, 2)
    return points


def grade_g(facts: GradingFacts) -> int:
    """Health provision specific and health-only (Children and Families Act 2014 s21(5))."""
    if any(defect.kind == "therapy_in_g" for defect in facts.defects):
        return 2
    provisions = [p for p in facts.provisions if p.section == "G"]
    return share_grade(sum(p.is_specific for p in provisions), len(provisions)) if provisions else 4


def section_points(facts: GradingFacts, section_id: str) -> int:
    content = {"A": grade_a, "E": grade_e, "F": grade_f, "G": grade_g}
    points = content[section_id](facts) if section_id in content else 4
    consistency = sum(
        defect.kind in CONSISTENCY_DEFECTS and defect.section == section_id
        for defect in facts.defects
    )
    if any(defect.kind in GOOD_AT_MOST.get(section_id, ()) for defect in facts.defects):
        points = min(points, 3)
    return max(1, points - consistency)


def overall_cap(facts: GradingFacts) -> int:
    """Statutory failures cap the overall grade whatever the sections score (RUBRIC.md, caps)."""
    kinds = [defect.kind for defect in facts.defects]
    missing = sum(not section.present for section in facts.sections)
    cap = 4
    if missing >= 2:
        cap = 1
    elif missing == 1 or not facts.child_voice_present or "wrong_name" in kinds:
        cap = 2
    elif "placeholder" in kinds or (facts.pfa_required and not facts.pfa_outcomes_present):
        cap = 3
    return cap


def grade_facts(facts: GradingFacts) -> tuple[Grade, dict[str, Grade]]:
    """Overall grade and a grade for every section (a missing section is inadequate)."""
    present = {section.id for section in facts.sections if section.present}
    points = {sid: section_points(facts, sid) if sid in present else 1 for sid in SECTION_IDS}
    total_weight = sum(SECTION_WEIGHTS.values())
    mean = sum(points[sid] * SECTION_WEIGHTS[sid] for sid in SECTION_IDS) / total_weight
    core = [points[sid] for sid in CORE_SECTIONS]
    overall = min(math.floor(mean + 0.5), overall_cap(facts), min(core) + 1)
    if overall == 4 and min(core) < 4:
        overall = 3  # outstanding only when voice, needs, outcomes and provision all are
    if core.count(1) >= 2:
        overall = 1  # two inadequate core sections: the plan cannot be relied on
    return GRADES[overall], {sid: GRADES[points[sid]] for sid in SECTION_IDS}


def grade_plan(gold: GoldPlan) -> tuple[Grade, dict[str, Grade]]:
    """Grade a labelled plan from its gold facts (ignores the grades already stored on it)."""
    facts = GradingFacts.model_validate(gold.model_dump(include=set(GradingFacts.model_fields)))
    return grade_facts(facts)
