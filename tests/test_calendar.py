"""The sales calendar (``core.calendar``): fiscal years, periods, phases, and MM-DD parsing."""

from __future__ import annotations

import calendar as stdcal
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from coachlog.core.calendar import (
    FiscalCalendar,
    Period,
    fiscal_year_end,
    fiscal_year_label,
    fiscal_year_start,
    month_window,
    parse_month_day,
    period_of,
    phase_of,
)

D = date.fromisoformat


def cal(period: str = "quarter", start: str = "01-01", year_end_days: int = 42) -> FiscalCalendar:
    month, day = parse_month_day(start)
    return FiscalCalendar(period, month, day, year_end_days)  # type: ignore[arg-type]


def expected_phase(day: date, period: Period) -> str:
    """The thirds rule, written out independently: day d (from 0) of an L-day period is early
    when 3d < L, mid when 3d < 2L, else late."""
    d, length = (day - period.start).days, (period.end - period.start).days + 1
    return "early" if 3 * d < length else "mid" if 3 * d < 2 * length else "late"


# --- parse_month_day --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("01-01", (1, 1)),
        ("02-01", (2, 1)),
        ("02-28", (2, 28)),
        ("01-31", (1, 31)),
        ("03-15", (3, 15)),
        ("07-16", (7, 16)),
        ("11-01", (11, 1)),
        ("12-31", (12, 31)),
        ("04-30", (4, 30)),
        (" 02-01 ", (2, 1)),  # surrounding blanks, as a hand-edited config may have
    ],
)
def test_parse_month_day_accepts(text: str, expected: tuple[int, int]) -> None:
    assert parse_month_day(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "13-01",  # no month 13
        "00-10",  # no month 0
        "01-00",  # no day 0
        "01-32",
        "04-31",  # April has 30 days
        "06-31",
        "09-31",
        "11-31",
        "02-30",
        "2-1",  # not zero-padded
        "02-1",
        "2-01",
        "002-01",
        "garbage",
        "",
        "   ",
        "02/01",
        "0201",
        "02-01-2026",
        "2026-02-01",
        "-02-01",
        "+2-01",
        "02--1",
        "ab-cd",
        "²²-01",  # str.isdigit() is true for superscripts, int() refuses them
        "\u0660\u0662-\u0660\u0661",  # Arabic-Indic digits: not MM-DD as a config file spells it
    ],
)
def test_parse_month_day_refuses(text: str) -> None:
    with pytest.raises(ValueError, match=r"MM-DD"):
        parse_month_day(text)


def test_parse_month_day_refuses_february_29_with_its_own_reason() -> None:
    with pytest.raises(ValueError, match="not in every year"):
        parse_month_day("02-29")


def test_parse_month_day_errors_quote_the_input() -> None:
    with pytest.raises(ValueError, match="'13-01'"):
        parse_month_day("13-01")
    with pytest.raises(ValueError, match="'garbage'"):
        parse_month_day("garbage")


# --- FiscalCalendar ---------------------------------------------------------------------------


def test_calendar_defaults_are_quarters_from_january_first() -> None:
    c = FiscalCalendar()
    assert (c.period, c.start_month, c.start_day, c.year_end_days) == ("quarter", 1, 1, 42)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"period": "week"}, "month or quarter"),
        ({"start_month": 2, "start_day": 29}, "not in every year"),
        ({"start_month": 4, "start_day": 31}, "not a day"),
        ({"start_month": 13, "start_day": 1}, "not a day"),
        ({"start_month": 0, "start_day": 1}, "not a day"),
        ({"year_end_days": -1}, "zero or more"),
    ],
)
def test_calendar_refuses_bad_settings(kwargs: dict, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        FiscalCalendar(**kwargs)


# --- fiscal years -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "day", "fy_start", "fy_end", "label"),
    [
        # January 1: a fiscal year named by its own year
        ("01-01", "2026-01-01", "2026-01-01", "2026-12-31", "FY2026"),
        ("01-01", "2026-12-31", "2026-01-01", "2026-12-31", "FY2026"),
        ("01-01", "2028-02-29", "2028-01-01", "2028-12-31", "FY2028"),
        # February 1: named by the calendar year it ends in
        ("02-01", "2026-01-31", "2025-02-01", "2026-01-31", "FY2026"),
        ("02-01", "2026-02-01", "2026-02-01", "2027-01-31", "FY2027"),
        ("02-01", "2026-11-24", "2026-02-01", "2027-01-31", "FY2027"),
        ("02-01", "2027-01-31", "2026-02-01", "2027-01-31", "FY2027"),
        # November 1
        ("11-01", "2026-10-31", "2025-11-01", "2026-10-31", "FY2026"),
        ("11-01", "2026-11-01", "2026-11-01", "2027-10-31", "FY2027"),
        # mid-month starts
        ("03-15", "2027-03-14", "2026-03-15", "2027-03-14", "FY2027"),
        ("03-15", "2027-03-15", "2027-03-15", "2028-03-14", "FY2028"),
        ("07-16", "2026-07-15", "2025-07-16", "2026-07-15", "FY2026"),
        ("07-16", "2026-07-16", "2026-07-16", "2027-07-15", "FY2027"),
        # January 31: the year ends on January 30 of the next year
        ("01-31", "2027-01-30", "2026-01-31", "2027-01-30", "FY2027"),
        ("01-31", "2027-01-31", "2027-01-31", "2028-01-30", "FY2028"),
        # a March 1 year ends on February 29 in a leap year, February 28 otherwise
        ("03-01", "2028-02-29", "2027-03-01", "2028-02-29", "FY2028"),
        ("03-01", "2027-02-28", "2026-03-01", "2027-02-28", "FY2027"),
        ("03-01", "2028-03-01", "2028-03-01", "2029-02-28", "FY2029"),
        # December 31: a one-day-late start, so nearly all of the year is named by the next
        ("12-31", "2026-12-30", "2025-12-31", "2026-12-30", "FY2026"),
        ("12-31", "2026-12-31", "2026-12-31", "2027-12-30", "FY2027"),
    ],
)
def test_fiscal_year(start: str, day: str, fy_start: str, fy_end: str, label: str) -> None:
    c = cal(start=start)
    assert fiscal_year_start(D(day), c) == D(fy_start)
    assert fiscal_year_end(D(day), c) == D(fy_end)
    assert fiscal_year_label(D(day), c) == label


# every valid fiscal year start: the days of a year with no February 29
month_days = st.dates(min_value=date(2001, 1, 1), max_value=date(2001, 12, 31))
days = st.dates(min_value=date(1990, 1, 1), max_value=date(2100, 12, 31))


@given(day=days, start=month_days)
def test_fiscal_year_holds_the_day_and_is_named_by_its_end(day: date, start: date) -> None:
    month, dom = start.month, start.day
    c = FiscalCalendar("quarter", month, dom)
    first, last = fiscal_year_start(day, c), fiscal_year_end(day, c)
    assert first <= day <= last
    assert (first.month, first.day) == (month, dom)
    assert fiscal_year_start(last + timedelta(days=1), c) == last + timedelta(days=1)
    assert 365 <= (last - first).days + 1 <= 366
    assert fiscal_year_label(day, c) == f"FY{last.year}"


# --- periods ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("period", "start", "day", "label", "first", "last"),
    [
        # calendar months and quarters
        ("month", "01-01", "2026-11-01", "2026-11", "2026-11-01", "2026-11-30"),
        ("month", "01-01", "2026-11-30", "2026-11", "2026-11-01", "2026-11-30"),
        ("month", "01-01", "2026-12-01", "2026-12", "2026-12-01", "2026-12-31"),
        ("month", "01-01", "2027-02-28", "2027-02", "2027-02-01", "2027-02-28"),
        ("month", "01-01", "2028-02-29", "2028-02", "2028-02-01", "2028-02-29"),
        ("month", "01-01", "2028-03-01", "2028-03", "2028-03-01", "2028-03-31"),
        ("quarter", "01-01", "2026-01-01", "FY2026-Q1", "2026-01-01", "2026-03-31"),
        ("quarter", "01-01", "2026-03-31", "FY2026-Q1", "2026-01-01", "2026-03-31"),
        ("quarter", "01-01", "2026-04-01", "FY2026-Q2", "2026-04-01", "2026-06-30"),
        ("quarter", "01-01", "2026-12-31", "FY2026-Q4", "2026-10-01", "2026-12-31"),
        ("quarter", "01-01", "2028-02-29", "FY2028-Q1", "2028-01-01", "2028-03-31"),
        # months of a year that starts on the first of a month keep calendar labels
        ("month", "02-01", "2026-02-01", "2026-02", "2026-02-01", "2026-02-28"),
        ("month", "02-01", "2027-01-31", "2027-01", "2027-01-01", "2027-01-31"),
        # quarters from February 1: Q4 straddles the calendar year
        ("quarter", "02-01", "2026-01-31", "FY2026-Q4", "2025-11-01", "2026-01-31"),
        ("quarter", "02-01", "2026-02-01", "FY2027-Q1", "2026-02-01", "2026-04-30"),
        ("quarter", "02-01", "2026-04-30", "FY2027-Q1", "2026-02-01", "2026-04-30"),
        ("quarter", "02-01", "2026-05-01", "FY2027-Q2", "2026-05-01", "2026-07-31"),
        ("quarter", "02-01", "2026-11-01", "FY2027-Q4", "2026-11-01", "2027-01-31"),
        ("quarter", "02-01", "2026-12-31", "FY2027-Q4", "2026-11-01", "2027-01-31"),
        ("quarter", "02-01", "2027-01-01", "FY2027-Q4", "2026-11-01", "2027-01-31"),
        ("quarter", "02-01", "2028-02-29", "FY2029-Q1", "2028-02-01", "2028-04-30"),
        # quarters from November 1: Q1 is November to January
        ("quarter", "11-01", "2026-11-01", "FY2027-Q1", "2026-11-01", "2027-01-31"),
        ("quarter", "11-01", "2027-01-31", "FY2027-Q1", "2026-11-01", "2027-01-31"),
        ("quarter", "11-01", "2027-02-01", "FY2027-Q2", "2027-02-01", "2027-04-30"),
        ("quarter", "11-01", "2028-02-29", "FY2028-Q2", "2028-02-01", "2028-04-30"),
        ("quarter", "11-01", "2027-10-31", "FY2027-Q4", "2027-08-01", "2027-10-31"),
        # mid-month starts: March 15 months, July 16 quarters
        ("month", "03-15", "2027-03-15", "FY2028-M01", "2027-03-15", "2027-04-14"),
        ("month", "03-15", "2027-04-14", "FY2028-M01", "2027-03-15", "2027-04-14"),
        ("month", "03-15", "2027-04-15", "FY2028-M02", "2027-04-15", "2027-05-14"),
        ("month", "03-15", "2027-12-31", "FY2028-M10", "2027-12-15", "2028-01-14"),
        ("month", "03-15", "2028-02-29", "FY2028-M12", "2028-02-15", "2028-03-14"),
        ("month", "03-15", "2029-03-14", "FY2029-M12", "2029-02-15", "2029-03-14"),
        ("quarter", "07-16", "2026-07-16", "FY2027-Q1", "2026-07-16", "2026-10-15"),
        ("quarter", "07-16", "2026-10-15", "FY2027-Q1", "2026-07-16", "2026-10-15"),
        ("quarter", "07-16", "2026-10-16", "FY2027-Q2", "2026-10-16", "2027-01-15"),
        ("quarter", "07-16", "2027-01-01", "FY2027-Q2", "2026-10-16", "2027-01-15"),
        ("quarter", "07-16", "2028-02-29", "FY2028-Q3", "2028-01-16", "2028-04-15"),
        ("quarter", "07-16", "2027-07-15", "FY2027-Q4", "2027-04-16", "2027-07-15"),
        # a quarter start on the 31st clamps to the month's last day, and stays on the 31st
        ("quarter", "01-31", "2027-04-29", "FY2028-Q1", "2027-01-31", "2027-04-29"),
        ("quarter", "01-31", "2027-04-30", "FY2028-Q2", "2027-04-30", "2027-07-30"),
        ("quarter", "01-31", "2027-07-31", "FY2028-Q3", "2027-07-31", "2027-10-30"),
        ("quarter", "01-31", "2028-01-30", "FY2028-Q4", "2027-10-31", "2028-01-30"),
    ],
)
def test_period_of(period: str, start: str, day: str, label: str, first: str, last: str) -> None:
    p = period_of(D(day), cal(period, start))
    assert (p.kind, p.label, p.start, p.end) == (period, label, D(first), D(last))
    assert p.days == (D(last) - D(first)).days + 1
    assert D(day) in p


def fiscal_months(start: str, year: int) -> list[tuple[str, str]]:
    c = cal("month", start)
    day, out = fiscal_year_start(date(year, 6, 1), c), []
    end = fiscal_year_end(day, c)
    while day <= end:
        p = period_of(day, c)
        out.append((p.start.isoformat(), p.end.isoformat()))
        day = p.end + timedelta(days=1)
    return out


def test_months_from_january_31_clamp_in_february_and_return_to_the_31st() -> None:
    assert fiscal_months("01-31", 2027) == [
        ("2027-01-31", "2027-02-27"),
        ("2027-02-28", "2027-03-30"),  # clamped to February 28 ...
        ("2027-03-31", "2027-04-29"),  # ... and back on the 31st in March, no drift
        ("2027-04-30", "2027-05-30"),
        ("2027-05-31", "2027-06-29"),
        ("2027-06-30", "2027-07-30"),
        ("2027-07-31", "2027-08-30"),
        ("2027-08-31", "2027-09-29"),
        ("2027-09-30", "2027-10-30"),
        ("2027-10-31", "2027-11-29"),
        ("2027-11-30", "2027-12-30"),
        ("2027-12-31", "2028-01-30"),
    ]


def test_months_from_january_31_in_a_leap_year_clamp_to_february_29() -> None:
    months = fiscal_months("01-31", 2028)
    assert months[:3] == [
        ("2028-01-31", "2028-02-28"),
        ("2028-02-29", "2028-03-30"),
        ("2028-03-31", "2028-04-29"),
    ]
    assert months[-1] == ("2028-12-31", "2029-01-30")


@pytest.mark.parametrize(
    ("day", "label"),
    [
        ("2027-01-31", "FY2028-M01"),
        ("2027-02-27", "FY2028-M01"),
        ("2027-02-28", "FY2028-M02"),
        ("2027-03-30", "FY2028-M02"),
        ("2027-03-31", "FY2028-M03"),
        ("2028-01-30", "FY2028-M12"),
        ("2028-01-31", "FY2029-M01"),
        ("2028-02-28", "FY2029-M01"),
        ("2028-02-29", "FY2029-M02"),
    ],
)
def test_month_labels_from_january_31(day: str, label: str) -> None:
    assert period_of(D(day), cal("month", "01-31")).label == label


@pytest.mark.parametrize(
    ("start", "period", "count"),
    [
        ("01-01", "month", 12),
        ("01-01", "quarter", 4),
        ("01-31", "month", 12),
        ("01-31", "quarter", 4),
        ("02-01", "quarter", 4),
        ("03-15", "month", 12),
        ("07-16", "quarter", 4),
        ("08-31", "month", 12),
        ("11-01", "quarter", 4),
        ("12-31", "month", 12),
    ],
)
@pytest.mark.parametrize("year", [2026, 2027, 2028])
def test_periods_tile_the_fiscal_year(start: str, period: str, count: int, year: int) -> None:
    c = cal(period, start)
    first = fiscal_year_start(date(year, 6, 1), c)
    last = fiscal_year_end(first, c)
    day, seen = first, []
    while day <= last:
        p = period_of(day, c)
        assert p.start == day
        seen.append(p)
        day = p.end + timedelta(days=1)
    assert len(seen) == count
    assert seen[-1].end == last
    fy = fiscal_year_label(first, c)
    labels = [p.label for p in seen]
    if period == "quarter":
        assert labels == [f"{fy}-Q{i}" for i in range(1, 5)]
    elif start.endswith("-01"):  # months that start on the 1st keep their calendar names
        assert labels == [f"{p.start.year:04d}-{p.start.month:02d}" for p in seen]
    else:
        assert labels == [f"{fy}-M{i:02d}" for i in range(1, 13)]


@given(day=days, start=month_days, period=st.sampled_from(["month", "quarter"]))
def test_period_holds_the_day_and_never_drifts(day: date, start: date, period: str) -> None:
    dom = start.day
    c = FiscalCalendar(period, start.month, dom)  # type: ignore[arg-type]
    p = period_of(day, c)
    assert p.start <= day <= p.end
    # a period starts on the fiscal start day, or on its month's last day where it is shorter
    assert p.start.day == min(dom, stdcal.monthrange(p.start.year, p.start.month)[1])
    assert period_of(p.start, c) == p
    assert period_of(p.end, c) == p
    assert period_of(p.end + timedelta(days=1), c).start == p.end + timedelta(days=1)
    shortest, longest = (89, 92) if period == "quarter" else (28, 31)
    assert shortest <= p.days <= longest


def test_period_contains_only_dates_inside_it() -> None:
    p = period_of(D("2026-05-10"), cal("quarter"))
    assert D("2026-04-01") in p
    assert D("2026-06-30") in p
    assert D("2026-03-31") not in p
    assert D("2026-07-01") not in p
    assert "2026-05-10" not in p
    assert p.days == 91


# --- phases -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("period", "day", "phase"),
    [
        # April 2027, 30 days: early while 3d < 30, mid while 3d < 60
        ("month", "2027-04-01", "early"),  # d=0
        ("month", "2027-04-10", "early"),  # d=9
        ("month", "2027-04-11", "mid"),  # d=10: 3d == L
        ("month", "2027-04-20", "mid"),  # d=19
        ("month", "2027-04-21", "late"),  # d=20: 3d == 2L
        ("month", "2027-04-30", "late"),  # last day
        # May 2027, 31 days
        ("month", "2027-05-11", "early"),  # d=10: 30 < 31
        ("month", "2027-05-12", "mid"),  # d=11: 33
        ("month", "2027-05-21", "mid"),  # d=20: 60 < 62
        ("month", "2027-05-22", "late"),  # d=21: 63
        # February 2027, 28 days
        ("month", "2027-02-10", "early"),  # d=9: 27 < 28
        ("month", "2027-02-11", "mid"),  # d=10: 30
        ("month", "2027-02-19", "mid"),  # d=18: 54 < 56
        ("month", "2027-02-20", "late"),  # d=19: 57
        # February 2028, 29 days: the leap day shifts the late third by a day
        ("month", "2028-02-10", "early"),  # d=9: 27 < 29
        ("month", "2028-02-11", "mid"),  # d=10: 30
        ("month", "2028-02-20", "mid"),  # d=19: 57 < 58
        ("month", "2028-02-21", "late"),  # d=20: 60
        ("month", "2028-02-29", "late"),
        # Q1 2027, 90 days
        ("quarter", "2027-01-01", "early"),
        ("quarter", "2027-01-30", "early"),  # d=29
        ("quarter", "2027-01-31", "mid"),  # d=30: 3d == L
        ("quarter", "2027-03-01", "mid"),  # d=59
        ("quarter", "2027-03-02", "late"),  # d=60: 3d == 2L
        ("quarter", "2027-03-31", "late"),
        # Q1 2028, 91 days: the same dates fall a third later
        ("quarter", "2028-01-31", "early"),  # d=30: 90 < 91
        ("quarter", "2028-02-01", "mid"),  # d=31
        ("quarter", "2028-02-29", "mid"),  # d=59
        ("quarter", "2028-03-01", "mid"),  # d=60: 180 < 182
        ("quarter", "2028-03-02", "late"),  # d=61: 183
        # Q2 2027, 91 days
        ("quarter", "2027-05-01", "early"),  # d=30: 90 < 91
        ("quarter", "2027-05-02", "mid"),  # d=31
        ("quarter", "2027-05-31", "mid"),  # d=60: 180 < 182
        ("quarter", "2027-06-01", "late"),  # d=61
    ],
)
def test_phase_thirds(period: str, day: str, phase: str) -> None:
    c = cal(period, "01-01", year_end_days=0)
    assert phase_of(D(day), c) == phase
    assert expected_phase(D(day), period_of(D(day), c)) == phase


@pytest.mark.parametrize(
    ("start", "day", "phase"),
    [
        # March 15 months: 2027-04-15..05-14 has 30 days
        ("03-15", "2027-04-24", "early"),  # d=9
        ("03-15", "2027-04-25", "mid"),  # d=10: 3d == L
        ("03-15", "2027-05-05", "late"),  # d=20: 3d == 2L
        # January 31 months: 2027-02-28..03-30 has 31 days, 2027-01-31..02-27 has 28
        ("01-31", "2027-02-27", "late"),
        ("01-31", "2027-02-28", "early"),
        ("01-31", "2027-02-09", "early"),  # d=9: 27 < 28
        ("01-31", "2027-02-10", "mid"),  # d=10: 30
    ],
)
def test_phase_thirds_of_mid_month_periods(start: str, day: str, phase: str) -> None:
    assert phase_of(D(day), cal("month", start, year_end_days=0)) == phase


@pytest.mark.parametrize(
    ("start", "day", "phase"),
    [
        # quarters from November 1: Q1 (2026-11-01..2027-01-31) has 92 days
        ("11-01", "2026-12-01", "early"),  # d=30: 90 < 92
        ("11-01", "2026-12-02", "mid"),  # d=31: 93
        ("11-01", "2027-01-01", "mid"),  # d=61: 183 < 184
        ("11-01", "2027-01-02", "late"),  # d=62: 186
        # quarters from July 16: Q3 2027-01-16..2027-04-15 has 90 days
        ("07-16", "2027-02-14", "early"),  # d=29
        ("07-16", "2027-02-15", "mid"),  # d=30: 3d == L
        ("07-16", "2027-03-16", "mid"),  # d=59
        ("07-16", "2027-03-17", "late"),  # d=60: 3d == 2L
    ],
)
def test_phase_thirds_of_straddling_quarters(start: str, day: str, phase: str) -> None:
    assert phase_of(D(day), cal("quarter", start, year_end_days=0)) == phase


@pytest.mark.parametrize(
    ("start", "year_end_days", "day", "phase"),
    [
        # January 1, 42 days: December 31 and the 41 days before it
        ("01-01", 42, "2026-12-31", "year-end"),
        ("01-01", 42, "2026-11-20", "year-end"),  # 41 days before the last day
        ("01-01", 42, "2026-11-19", "mid"),  # 42 days before: not year-end
        ("01-01", 42, "2027-01-01", "early"),  # a new fiscal year
        # February 1 (the fiscal year ends January 31)
        ("02-01", 42, "2027-01-31", "year-end"),
        ("02-01", 42, "2026-12-21", "year-end"),
        ("02-01", 42, "2026-12-20", "mid"),
        ("02-01", 42, "2027-02-01", "early"),
        # March 1: the window counts back over February 29 in a leap year
        ("03-01", 42, "2028-02-29", "year-end"),
        ("03-01", 42, "2028-01-19", "year-end"),
        ("03-01", 42, "2028-01-18", "mid"),
        ("03-01", 42, "2027-01-18", "year-end"),  # 2027-02-28 - 41 days
        ("03-01", 42, "2027-01-17", "mid"),
        # other widths
        ("01-01", 1, "2026-12-31", "year-end"),
        ("01-01", 1, "2026-12-30", "late"),
        ("01-01", 10, "2026-12-22", "year-end"),
        ("01-01", 10, "2026-12-21", "late"),
        ("01-01", 0, "2026-12-31", "late"),
        ("01-01", 0, "2026-12-22", "late"),
    ],
)
def test_year_end_window(start: str, year_end_days: int, day: str, phase: str) -> None:
    assert phase_of(D(day), cal("quarter", start, year_end_days)) == phase


def test_year_end_window_applies_to_months_too() -> None:
    c = cal("month", "01-01", 42)
    # December 1 is the first day of its month, but within 42 days of the year's end
    assert phase_of(D("2026-12-01"), c) == "year-end"
    assert phase_of(D("2026-11-19"), c) == "mid"  # d=18 of 30: 54 < 60
    assert phase_of(D("2026-11-20"), c) == "year-end"


@given(
    day=st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 31)),
    start=st.sampled_from(["01-01", "01-31", "02-01", "03-15", "07-16", "11-01", "12-31"]),
    period=st.sampled_from(["month", "quarter"]),
    year_end_days=st.integers(0, 120),
)
def test_phase_follows_the_rule(day: date, start: str, period: str, year_end_days: int) -> None:
    c = cal(period, start, year_end_days)
    before_end = (fiscal_year_end(day, c) - day).days
    phase = phase_of(day, c)
    if before_end < year_end_days:
        assert phase == "year-end"
    else:
        assert phase == expected_phase(day, period_of(day, c))
    if year_end_days == 0:
        assert phase != "year-end"


# --- month_window -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("year", "month", "first", "last"),
    [
        (2026, 1, "2026-01-01", "2026-01-31"),
        (2026, 4, "2026-04-01", "2026-04-30"),
        (2026, 11, "2026-11-01", "2026-11-30"),
        (2026, 12, "2026-12-01", "2026-12-31"),
        (2027, 2, "2027-02-01", "2027-02-28"),
        (2028, 2, "2028-02-01", "2028-02-29"),
        (2100, 2, "2100-02-01", "2100-02-28"),  # not a leap year
        (2000, 2, "2000-02-01", "2000-02-29"),  # a leap year
    ],
)
def test_month_window(year: int, month: int, first: str, last: str) -> None:
    for day in (date(year, month, 1), date(year, month, 15), D(last)):
        window = month_window(day)
        assert (window.start, window.end) == (D(first), D(last))
        assert (window.kind, window.days) == ("month", D(last).day)
