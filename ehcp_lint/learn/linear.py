"""A trained logistic regression as plain data, and its prediction in pure Python.

The skops file in models/ is the canonical artifact (the fitted scikit-learn pipeline). Training
also writes the same model's parameters to a JSON file beside it: the feature names it knows,
one coefficient each, the intercept and the classes. `ehcp-lint check` predicts from the JSON with
a dot product, so it never pays the import of scikit-learn (~1.4 s) or skops (~2.6 s); a test
proves the two give the same probabilities.

Models ship inside the package as `ehcp_lint.trained` (the repository's models/ folder). A missing
file, a file of another format version or one built on other features raises an EhcpLintError
subclass; the check never falls back silently to the rules alone.
"""

from __future__ import annotations

import json
import math
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Literal, TypeVar

from pydantic import BaseModel, Field, ValidationError

from ehcp_lint.errors import EhcpLintError
from ehcp_lint.learn.features import FEATURE_SCHEMA, NeedLexicon

MODEL_FORMAT = "ehcp-lint-linear/2"
MODEL_PACKAGE = "ehcp_lint.trained"
LEXICON_NAME = "need_lexicon"
Artifact = TypeVar("Artifact", "LinearModel", NeedLexicon)


class ModelError(EhcpLintError):
    """A trained model file is missing, unreadable or built for other features."""

    exit_code = 15
    advice = "reinstall ehcp-lint or rebuild the models with `ehcp-lint train`"


class TrainingInfo(BaseModel):
    corpus: str = Field(description="The TRAIN corpus: generator version, seed and size")
    seed: int
    plans: int
    examples: int
    positives: int
    c: float = Field(description="Inverse regularisation strength of the logistic regression")
    sklearn_version: str


class LinearModel(BaseModel):
    """P(target is True) = sigmoid(intercept + sum of weights[f] * features[f])."""

    format: Literal["ehcp-lint-linear/2"] = MODEL_FORMAT
    feature_schema: str
    name: str
    target: str = Field(description="What a positive prediction means, e.g. 'specific'")
    classes: list[bool] = Field(description="scikit-learn's classes_, negative first")
    finding_answer: bool = Field(
        description="The answer a finding reports: False for a SMART element, True for provision"
    )
    intercept: float
    weights: dict[str, float] = Field(description="Coefficient per known feature, sorted")
    confidence: float | None = Field(
        description=(
            "The model overrules the rule only with at least this probability for the finding's "
            "answer; None: it never does (the rule did as well on validation). Chosen at "
            "training time."
        )
    )
    training: TrainingInfo

    def probability(self, features: dict[str, float]) -> float:
        """P(target) for one example; features unknown to the model weigh nothing."""
        score = self.intercept + math.fsum(
            self.weights[name] * value for name, value in features.items() if name in self.weights
        )
        # Written so that math.exp never overflows, whatever the sign of the score.
        if score >= 0:
            return 1.0 / (1.0 + math.exp(-score))
        return math.exp(score) / (1.0 + math.exp(score))

    def overrules(self, rule: bool, features: dict[str, float]) -> float | None:
        """P(the finding's answer) when the model is confident enough to flag what the rule
        passed, else None (see `overrule_probability`)."""
        return overrule_probability(
            rule, self.probability(features), self.confidence, self.finding_answer
        )


def overrule_probability(
    rule: bool, probability: float, confidence: float | None, finding_answer: bool
) -> float | None:
    """How sure a model is of the answer that makes a finding, when it overrules the rule.

    One direction only: a model may flag what the rule passed (the phrase lists missed it), never
    clear what the rule flagged, because the rule's findings quote the phrase they rest on.
    `probability` is P(True); None means the rule stands."""
    if rule == finding_answer or confidence is None:
        return None
    sure = probability if finding_answer else 1.0 - probability
    return sure if sure >= confidence else None


def model_path(name: str) -> Path:
    """Where the named model's JSON ships (models/<name>.json in a checkout)."""
    return Path(str(resources.files(MODEL_PACKAGE).joinpath(f"{name}.json")))


@cache
def load_model(name: str) -> LinearModel:
    """The named model, read once per process. Raises ModelError when it cannot be used."""
    return read_model(model_path(name))


@cache
def load_lexicon() -> NeedLexicon:
    """The need vocabulary learned with the models, read once per process."""
    return read_artifact(model_path(LEXICON_NAME), NeedLexicon)


def read_model(path: Path) -> LinearModel:
    """A model JSON file checked for format and feature schema."""
    return read_artifact(path, LinearModel)


def read_artifact(path: Path, kind: type[Artifact]) -> Artifact:
    """A trained JSON artifact of the given kind, checked for format and feature schema."""
    try:
        raw = json.loads(path.read_text("utf-8"))
    except FileNotFoundError as error:
        raise ModelError(path, "trained model file is missing") from error
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ModelError(path, "trained model file cannot be read") from error
    expected = kind.model_fields["format"].default
    if not isinstance(raw, dict) or raw.get("format") != expected:
        found = raw.get("format") if isinstance(raw, dict) else None
        raise ModelError(path, f"model format {found!r} is not {expected!r}")
    if raw.get("feature_schema") != FEATURE_SCHEMA:
        raise ModelError(
            path,
            f"model was trained on features {raw.get('feature_schema')!r}, "
            f"this version computes {FEATURE_SCHEMA!r}",
        )
    try:
        return kind.model_validate(raw)
    except ValidationError as error:
        raise ModelError(path, f"model file is malformed ({error.error_count()} errors)") from error
