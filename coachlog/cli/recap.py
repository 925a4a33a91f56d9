"""``coachlog recap``: what the rep keeps from a 1:1, as Markdown or an email."""

from __future__ import annotations

import typer

from coachlog.cli.common import (
    FORMAT_ALIASES,
    FROM,
    SUBJECT,
    TO,
    EmailOptions,
    format_option,
    print_view,
    state,
)
from coachlog.cli.completing import complete_one_on_one

RECAP_FORMATS = ("markdown", "email")


def recap(
    ctx: typer.Context,
    record_id: str = typer.Argument(
        ...,
        metavar="ID",
        help="The 1:1's id, or a unique prefix.",
        autocompletion=complete_one_on_one,
    ),
    fmt: str = format_option(RECAP_FORMATS),
    to: str = TO,
    sender: str = FROM,
    subject: str = SUBJECT,
) -> None:
    """Write what the rep keeps from a 1:1, as Markdown or an email.

    The goals set, moved on or closed in it, open goals with due dates, your commitments, the
    call-review scores discussed. The recap of a cancelled 1:1 says so at its top. Never the
    Notes, the Private section, a private: field, a goal's notes or a cancel note.

    \b
    Example: coachlog recap 2026-11-24-alice --format email --to alice@example.com | sendmail -t
    """
    from coachlog.errors import UsageError
    from coachlog.ops.recap import recap_of
    from coachlog.render.recap import recap_view

    fmt = FORMAT_ALIASES.get(fmt, fmt) if fmt else "markdown"
    if fmt not in RECAP_FORMATS:
        raise UsageError(f"{fmt!r} is not a format here; use markdown or email", flag="--format")
    email = EmailOptions(to, sender, subject)
    email.check(fmt)
    st = state(ctx)
    print_view(st, recap_view(recap_of(st.journal(), record_id)), fmt, email)
