"""How far auditors agree with the pre-audit grades, and with each other.

Reads moderation records (ehcp_lint.moderation) and reports, overall and per section: exact
agreement, agreement within one grade, Cohen's quadratic-weighted kappa and the confusion matrix;
the rules whose sections auditors most often re-graded; and auditor-vs-auditor kappa on plans
that two auditors moderated. An auditor's latest moderation of a plan replaces their earlier ones.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from itertools import combinations

from pydantic import BaseModel, Field

from ehcp_lint.evaluate import GRADES, Ratio, quadratic_weighted_kappa
from ehcp_lint.moderation.records import ModerationRecord
from ehcp_lint.plan import SectionId
from ehcp_lint.ruleset import all_rules


class GradeAgreement(BaseModel):
    pairs: int
    exact: Ratio
    within_one: Ratio
    kappa: float | None = Field(description="Quadratic-weighted kappa; None if undefined")
    confusion: list[list[int]] = Field(
        description="Rows the first rater (pre-audit), columns the second, in GRADES order"
    )


class RuleOverride(BaseModel):
    """A rule with findings in moderated sections, and how often auditors re-graded them."""

    rule: str
    name: str = Field(description="The rule's name (not a finding's message: no plan text)")
    section: SectionId
    moderated: int = Field(description="Moderations with this rule's findings in the section")
    overridden: int = Field(description="...where the auditor changed the section's grade")
    raised: int = Field(description="...to a better grade (the rule may be too harsh)")
    lowered: int = Field(description="...to a worse grade (the rule may be too lenient)")

    @property
    def rate(self) -> float:
        return self.overridden / self.moderated


class AuditorPair(BaseModel):
    auditors: tuple[str, str]
    agreement: GradeAgreement


class AgreementReport(BaseModel):
    moderations: int
    plans: int
    auditors: int
    overall: GradeAgreement
    sections: dict[SectionId, GradeAgreement]
    overridden_rules: list[RuleOverride]
    auditor_pairs: list[AuditorPair]


def grade_agreement(pairs: Iterable[tuple[str, str]]) -> GradeAgreement:
    """Agreement between two raters' grades, given as (first, second) pairs."""
    indexed = [(GRADES.index(a), GRADES.index(b)) for a, b in pairs]
    confusion = [[0] * len(GRADES) for _ in GRADES]
    for a, b in indexed:
        confusion[a][b] += 1
    return GradeAgreement(
        pairs=len(indexed),
        exact=Ratio(hits=sum(a == b for a, b in indexed), total=len(indexed)),
        within_one=Ratio(hits=sum(abs(a - b) <= 1 for a, b in indexed), total=len(indexed)),
        kappa=quadratic_weighted_kappa(
            [a for a, _ in indexed], [b for _, b in indexed], len(GRADES)
        ),
        confusion=confusion,
    )


def latest_per_auditor(moderations: Sequence[ModerationRecord]) -> list[ModerationRecord]:
    """Each auditor's latest moderation of each plan, in the order they were made."""
    latest: dict[tuple[str, str], ModerationRecord] = {}
    for record in sorted(moderations, key=lambda m: m.id):
        latest[(record.sha256, record.auditor)] = record
    return sorted(latest.values(), key=lambda m: m.id)


def agreement_report(
    moderations: Sequence[ModerationRecord], *, top_rules: int = 10
) -> AgreementReport:
    records = latest_per_auditor(moderations)
    return AgreementReport(
        moderations=len(records),
        plans=len({m.sha256 for m in records}),
        auditors=len({m.auditor for m in records}),
        overall=grade_agreement((m.pre_audit.grade, m.grade) for m in records),
        sections={
            section: grade_agreement(
                (s.pre_audit_grade, s.grade)
                for m in records
                for s in m.sections
                if s.section is section
            )
            for section in SectionId
        },
        overridden_rules=rule_overrides(records)[:top_rules],
        auditor_pairs=auditor_pairs(records),
    )


def rule_overrides(records: Sequence[ModerationRecord]) -> list[RuleOverride]:
    """Per rule and section: how often a section holding its findings was re-graded, most
    often overridden first."""
    rules = all_rules()
    tallies: dict[tuple[str, SectionId], RuleOverride] = {}
    for record in records:
        verdicts = {s.section: s for s in record.sections}
        seen: set[tuple[str, SectionId]] = set()
        for finding in record.pre_audit.findings:
            if finding.section is None or (finding.rule, finding.section) in seen:
                continue
            seen.add((finding.rule, finding.section))
            verdict = verdicts[finding.section]
            tally = tallies.setdefault(
                (finding.rule, finding.section),
                RuleOverride(
                    rule=finding.rule,
                    name=rules[finding.rule].name if finding.rule in rules else finding.rule,
                    section=finding.section,
                    moderated=0,
                    overridden=0,
                    raised=0,
                    lowered=0,
                ),
            )
            tally.moderated += 1
            if verdict.overridden:
                tally.overridden += 1
                better = GRADES.index(verdict.grade) > GRADES.index(verdict.pre_audit_grade)
                tally.raised += better
                tally.lowered += not better
    ranked = [t for t in tallies.values() if t.overridden]
    return sorted(ranked, key=lambda t: (-t.overridden, -t.rate, t.rule, t.section))


def auditor_pairs(records: Sequence[ModerationRecord]) -> list[AuditorPair]:
    """Overall-grade agreement of every two auditors on the plans both moderated."""
    by_plan: dict[str, dict[str, str]] = defaultdict(dict)
    for record in records:
        by_plan[record.sha256][record.auditor] = record.grade
    shared: dict[tuple[str, str], list[tuple[str, str]]] = defaultdict(list)
    for grades in by_plan.values():
        for first, second in combinations(sorted(grades), 2):
            shared[(first, second)].append((grades[first], grades[second]))
    return [
        AuditorPair(auditors=pair, agreement=grade_agreement(shared[pair]))
        for pair in sorted(shared)
    ]
