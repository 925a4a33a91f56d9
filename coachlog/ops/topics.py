"""Topics for the next 1:1: ``coachlog topic add|list|drop``, and what an agenda lists of them
(``core.topics``): the rep's queued topics and the unticked items of the previous 1:1.

A topic is one new file (``topics/YEAR/DATE-REP-WORDS-SUFFIX.md``), written whole and once; a
drop changes its ``status:`` line alone. Neither names the topic's text in a commit.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from coachlog.core.agenda import written_questions
from coachlog.core.scaffold import topic_body, topic_front_matter
from coachlog.core.topics import (
    TopicItem,
    agenda_topics,
    open_items,
    previous_one_on_one,
    queued,
    taken,
)
from coachlog.errors import CoachlogError, UsageError
from coachlog.model import OneOnOne, Topic
from coachlog.ops.rate import set_after
from coachlog.ops.reviews import find_record
from coachlog.store.journal import Journal
from coachlog.store.reading import load_checked
from coachlog.store.transaction import transaction
from coachlog.store.yamlfile import Document, read_text, split_front_matter
from coachlog.vocabulary import RAISERS, check_choice

MAX_TEXT = 500
HINT = "a topic's id is its file name under topics/, without .md; 'coachlog topic list' shows them"


@dataclass
class TopicChange:
    topic: Topic
    path: Path
    changed: bool  # False: it was queued (added) or dropped (drop) already


def check_text(text: str) -> str:
    found = " ".join(text.split())
    if not found:
        raise UsageError("give the topic's text, like 'Pricing for the Q1 renewals'", field="text")
    if "\n" in text.strip() or "\r" in text.strip():
        raise UsageError("give the topic as one line", field="text")
    if len(found) > MAX_TEXT:
        raise UsageError(f"is {len(found)} characters; keep it to {MAX_TEXT}", field="text")
    return found


def first_words(text: str, limit: int = 40) -> str:
    """The topic's first words for its file name: whole words, ``limit`` characters or so."""
    words: list[str] = []
    for word in text.split():
        if words and len(" ".join([*words, word])) > limit:
            break
        words.append(word)
    return " ".join(words)


def add_topic(
    journal: Journal, rep: str, text: str, by: str, day: date, now: datetime
) -> TopicChange:
    """Queue ``text`` for ``rep``'s next 1:1, raised ``by`` the rep or the manager on ``day``
    (written at ``now``). The same text queued already for that rep is not written twice."""
    text = check_text(text)
    check_choice(by, RAISERS, "by", "who raised it")
    journal.rep(rep)  # an unknown rep is refused before anything else
    with transaction(journal, "topic add", rep) as change:
        history = journal.records("1on1", rep)
        took = taken(history)
        for topic in journal.records("topic", rep):
            same = topic.title.casefold() == text.casefold()
            if same and topic.status != "dropped" and topic.id not in took:
                return TopicChange(topic, journal.record_path(topic), changed=False)
        path = journal.new_record_path("topic", day, rep, words=first_words(text))
        data = topic_front_matter(
            record_id=path.stem, rep=rep, day=day, by=by, created=now, text=text
        )
        doc = Document.new(path, data, topic_body(journal.rep(rep).name or rep))
        change.name(day.isoformat())  # the file's name holds the topic's words: not said
        record = change.write_document(doc, Topic, new=True)
    assert isinstance(record, Topic)
    return TopicChange(record, path, changed=True)


def drop_topic(journal: Journal, prefix: str) -> TopicChange:
    """Take the queued topic ``prefix`` names off the queue (``status: dropped``). One a 1:1
    took is on that 1:1's agenda: tick or delete its line there."""
    with transaction(journal, "topic drop") as change:
        _, path = find_record(journal, "topic", prefix, field="topic_id", hint=HINT)
        doc, topic = load_checked(Topic, path, what="a record")
        if topic.status == "dropped":
            return TopicChange(topic, path, changed=False)
        holders = [r.id for r in journal.records("1on1", topic.rep) if topic.id in r.topics]
        if holders:
            raise UsageError(
                f"the topic {topic.id} is on the agenda of the 1:1 {holders[-1]}; "
                "tick or delete its line there",
                field="topic_id",
            )
        change.name(topic.rep)
        set_after(doc, "status", "dropped", after="title")
        written = change.write_document(doc, Topic)
    assert isinstance(written, Topic)
    return TopicChange(written, path, changed=True)


def topics_for(journal: Journal, rep: str, day: date, history: list[OneOnOne]) -> list[TopicItem]:
    """What ``rep``'s agenda for ``day`` lists of topics: the items left unticked in the
    previous 1:1 (``history``: the rep's 1:1s), then the topics queued by that day."""
    queue = queued(journal.records("topic", rep), history, day)
    previous = previous_one_on_one(history, day)
    carried: list[str] = []
    if previous is not None:
        path = journal.record_path(previous)
        try:
            _, body, _ = split_front_matter(read_text(path).removeprefix("\ufeff"), path)
        except (OSError, CoachlogError):
            body = ""  # gone since it was indexed, or not readable now: check names it
        carried = open_items(body, written_questions(journal.config.agenda))
    return agenda_topics(queue, carried, rep, previous.id if previous is not None else None)


def list_topics(journal: Journal, rep: str | None, today: date) -> list[tuple[str, TopicItem]]:
    """Each rep's topics as the agenda for ``today`` would list them (with ``rep``, that rep's):
    the items carried from the last 1:1 and the queued topics."""
    handles = [rep] if rep is not None else journal.rep_handles()
    if rep is not None:
        journal.rep(rep)
    found = []
    for handle in handles:
        history = journal.records("1on1", handle)
        found += [(handle, item) for item in topics_for(journal, handle, today, history)]
    return found
