"""``coachlog goals``: coaching goals and commitments."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import typer

from coachlog.cli.common import (
    DATE_FORMS_HELP,
    FROM,
    REP,
    SUBJECT,
    TO,
    EmailOptions,
    day_from,
    echo,
    flag_for,
    format_option,
    print_view,
    resolve_format,
    say,
    state,
    warn,
)
from coachlog.cli.completing import complete_goal, complete_open_goal, complete_rep
from coachlog.render.formats import FORMATS, READING
from coachlog.vocabulary import GOAL_KINDS, GOAL_OWNERS, VERIFIERS, one_of

app = typer.Typer()


@app.callback(invoke_without_command=True)
def goals(ctx: typer.Context) -> None:
    """Coaching goals and commitments: add, list, change, close, show.

    'coachlog goals' alone lists the open goals, as 'coachlog goals open' does.
    """
    if ctx.invoked_subcommand is None:
        group: Any = ctx.command
        command = group.get_command(ctx, "open")
        with command.make_context("open", [], parent=ctx) as sub:
            command.invoke(sub)


@app.command("add")
def add(
    ctx: typer.Context,
    title: str = typer.Argument(..., help="What will be done, in words both of you can check."),
    rep: str = REP,
    kind: str = typer.Option(..., "--kind", help=f"{one_of(GOAL_KINDS)}."),
    owner: str = typer.Option("rep", "--owner", help="rep, or manager for your own commitments."),
    due: str = typer.Option(None, "--due", metavar="DATE", help=DATE_FORMS_HELP),
    measure: str = typer.Option(None, "--measure", help="What is counted, e.g. 'discovery calls'."),
    target: float = typer.Option(None, "--target", help="The number that means done."),
    verifier: str = typer.Option(
        None, "--verifier", help=f"{one_of(VERIFIERS)} (opportunity goals)."
    ),
    deal: str = typer.Option(None, "--deal", help="The deal an opportunity goal is about."),
    why: str = typer.Option(None, "--why", help="Why it matters, in the rep's words."),
) -> None:
    """Add a coaching goal to the rep's newest 1:1. Prints the goal's id.

    The goal goes into the newest 1:1 dated on or before today that was not cancelled.
    Warns, never refuses, where the method says a goal is weak: an outcome only the customer
    decides (a sales goal), soft wording, no due date, target or why, a performance goal due
    in under 1 or over 3 months, a career goal far from a quarter, fewer than two open
    opportunity goals, more of a kind than the recipe. Each warning has a switch under
    'warnings:' in coachlog.yaml.

    \b
    Example: coachlog goals add "Book the technical validation call with Acme's CTO"
        --rep alice --kind opportunity --verifier advance --deal Acme --due +7d --target 1
        --measure meeting --why "It moves Acme to the technical stage"
    """
    from coachlog.ops.goals import GoalInput, add_goal

    st = state(ctx)
    today = st.today
    given = GoalInput(
        title=title,
        kind=kind,
        owner=owner,
        due=day_from(due, "--due", today) if due else None,
        measure=measure,
        target=target,
        verifier=verifier,
        deal=deal,
        why=why,
    )
    change = add_goal(st.journal(), rep, given, today)
    for notice in change.warnings:
        warn(notice.say(lambda field: flag_for(ctx, field)))
    echo(change.state.goal.id)
    say(f"Goal {change.state.goal.id} added to {change.path}")


@app.command("open")
def open_(
    ctx: typer.Context,
    rep: str = typer.Option(
        None, "--rep", help="Only this rep's goals.", autocompletion=complete_rep
    ),
    owner: str = typer.Option(None, "--owner", help=f"{one_of(GOAL_OWNERS)}."),
    kind: str = typer.Option(None, "--kind", help=f"{one_of(GOAL_KINDS)}."),
    overdue: bool = typer.Option(False, "--overdue", help="Only goals past their due date."),
    exit_code: bool = typer.Option(
        False,
        "--exit-code",
        help="Exit with 1 when the list has any goal and 0 when it is empty (for cron).",
    ),
    fmt: str = format_option(FORMATS),
    to: str = TO,
    sender: str = FROM,
    subject: str = SUBJECT,
) -> None:
    """List the open goals: promises not yet kept.

    With --journal given several times (one a team), every team's goals, each row naming its
    team. With --exit-code the exit status says whether anything is listed, as 'git diff
    --exit-code' does: 1 when it lists a goal, 0 when not.

    \b
    Example: coachlog goals open --owner manager --format json
    Example: coachlog goals open --overdue --journal teams/east --journal teams/west
    Example: coachlog goals open --overdue --exit-code >/dev/null || echo "overdue goals"
    """
    from coachlog.ops.goals import GoalFilter, list_open
    from coachlog.render.goals import goal_row, open_goals_listing
    from coachlog.render.page import View

    fmt = resolve_format(fmt, FORMATS)
    email = EmailOptions(to, sender, subject)
    email.check(fmt)
    st = state(ctx)
    today = st.today
    which = GoalFilter(rep, owner, kind, overdue)
    journals = st.journals()
    if len(journals) == 1:
        journal = journals[0]
        found = list_open(journal, which, today)
        rows = [goal_row(s, journal.relative(journal.record_path(s.record)), today) for s in found]
    else:
        from coachlog.ops.teams import each_having_rep

        rows = [
            {"team": team, **goal_row(s, journal.relative(journal.record_path(s.record)), today)}
            for team, journal in each_having_rep(journals, rep)
            for s in list_open(journal, which, today)
        ]
    listing = open_goals_listing(rows, today)
    subject_default = f"{listing.title}, {today.isoformat()}"
    print_view(st, View.of_listing(listing), fmt, replace(email, default_subject=subject_default))
    if exit_code and rows:
        raise typer.Exit(1)


def _close(ctx: typer.Context, goal_id: str, verb: str, note: str | None) -> None:
    from coachlog.ops.goals import close_goal

    st = state(ctx)
    change = close_goal(st.journal(), goal_id, verb, note, st.today)
    for notice in change.warnings:
        warn(notice.say(lambda field: flag_for(ctx, field)))
    goal = change.state.goal
    echo(f"{goal.id} {goal.status}: {goal.title}")


GOAL_ID = typer.Argument(
    ...,
    metavar="ID",
    help="The goal's id, or a unique prefix of it.",
    autocompletion=complete_open_goal,
)
ANY_GOAL_ID = typer.Argument(
    ...,
    metavar="ID",
    help="The goal's id, or a unique prefix of it.",
    autocompletion=complete_goal,
)
NOTE = typer.Option(None, "--note", help="A line for the goal's notes.")


@app.command("done")
def done(ctx: typer.Context, goal_id: str = GOAL_ID, note: str = NOTE) -> None:
    """Mark a goal done. A goal below its target is marked done with a warning (if it was
    not reached, 'coachlog goals miss' says so).

    \b
    Example: coachlog goals done 7fq --note "Call booked for Tuesday"
    """
    _close(ctx, goal_id, "done", note)


@app.command("miss")
def miss(ctx: typer.Context, goal_id: str = GOAL_ID, note: str = NOTE) -> None:
    """Mark a goal missed.

    \b
    Example: coachlog goals miss 7fq --note "CTO on leave"
    """
    _close(ctx, goal_id, "miss", note)


@app.command("drop")
def drop(ctx: typer.Context, goal_id: str = GOAL_ID, note: str = NOTE) -> None:
    """Drop a goal that no longer matters.

    \b
    Example: coachlog goals drop 7fq --note "Deal lost"
    """
    _close(ctx, goal_id, "drop", note)


@app.command("reopen")
def reopen(ctx: typer.Context, goal_id: str = ANY_GOAL_ID, note: str = NOTE) -> None:
    """Open a closed goal again: undo a mistaken done, miss or drop, or settle a goal closed
    two ways in two clones. The close stays in its history.

    \b
    Example: coachlog goals reopen 7fq --note "Marked done by mistake"
    """
    from coachlog.ops.goals import reopen_goal

    st = state(ctx)
    change = reopen_goal(st.journal(), goal_id, note, st.today)
    goal = change.state.goal
    echo(f"{goal.id} {goal.status}: {goal.title}")


@app.command("edit")
def edit(
    ctx: typer.Context,
    goal_id: str = GOAL_ID,
    title: str = typer.Option(None, "--title", help="A better wording of the goal."),
    due: str = typer.Option(
        None, "--due", metavar="DATE", help="A new due date: " + DATE_FORMS_HELP
    ),
    target: float = typer.Option(None, "--target", help="A new number that means done."),
    measure: str = typer.Option(None, "--measure", help="What is counted."),
    note: str = NOTE,
) -> None:
    """Re-commit to a goal: a new due date, target, measure or title. The old values stay in
    the goal's history ('coachlog goals show ID').

    \b
    Example: coachlog goals edit 7fq --due +7d --note "CTO back from leave on the 9th"
    """
    from coachlog.ops.goals import GoalEdit, edit_goal

    st = state(ctx)
    today = st.today
    given = GoalEdit(
        title=title,
        due=day_from(due, "--due", today) if due else None,
        target=target,
        measure=measure,
    )
    change = edit_goal(st.journal(), goal_id, given, note, today)
    goal = change.state.goal
    due_text = f", due {goal.due}" if goal.due else ""
    echo(f"{goal.id} {goal.status}{due_text}: {goal.title}")


@app.command("reid")
def reid(
    ctx: typer.Context,
    goal_id: str = typer.Argument(
        ..., metavar="ID", help="The id two goals share.", autocompletion=complete_goal
    ),
    rep: str = typer.Option(
        ..., "--rep", help="Whose goal gets the new id.", autocompletion=complete_rep
    ),
) -> None:
    """Give a goal a new id, in every record that holds it: for an id two goals share (set
    in two clones, or copied by hand). Prints the new id.

    \b
    Example: coachlog goals reid 7fq2ab9c --rep bob
    """
    from coachlog.ops.goals import reid_goal

    st = state(ctx)
    old, change = reid_goal(st.journal(), goal_id, rep, st.today)
    echo(change.state.goal.id)
    say(f"Goal {old} of {rep} is now {change.state.goal.id} ({change.path})")


@app.command("progress")
def progress(
    ctx: typer.Context,
    goal_id: str = GOAL_ID,
    value: str = typer.Option(
        ...,
        "--value",
        metavar="N",
        help="Progress so far, in the goal's measure; +N adds N to it, -N takes N off.",
    ),
    note: str = NOTE,
) -> None:
    """Record progress on a goal.

    \b
    Example: coachlog goals progress 7fq --value 6
             coachlog goals progress 7fq --value +1
    """
    from coachlog.cli.compat import CONVERTERS
    from coachlog.ops.goals import record_progress

    text = value.strip()
    try:
        number = CONVERTERS[float](text)
    except ValueError:
        raise typer.BadParameter(
            f"{value!r} is not a number; use 6, or +1 to add one", ctx=ctx, param_hint="'--value'"
        ) from None
    st = state(ctx)
    add = text.startswith(("+", "-"))
    change = record_progress(st.journal(), goal_id, number, note, st.today, add=add)
    goal = change.state.goal
    target = f" of {goal.target:g}" if goal.target is not None else ""
    echo(f"{goal.id} progress {goal.progress or 0:g}{target}: {goal.title}")


@app.command("show")
def show(
    ctx: typer.Context,
    goal_id: str = ANY_GOAL_ID,
    fmt: str = format_option(READING),
) -> None:
    """Show a goal and its whole history across records.

    \b
    Example: coachlog goals show 7fq
    """
    from coachlog.ops.goals import find
    from coachlog.render.goals import goal_story_data, goal_story_view

    fmt = resolve_format(fmt, READING)
    st = state(ctx)
    journal = st.journal()
    found = find(journal, goal_id)
    paths = [journal.relative(journal.record_path(r)) for r, _ in found.history]
    print_view(st, goal_story_view(goal_story_data(found, paths, st.today)), fmt)
