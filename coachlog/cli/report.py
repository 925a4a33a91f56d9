"""``coachlog report``: the accountability view; and the email options every listing shares."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

import typer

from coachlog.cli.common import FORMAT_HELP, State, day_from, echo, state
from coachlog.errors import UsageError

if TYPE_CHECKING:
    from coachlog.render.email import Envelope

TO = typer.Option(None, "--to", help="--format email: To (default: email.to in coachlog.yaml).")
FROM = typer.Option(
    None,
    "--from",
    help="--format email: From (default: email.from in coachlog.yaml, then git's user.email).",
)
SUBJECT = typer.Option(None, "--subject", help="--format email: the Subject line.")


def check_email_options(fmt: str, to: str | None, sender: str | None, subject: str | None) -> None:
    """--to, --from and --subject only mean something for an email."""
    if fmt == "email":
        return
    for value, flag in ((to, "--to"), (sender, "--from"), (subject, "--subject")):
        if value is not None:
            raise UsageError("goes with --format email only", flag=flag)


def envelope_for(
    st: State, to: str | None, sender: str | None, subject: str | None, default_subject: str
) -> Envelope:
    """From, To, Subject and Date of an email: the flags, then the journal's config (then
    git's user.email for From). A missing address is an error."""
    from coachlog.ops.report import email_addresses
    from coachlog.render.email import Envelope, check_envelope

    sender, to = email_addresses(st.journal(), to, sender)
    envelope = Envelope(sender, to, default_subject if subject is None else subject, st.now())
    check_envelope(envelope)
    return envelope


def _current_envelope(default_subject: str) -> Envelope:
    """The envelope of the command running now, for listings without email flags."""
    try:  # typer releases that vendor click keep it here
        from typer._click.globals import get_current_context
    except ImportError:  # pragma: no cover - typer releases that depend on click
        from click import get_current_context  # type: ignore[no-redef]

    ctx = cast("typer.Context", get_current_context())
    return envelope_for(state(ctx), None, None, None, default_subject)


def install_email_defaults() -> None:
    """Let every listing's ``--format email`` find its addresses in the journal's config."""
    from coachlog.render import email

    email.envelope_source = _current_envelope


def report(
    ctx: typer.Context,
    rep: str = typer.Option(None, "--rep", help="One rep in detail: timeline and trend."),
    manager: str = typer.Option(None, "--manager", help="Only the reps of this manager."),
    since: str = typer.Option(
        None, "--since", metavar="DATE", help="First day of the window (alone: up to today)."
    ),
    until: str = typer.Option(None, "--until", metavar="DATE", help="Last day of the window."),
    month: str = typer.Option(
        None, "--month", metavar="YYYY-MM", help="A calendar month (default: this month)."
    ),
    fmt: str = typer.Option(None, "--format", "-f", help=FORMAT_HELP),
    to: str = TO,
    sender: str = FROM,
    subject: str = SUBJECT,
) -> None:
    """Who got coached, and what was promised and kept: per rep, 1:1s, coaching minutes
    against the target, goals, call reviews, the #1 behaviour, how helpful the rep found the
    1:1s, and flags for what falls short; then the manager's own commitments.

    \b
    Example: coachlog report --month 2026-11 --format email --to boss@example.com | sendmail -t
    """
    from coachlog.core.report import report_window
    from coachlog.ops.report import ReportRequest, gather_report
    from coachlog.render.formats import resolve_format
    from coachlog.render.report import REPORT_FORMATS, render_report, report_title

    fmt = resolve_format(fmt, REPORT_FORMATS)
    check_email_options(fmt, to, sender, subject)
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
    envelope = None
    if fmt == "email":
        envelope = envelope_for(st, to, sender, subject, report_title(found))
    echo(render_report(found, fmt, envelope=envelope))
