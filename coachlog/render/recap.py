"""A 1:1's recap as a view: Markdown for the rep (or an email of it), and its facts as data.
Structured facts only: never a record's Notes, Private section, ``private:``, goal notes or
the note a cancelled 1:1 was cancelled with (the recap says only that it was cancelled)."""

from __future__ import annotations

from typing import Any

from coachlog.render.page import View


def _goal_facts(goal: Any) -> str:
    facts = [goal.kind]
    if goal.due is not None:
        facts.append(f"due {goal.due}")
    if goal.target is not None:
        done = f"{goal.progress:g}" if goal.progress is not None else "0"
        facts.append(f"{done} of {goal.target:g}{' ' + goal.measure if goal.measure else ''}")
    return ", ".join(facts)


def _goal_line(goal: Any) -> str:
    line = f"- `{goal.id}` {goal.title} ({_goal_facts(goal)})"
    why = getattr(goal, "why", None)
    return line + (f"\n  Why: {why}" if why else "")


def recap_view(recap: Any) -> View:
    record = recap.record
    cancelled = record.status == "cancelled"
    title = f"Recap: 1:1 with {recap.rep_name}, {record.date}"
    if cancelled:
        title += " (cancelled)"
    lines = [f"# {title}", ""]
    if cancelled:  # its cancel note is a free note: it stays in the file
        lines += ["This 1:1 was cancelled: it did not take place. Where things stand:", ""]
    lines += ["## Goals set", ""]
    lines += [_goal_line(g) for g in recap.set] or ["- none"]
    lines.append("")
    if recap.moved:
        lines += ["## Goals moved on", ""]
        lines += [f"- `{g.id}` {g.title}: {', '.join(changes)}" for g, changes in recap.moved]
        lines.append("")
    lines += ["## Your open goals", ""]
    lines += [_goal_line(s.goal) for s in recap.open] or ["- none"]
    lines.append("")
    lines += ["## My commitments to you", ""]
    lines += [f"- `{s.goal.id}` {s.goal.title} ({_goal_facts(s.goal)})" for s in recap.commitments]
    if not recap.commitments:
        lines.append("- none")
    lines.append("")
    if recap.reviews:
        lines += ["## Call reviews discussed", ""]
        for review in recap.reviews:
            scored = ", ".join(f"{k} {v}" for k, v in review.scores.items() if v is not None)
            lines.append(
                f"- {review.call} ({review.pick}, {review.date}): {scored or 'not scored'}"
            )
        lines.append("")
    data = {
        "id": record.id,
        "rep": record.rep,
        "date": record.date,
        "cancelled": cancelled,
        "set": [_goal_data(g) for g in recap.set],
        "moved": [{**_goal_data(g), "changes": changes} for g, changes in recap.moved],
        "open": [_goal_data(s.goal) for s in recap.open],
        "commitments": [_goal_data(s.goal) for s in recap.commitments],
        "reviews": [
            {
                "id": r.id,
                "call": r.call,
                "pick": r.pick,
                "date": r.date,
                "scores": {k: v for k, v in r.scores.items() if v is not None},
            }
            for r in recap.reviews
        ],
    }
    return View.of_text(title, "\n".join(lines).rstrip() + "\n", data)


def _goal_data(goal: Any) -> dict[str, Any]:
    return {
        "id": goal.id,
        "title": goal.title,
        "kind": goal.kind,
        "due": goal.due,
        "target": goal.target,
        "progress": goal.progress,
        "measure": goal.measure,
        "why": getattr(goal, "why", None),
        "status": goal.status,
    }
