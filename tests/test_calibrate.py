"""Calibration: fitted on plans moderated with their gold grades, the score agrees better with
auditors on plans it never saw; the written score file is reviewable and loads; too few
moderated plans are refused."""

from __future__ import annotations

from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path

import pytest
from typer.testing import CliRunner

from corpora_synthetic.generate import generate_corpus
from ehcp_lint.agreement import grade_agreement
from ehcp_lint.calibrate import (
    CalibrationResult,
    CalibrationSample,
    _kappa,
    calibrate,
    calibration_settings,
    render_weights_toml,
    samples_from_moderations,
)
from ehcp_lint.cli import app
from ehcp_lint.config import load_config
from ehcp_lint.evaluate import quadratic_weighted_kappa
from ehcp_lint.moderation import (
    ModerationRequest,
    TooFewModerations,
    moderate_plan,
    open_store,
)
from ehcp_lint.pipeline import check
from ehcp_lint.report import PlanReport
from ehcp_lint.score import WeightsFileError, default_weights, load_weights, score_report

runner = CliRunner()
# The bands shipped before calibration (rules/score.toml now holds calibrated ones): a scorer
# that grades generously, as an LA's first untuned settings might.
UNTUNED = default_weights().model_copy(
    update={"bands": {"outstanding": 85.0, "good": 70.0, "requires_improvement": 50.0}}
)


@dataclass
class Moderated:
    db: str
    samples: list[CalibrationSample]  # one per moderated train plan
    heldout: list[tuple[str, PlanReport]]  # (gold grade, report) for plans never moderated
    result: CalibrationResult  # calibrated on `samples` from UNTUNED


@pytest.fixture(scope="module")
def moderated(tmp_path_factory: pytest.TempPathFactory) -> Moderated:
    """60 train-split plans, each moderated with its gold grade; 40 held-out plans apart."""
    root = tmp_path_factory.mktemp("calibrate")
    train = generate_corpus(root / "train", 60, 5, "train", formats=["txt"])
    db = str(root / "m.sqlite3")
    with open_store(db) as store:
        for gold in train.plans:
            request = ModerationRequest(auditor="gold", grade=gold.grade)
            moderate_plan(store, root / "train" / gold.file, request)
        samples = samples_from_moderations(store.moderations())
    heldout = generate_corpus(root / "heldout", 40, 9, "heldout", formats=["txt"])
    reports = [(g.grade, check(root / "heldout" / g.file)) for g in heldout.plans]
    return Moderated(db, samples, reports, calibrate(samples, UNTUNED))


def shipped_score_toml() -> Path:
    return Path(str(files("ehcp_lint.rules").joinpath("score.toml")))


def heldout_kappa(moderated: Moderated, weights) -> float:  # type: ignore[no-untyped-def]
    pairs = [(gold, score_report(report, weights).grade) for gold, report in moderated.heldout]
    kappa = grade_agreement(pairs).kappa
    assert kappa is not None
    return kappa


def test_calibration_raises_kappa_cross_validated_and_on_unseen_plans(moderated) -> None:
    result = moderated.result
    assert result.plans == 60
    assert result.before.kappa is not None and result.after_cross_validated.kappa is not None
    assert result.after_cross_validated.kappa > result.before.kappa + 0.1
    assert result.improved
    before, after = heldout_kappa(moderated, UNTUNED), heldout_kappa(moderated, result.weights)
    assert after > before + 0.1
    assert sum(result.weights.weights.values()) == pytest.approx(100, abs=0.5)
    bands = result.weights.bands
    assert bands["requires_improvement"] < bands["good"] < bands["outstanding"]


def test_calibration_is_deterministic(moderated) -> None:
    assert calibrate(moderated.samples, UNTUNED) == moderated.result


def test_fewer_than_the_minimum_is_refused(moderated) -> None:
    minimum = calibration_settings()["min_plans"]
    with pytest.raises(TooFewModerations) as error:
        calibrate(moderated.samples[: minimum - 1], UNTUNED)
    assert f"at least {minimum}" in error.value.message and error.value.exit_code == 24


def test_cli_calibrate_writes_a_reviewable_score_file(moderated, tmp_path: Path) -> None:
    out = tmp_path / "weights.toml"
    result = runner.invoke(
        app, ["calibrate", "--db", moderated.db, "--out", str(out)], env={"COLUMNS": "200"}
    )
    assert result.exit_code == 0, result.stderr
    assert "calibrated on 60 moderated plans" in result.stdout
    assert "calibrated, cross-validated" in result.stdout
    written = out.read_text("utf-8")
    assert written.startswith("# Calibrated by `ehcp-lint calibrate` on 60 moderated plans")
    assert "# Caps: the best grade a plan can have" in written  # the rationale survives
    expected = calibrate(moderated.samples, default_weights())  # the CLI starts from the shipped
    assert load_weights(out) == expected.weights
    assert written == render_weights_toml(expected, shipped_score_toml().read_text("utf-8"))


def test_cli_calibrate_refuses_a_small_store(tmp_path: Path) -> None:
    db = str(tmp_path / "small.sqlite3")
    sample = Path(__file__).parent.parent / "corpora_synthetic" / "sample"
    with open_store(db) as store:
        moderate_plan(
            store, sample / "heldout-0002.txt", ModerationRequest(auditor="a", grade="good")
        )
    result = runner.invoke(app, ["calibrate", "--db", db, "--out", str(tmp_path / "w.toml")])
    assert result.exit_code == 24
    assert "1 moderated plan(s); calibration needs at least" in result.stderr
    assert not (tmp_path / "w.toml").exists()


def test_default_scoring_is_what_rules_score_toml_says(moderated) -> None:
    assert load_weights(shipped_score_toml()) == default_weights()
    for _, report in moderated.heldout[:10]:
        assert score_report(report) == score_report(report, default_weights()) == report.score


def test_a_bad_score_file_is_one_clear_error(tmp_path: Path) -> None:
    broken = tmp_path / "weights.toml"
    broken.write_text("[weights]\nA = 'heavy'\n", encoding="utf-8")
    with pytest.raises(WeightsFileError) as error:
        load_weights(broken)
    assert error.value.exit_code == 2 and "invalid score file" in error.value.message


def test_an_adopted_score_file_grades_every_check(moderated, tmp_path: Path) -> None:
    (tmp_path / "calibrated.toml").write_text(
        render_weights_toml(moderated.result, shipped_score_toml().read_text("utf-8")), "utf-8"
    )
    settings = tmp_path / "ehcp-lint.toml"
    settings.write_text('score_weights = "calibrated.toml"\n', encoding="utf-8")
    config = load_config(settings)
    plan = Path(__file__).parent.parent / "corpora_synthetic" / "sample" / "heldout-0002.txt"
    adopted = check(plan, config=config).score
    assert adopted == score_report(check(plan), moderated.result.weights)
    assert adopted != check(plan).score  # the calibrated bands and weights moved the score


def test_settings_naming_a_broken_score_file_fail_when_loaded(tmp_path: Path) -> None:
    settings = tmp_path / "ehcp-lint.toml"
    settings.write_text('score_weights = "missing.toml"\n', encoding="utf-8")
    with pytest.raises(WeightsFileError, match="cannot read score file"):
        load_config(settings)


def test_keep_weights_fits_only_the_bands(moderated) -> None:
    result = calibrate(moderated.samples, UNTUNED, keep_weights=True)
    assert result.kept_weights and result.weights.weights == UNTUNED.weights
    assert result.weights.bands != UNTUNED.bands
    assert result.after_cross_validated.kappa > result.before.kappa  # type: ignore[operator]
    written = render_weights_toml(result, shipped_score_toml().read_text("utf-8"))
    assert "Only [bands] were refitted" in written


def test_the_fast_kappa_is_the_evaluation_kappa() -> None:
    import numpy as np

    rng = np.random.default_rng(3)
    for _ in range(20):
        truth, found = rng.integers(0, 4, 40), rng.integers(0, 4, 40)
        expected = quadratic_weighted_kappa(truth.tolist(), found.tolist(), 4)
        assert _kappa(truth, found) == pytest.approx(expected)


def test_gold_corpus_samples_match_moderated_samples(moderated, tmp_path: Path) -> None:
    """`make fit-score` reads gold grades straight from a corpus: the same samples as moderating
    each plan with its gold grade, so the shipped bands are fitted the way an LA fits its own."""
    from corpora_synthetic.fit_score import samples_from_corpus

    generate_corpus(tmp_path, 60, 5, "train", formats=["txt"])
    assert samples_from_corpus(tmp_path) == moderated.samples
