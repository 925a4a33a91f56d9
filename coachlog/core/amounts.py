"""Amounts of money as people and CRM exports write them, and as coachlog shows them.

``parse_amount`` reads ``120000``, ``120,000``, ``$120,000.50``, ``€ 1.234,56``, ``1 234 567``,
``EUR 98.000`` or ``-``: a currency symbol or three-letter code before or after the number is
left out, and so are spaces (a non-breaking or thin space too) and thousands separators. Which
of ``,`` and ``.`` is the decimal mark: the last one, when both appear; one alone is a
thousands separator when every group after it has three digits (``1,234`` and ``1.234.567``),
else the decimal mark (``1,5``, ``98.50``). An amount above ``MAX_AMOUNT`` (a thousand
trillion) is refused: a number that large is a typing slip, and past it the stored number would
no longer be the one typed. Pure: text in, a number or a ``ValueError`` out.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal

_CURRENCY = re.compile(
    r"^(?:[A-Za-z]{3}|[$€£¥₹₩₽₺₪¤]|[A-Za-z]{1,2}\$)\s*|\s*(?:[A-Za-z]{3}|[$€£¥₹₩₽₺₪¤])$"
)
_SPACES = re.compile(r"[\s\u00a0\u2009\u202f']")
_THOUSANDS = re.compile(r"^\d{1,3}(?:[.,]\d{3})+$")

MAX_AMOUNT = 10**15
"""The largest amount coachlog keeps: every whole number up to it is stored exactly."""


def check_amount(value: float, text: str) -> float:
    """``value`` (read from ``text``) when it is at most ``MAX_AMOUNT``; ``ValueError`` with
    words for a user otherwise."""
    if not value <= MAX_AMOUNT:  # NaN too
        raise ValueError(
            f"{text!r} is too large to keep exactly; an amount is at most {MAX_AMOUNT:,}"
        )
    return value


def parse_amount(text: str) -> float:
    """``text`` as a non-negative amount (module doc); ``ValueError`` with words for a user."""
    value = text.strip()
    for _ in range(2):  # "USD $1,200" has a code and a symbol
        value = _CURRENCY.sub("", value).strip()
    value = _SPACES.sub("", value)
    if not value or not re.fullmatch(r"[0-9.,]+", value) or not value[0].isdigit():
        raise ValueError(f"{text!r} is not an amount; write it like 120000 or 120,000")
    commas, dots = value.count(","), value.count(".")
    if commas and dots:
        decimal = "," if value.rfind(",") > value.rfind(".") else "."
        thousands = "." if decimal == "," else ","
        if value.count(decimal) > 1:
            raise ValueError(f"{text!r} is not an amount; it has two decimal marks")
        value = value.replace(thousands, "").replace(decimal, ".")
    elif commas or dots:
        mark = "," if commas else "."
        if _THOUSANDS.match(value):
            value = value.replace(mark, "")
        elif value.count(mark) == 1:
            value = value.replace(mark, ".")
        else:
            raise ValueError(f"{text!r} is not an amount; check its separators")
    return check_amount(float(value), text)


def whole(value: float | None) -> float | None:
    """A number as a whole one where it is one (``45000``, not ``45000.0``), for data that is
    printed as JSON or written to a file."""
    if value is not None and value == int(value):
        return int(value)
    return value


def amount_text(value: float | None) -> str:
    """An amount as a reader scans it: ``120,000``; ``1,234.5`` where it has cents; ``-`` for
    none."""
    if value is None:
        return "-"
    if value == int(value):
        return f"{int(value):,}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def signed_amount_text(value: float) -> str:
    """A change of an amount: ``+10,000``, ``-2,500``, ``0``."""
    if value == 0:
        return "0"
    return ("+" if value > 0 else "-") + amount_text(abs(value))


def round_half_up(value: float, places: int = 0) -> float:
    """``value`` to ``places`` decimals, a half rounded up (0.3125 is 0.313), as people round
    (Python's ``round`` takes a half to the even digit)."""
    quantum = Decimal(1).scaleb(-places)
    return float(Decimal(repr(value)).quantize(quantum, rounding=ROUND_HALF_UP))
