"""The journal's defaults, each stated once: what the config holds where a key is left out
(``coachlog init`` writes every one of them out), the default 1:1 agenda, and the coaching
minutes a new call review, debrief or observation counts for when ``--minutes`` is not given.

Plain data, no pydantic: the models take their defaults from here, and so do the core, the
operations, the CLI's options and help, and the config a new journal starts with.
"""

from __future__ import annotations

from typing import Any

from coachlog.vocabulary import PeriodKind

# --- the config (``coachlog.yaml``) ------------------------------------------------------------

PERIOD: PeriodKind = "quarter"
FISCAL_YEAR_START = "01-01"  # MM-DD
YEAR_END_DAYS = 42
MEETING_MINUTES = 40  # a 1:1's length; the default agenda's minutes add up to it in each phase
CADENCE_DAYS = 7
# the measure of a field-coaching commitment (``focus set --field-dates``), which tells it apart
FIELD_COACHING_MEASURE = "field coaching session"
COACHING_MINUTES_TARGET = 180  # per rep per calendar month
CALL_REVIEWS_PER_WEEK = 2
PIPELINE_COVERAGE = 3  # next period's pipeline, in times the period quota, before a flag
LISTENING_MINUTES_PER_WEEK = 30  # the manager's listening to the calls reps shared
REVIEW_CRITERIA: tuple[str, ...] = ("opening", "discovery", "listening", "objections", "next-steps")
GOAL_LIMITS: dict[str, int] = {"opportunity": 3, "performance": 1, "career": 1}
CALL_REVIEW_MINUTES = 20  # the most a call-review section takes of a 1:1

# --- new records ------------------------------------------------------------------------------

RECORD_MINUTES: dict[str, int] = {
    "review": 15,  # listening to the call: about 30 minutes a week for two calls
    "debrief": 10,  # two questions right after a call
    "observation": 30,  # a joint call in the field
}
"""Coaching minutes a new record counts for when ``--minutes`` is not given (reports sum
them)."""

# --- the 1:1 agenda ---------------------------------------------------------------------------

DEFAULT_AGENDA: dict[str, Any] = {
    "call_review_minutes": CALL_REVIEW_MINUTES,
    "adhoc_questions": [
        "Are you doing your best work? What's holding you back?",
        "Are you happy?",
        "Do you feel you're growing?",
        "If you were me, what would you change?",
        "What's the biggest opportunity we're missing?",
    ],
    "sections": [
        {
            "key": "goals",
            "title": "Open goals review",
            "minutes": {"early": 5, "mid": 5, "late": 5, "year-end": 5},
            "keep": True,
            "open_goals": True,
            "questions": ["Where does each open goal stand: done, on track, or missed?"],
        },
        {
            "key": "forecast",
            "title": "Forecast, current period",
            "minutes": {"early": 10, "mid": 5, "late": 5, "year-end": 5},
            "questions": [
                "What will you finish the period at: commit, most likely, upside?",
                "Is that a hunch or a fact?",
            ],
        },
        {
            "key": "pipeline",
            "title": "Pipeline, next period",
            "minutes": {"early": 10, "mid": 5, "late": 5, "year-end": 5},
            "questions": ["How much pipeline have you generated for next period?"],
        },
        {
            "key": "deals",
            "title": "Deals to close",
            "minutes": {"early": 0, "mid": 10, "late": 15, "year-end": 5},
            "questions": [
                "Which deals can close this period, and what is the next customer step on each?",
                "Who at the customer decides, and when?",
            ],
        },
        {
            "key": "skills",
            "title": "Skill development",
            "minutes": {"early": 5, "mid": 5, "late": 0, "year-end": 0},
            "questions": ["Which skill do you want to develop this month?"],
        },
        {
            "key": "career",
            "title": "Career development",
            "minutes": {"early": 0, "mid": 0, "late": 0, "year-end": 10},
            "questions": [
                "Where do you want to be a year from now?",
                "What would you need to learn to get there?",
            ],
        },
        {
            "key": "free",
            "title": "Free time",
            "minutes": {"early": 5, "mid": 5, "late": 5, "year-end": 5},
            "adhoc": True,
            "questions": ["What's on your mind?"],
        },
        {
            "key": "set-goals",
            "title": "Set coaching goals",
            "minutes": {"early": 5, "mid": 5, "late": 5, "year-end": 5},
            "keep": True,
            "questions": [
                "What will you do by when, and how will we both know it is done?",
                "How can I help?",
            ],
        },
    ],
}
"""The default 1:1 agenda: sections, minutes by phase for a meeting of ``MEETING_MINUTES``
(other lengths scale from them), and the questions baked into each. ``keep`` sections
hold their time when a call review is added; ``adhoc`` marks the section that carries the
rotating culture and motivation questions."""
