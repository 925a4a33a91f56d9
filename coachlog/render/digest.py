"""The week ahead (``coachlog digest``) as a view: its lists for JSON (goals as ``goals open``
gives them), one row per item for CSV, and a page of listings every other format renders."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from coachlog.core.digest import Digest
from coachlog.core.goals import GoalState
from coachlog.render.goals import goal_row
from coachlog.render.page import Column, Listing, Page, Table, View


def _goals(
    team: str, states: tuple[GoalState, ...], paths: dict[str, str], digest: Digest
) -> list[dict]:
    return [{"team": team, **goal_row(s, paths.get(s.record.id, ""), digest.today)} for s in states]


# each list's order: by its day, then team, rep and id
ORDER = {
    "overdue": ("due", "team", "rep", "id"),
    "due": ("due", "team", "rep", "id"),
    "reps_due": ("due", "team", "rep"),
    "planned": ("date", "team", "rep", "id"),
    "reviews_waiting": ("date", "team", "rep", "id"),
    "field_dates": ("due", "team", "rep", "id"),
}


def digest_data(found: Sequence[tuple[str, Digest, dict[str, str]]]) -> dict[str, Any]:
    """One journal's week ahead, or several journals' side by side (``found``: each one's
    team, digest and record paths); every item names its team."""
    parts = [team_data(team, digest, paths) for team, digest, paths in found]
    first = found[0][1]
    data: dict[str, Any] = {
        "week": {"start": first.week.start, "end": first.week.end},
        "today": first.today,
        "team": ", ".join(team for team, _, _ in found if team),
        "teams": [team for team, _, _ in found],
    }
    for key, order in ORDER.items():
        items = [item for part in parts for item in part[key]]
        data[key] = sorted(items, key=lambda item: tuple(str(item[k]) for k in order))
    return data


def team_data(team: str, digest: Digest, paths: dict[str, str]) -> dict[str, Any]:
    today = digest.today
    return {
        "overdue": _goals(team, digest.overdue, paths, digest),
        "due": _goals(team, digest.due, paths, digest),
        "reps_due": [
            {
                "team": team,
                "rep": found.rep,
                "name": profile.name or found.rep,
                "last_one_on_one": found.last,
                "due": found.day,
                "days_late": found.days_late(today),
            }
            for found, profile in digest.reps_due
        ],
        "planned": [
            {
                "team": team,
                "id": r.id,
                "rep": r.rep,
                "date": r.date,
                "minutes": r.minutes,
                "record": paths.get(r.id, ""),
            }
            for r in digest.planned
        ],
        "reviews_waiting": [
            {
                "team": team,
                "id": w.review.id,
                "rep": w.review.rep,
                "date": w.review.date,
                "call": w.review.call,
                "pick": w.review.pick,
                "days_waiting": w.days,
                "record": paths.get(w.review.id, ""),
            }
            for w in digest.reviews_waiting
        ],
        "field_dates": _goals(team, digest.field_dates, paths, digest),
    }


def _late(days: int) -> str:
    return f"{days} day{'' if days == 1 else 's'}"


def digest_listings(data: dict[str, Any]) -> list[Listing]:
    today = data["today"]
    team = [Column("team", "Team")] if len(data["teams"]) > 1 else []
    overdue = [{**g, "late": _late((today - g["due"]).days)} for g in data["overdue"]]
    due = [g for g in data["due"] if g["id"] not in {f["id"] for f in data["field_dates"]}]
    goal = [
        Column("id", "Id"),
        *team,
        Column("rep", "Rep"),
        Column("title", "Goal"),
        Column("owner", "Owner"),
    ]
    reps_due = [
        {
            **r,
            "last": r["last_one_on_one"] or "never",
            "when": f"{r['due']} ({_late(r['days_late'])} late)" if r["days_late"] else r["due"],
        }
        for r in data["reps_due"]
    ]
    return [
        Listing(
            "Overdue goals and commitments",
            [*goal, Column("due", "Due"), Column("late", "Late", "right")],
            overdue,
            empty="Nothing overdue.",
        ),
        Listing(
            "Due this week",
            [*goal, Column("due", "Due")],
            due,
            empty="No goal falls due this week.",
        ),
        Listing(
            "1:1s due",
            [*team, Column("rep", "Rep"), Column("last", "Last 1:1"), Column("when", "Due")],
            reps_due,
            empty="Every rep has a 1:1 planned or not yet due.",
        ),
        Listing(
            "Planned 1:1s",
            [Column("date", "Date"), *team, Column("rep", "Rep"), Column("id", "Record")],
            data["planned"],
            empty="No 1:1 planned this week.",
        ),
        Listing(
            "Call reviews waiting for your comments",
            [
                Column("date", "Shared"),
                *team,
                Column("rep", "Rep"),
                Column("call", "Call"),
                Column("id", "Record"),
            ],
            data["reviews_waiting"],
            empty="No call review waiting.",
        ),
        Listing(
            "Field coaching",
            [Column("due", "Date"), *team, Column("rep", "Rep"), Column("id", "Commitment")],
            data["field_dates"],
            empty="No field coaching this week.",
        ),
    ]


CSV_COLUMNS = ["section", "date", "team", "rep", "id", "what", "record"]


def _csv_row(section: str, day: Any, item: dict, id_: str, what: str, record: str) -> dict:
    return {
        "section": section,
        "date": day,
        "team": item["team"],
        "rep": item["rep"],
        "id": id_,
        "what": what,
        "record": record,
    }


def digest_table(data: dict[str, Any]) -> Table:
    """One row per item, each saying which list it is in (``section``: the JSON key)."""
    rows = []
    for section in ("overdue", "due", "field_dates"):
        rows += [
            _csv_row(section, g["due"], g, g["id"], g["title"], g["record"]) for g in data[section]
        ]
    rows += [_csv_row("reps_due", r["due"], r, "", "1:1 due", "") for r in data["reps_due"]]
    rows += [
        _csv_row("planned", r["date"], r, r["id"], "1:1", r["record"]) for r in data["planned"]
    ]
    rows += [
        _csv_row("reviews_waiting", r["date"], r, r["id"], r["call"], r["record"])
        for r in data["reviews_waiting"]
    ]
    return Table(rows, CSV_COLUMNS)


def digest_view(found: Sequence[tuple[str, Digest, dict[str, str]]]) -> View:
    """The week ahead of one journal or several (each one's team, digest and record paths)."""
    data = digest_data(found)
    counts = [
        (len(data["overdue"]), "overdue"),
        (len(data["due"]), "due this week"),
        (len(data["reps_due"]), "1:1s due"),
        (len(data["planned"]), "1:1s planned"),
        (len(data["reviews_waiting"]), "call reviews waiting"),
    ]
    intro = [", ".join(f"{n} {what}" for n, what in counts) + f", as of {data['today']}."]
    team = f", {data['team']}" if data["team"] else ""
    title = f"Week ahead{team}: {data['week']['start']} to {data['week']['end']}"
    return View(Page(title, digest_listings(data), intro), data, digest_table(data))
