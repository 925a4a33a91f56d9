"""Call and field coaching on plain data: call-review scores, their trends, and the sales
engine's what-if.

- A score is ``criterion=N``, N a whole number from 1 to 5, the criterion one of the config's
  ``review_criteria``.
- Sales velocity is revenue per day: ``opportunities x win rate x deal size / cycle days``.
  A what-if applies changes to those four pistons: ``+10%`` / ``-10%`` relative to the value
  now, ``+2pt`` percentage points (win rate only), or a plain number for the new value. A
  what-if reaches the method's bar for a performance goal when it lifts velocity by at least
  10% (``TARGET_LIFT_PCT``).
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Literal

from coachlog.errors import UsageError
from coachlog.model import CallReview
from coachlog.vocabulary import SCORE_MAX, SCORE_MIN

SCORE_FIELD = "scores"
TARGET_LIFT_PCT = 10.0

# --- scores -----------------------------------------------------------------------------------


def parse_scores(given: Sequence[str], criteria: Sequence[str]) -> dict[str, int]:
    """``["opening=4", "discovery=3"]`` as ``{"opening": 4, "discovery": 3}``, in the order
    given. Unknown criteria, missing or out-of-range numbers and repeats are errors."""
    known = ", ".join(criteria)
    if not criteria:
        raise UsageError("the config lists no review criteria; add some under review_criteria")
    if not given:
        raise UsageError(f"give at least one score, like opening=4 (criteria: {known})")
    scores: dict[str, int] = {}
    for text in given:
        name, equals, value = text.partition("=")
        name, value = name.strip().lower(), value.strip()
        if not equals or not name or not value:
            raise UsageError(
                f"{text!r} is not a score; write CRITERION=N with N from 1 to 5, like opening=4",
                field=SCORE_FIELD,
            )
        if name not in criteria:
            raise UsageError(
                f"{name!r} is not a review criterion; the criteria are {known} "
                "(config: review_criteria)",
                field=SCORE_FIELD,
            )
        if not re.fullmatch(r"[0-9]+", value) or not SCORE_MIN <= int(value) <= SCORE_MAX:
            raise UsageError(
                f"{text!r}: a score is a whole number from {SCORE_MIN} to {SCORE_MAX}",
                field=SCORE_FIELD,
            )
        if name in scores:
            raise UsageError(f"{name!r} is scored twice; give it once", field=SCORE_FIELD)
        scores[name] = int(value)
    return scores


def score_trends(reviews: Iterable[CallReview]) -> dict[str, list[tuple[date, int]]]:
    """Each criterion's scores over time, oldest first: ``{criterion: [(day, score), ...]}``.
    Criteria not scored yet (empty in the file) are left out."""
    trends: dict[str, list[tuple[date, int]]] = {}
    for review in sorted(reviews, key=lambda r: r.sort_key):
        for criterion, score in review.scores.items():
            if score is not None:
                trends.setdefault(criterion, []).append((review.date, score))
    return trends


# --- the sales engine -------------------------------------------------------------------------

PISTONS: tuple[str, ...] = ("opportunities", "win_rate", "deal_size", "cycle_days")
PISTON_NAMES = {
    "opportunities": "open opportunities",
    "win_rate": "win rate",
    "deal_size": "deal size",
    "cycle_days": "sales cycle",
}


@dataclass(frozen=True)
class Pistons:
    """The four pistons of a rep's sales engine."""

    opportunities: float
    win_rate: float  # 0..1
    deal_size: float
    cycle_days: float

    @property
    def velocity(self) -> float:
        """Revenue per day: opportunities x win rate x deal size / cycle days."""
        return self.opportunities * self.win_rate * self.deal_size / self.cycle_days


@dataclass(frozen=True)
class Change:
    """A change to one piston: ``relative`` (fraction: 0.1 is +10%), ``points`` (fraction of
    one: 0.02 is +2pt) or ``absolute`` (the new value)."""

    how: Literal["relative", "points", "absolute"]
    amount: float
    text: str

    def apply(self, value: float) -> float:
        if self.how == "relative":
            return value * (1 + self.amount)
        if self.how == "points":
            return value + self.amount
        return self.amount


_NUMBER = r"(\d+(?:\.\d+)?|\.\d+)"
_RELATIVE = re.compile(rf"^([+-]){_NUMBER}%$")
_POINTS = re.compile(rf"^([+-]){_NUMBER}\s*pts?$")
_ABSOLUTE = re.compile(rf"^{_NUMBER}$")


def parse_change(text: str, piston: str) -> Change:
    """A change as typed after ``--opportunities``, ``--win-rate``, ``--deal-size`` or
    ``--cycle``: ``+10%``/``-10%``; ``+2pt`` for the win rate; or the new value."""
    value = text.strip().lower().replace(" ", "")
    if piston == "win_rate":
        usage = "use +2pt (percentage points), +5% (relative) or 0.3 (the new rate)"
    else:
        usage = "use +10% or -10% (relative to now), or a plain number for the new value"
    if match := _RELATIVE.match(value):
        sign = 1 if match.group(1) == "+" else -1
        return Change("relative", sign * float(match.group(2)) / 100, text.strip())
    if match := _POINTS.match(value):
        if piston != "win_rate":
            raise UsageError(
                f"{text!r}: points (pt) are for the win rate only; {usage}", field=piston
            )
        sign = 1 if match.group(1) == "+" else -1
        return Change("points", sign * float(match.group(2)) / 100, text.strip())
    if match := _ABSOLUTE.match(value):
        amount = float(match.group(1))
        if piston == "win_rate" and amount > 1:
            raise UsageError(
                f"{text!r} is not a win rate: a new rate is written 0.3 (30%); "
                "for a change use +2pt or +5%",
                field=piston,
            )
        return Change("absolute", amount, text.strip())
    if re.fullmatch(rf"-{_NUMBER}", value):
        what = "days" if piston == "cycle_days" else "a value"
        raise UsageError(
            f"{text!r}: a {PISTON_NAMES[piston]} cannot be negative {what}; "
            f"for a change write it with %, like {value}%",
            field=piston,
        )
    if re.fullmatch(rf"\+{_NUMBER}", value):
        raise UsageError(
            f"{text!r} needs a unit: {value}% for a relative change"
            + (f", {value}pt for points" if piston == "win_rate" else "")
            + f", or {value[1:]} for the new value",
            field=piston,
        )
    if re.fullmatch(rf"{_NUMBER}%", value):
        raise UsageError(
            f"{text!r} needs a sign: +{value} or -{value} for a change"
            + (
                f", or {float(value[:-1]) / 100:g} for the new rate" if piston == "win_rate" else ""
            ),
            field=piston,
        )
    raise UsageError(f"{text!r} is not a change; {usage}", field=piston)


def check_pistons(pistons: Pistons, flags: dict[str, Change]) -> None:
    """Refuse an engine a what-if cannot stand for: a cycle of 0 days or fewer, a negative
    count or deal size, a win rate outside 0-100%."""
    for name in PISTONS:
        value = getattr(pistons, name)
        change = flags.get(name)
        said = f"{change.text!r} makes" if change else "it is"
        if not math.isfinite(value):
            raise UsageError(f"{said} the {PISTON_NAMES[name]} too large to compute", field=name)
        if name == "cycle_days" and value <= 0:
            raise UsageError(
                f"{said} the sales cycle {value:g} days; it must stay above 0 days", field=name
            )
        if name == "win_rate" and not 0 <= value <= 1:
            raise UsageError(
                f"{said} the win rate {value * 100:g}%; it must stay between 0% and 100%",
                field=name,
            )
        if value < 0:
            raise UsageError(
                f"{said} the {PISTON_NAMES[name]} {value:g}; it cannot go below 0", field=name
            )


@dataclass(frozen=True)
class WhatIf:
    before: Pistons
    after: Pistons
    changes: dict[str, Change]

    @property
    def change_pct(self) -> float | None:
        """The change in velocity, in percent; ``None`` when the engine stands still now."""
        if self.before.velocity == 0:
            return None
        return (self.after.velocity / self.before.velocity - 1) * 100

    @property
    def reaches_target(self) -> bool:
        """The method's bar for a performance goal: at least a 10% lift."""
        pct = self.change_pct
        return pct is not None and round(pct, 9) >= TARGET_LIFT_PCT


def what_if(before: Pistons, changes: dict[str, Change]) -> WhatIf:
    """``before`` with ``changes`` (piston name -> change) applied; the result is checked."""
    check_pistons(before, {})
    after = replace(
        before, **{name: change.apply(getattr(before, name)) for name, change in changes.items()}
    )
    check_pistons(after, changes)
    return WhatIf(before, after, dict(changes))
