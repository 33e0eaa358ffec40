"""Trained outcome models: training is reproducible, the JSON twin predicts exactly what the
skops model does, bad model files fail clearly, and the check combines rules and models as
documented without importing scikit-learn."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from corpora_synthetic.generate import generate_corpus
from ehcp_lint.checks import outcomes
from ehcp_lint.checks.outcomes import judge_outcome, need_context
from ehcp_lint.cli import app
from ehcp_lint.extract import extract_items
from ehcp_lint.items import OutcomeItem
from ehcp_lint.learn import linear
from ehcp_lint.learn.features import FEATURE_SCHEMA, outcome_tokens
from ehcp_lint.learn.linear import ModelError, load_model, overrule_probability, read_model
from ehcp_lint.learn.train import TARGETS, TrainingError, examples, parse_corpus, train_models
from tests.plan_builder import base_plan

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "examples" / "sample_plan.docx"
TINY_PLANS = 40


@pytest.fixture(scope="module")
def tiny_corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("train")
    generate_corpus(folder, TINY_PLANS, 3, "train", formats=["txt"])
    return folder


@pytest.fixture(scope="module")
def tiny_models(tiny_corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("models")
    train_models(tiny_corpus, out, seed=5)
    return out


def test_training_writes_skops_json_and_card_per_model(tiny_models: Path) -> None:
    for target in TARGETS:
        model = read_model(tiny_models / f"outcome_{target}.json")
        assert model.target == target and model.feature_schema == FEATURE_SCHEMA
        assert model.training.plans == TINY_PLANS and model.training.seed == 5
        assert (tiny_models / f"outcome_{target}.skops").stat().st_size > 0
        card = (tiny_models / f"outcome_{target}.md").read_text("utf-8")
        assert "## Validation on TRAIN" in card and "## Limits" in card
    assert (tiny_models / "need_lexicon.json").exists()


def test_json_twin_predicts_what_the_skops_model_predicts(
    tiny_corpus: Path, tiny_models: Path
) -> None:
    import skops.io

    from ehcp_lint.learn.train import build_lexicon

    parsed = parse_corpus(tiny_corpus)
    sample = examples(parsed, build_lexicon(parsed))[::3]
    for target in TARGETS:
        path = tiny_models / f"outcome_{target}.skops"
        pipeline = skops.io.load(path, trusted=skops.io.get_untrusted_types(file=path))
        expected = pipeline.predict_proba([e.features for e in sample])[:, 1]
        model = read_model(tiny_models / f"outcome_{target}.json")
        found = [model.probability(e.features) for e in sample]
        assert found == pytest.approx(list(expected), abs=1e-9)


def test_same_corpus_and_seed_give_the_same_model_bytes(
    tiny_corpus: Path, tiny_models: Path, tmp_path: Path
) -> None:
    train_models(tiny_corpus, tmp_path, seed=5)
    for target in TARGETS:
        for suffix in (".json", ".skops"):
            name = f"outcome_{target}{suffix}"
            assert (tmp_path / name).read_bytes() == (tiny_models / name).read_bytes()
    assert (tmp_path / "need_lexicon.json").read_bytes() == (
        tiny_models / "need_lexicon.json"
    ).read_bytes()


def test_training_refuses_a_held_out_corpus(tmp_path: Path) -> None:
    generate_corpus(tmp_path, 3, 1, "heldout", formats=["txt"])
    with pytest.raises(TrainingError, match="split"):
        train_models(tmp_path, tmp_path / "models", seed=1)


# --- model files ---------------------------------------------------------------------------


def _shipped(name: str = "outcome_specific") -> dict:
    return json.loads(linear.model_path(name).read_text("utf-8"))


def test_missing_model_file_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ModelError) as raised:
        read_model(tmp_path / "outcome_specific.json")
    assert raised.value.exit_code == 15
    assert "missing" in raised.value.message and "ehcp-lint train" in raised.value.message


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"feature_schema": "outcome-features/0"}, "trained on features"),
        ({"format": "pickle"}, "model format"),
        ({"weights": "not a mapping"}, "malformed"),
    ],
)
def test_incompatible_model_file_is_a_clear_error(
    tmp_path: Path, change: dict, expected: str
) -> None:
    path = tmp_path / "outcome_specific.json"
    path.write_text(json.dumps(_shipped() | change), "utf-8")
    with pytest.raises(ModelError, match=expected):
        read_model(path)


def test_unreadable_model_file_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "outcome_specific.json"
    path.write_bytes(b"\x80not json")
    with pytest.raises(ModelError, match="cannot be read"):
        read_model(path)


def test_check_exits_with_the_model_error_code_when_a_model_is_missing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(linear, "model_path", lambda name: tmp_path / f"{name}.json")
    # A model an LA lists in `[model] decides` must be there: no silent fallback to the rules.
    monkeypatch.setattr(outcomes, "model_decides", lambda: frozenset({"specific"}))
    linear.load_model.cache_clear()
    linear.load_lexicon.cache_clear()
    try:
        result = CliRunner().invoke(app, ["check", str(SAMPLE)])
    finally:
        linear.load_model.cache_clear()
        linear.load_lexicon.cache_clear()
    assert result.exit_code == 15
    assert "trained model file is missing" in result.output


# --- features and the combined verdict -------------------------------------------------------


def test_tokens_drop_names_and_fold_pronouns_and_numbers() -> None:
    assert outcome_tokens("Priya will read her 20 words; Sam reads his.") == [
        "will",
        "read",
        "his",
        "num",
        "words",
        "reads",
        "his",
    ]


def _verdict(text: str, *, models: bool = True) -> outcomes.OutcomeVerdict:
    plan = base_plan()
    items = extract_items(plan)
    outcome = OutcomeItem(
        text=text, section="E", location=items.outcomes[0].location, block_index=0
    )
    return judge_outcome(outcome, need_context(plan, items), models=models)


@pytest.mark.parametrize(
    "text",
    [
        "By July 2026, Ayaan will improve his reading with 90% accuracy.",
        "By the end of Year 4, Ayaan will make good progress in spelling on 4 out of 5 occasions.",
    ],
)
def test_a_vague_aim_is_unspecific_even_with_a_measure(text: str) -> None:
    verdict = _verdict(text)
    assert verdict == _verdict(text, models=False)  # the rule quotes the hope; no model needed
    assert not verdict.smart.specific
    assert verdict.reasons["specific"].startswith("names a hope, not a skill: '")
    assert verdict.smart.measurable and verdict.smart.time_bound


def test_the_model_leaves_a_clear_skill_to_the_rule() -> None:
    text = "By July 2026, Ayaan will read 20 common exception words with 90% accuracy."
    verdict = _verdict(text)
    assert verdict == _verdict(text, models=False)
    assert verdict.smart.specific


@pytest.mark.parametrize(
    ("rule", "probability", "finding_answer", "expected"),
    [
        (True, 0.1, False, 0.9),  # the rule passed an element, the model is sure it is missing
        (True, 0.3, False, None),  # not sure enough: the rule stands
        (False, 0.99, False, None),  # never clears a finding the rule made
        (False, 0.95, True, 0.95),  # provision: flags what the rule passed
        (True, 0.01, True, None),
    ],
)
def test_a_model_only_flags_what_the_rule_passed(
    rule: bool, probability: float, finding_answer: bool, expected: float | None
) -> None:
    found = overrule_probability(rule, probability, 0.8, finding_answer)
    assert found == (pytest.approx(expected) if expected is not None else None)
    assert overrule_probability(rule, probability, None, finding_answer) is None


def test_only_listed_models_decide() -> None:
    decides = outcomes.model_decides()
    assert decides <= set(TARGETS)
    for target in TARGETS:
        model = load_model(f"outcome_{target}")
        assert model.feature_schema == FEATURE_SCHEMA
        assert target not in decides or model.confidence is not None


def test_checking_a_plan_never_imports_scikit_learn_or_skops() -> None:
    code = (
        "import sys; from ehcp_lint.pipeline import check; "
        f"report = check({str(SAMPLE)!r}); "
        "print(len(report.outcomes or []), 'sklearn' in sys.modules, 'skops' in sys.modules)"
    )
    found = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    ).stdout.split()
    assert int(found[0]) > 0
    assert found[1:] == ["False", "False"]
