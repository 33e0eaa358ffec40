"""A self-contained HTML report for one plan: no scripts, no network, readable offline."""

from __future__ import annotations

from functools import cache
from pathlib import PurePath
from typing import TYPE_CHECKING

from markupsafe import Markup

from ehcp_lint.render import grouped_findings, score_text
from ehcp_lint.report import PlanReport

if TYPE_CHECKING:
    from jinja2 import Environment

SMART_ELEMENTS = ("specific", "measurable", "achievable", "relevant", "time_bound")
PROVISION_ELEMENTS = ("what", "who", "frequency", "duration", "group_size")


def _label(value: str) -> str:
    return value.replace("_", " ").capitalize()


def _tick(value: bool) -> Markup:
    if value:
        return Markup('<span class="yes">yes</span>')
    return Markup('<span class="no">no</span>')


@cache
def jinja_environment() -> Environment:
    from jinja2 import Environment, PackageLoader, select_autoescape

    env = Environment(
        loader=PackageLoader("ehcp_lint.render", "templates"),
        autoescape=select_autoescape(["html", "j2"]),
        keep_trailing_newline=True,
    )
    env.filters["label"] = _label
    env.filters["score"] = score_text
    env.filters["basename"] = lambda path: PurePath(path).name
    return env


def render_html(report: PlanReport) -> str:
    template = jinja_environment().get_template("report.html.j2")
    return template.render(
        report=report,
        groups=grouped_findings(report.findings),
        smart_elements=SMART_ELEMENTS,
        provision_elements=PROVISION_ELEMENTS,
        tick=_tick,
    )
