"""The default 1:1 agenda: sections, minutes by phase, and the questions baked into each.

Minutes are for a 40-minute meeting (spec.md section 2); other lengths scale from them.
``keep`` sections hold their time when a call review is added; ``adhoc`` marks the section
that carries the rotating culture and motivation questions.
"""

from __future__ import annotations

from typing import Any

DEFAULT_AGENDA: dict[str, Any] = {
    "call_review_minutes": 20,
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
