"""The journal's data as pydantic models: config, rep profiles, records and goals.

These are the shapes of the YAML a user reads and edits. Validation errors carry the key path
(``loc``), which the store turns into a file line.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from functools import cached_property
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StrictInt,
    field_validator,
    model_validator,
)

from coachlog import defaults
from coachlog.vocabulary import (
    EVENT_FIELDS,
    HANDLE_RE,
    PHASES,
    SCORE_MAX,
    SCORE_MIN,
    Commenter,
    Debriefer,
    Experience,
    GoalKind,
    GoalOwner,
    GoalStatus,
    MeetingStatus,
    Outcome,
    PeriodKind,
    Phase,
    Pick,
    Raiser,
    Stuck,
    Verifier,
    handle_problem,
    one_of,
    parse_month_day,
)


def _usable_handle(handle: str) -> str:
    problem = handle_problem(handle)
    if problem is not None:
        raise ValueError(f"{handle!r} is not a rep handle: {problem}")
    return handle


Handle = Annotated[
    str,
    Field(min_length=1, max_length=40, pattern=HANDLE_RE.pattern),
    AfterValidator(_usable_handle),
]
Text = Annotated[str, Field(max_length=2000)]


class Strict(BaseModel):
    """Config and profiles: a mistyped key is an error, so it is caught, not ignored."""

    model_config = ConfigDict(
        extra="forbid", validate_assignment=True, defer_build=True, allow_inf_nan=False
    )


class Open(BaseModel):
    """Records: extra keys a user or another tool (Obsidian tags) adds are kept, not refused."""

    model_config = ConfigDict(
        extra="allow", validate_assignment=True, defer_build=True, allow_inf_nan=False
    )


# --- config -----------------------------------------------------------------------------------


class AgendaSection(Strict):
    key: Annotated[str, Field(pattern=r"^[a-z][a-z0-9-]*$")]
    title: Text
    minutes: dict[Phase, Annotated[int, Field(ge=0, le=600)]]
    keep: bool = False
    open_goals: bool = False
    adhoc: bool = False
    questions: list[Text] = []

    @field_validator("minutes")
    @classmethod
    def _every_phase(cls, value: dict[str, int]) -> dict[str, int]:
        missing = [p for p in PHASES if p not in value]
        if missing:
            raise ValueError(f"minutes needs a value for every phase; missing {', '.join(missing)}")
        return value


class AgendaConfig(Strict):
    call_review_minutes: Annotated[int, Field(ge=5, le=120)] = defaults.CALL_REVIEW_MINUTES
    adhoc_questions: list[Text] = []
    sections: list[AgendaSection]

    @model_validator(mode="after")
    def _consistent(self) -> AgendaConfig:
        keys = [s.key for s in self.sections]
        dup = sorted({k for k in keys if keys.count(k) > 1})
        if dup:
            raise ValueError(f"agenda section keys must be unique; repeated: {', '.join(dup)}")
        for phase in PHASES:
            if sum(s.minutes[phase] for s in self.sections) <= 0:
                raise ValueError(f"agenda sections give no minutes to the {phase} phase")
        return self


class GoalLimits(Strict):
    opportunity: Annotated[int, Field(ge=0)] = defaults.GOAL_LIMITS["opportunity"]
    performance: Annotated[int, Field(ge=0)] = defaults.GOAL_LIMITS["performance"]
    career: Annotated[int, Field(ge=0)] = defaults.GOAL_LIMITS["career"]


class WarningSwitches(Strict):
    sales_goal: bool = True
    no_due_date: bool = True
    no_target: bool = True
    too_many_goals: bool = True
    no_coaching_goal: bool = True
    soft_goal: bool = True
    horizon: bool = True
    opportunity_mix: bool = True
    no_why: bool = True
    done_below_target: bool = True


class GitConfig(Strict):
    autocommit: bool = False


class EmailConfig(Strict):
    sender: str = Field(default="", alias="from")
    to: str = ""

    model_config = ConfigDict(extra="forbid", populate_by_name=True, defer_build=True)


_PUBLIC_KEY = re.compile(r"^(?:age1[02-9ac-hj-np-z]{20,}|(?:ssh-ed25519|ssh-rsa) [A-Za-z0-9+/=]+)")


def _public_key(value: str) -> str:
    value = value.strip()
    if not _PUBLIC_KEY.match(value):
        raise ValueError(
            "not a public key: an age key (age1...) or an SSH key "
            "(ssh-ed25519 ... or ssh-rsa ..., the line of a .pub file)"
        )
    return value


class PrivacyConfig(Strict):
    """``encrypt_to``: the public keys every private text is encrypted to (spec 12); none, and
    private text is written as typed."""

    encrypt_to: list[Annotated[str, AfterValidator(_public_key)]] = []

    @field_validator("encrypt_to", mode="before")
    @classmethod
    def _none_is_empty(cls, value: Any) -> Any:
        return [] if value is None else value


class JournalConfig(Strict):
    team: Text = ""
    manager: Text = ""
    period: PeriodKind = defaults.PERIOD
    fiscal_year_start: str = defaults.FISCAL_YEAR_START
    year_end_days: Annotated[int, Field(ge=0, le=365)] = defaults.YEAR_END_DAYS
    meeting_minutes: Annotated[int, Field(ge=10, le=240, multiple_of=5)] = defaults.MEETING_MINUTES
    cadence_days: Annotated[int, Field(ge=1, le=90)] = defaults.CADENCE_DAYS
    coaching_minutes_target: Annotated[int, Field(ge=0)] = defaults.COACHING_MINUTES_TARGET
    call_reviews_per_week: Annotated[float, Field(ge=0)] = defaults.CALL_REVIEWS_PER_WEEK
    pipeline_coverage: Annotated[float, Field(ge=0)] = defaults.PIPELINE_COVERAGE
    listening_minutes_per_week: Annotated[float, Field(ge=0)] = defaults.LISTENING_MINUTES_PER_WEEK
    review_criteria: list[Annotated[str, Field(pattern=r"^[a-z][a-z0-9-]*$")]] = Field(
        default_factory=lambda: list(defaults.REVIEW_CRITERIA)
    )
    goal_limits: GoalLimits = Field(default_factory=GoalLimits)
    warnings: WarningSwitches = Field(default_factory=WarningSwitches)
    email: EmailConfig = Field(default_factory=EmailConfig)
    git: GitConfig = Field(default_factory=GitConfig)
    privacy: PrivacyConfig = Field(default_factory=PrivacyConfig)
    agenda: AgendaConfig = Field(default_factory=lambda: default_agenda())

    @field_validator("fiscal_year_start", mode="before")
    @classmethod
    def _month_day(cls, value: Any) -> str:
        if not isinstance(value, str):
            raise ValueError("fiscal_year_start is a quoted month and day, like '02-01'")
        parse_month_day(value)
        return value


def default_agenda() -> AgendaConfig:
    """The default 1:1 agenda (``defaults.DEFAULT_AGENDA``); ``coachlog init`` writes it out in
    full."""
    return AgendaConfig.model_validate(defaults.DEFAULT_AGENDA)


# --- reps -------------------------------------------------------------------------------------


class Engine(Strict):
    """The four pistons of the sales engine."""

    opportunities: Annotated[float, Field(ge=0)] | None = None
    win_rate: Annotated[float, Field(ge=0, le=1)] | None = None
    deal_size: Annotated[float, Field(ge=0)] | None = None
    cycle_days: Annotated[float, Field(gt=0)] | None = None


class Focus(Strict):
    behaviour: Text
    plan: Text = ""
    since: date
    until: date | None = None
    field_dates: list[date] = []
    stuck: Stuck | None = None  # when it ended: did it stick (``focus close --stuck``)


class Rep(Strict):
    name: Text = ""
    manager: Text = ""
    experience: Experience | None = None
    engine: Engine = Field(default_factory=Engine)
    email: Text = ""
    quota: Annotated[float, Field(ge=0)] | None = None  # per sales period (config ``period``)
    focus: Focus | None = None
    focus_history: list[Focus] = []
    private: Any = None

    def focus_on(self, day: date) -> Focus | None:
        """The #1 behaviour in force at the end of ``day``: set on or before it and not
        replaced by then (``focus`` and ``focus_history``)."""
        found = None
        for focus in [*self.focus_history, *([self.focus] if self.focus else [])]:
            if focus.since > day or (focus.until is not None and focus.until <= day):
                continue
            if found is None or focus.since >= found.since:
                found = focus
        return found


# --- records ----------------------------------------------------------------------------------


class GoalEvent(Open):
    """One change to a goal (``coachlog.core.history``): when, and the fields it set."""

    at: datetime
    status: GoalStatus | None = None
    title: Annotated[str, Field(min_length=1, max_length=300)] | None = None
    due: date | None = None
    target: Annotated[float, Field(ge=0)] | None = None
    measure: Text | None = None
    progress: Annotated[float, Field(ge=0)] | None = None
    id: Annotated[str, Field(pattern=r"^[0-9a-z]{4,16}$")] | None = None
    was: Annotated[str, Field(pattern=r"^[0-9a-z]{4,16}$")] | None = None  # the id before
    on: date | None = None  # the day it was made, where ``at`` moved past a later event

    @field_validator("at", mode="before")
    @classmethod
    def _moment(cls, value: Any) -> Any:
        # a day alone is its midnight, UTC, as everywhere else a moment is read
        if isinstance(value, date) and not isinstance(value, datetime):
            return datetime(value.year, value.month, value.day, tzinfo=UTC)
        return value

    @field_validator("at")
    @classmethod
    def _zoned(cls, value: datetime) -> datetime:
        return value if value.tzinfo is not None else value.replace(tzinfo=UTC)

    @model_validator(mode="after")
    def _changes_something(self) -> GoalEvent:
        if all(getattr(self, f) is None for f in EVENT_FIELDS):
            raise ValueError(f"an event sets at least one of {one_of(EVENT_FIELDS)}")
        return self


class Goal(Open):
    id: Annotated[str, Field(pattern=r"^[0-9a-z]{4,16}$")]
    title: Annotated[str, Field(min_length=1, max_length=300)]
    kind: GoalKind
    owner: GoalOwner = "rep"
    status: GoalStatus = "open"
    set: date
    due: date | None = None
    closed: date | None = None
    measure: Text | None = None
    target: float | None = None
    progress: float | None = None
    verifier: Verifier | None = None
    deal: Text | None = None
    notes: list[Text] = []
    history: list[GoalEvent] = []
    why: Text | None = None  # why it matters, in the rep's words (written before the notes)

    @field_validator("notes", mode="before")
    @classmethod
    def _notes_list(cls, value: Any) -> Any:
        if value is None:
            return []
        return [value] if isinstance(value, str) else value

    @field_validator("history", mode="before")
    @classmethod
    def _history_list(cls, value: Any) -> Any:
        return [] if value is None else value


class Forecast(Open):
    commit: float | None = None
    most_likely: float | None = None
    upside: float | None = None
    next_period_pipeline: float | None = None


Day = date  # the type, where a field named ``date`` hides it


def created_key(value: datetime) -> str:
    offset = value.utcoffset()
    if offset is None:
        return value.isoformat(timespec="microseconds")
    if offset:  # (most are written in UTC already)
        value = value - offset
    return value.replace(tzinfo=None).isoformat(timespec="microseconds") + "Z"


class Record(Open):
    """What every record has: a kind, an id (its file name), a rep, a day and a creation time."""

    kind: str
    id: Annotated[str, Field(min_length=1, max_length=200)]
    rep: Handle
    manager: Text | None = None
    date: date
    created: datetime
    minutes: Annotated[int, Field(ge=0, le=1440)] = 0
    private: Any = None

    @property
    def created_key(self) -> str:
        """The creation time as sortable text: UTC with a Z, or as written when it has no zone."""
        return created_key(self.created)

    @property
    def coaching_minutes(self) -> int:
        """The minutes a report counts for this record (a 1:1 says more: ``OneOnOne``)."""
        return self.minutes

    def counts_on(self, as_of: Day) -> bool:
        """Whether a report as of ``as_of`` counts this record: dated on or before that day (a
        1:1 says more: ``OneOnOne``)."""
        return self.date <= as_of

    @cached_property
    def sort_key(self) -> tuple[Day, str, str]:
        """Newest last: by day, then creation time, then id (a stable tie-break). Kept once
        made (a report sorts tens of thousands of records several times); a record is never
        changed in place (a change is written to its file and read again)."""
        return (self.date, self.created_key, self.id)

    def known_sort_key(self, key: tuple[Day, str, str]) -> None:
        """Keep ``sort_key`` as given by a reader that holds it already (the index keeps each
        record's day, creation time and id in columns of its own), rather than work it out."""
        self.__dict__["sort_key"] = key


class OneOnOne(Record):
    """A 1:1. ``minutes`` is its planned length; ``held_minutes`` what it took, when told
    (``coachlog held ID --minutes N``). ``status`` is what became of it; a file without one
    (written before 1:1s had a status, or by hand) is planned until its day and held from then
    on (``status_on``)."""

    kind: Literal["1on1"] = "1on1"
    status: MeetingStatus | None = None
    held_minutes: Annotated[int, Field(ge=0, le=1440)] | None = None
    period: str = ""
    phase: Phase | None = None
    forecast: Forecast = Field(default_factory=Forecast)
    adhoc: list[Text] = []
    reviews: list[str] = []
    topics: list[str] = []  # the ids of the topics this 1:1 took from the rep's queue
    goals: list[Goal] = Field(default_factory=list)  # not copied: often absent (the index)
    helpful: Annotated[StrictInt, Field(ge=SCORE_MIN, le=SCORE_MAX)] | None = None
    rated: date | None = None  # the day ``helpful`` was given (``coachlog rate``)

    def status_on(self, today: Day) -> MeetingStatus:
        """What became of this 1:1 as seen on ``today``: cancelled when it was; otherwise
        planned until its day and held from its day on (a ``planned`` 1:1 whose day has passed
        without a word is taken as held)."""
        if self.status == "cancelled":
            return "cancelled"
        return "planned" if self.date > today else "held"

    def counts_on(self, as_of: Day) -> bool:
        """Whether a report as of ``as_of`` counts this 1:1 (and its minutes): dated on or
        before that day and not cancelled."""
        return self.status != "cancelled" and self.date <= as_of

    @property
    def coaching_minutes(self) -> int:
        """The minutes it counts for once it counts: what it took when told, else the planned
        length; none when it was cancelled."""
        if self.status == "cancelled":
            return 0
        return self.held_minutes if self.held_minutes is not None else self.minutes

    def rated_by(self, day: Day) -> int | None:
        """The ``helpful`` rating as it stood at the end of ``day``: given by then (a rating
        with no ``rated`` day was given on the 1:1's day)."""
        if self.helpful is None or (self.rated or self.date) > day:
            return None
        return self.helpful


Score = Annotated[int, Field(ge=SCORE_MIN, le=SCORE_MAX)]


class CallReview(Record):
    """One call the rep picked and shared, with both people's comments (in the body) and a
    1-5 score per criterion."""

    kind: Literal["review"] = "review"
    call: Annotated[str, Field(min_length=1, max_length=500)]
    pick: Pick
    scores: dict[str, Score | None] = {}  # every criterion listed; empty until scored
    # whose comments the body holds (``core.scaffold.review_commenters``): found in the body
    # each time the file is read, never taken from the front matter
    commented: tuple[Commenter, ...] = ()

    @field_validator("scores", mode="before")
    @classmethod
    def _no_scores(cls, value: Any) -> Any:
        return {} if value is None else value

    @property
    def rep_commented(self) -> bool:
        """The rep's comments are written: only then is the review coached (self-coaching
        first), in an agenda and its scores."""
        return "rep" in self.commented


class Debrief(Record):
    """A post-call debrief: what went well to repeat, what to avoid next time (in the body)."""

    kind: Literal["debrief"] = "debrief"
    call: Annotated[str, Field(min_length=1, max_length=500)]
    by: Debriefer = "rep"


class Observation(Record):
    """Field coaching: the manager watched the rep work on their #1 behaviour."""

    kind: Literal["observation"] = "observation"
    behaviour: Text = ""
    outcome: Outcome | None = None  # whether the behaviour showed (``--outcome``)


class Topic(Record):
    """A topic queued for the rep's next 1:1 (``coachlog topic add``): its text in ``title``,
    who raised it, and ``status: dropped`` once dropped. The 1:1 that takes it names it in its
    ``topics:``."""

    kind: Literal["topic"] = "topic"
    title: Annotated[str, Field(min_length=1, max_length=500)]
    by: Raiser = "rep"
    status: Literal["dropped"] | None = None


class Plan(Record):
    """A #1 behaviour's action plan kept in a record of its own (``focus set`` for a rep with
    no 1:1 yet to hold it): the behaviour, the plan and the manager's field-coaching
    commitments as ``goals``, which the goal rules read as they read a 1:1's."""

    kind: Literal["plan"] = "plan"
    behaviour: Text = ""
    plan: Text = ""
    goals: list[Goal] = Field(default_factory=list)  # not copied: often absent (the index)


GOAL_RECORDS: tuple[type[Record], ...] = (OneOnOne, Plan)
"""The kinds of record that hold goals."""

RECORD_MODELS: dict[str, type[Record]] = {
    "1on1": OneOnOne,
    "review": CallReview,
    "debrief": Debrief,
    "observation": Observation,
    "topic": Topic,
    "plan": Plan,
}
