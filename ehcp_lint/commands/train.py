"""`ehcp-lint train`: rebuild the outcome models in models/ from a synthetic TRAIN corpus.

Reproducible: the same corpus and seed give the same model JSON, byte for byte. Without
--corpus it generates the TRAIN split (txt) with corpora_synthetic in a temporary folder; the
generator lives in the repository, so run it there as `python -m ehcp_lint train` (`make train`).
scikit-learn and skops are imported only when the command runs.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from ehcp_lint.errors import EXIT_USAGE, EhcpLintError

DEFAULT_PLANS = 1000
DEFAULT_SEED = 7


def register(app: typer.Typer) -> None:
    app.command(name="train")(train_command)


def train_command(
    corpus: Annotated[
        Path | None,
        typer.Option("--corpus", help="A labelled TRAIN corpus (default: generate one)"),
    ] = None,
    out: Annotated[Path, typer.Option("--out", "-o", help="Folder for the models")] = Path(
        "models"
    ),
    plans: Annotated[int, typer.Option("--plans", min=20, help="Plans to generate")] = (
        DEFAULT_PLANS
    ),
    seed: Annotated[int, typer.Option("--seed", help="Generator and model seed")] = DEFAULT_SEED,
    heldout: Annotated[
        Path | None,
        typer.Option("--heldout", help="A held-out corpus to measure the models on (not to fit)"),
    ] = None,
) -> None:
    """Train the SMART-element and provision-as-outcome models; write .skops, .json and a model
    card (.md) per model and the need lexicon into --out. Prints grouped-validation F1 on the
    TRAIN corpus (of the answer a finding reports): the rule alone, rule and model combined."""
    from ehcp_lint.learn.train import combined_key, train_models

    console = Console(stderr=True)
    try:
        with tempfile.TemporaryDirectory(prefix="ehcp-train-") as scratch:
            corpus_dir = corpus or _generate_train_corpus(Path(scratch) / "train", plans, seed)
            result = train_models(corpus_dir, out, seed=seed, heldout_dir=heldout)
    except EhcpLintError as error:
        console.print(error.message, markup=False)
        raise typer.Exit(error.exit_code) from None
    table = Table("model", "C", "confidence", "examples", "features", "rule F1", "combined F1")
    for report in result.reports:
        table.add_row(
            report.target,
            str(report.c),
            "never" if report.confidence is None else str(report.confidence),
            str(report.examples),
            str(report.features),
            _fmt(report.validation["rule_f1"]),
            _fmt(report.validation[combined_key(report.confidence)]),
        )
    Console().print(table)
    console.print(f"wrote {len(result.models)} models to {out}")


def _fmt(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.3f}"


def _generate_train_corpus(folder: Path, plans: int, seed: int) -> Path:
    try:
        from corpora_synthetic.generate import generate_corpus
    except ImportError:
        typer.echo(
            "the corpus generator (corpora_synthetic) is not importable: run "
            "`python -m ehcp_lint train` in a repository checkout, or pass --corpus DIR",
            err=True,
        )
        raise typer.Exit(EXIT_USAGE) from None
    generate_corpus(folder, plans, seed, "train", formats=["txt"])
    return folder
