"""The accountability report: for a window of days, each rep's coaching facts and flags, and
the manager's own commitments. Pure: records, goal states, profiles, config, window and today
come in as arguments; nothing here reads a file or a clock.

Rules:

- The window is a span of whole days, both ends included: a calendar month by default.
- Counts (1:1s, coaching minutes, call reviews, goals set and closed, ratings) are over the
  window, up to ``as_of``: the window's end or today, whichever is earlier. ``open``,
  ``overdue``, the last 1:1 and ``days_since`` are as of ``as_of`` too.
- **What counts** (``counted``): a record dated on or before ``as_of``; a 1:1 only when it is
  not cancelled (``OneOnOne.counts_on``). A 1:1 written ahead of its day is planned, and counts
  from its day on.
- Coaching minutes sum what each counted record counts for (``Record.coaching_minutes``): the
  ``minutes`` of call reviews, debriefs and observations; for a 1:1, the minutes it took when
  ``coachlog held --minutes`` said so, else its planned length.
- **As of the window**: a past window shows what was true then: the #1 behaviour in force on
  ``as_of`` (``Rep.focus_on``, from the profile's focus and its history), each goal as it stood
  at the end of ``as_of`` (``GoalState.as_of``: the fold of its events made by then, so a goal
  closed, re-dated or reopened later counts with its status, close day and due date of then),
  and only ratings given by then (``OneOnOne.rated_by``).
- **Minutes target, per calendar month**: each calendar month the window touches contributes
  ``coaching_minutes_target * days of the window in that month / days in that month``; the sum
  is rounded half up to whole minutes. So any full calendar month (February too) is exactly the
  monthly target, two full months are twice it, and November 1-15 is 180 * 15/30 = 90.
- **Call reviews target**: ``call_reviews_per_week * window days / 7``, rounded half up to one
  decimal (November: 2 * 30/7 = 8.6).
- Goals: a rep's row counts the goals the rep owns; goals the manager owns are the manager's
  commitments. ``set`` is a goal whose set date is in the window; ``done``, ``missed`` and
  ``dropped`` are goals closed in the window with that status (a closed goal without a
  ``closed`` date counts as closed on the day of the first record that shows it closed).
  ``completion_rate`` is done / (done + missed), ``None`` when both are 0; ``helpful_mean`` is
  the mean ``helpful`` rating of the rep's 1:1s in the window, ``None`` when none is rated.

Flags name what falls short (codes; the renderers word them), in this order:

- ``no-1on1``: no 1:1 on or before ``as_of`` at all.
- ``1on1-cadence``: the last 1:1 is more than ``cadence_days`` (config, 7) before ``as_of``.
- ``coaching-below-target``: coaching minutes below ``minutes_due``.
- ``call-reviews-below-target``: call reviews below ``call_reviews_due``.
- ``goals-overdue``: an open goal of the rep is past its due date as of ``as_of``.
- ``low-completion``: completion rate below 50% (``LOW_COMPLETION``).
- ``1on1-without-goal``: a 1:1 in the window, dated before today, where no goal was set (the
  same test as ``new 1on1``'s warning; today's 1:1 may still be under way).
- ``no-focus``: no #1 behaviour was in force on ``as_of``.
- ``low-helpful``: the rep rated the window's 1:1s below 3 of 5 on average (``LOW_HELPFUL``).
- ``commit-falling``: the newest forecast of the window commits less than the forecast before
  it (``core.forecast``).
- ``pipeline-coverage``: the newest forecast's next-period pipeline is under
  ``pipeline_coverage`` (config, 3) times the rep's ``quota``.

Each row carries the newest forecast of the window (``forecast``, or None), the window's
series of forecasts (``forecasts``), the rep's ``quota`` and the ``coverage`` it gives.

A window still running is judged on its pace: ``minutes_due`` is the minutes target pro-rated
(same rule) to the days from the window's start to ``as_of``, and ``call_reviews_due`` the
whole call reviews due by then (the floor: 8.57 due means 8 are enough). The first four flags
wait until the window has started. The manager's flags: ``commitments-overdue`` (one is open
past its due date), ``commitments-missed`` (one was missed in the window),
``reps-without-1on1`` (a rep had no 1:1 in the window), ``listening-below-target`` (the
minutes of the reps' call reviews the manager commented on, ``listening_minutes``, fall short
of ``listening_minutes_per_week`` (config, 30) pro-rated to the days up to ``as_of``).

Each rep's row also carries the focus adoption: the #1 behaviours that ended in the window
(moved to the focus history with an ``until`` in it) and how many stuck, ``yes``, ``partly``
or ``no`` (``focus close --stuck``).

One rep in detail adds a timeline (every record and every goal set or closed in the window)
and a trend: one point per calendar month, the window's months and the ``TREND_MONTHS`` (6)
up to ``as_of``, leaving out months before the rep's first record or goal.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from itertools import chain, pairwise
from typing import Any

from coachlog.core import forecast as forecasts
from coachlog.core.amounts import round_half_up, whole
from coachlog.core.calendar import Period, fiscal_calendar, month_window, span
from coachlog.core.forecast import ForecastPoint
from coachlog.core.goals import GoalState, ended_without_goal
from coachlog.errors import UsageError
from coachlog.model import (
    CallReview,
    Debrief,
    Engine,
    JournalConfig,
    Observation,
    OneOnOne,
    Record,
    Rep,
)

LOW_COMPLETION = 0.5
LOW_HELPFUL = 3.0
TREND_MONTHS = 6

REP_FLAGS: tuple[str, ...] = (
    "no-1on1",
    "1on1-cadence",
    "coaching-below-target",
    "call-reviews-below-target",
    "goals-overdue",
    "low-completion",
    "1on1-without-goal",
    "no-focus",
    "low-helpful",
    "commit-falling",
    "pipeline-coverage",
)
MANAGER_FLAGS: tuple[str, ...] = (
    "commitments-overdue",
    "commitments-missed",
    "reps-without-1on1",
    "listening-below-target",
)


# --- the window -------------------------------------------------------------------------------


_MONTH = re.compile(r"^(\d{4})-(\d{2})$")


def parse_month(text: str) -> Period:
    """``YYYY-MM`` as its calendar month; a clear error about the month otherwise."""
    match = _MONTH.match(text.strip())
    if not match or not 1 <= int(match.group(2)) <= 12 or int(match.group(1)) < 1:
        raise UsageError(f"{text!r} is not a month; use YYYY-MM, like 2026-11", field="month")
    return month_window(date(int(match.group(1)), int(match.group(2)), 1))


def report_window(
    today: date,
    *,
    month: str | None = None,
    since: date | None = None,
    until: date | None = None,
) -> Period:
    """The window asked for: ``month`` (``YYYY-MM``), or ``since`` and ``until`` (``since``
    alone runs to today; ``until`` alone starts on the first of its month), else the month
    holding ``today``."""
    if month is not None:
        if since is not None or until is not None:
            raise UsageError("give a month, or a start and end day, not both", field="month")
        return parse_month(month)
    if since is None and until is None:
        return month_window(today)
    start = since if since is not None else month_window(until or today).start
    end = until if until is not None else max(today, start)
    if start > end:
        field = "since" if since is not None else "until"
        raise UsageError(f"the window starts on {start} after it ends on {end}", field=field)
    return span(start, end)


def months_of(window: Period) -> list[Period]:
    """The calendar months the window touches, each cut to the window."""
    found = []
    day = window.start
    while day <= window.end:
        month = month_window(day)
        found.append(span(max(month.start, window.start), min(month.end, window.end)))
        if month.end == date.max:  # the calendar's last month
            break
        day = month.end + timedelta(days=1)
    return found


def months_before(month: Period, count: int) -> date:
    """The first day of the month ``count`` months before ``month`` (at most back to the
    calendar's first month)."""
    start = month.start
    for _ in range(count):
        if start == date.min:
            break
        start = month_window(start - timedelta(days=1)).start
    return start


def _minutes_target_exact(window: Period, monthly: float) -> float:
    """``monthly`` for each whole calendar month of ``window``, and the share of it for each
    part of one (at most two: its first and its last), without a walk over every month."""
    first, last = month_window(window.start), month_window(window.end)
    if first == last:
        return monthly * window.days / first.days
    whole = (last.start.year - first.start.year) * 12 + last.start.month - first.start.month - 1
    head = monthly * ((first.end - window.start).days + 1) / first.days
    tail = monthly * ((window.end - last.start).days + 1) / last.days
    return head + monthly * whole + tail


def minutes_target(window: Period, monthly: float) -> int:
    """The coaching minutes due in ``window``: pro-rated per calendar month (module doc)."""
    return int(round_half_up(_minutes_target_exact(window, monthly)))


def call_reviews_target(window: Period, per_week: float) -> float:
    """Call reviews due in ``window``: ``per_week`` for every 7 days, to one decimal."""
    return round_half_up(per_week * window.days / 7, 1)


# --- goals as of a day ------------------------------------------------------------------------


def open_on(state: GoalState, day: date) -> bool:
    """Set on or before ``day`` and not closed by the end of it (``state`` as of ``day``)."""
    if state.goal.set > day:
        return False
    return state.closed_on is None or state.closed_on > day


def overdue_on(state: GoalState, day: date) -> bool:
    """Open at the end of ``day`` and due before it (``state`` as of ``day``: the due date as
    it stood then)."""
    due = state.goal.due
    return open_on(state, day) and due is not None and due < day


def states_on(states: Iterable[GoalState], day: date) -> list[GoalState]:
    """Each goal as it stood at the end of ``day`` (``GoalState.as_of``)."""
    return [state.as_of(day) for state in states]


@dataclass(frozen=True)
class GoalCounts:
    set: int = 0
    done: int = 0
    missed: int = 0
    dropped: int = 0
    open: int = 0
    overdue: int = 0

    @property
    def completion_rate(self) -> float | None:
        decided = self.done + self.missed
        return round_half_up(self.done / decided, 3) if decided else None


def count_goals(states: Iterable[GoalState], window: Period, as_of: date) -> GoalCounts:
    """The goals set, closed (by status), open and overdue in ``window``, each goal as it stood
    on ``as_of``."""
    set_ = done = missed = dropped = open_ = overdue = 0
    for state in states_on(states, as_of):
        set_ += state.goal.set in window
        closed = state.closed_on
        if closed is not None and closed in window:
            done += state.goal.status == "done"
            missed += state.goal.status == "missed"
            dropped += state.goal.status == "dropped"
        open_ += open_on(state, as_of)
        overdue += overdue_on(state, as_of)
    return GoalCounts(set_, done, missed, dropped, open_, overdue)


# --- the report -------------------------------------------------------------------------------


@dataclass(frozen=True)
class FocusFact:
    behaviour: str
    since: date
    days: int


@dataclass(frozen=True)
class FocusAdoption:
    """The #1 behaviours of a rep that ended in the window, and whether each stuck."""

    closed: int = 0
    yes: int = 0
    partly: int = 0
    no: int = 0

    @property
    def unanswered(self) -> int:
        return self.closed - self.yes - self.partly - self.no


def focus_adoption(profile: Rep, window: Period) -> FocusAdoption:
    """The behaviours of ``profile``'s focus history that ended within ``window``."""
    ended = [f for f in profile.focus_history if f.until is not None and f.until in window]
    return FocusAdoption(
        closed=len(ended),
        yes=sum(f.stuck == "yes" for f in ended),
        partly=sum(f.stuck == "partly" for f in ended),
        no=sum(f.stuck == "no" for f in ended),
    )


def listening_minutes(reviews: Iterable[CallReview]) -> int:
    """The manager's listening: the minutes of the call reviews the manager commented on."""
    return sum(r.minutes for r in reviews if "manager" in r.commented)


def listening_target(window: Period, per_week: float) -> int:
    """The manager's listening minutes due in ``window``: ``per_week`` for every 7 days,
    rounded half up to whole minutes."""
    return int(round_half_up(per_week * window.days / 7))


@dataclass(frozen=True)
class RepRow:
    rep: str
    name: str
    manager: str
    one_on_ones: int
    last_one_on_one: date | None
    days_since: int | None
    coaching_minutes: int
    target_minutes: int
    minutes_due: int  # the target pro-rated to the days from the window's start to as_of
    goals: GoalCounts
    call_reviews: int
    call_reviews_target: float
    call_reviews_due: int  # whole reviews due from the window's start to as_of
    focus: FocusFact | None
    helpful_mean: float | None
    helpful_ratings: int
    flags: tuple[str, ...]
    call_reviews_per_week: float | None = None  # shared so far in the window, per 7 days
    debriefs: int = 0
    observations: int = 0
    # each criterion's scores in the window, oldest first: the trend a coach follows
    scores: tuple[tuple[str, tuple[tuple[date, int], ...]], ...] = ()
    forecast: ForecastPoint | None = None  # the newest in the window
    forecasts: tuple[ForecastPoint, ...] = ()  # the window's, oldest first
    previous_commit: float | None = None  # the commit before the newest forecast's
    commit_changes: tuple[float | None, ...] = ()  # each of forecasts' change in its period
    quota: float | None = None
    coverage: float | None = None  # next period's pipeline over the quota
    engine: Engine | None = None  # the four pistons, as the profile holds them
    listening_minutes: int = 0  # minutes of the rep's reviews the manager commented on
    focus_adoption: FocusAdoption = FocusAdoption()
    team: str = ""
    # days from each 1:1 to the next, the window's 1:1s up to as_of and the last one before
    gaps: tuple[int, ...] = ()
    helpful_total: int = 0  # the sum of the ratings behind helpful_mean

    @property
    def completion_rate(self) -> float | None:
        return self.goals.completion_rate

    @property
    def score_means(self) -> dict[str, float]:
        """Each scored criterion's mean in the window, rounded half up to two places (as the
        trend's means and ``helpful_mean`` are)."""
        return {
            name: round_half_up(sum(score for _, score in points) / len(points), 2)
            for name, points in self.scores
        }


@dataclass(frozen=True)
class Commitment:
    """An open commitment of the manager that is past due: what, for whom, since when."""

    id: str
    rep: str
    title: str
    due: date
    team: str = ""  # the journal's, as a rep row's ``team``


@dataclass(frozen=True)
class ManagerSection:
    name: str
    commitments: GoalCounts
    overdue: tuple[Commitment, ...]
    reps: int
    reps_with_one_on_one: int
    flags: tuple[str, ...]
    listening_minutes: int = 0
    listening_target: int = 0
    listening_due: int = 0  # the target pro-rated to the days from the window's start to as_of


@dataclass(frozen=True)
class TimelineEntry:
    """One dated fact in a rep's coaching: a record, or a goal set or closed."""

    date: date
    kind: str  # 1on1, review, debrief, observation, goal-set, goal-done, goal-missed, ...
    id: str
    minutes: int | None = None
    facts: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class TrendPoint:
    month: Period
    one_on_ones: int
    coaching_minutes: int
    target_minutes: int
    goals: GoalCounts
    call_reviews: int
    call_reviews_target: float
    helpful_mean: float | None
    scores: Mapping[str, float | None]


@dataclass(frozen=True)
class RepDetail:
    rep: str
    timeline: tuple[TimelineEntry, ...]
    trend: tuple[TrendPoint, ...]


@dataclass(frozen=True)
class ManagerRow:
    """A second-line manager's view of one first-line manager: the sums of the rows of the
    reps they coach, their own commitments, and the spread of their 1:1s."""

    team: str
    manager: str
    reps: int
    reps_with_one_on_one: int
    one_on_ones: int
    coaching_minutes: int
    target_minutes: int
    median_days_between: float | None  # between consecutive 1:1s of a rep, over all their reps
    goals: GoalCounts  # the reps' own goals
    commitments: GoalCounts  # goals the manager owns
    helpful_mean: float | None
    rated: int  # 1:1s in the window the rep rated
    flags: tuple[str, ...] = ()
    listening_minutes: int = 0  # of their reps' call reviews the manager commented on
    listening_target: int = 0
    listening_due: int = 0  # the target pro-rated to the days from the window's start to as_of

    @property
    def completion_rate(self) -> float | None:
        return self.goals.completion_rate

    @property
    def rated_share(self) -> float | None:
        return round_half_up(self.rated / self.one_on_ones, 3) if self.one_on_ones else None


@dataclass(frozen=True)
class ManagerPoint:
    """One calendar month of a manager's figures."""

    month: Period
    row: ManagerRow


@dataclass(frozen=True)
class ManagerDetail:
    team: str
    manager: str
    trend: tuple[ManagerPoint, ...]


@dataclass(frozen=True)
class Report:
    window: Period
    as_of: date
    today: date
    team: str
    reps: tuple[RepRow, ...]
    manager: ManagerSection
    detail: RepDetail | None = None
    managers: tuple[ManagerRow, ...] = ()
    manager_detail: ManagerDetail | None = None
    teams: tuple[str, ...] = ()  # the teams read, in the order given


def as_of_for(window: Period, today: date) -> date:
    return min(window.end, today)


def _mean(values: Sequence[float], places: int) -> float | None:
    return round_half_up(sum(values) / len(values), places) if values else None


@dataclass
class _RepFacts:
    """One rep's records and goals, split once."""

    records: list[Record]
    one_on_ones: list[OneOnOne]
    reviews: list[CallReview]
    debriefs: list[Record]
    observations: list[Record]
    goals: list[GoalState]  # owned by the rep
    commitments: list[GoalState]  # owned by the manager
    all_goals: list[GoalState]


def rep_facts(records: Iterable[Record], states: Iterable[GoalState]) -> _RepFacts:
    """One rep's records and goals, split once, each oldest first."""
    found = _RepFacts([], [], [], [], [], [], [], [])
    for record in sorted(records, key=lambda r: r.sort_key):
        found.records.append(record)
        if isinstance(record, OneOnOne):
            found.one_on_ones.append(record)
        elif isinstance(record, CallReview):
            found.reviews.append(record)
        elif record.kind == "debrief":
            found.debriefs.append(record)
        elif record.kind == "observation":
            found.observations.append(record)
    for state in sorted(states, key=lambda s: (s.goal.set, s.goal.id)):
        found.all_goals.append(state)
        (found.commitments if state.goal.owner == "manager" else found.goals).append(state)
    return found


def by_rep(
    records: Iterable[Record], states: Iterable[GoalState], reps: Iterable[str]
) -> Iterator[RepInput]:
    """Records and goals read all at once, handed out a rep at a time, as ``report_of``
    takes them."""
    handles = sorted(reps)
    mine: dict[str, tuple[list[Record], list[GoalState]]] = {h: ([], []) for h in handles}
    for record in records:
        if record.rep in mine:
            mine[record.rep][0].append(record)
    for state in states:
        if state.rep in mine:
            mine[state.rep][1].append(state)
    for handle in handles:
        yield RepInput(handle, *mine.pop(handle))


def _in(records: Iterable[Any], window: Period) -> list[Any]:
    return [r for r in records if r.date in window]


def counted(records: Iterable[Record], window: Period, as_of: date) -> list[Any]:
    """The records of ``window`` a report as of ``as_of`` counts (``Record.counts_on``: dated
    on or before that day, and for a 1:1, not cancelled)."""
    first, last = window.start, window.end
    return [r for r in records if first <= r.date <= last and r.counts_on(as_of)]


def ratings_by(one_on_ones: Iterable[OneOnOne], day: date) -> list[int]:
    """The ``helpful`` ratings of ``one_on_ones`` given by the end of ``day``."""
    return [n for r in one_on_ones if (n := r.rated_by(day)) is not None]


def rep_row(
    handle: str,
    profile: Rep,
    facts: _RepFacts,
    config: JournalConfig,
    window: Period,
    today: date,
    team: str = "",
) -> RepRow:
    as_of = as_of_for(window, today)
    held = counted(facts.one_on_ones, window, as_of)
    before = [r for r in facts.one_on_ones if r.counts_on(as_of)]
    last = before[-1].date if before else None
    days_since = (as_of - last).days if last is not None else None
    minutes = sum(r.coaching_minutes for r in counted(facts.records, window, as_of))
    reviewed = counted(facts.reviews, window, as_of)
    reviews = len(reviewed)
    goals = count_goals(facts.goals, window, as_of)
    ratings = ratings_by(held, window.end)
    in_force = profile.focus_on(as_of)
    focus = None
    if in_force is not None:
        since = in_force.since
        focus = FocusFact(in_force.behaviour, since, max((as_of - since).days, 0))
    helpful = _mean(ratings, 2)
    points = forecasts.series(facts.one_on_ones, as_of, fiscal_calendar(config))
    in_window = tuple(p for p in points if p.date in window)
    newest = in_window[-1] if in_window else None
    coverage = forecasts.coverage(newest, profile.quota)
    met = [r.date for r in before]  # the 1:1s that count
    first = next((n for n, day in enumerate(met) if day >= window.start), len(met))
    met = met[max(first - 1, 0) :]  # the last 1:1 before the window, then the window's
    gaps = tuple((b - a).days for a, b in pairwise(met))

    flags: list[str] = []
    minutes_due = reviews_due = 0
    if as_of >= window.start:
        so_far = span(window.start, as_of)
        minutes_due = minutes_target(so_far, config.coaching_minutes_target)
        reviews_due = math.floor(config.call_reviews_per_week * so_far.days / 7 + 1e-9)
        if last is None:
            flags.append("no-1on1")
        elif days_since is not None and days_since > config.cadence_days:
            flags.append("1on1-cadence")
        if minutes < minutes_due:
            flags.append("coaching-below-target")
        if reviews < reviews_due:
            flags.append("call-reviews-below-target")
    if goals.overdue:
        flags.append("goals-overdue")
    if goals.completion_rate is not None and goals.completion_rate < LOW_COMPLETION:
        flags.append("low-completion")
    all_states = facts.all_goals
    if any(r.date < today and ended_without_goal(r, all_states) for r in held):
        flags.append("1on1-without-goal")
    if in_force is None:
        flags.append("no-focus")
    if helpful is not None and helpful < LOW_HELPFUL:
        flags.append("low-helpful")
    if forecasts.commit_fell(points, newest):
        flags.append("commit-falling")
    if coverage is not None and coverage < config.pipeline_coverage:
        flags.append("pipeline-coverage")

    return RepRow(
        rep=handle,
        name=profile.name or handle,
        manager=manager_in(facts.one_on_ones, window, as_of) or profile.manager or config.manager,
        one_on_ones=len(held),
        last_one_on_one=last,
        days_since=days_since,
        coaching_minutes=minutes,
        target_minutes=minutes_target(window, config.coaching_minutes_target),
        minutes_due=minutes_due,
        goals=goals,
        call_reviews=reviews,
        call_reviews_target=call_reviews_target(window, config.call_reviews_per_week),
        call_reviews_due=reviews_due,
        focus=focus,
        helpful_mean=helpful,
        helpful_ratings=len(ratings),
        flags=tuple(flags),
        call_reviews_per_week=per_week(reviews, window, as_of),
        debriefs=len(counted(facts.debriefs, window, as_of)),
        observations=len(counted(facts.observations, window, as_of)),
        scores=score_trends(reviewed, config.review_criteria),
        forecast=newest,
        forecasts=in_window,
        previous_commit=forecasts.previous_commit(points, newest) if newest else None,
        commit_changes=forecasts.commit_changes(points, in_window),
        quota=whole(profile.quota),
        engine=profile.engine,
        coverage=coverage,
        listening_minutes=listening_minutes(reviewed),
        focus_adoption=focus_adoption(profile, window),
        team=team,
        gaps=gaps,
        helpful_total=sum(ratings),
    )


def manager_in(one_on_ones: Sequence[OneOnOne], window: Period, as_of: date) -> str | None:
    """Whose rep a rep was in ``window``: the manager of their newest 1:1 in it (up to
    ``as_of``) that names one; ``None`` when none does (then the profile's manager, as now). A
    rep handed to another manager stays the first one's in the windows before."""
    for record in reversed(one_on_ones):
        if record.date <= as_of and record.date in window and (record.manager or "").strip():
            return (record.manager or "").strip()
    return None


def per_week(count: int, window: Period, as_of: date) -> float | None:
    """``count`` per seven days of the window up to ``as_of``; None before the window starts."""
    if as_of < window.start:
        return None
    days = (min(as_of, window.end) - window.start).days + 1
    return round_half_up(count * 7 / days, 2)


def score_trends(
    reviews: Sequence[CallReview], criteria: Sequence[str]
) -> tuple[tuple[str, tuple[tuple[date, int], ...]], ...]:
    """Each criterion's scores over ``reviews``, oldest first, criteria in config order (any
    other scored criterion after them)."""
    found: dict[str, list[tuple[date, int]]] = {c: [] for c in criteria}
    for review in sorted(reviews, key=lambda r: r.sort_key):
        for name, score in review.scores.items():
            if score is not None:
                found.setdefault(name, []).append((review.date, score))
    return tuple((name, tuple(points)) for name, points in found.items() if points)


def manager_section(
    name: str,
    rows: Sequence[RepRow],
    commitments: Sequence[GoalState],
    window: Period,
    today: date,
    listening_per_week: float = 0,
    team: str = "",
) -> ManagerSection:
    as_of = as_of_for(window, today)
    listened = sum(r.listening_minutes for r in rows)
    listening_due = 0
    if as_of >= window.start:
        listening_due = listening_target(span(window.start, as_of), listening_per_week)
    counts = count_goals(commitments, window, as_of)
    then = states_on(commitments, as_of)
    late = tuple(
        Commitment(s.goal.id, s.rep, s.goal.title, s.goal.due, team)
        for s in sorted(then, key=lambda s: (s.goal.due or date.max, s.rep, s.goal.id))
        if overdue_on(s, as_of) and s.goal.due is not None
    )
    covered = sum(1 for r in rows if r.one_on_ones)
    flags = []
    if counts.overdue:
        flags.append("commitments-overdue")
    if counts.missed:
        flags.append("commitments-missed")
    if covered < len(rows) and as_of >= window.start:
        flags.append("reps-without-1on1")
    if rows and listened < listening_due:
        flags.append("listening-below-target")
    return ManagerSection(
        name,
        counts,
        late,
        len(rows),
        covered,
        tuple(flags),
        listened,
        listening_target(window, listening_per_week),
        listening_due,
    )


def add_counts(counts: Iterable[GoalCounts]) -> GoalCounts:
    """Goal counts summed, field by field."""
    total = GoalCounts()
    for c in counts:
        total = GoalCounts(
            total.set + c.set,
            total.done + c.done,
            total.missed + c.missed,
            total.dropped + c.dropped,
            total.open + c.open,
            total.overdue + c.overdue,
        )
    return total


def median(values: Sequence[int]) -> float | None:
    """The middle value (the mean of the two middle ones), ``None`` for none."""
    if not values:
        return None
    ordered = sorted(values)
    mid = len(ordered) // 2
    if len(ordered) % 2:
        return float(ordered[mid])
    return round_half_up((ordered[mid - 1] + ordered[mid]) / 2, 1)


def manager_row(
    team: str,
    name: str,
    rows: Sequence[RepRow],
    commitments: Sequence[GoalState],
    window: Period,
    today: date,
    listening_per_week: float = 0,
) -> ManagerRow:
    """One manager's figures: the sums of their reps' rows (the report's own per-rep figures,
    so what a rep row counts, the manager's row counts), the median of every gap between two
    consecutive 1:1s of one rep, the mean of every rating (not of the reps' means), and the
    commitments the manager owns."""
    section = manager_section(name, rows, commitments, window, today, listening_per_week)
    ratings = sum(r.helpful_ratings for r in rows)
    helpful = round_half_up(sum(r.helpful_total for r in rows) / ratings, 2) if ratings else None
    return ManagerRow(
        team=team,
        manager=name,
        reps=len(rows),
        reps_with_one_on_one=section.reps_with_one_on_one,
        one_on_ones=sum(r.one_on_ones for r in rows),
        coaching_minutes=sum(r.coaching_minutes for r in rows),
        target_minutes=sum(r.target_minutes for r in rows),
        median_days_between=median([g for r in rows for g in r.gaps]),
        goals=add_counts(r.goals for r in rows),
        commitments=section.commitments,
        helpful_mean=helpful,
        rated=ratings,
        flags=section.flags,
        listening_minutes=section.listening_minutes,
        listening_target=section.listening_target,
        listening_due=section.listening_due,
    )


def manager_rows(
    rows: Sequence[RepRow],
    commitments: Mapping[str, Sequence[GoalState]],
    team: str,
    window: Period,
    today: date,
    listening_per_week: float = 0,
) -> tuple[ManagerRow, ...]:
    """A row per manager named by the reps' rows (a rep's profile, else the journal's
    manager), by name; ``commitments`` are the goals each rep's manager owns."""
    groups: dict[str, list[RepRow]] = {}
    for row in rows:
        groups.setdefault(row.manager, []).append(row)
    return tuple(
        manager_row(
            team,
            name,
            groups[name],
            [s for r in groups[name] for s in commitments[r.rep]],
            window,
            today,
            listening_per_week,
        )
        for name in sorted(groups)
    )


def manager_months(window: Period, today: date) -> list[Period]:
    """Every month a manager's trend may show, whoever their reps' first activity is
    (``trend_months`` keeps some of them)."""
    last = month_window(as_of_for(window, today))
    begin = min(months_before(last, TREND_MONTHS - 1), month_window(window.start).start)
    return months_of(span(begin, last.end))


@dataclass
class _ManagerTrend:
    """A manager's month-by-month rows in the making, a rep at a time."""

    months: list[Period]
    name: str  # the manager: a month counts a rep whose manager it was then (``manager_in``)
    rows: dict[date, list[tuple[RepRow, Sequence[GoalState]]]] = field(default_factory=dict)
    first: date | None = None  # the first day any of their reps has activity

    def add(
        self, handle: str, profile: Rep, facts: _RepFacts, config: JournalConfig, today: date,
        team: str,
    ) -> None:  # fmt: skip
        mine = False
        for month in self.months:
            row = rep_row(handle, profile, facts, config, month, today, team)
            if row.manager == self.name:
                self.rows.setdefault(month.start, []).append((row, facts.commitments))
                mine = True
        days = [r.date for r in facts.records] + [s.goal.set for s in facts.all_goals]
        if days and mine:
            self.first = min(days) if self.first is None else min(self.first, *days)

    def detail(
        self, team: str, name: str, config: JournalConfig, window: Period, today: date
    ) -> ManagerDetail:
        """One manager month by month, as ``rep_detail`` gives one rep: the window's months
        and the ``TREND_MONTHS`` up to ``as_of``, from the first month any of their reps has
        activity."""
        per_week = config.listening_minutes_per_week
        points = []
        for month in trend_months(window, today, self.first):
            held = self.rows.get(month.start, [])
            rows = [row for row, _ in held]
            owned = [s for _, commitments in held for s in commitments]
            points.append(
                ManagerPoint(month, manager_row(team, name, rows, owned, month, today, per_week))
            )
        return ManagerDetail(team, name, tuple(points))


@dataclass(frozen=True)
class RepInput:
    """What the report reads of one rep: their records and goals (any order)."""

    rep: str
    records: Sequence[Record]
    states: Sequence[GoalState]


def report_of(
    reps: Iterable[RepInput],
    profiles: Mapping[str, Rep],
    config: JournalConfig,
    window: Period,
    today: date,
    *,
    manager: str | None = None,
    detail: str | None = None,
    team: str | None = None,
) -> Report:
    """The report over ``window`` for the reps in ``profiles`` (already chosen by rep or
    manager), as of ``today``, from ``reps``: each rep's records and goals, one rep after the
    other, each let go once its figures are computed, so that a report over years holds one
    rep's records at a time (a rep not given has none; one not in ``profiles`` is left out).
    With ``detail``, that rep's timeline and trend too; with ``manager`` (and no ``detail``),
    that manager's month by month. ``team`` names the journal (default: its config's
    ``team``)."""
    label = config.team if team is None else team
    row_of: dict[str, RepRow] = {}
    commitments: dict[str, Sequence[GoalState]] = {h: () for h in profiles}
    found = None
    trend = _ManagerTrend(manager_months(window, today), manager or "")
    empty = [RepInput(h, (), ()) for h in profiles]
    for given in chain(reps, empty):  # then the reps not given, with nothing
        handle = given.rep
        if handle not in profiles or handle in row_of:
            continue
        facts = rep_facts(given.records, given.states)
        profile = profiles[handle]
        row_of[handle] = rep_row(handle, profile, facts, config, window, today, label)
        commitments[handle] = facts.commitments
        if detail == handle:
            found = rep_detail(handle, profile, facts, config, window, today)
        if manager is not None and detail is None:
            trend.add(handle, profile, facts, config, today, label)
    rows = [row_of[h] for h in sorted(row_of)]
    if manager is not None and detail is None:  # the reps that were theirs in the window
        rows = [r for r in rows if r.manager == manager]
        commitments = {r.rep: commitments[r.rep] for r in rows}
    name = manager or ", ".join(sorted({r.manager for r in rows if r.manager})) or config.manager
    listening = config.listening_minutes_per_week
    owned = [s for h in sorted(commitments) for s in commitments[h]]
    section = manager_section(name, rows, owned, window, today, listening, label)
    managers = manager_rows(rows, commitments, label, window, today, listening)
    of_manager = None
    if manager is not None and detail is None:
        of_manager = trend.detail(label, manager, config, window, today)
    return Report(
        window,
        as_of_for(window, today),
        today,
        label,
        tuple(rows),
        section,
        found,
        managers,
        of_manager,
        (label,),
    )


def combine_reports(reports: Sequence[Report]) -> Report:
    """Several teams' reports (one a journal, each computed by its own config) as one: rows of
    every team, each carrying its team; the managers' commitments summed."""
    if len(reports) == 1:
        return reports[0]
    first = reports[0]
    sections = [r.manager for r in reports]
    section = ManagerSection(
        "; ".join(f"{r.team}: {r.manager.name}" for r in reports if r.manager.name),
        add_counts(s.commitments for s in sections),
        tuple(c for s in sections for c in s.overdue),
        sum(s.reps for s in sections),
        sum(s.reps_with_one_on_one for s in sections),
        tuple(f for f in MANAGER_FLAGS if any(f in s.flags for s in sections)),
        sum(s.listening_minutes for s in sections),
        sum(s.listening_target for s in sections),
        sum(s.listening_due for s in sections),
    )
    teams = tuple(t for r in reports for t in r.teams)
    details = [r.detail for r in reports if r.detail is not None]
    of_managers = [r.manager_detail for r in reports if r.manager_detail is not None]
    return Report(
        first.window,
        first.as_of,
        first.today,
        ", ".join(t for t in teams if t),
        tuple(row for r in reports for row in r.reps),
        section,
        details[0] if len(details) == 1 else None,
        tuple(m for r in reports for m in r.managers),
        of_managers[0] if len(of_managers) == 1 else None,
        teams,
    )


# --- one rep in detail ------------------------------------------------------------------------


def _record_facts(record: Record, today: date) -> dict[str, Any]:
    """The structured facts of a record worth a line in a timeline; never its body, notes or
    any ``private`` field."""
    if isinstance(record, OneOnOne):
        facts: dict[str, Any] = {
            "status": record.status_on(today),
            "phase": record.phase,
            "helpful": record.helpful,
        }
        return {k: v for k, v in facts.items() if v is not None}
    if isinstance(record, CallReview):
        scored = {k: v for k, v in record.scores.items() if v is not None}  # None: not yet
        return {"call": record.call, "pick": record.pick, "scores": scored}
    if isinstance(record, Debrief):
        return {"call": record.call, "by": record.by}
    if isinstance(record, Observation):
        return {"behaviour": record.behaviour} if record.behaviour else {}
    return {}


def timeline(facts: _RepFacts, window: Period, today: date) -> tuple[TimelineEntry, ...]:
    """Every record of the window (a planned or cancelled 1:1 too, with its status) and every
    goal set or closed in it."""
    entries = [
        TimelineEntry(r.date, r.kind, r.id, r.coaching_minutes, _record_facts(r, today))
        for r in _in(facts.records, window)
    ]
    for state in states_on(facts.all_goals, as_of_for(window, today)):
        goal = state.goal
        about = {"title": goal.title, "kind": goal.kind, "owner": goal.owner}
        if goal.set in window:
            entries.append(TimelineEntry(goal.set, "goal-set", goal.id, None, about))
        closed = state.closed_on
        if closed is not None and closed in window:
            entries.append(TimelineEntry(closed, f"goal-{goal.status}", goal.id, None, about))
    order = {"1on1": 0, "review": 1, "debrief": 2, "observation": 3, "goal-set": 4}
    return tuple(sorted(entries, key=lambda e: (e.date, order.get(e.kind, 5), e.id)))


def reading_start(window: Period, today: date, *, detail: bool) -> date:
    """The first day whose call reviews, debriefs and observations the report needs: the
    window's, and with one rep in detail, the trend's."""
    if not detail:
        return window.start
    start = months_before(month_window(as_of_for(window, today)), TREND_MONTHS - 1)
    return min(start, window.start)


def trend_months(window: Period, today: date, first: date | None) -> list[Period]:
    """Calendar months up to the one holding ``as_of``: the window's months and the
    ``TREND_MONTHS`` before, leaving out months before the rep's first activity."""
    last = month_window(as_of_for(window, today))
    start = months_before(last, TREND_MONTHS - 1)
    window_month = month_window(window.start).start
    begin = min(start, window_month)
    if first is not None and first > begin:  # no month before the rep's first activity
        begin = min(start, month_window(first).start)
    months = months_of(span(begin, last.end))
    kept = [m for m in months if m.start >= window_month or (first and m.end >= first)]
    return kept or [last]


def trend_point(
    profile: Rep, facts: _RepFacts, config: JournalConfig, month: Period, today: date
) -> TrendPoint:
    as_of = as_of_for(month, today)
    held = counted(facts.one_on_ones, month, as_of)
    reviews = counted(facts.reviews, month, as_of)
    criteria = list(config.review_criteria)
    for review in reviews:
        criteria += [c for c in review.scores if c not in criteria]
    scores = {
        c: _mean([n for r in reviews if (n := r.scores.get(c)) is not None], 2) for c in criteria
    }
    return TrendPoint(
        month=month,
        one_on_ones=len(held),
        coaching_minutes=sum(r.coaching_minutes for r in counted(facts.records, month, as_of)),
        target_minutes=minutes_target(month, config.coaching_minutes_target),
        goals=count_goals(facts.goals, month, as_of),
        call_reviews=len(reviews),
        call_reviews_target=call_reviews_target(month, config.call_reviews_per_week),
        helpful_mean=_mean(ratings_by(held, month.end), 2),
        scores=scores,
    )


def rep_detail(
    handle: str, profile: Rep, facts: _RepFacts, config: JournalConfig, window: Period, today: date
) -> RepDetail:
    days = [r.date for r in facts.records] + [s.goal.set for s in facts.all_goals]
    first = min(days) if days else None
    months = trend_months(window, today, first)
    points = tuple(trend_point(profile, facts, config, m, today) for m in months)
    return RepDetail(handle, timeline(facts, window, today), points)
