"""Goals as listings (``goals open``) and as a story (``goals show``)."""

from __future__ import annotations

from datetime import date
from typing import Any

from coachlog.core.goals import GoalState
from coachlog.render.page import Column, Listing, View
from coachlog.vocabulary import CONFLICT


def goal_row(state: GoalState, record_path: str, today: date) -> dict[str, Any]:
    goal = state.goal
    return {
        "id": goal.id,
        "rep": state.rep,
        "title": goal.title,
        "kind": goal.kind,
        "owner": goal.owner,
        "status": goal.status,
        "set": goal.set,
        "due": goal.due,
        "overdue": state.overdue(today),
        "measure": goal.measure,
        "target": goal.target,
        "progress": goal.progress,
        "verifier": goal.verifier,
        "deal": goal.deal,
        "closed": goal.closed,
        "record": record_path,
    }


GOAL_COLUMNS = [
    Column("id", "Id"),
    Column("rep", "Rep"),
    Column("title", "Goal"),
    Column("kind", "Kind"),
    Column("owner", "Owner"),
    Column("due_text", "Due"),
    Column("progress_text", "Progress", "right"),
]


def open_goals_listing(rows: list[dict[str, Any]], today: date) -> Listing:
    shown = []
    for row in rows:
        due = row["due"].isoformat() if row["due"] else "-"
        if row["overdue"]:
            due += " (overdue)"
        if row["status"] == CONFLICT:
            due += " (conflict)"  # the note under the table says what it means
        progress = ""
        if row["target"] is not None:
            progress = f"{row['progress'] or 0:g}/{row['target']:g}"
            if row["measure"]:
                progress += f" {row['measure']}"
        shown.append({**row, "due_text": due, "progress_text": progress})
    overdue = sum(1 for r in rows if r["overdue"])
    notes = [f"{len(rows)} open, {overdue} overdue, as of {today.isoformat()}."] if rows else []
    conflicts = [r["id"] for r in rows if r["status"] == CONFLICT]
    if conflicts:
        notes.append(
            f"Closed two ways in two places: {', '.join(conflicts)}. See 'coachlog goals show "
            "ID', then settle each with goals done, miss, drop or reopen."
        )
    columns = GOAL_COLUMNS
    if rows and "team" in rows[0]:  # several journals: one a team
        columns = [GOAL_COLUMNS[0], Column("team", "Team"), *GOAL_COLUMNS[1:]]
    return Listing(
        "Open goals", columns, shown, empty="No open goals.", json_rows=rows, notes=notes
    )


def _events(state: GoalState) -> list[dict[str, Any]]:
    """Each change of the goal in time order: when, what it set, and what that was before."""
    shown: list[dict[str, Any]] = []
    values: dict[str, Any] = {}
    for event in state.events:
        changes = event.changes()
        before = {k: values[k] for k in changes if k in values and values[k] != changes[k]}
        values.update(changes)
        shown.append({"at": event.at, "day": event.day, "changes": changes, "before": before})
    return shown


def _event_text(event: dict[str, Any]) -> str:
    parts = []
    for name, value in event["changes"].items():
        text = value.isoformat() if isinstance(value, date) else value
        text = f"{text:g}" if isinstance(text, float) else text
        if name == "status":
            parts.append({"open": "opened" if not event["before"] else "reopened"}.get(text, text))
            continue
        old = event["before"].get(name)
        if old is not None:
            old = old.isoformat() if isinstance(old, date) else old
            old = f"{old:g}" if isinstance(old, float) else old
            parts.append(f"{name} {old} -> {text}")
        else:
            parts.append(f"{name} {text}")
    return ", ".join(parts)


def goal_story_data(state: GoalState, paths: list[str], today: date) -> dict[str, Any]:
    goal = state.goal
    return {
        **goal_row(state, paths[-1], today),
        "notes": list(goal.notes),
        "events": _events(state),
        "decisions": [{"at": e.at, "day": e.day, "status": e.status} for e in state.decisions],
        "history": [
            {
                "record": path,
                "date": record.date,
                "status": entry.status,
                "due": entry.due,
                "progress": entry.progress,
            }
            for (record, entry), path in zip(state.history, paths, strict=True)
        ],
    }


def goal_story_markdown(data: dict[str, Any]) -> str:
    lines = [
        f"## Goal {data['id']}: {data['title']}",
        "",
        f"- Rep: {data['rep']} ({data['owner']} owns it)",
        f"- Kind: {data['kind']}" + (f", verifier: {data['verifier']}" if data["verifier"] else ""),
        f"- Status: {data['status']}"
        + (f" on {data['closed']}" if data["closed"] else "")
        + (" (overdue)" if data["overdue"] else ""),
        f"- Set: {data['set']}" + (f", due {data['due']}" if data["due"] else ", no due date"),
    ]
    if data["target"] is not None:
        measure = f" {data['measure']}" if data["measure"] else ""
        lines.append(f"- Progress: {data['progress'] or 0:g} of {data['target']:g}{measure}")
    if data["deal"]:
        lines.append(f"- Deal: {data['deal']}")
    if data["decisions"]:
        ways = " and ".join(f"{d['status']} on {d['day']}" for d in data["decisions"])
        lines.append(
            f"- Conflict: closed two ways ({ways}); settle it with goals done, miss, drop or reopen"
        )
    if data["events"]:
        lines += ["", "### Changes", ""]
        lines += [f"- {e['day']}: {_event_text(e)}" for e in data["events"]]
    lines += ["", "### Records", ""]
    for step in data["history"]:
        extra = f", progress {step['progress']:g}" if step["progress"] is not None else ""
        lines.append(f"- {step['date']}: {step['status']}{extra} ({step['record']})")
    if data["notes"]:
        lines += ["", "### Notes", ""] + [f"- {n}" for n in data["notes"]]
    return "\n".join(lines) + "\n"


def goal_story_view(data: dict[str, Any]) -> View:
    return View.of_text(f"Goal {data['id']}", goal_story_markdown(data), data)
