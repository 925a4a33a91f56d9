"""An agenda as a view: its sections as JSON (rep, date, period, phase, minutes, and each
section's questions, goals and reviews), and as Markdown prose for the terminal and a pipe."""

from __future__ import annotations

from typing import Any

from coachlog.core.agenda import Agenda, AgendaData
from coachlog.core.forecast import FIELDS
from coachlog.core.scaffold import goal_line
from coachlog.core.topics import TopicItem
from coachlog.render.page import View


def agenda_data(agenda: Agenda) -> dict[str, Any]:
    return {
        "rep": agenda.rep,
        "date": agenda.date.isoformat(),
        "period": {
            "kind": agenda.period.kind,
            "label": agenda.period.label,
            "start": agenda.period.start.isoformat(),
            "end": agenda.period.end.isoformat(),
        },
        "phase": agenda.phase,
        "minutes": agenda.minutes,
        "adhoc": list(agenda.adhoc),
        "sections": [
            {
                "key": s.key,
                "title": s.title,
                "minutes": s.minutes,
                "questions": list(s.questions),
                "goals": [g.id for g in s.goals],
                "overdue": [g.id for g in s.goals if agenda.overdue(g)],
                "reviews": [r.id for r in s.reviews],
                "facts": list(s.facts),
                "topics": [topic_data(t) for t in s.topics],
            }
            for s in agenda.sections
        ],
        "topics": [topic_data(t) for t in agenda.topics],
        "data": numbers_data(agenda.data),
    }


def topic_data(topic: TopicItem) -> dict[str, Any]:
    """A topic as data: its id (None for an item carried from the previous 1:1), its text, who
    raised it and when (None when carried), whether it was carried and from which 1:1."""
    return {
        "id": topic.id,
        "text": topic.text,
        "by": topic.by,
        "date": topic.date.isoformat() if topic.date else None,
        "carried": topic.carried,
        "from": topic.source,
    }


def numbers_data(data: AgendaData) -> dict[str, Any]:
    """What the 1:1 starts from, as data: the previous forecast and its change, the quota and
    coverage, the #1 behaviour and its last observation, the latest call scores."""
    point = data.forecast
    forecast: dict[str, Any] | None = None
    if point is not None:
        forecast = {"date": point.date.isoformat(), "record": point.record, "period": point.period}
        forecast |= {name: point.value(name) for name in FIELDS}
        forecast["change"] = dict(data.change or {})
    focus = None
    if data.focus is not None:
        observed = data.observed
        focus = {
            "behaviour": data.focus.behaviour,
            "since": data.focus.since.isoformat(),
            "last_observation": (
                {"date": observed[0].isoformat(), "id": observed[1]} if observed else None
            ),
        }
    review = data.review
    scores = None
    if review is not None:
        scores = {
            "review": review.id,
            "date": review.date.isoformat(),
            "call": review.call,
            "scores": dict(review.scores),
        }
    return {
        "forecast": forecast,
        "quota": data.quota,
        "pipeline_coverage": data.coverage,
        "focus": focus,
        "scores": scores,
    }


def agenda_markdown(agenda: Agenda, rep_name: str = "") -> str:
    who = rep_name or agenda.rep
    lines = [
        f"# Agenda: 1:1 with {who}, {agenda.date.isoformat()}",
        "",
        f"{agenda.period.label} ({agenda.period.start} to {agenda.period.end}), "
        f"{agenda.phase} phase, {agenda.minutes} minutes",
        "",
    ]
    for section in agenda.sections:
        lines += [f"## {section.title} ({section.minutes} min)", ""]
        lines += [f"- {fact}" for fact in section.facts]
        lines += [f"- {goal_line(g, agenda)}" for g in section.goals]
        lines += [f"- Call: {r.call} ({r.pick}) `{r.id}`" for r in section.reviews]
        lines += [f"- {t.line(agenda.rep)}" for t in section.topics]
        lines += [f"- {q}" for q in section.questions]
        lines.append("")
    return "\n".join(lines)


def agenda_view(agenda: Agenda, rep_name: str = "") -> View:
    title = f"Agenda: 1:1 with {rep_name or agenda.rep}, {agenda.date.isoformat()}"
    return View.of_text(title, agenda_markdown(agenda, rep_name), agenda_data(agenda))
