"""The coaching calendar (``coachlog calendar``) as a view: its entries for ``--format ics``,
and a listing of them, by day, that every other format renders."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from coachlog.core.feed import Entry
from coachlog.render.page import Column, Feed, Listing, View

KIND_WORDS = {"1on1": "1:1", "1on1-due": "1:1 due", "field": "field coaching", "goal": "goal due"}


def calendar_view(entries: Sequence[Entry], teams: Sequence[str], today: date) -> View:
    """The entries of one journal's calendar or several (``teams``: each journal's team)."""
    rows = [
        {
            "team": e.team,
            "date": e.day,
            "kind": e.kind,
            "what": KIND_WORDS.get(e.kind, e.kind),
            "rep": e.rep,
            "summary": e.summary,
            "description": e.description,
            "id": e.ref,
            "uid": e.uid,
        }
        for e in entries
    ]
    named = ", ".join(t for t in teams if t)
    team = [Column("team", "Team")] if len(teams) > 1 else []
    listing = Listing(
        f"Coaching calendar, {named}" if named else "Coaching calendar",
        [
            Column("date", "Date"),
            Column("what", "What"),
            *team,
            Column("rep", "Rep"),
            Column("summary", "Entry"),
            Column("id", "Id"),
        ],
        rows,
        empty="Nothing to put in a calendar.",
        json_rows=rows,
        cards=[Column("date", "Date"), Column("summary", "Entry"), Column("id", "Id")],
    )
    feed = Feed(listing.title, today, tuple(entries))
    return View.of_listing(listing).with_events(feed)
