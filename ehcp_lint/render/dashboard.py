"""The cohort dashboard of an audit: one self-contained HTML page (inline SVG charts, each with
a table of the same numbers beside it; no scripts, no network), readable offline."""

from __future__ import annotations

from markupsafe import Markup

from ehcp_lint import __version__
from ehcp_lint.cohort import Cohort, audit_settings
from ehcp_lint.render.charts import Bar, Point, bar_chart, line_chart
from ehcp_lint.render.html import jinja_environment

# Dark enough for white text and 3:1 against the white page (same as the one-plan report).
GRADE_COLOURS = {
    "outstanding": "#00703c",
    "good": "#2f6b3a",
    "requires_improvement": "#6b4700",
    "inadequate": "#a11d1d",
}


def render_dashboard(cohort: Cohort) -> str:
    return (
        jinja_environment()
        .get_template("dashboard.html.j2")
        .render(
            cohort=cohort,
            charts=_charts(cohort),
            weak_grades=audit_settings()["weak_grades"],
            bars={
                "smart": audit_settings()["smart_share"],
                "specific": audit_settings()["specific_share"],
            },
            version=__version__,
            percent=_percent,
        )
    )


def _percent(part: int, whole: int) -> str:
    return f"{100 * part / whole:.0f}%" if whole else "-"


def _charts(cohort: Cohort) -> dict[str, Markup]:
    charts = {
        "grades": _grade_chart(cohort),
        "rules": _rule_chart(cohort),
        "sections": _section_chart(cohort),
        "indicators": _indicator_chart(cohort),
    }
    if cohort.trend:
        charts["trend"] = _trend_chart(cohort)
    return charts


def _grade_chart(cohort: Cohort) -> Markup:
    bars = [
        Bar(
            label=grade.replace("_", " ").capitalize(),
            value=count,
            shown=f"{count} ({_percent(count, cohort.checked)})",
            colour=GRADE_COLOURS[grade],
        )
        for grade, count in cohort.grades.items()
    ]
    return bar_chart(
        "chart-grades",
        "Pre-audit grades of the plans checked",
        bars,
        value_axis="Number of plans",
        category_axis="Grade",
    )


def _rule_chart(cohort: Cohort) -> Markup:
    bars = [
        Bar(
            label=f"{rule.rule} {rule.name}",
            value=rule.plans,
            shown=f"{rule.plans} ({_percent(rule.plans, cohort.checked)})",
        )
        for rule in cohort.rules
    ]
    return bar_chart(
        "chart-rules",
        "Most frequent findings: plans with at least one finding of each rule",
        bars,
        value_axis="Number of plans",
        category_axis="Rule",
        max_value=cohort.checked or None,
    )


def _section_chart(cohort: Cohort) -> Markup:
    bars = [
        Bar(
            label=f"{weak.section.value} {weak.title}",
            value=weak.weak,
            shown=f"{weak.weak} ({_percent(weak.weak, cohort.checked)})",
        )
        for weak in cohort.sections
    ]
    return bar_chart(
        "chart-sections",
        "Sections most often weak: plans grading the section inadequate or requires improvement",
        bars,
        value_axis="Number of plans",
        category_axis="Section",
        max_value=cohort.checked or None,
    )


def _indicator_chart(cohort: Cohort) -> Markup:
    bars = [
        Bar(
            label=indicator.name,
            value=round(100 * indicator.share, 1),
            shown=f"{_percent(indicator.plans_with, indicator.plans_assessed)} "
            f"({indicator.plans_with} of {indicator.plans_assessed})",
        )
        for indicator in cohort.indicators
    ]
    return bar_chart(
        "chart-indicators",
        "Share of plans with the child's voice, SMART outcomes and specific provision",
        bars,
        value_axis="Percentage of plans assessed",
        category_axis="Indicator",
        max_value=100,
    )


def _trend_chart(cohort: Cohort) -> Markup:
    by = "school term of the plan date" if cohort.trend_by == "term" else "audit round"
    points = [
        Point(label=point.label, value=point.mean_score, shown=f"{point.mean_score:.0f}")
        for point in cohort.trend
    ]
    return line_chart(
        "chart-trend",
        f"Mean pre-audit score by {by}",
        points,
        value_axis="Mean score (0-100)",
        category_axis=by.capitalize(),
    )
