"""``render/charts.py`` directly: what each chart draws for the numbers it is given, parsed as
XML (each chart is one well-formed ``<svg>``)."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import date

from coachlog.render.charts import (
    GOOD,
    LABEL_W,
    NOTE_W,
    SHORT,
    WIDTH,
    Bar,
    BarChart,
    LineChart,
    Series,
    StripChart,
    _ticks,
    _x_labels,
    svg,
)

NS = "{http://www.w3.org/2000/svg}"
D = date(2026, 11, 2)


def parse(markup: str) -> ET.Element:
    root = ET.fromstring(markup)
    assert root.tag == f"{NS}svg"
    assert root.get("role") == "img" and root.get("aria-label")
    assert root.get("width") == "100%" and root.get("viewBox", "").startswith(f"0 0 {WIDTH} ")
    return root


def all_(root: ET.Element, tag: str) -> list[ET.Element]:
    return list(root.iter(f"{NS}{tag}"))


def texts(root: ET.Element) -> list[str]:
    return [t.text or "" for t in all_(root, "text")]


def test_a_bar_is_as_long_as_its_value_with_its_target_marked() -> None:
    chart = BarChart(
        "Minutes",
        (Bar("alice", 90, 180, "90 of 180 min", short=True), Bar("bob", 180, 180, "180 of 180")),
    )
    root = parse(svg(chart))
    area = WIDTH - LABEL_W - NOTE_W
    filled = [r for r in all_(root, "rect") if r.get("fill") in (GOOD, SHORT)]
    # the legend's swatch is last; alice's bar is half the scale (the largest value, 180)
    alice, bob = filled[0], filled[1]
    assert float(alice.get("width", 0)) == area / 2 and alice.get("fill") == SHORT
    assert float(bob.get("width", 0)) == area and bob.get("fill") == GOOD
    targets = [line for line in all_(root, "line") if line.get("stroke-width") == "2"]
    assert float(targets[0].get("x1", 0)) == LABEL_W + area  # 180 of 180: the end
    assert "90 of 180 min" in texts(root) and "alice" in texts(root)


def test_a_bar_past_the_scale_stops_at_its_end_and_a_share_has_a_fixed_scale() -> None:
    root = parse(svg(BarChart("Done", (Bar("alice", 150, None, "150%"),), maximum=100)))
    bar = next(r for r in all_(root, "rect") if r.get("fill") == GOOD)
    assert float(bar.get("width", 0)) == WIDTH - LABEL_W - NOTE_W
    zero = parse(svg(BarChart("Done", (Bar("bob", 0, None, "none decided"),), maximum=100)))
    assert not [r for r in all_(zero, "rect") if r.get("fill") == GOOD]


def test_text_is_escaped_and_controls_shown_not_obeyed() -> None:
    markup = svg(BarChart("<b>&", (Bar("a<script>\x1b[2J", 1, None, "x"),)))
    root = parse(markup)  # still well formed
    assert "<script>" not in markup and "\x1b" not in markup
    assert any("\\x1b" in t for t in texts(root))


def test_a_single_score_is_a_dot_and_each_series_has_its_strip() -> None:
    chart = StripChart(
        "Scores",
        (Series("opening", ((D, 3.0),)), Series("discovery", ((D, 2.0), (date(2026, 11, 9), 4.0)))),
        low=1,
        high=5,
    )
    root = parse(svg(chart))
    assert len(all_(root, "circle")) == 3
    assert len(all_(root, "polyline")) == 1  # one line, for the series with two points
    words = texts(root)
    assert "mean 3, last 3" in words and "mean 3, last 4" in words
    titles = [t.text for t in all_(root, "title")]
    assert "opening: 1 score" in titles and "discovery: 2 scores" in titles
    # a higher score is drawn higher (a smaller y) within its strip
    low, high = sorted(all_(root, "circle")[1:], key=lambda c: float(c.get("cx", 0)))
    assert float(high.get("cy", 0)) < float(low.get("cy", 0))


def test_a_line_chart_spreads_dates_in_time_and_labels_them_apart() -> None:
    days = [date(2026, 10, 1), date(2026, 10, 2), date(2026, 11, 1)]
    chart = LineChart(
        "Forecast", (Series("commit", tuple((d, 10.0 * i) for i, d in enumerate(days))),)
    )
    root = parse(svg(chart))
    xs = [float(c.get("cx", 0)) for c in all_(root, "circle")]
    assert xs[1] - xs[0] < (xs[2] - xs[1]) / 10  # one day against thirty
    assert _x_labels(days) == [days[0], days[-1]]  # the 2nd stands too close to the 1st
    assert _x_labels([*days[:1], date(2026, 10, 16), days[-1]]) == [
        days[0],
        date(2026, 10, 16),
        days[-1],
    ]


def test_ticks_are_round_numbers_across_the_range() -> None:
    assert _ticks(0, 100) == [0, 25, 50, 75, 100]
    assert _ticks(1, 5) == [1, 2, 3, 4, 5]
    assert _ticks(0, 1_234_000)[:3] == [0, 500_000, 1_000_000]
    assert _ticks(3, 3) == [3]


def test_nothing_to_draw_says_so() -> None:
    for chart in (BarChart("x", ()), LineChart("x", ()), StripChart("x", (), 1, 5)):
        assert "Nothing to draw." in texts(parse(svg(chart)))


def test_the_forecast_chart_draws_each_number_given_and_the_quota() -> None:
    from coachlog.core.forecast import ForecastPoint
    from coachlog.render.report import forecast_chart

    def point(day: int, commit, likely=None, upside=None, pipeline=None) -> ForecastPoint:
        return ForecastPoint(date(2026, 11, day), f"r{day}", commit, likely, upside, pipeline)

    points = [point(3, 100_000, 120_000), point(10, 90_000, 125_000, 150_000), point(17, None)]
    chart = forecast_chart("Forecast: alice", points, 110_000)
    assert chart is not None
    assert [(s.name, len(s.points)) for s in chart.series] == [
        ("commit", 2),
        ("most likely", 2),
        ("upside", 1),
        ("quota", 2),  # across the window's forecasts, first to last
    ]
    root = parse(svg(chart))
    assert "commit: 90,000 last" in texts(root) and "quota: 110,000 last" in texts(root)
    # the axis reaches a round number at or above the largest value
    assert "150,000" in texts(root) and "200,000" not in texts(root)
    higher = forecast_chart("Forecast: alice", [*points, point(20, 160_000)], None)
    assert higher is not None and "200,000" in texts(parse(svg(higher)))
    assert forecast_chart("Forecast: bob", [point(3, None)], 110_000) is None
