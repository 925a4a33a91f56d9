"""Dates as users type them: ISO days, plus a few words relative to today."""

from __future__ import annotations

import re
from datetime import date, timedelta

_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_RELATIVE = re.compile(r"^([+-])(\d{1,4})([dw])$")
_WORDS = {"today": 0, "tomorrow": 1, "yesterday": -1}


def parse_day(text: str, today: date | None = None) -> date:
    """Parse ``YYYY-MM-DD``; with ``today`` also ``today``, ``tomorrow``, ``yesterday``,
    ``+3d`` or ``-2w``. Raises ValueError with a message fit for a user."""
    value = text.strip().lower()
    if today is not None:
        if value in _WORDS:
            return today + timedelta(days=_WORDS[value])
        match = _RELATIVE.match(value)
        if match:
            sign = 1 if match.group(1) == "+" else -1
            days = int(match.group(2)) * (7 if match.group(3) == "w" else 1)
            try:
                return today + timedelta(days=sign * days)
            except OverflowError:
                raise ValueError(
                    f"{text!r} from {today} is past the calendar's ends (0001-01-01 to 9999-12-31)"
                ) from None
    if not _ISO.match(value):
        raise ValueError(f"{text!r} is not a date; use YYYY-MM-DD")
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"{text!r} is not a real day of the calendar") from None


def stored_day(text: str | None) -> date | None:
    """A day as coachlog stores it (ISO, or nothing)."""
    return date.fromisoformat(text) if text else None
