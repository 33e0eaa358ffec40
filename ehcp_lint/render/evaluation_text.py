"""The evaluation as a table: one column per file format, one row per metric."""

from __future__ import annotations

from collections.abc import Callable

from rich.console import Console
from rich.table import Table

from ehcp_lint.evaluate import BinaryCounts, Evaluation, FormatMetrics, Ratio

NOT_ASSESSED = "n/a"


def _ratio(value: Ratio | None) -> str:
    if value is None or value.rate is None:
        return NOT_ASSESSED
    return f"{value.rate:.3f} ({value.hits}/{value.total})"


def _f1(value: BinaryCounts | None) -> str:
    if value is None or value.f1 is None:
        return NOT_ASSESSED
    return f"{value.f1:.3f} (tp {value.tp}, fp {value.fp}, fn {value.fn})"


def _number(value: float | None, digits: int = 3) -> str:
    return NOT_ASSESSED if value is None else f"{value:.{digits}f}"


ROWS: list[tuple[str, Callable[[FormatMetrics], str]]] = [
    ("plans (failed)", lambda m: f"{m.plans} ({m.failed})"),
    ("section accuracy", lambda m: _ratio(m.section_accuracy)),
    ("plans with all 12 sections right", lambda m: _ratio(m.plans_all_sections_right)),
    ("voice accuracy", lambda m: _ratio(m.voice_accuracy)),
    ("outcome extraction precision", lambda m: _ratio(m.outcome_precision)),
    ("outcome extraction recall", lambda m: _ratio(m.outcome_recall)),
    ("non-SMART outcome F1", lambda m: _f1(m.non_smart)),
    ("provision extraction precision", lambda m: _ratio(m.provision_precision)),
    ("provision extraction recall", lambda m: _ratio(m.provision_recall)),
    ("non-specific provision F1", lambda m: _f1(m.non_specific)),
    ("hedge-term recall", lambda m: _ratio(m.hedge_recall)),
    ("grade exact", lambda m: _ratio(m.grade_exact)),
    ("grade within one", lambda m: _ratio(m.grade_within_one)),
    ("grade quadratic kappa", lambda m: _number(m.grade_kappa)),
    ("median seconds per plan", lambda m: _number(m.seconds_per_plan_median, 4)),
]


def evaluation_rows(evaluation: Evaluation) -> list[list[str]]:
    """Metric label then one cell per format, including per-kind planted-defect recall."""
    rows = [[label, *(cell(m) for m in evaluation.formats)] for label, cell in ROWS]
    kinds = sorted({kind for m in evaluation.formats for kind in m.defect_recall})
    for kind in kinds:
        rows.append(
            [f"{kind}: recall", *(_ratio(m.defect_recall.get(kind)) for m in evaluation.formats)]
        )
        rows.append(
            [
                f"{kind}: precision",
                *(_ratio(m.defect_precision.get(kind)) for m in evaluation.formats),
            ]
        )
    return rows


def print_evaluation(evaluation: Evaluation, console: Console) -> None:
    table = Table(title=f"Evaluation on {evaluation.corpus}", title_justify="left")
    table.add_column("metric")
    for metrics in evaluation.formats:
        table.add_column(metrics.format, overflow="fold")
    for row in evaluation_rows(evaluation):
        table.add_row(*row)
    console.print(table)
    console.print(FOOTNOTE)


def evaluation_markdown(evaluation: Evaluation) -> str:
    """The same table as Markdown, for the README and the notebook."""
    header = ["metric", *(m.format for m in evaluation.formats)]
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(row) + " |" for row in evaluation_rows(evaluation)]
    return "\n".join(lines) + "\n\n" + FOOTNOTE + "\n"


FOOTNOTE = "n/a: no check makes that judgement yet, or nothing to count."
