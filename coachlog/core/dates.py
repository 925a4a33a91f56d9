"""Dates as people type them, in one parser for every date option.

``YYYY-MM-DD``, and relative to today: ``today``, ``tomorrow``, ``yesterday``; ``+3d``, ``-2w``,
``+1m`` (calendar months, as dateutil counts them: Jan 31 + 1m is Feb 28 or 29); a weekday name
(``friday`` or ``fri``: the next such day after today, so ``friday`` on a Friday is a week on);
``eom`` (the last day of today's calendar month) and ``eoq`` (the last day of today's fiscal
quarter, counted from the fiscal year start). Nothing here reads a clock: ``today`` and the
fiscal calendar are arguments.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, timedelta
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from coachlog.core.calendar import FiscalCalendar

_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_RELATIVE = re.compile(r"^([+-])(\d{1,5})([dwm])$")
_WORDS = {"today": 0, "tomorrow": 1, "yesterday": -1}
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_WEEKDAY = {name: i for i, name in enumerate(WEEKDAYS)} | {
    name[:3]: i for i, name in enumerate(WEEKDAYS)
}
# What a date option takes, said once for help texts and errors.
DATE_FORMS = "YYYY-MM-DD, today, tomorrow, +3d, +2w, +1m, a weekday (friday), eom or eoq"
NEEDS_CALENDAR = "eoq"


def parse_day(text: str, today: date | None = None, calendar: FiscalCalendar | None = None) -> date:
    """The day ``text`` names (see the module's text). Without ``today`` only ``YYYY-MM-DD``
    is taken; ``eoq`` needs the journal's ``calendar``. Raises ValueError with a message fit
    for a user."""
    value = text.strip().lower()
    if today is not None and not _ISO.match(value):
        try:
            found = _relative(value, today, calendar)
        except (OverflowError, ValueError):
            raise ValueError(
                f"{text!r} from {today} is past the calendar's ends (0001-01-01 to 9999-12-31)"
            ) from None
        if found is not None:
            return found
        raise ValueError(f"{text!r} is not a date; use {DATE_FORMS}")
    if not _ISO.match(value):
        raise ValueError(f"{text!r} is not a date; use YYYY-MM-DD")
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"{text!r} is not a real day of the calendar") from None


def _relative(value: str, today: date, calendar: FiscalCalendar | None) -> date | None:
    """The day a word or an offset names, None when ``value`` is neither. Past the calendar's
    ends: OverflowError or ValueError."""
    from dateutil.relativedelta import relativedelta  # here: listings parse no dates

    if value in _WORDS:
        return today + timedelta(days=_WORDS[value])
    match = _RELATIVE.match(value)
    if match:
        count = int(match.group(2)) * (1 if match.group(1) == "+" else -1)
        unit = match.group(3)
        if unit == "m":
            return today + relativedelta(months=count)
        return today + timedelta(days=count * (7 if unit == "w" else 1))
    if value in _WEEKDAY:
        ahead = (_WEEKDAY[value] - today.weekday() - 1) % 7 + 1  # 1..7: strictly after today
        return today + timedelta(days=ahead)
    if value == "eom":
        return today + relativedelta(day=31)
    if value == NEEDS_CALENDAR:
        return end_of_quarter(today, calendar)
    return None


def end_of_quarter(day: date, calendar: FiscalCalendar | None = None) -> date:
    """The last day of the fiscal quarter holding ``day`` (quarters counted from the fiscal
    year start, whatever the journal's period is; January 1 without a calendar)."""
    from coachlog.core.calendar import FiscalCalendar, period_of

    quarters = replace(calendar or FiscalCalendar(), period="quarter")
    return period_of(day, quarters).end


def stored_day(text: str | None) -> date | None:
    """A day as coachlog stores it (ISO, or nothing)."""
    return date.fromisoformat(text) if text else None
