"""Charts as inline SVG: numbers in, markup out, for the HTML page and the email's HTML part.

Two kinds, each a plain description (``BarChart``, ``LineChart``) that ``svg`` draws:

- a bar chart: one horizontal bar a row, a label on its left and its numbers in words on its
  right, with an optional target marked as a line across the bar; a bar short of its target
  is drawn in the warning colour. Rows stack, so the chart reads the same at 600 px and at
  full width.
- strips: small multiples, one strip a series on a shared time axis and scale (each
  criterion's scores), with its mean and last value in words on the right;
- a line chart: one or more series over dates (a criterion's scores, the forecast numbers),
  the x axis proportional to time, every point a dot (a single point is a dot, not a line),
  a legend with each series' last value under it.

The SVG has a ``viewBox`` and scales to its container (``width="100%"``, at most its natural
width); every text is escaped and every chart names itself (``role="img"``, ``<title>``) for a
reader that does not see it. No script, no font or image from elsewhere: a page that holds it
stays self-contained. Pure: no file, no clock.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from html import escape
from typing import NamedTuple

from coachlog.render.text import visible

WIDTH = 640  # the natural width of a chart, in the viewBox's units (CSS pixels at 100%)
FONT = 13
INK, MUTED, GRID = "#222", "#666", "#ddd"
GOOD, SHORT, TARGET = "#2f6fb0", "#c0392b", "#111"
# series colours that stay apart for most colour vision, in order (Okabe and Ito's palette)
PALETTE = ("#0072b2", "#e69f00", "#009e73", "#cc79a7", "#d55e00", "#56b4e9", "#000000")


class Bar(NamedTuple):
    label: str
    value: float
    target: float | None = None
    note: str = ""  # the numbers in words, at the bar's end ("95 of 180 min")
    short: bool = False  # drawn in the warning colour


class BarChart(NamedTuple):
    title: str
    bars: tuple[Bar, ...]
    maximum: float | None = None  # the scale's end (100 for a share); else the largest value
    target_label: str = "target"


class Series(NamedTuple):
    name: str
    points: tuple[tuple[date, float], ...]


class LineChart(NamedTuple):
    title: str
    series: tuple[Series, ...]
    low: float | None = None  # a fixed scale (1 to 5 for scores); else from the values
    high: float | None = None
    number: str = "{:g}"  # how a value is written on the axis and in the legend


class StripChart(NamedTuple):
    """Small multiples: one strip a series (a criterion's scores), on one time axis and one
    scale, so series at the same values never hide each other."""

    title: str
    series: tuple[Series, ...]
    low: float
    high: float
    number: str = "{:g}"
    counted: str = "score"  # what a point is, in the count after each strip's numbers


Chart = BarChart | LineChart | StripChart


def _text(value: str) -> str:
    return escape(visible(value))


def _n(value: float) -> str:
    """A coordinate, short."""
    return f"{value:.1f}".rstrip("0").rstrip(".")


def _open(title: str, height: float) -> list[str]:
    label = _text(title)
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {_n(height)}" '
        f'width="100%" style="max-width:{WIDTH}px;height:auto;display:block" role="img" '
        f'aria-label="{label}" font-family="-apple-system,Segoe UI,Helvetica,Arial,sans-serif" '
        f'font-size="{FONT}">',
        f"<title>{label}</title>",
    ]


def svg(chart: Chart) -> str:
    """``chart`` as an ``<svg>`` element."""
    if isinstance(chart, BarChart):
        return bar_svg(chart)
    if isinstance(chart, StripChart):
        return strip_svg(chart)
    return line_svg(chart)


# --- bars -------------------------------------------------------------------------------------

ROW = 30
LABEL_W = 130  # the labels' column
NOTE_W = 170  # the numbers' column, right of the bars
BAR_H = 16


def _nothing(out: list[str], top: float) -> str:
    """A chart with nothing to draw, saying so."""
    out.append(f'<text x="0" y="{_n(top + 18)}" fill="{MUTED}">Nothing to draw.</text></svg>')
    return "".join(out)


def _clip(text: str, chars: int) -> str:
    return text if len(text) <= chars else text[: chars - 1] + "\u2026"


def bar_svg(chart: BarChart) -> str:
    bars = chart.bars
    top = 8
    height = top + ROW * max(len(bars), 1) + 22
    out = _open(chart.title, height)
    if not bars:
        return _nothing(out, top)
    values = [b.value for b in bars] + [b.target for b in bars if b.target is not None]
    scale_end = chart.maximum if chart.maximum is not None else max(max(values), 1)
    area = WIDTH - LABEL_W - NOTE_W

    def x(value: float) -> float:
        return LABEL_W + area * min(max(value, 0), scale_end) / scale_end

    for i, bar in enumerate(bars):
        y = top + i * ROW
        mid = y + ROW / 2
        colour = SHORT if bar.short else GOOD
        out.append(f"<g><title>{_text(f'{bar.label}: {bar.note}')}</title>")
        out.append(
            f'<text x="{LABEL_W - 8}" y="{_n(mid + 4)}" text-anchor="end" fill="{INK}">'
            f"{_text(_clip(bar.label, 16))}</text>"
        )
        out.append(
            f'<rect x="{LABEL_W}" y="{_n(mid - BAR_H / 2)}" width="{_n(area)}" height="{BAR_H}" '
            f'fill="#f1f1f1"/>'
        )
        width = x(bar.value) - LABEL_W
        if width > 0:
            out.append(
                f'<rect x="{LABEL_W}" y="{_n(mid - BAR_H / 2)}" width="{_n(width)}" '
                f'height="{BAR_H}" fill="{colour}"/>'
            )
        if bar.target is not None:
            tx = x(bar.target)
            out.append(
                f'<line x1="{_n(tx)}" x2="{_n(tx)}" y1="{_n(mid - BAR_H / 2 - 4)}" '
                f'y2="{_n(mid + BAR_H / 2 + 4)}" stroke="{TARGET}" stroke-width="2"/>'
            )
        out.append(
            f'<text x="{LABEL_W + area + 8}" y="{_n(mid + 4)}" fill="{INK}">'
            f"{_text(_clip(bar.note, 24))}</text></g>"
        )
    legend_y = top + ROW * len(bars) + 14
    if any(b.target is not None for b in bars):
        out.append(
            f'<line x1="{LABEL_W}" x2="{LABEL_W}" y1="{legend_y - 10}" y2="{legend_y + 2}" '
            f'stroke="{TARGET}" stroke-width="2"/>'
            f'<text x="{LABEL_W + 6}" y="{legend_y}" fill="{MUTED}">{_text(chart.target_label)}'
            f'</text><rect x="{LABEL_W + 120}" y="{legend_y - 10}" width="12" height="12" '
            f'fill="{SHORT}"/><text x="{LABEL_W + 138}" y="{legend_y}" fill="{MUTED}">short of '
            "it</text>"
        )
    out.append("</svg>")
    return "".join(out)


def _trace(
    name: str,
    points: Sequence[tuple[date, float]],
    x: Callable[[date], float],
    y: Callable[[float], float],
    colour: str,
    number: str,
    stroke: float,
    radius: float,
) -> list[str]:
    """One series: its line (with two points or more) and a dot for every point, each with
    its value for a reader that hovers or cannot see."""
    out = []
    if len(points) > 1:
        path = " ".join(f"{_n(x(d))},{_n(y(v))}" for d, v in points)
        out.append(
            f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="{stroke}"/>'
        )
    for d, v in points:
        label = f"{name} {d.isoformat()}: {number.format(v)}"
        out.append(
            f'<circle cx="{_n(x(d))}" cy="{_n(y(v))}" r="{radius}" fill="{colour}">'
            f"<title>{_text(label)}</title></circle>"
        )
    return out


def _time_axis(days: Sequence[date], left: float, right: float) -> Callable[[date], float]:
    """Where a day stands between ``left`` and ``right``, the first of ``days`` at one end and
    the last at the other (one day alone: the middle)."""
    first, last = min(days), max(days)
    span_days = (last - first).days

    def x(day: date) -> float:
        if span_days == 0:
            return (left + right) / 2
        return left + (right - left) * (day - first).days / span_days

    return x


# --- lines ------------------------------------------------------------------------------------

PLOT_TOP, PLOT_H = 12, 170
AXIS_W = 56  # the y axis labels' column
LEGEND_ROW = 20


def _ticks(low: float, high: float) -> list[float]:
    """Round values between ``low`` and ``high`` for the y axis: five or so."""
    span = high - low
    if span <= 0:
        return [low]
    raw = span / 4
    magnitude = 10 ** len(str(int(raw))) / 10 if raw >= 1 else 1.0
    while magnitude > raw and magnitude > 1e-9:
        magnitude /= 10
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    first = -(-low // step) * step
    found = []
    value = first
    while value <= high + 1e-9:
        found.append(round(value, 6) + 0.0)  # never -0
        value += step
    return found


def _x_labels(days: Sequence[date]) -> list[date]:
    """The dates written under the x axis: the first and the last, and one between them where
    it stands clear of both (a date is about a sixth of the axis wide)."""
    distinct = sorted(set(days))
    first, last = distinct[0], distinct[-1]
    if first == last:
        return [first]
    span = (last - first).days
    middle = min(distinct[1:-1], key=lambda d: abs((d - first).days - span / 2), default=None)
    if middle is not None and span / 4 <= (middle - first).days <= span * 3 / 4:
        return [first, middle, last]
    return [first, last]


def line_svg(chart: LineChart) -> str:
    series = [s for s in chart.series if s.points]
    legend_rows = (len(series) + 1) // 2
    height = PLOT_TOP + PLOT_H + 30 + LEGEND_ROW * max(legend_rows, 1) + 6
    out = _open(chart.title, height)
    if not series:
        return _nothing(out, PLOT_TOP)
    values = [v for s in series for _, v in s.points]
    low = chart.low if chart.low is not None else min(0.0, min(values))
    high = chart.high if chart.high is not None else max(values)
    if high <= low:
        high = low + 1
    ticks = _ticks(low, high)
    if chart.high is None and len(ticks) > 1 and ticks[-1] < high:
        high = ticks[-1] + (ticks[1] - ticks[0])  # the top line is a round number above all
    days = [d for s in series for d, _ in s.points]
    first, last = min(days), max(days)
    span_days = (last - first).days
    left, right = AXIS_W, WIDTH - 16
    x = _time_axis(days, left, right)

    def y(value: float) -> float:
        return PLOT_TOP + PLOT_H * (1 - (min(max(value, low), high) - low) / (high - low))

    for tick in _ticks(low, high):
        ty = y(tick)
        out.append(
            f'<line x1="{left}" x2="{right}" y1="{_n(ty)}" y2="{_n(ty)}" stroke="{GRID}"/>'
            f'<text x="{left - 6}" y="{_n(ty + 4)}" text-anchor="end" fill="{MUTED}">'
            f"{_text(chart.number.format(tick))}</text>"
        )
    base = PLOT_TOP + PLOT_H
    for day in _x_labels(days):
        anchor = "middle"
        if span_days and day == first:
            anchor = "start"
        elif span_days and day == last:
            anchor = "end"
        out.append(
            f'<text x="{_n(x(day))}" y="{base + 18}" text-anchor="{anchor}" fill="{MUTED}">'
            f"{day.isoformat()}</text>"
        )
    for i, one in enumerate(series):
        colour = PALETTE[i % len(PALETTE)]
        points = sorted(one.points)
        out.append(f"<g><title>{_text(one.name)}</title>")
        out += _trace(one.name, points, x, y, colour, chart.number, 2.5, 4)
        out.append("</g>")
    legend_top = base + 30
    column = (WIDTH - left) / 2
    for i, one in enumerate(series):
        colour = PALETTE[i % len(PALETTE)]
        lx = left + column * (i % 2)
        ly = legend_top + LEGEND_ROW * (i // 2)
        latest = sorted(one.points)[-1][1]
        words = f"{_clip(one.name, 22)}: {chart.number.format(latest)} last"
        out.append(
            f'<rect x="{_n(lx)}" y="{ly}" width="12" height="12" fill="{colour}"/>'
            f'<text x="{_n(lx + 18)}" y="{ly + 11}" fill="{INK}">{_text(words)}</text>'
        )
    out.append("</svg>")
    return "".join(out)


# --- strips -----------------------------------------------------------------------------------

STRIP = 34


def strip_svg(chart: StripChart) -> str:
    series = [s for s in chart.series if s.points]
    top = 6
    height = top + STRIP * max(len(series), 1) + 26
    out = _open(chart.title, height)
    if not series:
        return _nothing(out, top)
    left, right = LABEL_W, WIDTH - NOTE_W
    days = [d for s in series for d, _ in s.points]
    x = _time_axis(days, left + 6, right - 6)
    span = chart.high - chart.low or 1
    for i, one in enumerate(series):
        colour = PALETTE[i % len(PALETTE)]
        y0 = top + i * STRIP
        inner_top, inner_h = y0 + 5, STRIP - 10

        def y(value: float, inner_top: float = inner_top, inner_h: float = inner_h) -> float:
            share = (min(max(value, chart.low), chart.high) - chart.low) / span
            return inner_top + inner_h * (1 - share)

        points = sorted(one.points)
        values = [v for _, v in points]
        mean = sum(values) / len(values)
        count = f"{len(values)} {chart.counted}{'' if len(values) == 1 else 's'}"
        out.append(f"<g><title>{_text(f'{one.name}: {count}')}</title>")
        out.append(
            f'<rect x="{left}" y="{y0 + 2}" width="{right - left}" height="{STRIP - 4}" '
            f'fill="#f6f6f6"/>'
            f'<line x1="{left}" x2="{right}" y1="{_n(y(mean))}" y2="{_n(y(mean))}" '
            f'stroke="{GRID}" stroke-dasharray="4 3"/>'
            f'<text x="{left - 8}" y="{_n(y0 + STRIP / 2 + 4)}" text-anchor="end" fill="{INK}">'
            f"{_text(_clip(one.name, 16))}</text>"
        )
        out += _trace(one.name, points, x, y, colour, chart.number, 2, 3.5)
        words = f"mean {chart.number.format(mean)}, last {chart.number.format(values[-1])}"
        out.append(
            f'<text x="{right + 8}" y="{_n(y0 + STRIP / 2 + 4)}" fill="{INK}">{_text(words)}'
            "</text></g>"
        )
    base = top + STRIP * len(series) + 16
    first, last = min(days), max(days)
    scale = (
        f"scale {chart.number.format(chart.low)}-{chart.number.format(chart.high)}, "
        f"a dot a {chart.counted}"
    )
    out.append(
        f'<text x="{left}" y="{base}" fill="{MUTED}">{first.isoformat()}</text>'
        + (
            f'<text x="{right}" y="{base}" text-anchor="end" fill="{MUTED}">{last.isoformat()}'
            "</text>"
            if last != first
            else ""
        )
        + f'<text x="{right + 8}" y="{base}" fill="{MUTED}">{scale}</text>'
    )
    out.append("</svg>")
    return "".join(out)
