"""The fold of a goal's history (``coachlog.core.history``): pure, table-driven.

Each entry is a goal as one record holds it; the fold of their union is the goal's state,
whatever records hold which events and in which order the records come.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta, timezone
from itertools import permutations

import pytest

from coachlog.core.goals import GoalEntry
from coachlog.core.history import (
    Event,
    fold,
    moment_key,
    next_moment,
    origin,
)

T0 = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)


def at(minutes: int) -> datetime:
    return T0 + timedelta(minutes=minutes)


SET = Event(at(0), status="open", title="Run 5 calls")


def entry(*events: Event, **fields: object) -> GoalEntry:
    """A goal's entry whose fields are what its own events say (as coachlog writes it), unless
    ``fields`` says otherwise (a hand edit)."""
    base = GoalEntry(
        "g1", "Run 5 calls", "action", "rep", "open", date(2026, 11, 24), None, None,
        None, 5.0, None, None, None, (), tuple(events),
    )  # fmt: skip
    shown: dict[str, object] = {}
    for event in sorted(events, key=lambda e: e.key):
        shown.update(event.changes())
    if shown.get("status") in ("done", "missed", "dropped"):
        shown["closed"] = max(e.day for e in events if e.status)
    return replace(base, **{**shown, **fields})  # type: ignore[arg-type]


def state(*entries: GoalEntry) -> tuple[str, dict[str, object]]:
    folded = fold([(e, None) for e in entries])
    return folded.status, folded.values


def test_a_close_in_one_copy_beats_an_open_copy_rolled_forward_later() -> None:
    closed_here = entry(SET, Event(at(10), status="done"))
    rolled_there = entry(SET)  # the other clone's newer 1:1, written before it heard
    for order in permutations([closed_here, rolled_there]):
        assert state(*order)[0] == "done"


def test_two_fields_changed_in_two_places_both_stand() -> None:
    progressed = entry(SET, Event(at(10), progress=3))
    redated = entry(SET, Event(at(12), due=date(2026, 12, 8)))
    status, values = state(progressed, redated)
    assert (status, values["progress"], values["due"]) == ("open", 3.0, date(2026, 12, 8))


def test_the_same_field_changed_twice_takes_the_later_change() -> None:
    early, late = Event(at(10), progress=2), Event(at(20), progress=4)
    for order in permutations([entry(SET, late), entry(SET, early)]):
        assert state(*order)[1]["progress"] == 4.0


@pytest.mark.parametrize(
    ("events", "expected"),
    [
        ([Event(at(10), status="done"), Event(at(11), status="missed")], "conflict"),
        ([Event(at(10), status="done"), Event(at(11), status="done")], "done"),
        (
            [
                Event(at(10), status="done"),
                Event(at(11), status="missed"),
                Event(at(20), status="dropped"),
            ],
            "dropped",
        ),
        (
            [
                Event(at(10), status="done"),
                Event(at(11), status="missed"),
                Event(at(20), status="open"),
            ],
            "open",
        ),
        ([Event(at(10), status="done"), Event(at(20), status="open")], "open"),
        (
            [
                Event(at(10), status="done"),
                Event(at(20), status="open"),
                Event(at(30), status="missed"),
            ],
            "missed",
        ),
    ],
)
def test_closing_decisions(events: list[Event], expected: str) -> None:
    # each decision in a copy of its own (two clones), and all in one (after a settle)
    apart = [entry(SET, e) for e in events]
    assert state(*apart)[0] == expected
    assert state(entry(SET, *events))[0] == expected


def test_a_conflict_names_both_decisions_and_the_day_stays_with_the_first_close() -> None:
    done, missed = Event(at(10), status="done"), Event(at(11), status="missed")
    folded = fold([(entry(SET, done), None), (entry(SET, missed), None)])
    assert folded.decisions == (done, missed)
    assert folded.closed is None
    agreed = fold([(entry(SET, done), None), (entry(SET, replace(done, at=at(15))), None)])
    assert (agreed.status, agreed.closed, agreed.decisions) == ("done", done.day, ())


def test_events_are_ordered_by_their_own_moment_across_time_zones() -> None:
    paris = timezone(timedelta(hours=1))
    # 10:30 in Paris is 09:30 UTC: later than 09:20 UTC, though its clock time reads earlier
    later_in_paris = Event(datetime(2026, 11, 24, 10, 30, tzinfo=paris), progress=1)
    earlier_in_utc = Event(at(20), progress=2)  # 09:20 UTC
    assert state(entry(SET, later_in_paris), entry(SET, earlier_in_utc))[1]["progress"] == 1.0
    assert later_in_paris.day == date(2026, 11, 24)


def test_a_hand_edit_counts_after_what_its_entry_knew() -> None:
    by_hand = entry(SET, status="done", closed=date(2026, 11, 25))
    status, _ = state(by_hand)
    assert status == "done"
    # a change made elsewhere later still wins over the hand edit
    later = entry(SET, Event(at(30), status="open"), Event(at(31), progress=2))
    assert state(by_hand, later)[0] == "open"


def test_an_entry_that_cannot_show_a_conflict_is_no_hand_edit() -> None:
    both = entry(SET, Event(at(10), status="done"), Event(at(11), status="missed"), status="done")
    assert state(both)[0] == "conflict"


def test_goals_written_before_events_keep_their_newest_entry() -> None:
    legacy_open = entry(status="open")
    legacy_done = entry(status="done", closed=date(2026, 11, 20), progress=5.0)
    assert state(legacy_open, legacy_done)[0] == "done"
    assert state(legacy_done, legacy_open)[0] == "open"  # newest record wins, as in 0.1.0
    # one event written later onto a legacy goal settles it
    assert state(legacy_done, entry(Event(at(40), status="open"), status="open"))[0] == "open"


def test_origin_tells_two_goals_of_one_id_apart() -> None:
    mine, theirs = entry(SET), entry(Event(at(5), status="open", title="Run 5 calls"))
    assert origin(mine) != origin(theirs)
    assert origin(entry(SET, Event(at(9), progress=1))) == origin(mine)
    assert origin(entry()) == ""  # a goal with no history is told by its id alone
    assert origin(entry(Event(at(9), status="open"))) == ""  # a reopen sets no goal
    renamed = entry(Event(at(9), id="newid001", was="g1"))
    assert origin(renamed) == "id:g1"  # renamed, it is still the goal its old id named


def test_next_moment_comes_after_every_known_event() -> None:
    assert next_moment([SET], at(5)) == at(5)
    behind = next_moment([Event(at(10), progress=1)], at(5))  # this clock is behind
    assert moment_key(behind) > moment_key(at(10))
    assert next_moment([], at(1)) == at(1)


def test_an_event_reads_back_from_its_json() -> None:
    event = Event(at(3), status="done", due=date(2026, 12, 1), target=3.0, title="T")
    assert Event.of(event.to_json()) == event
    assert Event.of(event.to_json()).key == event.key


def test_entries_read_together_share_each_event_and_fold_as_read_apart() -> None:
    """The index reads a goal's entries (one per record holding it) sharing what it built: an
    event copied into several records is one event, and the fold is the same as when each
    entry is read on its own. A value that is no scalar (written by hand) is read apart."""
    older = entry(SET, Event(at(10), progress=1.0))
    newer = entry(SET, Event(at(10), progress=1.0), Event(at(20), status="done"))
    kept = [e.to_json() for e in (older, newer)]
    kept[1]["history"][1]["odd"] = ["a list"]  # an extra field: not what the model writes
    shared: dict[object, Event] = {}
    together = [GoalEntry.from_json(data, shared) for data in kept]
    apart = [GoalEntry.from_json(data) for data in kept]
    assert together[0].history[0] is together[1].history[0]
    assert together[0].history[1] is not together[1].history[1]  # its copy has the list
    assert apart[0].history[0] is not apart[1].history[0]
    assert together == apart
    assert fold([(e, None) for e in together]) == fold([(e, None) for e in apart])
    assert state(*together)[0] == "done"
