"""The pure core of call and field coaching: scores, their trends, and the what-if math."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from coachlog.core.coaching import (
    Change,
    Pistons,
    parse_change,
    parse_scores,
    score_trends,
    what_if,
)
from coachlog.errors import UsageError
from coachlog.model import CallReview

CRITERIA = ["opening", "discovery", "listening", "objections", "next-steps"]
ALICE = Pistons(opportunities=24, win_rate=0.25, deal_size=18000, cycle_days=60)

# --- scores -----------------------------------------------------------------------------------


def test_scores_parse_in_the_order_given() -> None:
    got = parse_scores(["next-steps=2", "opening=5", " discovery = 1 "], CRITERIA)
    assert got == {"next-steps": 2, "opening": 5, "discovery": 1}
    assert list(got) == ["next-steps", "opening", "discovery"]


def test_a_criterion_is_matched_without_regard_to_case() -> None:
    assert parse_scores(["Opening=3"], CRITERIA) == {"opening": 3}


@pytest.mark.parametrize(
    ("given", "says"),
    [
        (["opening=0"], "whole number from 1 to 5"),
        (["opening=6"], "whole number from 1 to 5"),
        (["opening=-1"], "whole number from 1 to 5"),
        (["opening=4.5"], "whole number from 1 to 5"),
        (["opening=four"], "whole number from 1 to 5"),
        (["opening"], "write CRITERION=N"),
        (["opening="], "write CRITERION=N"),
        (["=4"], "write CRITERION=N"),
        (["charm=4"], "'charm' is not a review criterion; the criteria are opening, discovery"),
        (["opening=4", "opening=5"], "scored twice"),
        ([], "give at least one score"),
    ],
)
def test_bad_scores_are_refused(given: list[str], says: str) -> None:
    with pytest.raises(UsageError, match=None) as info:
        parse_scores(given, CRITERIA)
    assert says in info.value.message


def review(day: str, scores: dict[str, int | None], created: str = "09:00") -> CallReview:
    return CallReview(
        id=f"{day}-alice-call-{created.replace(':', '')}",
        rep="alice",
        date=date.fromisoformat(day),
        created=datetime.fromisoformat(f"{day}T{created}:00").replace(tzinfo=UTC),
        call="A call",
        pick="went-well",
        scores=scores,
    )


def test_score_trends_are_per_criterion_oldest_first_skipping_unscored() -> None:
    reviews = [
        review("2026-11-12", {"opening": 4, "discovery": None}),
        review("2026-11-04", {"opening": 2, "discovery": 3}),
        review("2026-11-12", {"opening": 5}, created="08:00"),  # same day, made earlier
        review("2026-11-20", {"opening": None, "discovery": None}),
    ]
    assert score_trends(reviews) == {
        "opening": [(date(2026, 11, 4), 2), (date(2026, 11, 12), 5), (date(2026, 11, 12), 4)],
        "discovery": [(date(2026, 11, 4), 3)],
    }


def test_score_trends_of_nothing_is_empty() -> None:
    assert score_trends([]) == {}


def test_a_review_with_no_scores_key_value_reads_as_none_scored() -> None:
    got = CallReview.model_validate(
        {
            "id": "x",
            "rep": "alice",
            "date": "2026-11-04",
            "created": "2026-11-04T09:00:00Z",
            "call": "c",
            "pick": "struggled",
            "scores": None,
        }
    )
    assert got.scores == {}


# --- changes ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "piston", "expected"),
    [
        ("+10%", "opportunities", Change("relative", 0.10, "+10%")),
        ("-10%", "cycle_days", Change("relative", -0.10, "-10%")),
        ("+2.5%", "deal_size", Change("relative", 0.025, "+2.5%")),
        ("+2pt", "win_rate", Change("points", 0.02, "+2pt")),
        ("-1.5pt", "win_rate", Change("points", -0.015, "-1.5pt")),
        ("+2 pts", "win_rate", Change("points", 0.02, "+2 pts")),
        ("+5%", "win_rate", Change("relative", 0.05, "+5%")),
        ("0.3", "win_rate", Change("absolute", 0.3, "0.3")),
        ("30", "opportunities", Change("absolute", 30, "30")),
        ("45", "cycle_days", Change("absolute", 45, "45")),
        ("0", "opportunities", Change("absolute", 0, "0")),
    ],
)
def test_changes_parse(text: str, piston: str, expected: Change) -> None:
    got = parse_change(text, piston)
    assert (got.how, got.text) == (expected.how, expected.text)
    assert got.amount == pytest.approx(expected.amount)


@pytest.mark.parametrize(
    ("text", "piston", "says"),
    [
        ("lots", "win_rate", "is not a change; use +2pt"),
        ("", "opportunities", "is not a change"),
        ("+2pt", "deal_size", "points (pt) are for the win rate only"),
        ("30", "win_rate", "is not a win rate"),
        ("30%", "win_rate", "needs a sign"),
        ("10%", "opportunities", "needs a sign"),
        ("+5", "opportunities", "needs a unit"),
        ("-30", "cycle_days", "cannot be negative days"),
        ("-5", "deal_size", "cannot be negative"),
        ("nan", "deal_size", "is not a change"),
        ("inf%", "deal_size", "is not a change"),
        ("+1e3%", "deal_size", "is not a change"),
    ],
)
def test_bad_changes_are_refused_naming_the_piston(text: str, piston: str, says: str) -> None:
    with pytest.raises(UsageError) as info:
        parse_change(text, piston)
    assert info.value.field == piston
    assert says in info.value.message


# --- what-if ----------------------------------------------------------------------------------


def test_velocity_is_revenue_per_day() -> None:
    assert ALICE.velocity == pytest.approx(24 * 0.25 * 18000 / 60) == pytest.approx(1800)


def test_every_piston_changed_at_once() -> None:
    changes = {
        "opportunities": parse_change("+10%", "opportunities"),
        "win_rate": parse_change("+2pt", "win_rate"),
        "deal_size": parse_change("+5%", "deal_size"),
        "cycle_days": parse_change("-10%", "cycle_days"),
    }
    got = what_if(ALICE, changes)
    assert got.before == ALICE
    assert got.after.opportunities == pytest.approx(26.4)
    assert got.after.win_rate == pytest.approx(0.27)
    assert got.after.deal_size == pytest.approx(18900)
    assert got.after.cycle_days == pytest.approx(54)
    # 26.4 x 0.27 x 18900 / 54 = 2494.8 a day, 38.6% more than 1800
    assert got.after.velocity == pytest.approx(2494.8)
    assert got.change_pct == pytest.approx(38.6)
    assert got.reaches_target


def test_a_relative_win_rate_change_is_of_the_rate() -> None:
    got = what_if(ALICE, {"win_rate": parse_change("+5%", "win_rate")})
    assert got.after.win_rate == pytest.approx(0.2625)
    assert got.change_pct == pytest.approx(5)


def test_exactly_ten_percent_reaches_the_target_and_less_does_not() -> None:
    assert what_if(ALICE, {"opportunities": parse_change("+10%", "opportunities")}).reaches_target
    short = what_if(ALICE, {"opportunities": parse_change("+9.9%", "opportunities")})
    assert not short.reaches_target


def test_a_shorter_cycle_raises_velocity_by_more_than_its_percent() -> None:
    got = what_if(ALICE, {"cycle_days": parse_change("-10%", "cycle_days")})
    assert got.change_pct == pytest.approx(100 / 0.9 - 100)  # 11.1%


def test_absolute_values_replace_the_piston() -> None:
    got = what_if(ALICE, {"cycle_days": parse_change("45", "cycle_days")})
    assert got.after.cycle_days == 45
    assert got.change_pct == pytest.approx(100 * 60 / 45 - 100)


def test_no_change_is_zero_percent() -> None:
    got = what_if(ALICE, {})
    assert got.after == ALICE
    assert got.change_pct == 0
    assert not got.reaches_target


def test_an_engine_standing_still_has_no_percent_change() -> None:
    idle = Pistons(opportunities=0, win_rate=0.25, deal_size=18000, cycle_days=60)
    got = what_if(idle, {"opportunities": parse_change("5", "opportunities")})
    assert got.before.velocity == 0
    assert got.after.velocity == pytest.approx(375)
    assert got.change_pct is None
    assert not got.reaches_target


def test_minus_a_hundred_percent_may_empty_a_count_but_not_the_cycle() -> None:
    got = what_if(ALICE, {"opportunities": parse_change("-100%", "opportunities")})
    assert got.after.velocity == 0
    assert got.change_pct == pytest.approx(-100)
    with pytest.raises(UsageError, match="sales cycle 0 days") as info:
        what_if(ALICE, {"cycle_days": parse_change("-100%", "cycle_days")})
    assert info.value.field == "cycle_days"


@pytest.mark.parametrize(
    ("piston", "text", "says"),
    [
        ("cycle_days", "-150%", "sales cycle -30 days"),
        ("cycle_days", "0", "sales cycle 0 days"),
        ("win_rate", "+80pt", "win rate 105%"),
        ("win_rate", "-30pt", "win rate -5%"),
        ("win_rate", "+400%", "win rate 125%"),
        ("opportunities", "-101%", "cannot go below 0"),
        ("deal_size", "-200%", "cannot go below 0"),
    ],
)
def test_changes_that_break_the_engine_are_refused(piston: str, text: str, says: str) -> None:
    with pytest.raises(UsageError) as info:
        what_if(ALICE, {piston: parse_change(text, piston)})
    assert says in info.value.message
    assert text in info.value.message


PERCENT = st.integers(min_value=-99, max_value=300)


@given(opps=PERCENT, rate=st.integers(min_value=-25, max_value=75), deal=PERCENT, cycle=PERCENT)
def test_relative_changes_multiply_velocity(opps: int, rate: int, deal: int, cycle: int) -> None:
    """Velocity after = before x (1 + o) x (1 + w) x (1 + d) / (1 + c), and change_pct agrees."""
    changes = {
        "opportunities": parse_change(f"{opps:+d}%", "opportunities"),
        "win_rate": parse_change(f"{rate:+d}pt", "win_rate"),
        "deal_size": parse_change(f"{deal:+d}%", "deal_size"),
        "cycle_days": parse_change(f"{cycle:+d}%", "cycle_days"),
    }
    got = what_if(ALICE, changes)
    factor = (1 + opps / 100) * ((0.25 + rate / 100) / 0.25) * (1 + deal / 100) / (1 + cycle / 100)
    assert got.after.velocity == pytest.approx(ALICE.velocity * factor)
    assert got.change_pct == pytest.approx((factor - 1) * 100, abs=1e-9)
    assert got.reaches_target == (round((factor - 1) * 100, 9) >= 10)


def test_no_criteria_in_the_config_is_said_plainly() -> None:
    with pytest.raises(UsageError, match="lists no review criteria"):
        parse_scores(["opening=3"], [])
