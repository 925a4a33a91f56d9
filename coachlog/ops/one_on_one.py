"""The weekly 1:1: ``coachlog agenda`` (a preview) and ``coachlog new 1on1`` (the record)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from coachlog.core import forecast as forecasts
from coachlog.core.agenda import Agenda, AgendaData, ReviewItem, ScoredReview, build_agenda
from coachlog.core.calendar import fiscal_calendar, period_of, phase_of
from coachlog.core.goals import GoalState, ended_without_goal, goal_states
from coachlog.core.scaffold import one_on_one_body, one_on_one_front_matter
from coachlog.errors import UsageError
from coachlog.model import CallReview, Goal, OneOnOne, Rep, created_key
from coachlog.ops.reviews import mix_warnings, shared_reviews
from coachlog.ops.topics import topics_for
from coachlog.store.journal import Journal
from coachlog.store.transaction import transaction
from coachlog.store.yamlfile import Document
from coachlog.vocabulary import UNDECIDED


@dataclass
class OneOnOnePlan:
    agenda: Agenda
    previous: OneOnOne | None
    goals: list[Goal]
    reviews: list[ReviewItem]
    rep_name: str
    manager: str
    warnings: list[str]


def plan_one_on_one(journal: Journal, rep: str, day: date, minutes: int | None) -> OneOnOnePlan:
    """Everything the 1:1 of ``rep`` on ``day`` will hold, read from the journal."""
    config = journal.config
    profile = journal.rep(rep)
    if minutes is not None and minutes <= 0:
        raise UsageError(f"must be a positive number of minutes, not {minutes}", field="minutes")
    history = journal.records("1on1", rep)
    topics = topics_for(journal, rep, day, history)
    earlier = [r for r in history if r.date <= day and r.status != "cancelled"]
    previous = earlier[-1] if earlier else None
    # an action plan kept before the rep's first 1:1 holds field dates to roll forward too
    holders = [*history, *journal.records("plan", rep, until=day)]
    states: list[GoalState] = list(goal_states(holders).values())
    # what waits for a decision comes along, each goal as its history gives it, with that
    # history: open goals, and goals closed two ways; by due date, except that copies of one
    # goal made by hand keep their order, which tells them apart (``core.goals.entry_keys``)
    waiting = [s for s in states if s.goal.status in UNDECIDED and s.goal.set <= day]
    first_due: dict[str, date] = {}
    for s in waiting:
        base = s.key.split("#")[0]
        first_due[base] = min(first_due.get(base, date.max), s.goal.due or date.max)
    waiting.sort(
        key=lambda s: (first_due[s.key.split("#")[0]], s.goal.set, s.key.split("#")[0], s.key)
    )
    carried: list[Goal] = [s.goal for s in waiting]  # type: ignore[misc]
    # call reviews no earlier 1:1 coached, up to this one's day: those the rep commented on
    listed = {review for r in earlier for review in r.reviews}
    reviews, uncommented = shared_reviews(journal, rep, listed, day)
    cal = fiscal_calendar(config)
    try:
        period, phase = period_of(day, cal), phase_of(day, cal)
    except (ValueError, OverflowError):  # the fiscal year runs past the calendar's last day
        raise UsageError(
            f"{day}: its fiscal period ends after 9999-12-31, the calendar's last day"
            if day.year > 1
            else f"{day}: its fiscal period starts before 0001-01-01, the calendar's first day",
            field="day",
        ) from None
    try:
        agenda = build_agenda(
            config.agenda,
            rep=rep,
            day=day,
            period=period,
            phase=phase,
            minutes=minutes or config.meeting_minutes,
            previous_adhoc=previous.adhoc if previous else (),
            open_goals=carried,
            shared_reviews=reviews,
            data=agenda_data(journal, rep, profile, history, day, period.label),
            topics=topics,
        )
    except UsageError as exc:
        exc.field = exc.field or "minutes"
        raise
    manager = profile.manager or config.manager
    warnings = []
    if uncommented:
        calls = "; ".join(f"{r.call} ({r.date})" for r in uncommented)
        many = len(uncommented) != 1
        warnings.append(
            f"{len(uncommented)} call review{'s' if many else ''} of {rep} "
            f"wait{'' if many else 's'} for the rep's comments before "
            f"{'they are' if many else 'it is'} coached: {calls}"
        )
    warnings += mix_warnings(rep, [*reviews, *uncommented])
    if config.warnings.no_coaching_goal and previous and ended_without_goal(previous, states):
        warnings.append(
            f"the previous 1:1 with {rep} ({previous.date}) ended with no coaching goal; "
            f"end this one with at least one: 'coachlog goals add TITLE --rep {rep}'"
        )
    return OneOnOnePlan(agenda, previous, carried, reviews, profile.name, manager, warnings)


def agenda_data(
    journal: Journal, rep: str, profile: Rep, history: list[OneOnOne], day: date, period: str
) -> AgendaData:
    """The numbers ``rep``'s 1:1 on ``day`` (in ``period``) starts from: the forecast of the
    last 1:1 before it and the change since the one before that in the same period (none when
    the last forecast is of an earlier period), the #1 behaviour in force with its last
    observation, and the latest scored call review the rep commented on."""
    earlier = [r for r in history if r.date < day]
    points = forecasts.series(earlier, day, fiscal_calendar(journal.config))
    last = points[-1] if points else None
    change = None
    if last is not None and last.period == period:
        change = forecasts.change(last, points[-2] if len(points) > 1 else None)
    focus = profile.focus_on(day)
    observed = None
    if focus is not None:
        seen = journal.records("observation", rep, since=focus.since, until=day)
        observed = (seen[-1].date, seen[-1].id) if seen else None
    scored = None
    reviews: list[CallReview] = journal.records("review", rep, until=day)
    for review in reversed(reviews):
        given = {k: v for k, v in review.scores.items() if v is not None}
        if given and review.rep_commented:  # one that waits for the rep's comments is not yet
            scored = ScoredReview(review.id, review.date, review.call, given)
            break
    return AgendaData(last, change, profile.quota, focus, observed, scored, period)


def new_one_on_one(
    journal: Journal,
    rep: str,
    day: date,
    minutes: int | None,
    now: datetime,
    today: date | None = None,
) -> tuple[OneOnOne, OneOnOnePlan]:
    """Write ``rep``'s 1:1 record for ``day``, open goals rolled forward into it: planned when
    ``day`` is after ``today`` (default: the day of ``now``). A second 1:1 on a day that has one
    (not cancelled) is written, with a warning in the plan."""
    with transaction(journal, "new 1on1", rep) as change:
        plan = plan_one_on_one(journal, rep, day, minutes)
        path = journal.new_record_path("1on1", day, rep)
        same_day = journal.records("1on1", rep, since=day, until=day)
        now = created_after(now, same_day)
        standing = [r for r in same_day if r.status != "cancelled"]
        if standing:
            first = standing[-1].id
            plan.warnings.append(
                f"{rep} already has a 1:1 on {day} ({first}); this writes a second one. "
                f"If one is a mistake: 'coachlog cancel ID'"
            )
        goals = list(plan.goals)
        data = one_on_one_front_matter(
            plan.agenda,
            record_id=path.stem,
            manager=plan.manager,
            created=now,
            goals=goals,
            reviews=[r.id for r in plan.reviews],
            today=today if today is not None else now.date(),
            topics=[t.id for t in plan.agenda.topics if t.id is not None],
        )
        doc = Document.new(path, data, one_on_one_body(plan.agenda, plan.rep_name))
        change.name(path.stem)
        record = change.write_document(doc, OneOnOne, new=True)
    return record, plan


def created_after(now: datetime, same_day: list[OneOnOne]) -> datetime:
    """``now``, or a second after the latest creation time of ``same_day``'s records when the
    clock has not moved past it: the record written last is the newest, as the goal rules need."""
    if not same_day:
        return now
    latest = max(same_day, key=lambda r: r.created_key).created
    if created_key(now) > created_key(latest):
        return now
    base = latest if latest.tzinfo is not None else latest.replace(tzinfo=UTC)
    return base.astimezone(UTC).replace(microsecond=0) + timedelta(seconds=1)
