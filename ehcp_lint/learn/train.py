"""Train the outcome models on a labelled TRAIN corpus and save them in models/.

Examples are the outcomes ehcp-lint itself extracts from each plan file, matched to the gold
outcomes by text, so a model learns from exactly what it will see at check time. Each model is a
logistic regression (scikit-learn, seeded) over `ehcp_lint.learn.features`.

No memorising phrases: the generator draws a plan's outcome wording from phrase banks, and the
held-out split uses banks the TRAIN split never sees. So validation folds are grouped by wording
(an outcome's rarer words, without the frame of name, modal, time frame and measure) and a word
or word pair becomes a feature only if it occurs in at least MIN_WORDING_GROUPS different
wordings: it must be a pattern of the language, not of one phrase.

Only corpora whose labels say split "train" are accepted. A `heldout` corpus may be given to
*measure* the saved models (reported in the model cards), never to fit or tune them.

scikit-learn and skops are imported inside the functions that need them.
"""

from __future__ import annotations

import io
import json
import re
import zipfile
from collections import Counter, defaultdict
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from pydantic import BaseModel, Field

from ehcp_lint.checks.outcomes import (
    content_stems,
    model_decides,
    need_context,
    outcome_evidence,
    rule_flags,
    rule_verdict,
)
from ehcp_lint.errors import EhcpLintError
from ehcp_lint.evaluate import load_corpus, match_texts
from ehcp_lint.extract import extract_items
from ehcp_lint.gold import GoldCorpus
from ehcp_lint.items import NeedArea
from ehcp_lint.learn.features import (
    FEATURE_SCHEMA,
    NeedLexicon,
    OutcomeEvidence,
    outcome_features,
    outcome_tokens,
)
from ehcp_lint.learn.linear import (
    LEXICON_NAME,
    MODEL_FORMAT,
    LinearModel,
    TrainingInfo,
    overrule_probability,
)

TARGETS = ("specific", "measurable", "achievable", "relevant", "provision_not_outcome")
MIN_WORDING_GROUPS = 3
# A word in more than this share of outcomes belongs to the frame of many outcomes (modal verbs,
# time frames, measures, pronouns), not to the wording of one aim.
FRAME_WORD_SHARE = 0.03
LEXICON_MIN_PLANS = 3
C_GRID = (0.1, 0.3, 1.0, 3.0)
FOLDS = 5
# Candidate confidences for a model to overrule the rule; None: it never does. Chosen per model
# on validation: the highest within CONFIDENCE_SLACK of the best F1, so a model that adds little
# leaves the decision to the rules. No 0.5: overruling the rule's explicit evidence on a coin
# flip is not a decision a reviewer could trust.
CONFIDENCE_GRID: tuple[float | None, ...] = (0.6, 0.7, 0.8, 0.9, None)
CONFIDENCE_SLACK = 0.01
NGRAM_PREFIXES = ("w:", "b:")
RELEVANCE_PREFIX = "rel:"


class Example(BaseModel):
    """One extracted outcome: its features, the gold answer per target and its wording group."""

    plan_id: str
    wording: str
    features: dict[str, float]
    labels: dict[str, bool]
    rule: dict[str, bool]


class TargetReport(BaseModel):
    """How one model did: grouped cross-validation on TRAIN, and optionally a held-out corpus.
    F1 is of the answer a finding reports (see finding_f1)."""

    target: str
    c: float
    confidence: float | None
    examples: int
    positives: int
    features: int
    validation: dict[str, float | None]
    heldout: dict[str, float | None] | None = None


class TrainingError(EhcpLintError):
    exit_code = 2
    advice = "pass a corpus made with `--split train` (see corpora_synthetic/README.md)"


class ParsedOutcome(BaseModel):
    """One extracted outcome matched to gold: the rule evidence and verdict, and the answers."""

    plan_id: str
    evidence: OutcomeEvidence
    rule: dict[str, bool]
    labels: dict[str, bool]


class ParsedCorpus(BaseModel):
    corpus: GoldCorpus
    outcomes: list[ParsedOutcome]
    need_stems: list[dict[NeedArea, list[str]]] = Field(
        description="Per plan, the content stems Section B uses for each area of need"
    )


def parse_corpus(corpus_dir: Path) -> ParsedCorpus:
    """Every outcome ehcp-lint extracts from each plan, matched by text to its gold outcome."""
    from ehcp_lint.pipeline import parse

    corpus = load_corpus(corpus_dir)
    outcomes: list[ParsedOutcome] = []
    need_stems: list[dict[NeedArea, list[str]]] = []
    for gold in corpus.plans:
        plan = parse(corpus_dir / gold.file)
        items = extract_items(plan)
        needs = need_context(plan, items)
        by_area: dict[NeedArea, set[str]] = defaultdict(set)
        for need in items.needs:
            if need.area:
                by_area[need.area] |= content_stems(need.text)
        need_stems.append({area: sorted(stems) for area, stems in by_area.items()})
        pairs = match_texts([o.text for o in gold.outcomes], [o.text for o in items.outcomes])
        for gold_index, found_index in pairs:
            gold_outcome = gold.outcomes[gold_index]
            evidence = outcome_evidence(items.outcomes[found_index], needs)
            labels = {
                **gold_outcome.smart.model_dump(),
                "provision_not_outcome": gold_outcome.provision_not_outcome,
            }
            rule = rule_flags(rule_verdict(evidence))
            outcomes.append(
                ParsedOutcome(plan_id=gold.plan_id, evidence=evidence, rule=rule, labels=labels)
            )
    return ParsedCorpus(corpus=corpus, outcomes=outcomes, need_stems=need_stems)


def build_lexicon(parsed: ParsedCorpus) -> NeedLexicon:
    """Stems that at least LEXICON_MIN_PLANS plans' Section B use for an area of need."""
    counts: dict[NeedArea, Counter[str]] = defaultdict(Counter)
    for plan in parsed.need_stems:
        for area, stems in plan.items():
            counts[area].update(stems)
    return NeedLexicon(
        feature_schema=FEATURE_SCHEMA,
        min_plans=LEXICON_MIN_PLANS,
        areas={
            area: sorted(s for s, n in counts[area].items() if n >= LEXICON_MIN_PLANS)
            for area in sorted(counts)
        },
    )


def examples(parsed: ParsedCorpus, lexicon: NeedLexicon) -> list[Example]:
    keys = wording_keys([outcome.evidence.text for outcome in parsed.outcomes])
    return [
        Example(
            plan_id=outcome.plan_id,
            wording=key,
            features=outcome_features(outcome.evidence, outcome.rule, lexicon),
            labels=outcome.labels,
            rule=outcome.rule,
        )
        for outcome, key in zip(parsed.outcomes, keys, strict=True)
    ]


def wording_keys(texts: list[str]) -> list[str]:
    """Per outcome, its wording: the words it does not share with many other outcomes (so
    without the frame of name, modal verb, time frame and measure). Outcomes drawn from the same
    phrase get the same key, whatever frame surrounds them."""
    token_sets = [set(outcome_tokens(text)) for text in texts]
    frequency = Counter(token for tokens in token_sets for token in tokens)
    limit = FRAME_WORD_SHARE * len(texts)
    return [" ".join(sorted(t for t in tokens if frequency[t] <= limit)) for tokens in token_sets]


def target_examples(examples: list[Example], target: str) -> list[Example]:
    """SMART elements are judged only for real outcomes; provision is judged for all."""
    if target == "provision_not_outcome":
        return examples
    return [e for e in examples if not e.labels["provision_not_outcome"]]


def flagged(target: str) -> bool:
    """The answer a finding reports: True for provision as an outcome, False for an element."""
    return target == "provision_not_outcome"


def shared_vocabulary(examples: list[Example]) -> frozenset[str]:
    """Word and word-pair features that occur in at least MIN_WORDING_GROUPS wordings."""
    groups: dict[str, set[str]] = defaultdict(set)
    for example in examples:
        for name in example.features:
            if name.startswith(NGRAM_PREFIXES):
                groups[name].add(example.wording)
    return frozenset(name for name, seen in groups.items() if len(seen) >= MIN_WORDING_GROUPS)


def _restricted(
    features: dict[str, float], vocabulary: frozenset[str], target: str
) -> dict[str, float]:
    """The features a target's model may use: words in the shared vocabulary, and links to
    Section B only for relevance (elsewhere they are chance correlations of the generator)."""
    return {
        name: value
        for name, value in features.items()
        if (not name.startswith(NGRAM_PREFIXES) or name in vocabulary)
        and (target == "relevant" or not name.startswith(RELEVANCE_PREFIX))
    }


def _fit(examples: list[Example], target: str, c: float, seed: int) -> Any:
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline

    vocabulary = shared_vocabulary(examples)
    pipeline = make_pipeline(
        DictVectorizer(sort=True),
        # Unweighted: the probabilities stay calibrated to how common each answer is, so that
        # "confident" means the same for every model (balanced weights would tilt every
        # outcome without telling words towards a finding).
        LogisticRegression(C=c, max_iter=2000, random_state=seed),
    )
    pipeline.fit(
        [_restricted(e.features, vocabulary, target) for e in examples],
        [e.labels[target] for e in examples],
    )
    return pipeline


def _out_of_fold(examples: list[Example], target: str, c: float, seed: int) -> list[float]:
    """P(target) for every example from a model that never saw its wording."""
    from sklearn.model_selection import GroupKFold

    probabilities = [0.0] * len(examples)
    folds = GroupKFold(n_splits=FOLDS)
    groups = [e.wording for e in examples]
    for train_index, test_index in folds.split(examples, groups=groups):
        model = _fit([examples[i] for i in train_index], target, c, seed)
        test = [examples[i].features for i in test_index]
        for i, p in zip(test_index, model.predict_proba(test)[:, 1], strict=True):
            probabilities[i] = float(p)
    return probabilities


def finding_f1(target: str, predicted: Sequence[bool], actual: Sequence[bool]) -> float | None:
    """F1 of the answer a finding reports: an element missing, or provision as an outcome."""
    pairs = [
        (p == flagged(target), a == flagged(target)) for p, a in zip(predicted, actual, strict=True)
    ]
    tp = sum(p and a for p, a in pairs)
    wrong = sum(p != a for p, a in pairs)
    return round(2 * tp / (2 * tp + wrong), 4) if tp + wrong else None


def combined(rule: bool, probability: float, confidence: float | None, target: str) -> bool:
    """The documented combination (ehcp_lint.learn.linear.overrule_probability)."""
    if overrule_probability(rule, probability, confidence, flagged(target)) is None:
        return rule
    return flagged(target)


def _scores(
    examples: list[Example], target: str, probabilities: list[float]
) -> dict[str, float | None]:
    """F1 of the rule, the model alone, and the two combined at each candidate confidence."""
    actual = [e.labels[target] for e in examples]
    scores: dict[str, float | None] = {
        "rule_f1": finding_f1(target, [e.rule[target] for e in examples], actual),
        "model_f1": finding_f1(target, [p >= 0.5 for p in probabilities], actual),
    }
    for confidence in CONFIDENCE_GRID:
        decided = [
            combined(e.rule[target], p, confidence, target)
            for e, p in zip(examples, probabilities, strict=True)
        ]
        scores[combined_key(confidence)] = finding_f1(target, decided, actual)
    return scores


def combined_key(confidence: float | None) -> str:
    return f"combined_f1@{confidence}" if confidence is not None else "combined_f1@never"


def choose_confidence(validation: dict[str, float | None]) -> float | None:
    """The highest candidate within CONFIDENCE_SLACK of the best validation F1 (never, the
    most cautious, counts as highest)."""
    scored = {c: validation[combined_key(c)] or 0.0 for c in CONFIDENCE_GRID}
    best = max(scored.values())
    return [c for c in CONFIDENCE_GRID if scored[c] >= best - CONFIDENCE_SLACK][-1]


def _log_loss(examples: list[Example], target: str, probabilities: list[float]) -> float:
    import math

    eps = 1e-12
    return -sum(
        math.log(max(p if e.labels[target] else 1 - p, eps))
        for e, p in zip(examples, probabilities, strict=True)
    ) / len(examples)


def choose_c(examples: list[Example], target: str, seed: int) -> tuple[float, list[float]]:
    """The regularisation with the lowest grouped out-of-fold log loss, and its predictions."""
    best: tuple[float, float, list[float]] | None = None
    for c in C_GRID:
        probabilities = _out_of_fold(examples, target, c, seed)
        loss = _log_loss(examples, target, probabilities)
        if best is None or loss < best[0]:
            best = (loss, c, probabilities)
    assert best is not None
    return best[1], best[2]


def linear_model(
    pipeline: Any, target: str, confidence: float | None, info: TrainingInfo
) -> LinearModel:
    """The fitted pipeline's parameters as plain data (what `ehcp-lint check` predicts from)."""
    vectorizer, regression = pipeline.steps[0][1], pipeline.steps[1][1]
    weights = {
        name: float(weight)
        for name, weight in zip(vectorizer.feature_names_, regression.coef_[0], strict=True)
        if weight != 0.0
    }
    return LinearModel(
        format=MODEL_FORMAT,
        feature_schema=FEATURE_SCHEMA,
        name=f"outcome_{target}",
        target=target,
        classes=[bool(c) for c in regression.classes_],
        finding_answer=flagged(target),
        intercept=float(regression.intercept_[0]),
        weights=dict(sorted(weights.items())),
        confidence=confidence,
        training=info,
    )


def describe_corpus(corpus: GoldCorpus, corpus_dir: Path) -> str:
    formats = sorted({plan.format for plan in corpus.plans})
    return (
        f"{corpus_dir.name}: {len(corpus.plans)} synthetic plans, split train, seed {corpus.seed},"
        f" generator v{corpus.generator_version}, formats {','.join(formats)}"
    )


def require_split(corpus: GoldCorpus, corpus_dir: Path, split: str) -> None:
    found = sorted({plan.split for plan in corpus.plans})
    if found != [split]:
        raise TrainingError(corpus_dir, f"corpus labels say split {found}, need ['{split}']")


class TrainResult(BaseModel):
    models: list[str]
    reports: list[TargetReport]


def train_models(
    corpus_dir: Path, out_dir: Path, *, seed: int, heldout_dir: Path | None = None
) -> TrainResult:
    """Fit, validate and save one model per target, the need lexicon, and a card per model."""
    parsed = parse_corpus(corpus_dir)
    require_split(parsed.corpus, corpus_dir, "train")
    lexicon = build_lexicon(parsed)
    train = examples(parsed, lexicon)
    heldout = _heldout_examples(heldout_dir, lexicon)
    out_dir.mkdir(parents=True, exist_ok=True)
    save_lexicon(lexicon, out_dir)
    reports = []
    corpus_text = describe_corpus(parsed.corpus, corpus_dir)
    for target in TARGETS:
        chosen = target_examples(train, target)
        pipeline, model, report = train_target(chosen, target, corpus_text, seed)
        if heldout:
            report.heldout = _heldout_scores(model, heldout, target)
        save_model(pipeline, model, out_dir)
        write_card(model, report, out_dir)
        reports.append(report)
    return TrainResult(models=[f"outcome_{t}" for t in TARGETS], reports=reports)


def train_target(
    chosen: list[Example], target: str, corpus_text: str, seed: int
) -> tuple[Any, LinearModel, TargetReport]:
    """Choose C and the confidence on grouped validation, then fit on every example."""
    import sklearn

    c, probabilities = choose_c(chosen, target, seed)
    validation = _scores(chosen, target, probabilities)
    pipeline = _fit(chosen, target, c, seed)
    info = TrainingInfo(
        corpus=corpus_text,
        seed=seed,
        plans=len({e.plan_id for e in chosen}),
        examples=len(chosen),
        positives=sum(e.labels[target] for e in chosen),
        c=c,
        sklearn_version=sklearn.__version__,
    )
    model = linear_model(pipeline, target, choose_confidence(validation), info)
    report = TargetReport(
        target=target,
        c=c,
        confidence=model.confidence,
        examples=info.examples,
        positives=info.positives,
        features=len(model.weights),
        validation=validation,
    )
    return pipeline, model, report


def _heldout_examples(heldout_dir: Path | None, lexicon: NeedLexicon) -> list[Example] | None:
    if heldout_dir is None:
        return None
    parsed = parse_corpus(heldout_dir)
    require_split(parsed.corpus, heldout_dir, "heldout")
    return examples(parsed, lexicon)


def _heldout_scores(
    model: LinearModel, heldout: list[Example], target: str
) -> dict[str, float | None]:
    chosen = target_examples(heldout, target)
    return _scores(chosen, target, [model.probability(e.features) for e in chosen])


def _json_bytes(artifact: BaseModel) -> bytes:
    return (json.dumps(artifact.model_dump(mode="json"), indent=1) + "\n").encode("utf-8")


def save_lexicon(lexicon: NeedLexicon, out_dir: Path) -> None:
    from ehcp_lint.outputs import write_atomic

    write_atomic(out_dir / f"{LEXICON_NAME}.json", _json_bytes(lexicon))


def save_model(pipeline: Any, model: LinearModel, out_dir: Path) -> None:
    """The skops file (canonical) and its JSON twin, written atomically."""
    import skops.io

    from ehcp_lint.outputs import write_atomic

    write_atomic(out_dir / f"{model.name}.skops", _reproducible(skops.io.dumps(pipeline)))
    write_atomic(out_dir / f"{model.name}.json", _json_bytes(model))


def _reproducible(archive: bytes) -> bytes:
    """The skops zip made byte-stable: its array files and its object "__id__"s are memory
    addresses and its entries are dated now, so number both by order of appearance (the same
    address keeps the same number, so shared objects stay shared) and date entries 1980-01-01."""
    source = zipfile.ZipFile(io.BytesIO(archive))
    names = {
        entry.filename: f"{index}.npy"
        for index, entry in enumerate(source.infolist())
        if entry.filename.endswith(".npy")
    }
    target = io.BytesIO()
    with zipfile.ZipFile(target, "w") as rewritten:
        for entry in source.infolist():
            content = source.read(entry.filename)
            if entry.filename == "schema.json":
                content = _renumbered(content.decode("utf-8"), names).encode("utf-8")
            fixed = zipfile.ZipInfo(
                names.get(entry.filename, entry.filename), (1980, 1, 1, 0, 0, 0)
            )
            fixed.compress_type = entry.compress_type
            fixed.external_attr = entry.external_attr
            rewritten.writestr(fixed, content)
    return target.getvalue()


def _renumbered(schema: str, names: dict[str, str]) -> str:
    for old, new in names.items():
        schema = schema.replace(f'"{old}"', f'"{new}"')
    ids: dict[str, str] = {}
    return re.sub(
        r'"__id__": (\d+)',
        lambda match: f'"__id__": {ids.setdefault(match.group(1), str(len(ids)))}',
        schema,
    )


def _decides_text(target: str) -> str:
    if target in model_decides():
        return "yes, where confident"
    return "no (trained and measured only; the rule decides)"


def _confidence_text(confidence: float | None) -> str:
    if confidence is None:
        return "never: the rule alone did as well on validation, so the rule decides"
    return f"{confidence}: it flags what the rule passed when its probability reaches this"


def _metric_rows(scores: dict[str, float | None]) -> str:
    return "\n".join(f"| {name} | {_fmt(value)} |" for name, value in scores.items())


def _fmt(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.3f}"


def write_card(model: LinearModel, report: TargetReport, out_dir: Path) -> None:
    """A model card: data, features, metrics (validation and held-out), limits."""
    from ehcp_lint.outputs import write_atomic

    top = sorted(model.weights.items(), key=lambda item: -abs(item[1]))[:12]
    heldout = (
        _metric_rows(report.heldout)
        if report.heldout
        else "| (not measured: train with --heldout) | |"
    )
    card = CARD.format(
        name=model.name,
        target=model.target,
        corpus=model.training.corpus,
        examples=report.examples,
        positives=report.positives,
        c=report.c,
        confidence=_confidence_text(report.confidence),
        slack=CONFIDENCE_SLACK,
        decides=_decides_text(model.target),
        seed=model.training.seed,
        sklearn=model.training.sklearn_version,
        schema=FEATURE_SCHEMA,
        features=report.features,
        min_groups=MIN_WORDING_GROUPS,
        folds=FOLDS,
        validation=_metric_rows(report.validation),
        heldout=heldout,
        top="\n".join(f"| `{name}` | {weight:+.3f} |" for name, weight in top),
    )
    write_atomic(out_dir / f"{model.name}.md", card.encode("utf-8"))


CARD = """# Model card: {name}

Logistic regression: P({target} is true) for one Section E outcome. Files: `{name}.skops`
(canonical, scikit-learn {sklearn} pipeline: DictVectorizer + LogisticRegression) and
`{name}.json` (the same coefficients; what `ehcp-lint check` predicts from, without importing
scikit-learn). Rebuild with `make train`.

## Data
- {corpus}.
- {examples} outcomes extracted by ehcp-lint and matched to gold; {positives} with {target} true.
- Synthetic only: no real plan was used. Never trained or tuned on the held-out split or the
  hand-written dev set.

## Features ({schema}; {features} with a non-zero weight)
The rule check's verdict per element and the phrases it found (time frame, measure and its kind,
vague, absolute and service phrases); for the relevance model only, links to Section B (shared
word stems, the area of need the outcome's words name, how much of its words B uses for the
plan's areas: need_lexicon.json); and
word unigrams/bigrams of the outcome (time frame and measures blanked, names dropped, pronouns
and numbers folded), kept only when they occur in at least {min_groups} different outcome
wordings. No length and no heading area: in generated plans those are shortcuts.
Regularisation C={c} chosen by grouped {folds}-fold cross-validation (log loss), seed {seed}.

Confidence to overrule the rule: {confidence}. Chosen on the same validation: the highest
candidate (0.6-0.9, or never) within {slack} of the best combined F1.
Decides in `ehcp-lint check`: {decides} (`[model] decides` in rules/outcomes.toml).

Largest weights:

| feature | weight |
|---|---|
{top}

## Validation on TRAIN ({folds} folds grouped by wording)
F1 of the answer a finding reports (element missing; provision as outcome): the rules alone, the
model alone, and combined: the model flags what the rule passed where its probability for the
finding reaches the confidence (it never clears a rule's finding).

| metric | value |
|---|---|
{validation}

## Held-out (phrase banks the TRAIN split never uses; measured, not tuned on)

| metric | value |
|---|---|
{heldout}

## Limits
- Learned from one generator's phrasing; real plans are longer and more varied. The model only
  overrules the rules where it is confident, and its reason says so.
- Wordings never seen in the phrase banks (e.g. new vague aims or unrelated activities) are
  judged from the rule features and the shared words; expect misses there.
- English only; outcomes are judged one at a time (no cross-outcome context beyond Section B).
"""
