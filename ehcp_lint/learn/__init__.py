"""Trained classifiers where the outcome rules are brittle.

- `features`: the one feature extractor shared by training and prediction (pure Python).
- `linear`: a trained logistic regression as plain data (JSON beside the skops file) and its
  pure-Python prediction, so `ehcp-lint check` never imports scikit-learn or skops.
- `train`: builds the examples from a labelled TRAIN corpus, fits, validates and saves
  (imports scikit-learn and skops inside its functions).

How rules and models combine is documented in models/README.md and ehcp_lint.checks.outcomes.
"""
