"""The report's pure core: windows, pro-rating, goals as of a day, and each flag at its
threshold. Plain data in, no files."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest

from coachlog.core.calendar import month_window, span
from coachlog.core.goals import goal_states
from coachlog.core.report import (
    by_rep,
    call_reviews_target,
    count_goals,
    minutes_target,
    open_on,
    overdue_on,
    parse_month,
    report_of,
    report_window,
    round_half_up,
    trend_months,
)
from coachlog.errors import UsageError
from coachlog.model import CallReview, Focus, Goal, JournalConfig, OneOnOne, Rep
from coachlog.render import formats
from coachlog.render.page import Page, Table, Terminal, View

D = date.fromisoformat


def states_by_id(records):  # type: ignore[no-untyped-def]
    """Goal states by goal id (``goal_states`` keys them by id, rep and origin)."""
    return {s.goal.id: s for s in goal_states(records).values()}


def one_on_one(rep: str, day: str, minutes: int = 40, **extra: Any) -> OneOnOne:
    return OneOnOne(
        id=f"{day}-{rep}-{len(extra)}{minutes}",
        rep=rep,
        date=D(day),
        created=datetime.fromisoformat(f"{day}T09:00:00").replace(tzinfo=UTC),
        minutes=minutes,
        **extra,
    )


def goal(goal_id: str, set_: str, status: str = "open", **extra: Any) -> Goal:
    goal_id = goal_id.ljust(4, "0")  # ids are 4-16 characters
    return Goal(
        id=goal_id, title=f"Goal {goal_id}", kind="action", set=D(set_), status=status, **extra
    )


def review(rep: str, day: str, minutes: int = 20, **scores: int) -> CallReview:
    return CallReview(
        id=f"{day}-{rep}-review",
        rep=rep,
        date=D(day),
        created=datetime.fromisoformat(f"{day}T10:00:00").replace(tzinfo=UTC),
        minutes=minutes,
        call="a call",
        pick="went-well",
        scores=scores,
    )


# --- windows ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("2026-11", "2026-11-01", "2026-11-30"),
        ("2026-02", "2026-02-01", "2026-02-28"),
        ("2028-02", "2028-02-01", "2028-02-29"),
        ("2026-12", "2026-12-01", "2026-12-31"),
        (" 2027-01 ", "2027-01-01", "2027-01-31"),
    ],
)
def test_parse_month(text: str, start: str, end: str) -> None:
    assert parse_month(text) == span(D(start), D(end))


@pytest.mark.parametrize(
    "text", ["2026-13", "2026-00", "2026-1", "26-11", "2026/11", "", "0000-05"]
)
def test_parse_month_refuses(text: str) -> None:
    with pytest.raises(UsageError) as err:
        parse_month(text)
    assert err.value.field == "month"


def test_report_window_rules() -> None:
    today = D("2026-11-24")
    assert report_window(today) == span(D("2026-11-01"), D("2026-11-30"))
    assert report_window(today, since=D("2026-11-10")) == span(D("2026-11-10"), today)
    assert report_window(today, until=D("2026-10-10")) == span(D("2026-10-01"), D("2026-10-10"))
    assert report_window(today, since=D("2026-12-05")) == span(D("2026-12-05"), D("2026-12-05"))
    one_day = report_window(today, since=today, until=today)
    assert one_day.days == 1
    with pytest.raises(UsageError, match="after it ends"):
        report_window(today, since=D("2026-11-10"), until=D("2026-11-09"))
    with pytest.raises(UsageError, match="not both"):
        report_window(today, month="2026-11", until=D("2026-11-09"))


def test_window_labels() -> None:
    assert month_window(D("2026-02-14")).label == "February 2026"
    assert span(D("2026-11-01"), D("2026-11-15")).label == "2026-11-01 to 2026-11-15"


# --- pro-rating -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "end", "minutes", "reviews"),
    [
        ("2026-11-01", "2026-11-30", 180, 8.6),  # a full month: the target, 30/7*2 = 8.57
        ("2026-02-01", "2026-02-28", 180, 8.0),  # February too: 28/7*2
        ("2026-10-01", "2026-10-31", 180, 8.9),  # 31/7*2 = 8.86
        ("2026-11-01", "2026-11-15", 90, 4.3),  # 180*15/30; 15/7*2 = 4.29
        ("2026-11-01", "2026-11-01", 6, 0.3),  # 180/30; 2/7 = 0.29
        ("2026-11-16", "2026-12-15", 177, 8.6),  # 180*15/30 + 180*15/31 = 177.10
        ("2026-10-01", "2026-11-30", 360, 17.4),  # two full months; 61/7*2 = 17.43
        ("2026-01-01", "2026-12-31", 2160, 104.3),  # a year: 12 months; 365/7*2 = 104.29
        ("2026-02-15", "2026-03-14", 171, 8.0),  # 180*14/28 + 180*14/31 = 90 + 81.29
    ],
)
def test_targets_are_pro_rated_per_calendar_month(start, end, minutes, reviews) -> None:
    window = span(D(start), D(end))
    assert minutes_target(window, 180) == minutes
    assert call_reviews_target(window, 2) == reviews


def test_round_half_up() -> None:
    assert round_half_up(0.5) == 1
    assert round_half_up(2.5) == 3  # not banker's rounding
    assert round_half_up(4.25, 1) == 4.3
    assert round_half_up(2 / 3, 3) == 0.667


# --- goals as of a day ------------------------------------------------------------------------


def test_goal_open_and_overdue_as_of_a_day() -> None:
    first = one_on_one(
        "alice", "2026-10-27", goals=[goal("aaaa", "2026-10-27", due=D("2026-11-06"))]
    )
    later = one_on_one(
        "alice",
        "2026-11-03",
        goals=[goal("aaaa", "2026-10-27", "done", due=D("2026-11-06"), closed=D("2026-11-08"))],
    )
    state = states_by_id([first, later])["aaaa"]
    assert state.closed_on == D("2026-11-08")
    assert not open_on(state, D("2026-10-26"))  # not set yet
    assert open_on(state, D("2026-10-27"))
    assert open_on(state, D("2026-11-07"))
    assert not open_on(state, D("2026-11-08"))  # closed that day
    assert not overdue_on(state, D("2026-11-06"))  # due that day: not late yet
    assert overdue_on(state, D("2026-11-07"))
    assert not overdue_on(state, D("2026-11-09"))


def test_a_goal_closed_by_hand_without_a_date_is_closed_on_the_day_of_that_record() -> None:
    first = one_on_one("alice", "2026-10-27", goals=[goal("bbbb", "2026-10-27")])
    second = one_on_one("alice", "2026-11-03", goals=[goal("bbbb", "2026-10-27", "missed")])
    third = one_on_one("alice", "2026-11-10", goals=[goal("bbbb", "2026-10-27", "missed")])
    state = states_by_id([first, second, third])["bbbb"]
    assert state.closed_on == D("2026-11-03")


def test_count_goals_over_a_window() -> None:
    record = one_on_one(
        "alice",
        "2026-11-03",
        goals=[
            goal("set1", "2026-11-03", due=D("2026-11-04")),
            goal("old1", "2026-10-01", "done", closed=D("2026-11-02")),
            goal("old2", "2026-10-01", "dropped", closed=D("2026-10-30")),
            goal("mis1", "2026-11-01", "missed", closed=D("2026-12-01")),
        ],
    )
    states = goal_states([record]).values()
    counts = count_goals(states, month_window(D("2026-11-01")), D("2026-11-30"))
    assert (counts.set, counts.done, counts.missed, counts.dropped) == (2, 1, 0, 0)
    assert (counts.open, counts.overdue) == (2, 1)  # set1 (late) and mis1 (closed in December)
    assert counts.completion_rate == 1.0


# --- flags at their thresholds ----------------------------------------------------------------


def make_report(records, today: str, profile: Rep | None = None, config=None, **kw):
    config = config or JournalConfig(manager="dana")
    states = goal_states([r for r in records if isinstance(r, OneOnOne)]).values()
    profiles = {"alice": profile or Rep(focus=Focus(behaviour="x", since=D("2026-10-01")))}
    window = kw.pop("window", month_window(D(today)))
    return report_of(by_rep(records, states, profiles), profiles, config, window, D(today), **kw)


def flags(records, today: str, **kw) -> tuple[str, ...]:
    return make_report(records, today, **kw).reps[0].flags


def covered(today: str) -> list:
    """Enough minutes and call reviews to meet any target in November; a goal at every 1:1."""
    out: list = [review("alice", f"2026-11-{d:02d}", 0) for d in range(1, 31, 3)]
    out.append(
        one_on_one(
            "alice", "2026-11-01", 300, goals=[goal("keep", "2026-11-01", due=D("2027-01-01"))]
        )
    )
    return out


def test_cadence_flag_after_seven_days() -> None:
    base = covered("2026-11-30")
    last = one_on_one(
        "alice", "2026-11-16", 0, goals=[goal("g2", "2026-11-16", due=D("2027-01-01"))]
    )
    assert "1on1-cadence" not in flags([*base, last], "2026-11-23")  # 7 days
    assert "1on1-cadence" in flags([*base, last], "2026-11-24")  # 8 days
    assert flags([*base, last], "2026-11-23") == ()


def test_no_1on1_at_all() -> None:
    found = flags([], "2026-11-10")
    assert found[:3] == ("no-1on1", "coaching-below-target", "call-reviews-below-target")


def test_coaching_pace_in_a_running_window() -> None:
    base = [r for r in covered("2026-11-30") if not isinstance(r, OneOnOne)]
    # 10 days of November: 180 * 10/30 = 60 minutes due
    enough = one_on_one(
        "alice", "2026-11-10", 60, goals=[goal("g", "2026-11-10", due=D("2027-01-01"))]
    )
    short = one_on_one(
        "alice", "2026-11-10", 55, goals=[goal("g", "2026-11-10", due=D("2027-01-01"))]
    )
    assert "coaching-below-target" not in flags([*base, enough], "2026-11-10")
    assert "coaching-below-target" in flags([*base, short], "2026-11-10")
    report = make_report([*base, short], "2026-11-10")
    assert (report.reps[0].minutes_due, report.reps[0].target_minutes) == (60, 180)


def test_call_reviews_due_is_the_floor_of_the_pace() -> None:
    records = [
        one_on_one("alice", "2026-11-01", 400, goals=[goal("g", "2026-11-01", due=D("2027-01-01"))])
    ]
    # 13 days: 2 * 13/7 = 3.71, so 3 are enough
    three = [*records, *(review("alice", f"2026-11-0{d}", 0) for d in (2, 3, 4))]
    assert "call-reviews-below-target" not in flags(three, "2026-11-13")
    assert "call-reviews-below-target" in flags(three[:-1], "2026-11-13")


def test_low_completion_below_half() -> None:
    def with_closed(statuses):
        goals = [
            goal(f"c{i}", "2026-11-01", s, closed=D("2026-11-02")) for i, s in enumerate(statuses)
        ]
        goals.append(goal("open1", "2026-11-01", due=D("2027-01-01")))
        return [
            *[r for r in covered("x") if not isinstance(r, OneOnOne)],
            one_on_one("alice", "2026-11-01", 300, goals=goals),
        ]

    assert "low-completion" not in flags(with_closed(["done", "missed"]), "2026-11-05")
    assert "low-completion" in flags(with_closed(["done", "missed", "missed"]), "2026-11-05")
    assert "low-completion" not in flags(with_closed(["dropped"]), "2026-11-05")  # no rate


def test_low_helpful_below_three() -> None:
    base = [r for r in covered("x") if not isinstance(r, OneOnOne)]

    def rated(*ratings):
        return [
            *base,
            *(
                one_on_one(
                    "alice",
                    f"2026-11-0{i + 1}",
                    100,
                    helpful=n,
                    goals=[goal(f"h{i}x", f"2026-11-0{i + 1}", due=D("2027-01-01"))],
                )
                for i, n in enumerate(ratings)
            ),
        ]

    assert "low-helpful" not in flags(rated(3, 3), "2026-11-05")
    assert "low-helpful" in flags(rated(3, 2), "2026-11-05")
    assert make_report(rated(3, 2), "2026-11-05").reps[0].helpful_mean == 2.5


def test_1on1_without_goal_ignores_todays_meeting() -> None:
    base = [r for r in covered("x") if not isinstance(r, OneOnOne)]
    bare = one_on_one("alice", "2026-11-05", 300)
    assert "1on1-without-goal" not in flags([*base, bare], "2026-11-05")  # still in progress
    assert "1on1-without-goal" in flags([*base, bare], "2026-11-06")


def test_no_focus() -> None:
    assert "no-focus" in flags([], "2026-11-05", profile=Rep())
    assert "no-focus" not in flags([], "2026-11-05")


def test_a_future_window_has_no_pace_flags() -> None:
    window = month_window(D("2026-12-01"))
    found = flags([], "2026-11-05", window=window)
    assert "coaching-below-target" not in found and "no-1on1" not in found


def test_other_reps_records_do_not_count() -> None:
    other = one_on_one("bob", "2026-11-03", 90)
    report = make_report([other], "2026-11-30")
    assert report.reps[0].coaching_minutes == 0


# --- trend months -----------------------------------------------------------------------------


def test_trend_months() -> None:
    nov = month_window(D("2026-11-01"))
    months = trend_months(nov, D("2026-11-24"), first=D("2026-01-15"))
    assert [m.start.month for m in months] == [6, 7, 8, 9, 10, 11]
    months = trend_months(nov, D("2026-11-24"), first=D("2026-10-20"))
    assert [m.start.month for m in months] == [10, 11]
    assert [m.start.month for m in trend_months(nov, D("2026-11-24"), None)] == [11]
    year = span(D("2026-01-01"), D("2026-12-31"))
    assert len(trend_months(year, D("2027-02-01"), None)) == 12
    assert trend_months(nov, D("2026-11-24"), None)[-1].end == D("2026-11-30")


def test_days_go_by_in_the_trend_without_error() -> None:
    day = D("2026-01-01")
    for _ in range(400):
        trend_months(month_window(day), day, D("2025-06-01"))
        day += timedelta(days=1)


def test_unscored_criteria_are_left_out_of_the_means() -> None:
    reviews = [
        review("alice", "2026-11-03", discovery=None, listening=3),  # type: ignore[arg-type]
        review("alice", "2026-11-10", discovery=4, listening=None),  # type: ignore[arg-type]
    ]
    report = make_report(reviews, "2026-11-30", detail="alice")
    assert report.detail is not None
    scores = report.detail.trend[-1].scores
    assert (scores["discovery"], scores["listening"], scores["opening"]) == (4.0, 3.0, None)
    facts = [e.facts for e in report.detail.timeline if e.kind == "review"]
    assert facts[0]["scores"] == {"listening": 3}


def test_a_criterions_mean_is_rounded_once_half_up_in_the_core() -> None:
    """25 / 8 = 3.125: 3.13 in the rep's row (which JSON and every table show) and in the
    trend alike; the renderers format the core's mean and never round it again."""
    from coachlog.render.report import rep_data

    reviews = [review("alice", f"2026-11-{d:02d}", opening=3) for d in range(2, 9)]
    reviews.append(review("alice", "2026-11-09", opening=4))
    report = make_report(reviews, "2026-11-30", detail="alice")
    row = report.reps[0]
    assert row.score_means == {"opening": 3.13}
    assert report.detail is not None and report.detail.trend[-1].scores["opening"] == 3.13
    assert rep_data(row)["scores"]["opening"]["mean"] == 3.13


def test_every_flag_has_words() -> None:
    from coachlog.core.report import MANAGER_FLAGS, REP_FLAGS
    from coachlog.render.report import FLAG_SHORT, MANAGER_FLAG_TEXT, flag_text

    row = make_report([], "2026-11-30").reps[0]
    for flag in REP_FLAGS:
        assert flag in FLAG_SHORT
        assert flag_text(row, flag) != flag
    assert set(MANAGER_FLAGS) == set(MANAGER_FLAG_TEXT)


def test_the_minutes_target_is_the_sum_over_the_months_it_replaces() -> None:
    """The closed form (a share of the first and last month, the whole ones between) gives
    what summing every month's share gives, for windows of a day to years."""
    import random

    from coachlog.core.calendar import month_window, span
    from coachlog.core.report import _minutes_target_exact, months_of

    rng = random.Random(3)
    for _ in range(3000):
        start = date(2020, 1, 1) + timedelta(days=rng.randrange(3000))
        window = span(start, start + timedelta(days=rng.randrange(900)))
        monthly = rng.choice([180, 120.5, 0, 37])
        summed = sum(monthly * p.days / month_window(p.start).days for p in months_of(window))
        assert _minutes_target_exact(window, monthly) == pytest.approx(summed, abs=1e-6)


def test_a_page_given_as_a_function_is_made_only_for_a_format_that_shows_it() -> None:
    """JSON and CSV print the data and the table; the page (listings, charts) is made only
    when a format shows it, once."""
    made: list[str] = []

    def page() -> Page:
        made.append("page")
        return Page("Report", [], text="# Report\n")

    view = View(page, {"reps": []}, Table([{"rep": "alice"}], ["rep"]))
    assert formats.get("json").render(view, Terminal(), None) == '{\n  "reps": []\n}\n'
    assert formats.get("csv").render(view, Terminal(), None) == "rep\nalice\n"
    assert made == []
    assert "# Report" in formats.get("markdown").render(view, Terminal(), None)
    assert "# Report" in formats.get("markdown").render(view, Terminal(), None)
    assert made == ["page"]
