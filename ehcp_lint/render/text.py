"""A terminal report a plan writer can act on: sections found, then findings by section.

Colour when printing to a terminal, plain text when piped (rich decides from the console).
"""

from __future__ import annotations

from collections import Counter

from rich.console import Console, Group
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from ehcp_lint.errors import EhcpLintError
from ehcp_lint.plan import SectionId
from ehcp_lint.render import grouped_findings, score_text
from ehcp_lint.report import Finding, GradeDriver, PlanReport, Severity
from ehcp_lint.section_names import SECTION_TITLES

SEVERITY_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}
GRADE_STYLE = {
    "outstanding": "bold green",
    "good": "green",
    "requires_improvement": "yellow",
    "inadequate": "bold red",
}


def print_report(report: PlanReport, console: Console) -> None:
    console.print(_title(report))
    console.print(_sections_table(report))
    console.print(_findings(report))
    console.print(_summary(report))
    console.print()


def print_error(error: EhcpLintError, console: Console) -> None:
    console.print(Text(f"error: {error.message}", style="bold red"), soft_wrap=True)


def _title(report: PlanReport) -> Text:
    meta = report.metadata
    facts = [f"{report.source.format}", f"{sum(s.word_count for s in report.sections):,} words"]
    if meta.child_name:
        facts.append(meta.child_name)
    if meta.year_group is not None:
        facts.append(_year_label(meta.year_group))
    if meta.plan_date:
        facts.append(f"plan dated {meta.plan_date:%d %B %Y}")
    title = Text(report.source.path, style="bold")
    title.append("  (" + ", ".join(facts) + ")", style="dim")
    return title


def _year_label(year_group: int) -> str:
    return {-1: "Nursery", 0: "Reception"}.get(year_group, f"Year {year_group}")


def _sections_table(report: PlanReport) -> Table:
    table = Table(title="Sections", title_justify="left", show_edge=False, pad_edge=False)
    table.add_column("", no_wrap=True)
    table.add_column("")
    table.add_column("heading found", overflow="fold")
    table.add_column("where", no_wrap=True)
    table.add_column("words", justify="right")
    table.add_column("score", justify="right")
    for section in report.sections:
        mark = Text("ok", style="green") if section.present else Text("MISSING", style="red")
        heading = escape(section.heading) if section.heading else f"[dim]{_title_of(section.id)}"
        where = section.location.describe() if section.location else ""
        words = str(section.word_count) if section.present else ""
        table.add_row(
            section.id.value, mark, heading, where, words, _section_score(report, section.id)
        )
    return table


def _section_score(report: PlanReport, section_id: SectionId) -> Text:
    if report.score is None:
        return Text("")
    result = report.score.sections[section_id]
    return Text(score_text(result.score), style=GRADE_STYLE[result.grade])


def _title_of(section_id: SectionId) -> str:
    return SECTION_TITLES[section_id]


def _findings(report: PlanReport) -> Group | Text:
    if not report.findings:
        return Text("\nNo findings.", style="green")
    parts: list[Text | Table] = [Text("\nFindings", style="bold")]
    for section_label, findings in grouped_findings(report.findings):
        parts.append(Text(f"\n{section_label}", style="bold underline"))
        parts.append(_findings_table(findings))
    return Group(*parts)


def _findings_table(findings: list[Finding]) -> Table:
    """Severity and rule in a narrow column, the rest wrapping in its own column beside them."""
    table = Table.grid(padding=(0, 1), pad_edge=True)
    table.add_column(no_wrap=True, min_width=8)
    table.add_column(no_wrap=True)
    table.add_column(overflow="fold")
    for finding in findings:
        table.add_row(
            Text(finding.severity.value, style=SEVERITY_STYLE[finding.severity]),
            Text(finding.rule, style="bold"),
            _finding_body(finding),
        )
    return table


def _finding_body(finding: Finding) -> Text:
    text = Text(finding.message)
    if finding.evidence:
        text.append(f'\n"{finding.evidence}"', style="italic")
        if finding.location:
            text.append(f"  ({finding.location.describe()})", style="dim")
    if finding.suggestion:
        text.append(f"\nfix: {finding.suggestion}", style="green")
    return text


def _driver_text(driver: GradeDriver) -> str:
    times = f" x{driver.count}" if driver.count > 1 else ""
    return f"{driver.rule}{times} in {driver.section} (-{driver.points:.1f})"


def _summary(report: PlanReport) -> Text:
    counts = Counter(finding.severity for finding in report.findings)
    present = sum(section.present for section in report.sections)
    summary = Text(f"\n{present}/12 sections found; ")
    summary.append(
        ", ".join(
            f"{counts.get(s, 0)} {s.value}{'s' if counts.get(s, 0) != 1 else ''}" for s in Severity
        )
    )
    score = report.score
    if score is None:
        return summary
    summary.append("\nPre-audit grade: ")
    summary.append(score.grade.replace("_", " "), style=GRADE_STYLE[score.grade])
    summary.append(f" ({score_text(score.overall)}/100)")
    if score.caps:
        summary.append(" - capped by: " + ", ".join(c.replace("_", " ") for c in score.caps))
    if score.drivers:
        summary.append("\nWhat cost most: ")
        summary.append("; ".join(_driver_text(d) for d in score.drivers))
    summary.append(
        "\nThis is a pre-audit score for an auditor to moderate, not a final judgement.",
        style="dim",
    )
    return summary
