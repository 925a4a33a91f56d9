"""``coachlog digest``: the week ahead."""

from __future__ import annotations

from dataclasses import replace

import typer

from coachlog.cli.common import (
    FROM,
    SUBJECT,
    TO,
    EmailOptions,
    format_option,
    print_view,
    resolve_format,
    state,
)
from coachlog.render.formats import FORMATS


def digest(
    ctx: typer.Context,
    fmt: str = format_option(FORMATS),
    to: str = TO,
    sender: str = FROM,
    subject: str = SUBJECT,
) -> None:
    """The week ahead: what is overdue, what falls due, whom to meet.

    From today and for seven days: overdue goals and commitments, goals due, reps whose next
    1:1 is due by the cadence with none planned, the 1:1s planned, call reviews the rep
    commented on that wait for your comments (the last four weeks), and your field-coaching
    dates. --today sets the first day. --journal may be given several times: each journal is a
    team, and every item names its team.

    \b
    Example: coachlog digest --format email --to me@example.com | sendmail -t
    Example: coachlog digest --format json | jq '.overdue[] | .title'
    """
    from coachlog.ops.digest import gather_digests
    from coachlog.render.digest import digest_view

    fmt = resolve_format(fmt, FORMATS)
    email = EmailOptions(to, sender, subject)
    email.check(fmt)
    st = state(ctx)
    today = st.today
    found = gather_digests(st.journals(), today)
    view = digest_view([(f.team, f.digest, f.paths) for f in found])
    default = f"Week ahead, {today.isoformat()}"
    print_view(st, view, fmt, replace(email, default_subject=default))
