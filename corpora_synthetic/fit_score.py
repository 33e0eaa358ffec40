"""Refit the score bands (and optionally the section weights) in rules/score.toml to the gold
grades of a TRAIN-split synthetic corpus, the way `ehcp-lint calibrate` fits an LA's moderated
grades. `make fit-score` runs it; the held-out corpus is never used here.

    python -m corpora_synthetic.fit_score build/score-train [--weights] [--write]

Prints the kappa before and the cross-validated kappa after; `--write` writes the fitted numbers
into rules/score.toml in place (comments kept; update the figures quoted there by hand) only when
the cross-validated kappa improves.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from ehcp_lint.calibrate import CalibrationSample, calibrate, with_weights
from ehcp_lint.evaluate import load_corpus
from ehcp_lint.report import PlanReport

SCORE_FILE = Path(__file__).resolve().parent.parent / "rules" / "score.toml"


def samples_from_corpus(corpus_dir: Path) -> list[CalibrationSample]:
    """Each labelled plan's section scores and caps as checked now, with its gold grade."""
    from ehcp_lint.pipeline import check

    samples = []
    for gold in load_corpus(corpus_dir).plans:
        report: PlanReport = check(corpus_dir / gold.file)
        if report.score is None:
            continue
        samples.append(
            CalibrationSample(
                sections={s: v.score for s, v in report.score.sections.items()},
                caps=report.score.caps,
                grade=gold.grade,
            )
        )
    return samples


def main(argv: list[str] | None = None) -> None:
    from ehcp_lint.score import default_weights

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--weights", action="store_true", help="refit section weights too")
    parser.add_argument("--write", action="store_true", help="rewrite rules/score.toml")
    args = parser.parse_args(argv)
    samples = samples_from_corpus(args.corpus)
    result = calibrate(samples, default_weights(), keep_weights=not args.weights)
    print(f"plans {result.plans}")
    print(f"kappa with rules/score.toml now: {result.before.kappa:.3f}")
    print(f"kappa cross-validated, refitted: {result.after_cross_validated.kappa:.3f}")
    print(f"bands: {dict(result.weights.bands)}")
    if args.weights:
        print(f"weights: { {s.value: w for s, w in result.weights.weights.items()} }")
    if args.write and result.improved:
        text = with_weights(SCORE_FILE.read_text(encoding="utf-8"), result.weights)
        SCORE_FILE.write_text(text, encoding="utf-8")
        print(f"wrote {SCORE_FILE}")


if __name__ == "__main__":
    main()
