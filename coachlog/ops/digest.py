"""``coachlog digest``: read what the week ahead needs from the index and compute it
(``coachlog.core.digest``)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from coachlog.core.digest import Digest, build_digest, reading_start
from coachlog.ops.goals import current_states
from coachlog.ops.report import team_names
from coachlog.store.journal import Journal


@dataclass(frozen=True)
class DigestFound:
    team: str  # what tells this journal's rows apart (``ops.report.team_names``)
    digest: Digest
    paths: dict[str, str]  # record id -> its file, relative to the journal


def gather_digests(journals: Sequence[Journal], today: date) -> list[DigestFound]:
    """The week ahead of one journal, or of several read together (one a team)."""
    if len(journals) == 1:
        return [gather_digest(journals[0], today)]
    teams = team_names(journals)
    return [gather_digest(j, today, team) for j, team in zip(journals, teams, strict=True)]


def gather_digest(journal: Journal, today: date, team: str | None = None) -> DigestFound:
    """The week ahead from ``today``: every rep's open goals, their 1:1s from a few weeks back
    (and each one's last before that), and the recent call reviews."""
    profiles = journal.reps()
    since = reading_start(today, journal.config)
    one_on_ones = journal.records("1on1", since=since, last_before=True)
    reviews = journal.records("review", since=since, until=today)
    goals = current_states(journal, None, "open")
    digest = build_digest(goals, one_on_ones, reviews, profiles, journal.config, today)
    records: list[Any] = [s.record for s in (*digest.overdue, *digest.due)]
    records += [*digest.planned, *(w.review for w in digest.reviews_waiting)]
    paths = {r.id: journal.relative(journal.record_path(r)) for r in records}
    return DigestFound(journal.config.team if team is None else team, digest, paths)
