"""The accountability report as a view: its numbers for JSON, a row per rep for CSV, and a
page of listings (reps, flags, the manager's commitments, one rep's timeline and trend) that
every other format renders.

Only structured facts reach a report: never a record's body, a goal's notes, or a
``private`` field.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from coachlog.core.amounts import amount_text, signed_amount_text, whole
from coachlog.core.calendar import Period
from coachlog.core.coaching import PISTON_NAMES, Pistons
from coachlog.core.forecast import ForecastPoint
from coachlog.core.report import (
    LOW_COMPLETION,
    Commitment,
    FocusAdoption,
    FocusFact,
    GoalCounts,
    ManagerDetail,
    ManagerRow,
    ManagerSection,
    RepDetail,
    Report,
    RepRow,
    TimelineEntry,
    TrendPoint,
)
from coachlog.model import Engine
from coachlog.render.charts import Bar, BarChart, Chart, LineChart, Series, StripChart
from coachlog.render.page import Column, Listing, Page, Table, View

# --- data: JSON and CSV -----------------------------------------------------------------------


def window_data(window: Period, as_of: date) -> dict[str, Any]:
    return {
        "start": window.start,
        "end": window.end,
        "days": window.days,
        "as_of": as_of,
        "label": window.label,
    }


def goals_data(goals: GoalCounts) -> dict[str, int]:
    return {
        "set": goals.set,
        "done": goals.done,
        "missed": goals.missed,
        "dropped": goals.dropped,
        "open": goals.open,
        "overdue": goals.overdue,
    }


def focus_data(focus: FocusFact | None) -> dict[str, Any] | None:
    if focus is None:
        return None
    return {"behaviour": focus.behaviour, "since": focus.since, "days": focus.days}


def forecast_data(point: ForecastPoint | None) -> dict[str, Any] | None:
    if point is None:
        return None
    return {
        "date": point.date,
        "commit": point.commit,
        "likely": point.likely,
        "upside": point.upside,
        "pipeline": point.pipeline,
    }


def adoption_data(adoption: FocusAdoption) -> dict[str, int]:
    return {
        "closed": adoption.closed,
        "yes": adoption.yes,
        "partly": adoption.partly,
        "no": adoption.no,
    }


def engine_data(engine: Engine | None) -> dict[str, Any] | None:
    """The four pistons and the sales velocity they give (revenue per day; None without all
    four)."""
    if engine is None:
        return None
    numbers = {k: whole(getattr(engine, k)) for k in PISTON_NAMES}
    velocity = None
    if all(v is not None for v in numbers.values()) and numbers["cycle_days"]:
        velocity = round(Pistons(**numbers).velocity, 2)  # type: ignore[arg-type]
    return {**numbers, "velocity": velocity}


SCORES_SHOWN = 12  # the newest scores a criterion's row shows (the mean is of them all)


def rep_data(row: RepRow, *, every_score: bool = False) -> dict[str, Any]:
    """A rep's row as data. Each criterion's ``trend`` holds its newest ``SCORES_SHOWN``
    scores, as the table does (a window of years holds hundreds), ``reviews`` counts them all
    and ``mean`` is of them all; ``every_score``: the whole series (one rep in detail)."""
    return {
        "team": row.team,
        "rep": row.rep,
        "name": row.name,
        "manager": row.manager,
        "one_on_ones": row.one_on_ones,
        "last_one_on_one": row.last_one_on_one,
        "days_since": row.days_since,
        "coaching_minutes": row.coaching_minutes,
        "target_minutes": row.target_minutes,
        "minutes_due": row.minutes_due,
        "goals": goals_data(row.goals),
        "completion_rate": row.completion_rate,
        "call_reviews": row.call_reviews,
        "call_reviews_target": row.call_reviews_target,
        "call_reviews_due": row.call_reviews_due,
        "focus": focus_data(row.focus),
        "helpful_mean": row.helpful_mean,
        "helpful_ratings": row.helpful_ratings,
        "flags": list(row.flags),
        "call_reviews_per_week": row.call_reviews_per_week,
        "debriefs": row.debriefs,
        "observations": row.observations,
        "listening_minutes": row.listening_minutes,
        "focus_adoption": adoption_data(row.focus_adoption),
        "scores": {
            name: {
                "mean": row.score_means[name],
                "reviews": len(points),
                "trend": [
                    {"date": day, "score": score}
                    for day, score in (points if every_score else points[-SCORES_SHOWN:])
                ],
            }
            for name, points in row.scores
        },
        "forecast": forecast_data(row.forecast),
        "quota": row.quota,
        "pipeline_coverage": row.coverage,
        "engine": engine_data(row.engine),
    }


def commitment_data(commitment: Commitment) -> dict[str, Any]:
    c = commitment
    return {"team": c.team, "id": c.id, "rep": c.rep, "title": c.title, "due": c.due}


def manager_data(section: ManagerSection) -> dict[str, Any]:
    return {
        "name": section.name,
        "commitments": {
            **goals_data(section.commitments),
            "completion_rate": section.commitments.completion_rate,
        },
        "overdue": [commitment_data(c) for c in section.overdue],
        "coverage": {"reps": section.reps, "with_one_on_one": section.reps_with_one_on_one},
        "listening": {
            "minutes": section.listening_minutes,
            "target": section.listening_target,
            "due": section.listening_due,
        },
        "flags": list(section.flags),
    }


def entry_data(entry: TimelineEntry) -> dict[str, Any]:
    return {
        "date": entry.date,
        "kind": entry.kind,
        "id": entry.id,
        "minutes": entry.minutes,
        "facts": dict(entry.facts),
    }


def point_data(point: TrendPoint) -> dict[str, Any]:
    return {
        "month": point.month.start.isoformat()[:7],
        "start": point.month.start,
        "end": point.month.end,
        "one_on_ones": point.one_on_ones,
        "coaching_minutes": point.coaching_minutes,
        "target_minutes": point.target_minutes,
        "goals": goals_data(point.goals),
        "completion_rate": point.goals.completion_rate,
        "call_reviews": point.call_reviews,
        "call_reviews_target": point.call_reviews_target,
        "helpful_mean": point.helpful_mean,
        "scores": dict(point.scores),
    }


def detail_data(detail: RepDetail, row: RepRow | None = None) -> dict[str, Any]:
    return {
        "rep": detail.rep,
        "timeline": [entry_data(e) for e in detail.timeline],
        "trend": [point_data(p) for p in detail.trend],
        "forecasts": [
            {**(forecast_data(p) or {}), "period": p.period, "commit_change": moved}
            for p, moved in zip(row.forecasts, row.commit_changes, strict=True)
        ]
        if row
        else [],
    }


def detail_row(report: Report) -> RepRow | None:
    """The row of the rep shown in detail."""
    if report.detail is None:
        return None
    return next((r for r in report.reps if r.rep == report.detail.rep), None)


def manager_row_data(row: ManagerRow) -> dict[str, Any]:
    return {
        "team": row.team,
        "manager": row.manager,
        "reps": row.reps,
        "reps_with_one_on_one": row.reps_with_one_on_one,
        "one_on_ones": row.one_on_ones,
        "coaching_minutes": row.coaching_minutes,
        "target_minutes": row.target_minutes,
        "median_days_between": row.median_days_between,
        "goals": goals_data(row.goals),
        "completion_rate": row.completion_rate,
        "commitments": {
            **goals_data(row.commitments),
            "completion_rate": row.commitments.completion_rate,
        },
        "listening_minutes": row.listening_minutes,
        "listening_target": row.listening_target,
        "helpful_mean": row.helpful_mean,
        "rated": row.rated,
        "rated_share": row.rated_share,
        "flags": list(row.flags),
    }


def manager_detail_data(detail: ManagerDetail) -> dict[str, Any]:
    return {
        "team": detail.team,
        "manager": detail.manager,
        "trend": [
            {
                "month": p.month.start.isoformat()[:7],
                "start": p.month.start,
                "end": p.month.end,
                **{
                    k: v for k, v in manager_row_data(p.row).items() if k not in ("team", "manager")
                },
            }
            for p in detail.trend
        ],
    }


def report_data(report: Report) -> dict[str, Any]:
    data: dict[str, Any] = {
        "window": window_data(report.window, report.as_of),
        "today": report.today,
        "team": report.team,
        "teams": list(report.teams),
        "reps": [rep_data(r, every_score=report.detail is not None) for r in report.reps],
        "manager": manager_data(report.manager),
    }
    if report.detail is not None:
        data["detail"] = detail_data(report.detail, detail_row(report))
    if report.manager_detail is not None:
        data["managers"] = [manager_row_data(m) for m in report.managers]
        data["manager_detail"] = manager_detail_data(report.manager_detail)
    return data


CSV_COLUMNS = [
    "team",
    "rep",
    "name",
    "manager",
    "one_on_ones",
    "last_one_on_one",
    "days_since",
    "coaching_minutes",
    "target_minutes",
    "minutes_due",
    "goals_set",
    "goals_done",
    "goals_missed",
    "goals_dropped",
    "goals_open",
    "goals_overdue",
    "completion_rate",
    "call_reviews",
    "call_reviews_target",
    "call_reviews_due",
    "focus",
    "focus_since",
    "focus_days",
    "helpful_mean",
    "helpful_ratings",
    "listening_minutes",
    "focus_closed",
    "focus_stuck_yes",
    "focus_stuck_partly",
    "focus_stuck_no",
    "flags",
    "quota",
    "forecast_date",
    "forecast_commit",
    "forecast_likely",
    "forecast_upside",
    "forecast_pipeline",
    "pipeline_coverage",
    "window_start",
    "window_end",
]


def report_table(report: Report) -> Table:
    rows = []
    for row in report.reps:
        data = rep_data(row)
        goals = data.pop("goals")
        focus = data.pop("focus") or {}
        forecast = data.pop("forecast") or {}
        data.pop("engine")
        adoption = data.pop("focus_adoption")
        rows.append(
            {
                **data,
                **{f"goals_{k}": v for k, v in goals.items()},
                **{f"forecast_{k}": v for k, v in forecast.items()},
                "focus_closed": adoption["closed"],
                **{f"focus_stuck_{k}": adoption[k] for k in ("yes", "partly", "no")},
                "focus": focus.get("behaviour"),
                "focus_since": focus.get("since"),
                "focus_days": focus.get("days"),
                "window_start": report.window.start,
                "window_end": report.window.end,
            }
        )
    return Table(rows, CSV_COLUMNS)


# --- words: the page every other format shows -------------------------------------------------


def _number(value: float | None, places: int = 1) -> str:
    if value is None:
        return "-"
    return f"{value:.{places}f}".rstrip("0").rstrip(".") if places else f"{value:.0f}"


def _percent(rate: float | None) -> str:
    return "-" if rate is None else f"{rate * 100:.0f}%"


def flag_text(row: RepRow, flag: str, running: bool = False) -> str:
    """One flag in words, with the numbers behind it; ``running``: the window has not ended,
    so what is due is what was due by today."""
    texts = {
        "no-1on1": "no 1:1 yet",
        "1on1-cadence": f"last 1:1 {row.days_since} days ago",
        "coaching-below-target": (
            f"{row.coaching_minutes} coaching minutes, {row.minutes_due} due"
            + (f" so far ({row.target_minutes} in the window)" if running else "")
        ),
        "call-reviews-below-target": (
            f"{row.call_reviews} call review{'' if row.call_reviews == 1 else 's'} shared, "
            f"{row.call_reviews_due} due" + (" so far" if running else "")
        ),
        "goals-overdue": f"{row.goals.overdue} goal{'s' if row.goals.overdue != 1 else ''} overdue",
        "low-completion": f"{_percent(row.completion_rate)} of decided goals done",
        "1on1-without-goal": "a 1:1 ended with no coaching goal",
        "no-focus": "no #1 behaviour chosen",
        "low-helpful": f"rated the 1:1s {_number(row.helpful_mean, 2)} of 5",
        "commit-falling": (
            f"commit fell to {amount_text(row.forecast.commit if row.forecast else None)} "
            f"from {amount_text(row.previous_commit)}"
        ),
        "pipeline-coverage": (
            f"next period's pipeline covers the quota {_number(row.coverage, 2)} times"
        ),
    }
    return texts.get(flag, flag)


FLAG_SHORT = {
    "no-1on1": "no 1:1",
    "1on1-cadence": "cadence",
    "coaching-below-target": "coaching",
    "call-reviews-below-target": "reviews",
    "goals-overdue": "overdue",
    "low-completion": "completion",
    "1on1-without-goal": "no goal",
    "no-focus": "no #1",
    "low-helpful": "helpful",
    "commit-falling": "commit down",
    "pipeline-coverage": "coverage",
}

MANAGER_FLAG_TEXT = {
    "commitments-overdue": "commitments overdue",
    "commitments-missed": "commitments missed",
    "reps-without-1on1": "reps without a 1:1",
    "listening-below-target": "listened to fewer call minutes than planned",
}

REP_COLUMNS = [
    Column("rep", "Rep"),
    Column("one_on_ones", "1:1s", "right"),
    Column("last", "Last 1:1"),
    Column("coaching", "Coaching min", "right"),
    Column("set", "Set", "right"),
    Column("done", "Done", "right"),
    Column("missed", "Missed", "right"),
    Column("dropped", "Dropped", "right"),
    Column("open", "Open", "right"),
    Column("overdue", "Overdue", "right"),
    Column("rate", "Done rate", "right"),
    Column("reviews", "Call reviews", "right"),
    Column("focus", "#1 behaviour"),
    Column("stuck", "#1s closed (stuck)", "right"),
    Column("listening", "Listened min", "right"),
    Column("helpful", "Helpful", "right"),
    Column("flags", "Flags"),
]


NARROW_REP_COLUMNS = [
    Column("rep", "Rep"),
    Column("one_on_ones", "1:1s", "right"),
    Column("last_short", "Last 1:1", "right"),
    Column("coaching", "Coaching", "right"),
    Column("goals", "Goals"),
    Column("open_text", "Open (late)", "right"),
    Column("rate", "Done", "right"),
    Column("reviews", "Reviews", "right"),
    Column("helpful", "Helpful", "right"),
    Column("focus", "#1 behaviour"),
]


# a card per rep (HTML, an email): the rep, then each fact with its label
REP_CARD_COLUMNS = [
    Column("rep_name", "Rep"),
    Column("one_on_ones", "1:1s"),
    Column("last", "Last 1:1"),
    Column("coaching_words", "Coaching"),
    Column("goals", "Goals"),
    Column("open_words", "Open"),
    Column("rate", "Done rate"),
    Column("reviews", "Call reviews"),
    Column("helpful", "Helpful"),
    Column("focus", "#1 behaviour"),
    Column("stuck", "#1s closed (stuck)"),
    Column("listening", "Listened min"),
    Column("flags_words", "Flags"),
]


def goals_words(goals: GoalCounts) -> str:
    """The goals that moved in the window, in words: ``2 set, 1 done``."""
    counts = (("set", goals.set), ("done", goals.done), ("missed", goals.missed))
    parts = [f"{n} {word}" for word, n in (*counts, ("dropped", goals.dropped)) if n]
    return ", ".join(parts) or "-"


def rep_cells(row: RepRow) -> dict[str, Any]:
    last = "-"
    if row.last_one_on_one is not None:
        last = f"{row.last_one_on_one.isoformat()} ({row.days_since}d)"
    focus = f"{row.focus.behaviour} ({row.focus.days}d)" if row.focus else "-"
    helpful = "-"
    if row.helpful_mean is not None:
        helpful = f"{_number(row.helpful_mean, 2)} ({row.helpful_ratings})"
    return {
        "team": row.team or "-",
        "rep": row.rep,
        "one_on_ones": row.one_on_ones,
        "last": last,
        "coaching": f"{row.coaching_minutes}/{row.target_minutes}",
        **goals_data(row.goals),
        "rate": _percent(row.completion_rate),
        "reviews": f"{row.call_reviews}/{_number(row.call_reviews_target)}",
        "focus": focus,
        "helpful": helpful,
        "flags": ", ".join(FLAG_SHORT.get(f, f) for f in row.flags) or "-",
        "goals": goals_words(row.goals),
        "last_short": f"{row.days_since}d ago" if row.days_since is not None else "never",
        "open_text": f"{row.goals.open} ({row.goals.overdue})",
        "rep_name": row.rep if row.name in ("", row.rep) else f"{row.rep} ({row.name})",
        "coaching_words": f"{row.coaching_minutes} of {row.target_minutes} min",
        "open_words": f"{row.goals.open}, {row.goals.overdue} overdue",
        "stuck": adoption_words(row.focus_adoption),
        "listening": row.listening_minutes,
    }


def adoption_words(adoption: FocusAdoption) -> str:
    """The #1 behaviours closed and how many stuck: ``2 (1 yes, 1 partly)``; ``-`` for none."""
    if not adoption.closed:
        return "-"
    said = [(adoption.yes, "yes"), (adoption.partly, "partly"), (adoption.no, "no")]
    said.append((adoption.unanswered, "not said"))
    return f"{adoption.closed} ({', '.join(f'{n} {w}' for n, w in said if n)})"


SPARKS = "▁▂▃▄▅"  # scores 1..5


def sparkline(points: Sequence[tuple[date, int]]) -> str:
    """Scores 1-5 as a line of bars, oldest first: the shape of a criterion's trend."""
    return "".join(SPARKS[min(max(score, 1), 5) - 1] for _, score in points)


def scores_listing(report: Report) -> Listing | None:
    """Each rep's call-review scores per criterion in the window: a sparkline of the newest
    (``SCORES_SHOWN``) and the mean of all."""
    rows = []
    for row in report.reps:
        for name, points in row.scores:
            recent = points[-SCORES_SHOWN:]  # a window of months holds hundreds
            scores = " ".join(str(s) for _, s in recent)
            if len(recent) < len(points):
                scores = f"last {len(recent)} of {len(points)}: {scores}"
            rows.append(
                {
                    "rep": rep_label(report, row),
                    "criterion": name,
                    "trend": sparkline(recent),
                    "scores": scores,
                    "mean": _number(row.score_means[name], 2),
                    "reviews": len(points),
                }
            )
    if not rows:
        return None
    columns = [
        Column("rep", "Rep"),
        Column("criterion", "Criterion"),
        Column("trend", "Trend"),
        Column("scores", "Scores"),
        Column("mean", "Mean", "right"),
    ]
    # drawn beside a chart of the trends (HTML), the numbers alone fit a narrow table
    cards = [columns[0], columns[1], columns[3], columns[4]]
    return Listing("Call review scores", columns, rows, json_rows=rows, cards=cards)


def rep_label(report: Report, row: RepRow) -> str:
    """How a page names a rep: ``TEAM/rep`` in a report over several teams (one handle may be
    a rep of two teams), else the handle."""
    return f"{row.team}/{row.rep}" if len(report.teams) > 1 else row.rep


def forecast_cells(point: ForecastPoint) -> dict[str, Any]:
    return {
        "date": point.date,
        "commit": amount_text(point.commit),
        "likely": amount_text(point.likely),
        "upside": amount_text(point.upside),
        "pipeline": amount_text(point.pipeline),
    }


FORECAST_COLUMNS = [
    Column("commit", "Commit", "right"),
    Column("likely", "Most likely", "right"),
    Column("upside", "Upside", "right"),
    Column("pipeline", "Next pipeline", "right"),
]


def forecasts_listing(report: Report) -> Listing | None:
    """Each rep's newest forecast in the window, with the quota and the coverage it gives."""
    rows = []
    for row in report.reps:
        engine = engine_data(row.engine) or {}
        velocity = engine.get("velocity")
        if row.forecast is None and row.quota is None and velocity is None:
            continue
        cells = forecast_cells(row.forecast) if row.forecast else {"date": "-"}
        coverage = f"{_number(row.coverage, 2)}x" if row.coverage is not None else "-"
        rows.append(
            {
                "rep": rep_label(report, row),
                **cells,
                "quota": amount_text(row.quota),
                "coverage": coverage,
                "velocity": amount_text(round(velocity)) if velocity is not None else "-",
            }
        )
    if not rows:
        return None
    columns = [
        Column("rep", "Rep"),
        Column("date", "Date"),
        *FORECAST_COLUMNS,
        Column("quota", "Quota", "right"),
        Column("coverage", "Coverage", "right"),
        Column("velocity", "Velocity/day", "right"),
    ]
    return Listing("Forecast and sales engine", columns, rows)


def series_listing(row: RepRow) -> Listing:
    """One rep's forecasts over the window, each commit's change since the one before it in
    the same period."""
    rows = []
    for point, moved in zip(row.forecasts, row.commit_changes, strict=True):
        change = signed_amount_text(moved) if moved is not None else "-"
        rows.append({**forecast_cells(point), "change": change})
    return Listing(
        f"Forecasts: {row.rep}",
        [Column("date", "Date"), *FORECAST_COLUMNS, Column("change", "Commit change", "right")],
        rows,
        empty=f"No forecast in this window: 'coachlog forecast --rep {row.rep} --commit N'",
    )


def reps_listing(report: Report) -> Listing:
    running = report.as_of < report.window.end
    several = len(report.teams) > 1
    notes = [
        f"- {rep_label(report, row)}: " + "; ".join(flag_text(row, f, running) for f in row.flags)
        for row in report.reps
        if row.flags
    ]
    columns, narrow = REP_COLUMNS, NARROW_REP_COLUMNS
    if several:  # one handle may be a rep of two teams
        columns = [Column("team", "Team"), *columns]
        narrow = [Column("team", "Team"), *narrow]
    rows = []
    for row in report.reps:
        cells = rep_cells(row)
        words = "; ".join(flag_text(row, f, running) for f in row.flags) or "-"
        heading = f"{row.team}/{cells['rep_name']}" if several else cells["rep_name"]
        rows.append({**cells, "flags_words": words, "rep_name": heading})
    return Listing(
        "Reps",
        columns,
        rows,
        empty="No reps in this report.",
        notes=notes,
        narrow=narrow,
        cards=REP_CARD_COLUMNS,
        card_notes=False,  # each card says its flags in words
    )


def manager_flag_text(section: ManagerSection | ManagerRow, flag: str) -> str:
    """One of a manager's flags in words (the listening one with its minutes), for the
    manager's section of a report and for a row of the managers' table."""
    if flag == "listening-below-target":
        running = section.listening_due != section.listening_target
        return (
            f"listened to {section.listening_minutes} minutes of shared calls, "
            f"{section.listening_due} due"
            + (f" so far ({section.listening_target} in the window)" if running else "")
        )
    return MANAGER_FLAG_TEXT.get(flag, flag)


def manager_listings(section: ManagerSection, teams: Sequence[str] = ()) -> list[Listing]:
    """The manager's commitments; with more than one team, each overdue one names its team."""
    counts = section.commitments
    row = {
        "manager": section.name or "-",
        **goals_data(counts),
        "rate": _percent(counts.completion_rate),
        "coverage": f"{section.reps_with_one_on_one}/{section.reps}",
        "listening": f"{section.listening_minutes}/{section.listening_target}",
    }
    columns = [
        Column("manager", "Manager"),
        Column("set", "Set", "right"),
        Column("done", "Kept", "right"),
        Column("missed", "Missed", "right"),
        Column("dropped", "Dropped", "right"),
        Column("open", "Open", "right"),
        Column("overdue", "Overdue", "right"),
        Column("rate", "Kept rate", "right"),
        Column("coverage", "Reps with a 1:1", "right"),
        Column("listening", "Listened min", "right"),
    ]
    notes = [f"- {manager_flag_text(section, f)}" for f in section.flags]
    found = [Listing("Manager's commitments", columns, [row], notes=notes)]
    if section.overdue:
        late = [commitment_data(c) for c in section.overdue]
        late_columns = [
            Column("id", "Id"),
            Column("rep", "Rep"),
            Column("title", "Commitment"),
            Column("due", "Due"),
        ]
        if len(teams) > 1:  # one handle may be a rep of two teams
            late_columns.insert(0, Column("team", "Team"))
        found.append(Listing("Overdue commitments", late_columns, late))
    return found


def _facts_text(entry: TimelineEntry) -> str:
    facts = dict(entry.facts)
    if entry.kind.startswith("goal-"):
        owner = " (manager's commitment)" if facts.get("owner") == "manager" else ""
        return f"{facts.get('title', '')} [{facts.get('kind', '')}]{owner}"
    scores = facts.pop("scores", None)
    parts = [f"{key}: {value}" for key, value in facts.items()]
    if scores:
        parts.append("scores: " + ", ".join(f"{k} {v}" for k, v in scores.items()))
    return "; ".join(parts)


KIND_TEXT = {
    "1on1": "1:1",
    "review": "call review",
    "debrief": "debrief",
    "observation": "observation",
    "goal-set": "goal set",
    "goal-done": "goal done",
    "goal-missed": "goal missed",
    "goal-dropped": "goal dropped",
}


def detail_listings(detail: RepDetail) -> list[Listing]:
    timeline = [
        {
            "date": e.date,
            "what": KIND_TEXT.get(e.kind, e.kind),
            "id": e.id,
            "minutes": e.minutes,
            "facts": _facts_text(e),
        }
        for e in detail.timeline
    ]
    trend = []
    for p in detail.trend:
        scores = ", ".join(f"{k} {_number(v, 2)}" for k, v in p.scores.items() if v is not None)
        trend.append(
            {
                "month": p.month.start.isoformat()[:7],
                "one_on_ones": p.one_on_ones,
                "coaching": f"{p.coaching_minutes}/{p.target_minutes}",
                "done": p.goals.done,
                "missed": p.goals.missed,
                "rate": _percent(p.goals.completion_rate),
                "reviews": f"{p.call_reviews}/{_number(p.call_reviews_target)}",
                "helpful": _number(p.helpful_mean, 2),
                "scores": scores or "-",
            }
        )
    return [
        Listing(
            f"Timeline: {detail.rep}",
            [
                Column("date", "Date"),
                Column("what", "What"),
                Column("id", "Id"),
                Column("minutes", "Minutes", "right"),
                Column("facts", "Facts"),
            ],
            timeline,
            empty="Nothing recorded in this window.",
            cards=[Column("date", "Date"), Column("what", "What"), Column("facts", "Facts")],
        ),
        Listing(
            f"Trend: {detail.rep}, by month",
            [
                Column("month", "Month"),
                Column("one_on_ones", "1:1s", "right"),
                Column("coaching", "Coaching min", "right"),
                Column("done", "Done", "right"),
                Column("missed", "Missed", "right"),
                Column("rate", "Done rate", "right"),
                Column("reviews", "Call reviews", "right"),
                Column("helpful", "Helpful", "right"),
                Column("scores", "Call scores"),
            ],
            trend,
        ),
    ]


def report_title(report: Report) -> str:
    who = f" for {report.detail.rep}" if report.detail is not None else ""
    team = f", {report.team}" if report.team and report.detail is None else ""
    return f"Coaching report{who}{team}: {report.window.label}"


# --- charts: what --format html draws ---------------------------------------------------------


def minutes_bar(label: str, minutes: int, target: int, due: int | None = None) -> Bar:
    note = f"{minutes} of {target} min"
    if due is not None and due != target:
        note += f" ({due} due)"
    return Bar(label, minutes, target, note, minutes < (target if due is None else due))


def completion_bar(label: str, goals: GoalCounts) -> Bar:
    rate = goals.completion_rate
    if rate is None:
        return Bar(label, 0, None, "none decided")
    note = f"{_percent(rate)} ({goals.done} of {goals.done + goals.missed})"
    return Bar(label, rate * 100, 100 * LOW_COMPLETION, note, rate < LOW_COMPLETION)


def score_chart(
    title: str, series: dict[str, list[tuple[date, float]]], counted: str = "score"
) -> StripChart:
    """Each criterion's scores (1-5) over time, a strip each."""
    return StripChart(
        title,
        tuple(Series(name, tuple(points)) for name, points in series.items() if points),
        low=1,
        high=5,
        number="{:.3g}",
        counted=counted,
    )


FORECAST_SERIES = (
    ("commit", "commit"),
    ("likely", "most likely"),
    ("upside", "upside"),
    ("pipeline", "next period's pipeline"),
)


def forecast_chart(
    title: str, points: Sequence[ForecastPoint], quota: float | None
) -> LineChart | None:
    """The forecast numbers of the 1:1s in the window, one line each, with the quota as a line
    across; None when no 1:1 in the window holds a forecast."""
    series = []
    for key, name in FORECAST_SERIES:
        values = tuple((p.date, float(v)) for p in points if (v := p.value(key)) is not None)
        if values:
            series.append(Series(name, values))
    if not series:
        return None
    if quota:
        days = sorted({p.date for p in points})
        series.append(Series("quota", ((days[0], float(quota)), (days[-1], float(quota)))))
    return LineChart(title, tuple(series), low=0, number="{:,.0f}")


def team_figures(report: Report) -> list[Chart]:
    """The team page's charts: minutes against target and goal completion per rep."""
    if not report.reps:
        return []
    running = report.as_of < report.window.end
    figures: list[Chart] = [
        BarChart(
            "Coaching minutes against target",
            tuple(
                minutes_bar(
                    rep_label(report, r),
                    r.coaching_minutes,
                    r.target_minutes,
                    r.minutes_due if running else None,
                )
                for r in report.reps
            ),
            target_label="window's target",
        ),
        BarChart(
            "Goal completion (done of done and missed)",
            tuple(completion_bar(rep_label(report, r), r.goals) for r in report.reps),
            maximum=100,
            target_label="50%",
        ),
    ]
    return figures


def each_rep_figures(report: Report, *, scores: bool = True) -> list[Chart]:
    """Each rep's own charts, rep by rep: the call-review scores of the window (a strip per
    criterion) and the forecasts of its 1:1s, where there are any."""
    found: list[Chart] = []
    for row in report.reps:
        who = rep_label(report, row)
        if scores and row.scores:
            trends = {name: [(d, float(s)) for d, s in points] for name, points in row.scores}
            found.append(score_chart(f"Call review scores: {who}", trends))
        chart = forecast_chart(f"Forecast: {who}", row.forecasts, row.quota)
        if chart is not None:
            found.append(chart)
    return found


def rep_figures(report: Report) -> list[Chart]:
    """One rep's page: minutes and completion by month, and each criterion's monthly mean."""
    detail = report.detail
    if detail is None:
        return []
    months = detail.trend
    label = [p.month.start.isoformat()[:7] for p in months]
    figures: list[Chart] = [
        BarChart(
            f"Coaching minutes by month: {detail.rep}",
            tuple(
                minutes_bar(name, p.coaching_minutes, p.target_minutes)
                for name, p in zip(label, months, strict=True)
            ),
            target_label="month's target",
        ),
        BarChart(
            f"Goal completion by month: {detail.rep}",
            tuple(completion_bar(name, p.goals) for name, p in zip(label, months, strict=True)),
            maximum=100,
            target_label="50%",
        ),
    ]
    trends: dict[str, list[tuple[date, float]]] = {}
    for point in months:
        for name, mean in point.scores.items():
            if mean is not None:
                trends.setdefault(name, []).append((point.month.start, mean))
    if trends:
        title = f"Call review scores, monthly means: {detail.rep}"
        figures.append(score_chart(title, trends, counted="month"))
    figures += each_rep_figures(report, scores=False)  # the window's forecasts
    return figures


def report_page(report: Report) -> Page:
    window = report.window
    as_of = "today" if report.as_of == report.today else report.as_of.isoformat()
    intro = [
        f"Window {window.start} to {window.end} ({window.days} days); open and overdue goals "
        f"and days since the last 1:1 as of {as_of}.",
    ]
    listings = [reps_listing(report)]
    scores = scores_listing(report)
    if scores is not None:
        listings.append(scores)
    forecast = forecasts_listing(report)
    if forecast is not None and report.detail is None:
        listings.append(forecast)
    listings += manager_listings(report.manager, report.teams)
    if report.detail is not None:
        listings += detail_listings(report.detail)
        row = detail_row(report)
        if row is not None:
            listings.append(series_listing(row))
    if report.manager_detail is not None:
        listings += manager_detail_listings(report, report.manager_detail)
    if report.detail is not None:
        return Page(report_title(report), listings, intro, figures=rep_figures(report))
    return Page(
        report_title(report),
        listings,
        intro,
        figures=team_figures(report),
        more_figures=each_rep_figures(report),
        more_title="Each rep: call-review scores and forecasts",
    )


def report_view(report: Report) -> View:
    return View(lambda: report_page(report), report_data(report), report_table(report))


# --- by manager: the second-line manager's table ----------------------------------------------

MANAGER_COLUMNS = [
    Column("manager", "Manager"),
    Column("reps", "Reps", "right"),
    Column("one_on_ones", "1:1s", "right"),
    Column("coaching", "Coaching min", "right"),
    Column("between", "Days between", "right"),
    Column("rate", "Done rate", "right"),
    Column("kept", "Kept", "right"),
    Column("listening", "Listening min", "right"),
    Column("helpful", "Helpful", "right"),
    Column("rated", "Rated", "right"),
    Column("flags", "Flags"),
]

MANAGER_CSV_COLUMNS = [
    "team",
    "manager",
    "reps",
    "reps_with_one_on_one",
    "one_on_ones",
    "coaching_minutes",
    "target_minutes",
    "median_days_between",
    *(f"goals_{k}" for k in ("set", "done", "missed", "dropped", "open", "overdue")),
    "completion_rate",
    *(
        f"commitments_{k}"
        for k in ("set", "done", "missed", "dropped", "open", "overdue", "completion_rate")
    ),
    "listening_minutes",
    "listening_target",
    "helpful_mean",
    "rated",
    "rated_share",
    "flags",
    "window_start",
    "window_end",
]


def manager_cells(row: ManagerRow) -> dict[str, Any]:
    kept = row.commitments
    return {
        "team": row.team or "-",
        "manager": row.manager or "-",
        "reps": row.reps,
        "one_on_ones": row.one_on_ones,
        "coaching": f"{row.coaching_minutes}/{row.target_minutes}",
        "between": _number(row.median_days_between),
        "rate": _percent(row.completion_rate),
        "kept": f"{kept.done}/{kept.done + kept.missed}" if kept.done + kept.missed else "-",
        "listening": f"{row.listening_minutes}/{row.listening_target}",
        "helpful": _number(row.helpful_mean, 2),
        "rated": _percent(row.rated_share),
        "flags": ", ".join(MANAGER_FLAG_TEXT.get(f, f) for f in row.flags) or "-",
    }


def managers_listing(rows: Sequence[ManagerRow], teams: Sequence[str]) -> Listing:
    """The managers' table; on a terminal (and in chat) the flags are a line per manager below
    it, in words, as the reps' are, rather than a cell."""
    several = len(teams) > 1
    columns = list(MANAGER_COLUMNS)
    if several:
        columns.insert(0, Column("team", "Team"))
    flagged = [
        f"- {row.team + '/' if several else ''}{row.manager or '-'}: "
        + "; ".join(manager_flag_text(row, f) for f in row.flags)
        for row in rows
        if row.flags
    ]
    return Listing(
        "Managers",
        columns,
        [manager_cells(r) for r in rows],
        empty="No manager has a rep in this report.",
        notes=[
            *flagged,
            "Coaching min: their reps' minutes against their reps' target. Days between: the "
            "median gap between two 1:1s of a rep. Kept: commitments done of those decided. "
            "Listening min: minutes of their reps' call reviews the manager commented on. "
            "Rated: the share of 1:1s the rep rated.",
        ]
        if rows
        else [],
        narrow=[c for c in columns if c.key != "flags"],
    )


def managers_table(report: Report) -> Table:
    rows = []
    for row in report.managers:
        data = manager_row_data(row)
        goals = data.pop("goals")
        commitments = data.pop("commitments")
        rows.append(
            {
                **data,
                **{f"goals_{k}": v for k, v in goals.items()},
                **{f"commitments_{k}": v for k, v in commitments.items()},
                "window_start": report.window.start,
                "window_end": report.window.end,
            }
        )
    return Table(rows, MANAGER_CSV_COLUMNS)


def managers_view(report: Report) -> View:
    """``report --by manager``: a row per manager (per team and manager, with several
    journals)."""
    window = report.window
    as_of = "today" if report.as_of == report.today else report.as_of.isoformat()
    intro = [
        f"Window {window.start} to {window.end} ({window.days} days); open and overdue goals "
        f"as of {as_of}.",
    ]
    team = f", {report.team}" if report.team else ""
    page = Page(
        f"Coaching by manager{team}: {window.label}",
        [managers_listing(report.managers, report.teams)],
        intro,
    )
    data = {
        "window": window_data(window, report.as_of),
        "today": report.today,
        "teams": list(report.teams),
        "managers": [manager_row_data(m) for m in report.managers],
    }
    return View(page, data, managers_table(report))


def manager_detail_listings(report: Report, detail: ManagerDetail) -> list[Listing]:
    """``report --manager M``: the manager's row, then month by month."""
    trend = [{"month": p.month.start.isoformat()[:7], **manager_cells(p.row)} for p in detail.trend]
    columns = [Column("month", "Month"), *MANAGER_COLUMNS[1:-1]]
    mine = [m for m in report.managers if m.manager == detail.manager and m.team == detail.team]
    return [
        managers_listing(mine, report.teams),
        Listing(f"Trend: {detail.manager}, by month", columns, trend),
    ]
