"""Measure ehcp-lint against gold labels (a labels.json GoldCorpus beside the plan files).

Every metric is computed only from checks that exist: a judgement no check makes yet is reported
as None ("not assessed"), never as a number. Items are matched to gold by text similarity, so a
report's outcome or provision counts as found when its text is (nearly) the gold text.
"""

from __future__ import annotations

import re
import statistics
import time
from collections import defaultdict
from collections.abc import Iterable, Sequence
from pathlib import Path

from pydantic import BaseModel, Field
from rapidfuzz import fuzz

from ehcp_lint.errors import EhcpLintError
from ehcp_lint.gold import GoldCorpus, GoldDefect, GoldPlan
from ehcp_lint.report import Finding, PlanReport

GRADES = ("inadequate", "requires_improvement", "good", "outstanding")
MATCH_THRESHOLD = 90.0

# The rules whose findings reveal each kind of planted defect.
DEFECT_RULES: dict[str, tuple[str, ...]] = {
    "missing_section": ("CMP001",),
    "no_child_voice": ("VOI001",),
    "non_smart_outcome": ("SMA001", "SMA002", "SMA003", "SMA005", "SMA006"),
    "provision_as_outcome": ("SMA004",),
    # Weak commitment verbs and conditions were PRO001 hedges; ENF003 and ENF002 report them now.
    "vague_provision": (*(f"PRO00{n}" for n in range(1, 8)), "ENF002", "ENF003"),
    "therapy_in_g": ("CMP004",),
    "missing_pfa": ("PFA001",),
    "wrong_name": ("CON002",),
    "pronoun_mix": ("CON003",),
    "placeholder": ("CON001",),
    "duplicated_paragraph": ("CON004",),
    "unexplained_acronym": ("ACC001",),
    "need_without_outcome": ("GLD001",),
    "need_without_provision": ("GLD002",),
    "past_deadline": ("DAT001",),
    "age_mismatch": ("DAT002",),
    "stale_advice": ("DAT004",),
    "year_group_mismatch": ("DAT003",),
    "universal_provision": ("ENF001",),
    "conditional_provision": ("ENF002",),
    "weak_commitment": ("ENF003",),
    "no_monitoring": ("ENF004",),
    "need_area_not_covered": ("ENF005",),
    "need_repeated": ("ENF006",),
    "provision_without_need": ("ENF007",),
    "strength_not_a_strength": ("ENF008",),
}

# Defects of a whole section: the finding's section is enough, whatever either quotes.
WHOLE_SECTION_DEFECTS = frozenset(
    {"missing_section", "no_child_voice", "missing_pfa", "no_monitoring", "need_area_not_covered"}
)


class Ratio(BaseModel):
    """hits out of total, with the rate; rate is None when there was nothing to count."""

    hits: int
    total: int

    @property
    def rate(self) -> float | None:
        return self.hits / self.total if self.total else None


class BinaryCounts(BaseModel):
    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0

    def add(self, predicted: bool, actual: bool) -> None:
        if predicted and actual:
            self.tp += 1
        elif predicted:
            self.fp += 1
        elif actual:
            self.fn += 1
        else:
            self.tn += 1

    @property
    def f1(self) -> float | None:
        denominator = 2 * self.tp + self.fp + self.fn
        return 2 * self.tp / denominator if denominator else None


class SectionComparison(BaseModel):
    id: str
    gold_present: bool
    found_present: bool
    right: bool = Field(description="Presence agrees and, if present, the heading matches")


class PlanOutcome(BaseModel):
    """What happened to one gold plan: its sections against gold, or the error it raised."""

    plan_id: str
    file: str
    format: str
    seconds: float
    error: str | None = None
    sections: list[SectionComparison] = Field(default_factory=list)

    @property
    def sections_right(self) -> int:
        return sum(section.right for section in self.sections)

    @property
    def all_sections_right(self) -> bool:
        return self.error is None and self.sections_right == len(self.sections)


class FormatMetrics(BaseModel):
    format: str
    plans: int
    failed: int
    seconds_per_plan_median: float | None
    section_accuracy: Ratio
    plans_all_sections_right: Ratio
    voice_accuracy: Ratio | None
    outcome_precision: Ratio | None
    outcome_recall: Ratio | None
    non_smart: BinaryCounts | None
    provision_precision: Ratio | None
    provision_recall: Ratio | None
    non_specific: BinaryCounts | None
    hedge_recall: Ratio | None
    defect_recall: dict[str, Ratio | None] = Field(
        description="Per planted-defect kind; None where no rule detects that kind yet"
    )
    defect_precision: dict[str, Ratio | None] = Field(
        description="Per kind: findings of its rules that point at a planted defect"
    )
    grade_exact: Ratio | None
    grade_within_one: Ratio | None
    grade_kappa: float | None
    grade_confusion: list[list[int]] | None = Field(
        default=None, description="Rows gold, columns predicted, in GRADES order"
    )


class Evaluation(BaseModel):
    corpus: str
    formats: list[FormatMetrics]
    plans: list[PlanOutcome]


Checked = tuple[GoldPlan, PlanReport | EhcpLintError, PlanOutcome]


def normalise(text: str) -> str:
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"')
    return re.sub(r"\s+", " ", text.replace("\u201d", '"')).strip().lower()


def load_corpus(corpus_dir: Path) -> GoldCorpus:
    return GoldCorpus.model_validate_json((corpus_dir / "labels.json").read_text("utf-8"))


def evaluate(corpus_dir: Path, *, limit: int | None = None) -> Evaluation:
    """Check every labelled plan in corpus_dir and compare with its gold labels."""
    from ehcp_lint.pipeline import check
    from ehcp_lint.ruleset import all_rules

    corpus = load_corpus(corpus_dir)
    gold_plans = corpus.plans[:limit] if limit else corpus.plans
    rules = set(all_rules())
    checked: list[Checked] = []
    for gold in gold_plans:
        started = time.perf_counter()
        try:
            result: PlanReport | EhcpLintError = check(corpus_dir / gold.file)
        except EhcpLintError as error:
            result = error
        outcome = _plan_outcome(gold, result, time.perf_counter() - started)
        checked.append((gold, result, outcome))
    by_format: dict[str, list[Checked]] = defaultdict(list)
    for item in checked:
        by_format[item[0].format].append(item)
    return Evaluation(
        corpus=str(corpus_dir),
        formats=[_format_metrics(fmt, by_format[fmt], rules) for fmt in sorted(by_format)],
        plans=[outcome for _, _, outcome in checked],
    )


def _plan_outcome(
    gold: GoldPlan, result: PlanReport | EhcpLintError, seconds: float
) -> PlanOutcome:
    outcome = PlanOutcome(
        plan_id=gold.plan_id, file=gold.file, format=gold.format, seconds=round(seconds, 4)
    )
    if isinstance(result, EhcpLintError):
        outcome.error = type(result).__name__
    else:
        outcome.sections = compare_sections(gold, result)
    return outcome


def compare_sections(gold: GoldPlan, report: PlanReport) -> list[SectionComparison]:
    found = {section.id.value: section for section in report.sections}
    comparisons = []
    for gold_section in gold.sections:
        section = found[gold_section.id]
        right = section.present == gold_section.present and (
            not section.present or _same_heading(section.heading, gold_section.heading)
        )
        comparisons.append(
            SectionComparison(
                id=gold_section.id,
                gold_present=gold_section.present,
                found_present=section.present,
                right=right,
            )
        )
    return comparisons


def _same_heading(found: str | None, gold: str | None) -> bool:
    if found is None or gold is None:
        return found == gold
    return fuzz.ratio(normalise(found), normalise(gold)) >= MATCH_THRESHOLD


def _format_metrics(fmt: str, checked: Sequence[Checked], rules: set[str]) -> FormatMetrics:
    reports = [(gold, result) for gold, result, _ in checked if isinstance(result, PlanReport)]
    plans = [outcome for _, _, outcome in checked]
    section_total = sum(len(gold.sections) for gold, _, _ in checked)
    outcomes = _item_metrics(reports, kind="outcomes")
    provisions = _item_metrics(reports, kind="provisions")
    return FormatMetrics(
        format=fmt,
        plans=len(plans),
        failed=sum(plan.error is not None for plan in plans),
        seconds_per_plan_median=(
            round(statistics.median(plan.seconds for plan in plans), 4) if plans else None
        ),
        section_accuracy=Ratio(hits=sum(p.sections_right for p in plans), total=section_total),
        plans_all_sections_right=Ratio(
            hits=sum(plan.all_sections_right for plan in plans), total=len(plans)
        ),
        voice_accuracy=_voice_accuracy(reports),
        outcome_precision=outcomes[0],
        outcome_recall=outcomes[1],
        non_smart=outcomes[2],
        provision_precision=provisions[0],
        provision_recall=provisions[1],
        non_specific=provisions[2],
        hedge_recall=_hedge_recall(reports),
        **_defect_fields(reports, rules),
        **_grade_metrics(reports),
    )


def _voice_accuracy(reports: list[tuple[GoldPlan, PlanReport]]) -> Ratio | None:
    judged = [(g, r) for g, r in reports if r.voice is not None]
    if not judged:
        return None
    hits = sum(r.voice.child_voice_present == g.child_voice_present for g, r in judged)  # type: ignore[union-attr]
    return Ratio(hits=hits, total=len(judged))


def match_texts(gold: Sequence[str], found: Sequence[str]) -> list[tuple[int, int]]:
    """Greedy one-to-one pairs (gold index, found index) of near-identical texts, best first."""
    gold_norm = [normalise(t) for t in gold]
    found_norm = [normalise(t) for t in found]
    scored = sorted(
        (
            (-fuzz.ratio(g, f), gi, fi)
            for gi, g in enumerate(gold_norm)
            for fi, f in enumerate(found_norm)
        ),
    )
    pairs: list[tuple[int, int]] = []
    used_gold: set[int] = set()
    used_found: set[int] = set()
    for negative_score, gi, fi in scored:
        if -negative_score < MATCH_THRESHOLD:
            break
        if gi in used_gold or fi in used_found:
            continue
        pairs.append((gi, fi))
        used_gold.add(gi)
        used_found.add(fi)
    return sorted(pairs)


def _item_metrics(
    reports: list[tuple[GoldPlan, PlanReport]], *, kind: str
) -> tuple[Ratio | None, Ratio | None, BinaryCounts | None]:
    """Extraction precision and recall, and F1 of the 'bad item' judgement on matched items."""
    judged = [(g, r) for g, r in reports if getattr(r, kind) is not None]
    if not judged:
        return None, None, None
    matched = found_total = gold_total = 0
    counts = BinaryCounts()
    for gold, report in judged:
        gold_items = gold.outcomes if kind == "outcomes" else gold.provisions
        found_items = getattr(report, kind)
        pairs = match_texts([i.text for i in gold_items], [i.text for i in found_items])
        matched += len(pairs)
        found_total += len(found_items)
        gold_total += len(gold_items)
        for gi, fi in pairs:
            if kind == "outcomes":
                counts.add(not found_items[fi].is_smart, not gold_items[gi].is_smart)
            else:
                counts.add(not found_items[fi].is_specific, not gold_items[gi].is_specific)
    return Ratio(hits=matched, total=found_total), Ratio(hits=matched, total=gold_total), counts


def _hedge_recall(reports: list[tuple[GoldPlan, PlanReport]]) -> Ratio | None:
    judged = [(g, r) for g, r in reports if r.provisions is not None]
    if not judged:
        return None
    hits = total = 0
    for gold, report in judged:
        found = report.provisions or []
        pairs = match_texts([p.text for p in gold.provisions], [p.text for p in found])
        for gi, fi in pairs:
            found_terms = [normalise(t) for t in found[fi].vague_terms]
            for term in gold.provisions[gi].hedge_terms:
                total += 1
                hits += any(normalise(term) in t or t in normalise(term) for t in found_terms)
    return Ratio(hits=hits, total=total)


def _defect_fields(
    reports: list[tuple[GoldPlan, PlanReport]], rules: set[str]
) -> dict[str, dict[str, Ratio | None]]:
    recall, precision = _defect_metrics(reports, rules)
    return {"defect_recall": recall, "defect_precision": precision}


def reveals(finding: Finding, defect: GoldDefect) -> bool:
    """The finding is one of the defect's rules, in its section, about its text (when it has
    one and is about particular words: a missing section or absent voice is not)."""
    if finding.rule not in DEFECT_RULES.get(defect.kind, ()):
        return False
    if defect.section and finding.section and finding.section.value != defect.section:
        return False
    if not defect.text or not finding.evidence or defect.kind in WHOLE_SECTION_DEFECTS:
        return True
    quote, planted = normalise(finding.evidence), normalise(defect.text)
    return planted in quote or quote in planted or fuzz.ratio(quote, planted) >= MATCH_THRESHOLD


def _defect_metrics(
    reports: list[tuple[GoldPlan, PlanReport]], rules: set[str]
) -> tuple[dict[str, Ratio | None], dict[str, Ratio | None]]:
    """Per kind planted in these plans: recall (planted defects some finding reveals) and
    precision (findings of that kind's rules that reveal a planted defect of any kind). None
    where no rule exists. Kinds these plans never plant are left out: their labels do not cover
    them."""
    found: dict[str, int] = defaultdict(int)
    planted: dict[str, int] = defaultdict(int)
    right: dict[str, int] = defaultdict(int)
    raised: dict[str, int] = defaultdict(int)
    for gold, report in reports:
        for defect in gold.defects:
            planted[defect.kind] += 1
            found[defect.kind] += any(reveals(f, defect) for f in report.findings)
        for kind, codes in DEFECT_RULES.items():
            mine = [f for f in report.findings if f.rule in codes]
            raised[kind] += len(mine)
            # Right when it reveals any planted defect: an ENF002 finding on a line planted as
            # conditional provision is a right vague-provision finding too.
            right[kind] += sum(any(reveals(f, d) for d in gold.defects) for f in mine)
    kinds = sorted(planted)  # a corpus that never plants a kind does not label it either

    def measured(kind: str) -> bool:
        return bool(set(DEFECT_RULES.get(kind, ())) & rules)

    recall = {k: Ratio(hits=found[k], total=planted[k]) if measured(k) else None for k in kinds}
    precision = {k: Ratio(hits=right[k], total=raised[k]) if measured(k) else None for k in kinds}
    return recall, precision


def _grade_metrics(reports: list[tuple[GoldPlan, PlanReport]]) -> dict[str, object]:
    graded = [(g.grade, r.score.grade) for g, r in reports if r.score is not None]
    if not graded:
        return {"grade_exact": None, "grade_within_one": None, "grade_kappa": None}
    gold_idx = [GRADES.index(g) for g, _ in graded]
    found_idx = [GRADES.index(p) for _, p in graded]
    pairs = list(zip(gold_idx, found_idx, strict=True))
    confusion = [[0] * len(GRADES) for _ in GRADES]
    for g, p in pairs:
        confusion[g][p] += 1
    return {
        "grade_exact": Ratio(hits=sum(g == p for g, p in pairs), total=len(pairs)),
        "grade_within_one": Ratio(hits=sum(abs(g - p) <= 1 for g, p in pairs), total=len(pairs)),
        "grade_kappa": quadratic_weighted_kappa(gold_idx, found_idx, len(GRADES)),
        "grade_confusion": confusion,
    }


def quadratic_weighted_kappa(
    gold: Iterable[int], found: Iterable[int], levels: int
) -> float | None:
    """Cohen's kappa with quadratic weights for ordinal grades (1 = perfect, 0 = chance)."""
    pairs = list(zip(gold, found, strict=True))
    if not pairs:
        return None
    n = len(pairs)
    observed = [[0.0] * levels for _ in range(levels)]
    for g, f in pairs:
        observed[g][f] += 1
    gold_hist = [sum(row) for row in observed]
    found_hist = [sum(observed[i][j] for i in range(levels)) for j in range(levels)]
    weight = [[(i - j) ** 2 / (levels - 1) ** 2 for j in range(levels)] for i in range(levels)]
    observed_cost = sum(weight[i][j] * observed[i][j] for i in range(levels) for j in range(levels))
    expected_cost = sum(
        weight[i][j] * gold_hist[i] * found_hist[j] / n
        for i in range(levels)
        for j in range(levels)
    )
    return 1.0 - observed_cost / expected_cost if expected_cost else None


def section_presence_confusion(evaluation: Evaluation) -> list[list[int]]:
    """Rows gold absent/present, columns found absent/present, over every section checked."""
    matrix = [[0, 0], [0, 0]]
    for plan in evaluation.plans:
        for section in plan.sections:
            matrix[section.gold_present][section.found_present] += 1
    return matrix
