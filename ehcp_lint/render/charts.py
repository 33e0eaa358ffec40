"""Charts as inline SVG strings: no scripts, no fonts or files to fetch, readable offline.

Each chart is an `<svg role="img">` named by its <title> and described by a <desc> that lists
every value, so a screen reader gets the numbers, not a picture; the dashboard shows the same
numbers in a table beside it. Colours meet WCAG AA against white (text 4.5:1, bars 3:1).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from markupsafe import Markup, escape
from pydantic import BaseModel

INK = "#1b1b1b"
MUTED = "#505a5f"
GRID = "#b1b4b6"
BAR = "#1d4f91"
FONT = "font-family='Arial, Helvetica, sans-serif'"
WIDTH = 680
ROW = 30
CHAR_WIDTH = 7.0  # average width of a 13px Arial character, to size the label column
PLOT_TOP = 12
LABEL_MAX = 300.0  # widest label column; longer labels are shortened (in full in the <desc>)


class Bar(BaseModel):
    label: str
    value: float
    shown: str = ""  # the value as printed beside the bar, e.g. "12 (40%)"
    colour: str = BAR


class Point(BaseModel):
    label: str
    value: float
    shown: str = ""


def bar_chart(
    chart_id: str,
    title: str,
    bars: Sequence[Bar],
    *,
    value_axis: str,
    category_axis: str,
    max_value: float | None = None,
) -> Markup:
    """Horizontal bars, one per category, largest scale first; values printed at bar ends."""
    label_width = min(LABEL_MAX, 16 + CHAR_WIDTH * max((len(b.label) for b in bars), default=4))
    shown_width = CHAR_WIDTH * max((len(b.shown or _number(b.value)) for b in bars), default=4)
    plot_left, plot_right = label_width + 24, WIDTH - shown_width - 16
    top = max_value or max((b.value for b in bars), default=0) or 1
    height = PLOT_TOP + ROW * len(bars) + 56
    plot_bottom = PLOT_TOP + ROW * len(bars)

    def x(value: float) -> float:
        return plot_left + (plot_right - plot_left) * value / top

    parts = [_open(chart_id, title, bars, height)]
    parts += _value_grid(top, x, plot_bottom)
    for i, bar in enumerate(bars):
        y = PLOT_TOP + i * ROW
        parts.append(
            f"<text x='{plot_left - 8:.1f}' y='{y + 19}' text-anchor='end' font-size='13' "
            f"fill='{INK}' {FONT}>{escape(_fit(bar.label, label_width))}</text>"
            f"<rect x='{plot_left:.1f}' y='{y + 5}' width='{max(x(bar.value) - plot_left, 0):.1f}'"
            f" height='{ROW - 10}' fill='{bar.colour}'/>"
            f"<text x='{x(bar.value) + 6:.1f}' y='{y + 19}' font-size='13' fill='{INK}' {FONT}>"
            f"{escape(bar.shown or _number(bar.value))}</text>"
        )
    parts.append(_axis_titles(value_axis, category_axis, plot_left, plot_right, plot_bottom))
    parts.append("</svg>")
    return Markup("".join(parts))


def line_chart(
    chart_id: str,
    title: str,
    points: Sequence[Point],
    *,
    value_axis: str,
    category_axis: str,
    max_value: float = 100.0,
) -> Markup:
    """Values over ordered categories (terms, audit rounds), joined by a line, each marked."""
    plot_left, plot_right, plot_top, plot_bottom = 64.0, WIDTH - 24.0, 20.0, 220.0
    step = (plot_right - plot_left) / max(len(points), 1)

    def xy(i: int, value: float) -> tuple[float, float]:
        return plot_left + step * (i + 0.5), plot_bottom - (
            plot_bottom - plot_top
        ) * value / max_value

    parts = [_open(chart_id, title, points, plot_bottom + 64)]
    for tick in _ticks(max_value):
        _x, y = xy(0, tick)
        parts.append(
            f"<line x1='{plot_left}' x2='{plot_right}' y1='{y:.1f}' y2='{y:.1f}' stroke='{GRID}'/>"
            f"<text x='{plot_left - 6}' y='{y + 4:.1f}' text-anchor='end' font-size='12' "
            f"fill='{MUTED}' {FONT}>{_number(tick)}</text>"
        )
    coords = [xy(i, p.value) for i, p in enumerate(points)]
    path = " ".join(f"{x:.1f},{y:.1f}" for x, y in coords)
    parts.append(f"<polyline points='{path}' fill='none' stroke='{BAR}' stroke-width='3'/>")
    for (x, y), point in zip(coords, points, strict=True):
        parts.append(
            f"<circle cx='{x:.1f}' cy='{y:.1f}' r='5' fill='{BAR}'/>"
            f"<text x='{x:.1f}' y='{y - 10:.1f}' text-anchor='middle' font-size='13' "
            f"fill='{INK}' {FONT}>{escape(point.shown or _number(point.value))}</text>"
            f"<text x='{x:.1f}' y='{plot_bottom + 20}' text-anchor='middle' font-size='13' "
            f"fill='{INK}' {FONT}>{escape(point.label)}</text>"
        )
    parts.append(
        f"<text x='{(plot_left + plot_right) / 2:.1f}' y='{plot_bottom + 48}' text-anchor='middle'"
        f" font-size='13' fill='{MUTED}' {FONT}>{escape(category_axis)}</text>"
        f"<text transform='translate(16 {(plot_top + plot_bottom) / 2:.1f}) rotate(-90)' "
        f"text-anchor='middle' font-size='13' fill='{MUTED}' {FONT}>{escape(value_axis)}</text>"
        "</svg>"
    )
    return Markup("".join(parts))


def _open(chart_id: str, title: str, items: Sequence[Bar] | Sequence[Point], height: float) -> str:
    """The <svg> element with its accessible name (title) and description (every value)."""
    description = "; ".join(f"{item.label}: {item.shown or _number(item.value)}" for item in items)
    return (
        f"<svg xmlns='http://www.w3.org/2000/svg' role='img' width='{WIDTH}' height='{height:.0f}'"
        f" viewBox='0 0 {WIDTH} {height:.0f}' aria-labelledby='{chart_id}-title {chart_id}-desc'"
        f" class='chart'><title id='{chart_id}-title'>{escape(title)}</title>"
        f"<desc id='{chart_id}-desc'>{escape(description or 'No data')}</desc>"
    )


def _value_grid(top: float, x: Callable[[float], float], plot_bottom: float) -> list[str]:
    return [
        f"<line x1='{x(tick):.1f}' x2='{x(tick):.1f}' y1='{PLOT_TOP}' y2='{plot_bottom}' "
        f"stroke='{GRID}'/><text x='{x(tick):.1f}' y='{plot_bottom + 18}' text-anchor='middle' "
        f"font-size='12' fill='{MUTED}' {FONT}>{_number(tick)}</text>"
        for tick in _ticks(top)
    ]


def _axis_titles(
    value_axis: str, category_axis: str, left: float, right: float, bottom: float
) -> str:
    return (
        f"<text x='{(left + right) / 2:.1f}' y='{bottom + 44}' text-anchor='middle' "
        f"font-size='13' fill='{MUTED}' {FONT}>{escape(value_axis)}</text>"
        f"<text x='4' y='{bottom + 44}' font-size='13' fill='{MUTED}' {FONT}>"
        f"{escape(category_axis)}</text>"
    )


def _fit(label: str, width: float) -> str:
    fits = int((width - 16) / CHAR_WIDTH)
    return label if len(label) <= fits else label[: fits - 1].rstrip() + "…"


def _ticks(top: float) -> list[float]:
    """At most about five round gridline values from 0 to `top` (whole numbers: counts)."""
    raw = top / 5
    magnitude = 10 ** len(str(int(raw))) / 10 if raw >= 1 else 1
    step = next(m * magnitude for m in (1, 2, 5, 10) if m * magnitude >= raw)
    count = int(top // step)
    return [step * i for i in range(count + 1)]


def _number(value: float) -> str:
    return f"{value:.0f}" if float(value).is_integer() else f"{value:.1f}"
