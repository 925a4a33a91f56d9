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
from coachlog.errors import UsageError
from coachlog.render.formats import FORMATS


def report(
    ctx: typer.Context,
    rep: str = typer.Option(
        None, "--rep", help="One rep in detail: timeline and trend.", autocompletion=complete_rep
    ),
    manager: str = typer.Option(
        None, "--manager", help="One manager in detail: their reps, their row, and their trend."
    ),
    by: str = typer.Option(
        "rep", "--by", metavar="rep|manager", help="A row per rep (default) or per manager."
    ),
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

    --by manager gives a row per manager instead: reps coached, 1:1s, coaching minutes
    against their reps' target, the median days between 1:1s, goal completion, commitments
    kept, mean helpfulness and the share of 1:1s rated. --journal may be given several times
    (a folder of team clones): each journal is a team, and every row names its team.

    \b
    Example: coachlog report --month 2026-11 --format email --to boss@example.com | sendmail -t
    Example: coachlog report --by manager --journal east --journal west --since 2026-01-01
    Example: coachlog report --manager dana --format json
    """
    from coachlog.core.report import report_window
    from coachlog.ops.report import ReportRequest, gather_reports
    from coachlog.render.report import managers_view, report_view

    if by not in ("rep", "manager"):
        raise UsageError(f"{by!r} is not a grouping; use rep or manager", flag="--by")
    if by == "manager" and rep is not None:
        raise UsageError("a rep in detail has no managers' table; leave out --by", flag="--rep")
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
    found = gather_reports(st.journals(), ReportRequest(window, rep, manager), today)
    print_view(st, managers_view(found) if by == "manager" else report_view(found), fmt, email)
