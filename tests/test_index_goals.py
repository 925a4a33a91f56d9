"""The index answers goal and report questions exactly as reading every record would.

``goals open``, ``goals show``/``done`` and ``report`` read goals from the index (each goal's
newest entry, the 1:1 it was set in, the day it was closed) and only the 1:1s a report's window
needs. Here random journals, hand-edited ones included (goals closed without a date, reopened,
set before their first record, dated in the future), are read both ways and must agree.
"""

from __future__ import annotations

import shutil
import tempfile
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coachlog.core.calendar import Period, month_window, span
from coachlog.core.goals import GoalEntry, GoalState, goal_states
from coachlog.core.report import Report, by_rep, report_of
from coachlog.model import Goal, OneOnOne
from coachlog.ops.goals import current_states, find
from coachlog.ops.report import ReportRequest, gather_report
from coachlog.store.journal import Journal
from coachlog.store.yamlfile import Document
from coachlog.vocabulary import KIND_DIRS
from tests.conftest import Cli, as_written_by_0_1, make_journal

REPS = ("alice", "bob", "carol")
FIRST = date(2026, 8, 1)
SPAN = 150  # days of records: about five months


def _day(offset: int) -> date:
    return FIRST + timedelta(days=offset)


@st.composite
def journals(draw: st.DrawFn) -> list[OneOnOne]:
    """1:1s of three reps; each goal id belongs to one rep and appears at most once a record,
    with any status, closed date and set date the files could hold."""
    records = []
    for n in range(draw(st.integers(1, 12))):
        rep = draw(st.sampled_from(REPS))
        day = _day(draw(st.integers(0, SPAN)))
        ids = draw(st.lists(st.sampled_from(range(4)), max_size=3, unique=True))
        goals = [
            Goal(
                id=f"{rep[0]}{rep[0]}g{i}",
                title=f"Goal {i} of {rep}",
                kind=draw(st.sampled_from(["performance", "action", "career"])),
                owner=draw(st.sampled_from(["rep", "manager"])),
                status=draw(st.sampled_from(["open", "open", "done", "missed", "dropped"])),
                set=_day(draw(st.integers(-20, SPAN))),
                due=draw(st.none() | st.integers(0, SPAN).map(_day)),
                closed=draw(st.none() | st.integers(0, SPAN).map(_day)),
            )
            for i in ids
        ]
        created = datetime(2026, 1, 1, tzinfo=UTC) + timedelta(seconds=draw(st.integers(0, 9)))
        records.append(
            OneOnOne(
                id=f"{day.isoformat()}-{rep}-{n:04d}",
                rep=rep,
                date=day,
                created=created,
                minutes=30,
                goals=goals,
                helpful=draw(st.none() | st.integers(1, 5)),
            )
        )
    return records


def _write(root: Path, records: list[OneOnOne]) -> None:
    folder = root / KIND_DIRS["1on1"]
    shutil.rmtree(folder, ignore_errors=True)
    shutil.rmtree(root / ".coachlog", ignore_errors=True)
    for record in records:
        path = folder / f"{record.date.year}" / f"{record.id}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(Document.new(path, record.model_dump(), "").render(), encoding="utf-8")


def _facts(state: GoalState) -> tuple[Any, ...]:
    """What a state says, its goal as the index gives a goal back."""
    goal = state.goal
    if isinstance(goal, Goal):
        goal = GoalEntry.from_json(goal.model_dump(mode="json"))
    return (goal, state.rep, state.record.id, state.set_in, state.closed_on)


def test_a_goal_entry_holds_every_field_of_a_goal() -> None:
    """The index gives back goals without pydantic; a field added to the model must be added
    to the entry too, or listings would silently lose it."""
    assert list(GoalEntry.__dataclass_fields__) == list(Goal.model_fields)


def _report_from_every_record(journal: Journal, request: ReportRequest, today: date) -> Any:
    """The report as it was built before the index answered: every record, every goal."""
    one_on_ones = journal.records("1on1", request.rep)
    states = goal_states(one_on_ones).values()
    profiles = {
        h: journal.rep(h) for h in ([request.rep] if request.rep else journal.rep_handles())
    }
    return report_of(
        by_rep(one_on_ones, states, profiles),
        profiles,
        journal.config,
        request.window,
        today,
        detail=request.rep,
    )


@pytest.fixture(scope="session")
def base(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A journal with three reps and no records, made once (hypothesis runs a test many
    times; each run copies it)."""
    root = tmp_path_factory.mktemp("index-goals")
    make_journal(Cli(root))
    return root


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    records=journals(),
    start=st.integers(-10, SPAN + 10),
    length=st.integers(0, 60),
    today=st.integers(-10, SPAN + 40),
    detail=st.none() | st.sampled_from(REPS),
)
def test_goals_and_reports_from_the_index_equal_those_from_every_record(
    base: Path, records: list[OneOnOne], start: int, length: int, today: int, detail: str | None
) -> None:
    windows = [span(_day(start), _day(start + length)), month_window(_day(start))]
    _assert_index_agrees(base, records, windows, _day(today), detail)


def test_a_1on1_whose_goal_was_written_in_already_closed_still_set_a_goal(base: Path) -> None:
    """A goal first written, by hand, into a 1:1 of the window as set and closed before it:
    the 1:1 set that goal, so it did not end without one."""
    goal = Goal(
        id="aag0",
        title="Goal 0 of alice",
        kind="action",
        status="done",
        set=_day(0),
        closed=_day(5),
    )
    record = OneOnOne(
        id=f"{_day(40).isoformat()}-alice-0000",
        rep="alice",
        date=_day(40),
        created=datetime(2026, 1, 1, tzinfo=UTC),
        minutes=30,
        goals=[goal],
    )
    window = month_window(_day(40))
    (report,) = _assert_index_agrees(base, [record], [window], _day(80), None)
    assert report.reps[0].one_on_ones == 1
    assert "1on1-without-goal" not in report.reps[0].flags


def _assert_index_agrees(
    base: Path, records: list[OneOnOne], windows: list[Period], today: date, detail: str | None
) -> list[Report]:
    """Read ``records`` both ways and compare; the reports, as the index gave them."""
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "journal"
        shutil.copytree(base, root)
        _write(root, records)
        journal = Journal(root)

        expected = goal_states(records)
        indexed = current_states(journal, status=None)
        assert {s.goal.id: _facts(s) for s in indexed} == {
            s.goal.id: _facts(s) for s in expected.values()
        }
        for state in expected.values():  # goals show, done, ...: the whole history
            found = find(journal, state.goal.id)
            assert _facts(found) == _facts(state)
            assert [(r.id, g) for r, g in found.history] == [(r.id, g) for r, g in state.history]

        reports = []
        for window in windows:
            request = ReportRequest(window, rep=detail)
            report = gather_report(journal, request, today)
            assert report == _report_from_every_record(journal, request, today)
            reports.append(report)
        return reports


def test_a_goal_closed_by_hand_then_reopened_keeps_its_first_closing_day(
    journal: Path, cli: Cli
) -> None:
    """In records written before goals had a history (0.1.0), ``closed_on`` is the first
    record that shows the goal closed and the newest record says where it stands, as then;
    through the CLI on a real journal."""
    first = journal / cli.ok("new", "1on1", "--rep", "alice", "--no-edit").stdout.strip()
    goal_id = cli.ok(
        "goals", "add", "Run 5 discovery calls", "--rep", "alice", "--kind", "performance"
    ).stdout.strip()
    second = (
        journal
        / cli.ok(
            "new", "1on1", "--rep", "alice", "--no-edit", "--today", "2026-12-01"
        ).stdout.strip()
    )
    for path in (first, second):
        as_written_by_0_1(path)
    text = first.read_text(encoding="utf-8")
    first.write_text(text.replace("status: open", "status: missed"), encoding="utf-8")
    states = current_states(Journal(journal), status=None)
    assert [(s.goal.id, s.goal.status, s.closed_on, s.record.id) for s in states] == [
        (goal_id, "open", None, second.stem)
    ]
    text = second.read_text(encoding="utf-8")
    second.write_text(text.replace("status: open", "status: done"), encoding="utf-8")
    (state,) = current_states(Journal(journal), status=None)
    assert (state.goal.status, state.closed_on, state.set_in) == (
        "done",
        date.fromisoformat(first.stem[:10]),
        first.stem,
    )
