"""New records: their front matter as plain data and their Markdown body.

The body is for people: the agenda as a checklist with minute budgets and questions, a Notes
section, and a ``## Private`` section that no report or export ever shows.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from coachlog.core.agenda import Agenda
from coachlog.model import Goal

PRIVATE_HEADING = "## Private"
PRIVATE_NOTE = "Only in this file: nothing under this heading reaches a report or an export."


def goal_front_matter(goal: Goal) -> dict[str, Any]:
    """A goal as front matter: set keys only, in a fixed order a reader can scan."""
    data = goal.model_dump(mode="python", exclude_none=True)
    if not data.get("notes"):
        data.pop("notes", None)
    return data


def one_on_one_front_matter(
    agenda: Agenda,
    *,
    record_id: str,
    manager: str,
    created: datetime,
    goals: list[Goal],
    reviews: list[str],
) -> dict[str, Any]:
    return {
        "kind": "1on1",
        "id": record_id,
        "rep": agenda.rep,
        "manager": manager,
        "date": agenda.date,
        "created": created,
        "minutes": agenda.minutes,
        "period": agenda.period.label,
        "phase": agenda.phase,
        "forecast": {
            "commit": None,
            "most_likely": None,
            "upside": None,
            "next_period_pipeline": None,
        },
        "adhoc": list(agenda.adhoc),
        "reviews": reviews,
        "helpful": None,
        "goals": [goal_front_matter(g) for g in goals],
    }


def goal_line(goal: Goal, agenda: Agenda) -> str:
    parts = [f"`{goal.id}` {goal.title}"]
    facts = [goal.kind]
    if goal.owner == "manager":
        facts.append("manager's commitment")
    if goal.due:
        facts.append(f"due {goal.due.isoformat()}")
    if goal.target is not None:
        progress = f"{goal.progress:g}" if goal.progress is not None else "0"
        facts.append(f"{progress} of {goal.target:g}{' ' + goal.measure if goal.measure else ''}")
    line = f"{' '.join(parts)} ({', '.join(facts)})"
    if agenda.overdue(goal):
        line += " **overdue: re-commit with a new date, or mark it missed**"
    return line


def one_on_one_body(agenda: Agenda, rep_name: str) -> str:
    who = rep_name or agenda.rep
    lines = [
        f"# 1:1 with {who}, {agenda.date.isoformat()}",
        "",
        f"{agenda.period.label}, {agenda.phase} phase, {agenda.minutes} minutes. "
        "It is the rep's meeting: ask, listen, write the commitments down.",
        "",
        "## Agenda",
        "",
    ]
    for section in agenda.sections:
        lines.append(f"### {section.title} ({section.minutes} min)")
        lines.append("")
        lines.extend(f"- [ ] {goal_line(g, agenda)}" for g in section.goals)
        lines.extend(f"- [ ] Call: {r.call} ({r.pick}) `{r.id}`" for r in section.reviews)
        lines.extend(f"- [ ] {q}" for q in section.questions)
        lines.append("")
    lines += ["## Notes", "", "", PRIVATE_HEADING, "", PRIVATE_NOTE, ""]
    return "\n".join(lines)
