"""Moderation commands: `moderate`, `moderation list|export|import-round`, `agreement`,
`calibrate`. Each is a thin call into ehcp_lint.moderation, ehcp_lint.agreement or
ehcp_lint.calibrate, which import SQLAlchemy and scikit-learn, so they are imported here only
inside the commands."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn, TypeVar

import typer
from rich.console import Console
from rich.table import Table

from ehcp_lint.errors import EXIT_USAGE, EhcpLintError
from ehcp_lint.outputs import write_atomic

if TYPE_CHECKING:
    from ehcp_lint.agreement import AgreementReport, GradeAgreement
    from ehcp_lint.calibrate import CalibrationResult
    from ehcp_lint.moderation import ModerationRecord, ModerationStore

GRADE_NAMES = ("inadequate", "requires_improvement", "good", "outstanding")
GRADE_ALIASES = {"ri": "requires_improvement", "req": "requires_improvement"}
T = TypeVar("T")
SECTION_IDS = ("A", "B", "C", "D", "E", "F", "G", "H1", "H2", "I", "J", "K")

DbOption = Annotated[
    str | None,
    typer.Option(
        "--db", help="SQLite file or postgresql:// URL (default: $EHCP_LINT_DB, else user data)"
    ),
]


class Format(StrEnum):
    TEXT = "text"
    JSON = "json"


FormatOption = Annotated[Format, typer.Option("--format", "-f", help="text or json")]


def register(app: typer.Typer) -> None:
    app.command()(moderate)
    app.command()(agreement)
    app.command()(calibrate)
    group = typer.Typer(help="Stored moderations and audit rounds.", no_args_is_help=True)
    group.command("list")(list_moderations)
    group.command("export")(export_moderations)
    group.command("import-round")(import_round)
    app.add_typer(group, name="moderation")


# -- commands -------------------------------------------------------------------------------


def moderate(
    plan: Annotated[Path, typer.Argument(help="The plan file (.docx, .pdf, .txt)")],
    grade: Annotated[str, typer.Option(help="Overall grade, e.g. good, requires_improvement")],
    auditor: Annotated[str, typer.Option(help="Your auditor id")],
    section: Annotated[
        list[str] | None,
        typer.Option(help="A section grade you change, e.g. E=requires_improvement (repeat)"),
    ] = None,
    reason: Annotated[str, typer.Option(help="Why, in a sentence")] = "",
    knows_child: Annotated[
        bool,
        typer.Option(
            "--knows-child", help="Declare you know this child: recorded, and you are excluded"
        ),
    ] = False,
    round_name: Annotated[
        str | None, typer.Option("--round", help="Audit round (default: latest holding the plan)")
    ] = None,
    keep_text: Annotated[
        bool, typer.Option("--keep-text", help="Also store the plan's full text (off by default)")
    ] = False,
    db: DbOption = None,
) -> None:
    """Record your moderation of a plan's pre-audit grade.

    Checks the plan first if no pre-audit result is stored for it; the pre-audit result is kept
    unchanged beside the moderation."""
    from ehcp_lint.config import find_config
    from ehcp_lint.moderation import ModerationRequest, moderate_plan

    request = ModerationRequest(
        auditor=auditor,
        grade=_grade(grade),
        sections=dict(_section_grade(spec) for spec in section or []),
        reason=reason,
        round_name=round_name,
    )
    with _store(db) as store:
        record = _run(
            lambda: moderate_plan(
                store,
                plan,
                request,
                knows_child=knows_child,
                keep_text=keep_text,
                config=find_config(Path.cwd()),
            )
        )
    print(_moderation_line(record))


def list_moderations(db: DbOption = None, output_format: FormatOption = Format.TEXT) -> None:
    """List every stored moderation beside the pre-audit grade it moderated."""
    with _store(db) as store:
        records = _run(store.moderations)
    if output_format is Format.JSON:
        body = ",\n".join(r.model_dump_json(indent=2, exclude={"pre_audit"}) for r in records)
        print(f"[{body}]")
        return
    table = Table(
        "id", "when (UTC)", "auditor", "plan", "round", "pre-audit", "moderated", "sections changed"
    )
    for r in records:
        table.add_row(
            str(r.id),
            f"{r.moderated_at:%Y-%m-%d %H:%M}",
            r.auditor,
            Path(r.path).name,
            r.round_name or "",
            _short(r.pre_audit.grade),
            _short(r.grade),
            _overrides(r) or "none",
        )
    _console().print(table)


def export_moderations(
    csv_file: Annotated[
        Path | None, typer.Option("--csv", help="Write to this CSV file (default: stdout)")
    ] = None,
    db: DbOption = None,
) -> None:
    """Export every moderation as CSV: one row each, with pre-audit and moderated grades."""
    with _store(db) as store:
        text = moderations_csv(_run(store.moderations))
    if csv_file is None:
        print(text, end="")
    else:
        write_atomic(csv_file, text)


def import_round(
    sample_list: Annotated[Path, typer.Argument(help="CSV with the header path,sha256,reason")],
    name: Annotated[str | None, typer.Option(help="Round name (default: the file's name)")] = None,
    db: DbOption = None,
) -> None:
    """Make an audit round from a sample list (CSV path,sha256,reason).

    `ehcp-lint sample` writes such lists; listed plans with no stored pre-audit are checked."""
    from ehcp_lint.config import find_config
    from ehcp_lint.moderation import import_round as import_sample

    with _store(db) as store:
        summary = _run(
            lambda: import_sample(store, sample_list, name=name, config=find_config(Path.cwd()))
        )
    print(f"audit round {summary.name!r}: {summary.plans} plan(s)")


def agreement(db: DbOption = None, output_format: FormatOption = Format.TEXT) -> None:
    """Agreement of moderated grades with the pre-audit grades, and between auditors."""
    from ehcp_lint.agreement import agreement_report
    from ehcp_lint.ruleset import load_toml

    with _store(db) as store:
        records = _run(store.moderations)
    report = agreement_report(records, top_rules=load_toml("moderation.toml")["top_rules"])
    if output_format is Format.JSON:
        print(report.model_dump_json(indent=2))
    else:
        print_agreement(report, _console())


def calibrate(
    out: Annotated[Path, typer.Option(help="Write the calibrated score file here (TOML)")],
    weights: Annotated[
        Path | None, typer.Option(help="Score file to start from (default: rules/score.toml)")
    ] = None,
    min_plans: Annotated[
        int | None, typer.Option(help="Fewest moderated plans to accept (default 30)")
    ] = None,
    keep_weights: Annotated[
        bool, typer.Option("--keep-weights", help="Keep the section weights; fit only the bands")
    ] = False,
    db: DbOption = None,
) -> None:
    """Fit score weights and grade bands to the moderated grades.

    Writes a score file to review and adopt, and reports kappa before and after."""
    from importlib.resources import files

    from ehcp_lint.calibrate import (
        calibrate as fit,
    )
    from ehcp_lint.calibrate import (
        render_weights_toml,
        samples_from_moderations,
    )
    from ehcp_lint.score import default_weights, load_weights

    base = _run(lambda: load_weights(weights)) if weights else default_weights()
    base_text = (
        weights.read_text("utf-8")
        if weights
        else files("ehcp_lint.rules").joinpath("score.toml").read_text("utf-8")
    )
    with _store(db) as store:
        samples = samples_from_moderations(_run(store.moderations))
    result = _run(lambda: fit(samples, base, min_plans=min_plans, keep_weights=keep_weights))
    write_atomic(out, render_weights_toml(result, base_text))
    print_calibration(result, out, _console())


# -- helpers --------------------------------------------------------------------------------


def _store(db: str | None) -> ModerationStore:
    from ehcp_lint.moderation import open_store

    return _run(lambda: open_store(db))


def _run(action: Callable[[], T]) -> T:
    try:
        return action()
    except EhcpLintError as error:
        _fail(error.message, error.exit_code)


def _fail(message: str, code: int) -> NoReturn:
    Console(stderr=True, highlight=False).print(f"error: {message}", soft_wrap=True)
    raise typer.Exit(code)


def _grade(text: str) -> str:
    name = text.strip().lower().replace("-", "_").replace(" ", "_")
    name = GRADE_ALIASES.get(name, name)
    if name not in GRADE_NAMES:
        _fail(f"unknown grade {text!r}; use one of {', '.join(GRADE_NAMES)}", EXIT_USAGE)
    return name


def _section_grade(spec: str) -> tuple[str, str]:
    section, _, grade = spec.partition("=")
    section = section.strip().upper()
    if section not in SECTION_IDS or not grade:
        _fail(f"--section {spec!r}: write SECTION=GRADE, e.g. E=requires_improvement", EXIT_USAGE)
    return section, _grade(grade)


def _label(grade: str) -> str:
    return grade.replace("_", " ")


def _short(grade: str) -> str:
    return "RI" if grade == "requires_improvement" else grade


def _console() -> Console:
    """The terminal's width, or 120 columns when piped or redirected (tables stay readable)."""
    console = Console(highlight=False)
    return console if console.is_terminal else Console(highlight=False, width=120)


def _overrides(record: ModerationRecord) -> str:
    return ", ".join(
        f"{s.section.value}: {_short(s.pre_audit_grade)} -> {_short(s.grade)}"
        for s in record.sections
        if s.overridden
    )


def _moderation_line(record: ModerationRecord) -> str:
    verdict = "agreed" if not record.overridden else "overridden"
    line = (
        f"moderation {record.id} of {record.path} by {record.auditor}: pre-audit "
        f"{_label(record.pre_audit.grade)} -> {_label(record.grade)} ({verdict})"
    )
    sections = _overrides(record)
    if sections:
        line += f"; sections {sections}"
    if record.round_name:
        line += f"; round {record.round_name!r}"
    return line


def moderations_csv(records: list[ModerationRecord]) -> str:
    """One row per moderation; per-section pre-audit and moderated grades as columns."""
    columns = [
        "moderation_id",
        "moderated_at",
        "auditor",
        "round",
        "path",
        "sha256",
        "tool_version",
        "pre_audit_score",
        "pre_audit_grade",
        "grade",
        "reason",
        *(f"{kind}_{s}" for s in SECTION_IDS for kind in ("pre_audit", "moderated")),
    ]
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    for r in records:
        row: dict[str, object] = {
            "moderation_id": r.id,
            "moderated_at": r.moderated_at.isoformat(timespec="seconds"),
            "auditor": r.auditor,
            "round": r.round_name or "",
            "path": r.path,
            "sha256": r.sha256,
            "tool_version": r.pre_audit.tool_version,
            "pre_audit_score": r.pre_audit.score,
            "pre_audit_grade": r.pre_audit.grade,
            "grade": r.grade,
            "reason": r.reason,
        }
        for s in r.sections:
            row[f"pre_audit_{s.section.value}"] = s.pre_audit_grade
            row[f"moderated_{s.section.value}"] = s.grade
        writer.writerow(row)
    return buffer.getvalue()


def _agreement_row(name: str, agreement: GradeAgreement) -> list[str]:
    def rate(value: float | None) -> str:
        return "-" if value is None else f"{value:.2f}"

    return [
        name,
        str(agreement.pairs),
        rate(agreement.exact.rate),
        rate(agreement.within_one.rate),
        rate(agreement.kappa),
    ]


def print_agreement(report: AgreementReport, console: Console) -> None:
    console.print(
        f"{report.moderations} moderation(s) of {report.plans} plan(s) by "
        f"{report.auditors} auditor(s); pre-audit grade vs auditor's grade"
    )
    table = Table("", "pairs", "exact", "within one", "kappa (quadratic)")
    table.add_row(*_agreement_row("overall", report.overall))
    for section, agreement in report.sections.items():
        table.add_row(*_agreement_row(section.value, agreement))
    console.print(table)
    confusion = Table("pre-audit \\ auditor", *(_label(g) for g in GRADE_NAMES))
    for grade, row in zip(GRADE_NAMES, report.overall.confusion, strict=True):
        confusion.add_row(_label(grade), *(str(n) for n in row))
    console.print(confusion)
    if report.overridden_rules:
        rules = Table("rule", "name", "section", "re-graded", "of", "raised", "lowered")
        for r in report.overridden_rules:
            rules.add_row(
                r.rule,
                r.name,
                r.section.value,
                str(r.overridden),
                str(r.moderated),
                str(r.raised),
                str(r.lowered),
            )
        console.print("Rules in the sections auditors most often re-graded")
        console.print(rules)
    if report.auditor_pairs:
        pairs = Table("auditors", "plans", "exact", "within one", "kappa (quadratic)")
        for pair in report.auditor_pairs:
            pairs.add_row(*_agreement_row(" vs ".join(pair.auditors), pair.agreement))
        console.print("Auditor vs auditor (overall grade, plans both moderated)")
        console.print(pairs)


def print_calibration(result: CalibrationResult, out: Path, console: Console) -> None:
    console.print(
        f"calibrated on {result.plans} moderated plans ({result.folds}-fold cross-validation, "
        f"seed {result.seed})"
    )
    table = Table("moderated grade vs", "pairs", "exact", "within one", "kappa (quadratic)")
    table.add_row(*_agreement_row("current weights", result.before))
    table.add_row(*_agreement_row("calibrated, cross-validated", result.after_cross_validated))
    table.add_row(*_agreement_row("calibrated, same plans", result.after_in_sample))
    console.print(table)
    weights = ", ".join(f"{s.value} {w:g}" for s, w in result.weights.weights.items())
    bands = ", ".join(f"{_label(g)} {v:g}" for g, v in result.weights.bands.items())
    console.print(f"weights: {weights}\nbands: {bands}\nwrote {out}")
    if not result.improved:
        console.print(
            "note: cross-validated kappa is no better than with the current weights: keep them"
        )
