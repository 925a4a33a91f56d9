"""Topics for the next 1:1, and the items that carry over from the last one.

A topic is a record of its own (``coachlog topic add``), one file each, so two clones that add
topics never touch the same file. It waits in the rep's queue until a 1:1 takes it: the 1:1
written by ``new 1on1`` names the ids it took in its ``topics:`` front matter, so the queue is
derived from the files (the rep's topics, less those dropped and those a 1:1 names) and a merge
of two clones keeps it right.

The unchecked ``- [ ]`` items under ``## Agenda`` of the rep's previous 1:1 come back in the
next agenda, until they are ticked or deleted, except the lines coachlog writes there itself
every time: goal lines (a backticked goal id first; goals roll forward by their own rule), call
reviews, and the questions of the agenda's sections, the call review and the rotating pool.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from datetime import date

from coachlog.model import OneOnOne, Topic

_HEADING = re.compile(r"^(#{1,6})(?:[ \t]+(.*?))?[ \t]*#*[ \t]*$")
_UNCHECKED = re.compile(r"^[ \t]*[-*+][ \t]+\[ \][ \t]+(\S.*?)[ \t]*$")
_GOAL_LINE = re.compile(r"^`[0-9a-z]{4,16}`")
_REVIEW_LINE = re.compile(r"^Call: .*`[^`\s]+`$")


@dataclass(frozen=True)
class TopicItem:
    """A topic on an agenda: one queued (its id, who raised it and when) or an item carried
    from the previous 1:1 as it was written there (no id)."""

    id: str | None
    text: str
    by: str | None = None
    date: date | None = None
    carried: bool = False
    source: str | None = None  # of a carried item: the 1:1 it was left unticked in

    def line(self, rep: str) -> str:
        """The checklist text: ``TEXT (alice, 2026-12-01)`` for a queued topic (who raised it:
        the rep's handle, or ``manager``), a carried item as written."""
        if self.carried or self.date is None:
            return self.text
        who = rep if self.by == "rep" else "manager"
        return f"{self.text} ({who}, {self.date.isoformat()})"


def taken(one_on_ones: Iterable[OneOnOne]) -> set[str]:
    """The ids of the topics some 1:1 took."""
    return {topic for record in one_on_ones for topic in record.topics}


def queued(topics: Iterable[Topic], one_on_ones: Iterable[OneOnOne], day: date) -> list[TopicItem]:
    """The topics waiting for the 1:1 on ``day``: raised on or before it, not dropped and not
    taken by a 1:1; oldest first."""
    took = taken(one_on_ones)
    return [
        TopicItem(t.id, t.title, t.by, t.date)
        for t in sorted(topics, key=lambda t: t.sort_key)
        if t.status != "dropped" and t.id not in took and t.date <= day
    ]


def previous_one_on_one(one_on_ones: Iterable[OneOnOne], day: date) -> OneOnOne | None:
    """The rep's 1:1 whose open items the 1:1 on ``day`` takes over: the newest on or before
    that day, whatever became of it (a cancelled 1:1's items still wait)."""
    earlier = [r for r in one_on_ones if r.date <= day]
    return max(earlier, key=lambda r: r.sort_key) if earlier else None


def open_items(body: str, written: Collection[str]) -> list[str]:
    """The unchecked items under ``## Agenda`` of a 1:1's Markdown ``body``, each as written
    after its box, less the lines coachlog writes itself (``written``: the agenda's questions;
    goal and call-review lines are known by their shape). Duplicates once."""
    found: list[str] = []
    inside = fenced = False
    for raw in body.splitlines():
        if raw.lstrip().startswith("```"):
            fenced = not fenced
            continue
        heading = None if fenced else _HEADING.match(raw)
        if heading is not None and len(heading.group(1)) <= 2:
            inside = (heading.group(2) or "").strip().lower() == "agenda"
            continue
        if not inside or fenced:
            continue
        item = _UNCHECKED.match(raw)
        if item is None:
            continue
        text = item.group(1)
        if _GOAL_LINE.match(text) or _REVIEW_LINE.match(text) or text in written:
            continue
        if text not in found:
            found.append(text)
    return found


def agenda_topics(
    queue: Iterable[TopicItem], carried: Iterable[str], rep: str, source: str | None = None
) -> list[TopicItem]:
    """What the next agenda lists: the items carried from the previous 1:1 (``source``, its
    id), then the queued topics; a queued topic whose line was carried already is listed
    once, as queued."""
    queue = list(queue)
    lines = {item.line(rep) for item in queue}
    back = [
        TopicItem(None, text, carried=True, source=source) for text in carried if text not in lines
    ]
    return [*back, *queue]
