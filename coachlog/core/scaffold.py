"""New records: their front matter as plain data and their Markdown body.

The body is for people: the agenda as a checklist with minute budgets and questions, a Notes
section, and a ``## Private`` section that no report or export ever shows.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from coachlog.core.agenda import Agenda
from coachlog.core.history import CONFLICT, Event, FlowMap
from coachlog.core.private import PRIVATE_HEADING
from coachlog.model import Goal

PRIVATE_NOTE = "Only in this file: nothing under this heading reaches a report or an export."


def goal_front_matter(goal: Goal) -> dict[str, Any]:
    """A goal as front matter: set keys only, in a fixed order a reader can scan; its history
    last, one event a line."""
    data = goal.model_dump(mode="python", exclude_none=True, exclude={"history", "notes"})
    if data.get("status") == CONFLICT:  # no single status to show: its history holds both
        data["status"] = "open"
        data.pop("closed", None)
    if goal.notes:
        data["notes"] = list(goal.notes)
    if goal.history:
        data["history"] = [event_front_matter(e) for e in goal.history]
    return data


def event_front_matter(event: Any) -> FlowMap:
    """An event of a goal's history as one line of front matter: ``{at: ..., status: done}``."""
    return FlowMap(Event.of(event).written())


def one_on_one_front_matter(
    agenda: Agenda,
    *,
    record_id: str,
    manager: str,
    created: datetime,
    goals: list[Goal],
    reviews: list[str],
    today: date,
    topics: list[str] | None = None,
) -> dict[str, Any]:
    """A new 1:1's front matter: ``planned`` when it is dated after ``today``, else ``held``
    (``coachlog held`` and ``coachlog cancel`` say what happened); ``topics``: the ids of the
    queued topics it takes."""
    return {
        "kind": "1on1",
        "id": record_id,
        "rep": agenda.rep,
        "manager": manager,
        "date": agenda.date,
        "created": created,
        "minutes": agenda.minutes,
        "status": "planned" if agenda.date > today else "held",
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
        **({"topics": topics} if topics else {}),
        "helpful": None,
        "goals": [goal_front_matter(g) for g in goals],
    }


def goal_line(goal: Goal, agenda: Agenda) -> str:
    parts = [f"`{goal.id}` {goal.title}"]
    facts: list[str] = [goal.kind]
    if goal.owner == "manager":
        facts.append("manager's commitment")
    if goal.due:
        facts.append(f"due {goal.due.isoformat()}")
    if goal.target is not None:
        progress = f"{goal.progress:g}" if goal.progress is not None else "0"
        facts.append(f"{progress} of {goal.target:g}{' ' + goal.measure if goal.measure else ''}")
    line = f"{' '.join(parts)} ({', '.join(facts)})"
    if goal.status == CONFLICT:
        line += " **closed two ways in two places: decide it together (goals done, miss or drop)**"
    elif agenda.overdue(goal):
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
        lines.extend(f"- {fact}" for fact in section.facts)
        lines.extend(f"- [ ] {goal_line(g, agenda)}" for g in section.goals)
        lines.extend(f"- [ ] Call: {r.call} ({r.pick}) `{r.id}`" for r in section.reviews)
        lines.extend(f"- [ ] {t.line(agenda.rep)}" for t in section.topics)
        lines.extend(f"- [ ] {q}" for q in section.questions)
        lines.append("")
    lines += ["## Notes", "", "", PRIVATE_HEADING, "", PRIVATE_NOTE, ""]
    return "\n".join(lines)


# --- topics for the next 1:1 -----------------------------------------------------------------


def topic_front_matter(
    *, record_id: str, rep: str, day: date, by: str, created: datetime, text: str
) -> dict[str, Any]:
    """A topic queued for the next 1:1: who raised it, when, and its text (``title``)."""
    return {
        "kind": "topic",
        "id": record_id,
        "rep": rep,
        "date": day,
        "by": by,
        "created": created,
        "title": text,
    }


def topic_body(rep_name: str) -> str:
    return (
        f"A topic for the next 1:1 with {rep_name}. `coachlog new 1on1` puts it on the agenda;\n"
        "`coachlog topic drop ID` takes it off the queue.\n"
    )


# --- an action plan of its own ----------------------------------------------------------------


def plan_front_matter(
    *, record_id: str, rep: str, manager: str, day: date, created: datetime, behaviour: str,
    plan: str,
) -> dict[str, Any]:  # fmt: skip
    """An action plan kept in a record of its own: the #1 behaviour and its plan; the field
    dates are added as goals (the manager's commitments)."""
    return {
        "kind": "plan",
        "id": record_id,
        "rep": rep,
        "manager": manager,
        "date": day,
        "created": created,
        "behaviour": behaviour,
        "plan": plan,
        "goals": [],
    }


def plan_body(rep_name: str, day: date) -> str:
    return "\n".join([
        f"# Action plan: {rep_name}, {day.isoformat()}",
        "",
        f"{rep_name} has no 1:1 yet to hold your field-coaching dates, so they are kept here, "
        "as your commitments. The next 1:1 rolls the open ones forward.",
        "",
    ])  # fmt: skip


# --- call and field coaching ------------------------------------------------------------------

PICK_WORDS = {
    "went-well": "a call that went well",
    "struggled": "a call where they struggled",
}
DEBRIEF_BY = {
    "rep": "Self-reflection: {who} answers both questions right after the call, in writing.",
    "peer": "Peer coaching: a teammate asks {who} both questions and writes the answers down.",
    "manager": "Ask, don't tell: {who} answers first; the manager adds one thing at most.",
}


def record_front_matter(
    kind: str,
    *,
    record_id: str,
    rep: str,
    manager: str,
    day: date,
    created: datetime,
    minutes: int,
    **fields: Any,
) -> dict[str, Any]:
    """Front matter every record starts with, then the kind's own ``fields`` in order."""
    return {
        "kind": kind,
        "id": record_id,
        "rep": rep,
        "manager": manager,
        "date": day,
        "created": created,
        "minutes": minutes,
        **fields,
    }


def _private() -> list[str]:
    return [PRIVATE_HEADING, "", PRIVATE_NOTE, ""]


REP_COMMENTS = "## Rep's comments"
REP_PROMPT = "What worked, and what didn't? Note the minute of each moment."
MANAGER_COMMENTS = "## Manager's comments"
MANAGER_PROMPT = "Lead with something positive; then the one or two things to practise."
COMMENT_SECTIONS = {
    REP_COMMENTS: ("rep", REP_PROMPT),
    MANAGER_COMMENTS: ("manager", MANAGER_PROMPT),
}


def review_commenters(body: str) -> tuple[str, ...]:
    """Whose comments a call review's body holds: ``rep`` when its "Rep's comments" section has
    a line of text beyond the prompt coachlog wrote there, ``manager`` likewise; in that order.
    The method: a review is coached only once the rep commented (self-coaching first), and the
    manager's listening is counted once the manager commented too."""
    found: set[str] = set()
    section: tuple[str, str] | None = None
    for raw in body.splitlines():
        line = raw.strip()
        if line.startswith("#"):
            if len(line) - len(line.lstrip("#")) <= 2:  # a deeper heading stays in its section
                section = COMMENT_SECTIONS.get(" ".join(line.split()))
            continue
        if section is None or not line or line == section[1]:
            continue
        if line.startswith("<!--") and line.endswith("-->"):
            continue
        found.add(section[0])
    return tuple(who for who in ("rep", "manager") if who in found)


def review_body(call: str, pick: str, rep_name: str, criteria: list[str]) -> str:
    """A call review: the rep comments first, then the manager; scores in the front matter."""
    scored = ", ".join(criteria) if criteria else "the config's review_criteria"
    lines = [
        f"# Call review: {call}",
        "",
        f"{rep_name} picked this as {PICK_WORDS.get(pick, pick)}. The rep listens to it and "
        "comments first, then shares it; the manager listens, reads the rep's comments and adds "
        "their own. It is coached in the next 1:1.",
        "",
        REP_COMMENTS,
        "",
        REP_PROMPT,
        "",
        "",
        MANAGER_COMMENTS,
        "",
        MANAGER_PROMPT,
        "",
        "",
        "## Scores",
        "",
        f"1-5 on each criterion ({scored}), in the front matter `scores:`, or with "
        "`coachlog score ID criterion=N`.",
        "",
        *_private(),
    ]
    return "\n".join(lines)


def debrief_body(call: str, by: str, rep_name: str) -> str:
    """A post-call debrief: the method's two questions."""
    lines = [
        f"# Debrief: {call}",
        "",
        DEBRIEF_BY.get(by, DEBRIEF_BY["rep"]).format(who=rep_name),
        "",
        "## What went well that you should repeat?",
        "",
        "",
        "## What did not go as expected, that you should avoid next time?",
        "",
        "",
        *_private(),
    ]
    return "\n".join(lines)


def observation_body(day: date, rep_name: str, behaviour: str, plan: str) -> str:
    """Field coaching against the rep's #1 behaviour."""
    if behaviour:
        focus = [f"#1 behaviour: {behaviour}", ""]
        if plan:
            focus += [f"Action plan: {plan}", ""]
    else:
        focus = [
            f"{rep_name} has no #1 behaviour yet: pick one from what you see, then "
            "`coachlog focus set`.",
            "",
        ]
    lines = [
        f"# Field observation: {rep_name}, {day.isoformat()}",
        "",
        *focus,
        "## What I saw",
        "",
        "The behaviour in the field: when it showed, when it did not.",
        "",
        "",
        "## Feedback given",
        "",
        "Timely and specific: what to keep, what to change.",
        "",
        "",
        "## Next step",
        "",
        "",
        *_private(),
    ]
    return "\n".join(lines)
