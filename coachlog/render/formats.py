"""Choosing an output format, and the JSON and CSV writers every listing shares.

Every listing and report takes the same formats: ``table`` (rich, on a terminal), ``markdown``
(the default in a pipe), ``json``, ``csv``, ``email`` (an RFC 5322 message for ``sendmail
-t``) and ``slack`` (an incoming-webhook payload).
"""

from __future__ import annotations

import csv
import io
import json
import os
import sys
from datetime import date, datetime
from typing import Any, TextIO

LISTING_FORMATS = ("table", "markdown", "json", "csv", "email", "slack")


def resolve_format(
    requested: str | None, allowed: tuple[str, ...], stream: TextIO | None = None
) -> str:
    """``requested``, or ``table`` on a terminal and ``markdown`` in a pipe."""
    from coachlog.errors import UsageError

    if requested is None:
        stream = stream or sys.stdout
        return "table" if stream.isatty() else "markdown"
    if requested not in allowed:
        raise UsageError(
            f"{requested!r} is not a format here; use one of {', '.join(allowed)}", field="fmt"
        )
    return requested


def color_allowed() -> bool:
    return "NO_COLOR" not in os.environ or os.environ.get("NO_COLOR") == ""


def _default(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, set | tuple):
        return list(value)
    raise TypeError(f"cannot write {type(value).__name__} as JSON")


def to_json(data: Any) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False, default=_default) + "\n"


def to_csv(rows: list[dict[str, Any]], columns: list[str]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: _cell(row.get(k)) for k in columns})
    return out.getvalue()


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return "; ".join(_cell(v) for v in value)
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def cell_text(value: Any) -> str:
    """A value as a table cell shows it."""
    return _cell(value)
