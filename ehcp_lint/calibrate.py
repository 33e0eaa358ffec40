"""Fit the score's section weights and grade bands to auditors' moderated grades.

1. Weights: an ordinal (proportional-odds) logistic regression of the moderated overall grade
   on the twelve section scores, fitted with scikit-learn as one logistic regression over
   "grade >= k" rows for each k with a shared slope and one intercept per threshold. Negative
   slopes are set to 0 (a better section never lowers the grade) and the rest scaled to sum to
   100 with a floor (rules/moderation.toml), so they read like the weights in rules/score.toml.
   Plans whose grade a cap explains (the moderated grade is at or above a cap's limit) are left
   out of this step: the cap, not the weights, decides them. `keep_weights` skips this step.
2. Bands: with those weights, the three thresholds are chosen to maximise the quadratic-weighted
   kappa between the capped grade and the moderated grade (coordinate search on a grid).

Cross-validation (stratified folds, seeded) gives the honest "after" kappa; the final weights
are refitted on every plan. Only weights and bands change: penalties, item shares and caps stay.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Sequence
from functools import cache
from typing import Any

from pydantic import BaseModel, Field

from ehcp_lint.agreement import GradeAgreement, grade_agreement, latest_per_auditor
from ehcp_lint.evaluate import GRADES
from ehcp_lint.moderation.errors import TooFewModerations
from ehcp_lint.moderation.records import ModerationRecord
from ehcp_lint.plan import SectionId
from ehcp_lint.ruleset import load_toml
from ehcp_lint.score import Grade, ScoreWeights, capped_grade, grade_for, overall_score

BANDS = ("requires_improvement", "good", "outstanding")  # lowest first, as thresholds rise


@cache
def calibration_settings() -> dict[str, Any]:
    return load_toml("moderation.toml")["calibration"]


class CalibrationSample(BaseModel):
    """One moderated plan: its stored section scores and caps, and the auditor's grade."""

    sections: dict[SectionId, float]
    caps: list[str]
    grade: Grade


class CalibrationResult(BaseModel):
    """Fitted weights with agreement before and after; `improved` says whether to adopt."""

    plans: int
    kept_weights: bool = Field(description="Only the bands were fitted")
    folds: int
    seed: int
    weights: ScoreWeights = Field(description="Fitted on every plan")
    before: GradeAgreement = Field(description="Current weights vs moderated grades")
    after_cross_validated: GradeAgreement = Field(
        description="Out-of-fold grades from weights fitted without each plan's fold"
    )
    after_in_sample: GradeAgreement = Field(description="Final weights on the plans they saw")

    @property
    def improved(self) -> bool:
        """Cross-validated kappa beats the starting weights' (which may have been fitted to
        these very plans, so a tie or a small loss means: keep the current weights)."""
        before, after = self.before.kappa, self.after_cross_validated.kappa
        return before is None or (after is not None and after > before)


def samples_from_moderations(moderations: Sequence[ModerationRecord]) -> list[CalibrationSample]:
    """One sample per plan: its latest moderation (by any auditor), against that pre-audit."""
    latest: dict[str, ModerationRecord] = {}
    for record in latest_per_auditor(moderations):
        latest[record.sha256] = record
    return [
        CalibrationSample(
            sections={s: v.score for s, v in m.pre_audit.sections.items()},
            caps=m.pre_audit.caps,
            grade=m.grade,
        )
        for m in sorted(latest.values(), key=lambda m: m.id)
    ]


def predict(samples: Sequence[CalibrationSample], weights: ScoreWeights) -> list[Grade]:
    """The overall grade each sample gets with these weights (bands, then caps)."""
    return [
        capped_grade(grade_for(overall_score(s.sections, weights), weights), s.caps, weights)
        for s in samples
    ]


def calibrate(
    samples: Sequence[CalibrationSample],
    base: ScoreWeights,
    *,
    folds: int | None = None,
    seed: int | None = None,
    min_plans: int | None = None,
    keep_weights: bool = False,
) -> CalibrationResult:
    """Fit weights and bands to the samples (only bands with `keep_weights`); refuse with
    fewer than `min_plans` plans."""
    settings = calibration_settings()
    folds = folds or settings["folds"]
    seed = settings["seed"] if seed is None else seed
    min_plans = min_plans or settings["min_plans"]
    if len(samples) < min_plans:
        raise TooFewModerations(
            "moderation store",
            f"{len(samples)} moderated plan(s); calibration needs at least {min_plans}",
        )
    if len({s.grade for s in samples}) < 2:
        raise TooFewModerations("moderation store", "every moderated plan has the same grade")
    truth = [s.grade for s in samples]
    out_of_fold = _cross_validated(samples, base, folds, seed, keep_weights)
    final = fit_weights(samples, base, keep_weights=keep_weights)
    return CalibrationResult(
        plans=len(samples),
        kept_weights=keep_weights,
        folds=folds,
        seed=seed,
        weights=final,
        before=grade_agreement(zip(truth, predict(samples, base), strict=True)),
        after_cross_validated=grade_agreement(zip(truth, out_of_fold, strict=True)),
        after_in_sample=grade_agreement(zip(truth, predict(samples, final), strict=True)),
    )


def _cross_validated(
    samples: Sequence[CalibrationSample],
    base: ScoreWeights,
    folds: int,
    seed: int,
    keep_weights: bool,
) -> list[Grade]:
    from sklearn.model_selection import StratifiedKFold

    labels = [GRADES.index(s.grade) for s in samples]
    predicted: list[Grade] = list(GRADES[:1]) * len(samples)  # type: ignore[assignment]
    splitter = StratifiedKFold(n_splits=folds, shuffle=True, random_state=seed)
    with warnings.catch_warnings():  # a grade rarer than `folds` plans: still usable
        warnings.simplefilter("ignore", UserWarning)
        splits = list(splitter.split(labels, labels))
    for train, test in splits:
        weights = fit_weights([samples[i] for i in train], base, keep_weights=keep_weights)
        for i, grade in zip(test, predict([samples[i] for i in test], weights), strict=True):
            predicted[i] = grade
    return predicted


def fit_weights(
    samples: Sequence[CalibrationSample], base: ScoreWeights, *, keep_weights: bool = False
) -> ScoreWeights:
    """Section weights from the ordinal regression (or `base`'s with `keep_weights`), then
    bands that maximise kappa."""
    fitted = base
    if not keep_weights:
        fitted = base.model_copy(update={"weights": _ordinal_weights(samples, base)})
    return fitted.model_copy(update={"bands": _best_bands(samples, fitted)})


def _uncapped(samples: Sequence[CalibrationSample], base: ScoreWeights) -> list[CalibrationSample]:
    """Samples whose moderated grade is below every cap that applies (the score explains it)."""
    return [
        s
        for s in samples
        if all(GRADES.index(s.grade) < GRADES.index(base.caps[cap]) for cap in s.caps)
    ]


def _ordinal_weights(
    samples: Sequence[CalibrationSample], base: ScoreWeights
) -> dict[SectionId, float]:
    import numpy as np
    from sklearn.linear_model import LogisticRegression

    usable = _uncapped(samples, base)
    labels = [GRADES.index(s.grade) for s in usable]
    if len(set(labels)) < 2:
        return dict(base.weights)
    scores = np.array([[s.sections[sid] / 100 for sid in SectionId] for s in usable])
    thresholds = len(GRADES) - 1
    rows, targets = [], []
    for k in range(1, thresholds + 1):  # one copy of the data per "grade >= k" question
        indicator = np.zeros((len(usable), thresholds))
        indicator[:, k - 1] = 1.0
        rows.append(np.hstack([scores, indicator]))
        targets.extend(label >= k for label in labels)
    model = LogisticRegression(
        C=calibration_settings()["regularisation_c"],
        fit_intercept=False,
        solver="newton-cholesky",
        max_iter=200,
    )
    model.fit(np.vstack(rows), np.array(targets))
    slopes = np.clip(model.coef_[0][: len(SectionId)], 0.0, None)
    if slopes.sum() <= 0:
        return dict(base.weights)
    # Every section keeps a floor share, so its findings still count for something.
    floor = calibration_settings()["min_weight"]
    scaled = np.maximum(100 * slopes / slopes.sum(), floor)
    scaled = 100 * scaled / scaled.sum()
    return {sid: round(float(w), 1) for sid, w in zip(SectionId, scaled, strict=True)}


def _best_bands(samples: Sequence[CalibrationSample], weights: ScoreWeights) -> dict[str, float]:
    """Thresholds maximising kappa: a few passes of one-threshold-at-a-time grid search."""
    import numpy as np

    step = calibration_settings()["band_step"]
    overall = np.array([overall_score(s.sections, weights) for s in samples])
    limits = np.array(
        [min([len(GRADES) - 1, *(GRADES.index(weights.caps[c]) for c in s.caps)]) for s in samples]
    )
    truth = np.array([GRADES.index(s.grade) for s in samples])
    bands = [weights.bands[name] for name in BANDS]
    grid = np.arange(0.0, 100.0 + step, step)
    for _ in range(3):
        for position in range(len(BANDS)):
            low = bands[position - 1] if position else -1.0
            high = bands[position + 1] if position + 1 < len(BANDS) else 101.0
            candidates = [t for t in grid if low < t < high] or [bands[position]]
            scored = []
            for threshold in candidates:
                trial = [*bands[:position], float(threshold), *bands[position + 1 :]]
                scored.append(
                    (
                        _kappa(truth, _graded(overall, limits, trial)),
                        -abs(threshold - bands[position]),
                        float(threshold),
                    )
                )
            bands[position] = max(scored)[2]
    return dict(zip(BANDS, bands, strict=True))


def _graded(overall: Any, limits: Any, bands: list[float]) -> Any:
    import numpy as np

    banded = np.searchsorted(np.array(bands), overall, side="right")
    return np.minimum(banded, limits)


def _kappa(truth: Any, predicted: Any) -> float:
    """ehcp_lint.evaluate.quadratic_weighted_kappa on numpy arrays: the band search calls it
    thousands of times per fit, where the pure-Python version would take seconds."""
    import numpy as np

    levels = len(GRADES)
    observed = np.zeros((levels, levels))
    np.add.at(observed, (truth, predicted), 1)
    expected = np.outer(observed.sum(1), observed.sum(0)) / len(truth)
    cost = (np.subtract.outer(range(levels), range(levels)) / (levels - 1)) ** 2
    denominator = (cost * expected).sum()
    return 1.0 - (cost * observed).sum() / denominator if denominator else 0.0


def render_weights_toml(result: CalibrationResult, base_text: str) -> str:
    """`base_text` (rules/score.toml) with the fitted weights and bands written in place, so the
    rationale comments survive, under a header saying how they were fitted."""
    text = with_weights(base_text, result.weights)
    before, after = result.before.kappa, result.after_cross_validated.kappa
    refitted = "[bands]" if result.kept_weights else "[weights] and [bands]"
    header = [
        f"Calibrated by `ehcp-lint calibrate` on {result.plans} moderated plans "
        f"({result.folds}-fold cross-validation, seed {result.seed}).",
        f"Quadratic-weighted kappa against the moderated grades: {_fmt(before)} with the "
        "weights it started from,",
        f"{_fmt(after)} cross-validated with these. Only {refitted} were refitted.",
        "Review them, then adopt this file by naming it as `score_weights` in ehcp-lint.toml.",
    ]
    return "".join(f"# {line}\n" for line in header) + "\n" + text


def with_weights(text: str, weights: ScoreWeights) -> str:
    """A score file's text with these section weights and bands written in place."""
    for table, values in (
        ("weights", {s.value: v for s, v in weights.weights.items()}),
        ("bands", dict(weights.bands)),
    ):
        for key, value in values.items():
            text = _set_value(text, table, key, value)
    return text


def _set_value(text: str, table: str, key: str, value: float) -> str:
    """Replace `key = number` inside [table], keeping the line's comment."""
    section = re.search(rf"^\[{table}\]\n(?:(?!^\[).*\n?)*", text, flags=re.MULTILINE)
    if section is None:
        raise ValueError(f"no [{table}] table in the score file")
    body = re.sub(
        rf"^({re.escape(key)}\s*=\s*)[-0-9.]+",
        lambda m: f"{m.group(1)}{value:g}",
        section.group(0),
        count=1,
        flags=re.MULTILINE,
    )
    return text[: section.start()] + body + text[section.end() :]


def _fmt(kappa: float | None) -> str:
    return "n/a" if kappa is None else f"{kappa:.3f}"
