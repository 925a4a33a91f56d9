"""The 1:1 agenda (``core.agenda``): minutes per section, call reviews, ad-hoc questions."""

from __future__ import annotations

import copy
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coachlog.core.agenda import (
    CALL_REVIEW_KEY,
    CALL_REVIEW_QUESTIONS,
    Agenda,
    ReviewItem,
    allocate,
    build_agenda,
    check_meeting_minutes,
    pick_adhoc,
    section_minutes,
)
from coachlog.core.calendar import FiscalCalendar, period_of
from coachlog.defaults import DEFAULT_AGENDA
from coachlog.errors import UsageError
from coachlog.model import AgendaConfig, Goal, default_agenda
from coachlog.vocabulary import PHASES

CONFIG = default_agenda()
KEYS = ["goals", "forecast", "pipeline", "deals", "skills", "career", "free", "set-goals"]
KEEP = ("goals", "set-goals")
POOL = list(DEFAULT_AGENDA["adhoc_questions"])
DAY = date(2026, 11, 24)
REVIEW = ReviewItem(id="2026-11-20-alice-acme-discovery", call="Acme discovery", pick="struggled")

# the default agenda's table for a 40-minute 1:1 (``defaults.DEFAULT_AGENDA``), phase by phase
SPEC_TABLE = {
    "early": [5, 10, 10, 0, 5, 0, 5, 5],
    "mid": [5, 5, 5, 10, 5, 0, 5, 5],
    "late": [5, 5, 5, 15, 0, 0, 5, 5],
    "year-end": [5, 5, 5, 5, 0, 10, 5, 5],
}
LENGTHS = [10, 15, 20, 25, 30, 35, 40, 45, 50, 55, 60, 90, 120, 180, 240]
lengths = st.integers(2, 48).map(lambda blocks: blocks * 5)


def plan(phase: str, minutes: int, call: bool = False, config: AgendaConfig = CONFIG) -> dict:
    return dict(section_minutes(config, phase, minutes, with_call_review=call))  # type: ignore[arg-type]


def goal(gid: str, due: date | None = None, status: str = "open", **kw) -> Goal:
    return Goal(
        id=gid, title=f"goal {gid}", kind="action", set=date(2026, 11, 1), due=due, status=status,
        **kw,
    )  # fmt: skip


def agenda(minutes: int = 40, phase: str = "mid", **kw) -> Agenda:
    kw.setdefault("rep", "alice")
    kw.setdefault("day", DAY)
    return build_agenda(
        kw.pop("config", CONFIG),
        period=period_of(kw["day"], FiscalCalendar()),
        phase=phase,  # type: ignore[arg-type]
        minutes=minutes,
        **kw,
    )


# --- the default table ------------------------------------------------------------------------


def test_default_config_is_the_spec_table() -> None:
    assert [s.key for s in CONFIG.sections] == KEYS
    assert [s.title for s in CONFIG.sections] == [
        "Open goals review",
        "Forecast, current period",
        "Pipeline, next period",
        "Deals to close",
        "Skill development",
        "Career development",
        "Free time",
        "Set coaching goals",
    ]
    assert [s.key for s in CONFIG.sections if s.keep] == list(KEEP)
    assert [s.key for s in CONFIG.sections if s.open_goals] == ["goals"]
    assert [s.key for s in CONFIG.sections if s.adhoc] == ["free"]
    assert CONFIG.call_review_minutes == 20
    for phase, column in SPEC_TABLE.items():
        assert [s.minutes[phase] for s in CONFIG.sections] == column


@pytest.mark.parametrize("phase", PHASES)
def test_forty_minutes_is_exactly_the_spec_table(phase: str) -> None:
    assert section_minutes(CONFIG, phase, 40, with_call_review=False) == list(  # type: ignore[arg-type]
        zip(KEYS, SPEC_TABLE[phase], strict=True)
    )


@pytest.mark.parametrize(
    ("phase", "expected"),
    [
        # the call review comes right after the open goals review; the keep sections hold 5
        # minutes; the other 10 minutes go by the table's weights, ties to the earlier section,
        # except that Free time keeps 5 (from the largest other share; on a tie the lighter in
        # the table, then the later)
        ("early", [5, 20, 5, 0, 0, 0, 0, 5, 5]),
        ("mid", [5, 20, 0, 0, 5, 0, 0, 5, 5]),
        ("late", [5, 20, 0, 0, 5, 0, 0, 5, 5]),
        ("year-end", [5, 20, 0, 0, 0, 0, 5, 5, 5]),
    ],
)
def test_forty_minutes_with_a_call_review(phase: str, expected: list[int]) -> None:
    keys = ["goals", CALL_REVIEW_KEY, *KEYS[1:]]
    assert section_minutes(CONFIG, phase, 40, with_call_review=True) == list(  # type: ignore[arg-type]
        zip(keys, expected, strict=True)
    )


@pytest.mark.parametrize(
    ("phase", "minutes", "expected"),
    [
        ("early", 10, [5, 0, 0, 0, 0, 0, 0, 5]),
        ("early", 20, [5, 5, 5, 0, 0, 0, 0, 5]),
        ("early", 60, [10, 15, 15, 0, 5, 0, 5, 10]),
        ("early", 80, [10, 20, 20, 0, 10, 0, 10, 10]),
        ("mid", 45, [5, 5, 5, 15, 5, 0, 5, 5]),
        ("late", 30, [5, 5, 5, 10, 0, 0, 0, 5]),
        ("late", 90, [10, 15, 10, 35, 0, 0, 10, 10]),
        ("year-end", 45, [5, 5, 5, 5, 0, 15, 5, 5]),
        ("year-end", 240, [30, 30, 30, 30, 0, 60, 30, 30]),
    ],
)
def test_other_lengths_scale_the_table(phase: str, minutes: int, expected: list[int]) -> None:
    assert list(plan(phase, minutes).values()) == expected


@pytest.mark.parametrize("phase", PHASES)
@pytest.mark.parametrize("factor", [1, 2, 3, 4, 5, 6])
def test_whole_multiples_of_forty_multiply_every_section(phase: str, factor: int) -> None:
    assert list(plan(phase, 40 * factor).values()) == [m * factor for m in SPEC_TABLE[phase]]


def check_plan(phase: str, minutes: int, config: AgendaConfig = CONFIG) -> None:
    """The allocation rules (``core.agenda``'s docstring) for one length, with and without a
    call review."""
    plain = section_minutes(config, phase, minutes, with_call_review=False)  # type: ignore[arg-type]
    with_call = section_minutes(config, phase, minutes, with_call_review=True)  # type: ignore[arg-type]
    keys = [s.key for s in config.sections]
    assert [k for k, _ in plain] == keys
    for result in (plain, with_call):
        assert sum(m for _, m in result) == minutes
        assert all(m >= 0 and m % 5 == 0 for _, m in result)
    a, b = dict(plain), dict(with_call)
    for s in config.sections:
        if s.minutes[phase] == 0:  # type: ignore[index]
            assert a[s.key] == b[s.key] == 0, s.key
        elif s.keep:
            assert a[s.key] >= 5, s.key
    kept = sum(a[k] for k in KEEP)
    call = b.get(CALL_REVIEW_KEY, 0)
    for k in KEEP:  # the keep sections keep their time when a call review comes in
        assert b[k] == a[k], k
    # Free time keeps a block where it had one: the culture slot survives the call review
    culture = [s.key for s in config.sections if s.adhoc and not s.keep and a[s.key] > 0]
    for k in culture:
        assert b[k] >= 5, k
    assert call == max(min(20, minutes - kept - 5 * len(culture)), 0)
    for k in keys:  # the others only shrink
        assert b[k] <= a[k], k
    if call:
        assert [k for k, _ in with_call] == ["goals", CALL_REVIEW_KEY, *keys[1:]]
    else:
        assert CALL_REVIEW_KEY not in b


@pytest.mark.parametrize("phase", PHASES)
@pytest.mark.parametrize("minutes", LENGTHS)
def test_every_length_sums_in_blocks_and_keeps_the_keep_sections(phase: str, minutes: int) -> None:
    check_plan(phase, minutes)


@settings(max_examples=150, deadline=None)
@given(minutes=lengths, phase=st.sampled_from(PHASES))
def test_minutes_always_add_up(minutes: int, phase: str) -> None:
    check_plan(phase, minutes)


@pytest.mark.parametrize("phase", PHASES)
@pytest.mark.parametrize("minutes", [35, 40, 45, 60, 90, 240])
def test_a_call_review_is_twenty_minutes_from_thirty_five_up(phase: str, minutes: int) -> None:
    keys = list(plan(phase, minutes, call=True))
    assert plan(phase, minutes, call=True)[CALL_REVIEW_KEY] == 20
    assert keys.index(CALL_REVIEW_KEY) == keys.index("goals") + 1


@pytest.mark.parametrize("phase", PHASES)
@pytest.mark.parametrize(("minutes", "call"), [(25, 15), (20, 10), (15, 5)])
def test_under_thirty_minutes_the_call_review_takes_what_the_keep_sections_leave(
    phase: str, minutes: int, call: int
) -> None:
    result = plan(phase, minutes, call=True)
    assert result == {
        "goals": 5,
        CALL_REVIEW_KEY: call,
        **{k: 0 for k in KEYS[1:-1]},
        "set-goals": 5,
    }


def test_at_thirty_minutes_free_time_keeps_five_of_the_call_review() -> None:
    assert plan("early", 30)["free"] == 5
    result = plan("early", 30, call=True)
    assert (result[CALL_REVIEW_KEY], result["free"]) == (15, 5)
    assert plan("late", 30)["free"] == 0  # a short late meeting had none to keep
    assert plan("late", 30, call=True)[CALL_REVIEW_KEY] == 20


@pytest.mark.parametrize("phase", PHASES)
def test_ten_minutes_leave_no_room_for_a_call_review(phase: str) -> None:
    assert (
        plan(phase, 10, call=True)
        == plan(phase, 10)
        == {
            **{k: 0 for k in KEYS},
            "goals": 5,
            "set-goals": 5,
        }
    )


def test_call_review_minutes_come_from_the_config() -> None:
    config = AgendaConfig.model_validate({**DEFAULT_AGENDA, "call_review_minutes": 15})
    assert plan("mid", 40, call=True, config=config)[CALL_REVIEW_KEY] == 15
    assert sum(plan("mid", 40, call=True, config=config).values()) == 40
    config = AgendaConfig.model_validate({**DEFAULT_AGENDA, "call_review_minutes": 30})
    assert plan("mid", 40, call=True, config=config)[CALL_REVIEW_KEY] == 25  # Free time keeps 5
    assert plan("mid", 40, call=True, config=config)["free"] == 5
    assert plan("mid", 30, call=True, config=config)[CALL_REVIEW_KEY] == 20


# --- meeting lengths that cannot be planned ---------------------------------------------------


@pytest.mark.parametrize(
    ("minutes", "message"),
    [
        (7, "not a multiple of 5"),
        (12, "not a multiple of 5"),
        (41, "not a multiple of 5"),
        (239, "not a multiple of 5"),
        (5, "too short"),
        (0, "too short"),
        (-5, "too short"),
        (-40, "too short"),
        (245, "240 at most"),
        (250, "240 at most"),
        (1000, "240 at most"),
    ],
)
@pytest.mark.parametrize("phase", PHASES)
def test_unplannable_lengths_are_usage_errors(minutes: int, message: str, phase: str) -> None:
    with pytest.raises(UsageError, match=message) as caught:
        check_meeting_minutes(minutes, CONFIG, phase)  # type: ignore[arg-type]
    assert caught.value.exit_code == 2
    with pytest.raises(UsageError, match=message):
        section_minutes(CONFIG, phase, minutes, with_call_review=False)  # type: ignore[arg-type]
    with pytest.raises(UsageError, match=message):
        agenda(minutes, phase, shared_reviews=[REVIEW])


@pytest.mark.parametrize("minutes", [10, 240])
def test_the_shortest_and_longest_meetings_are_accepted(minutes: int) -> None:
    for phase in PHASES:
        check_meeting_minutes(minutes, CONFIG, phase)  # raises nothing


def test_the_shortest_meeting_gives_each_keep_section_a_block() -> None:
    config = AgendaConfig.model_validate(
        {"sections": [section(k, 10, keep=True) for k in ("a", "b", "c")] + [section("d", 10)]}
    )
    with pytest.raises(UsageError, match="the shortest is 15"):
        check_meeting_minutes(10, config, "mid")
    check_meeting_minutes(15, config, "mid")


# --- allocate ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("blocks", "weights", "expected"),
    [
        (6, [10, 10, 0, 5, 0, 5], [2, 2, 0, 1, 0, 1]),  # exact quotas
        (8, [1, 1, 1], [3, 3, 2]),  # ties go to the earlier weight
        (1, [1, 1], [1, 0]),
        (2, [1, 1, 1], [1, 1, 0]),
        (3, [1, 1, 1, 1], [1, 1, 1, 0]),
        (1, [1, 1, 2], [0, 0, 1]),  # the largest remainder first
        (2, [1, 2, 1], [1, 1, 0]),  # .5 and .5 left: the earlier wins
        (7, [5, 5, 5, 0, 10, 5], [1, 1, 1, 0, 3, 1]),
        (5, [0, 1, 0], [0, 5, 0]),  # zero weights get nothing
        (10, [0.5, 0.25, 0.25], [5, 3, 2]),
        (4, [3], [4]),
        (0, [1, 2], [0, 0]),
        (-3, [1, 2], [0, 0]),
        (3, [0, 0], [0, 0]),  # nothing to share by
        (3, [], []),
    ],
)
def test_allocate(blocks: int, weights: list[float], expected: list[int]) -> None:
    assert allocate(blocks, weights) == expected


@given(
    blocks=st.integers(0, 100),
    weights=st.lists(st.integers(0, 60), min_size=1, max_size=10),
)
def test_allocate_sums_exactly_and_stays_within_one_of_the_quota(
    blocks: int, weights: list[int]
) -> None:
    shares = allocate(blocks, weights)
    assert len(shares) == len(weights)
    total = sum(weights)
    if total == 0:
        assert shares == [0] * len(weights)
        return
    assert sum(shares) == blocks
    for share, weight in zip(shares, weights, strict=True):
        quota = blocks * weight / total
        assert quota - 1 < share < quota + 1
        if weight == 0:
            assert share == 0


# --- ad-hoc questions -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("previous", "count", "expected"),
    [
        ([0], 1, [1]),
        ([0], 2, [1, 2]),
        ([1, 2], 2, [3, 4]),
        ([3, 4], 2, [0, 1]),  # wraps round the pool
        ([4], 2, [0, 1]),
        ([4, 0], 2, [1, 2]),  # the last one asked sets the place, not the lowest
        ([2], 1, [3]),
        ([0], 5, [1, 2, 3, 4]),  # never the one asked last time, even when more are wanted
        ([0, 1], 9, [2, 3, 4]),
    ],
)
def test_pick_adhoc_follows_on_from_the_last_question(
    previous: list[int], count: int, expected: list[int]
) -> None:
    got = pick_adhoc(POOL, [POOL[i] for i in previous], count, "alice")
    assert got == [POOL[i] for i in expected]


@pytest.mark.parametrize("count", [1, 2])
@pytest.mark.parametrize("rep", ["alice", "bob", "carol", "dave", "erin"])
def test_pick_adhoc_rotates_through_the_whole_pool_and_never_repeats(count: int, rep: str) -> None:
    previous: list[str] = []
    asked: list[str] = []
    for _ in range(10):
        picked = pick_adhoc(POOL, previous, count, rep)
        assert len(picked) == count
        assert len(set(picked)) == count
        assert not set(picked) & set(previous)
        asked += picked
        previous = picked
    # in pool order, round and round, from wherever the rep started
    start = POOL.index(asked[0])
    assert asked == [POOL[(start + i) % len(POOL)] for i in range(len(asked))]
    assert set(asked[: len(POOL)]) == set(POOL)


@pytest.mark.parametrize(
    ("pool", "previous", "count", "expected"),
    [
        (["only"], [], 1, ["only"]),
        (["only"], [], 2, ["only"]),
        (["only"], ["only"], 1, []),  # the only question was asked last time
        (["a", "b"], ["a"], 1, ["b"]),
        (["a", "b"], ["b"], 1, ["a"]),
        (["a", "b"], ["a"], 2, ["b"]),
        (["a", "b"], ["a", "b"], 2, []),
        (["a", "b"], ["b", "a"], 1, []),
        ([], [], 2, []),
        (["a", "b", "c"], ["b"], 0, []),
        (["a", "b", "c"], ["b"], -1, []),
    ],
)
def test_pick_adhoc_small_pools(
    pool: list[str], previous: list[str], count: int, expected: list[str]
) -> None:
    assert pick_adhoc(pool, previous, count, "alice") == expected


@pytest.mark.parametrize(
    # where a rep with no history starts is fixed by the handle (a CRC of it), the same on
    # every run and every machine: pinned here so a change to it is seen
    ("rep", "first"),
    [("alice", 0), ("bob", 4), ("carol", 3), ("dave", 3), ("erin", 2)],
)
def test_a_rep_with_no_history_starts_at_a_place_fixed_by_the_handle(rep: str, first: int) -> None:
    assert pick_adhoc(POOL, [], 1, rep) == [POOL[first]]
    assert pick_adhoc(POOL, [], 2, rep) == [POOL[first], POOL[(first + 1) % 5]]
    assert pick_adhoc(POOL, [], 2, rep) == pick_adhoc(list(POOL), (), 2, rep)


def test_new_reps_do_not_all_start_on_the_same_question() -> None:
    starts = {pick_adhoc(POOL, [], 1, rep)[0] for rep in ("alice", "bob", "carol", "erin")}
    assert len(starts) >= 3


def test_questions_since_removed_from_the_pool_are_ignored() -> None:
    assert pick_adhoc(POOL, ["an old question"], 1, "bob") == pick_adhoc(POOL, [], 1, "bob")
    assert pick_adhoc(POOL, [POOL[1], "an old question"], 1, "bob") == [POOL[2]]


# --- build_agenda -----------------------------------------------------------------------------


def test_agenda_facts() -> None:
    got = agenda(40, "mid", rep="bob", day=date(2027, 2, 3))
    assert (got.rep, got.date, got.phase, got.minutes) == ("bob", date(2027, 2, 3), "mid", 40)
    assert got.period.label == "FY2027-Q1"


@pytest.mark.parametrize("phase", PHASES)
def test_agenda_sections_omit_zero_minute_sections(phase: str) -> None:
    got = agenda(40, phase)
    expected = [(k, m) for k, m in zip(KEYS, SPEC_TABLE[phase], strict=True) if m]
    assert [(s.key, s.minutes) for s in got.sections] == expected
    assert sum(s.minutes for s in got.sections) == 40
    titles = {s.key: s.title for s in CONFIG.sections}
    for item in got.sections:
        assert item.title == titles[item.key]
        assert item.questions[: len(by_key(item.key).questions)] == by_key(item.key).questions


def by_key(key: str):  # type: ignore[no-untyped-def]
    return next(s for s in CONFIG.sections if s.key == key)


def test_open_goals_are_listed_in_the_open_goals_review_only() -> None:
    goals = [goal("g1aa"), goal("g2bb", due=date(2026, 12, 1)), goal("g3cc", owner="manager")]
    got = agenda(40, "mid", open_goals=goals)
    listed = {s.key: [g.id for g in s.goals] for s in got.sections}
    assert listed.pop("goals") == ["g1aa", "g2bb", "g3cc"]
    assert all(ids == [] for ids in listed.values())
    assert agenda(40, "mid").sections[0].goals == []


@pytest.mark.parametrize(
    ("due", "status", "overdue"),
    [
        (date(2026, 11, 23), "open", True),  # due the day before the 1:1
        (date(2026, 1, 1), "open", True),
        (DAY, "open", False),  # due on the day: not yet overdue
        (date(2026, 11, 25), "open", False),
        (None, "open", False),
        (date(2026, 11, 23), "done", False),
        (date(2026, 11, 23), "missed", False),
        (date(2026, 11, 23), "dropped", False),
    ],
)
def test_agenda_flags_overdue_goals(due: date | None, status: str, overdue: bool) -> None:
    g = goal("abcd", due=due, status=status)
    assert agenda(40, "mid", open_goals=[g]).overdue(g) is overdue


@pytest.mark.parametrize(
    ("minutes", "phase", "free", "count"),
    [
        (40, "early", 5, 1),
        (40, "year-end", 5, 1),
        (45, "mid", 5, 1),
        (60, "late", 5, 1),
        (80, "mid", 10, 2),
        (90, "early", 10, 2),
        (240, "late", 30, 2),  # never more than two
    ],
)
def test_adhoc_questions_go_in_the_free_time(
    minutes: int, phase: str, free: int, count: int
) -> None:
    got = agenda(minutes, phase, rep="carol")
    item = next(s for s in got.sections if s.key == "free")
    assert item.minutes == free
    expected = pick_adhoc(POOL, [], count, "carol")
    assert len(got.adhoc) == count
    assert got.adhoc == expected
    assert item.questions == [*by_key("free").questions, *expected]
    assert all(q not in s.questions for s in got.sections if s.key != "free" for q in POOL)


def test_adhoc_questions_avoid_the_previous_ones() -> None:
    got = agenda(90, "mid", previous_adhoc=[POOL[1], POOL[2]])
    assert got.adhoc == [POOL[3], POOL[4]]
    got = agenda(40, "mid", previous_adhoc=[POOL[4]])
    assert got.adhoc == [POOL[0]]


def test_no_free_time_no_adhoc_questions() -> None:
    got = agenda(30, "late")  # late at 30 minutes: free time is 0
    assert "free" not in [s.key for s in got.sections]
    assert got.adhoc == []


def test_building_an_agenda_leaves_the_config_as_it_was() -> None:
    before = CONFIG.model_dump()
    first = agenda(90, "mid", open_goals=[goal("g1aa")], shared_reviews=[REVIEW])
    first.sections[0].questions.append("scribbled")
    second = agenda(90, "mid")
    assert CONFIG.model_dump() == before
    free = next(s for s in second.sections if s.key == "free")
    assert free.questions == [*by_key("free").questions, *second.adhoc]


@pytest.mark.parametrize("minutes", [30, 40, 60, 90])
def test_shared_reviews_add_a_call_review_after_the_open_goals_review(minutes: int) -> None:
    reviews = [REVIEW, ReviewItem(id="2026-11-21-alice-beta", call="Beta demo", pick="went-well")]
    got = agenda(minutes, "early", shared_reviews=reviews)
    keys = [s.key for s in got.sections]
    assert keys[:2] == ["goals", CALL_REVIEW_KEY]
    item = got.sections[1]
    assert (item.title, item.minutes) == ("Call review", 15 if minutes == 30 else 20)
    assert item.questions == list(CALL_REVIEW_QUESTIONS)
    assert item.reviews == reviews
    assert item.goals == []
    assert sum(s.minutes for s in got.sections) == minutes
    assert [s.minutes for s in got.sections if s.key in KEEP] == [
        s.minutes for s in agenda(minutes, "early").sections if s.key in KEEP
    ]
    assert all(s.reviews == [] for s in got.sections if s.key != CALL_REVIEW_KEY)
    assert all(s.minutes > 0 for s in got.sections)


def test_a_call_review_at_forty_minutes_keeps_free_time_and_its_question() -> None:
    got = agenda(40, "mid", shared_reviews=[REVIEW, REVIEW])
    assert [(s.key, s.minutes) for s in got.sections] == [
        ("goals", 5),
        (CALL_REVIEW_KEY, 20),
        ("deals", 5),
        ("free", 5),
        ("set-goals", 5),
    ]
    assert len(got.adhoc) == 1
    assert got.adhoc[0] in got.sections[3].questions


def test_no_shared_reviews_no_call_review() -> None:
    assert CALL_REVIEW_KEY not in [s.key for s in agenda(90, "mid", shared_reviews=[]).sections]


# --- an edited table --------------------------------------------------------------------------


def section(key: str, minutes: int | dict, **kw) -> dict:
    if isinstance(minutes, int):
        minutes = dict.fromkeys(PHASES, minutes)
    return {"key": key, "title": key.title(), "minutes": minutes, **kw}


EDITED = AgendaConfig.model_validate(
    {
        "call_review_minutes": 20,
        "adhoc_questions": ["One?", "Two?", "Three?"],
        "sections": [
            section("review", 10, keep=True, open_goals=True),
            section("numbers", {"early": 20, "mid": 10, "late": 10, "year-end": 0}),
            section("coaching", {"early": 0, "mid": 10, "late": 5, "year-end": 20}),
            section("chat", {"early": 5, "mid": 5, "late": 10, "year-end": 5}, adhoc=True),
            section("next", 5, keep=True),
        ],
    }
)
EDITED_TABLE = {
    "early": [10, 20, 0, 5, 5],
    "mid": [10, 10, 10, 5, 5],
    "late": [10, 10, 5, 10, 5],
    "year-end": [10, 0, 20, 5, 5],
}


@pytest.mark.parametrize("phase", PHASES)
@pytest.mark.parametrize("factor", [1, 2, 3, 6])
def test_an_edited_table_scales_the_same_way(phase: str, factor: int) -> None:
    got = plan(phase, 40 * factor, config=EDITED)
    assert list(got) == ["review", "numbers", "coaching", "chat", "next"]
    assert list(got.values()) == [m * factor for m in EDITED_TABLE[phase]]


@pytest.mark.parametrize("phase", PHASES)
@pytest.mark.parametrize("minutes", [15, 20, 25, 30, 35, 45, 55, 70, 100, 235])
def test_an_edited_table_sums_and_keeps_its_keep_sections(phase: str, minutes: int) -> None:
    plain = plan(phase, minutes, config=EDITED)
    with_call = plan(phase, minutes, call=True, config=EDITED)
    for result in (plain, with_call):
        assert sum(result.values()) == minutes
        assert all(m % 5 == 0 for m in result.values())
    assert plain["review"] >= 5
    assert plain["next"] >= 5
    assert (with_call["review"], with_call["next"]) == (plain["review"], plain["next"])
    left = minutes - plain["review"] - plain["next"] - (5 if plain["chat"] else 0)
    assert with_call.get(CALL_REVIEW_KEY, 0) == max(min(20, left), 0)
    if plain["chat"]:
        assert with_call["chat"] >= 5
    if CALL_REVIEW_KEY in with_call:  # after the section that lists the open goals
        assert list(with_call)[:2] == ["review", CALL_REVIEW_KEY]


def test_an_edited_table_builds_an_agenda() -> None:
    got = agenda(80, "early", config=EDITED, open_goals=[goal("g1aa")], shared_reviews=[REVIEW])
    assert [(s.key, s.minutes) for s in got.sections] == [
        ("review", 20),
        (CALL_REVIEW_KEY, 20),
        ("numbers", 25),
        ("chat", 5),
        ("next", 10),
    ]
    assert [g.id for g in got.sections[0].goals] == ["g1aa"]
    assert got.sections[3].questions[-1] in ["One?", "Two?", "Three?"]
    assert len(got.adhoc) == 1


def test_a_table_with_no_open_goals_section_puts_the_call_review_first() -> None:
    config = AgendaConfig.model_validate(
        {"sections": [section("talk", 30), section("next", 10, keep=True)]}
    )
    assert plan("mid", 40, call=True, config=config) == {
        CALL_REVIEW_KEY: 20,
        "talk": 10,
        "next": 10,
    }


def test_keep_sections_get_a_block_even_when_one_dominates_the_table() -> None:
    config = AgendaConfig.model_validate(
        {
            "sections": [
                section("big", 30, keep=True, open_goals=True),
                section("small", 1, keep=True),
                section("tiny", 1, keep=True),
                section("other", 8),
            ]
        }
    )
    for minutes in (15, 20):
        got = plan("mid", minutes, config=config)
        assert sum(got.values()) == minutes
        assert got["small"] == got["tiny"] == 5, got


def test_a_phase_with_only_keep_sections_still_fills_the_meeting() -> None:
    config = AgendaConfig.model_validate(
        {
            "sections": [
                section("a", 10, keep=True, open_goals=True),
                section("b", 10, keep=True),
                section("c", 10, keep=True),
                section("d", {"early": 0, "mid": 10, "late": 10, "year-end": 10}),
            ]
        }
    )
    for minutes in (15, 20, 25, 35, 40, 50):
        got = plan("early", minutes, config=config)
        assert sum(got.values()) == minutes, got
        assert got["d"] == 0
        assert min(got["a"], got["b"], got["c"]) >= 5
        got = plan("early", minutes, call=True, config=config)
        assert sum(got.values()) == minutes, got


phase_minutes = st.fixed_dictionaries({p: st.integers(0, 30) for p in PHASES})


@st.composite
def tables(draw: st.DrawFn) -> AgendaConfig:
    count = draw(st.integers(1, 8))
    sections = [
        section(f"s{i}", draw(phase_minutes), keep=draw(st.booleans())) for i in range(count)
    ]
    sections[draw(st.integers(0, count - 1))]["open_goals"] = True
    for phase in PHASES:  # the config refuses a phase with no minutes at all
        if not any(s["minutes"][phase] for s in sections):
            sections[0]["minutes"][phase] = 5
    return AgendaConfig.model_validate(
        {"call_review_minutes": draw(st.integers(1, 24)) * 5, "sections": sections}
    )


@settings(max_examples=200, deadline=None)
@given(config=tables(), phase=st.sampled_from(PHASES), minutes=lengths, call=st.booleans())
def test_any_table_plans_any_length_in_blocks_that_add_up(
    config: AgendaConfig, phase: str, minutes: int, call: bool
) -> None:
    try:
        check_meeting_minutes(minutes, config, phase)  # type: ignore[arg-type]
    except UsageError:
        kept = sum(1 for s in config.sections if s.keep and s.minutes[phase])  # type: ignore[index]
        assert minutes < 5 * kept
        return
    got = section_minutes(config, phase, minutes, with_call_review=call)  # type: ignore[arg-type]
    assert sum(m for _, m in got) == minutes
    assert all(m >= 0 and m % 5 == 0 for _, m in got)
    minutes_of = dict(got)
    for s in config.sections:
        base = s.minutes[phase]  # type: ignore[index]
        if base == 0:
            assert minutes_of[s.key] == 0
        elif s.keep:
            assert minutes_of[s.key] >= 5
    assert minutes_of.get(CALL_REVIEW_KEY, 0) <= config.call_review_minutes
    assert [k for k, _ in got if k != CALL_REVIEW_KEY] == [s.key for s in config.sections]


def test_the_default_table_is_not_changed_by_the_tests() -> None:
    assert AgendaConfig.model_validate(copy.deepcopy(DEFAULT_AGENDA)) == CONFIG
