"""``coachlog new``: new records: a 1:1, a call review, a post-call debrief, a field
observation."""

from __future__ import annotations

from typing import Any

import typer

from coachlog.cli.common import DATE_FORMS_HELP, REP, day_from, echo, say, state, warn
from coachlog.cli.terminal import open_in_editor
from coachlog.defaults import RECORD_MINUTES
from coachlog.vocabulary import DEBRIEFERS, PICKS

app = typer.Typer(help="Write a new record and open it in your editor.", no_args_is_help=True)


@app.command("1on1")
def one_on_one(
    ctx: typer.Context,
    rep: str = REP,
    day: str = typer.Option(
        None, "--date", metavar="DATE", help="Day of the 1:1 (default: today). " + DATE_FORMS_HELP
    ),
    minutes: int = typer.Option(
        None, "--minutes", help="Length in minutes, a multiple of 5 (default: config)."
    ),
    edit: bool = typer.Option(
        None, "--edit/--no-edit", help="Open it in $VISUAL/$EDITOR (default: on a terminal)."
    ),
) -> None:
    """Write a 1:1 record: an agenda fit for the period phase, with every open goal rolled
    forward. Prints the new file's path.

    \b
    Example: coachlog new 1on1 --rep alice --date 2026-11-23 --minutes 30
    """
    from coachlog.ops.one_on_one import new_one_on_one

    st = state(ctx)
    today = st.today
    when = day_from(day, "--date", today) if day else today
    journal = st.journal()
    record, plan = new_one_on_one(journal, rep, when, minutes, st.now(), today)
    for text in plan.warnings:
        warn(text)
    path = journal.root / "1on1" / f"{when.year:04d}" / f"{record.id}.md"
    echo(journal.relative(path))
    carried = len(plan.goals)
    goals = f"{carried} open goal{'s' if carried != 1 else ''} rolled forward"
    topics = len(plan.agenda.topics)
    if topics:
        goals += f", {topics} topic{'s' if topics != 1 else ''} for Free time"
    planned = " (planned)" if when > today else ""
    say(
        f"1:1 with {rep} on {when}{planned}: {plan.agenda.phase} phase of "
        f"{plan.agenda.period.label}, "
        f"{plan.agenda.minutes} minutes, {goals}."
    )
    open_in_editor(journal, path, edit)


DATE = typer.Option(
    None,
    "--date",
    metavar="DATE",
    help="Day of the call or visit (default: today). " + DATE_FORMS_HELP,
)
EDIT = typer.Option(
    None, "--edit/--no-edit", help="Open it in $VISUAL/$EDITOR (default: on a terminal)."
)


def _minutes_option(default: int, what: str) -> Any:
    return typer.Option(
        None,
        "--minutes",
        help=f"Coaching minutes it counts for in reports (default {default}: {what}).",
    )


@app.command("review")
def review(
    ctx: typer.Context,
    rep: str = REP,
    call: str = typer.Option(
        ..., "--call", metavar="URL-OR-TITLE", help="The call's link or title."
    ),
    pick: str = typer.Option(..., "--pick", metavar="|".join(PICKS), help="Why the rep picked it."),
    day: str = DATE,
    minutes: int = _minutes_option(RECORD_MINUTES["review"], "listening to the call"),
    edit: bool = EDIT,
) -> None:
    """Write a call review: a call the rep picked (one that went well, one they struggled
    with), for the rep's and the manager's comments and a 1-5 score per criterion. Prints the
    new file's path; once the rep's comments are written, the next 1:1 coaches it.

    A week whose picks are not one call that went well and one where the rep struggled gets a
    warning. The minutes of reviews you commented on count as your listening in the report.

    \b
    Example: coachlog new review --rep alice --call "Acme discovery" --pick struggled
    """
    from coachlog.ops.reviews import new_review

    st = state(ctx)
    today = st.today
    when = day_from(day, "--date", today) if day else today
    journal = st.journal()
    made = new_review(journal, rep, call, pick, when, st.now(), minutes)
    for text in made.warnings:
        warn(text)
    echo(journal.relative(made.path))
    say(
        f"Call review for {rep} on {when} ({pick}): the rep comments first, then shares it. "
        f"Score it with: coachlog score {made.record.id} opening=N ..."
    )
    open_in_editor(journal, made.path, edit)


@app.command("debrief")
def debrief(
    ctx: typer.Context,
    rep: str = REP,
    call: str = typer.Option(..., "--call", metavar="TEXT", help="The call or meeting."),
    by: str = typer.Option(
        "rep", "--by", metavar="|".join(DEBRIEFERS), help="Who asks the two questions."
    ),
    day: str = DATE,
    minutes: int = _minutes_option(RECORD_MINUTES["debrief"], "a short talk after the call"),
    edit: bool = EDIT,
) -> None:
    """Write a post-call debrief: what went well that should be repeated, and what did not go
    as expected that should be avoided next time. Prints the new file's path.

    \b
    Example: coachlog new debrief --rep alice --call "Acme pricing call" --by peer
    """
    from coachlog.ops.reviews import new_debrief

    st = state(ctx)
    today = st.today
    when = day_from(day, "--date", today) if day else today
    journal = st.journal()
    made = new_debrief(journal, rep, call, by, when, st.now(), minutes)
    echo(journal.relative(made.path))
    open_in_editor(journal, made.path, edit)


@app.command("observation")
def observation(
    ctx: typer.Context,
    rep: str = REP,
    day: str = DATE,
    minutes: int = _minutes_option(RECORD_MINUTES["observation"], "a joint call"),
    outcome: str = typer.Option(
        None, "--outcome", metavar="seen|partly|not-seen", help="Whether the behaviour showed."
    ),
    edit: bool = EDIT,
) -> None:
    """Write a field observation: coaching in the field against the rep's #1 behaviour
    (copied from their profile). Prints the new file's path.

    On one of your field-coaching dates, it marks that commitment done.

    \b
    Example: coachlog new observation --rep alice --date 2026-12-03 --outcome partly
    """
    from coachlog.ops.reviews import new_observation

    st = state(ctx)
    today = st.today
    when = day_from(day, "--date", today) if day else today
    journal = st.journal()
    made = new_observation(journal, rep, when, st.now(), minutes, outcome)
    for text in made.warnings:
        warn(text)
    echo(journal.relative(made.path))
    for kept in made.kept:
        goal = kept.state.goal
        say(f"Your field date {goal.due} ({goal.id}) is done.")
    open_in_editor(journal, made.path, edit)
