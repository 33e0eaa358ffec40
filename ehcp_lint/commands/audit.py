"""`ehcp-lint audit` (check a folder in parallel, write a report folder with a dashboard) and
`ehcp-lint sample` (a random or themed sample list for auditors)."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer
from rich.console import Console

from ehcp_lint.commands.options import ConfigFile, RedactOption
from ehcp_lint.errors import EXIT_USAGE, EhcpLintError, FileNotFound
from ehcp_lint.limits import DEFAULT_MAX_PAGES, DEFAULT_TIMEOUT_SECONDS
from ehcp_lint.outputs import write_atomic

if TYPE_CHECKING:
    from ehcp_lint.batch import CheckOptions
    from ehcp_lint.cohort import AuditRound, Cohort, FailedFile
    from ehcp_lint.report import PlanReport
    from ehcp_lint.sampling import SampleEntry

    Result = PlanReport | EhcpLintError

EXIT_SOME_NOT_CHECKED = 13
EXIT_INTERRUPTED = 130  # the shell's code for Ctrl-C
PLAIN_PROGRESS_STEPS = 10  # without a terminal, a progress line every tenth of the files

Jobs = Annotated[
    int | None, typer.Option("--jobs", "-j", min=1, help="Processes to use (default: one per core)")
]
MaxMb = Annotated[float, typer.Option("--max-mb", help="Refuse files larger than this many MB")]
MaxPages = Annotated[
    int, typer.Option("--max-pages", min=1, help="Refuse PDFs with more pages than this")
]
Timeout = Annotated[
    float,
    typer.Option(
        "--timeout", min=0, help="Give up on a file after this many seconds (0: no limit)"
    ),
]


def register(app: typer.Typer) -> None:
    app.command(name="audit")(audit_command)
    app.command(name="sample")(sample_command)


def audit_command(
    inputs: Annotated[list[Path], typer.Argument(help="Folders (searched recursively) or plans")],
    out: Annotated[Path, typer.Option("--out", "-o", help="Folder for the audit's reports")],
    jobs: Jobs = None,
    max_mb: MaxMb = 50.0,
    max_pages: MaxPages = DEFAULT_MAX_PAGES,
    timeout: Timeout = DEFAULT_TIMEOUT_SECONDS,
    config_file: ConfigFile = None,
    previous: Annotated[
        list[Path] | None,
        typer.Option("--previous", help="An earlier audit's --out folder (repeat, oldest first)"),
    ] = None,
    redact: RedactOption = False,
) -> None:
    """Check every plan in folders in parallel and write ranked.csv, findings.csv, errors.csv,
    reports.jsonl, plans/*.html and dashboard.html. Exit 0: no findings; 1: findings; 13: some
    files could not be checked (listed on stderr and in errors.csv)."""
    if out.exists() and not out.is_dir():
        _usage_error(f"{out} is a file; --out needs a folder")
    earlier = [_load_round(folder) for folder in previous or []]
    options = _check_options(max_mb, max_pages, timeout, config_file)
    files = _plan_files(inputs)
    started = time.monotonic()
    results = _check_with_progress(files, jobs, options)
    seconds = time.monotonic() - started
    if redact:
        from ehcp_lint.cli import redact_results

        results = redact_results(results)
    cohort = _write_audit_folder(results, out, earlier)
    _print_audit_summary(cohort, out, jobs, seconds)
    raise typer.Exit(_audit_exit_code(results))


def sample_command(
    inputs: Annotated[list[Path], typer.Argument(help="Folders (searched recursively) or plans")],
    out: Annotated[Path, typer.Option("--out", "-o", help="Sample list to write (CSV)")],
    random_size: Annotated[
        int | None, typer.Option("--random", min=1, help="Draw this many plans at random")
    ] = None,
    theme: Annotated[
        str | None,
        typer.Option(help="voice, smart, provision, pfa, compliance, consistency, accessibility"),
    ] = None,
    size: Annotated[int, typer.Option("--size", "-n", min=1, help="Plans in a themed sample")] = 10,
    seed: Annotated[int, typer.Option(help="Same seed and folder, same sample")] = 0,
    jobs: Jobs = None,
    max_mb: MaxMb = 50.0,
    max_pages: MaxPages = DEFAULT_MAX_PAGES,
    timeout: Timeout = DEFAULT_TIMEOUT_SECONDS,
    config_file: ConfigFile = None,
) -> None:
    """Draw a sample of plans for auditors: --random N (a dip sample) or --theme T (plans
    flagged for the theme first, worst first). Writes path,sha256,reason to --out."""
    from ehcp_lint.cohort import failed_file
    from ehcp_lint.sampling import render_sample_csv, themes

    if (random_size is None) == (theme is None):
        _usage_error("give exactly one of --random N or --theme THEME")
    if theme is not None and theme not in themes():
        _usage_error(f"no theme {theme!r}; themes: {', '.join(themes())}")
    files = _plan_files(inputs)
    if theme is None:
        entries, failed = _random_entries(files, random_size or 0, seed)
    else:
        options = _check_options(max_mb, max_pages, timeout, config_file)
        results = _check_with_progress(files, jobs, options)
        entries, failed = _themed_entries(results, theme, size, seed)
    write_atomic(out, render_sample_csv(entries))
    _print_failures([failed_file(error) for error in failed])
    print(f"Wrote {len(entries)} plans to {out}")
    for entry in entries:
        print(f"  {entry.path}  ({entry.reason})")
    raise typer.Exit(EXIT_SOME_NOT_CHECKED if failed else 0)


def _random_entries(
    files: list[Path], size: int, seed: int
) -> tuple[list[SampleEntry], list[EhcpLintError]]:
    """The drawn entries, and the files that could not even be read (to hash them)."""
    from ehcp_lint.sampling import file_sha256, random_sample

    hashed: list[tuple[Path, str]] = []
    failed: list[EhcpLintError] = []
    for path in files:
        try:
            hashed.append((path, file_sha256(path)))
        except OSError:
            failed.append(FileNotFound(path, "could not be read"))
    return random_sample(hashed, size, seed), failed


def _themed_entries(
    results: list[Result], theme: str, size: int, seed: int
) -> tuple[list[SampleEntry], list[EhcpLintError]]:
    """The themed sample of the plans checked, and the files that could not be checked."""
    from ehcp_lint.report import PlanReport
    from ehcp_lint.sampling import themed_sample

    reports = [r for r in results if isinstance(r, PlanReport)]
    failed = [r for r in results if isinstance(r, EhcpLintError)]
    return themed_sample(reports, theme, size, seed), failed


def _usage_error(message: str, exit_code: int = EXIT_USAGE) -> NoReturn:
    Console(stderr=True, highlight=False).print(f"error: {message}", soft_wrap=True, markup=False)
    raise typer.Exit(exit_code)


def _plan_files(inputs: Sequence[Path]) -> list[Path]:
    from ehcp_lint.batch import find_plans

    files = find_plans(inputs)
    if not files:
        message = "no plan files (.docx, .pdf, .txt, .md) found; check the folder"
        _usage_error(message, FileNotFound.exit_code)
    return files


def _load_round(folder: Path) -> AuditRound:
    from ehcp_lint.cohort import AuditRound
    from ehcp_lint.render.audit_files import read_jsonl_reports

    path = folder / "reports.jsonl"
    try:
        reports = read_jsonl_reports(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError):
        _usage_error(f"{folder}: no readable reports.jsonl; give the --out folder of an audit")
    return AuditRound(label=folder.name, reports=reports)


def _check_options(
    max_mb: float, max_pages: int, timeout: float, config_file: Path | None
) -> CheckOptions:
    """The same limits and LA settings as `ehcp-lint check` (a bad settings file: one line)."""
    from ehcp_lint.batch import CheckOptions
    from ehcp_lint.cli import cli_settings

    return CheckOptions(
        max_bytes=int(max_mb * 1024 * 1024),
        max_pages=max_pages,
        timeout=timeout or None,
        config=cli_settings(config_file),
    )


def _check_with_progress(
    files: list[Path], jobs: int | None, options: CheckOptions
) -> list[Result]:
    """Every result, sorted by path (whatever order the workers finished in). Ctrl-C stops the
    workers and exits 130 with nothing written."""
    from ehcp_lint.batch import audit

    stream = audit(
        files,
        jobs=jobs,
        max_bytes=options.max_bytes,
        max_pages=options.max_pages,
        timeout=options.timeout,
        config=options.config,
    )
    console = Console(stderr=True, highlight=False)
    tick = _terminal_progress(console, len(files)) if console.is_terminal else None
    results: list[Result] = []
    try:
        for result in stream:
            results.append(result)
            if tick is not None:
                tick(results)
            else:
                _plain_progress(console, results, len(files))
    except KeyboardInterrupt:
        stream.close()
        console.print("interrupted: nothing was written")
        raise typer.Exit(EXIT_INTERRUPTED) from None
    finally:
        if tick is not None:
            tick(None)
    return sorted(results, key=_result_path)


def _terminal_progress(console: Console, total: int) -> Callable[[list[Result] | None], None]:
    """A rich progress bar; call with the results so far, then with None to finish."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

    progress = Progress(
        "[progress.description]{task.description}",
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=console,
        transient=False,
    )
    task = progress.add_task("Checking plans", total=total)
    progress.start()

    def tick(results: list[Result] | None) -> None:
        if results is None:
            progress.stop()
            return
        failed = sum(isinstance(r, EhcpLintError) for r in results)
        note = f" ({failed} could not be checked)" if failed else ""
        progress.update(task, completed=len(results), description=f"Checking plans{note}")

    return tick


def _plain_progress(console: Console, results: list[Result], total: int) -> None:
    step = max(1, total // PLAIN_PROGRESS_STEPS)
    if len(results) % step == 0 or len(results) == total:
        failed = sum(isinstance(r, EhcpLintError) for r in results)
        note = f" ({failed} could not be checked)" if failed else ""
        console.print(f"checked {len(results)}/{total}{note}", soft_wrap=True)


def _result_path(result: Result) -> str:
    return result.path if isinstance(result, EhcpLintError) else result.source.path


def _write_audit_folder(results: list[Result], out: Path, earlier: list[AuditRound]) -> Cohort:
    """Write every file of the audit folder; returns the cohort the dashboard shows."""
    from ehcp_lint.cohort import build_cohort
    from ehcp_lint.render.audit_files import render_errors_csv, render_jsonl, render_ranked_csv
    from ehcp_lint.render.csv_report import render_csv
    from ehcp_lint.render.dashboard import render_dashboard
    from ehcp_lint.render.html import render_html
    from ehcp_lint.report import PlanReport

    reports = [r for r in results if isinstance(r, PlanReport)]
    errors = [r for r in results if isinstance(r, EhcpLintError)]
    cohort = build_cohort(reports, errors, earlier)
    pages = {plan.path: plan.page for plan in cohort.plans}
    for report in reports:
        write_atomic(out / pages[report.source.path], render_html(report))
    write_atomic(out / "ranked.csv", render_ranked_csv(cohort.plans))
    write_atomic(out / "findings.csv", render_csv(results))
    write_atomic(out / "errors.csv", render_errors_csv(cohort.failed))
    write_atomic(out / "reports.jsonl", render_jsonl(results))
    write_atomic(out / "dashboard.html", render_dashboard(cohort))
    return cohort


def _print_audit_summary(cohort: Cohort, out: Path, jobs: int | None, seconds: float) -> None:
    from ehcp_lint.batch import default_jobs

    files = cohort.checked + len(cohort.failed)
    workers = min(jobs or default_jobs(), files)
    print(
        f"Checked {cohort.checked} of {files} files in {seconds:.1f} s with {workers} "
        f"job{'s' if workers != 1 else ''} ({files / max(seconds, 1e-9):.1f} files/s)."
    )
    grades = ", ".join(f"{n} {g.replace('_', ' ')}" for g, n in cohort.grades.items())
    print(f"Grades: {grades}.")
    _print_failures(cohort.failed)
    print(
        f"Wrote {out}/: dashboard.html, ranked.csv (worst first), findings.csv, errors.csv, "
        f"reports.jsonl, plans/ ({cohort.checked} pages)"
    )


def _print_failures(failed: Sequence[FailedFile]) -> None:
    """One line each on stderr: the error's message, its kind and its own exit code."""
    if not failed:
        return
    console = Console(stderr=True, highlight=False, soft_wrap=True)
    console.print(f"{len(failed)} file{'s' if len(failed) != 1 else ''} could not be checked:")
    for item in failed:
        console.print(f"  {item.message} [{item.kind}, exit code {item.exit_code}]", markup=False)


def _audit_exit_code(results: list[Result]) -> int:
    from ehcp_lint.cli import exit_code_for  # 1 when any plan has error/warning findings, else 0

    if any(isinstance(r, EhcpLintError) for r in results):
        return EXIT_SOME_NOT_CHECKED
    return exit_code_for(results)
