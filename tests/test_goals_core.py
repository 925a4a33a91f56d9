"""The rules behind coaching goals, called directly: current state, roll-forward, ids and
prefixes, and the method's warnings."""

from __future__ import annotations

import re
import secrets
from datetime import date, datetime
from itertools import permutations

import pytest

from coachlog.core.goals import (
    ID_ALPHABET,
    ID_LENGTH,
    duplicate_ids,
    ended_without_goal,
    goal_states,
    goal_warnings,
    is_sales_goal,
    new_goal_id,
    open_goals,
    resolve,
    roll_forward,
)
from coachlog.errors import NotFoundError, UsageError
from coachlog.model import Goal, GoalLimits, OneOnOne, WarningSwitches

TODAY = date(2026, 11, 24)


def states_by_id(records):  # type: ignore[no-untyped-def]
    """Goal states by goal id (``goal_states`` keys them by id, rep and origin)."""
    return {s.goal.id: s for s in goal_states(records).values()}


def goal(goal_id: str = "g0001", **kw) -> Goal:  # type: ignore[no-untyped-def]
    fields = {"title": "Run 5 discovery calls", "kind": "action", "set": date(2026, 11, 3)}
    fields.update(kw)
    return Goal(id=goal_id, **fields)


def record(rid: str, day: str, created: str, *goals: Goal, rep: str = "alice") -> OneOnOne:
    return OneOnOne(
        id=rid,
        rep=rep,
        date=date.fromisoformat(day),
        created=datetime.fromisoformat(created),
        goals=list(goals),
    )


# --- goal_states: which record says where a goal stands -----------------------------------------


def test_latest_day_wins_whatever_the_order_given() -> None:
    first = record("r1", "2026-11-03", "2026-11-03T09:00:00+00:00", goal(status="open"))
    second = record("r2", "2026-11-10", "2026-11-10T09:00:00+00:00", goal(progress=2))
    third = record("r3", "2026-11-17", "2026-11-17T09:00:00+00:00", goal(status="done"))
    for order in permutations([first, second, third]):
        states = states_by_id(order)
        state = states["g0001"]
        assert state.goal.status == "done"
        assert state.record.id == "r3"
        assert state.rep == "alice"
        assert [r.id for r, _ in state.history] == ["r1", "r2", "r3"]
        assert [g.progress for _, g in state.history] == [None, 2, None]


def test_a_later_day_beats_a_later_creation_time() -> None:
    # written up late: the 11-10 record was created after the 11-17 one
    back_filled = record("r1", "2026-11-10", "2026-11-20T09:00:00+00:00", goal(status="done"))
    newer_day = record("r2", "2026-11-17", "2026-11-17T09:00:00+00:00", goal(status="open"))
    assert states_by_id([newer_day, back_filled])["g0001"].record.id == "r2"
    assert states_by_id([back_filled, newer_day])["g0001"].goal.status == "open"


def test_same_day_the_later_created_wins_even_if_its_id_sorts_first() -> None:
    morning = record("zz-morning", "2026-11-24", "2026-11-24T09:00:00+00:00", goal())
    afternoon = record(
        "aa-afternoon", "2026-11-24", "2026-11-24T15:00:00+00:00", goal(status="missed")
    )
    for order in ([morning, afternoon], [afternoon, morning]):
        state = states_by_id(order)["g0001"]
        assert state.record.id == "aa-afternoon"
        assert state.goal.status == "missed"
        assert [r.id for r, _ in state.history] == ["zz-morning", "aa-afternoon"]


def test_same_day_and_same_created_falls_back_to_the_id() -> None:
    one = record("2026-11-24-alice-aaaa", "2026-11-24", "2026-11-24T09:00:00+00:00", goal())
    two = record(
        "2026-11-24-alice-bbbb", "2026-11-24", "2026-11-24T09:00:00+00:00", goal(status="done")
    )
    for order in ([one, two], [two, one]):
        assert states_by_id(order)["g0001"].record.id == "2026-11-24-alice-bbbb"


def test_each_goal_has_its_own_state_and_rep() -> None:
    alice = record("r1", "2026-11-10", "2026-11-10T09:00:00+00:00", goal("a0001"), goal("a0002"))
    bob = record("r2", "2026-11-10", "2026-11-10T10:00:00+00:00", goal("b0001"), rep="bob")
    states = states_by_id([alice, bob])
    assert set(states) == {"a0001", "a0002", "b0001"}
    assert states["b0001"].rep == "bob"
    assert states["a0002"].record.id == "r1"
    assert goal_states([]) == {}


def test_open_goals_filters_and_orders() -> None:
    r = record(
        "r1",
        "2026-11-10",
        "2026-11-10T09:00:00+00:00",
        goal("late1", due=date(2026, 12, 20)),
        goal("nodue", due=None),
        goal("soon1", due=date(2026, 11, 30)),
        goal("done1", due=date(2026, 11, 1), status="done"),
        goal("drop1", status="dropped"),
    )
    b = record("r2", "2026-11-10", "2026-11-10T10:00:00+00:00", goal("bob01"), rep="bob")
    states = goal_states([r, b]).values()
    assert [s.goal.id for s in open_goals(states, "alice")] == ["soon1", "late1", "nodue"]
    assert [s.goal.id for s in open_goals(states)] == ["soon1", "late1", "nodue", "bob01"]
    assert open_goals(states, "carol") == []


def test_overdue_is_open_and_due_before_today() -> None:
    r = record(
        "r1",
        "2026-11-10",
        "2026-11-10T09:00:00+00:00",
        goal("past1", due=date(2026, 11, 23)),
        goal("today", due=TODAY),
        goal("nodue"),
        goal("done1", due=date(2026, 11, 1), status="done"),
    )
    states = states_by_id([r])
    assert states["past1"].overdue(TODAY)
    assert not states["today"].overdue(TODAY)
    assert states["today"].overdue(date(2026, 11, 25))
    assert not states["nodue"].overdue(date(2099, 1, 1))
    assert not states["done1"].overdue(TODAY)


# --- roll_forward ----------------------------------------------------------------------------


def test_roll_forward_carries_open_goals_as_they_stand() -> None:
    source = [
        goal("open1", progress=3, due=date(2026, 12, 1), notes=["2026-11-12: two booked"]),
        goal("done1", status="done", closed=date(2026, 11, 20)),
        goal("miss1", status="missed"),
        goal("drop1", status="dropped"),
        goal("open2", owner="manager"),
    ]
    carried = roll_forward(source, into=[])
    assert [g.id for g in carried] == ["open1", "open2"]
    assert carried[0] == source[0]  # same id, same set date, same progress, notes, due
    assert carried[0].set == date(2026, 11, 3)
    assert carried[0].status == "open"
    assert carried[1].owner == "manager"


def test_roll_forward_is_idempotent() -> None:
    source = [goal("open1"), goal("open2", kind="career"), goal("done1", status="done")]
    once = roll_forward(source, into=[])
    twice = roll_forward(source, into=once)
    assert twice == once
    assert roll_forward(source, into=twice) == once
    assert len({g.id for g in twice}) == len(twice)


def test_roll_forward_keeps_what_the_record_already_holds() -> None:
    held = [goal("open1", progress=5), goal("new01", title="Map the Acme org chart")]
    source = [goal("open1", progress=1), goal("open2")]
    result = roll_forward(source, into=held)
    assert [g.id for g in result] == ["open1", "new01", "open2"]
    assert result[0].progress == 5  # the record's own entry is not overwritten
    assert roll_forward([], into=held) == held


def test_roll_forward_does_not_change_its_inputs() -> None:
    source = [goal("open1")]
    into: list[Goal] = []
    roll_forward(source, into=into)
    assert into == []
    assert source == [goal("open1")]


# --- ids and prefixes -------------------------------------------------------------------------


def test_new_goal_id_is_short_random_and_readable() -> None:
    def token(n: int) -> str:
        return "".join(secrets.choice(ID_ALPHABET) for _ in range(n))

    ids = {new_goal_id([], token) for _ in range(200)}
    assert len(ids) == 200
    for goal_id in ids:
        assert len(goal_id) == ID_LENGTH
        assert re.fullmatch(r"[0-9a-hjkmnp-tv-z]+", goal_id)  # no i, l, o, u
        Goal(id=goal_id, title="t", kind="action", set=TODAY)  # a valid goal id


def test_new_goal_id_skips_taken_and_all_digit_ids() -> None:
    offered = iter(["abc123", "123456", "000000", "abc124"])
    calls: list[int] = []

    def token(n: int) -> str:
        calls.append(n)
        return next(offered)

    assert new_goal_id({"abc123", "zzzzzz"}, token) == "abc124"
    assert calls == [ID_LENGTH] * 4


IDS = ["abc111", "abc222", "abd333", "k7fq2m", "k7fq2"]


@pytest.mark.parametrize(
    ("prefix", "expected"),
    [
        ("abc1", "abc111"),
        ("abc111", "abc111"),
        ("ABC2", "abc222"),
        (" abd ", "abd333"),
        ("abd333", "abd333"),
        ("k7fq2", "k7fq2"),  # a whole id wins over the longer ids it starts
        ("k7fq2m", "k7fq2m"),
    ],
)
def test_resolve_takes_an_id_or_a_unique_prefix(prefix: str, expected: str) -> None:
    assert resolve(prefix, IDS) == expected


def test_resolve_ambiguous_prefix_lists_the_candidates() -> None:
    with pytest.raises(UsageError) as err:
        resolve("abc", IDS)
    assert "ambiguous" in str(err.value)
    assert "abc111" in str(err.value) and "abc222" in str(err.value)
    assert "abd333" not in str(err.value)
    with pytest.raises(UsageError) as err:
        resolve("a", IDS)
    assert all(i in str(err.value) for i in ("abc111", "abc222", "abd333"))


def test_resolve_ambiguous_among_many_shows_some() -> None:
    many = [f"a{n:05d}" for n in range(30)]
    with pytest.raises(UsageError) as err:
        resolve("a0", many)
    text = str(err.value)
    assert "30" in text and "a00000" in text and "..." in text and "a00029" not in text


def test_resolve_unknown_and_empty() -> None:
    with pytest.raises(NotFoundError) as err:
        resolve("zzz", IDS)
    assert "zzz" in str(err.value)
    with pytest.raises(NotFoundError):
        resolve("abc111x", IDS)
    with pytest.raises(NotFoundError):
        resolve("abc", [])
    with pytest.raises(UsageError):
        resolve("  ", IDS)


def test_duplicate_ids_in_one_record() -> None:
    r = record(
        "r1",
        "2026-11-10",
        "2026-11-10T09:00:00+00:00",
        goal("aaaa1"),
        goal("bbbb2"),
        goal("aaaa1"),
        goal("aaaa1"),
    )
    assert duplicate_ids(r) == [(2, "aaaa1"), (3, "aaaa1")]
    assert duplicate_ids(record("r2", "2026-11-10", "2026-11-10T09:00:00+00:00", goal())) == []


# --- the method's guard rails ---------------------------------------------------------------


@pytest.mark.parametrize(
    "title",
    [
        "Close the Acme deal",
        "close the deal",
        "Sign the contract",
        "Win the Initech account",
        "Get Acme to sign the MSA",
        "Closed the Globex renewal",
        "Win two new accounts this quarter",
    ],
)
def test_sales_goals_are_recognised(title: str) -> None:
    assert is_sales_goal(title)


@pytest.mark.parametrize(
    "title",
    [
        "Book the technical validation call with Acme's CTO",
        "Book a demo with the Initech buyer",
        "Run 5 discovery calls a week",
        "Sign up for the negotiation workshop",
        "Raise win rate on enterprise deals from 25% to 28%",
        "Improve close rate on inbound deals to 30%",
        "Lift the win-rate of new-logo deals by 10%",
        "Shorten the sales cycle on renewal deals by 10%",
        "Raise average deal size 10%",
        "Map the Acme org chart",
    ],
)
def test_coaching_goals_are_not_sales_goals(title: str) -> None:
    assert not is_sales_goal(title)


GOOD = {"due": date(2026, 12, 15), "target": 2.0, "measure": "meetings"}
ALL_ON = WarningSwitches()
LIMITS = GoalLimits()


def warnings(new: Goal, others=(), limits=LIMITS, switches=ALL_ON) -> list[str]:  # type: ignore[no-untyped-def]
    return [str(w) for w in goal_warnings(new, list(others), limits, switches, TODAY)]


def test_a_well_formed_goal_draws_no_warning() -> None:
    assert warnings(goal(title="Book the validation call with Acme's CTO", **GOOD)) == []


def test_each_warning_and_its_switch() -> None:
    sales = goal(title="Close the Acme deal", kind="opportunity", **GOOD)
    no_due = goal(due=None, target=5)
    no_target = goal(due=date(2026, 12, 1))
    cases = [(sales, "sales_goal", "sales goal"), (no_due, "no_due_date", "due date")]
    cases.append((no_target, "no_target", "target"))
    for new, switch, words in cases:
        found = warnings(new)
        assert len(found) == 1 and words in found[0], found
        assert warnings(new, switches=WarningSwitches(**{switch: False})) == []
        # the other switches do not silence it
        others_off = {k: False for k in WarningSwitches.model_fields if k != switch}
        assert len(warnings(new, switches=WarningSwitches(**others_off))) == 1


def test_warnings_add_up() -> None:
    found = warnings(goal(title="Sign the contract", kind="opportunity"))
    assert len(found) == 3


def test_a_past_due_date_is_told() -> None:
    found = warnings(goal(due=date(2026, 11, 1), target=1))
    assert len(found) == 1 and "2026-11-01" in found[0]


def test_manager_commitments_need_no_target() -> None:
    assert warnings(goal(owner="manager", due=date(2026, 12, 1))) == []


@pytest.mark.parametrize(("kind", "limit"), [("opportunity", 3), ("performance", 1), ("career", 1)])
def test_more_goals_of_a_kind_than_the_recipe(kind: str, limit: int) -> None:
    def same(n: int) -> list[Goal]:
        return [goal(f"k{i:04d}", kind=kind, **GOOD) for i in range(n)]

    new = goal("new01", kind=kind, **GOOD)
    assert warnings(new, same(limit - 1)) == []
    found = warnings(new, same(limit))
    assert len(found) == 1
    assert f"{limit + 1} open {kind} goals" in found[0] and f"at most {limit}" in found[0]
    # other kinds and the manager's commitments do not count
    other_kind = "career" if kind != "career" else "performance"
    others = [goal(f"o{i:04d}", kind=other_kind, **GOOD) for i in range(5)]
    others += [goal(f"m{i:04d}", kind=kind, owner="manager", **GOOD) for i in range(5)]
    assert warnings(new, others + same(limit - 1)) == []
    assert warnings(new, same(limit), switches=WarningSwitches(too_many_goals=False)) == []
    # the team's own limits
    assert warnings(new, same(limit), limits=GoalLimits(**{kind: limit + 1})) == []


def test_action_goals_have_no_recipe() -> None:
    many = [goal(f"a{i:04d}", **GOOD) for i in range(20)]
    assert warnings(goal("new01", **GOOD), many) == []


# --- every 1:1 ends with a coaching goal --------------------------------------------------------


def test_ended_without_goal() -> None:
    g = goal("g0001")
    set_here = record("r1", "2026-11-10", "2026-11-10T09:00:00+00:00", g)
    carried_only = record("r2", "2026-11-17", "2026-11-17T09:00:00+00:00", g)
    empty = record("r3", "2026-11-24", "2026-11-24T09:00:00+00:00")
    states = goal_states([set_here, carried_only, empty]).values()
    assert not ended_without_goal(set_here, states)
    assert ended_without_goal(carried_only, states)
    assert ended_without_goal(empty, states)
    # a goal set there and closed since still counts
    later = record("r4", "2026-11-20", "2026-11-20T09:00:00+00:00", goal("g0001", status="done"))
    closed = goal_states([set_here, later])
    assert not ended_without_goal(set_here, closed.values())
