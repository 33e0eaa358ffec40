"""The cohort dashboard: numbers that add up, charts with text alternatives and tables beside
them, self-contained and accessible, the same page whatever order plans finished in, and a page
that a real browser (headless Chromium) renders with its charts and tables."""

from __future__ import annotations

import random
import shutil
import subprocess
from collections import Counter
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ehcp_lint.cli import app
from ehcp_lint.cohort import THIS_AUDIT, AuditRound, build_cohort, school_term
from ehcp_lint.errors import EhcpLintError
from ehcp_lint.pipeline import check_many
from ehcp_lint.render import charts
from ehcp_lint.render.charts import Bar, bar_chart
from ehcp_lint.render.dashboard import GRADE_COLOURS, render_dashboard
from ehcp_lint.report import PlanReport
from tests.audit_corpus import make_audit_corpus

CHARTS = ("chart-grades", "chart-rules", "chart-sections", "chart-indicators", "chart-trend")


class Elements(HTMLParser):
    """Tags, their attributes and the text inside <title> elements, from an HTML page."""

    def __init__(self, page: str) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.titles: list[str] = []
        self._in_title = False
        self.feed(page)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self._in_title = tag == "title"

    def handle_endtag(self, tag: str) -> None:
        self._in_title = False

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.titles.append(data)

    def count(self, tag: str) -> int:
        return sum(1 for name, _ in self.tags if name == tag)


@pytest.fixture(scope="module")
def results(tmp_path_factory: pytest.TempPathFactory) -> list[PlanReport | EhcpLintError]:
    corpus = make_audit_corpus(tmp_path_factory.mktemp("plans"))
    from ehcp_lint.batch import find_plans

    return list(check_many(find_plans([corpus.folder])))


def _reports(results: list) -> list[PlanReport]:
    return [r for r in results if isinstance(r, PlanReport)]


def _errors(results: list) -> list[EhcpLintError]:
    return [r for r in results if isinstance(r, EhcpLintError)]


def test_cohort_counts_add_up(results: list) -> None:
    reports = _reports(results)
    cohort = build_cohort(reports, _errors(results))
    assert cohort.checked == len(reports) == 8 and len(cohort.failed) == 2
    assert sum(cohort.grades.values()) == 8
    assert list(cohort.grades) == ["inadequate", "requires_improvement", "good", "outstanding"]
    plans_with = Counter(rule for r in reports for rule in {f.rule for f in r.findings})
    assert cohort.rules, "the generated plans have findings"
    for rule in cohort.rules:
        assert rule.plans == plans_with[rule.rule] and rule.name and rule.findings >= rule.plans
    assert [r.plans for r in cohort.rules] == sorted((r.plans for r in cohort.rules), reverse=True)
    assert {w.section.value for w in cohort.sections} == {s.id.value for s in reports[0].sections}
    voice = next(i for i in cohort.indicators if i.name == "Child's voice")
    assert voice.plans_with == sum(bool(r.voice and r.voice.child_voice_present) for r in reports)
    assert [p.path for p in cohort.plans] != sorted(p.path for p in cohort.plans)  # ranked


@pytest.mark.parametrize(
    ("day", "label"),
    [
        (date(2025, 9, 1), "Autumn 2025"),
        (date(2025, 12, 31), "Autumn 2025"),
        (date(2026, 1, 5), "Spring 2026"),
        (date(2026, 4, 20), "Summer 2026"),
        (date(2026, 8, 31), "Summer 2026"),
    ],
)
def test_plan_dates_fall_into_english_school_terms(day: date, label: str) -> None:
    assert school_term(day)[2] == label


def test_trend_by_term_is_in_date_order_and_by_round_when_rounds_are_given(results: list) -> None:
    reports = _reports(results)
    by_term = build_cohort(reports)
    assert by_term.trend_by == "term" and len(by_term.trend) >= 2
    assert [p.label for p in by_term.trend] == [
        label for _y, _n, label in sorted({school_term(r.metadata.plan_date) for r in reports})
    ]
    assert sum(p.plans for p in by_term.trend) == sum(bool(r.metadata.plan_date) for r in reports)
    rounds = [AuditRound(label="autumn dip", reports=reports[:4])]
    by_round = build_cohort(reports, earlier_rounds=rounds)
    assert by_round.trend_by == "round"
    assert [(p.label, p.plans) for p in by_round.trend] == [("autumn dip", 4), (THIS_AUDIT, 8)]


def test_dashboard_is_self_contained_with_titled_charts_and_tables(results: list) -> None:
    page = render_dashboard(build_cohort(_reports(results), _errors(results)))
    elements = Elements(page)
    svgs = [attrs for tag, attrs in elements.tags if tag == "svg"]
    assert sorted(s["aria-labelledby"].split()[0] for s in svgs) == sorted(
        f"{c}-title" for c in CHARTS
    )
    assert all(s["role"] == "img" for s in svgs)
    assert elements.count("desc") == len(CHARTS)
    assert "Pre-audit grades of the plans checked" in elements.titles
    assert elements.count("table") == 7 and elements.count("caption") == 7
    assert elements.count("h1") == 1 and elements.count("h2") >= 7
    assert '<html lang="en-GB">' in page and 'class="skip" href="#main"' in page
    for forbidden in ("<script", "<link", "<img", "http://", "https://", "@import", "url("):
        assert forbidden not in page.replace("http://www.w3.org/2000/svg", "")
    scrolling = [attrs for tag, attrs in elements.tags if attrs.get("class") == "scroll"]
    assert scrolling and all(a["tabindex"] == "0" and a["aria-label"] for a in scrolling)
    links = [attrs["href"] for tag, attrs in elements.tags if tag == "a"]
    assert sum(href.startswith("plans/") for href in links) == 8


def test_dashboard_is_the_same_whatever_order_plans_finished_in(results: list) -> None:
    shuffled = list(results)
    random.Random(5).shuffle(shuffled)
    first = render_dashboard(build_cohort(_reports(results), _errors(results)))
    again = render_dashboard(build_cohort(_reports(shuffled), _errors(shuffled)))
    assert first == again


def test_chart_labels_are_escaped_and_every_value_is_in_the_description() -> None:
    svg = bar_chart(
        "c",
        "A <b>title</b>",
        [Bar(label="<script>x</script>", value=3), Bar(label="B", value=0)],
        value_axis="n",
        category_axis="k",
    )
    assert "<script>" not in svg and "&lt;script&gt;" in svg
    assert "A &lt;b&gt;title&lt;/b&gt;" in svg
    assert "&lt;script&gt;x&lt;/script&gt;: 3; B: 0</desc>" in svg


def _luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def _contrast_on_white(colour: str) -> float:
    return 1.05 / (_luminance(colour) + 0.05)


def test_chart_and_grade_colours_meet_wcag_aa_on_white() -> None:
    for text_colour in (charts.INK, charts.MUTED, *GRADE_COLOURS.values()):
        assert _contrast_on_white(text_colour) >= 4.5, text_colour  # text (grades in tables)
    for shape_colour in (charts.BAR, charts.GRID):
        assert _contrast_on_white(shape_colour) >= (3.0 if shape_colour == charts.BAR else 1.5)


def test_audit_with_an_earlier_round_shows_the_trend_by_round(
    results: list, tmp_path: Path
) -> None:
    plans = sorted(r.source.path for r in _reports(results))
    runner = CliRunner()
    first, second = tmp_path / "round-1", tmp_path / "round-2"
    assert runner.invoke(app, ["audit", *plans[:3], "--out", str(first), "-j", "1"]).exit_code == 1
    result = runner.invoke(
        app, ["audit", *plans[3:6], "--out", str(second), "-j", "1", "--previous", str(first)]
    )
    assert result.exit_code == 1, result.stderr
    page = (second / "dashboard.html").read_text(encoding="utf-8")
    assert "Mean pre-audit score by audit round" in page
    assert '<th scope="row">round-1</th>' in page and f'<th scope="row">{THIS_AUDIT}</th>' in page


def _chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.mark.skipif(
    _chromium() is None,
    reason="headless Chromium is not installed (Debian: apt-get install chromium; .ci/run does)",
)
def test_dashboard_renders_in_headless_chromium_with_charts_and_tables(
    results: list, tmp_path: Path
) -> None:
    page = tmp_path / "dashboard.html"
    page.write_text(render_dashboard(build_cohort(_reports(results), _errors(results))), "utf-8")
    command = [
        str(_chromium()),
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        f"--user-data-dir={tmp_path / 'profile'}",
        "--dump-dom",
        page.as_uri(),
    ]
    dom = subprocess.run(command, capture_output=True, text=True, timeout=60, check=True).stdout
    elements = Elements(dom)
    assert elements.count("svg") == len(CHARTS) and elements.count("table") == 7
    assert elements.count("rect") >= 4 + 12  # grade bars and section bars at least
    assert "Pre-audit grades of the plans checked" in elements.titles
    assert "Grade distribution" in dom and "Plans, worst first" in dom
