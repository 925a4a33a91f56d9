"""The journal as database tables: what ``coachlog export`` writes (SQLite or JSON lines).

Pure: the profiles, records and goal states come in as arguments; each table is a list of rows
(dicts in ``TABLES`` column order). Every row carries its ``team``, so the exports of several
journals sit in one table.

Only structured facts are exported, each column named here: never a record's body (so no
``## Private`` section, no notes or comments), a ``private:`` field, a goal's notes, a rating's
note, a focus's action plan, or any key a person added by hand.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, datetime
from typing import Any, NamedTuple

from coachlog.core.goals import GoalState
from coachlog.model import CallReview, OneOnOne, Record, Rep


class Table(NamedTuple):
    """A table: its columns with their SQL types, its primary key, and what a row is."""

    columns: tuple[tuple[str, str], ...]
    key: tuple[str, ...]
    about: str

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(name for name, _ in self.columns)


TXT, INT, NUM = "TEXT", "INTEGER", "REAL"

TABLES: dict[str, Table] = {
    "reps": Table(
        (("team", TXT), ("rep", TXT), ("name", TXT), ("manager", TXT), ("experience", TXT),
         ("focus", TXT), ("focus_since", TXT), ("opportunities", NUM), ("win_rate", NUM),
         ("deal_size", NUM), ("cycle_days", NUM), ("quota", NUM)),
        ("team", "rep"),
        "one row per rep profile: the manager, the #1 behaviour, the four pistons, the quota",
    ),
    "records": Table(
        (("team", TXT), ("id", TXT), ("kind", TXT), ("rep", TXT), ("manager", TXT), ("date", TXT),
         ("created", TXT), ("minutes", INT), ("coaching_minutes", INT), ("status", TXT),
         ("period", TXT), ("phase", TXT), ("path", TXT)),
        ("team", "id"),
        "one row per record (1on1, review, debrief, observation): its planned minutes, the "
        "minutes it counts for, a 1:1's status as of the export's day",
    ),
    "goals": Table(
        (("team", TXT), ("goal_key", TXT), ("id", TXT), ("rep", TXT), ("owner", TXT), ("kind", TXT),
         ("title", TXT), ("status", TXT), ("set_on", TXT), ("due_on", TXT), ("closed_on", TXT),
         ("measure", TXT), ("target", NUM), ("progress", NUM), ("verifier", TXT), ("deal", TXT),
         ("set_in", TXT), ("last_record", TXT)),
        ("team", "goal_key"),
        "one row per goal, as its history gives it now (owner rep, or manager: a commitment)",
    ),
    "goal_events": Table(
        (("team", TXT), ("goal_key", TXT), ("seq", INT), ("goal_id", TXT), ("rep", TXT),
         ("at", TXT), ("day", TXT), ("status", TXT), ("title", TXT), ("due_on", TXT),
         ("target", NUM), ("measure", TXT), ("progress", NUM), ("new_id", TXT), ("was", TXT)),
        ("team", "goal_key", "seq"),
        "every change of every goal, in the order made (seq from 1)",
    ),
    "reviews": Table(
        (("team", TXT), ("id", TXT), ("rep", TXT), ("date", TXT), ("call", TXT), ("pick", TXT),
         ("minutes", INT)),
        ("team", "id"),
        "one row per call review",
    ),
    "scores": Table(
        (("team", TXT), ("review_id", TXT), ("rep", TXT), ("date", TXT), ("criterion", TXT),
         ("score", INT)),
        ("team", "review_id", "criterion"),
        "one row per criterion scored in a call review (1-5)",
    ),
    "ratings": Table(
        (("team", TXT), ("record_id", TXT), ("rep", TXT), ("date", TXT), ("helpful", INT),
         ("rated_on", TXT)),
        ("team", "record_id"),
        "how helpful the rep found a 1:1 (1-5), one row per rated 1:1",
    ),
    "forecasts": Table(
        (("team", TXT), ("record_id", TXT), ("rep", TXT), ("date", TXT), ("commit_amount", NUM),
         ("most_likely", NUM), ("upside", NUM), ("next_period_pipeline", NUM)),
        ("team", "record_id"),
        "the forecast numbers of a 1:1, one row per 1:1 that has any",
    ),
}  # fmt: skip


def _text(value: Any) -> Any:
    """Dates and moments as ISO text (what SQLite, Datasette and DuckDB read as such)."""
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def _row(table: str, **values: Any) -> dict[str, Any]:
    return {name: _text(values.get(name)) for name in TABLES[table].names}


def rep_rows(team: str, profiles: Mapping[str, Rep], default_manager: str) -> list[dict[str, Any]]:
    rows = []
    for handle in sorted(profiles):
        p = profiles[handle]
        focus = p.focus
        rows.append(
            _row(
                "reps",
                team=team,
                rep=handle,
                name=p.name or handle,
                manager=p.manager or default_manager,
                experience=p.experience,
                focus=focus.behaviour if focus else None,
                focus_since=focus.since if focus else None,
                quota=p.quota,
                **p.engine.model_dump(),
            )
        )
    return rows


def record_rows(
    team: str, records: Iterable[tuple[Record, str]], today: date
) -> dict[str, list[dict[str, Any]]]:
    """The rows of ``records``, ``reviews``, ``scores``, ``ratings`` and ``forecasts`` from each
    record and its path in the journal; a 1:1's status as of ``today``."""
    found: dict[str, list[dict[str, Any]]] = {
        name: [] for name in ("records", "reviews", "scores", "ratings", "forecasts")
    }
    for record, path in records:
        common = {"team": team, "rep": record.rep, "date": record.date}
        found["records"].append(
            _row(
                "records",
                **common,
                id=record.id,
                kind=record.kind,
                manager=record.manager,
                created=record.created,
                minutes=record.minutes,
                coaching_minutes=record.coaching_minutes,
                status=record.status_on(today) if isinstance(record, OneOnOne) else None,
                period=getattr(record, "period", None) or None,
                phase=getattr(record, "phase", None),
                path=path,
            )
        )
        if isinstance(record, CallReview):
            found["reviews"].append(
                _row(
                    "reviews",
                    **common,
                    id=record.id,
                    call=record.call,
                    pick=record.pick,
                    minutes=record.minutes,
                )
            )
            for criterion, score in record.scores.items():
                if score is not None:
                    found["scores"].append(
                        _row(
                            "scores", **common, review_id=record.id, criterion=criterion,
                            score=score,
                        )
                    )  # fmt: skip
        if isinstance(record, OneOnOne):
            if record.helpful is not None:
                found["ratings"].append(
                    _row(
                        "ratings",
                        **common,
                        record_id=record.id,
                        helpful=record.helpful,
                        rated_on=record.rated,
                    )
                )
            f = record.forecast
            numbers = (f.commit, f.most_likely, f.upside, f.next_period_pipeline)
            if any(n is not None for n in numbers):
                found["forecasts"].append(
                    _row(
                        "forecasts",
                        **common,
                        record_id=record.id,
                        commit_amount=f.commit,
                        most_likely=f.most_likely,
                        upside=f.upside,
                        next_period_pipeline=f.next_period_pipeline,
                    )
                )
    return found


def goal_rows(team: str, states: Iterable[GoalState]) -> dict[str, list[dict[str, Any]]]:
    """The rows of ``goals`` and ``goal_events``: each goal as its history gives it, and each
    event of that history (never a note)."""
    goals: list[dict[str, Any]] = []
    events: list[dict[str, Any]] = []
    for state in sorted(states, key=lambda s: (s.rep, s.goal.set, s.key)):
        g = state.goal
        goals.append(
            _row(
                "goals",
                team=team,
                goal_key=state.key,
                id=g.id,
                rep=state.rep,
                owner=g.owner,
                kind=g.kind,
                title=g.title,
                status=g.status,
                set_on=g.set,
                due_on=g.due,
                closed_on=state.closed_on,
                measure=g.measure,
                target=g.target,
                progress=g.progress,
                verifier=g.verifier,
                deal=g.deal,
                set_in=state.set_in,
                last_record=state.record.id,
            )
        )
        for seq, event in enumerate(state.events, start=1):
            events.append(
                _row(
                    "goal_events",
                    team=team,
                    goal_key=state.key,
                    seq=seq,
                    goal_id=g.id,
                    rep=state.rep,
                    at=event.at,
                    day=event.day,
                    status=event.status,
                    title=event.title,
                    due_on=event.due,
                    target=event.target,
                    measure=event.measure,
                    progress=event.progress,
                    new_id=event.id,
                    was=event.was,
                )
            )
    return {"goals": goals, "goal_events": events}
