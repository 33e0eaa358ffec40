"""Command line: a thin layer over the library. Every command is a call into ehcp_lint."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from ehcp_lint import __version__
from ehcp_lint.commands.options import ConfigFile, RedactOption
from ehcp_lint.config import Config
from ehcp_lint.errors import EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, EhcpLintError
from ehcp_lint.limits import DEFAULT_MAX_PAGES, DEFAULT_TIMEOUT_SECONDS
from ehcp_lint.outputs import write_atomic
from ehcp_lint.report import PlanReport, Severity

app = typer.Typer(
    name="ehcp-lint",
    help="Check the quality of Education, Health and Care Plans (.docx, .pdf, .txt) offline.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


class OutputFormat(StrEnum):
    TEXT = "text"
    JSON = "json"
    CSV = "csv"
    HTML = "html"
    DOCX = "docx"


def _version(value: bool) -> None:
    if value:
        print(f"ehcp-lint {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show version.")
    ] = False,
) -> None:
    """Check the quality of Education, Health and Care Plans (.docx, .pdf, .txt) offline."""


@app.command()
def check(
    files: Annotated[list[Path], typer.Argument(help="Plan files (.docx, .pdf, .txt, .md)")],
    output_format: Annotated[
        OutputFormat,
        typer.Option(
            "--format",
            "-f",
            help="text (terminal), json (tools), csv (findings), html, docx (the .docx plan with"
            " a Word comment on each finding; needs --output FILE.docx)",
        ),
    ] = OutputFormat.TEXT,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output", "-o", help="Write to this file (a folder for html of several plans)"
        ),
    ] = None,
    max_mb: Annotated[
        float, typer.Option("--max-mb", help="Refuse files larger than this many megabytes")
    ] = 50.0,
    max_pages: Annotated[
        int, typer.Option("--max-pages", min=1, help="Refuse PDFs with more pages than this")
    ] = DEFAULT_MAX_PAGES,
    timeout: Annotated[
        float,
        typer.Option(
            "--timeout", min=0, help="Give up on a file after this many seconds (0: no limit)"
        ),
    ] = DEFAULT_TIMEOUT_SECONDS,
    config_file: ConfigFile = None,
    redact: RedactOption = False,
) -> None:
    """Check plans and report findings. Exit 0: no errors or warnings; 1: findings; 3-14: a
    file could not be checked (see README)."""
    from ehcp_lint.pipeline import check_many

    if output_format is OutputFormat.HTML and len(files) > 1 and output is None:
        Console(stderr=True).print("error: html for several plans needs --output FOLDER")
        raise typer.Exit(EXIT_USAGE)
    problem = _docx_target_problem(files, output) if output_format is OutputFormat.DOCX else None
    if problem:
        Console(stderr=True).print(f"error: {problem}")
        raise typer.Exit(EXIT_USAGE)
    config = cli_settings(config_file)
    checked = check_many(
        files,
        max_bytes=int(max_mb * 1024 * 1024),
        max_pages=max_pages,
        timeout=timeout or None,
        config=config,
    )
    results = list(checked)
    if output_format is OutputFormat.DOCX:
        assert output is not None  # checked before any work was done
        _emit_docx(results[0], files[0], output, redact=redact)
    else:
        _emit(redact_results(results) if redact else results, output_format, output)
    raise typer.Exit(exit_code_for(results))


def _docx_target_problem(files: list[Path], output: Path | None) -> str | None:
    """Why an annotated copy cannot be made with these arguments, or None if it can."""
    if len(files) != 1 or files[0].suffix.lower() != ".docx":
        return "--format docx annotates one .docx plan (comments cannot be added to pdf or text)"
    if output is None or output.suffix.lower() != ".docx":
        return "--format docx writes an annotated copy: give --output FILE.docx"
    if output.resolve() == files[0].resolve():
        return "--output must be a new file: the plan itself is never changed"
    return None


def _emit_docx(
    result: PlanReport | EhcpLintError, source: Path, output: Path, *, redact: bool
) -> None:
    """Write the plan's annotated copy; the plan itself is only read."""
    from ehcp_lint.redact import Redactor
    from ehcp_lint.render.annotate_docx import annotate_docx
    from ehcp_lint.render.text import print_error

    stderr = Console(stderr=True, highlight=False)
    try:
        if isinstance(result, EhcpLintError):
            raise result
        redactor = Redactor(result.metadata) if redact else None
        write_atomic(output, annotate_docx(source, result, redactor=redactor))
    except EhcpLintError as error:
        print_error(error, stderr)
        raise typer.Exit(error.exit_code) from None
    stderr.print(f"{output}: {len(result.findings)} findings as Word comments", soft_wrap=True)


def redact_results(results: list[PlanReport | EhcpLintError]) -> list[PlanReport | EhcpLintError]:
    """Reports with personal data replaced; files that could not be checked pass through."""
    from ehcp_lint.redact import redact_report

    return [redact_report(r) if isinstance(r, PlanReport) else r for r in results]


def cli_settings(config_file: Path | None) -> Config:
    """The LA's settings: the file given, else the nearest one; a bad file is a usage error."""
    from ehcp_lint.config import find_config, load_config

    try:
        return load_config(config_file) if config_file else find_config(Path.cwd())
    except EhcpLintError as error:
        Console(stderr=True).print(f"error: {error.message}", soft_wrap=True)
        raise typer.Exit(error.exit_code) from None


def _emit(
    results: list[PlanReport | EhcpLintError], output_format: OutputFormat, output: Path | None
) -> None:
    stderr = Console(stderr=True, highlight=False)
    for result in results:
        if isinstance(result, EhcpLintError):
            from ehcp_lint.render.text import print_error

            print_error(result, stderr)
    reports = [r for r in results if isinstance(r, PlanReport)]
    if output_format is OutputFormat.JSON:
        from ehcp_lint.render.json_report import render_json

        _write(render_json(results), output)
    elif output_format is OutputFormat.CSV:
        from ehcp_lint.render.csv_report import render_csv

        _write(render_csv(results), output)
    elif output_format is OutputFormat.HTML:
        _emit_html(reports, output, several=len(results) > 1)
    else:
        from ehcp_lint.render.text import print_report

        _print_or_write(lambda console: [print_report(r, console) for r in reports], output)


def _emit_html(reports: list[PlanReport], output: Path | None, *, several: bool) -> None:
    """One plan: a page to stdout or the output file. Several: one page each in the folder."""
    from ehcp_lint.render.html import render_html

    if not several:
        for report in reports:
            _write(render_html(report), output)
        return
    assert output is not None  # checked before any work was done
    used: set[str] = set()
    for report in reports:
        stem = Path(report.source.path).stem
        name = stem if stem not in used else f"{stem}-{report.source.sha256[:8]}"
        used.add(name)
        _write(render_html(report), output / f"{name}.html")


def _print_or_write(draw: Callable[[Console], object], output: Path | None) -> None:
    """Draw on the terminal, or as plain text into the output file."""
    if output is None:
        draw(Console(highlight=False))
        return
    with open(os.devnull, "w") as devnull:
        console = Console(record=True, width=120, file=devnull)
        draw(console)
    _write(console.export_text(), output)


def _write(text: str, output: Path | None) -> None:
    """Print, or write the file atomically so a reader never sees half a report."""
    if output is None:
        sys.stdout.write(text)
    else:
        write_atomic(output, text)


def exit_code_for(results: list[PlanReport | EhcpLintError]) -> int:
    """The first unreadable file's code; else 1 if any error/warning finding; else 0."""
    for result in results:
        if isinstance(result, EhcpLintError):
            return result.exit_code
    actionable = {Severity.ERROR, Severity.WARNING}
    if any(f.severity in actionable for r in results for f in r.findings):  # type: ignore[union-attr]
        return EXIT_FINDINGS
    return EXIT_OK


@app.command()
def explain(code: Annotated[str, typer.Argument(help="Rule code, e.g. CMP001")]) -> None:
    """Explain a rule: what it checks, why (with its source), and examples."""
    from ehcp_lint.render.rules_text import print_rule
    from ehcp_lint.ruleset import all_rules

    rule = all_rules().get(code.upper())
    if rule is None:
        Console(stderr=True).print(f"error: no rule {code!r}; `ehcp-lint rules` lists them")
        raise typer.Exit(EXIT_USAGE)
    print_rule(rule, Console(highlight=False))


@app.command(name="rules")
def list_rules() -> None:
    """List every rule with its code, category and default severity."""
    from ehcp_lint.render.rules_text import print_rule_list
    from ehcp_lint.ruleset import all_rules

    print_rule_list(list(all_rules().values()), Console(highlight=False))


@app.command()
def evaluate(
    corpus_dir: Annotated[Path, typer.Argument(help="Folder with labels.json and the plans")],
    output_format: Annotated[OutputFormat, typer.Option("--format", "-f")] = OutputFormat.TEXT,
    output: Annotated[Path | None, typer.Option("--output", "-o")] = None,
    limit: Annotated[int | None, typer.Option(help="Only the first N labelled plans")] = None,
) -> None:
    """Measure accuracy against gold labels (labels.json), per file format."""
    from ehcp_lint.evaluate import evaluate as run_evaluation

    if not (corpus_dir / "labels.json").is_file():
        Console(stderr=True).print(f"error: {corpus_dir}: no labels.json; is this a corpus folder?")
        raise typer.Exit(EXIT_USAGE)
    evaluation = run_evaluation(corpus_dir, limit=limit)
    if output_format is OutputFormat.JSON:
        _write(evaluation.model_dump_json(indent=2) + "\n", output)
        return
    from ehcp_lint.render.evaluation_text import print_evaluation

    _print_or_write(lambda console: print_evaluation(evaluation, console), output)


# Command groups in ehcp_lint/commands/, each adding its commands with register(app).
COMMAND_MODULES: tuple[str, ...] = (
    "ehcp_lint.commands.audit",
    "ehcp_lint.commands.moderation",
    "ehcp_lint.commands.train",
)


def _register_command_modules() -> None:
    import importlib

    for name in COMMAND_MODULES:
        importlib.import_module(name).register(app)


_register_command_modules()


def main() -> None:
    app()
