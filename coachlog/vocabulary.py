"""The journal's fixed words: each set of words a field or an option may hold, stated once as a
``Literal`` type, with the tuple of its words derived from it, and how a message lists them and
refuses a word not among them; and the formats of a rep handle and of a month and day.

Kept apart from the models (no pydantic) so that what only reads the index (``goals open``)
starts without importing pydantic: this module needs nothing beyond the standard library.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date
from functools import lru_cache
from typing import Literal, get_args

from coachlog.errors import UsageError

HANDLE_RE = re.compile(r"^[a-z][a-z0-9_-]{0,39}$")
HANDLE_RULE = "1-40 lowercase letters, digits, '-' or '_', starting with a letter"
# Names Windows keeps for devices: reps/con.yaml could not be checked out there.
RESERVED_HANDLES = frozenset(
    ["con", "prn", "aux", "nul", *(f"{d}{n}" for d in ("com", "lpt") for n in range(10))]
)


@lru_cache(maxsize=1024)  # asked of every record read: a journal has few handles
def handle_problem(handle: str) -> str | None:
    """Why ``handle`` cannot name a rep, or None when it can."""
    if not HANDLE_RE.match(handle):
        return HANDLE_RULE
    if handle in RESERVED_HANDLES:
        return "Windows keeps that name for a device: a journal holding it could not be used there"
    return None


# --- records ----------------------------------------------------------------------------------

RecordKind = Literal["1on1", "review", "debrief", "observation", "topic", "plan"]
RECORD_KINDS: tuple[RecordKind, ...] = get_args(RecordKind)

KIND_DIRS: dict[str, str] = dict(
    zip(RECORD_KINDS, ("1on1", "calls", "debriefs", "observations", "topics", "plans"), strict=True)
)
"""The folder each kind of record lives in, under the journal's root (then by year)."""

MeetingStatus = Literal["planned", "held", "cancelled"]  # what became of a 1:1
MEETING_STATUSES: tuple[MeetingStatus, ...] = get_args(MeetingStatus)

# --- goals ------------------------------------------------------------------------------------

GoalKind = Literal["opportunity", "performance", "career", "action"]
GOAL_KINDS: tuple[GoalKind, ...] = get_args(GoalKind)

GoalOwner = Literal["rep", "manager"]  # ``manager``: the manager's own commitment
GOAL_OWNERS: tuple[GoalOwner, ...] = get_args(GoalOwner)

ClosedStatus = Literal["done", "missed", "dropped"]
CLOSED: tuple[ClosedStatus, ...] = get_args(ClosedStatus)

GoalStatus = Literal["open", ClosedStatus]
GOAL_STATUSES: tuple[GoalStatus, ...] = get_args(GoalStatus)

CONFLICT = "conflict"
"""The status a goal's history gives when two closes disagree (done in one clone, missed in
another); never written as a goal's status, and settled by the next close or reopen."""

UNDECIDED: tuple[str, ...] = ("open", CONFLICT)
"""The statuses of a goal still waiting for a decision: open, or in conflict."""

Verifier = Literal["start", "advance", "win"]  # what proves an opportunity goal is met
VERIFIERS: tuple[Verifier, ...] = get_args(Verifier)

EventField = Literal["status", "title", "due", "target", "measure", "progress", "id"]
EVENT_FIELDS: tuple[str, ...] = get_args(EventField)
"""What an event of a goal's history may change, in the order an event is written (``id``:
``goals reid``)."""

# --- reps, calls and ratings ------------------------------------------------------------------

Experience = Literal["new", "developing", "experienced"]
EXPERIENCE_LEVELS: tuple[Experience, ...] = get_args(Experience)

Pick = Literal["went-well", "struggled"]  # why the rep picked a call for review
PICKS: tuple[Pick, ...] = get_args(Pick)

Stuck = Literal["yes", "partly", "no"]  # whether a #1 behaviour stuck, when it was closed
STUCK: tuple[Stuck, ...] = get_args(Stuck)

Outcome = Literal["seen", "partly", "not-seen"]  # the #1 behaviour, as a field observation saw it
OUTCOMES: tuple[Outcome, ...] = get_args(Outcome)

Commenter = Literal["rep", "manager"]  # whose comments a call review's body holds
COMMENTERS: tuple[Commenter, ...] = get_args(Commenter)

Raiser = Literal["rep", "manager"]  # who raised a topic for the next 1:1
RAISERS: tuple[Raiser, ...] = get_args(Raiser)

Debriefer = Literal["rep", "peer", "manager"]  # who asks a debrief's two questions
DEBRIEFERS: tuple[Debriefer, ...] = get_args(Debriefer)

SCORE_MIN, SCORE_MAX = 1, 5
"""The scale of a call review's scores and of a 1:1's ``helpful`` rating."""

# --- the sales calendar -----------------------------------------------------------------------

PeriodKind = Literal["month", "quarter"]  # how the config cuts the fiscal year
PERIOD_KINDS: tuple[PeriodKind, ...] = get_args(PeriodKind)

SpanKind = Literal[PeriodKind, "days"]  # a period, or any other span of whole days

Phase = Literal["early", "mid", "late", "year-end"]
PHASES: tuple[Phase, ...] = get_args(Phase)


# --- words in messages ------------------------------------------------------------------------


def one_of(words: Sequence[str]) -> str:
    """``words`` as a sentence lists them: ``a, b or c`` (one word alone as it is)."""
    *rest, last = words
    return f"{', '.join(rest)} or {last}" if rest else last


def check_choice(value: str, choices: Sequence[str], field: str, what: str) -> str:
    """``value`` when it is one of ``choices``; else an error about ``field`` that lists them
    (``what``: such a value in words, ``a pick``)."""
    if value not in choices:
        raise UsageError(f"{value!r} is not {what}; use {one_of(choices)}", field=field)
    return value


def parse_month_day(text: str) -> tuple[int, int]:
    """Parse a fiscal year start ``MM-DD``; February 29 is refused (it is not in every year)."""
    parts = text.strip().split("-")
    if len(parts) != 2 or not all(p.isascii() and p.isdigit() and len(p) == 2 for p in parts):
        raise ValueError(f"{text!r} is not a month and day as MM-DD, like 02-01")
    month, day = int(parts[0]), int(parts[1])
    if month == 2 and day == 29:
        raise ValueError("02-29 is not in every year; pick another fiscal year start")
    try:
        date(2001, month, day)
    except ValueError:
        raise ValueError(f"{text!r} is not a day of the year (MM-DD)") from None
    return month, day
