"""``topic list``: each rep's topics for the next 1:1, queued and carried over."""

from __future__ import annotations

from collections.abc import Sequence

from coachlog.core.topics import TopicItem
from coachlog.render.agenda import topic_data
from coachlog.render.page import Column, Listing, View

COLUMNS = [
    Column("rep", "Rep"),
    Column("text", "Topic"),
    Column("raised", "Raised"),
    Column("id", "Id"),
]


def topics_view(topics: Sequence[tuple[str, TopicItem]]) -> View:
    """``topics``: (rep, topic) pairs, as ``ops.topics.list_topics`` gives them."""
    rows = []
    for rep, topic in topics:
        if topic.carried:  # ticked or deleted there, it is gone
            raised = f"left unticked in {topic.source}" if topic.source else "carried"
        else:
            who = rep if topic.by == "rep" else "manager"
            raised = f"{who}, {topic.date.isoformat() if topic.date else ''}"
        rows.append({"rep": rep, "text": topic.text, "raised": raised, "id": topic.id or "-"})
    json_rows = [{"rep": rep, **topic_data(topic)} for rep, topic in topics]
    notes = [f"{len(rows)} topic{'' if len(rows) == 1 else 's'} for the next 1:1s."] if rows else []
    empty = "No topics queued: add one with 'coachlog topic add --rep R TEXT'."
    listing = Listing("Topics for the next 1:1", COLUMNS, rows, empty=empty, notes=notes)
    listing.json_rows = json_rows
    return View.of_listing(listing)
