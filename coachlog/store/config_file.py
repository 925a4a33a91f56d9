"""The text of a new journal's coachlog.yaml: every default spelled out, with a comment (a test
checks that it loads back as the model's defaults, ``coachlog.defaults``)."""

from __future__ import annotations

import io
from typing import Any

from coachlog import defaults
from coachlog.store.yamlfile import _yaml

HEADER = """\
# coachlog journal config. Every setting is shown with its default; change what you need.
# Reference: the README's "Configuration" section.

# Who the journal is for.
team: {team}
manager: {manager}

# The sales calendar: periods are months or fiscal quarters, counted from the fiscal year
# start (MM-DD, quoted). A 1:1 is "early", "mid" or "late" in its period (thirds by days),
# or "year-end" within year_end_days of the fiscal year's last day.
period: {period}
fiscal_year_start: '{fiscal_year_start}'
year_end_days: 42

# 1:1s: default length in minutes (a multiple of 5), and the expected days between two 1:1s.
meeting_minutes: 40
cadence_days: 7

# Accountability targets used by reports: coaching minutes per rep per month (pro-rated for
# shorter windows), call reviews a rep shares per week, and the minutes a week the manager
# listens to shared calls (the minutes of the reviews the manager commented on).
coaching_minutes_target: 180
call_reviews_per_week: 2
listening_minutes_per_week: 30

# Pipeline coverage: next period's pipeline (a 1:1's forecast) in times the rep's period quota
# ('coachlog reps set alice --quota 150000'); less is flagged in reports.
pipeline_coverage: 3

# Criteria a call review is scored on, 1-5 each.
review_criteria:
  - opening
  - discovery
  - listening
  - objections
  - next-steps

# How many open goals of each kind a rep should carry at once; more is a warning.
goal_limits:
  opportunity: 3
  performance: 1
  career: 1

# The method's guard rails. Each prints a warning and never refuses; set false to silence one.
warnings:
  sales_goal: true        # a goal only the customer can decide ("close the deal")
  no_due_date: true       # a goal without a due date
  no_target: true         # a goal without a measurable target
  too_many_goals: true    # more open goals of a kind than goal_limits
  no_coaching_goal: true  # the previous 1:1 ended with no coaching goal
  soft_goal: true         # soft wording ("try to", "work on", "improve" with no number)
  horizon: true           # a performance goal due in under 1 or over 3 months; a career
                          # goal far from a quarter
  opportunity_mix: true   # fewer than two open opportunity goals
  no_why: true            # a goal added with no why (why it matters)
  done_below_target: true # 'goals done' on a goal below its target

# Reports sent by email: the From and To addresses when a command is given none.
email:
  from: ''
  to: ''

# Git: with autocommit, each change coachlog makes is committed under your git identity.
git:
  autocommit: false

# Private text: with public keys listed here (age "age1..." or SSH "ssh-ed25519 ..."), every
# "## Private" section and private: field is written encrypted to them, so the shared repo holds
# none in the clear. 'coachlog privacy encrypt' encrypts what is already written.
privacy:
  encrypt_to: []

# The 1:1 agenda. Minutes are for a {base}-minute meeting in each phase; other lengths scale
# from them in 5-minute blocks. "keep" sections hold their time when a call review is added
# (call_review_minutes); "open_goals" lists the goals rolled forward; "adhoc" carries one or two
# of adhoc_questions, rotating so a rep never gets last time's.
"""


def config_text(*, team: str, manager: str, period: str, fiscal_year_start: str) -> str:
    def scalar(value: str) -> str:
        buf = io.StringIO()
        _yaml().dump({"v": value}, buf)
        return buf.getvalue().strip()[3:] if value else "''"

    head = HEADER.format(
        team=scalar(team),
        manager=scalar(manager),
        period=period,
        fiscal_year_start=fiscal_year_start,
        base=defaults.MEETING_MINUTES,
    )
    buf = io.StringIO()
    agenda: dict[str, Any] = {"agenda": defaults.DEFAULT_AGENDA}
    _yaml().dump(agenda, buf)
    return head + buf.getvalue()
