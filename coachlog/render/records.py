"""``coachlog log``: the journal's records, newest first."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from coachlog.render.page import Column, Listing, View

LOG_COLUMNS = [
    Column("date", "Date"),
    Column("kind", "Kind"),
    Column("rep", "Rep"),
    Column("status", "Status"),
    Column("id", "Id"),
]


def log_view(entries: Sequence[Any]) -> View:
    """``entries``: ``ops.records.LogEntry``s, newest first."""
    rows = [
        {
            "id": e.id,
            "kind": e.kind,
            "rep": e.rep,
            "date": e.date,
            "status": e.status,
            "path": e.path,
        }
        for e in entries
    ]
    notes = [f"{len(rows)} record{'' if len(rows) == 1 else 's'}."] if rows else []
    listing = Listing("Records", LOG_COLUMNS, rows, empty="No records.", notes=notes)
    listing.json_rows = rows
    return View.of_listing(listing)
