"""The 1:1 agenda: which sections, how many minutes each, and which questions.

The base table (config ``agenda.sections``) gives minutes per phase for a 40-minute meeting.
A meeting of another length is cut in 5-minute blocks: ``keep`` sections (open goals review,
set coaching goals) get their share first, at least one block each; when the rep shared call
reviews since the last 1:1 a call-review section takes up to ``call_review_minutes`` of what is
left; the other sections share the rest in proportion to the table (largest remainder, ties to
the earlier section). Minutes always add up to the meeting length.

The agenda carries the numbers to start from (``AgendaData``), each in the section it belongs
to (``FACT_PLACES``): the previous forecast and its change, next period's pipeline against the
quota, the #1 behaviour with its last observation, the latest call-review scores.
the earlier section). Minutes always add up to the meeting length. However the call review
shrinks the others, the ``adhoc`` section (Free time, the culture slot) keeps at least one block
and its rotating question, wherever the meeting without a call review gives it one; the block
comes from the largest other share (on a tie, the one the table weighs least), else from
the call review.

A call review is coached once the rep commented on it (self-coaching first). The picks of a week
should be one call that went well and one where the rep struggled (``pick_mix``).
"""

from __future__ import annotations

import zlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from math import floor

from coachlog.core.amounts import amount_text, signed_amount_text, whole
from coachlog.core.calendar import Period, Phase
from coachlog.core.forecast import FIELDS, ForecastPoint, coverage
from coachlog.core.topics import TopicItem
from coachlog.errors import UsageError
from coachlog.model import AgendaConfig, Focus, Goal

BLOCK = 5
CALL_REVIEW_KEY = "call-review"
CALL_REVIEW_QUESTIONS = (
    "Rep first: how did each call go, in your own words?",
    "What went well? (manager: lead with something positive)",
    "Which one or two things will you practise? Role-play them now until they are right.",
)


@dataclass(frozen=True)
class ReviewItem:
    """A call review the rep shared since the last 1:1."""

    id: str
    call: str
    pick: str
    date: date | None = None


@dataclass(frozen=True)
class ScoredReview:
    """The rep's latest scored call review: its id, day, call and scores."""

    id: str
    date: date
    call: str
    scores: dict[str, int]


@dataclass(frozen=True)
class AgendaData:
    """The numbers a 1:1 starts from: the previous forecast and its change since the one
    before in the same period (none when the previous forecast is of an earlier period), the
    quota, the #1 behaviour with its last observation, the latest call scores."""

    forecast: ForecastPoint | None = None
    change: dict[str, float | None] | None = None
    quota: float | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "quota", whole(self.quota))

    focus: Focus | None = None
    observed: tuple[date, str] | None = None  # the last observation since the focus was set
    review: ScoredReview | None = None
    period: str = ""  # the 1:1's sales period: a forecast of another one is named with its own

    @property
    def coverage(self) -> float | None:
        return coverage(self.forecast, self.quota)


# Where each fact goes: the first of these sections the agenda has (config keys).
FACT_PLACES: dict[str, tuple[str, ...]] = {
    "forecast": ("forecast", "deals", "goals"),
    "pipeline": ("pipeline", "forecast", "deals", "goals"),
    "focus": ("skills", "set-goals", "goals"),
    "scores": ("call-review", "skills", "goals"),
}

FIELD_WORDS = {"commit": "commit", "likely": "most likely", "upside": "upside"}


def fact_lines(data: AgendaData) -> dict[str, list[str]]:
    """Each fact of ``data`` as a line, by the fact's name (``FACT_PLACES``)."""
    lines: dict[str, list[str]] = {}
    point = data.forecast
    if point is not None:
        change = data.change or {}

        def shown(name: str) -> str:
            delta = change.get(name)
            moved = f" ({signed_amount_text(delta)})" if delta is not None else ""
            return f"{amount_text(point.value(name))}{moved}"

        when = str(point.date)
        if data.period and point.period and point.period != data.period:
            when += f", {point.period}"  # a forecast of an earlier period says which
        current = [f"{FIELD_WORDS[n]} {shown(n)}" for n in FIELDS[:3] if point.value(n) is not None]
        if current:
            lines["forecast"] = [f"Last forecast ({when}): {', '.join(current)}"]
        if point.pipeline is not None:
            ratio = data.coverage
            cover = f", {ratio:g}x the quota of {amount_text(data.quota)}" if ratio else ""
            lines["pipeline"] = [f"Next period's pipeline ({when}): {shown('pipeline')}{cover}"]
    if data.focus is not None:
        seen = "not observed yet"
        if data.observed is not None:
            seen = f"last observed {data.observed[0]} `{data.observed[1]}`"
        lines["focus"] = [
            f"#1 behaviour: {data.focus.behaviour} (since {data.focus.since}); {seen}"
        ]
    if data.review is not None:
        review = data.review
        scores = ", ".join(f"{k} {v}" for k, v in review.scores.items())
        lines["scores"] = [f"Latest call scores ({review.call}, {review.date}): {scores}"]
    return lines


def place_facts(items: Sequence[AgendaItem], data: AgendaData) -> None:
    """Put each fact's line in the first section of ``FACT_PLACES`` the agenda has (else the
    first section)."""
    if not items:
        return
    by_key = {item.key: item for item in items}
    for fact, found in fact_lines(data).items():
        home = next((by_key[k] for k in FACT_PLACES[fact] if k in by_key), items[0])
        home.facts.extend(found)


@dataclass
class AgendaItem:
    key: str
    title: str
    minutes: int
    questions: list[str] = field(default_factory=list)
    goals: list[Goal] = field(default_factory=list)
    reviews: list[ReviewItem] = field(default_factory=list)
    facts: list[str] = field(default_factory=list)  # numbers to start from (``AgendaData``)
    topics: list[TopicItem] = field(default_factory=list)  # queued and carried (``core.topics``)


@dataclass
class Agenda:
    rep: str
    date: date
    period: Period
    phase: Phase
    minutes: int
    sections: list[AgendaItem]
    adhoc: list[str]
    data: AgendaData = field(default_factory=AgendaData)
    topics: list[TopicItem] = field(default_factory=list)

    def overdue(self, goal: Goal) -> bool:
        return goal.status == "open" and goal.due is not None and goal.due < self.date


def allocate(blocks: int, weights: Sequence[float]) -> list[int]:
    """Share ``blocks`` in proportion to ``weights`` by largest remainder; ties go to the
    earlier weight. Zero weights get nothing; the result always sums to ``blocks``
    (or to 0 when every weight is 0)."""
    total = sum(weights)
    if blocks <= 0 or total <= 0:
        return [0] * len(weights)
    quotas = [blocks * w / total for w in weights]
    shares = [floor(q) for q in quotas]
    order = sorted(range(len(weights)), key=lambda i: (-(quotas[i] - shares[i]), i))
    for i in order[: blocks - sum(shares)]:
        shares[i] += 1
    return shares


def check_meeting_minutes(minutes: int, config: AgendaConfig, phase: Phase) -> None:
    kept = sum(1 for s in config.sections if s.keep and s.minutes[phase] > 0)
    shortest = max(BLOCK * max(kept, 1), 10)
    if minutes % BLOCK:
        raise UsageError(f"a 1:1 is planned in 5-minute blocks; {minutes} is not a multiple of 5")
    if minutes < shortest:
        raise UsageError(f"{minutes} minutes is too short for a 1:1; the shortest is {shortest}")
    if minutes > 240:
        raise UsageError(f"{minutes} minutes is longer than a 1:1 can be planned (240 at most)")


def section_minutes(
    config: AgendaConfig, phase: Phase, minutes: int, with_call_review: bool
) -> list[tuple[str, int]]:
    """Minutes per section key, in agenda order, for a meeting of ``minutes``."""
    check_meeting_minutes(minutes, config, phase)
    blocks = minutes // BLOCK
    base = [s.minutes[phase] for s in config.sections]
    base_total = sum(base)
    kept = {
        i: max(1, floor(base[i] * blocks / base_total + 0.5))
        for i, s in enumerate(config.sections)
        if s.keep and base[i] > 0
    }
    if sum(kept.values()) > blocks:  # a table that is nearly all kept sections
        # one block each first (check_meeting_minutes made room), then the rest by weight
        extra = allocate(blocks - len(kept), [base[i] for i in kept])
        kept = {i: 1 + e for i, e in zip(kept, extra, strict=True)}
    rest = blocks - sum(kept.values())
    # the culture slot keeps a block (where the plan without a call review gives it one)
    floors: list[int] = []
    if with_call_review:
        plain = dict(section_minutes(config, phase, minutes, with_call_review=False))
        floors = [
            i
            for i, s in enumerate(config.sections)
            if s.adhoc and plain[s.key] > 0 and i not in kept
        ]
    call_max = config.call_review_minutes // BLOCK
    call_blocks = max(min(call_max, rest - len(floors)), 0) if with_call_review else 0
    rest -= call_blocks
    others = [i for i in range(len(base)) if i not in kept]
    shares = dict(zip(others, allocate(rest, [base[i] for i in others]), strict=True))
    for i in floors:
        if shares[i] == 0:  # a block from the largest other share: on a tie, the lighter in
            # the table (the phase's emphasis stays), then the later
            donor = max(
                (j for j in others if j != i), key=lambda j: (shares[j], -base[j], j), default=i
            )
            if shares[donor] > 0:
                shares[donor] -= 1
                shares[i] = 1
    spare = rest - sum(shares.values())  # only kept sections have minutes in this phase
    if spare:
        extra = allocate(spare, [base[i] for i in kept])
        kept = {i: k + e for (i, k), e in zip(kept.items(), extra, strict=True)}
    shares.update(kept)
    plan = [(s.key, shares[i] * BLOCK) for i, s in enumerate(config.sections)]
    if call_blocks:
        after = next((i for i, s in enumerate(config.sections) if s.open_goals), -1)
        plan.insert(after + 1, (CALL_REVIEW_KEY, call_blocks * BLOCK))
    return plan


def pick_mix(reviews: Sequence[ReviewItem]) -> list[tuple[date, dict[str, int]]]:
    """The weeks (their Monday) whose picks are not one call that went well and one where the
    rep struggled, with the count of each pick, oldest first."""
    weeks: dict[date, dict[str, int]] = {}
    for review in reviews:
        if review.date is None:
            continue
        monday = review.date - timedelta(days=review.date.weekday())
        counts = weeks.setdefault(monday, {"went-well": 0, "struggled": 0})
        counts[review.pick] = counts.get(review.pick, 0) + 1
    return [
        (monday, counts)
        for monday, counts in sorted(weeks.items())
        if counts != {"went-well": 1, "struggled": 1}
    ]


def pick_adhoc(pool: Sequence[str], previous: Sequence[str], count: int, rep: str) -> list[str]:
    """The next ``count`` ad-hoc questions for a rep: they follow on, in the pool's order, from
    the last one the rep was asked, and never repeat one asked at the previous 1:1. A rep with
    no history starts at a place fixed by the handle, so a team does not all get the same one."""
    if count <= 0 or not pool:
        return []
    asked = [pool.index(q) for q in previous if q in pool]
    start = (asked[-1] + 1) if asked else zlib.crc32(rep.encode()) % len(pool)
    picked: list[str] = []
    for step in range(len(pool)):
        question = pool[(start + step) % len(pool)]
        if question not in previous and question not in picked:
            picked.append(question)
        if len(picked) == count:
            break
    return picked


def written_questions(config: AgendaConfig) -> set[str]:
    """Every question coachlog writes into an agenda: the sections', the rotating pool's and
    the call review's (an unticked one is asked again by the next agenda anyway, so it is not
    carried over)."""
    return {
        *(q for s in config.sections for q in s.questions),
        *config.adhoc_questions,
        *CALL_REVIEW_QUESTIONS,
    }


def place_topics(
    items: Sequence[AgendaItem], home: AgendaItem | None, topics: list[TopicItem]
) -> None:
    """Put the topics in ``home``, Free time (the ``adhoc`` section: it is the rep's meeting),
    else in the last section; they take no minutes of their own."""
    if items and topics:
        (home or items[-1]).topics.extend(topics)


def build_agenda(
    config: AgendaConfig,
    *,
    rep: str,
    day: date,
    period: Period,
    phase: Phase,
    minutes: int,
    previous_adhoc: Sequence[str] = (),
    open_goals: Sequence[Goal] = (),
    shared_reviews: Sequence[ReviewItem] = (),
    data: AgendaData | None = None,
    topics: Sequence[TopicItem] = (),
) -> Agenda:
    """The agenda for ``rep``'s 1:1 on ``day``: sections with minutes, questions, the goals to
    review, the call reviews to coach on and the topics queued or carried over."""
    plan = section_minutes(config, phase, minutes, with_call_review=bool(shared_reviews))
    by_key = {s.key: s for s in config.sections}
    items: list[AgendaItem] = []
    adhoc: list[str] = []
    free: AgendaItem | None = None
    for key, mins in plan:
        if mins == 0:
            continue
        if key == CALL_REVIEW_KEY:
            items.append(
                AgendaItem(
                    key,
                    "Call review",
                    mins,
                    list(CALL_REVIEW_QUESTIONS),
                    reviews=list(shared_reviews),
                )
            )
            continue
        section = by_key[key]
        item = AgendaItem(key, section.title, mins, list(section.questions))
        if section.open_goals:
            item.goals = list(open_goals)
        if section.adhoc:
            free = item
            adhoc = pick_adhoc(config.adhoc_questions, previous_adhoc, min(2, mins // BLOCK), rep)
            item.questions.extend(adhoc)
        items.append(item)
    data = data or AgendaData()
    place_facts(items, data)
    place_topics(items, free, list(topics))
    return Agenda(rep, day, period, phase, minutes, items, adhoc, data, list(topics))
