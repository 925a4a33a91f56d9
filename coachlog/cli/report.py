"""``coachlog report``: the accountability view."""

from __future__ import annotations

import typer

from coachlog.cli.common import (
    DATE_FORMS_HELP,
    FROM,
    SUBJECT,
    TO,
    EmailOptions,
    day_from,
    format_option,
    print_view,
    resolve_format,
    state,
)
from coachlog.cli.completing import complete_rep
from coachlog.render.formats import FORMATS


def report(
    ctx: typer.Context,
    rep: str = typer.Option(
        None, "--rep", help="One rep in detail: timeline and trend.", autocompletion=complete_rep
    ),
    manager: str = typer.Option(None, "--manager", help="Only the reps of this manager."),
    since: str = typer.Option(
        None,
        "--since",
        metavar="DATE",
        help="First day of the window (alone: up to today). " + DATE_FORMS_HELP,
    ),
    until: str = typer.Option(
        None, "--until", metavar="DATE", help="Last day of the window. " + DATE_FORMS_HELP
    ),
    month: str = typer.Option(
        None, "--month", metavar="YYYY-MM", help="A calendar month (default: this month)."
    ),
    fmt: str = format_option(FORMATS),
    to: str = TO,
    sender: str = FROM,
    subject: str = SUBJECT,
) -> None:
    """Who got coached, what was promised, and what was kept.

    Per rep: 1:1s, coaching minutes against the target, goals, call reviews, the #1
    behaviour, how helpful the rep found the 1:1s, and flags for what falls short; then the
    manager's own commitments.

    \b
    Example: coachlog report --month 2026-11 --format email --to boss@example.com | sendmail -t
    """
    from coachlog.core.report import report_window
    from coachlog.ops.report import ReportRequest, gather_report
    from coachlog.render.report import report_view

    fmt = resolve_format(fmt, FORMATS)
    email = EmailOptions(to, sender, subject)
    email.check(fmt)
    st = state(ctx)
    today = st.today
    window = report_window(
        today,
        month=month,
        since=day_from(since, "--since", today) if since is not None else None,
        until=day_from(until, "--until", today) if until is not None else None,
    )
    journal = st.journal()
    found = gather_report(journal, ReportRequest(window, rep, manager), today)
    print_view(st, report_view(found), fmt, email)
