"""``coachlog agenda``: the 1:1 agenda, printed, nothing written."""

from __future__ import annotations

import typer

from coachlog.cli.common import (
    DATE_FORMS_HELP,
    REP,
    day_from,
    format_option,
    print_view,
    resolve_format,
    state,
    warn,
)
from coachlog.render.formats import READING


def agenda(
    ctx: typer.Context,
    rep: str = REP,
    day: str = typer.Option(
        None, "--date", metavar="DATE", help="Day of the 1:1 (default: today). " + DATE_FORMS_HELP
    ),
    minutes: int = typer.Option(None, "--minutes", help="Length in minutes, a multiple of 5."),
    fmt: str = format_option(READING),
) -> None:
    """The agenda 'coachlog new 1on1' would write; writes nothing.

    Call reviews the rep has not commented on yet wait for the next agenda, with a warning.

    \b
    Example: coachlog agenda --rep alice --date 2026-12-15 --format json
    """
    from coachlog.ops.one_on_one import plan_one_on_one
    from coachlog.render.agenda import agenda_view

    fmt = resolve_format(fmt, READING)
    st = state(ctx)
    today = st.today
    when = day_from(day, "--date", today) if day else today
    plan = plan_one_on_one(st.journal(), rep, when, minutes)
    for text in plan.warnings:
        warn(text)
    print_view(st, agenda_view(plan.agenda, plan.rep_name), fmt)
